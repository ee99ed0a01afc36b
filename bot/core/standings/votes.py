"""Votes and the member × claim matrix they make.

A vote is a member's stance on one prompt's claim: agree (+1), disagree (-1) or pass (0).
A member's later vote on the same prompt replaces the earlier one; a claim a member never
voted on is missing (NaN), which is not the same as a pass.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, TextIO

import numpy as np

Stance = Literal["agree", "disagree", "pass"]
STANCES: tuple[Stance, ...] = ("agree", "disagree", "pass")
VALUE: dict[str, float] = {"agree": 1.0, "disagree": -1.0, "pass": 0.0}


class VoteFileError(ValueError):
    """A line of a votes file that is not a vote (the message names the line)."""


@dataclass(frozen=True)
class Vote:
    """One member's stance on one prompt (a prompt id, or the claim's text)."""

    member: str
    prompt: str
    stance: Stance

    def to_json(self) -> dict[str, str]:
        """The `--votes` line form."""
        return {"member": self.member, "prompt": self.prompt, "stance": self.stance}


def parse_vote(obj: object) -> Vote:
    """A vote from its JSON form; raise ValueError when it is not one."""
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    member, prompt, stance = obj.get("member"), obj.get("prompt"), obj.get("stance")
    if isinstance(member, int) and not isinstance(member, bool):
        member = str(member)
    if not isinstance(member, str) or not member.strip():
        raise ValueError('"member" must be a non-empty string')
    if not isinstance(prompt, str) or not prompt.strip():
        raise ValueError('"prompt" must be a non-empty string')
    if stance not in STANCES:
        raise ValueError('"stance" must be "agree", "disagree" or "pass"')
    return Vote(member, prompt, stance)


def read_votes(lines: TextIO | Iterable[str]) -> Iterator[Vote]:
    """Votes from JSON lines (blank lines skipped); VoteFileError names a bad line."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield parse_vote(json.loads(line))
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            raise VoteFileError(f"line {number}: {exc}") from None


@dataclass
class VoteMatrix:
    """Members (rows) × prompts (columns): +1 agree, -1 disagree, 0 pass, NaN not voted."""

    members: list[str]
    prompts: list[str]
    values: np.ndarray

    @classmethod
    def from_votes(cls, votes: Iterable[Vote]) -> VoteMatrix:
        """The matrix of `votes`, rows and columns in order of first appearance; last vote wins."""
        latest: dict[tuple[str, str], float] = {}
        members: dict[str, int] = {}
        prompts: dict[str, int] = {}
        for v in votes:
            members.setdefault(v.member, len(members))
            prompts.setdefault(v.prompt, len(prompts))
            latest[(v.member, v.prompt)] = VALUE[v.stance]
        values = np.full((len(members), len(prompts)), np.nan)
        for (m, p), x in latest.items():
            values[members[m], prompts[p]] = x
        return cls(list(members), list(prompts), values)

    @property
    def counts(self) -> np.ndarray:
        """How many prompts each member voted on (passes count)."""
        return np.sum(~np.isnan(self.values), axis=1)

    def subset(self, rows: Sequence[int] | np.ndarray, cols: Sequence[int] | np.ndarray) -> VoteMatrix:
        """The matrix restricted to some members and prompts."""
        rows, cols = np.asarray(rows, dtype=int), np.asarray(cols, dtype=int)
        return VoteMatrix(
            [self.members[i] for i in rows],
            [self.prompts[j] for j in cols],
            self.values[np.ix_(rows, cols)],
        )
