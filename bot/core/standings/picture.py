"""The map as a picture: members as anonymous dots coloured by group, claims as labels.

Drawn with matplotlib's object API on the Agg canvas (no pyplot, no global figure state),
so it can run in any worker thread; the result is PNG bytes. Nobody is named: dots carry
no labels, and members of groups too small to show are grey like those not grouped.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.core.standings.opinion_map import OpinionMap

GROUP_NAMES = "ABCDE"
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e")
OTHER = "#b0b0b0"
LABEL_CHARS = 60
MAX_LABELS = 8


def group_name(index: int) -> str:
    """The public name of a group: "Group A", "Group B"…."""
    return f"Group {GROUP_NAMES[index]}" if index < len(GROUP_NAMES) else f"Group {index + 1}"


def shown_claims(opinion: OpinionMap, limit: int = MAX_LABELS) -> list[int]:
    """The claims worth a label: the top consensus, the divisive, each group's most distinctive."""
    order: list[int] = [c for c, _ in opinion.consensus[:2]]
    order += [g.distinctive[0].column for g in opinion.groups if g.distinctive]
    order += [c for c, _ in opinion.divisive[:3]]
    return list(dict.fromkeys(order))[:limit]


def render_png(
    opinion: OpinionMap,
    labels: Sequence[str],
    *,
    title: str = "Where the group stands",
    size: tuple[float, float] = (8.0, 6.0),
    dpi: int = 110,
) -> bytes:
    """The map as PNG bytes; `labels[c]` is the short text shown for claim column `c`."""
    fig = Figure(figsize=size, dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    pos = opinion.layout.positions
    colours = np.full(len(pos), OTHER, dtype=object)
    for i, g in enumerate(opinion.groups):
        colours[g.rows] = COLOURS[i % len(COLOURS)]
    if len(pos):
        ax.scatter(pos[:, 0], pos[:, 1], c=list(colours), s=28, alpha=0.8, linewidths=0)
    for i, g in enumerate(opinion.groups):
        ax.scatter([], [], c=COLOURS[i % len(COLOURS)], s=28, label=f"{group_name(i)} · {g.size}")
        centre = pos[g.rows].mean(axis=0)
        ax.annotate(
            GROUP_NAMES[i] if i < len(GROUP_NAMES) else str(i + 1),
            centre,
            fontsize=16,
            fontweight="bold",
            color=COLOURS[i % len(COLOURS)],
            ha="center",
            va="center",
        )
    ungrouped = len(pos) - sum(g.size for g in opinion.groups)
    if ungrouped:
        ax.scatter([], [], c=OTHER, s=28, label=f"not in a group · {ungrouped}")
    _claim_labels(ax, opinion, labels, pos)
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(False)
    if opinion.groups or ungrouped:
        ax.legend(loc="best", fontsize=8, framealpha=0.85)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()


def _claim_labels(ax: object, opinion: OpinionMap, labels: Sequence[str], pos: np.ndarray) -> None:
    """Each shown claim at its loading, scaled to the members' spread, with its short text."""
    cols = shown_claims(opinion)
    load = opinion.layout.loadings
    if not cols or not len(pos) or not len(load):
        return
    reach = float(np.abs(pos).max()) or 1.0
    longest = float(np.abs(load[cols]).max()) or 1.0
    for c in cols:
        x, y = load[c] * (0.85 * reach / longest)
        text = textwrap.shorten(" ".join(labels[c].split()), LABEL_CHARS, placeholder="…")
        ax.annotate(  # type: ignore[attr-defined]
            "\n".join(textwrap.wrap(text, 30)),
            (x, y),
            fontsize=7,
            ha="center",
            va="center",
            color="#333333",
            bbox={"boxstyle": "round,pad=0.25", "fc": "#fffbe6", "ec": "#c9b458", "lw": 0.6, "alpha": 0.9},
        )
