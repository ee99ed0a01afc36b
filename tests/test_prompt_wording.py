"""Whose view a claim is, how it is compressed into a question, who holds it, polls and two-sided prompts."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from bot.app.posts import compose_post
from bot.core.prompts import PromptDeck, check_deck
from bot.core.prompts import questions as q
from bot.core.prompts.compress import core, shorten
from bot.core.prompts.cues import claim_score, imperative
from bot.core.prompts.holders import holder_name, short_name, speaker_name
from bot.core.prompts.openers import tidy
from bot.core.prompts.questions import agree_answers
from bot.core.prompts.ranking import calls_on_others, quotable
from bot.core.prompts.ranking import report_penalty as _report_penalty
from bot.core.prompts.references import resolve_opening, resolve_pointers
from bot.core.prompts.voice import AUTHOR, REBUTTED, REPORTED, Voice, announces_view, answer_at, voice_of
from bot.core.search.index import build_from_seeds
from bot.core.search.retrieval import Retriever


@pytest.mark.parametrize(
    ("sentence", "following", "kind", "holder"),
    [
        (
            "Critics say that the courts will abuse this power.",
            "But the courts have no force.",
            REBUTTED,
            "critics",
        ),
        (
            "Critics say that the courts will abuse this power.",
            "The session ends in May.",
            REPORTED,
            "critics",
        ),
        ("Putin sees NATO expansion as a direct threat to Russia.", None, REPORTED, "Putin"),
        (
            "It is urged that the authority which can declare acts void must be superior.",
            None,
            REPORTED,
            "some",
        ),
        (
            "Some, like Michael McFaul, dismiss Russia's security concerns entirely.",
            None,
            REPORTED,
            "Michael McFaul",
        ),
        ("The Constitution ought to be preferred to the statute.", None, AUTHOR, ""),
        # a group named by a noun phrase, a modal before the verb; a pronoun's holder is in the
        # sentence before (resolved by the deck); evidence that "suggests" is the author's support
        (
            "The opposition will tell you that homework teaches discipline.",
            "I agree that those habits matter.",
            REPORTED,
            "the opposition",
        ),
        ("They argue that customers will drive to a retail park instead.", None, REPORTED, ""),
        ("Critics will say that the plan fails.", None, REPORTED, "critics"),
        ("The evidence suggests that homework does little for young children.", None, AUTHOR, ""),
        (
            "Many ingenious arguments have been brought forward to prove, that the sexes ought to differ.",
            None,
            REPORTED,
            "some",
        ),
        ("No arguments have been offered that convince me.", None, AUTHOR, ""),
        ("Some have suggested that a higher charge falls hardest on the poor.", None, REPORTED, "some"),
        (
            "Every few months a chief executive announces that the experiment is over.",
            None,
            REPORTED,
            "a chief executive",
        ),
        (
            "The motion before us tonight is that trial by jury has outlived its usefulness.",
            None,
            REPORTED,
            "some",
        ),
        (
            "It is urged by the friends of the measure that the war has shewn the danger.",
            None,
            REPORTED,
            "the friends of the measure",
        ),
        ("The views expressed here are the author's own.", None, AUTHOR, ""),
    ],
)
def test_whose_view(sentence, following, kind, holder):
    voice = voice_of(sentence, following)
    assert (voice.kind, voice.holder) == (kind, holder)


def _core(sentence: str, reported: bool = False) -> str | None:
    names = {"NATO", "Russia", "Ukraine", "Putin", "Washington", "Mill"}
    return core(sentence, lambda w: w in names, lambda t: claim_score(t).score, reported=reported)


def test_compressing_a_claim_to_its_proposition():
    assert (
        _core("But schools should ban phones for the whole day.")
        == "schools should ban phones for the whole day"
    )
    # "Put simply," opens the claim; it is no imperative ("we should put simply, …")
    assert _core("Put simply, schools should ban phones for the whole day.") == (
        "schools should ban phones for the whole day"
    )
    aside = "Working on de-escalatory steps, like better military dialogue, is far preferable to a war."
    assert _core(aside) == "working on de-escalatory steps is far preferable to a war"
    # asides of the speaker's, adverbials between commas and leading concessions go
    assert _core("No argument, we may suppose, can now be needed against censorship.") == (
        "no argument can now be needed against censorship"
    )
    assert (
        _core("As difficult as it may be for NATO to admit, fighting Russia simply isn't worth it.") is None
    )
    assert _core(
        "As difficult as it may be for NATO to admit, fighting Russia simply isn't worth the trouble."
    ) == ("fighting Russia simply isn't worth the trouble")
    # of a sentence cut by a semicolon, the clause that stands alone
    long = (
        "The courts must declare the sense of the law; and if they should be disposed to exercise will "
        "instead of judgment, the consequence would be the substitution of their pleasure for the law."
    )
    assert _core(long) == "the courts must declare the sense of the law"
    # the speaker's own frame goes; a general "he who" is a subject, not a pointer
    assert _core("I think that we should all be men first and subjects afterward.") == (
        "we should all be men first and subjects afterward"
    )
    # a short aphorism's closing "of that" points inside it; the old comma before its verb goes
    assert _core("He who knows only his own side of the case, knows little of that.") == (
        "he who knows only his own side of the case knows little of that"
    )
    assert _core("Policymakers should not wait for that shift to happen in every school.") is None  # "that"
    # what follows "but" is the author's point when the whole sentence is too long
    turn = (
        "Individuals are undoubtedly safer in England than in some other countries, but the will of the "
        "king is as much the law of the land in Britain as in France, with this difference, that it is "
        "handed to the people under the more formidable shape of an act of parliament."
    )
    assert _core(turn).startswith("the will of the king is as much the law of the land")
    # a clause cut from its subject, a punchline after a colon: no question
    hook = "Walk into any school at lunchtime and you will hear something strange: very little."
    assert _core(hook) is None
    assert _core("He who knows only his own side of the case knows little of the truth.") == (
        "he who knows only his own side of the case knows little of the truth"
    )
    # "X must perceive that…": the frame goes, and so do the trailing reasons of a long sentence
    whoever = (
        "Whoever attentively considers the departments of power must perceive that, in a government in "
        "which they are separated, the judiciary will always be the least dangerous to political rights, "
        "because it will be least in a capacity to annoy or injure them in every conceivable way."
    )
    assert _core(whoever) == "the judiciary will always be the least dangerous to political rights"
    # a reported view loses its reporting frame
    # a demonstrative past the subject reads in context; one that is the subject does not
    assert _core("Some argue that judges will abuse this power of review.", reported=True) is None
    assert _core("This power of review will be abused by the judges.") is None
    assert _core("Critics say that judges will abuse the power of review.", reported=True) == (
        "judges will abuse the power of review"
    )
    # the reporter's own clause after the view is no part of it
    pamphlet = (
        "Her new pamphlet argues that the baths should be free for children, and it has made the club cross."
    )
    assert _core(pamphlet, reported=True) == "the baths should be free for children"
    # (also without "that": "The water companies will argue the cost will come back…, and they are right…")
    bills = (
        "The firms will argue the cost will come back to household bills, and they are right that it will."
    )
    assert _core(bills, reported=True) == "the cost will come back to household bills"


def test_a_core_is_cut_where_the_sentence_allows_it():
    # a passive verb is never parted from its agent: no core rather than "… would be answered properly"
    agent = (
        "The tenants would be heard at last, the old complaints about damp would be answered properly, by a "
        "council that published its repair accounts every month, kept its promises to the estates and "
        "listened to them."
    )
    assert _core(agent) is None
    # an aside keeps both its commas; an answer's "No." is no part of the claim
    assert _core("A fare of two pounds, charged at the gate, is not a barrier to anyone.") == (
        "a fare of two pounds, charged at the gate, is not a barrier to anyone"
    )
    assert _core("No. The new timetable adds ten minutes to every journey and saves nothing.") == (
        "the new timetable adds ten minutes to every journey and saves nothing"
    )
    assert _core("Power, thus divided, is safer than power held by one man.") == (
        "power, thus divided, is safer than power held by one man"
    )
    # a leading phrase goes with the participle describing it, and uncovers the frame it hid
    town = "Yet in this town, governed as it is by a few landlords, every tenant who pays his rent must vote."
    assert _core(town) == "every tenant who pays his rent must vote"
    hidden = "And, as to the cost, it is to be remembered that the council has already paid for the land."
    assert _core(hidden) == "the council has already paid for the land"
    # the old comma between a subject with its relative clause and a modal; a modal after the relative's
    # object is the main verb
    assert _core("The body which can overrule the courts, must itself be answerable to the voters.") == (
        "the body which can overrule the courts must itself be answerable to the voters"
    )
    assert _core("Families who cannot pay will leave young children alone at home.") == (
        "families who cannot pay will leave young children alone at home"
    )
    # a restatement after "that is," is no claim of its own; nor a lead-in to a list that follows
    assert _core(
        "Every tenant has a right to repair; that is, the right to have the damp fixed within a month."
    ) == ("every tenant has a right to repair")
    assert (
        _core("To call the market a success presupposes two things: that it pays, and that people come.")
        is None
    )
    # a phrase quoted inside the sentence keeps its marks; the frames "the effect is that", "my answer to
    # X is that", "it is worth observing that" go
    assert _core('But the answer to "the hall is cold" is to heat the hall.') == (
        "the answer to ‘the hall is cold’ is to heat the hall"
    )
    assert _core("The effect is that the poorest streets will lose their only bus service.") == (
        "the poorest streets will lose their only bus service"
    )
    assert _core("My answer to Mr. Hale is that the council need not run the baths itself.") == (
        "the council need not run the baths itself"
    )
    assert _core("It is worth observing that the council has never asked the tenants what they want.") == (
        "the council has never asked the tenants what they want"
    )
    # (not when what follows speaks of him: "in his sense" would be nobody's; nor a bare "My objection is…")
    assert (
        _core("My answer to Mr. Hale is that the council need not run the baths in his sense at all.") is None
    )
    assert _core("My objection is to the site.") is None
    # never cut inside a list ("the religious, learned" of "the religious, learned, and civil institutions"),
    # before the verb of a conjunct ("…, and the receipts" | ", if the baths…, would come to…"), nor drop
    # a main clause that opens on a preposition ("Within eight weeks the respondent shall clear…,")
    emerson = (
        "Men have looked away from themselves and at things so long, that they have come to esteem the "
        "religious, learned, and civil institutions as guards of property, and they deprecate assaults on "
        "these, because they feel them to be assaults on property."
    )
    assert _core(emerson) is None
    receipts = (
        "The working expenses, by the accounts of the houses already open, would come to some four hundred "
        "pounds a year for coal, water, wages and repairs, and the receipts, if the baths and stalls are "
        "used only half as much as at Liverpool, would come to three hundred and eighty."
    )
    assert _core(receipts) == (
        "the working expenses would come to some four hundred pounds a year for coal, water, wages and "
        "repairs"
    )
    order = (
        "Within eight weeks the respondent shall clear and repair the gutters and downpipes, treat and make "
        "good the affected plaster, and fit a working extractor fan in the bathroom."
    )
    assert _core(order).startswith("within eight weeks the respondent shall clear")
    # a "but the X" whose verb the cut left out ("but the moisture reading, its position…, and the pattern
    # … all point to…"); not the turn of a denial ("it is not the owner who pays, but the tenant")
    damp = (
        "Condensation may have added to the problem, but the moisture reading, its position on the external "
        "wall below the broken gutter, and the pattern of staining all point to water coming in from outside."
    )
    assert _core(damp) is None
    # nor before an aside followed by the verb ("…void | , because contrary to the Constitution, has arisen")
    perplexity = (
        "Some perplexity respecting the rights of the courts to pronounce legislative acts void, because "
        "contrary to the Constitution, has arisen from an imagination that the doctrine would imply a "
        "superiority of the judiciary to the legislative power."
    )
    assert _core(perplexity) is None
    # nor after an aside between a verb and its complement ("it ends, forty pages later | , with a plan…")
    report = (
        "The report begins with the closure of the last pit in the valley, and it ends, forty pages later, "
        "with a plan to turn the whole of the valley into a country park for the people of the city."
    )
    assert _core(report) == "the report begins with the closure of the last pit in the valley"
    # a universal denial is not shortened before the condition that makes it ("no fair hearing, when…")
    hearing = (
        "there can be no fair hearing of the case, when one side may call witnesses and the other may not"
    )
    assert shorten(hearing) is None
    assert shorten(
        "the council should open the baths on Sundays, when the weather is warm enough for it"
    ) == ("the council should open the baths on Sundays")
    # a colon inside a title is no break between clauses
    title = "The Long Table: Why Village Halls Still Matter to Everyone is published by Fenn & Daughters."
    assert _core(title) is None
    # a participle and its relative are no clause; "Later …," opens no advice
    assert (
        _core("Presented to Mary Hale, who ran the public baths for thirty years and never closed a day.")
        is None
    )
    assert _core(
        "Built in 1890, the baths are the oldest public baths in the county and should be saved."
    ) == ("built in 1890, the baths are the oldest public baths in the county and should be saved")
    assert not imperative("Later a parish councillor, she pressed for the building of the council houses.")
    # the point a speaker grants a named person is the claim; a title before a name keeps its capital
    assert _core("Mrs Hale is right that the baths are dangerously overcrowded on Saturdays.") == (
        "the baths are dangerously overcrowded on Saturdays"
    )
    assert _core("Mr Dray confirmed that the roof would be repaired before the winter.") == (
        "Mr Dray confirmed that the roof would be repaired before the winter"
    )
    # a noun and its purpose clause are no claim ("A ten-year settlement, index-linked, so that the Trust…")
    assert _core("A ten-year settlement, index-linked, so that the Trust can plan its repairs ahead.") is None
    # the reader asked to try something is the writer's device, not a call
    assert _core("But I would ask the reader, before he dismisses me, to try a small experiment.") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "It may be said to have neither force nor will; and must depend upon the executive arm.",  # "it"
        "They ought to regulate their decisions by the fundamental laws.",  # who are "they"?
        "This is the point where the argument turns against itself in every case.",
        "Stand forth, every one of you who loves mankind!",  # an exhortation
        "The different kinds of faction may be included within the following descriptions.",  # a lead-in
        "b) Use a suitable shared library mechanism for linking with the Library",  # a fragment
        "Let us suppose that the government is entirely at one with the people.",  # a step, not advice
        "The legislature not only commands the purse, but prescribes the rules by which the duties and "
        "rights of every citizen are to be regulated and which no one may question in any court.",
    ],
)
def test_claims_that_cannot_stand_alone_get_no_question(sentence):
    assert _core(sentence) is None


def test_a_leading_pronoun_takes_the_previous_sentences_subject():
    previous = "The judiciary, on the contrary, has no influence over either the sword or the purse."
    sentence = "It may truly be said to have neither force nor will, but merely judgment."
    assert resolve_opening(sentence, previous) == (
        "The judiciary may truly be said to have neither force nor will, but merely judgment."
    )
    assert _core(resolve_opening(sentence, previous)) is not None
    # a plural pronoun needs a plural subject; the empty "it" points at nothing; "we" is no antecedent
    assert resolve_opening("They teach us nothing new.", previous) is None
    assert resolve_opening("It is not so important that many be good.", previous) is None
    assert resolve_opening("It is a tradition.", "We must all allow that it is excellent.") is None
    # a number is no subject's head ("The four shillings and ninepence includes…" would give "the four")
    fee = "The four shillings and ninepence includes food, firing and clothing."
    assert resolve_opening("It does not include the interest on the loan.", fee) is None


def test_fragments_without_a_main_verb_and_worried_views():
    # a noun phrase with only a "because" clause has no main verb; "Else, …" has no subject
    assert _core("A reverence for our past words, because the eyes of others have no other data.") is None
    assert _core("Else, tomorrow a stranger will say precisely what we have thought all the time.") is None
    assert _core("Improvement is slow, because the few are not wiser than the many.") == (
        "improvement is slow, because the few are not wiser than the many"
    )
    # what people worry about or declare is their view, not the author's
    worried = voice_of("Neighbours worry that new residents will flood the streets with cars.")
    assert worried.kind == REPORTED and worried.holder == "neighbours" and worried.plural
    assert voice_of("Jones says that new residents will flood the streets.").holder == "Jones"
    assert (
        voice_of("Rousseau declares that a woman should never feel herself independent.").holder == "Rousseau"
    )


def test_reports_rank_below_claims():
    assert _report_penalty("There was no physical science but that which Greece had created.") > 0
    assert _report_penalty("Surveys in several cities have found that cyclists spend more.") > 0
    assert _report_penalty('"Source" form shall mean the preferred form for making modifications.') > 0
    assert _report_penalty("Climate is a far weaker predictor of cycling than the network.") == 0
    assert _report_penalty("Paint was a reasonable first step, but it is no longer enough.") == 0
    assert _report_penalty("Cutting them would, on this view, serve more people for the same budget.") > 0


def test_a_view_announced_for_others_is_theirs():
    assert announces_view("The board's argument is easy to state.")
    assert announces_view("The original argument was simple: independent teams would ship faster.")
    assert announces_view("When we introduced review in 2022, the reasoning was sound.")
    assert not announces_view("The argument is wrong.")
    assert not announces_view("Their case is weak, and the figures show it.")


def test_a_view_is_answered_after_an_acknowledgement_or_a_concession():
    assert answer_at(["But the courts have neither force nor will."]) == 0
    assert answer_at(["That is a fair worry.", "But it is a worry about discipline."]) == 1
    assert (
        answer_at(
            [
                "The point deserves an answer.",
                "It is true that most jobs cannot be done from home.",
                "But the fix is to bring flexibility to those jobs.",
            ]
        )
        == 2
    )
    assert answer_at(["I allow the force of this argument.", "But it proves too little."]) == 1
    assert answer_at(["I do not deny that money is raised.", "I deny that the dinner raises it."]) == 1
    assert answer_at(["I admire the volunteers, but goodwill runs out."]) == 0
    # a sentence that goes on with the view, or an answer too far away, is not an answer
    assert answer_at(["Trains are slow.", "But buses are slower."]) is None
    assert answer_at(["That is fair.", "Trains are slow.", "Buses are slow.", "But no."]) is None


def test_drop_capitals_and_italics_are_source_artefacts():
    assert _core("LET the people judge the CAUSES of faction for themselves in every age.") == (
        "the people should judge the causes of faction for themselves in every age"
    )
    assert _core("LET us suppose the CAUSES of faction removed.") is None  # a step of the argument
    assert _core("The _whole_ strength of human judgment depends on the one property of correction.") == (
        "the whole strength of human judgment depends on the one property of correction"
    )


@pytest.mark.parametrize(
    ("byline", "name"),
    [
        ("John Stuart Mill", "Mill"),
        ("W. E. B. Du Bois", "Du Bois"),
        ("Guido van Rossum <guido@python.org>", "van Rossum"),
        ("Alexander Hamilton and James Madison", "Hamilton and Madison"),
        ("The Rust Project Developers", "the Rust Project Developers"),
        ("Tregony Growers' Co-operative", "the Tregony Growers' Co-operative"),
        ("The Ramblers", "the Ramblers"),
        ("A Pedestrian", "the Pedestrian"),  # a pen name, never a surname
        ("A Country Parson", "the Country Parson"),
        ("the Rev. Arthur Penhale", "Penhale"),  # a title after "the": a person, not a body
        ("Oxfam GB", "Oxfam GB"),
        ("Alderman Ruth Cole", "Cole"),
        ("RUTH COLE", "Cole"),
        ("draft-ietf-httpbis-cache-09", None),
        ("gpl-3.txt", None),
        ("the undersigned", None),
        (None, None),
    ],
)
def test_the_holder_is_named_from_the_byline(byline, name):
    assert short_name(byline) == name


def test_the_holder_is_found_on_a_title_page_when_there_is_no_byline():
    opening = ["Title: The Souls of Black Folk\n\nAuthor: W. E. B. Du Bois", "Of Our Spiritual Strivings"]
    assert holder_name(None, opening) == "Du Bois"
    assert holder_name(
        None, ["PEP: 285\nTitle: Adding a bool type\nAuthor: Guido van Rossum <guido@python.org>"]
    ) == ("van Rossum")
    assert holder_name(None, ["draft-ietf-x-09.txt", "Some text."]) == "the author"


def test_questions_carry_the_claim_and_no_frame_serves_more_than_two():
    speaker = q.Speaker("Hamilton")
    used: Counter[str] = Counter()
    asked = []
    claim = "the judiciary will always be the least dangerous branch"
    while (w := q.write("value", Voice(AUTHOR), speaker, claim, str(len(asked)), used)) is not None:
        assert used[w.template] < q.FRAME_USES
        used[w.template] += 1
        asked.append(w)
    assert len(asked) == q.FRAME_USES * len(q.CLAIM_FRAMES)
    for w in asked:
        assert claim in w.question and "Hamilton" in w.question and w.question.endswith("?")
        assert len(w.question) <= q.QUESTION_AIM
        assert w.answers == ("Agree with Hamilton", "Disagree with Hamilton", "Not sure")
        assert w.stance_map() == {
            "Agree with Hamilton": "agree",
            "Disagree with Hamilton": "disagree",
            "Not sure": "unsure",
        }
    # no claim, no question: never a generic frame
    assert q.write("value", Voice(AUTHOR), speaker, None, "x", Counter()) is None
    assert q.write("value", Voice(AUTHOR), speaker, "x " * 90, "x", Counter()) is None  # too long
    # without a name, the answers need none
    anonymous = q.write("value", Voice(AUTHOR), q.Speaker("the author"), claim, "x", Counter())
    assert anonymous is not None and anonymous.answers == q.AGREE_ANSWERS


def test_kind_frames_only_where_the_claim_shows_its_kind():
    def frame(kind: str, claim: str) -> str:
        w = q.write(kind, Voice(AUTHOR), q.Speaker("Mill"), claim, "x", Counter())
        assert w is not None
        return w.template

    # a forecast (a time or a change named) is asked as one; a "will" that forecasts nothing is not
    assert frame("prediction", "within five years phone-free schools will be the norm") == "predict"
    assert frame("prediction", "a wise man will not leave the right to the mercy of chance") != "predict"
    # advice is asked as a claim ("Should we take Mill's advice that we should…" reads twice)
    assert frame("recommendation", "we should teach the strongest objections") == "right"


def test_two_sided_questions_name_both_positions():
    voice = Voice(REBUTTED, "the adversaries of the plan", True)
    w = q.write(
        "value",
        voice,
        q.Speaker("Hamilton"),
        "judges will abuse this power",
        "x",
        Counter(),
        reply="the judiciary has neither force nor will",
    )
    assert w is not None and w.template == "two-reply"
    assert "the adversaries of the plan argue that judges will abuse" in w.question.lower()
    assert "Hamilton answers that the judiciary has neither force nor will" in w.question
    assert w.answers == ("With the adversaries of the plan", "With Hamilton", "Not sure")
    assert w.stance_map()["With the adversaries of the plan"] == "agree"  # with the quoted view
    assert w.stance_map()["With Hamilton"] == "disagree"
    long = Voice(REBUTTED, "many commentators in the United States and in most of Western Europe", True)
    wide = q.write("value", long, q.Speaker("X"), "war is coming", "y", Counter())
    assert wide is not None and all(len(a) <= q.ANSWER_MAX for a in wide.answers)


READING = Path(__file__).parent / "data" / "guard-the-constitution.txt"


@pytest.fixture(scope="module")
def mixed(embedder, tmp_path_factory):
    root = tmp_path_factory.mktemp("mixed")
    (root / "seeds").mkdir()
    shutil.copy(READING, root / "seeds" / "guard.txt")
    index = build_from_seeds(root / "seeds", embedder, root / "index", progress=False).index
    return index, PromptDeck.build(index, embedder)


def test_headings_fragments_and_legal_text_never_become_claims(mixed):
    index, deck = mixed
    quotes = " ".join(p.quote for p in deck)
    assert len(deck) >= 3
    assert "Patents" not in quotes and "shared library" not in quotes and "WARRANTY" not in quotes
    assert check_deck(deck.prompts, index.passages).ok


def test_a_rebutted_view_becomes_a_two_sided_prompt(mixed):
    _, deck = mixed
    critics = next(p for p in deck if p.quote.startswith("Critics say"))
    assert critics.voice == REBUTTED and critics.holder == "critics"
    first, second = critics.sides
    assert first.quote == critics.quote and second.quote.startswith("But the courts have neither force")
    assert second.holder == "Writer" and critics.answers[:2] == (first.label, second.label)
    assert critics.answers == ("With critics", "With Writer", "Not sure")
    assert critics.stance_map() == {"With critics": "agree", "With Writer": "disagree", "Not sure": "unsure"}
    assert critics.question.startswith("Critics argue that the courts will abuse the power of review")
    assert "Writer answers that the courts have neither force nor will" in critics.question
    post = compose_post(critics, 1, guild_id=1, channel_id=2)
    assert post.poll is not None and post.poll.answers == critics.answers
    assert "Writer answers" in post.content and "neither force nor will" in post.content


def test_views_the_author_voices_for_others_are_never_the_authors_claims(mixed):
    _, deck = mixed
    others = (
        "Judges ought to obey the legislature",  # after "the objection … the following", before "I answer"
        "Judges should always defer",  # inside quotation marks
        "grow out of touch",  # the items of a list that objections introduce
        "Life tenure lets a single appointment",
    )
    for prompt in deck:
        if prompt.voice == AUTHOR:
            assert not any(o in prompt.quote for o in others), prompt.quote
        # the other side is someone else's view or a concession, never the author's own claim again
        if prompt.counterpoint is not None:
            assert not any(p.voice == AUTHOR and p.quote in prompt.counterpoint.text for p in deck)
    # the author's answer is still the author's
    assert any("bound by the constitution" in p.quote for p in deck if p.voice == AUTHOR) or all(
        "bound by the constitution" not in p.quote for p in deck
    )


def test_a_one_word_topic_the_reading_uses_finds_its_passage(mixed, embedder):
    index, deck = mixed
    retriever = Retriever(index, embedder)
    prompt = deck.for_topic("tenure", retriever)
    assert prompt is not None and "tenure" in prompt.quote
    assert prompt.question.endswith("?") and prompt.quote in next(
        p.text for p in index.passages if p.id == prompt.passage_id
    )
    assert deck.for_topic("sourdough bread", retriever) is None


def test_a_reported_view_is_asked_in_its_holders_name_without_its_frame():
    # "tell you that" is a reporting frame; "teaches" is a verb; "That is a fair point" keeps "That"
    told = "The opposition will tell you that homework teaches discipline and independent study habits."
    assert _core(told, reported=True) == "homework teaches discipline and independent study habits"
    assert not (_core("That is a fair point, and it is why we propose a weekly note.") or "").startswith(
        "a fair"
    )


def test_a_thesis_framed_as_time_to_admit_and_a_participle_is_no_verb():
    thesis = (
        "It is time to admit that the private car has no place in the middle of a modern city, "
        "and to set a date for its departure: 2030."
    )
    assert _core(thesis) == "the private car has no place in the middle of a modern city"
    # a list of noun phrases whose only "-ed" word is a participle ("served by") states nothing
    assert (
        _core("Exemptions for residents, and a park-and-ride ring served by frequent electric buses.") is None
    )


def test_a_transcripts_speaker_holds_what_they_say():
    assert speaker_name("TOMAS REYES") == "Reyes"
    assert speaker_name("CALLER (Denise)") == "Denise"
    assert speaker_name("HOST") == "the host"
    # a name before brackets is the name: the brackets say where the member sits, or their office
    assert speaker_name("Ms Farah Iqbal (Dunmore South)") == "Iqbal"
    assert speaker_name("Dr Helen Sato (The Minister for Rural Affairs)") == "Sato"
    assert speaker_name(None) is None


def test_a_noun_after_a_determiner_is_no_verb():
    # "our past act": "act" is a noun here; the only verb is in the "because" clause
    fragment = "A reverence for our past act or word, because the eyes of others have no other data."
    assert _core(fragment) is None
    assert _core("Our rulers act in haste and repent at leisure.") is not None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a pronoun whose antecedent stands inside the claim (an irregular plural, the claim's subject)
        (
            "Children do not learn more because their days are longer.",
            "children do not learn more because their days are longer",
        ),
        (
            "The heaviest cost falls on families who can least absorb it.",
            "the heaviest cost falls on families who can least absorb it",
        ),
        (
            "Washington should vote no, and put its energy into the classroom.",
            "Washington should vote no, and put its energy into the classroom",
        ),
        # advice of any verb, under a condition, to "you"; the speaker's mandate and call
        (
            "Open the branches for fewer hours if we must.",
            "we should open the branches for fewer hours if we must",
        ),
        (
            "When a test is found to be flaky, move it to a separate job.",
            "when a test is found to be flaky, we should move it to a separate job",
        ),
        ("Speak what you think now in hard words.", "you should speak what you think now in hard words"),
        ("Third, make flakiness cheap to investigate.", "we should make flakiness cheap to investigate"),
        (
            "We therefore advise that the council introduce the charge as a trial for twelve months.",
            "the council should introduce the charge as a trial for twelve months",
        ),
        (
            "I urge colleagues to reject the recommendation and send the report back.",
            "colleagues should reject the recommendation and send the report back",
        ),
        # vocatives and frames go; a tail that points outside is cut before it
        ("Madam Chair, it is easy to close a library.", "it is easy to close a library"),
        (
            "The truth is that a tired man works badly, and that the last hours of a day spoil more work.",
            "a tired man works badly, and the last hours of a day spoil more work",
        ),
        (
            "Slower buses cost more to run, because more drivers are needed to keep the same frequency.",
            "slower buses cost more to run",
        ),
        # a clause after ";" takes the subject of the clause before; a complaint names the problem
        (
            "The four-day week saves little money; it is more likely to divide the public than to unite it.",
            "the four-day week is more likely to divide the public than to unite it",
        ),
        (
            "My complaint is not that we read newspapers, but that we read them as if reading were thinking.",
            "the problem is not that we read newspapers, but that we read them as if reading were thinking",
        ),
        ("We ask the board to reject the plan.", "the board should reject the plan"),
        (  # an aside is dropped, a list's first item is not
            "The town needs a park, with trees, a pond and benches that anyone can use.",
            "the town needs a park, with trees, a pond and benches that anyone can use",
        ),
        (  # a call not to act: "not" joins the "should", and "and instead to" keeps its "instead"
            "We ask the council not to sell the park, and instead to open it to everyone.",
            "the council should not sell the park, and instead open it to everyone",
        ),
        (
            "The flattered man knows the facts, yet he is deceived about himself, and that is worse.",
            "the flattered man knows the facts, yet he is deceived about himself, and that is worse",
        ),
        ("I would therefore have you vote against the measure.", "you should vote against the measure"),
        (
            "I urge the board to keep the night routes, and to look for savings elsewhere.",
            "the board should keep the night routes, and look for savings elsewhere",
        ),
        (
            "We propose that shops below a certain size be excused from reporting the bags sold.",
            "shops below a certain size should be excused from reporting the bags sold",
        ),
        (
            "Information is not knowledge, any more than a heap of bricks is a house.",
            "information is not knowledge, any more than a heap of bricks is a house",
        ),
        (
            "It is precisely because the labouring man is denied leisure that little thought comes from him.",
            "it is precisely because the labouring man is denied leisure that little thought comes from him",
        ),
    ],
)
def test_claims_whose_words_point_inside_them_are_asked(sentence, expected):
    assert _core(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Retrying it until it passes does not make the bug go away.",  # "it": the test, outside
        "But every teacher who has watched a child eat on a Monday knows what it means.",
        "But you do not know which ones until you look.",
        "Strange it is, that men should admit the validity of the arguments for free speech.",  # no advice
        "Secondly.--That the commons are wiser than the crown.",  # a clause without its main clause
        "The bill as drafted by the state cannot, whatever its sponsors say.",  # a modal without its verb
        "What fails is the worst of both: half-empty buildings where people commute in to sit on calls.",
        "Managers who say otherwise are protecting their own habits.",
        "A migration, a refactor, a new feature that makes sense as a whole: surely these must land at once.",
        "None of that comes with a brochure, but all of it would still be here in thirty years.",
        # a comparison cut from its "than"
        "No Christian more firmly believes that Atheism is false, and tends to the dissolution of society, "
        "than Marcus Aurelius believed the same things of Christianity; he who was most capable of it.",
        "What I am arguing against is not a pragmatic decision; it is a policy that makes that decision.",
    ],
)
def test_claims_that_lean_on_their_paragraph_or_are_cut_short_get_no_question(sentence):
    assert _core(sentence) is None


def test_a_group_s_name_takes_plural_verbs():
    for name in (
        "Parents for Full Weeks",
        "Hamilton and Madison",
        "the Rust Project Developers",
        "Friends of Hollins Park",
    ):
        wording = q.write("value", Voice(AUTHOR), q.Speaker(name), "schools should stay open", "x", Counter())
        assert wording is not None and wording.question.startswith(f"Are {name} right that"), wording
    for name in ("Du Bois", "Hopkins", "the Office of Policy Analysis", "the Society for Parks and Gardens"):
        assert not q.Speaker(name).plural
    for name in ("Some teachers", "Many economists", "Some of you"):  # a reported view's holders
        assert q.Speaker(name).plural, name
    teachers = voice_of("Some teachers argued that phones are useful tools, and that a ban teaches nothing.")
    assert teachers.holder == "some teachers" and teachers.plural  # "Some teachers argue that …"
    assert not voice_of("Some critic once argued that the plan would fail.").plural


def test_a_memo_speaks_for_the_body_it_comes_from():
    header = "To: Transport Committee From: Office of Policy Analysis (R. Okonkwo, analyst) Date: 4 May 2026"
    assert holder_name(None, ["MEMORANDUM", header]) == "the Office of Policy Analysis"
    assert short_name("Department of Energy") == "the Department of Energy"
    assert short_name("Python Software Foundation") == "the Python Software Foundation"
    assert short_name("Human Resources Policy Unit") == "the Human Resources Policy Unit"
    assert short_name("Parents for Full Weeks") == "Parents for Full Weeks"  # a body's name from front matter


@pytest.fixture(scope="module")
def remarks(embedder, tmp_path_factory):
    root = tmp_path_factory.mktemp("remarks")
    (root / "seeds").mkdir()
    shutil.copy(Path(__file__).parent / "data" / "council-remarks.md", root / "seeds" / "remarks.md")
    index = build_from_seeds(root / "seeds", embedder, root / "index", progress=False).index
    return PromptDeck.build(index, embedder)


def test_a_speech_s_mocked_and_reported_views_are_not_its_speakers(remarks):
    by_quote = {p.quote: p for p in remarks}
    for prompt in remarks:
        if prompt.voice == AUTHOR:  # irony, an objection after a colon: not the speaker's own
            assert "I suppose" not in prompt.quote and "I know the objection" not in prompt.quote
    others = next(p for q, p in by_quote.items() if q.startswith("Others will say"))
    assert others.holder == "others" and others.question.startswith(
        "Others argue that the building is old, and"
    )
    # the speaker's answer after "Others will say that …" is the speaker's again
    assert not any(
        p.counterpoint and "fine thing" in p.counterpoint.text for p in remarks if p.voice == AUTHOR
    )
    asked = " ".join(p.question for p in remarks)
    assert "it is easy to close a swimming pool" in asked and "Madam Chair" not in asked
    # the advice to no one named, as advice the reader may take ("Would you take Brook's advice to…")
    assert "advice to open the pool for fewer hours" in asked or "advice to let schools use it" in asked
    assert "Brook" in asked and "the author" not in asked


def test_a_colon_that_announces_or_names_is_never_asked_by_its_other_half() -> None:
    # the setup before "…on this:" is not the claim; the claim is what the colon announces
    setup = (
        "Economists have studied stadiums for forty years, and they agree on very little, "
        "but they agree on this: "
    )
    assert _core(setup + "publicly financed stadiums never repay the public.") in (
        None,
        "publicly financed stadiums never repay the public",
    )
    # what follows "X is the worst of both:" only names the thing: never a claim of its own
    named = "What fails is the worst of both: half-empty buildings where people sit on video calls all day."
    assert _core(named) is None or not _core(named).startswith("half-empty buildings")


def test_a_pointer_takes_its_antecedent_from_the_sentence_before_or_the_claim_is_not_asked():
    # "That is …" after a plan, rule or argument is that plan; after an agent's deed it is not the agent
    plan = "The developer's own plan sets aside only nine of the sixty homes as affordable."
    resolved = resolve_pointers("That is not a housing policy; it is a land sale.", plan)
    assert resolved is not None and resolved.startswith("The developer's own plan is not a housing policy;")
    assert resolve_pointers("That is a disgrace.", "The board voted to close the library.") is None
    assert resolve_pointers("This is the excuse of every careless man.", "It is sometimes said so.") is None
    # a demonstrative and its noun take the noun phrase of the sentence before, or nothing
    spending = "Visitors bring the new spending in the town centre."
    assert resolve_pointers("A stadium does not create that spending.", spending) == (
        "A stadium does not create the new spending in the town centre."
    )
    unnamed = "Fans spend their evenings here."
    assert resolve_pointers("A stadium does not create that spending.", unnamed) is None
    site = "They can move to the new site it proposes."
    assert resolve_pointers("That site floods most winters.", site) == "The new site floods most winters."
    assert resolve_pointers("They claim that spending is wasted.", "Families spend less.") is None  # a clause
    # the subject before the pronoun is never an adverb's phrase ("the camp rarely stops there")
    assert resolve_opening("It claims that remote staff do less.", "But the camp rarely stops there.") == (
        "The camp claims that remote staff do less."
    )
    # "they" after the speaker's short sentence whose one plural noun is its object
    assert resolve_opening("They are bad at acting.", "I would not abolish committees.") == (
        "Committees are bad at acting."
    )
    assert resolve_opening("They were angry.", "We met the parents.") == "The parents were angry."
    assert resolve_opening("They were angry.", "I think the council wants more buses.") is None
    # left unresolved, such claims get no question: a demonstrative ending its clause, a place named before
    assert _core("A stadium does not create that spending.") is None
    assert _core("Building there would cost more at first, but it would leave the town its gardens.") is None
    assert _core("There is land for homes elsewhere in the town.") is not None
    assert _core("The board has never priced one, and it should before it cuts anything.") is None
    assert _core("A great promise is broken seldom and a small one daily.") is not None
    assert _core("The things that matter are rarely the things that are measured.") is not None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Let us, then, be sparing with our word.", "we should be sparing with our word"),
        (
            "We ask the board to keep the five-day week, to publish the full cost estimate, and to consult "
            "parents before any vote.",
            "the board should keep the five-day week, publish the full cost estimate, and consult parents "
            "before any vote",
        ),
        # a demonstrative after "and" is no second "that"-clause
        (
            "The average worker spends close to an hour a day travelling, and that hour comes out of sleep.",
            "the average worker spends close to an hour a day travelling, and that hour comes out of sleep",
        ),
        # a conjunct that leans on an ellipsis or on "the second" is cut; an adverb may end the claim
        (
            'A man should give his word only where he means to keep it, and say plainly "I cannot tell" '
            "where he cannot.",
            "a man should give his word only where he means to keep it",
        ),
        (
            "A promise is a small thing to make and a great thing to keep, and the man who remembers the "
            "second will be slow to do the first.",
            "a promise is a small thing to make and a great thing to keep",
        ),
        (
            "The remedy is not to promise more solemnly, but to promise less.",
            "the remedy is not to promise more solemnly, but to promise less",
        ),
    ],
)
def test_calls_exhortations_and_conjuncts_are_asked_whole_or_cut_cleanly(sentence, expected):
    assert _core(sentence) == expected


def test_a_call_on_others_and_a_thesis_in_the_subjunctive_rank_as_claims():
    call = "We ask the board to reject the plan."
    assert calls_on_others(call) and claim_score(call).kind == "recommendation"
    assert claim_score(call).score > 0
    assert not calls_on_others("We asked the waiter to bring the bill.")
    # "as if reading them were…" is no past tense: the complaint is quotable
    assert quotable("My complaint is not that we read papers, but that we read them as if they were news.")
    assert not quotable("The old merchant thought for three months, and he was wiser than his grandson.")


def test_an_aphorism_with_a_verb_of_its_own_is_the_author_s_and_a_stated_thesis_is_asked():
    # "they see" is the verb of another clause, not a group's report: the line is the author's, quotable
    line = "People drive the road they see, not the limit they are told."
    assert voice_of(line).kind == AUTHOR and quotable(line)
    assert voice_of("Critics of the plan say that it costs too much.").holder == "critics of the plan"
    # what the writer did, then ", and I think X": X is the claim
    assert _core("I have read the chart, and I think the department is solving the wrong problem.") == (
        "the department is solving the wrong problem"
    )


def test_a_jussive_a_forward_pointer_and_a_condition_are_asked_as_meant():
    # "Let every committee name…" is what the committee should do; "Next month" opens no advice
    assert _core("Let every committee therefore name one member who shall answer for its decision.") == (
        "every committee should name one member who shall answer for its decision"
    )
    assert _core("Let the government pick one time.") == "the government should pick one time"
    assert not imperative("Next month the board will decide whether to bring back the fines.")
    # "this vice, that …" points forward, inside the claim; "without fines," is a condition, kept
    assert _core("The committee has also this peculiar vice, that it is never wrong in public.") == (
        "the committee has also this peculiar vice, that it is never wrong in public"
    )
    assert _core("The committee argues that without fines, books will not come back.", reported=True) == (
        "without fines, books will not come back"
    )
    assert quotable("A body that belongs to everyone belongs to no one.")
    # "this winter" is a time, not a pointer; a club is a body ("the Eastbank Cyclists' Club", not "Club")
    assert _core("We ask the committee to complete the lane this winter.") == (
        "the committee should complete the lane this winter"
    )
    assert short_name("Eastbank Cyclists' Club") == "the Eastbank Cyclists' Club"


@pytest.fixture(scope="module")
def ferry(embedder, tmp_path_factory):
    root = tmp_path_factory.mktemp("ferry")
    (root / "seeds").mkdir()
    shutil.copy(Path(__file__).parent / "data" / "ferry-letter.md", root / "seeds" / "ferry.md")
    index = build_from_seeds(root / "seeds", embedder, root / "index", progress=False).index
    return index, PromptDeck.build(index, embedder)


def test_a_letter_s_deck_resolves_its_pointers_and_keeps_its_call_and_closing_line(ferry):
    index, deck = ferry
    by_quote = {p.quote: p for p in deck}
    # "That is not a timetable" is asked about the board's timetable, never as "that"
    that = next((p for q, p in by_quote.items() if q.startswith("That is not a timetable")), None)
    assert that is not None and "the board's own proposal is not a timetable" in that.question
    # the closing paragraph gives both its call and its closing line (the deck is short)
    closing = [p for p in deck if p.paragraph == max(p.paragraph for p in deck)]
    # (the call asked as what should be done: "Should the board keep four crossings a day …, as … ask?")
    assert any(re.search(r"\bthe board (?:should )?keep four crossings a day\b", p.question) for p in closing)
    assert any(p.quote.startswith("A town that abandons its island") for p in closing)
    # a place or a thing named before is never asked without it
    asked = " ".join(p.question for p in deck).lower()
    assert "building there" not in asked and " that spending" not in asked
    assert len(deck) >= 6 and check_deck(deck.prompts, index.passages, deck.holders).ok


def test_a_long_body_is_named_short_in_its_poll_answers():
    answers, _ = agree_answers("the Tregony Growers' Co-operative")
    assert answers == ("Agree with the co-operative", "Disagree with the co-operative", "Not sure")
    assert agree_answers("Mill")[0][0] == "Agree with Mill"
    assert agree_answers("the Harrowgate Council")[0][0] == "Agree with the Harrowgate Council"


def test_a_decimal_keeps_its_digits_and_a_footnote_mark_goes():
    assert "£1.2 million" in _core("The council offered a fund of £1.2 million over five years.")
    assert "3.5 per cent" in _core("Rents rose by 3.5 per cent last year.")
    assert _core("The press must be free.12") == "the press must be free"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a contrastive cleft is asked whole: never cut before its point, never by one half
        (
            "It is the walk from the station, not the drive, that the saving has made harder.",
            "it is the walk from the station, not the drive, that the saving has made harder",
        ),
        (
            "In a fire it is the warden, not a tenant's alarm, that should be calling the brigade.",
            "in a fire it is the warden, not a tenant's alarm, that should be calling the brigade",
        ),
        (
            "It is not the law that is at fault, but the men who apply it.",
            "it is not the law that is at fault, but the men who apply it",
        ),
        (
            "It is not the shopkeeper who pays for the long hours, but the girl of sixteen who stands "
            "behind his counter from eight in the morning and leaves at ten at night when the last "
            "customer has gone.",
            "it is not the shopkeeper who pays for the long hours, but the girl of sixteen",
        ),
        # what the speaker leaves open is the setup of the claim that follows "to say that"
        (
            "But I need not settle that to say that a shop open to an empty street serves nobody.",
            "a shop open to an empty street serves nobody",
        ),
        (
            "I wish to persuade you that complaint, rightly made, is not a vice but a public duty.",
            "complaint is not a vice but a public duty",
        ),
        # a short grant whose subject the turn takes up: the turn is the claim
        (
            "The saving is real, but it has been bought from the people who walk home late.",
            "the saving has been bought from the people who walk home late",
        ),
    ],
)
def test_clefts_thesis_frames_and_grants_are_asked_by_their_point(sentence, expected):
    assert core(sentence, lambda w: False, lambda t: claim_score(t).score) == expected


def test_maxims_and_schedules_rank_by_what_they_are():
    from bot.core.prompts.ranking import maxim, set_against

    for line in (
        "A grievance kept is a grievance fed.",
        "Silence is not consent where the one who is silent has no means of being heard.",
        "A tired assistant is a careless one.",
    ):
        assert maxim(line) and set_against(line)
    for line in (
        "A new policy is announced.",  # a passive tells what happens
        "Prices are rising.",  # a plural describes
        "Penhale is wrong.",  # a name
        "This is the worst plan.",  # a pointer
        "A meeting is held on Monday the 18th.",
    ):
        assert not maxim(line, lambda w: w == "Penhale")
    assert set_against("It is the man who writes, not the man who grumbles, that gets the road mended.")
    for report in (
        "The Chamber of Trade will vote on the 20th whether Wednesday shall be a half-holiday.",
        "Next month the county library board will decide whether to close the branch.",
        "We shall hold a meeting at the Assembly Rooms on Monday the 18th at eight o'clock.",
        "Half the complaints that reach the Chamber about wrong parcels come from the last hour of the week.",
    ):
        assert _report_penalty(report) > 0, report
    for claim in ("Shops should close at two on Wednesdays.", "Most of those who oppose this are wrong."):
        assert _report_penalty(claim) == 0, claim


def test_a_letters_you_is_its_addressees_and_an_object_pronoun_needs_its_antecedent():
    from bot.core.prompts.references import addressees, to_addressees, unresolved

    who = addressees("I write to those of your readers who keep a shop.")
    assert who == "those who keep a shop"
    assert (
        to_addressees("you should vote for the half-holiday, and you should keep to it", who)
        == "those who keep a shop should vote for the half-holiday, and they should keep to it"
    )
    assert to_addressees("you should close your shops at two", None) is None
    general = "you do not understand your own view until you can state the other side"
    assert to_addressees(general, None) == general
    # an object "it" is not its own clause's subject; a plural "them" is taken from the sentence before
    assert unresolved("the council should not renew it")
    assert not unresolved("The heaviest cost falls on families who can least absorb it")
    assert not unresolved("the town should keep the market and run it itself")
    assert (
        resolve_pointers(
            "The council should switch them back on along every street that leads from the hall.",
            "In April the council began switching off four in five street lights after midnight.",
        )
        == "The council should switch the street lights back on along every street that leads from the hall."
    )


def test_a_letter_signed_under_its_close_is_its_writer_s_when_the_close_stayed_in_the_body():
    from bot.core.reading.passages import parse_document

    lines = ["Sir,--The shops close late.", "Yours faithfully,", "HENRY DALLOWAY.", "Wexcombe, 2 June 1934."]
    assert parse_document("letter.txt", "\n\n".join(lines)).author == "Henry Dalloway"
    unsigned = "\n\n".join([lines[0], lines[2], "The council will hear us in June, and we shall be there."])
    assert parse_document("letter.txt", unsigned).author is None  # capitals in the text are no signature


def test_an_object_it_takes_the_thing_the_sentence_before_names_and_a_call_is_no_schedule():
    before = "The council will decide on Thursday whether the Hartwell Lido closes from October to April."
    call = "I ask the councillors to keep it open every month of the year, and to pay for the winter by it."
    assert resolve_pointers(call, before).startswith("I ask the councillors to keep the Hartwell Lido open")
    # the named thing only qualifies the previous sentence's noun ("the lease of …"): nothing is resolved
    assert resolve_pointers("The town should not renew it.", "The lease of the Corn Exchange ends.") is None
    assert _report_penalty(call) == 0  # "every month of the year" is no date, and a call is a position
    from bot.core.prompts.ranking import maxim

    assert maxim("Quiet has to be protected, and a library is the one place that can do it.")


def test_a_motion_a_parallel_imperative_and_a_rota_rank_as_what_they_are():
    motion = "Mr. Mayor, I rise to move that the Museum be opened on Sunday afternoons from two o'clock."
    assert core(motion, lambda w: w in ("Museum", "Sunday")) == (
        "the Museum should be opened on Sunday afternoons from two o'clock"
    )
    assert claim_score(motion).kind == "recommendation" and _report_penalty(motion) == 0
    parallel = core("Page on symptoms, not on causes.", lambda w: False)
    assert parallel == "we should page on symptoms, not on causes"
    rota = "They will take their rest on the Monday morning, and the Curator will arrange the rota himself."
    assert _report_penalty(rota) > 0


def test_a_relative_that_after_its_noun_is_no_pointer():
    from bot.core.prompts.references import unresolved

    assert not unresolved("an early warning that is wrong most of the time is not early")
    assert unresolved("we keep the rule and that is the end of it")  # a demonstrative after "and"
    assert unresolved("the truth of that is plain")  # after a preposition


def test_a_wish_for_a_body_is_what_it_should_do():
    wish = (
        "I would have every town keep its streets quiet after ten at night, as many already keep them lit, "
        "and fine the man who breaks that quiet."
    )
    assert core(wish, lambda w: False).startswith("every town should keep its streets quiet after ten")
    assert core("I would have the council publish its accounts.", lambda w: False) == (
        "the council should publish its accounts"
    )
    assert core("I would have the courage to say so.", lambda w: False) is None  # "have" as possession


def test_a_denial_with_its_own_turn_is_not_turned_again():
    got = _core(
        "The tenant who has a garden of his own is not the worse neighbour for it but the better; "
        "he is quieter, he stays longer, and he has a reason to mend his fences."
    )
    assert got is not None and "but is quieter" not in got and "but the better" in got
    assert _core("A museum is not an entertainment; it is a school without a master.") == (
        "a museum is not an entertainment, but a school without a master"
    )


def test_the_writer_s_own_first_person_is_never_left_in_a_question():
    # "in a town like ours": an aside about the writer's place, dropped; any other "ours" refuses
    assert _core("A bypass that empties the high street in a town like ours is not progress.") == (
        "a bypass that empties the high street is not progress"
    )
    assert _core("The choice that matters most is ours, and the council knows it.") is None
    # "follow our lead and …": what the others should do; "follow our lead" alone names the writer
    wrote = q.write(
        "recommendation",
        Voice(AUTHOR),
        q.Speaker("Hale"),
        "every school in the county should follow our lead and end homework for under-elevens",
        "x",
        Counter(),
    )
    assert wrote is not None and "our lead" not in wrote.question
    assert "should end homework for under-elevens" in wrote.question
    claim = "every school should follow our lead"
    alone = q.write("recommendation", Voice(AUTHOR), q.Speaker("Hale"), claim, "x", Counter())
    assert alone is not None and "follow Hale's lead" in alone.question


_GUIDE = """# Oiling a Bicycle Chain: A Beginner's Guide

