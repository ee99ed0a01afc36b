"""What members asked that the reading does not cover, grouped, for moderators (/insights).

Questions asked in different words are one group: first those equal once case, punctuation
and spacing are set aside, then those whose embeddings (the reading's own model) are close
enough to be the same question. A group is shown by its most asked wording, with how many
times it came and a few other wordings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

SAME_QUESTION = 0.83  # cosine: two wordings are one question (MiniLM; per model in calibration.json)
_WORDS = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class QuestionGroup:
    """Near-identical questions: the most asked wording, how often, and other wordings."""

    question: str
    count: int
    others: tuple[str, ...] = ()


def normalised(question: str) -> str:
    """The words of a question, lower-cased, without punctuation (for exact grouping)."""
    return " ".join(_WORDS.findall(question.casefold()))


def group_questions(
    questions: Sequence[str],
    encode: Callable[[list[str]], np.ndarray] | None = None,
    *,
    threshold: float = SAME_QUESTION,
    limit: int = 10,
) -> list[QuestionGroup]:
    """The `limit` most asked groups of `questions`, most asked first.

    `encode` maps texts to unit vectors; without it only exact (normalised) repeats are
    grouped.
    """
    counts: Counter[str] = Counter()
    wording: dict[str, Counter[str]] = {}
    for q in questions:
        key = normalised(q)
        if not key:
            continue
        counts[key] += 1
        wording.setdefault(key, Counter())[" ".join(q.split())] += 1
    keys = [k for k, _ in counts.most_common()]
    if not keys:
        return []
    groups: list[list[str]] = []
    if encode is None:
        groups = [[k] for k in keys]
    else:
        vectors = np.asarray(encode([wording[k].most_common(1)[0][0] for k in keys]), dtype=np.float32)
        heads: list[int] = []  # index in `keys` of each group's first (most asked) member
        for i in range(len(keys)):
            if heads:
                scores = vectors[heads] @ vectors[i]
                best = int(np.argmax(scores))
                if scores[best] >= threshold:
                    groups[best].append(keys[i])
                    continue
            heads.append(i)
            groups.append([keys[i]])
    out = []
    for members in groups:
        texts = [wording[k].most_common(1)[0][0] for k in members]
        out.append(QuestionGroup(texts[0], sum(counts[k] for k in members), tuple(texts[1:4])))
    out.sort(key=lambda g: -g.count)
    return out[:limit]
