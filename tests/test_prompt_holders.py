"""Whose name a prompt carries: the writer of each part, a reviewer named in a standfirst, the
person a writer paraphrases, and another holder who answers a view.

Unit checks of the headings and lines that name a part's writer (a judge's "Lady Justice X:",
"JUSTICE Y, dissenting.", a report's "Minority report of Cllr Z"), of a review's "X reviews Y,
by Z" standfirst and of views set out as someone's ("X's central claim is that …", "…, she argues,
…"); decks built on an invented judgment of two judges who disagree (with the deck check's holder
test on it) and on an invented review.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from bot.core.prompts import PromptDeck
from bot.core.prompts.cues import claim_score
from bot.core.prompts.holders import author_from_text, holder_name, part_writer, part_writers
from bot.core.prompts.quality import check_deck
from bot.core.prompts.ranking import report_penalty
from bot.core.prompts.voice import AUTHOR, REBUTTED, as_report, continues, paraphrases, voice_of
from bot.core.reading.passages import Passage
from bot.core.search.index import build_from_seeds


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Lady Justice Marchetti:", "Marchetti"),
        ("Lord Justice Hale (dissenting):", "Hale"),
        ("MR JUSTICE FERRIS", "Ferris"),
        ("JUSTICE ORTIZ, with whom JUSTICE LEE joins, dissenting.", "Ortiz"),
        ("CHIEF JUSTICE DANBY delivered the opinion of the Court.", "Danby"),
        ("Member Okonjo-Hart, dissenting", "Okonjo-Hart"),
        ("Minority report of Cllr Peter Moss", "Moss"),
        ("Note of dissent by Dr Amara Lee", "Lee"),
        ("4. Dissenting opinion of Judge Wu", "Wu"),
        # a minority that signs no names: its members together
        ("6. Minority report", "the minority"),
        ("Minority views", "the minority"),
        # a body's answer under what it answers (a petition's, a complaint's, an application's)
        ("Government responded", "the Government"),
        ("The Council's response", "the Council"),
        ("Response from the Department for Transport", "the Department for Transport"),
        ("Feedback from the panel", "the panel"),
        ("Reply from Dr Amira Haddad", "Haddad"),
        ("Our response", None),
        ("Responses to the consultation", None),
        # a heading that names a subject, a body, or the court, names no writer
        ("Reasons of the majority", None),
        ("Opinion of the Court", None),
        ("Ground 2: consultation", None),
        ("Mill on the liberty of thought", None),
        ("The judge was right to reject it.", None),
        ("Lord Justice Hale: I agree, and add only this about the order the Council made in 2024.", None),
    ],
)
def test_a_heading_or_line_names_the_writer_of_the_part_under_it(line, name):
    assert part_writer(line) == name


def _passage(n: int, text: str, section: str | None, speaker: str | None = None) -> Passage:
    return Passage(
        id=f"p{n}", document="j.txt", title="J", section=section, paragraph=n, text=text, speaker=speaker
    )


def test_each_part_is_its_writers_until_the_next_heading():
    passages = [
        _passage(1, "This appeal concerns a footpath.", "Between"),
        _passage(2, "1. I would dismiss the appeal.", "Lady Justice Marchetti"),
        _passage(3, "Lord Justice Hale (dissenting):", "Lady Justice Marchetti"),
        _passage(4, "2. I cannot agree.", "Lady Justice Marchetti"),
        _passage(5, "A note on costs.", "Costs"),
        _passage(6, "Yes.", "Lady Justice Marchetti", speaker="COUNSEL"),
    ]
    writers = part_writers(passages)
    assert writers == {"p2": "Marchetti", "p4": "Hale"}  # (a speaker's turn stays the speaker's)


def test_a_comment_lists_name_headings_name_their_writers():
    """A campaign page's comments: each commenter's name alone heads what they wrote."""
    passages = [
        _passage(1, "We believe a town by the sea should teach every child to swim.", None),
        _passage(2, "I learned to swim in that pool in 1968.", "Maureen Tallis"),
        _passage(
            3,
            "Love the idea but who pays when the panels need replacing? I'd like to see costs.",
            "Dev Kapoor",
        ),
        _passage(4, "Name a lane for ten years, plus two season passes.", "Lane Sponsor"),
    ]
    writers = part_writers(passages)
    assert writers == {"p2": "Tallis", "p3": "Kapoor"}  # "Lane Sponsor" is a reward's name, not a person


def test_a_bodys_legal_form_is_not_part_of_its_name_in_a_question():
    assert holder_name("Saltcombe Lido Trust CIC") == "the Saltcombe Lido Trust"
    assert holder_name("Friends of the Reel Room CIC") == "the Friends of the Reel Room"
    assert holder_name("Harlow Homes Ltd") == "Harlow Homes"  # a company, never a surname


def test_a_signed_pieces_heading_names_its_writer():
    passages = [
        _passage(1, "Parking on the estate has become a headache for us.", "Nadia Korhonen, Treasurer"),
        _passage(2, "I think a permit scheme would hit the wrong people.", "Owen Marsh, Linden Court"),
        _passage(3, "Our car park behind the court is full.", "Birch Court, Linden Court"),
        _passage(4, "We have booked the hall.", "London, 1852"),
        # a section about a person, in the third person, is not by them
        _passage(5, "He held the Union together through four years of war.", "Abraham Lincoln, President"),
    ]
    assert part_writers(passages) == {"p1": "Korhonen", "p2": "Marsh"}


def test_a_reviews_standfirst_names_the_reviewer_not_the_books_author():
    line = "Ines Varga reviews The Long Table: Why We Should Eat Together, by Colm Hurley (Arden, 288 pp)"
    assert holder_name(None, ["THE LITERARY QUARTERLY", line]) == "Varga"
    assert author_from_text(["Reviewed by Ines Varga"]) == "Ines Varga"
    # a body that reviews its own policy is no reviewer's standfirst
    assert author_from_text(["The Board reviews its lending policy every year."]) is None


def test_a_columns_answers_are_its_columnists_whoever_the_standfirst_names_second():
    from bot.core.prompts.holders import speaker_name

    standfirst = "Thirty years behind the counter and still curious. Nia Hughes answers your questions."
    assert author_from_text(["ASK NIA", standfirst]) == "Nia Hughes"
    assert author_from_text(["Forty members answer your questions."]) is None
    # a column's or an interview's "A:" is whoever answers (the author); its "Q:" the one who asks
    assert speaker_name("A") is None and speaker_name("Q") == "the questioner"
    assert speaker_name("ANNA REYES") == "Reyes"


JUDGMENT = """IN THE COURT OF APPEAL

