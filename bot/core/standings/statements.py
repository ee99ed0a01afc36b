"""Which claims tell a group apart, which every group shares, and which divide them.

Shares are smoothed as Pol.is does, (1 + agree) / (2 + voted), so a claim three members
voted on cannot look unanimous. Tests are one-sided at 90 % (z ≥ 1.2816), Pol.is's level.

- **Distinctive** (Pol.is's "representativeness"): for a group and a claim, the smoothed
  share agreeing (or disagreeing) inside the group divided by that share outside it. A claim
  is distinctive when the group's share is above one half (a one-sample z-test against 0.5)
  and above the outside share (a two-proportion z-test). Ranked by
  ratio × z(inside vs outside) × share × z(share vs 0.5), the product Pol.is ranks by.
- **Consensus** (Pol.is's "group-informed consensus"): the product over groups of each
  group's smoothed agree share, so one group that disagrees sinks a claim however many
  agree overall. Listed when every group's share is above :data:`CONSENSUS_MIN`.
- **Divisive**: the widest gap between two groups' smoothed agree shares, when a
  chi-square test of groups × (agree, not agree) finds the groups differ (p < 0.05) and
  the gap reaches :data:`DIVISIVE_MIN_GAP`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import chi2

Z_90 = 1.2816  # one-sided 90 %
CONSENSUS_MIN = 0.5  # more than half of every group (smoothed)
DIVISIVE_MIN_GAP = 0.3
DIVISIVE_P = 0.05
DISTINCTIVE_PER_GROUP = 5


@dataclass(frozen=True)
class Tally:
    """Counts of one set of members on every claim (arrays over claims)."""

    agree: np.ndarray
    disagree: np.ndarray
    voted: np.ndarray  # agree + disagree + pass

    @classmethod
    def of(cls, values: np.ndarray) -> Tally:
        """The tally of a members × claims vote matrix (NaN = not voted)."""
        return cls(
            np.sum(values == 1, axis=0).astype(float),
            np.sum(values == -1, axis=0).astype(float),
            np.sum(~np.isnan(values), axis=0).astype(float),
        )

    def smoothed(self, stance: str = "agree") -> np.ndarray:
        """(1 + count) / (2 + voted) per claim."""
        count = self.agree if stance == "agree" else self.disagree
        return (1 + count) / (2 + self.voted)

    def share(self, stance: str = "agree") -> np.ndarray:
        """The raw share of voters taking `stance` per claim (0 where nobody voted)."""
        count = self.agree if stance == "agree" else self.disagree
        return np.divide(count, self.voted, out=np.zeros_like(count), where=self.voted > 0)


def z_above_half(p: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Z of a smoothed share `p` over `n` votes against one half."""
    return (p - 0.5) / np.sqrt(0.25 / (n + 2))


def z_two_proportions(p1: np.ndarray, n1: np.ndarray, p2: np.ndarray, n2: np.ndarray) -> np.ndarray:
    """Z of p1 > p2 (pooled standard error; smoothed counts)."""
    m1, m2 = n1 + 2, n2 + 2
    pooled = (p1 * m1 + p2 * m2) / (m1 + m2)
    se = np.sqrt(pooled * (1 - pooled) * (1 / m1 + 1 / m2))
    return np.divide(p1 - p2, se, out=np.zeros_like(p1), where=se > 0)


@dataclass(frozen=True)
class Distinctive:
    """A claim that sets a group apart, with its stance on it."""

    column: int
    stance: str  # "agree" | "disagree"
    agree_in: float
    agree_out: float
    metric: float


def distinctive(
    inside: np.ndarray, outside: np.ndarray, limit: int = DISTINCTIVE_PER_GROUP
) -> list[Distinctive]:
    """The claims that most set the members of `inside` apart from those of `outside`."""
    tin, tout = Tally.of(inside), Tally.of(outside)
    best: dict[int, Distinctive] = {}
    for stance in ("agree", "disagree"):
        p_in, p_out = tin.smoothed(stance), tout.smoothed(stance)
        ratio = p_in / p_out
        z_share = z_above_half(p_in, tin.voted)
        z_diff = z_two_proportions(p_in, tin.voted, p_out, tout.voted)
        ok = (z_share >= Z_90) & (z_diff >= Z_90) & (tin.voted > 0)
        metric = ratio * z_diff * p_in * z_share
        for col in np.flatnonzero(ok).tolist():
            found = Distinctive(
                col, stance, float(tin.share()[col]), float(tout.share()[col]), float(metric[col])
            )
            if col not in best or found.metric > best[col].metric:
                best[col] = found
    return sorted(best.values(), key=lambda d: (-d.metric, d.column))[:limit]


def consensus(groups: list[np.ndarray]) -> list[tuple[int, float]]:
    """(claim column, group-informed consensus) for claims every group agrees with, best first."""
    tallies = [Tally.of(g) for g in groups]
    shares = np.array([t.smoothed("agree") for t in tallies])  # groups × claims
    voted_by_all = np.all(np.array([t.voted for t in tallies]) > 0, axis=0)
    product = np.prod(shares, axis=0)
    ok = np.all(shares > CONSENSUS_MIN, axis=0) & voted_by_all
    cols = np.flatnonzero(ok)
    return sorted(((int(c), float(product[c])) for c in cols), key=lambda x: (-x[1], x[0]))


def divisive(groups: list[np.ndarray]) -> list[tuple[int, float]]:
    """(claim column, widest gap between groups' agree shares) for divisive claims, widest first."""
    if len(groups) < 2:
        return []
    tallies = [Tally.of(g) for g in groups]
    shares = np.array([t.smoothed("agree") for t in tallies])
    gaps = shares.max(axis=0) - shares.min(axis=0)
    p = _independence_p(np.array([t.agree for t in tallies]), np.array([t.voted - t.agree for t in tallies]))
    ok = (gaps >= DIVISIVE_MIN_GAP) & (p < DIVISIVE_P)
    return sorted(((int(c), float(gaps[c])) for c in np.flatnonzero(ok)), key=lambda x: (-x[1], x[0]))


def _independence_p(agree: np.ndarray, other: np.ndarray) -> np.ndarray:
    """Per claim, the p-value of Pearson's chi-square test of groups × (agree, not agree).

    `agree` and `other` are groups × claims counts; groups without a vote on a claim drop
    out of its table. 1.0 where the table has fewer than two groups or one column empty.
    """
    rows = agree + other
    total = rows.sum(axis=0)
    col_a, col_o = agree.sum(axis=0), other.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        exp_a = rows * (col_a / total)
        exp_o = rows * (col_o / total)
        stat = np.nansum(np.where(exp_a > 0, (agree - exp_a) ** 2 / exp_a, 0.0), axis=0)
        stat += np.nansum(np.where(exp_o > 0, (other - exp_o) ** 2 / exp_o, 0.0), axis=0)
    dof = np.sum(rows > 0, axis=0) - 1
    valid = (dof >= 1) & (col_a > 0) & (col_o > 0)
    return np.where(valid, chi2.sf(stat, np.maximum(dof, 1)), 1.0)
