"""The reading's own "not in the reading" level (bot.core.search.null), on made-up vectors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pytest

from bot.core.models.calibration import calibration_for
from bot.core.reading.passages import Passage
from bot.core.search.null import ReadingNull, measure
from bot.core.search.scoring import BM25
from bot.core.search.sentences import Sentences

DIM = 32
CALIBRATION = replace(
    calibration_for("all-MiniLM-L6-v2"), z_answer=3.0, near_weight=1.0, near_quantile=0.5, near_margin=0.0
)


def _reading(vectors: list[list[np.ndarray]]) -> tuple[list[Passage], np.ndarray, np.ndarray, np.ndarray]:
    """Passages of two-sentence paragraphs whose sentence vectors are `vectors` (one list per paragraph)."""
    passages, sentence_rows, owners = [], [], []
    for row, sentences in enumerate(vectors):
        words = [f"sentence {row} {i} with enough words to count here" for i in range(len(sentences))]
        text = ". ".join(words) + "."
        spans, at = [], 0
        for w in words:
            spans.append((at, at + len(w) + 1))
            at += len(w) + 2
        passages.append(Passage(f"p{row}", "a.txt", "A", None, row + 1, text, sentences=tuple(spans)))
        for v in sentences:
            sentence_rows.append(v / np.linalg.norm(v))
            owners.append(row)
    s_vectors = np.array(sentence_rows, dtype=np.float32)
    p_vectors = np.array([np.mean(s, axis=0) for s in vectors], dtype=np.float32)
    p_vectors /= np.linalg.norm(p_vectors, axis=1, keepdims=True)
    return passages, p_vectors, s_vectors, np.array(owners)


def _null(vectors: list[list[np.ndarray]], probes: np.ndarray, documents: Sequence[str] = ()) -> ReadingNull:
    """The null of a reading whose passages hold `vectors`; `documents` names each passage's file."""
    passages, p_vectors, s_vectors, owners = _reading(vectors)
    if documents:
        passages = [replace(p, document=d) for p, d in zip(passages, documents, strict=True)]
    return measure(
        passages,
        passage_vectors=p_vectors,
        sentence_vectors=s_vectors,
        sentence_owner=owners,
        probe_vectors=probes,
        bm25=BM25([[] for _ in passages]),
        calibration=CALIBRATION,
    )


def test_a_reading_whose_paragraphs_all_say_the_same_thing_sets_a_higher_cut_off():
    rng = np.random.default_rng(3)
    probes = rng.normal(size=(12, DIM)).astype(np.float32)
    probes /= np.linalg.norm(probes, axis=1, keepdims=True)
    theme = rng.normal(size=DIM)
    # distinct topics: each paragraph its own direction; one theme: every paragraph near `theme`
    distinct = [[rng.normal(size=DIM), rng.normal(size=DIM)] for _ in range(10)]
    alike = [[theme + 0.4 * rng.normal(size=DIM), theme + 0.4 * rng.normal(size=DIM)] for _ in range(10)]
    spread, same = _null(distinct, probes), _null(alike, probes)
    assert len(spread.probes) == 12 and len(spread.near) == 20
    # a sentence never meets its own paragraph: with distinct topics the rest of the reading scores low
    assert max(spread.near) < 0.8
    assert same.cutoff(CALIBRATION) > spread.cutoff(CALIBRATION)
    assert spread.cutoff(CALIBRATION) >= CALIBRATION.z_answer  # the model's cut-off is the floor


def test_without_the_reading_s_null_the_model_s_cut_off_holds():
    null = ReadingNull(probes=(0.1, 0.2, 0.3), near=(0.9, 0.95), weights=(0.35, 0.65, 0.1))
    assert null.cutoff(replace(CALIBRATION, near_weight=0.0)) == CALIBRATION.z_answer
    assert null.cutoff(CALIBRATION) > CALIBRATION.z_answer


def test_the_manifest_form_round_trips_and_names_its_blend():
    null = ReadingNull(probes=(0.1, 0.2), near=(0.5,), weights=(0.35, 0.65, 0.1))
    again = ReadingNull.from_json(null.to_json())
    assert again == null
    assert again.matches(replace(CALIBRATION, w_passage=0.35, w_sentence=0.65, w_lexical=0.1))
    assert not again.matches(replace(CALIBRATION, w_passage=0.5))
    assert ReadingNull.from_json({"probes": "x"}) is None and ReadingNull.from_json(None) is None


def test_doctor_names_the_reading_s_own_cut_off_beside_the_model_s_floor():
    from bot.ops.operate import _cutoff

    alike = ReadingNull(probes=(0.1, 0.2, 0.3), near=(0.9, 0.95, 0.97), weights=(0.35, 0.65, 0.1))
    line = _cutoff({"model": "all-MiniLM-L6-v2", "null": alike.to_json()})
    floor = calibration_for("all-MiniLM-L6-v2").z_answer
    assert f"the model's floor: {floor:.2f}" in line
    here = float(line.split("answered from z ")[1].split()[0])
    assert here > floor  # a reading whose sentences all score high against each other raises it
    assert _cutoff({"model": "all-MiniLM-L6-v2"}) == ""  # an index from before: nothing to say
    # each shipped model names its own gate after its cut-off
    for model, said in (("all-MiniLM-L6-v2", line), ("all-mpnet-base-v2", None)):
        gated = said or _cutoff({"model": model, "null": alike.to_json()})
        gate = calibration_for(model).gate
        assert gate is not None
        assert f"({len(gate.names)} signals, from probability {gate.threshold:.2f}" in gated
        assert f"{gate.threshold_yes_no:.2f} for yes/no questions)" in gated