Before: LADY JUSTICE MARCHETTI and LORD JUSTICE HALE

JUDGMENT

Lady Justice Marchetti:

1. This appeal concerns a ferry licence that the Council refused to renew after forty years.

2. A licence is a permission, not a property, and a council that grants one for a term may decline to \
renew it when the term ends. The ferryman had no right to expect that it would last for ever.

3. I would dismiss the appeal.

Lord Justice Hale (dissenting):

4. I regret that I cannot agree.

5. Forty years of renewal without complaint create an expectation that the law should protect. A \
council that may end a livelihood without a reason has a power no council should have.

6. I would allow the appeal.
"""


def _judgment(embedder, tmp_path: Path) -> tuple[PromptDeck, list[Passage]]:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "judgment.txt").write_text(JUDGMENT, encoding="utf-8")
    index = build_from_seeds(seeds, embedder, tmp_path / "index", progress=False).index
    return PromptDeck.build(index, embedder), index.passages


def test_a_judges_reasons_are_asked_in_the_judges_name(embedder, tmp_path):
    deck, passages = _judgment(embedder, tmp_path)
    assert deck.prompts
    asked = " ".join(p.question for p in deck.prompts)
    assert "the author" not in asked
    by_holder = {p.holder for p in deck.prompts}
    assert by_holder <= {"Marchetti", "Hale"} and len(by_holder) == 2
    assert check_deck(deck.prompts, passages, deck.holders).ok
    # "the author" under a heading that names the part's writer is a holder failure
    wrong = [replace(p, question=p.question.replace(p.holder, "the author")) for p in deck.prompts]
    report = check_deck(wrong, passages, deck.holders)
    assert report.figures.holders_wrong == len(wrong)


def test_a_petition_page_asks_the_petitioner_and_the_government_each_in_their_name(embedder, tmp_path):
    """A petition copied from its site: the petition is its creator's ("Created by Joanna Baxter"),
    the answer under "Government responded" the Government's; the site's menu is no title."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(Path(__file__).parent / "data" / "petition-page.txt", seeds / "petition.txt")
    index = build_from_seeds(seeds, embedder, tmp_path / "index", progress=False).index
    assert index.passages[0].title == "Fund a lollipop crossing patrol outside every primary school"
    deck = PromptDeck.build(index, embedder)
    holders = {p.holder for p in deck.prompts}
    assert deck.prompts and holders <= {"Baxter", "the Government"} and "the Government" in holders
    for prompt in deck.prompts:
        said = next(p for p in index.passages if prompt.quote in p.text)
        government = said.paragraph > next(
            p.paragraph for p in index.passages if p.text == "Government responded"
        )
        assert prompt.holder == ("the Government" if government else "Baxter"), prompt.question
    assert check_deck(deck.prompts, index.passages, deck.holders).ok


