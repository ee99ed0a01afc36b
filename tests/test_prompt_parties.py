"""Whose words a prompt asks, on texts where two parties write: a form's labels are nobody's name, readers'
comments under a page are not its writer's, a body's answer on a petition page is the body's, and a
plan's arrangements ("will be returned in full", "will meet in the last week of January") are no claims.

Unit checks of the label, comment and arrangement rules, and decks built on invented texts: an assembly's
recommendations whose "Votes:" lines the parser reads as a speaker, a blog post with its comments, and a
petition page whose "Created by" line stops the page's article before "Government responded".
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.core.prompts import PromptDeck
from bot.core.prompts.compress import core
from bot.core.prompts.holders import commented, field_labels, holder_name, part_writer, signed_off
from bot.core.prompts.quality import check_deck
from bot.core.prompts.ranking import told
from bot.core.reading.passages import Passage
from bot.core.reading.webcopy import pasted_text
from bot.core.search.index import build_from_seeds


def _p(n: int, text: str, speaker: str | None = None, section: str | None = None, doc: str = "d") -> Passage:
    return Passage(f"{doc}-{n}", doc, "T", section, n, text, speaker=speaker)


def test_a_forms_labels_are_no_speakers_but_an_exchanges_speakers_are():
    form = [
        _p(1, "41 for / 5 against / 2 abstaining (85%) – ADOPTED", "Votes"),
        _p(2, "The Council should open a staffed advice centre in the town centre.", "Votes"),
        _p(3, 'Hartfield Grammar "B"', "Opposition"),
        _p(4, "tidy, but spent too long re-summarising your own case.", "Reply"),
        _p(5, "Your first speaker needs more confidence at the despatch box.", "Hartfield"),
    ]
    assert field_labels(form) == {("d", "Votes"), ("d", "Opposition"), ("d", "Reply"), ("d", "Hartfield")}
    # a label whose first line is a sentence of its own, in a short exchange: a speaker
    said = [_p(1, "I think the fence should stay where it is, and so do my neighbours.", "Leon")]
    assert field_labels(said) == set()
    # an exchange: somebody speaks three turns; a one-word name with a value-like turn keeps its speaker
    talk = [
        _p(n, text, who, doc="t")
        for n, (who, text) in enumerate(
            [
                ("HOST", "Welcome back to the programme."),
                ("Rosa", "We should open the library on Sundays."),
                ("HOST", "Why?"),
                ("Grumbleweed", "agreed, mostly"),
                ("HOST", "Thank you both."),
            ]
        )
    ]
    assert field_labels(talk) == set()
    # names, posts and user names are never fields
    named = [
        _p(1, "yes", "Ms Farah Iqbal (Dunmore South)"),
        _p(2, "no", "kettle_fan42"),
        _p(3, "ok", "TOWN CLERK"),
    ]
    assert field_labels(named) == set()


def test_a_forms_votes_line_never_names_the_holder(embedder, tmp_path):
    """A citizens' assembly's recommendations, each with its "Votes: 41 for / 5 against" line (a speaker's
    turn to a parser that reads "Label: text" as one) and a member's minority view in quotation marks."""
    seeds = Path(__file__).parent.parent / "eval" / "readings" / "s13c-assembly"
    index = build_from_seeds(seeds, embedder, tmp_path / "index", progress=False).index
    voted = [replace(p, speaker="Votes") if p.paragraph >= 10 else p for p in index.passages]
    assert {label for _, label in field_labels(voted)} == {"Votes"}  # (what an older parser made of it)
    deck = PromptDeck.build(replace(index, passages=voted), embedder)
    assert deck.prompts
    for prompt in deck.prompts:
        assert "Votes" not in prompt.question and prompt.holder == "the Kestle Vale Citizens' Assembly"
        assert not prompt.quote.startswith("Landlords with a single cottage"), prompt.question  # (a member's)
    assert check_deck(deck.prompts, index.passages, deck.holders).ok


