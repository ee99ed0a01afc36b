"""The answerability gate (bot.core.search.answerable): whether the reading answers, from the search."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import replace

import numpy as np
import pytest
from conftest import REPO

from bot.core.models.calibration import Gate, calibration_for
from bot.core.search.evaluate import load_eval
from bot.core.search.retrieval import Retriever

# on the probes' scale: probability 0.5 exactly where the level meets the cut-off (moved by the lead)
AS_THE_CUT_OFF = Gate(("over_bar",), (1.0,), 0.0, 0.5)


def test_a_gate_weighs_its_signals_into_a_probability_and_reads_only_a_whole_entry():
    entry = {"signals": ["over_bar", "in_best"], "weights": [1.0, 2.0], "bias": -1.0, "threshold": 0.6}
    gate = Gate.from_json(entry)
    assert gate is not None
    assert gate.probability({"over_bar": 1.0, "in_best": 0.0}) == pytest.approx(0.5)
    higher = gate.probability({"over_bar": 1.0, "in_best": 1.0})
    assert higher > 0.6 and gate.passes({"over_bar": 1.0, "in_best": 1.0})
    assert not gate.passes({"over_bar": 1.0, "in_best": 0.0})
    assert 0.0 <= gate.probability({"over_bar": 1e9, "in_best": 1e9}) <= 1.0  # no overflow
    # a broken entry is no gate: the cut-off alone decides
    assert Gate.from_json({"signals": ["a", "b"], "weights": [1.0], "bias": 0, "threshold": 0.5}) is None
    assert Gate.from_json({"signals": ["a"], "weights": ["x"], "bias": 0, "threshold": 0.5}) is None
    assert Gate.from_json(None) is None


def test_yes_no_questions_have_a_threshold_of_their_own():
    entry = {"signals": ["level"], "weights": [1.0], "bias": 0.0, "threshold": 0.6, "threshold_yes_no": 0.4}
    gate = Gate.from_json(entry)
    assert gate is not None and gate.threshold_yes_no == 0.4
    even = {"level": 0.0}  # probability 0.5
    assert gate.passes({**even, "yes_no": 1.0}) and not gate.passes({**even, "yes_no": 0.0})
    assert Gate.from_json({k: v for k, v in entry.items() if k != "threshold_yes_no"}).threshold_for(
        {"yes_no": 1.0}
    ) == pytest.approx(0.6)  # an older entry: one threshold for all


def test_the_fit_gives_yes_no_questions_a_threshold_that_refuses_no_more_of_them(capsys):
    """scripts/fit_gate.py: where answerable yes/no questions score lower than the others, one threshold
    for all would refuse more of them than the cut-off alone; each kind gets its own."""
    spec = importlib.util.spec_from_file_location("fit_gate", REPO / "scripts" / "fit_gate.py")
    fit_gate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fit_gate)
    rng = np.random.default_rng(7)
    records = []
    for n in range(1600):
        on, yes_no = n % 3 != 0, n % 4 == 0
        centre = (1.2 if on else -0.4) - (0.9 if yes_no and on else 0.0)
        level = float(rng.normal(centre, 0.8))
        signals = {"over_bar": level + 0.3, "level": level, "yes_no": float(yes_no)}
        records.append({"set": f"s{n % 16}", "on": on, "passed": True, "signals": signals})
    fitted = fit_gate.fit(records, ["yes_no"], 0.1)
    assert fitted["threshold_yes_no"] < fitted["threshold"]
    gate = Gate.from_json(fitted)
    refused = sum(1 for r in records if r["on"] and r["signals"]["yes_no"] and not gate.passes(r["signals"]))
    by_cut = sum(1 for r in records if r["on"] and r["signals"]["yes_no"] and r["signals"]["over_bar"] < 0)
    assert refused <= by_cut + 5  # (in sample; out of fold it is at most the cut-off's)
    assert "yes/no: the cut-off alone refused" in capsys.readouterr().out


def test_the_default_model_ships_a_gate_on_signals_a_search_measures(agora):
    gate = calibration_for("all-mpnet-base-v2").gate
    assert gate is not None and 0.0 < gate.threshold < 1.0
    answer = _gated(agora, gate).ask("Is the author hopeful about the talks?")
    # a signal the gate weighs but the search never measures would silently count as 0
    assert set(gate.names) <= set(answer.signals)
    assert {"focus_measured", "focus_drop"} <= set(answer.signals)
    assert gate.threshold_yes_no is not None  # yes/no questions have their own
    # the fast model ships its own, fitted on its own searches (its cosines live on another scale)
    fast = calibration_for("all-MiniLM-L6-v2").gate
    assert fast is not None and fast.threshold_yes_no is not None
    assert (fast.weights, fast.bias) != (gate.weights, gate.bias)


def _gated(agora, gate: Gate | None) -> Retriever:
    model = Retriever(agora.snapshot.index, agora.embedder).calibration
    return Retriever(agora.snapshot.index, agora.embedder, calibration=replace(model, gate=gate))


def test_a_gate_on_the_level_alone_decides_as_the_cut_off_does(agora):
    """The signals are wired as the cut-off reads the level: the same questions answered, every one."""
    spec = load_eval(REPO / "eval" / "seed-article.json")
    questions = [item["q"] for item in spec["questions"]] + list(spec["off_topic"])
    plain, gated = _gated(agora, None), _gated(agora, AS_THE_CUT_OFF)
    decided = 0
    for question in questions:
        a, b = plain.ask(question), gated.ask(question)
        assert a.answered == b.answered, question
        if a.answered:  # (a refused question's passages are the nearest topics, found either way)
            assert [h.passage.id for h in a.hits] == [h.passage.id for h in b.hits], question
        decided += b.answerable is not None
    assert decided > len(questions) // 2  # most of them plain questions the gate decides


def test_the_gate_decides_last_and_says_how_likely_an_answer_is(agora):
    # a gate that wants half the question's words in the best passage, whatever its level
    wants_words = Gate(("in_best",), (10.0,), -5.0, 0.5)
    retriever = _gated(agora, wants_words)
    answered = retriever.ask("Why does Russia object to NATO expansion?")
    assert answered.answered and answered.answerable is not None and answered.answerable >= 0.5
    assert json.loads(json.dumps(answered.to_json()))["answerable"] == round(answered.answerable, 3)
    # on the subject, over the cut-off, passed by every check; the gate turns it away
    gas = "How much gas does Europe import from Russia?"
    assert _gated(agora, None).ask(gas).answered
    near = retriever.ask(gas)
    assert not near.answered and near.answerable is not None and near.answerable < 0.5
    assert near.nearest and not near.notes  # the member is shown what the reading does cover
    # a check that refuses keeps its note: the gate decides only what every check let through
    unknown = retriever.ask("What did Zelensky say about the talks?")
    assert not unknown.answered and unknown.notes == ["The reading never mentions Zelensky."]
    # a question about the document itself, a follow-up or one with no words of its own: not the gate's
    assert retriever.ask("Who wrote this?").answerable is None
    assert retriever.ask("why?").answerable is None


def test_without_a_gate_the_cut_off_alone_decides(agora):
    answer = _gated(agora, None).ask("Why does Russia object to NATO expansion?")
    assert answer.answered and answer.answerable is None and answer.signals == {}