@pytest.mark.parametrize(
    ("sentence", "holder"),
    [
        ("Okonjo's central claim is that a library is a public good.", "Okonjo"),
        ("The council's case is that it faces an acute shortage of homes.", "the council"),
        ("Mr Ruiz, for the tenants, submits that the notice was too short.", "Mr Ruiz"),
        ("Grades, Okonkwo writes, were invented to sort pupils.", "Okonkwo"),
        ("Cafés, she argues, compete to be louder.", ""),  # (who "she" is, the sentences before say)
        ("The plan, critics say, will cost jobs.", "critics"),
        ("Homework, many parents believe, builds discipline.", "many parents"),
        ("Grades, it is often claimed, make pupils anxious.", "some"),
    ],
)
def test_a_view_set_out_as_someones_is_theirs(sentence, holder):
    voice = voice_of(sentence)
    assert voice.others and voice.holder == holder


def test_the_writers_own_voice_ends_a_paraphrase():
    assert paraphrases("Okonjo's central claim is that a library is a public good.") == "Okonjo"
    assert paraphrases("Cafés, she argues, compete to be louder.") == ""
    assert paraphrases("The council's case is that it must build.") is None  # a body's case, in one sentence
    assert paraphrases("The plan, critics say, will cost jobs.") is None  # a group's view, in one sentence
    assert continues("Shops play music because a customer who cannot think is a customer who buys.")
    for own in ("But clean air harms nobody.", "This is a strong argument.", "I think she is wrong.",
                "It is a necessary book."):  # fmt: skip
        assert not continues(own)


def test_another_holder_answering_a_view_makes_two_sides():
    view = "The design team argued that the deadline was the real cause of the failure."
    answer = "The test team argued the opposite: that no deadline would have saved a design never tested."
    assert voice_of(view, answer).kind == REBUTTED
    assert voice_of(answer).holder == "the test team"
    assert as_report(answer).startswith("The test team argued that no deadline")


def test_how_a_book_is_laid_out_is_no_claim():
    assert report_penalty("The Long Table begins in a school canteen where nobody speaks to anyone.") > 0
    assert report_penalty("The book opens with a wedding.") > 0
    assert report_penalty("Society begins where force ends.") == 0


REVIEW = """THE LITERARY QUARTERLY

A Table for Everyone

Ines Varga reviews The Long Table: Why We Should Eat Together, by Colm Hurley (Arden Press, 288 pp)

Colm Hurley has written a book in praise of the shared meal. Hurley's central claim is that eating alone \
is the quiet cause of the loneliness of our age. Families, he argues, have stopped eating together because \
every member now eats on a timetable of their own. Schools that serve lunch in twenty minutes teach children \
that a meal is fuel.

This is a generous argument, but it mistakes a symptom for a cause. People do not eat alone because they \
have forgotten how to share a table; they eat alone because they work hours that no table can match. A book \
about loneliness that never mentions the night shift has not looked at the people it describes.

We should want more shared tables. We should not pretend that a table can mend what a rota has broken.
"""


def test_a_reviewer_is_named_and_the_books_claims_are_its_authors(embedder, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "review.txt").write_text(REVIEW, encoding="utf-8")
    index = build_from_seeds(seeds, embedder, tmp_path / "index", progress=False).index
    deck = PromptDeck.build(index, embedder)
    assert deck.prompts
    for p in deck.prompts:
        assert "the author" not in p.question
        if any(s in p.quote for s in ("Families, he argues", "Schools that serve lunch", "eating alone is")):
            assert p.holder == "Hurley" and "Varga" not in p.question  # the book's view, not the reviewer's
        else:
            assert p.holder in ("Varga", "Hurley")


def test_the_writers_disclaimer_is_no_claim():
    assert report_penalty("We do not claim that price does not matter to young people.") > 0
    assert report_penalty("I am not saying that the council is corrupt.") > 0
    # a denial of the writer's own is a position
    assert report_penalty("We do not need more roads.") == 0
    assert report_penalty("I do not believe the plan will work.") == 0


def test_a_question_someone_asked_is_no_claim():
    assert report_penalty("Several people have asked whether the fridge will have to move.") > 0
    assert report_penalty("Nobody has asked what the trains cost.") == 0  # that nobody asked is a charge
    assert report_penalty("We must ask whether the plan is fair.") == 0