BLOG = """\
Skip to content
Menu
The Lowfield Ledger
Home
About
Contact

Why the Saturday market should move to Sunday

Posted on 4 October 2026 by Gareth Pennock

For forty years Lowfield's market has filled Church Square every Saturday morning. I now think the market \
should move to Sunday, and I want to make the case before the consultation closes.

A market that takes away forty parking spaces on the busiest day of the week costs the high street more \
than it brings in. A Sunday market would have the square to itself.

If we do nothing, the market will not survive another ten years. Moving it is a risk; keeping it where it \
is, is a certainty.

Share this:
Facebook
X
Like this:
Like Loading...

3 thoughts on "Why the Saturday market should move to Sunday"

Margaret Oyelowo
October 4, 2026 at 9:12 am
I have run the cheese stall for nineteen years and I would never come on a Sunday, because it is my day \
off.

Half the traders I know feel the same, so the council would end up with an even smaller market.

Reply

Colin Ashworth
October 4, 2026 at 1:05 pm
The shops would do better if they gave people a reason to come into town, and the market is that reason.

A high street that lives on parking is competing with the retail park, and it will always lose that contest.

Reply

Leave a Reply Cancel reply
Post Comment

© 2026 The Lowfield Ledger · Proudly powered by WordPress
"""


def test_readers_comments_under_a_page_are_not_its_writers(embedder, tmp_path):
    text = pasted_text(BLOG)
    assert "\n\nComments\n\n" in text  # (where the comments begin, for the reader that follows)
    article, _, comments = text.partition("\n\nComments\n\n")
    assert "market should move to Sunday" in article and "retail park" in comments
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "post.txt").write_text(BLOG)
    index = build_from_seeds(seeds, embedder, tmp_path / "index", progress=False).index
    deck = PromptDeck.build(index, embedder)
    assert deck.prompts and {p.holder for p in deck.prompts} == {"Pennock"}
    for prompt in deck.prompts:
        assert prompt.quote in article, prompt.question  # never a commenter's words in the writer's name
    # the writer's thesis, said with "I now think …, and I want …", is asked as the thesis
    assert any("the market should move to Sunday" in p.question for p in deck.prompts)
    zone = commented([_p(1, "Our case."), _p(2, "I disagree.", section="Comments 38"), _p(3, "Me too.")])
    assert zone == {"d-2", "d-3"}


PETITION = """\
Skip to main content
Petitions
Start a petition  Search petitions  Menu

Petition
Give every village a bus on Sundays

Rural villages lose their only bus on Sundays, and people without a car cannot get to work or visit family.

More details

Many of the jobs near us are in care homes and shops that open every day. A bus that stops on Saturday \
evening leaves them with a taxi fare or no job. We want a legal minimum of four Sunday buses for every \
village.

Share this petition
Email  Facebook  WhatsApp  X

Created by Meera Castell
Deadline

Government responded
This response was given on 2 May 2026

Read the response in full

The Government recognises that buses are a lifeline for rural communities. Local transport authorities are \
best placed to decide which routes to support, because they know their own areas.

A national minimum for Sunday services would take decisions away from local leaders and cost far more than \
the routes would carry in fares.
"""


def test_a_bodys_answer_on_a_petition_page_is_kept_and_asked_in_its_name(embedder, tmp_path):
    text = pasted_text(PETITION)
    assert "Government responded" in text and "best placed to decide" in text
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "petition.txt").write_text(PETITION)
    index = build_from_seeds(seeds, embedder, tmp_path / "index", progress=False).index
    deck = PromptDeck.build(index, embedder)
    assert deck.prompts
    for prompt in deck.prompts:
        government = (
            "lifeline" in prompt.quote or "local leaders" in prompt.quote or "best placed" in prompt.quote
        )
        assert prompt.holder == ("the Government" if government else "Castell"), prompt.question


