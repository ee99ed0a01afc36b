"""Optional: a language model phrases a prompt's question, poll answers and angles.

Any OpenAI-compatible chat-completions endpoint (``LLM_BASE_URL``, ``LLM_MODEL``, optional
``LLM_API_KEY``). The model sees the quoted passages and whose view each is; it never
writes the quote, which stays verbatim from the reading. Its answer must be JSON, and is
checked: a question of at most 300 characters ending with "?", 2–5 distinct poll answers
of at most 55 characters, each with its stance on the quoted claim (agree / disagree /
unsure), angles of at most 220, no mentions, links, invites, code or spoiler markers
(invisible direction and zero-width characters are removed first), and nothing in
quotation marks that the reading does not contain. It must also pass the deck check the
extractive engine passes (:mod:`.quality`): the question carries the claim's own words,
names the holder (never "the author" when the reading names one), and its answers fit
it, both sides offered. Anything else, a timeout or an error, and the extractive wording
stands; what passes is still shown through the same neutraliser as members' text
(:mod:`bot.core.text.safe`).

The call itself is bounded (:mod:`bot.core.prompts.http_client`): no redirects (the API key
never leaves the configured host), one total deadline (``LLM_TIMEOUT_SECONDS``), a size cap
while reading, TLS verified.

Phrasing happens ahead of time, in a background thread, and is cached by prompt id (and
model) in ``DATA_DIR/llm-phrasing.json``: dealing a prompt never waits for the model.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from bot.core.prompts.http_client import EndpointError, post_json
from bot.core.prompts.prompt import Prompt
from bot.core.prompts.quality import STANCES, carries_claim, holder_problem, poll_problem, stance_problem
from bot.core.prompts.questions import ANSWER_MAX, QUESTION_MAX
from bot.core.prompts.rotation import Rotation
from bot.core.text.safe import plain, strip_invisible

log = logging.getLogger(__name__)

ANGLE_MAX = 220
ANSWERS_MIN, ANSWERS_MAX = 2, 5
QUOTED_MIN_WORDS = 3  # quoted words of at least this many must stand in the reading
CACHE_FILE = "llm-phrasing.json"

SYSTEM = (
    "You write debate prompts for an online community reading a text together. You are given "
    "a passage quoted from the reading, whose view it states and the holder's name. Write ONE natural "
    "question a moderator would post: it states the claim's proposition in a short form, in its own "
    "words (at most 160 characters), and names who holds it; members answer it in a poll. Give the "
    "poll's answers and, for each, its stance on the quoted claim: agree, disagree or unsure (a "
    "question whose yes is against the claim must not be answered Agree/Disagree). Optionally one line "
    "for and one line against, each drawn from the passages given. Never quote words the passages do "
    "not contain. No @mentions, no links. Answer with JSON only: "
    '{"question": "...?", "answers": ["...", "..."], "stances": ["agree", "disagree", "unsure"], '
    '"angles": {"for": "...", "against": "..."}}. Each answer is at most 55 characters (the two '
    "positions named in a few words when two are set against each other)."
)


class PhrasingError(ValueError):
    """The model's answer cannot be used (the reason is logged; the extractive wording stands)."""


@dataclass(frozen=True)
class Phrasing:
    """What the model wrote for one prompt."""

    question: str
    answers: tuple[str, ...]
    angles: dict[str, str]
    stances: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        """JSON form (for the cache)."""
        return {
            "question": self.question,
            "answers": list(self.answers),
            "stances": list(self.stances),
            "angles": dict(self.angles),
        }


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[“”\"'‘’]", "'", text).lower().split())


_QUOTED = re.compile(r"[“\"]([^“”\"]+)[”\"]")
_MENTION = re.compile(r"@(?:everyone|here)\b|<[@#][!&]?\d+>|@\w")
_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
_MARKUP = re.compile(r"`|\|\||^\s*(#|>|-#)|\]\(")  # code, spoilers, headings, quotes, masked links


def _check_text(text: str, what: str, limit: int, reading: str) -> str:
    text = " ".join(strip_invisible(str(text)).split())
    if not text:
        raise PhrasingError(f"empty {what}")
    if len(text) > limit:
        raise PhrasingError(f"{what} of {len(text)} characters (limit {limit})")
    if _MENTION.search(text) or _LINK.search(text) or plain(text) != text:
        raise PhrasingError(f"a mention, link or invite in the {what}")
    if _MARKUP.search(text):
        raise PhrasingError(f"Markdown (code, a spoiler, a heading or a masked link) in the {what}")
    for quoted in _QUOTED.findall(text):
        if len(quoted.split()) >= QUOTED_MIN_WORDS and _normal(quoted) not in reading:
            raise PhrasingError(f"the {what} quotes words the reading does not contain: {quoted[:60]!r}")
    return text


