"""A fast encoder: the sentence-transformers model exported once to ONNX, run by onnxruntime.

Serving with it avoids importing torch and sentence-transformers (seconds of start-up and
hundreds of MB). The export happens offline, from the installed model, the first time an
index is built; the exported graph includes mean pooling and L2 normalisation, so its
vectors match `Embedder.encode` (cosine > 0.9999).

Questions are encoded by a second graph, `query.onnx`: the same export with every projection
in int8 but for its input's few outlier channels (see `bot.core.search.quantize`), used for a
model whose calibration says it keeps every evaluation figure. Passages are always encoded
in float32, so the index never changes with it.

`encoder.json` records the size and SHA-256 of every file of the export (and checks itself).
Loading verifies the tokenizer and the question graph before using them; the float32 graph,
needed only to encode passages, is checked in a background thread as soon as the encoder is
loaded (hashing its 90 MB would otherwise delay the first answer), so a damaged one is
reported at start-up, long before a rebuild needs it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from bot.core.files.fslock import exclusive
from bot.core.files.integrity import DamagedFile, Unsealed, read_sealed, record, seal, verify
from bot.core.search.quantize import SCHEME, SCHEMES

log = logging.getLogger(__name__)

FORMAT_VERSION = 2  # 2: files recorded with their checksums in a sealed encoder.json
META = "encoder.json"
MODEL = "model.onnx"
QUERY_MODEL = "query.onnx"
TOKENIZER = "tokenizer.json"
EXPORT_LOCK = ".export.lock"
QUERY_AGREEMENT = 0.97  # worst cosine allowed between the int8 and float32 question vectors


class EncoderDamaged(ValueError):
    """The export's files are missing, damaged, or from an older Agora: it must be made again."""


def read_meta(folder: Path) -> dict[str, Any]:
    """The export's sealed `encoder.json` (EncoderDamaged if missing, damaged or outdated)."""
    try:
        meta = read_sealed(folder / META)
    except Unsealed:
        raise EncoderDamaged(f"The encoder export in {folder} was made by an older Agora.") from None
    except DamagedFile as exc:
        raise _damaged(folder, exc) from None
    if meta.get("format") != FORMAT_VERSION or not isinstance(meta.get("files"), dict):
        raise EncoderDamaged(f"The encoder export in {folder} is of another format.")
    return meta


def _damaged(folder: Path, problem: object) -> EncoderDamaged:
    return EncoderDamaged(f"The encoder export in {folder} is damaged: {problem}.")


def write_meta(folder: Path, meta: dict[str, Any]) -> None:
    """Write `encoder.json`, sealed, atomically."""
    staging = folder / f".{META}.tmp"
    staging.write_text(json.dumps(seal(meta), indent=2))
    os.replace(staging, folder / META)


