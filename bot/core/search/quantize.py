"""The int8 question graph: every projection in int8, its input's outlier channels in float32.

Dynamic int8 quantisation scales each activation tensor by its largest value. Transformer
encoders carry a few input channels far larger than the rest (in all-mpnet-base-v2 the
feed-forward inputs reach 40-100 in a handful of channels while 99% of values stay under 2),
so one scale for the whole tensor leaves the ordinary channels a few steps of resolution:
quantising every projection naively gives question vectors at cosine 0.2 to the float32
ones (0.91 with the embeddings left in float32). Here each projection ``X @ W`` becomes

    (X * keep) @ W_int8  +  X[..., outliers] @ W[outliers]   (the second in float32)

with the outlier channels found once, by running the float32 graph on general sentences
(`bot/core/models/int8-calibration.txt`, never the evaluation sets). The split is exact in
float32; only the ordinary channels are quantised, weights per output channel as unsigned 8-bit
(onnxruntime's unsigned kernels do not saturate on CPUs without VNNI, where signed weights need
7 bits). all-mpnet-base-v2's question vectors then agree with the float32 ones to cosine 0.9991
on average, 0.998 at worst (7-bit signed weights: 0.9975 and 0.993). Needs the onnx package.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np

from bot.core.models import calibration as _calibration

# How a question graph is made (a model's calibration names the one its evaluations hold with):
# 1: int8 weights everywhere (embedding tables too) but the feed-forward input projections;
# 2: every projection int8, its input's outlier channels split off in float32.
SCHEMES = (1, 2)
SCHEME = 2  # the default for models without a measured choice
OUTLIERS = 16  # at most this many channels of a projection's input stay in float32
OUTLIER_RATIO = 3.0  # a channel is an outlier when its peak is this many times the median peak
CALIBRATION_TEXTS = _calibration.HERE / "int8-calibration.txt"

Feed = Callable[[str], dict[str, np.ndarray]]


def calibration_texts(path: Path = CALIBRATION_TEXTS) -> list[str]:
    """The general sentences the outlier channels are measured on."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _projections(graph: Any) -> dict[str, list[Any]]:
    """Each activation tensor that feeds MatMuls with a constant 2-D weight, and those MatMuls."""
    weights = {init.name: init for init in graph.initializer}
    out: dict[str, list[Any]] = {}
    for node in graph.node:
        weight = weights.get(node.input[1]) if node.op_type == "MatMul" else None
        if weight is not None and len(weight.dims) == 2 and node.input[0] not in weights:
            out.setdefault(node.input[0], []).append(node)
    return out