def test_a_view_granted_in_a_subordinate_clause_leaves_the_main_clause_the_writers():
    said = "Although critics say that the tram will empty the high street, the evidence points the other way."
    assert voice_of(said).kind == AUTHOR
    assert (
        voice_of("While it is often claimed that grades make pupils anxious, uncertainty is worse.").kind
        == AUTHOR
    )
    assert voice_of("Critics say that the tram will empty the high street.").holder == "critics"


def test_a_text_s_speaker_signer_or_body_holds_its_claims() -> None:
    from bot.core.prompts.holders import holder_name

    we = ["We think this is right, and our members agree with us."]
    narrated = ["Script version 3.2 · Recorded March 2025 · Narrator: Dr Ilse Marrack, Keeper of Collections"]
    assert holder_name(None, narrated) == "Marrack"
    issued = [
        "Investigator: Callum Ferreira-Doyle Decision issued by: Judith Amankwah-Stone, Deputy Ombudsman"
    ]
    assert holder_name(None, issued) == "Amankwah-Stone"  # who decides, not who investigated
    assert holder_name(None, [], closing=["Judith Amankwah-Stone, Deputy Ombudsman"]) == "Amankwah-Stone"
    # a body named at the head of a text that speaks as "we"; its legal form is no part of its name
    title = "Fellside Growers' Co-operative Limited"
    assert holder_name(None, [], title=title, texts=we) == "the Fellside Growers' Co-operative"
    assert holder_name(None, [], title="Brinmouth Salt Works Museum — Audio Guide", texts=we) == (
        "the Brinmouth Salt Works Museum"
    )
    # not a text that never speaks as "we", nor a title that names no body
    assert holder_name(None, [], title=title, texts=["The co-operative was founded in 1952."]) == "the author"
    assert holder_name(None, [], title="Why the Lights Went Out", texts=we) == "the author"
    # writers who call themselves "the authors" and write as "we", named nowhere in the text
    rfc = ["The authors' position is that quiet hours belong to the recipient.", "We do not accept this."]
    assert holder_name(None, [], title="LMC RFC 0417", texts=rfc) == "the authors"
    assert holder_name(None, [], title="LMC RFC 0417", texts=rfc[:1]) == "the author"  # (no "we": a report)


MINUTES = """\
HOLLOWAY ROAD RESIDENTS' ASSOCIATION
Minutes of the General Meeting held on 4 February 2025

1. Apologies for absence
Apologies were received from Mr Dunn and Mrs Akhtar.

2. Matters arising
The minutes of the previous meeting were approved as a true record.

3. The mast proposal
The chair reminded members that only paid-up households may vote on the proposal.

Mr Ogilvie said that without the mast income the roof would have to be paid for from reserves.

Ms Tran also opposed the proposal, though for different reasons. She said the Association should \
not become a landlord for a telecoms company.

4. Any other business
There was no other business.

5. Date of next meeting
The next meeting will be held on 4 March 2025.
"""


def test_minutes_ask_what_members_said_and_not_what_the_secretary_recorded(embedder, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "minutes.txt").write_text(MINUTES, encoding="utf-8")
    index = build_from_seeds(seeds, embedder, tmp_path / "index", progress=False).index
    deck = PromptDeck.build(index, embedder)
    quotes = " ".join(p.quote for p in deck.prompts)
    assert "reminded members" not in quotes and "approved as a true record" not in quotes  # the record's
    holders = {p.holder for p in deck.prompts}
    assert "Ms" not in holders  # "She" after "Ms Tran also opposed…" is Ms Tran, not her title
    assert holders and holders <= {"Mr Ogilvie", "Ms Tran"}  # what the members said is asked


def test_a_jury_that_writes_as_we_holds_its_report():
    texts = ["We recommend dimming.", "We heard from eleven witnesses.", "Our view is clear."]
    title = "Caddon Citizens' Jury on Night-Time Street Lighting"
    assert holder_name(None, title=title, texts=texts) == "the Caddon Citizens' Jury"
    # a report named for its subject names no body
    assert holder_name(None, title="Report of the Committee on Parks", texts=texts) == "the author"


def test_an_advice_columns_standfirst_and_an_emails_sender_name_the_holder() -> None:
    from bot.core.prompts.holders import author_from_text

    standfirst = (
        "*Marion Ferreira has run the Saturday repair stall at Greyfield Market since 2014. Each month she "
        "answers readers' letters about keeping old bicycles on the road.*"
    )
    assert author_from_text([standfirst]) == "Marion Ferreira"
    assert author_from_text(
        ["From: Friends of the River Lisle <news@riverlisle.org.uk>\nTo: a@b.example"]
    ) == ("Friends of the River Lisle")
    assert author_from_text(["Mill answers the objection in the next chapter."]) is None  # no column


