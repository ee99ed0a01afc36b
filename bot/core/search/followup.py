"""Follow-up questions: "why?", "how so?", "what about the other side?", "and Europe?".

Each member's last exchange in a channel (or thread) is remembered for a few minutes, in
memory only. A short question that leans on it — no subject of its own, a pronoun that
points back, or an opening such as "and", "so", "what about" — is asked in its context:
searched together with the previous question, within the document that answered it.
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace

from bot.core.text.words import content_terms

DEFAULT_MINUTES = 10.0
MAX_CONVERSATIONS = 10_000
MAX_WORDS = 8

_OPENERS = re.compile(
    r"^(?:and|but|so|then|also|or|why|how so|how come|really|what about|how about|what else|"
    r"what if|such as|like what|for example|for instance|meaning|which one|who said|is that|"
    r"isn'?t that|does that|did that|was that|what does that|what did (?:he|she|they) mean)\b",
    re.IGNORECASE,
)
_POINTING = re.compile(
    r"\b(?:he|she|they|him|her|them|his|hers|their|it|its|that|this|those|these|the other side|"
    r"the author|the writer)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Exchange:
    """A member's previous question, and where its answer came from."""

    question: str
    document: str | None
    paragraph: int | None
    at: float
    passage: str | None = None  # the id of the passage quoted first
    quoted: tuple[int, ...] = ()  # the sentences of it that were quoted


# What a follow-up asks for, next to the last answer.
WHY, OTHER, MORE, DETAIL = "why", "other", "more", "detail"
_OTHER_SIDE = re.compile(
    r"\b(?:other side|other view|opposite|counter\w*|disagree\w*|objections?|object|critics?|"
    r"opponents?|against|rebut\w*|on the other hand|the case against|pushback)\b",
    re.IGNORECASE,
)
_MORE = re.compile(
    r"\b(?:more|else|another|others|otherwise|next|continue|go on|keep going)\b",
    re.IGNORECASE,
)
_WHY = re.compile(
    r"\b(?:why|how so|how come|in what way|on what grounds|what makes|explain|reasons?|because|"
    r"mistake|wrong|right|based on what|says who|evidence|proof|justif\w*)\b",
    re.IGNORECASE,
)


def follow_up_kind(question: str) -> str:
    """What a follow-up asks for: the other side, more, the reasons ("why?"), or detail.

    "the other side?", "what do his critics say?" → :data:`OTHER`; "more?", "anything
    else?" → :data:`MORE`; "why?", "how so?", "is that right?" → :data:`WHY`; anything else
    ("and Europe?") → :data:`DETAIL`.
    """
    if _OTHER_SIDE.search(question):
        return OTHER
    if _MORE.search(question):
        return MORE
    if _WHY.search(question):
        return WHY
    return DETAIL


def wants_elsewhere(question: str) -> bool:
    """Whether a follow-up asks for another passage ("more?", "the other side?").

    Otherwise it asks for the reasons or detail around the last one ("why?", "how so?").
    """
    return follow_up_kind(question) in (OTHER, MORE)


def leans_on_previous(question: str) -> bool:
    """Whether a question is too short to stand alone and leans on the last exchange.

    It has no subject of its own ("why?", "how so?"); or it is very short ("does Huxley
    agree?", "and Europe?"); or it has at most two content words and opens like a follow-up
    or points back ("is he right?", "what about the other side?", "who said that?").
    """
    words = question.split()
    if not words or len(words) > MAX_WORDS:
        return False
    terms = content_terms(question)
    if not terms or (len(words) <= 3 and len(terms) <= 2):
        return True
    return len(terms) <= 2 and bool(_OPENERS.search(question.strip()) or _POINTING.search(question))


def in_context(question: str, previous: Exchange) -> str:
    """The text searched for a follow-up: the previous question, then this one."""
    return f"{previous.question} {question}"


class Conversations:
    """The last exchange of each member in each channel, forgotten after `minutes`."""

    def __init__(self, minutes: float = DEFAULT_MINUTES, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = minutes * 60
        self._clock = clock
        self._last: OrderedDict[str, Exchange] = OrderedDict()
        self._lock = threading.Lock()

    def remember(  # noqa: PLR0917 - the exchange's fields, in order
        self,
        key: str,
        question: str,
        document: str | None,
        paragraph: int | None,
        passage: str | None = None,
        quoted: tuple[int, ...] = (),
    ) -> None:
        """Keep `key`'s latest exchange (the oldest conversations are dropped past a bound)."""
        with self._lock:
            self._last.pop(key, None)
            self._last[key] = Exchange(question, document, paragraph, self._clock(), passage, quoted)
            while len(self._last) > MAX_CONVERSATIONS:
                self._last.popitem(last=False)

    def forget(self, match: Callable[[str], bool]) -> int:
        """Drop every conversation whose key `match` accepts (a member's data deleted); how many."""
        with self._lock:
            gone = [key for key in self._last if match(key)]
            for key in gone:
                del self._last[key]
            return len(gone)

    def follow(
        self, moves: Mapping[str, str], marked: Collection[str], where: Mapping[str, tuple[str, int]]
    ) -> int:
        """A reading's new version: exchanges follow their passage (`moves`: old id → new id).

        A passage re-pointed or orphaned (`marked`) loses the sentences quoted of it (they may
        be gone); one the new version no longer has (`where`: id → document, paragraph) keeps
        only the question. How many exchanges changed.
        """
        changed = 0
        with self._lock:
            for key, exchange in list(self._last.items()):
                old = exchange.passage
                if old is None or (old not in moves and old not in marked):
                    continue
                new = moves.get(old, old)
                document, paragraph = where.get(new, (None, None))
                self._last[key] = replace(
                    exchange,
                    passage=new if new in where else None,
                    document=document,
                    paragraph=paragraph,
                    quoted=() if new in marked or new not in where else exchange.quoted,
                )
                changed += 1
        return changed

    def recall(self, key: str) -> Exchange | None:
        """`key`'s last exchange if it is recent enough."""
        with self._lock:
            exchange = self._last.get(key)
            if exchange is None:
                return None
            if self._clock() - exchange.at > self.seconds:
                del self._last[key]
                return None
            return exchange