*By the Wheelwrights' Workshop*

A clean chain runs quieter and lasts longer than a dirty one.

Shift into the smallest sprocket at the back. Hold a rag round the lower run of the chain and turn the
pedals backwards for thirty turns. Put one drop of oil on each roller as it passes the rag. Wipe off
what the rollers do not take up.

The chain has one hundred and sixteen links on most road bicycles. A chain stretches a little every
week it is ridden.

Never use cooking oil: it is the worst thing you can put on a chain, because it turns to glue.
"""

_BRIEF = """# Keep the Depot Open

*A brief from the Eastmoor Cyclists' Club to the Eastmoor Borough Council, May 2026*

The depot on Canal Street is the only place in the borough where a broken bicycle can be mended at cost.
A town that wants people to ride must keep somewhere for them to mend what they ride.

## What we ask

Keep the depot open on Saturdays for the rest of the year. Publish the cost of running it each spring.
Let the club run a repair class there once a month.

We ask the Council to think again before it sells the building.
"""


@pytest.fixture(scope="module")
def guide_and_brief(embedder, tmp_path_factory):
    root = tmp_path_factory.mktemp("guide")
    (root / "seeds").mkdir()
    (root / "seeds" / "guide.md").write_text(_GUIDE)
    (root / "seeds" / "brief.md").write_text(_BRIEF)
    index = build_from_seeds(root / "seeds", embedder, root / "index", progress=False).index
    return PromptDeck.build(index, embedder)


def test_a_guide_s_steps_and_facts_are_not_asked_but_a_brief_s_demands_are(guide_and_brief):
    guide = [p for p in guide_and_brief if p.document == "guide.md"]
    brief = [p for p in guide_and_brief if p.document == "brief.md"]
    steps = ("Shift into", "Hold a rag", "Put one drop", "Wipe off", "The chain has", "A chain stretches")
    assert not any(p.quote.startswith(steps) for p in guide)
    assert not any("we should" in p.question for p in guide_and_brief)
    assert not any("never use" in p.question.lower() for p in guide)  # (an order is no denial to turn)
    asked = " ".join(p.question for p in brief)
    assert "the Council" in asked or "the Eastmoor Borough Council" in asked


def deck_of(embedder, tmp_path: Path, name: str, text: str) -> list:
    """The deck of a one-file reading written to `tmp_path`."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / name).write_text(text, encoding="utf-8")
    index = build_from_seeds(seeds, embedder, tmp_path / "index", progress=False).index
    return PromptDeck.build(index, embedder)


