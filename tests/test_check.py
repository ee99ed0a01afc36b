"""Check against the reading: what a message quotes and claims, located in the reading."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from bot.core.check import Candidate, Sentence, check_claim, check_quote, check_text, extract, locate
from bot.core.check.retrieval import ADDRESSED_AT, RetrievalSearch

REPO = Path(__file__).resolve().parent.parent


def test_extract_quotes_and_claims():
    message = (
        'Hamilton says "the judiciary is the least dangerous branch" and I disagree. '
        "He also wrote “the courts must declare the sense of the law”. lol\n"
        "> Nothing can be more fallacious than this\n> argument about courts\n"
        "Is that really what he meant? Judges should be elected by the people directly. "
        '<@123> see https://example.com "one" <:emoji:12345>'
    )
    found = extract(message)
    assert found.quotes == [
        "Nothing can be more fallacious than this argument about courts",
        "the judiciary is the least dangerous branch",
        "the courts must declare the sense of the law",
    ]
    assert "Judges should be elected by the people directly." in found.claims
    assert not any(c.endswith("?") for c in found.claims)
    assert not any("lol" in c or "example.com" in c for c in found.claims)


def test_extract_rest_of_message_block_quote_and_limits():
    found = extract("intro line\n>>> all of this is quoted\nand this too, every word")
    assert found.quotes == ["all of this is quoted and this too, every word"]
    many = " ".join(f'"quote number {i} here"' for i in range(9))
    assert len(extract(many).quotes) == 5


PASSAGE = (
    "The judiciary, from the nature of its functions, will always be the least dangerous to the "
    "political rights of the Constitution. It has neither force nor will, but merely judgment."
)


def cand(text=PASSAGE, citation="Federalist, ¶7"):
    return Candidate(text, citation, 5.0, (), "p7")


def test_locate_found_differs_not_found():
    ok = locate("will always be the LEAST dangerous to the political rights", [cand()])
    assert (ok.status, ok.citation, ok.differences) == ("found", "Federalist, ¶7", [])
    curly = locate("It has neither force nor will, but merely judgment", [cand()])
    assert curly.status == "found"
    changed = locate("It has neither force nor will, but merely opinion", [cand()])
    assert changed.status == "differs"
    assert [(d.quoted, d.reading) for d in changed.differences] == [("opinion", "judgment")]
    assert changed.passage == "It has neither force nor will, but merely judgment"
    dropped = locate("It has neither force nor will, merely judgment", [cand()])
    assert [(d.quoted, d.reading) for d in dropped.differences] == [("", "but")]
    elided = locate("The judiciary … will always be the least dangerous", [cand()])
    assert elided.status == "found"
    assert locate("Cats are wonderful companions for any household", [cand()]).status == "not_found"
    assert locate("anything at all here", []).status == "not_found"


def test_locate_picks_the_passage_that_holds_the_quote():
    other = cand("Energy in the executive is a leading character in the definition of good government.", "¶1")
    found = locate("It has neither force nor will", [other, cand()])
    assert found.citation == "Federalist, ¶7"


class FakeSearch:
    def __init__(self, score):
        self.score = score

    def locate(self, text, k):
        return [cand()]

    def answer(self, text, k):
        return [
            Candidate(
                PASSAGE,
                "Federalist, ¶7",
                self.score,
                (Sentence("The judiciary will always be the least dangerous.", 0.8),),
                "p7",
            ),
            Candidate(
                "But critics say the courts are mistaken to claim so little power.",
                "Federalist, ¶8",
                self.score - 1,
                (Sentence("But critics say the courts are mistaken to claim so little power.", 0.7),),
                "p8",
            ),
        ]


def test_claim_closest_and_against_only_when_addressed():
    addressed = check_claim("The courts are the weakest branch", FakeSearch(5.0), 3.0)
    assert addressed.addressed
    assert addressed.closest.text == "The judiciary will always be the least dangerous."
    assert addressed.against.citation == "Federalist, ¶8"
    off = check_claim("Pizza is the best food", FakeSearch(1.0), 3.0)
    assert off.to_json() == {
        "text": "Pizza is the best food",
        "closest": None,
        "against": None,
        "addressed": False,
    }


def test_report_json_shape():
    report = check_text(
        'He wrote "it has neither force nor will". Courts are weak anyway, I think.', FakeSearch(5), 3
    )
    out = report.to_json()
    assert set(out) == {"quotes", "claims"}
    assert set(out["quotes"][0]) == {"text", "status", "citation", "differences"}
    assert set(out["claims"][0]) == {"text", "closest", "against", "addressed"}


# --- on a real reading: the test session's index (the repo's seeds), through retrieval ----------


def _sentences(agora):
    out = []
    for p in agora.snapshot.index.passages:
        if p.is_meta or p.kind == "title":
            continue
        out += [(s, p.citation) for s in p.sentence_texts() if 8 <= len(s.split()) <= 60]
    return out


def _paragraph(citation):
    return re.sub(r" \(part \d+/\d+\)$", "", citation or "")


def test_quotes_on_a_real_reading(agora):
    search = RetrievalSearch(agora.snapshot.retriever)
    rng = np.random.default_rng(11)
    pool = _sentences(agora)
    picked = [pool[i] for i in rng.permutation(len(pool))[:20]]
    for sentence, citation in picked:
        found = check_quote(sentence, search)
        assert found.status == "found" and _paragraph(found.citation) == _paragraph(citation), sentence
        words = list(re.finditer(r"[A-Za-z]{5,}", sentence))
        w = words[len(words) // 2]
        changed = sentence[: w.start()] + "zeppelinesque" + sentence[w.end() :]
        differs = check_quote(changed, search)
        assert differs.status == "differs", changed
        assert [(d.quoted, d.reading) for d in differs.differences] == [("zeppelinesque", w.group())]
    # sentences of another reading (Federalist No. 78) are not in this one
    other = (REPO / "eval/readings/federalist/federalist-78-judiciary-department.txt").read_text()
    invented = [s for s in re.split(r"(?<=[.;])\s+", " ".join(other.split())) if 10 <= len(s.split()) <= 40]
    for sentence in invented[5:25]:
        assert check_quote(sentence, search).status == "not_found", sentence


@pytest.mark.parametrize("claim", ["The best pizza in Naples uses buffalo mozzarella and a wood oven"])
def test_off_topic_claim_is_not_addressed(agora, claim):
    result = check_claim(claim, RetrievalSearch(agora.snapshot.retriever), ADDRESSED_AT)
    assert not result.addressed and result.closest is None


def test_on_topic_claim_gets_the_readings_words(agora):
    retriever = agora.snapshot.retriever
    sentence, citation = _sentences(agora)[3]
    result = check_claim(sentence, RetrievalSearch(retriever), ADDRESSED_AT)
    assert result.addressed
    assert _paragraph(result.closest.citation) == _paragraph(citation)
    passages = {p.text for p in retriever.index.passages}
    assert any(result.closest.text in text for text in passages)