def test_a_campaigns_reward_tiers_are_no_claims(embedder, tmp_path):
    """ "Pledge £500 or more. Lane Sponsor. Name a lane for ten years…": what a backer gets, never advice."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(Path(__file__).parent / "data" / "webcopy" / "campaign-page.txt", seeds / "campaign.txt")
    index = build_from_seeds(seeds, embedder, tmp_path / "index", progress=False).index
    deck = PromptDeck.build(index, embedder)
    assert deck.prompts
    for prompt in deck.prompts:
        said = next(p for p in index.passages if prompt.quote in p.text)
        assert not said.text.startswith("Pledge"), prompt.question
        assert prompt.holder == "the Saltcombe Lido Trust", prompt.question


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Holding examinations on Saturdays penalises the students who can least afford it.", "value"),
        ("This paper proposes that the University stops Saturday examinations.", "recommendation"),
        ("The Board is asked to approve an end to Saturday examinations.", "recommendation"),
    ],
)
def test_a_papers_proposal_and_a_policys_harm_are_claims(sentence, cue):
    """A committee paper argues without 'should': it proposes, asks the body to approve, says who a policy
    penalises."""
    score = claim_score(sentence)
    assert score.kind == cue and score.score >= 2.0


def test_a_byline_inside_the_line_that_says_what_the_text_is_names_the_holder() -> None:
    from bot.core.prompts.holders import author_from_text

    lecture = (
        "A Lecture delivered to the Harbourside Literary and Philosophical Society,\n14th March 1903, by "
        "Mr. ALFRED PENROSE, for twenty-two years a\nPrincipal Keeper in the Service."
    )
    assert author_from_text([lecture]) == "Alfred Penrose"
    assert author_from_text(["A talk broadcast on the Home Service, 1957, by Captain R. H. Dunstable"])
    assert author_from_text(["*A travel diary by Eleanor Voss, kept in spring 2023.*"]) == "Eleanor Voss"
    assert author_from_text(["The bridge was opened by Queen Victoria in 1851."]) is None  # no byline


def test_a_couple_a_publication_and_an_editor_are_named_as_they_sign():
    from bot.core.prompts.holders import short_name, speaker_name

    assert short_name("Graham and Ruth Pell") == "Graham and Ruth Pell"  # not "Graham and Pell"
    assert short_name("Alexander Hamilton and James Madison") == "Hamilton and Madison"
    assert short_name("Towpath Monthly") == "Towpath Monthly"  # a magazine, never "Monthly"
    assert speaker_name("Editor") == "the editor"


def test_each_sides_part_of_a_two_sided_reading_is_that_sides():
    from bot.core.reading.passages import parse_document

    text = (
        "MEASURE B: LIBRARY HOURS\n\nARGUMENT IN FAVOR OF MEASURE B\n\nLonger hours cost the average home "
        "four dollars a year, and the library is full every evening it opens.\n\n"
        "ARGUMENT AGAINST MEASURE B\n\nThe library already opens six days a week, and the tax never ends.\n\n"
        "REBUTTAL TO ARGUMENT AGAINST MEASURE B\n\nSix short days are not enough for people who work.\n"
    )
    doc = parse_document("pamphlet.txt", text)
    writers = part_writers(doc.passages)
    held = {p.text.split(",")[0]: writers.get(p.id) for p in doc.passages if p.kind == "body"}
    assert held["Longer hours cost the average home four dollars a year"] == "supporters of Measure B"
    assert held["The library already opens six days a week"] == "opponents of Measure B"
    assert held["Six short days are not enough for people who work."] == "supporters of Measure B"
    # one side's case in a paper that argues it throughout is the paper's writer's, not "supporters of"
    one = parse_document(
        "paper.txt", "A PAPER\n\nTHE CASE FOR CHANGE\n\nThe calendar should change in 2027.\n"
    )
    assert part_writers(one.passages) == {}


def test_a_numbered_reviewers_report_is_that_reviewers():
    assert part_writer("Reviewer: 1; Recommendation: Reject") == "Reviewer 1"
    assert part_writer("Referee #2") == "Referee 2"
    assert part_writer("Reviewer comments") is None and part_writer("Reviewer: Jane Doe") is None


def test_a_bodys_statement_on_what_comes_before_is_that_bodys():
    assert (
        part_writer("Board of Directors' Statement in Opposition to Proposal 6") == "the Board of Directors"
    )
    assert part_writer("The Council's Response to the Petition") == "the Council"
    assert part_writer("Mill's response to critics") is None  # a person's, named by the text's author
