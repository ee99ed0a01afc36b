"""Text copied out of a web page, a newsletter or a shared document reads as the document inside it."""

from __future__ import annotations

import re
from pathlib import Path

from bot.core.reading.passages import parse_document
from bot.core.reading.webcopy import campaign_text, commented_text, linked_text, mailed_text, page_text

TUNING = Path(__file__).parent / "data" / "webcopy"


def _texts(name: str) -> tuple[object, list[str]]:
    doc = parse_document(name, (TUNING / name).read_text(encoding="utf-8"))
    return doc, [p.text for p in doc.passages]


def test_a_news_page_copied_from_a_browser_keeps_only_its_article() -> None:
    doc, texts = _texts("council-news.txt")
    assert doc.title == "New garden waste collection days from April"  # not the cookie banner's heading
    assert doc.date == "12 February 2026"
    assert texts[:2] == [
        "Published 12 February 2026",  # the byline
        "Garden waste will be collected on new days from Monday 6 April, as the council moves to a "
        "four-day working week for its crews.",
    ]
    assert texts[-1] == "Collections will pause over Christmas as usual, from 21 December to 3 January."
    joined = "\n".join(texts)
    for furniture in ("cookies", "Share this page", "Related content", "Bin collection days", "helpful", "©"):
        assert furniture not in joined


def test_a_blog_post_names_its_writer_and_loses_its_comment_form() -> None:
    doc, texts = _texts("wp-blog.txt")
    assert (doc.title, doc.author, doc.date) == (
        "Why I stopped digging my vegetable beds",
        "Hazel Quennell",
        "March 4, 2026",
    )
    assert texts[-1] == "If you want to try it, start with one bed and compare."
    assert not any("Posted in" in t or "email address" in t or "Save my name" in t for t in texts)


def test_a_magazine_article_keeps_its_standfirst_and_byline_and_loses_pointers() -> None:
    doc, texts = _texts("magazine.txt")
    assert doc.title == "The quiet return of the village shop" and doc.author == "Oluwaseun Barker"
    assert "Community-owned shops are opening faster than they close. What changed?" in texts
    assert not any(t.startswith(("Read more", "Listen", "9 min")) or "Advertisement" in t for t in texts)
    assert texts[-1].startswith("The hardest part, she says")  # "More from Culture" and its headlines go


def test_a_newsletter_loses_its_link_marks_buttons_and_list_of_links() -> None:
    doc, texts = _texts("substack.txt")
    assert doc.title == "Field Notes"
    joined = "\n".join(texts)
    assert "counted what grew in it. The results are in" in joined  # the mark "[1]" is gone
    assert "http" not in joined and "Read the full report" not in joined and "Unsubscribe" not in joined
    assert "Links:" not in joined and "©" not in joined


def test_a_documents_comments_leave_the_text_and_quote_what_they_were_made_on() -> None:
    doc, texts = _texts("gdoc.txt")
    assert (
        "Present: Lydia Crane (chair), Tom Aske, Priya Dhar, Ewan Fell" in texts
    )  # a record's line, no heading
    assert any(t.startswith("Tom reported that the stile at Hollow Lane has been replaced") for t in texts)
    comments = [p for p in doc.passages if p.section == "Comments"]
    assert [p.text for p in comments][1] == (
        "Comment on “footpath 14 are rotten and need replacing before the summer”: "
        "The county said they can only fund one more this year. Assigned to Tom Aske"
    )
    assert not any("[a]" in t or "[b]" in t for t in texts)


def test_texts_without_a_sites_furniture_links_or_comments_are_left_alone() -> None:
    essay = (
        "On Walking\n\nShare the path with others.\n\nHome is where the heart is.\n\nContact us at the hut.\n"
    )
    footnoted = "The rate rose [1] and fell [2].\n\n[1] The 2019 survey.\n[2] The 2021 survey.\n[3] Both.\n"
    listed = "Options\n\n[a] Keep the fee.\n[b] Raise it.\n"
    assert page_text(essay) is None and linked_text(footnoted) is None and commented_text(listed) is None
    for path in sorted(Path("eval/readings").glob("*/*.txt")):  # every layout read so far
        if re.search(r"webpage|web-page|gdocs|newsletter|reddit|crowdfund|petition", path.parent.name):
            continue  # (the labelled sets of those kinds)
        text = path.read_text(encoding="utf-8")
        assert page_text(text) is None and linked_text(text) is None and commented_text(text) is None, path
        assert mailed_text(text) is None, path


def test_a_broadcasters_page_keeps_its_caption_and_loses_its_picture_credit() -> None:
    doc, texts = _texts("broadcaster.txt")
    assert doc.title == "Harbour wall repairs to cost £6m, council says" and doc.author == "Marta Nowicka"
    assert "The wall was breached during Storm Imogen in February" in texts  # the caption, without its label
    assert not any("Getty" in t or "ago" in t or "More on this story" in t or "Copyright" in t for t in texts)
    assert texts[-1].startswith("\"We can't leave the town exposed")


def test_a_blogging_platforms_page_names_its_writer_from_under_the_article() -> None:
    doc, texts = _texts("blog-platform.txt")
    assert doc.title == "What three years of running a community fridge taught me"
    assert doc.author == "Noor Bashir" and doc.date == "Mar 3, 2026"
    assert texts[-1] == "What worked was pairing new volunteers with experienced ones for their first month."
    assert not any(t in ("1.2K", "18", "Listen", "Follow") or "Followers" in t for t in texts)