def parse_phrasing(raw: str, reading: str) -> Phrasing:
    """The model's answer, checked (raises PhrasingError). `reading` is the normalised reading."""
    text = raw.strip()
    fenced = re.search(r"```(?:json)?\s*(\{.*\})\s*```", text, re.DOTALL)
    if fenced:
        text = fenced.group(1)
    elif not text.startswith("{"):
        start, end = text.find("{"), text.rfind("}")
        text = text[start : end + 1] if 0 <= start < end else text
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise PhrasingError("not JSON") from None
    if not isinstance(data, dict):
        raise PhrasingError("not a JSON object")
    question = _check_text(data.get("question", ""), "question", QUESTION_MAX, reading)
    if not question.endswith("?"):
        raise PhrasingError("the question does not end with a question mark")
    answers_raw = data.get("answers")
    if not isinstance(answers_raw, list) or not ANSWERS_MIN <= len(answers_raw) <= ANSWERS_MAX:
        raise PhrasingError(f"poll answers must be a list of {ANSWERS_MIN} to {ANSWERS_MAX}")
    answers = tuple(_check_text(a, "poll answer", ANSWER_MAX, reading) for a in answers_raw)
    if len({a.lower() for a in answers}) < len(answers):
        raise PhrasingError("two poll answers are the same")
    stances = data.get("stances")
    if not isinstance(stances, list) or len(stances) != len(answers):
        raise PhrasingError("one stance per poll answer is needed (agree / disagree / unsure)")
    stances = [str(x).strip().lower() for x in stances]
    if any(x not in STANCES for x in stances):
        raise PhrasingError("a stance is not agree, disagree or unsure")
    angles: dict[str, str] = {}
    raw_angles = data.get("angles") or {}
    if not isinstance(raw_angles, dict):
        raise PhrasingError("angles must be an object")
    for side in ("for", "against"):
        if raw_angles.get(side):
            angles[side] = _check_text(raw_angles[side], f"{side} angle", ANGLE_MAX, reading)
    return Phrasing(question, answers, angles, tuple(stances))


def check_phrasing(phrasing: Phrasing, prompt: Prompt, author: str = "") -> Phrasing:
    """The same checks as the extractive engine's questions pass (raises PhrasingError).

    The question must carry the claim's own words, name its holder rightly, and have poll
    answers that fit it, each with a stance, both sides offered.
    """
    quotes = [prompt.quote, *(side.quote for side in prompt.sides)]
    names = [n for n in (prompt.holder, author, *(side.holder for side in prompt.sides)) if n]
    if not carries_claim(phrasing.question, quotes, names):
        raise PhrasingError("the question does not carry the claim's own words")
    problem = (
        holder_problem(phrasing.question, "", author or (prompt.holder if prompt.voice == "author" else None))
        or poll_problem(phrasing.question, phrasing.answers)
        or stance_problem(
            phrasing.question,
            phrasing.answers,
            dict(zip(phrasing.answers, phrasing.stances, strict=True)),
            prompt.quote,
        )
    )
    if problem:
        raise PhrasingError(problem)
    return phrasing


def _request_body(prompt: Prompt, model: str, author: str) -> dict[str, object]:
    facts: dict[str, object] = {
        "reading": prompt.title,
        "author": author or "the author",
        "holder": prompt.holder or author or "the author",
        "quote": prompt.quote,
        "citation": prompt.citation,
        "whose_view": {
            "author": "the author's own",
            "reported": f"reported by the author; held by {prompt.holder or 'others'}",
            "rebutted": f"held by {prompt.holder or 'others'}, answered by the author",
        }.get(prompt.voice, "the author's own"),
    }
    if prompt.sides:
        facts["sides"] = [
            {"holder": s.holder, "quote": s.quote, "citation": s.citation} for s in prompt.sides
        ]
    if prompt.counterpoint is not None:
        facts["other_side"] = {"quote": prompt.counterpoint.text, "citation": prompt.counterpoint.citation}
    return {
        "model": model,
        "temperature": 0.3,
        "messages": [
            {"role": "system", "content": SYSTEM},
            {"role": "user", "content": json.dumps(facts, ensure_ascii=False)},
        ],
    }


