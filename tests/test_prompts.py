"""The prompt engine: claims quoted verbatim, open questions, counterpoints, stable ids, rotation.

Real model, real FAISS: each reading is indexed once per module in a temporary folder.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from bot.core.prompts import (
    CLAIM_KINDS,
    CLAIM_THRESHOLD,
    DUPLICATE_COSINE,
    PromptDeck,
    check_deck,
    claim_score,
    prompt_id,
)
from bot.core.prompts.deck import DECK_MAX
from bot.core.prompts.quality import carries_claim, counter_problem, reports_others
from bot.core.prompts.questions import FRAME_USES, QUESTION_AIM, TWO_SIDED_AIM
from bot.core.search.index import Index, build_from_seeds
from bot.core.search.retrieval import Retriever

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds"
READINGS = {
    "seed": SEED,
    "markdown": REPO / "eval" / "readings" / "markdown",
    "hardwrapped": REPO / "eval" / "readings" / "hardwrapped",
}
SEED_FILE = "ukraine-standoff-diplomacy.txt"
META_TEXT = (
    "views expressed",
    "is a fellow at Defense Priorities",
    "Priya Nandakumar taught",
    "By Priya",
    "By Teodor",
)


@dataclass
class Built:
    index: Index
    deck: PromptDeck
    retriever: Retriever


def _copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


@pytest.fixture(scope="module")
def built(embedder, tmp_path_factory) -> dict[str, Built]:
    out = {}
    for name, folder in READINGS.items():
        root = tmp_path_factory.mktemp(f"prompts-{name}")
        index = build_from_seeds(
            _copy(folder, root / "seeds"), embedder, root / "index", progress=False
        ).index
        out[name] = Built(index, PromptDeck.build(index, embedder), Retriever(index, embedder))
    return out


@pytest.fixture(params=list(READINGS))
def case(request, built) -> Built:
    return built[request.param]


def _passage(index: Index, passage_id: str):
    return next(p for p in index.passages if p.id == passage_id)


def _units(passage) -> list[str]:
    """The passage's sentences, list items split apart and without bullets (as the engine sees them)."""
    out = []
    for sentence in passage.sentence_texts() or [passage.text]:
        for raw in sentence.split("\n"):
            line = re.sub(r"^\s*(?:[•\-*]|\d{1,3}[.)])\s+", "", raw).strip()
            if line:
                out.append(line)
    return out


def _argumentative(index: Index) -> set[tuple[str, int]]:
    """Paragraphs (never byline, disclaimer or author bio) whose best sentence passes the threshold."""
    authors = [d.get("author") for d in index.documents if d.get("author")]
    best: dict[tuple[str, int], float] = {}
    for p in index.passages:
        if p.is_meta or p.kind not in CLAIM_KINDS or p.paragraph < 1:
            continue
        if any(p.text.lstrip("_* ").startswith(a) for a in authors):
            continue
        key = (p.document, p.paragraph)
        for unit in _units(p):
            best[key] = max(best.get(key, float("-inf")), claim_score(unit).score)
    return {k for k, v in best.items() if v >= CLAIM_THRESHOLD}


# --------------------------------------------------------------------------- claims


def test_claim_score_separates_arguments_from_facts():
    worth = claim_score("Fighting Russia to save Ukraine simply isn't worth the trouble.")
    assert worth.score >= CLAIM_THRESHOLD and worth.kind == "value"
    advice = claim_score("Schools should require students to put their phones away for the entire day.")
    assert advice.score >= CLAIM_THRESHOLD and advice.kind == "recommendation"
    forecast = claim_score("Within five years phone-free school days will be the norm in most countries.")
    assert forecast.score >= CLAIM_THRESHOLD and forecast.kind == "prediction"
    fact = claim_score(
        "Presidents Biden and Putin will have a phone call on Dec. 30, their second in a month."
    )
    assert fact.score < CLAIM_THRESHOLD
    assert claim_score("What is driving Russia's behavior?").score < 0


