"""The deck-quality check: each kind of problem a moderator would object to is caught, good prompts pass."""

from __future__ import annotations

import json

import pytest

from bot.core.prompts.quality import (
    CHECKS,
    carries_claim,
    check_deck,
    frame,
    is_whole_sentence,
    phrase_problem,
    poll_problem,
    reports_others,
    shape_problem,
    stance_problem,
)
from bot.core.reading.passages import BODY, DISCLAIMER, Passage
from bot.core.text.words import sentence_spans
from bot.ops.cli import main

TEXTS = {
    "p1": "Courts must guard the constitution against the legislature. Judges are not elected.",
    "p2": "Critics say that judges will abuse this power. But the judiciary has neither force nor will.",
    "p3": "Patents.",
    "p4": "THE SOFTWARE IS PROVIDED AS IS, WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.",
    "p5": "b) Use a suitable shared library mechanism for linking with the Library.",
    "p6": "The talks will take place in Geneva on January 10, followed by a meeting in Brussels.",
    "m": "The views expressed here are the author's own and do not reflect the institute's.",
}


def _passages() -> list[Passage]:
    out = []
    for n, (pid, text) in enumerate(TEXTS.items(), start=1):
        kind = DISCLAIMER if pid == "m" else BODY
        out.append(Passage(pid, "doc.txt", "Doc", None, n, text, kind, sentences=tuple(sentence_spans(text))))
    return out


def _prompt(pid: str, quote: str, passage: str, question: str, **extra: object) -> dict[str, object]:
    n = list(TEXTS).index(passage) + 1
    data = {
        "id": pid,
        "question": question,
        "quote": quote,
        "document": "doc.txt",
        "paragraph": n,
        "passage_id": passage,
        "topic": "",
        "counterpoint": None,
        "angles": {},
        "poll": {"question": question, "answers": ["Agree", "Disagree"]},
    }
    data.update(extra)
    return data


GOOD = _prompt(
    "good",
    "Courts must guard the constitution against the legislature.",
    "p1",
    "Should unelected judges be the ones to guard the constitution against the legislature?",
    counterpoint={
        "text": "Critics say that judges will abuse this power.",
        "passage_id": "p2",
        "paragraph": 2,
        "document": "doc.txt",
    },
)


def _failures(*prompts: dict[str, object]) -> dict[str, int]:
    return check_deck(list(prompts), _passages()).counts()


def test_a_good_prompt_passes():
    report = check_deck([GOOD], _passages())
    assert report.ok and report.counts() == dict.fromkeys(CHECKS, 0)


def test_quotes_must_be_verbatim_whole_sentences():
    changed = _prompt(
        "a", "Courts should guard the constitution against the legislature.", "p1", GOOD["question"]
    )
    clause = _prompt("b", "guard the constitution against the legislature.", "p1", GOOD["question"])
    cut = _prompt("c", "Courts must guard the constitution", "p1", GOOD["question"])
    counts = _failures(changed, clause, cut)
    assert counts["verbatim"] == 1 and counts["whole-sentence"] == 2
    assert is_whole_sentence("Judges are not elected.", TEXTS["p1"])
    assert not is_whole_sentence("are not elected.", TEXTS["p1"])


@pytest.mark.parametrize(
    ("passage", "why"),
    [("p3", "too short"), ("p4", "all-caps"), ("p5", "numbered"), ("m", "byline or disclaimer")],
)
def test_headings_fragments_boilerplate_and_meta_are_not_claims(passage, why):
    prompt = _prompt("x", TEXTS[passage], passage, GOOD["question"])
    report = check_deck([prompt], _passages())
    claims = [f for f in report.failures if f.check == "not-a-claim"]
    assert len(claims) == 1 and why in claims[0].detail
    assert {f.check for f in report.failures} <= {"not-a-claim", "whole-sentence", "specific"}
    assert shape_problem(TEXTS["p1"].split(". ")[0] + ".") is None


