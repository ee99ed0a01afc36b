"""The answerability gate (bot.core.search.answerable): whether the reading answers, from the search."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from bot.core.models.calibration import Gate, calibration_for
from bot.core.search.retrieval import Retriever

SHIPPED = ("all-MiniLM-L6-v2", "all-mpnet-base-v2")


def test_a_gate_weighs_its_signals_into_a_probability_and_reads_only_a_whole_entry():
    gate = Gate.from_json(
        {"signals": ["over_bar", "in_best"], "weights": [1.0, 2.0], "bias": -1.0, "threshold": 0.6}
    )
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


@pytest.mark.parametrize("model", SHIPPED)
def test_each_shipped_model_gates_on_exactly_the_signals_a_search_measures(agora, model):
    gate = calibration_for(model).gate
    assert gate is not None and 0.0 < gate.threshold < 1.0
    answer = Retriever(agora.snapshot.index, agora.embedder).ask("Why does Russia object to NATO expansion?")
    # a signal the gate weighs but the search never measures would silently count as 0
    assert set(gate.names) <= set(answer.signals)


def test_the_gate_decides_a_plain_question_and_says_how_likely_an_answer_is(agora):
    retriever = Retriever(agora.snapshot.index, agora.embedder)
    gate = retriever.calibration.gate
    assert gate is not None
    answered = retriever.ask("Why does Russia object to NATO expansion?")
    assert answered.answered and answered.answerable is not None and answered.answerable >= gate.threshold
    assert json.loads(json.dumps(answered.to_json()))["answerable"] == round(answered.answerable, 3)
    # on the subject, not in the reading: no check names what is missing, the gate turns it away
    near = retriever.ask("Which European country spends the most on defence?")
    assert not near.answered and near.answerable is not None and near.answerable < gate.threshold
    assert near.nearest  # the member is shown what the reading does cover
    # a follow-up or a question about the document itself is not the gate's to decide
    about = retriever.ask("Who wrote this?")
    assert about.answerable is None


def test_without_a_gate_the_cut_off_alone_decides(agora):
    model = Retriever(agora.snapshot.index, agora.embedder).calibration
    plain = Retriever(agora.snapshot.index, agora.embedder, calibration=replace(model, gate=None))
    answer = plain.ask("Why does Russia object to NATO expansion?")
    assert answer.answered and answer.answerable is None and answer.signals == {}