def test_an_faq_s_house_rules_are_not_asked(embedder, tmp_path):
    deck = deck_of(
        embedder,
        tmp_path,
        "games.md",
        "# Hillside Games Library: Questions and Answers\n\n"
        "## Who can borrow?\n\nAnyone who lives in the parish may join. Members may borrow up to four games "
        "at a time, and every game that comes back is counted and its box taped shut.\n\n"
        "## Why lend games at all?\n\nEvery game lent is one fewer box bought and one fewer thrown away. "
        "A shelf of games nobody plays is a waste, and a games library is the fairest cure for it.\n",
    )
    asked = " ".join(p.question for p in deck)
    assert "may borrow" not in asked and "taped shut" not in asked and "may join" not in asked
    assert "waste" in asked or "one fewer box bought" in asked  # what the page argues is still asked


def test_a_numbered_clauses_number_is_not_quoted_or_asked(embedder, tmp_path):
    deck = deck_of(
        embedder,
        tmp_path,
        "paper.txt",
        "WESTBRIDGE TOWN COUNCIL\nRef: WT/14\nIssued: 1 May 2025\n\nTHE FUTURE OF THE LIDO\n\n"
        "1. The proposal\n\n1.1 The Council proposes to close the lido and sell the site for housing.\n\n"
        "2. Our reasons\n\n2.1 A town that cannot afford its schools should not be heating an open-air pool "
        "for four months a year.\n\n2.2 Swimming matters, but the leisure centre already teaches every "
        "child in the town to swim, all year round.\n",
    )
    assert deck, "the council's reasons are claims worth a prompt"
    for prompt in deck:
        assert not re.match(r"\d+\.\d", prompt.quote), prompt.quote
        assert not re.search(r"\b\d\.\d\b", prompt.question), prompt.question