def test_quotes_are_verbatim_and_never_meta(case):
    assert len(case.deck) >= 5
    titles = {d["title"] for d in case.index.documents}
    for prompt in case.deck:
        passage = _passage(case.index, prompt.passage_id)
        assert prompt.quote in passage.text
        assert prompt.quote.strip() == prompt.quote and len(prompt.quote.split()) >= 6
        assert not passage.is_meta and passage.kind in CLAIM_KINDS and passage.paragraph >= 1
        assert (prompt.document, prompt.paragraph, prompt.title) == (
            passage.document,
            passage.paragraph,
            passage.title,
        )
        assert prompt.quote not in titles and all(prompt.quote not in t for t in titles)
        assert not any(m in prompt.quote for m in META_TEXT)
        assert prompt.citation == f"{prompt.title}, ¶{prompt.paragraph}"
        assert prompt.id == prompt_id(prompt.passage_id, prompt.quote)


def test_questions_carry_their_claim_in_the_holders_name_and_no_frame_serves_three(case):
    templates = Counter(p.template for p in case.deck)
    names = {n for n in case.deck.holders.values() if n}
    for prompt in case.deck:
        assert prompt.question.endswith("?")
        assert "{" not in prompt.question and "  " not in prompt.question
        assert 20 <= len(prompt.question) <= TWO_SIDED_AIM
        assert carries_claim(prompt.question, [prompt.quote], [prompt.holder])
        assert "the author" not in prompt.question  # every reading here names its author
        if prompt.voice == "author":
            assert prompt.holder in names and prompt.holder in prompt.question
            assert len(prompt.question) <= QUESTION_AIM
    assert max(templates.values()) <= FRAME_USES, templates
    assert len({p.question for p in case.deck}) == len(case.deck)


def test_polls_map_each_answer_to_a_stance(case):
    for prompt in case.deck:
        stances = prompt.stance_map()
        assert list(stances) == list(prompt.answers)
        assert set(stances.values()) == {"agree", "disagree", "unsure"}
        if prompt.voice == "author":
            assert (
                prompt.answers[0] == f"Agree with {prompt.holder}" and stances[prompt.answers[0]] == "agree"
            )


def test_the_deck_passes_the_quality_check(case):
    report = check_deck(case.deck.prompts, case.index.passages)
    assert report.ok, "\n".join(report.lines())


def test_fewer_better_prompts_from_body_paragraphs(case):
    expected = _argumentative(case.index)
    assert expected, "the reading should have argumentative paragraphs"
    assert set(case.deck.argumentative) <= expected  # headings, fragments and transitions do not count
    per_paragraph = Counter((p.document, p.paragraph) for p in case.deck)
    per_document = Counter(p.document for p in case.deck)
    assert max(per_paragraph.values()) <= 2 and max(per_document.values()) <= DECK_MAX
    assert len(per_paragraph) >= min(len(case.deck), 5)


def test_seed_deck_covers_the_articles_key_arguments(built):
    deck = built["seed"].deck
    by_paragraph = {p.paragraph: p for p in deck}
    worth = next(p for p in deck if "isn't worth the trouble" in p.quote)
    assert worth.kind == "value" and worth.paragraph == 11 and worth.holder == "DePetris"
    assert "fighting Russia to save Ukraine simply isn't worth the trouble" in worth.question
    assert 8 <= len(deck) <= DECK_MAX
    # bare facts and scene-setting do not become prompts
    assert 1 not in by_paragraph and 2 not in by_paragraph
    assert not any("phone call on Dec. 30" in p.quote for p in deck)
    # a view the article attributes to others is credited to its holder, not to DePetris
    mcfaul = next(p for p in deck if "McFaul" in p.quote)
    assert mcfaul.kind == "others" and mcfaul.holder == "Michael McFaul"
    assert mcfaul.question.startswith("Michael McFaul argues that") and "DePetris" not in mcfaul.question
    school = next(p for p in deck if "One school of thought" in p.quote)
    assert school.question.startswith("Some argue that Putin's ideology")


def test_no_near_duplicates(case, embedder):
    quotes = [p.quote for p in case.deck]
    assert len(set(quotes)) == len(quotes)
    vectors = embedder.encode(quotes)
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, 0)
    assert float(sims.max()) < DUPLICATE_COSINE
    assert len(set(case.deck.ids)) == len(case.deck)


