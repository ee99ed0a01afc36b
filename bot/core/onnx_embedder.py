"""A fast encoder: the sentence-transformers model exported once to ONNX, run by onnxruntime.

Serving with it avoids importing torch and sentence-transformers (seconds of start-up and
hundreds of MB). The export happens offline, from the installed model, the first time an
index is built; the exported graph includes mean pooling and L2 normalisation, so its
vectors match `Embedder.encode` (cosine > 0.9999).
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


def export_dir(index_dir: Path, model_name: str) -> Path:
    """Where the ONNX export of `model_name` lives (shared by all index versions)."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model_name).strip("_") or "model"
    return index_dir / "encoders" / slug


@dataclass
class OnnxEmbedder:
    """Same interface as :class:`bot.core.embedder.Embedder`, backed by onnxruntime."""

    name: str
    session: Any = field(repr=False)
    tokenizer: Any = field(repr=False)
    counter: Any = field(repr=False)
    dimension: int
    max_tokens: int
    needs_token_types: bool

    @classmethod
    def load(cls, folder: Path, threads: int | None = None) -> OnnxEmbedder:
        """Load an export made by :func:`export_onnx` (raises OSError/ValueError if unusable)."""
        import onnxruntime as ort
        from tokenizers import Tokenizer

        meta = json.loads((folder / "encoder.json").read_text())
        if meta.get("format") != FORMAT_VERSION:
            raise ValueError(f"{folder} holds an export of another format")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or min(4, os.cpu_count() or 1)
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        session = ort.InferenceSession(
            str(folder / "model.onnx"), options, providers=["CPUExecutionProvider"]
        )
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        counter = Tokenizer.from_file(str(folder / "tokenizer.json"))
        counter.no_truncation()
        counter.no_padding()
        max_tokens = int(meta["max_tokens"])
        tokenizer.enable_truncation(max_tokens)
        tokenizer.enable_padding(pad_id=int(meta.get("pad_id", 0)))
        inputs = {i.name for i in session.get_inputs()}
        return cls(
            name=str(meta["model"]),
            session=session,
            tokenizer=tokenizer,
            counter=counter,
            dimension=int(meta["dimension"]),
            max_tokens=max_tokens,
            needs_token_types="token_type_ids" in inputs,
        )

    def count_tokens(self, text: str) -> int:
        """How many tokens the model sees for `text` (special tokens included)."""
        return len(self.counter.encode(text).ids)

    def encode(self, texts: Sequence[str], *, batch_size: int = 16, progress: bool = False) -> np.ndarray:
        """Unit-length float32 embeddings, one row per text (batched by length)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        bar = _progress(len(texts)) if progress else None
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
            out[rows] = self.session.run(None, feed)[0]
            if bar is not None:
                bar.update(len(rows))
        if bar is not None:
            bar.close()
        return out


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