def test_minutes_under_a_bodys_name_ask_none_of_what_was_minuted(embedder, tmp_path):
    deck = deck_of(
        embedder,
        tmp_path,
        "minutes.txt",
        "FERNLEY ALLOTMENT SOCIETY\n\nMINUTES OF THE ANNUAL MEETING\n\n"
        "Present: Mrs Hale (Chair), Mr Osei, Ms Brandt and 14 members.\n\n"
        "1. Water\n\nThe water company has still not replied about the meter at the north gate; the "
        "Secretary will chase again. Mr Osei confirmed that the new tap would be fitted by May. Ms Brandt "
        "reported that the spring plant sale raised four hundred pounds for the society.\n\n"
        "2. Sheds\n\nThe committee has agreed a new rule on sheds, which must be no taller than two metres. "
        "Mr Lyle asked whether existing sheds would have to come down; the Chair said they would not.\n",
    )
    asked = " ".join(p.question for p in deck)
    for minuted in ("still not replied", "confirmed", "four hundred pounds", "no taller than"):
        assert minuted not in asked, asked


def test_a_group_named_as_a_claim_s_holder_takes_plural_verbs():
    from bot.core.prompts.voice import REPORTED

    claim = "quiet hours are a property of the recipient, not of the device"
    for holder in ("the authors", "the residents"):
        wording = q.write("value", Voice(REPORTED, holder), q.Speaker("Saul"), claim, "x", Counter())
        assert wording is not None, holder
        text = wording.question
        assert not re.search(r"\b(?:argues|says|holds|Is) " + holder, text, re.IGNORECASE), text
        assert not re.search(holder + r" (?:argues|says|holds|is)\b", text, re.IGNORECASE), text