def test_a_mailing_programs_text_loses_its_links_buttons_and_footer() -> None:
    doc, texts = _texts("mailing.txt")
    assert doc.title == "Ravensmoor Choral Society"
    concert = next(p for p in doc.passages if p.text.startswith("Our autumn concert"))
    assert concert.section == "Autumn Concert"  # "** AUTUMN CONCERT": a heading
    assert "can be bought online or from Hawthorn Books" in concert.text  # the link after its words goes
    joined = "\n".join(texts)
    for gone in (
        "http",
        "mailto",
        "Book tickets",
        "browser",
        "Copyright",
        "receiving",
        "mailing address",
        "RM4",
    ):
        assert gone not in joined
    assert "borrowed from the librarian, Gwen Ashby." in joined


CAMPAIGN = """Explore
Start a project
Search
Log in
Food & Craft
The Quayside Bakehouse: a community oven for Penrith
Created by
Quayside Bakers CIC
$12,480
pledged of $20,000 goal
318
backers
6
days to go
Back this project
Campaign
Rewards
Updates
2
Comments
14
Story
We want to turn the old harbour master's office into a bakery with a wood-fired oven anyone can book.
Pledge $15 or more
A Loaf a Month
One sourdough loaf a month for three months, to collect from the bakehouse.
INCLUDES:
Three loaves
ESTIMATED DELIVERY
Jun 2027
102 backers
Select
Pledge $60 or more
Bake Your Own
A morning's baking class at the oven for one person, flour and apron included.
ESTIMATED DELIVERY
Jul 2027
Limited (9 left of 40)
31 backers
Update #2
The oven bricks are here
Nov 30, 2026
Two pallets of firebricks arrived from a kiln works in Stoke, and the mason starts next week.
Comments
Dot Hargreave
Superbacker
about 2 hours ago
Will the oven be open on Sundays? Reply
Reply
About
About us
Help
Terms of use
Privacy policy
© 2026 Campaign site
"""


def test_a_crowdfunding_page_reads_as_its_story_rewards_and_updates() -> None:
    doc = parse_document("bakehouse.txt", CAMPAIGN)
    texts = [p.text for p in doc.passages]
    # the site's menu, tabs, buttons, badges and footer go; the campaign's title and creator stay
    assert doc.title == "The Quayside Bakehouse: a community oven for Penrith"
    assert doc.author == "Quayside Bakers CIC"
    for line in ("Explore", "Back this project", "Superbacker", "about 2 hours ago", "Select", "About us"):
        assert not any(t == line or t.startswith(line + "\n") for t in texts), line
    assert not any(p.section in ("Explore", "Superbacker", "Reply", "Created by") for p in doc.passages)
    # a figure over the words saying what it counts is one line; those at the top one paragraph
    assert "$12,480 pledged of $20,000 goal. 318 backers. 6 days to go." in texts
    # each reward is one paragraph from its price to its backers, its labelled lines as fields
    assert (
        "Pledge $15 or more. A Loaf a Month. One sourdough loaf a month for three months, to collect from "
        "the bakehouse. Includes: Three loaves. Estimated delivery: Jun 2027. 102 backers."
    ) in texts
    assert any(t.startswith("Pledge $60 or more. Bake Your Own.") and "31 backers" in t for t in texts)
    # an update is its title, its date and its words
    assert (
        "Update #2: The oven bricks are here. Posted Nov 30, 2026. Two pallets of firebricks arrived from a "
        "kiln works in Stoke, and the mason starts next week."
    ) in texts
    assert not any(p.speaker for p in doc.passages)


def test_a_page_that_only_sells_is_no_campaign() -> None:
    shop = "Shop\nBread\n£3.20\nCakes\n£12.00\nOur bakery has baked in Penrith since 1961.\n"
    assert campaign_text(shop) is None


def test_a_campaign_page_keeps_its_headline_over_its_tally_and_loses_its_buttons() -> None:
    """A crowdfunding page: "£38,420 / pledged of £60,000 goal / 412 / backers / 9 / days to go", "Back
    this project" and the "Story" tab sit between the headline and the story; the headline is the
    title, "by Saltcombe Lido Trust CIC" the author, the tally one paragraph, the buttons gone."""
    doc, texts = _texts("campaign-page.txt")
    assert doc.title == "Bring the Lido back to Saltcombe" and doc.author == "Saltcombe Lido Trust CIC"
    assert any(t.startswith("The lido closed in 2019") for t in texts)
    assert sum("backers" in t for t in texts) == 1 and "412 backers" in " ".join(texts)
    assert not any(t.startswith(("Back this project", "Fundrise", "© 2026", "backers")) for t in texts)


def test_a_long_cookie_notice_is_the_sites_not_the_articles_first_sentence() -> None:
    notice = (
        "We and our 187 partners use cookies and similar technologies to store and access information on "
        "your device, to personalise ads and content, measure performance and improve our services. You can "
        "accept all, reject all or manage your preferences at any time."
    )
    page = "\n".join(
        [
            "Skip to main content",
            "Valley Gazette",
            "Sign in",
            "Home",
            "News",
            "We value your privacy",
            notice,
            "Accept all",
            "Reject all",
            "Manage preferences",
            "News",
            "Ferry fares to rise by a fifth in April",
            "Ruth Adeyemi",
            "Transport Reporter",
            "10:02, 3 Mar 2026",
            "Share",
            "Share on Facebook",
            "Fares on the Holme ferry will rise from £2.00 to £2.40 in April, the operator said on Monday.",
            "The operator blamed fuel and insurance costs.",
            "Related stories",
            "Most Read",
        ]
    )
    doc = parse_document("gazette-ferry.txt", page)
    assert doc.title == "Ferry fares to rise by a fifth in April"
    assert doc.author == "Ruth Adeyemi"
    assert not any("cookies" in p.text for p in doc.passages)
