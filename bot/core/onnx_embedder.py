"""A fast encoder: the sentence-transformers model exported once to ONNX, run by onnxruntime.

Serving with it avoids importing torch and sentence-transformers (seconds of start-up and
hundreds of MB). The export happens offline, from the installed model, the first time an
index is built; the exported graph includes mean pooling and L2 normalisation, so its
vectors match `Embedder.encode` (cosine > 0.9999).

Questions are encoded by a second graph, `query.onnx`: the same export with int8 weights
(dynamic quantisation, per output channel) on every projection but the feed-forward inputs,
which keeps the evaluation's figures while running about twice as fast on short inputs.
Passages are always encoded in float32, so the index never changes with it.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
QUERY_MODEL = "query.onnx"
QUERY_AGREEMENT = 0.97  # worst cosine allowed between the int8 and float32 question vectors


def export_dir(index_dir: Path, model_name: str) -> Path:
    """Where the ONNX export of `model_name` lives (shared by all index versions)."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model_name).strip("_") or "model"
    return index_dir / "encoders" / slug


@dataclass
class OnnxEmbedder:
    """Same interface as :class:`bot.core.embedder.Embedder`, backed by onnxruntime."""

    name: str
    folder: Path
    tokenizer: Any = field(repr=False)
    counter: Any = field(repr=False)
    dimension: int
    max_tokens: int
    needs_token_types: bool
    threads: int
    query_session: Any = field(default=None, repr=False)
    _session: Any = field(default=None, repr=False)

    @classmethod
    def load(cls, folder: Path, threads: int | None = None) -> OnnxEmbedder:
        """Load an export made by :func:`export_onnx` (raises OSError/ValueError if unusable).

        Only the question graph is loaded now; the float32 graph for passages is loaded the
        first time passages are encoded (a bot that never rebuilds never pays for it).
        """
        import onnxruntime as ort  # noqa: F401  (fails here, clearly, when it is missing)
        from tokenizers import Tokenizer

        meta = json.loads((folder / "encoder.json").read_text())
        if meta.get("format") != FORMAT_VERSION:
            raise ValueError(f"{folder} holds an export of another format")
        if not (folder / "model.onnx").is_file():
            raise ValueError(f"{folder} has no model.onnx")
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
        )
        if (folder / QUERY_MODEL).is_file():
            embedder.attach_query_graph()
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
            self.query_session = _session(path, self.threads, spinning=True)
        except Exception as exc:  # damaged or missing: questions use float32 until it is made again
            log.warning("Ignoring the question encoder %s: %s", path, exc)
            self.query_session = None
        return self.query_session is not None

    @property
    def session(self) -> Any:
        """The float32 graph, used for passages (and questions when there is no query graph)."""
        if self._session is None:
            self._session = _session(self.folder / "model.onnx", self.threads, spinning=False)
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


def quantize_for_queries(folder: Path) -> Path:
    """Write `query.onnx` beside `model.onnx`, the int8 graph for questions.

    Weights are int8 per output channel on every projection except the feed-forward inputs,
    whose errors moved the evaluation most. Needs the onnx package (installed with Agora).
    """
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    source = folder / "model.onnx"
    graph = onnx.load(str(source), load_external_data=False).graph
    weights = {init.name for init in graph.initializer}
    keep = [
        node.name
        for node in graph.node
        if node.op_type == "MatMul" and "intermediate" in node.name and any(i in weights for i in node.input)
    ]
    staging = folder / f".{QUERY_MODEL}.tmp"
    logging.disable(logging.INFO)  # the quantiser logs every tensor at INFO on the root logger
    try:
        quantize_dynamic(
            str(source), str(staging), weight_type=QuantType.QInt8, per_channel=True, nodes_to_exclude=keep
        )
    finally:
        logging.disable(logging.NOTSET)
    os.replace(staging, folder / QUERY_MODEL)
    return folder / QUERY_MODEL


def _progress(total: int) -> Any:
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover
        return None
    return tqdm(total=total, unit="text", desc="Embedding")


def export_onnx(model: Any, name: str, folder: Path) -> Path:
    """Export a loaded SentenceTransformer (mean pooling + normalisation) to `folder`.

    Needs torch and the `onnx` package; written atomically (a temp folder renamed into place).
    """
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

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    sample = tokenizer(
        ["a short example", "a second, slightly longer example text"], return_tensors="pt", padding=True
    )
    token_types = sample.get("token_type_ids")
    if token_types is None:
        token_types = torch.zeros_like(sample["input_ids"])
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".export-", dir=folder.parent))
    try:
        axes = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}}
        axes["token_type_ids"] = {0: "batch", 1: "tokens"}
        axes["embedding"] = {0: "batch"}
        with torch.no_grad():
            torch.onnx.export(
                Pooled(transformer),
                (sample["input_ids"], sample["attention_mask"], token_types),
                str(staging / "model.onnx"),
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=["embedding"],
                dynamic_axes=axes,
                opset_version=17,
                dynamo=False,
            )
        tokenizer.backend_tokenizer.save(str(staging / "tokenizer.json"))
        meta = {
            "format": FORMAT_VERSION,
            "model": name,
            "dimension": int(transformer.config.hidden_size),
            "max_tokens": int(model.max_seq_length),
            "pad_id": int(tokenizer.pad_token_id or 0),
        }
        (staging / "encoder.json").write_text(json.dumps(meta, indent=2))
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return folder