def test_an_accented_plural_subject_has_its_verb():
    assert core("Cafés compete to be louder than the street outside.", lambda _w: False) == (
        "cafés compete to be louder than the street outside"
    )


def test_a_view_granted_to_a_named_person_is_asked_once_framed() -> None:
    from bot.core.prompts.compress import core

    names = {"Mrs", "Pryce", "Mr", "Adebayo"}
    said = (
        "Mrs Pryce is right that the council has run the market down; Mr Adebayo is right that it is quiet."
    )
    assert (
        core(said, names.__contains__) == "the council has run the market down"
    )  # not "Mrs Pryce is right…"


def test_a_reported_view_names_its_holder_where_its_pronoun_stood() -> None:
    from bot.core.prompts.compress import core

    names = {"Council", "Mrs", "Pryce", "Tradition"}.__contains__
    said = "The Council argued that it should not be held at fault because the lists were wrong."
    assert core(said, names, reported=True) == (
        "the Council should not be held at fault because the lists were wrong"
    )
    assert core("Mrs Pryce says she has no objection to the plan.", names, reported=True) == (
        "Mrs Pryce has no objection to the plan"
    )
    # a capitalised word opening a sentence is no person for "he" to stand for
    assert core("Tradition says he also built the pinfold on the green.", names, reported=True) is None
    # a pronoun that is its own clause's subject points at the sentence's subject
    held = "The Council is responsible for the services it provides, whether or not it uses contractors."
    assert core(held, names) == "the Council is responsible for the services it provides"


