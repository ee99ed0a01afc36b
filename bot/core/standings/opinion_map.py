"""The opinion map: groups, what sets each apart, what all share, what divides them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import threadpool_limits

from bot.core.standings.groups import Layout, group
from bot.core.standings.statements import Distinctive, consensus, distinctive, divisive
from bot.core.standings.votes import Vote, VoteMatrix

MIN_VOTES = 5  # a member counts once they voted on this many claims (passes count)
MIN_GROUP = 3  # smaller groups are never shown


@dataclass
class Group:
    """One opinion group: its members (operator's view only) and its distinctive claims."""

    members: list[str]
    distinctive: list[Distinctive]
    rows: np.ndarray  # rows of the map's matrix

    @property
    def size(self) -> int:
        """How many members."""
        return len(self.members)


@dataclass
class OpinionMap:
    """Everything `/standings` shows, from one set of votes."""

    matrix: VoteMatrix  # the members counted × the claims they voted on
    layout: Layout
    groups: list[Group]  # shown groups, largest first
    consensus: list[tuple[int, float]]  # (column, group-informed consensus), best first
    divisive: list[tuple[int, float]]  # (column, widest gap), widest first
    voters: int  # everyone who voted, counted or not
    hidden: int = 0  # members of groups too small to show
    seed: int = 0
    _group_of: dict[str, int] = field(default_factory=dict)

    @property
    def members(self) -> list[str]:
        """The members counted (with at least MIN_VOTES votes)."""
        return self.matrix.members

    def group_of(self, member: str) -> int | None:
        """The shown group (index into `groups`) a member is in, or None."""
        return self._group_of.get(member)

    def agree_share(self, column: int) -> float:
        """Share of those counted who voted on a claim and agreed."""
        col = self.matrix.values[:, column]
        voted = int(np.sum(~np.isnan(col)))
        return float(np.sum(col == 1) / voted) if voted else 0.0

    def furthest_claim(self, member: str) -> int | None:
        """The claim (column) where a member's vote is furthest from their group's mean vote.

        For a member in no shown group, from the mean of everyone counted. None when the
        member is not counted.
        """
        try:
            row = self.matrix.members.index(member)
        except ValueError:
            return None
        g = self.group_of(member)
        rows = self.groups[g].rows if g is not None else np.arange(len(self.matrix.members))
        means = np.nanmean(self.matrix.values[rows], axis=0)
        mine = self.matrix.values[row]
        gaps = np.where(np.isnan(mine) | np.isnan(means), -np.inf, np.abs(mine - means))
        if not np.isfinite(gaps).any():
            return None
        return int(np.argmax(gaps))

    def to_json(self) -> dict[str, object]:
        """The operator's view (`agora standings --json`): member ids and prompts as given."""
        prompts = self.matrix.prompts
        return {
            "groups": [
                {
                    "members": g.members,
                    "size": g.size,
                    "distinctive": [
                        {
                            "prompt": prompts[d.column],
                            "stance": d.stance,
                            "agree_in": round(d.agree_in, 4),
                            "agree_out": round(d.agree_out, 4),
                        }
                        for d in g.distinctive
                    ],
                }
                for g in self.groups
            ],
            "consensus": [
                {"prompt": prompts[c], "agree": round(self.agree_share(c), 4)} for c, _ in self.consensus
            ],
            "divisive": [{"prompt": prompts[c]} for c, _ in self.divisive],
        }


def build_map(
    votes: Iterable[Vote] | VoteMatrix,
    *,
    min_votes: int = MIN_VOTES,
    min_group: int = MIN_GROUP,
    seed: int = 0,
) -> OpinionMap:
    """The opinion map of `votes` (see the package docstring for the method).

    Runs its linear algebra on one thread: the matrices are small, and BLAS or OpenMP
    threads only compete with the rest of the process (and the event loop) for the cores.
    """
    with threadpool_limits(limits=1):
        return _build(votes, min_votes=min_votes, min_group=min_group, seed=seed)


def _build(votes: Iterable[Vote] | VoteMatrix, *, min_votes: int, min_group: int, seed: int) -> OpinionMap:
    full = votes if isinstance(votes, VoteMatrix) else VoteMatrix.from_votes(votes)
    rows = np.flatnonzero(full.counts >= min_votes)
    cols = np.flatnonzero(np.any(~np.isnan(full.values[rows]), axis=0)) if len(rows) else np.zeros(0, int)
    matrix = full.subset(rows, cols)
    layout = group(matrix.values, min_group=min_group, seed=seed)
    values = matrix.values
    groups: list[Group] = []
    hidden = 0
    for label in range(int(layout.labels.max()) + 1 if len(layout.labels) else 0):
        inside = np.flatnonzero(layout.labels == label)
        if len(inside) < min_group:
            hidden += len(inside)
            continue
        outside = np.flatnonzero(layout.labels != label)
        found = distinctive(values[inside], values[outside]) if len(outside) else []
        groups.append(Group([matrix.members[i] for i in inside], found, inside))
    parts = [values[g.rows] for g in groups]
    result = OpinionMap(
        matrix,
        layout,
        groups,
        consensus(parts) if parts else [],
        divisive(parts),
        voters=len(full.members),
        hidden=hidden,
        seed=seed,
    )
    result._group_of = {m: i for i, g in enumerate(groups) for m in g.members}
    return result