class Phraser:
    """Asks the endpoint to phrase prompts, ahead of time, and keeps what passed the checks."""

    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        api_key: str = "",
        timeout: float = 20.0,
        cache_dir: Path | None = None,
    ) -> None:
        self.url = base_url.rstrip("/") + (
            "" if base_url.rstrip("/").endswith("/chat/completions") else "/chat/completions"
        )
        self.model = model
        self.api_key = api_key
        self.timeout = timeout
        self._path = cache_dir / CACHE_FILE if cache_dir else None
        self._lock = threading.Lock()
        self._cache: dict[str, Phrasing] = self._load()
        self._worker: threading.Thread | None = None
        self.failures = 0

    # ------------------------------------------------------------------ the cache

    def _key(self, prompt: Prompt) -> str:
        return f"{self.model}\n{prompt.id}"

    def _load(self) -> dict[str, Phrasing]:
        if self._path is None or not self._path.is_file():
            return {}
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
            return {
                k: Phrasing(
                    str(v["question"]),
                    tuple(str(a) for a in v["answers"]),
                    dict(v.get("angles") or {}),
                    tuple(str(x) for x in v["stances"]),
                )
                for k, v in data.items()
                if len(v.get("stances") or ()) == len(v["answers"])  # older entries had no stances
            }
        except (OSError, ValueError, KeyError, TypeError):
            log.warning("Ignoring an unreadable phrasing cache at %s", self._path)
            return {}

    def _save(self) -> None:
        if self._path is None:
            return
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self._path.with_suffix(".tmp")
            with self._lock:
                data = {k: v.to_json() for k, v in self._cache.items()}
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            tmp.replace(self._path)
        except OSError:
            log.warning("Could not write the phrasing cache at %s", self._path)

    def cached(self, prompt: Prompt) -> Phrasing | None:
        """The model's phrasing of `prompt`, if it has one already."""
        with self._lock:
            return self._cache.get(self._key(prompt))

    def apply(self, prompt: Prompt) -> Prompt:
        """`prompt` with the model's wording when it is cached; as it is otherwise (never waits)."""
        found = self.cached(prompt)
        if found is None:
            return prompt
        angles = found.angles or dict(prompt.angles)
        return replace(
            prompt,
            question=found.question,
            answers=found.answers,
            stances=found.stances,
            angles=angles,
            template="llm",
        )

    # ------------------------------------------------------------------ asking

    def phrase(self, prompt: Prompt, reading: str, author: str = "") -> Phrasing:
        """Ask the endpoint for one prompt (blocking, up to the timeout); raises PhrasingError."""
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        try:
            payload = post_json(
                self.url, _request_body(prompt, self.model, author), headers=headers, deadline=self.timeout
            )
        except EndpointError as exc:
            raise PhrasingError(str(exc)) from None
        try:
            content = payload["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise PhrasingError("no choices[0].message.content in the endpoint's answer") from None
        return check_phrasing(parse_phrasing(str(content or ""), reading), prompt, author)

    def warm(self, prompts: Sequence[Prompt], reading_text: Iterable[str], authors: dict[str, str]) -> None:
        """Phrase the prompts not yet cached, in a background thread (one at a time)."""
        if self._worker is not None and self._worker.is_alive():
            return
        todo = [p for p in prompts if self.cached(p) is None]
        if not todo:
            return
        reading = _normal(" ".join(reading_text))

        def run() -> None:
            for prompt in todo:
                try:
                    phrasing = self.phrase(prompt, reading, authors.get(prompt.document, ""))
                except PhrasingError as exc:
                    self.failures += 1
                    log.info("Prompt %s keeps its extractive wording: %s", prompt.id, exc)
                    continue
                with self._lock:
                    self._cache[self._key(prompt)] = phrasing
            self._save()

        self._worker = threading.Thread(target=run, name="agora-llm-phrasing", daemon=True)
        self._worker.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the background phrasing to finish (for tests and `agora prompts`); True if done."""
        worker = self._worker
        if worker is not None:
            worker.join(timeout)
            return not worker.is_alive()
        return True


class PhrasedDeck(Rotation):
    """A deck as the model phrased it, where it already has (the same ids, the same rotation)."""

    def __init__(self, deck: Rotation, phraser: Phraser) -> None:
        self.prompts = [phraser.apply(p) for p in deck]
        self._by_id = {p.id: p for p in self.prompts}
