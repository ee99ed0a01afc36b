"""RERANK_MODEL: a real sentence-transformers CrossEncoder, made and saved here (no download)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.app.service import Agora
from bot.core.search.embedder import ModelError, resolve_model
from bot.core.search.rerank import CANDIDATES, Reranker
from bot.core.search.retrieval import Retriever


@pytest.fixture(scope="module")
def tiny_cross_encoder(tmp_path_factory) -> Path:
    """A two-layer BERT cross-encoder with the packaged MiniLM's vocabulary, random weights."""
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    folder = tmp_path_factory.mktemp("tiny-cross-encoder")
    tokenizer = AutoTokenizer.from_pretrained(resolve_model("all-MiniLM-L6-v2"))
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=tokenizer.vocab_size,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=512,
        num_labels=1,
    )
    BertForSequenceClassification(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


class Counting:
    """Wraps a Reranker to record what it was asked to score."""

    def __init__(self, inner: Reranker) -> None:
        self.inner = inner
        self.calls: list[tuple[str, int]] = []

    def reorder(self, question: str, rows: np.ndarray, texts: list[str]) -> np.ndarray:
        self.calls.append((question, len(texts)))
        return self.inner.reorder(question, rows, texts)


def test_cross_encoder_reorders_only_the_top_candidates(agora, tiny_cross_encoder):
    reranker = Reranker.load(str(tiny_cross_encoder))
    index = agora.snapshot.index
    plain = Retriever(index, agora.embedder)
    counting = Counting(reranker)
    reranked = Retriever(index, agora.embedder, reranker=counting)  # type: ignore[arg-type]
    question = "Why does Russia object to NATO expansion?"

    before = plain.ask(question, k=CANDIDATES)
    after = reranked.ask(question, k=3)
    assert counting.calls == [(question, CANDIDATES)]  # one batch, the best candidates only
    candidates = [h.passage for h in before.hits]
    scores = reranker.scores(question, [p.text for p in candidates])
    expected = [candidates[i].id for i in np.argsort(-scores, kind="stable")[:3]]
    assert [h.passage.id for h in after.hits] == expected
    assert after.answered == before.answered  # coverage is still decided by the blended score

    off = reranked.ask("How do I bake sourdough bread at home?")
    assert not off.answered


def test_the_service_loads_the_reranker_once(agora, tiny_cross_encoder, tmp_path, reading):
    copy = reading.copy_to(tmp_path)
    settings = copy.settings(tmp_path / "data", rerank_model=str(tiny_cross_encoder))
    service = Agora(settings, load_embedder=lambda _name: agora.embedder)
    service.prepare(progress=False)
    first = service.snapshot.retriever.reranker
    assert isinstance(first, Reranker)
    service.reload()
    assert service.snapshot.retriever.reranker is first
    assert service.ask("Why does Russia object to NATO expansion?").answered


def test_a_missing_reranker_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="RERANK_MODEL"):
        Reranker.load(str(tmp_path / "no-such-model"))