def test_counterpoints_come_from_another_paragraph_and_oppose(case):
    countered = [p for p in case.deck if p.counterpoint is not None]
    if case is not None and any("Opponents of bans" in p.text for p in case.index.passages):
        assert len(countered) >= 2, "the opponents' arguments should answer some claims"
    texts = " ".join(p.text for p in case.index.passages)
    for prompt in case.deck:
        counter = prompt.counterpoint
        if counter is not None:
            passage = _passage(case.index, counter.passage_id)
            assert counter.text in passage.text
            assert counter.paragraph == passage.paragraph != prompt.paragraph
            assert counter.document == prompt.document
            assert not passage.is_meta and not any(m in counter.text for m in META_TEXT)
            assert counter_problem(prompt.quote, counter.text, prompt.voice, passage.text) is None
        assert set(prompt.angles) <= {"for", "against"}
        for angle in prompt.angles.values():  # a whole sentence of the reading, quoted, or nothing
            quoted = re.fullmatch(r"“(.+)” \(¶\d+\)", angle)
            assert quoted and quoted.group(1) in texts
    # the deck does not lean on one passage for every counterpoint
    assert len({p.counterpoint.text for p in countered}) >= min(2, len(countered))


def test_seed_counterpoints_oppose_the_claim(built):
    deck = built["seed"].deck
    mcfaul = next(p for p in deck if "McFaul" in p.quote)
    # a reported view is answered by the author's own argument
    assert mcfaul.counterpoint is not None and "McFaul" not in mcfaul.counterpoint.text
    for prompt in deck:
        if prompt.voice == "author" and prompt.counterpoint is not None:
            assert (
                reports_others(prompt.counterpoint.text)
                or counter_problem(prompt.quote, prompt.counterpoint.text, "author") is None
            )


def test_json_round_trip(built):
    deck = built["markdown"].deck
    data = json.loads(json.dumps(deck.to_json(), ensure_ascii=False))
    assert data["count"] == len(deck) == len(data["prompts"])
    first = data["prompts"][0]
    assert first["id"] == deck.prompts[0].id and first["question"].endswith("?")
    assert first["poll"] == {
        "question": first["question"],
        "answers": list(deck.prompts[0].answers),
        "stances": deck.prompts[0].stance_map(),
    }
    assert first["voice"] in ("author", "reported", "rebutted")
    countered = next((p for p in data["prompts"] if p["counterpoint"]), None)
    assert countered is None or countered["counterpoint"]["paragraph"] != countered["paragraph"]
    assert data["argumentative_paragraphs"] == [
        {"document": d, "paragraph": n} for d, n in deck.argumentative
    ]


# --------------------------------------------------------------------------- stability


def test_ids_are_stable_across_rebuilds(built, embedder, tmp_path):
    first = built["seed"].deck
    seeds = _copy(SEED, tmp_path / "seeds")
    index = build_from_seeds(seeds, embedder, tmp_path / "other-index", progress=False).index
    again = PromptDeck.build(index, embedder)
    assert again.ids == first.ids
    assert [p.question for p in again] == [p.question for p in first]
    assert again.order(2) == first.order(2)
    # without an embedder (only the index's vectors) the same claims are chosen
    assert PromptDeck.build(index).ids == first.ids


def test_editing_one_paragraph_keeps_the_other_prompts_ids(built, embedder, tmp_path):
    first = built["seed"].deck
    seeds = _copy(SEED, tmp_path / "seeds")
    path = seeds / SEED_FILE
    text = path.read_text(encoding="utf-8")
    assert "is largely irrelevant" in text
    path.write_text(text.replace("is largely irrelevant", "is mostly beside the point"), encoding="utf-8")
    index = build_from_seeds(seeds, embedder, tmp_path / "index", progress=False).index
    edited = PromptDeck.build(index, embedder)
    before = {p.paragraph: p.id for p in first}
    after = {p.paragraph: p.id for p in edited}
    assert set(before) == set(after)
    changed = {n for n in before if before[n] != after[n]}
    assert changed == {9}  # only the edited paragraph's prompt gets a new id
    assert edited.get(before[11]) is not None and first.get(after[9]) is None


# --------------------------------------------------------------------------- rotation