@pytest.mark.parametrize(
    ("line", "body"),
    [
        ("Original Government response", "the Government"),
        ("Revised response from the Department for Transport", "the Department for Transport"),
        ("Government responded", "the Government"),
    ],
)
def test_which_reply_a_heading_names_is_no_part_of_its_bodys_name(line, body):
    assert part_writer(line) == body


@pytest.mark.parametrize(
    ("sentence", "arranged"),
    [
        (
            "If the purchase falls through, every pledge will be returned in full by Crowdpatch.",
            True,
        ),
        ("Examination boards for Semester One will meet in the last week of January.", True),
        ("Programmes in the Schools of Medicine and of Veterinary Science will be exempt.", True),
        ("A review will be reported to Senate in autumn 2028.", True),
        ("No Semester One marking deadline will be set before 12 January.", True),
        ("Tea and squash will be served.", True),
        # forecasts and judgements about the future stay claims
        ("If we do nothing, the market will not survive another ten years.", False),
        ("If the lists are kept open, a better truth will be found when the mind can receive it.", False),
        ("The bill will be defeated by a wide margin.", False),
        ("The judiciary will always be the least dangerous branch.", False),
    ],
)
def test_a_plans_arrangements_are_no_claims(sentence, arranged):
    assert told(sentence) is arranged


def test_a_phrasal_verb_and_a_thesis_said_with_its_occasion_compress():
    def names(word: str) -> bool:
        return False

    assert (
        core(
            "A market that takes away forty parking spaces costs the high street more than it brings in.",
            names,
        )
        == "a market that takes away forty parking spaces costs the high street more than it brings in"
    )
    assert (
        core("I now think the market should move to Sunday, and I want to make the case before May.", names)
        == "the market should move to Sunday"
    )
    assert core("The plan will cost more than the council has spent in.", names) is None  # (cut short)
    # how the speaker means it is no part of the claim
    assert (
        core("Finally, and I say this carefully, I think the film is more relevant now than in 1979.", names)
        == "the film is more relevant now than in 1979"
    )
    # why the writer stands is the claim: "I'm standing because X"
    assert (
        core("I'm standing because every ward deserves a councillor who answers the phone.", names)
        == "every ward deserves a councillor who answers the phone"
    )


def test_an_election_leaflets_imprint_names_the_candidate():
    imprint = (
        "Promoted by Sunita Marsh on behalf of Daniel Okonjo-Hart, both of 14 Weaver's Close, Castleford."
    )
    assert (
        holder_name(None, [], texts=["Vote for a councillor who answers the phone.", imprint])
        == "Okonjo-Hart"
    )
    assert holder_name(None, [], texts=["Promoted by Lena Marsh, 3 Mill Lane, Harwick."]) == "Marsh"
    assert holder_name(None, [], texts=["The report was published by the council in May."]) == "the author"


def test_a_sign_off_with_its_post_in_brackets_names_the_signer():
    assert signed_off(["R. Lindqvist (chair) Date: 02/12/26"]) == "R. Lindqvist"
    assert signed_off(["Signed: R. Lindqvist (chair) Date: 02/12/26"]) == "R. Lindqvist"  # (a form's field)
    assert signed_off(["Judith Amankwah-Stone, Deputy Ombudsman"]) == "Judith Amankwah-Stone"
    assert signed_off(["Regards, Director"]) is None


def test_a_firm_named_for_its_trade_is_asked_by_its_whole_name(embedder, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "campaign.md").write_text(
        "# Keepers of the Light\n\nBy Saltmarsh Games\n\n"
        "We make cooperative board games, and we think games that people play together beat games that "
        "people play alone. A board game should never need an app to be played. Good games teach patience "
        "better than any lesson can, and we will keep making them.\n"
    )
    index = build_from_seeds(seeds, embedder, tmp_path / "index", progress=False).index
    deck = PromptDeck.build(index, embedder)
    assert deck.prompts
    assert all(p.holder == "Saltmarsh Games" for p in deck.prompts), [p.question for p in deck.prompts]