def test_a_plain_refusal_answers_the_view_before_it() -> None:
    from bot.core.prompts.voice import answer_at

    assert answer_at(["We do not accept that argument.", "The Council is responsible."]) == 0
    assert answer_at(["I am not persuaded.", "The ledger shows the opposite."]) == 0
    assert answer_at(["We accepted the invitation in March."]) is None


def test_the_point_after_the_speakers_own_grant_is_asked_whatever_its_cues() -> None:
    from bot.core.prompts.compress import core
    from bot.core.prompts.context import argues

    names = {"Harriet"}.__contains__
    said = "Harriet, I understand the feeling, but the sliding scale is not working."
    assert core(said, names, argues) == "the sliding scale is not working"
    # not a contrast of the speaker's own two points
    assert core("The plan is bold, but the money is not there.", names, argues) == (
        "the plan is bold, but the money is not there"
    )


def test_granting_another_speaker_a_fair_point_is_no_claim_of_ones_own() -> None:
    from bot.core.prompts.voice import acknowledges, answer_at

    assert acknowledges("The Member for Eastwick makes a fair point about the cost of fares.")
    assert acknowledges("She has a point.")
    assert answer_at(["She has a point.", "But the fares are still too high for a family."]) == 1
    # an accusation, a point of view and a case made are no grants
    assert not acknowledges("The council has a case to answer.")
    assert not acknowledges("The report has a point of view.")
    assert not acknowledges("He made the case for a new bridge in 2019 and lost.")


def test_a_footnote_mark_goes_and_a_one_letter_codes_digits_stay():
    """ "liberty3" and "goods.12" carry footnote marks; "f5", "g7", "Nf3" are a chess game's squares."""
    assert tidy("The word liberty3 is the first of goods.12") == "The word liberty is the first of goods."
    kept = "The idea is to put a knight on f5, where it looks at h6 and g7 after Nf3."
    assert tidy(kept) == kept


def test_an_instruction_and_what_follows_from_it_is_asked_as_a_condition() -> None:
    def no_name(word: str) -> bool:
        return False

    def argues(sentence: str) -> bool:
        return True

    assert core("Close the library on Mondays and people will stop coming altogether.", no_name, argues) == (
        "if you close the library on Mondays, people will stop coming altogether"
    )
    assert core("Raise the fee by £50 and some of us will sell up.", no_name, argues) == (
        "if you raise the fee by £50, some of us will sell up"
    )