def test_a_frame_used_three_times_is_caught_whatever_the_claim():
    q = "Is the author right about this, or is there a stronger case on the other side?"
    one = _prompt("one", TEXTS["p1"].split(" Judges")[0], "p1", q)
    two = _prompt("two", "Judges are not elected.", "p1", q)
    three = _prompt("three", "Critics say that judges will abuse this power.", "p2", q)
    assert _failures(one, two)["frame-repeated"] == 0  # twice is allowed
    # twice in the whole deck, even when the third is of another document
    assert _failures(one, two, {**three, "document": "other.txt"})["frame-repeated"] == 1
    report = check_deck([one, two, three], _passages())
    assert report.counts()["frame-repeated"] == 1 and report.figures.most_used_frame == 3
    assert report.figures.frames_over == 1
    a = frame("On judicial review: is the prescription wise?", "We need judicial review now.")
    b = frame("On executive power: is the prescription wise?", "Executive power must be checked.")
    assert a == b == "on _ is the prescription wise"
    c = frame("Should judicial review replace elections?", "We need judicial review now.")
    assert c != a


@pytest.mark.parametrize(
    "phrase",
    ["person whose interests", "highest priority concern", "conveying occurs", "Constitution void", "the"],
)
def test_broken_subject_phrases(phrase):
    assert phrase_problem(phrase) is not None


@pytest.mark.parametrize(
    "phrase", ["judicial review", "the liberty of the press", "NATO expansion", "security concerns"]
)
def test_clean_subject_phrases(phrase):
    assert phrase_problem(phrase) is None


def test_a_verb_taken_for_a_noun_is_caught_from_its_sentence():
    sentence = "Whenever a particular statute contravenes the Constitution, judges must follow the latter."
    assert phrase_problem("particular statute contravenes", sentence) is not None
    assert phrase_problem("particular statute", sentence) is None


def test_reported_views_are_not_credited_to_the_author():
    quote = "Critics say that judges will abuse this power."
    wrong = _prompt("w", quote, "p2", "Do you share the author's verdict that judges will abuse this power?")
    right = _prompt("r", quote, "p2", "Critics expect judges to abuse this power. Are they right?")
    assert _failures(wrong)["attribution"] == 1
    assert _failures(right)["attribution"] == 0
    assert reports_others("Putin sees NATO expansion as a direct threat.")
    assert reports_others("It is urged that the authority which can declare the acts void must be superior.")
    assert not reports_others("I trust the friends of the Constitution will never concur with its enemies.")


def test_polls_fit_their_questions_and_discords_limits():
    assert poll_problem("Should judges guard the constitution?", ["Agree", "Disagree"]) is None
    assert poll_problem("Do you share the verdict, and what would the other side say?", ["Agree", "Disagree"])
    assert poll_problem("Is it right, or are other forces at work?", ["Agree", "Disagree", "Not sure"])
    # a wh-word inside the claim asked about is part of the claim, not a second question
    claim = "Is Fenwick right that a man decides upon what is nearest, and what is nearest is seldom best?"
    assert poll_problem(claim, ["Agree with Fenwick", "Disagree with Fenwick", "Not sure"]) is None
    assert poll_problem("x" * 301 + "?", ["Agree", "Disagree"])
    assert poll_problem("Courts or legislatures: who should have the last word?", ["Courts", "x" * 56])
    assert (
        poll_problem("Courts or legislatures: who should have the last word?", ["Courts", "Legislatures"])
        is None
    )
    assert poll_problem("Judges are unelected.", ["Courts", "Legislatures"])


def test_questions_must_carry_their_claim():
    generic = _prompt("g", TEXTS["p1"].split(" Judges")[0], "p1", "Does the reasoning in this passage hold?")
    report = check_deck([GOOD, generic], _passages())
    assert report.counts()["specific"] == 1 and report.figures.specific == 1
    assert report.figures.specific_share == 0.5
    quote = "Courts must guard the constitution against the legislature."
    assert carries_claim("Is Hamilton right that courts must guard the constitution?", [quote])
    # frame words and the holder's name do not count as the claim's content
    assert not carries_claim("Is Hamilton right here? Do you agree with the argument?", [quote], ["Hamilton"])
    assert not carries_claim("Are the courts right?", [quote])