def test_documents_that_echo_each_other_keep_a_named_one_s_cut_off_at_its_own_level():
    rng = np.random.default_rng(5)
    probes = rng.normal(size=(12, DIM)).astype(np.float32)
    probes /= np.linalg.norm(probes, axis=1, keepdims=True)
    # two essays on one question: each paragraph of the reply restates a paragraph of the first
    points = [[rng.normal(size=DIM), rng.normal(size=DIM)] for _ in range(6)]
    echoes = [[v + 0.2 * rng.normal(size=DIM) for v in p] for p in points]
    null = _null(points + echoes, probes, documents=["a.md"] * 6 + ["b.md"] * 6)
    assert {d for d, _ in null.within} == {"a.md", "b.md"} and len(null.within) == len(null.near)
    # the whole reading finds every point again in the other essay; each essay alone does not
    assert null.cutoff_within(CALIBRATION, ["a.md"]) < null.cutoff(CALIBRATION) - 1
    assert null.cutoff_within(CALIBRATION, ["a.md"]) >= CALIBRATION.z_answer
    assert null.cutoff_within(CALIBRATION, ["c.md"]) == null.cutoff(CALIBRATION)  # no sample: the whole
    again = ReadingNull.from_json(null.to_json())
    assert again is not None and again.cutoff_within(CALIBRATION, ["a.md"]) == pytest.approx(
        null.cutoff_within(CALIBRATION, ["a.md"]), abs=0.01
    )
    alone = _null(points, probes)
    assert alone.within == ()  # one document: its sample is the reading's


def test_each_passage_s_best_sentence_comes_back_in_the_order_asked():
    rng = np.random.default_rng(7)
    passages, p_vectors, s_vectors, owners = _reading(
        [[rng.normal(size=DIM) for _ in range(k)] for k in (2, 3, 1, 2)]
    )
    index = SimpleNamespace(
        passages=passages, passage_vectors=p_vectors, sentence_vectors=s_vectors, sentence_owner=owners
    )
    sentences = Sentences(index)  # type: ignore[arg-type]
    q = rng.normal(size=DIM).astype(np.float32)
    q /= np.linalg.norm(q)
    alone = [float(sentences.scores(row, q).max()) for row in range(4)]
    for rows in (np.arange(4), np.array([2, 0, 3, 1]), np.array([3, 1])):
        # every passage, in any order, or a few: each row's own best sentence, in the order asked
        assert sentences.best(rows, q, "what is it?") == pytest.approx([alone[r] for r in rows], abs=1e-6)


def test_a_sentence_of_a_few_words_counts_below_its_cosine_when_the_model_says_so():
    rng = np.random.default_rng(11)
    q = rng.normal(size=DIM).astype(np.float32)
    q /= np.linalg.norm(q)
    near = q + 0.3 * rng.normal(size=DIM).astype(np.float32)
    near /= np.linalg.norm(near)
    texts = ["Councillor Ndiaye.", "The park would close at seven on weekdays, with a fence along the lane."]
    passages = [
        Passage(f"p{row}", "a.txt", "A", None, row + 1, text, sentences=((0, len(text)),))
        for row, text in enumerate(texts)
    ]
    vectors = np.array([q, near], dtype=np.float32)  # the bare name matches the question best
    index = SimpleNamespace(
        passages=passages, passage_vectors=vectors, sentence_vectors=vectors, sentence_owner=np.array([0, 1])
    )
    sentences = Sentences(index)  # type: ignore[arg-type]
    rows = np.arange(2)
    plain = sentences.best(rows, q, "what conditions does she want?")
    assert plain[0] > plain[1]
    short = sentences.best(rows, q, "what conditions does she want?", short=1.0)
    assert short[0] == pytest.approx(plain[0] - 1.0, abs=1e-6) and short[1] == pytest.approx(plain[1])
    assert short[1] > short[0]  # the sentence that says something is the better answer
    assert calibration_for("all-mpnet-base-v2").short_sentence > 0


def test_a_best_passage_that_stands_out_needs_less_than_one_among_many_alike(agora):
    from bot.core.search.retrieval import Retriever

    index = agora.snapshot.index
    model = Retriever(index, agora.embedder).calibration
    retriever = Retriever(
        index, agora.embedder, calibration=replace(model, lead=1.0, lead_shift=-2.0, flat_shift=0.5)
    )
    sd, places = retriever._null.probe_sd, retriever._place
    rival = int(np.flatnonzero(places != places[0])[0])  # a passage of another paragraph
    blended = np.full(len(places), 0.2, dtype=np.float32)
    blended[0], blended[rival] = 0.6, 0.6 - 1.5 * sd  # the best leads every other paragraph by 1.5 spreads
    assert retriever._bar(4.0, blended) == pytest.approx(2.0)
    blended[rival] = 0.6 - 0.5 * sd  # another paragraph nearly as close: on the subject, not the answer
    assert retriever._bar(4.0, blended) == pytest.approx(4.5)
    # without a lead in the calibration the cut-off stands as it is
    unmoved = Retriever(index, agora.embedder, calibration=replace(model, lead=None))
    assert unmoved._bar(4.0, blended) == pytest.approx(4.0)
    # both shipped models read the lead: a best that stands out passes below the cut-off, any other above it
    for name in ("all-MiniLM-L6-v2", "all-mpnet-base-v2"):
        c = calibration_for(name)
        assert c.lead is not None and c.lead_shift < 0 < c.flat_shift
