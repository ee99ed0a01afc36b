"""Which of two close passages answers: the one after a question, a reply, a call to act.

A member's question often matches best the passage that *asks* it (a host's question in a
transcript, a paragraph ending "What, then, would I have him do?") or that sets out an
objection; the answer is the passage after it. Owns :class:`AnswerOrder`, which moves such
answers into the place of what they answer, and the sentence-level rule that a question
in a passage hands its match to the statement after it (:func:`to_answers`). The question's
best score, and so whether the reading covers it, never changes here.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

import numpy as np

from bot.core.reading.passages import Passage
from bot.core.search.intents import CALL
from bot.core.search.rebuttal import MARGIN as REPLY_MARGIN
from bot.core.search.rebuttal import reply_to
from bot.core.search.sentences import Sentences

QUESTION_MARGIN = 0.02  # a speaker's question ranks this far below the answer that follows it
ANSWER_WINDOW = 8  # how many of the best passages may hand their score to the answer after them
CALL_MARGIN = 0.2  # how far below the best a passage making the writer's call may be, to come first
# A turn that asks, in a thread or a chat, is answered by one of the next few turns of others (a
# forum's reply comes two posts later, a chat's after a "+1"): the best of them within this far
# below it takes its place (15 speaker sets, all-mpnet-base-v2: top-1 +3, nothing lost; 0.3: +2)
ASKED_TURNS, ASKED_MARGIN = 4, 0.5
# A turn's opening paragraph of one short sentence ("I rise to oppose the motion.", "Just to add my
# two pence as the person who runs Tuesdays.") says that the speaker speaks; the rest of the turn
# says what: its best paragraph takes the opener's place (15 speaker sets: top-1 +2, nothing lost)
OPENER_WORDS = 25
# "how does the driver answer the caller?": the turn after the caller's
ASKS_FOR_REPLY = re.compile(r"\b(?:answer\w*|respon\w*|repl(?:y|ies|ied|ying)|react\w*|rebut\w*)\b", re.I)
# "what does the host ask first?": the question itself is the answer
ASKS_ABOUT_ASKING = re.compile(r"\b(?:ask\w*|questions?|question(?:s|ed|ing))\b", re.I)


def turn_answers(passages: Sequence[Passage], *, questions_only: bool = True) -> dict[int, int]:
    """Speakers' turns that end in a question, each mapped to the answer right after it (rows).

    A turn is a question when its last sentence asks one; its answer is the next passage of
    the same document, spoken by someone else (and not a question itself). Not
    `questions_only`: every turn, mapped to the next speaker's turn after it.
    """
    out: dict[int, int] = {}
    for row, (p, nxt) in enumerate(itertools.pairwise(passages)):
        if not p.speaker or p.part != p.parts or nxt.document != p.document:
            continue
        if not nxt.speaker or nxt.speaker == p.speaker or nxt.part != 1:
            continue
        if not questions_only or (ends_with_question(p) and not ends_with_question(nxt)):
            out[row] = row + 1
    return out


def later_replies(passages: Sequence[Passage]) -> dict[int, list[int]]:
    """Turns that ask a question anywhere, each mapped to the rows of the next turns of others.

    Up to :data:`ASKED_TURNS` turns of other speakers after the asking turn's last paragraph,
    in the same document ("Is that normal? The house is fine otherwise." is answered by a reply
    that may come after another member's post).
    """
    out: dict[int, list[int]] = {}
    n = len(passages)
    for row, p in enumerate(passages):
        if not p.speaker or not any(is_question(t) for t in p.sentence_texts() or [p.text]):
            continue
        end = row
        while end + 1 < n and _same_turn(passages[end], passages[end + 1]):
            end += 1
        rows: list[int] = []
        turns, last = 0, p.speaker
        for r in range(end + 1, n):
            after = passages[r]
            if after.document != p.document or turns > ASKED_TURNS:
                break
            if not after.speaker:
                continue
            if after.speaker != last:
                last = after.speaker
                turns += after.speaker != p.speaker
            if after.speaker != p.speaker and not after.is_meta and turns <= ASKED_TURNS:
                rows.append(r)
        if rows:
            out[row] = rows
    return out


def turn_openers(passages: Sequence[Passage]) -> dict[int, list[int]]:
    """A turn's short opening paragraph, mapped to the rows of the rest of its turn.

    One sentence of at most :data:`OPENER_WORDS` words, in a turn of more than one paragraph.
    """
    out: dict[int, list[int]] = {}
    n = len(passages)
    for row, p in enumerate(passages):
        if not p.speaker or p.is_meta or (row and _same_turn(passages[row - 1], p)):
            continue
        if len(p.sentence_texts() or [p.text]) > 1 or len(p.text.split()) > OPENER_WORDS:
            continue
        rest = []
        r = row + 1
        while r < n and _same_turn(passages[r - 1], passages[r]):
            if not passages[r].is_meta:
                rest.append(r)
            r += 1
        if rest:
            out[row] = rest
    return out


def _same_turn(before: Passage, after: Passage) -> bool:
    return bool(before.speaker) and before.speaker == after.speaker and before.document == after.document


def ends_with_question(p: Passage) -> bool:
    """Whether the passage's last sentence asks a question."""
    sentences = p.sentence_texts() or [p.text]
    return is_question(sentences[-1])


def is_question(sentence: str) -> bool:
    """Whether the sentence ends with a question mark (closing quotes aside)."""
    return sentence.rstrip(" \"'”’)").endswith("?")


def to_answers(sims: np.ndarray, sentences: Sequence[str]) -> np.ndarray:
    """Sentence scores where a question followed by a statement passes its score on to it."""
    out = sims.copy()
    for i in range(len(sentences) - 1):
        if is_question(sentences[i]) and not is_question(sentences[i + 1]):
            out[i + 1] = max(out[i + 1], sims[i])
            out[i] = min(out[i], out[i + 1] - QUESTION_MARGIN)
    return out


class AnswerOrder:
    """Moves answers, replies and calls to act ahead of what they answer, for one index."""

    def __init__(self, passages: Sequence[Passage], sentences: Sentences) -> None:
        self.passages = passages
        self.sentences = sentences
        self._answers = turn_answers(passages)  # a question's row → its answer's row
        self._replies = turn_answers(passages, questions_only=False)
        self._replies_to: dict[int, tuple[list[int], bool] | None] = {}  # an objection's row → its reply
        self._later = later_replies(passages)  # a turn that asks → the next turns of others
        self._openers = turn_openers(passages)  # a turn's short opener → the rest of its turn
        self._sources: dict[int, list[int]] = {}  # a passage → the openers of its turn
        for source, rows in self._openers.items():
            for row in rows:
                self._sources.setdefault(row, []).append(source)

    def answers_first(self, blended: np.ndarray, q: np.ndarray, *, replies: bool = False) -> np.ndarray:
        """A question ranks just below the answer that follows it.

        In a transcript the host's question shares the words of what a member asks, but the
        answer is the guest's turn after it: that turn gets the question's score when it is
        higher, and the question falls :data:`QUESTION_MARGIN` below it (for the best
        :data:`ANSWER_WINDOW` passages, best first). With `replies` (the member asks how
        someone answered or reacted), the best turn does so for the next speaker's turn,
        question or not. The same holds for a paragraph whose best sentence is the question
        it ends on ("What, then, would I have him do?"): the next paragraph answers it.

        Then the best passage, if it is a turn that asks (the member's match is its question)
        and none of the above, hands its score to the best of the next turns of
        others within :data:`ASKED_MARGIN` (a forum's or a chat's answer comes a post or two
        later); if it is a turn's short opener, to the best of the rest of its turn.
        """
        if not len(blended):
            return blended
        pairs = self._replies if replies else self._answers
        out = blended.copy()
        window = min(ANSWER_WINDOW, len(out))
        top = np.argpartition(-out, window - 1)[:window]
        top = top[np.argsort(-out[top], kind="stable")][: 1 if replies else window]
        done: set[int] = set()
        for row in top.tolist():
            answer = pairs.get(row) if self.passages[row].speaker else self._asks_next(row, q)
            if answer is None or row in done or answer in done or not np.isfinite(out[row]):
                continue
            out[answer] = max(out[answer], out[row])
            out[row] = min(out[row], out[answer] - QUESTION_MARGIN)
            done.update((row, answer))
        if replies:
            return out
        top = int(np.argmax(out))
        if not np.isfinite(out[top]) or top in done:
            return out
        later = self._later.get(top) if top not in pairs else None
        if later and self._asks_at_match(top, q):
            best = max(later, key=lambda r: out[r])
            if out[best] >= out[top] - ASKED_MARGIN:
                return _in_place_of(out, best, top)
        rest = self._openers.get(top)
        if rest:
            return _in_place_of(out, max(rest, key=lambda r: out[r]), top)
        return out

    def handed(self, blended: np.ndarray, row: int) -> list[int]:
        """The opener of its turn that handed passage `row` its score, if one did.

        The opener stands :data:`QUESTION_MARGIN` below `row` and is one with it: how far `row`
        leads the rest of the reading is measured without it. (A turn that asks keeps its place
        in that measure, as a host's question before its answer always has: leaving it out
        rejected 1 to 3 fewer off-topic questions for one answerable more.)
        """
        below = float(blended[row]) - QUESTION_MARGIN
        return [r for r in self._sources.get(row, ()) if abs(float(blended[r]) - below) < 1e-6]

    def _asks_at_match(self, row: int, q: np.ndarray) -> bool:
        """Whether passage `row`'s best sentence for the question is a question the turn asks.

        The member asks what the post asks ("Is it normal for the radiators to feel only warm?");
        a fact the post gives around its question ("We have two cats.") is the post's own answer.
        """
        texts = self.passages[row].sentence_texts() or [self.passages[row].text]
        sims = self.sentences.scores(row, q)
        return len(sims) == len(texts) and is_question(texts[int(np.argmax(sims))])

    def replies_first(self, blended: np.ndarray) -> np.ndarray:
        """The author's reply takes the place of the objection it answers (`bot.core.search.rebuttal`).

        When the best passage only sets out an objection ("The objection likely to be made…",
        a list of opponents' arguments), the reply after it gets its score and the objection
        falls :data:`QUESTION_MARGIN` below it.
        """
        if not len(blended):
            return blended
        top = int(np.argmax(blended))
        if top not in self._replies_to:
            self._replies_to[top] = reply_to(self.passages, top)
        found = self._replies_to[top]
        if found is None or not np.isfinite(blended[top]):
            return blended
        rows, says_so = found
        best = max(rows, key=lambda r: blended[r])
        if not says_so and blended[best] < blended[top] - REPLY_MARGIN:
            return blended
        out = blended.copy()
        out[best] = blended[top]
        out[top] = blended[top] - QUESTION_MARGIN
        return out

    def calls_first(self, blended: np.ndarray, on: re.Pattern[str] | None) -> np.ndarray:
        """A question about what the writer asks for: a passage that makes the call comes first.

        When the best passage makes none ("We ask the board to…", "I would ask, therefore…",
        or, with `on`, one telling the one asked what it should do: "The county should…"),
        the best one within :data:`CALL_MARGIN` that does takes its score, and the best falls
        :data:`QUESTION_MARGIN` below it (the question's best score, and so whether the
        reading covers it, stay as they were).
        """
        if not len(blended):
            return blended
        offers = self.sentences.offers
        calls = offers(CALL) if on is None else np.maximum(offers(CALL), offers(on))
        top = int(np.argmax(blended))
        if calls[top] or not np.isfinite(blended[top]):
            return blended
        near = np.where((calls > 0) & (blended >= blended[top] - CALL_MARGIN))[0]
        if not len(near):
            return blended
        best = int(near[np.argmax(blended[near])])
        out = blended.copy()
        out[best] = blended[top]
        out[top] = blended[top] - QUESTION_MARGIN
        return out

    def _asks_next(self, row: int, q: np.ndarray) -> int | None:
        """The next paragraph's row when passage `row` matches best on the question it ends with."""
        passages = self.passages
        here = passages[row]
        if row + 1 >= len(passages) or here.part != here.parts or len(here.sentences) < 1:
            return None
        after = passages[row + 1]
        if after.document != here.document or after.is_meta or after.speaker or ends_with_question(after):
            return None
        sims = self.sentences.scores(row, q)
        last = len(sims) - 1
        return row + 1 if int(np.argmax(sims)) == last and is_question(here.sentence_texts()[last]) else None


def _in_place_of(scores: np.ndarray, answer: int, row: int) -> np.ndarray:
    """`answer` takes `row`'s score, and `row` falls :data:`QUESTION_MARGIN` below it."""
    out = scores.copy()
    out[answer] = max(out[answer], scores[row])
    out[row] = out[answer] - QUESTION_MARGIN
    return out