def test_holders_are_named_and_never_identifiers():
    named = _prompt(
        "n",
        TEXTS["p1"].split(" Judges")[0],
        "p1",
        "Is the author right that courts must guard the constitution?",
    )
    ident = _prompt(
        "i",
        TEXTS["p1"].split(" Judges")[0],
        "p1",
        "Does draft-ietf-courts-09 go too far in saying courts must guard the constitution?",
    )
    report = check_deck([named, ident], _passages(), {"doc.txt": "Hamilton"})
    assert report.counts()["holder"] == 2 and report.figures.holders_wrong == 2
    # without a known name, "the author" is what the question can say
    assert check_deck([named], _passages()).counts()["holder"] == 0
    claims_own = _prompt(
        "c",
        TEXTS["p1"].split(" Judges")[0],
        "p1",
        "Is Hamilton right that courts must guard the constitution even against under-10 majorities?",
    )
    assert check_deck([claims_own], _passages(), {"doc.txt": "Hamilton"}).counts()["holder"] == 0


def test_poll_answers_mean_one_thing_each_with_a_stance():
    quote = TEXTS["p1"].split(" Judges")[0]
    against = _prompt("a", quote, "p1", "Is the claim that courts must guard the constitution too confident?")
    stances = {"Agree": "agree", "Disagree": "disagree", "Not sure": "unsure"}
    fits = _prompt(
        "f",
        quote,
        "p1",
        "Is Hamilton right that courts must guard the constitution?",
        poll={
            "question": "Is Hamilton right that courts must guard the constitution?",
            "answers": list(stances),
            "stances": stances,
        },
    )
    missing = _prompt(
        "m", quote, "p1", fits["question"], poll={**fits["poll"], "stances": {"Agree": "agree"}}
    )
    one_sided = _prompt(
        "o", quote, "p1", fits["question"], poll={**fits["poll"], "stances": dict.fromkeys(stances, "agree")}
    )
    counts = {p["id"]: _failures(p)["poll"] for p in (against, fits, missing, one_sided)}
    assert counts == {"a": 1, "f": 0, "m": 1, "o": 1}
    # a claim's own word ("wrong") does not turn the question against it
    question = "Is Mill right that nothing is wrong in restraining bad men?"
    claim = "There can be nothing wrong in restraining bad men."
    assert stance_problem(question, list(stances), stances, claim) is None
    assert stance_problem(question, list(stances), stances) is not None


def test_counterpoints_must_be_elsewhere_and_on_the_other_side():
    same = dict(GOOD, id="s", counterpoint={"text": "Judges are not elected.", "passage_id": "p1"})
    beside = dict(GOOD, id="b", counterpoint={"text": TEXTS["p6"], "passage_id": "p6"})
    caps = dict(GOOD, id="c", counterpoint={"text": TEXTS["p4"], "passage_id": "p4"})
    assert _failures(same)["counterpoint"] == 1
    assert _failures(beside)["counterpoint"] == 1
    assert _failures(caps)["counterpoint"] == 1
    # the author again, on the same side, is not the other side (a "not" is not enough)
    again = dict(
        GOOD, id="a", counterpoint={"text": "Judges are not elected.", "passage_id": "p1"}, paragraph=9
    )
    assert _failures(again)["counterpoint"] == 1


def test_stock_and_truncated_angles():
    one = dict(GOOD, angles={"for": "Acting on it beats the alternatives: “Courts must guard the…” (¶1)"})
    two = dict(
        GOOD,
        id="two",
        quote="Judges are not elected.",
        question="Should judges who are not elected decide?",
        angles={"for": "Acting on it beats the alternatives: “Judges are not…” (¶1)"},
    )
    assert _failures(one, two)["angles"] == 3  # two truncated re-quotes, one stock lead repeated