def _peaks(model: Any, tensors: list[str], feeds: Iterable[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """Each tensor's largest absolute value per channel (last axis) over `feeds`."""
    import onnxruntime as ort
    from onnx import TensorProto, helper

    outputs = len(model.graph.output)
    model.graph.output.extend(helper.make_tensor_value_info(t, TensorProto.FLOAT, None) for t in tensors)
    try:
        blob = model.SerializeToString()
    finally:
        del model.graph.output[outputs:]
    options = ort.SessionOptions()
    options.log_severity_level = 3
    session = ort.InferenceSession(blob, options, providers=["CPUExecutionProvider"])
    del blob
    peaks: dict[str, np.ndarray] = {}
    for feed in feeds:
        for name, value in zip(tensors, session.run(tensors, feed), strict=True):
            peak = np.abs(value).reshape(-1, value.shape[-1]).max(axis=0)
            peaks[name] = np.maximum(peaks[name], peak) if name in peaks else peak
    return peaks


def outlier_channels(peak: np.ndarray) -> np.ndarray:
    """The channels kept in float32: the largest peaks, well above the median one."""
    threshold = OUTLIER_RATIO * float(np.median(peak))
    ranked = np.argsort(-peak, kind="stable")[:OUTLIERS]
    return np.sort(ranked[peak[ranked] > threshold]).astype(np.int64)


def split_outliers(model: Any, feeds: Iterable[dict[str, np.ndarray]]) -> list[str]:
    """Rewrite `model` (in place) so each projection's outlier channels go through a float MatMul.

    Returns the names of the float MatMuls added (to be left out of quantisation).
    """
    from onnx import helper, numpy_helper

    graph = model.graph
    groups = _projections(graph)
    peaks = _peaks(model, list(groups), feeds)
    weights = {init.name: init for init in graph.initializer}
    chosen = {t: outlier_channels(peaks[t]) for t in groups}
    projections = {node.name for group in groups.values() for node in group}
    nodes: list[Any] = []
    kept: list[str] = []
    split: set[str] = set()
    for node in graph.node:
        tensor = node.input[0] if node.op_type == "MatMul" else ""
        channels = chosen.get(tensor)
        if channels is None or not len(channels) or node.name not in projections:
            nodes.append(node)
            continue
        stem = f"{tensor}/int8_split"
        if tensor not in split:  # once per input: the kept channels, and the outliers gathered
            split.add(tensor)
            width = peaks[tensor].shape[0]
            keep = np.ones(width, dtype=np.float32)
            keep[channels] = 0.0
            graph.initializer.extend(
                [
                    numpy_helper.from_array(keep, f"{stem}/keep"),
                    numpy_helper.from_array(channels, f"{stem}/channels"),
                ]
            )
            nodes.append(
                helper.make_node("Mul", [tensor, f"{stem}/keep"], [f"{stem}/kept"], name=f"{stem}/Keep")
            )
            nodes.append(
                helper.make_node(
                    "Gather",
                    [tensor, f"{stem}/channels"],
                    [f"{stem}/outliers"],
                    name=f"{stem}/Gather",
                    axis=-1,
                )
            )
        weight = numpy_helper.to_array(weights[node.input[1]])
        side = f"{node.name}/outliers"
        graph.initializer.append(
            numpy_helper.from_array(np.ascontiguousarray(weight[channels]), f"{side}/weight")
        )
        result = node.output[0]
        node.input[0] = f"{stem}/kept"
        node.output[0] = f"{result}/int8"
        nodes.append(node)
        nodes.append(
            helper.make_node("MatMul", [f"{stem}/outliers", f"{side}/weight"], [f"{side}/y"], name=side)
        )
        nodes.append(helper.make_node("Add", [f"{result}/int8", f"{side}/y"], [result], name=f"{side}/Add"))
        kept.append(side)
    del graph.node[:]
    graph.node.extend(nodes)
    return kept


def quantize_queries(
    source: Path, target: Path, feed: Feed, scheme: int = SCHEME, texts: list[str] | None = None
) -> None:
    """Write the int8 question graph of the float32 graph `source` to `target`.

    `feed` turns a sentence into the graph's inputs; the outlier channels are measured on
    `texts` (default: the shipped calibration sentences).
    """
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    if scheme == 1:
        _scheme_1(source, target)
        return
    if scheme != 2:
        raise ValueError(f"no question-graph scheme {scheme}")
    model = onnx.load(str(source))
    inputs = {i.name for i in model.graph.input}
    feeds = ({k: v for k, v in feed(t).items() if k in inputs} for t in (texts or calibration_texts()))
    floats = split_outliers(model, feeds)
    # The quantiser logs every tensor at INFO on the root logger, and advice meant for its own
    # developers ("consider pre-processing") at WARNING: neither is for Agora's users.
    logging.disable(logging.WARNING)
    try:
        quantize_dynamic(
            model,
            str(target),
            op_types_to_quantize=["MatMul"],
            per_channel=True,
            weight_type=QuantType.QUInt8,
            nodes_to_exclude=floats,
            extra_options={"MatMulConstBOnly": True},
        )
    finally:
        logging.disable(logging.NOTSET)


def _scheme_1(source: Path, target: Path) -> None:
    """Int8 weights per output channel everywhere but the feed-forward input projections."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(source), load_external_data=False).graph
    weights = {init.name for init in graph.initializer}
    keep = [
        node.name
        for node in graph.node
        if node.op_type == "MatMul" and "intermediate" in node.name and any(i in weights for i in node.input)
    ]
    logging.disable(logging.WARNING)
    try:
        quantize_dynamic(
            str(source), str(target), weight_type=QuantType.QInt8, per_channel=True, nodes_to_exclude=keep
        )
    finally:
        logging.disable(logging.NOTSET)