def export_dir(index_dir: Path, model_name: str) -> Path:
    """Where the ONNX export of `model_name` lives (shared by all index versions)."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model_name).strip("_") or "model"
    return index_dir / "encoders" / slug


@dataclass
class OnnxEmbedder:
    """Same interface as :class:`bot.core.search.embedder.Embedder`, backed by onnxruntime."""

    name: str
    folder: Path
    tokenizer: Any = field(repr=False)
    counter: Any = field(repr=False)
    dimension: int
    max_tokens: int
    needs_token_types: bool
    threads: int
    fingerprint: str = ""  # of the model files it was exported from ("" when unknown)
    source: dict[str, Any] | None = field(default=None, repr=False)  # folder, fingerprint, stamp
    query_session: Any = field(default=None, repr=False)
    _session: Any = field(default=None, repr=False)
    _model_check: threading.Thread | None = field(default=None, repr=False)
    _model_problem: str | None = field(default=None, repr=False)

    @classmethod
    def load(
        cls, folder: Path, threads: int | None = None, *, int8: bool = True, scheme: int = SCHEME
    ) -> OnnxEmbedder:
        """Load an export made by :func:`export_onnx` (raises OSError/ValueError if unusable).

        Only the question graph is loaded now (the int8 one made by `scheme`, unless not
        `int8`; one made by another scheme is left for :func:`quantize_for_queries`); the float32
        graph for passages is loaded the first time passages are encoded (a bot that never
        rebuilds never pays for it).
        """
        import onnxruntime as ort  # noqa: F401  (fails here, clearly, when it is missing)
        from tokenizers import Tokenizer

        meta = read_meta(folder)
        files = meta["files"]
        try:
            verify(folder, files, [TOKENIZER])
            size = (folder / MODEL).stat().st_size
        except DamagedFile as exc:
            raise _damaged(folder, exc) from None
        except OSError:
            raise _damaged(folder, f"{MODEL} is missing") from None
        if size != (files.get(MODEL) or {}).get("bytes"):
            raise _damaged(folder, f"{MODEL} has {size:,} bytes, not the size written")
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        counter = Tokenizer.from_file(str(folder / "tokenizer.json"))
        counter.no_truncation()
        counter.no_padding()
        max_tokens = int(meta["max_tokens"])
        tokenizer.enable_truncation(max_tokens)
        tokenizer.enable_padding(pad_id=int(meta.get("pad_id", 0)))
        embedder = cls(
            name=str(meta["model"]),
            folder=folder,
            tokenizer=tokenizer,
            counter=counter,
            dimension=int(meta["dimension"]),
            max_tokens=max_tokens,
            needs_token_types=True,
            threads=threads or min(4, os.cpu_count() or 1),
            fingerprint=str((meta.get("source") or {}).get("fingerprint") or ""),
            source=meta.get("source") if isinstance(meta.get("source"), dict) else None,
        )
        current = query_scheme(meta) == scheme  # another scheme's graph is made again
        if int8 and current and QUERY_MODEL in files and (folder / QUERY_MODEL).exists():
            embedder.attach_query_graph()
        embedder._model_check = threading.Thread(
            target=embedder._check_model, args=(files,), name="agora-encoder-check", daemon=True
        )
        embedder._model_check.start()
        if embedder.query_session is not None:
            inputs = {i.name for i in embedder.query_session.get_inputs()}
        else:
            inputs = {i.name for i in embedder.session.get_inputs()}
        embedder.needs_token_types = "token_type_ids" in inputs
        return embedder

    def attach_query_graph(self) -> bool:
        """Load `query.onnx` for questions; False (questions use float32) if it is unusable."""
        path = self.folder / QUERY_MODEL
        try:
            verify(self.folder, read_meta(self.folder)["files"], [QUERY_MODEL])
            # No spinning: on a shared CPU, threads that spin while waiting for each other
            # make every question several times slower (MiniLM's question p50 86 ms spinning
            # against 35 ms not, at a load of 10 on 2 cores); on an idle one it gains little.
            self.query_session = _session(path, self.threads, spinning=False)
        except Exception as exc:  # damaged or missing: questions use float32 until it is made again
            log.warning("The question encoder %s is unusable (%s); making it again", path, exc)
            self.query_session = None
        return self.query_session is not None

    def _check_model(self, files: dict[str, Any]) -> None:
        """Compare the float32 graph with its checksum (run in a background thread at load).

        A damaged graph is reported at once and its export set aside (`encoder.json` renamed),
        so the next :func:`bot.core.search.embedder.load_encoder` exports the model again.
        """
        _lower_thread_priority()
        try:
            verify(self.folder, files, [MODEL])
        except DamagedFile as exc:
            self._model_problem = str(exc)
            log.warning(
                "The encoder export in %s is damaged (%s); it will be exported again before the "
                "next rebuild.",
                self.folder,
                exc,
            )
            with contextlib.suppress(OSError):
                os.replace(self.folder / META, self.folder / f"{META}.damaged")

    def model_problem(self) -> str | None:
        """What is wrong with the float32 graph, or None (waits for the check at load)."""
        if self._model_check is not None:
            self._model_check.join()
        return self._model_problem

    @property
    def session(self) -> Any:
        """The float32 graph, used for passages (and questions when there is no query graph)."""
        if self._session is None:
            problem = self.model_problem()
            if problem is not None:
                raise _damaged(self.folder, problem)
            self._session = _session(self.folder / MODEL, self.threads, spinning=False)
        return self._session

    def count_tokens(self, text: str) -> int:
        """How many tokens the model sees for `text` (special tokens included)."""
        return len(self.counter.encode(text).ids)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length embeddings of questions, by the int8 query graph when there is one."""
        return self._run(self.query_session or self.session, texts, 16, None)

    def encode(self, texts: Sequence[str], *, batch_size: int = 16, progress: bool = False) -> np.ndarray:
        """Unit-length float32 embeddings, one row per text (batched by length)."""
        bar = _progress(len(texts)) if progress and texts else None
        try:
            return self._run(self.session, texts, batch_size, bar)
        finally:
            if bar is not None:
                bar.close()

    def _run(self, session: Any, texts: Sequence[str], batch_size: int, bar: Any) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            encoded = self.tokenizer.encode_batch([texts[i] for i in rows])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            feed = {
                "input_ids": ids,
                "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64),
            }
            if self.needs_token_types:
                feed["token_type_ids"] = np.zeros_like(ids)
            out[rows] = session.run(None, feed)[0]
            if bar is not None:
                bar.update(len(rows))
        return out


def _session(path: Path, threads: int, *, spinning: bool) -> Any:
    """An onnxruntime CPU session; `spinning` trades idle CPU for lower latency on short inputs."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    options.add_session_config_entry("session.intra_op.allow_spinning", "1" if spinning else "0")
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def query_scheme(meta: dict[str, Any]) -> int:
    """How the export's question graph was made (graphs from before schemes were recorded: 1)."""
    return int(meta.get("query_scheme", 1))


