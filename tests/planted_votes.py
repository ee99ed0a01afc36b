"""Vote sets with planted structure, for the opinion map's tests.

Members fall into camps. Claim 0 is the planted consensus (every camp agrees), claim 1 the
planted divisive one (camp 0 agrees, every other camp disagrees); every other claim gets a
side per camp: each camp in turn
stands alone against the others (so every two camps differ on some claims), plus ``neutral`` claims
that every camp splits on evenly. Then noise: each vote goes against the camp's side with
probability ``noise``, a share of votes are passes, a share are missing (never voted).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.core.standings import Vote


@dataclass
class Planted:
    votes: list[Vote]
    camp: dict[str, int]  # member -> camp
    consensus: str  # the planted consensus claim
    divisive: str  # the planted divisive claim


def planted(
    members: int,
    claims: int,
    camps: int,
    *,
    seed: int,
    noise: float = 0.1,
    missing: float = 0.2,
    passes: float = 0.1,
    neutral: int = 0,
) -> Planted:
    rng = np.random.default_rng(seed)
    camp_of = np.arange(members) % camps
    rng.shuffle(camp_of)
    # agree probability per camp and claim
    p = np.empty((camps, claims))
    p[:, 0] = 1 - noise
    p[:, 1] = noise
    p[0, 1] = 1 - noise
    for c in range(2, claims):
        if c >= claims - neutral:
            p[:, c] = 0.5
            continue
        side = np.zeros(camps, dtype=int)
        side[(c - 2) % camps] = 1  # each camp in turn stands alone against the others
        if rng.random() < 0.5:
            side ^= 1
        p[:, c] = np.where(side == 1, 1 - noise, noise)
    votes = []
    names = [f"m{i:03d}" for i in range(members)]
    for i, name in enumerate(names):
        for c in range(claims):
            r = rng.random()
            if r < missing:
                continue
            if r < missing + passes:
                stance = "pass"
            else:
                stance = "agree" if rng.random() < p[camp_of[i], c] else "disagree"
            votes.append(Vote(name, f"claim {c}", stance))
    order = rng.permutation(len(votes))
    return Planted(
        [votes[i] for i in order], dict(zip(names, camp_of.tolist(), strict=True)), "claim 0", "claim 1"
    )
