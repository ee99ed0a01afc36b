"""Opinion groups: members placed on a plane by their votes, then grouped.

The method is the one Pol.is publishes (Small et al., "Polis: Scaling Deliberation by
Mapping High Dimensional Opinion Spaces", 2021, and the Pol.is documentation):

1. Votes as numbers (agree +1, disagree -1, pass 0); a missing vote is imputed with the
   claim's mean vote, so it pulls a member neither way.
2. PCA to two dimensions. A member who voted on few claims sits near the centre only
   because of the imputation, so each member's position is scaled by
   sqrt(claims / claims voted on) (Pol.is does the same).
3. k-means on that plane, k from 2 to 5 chosen by the silhouette score: the smallest k
   whose silhouette is within :data:`SILHOUETTE_MARGIN` of the best (points on a lattice of
   discrete votes give slightly higher silhouettes to ever finer splits, which Pol.is damps
   by smoothing k over time); a k whose smallest group would be under ``min_group`` members
   is not considered.

Before grouping, whether there is any structure at all is tested (Horn's parallel
analysis): the first principal component must explain more variance than it does in at
least 99 % of matrices made by shuffling each claim's votes among members, which keeps
every claim's split and destroys any relation between claims. Without structure everyone
is one group: k-means always finds groups, even in noise.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score

MAX_GROUPS = 5
NULL_SHUFFLES = 99  # shuffled matrices the first component is compared with
NULL_QUANTILE = 0.99
SILHOUETTE_MARGIN = 0.02  # a k is chosen over a smaller one only if its silhouette is this much higher


@dataclass
class Layout:
    """Where each member sits, which group they are in, and how the claims load the axes."""

    positions: np.ndarray  # members × 2
    labels: np.ndarray  # members: group number 0..k-1
    loadings: np.ndarray  # claims × 2 (the principal axes)
    explained: np.ndarray  # share of variance of each axis
    structured: bool  # whether the votes show any structure (parallel analysis)
    silhouette: float | None  # of the chosen grouping (None for one group)


def impute(values: np.ndarray) -> np.ndarray:
    """Missing votes (NaN) replaced by the claim's mean vote (0 when nobody voted on it)."""
    voted = ~np.isnan(values)
    sums = np.where(voted, values, 0.0).sum(axis=0)
    counts = voted.sum(axis=0)
    means = np.divide(sums, counts, out=np.zeros(values.shape[1]), where=counts > 0)
    return np.where(np.isnan(values), means[None, :], values)


def _top_variance(x: np.ndarray) -> float:
    """Variance along the first principal axis of centred `x`."""
    s = np.linalg.svd(x - x.mean(axis=0), compute_uv=False)
    return float(s[0] ** 2) if len(s) else 0.0


def has_structure(filled: np.ndarray, rng: np.random.Generator) -> bool:
    """Whether the first principal component beats the same matrix with each column shuffled."""
    n, m = filled.shape
    if n < 4 or m < 2:
        return False
    observed = _top_variance(filled)
    null = np.empty(NULL_SHUFFLES)
    for i in range(NULL_SHUFFLES):
        shuffled = np.column_stack([rng.permutation(filled[:, j]) for j in range(m)])
        null[i] = _top_variance(shuffled)
    return observed > float(np.quantile(null, NULL_QUANTILE))


def project(values: np.ndarray, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Members on two principal axes (scaled for sparse voters), the loadings, explained shares."""
    n, m = values.shape
    filled = impute(values)
    dims = min(2, n, m)
    pca = PCA(n_components=dims, svd_solver="full", random_state=seed)
    positions = pca.fit_transform(filled) if dims else np.zeros((n, 0))
    voted = np.maximum(np.sum(~np.isnan(values), axis=1), 1)
    positions = positions * np.sqrt(m / voted)[:, None]
    loadings = pca.components_.T if dims else np.zeros((m, 0))
    explained = pca.explained_variance_ratio_ if dims else np.zeros(0)
    if dims < 2:  # keep the plane two-dimensional for the picture
        positions = np.pad(positions, ((0, 0), (0, 2 - dims)))
        loadings = np.pad(loadings, ((0, 0), (0, 2 - dims)))
        explained = np.pad(explained, (0, 2 - dims))
    return positions, loadings, explained


def group(values: np.ndarray, *, min_group: int = 3, max_groups: int = MAX_GROUPS, seed: int = 0) -> Layout:
    """Place members and group them (see the module docstring)."""
    n = values.shape[0]
    rng = np.random.default_rng(seed)
    positions, loadings, explained = project(values, seed)
    labels = np.zeros(n, dtype=int)
    structured = has_structure(impute(values), rng)
    if not structured or n < 2 * min_group:
        return Layout(positions, labels, loadings, explained, structured, None)
    tried: list[tuple[float, np.ndarray]] = []
    distinct = len(np.unique(np.round(positions, 9), axis=0))
    for k in range(2, min(max_groups, n // min_group, distinct) + 1):
        found = KMeans(n_clusters=k, n_init=4, random_state=seed).fit_predict(positions)
        if np.bincount(found, minlength=k).min() < min_group:
            continue
        tried.append((float(silhouette_score(positions, found)), found))
    if not tried:
        return Layout(positions, labels, loadings, explained, structured, None)
    top = max(score for score, _ in tried)
    # the fewest groups that do about as well: more groups must earn their place
    score, found = next((s, f) for s, f in tried if s >= top - SILHOUETTE_MARGIN)
    return Layout(positions, _in_order(found), loadings, explained, structured, score)


def _in_order(labels: np.ndarray) -> np.ndarray:
    """Group numbers renamed by size, largest first (ties: first member first)."""
    sizes = np.bincount(labels)
    first = np.array([int(np.argmax(labels == g)) for g in range(len(sizes))])
    order = sorted(range(len(sizes)), key=lambda g: (-sizes[g], first[g]))
    rename = np.empty(len(sizes), dtype=int)
    rename[order] = np.arange(len(sizes))
    return rename[labels]