def quantize_for_queries(folder: Path, scheme: int = SCHEME) -> Path:
    """Write `query.onnx` beside `model.onnx`, the int8 graph for questions.

    `scheme` (one of `SCHEMES`) says how (see :mod:`bot.core.search.quantize`): 2 makes every
    projection int8 but for the few input channels whose values dwarf the rest, which stay
    float32. Needs the onnx package (installed with Agora).
    """
    if scheme not in SCHEMES:
        raise ValueError(f"no question-graph scheme {scheme}")
    from tokenizers import Tokenizer

    from bot.core.search.quantize import quantize_queries

    meta = read_meta(folder)
    tokenizer = Tokenizer.from_file(str(folder / TOKENIZER))
    tokenizer.enable_truncation(int(meta["max_tokens"]))

    def feed(text: str) -> dict[str, np.ndarray]:
        encoded = tokenizer.encode(text)
        ids = np.array([encoded.ids], dtype=np.int64)
        mask = np.array([encoded.attention_mask], dtype=np.int64)
        return {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}

    staging = folder / f".{QUERY_MODEL}.tmp"
    quantize_queries(folder / MODEL, staging, feed, scheme)
    os.replace(staging, folder / QUERY_MODEL)
    meta = read_meta(folder)
    meta["files"] |= record(folder, [QUERY_MODEL])
    meta["query_scheme"] = scheme
    write_meta(folder, meta)
    return folder / QUERY_MODEL


def _lower_thread_priority() -> None:
    """Let the calling thread yield the cores to answering (Linux: per-thread nice)."""
    with contextlib.suppress(AttributeError, OSError):  # other systems: normal priority
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


def _progress(total: int) -> Any:
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover
        return None
    return tqdm(total=total, unit="text", desc="Embedding")


def export_onnx(model: Any, name: str, folder: Path, source: dict[str, Any] | None = None) -> Path:
    """Export a loaded SentenceTransformer (mean pooling + normalisation) to `folder`.

    `source` (the model's folder, fingerprint and files' stamp) is recorded in `encoder.json`.
    Models whose encoder takes no token types (MPNet) get a graph without that input.
    Needs torch and the `onnx` package; written atomically (a temp folder renamed into place).
    """
    import inspect

    import torch

    transformer = model[0].auto_model.eval()
    tokenizer = model.tokenizer
    pooling = model[1]
    if not getattr(pooling, "pooling_mode_mean_tokens", True):
        raise ValueError(f"{name} does not use mean pooling; the ONNX export only supports mean pooling")

    class Pooled(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, *token_type_ids: Any) -> Any:
            extra = {"token_type_ids": token_type_ids[0]} if token_type_ids else {}
            hidden = self.inner(input_ids=input_ids, attention_mask=attention_mask, **extra).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    sample = tokenizer(
        ["a short example", "a second, slightly longer example text"], return_tensors="pt", padding=True
    )
    takes_types = "token_type_ids" in inspect.signature(transformer.forward).parameters
    token_types = sample.get("token_type_ids")
    if token_types is None:
        token_types = torch.zeros_like(sample["input_ids"])
    inputs = (sample["input_ids"], sample["attention_mask"]) + ((token_types,) if takes_types else ())
    input_names = ["input_ids", "attention_mask"] + (["token_type_ids"] if takes_types else [])
    folder.parent.mkdir(parents=True, exist_ok=True)
    with exclusive(folder.parent / EXPORT_LOCK):  # one export at a time; leftovers are from killed ones
        for leftover in folder.parent.glob(".export-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        staging = Path(tempfile.mkdtemp(prefix=".export-", dir=folder.parent))
        try:
            axes = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}}
            if takes_types:
                axes["token_type_ids"] = {0: "batch", 1: "tokens"}
            axes["embedding"] = {0: "batch"}
            with torch.no_grad():
                torch.onnx.export(
                    Pooled(transformer),
                    inputs,
                    str(staging / MODEL),
                    input_names=input_names,
                    output_names=["embedding"],
                    dynamic_axes=axes,
                    opset_version=17,
                    dynamo=False,
                )
            tokenizer.backend_tokenizer.save(str(staging / TOKENIZER))
            meta = {
                "format": FORMAT_VERSION,
                "model": name,
                "dimension": int(transformer.config.hidden_size),
                "max_tokens": int(model.max_seq_length),
                "pad_id": int(tokenizer.pad_token_id or 0),
                "files": record(staging, [MODEL, TOKENIZER]),
            }
            if source is not None:
                meta["source"] = source
            write_meta(staging, meta)
            if folder.exists():
                shutil.rmtree(folder)
            os.replace(staging, folder)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return folder