def test_agora_prompts_check_reports_and_sets_the_exit_status(reading, tmp_path, capsys):
    args = [
        "prompts",
        "--check",
        "--json",
        "--seeds",
        str(reading.seeds_dir),
        "--index",
        str(reading.index_dir),
    ]
    status = main(["--env-file", str(tmp_path / "none.env"), *args])
    data = json.loads(capsys.readouterr().out)
    assert set(data["counts"]) == set(CHECKS) and data["prompts"] > 0
    figures = data["figures"]
    assert figures["prompts"] == data["prompts"] and 0 <= figures["specific_share"] <= 1
    assert figures["specific"] == data["prompts"] - data["counts"]["specific"]
    assert status == (0 if data["failures"] == 0 else 1)
    assert data["failures"] == len(data["details"]) == sum(data["counts"].values())


def test_a_title_s_full_stop_does_not_end_the_question_a_poll_answers() -> None:
    from bot.core.prompts.quality import poll_problem

    answers = ["Agree with Du Bois", "Disagree with Du Bois", "Not sure"]
    asked = "Does Du Bois convince you that the time is come to speak of Mr. Washington's mistakes?"
    assert poll_problem(asked, answers) is None
    assert poll_problem("Du Bois says so. Mr. Washington disagrees. What do you think?", answers) is not None


def test_a_claim_with_an_or_clause_is_asked_in_a_frame_its_poll_answers() -> None:
    from collections import Counter

    from bot.core.prompts import questions as q
    from bot.core.prompts.quality import poll_problem
    from bot.core.prompts.voice import AUTHOR, Voice

    claim = "families who get free meals, or who are finding the cost hard, should contact the office"
    used: Counter[str] = Counter()
    for _ in range(3):  # whichever frames are still free, the question is one its answers answer
        wording = q.write("recommendation", Voice(AUTHOR), q.Speaker("Carrow"), claim, "x", used)
        assert wording is not None
        assert poll_problem(wording.question, wording.answers) is None
        used[wording.template] += 1


def test_a_we_a_request_and_a_you_spoken_to_someone_are_flagged_and_their_quoted_forms_pass() -> None:
    we = "But we cannot support reducing lighting on any residential street."
    ask = "If you cannot come, please cancel at least two hours before your session."
    line = "You know that better than anyone."
    anyone = "You never understand your own view until you can state the other side's best case."
    texts = {"w": we, "r": ask, "t": f"EUAN: {line}", "e": anyone}
    passages = [
        Passage(pid, "doc.txt", "Doc", None, n, text, BODY, sentences=tuple(sentence_spans(text)))
        for n, (pid, text) in enumerate(texts.items(), start=1)
    ]
    spoken = ((6, len(texts["t"])),)
    passages[2] = Passage("t", "doc.txt", "Doc", None, 3, texts["t"], BODY, speaker="Euan", sentences=spoken)

    def prompt(pid: str, quote: str, question: str) -> dict[str, object]:
        n = list(texts).index(pid) + 1
        poll = {"question": question, "answers": ["Agree", "Disagree", "Not sure"]}
        return {"id": pid, "question": question, "quote": quote, "document": "doc.txt", "paragraph": n,
                "passage_id": pid, "topic": "", "counterpoint": None, "angles": {}, "poll": poll}  # fmt: skip

    bad = [
        prompt("w", we, f"Do you agree with the minority that {we[4:-1]}?"),
        prompt("r", ask, f"Is the author right that {ask[0].lower()}{ask[1:-1]}?"),
        prompt("t", line, "Is Euan right that you know that better than anyone?"),
    ]
    counts = check_deck(bad, passages).counts()
    assert (counts["unnamed-we"], counts["request"], counts["addressed"]) == (1, 1, 1)
    good = [
        prompt("w", we, f"The minority says: “{we[4:5].upper()}{we[5:]}” Do you agree?"),
        # an essay's "you" is the reader's, anyone's: asked as it is
        prompt("e", anyone, f"Is the author right that {anyone[0].lower()}{anyone[1:-1]}?"),
    ]
    report = check_deck(good, passages)
    assert report.ok, report.lines()