def test_rotation_walks_the_deck_then_reshuffles(built):
    deck = built["seed"].deck
    used: list[str] = []
    cycle = 1
    for _ in range(len(deck)):
        prompt, cycle = deck.next_for(used, cycle)
        assert cycle == 1 and prompt.id not in used
        used.append(prompt.id)
    assert used == deck.ids  # cycle 1 follows the reading

    prompt, cycle = deck.next_for(used, cycle)
    assert cycle == 2 and prompt.id != used[-1]
    second = [prompt.id]
    for _ in range(len(deck) - 1):
        prompt, cycle = deck.next_for(second, cycle)
        assert cycle == 2 and prompt.id not in second
        second.append(prompt.id)
    assert sorted(second) == sorted(used) and second != used
    assert second == deck.order(2) == deck.order(2)
    assert deck.order(3) != deck.order(2)
    prompt, cycle = deck.next_for(second, 2)
    assert (prompt.id, cycle) == (deck.order(3)[0], 3)


def test_cycles_never_repeat_a_prompt_back_to_back(built):
    deck = built["seed"].deck
    for cycle in range(2, 60):
        assert sorted(deck.order(cycle)) == sorted(deck.ids)
        assert deck.order(cycle)[0] != deck.order(cycle - 1)[-1]
    assert sorted(deck.order(5000)) == sorted(deck.ids)  # no recursion through earlier cycles


def test_rotation_ignores_unknown_ids_and_is_deterministic(built):
    deck = built["seed"].deck
    ids = deck.ids
    prompt, cycle = deck.next_for(["gone-1", *ids[:-1], "gone-2"], 1)
    assert (prompt.id, cycle) == (ids[-1], 1)
    # a prompt missing from a channel's history (e.g. new in the deck) is dealt in the current cycle
    skipped = [i for i in ids if i != ids[3]]
    assert deck.next_for(skipped, 1)[0].id == ids[3]
    assert deck.next_for(ids[:2], 1) == deck.next_for(list(ids[:2]), 1)


def test_empty_deck_returns_none(tmp_path, embedder):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "facts.txt").write_text(
        "Facts\nThe bridge opened in 1932.\nIt is 503 metres long and carries six lanes.\n", encoding="utf-8"
    )
    index = build_from_seeds(seeds, embedder, tmp_path / "index", progress=False).index
    deck = PromptDeck.build(index, embedder)
    assert len(deck) == 0 and deck.next_for([], 1) is None


# --------------------------------------------------------------------------- topics


def test_topic_on_sanctions_quotes_a_passage_about_sanctions(built):
    seed = built["seed"]
    prompt = seed.deck.for_topic("sanctions", seed.retriever)
    assert prompt is not None
    passage = _passage(seed.index, prompt.passage_id)
    assert "sanctions" in passage.text and prompt.quote in passage.text
    assert "sanctions" in prompt.quote
    assert prompt.question.endswith("?") and prompt.counterpoint is not None


def test_topic_question_about_nato_membership(built):
    seed = built["seed"]
    prompt = seed.deck.for_topic("Should Ukraine join NATO?", seed.retriever)
    assert prompt is not None
    assert "NATO" in _passage(seed.index, prompt.passage_id).text
    assert "NATO" in prompt.quote or "Ukraine" in prompt.quote


@pytest.mark.parametrize("reading", ["seed", "markdown"])
def test_off_topic_returns_none(built, reading):
    case = built[reading]
    assert case.deck.for_topic("best pizza recipe", case.retriever) is None
    assert case.deck.for_topic("How do I bake sourdough bread?", case.retriever) is None


def test_topic_prefers_the_deck_prompt_of_the_matching_paragraph(built):
    md = built["markdown"]
    prompt = md.deck.for_topic("Should schools ban phones for the whole day?", md.retriever)
    assert prompt is not None and md.deck.get(prompt.id) == prompt
    assert "phone" in prompt.quote.lower()


def test_a_deck_of_several_documents_takes_their_claims_in_turns():
    from bot.core.prompts.deck import _by_turns

    ranked = [(3.0, "a1", ("a.txt", 1), False), (2.9, "a2", ("a.txt", 2), False)]
    ranked += [(2.8, "a3", ("a.txt", 3), False), (1.0, "b1", ("b.txt", 1), False)]
    # b's best comes before a's second best: the frames are not all spent on a
    assert [c[1] for c in _by_turns(ranked)] == ["a1", "b1", "a2", "a3"]
    assert _by_turns(ranked[:3]) == ranked[:3]  # one document: the order is unchanged
