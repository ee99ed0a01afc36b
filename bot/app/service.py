"""The Discord-free application: the reading's index, answers, reloads and status.

Both the console and the Discord cogs talk to one `Agora` object. Its methods are
synchronous (they embed text and touch the disk); async callers run them with
`asyncio.to_thread`. Swapping in a new index is a single attribute assignment of an
immutable snapshot, so questions keep being answered from the old index while a reload
builds the new one.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.app.curation import DeckCuration, echo, guild_of
from bot.core.prompts import Prompt, PromptDeck
from bot.core.prompts.curation import (
    CuratedDeck,
)
from bot.core.prompts.generator import PhrasedDeck, Phraser
from bot.core.prompts.rotation import Rotation
from bot.core.reading.passages import Passage, reading_files
from bot.core.search.answer import Answer
from bot.core.search.embedder import Encoder, load_encoder
from bot.core.search.followup import OTHER, Conversations, follow_up_kind
from bot.core.search.index import (
    BuildReport,
    Index,
    IndexCorrupt,
    IndexMissing,
    IndexStale,
    IndexWriteError,
    build_from_seeds,
    clean_abandoned_builds,
    current_version,
    load_index,
)
from bot.core.search.onnx_embedder import META, export_dir
from bot.core.search.rerank import Reranker
from bot.core.search.retrieval import Retriever
from bot.core.storage.store import Store
from bot.core.text.safe import neutralise
from bot.settings import Settings

log = logging.getLogger(__name__)

INDEX_STATE = "index_version"  # the shared state row naming the index every process should serve
BUILD_LEASE = "index-build"  # held while a process builds the index, so others wait and load it
BUILD_LEASE_SECONDS = 1800.0


EXPORT_NOTE = "Preparing the embedding model for fast answers (first run only, a minute or two)…"


def announce_export(settings: Settings, note: Callable[[str], None]) -> None:
    """Say so before the model is exported for serving (once per index folder and model)."""
    if not (export_dir(settings.index_dir, settings.embedding_model) / META).is_file():
        note(EXPORT_NOTE)


@dataclass(frozen=True)
class DealtPrompt:
    """A debate prompt dealt to a channel, with the rotation cycle it belongs to."""

    prompt: Prompt
    cycle: int


@dataclass(frozen=True)
class Snapshot:
    """An index with its retriever: replaced whole on reload, never mutated."""

    index: Index
    retriever: Retriever


class AmbiguousParagraph(LookupError):
    """Several documents have the paragraph asked for: the caller must choose one."""

    def __init__(self, paragraph: int, choices: list[tuple[str, str]]) -> None:
        super().__init__(f"Several documents have a ¶{paragraph}.")
        self.paragraph = paragraph
        self.choices = choices  # (file, title) of each


MAX_CONTEXT_CHARS = 400  # of a chain of follow-ups, the latest part is kept


class Agora(DeckCuration):
    """One reading, its index, and everything asked of it."""

    def __init__(
        self,
        settings: Settings,
        load_embedder: Callable[[str], Encoder] | None = None,
        store: Store | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self._deck: tuple[Snapshot, PromptDeck] | None = None
        self.phraser: Phraser | None = (
            Phraser(
                settings.llm_base_url,
                settings.llm_model or "",
                api_key=settings.llm_api_key.get(),
                timeout=settings.llm_timeout_seconds,
                cache_dir=settings.data_dir,
            )
            if settings.llm_base_url
            else None
        )
        self._deck_lock = threading.Lock()
        self._deal_lock = threading.Lock()
        self._load_embedder = load_embedder or (
            lambda name: load_encoder(name, settings.index_dir, models_dir=settings.models_dir)
        )
        self._exports = load_embedder is None  # the default loader exports the model the first time
        self._embedder: Encoder | None = None
        self._snapshot: Snapshot | None = None
        self._model_lock = threading.Lock()
        self._reload_lock = threading.Lock()
        self._reload_done = threading.Condition()
        self._reload_generation = 0
        self._last_report: BuildReport | Exception | None = None
        self.started_at = time.time()
        self.answers_served = 0
        self.conversations = Conversations(settings.follow_up_minutes)
        self._reranker: Reranker | None = None
        self.readings: Any = None  # the server readings (bot.app.library.Library), when there are any
        self.reading_name: str | None = None  # set on the Agora of a named reading (see view)

    # ------------------------------------------------------------------ readings per channel

    def view(self, snapshot: Snapshot) -> Agora:
        """An Agora serving another reading's index, sharing this one's model, store and phraser."""
        other = Agora(self.settings, load_embedder=lambda _name: self.embedder, store=self.store)
        other._exports = False
        other.phraser = self.phraser
        other.conversations = self.conversations
        other._reranker = self.reranker
        other._snapshot = snapshot
        other.reading_name = snapshot.index.path.parent.name
        return other

    def for_channel(
        self, guild_id: int | None, channel_id: int | None, parent_id: int | None = None
    ) -> Agora:
        """The Agora of the reading a channel draws on (this one without server readings). Blocking."""
        if self.readings is None or self.reading_name is not None:
            return self
        return self.readings.agora_for(guild_id, channel_id, parent_id)

    def for_channel_key(self, channel_key: str) -> Agora:
        """:meth:`for_channel` for a rotation key ("guild:channel"). Blocking."""
        guild = guild_of(channel_key)
        channel = channel_key.partition(":")[2]
        return self.for_channel(guild, int(channel) if channel.isdigit() else None)

    # ------------------------------------------------------------------ start-up

    @property
    def embedder(self) -> Encoder:
        """The embedding model, loaded on first use."""
        with self._model_lock:
            if self._embedder is None:
                log.debug("Loading embedding model %s", self.settings.embedding_model)
                self._embedder = self._load_embedder(self.settings.embedding_model)
            return self._embedder

    @property
    def reranker(self) -> Reranker | None:
        """The RERANK_MODEL cross-encoder, loaded once on first use (None when not set)."""
        name = self.settings.rerank_model
        if not name:
            return None
        with self._model_lock:
            if self._reranker is None:
                self._reranker = Reranker.load(name)
            return self._reranker

    def _encoder_for_build(self) -> Encoder:
        """The embedding model, loaded again first if its files for passages were found damaged."""
        encoder = self.embedder
        check = getattr(encoder, "model_problem", None)
        if check is not None and check() is not None:
            with self._model_lock:
                if self._embedder is encoder:
                    self._embedder = self._load_embedder(self.settings.embedding_model)
                encoder = self._embedder
        return encoder

    def prepare(self, *, progress: bool | None = None, say: Callable[[str], None] | None = None) -> list[str]:
        """Load the index, building it first if it is missing, stale or damaged.

        Returns notes for people about what happened (e.g. "index rebuilt: reading changed");
        `say` is given each note as it happens (before the slow part it announces).
        """
        notes: list[str] = []

        def note(text: str) -> None:
            notes.append(text)
            if say is not None:
                say(text)

        s = self.settings
        clean_abandoned_builds(s.index_dir)
        index: Index | None = None
        built = False
        try:
            index = load_index(s.index_dir)
            if not s.seeds_dir.is_dir() and index.manifest.get("seeds") == str(s.seeds_dir.resolve()):
                index.check(model=s.embedding_model, model_sha256=self._model_sha256(note))  # served as built
                note(
                    f"The reading's folder {s.seeds_dir} is not there any more; answering from the "
                    f"index as it was built ({index.manifest['built_at']})."
                )
            else:
                index.check(
                    model=s.embedding_model,
                    seeds_dir=s.seeds_dir,
                    outside_links=s.seeds_outside_links,
                    model_sha256=self._model_sha256(note),
                )
        except (IndexMissing, IndexStale, IndexCorrupt) as exc:
            usable = index if isinstance(exc, IndexStale) and index is not None else None
            reading_files(s.seeds_dir, outside_links=s.seeds_outside_links)  # empty: said at once
            reason = str(exc) if not isinstance(exc, IndexMissing) else f"No index in {s.index_dir} yet."
            recorded = usable.manifest.get("seeds") if usable is not None else None
            if recorded and recorded != str(s.seeds_dir.resolve()):
                reason += (
                    f" The index in {s.index_dir} was built from another folder, {recorded}; "
                    f"it is rebuilt now from {s.seeds_dir} (give --seeds {recorded} to keep that reading)."
                )
            note(f"{reason} Building the index from {s.seeds_dir}…")
            self._announce_export(note)
            try:
                report = build_from_seeds(
                    s.seeds_dir,
                    self._encoder_for_build(),
                    s.index_dir,
                    progress=progress,
                    outside_links=s.seeds_outside_links,
                )
            except IndexWriteError as write_error:
                if usable is None:
                    raise
                note(f"{write_error} (It was built {usable.manifest['built_at']}.)")
            else:
                for problem in report.problems:
                    note(f"Skipped {problem}")
                note(report.summary())
                index = report.index
                built = True
        assert index is not None
        self._announce_export(note)
        self._snapshot = Snapshot(index, Retriever(index, self.embedder, reranker=self.reranker))
        self._publish_version(built=built)
        return notes

    def _model_sha256(self, note: Callable[[str], None]) -> str | None:
        """The fingerprint of the model in use (loading it), to check the index was built with it."""
        self._announce_export(note)
        return getattr(self.embedder, "fingerprint", "") or None

    def _announce_export(self, note: Callable[[str], None]) -> None:
        if self._embedder is None and self._exports:
            announce_export(self.settings, note)

    # ------------------------------------------------------------------ one index, many processes

    @property
    def index_version(self) -> str | None:
        """The live index's version folder name (None before :meth:`prepare`)."""
        return self._snapshot.index.path.name if self._snapshot is not None else None

    def _publish_version(self, *, built: bool) -> None:
        """Tell the other processes which index to serve (after a build, or when none is named yet)."""
        if self.store is None or self.index_version is None:
            return
        try:
            shared = self.store.get_state(INDEX_STATE)
            if built or shared is None or not (self.settings.index_dir / shared[0]).is_dir():
                self.store.set_state(INDEX_STATE, self.index_version)
        except Exception as exc:  # the store is away: the version is told at the next build
            log.warning("Could not record the index version in the store: %s", exc)

    def shared_index_version(self) -> str | None:
        """The index version the store names (None without a store or before any build)."""
        state = self.store.get_state(INDEX_STATE) if self.store is not None else None
        return state[0] if state else None

    def follow_shared_index(self) -> str | None:
        """Swap in the index another process built, when the store names a newer one than ours.

        Returns the new version, or None when nothing changed. Answers keep coming from the
        old index until the new one is loaded.
        """
        wanted = self.shared_index_version()
        if wanted is None or wanted == self.index_version or self._snapshot is None:
            return None
        if current_version(self.settings.index_dir) != self.settings.index_dir / wanted:
            return None  # not visible here yet (a slow shared folder): look again next time
        index = load_index(self.settings.index_dir)
        old = self._snapshot.retriever
        self._snapshot = Snapshot(index, Retriever(index, self.embedder, old))
        log.info("Now serving index %s (built by another process)", index.path.name)
        return index.path.name

    def build_lease(self, holder: str, *, wait: float = BUILD_LEASE_SECONDS) -> bool:
        """Wait up to `wait` seconds to be the one process building the index. False: gave up."""
        if self.store is None:
            return True
        deadline = time.monotonic() + wait
        while not self.store.acquire_lease(BUILD_LEASE, holder, BUILD_LEASE_SECONDS):
            if time.monotonic() > deadline:
                return False
            time.sleep(0.5)
        return True

    def end_build_lease(self, holder: str) -> None:
        """Let the next process build."""
        if self.store is not None:
            self.store.release_lease(BUILD_LEASE, holder)

    @property
    def snapshot(self) -> Snapshot:
        """The live index (call :meth:`prepare` first)."""
        if self._snapshot is None:
            self.prepare()
        assert self._snapshot is not None
        return self._snapshot

    @property
    def ready(self) -> bool:
        """Whether an index is loaded."""
        return self._snapshot is not None

    # ------------------------------------------------------------------ questions

    def ask(self, question: str, k: int = 3, conversation: str | None = None) -> Answer:
        """Answer a question from the live index (raises QuestionError for bad input).

        `conversation` names who is asking where (a member in a channel): a short follow-up
        to their last answered question, within FOLLOW_UP_MINUTES, is read in its context.
        """
        previous = None
        if conversation is not None and self.settings.follow_up_minutes > 0:
            previous = self.conversations.recall(conversation)
        toward: list[str] = []
        if previous is not None and previous.passage and follow_up_kind(question) == OTHER:
            toward = self.other_side(previous.passage)
        answer = self.snapshot.retriever.ask(question, k=k, previous=previous, toward=toward)
        self.answers_served += 1
        if conversation is not None and answer.answered and answer.hits:
            best = answer.hits[0].passage
            asked = f"{answer.follows} {answer.question}" if answer.follows else answer.question
            self.conversations.remember(
                conversation,
                asked[-MAX_CONTEXT_CHARS:],
                best.document,
                best.paragraph,
                best.id,
                answer.hits[0].marked,
            )
        return answer

    def other_side(self, passage_id: str) -> list[str]:
        """The passages the deck sets against `passage_id` (its prompts' counterpoints and sides).

        Both ways: what counters a claim made in that passage, and the claims that passage counters.
        """
        out: list[str] = []
        for prompt in self.deck():
            if prompt.passage_id == passage_id:
                if prompt.counterpoint is not None:
                    out.append(prompt.counterpoint.passage_id)
                out += [side.passage_id for side in prompt.sides]
            elif prompt.counterpoint is not None and prompt.counterpoint.passage_id == passage_id:
                out.append(prompt.passage_id)
        return [p for p in dict.fromkeys(out) if p != passage_id]

    def passage(self, paragraph: int, document: str | None = None) -> tuple[list[Passage], list[Passage]]:
        """The passages of one paragraph and those of its neighbours (previous, next).

        `document` may be a file name, a path or part of a title; without it, the one
        document that has a ¶`paragraph`. Raises AmbiguousParagraph (listing the choices)
        when several documents could be meant, LookupError when none matches.
        """
        index = self.snapshot.index
        titles = {str(d["path"]): str(d["title"]) for d in index.documents}
        having = {p.document for p in index.passages if p.paragraph == paragraph}
        candidates = list(titles)
        if document:
            wanted = document.lower().strip()
            exact = [path for path in titles if path.lower() == wanted]
            candidates = exact or [
                path for path, title in titles.items() if wanted in path.lower() or wanted in title.lower()
            ]
            if not candidates:
                raise LookupError(
                    f"No document matches “{echo(document)}”. "
                    f"Documents: {', '.join(neutralise(t) for t in titles)}"
                )
        if len(candidates) > 1:
            holding = [path for path in candidates if path in having]
            if len(holding) > 1:
                raise AmbiguousParagraph(paragraph, [(path, titles[path]) for path in holding])
            candidates = holding or candidates[:1]
        doc = candidates[0]
        in_doc = [p for p in index.passages if p.document == doc]
        numbers = sorted({p.paragraph for p in in_doc})
        hit = [p for p in in_doc if p.paragraph == paragraph]
        if not hit:
            raise LookupError(
                f"There is no ¶{paragraph} in {neutralise(doc)}: "
                f"paragraphs run from {numbers[0]} to {numbers[-1]}."
            )
        pos = numbers.index(paragraph)
        near = [
            p
            for p in in_doc
            if p.paragraph in numbers[max(0, pos - 1) : pos + 2] and p.paragraph != paragraph
        ]
        return hit, near

    # ------------------------------------------------------------------ debate prompts

    def deck(self) -> PromptDeck:
        """The deck of debate prompts of the live index (built on first use after a reload)."""
        snap = self.snapshot
        with self._deck_lock:
            if self._deck is None or self._deck[0] is not snap:
                self._deck = (snap, PromptDeck.build(snap.index, self.embedder))
                if self.phraser is not None:  # phrased ahead, in the background: dealing never waits
                    authors = self._deck[1].holders  # the names the questions use ("Mill")
                    self.phraser.warm(self._deck[1].prompts, (p.text for p in snap.index.passages), authors)
            return self._deck[1]

    def rotation(self, channel_key: str) -> Rotation:
        """The deck as a channel's server curated it (the plain deck outside a server)."""
        deck: Rotation = self.deck()
        if self.phraser is not None:
            deck = PhrasedDeck(deck, self.phraser)
        guild = guild_of(channel_key)
        if guild is None or self.store is None:
            return deck
        passages = {p.id: p for p in self.snapshot.index.passages}
        return CuratedDeck(deck, self.store.curation(guild), passages)

    def preview(self, channel_key: str, count: int = 3) -> list[DealtPrompt]:
        """The channel's next `count` prompts, in the order they will be dealt (nothing recorded)."""
        rotation = self.rotation(channel_key)
        cycle, used = self.store.prompt_cycle(channel_key) if self.store else (1, [])
        out: list[DealtPrompt] = []
        for _ in range(min(count, len(rotation))):
            dealt = rotation.next_for(used, cycle)
            if dealt is None:
                break
            prompt, next_cycle = dealt
            if next_cycle != cycle:
                cycle, used = next_cycle, []
            used = [*used, prompt.id]
            out.append(DealtPrompt(prompt, cycle))
        return out

    def find_prompt(self, channel_key: str, prompt_id: str) -> Prompt | None:
        """A prompt of the channel's rotation or of the deck, by id."""
        return self.rotation(channel_key).get(prompt_id) or self.deck().get(prompt_id)

    def next_prompt(
        self, channel_key: str, source: str = "debate", *, record: bool = True
    ) -> DealtPrompt | None:
        """The channel's next unused prompt (a fresh, reshuffled cycle once all were used).

        With a store, the prompt is recorded as dealt, so restarts never repeat it.
        """
        deck = self.rotation(channel_key)
        if record and self.store is not None:  # chosen and recorded in one transaction: shared safely

            def choose(used: list[str], cycle: int) -> tuple[str, int] | None:
                dealt = deck.next_for(used, cycle)
                return (dealt[0].id, dealt[1]) if dealt else None

            with self._deal_lock:
                chosen = self.store.deal_prompt(channel_key, choose, source)
            found = deck.get(chosen[0]) if chosen else None
            return DealtPrompt(found, chosen[1]) if chosen and found else None
        with self._deal_lock:
            cycle, used = self.store.prompt_cycle(channel_key) if self.store else (1, [])
            dealt = deck.next_for(used, cycle)
        return DealtPrompt(*dealt) if dealt else None

    def debate(self, topic: str | None, channel_key: str) -> Prompt | None:
        """A prompt for `/debate`: on `topic`, or else the channel's next one from the deck.

        None when the reading has nothing on the topic, the deck is empty, or the topic's
        prompt is one this server's moderators removed.
        """
        if topic is None or not topic.strip():
            dealt = self.next_prompt(channel_key, "debate")
            return dealt.prompt if dealt else None
        deck = self.deck()
        prompt = deck.for_topic(topic, self.snapshot.retriever)
        if prompt is not None:
            rotation = self.rotation(channel_key)
            if rotation.get(prompt.id) is None and deck.get(prompt.id) is not None:
                return None  # this server's moderators removed it: never posted here again
            prompt = rotation.get(prompt.id) or prompt  # curated and phrased
        if prompt is not None and self.store is not None and deck.get(prompt.id) is not None:
            with self._deal_lock:
                cycle, used = self.store.prompt_cycle(channel_key)
                if prompt.id not in used:
                    self.store.record_prompt(channel_key, prompt.id, cycle, "debate-topic")
        return prompt

    # ------------------------------------------------------------------ reload

    def reload(self) -> BuildReport:
        """Rebuild the index from the seeds folder and swap it in.

        Answers keep coming from the old index meanwhile. A failed rebuild leaves the old
        index live and raises. Calls that arrive while a rebuild runs wait for it and
        share its result (concurrent reloads coalesce into one).
        """
        with self._reload_done:
            generation = self._reload_generation
        if not self._reload_lock.acquire(blocking=False):
            with self._reload_done:
                self._reload_done.wait_for(lambda: self._reload_generation > generation)
                result = self._last_report
            if isinstance(result, Exception):
                raise result
            assert result is not None
            return result
        try:
            s = self.settings
            result: BuildReport | Exception
            try:
                previous = self._snapshot.index if self._snapshot is not None else None
                encoder = self._encoder_for_build()
                report = build_from_seeds(
                    s.seeds_dir,
                    encoder,
                    s.index_dir,
                    progress=False,
                    previous=previous,
                    outside_links=s.seeds_outside_links,
                )
                old = self._snapshot.retriever if self._snapshot is not None else None
                self._snapshot = Snapshot(report.index, Retriever(report.index, encoder, old))
                result = report
                log.info("Reloaded: %s", report.summary())
                self._publish_version(built=True)
            except Exception as exc:
                log.exception("Reload failed; the previous index stays live")
                result = exc
            with self._reload_done:
                self._last_report = result
                self._reload_generation += 1
                self._reload_done.notify_all()
        finally:
            self._reload_lock.release()
        if isinstance(result, Exception):
            raise result
        return result

    # ------------------------------------------------------------------ status

    def status(self) -> dict[str, object]:
        """Facts for /status and /about."""
        snap = self.snapshot
        index = snap.index
        return {
            "documents": [
                {"path": d["path"], "title": d["title"], "author": d.get("author")} for d in index.documents
            ],
            "passages": len(index.passages),
            "model": index.model,
            "built_at": index.manifest["built_at"],
            "index_age_seconds": max(0.0, time.time() - index.built_at.timestamp()),
            "uptime_seconds": time.time() - self.started_at,
            "answers_served": self.answers_served,
            "seeds_dir": str(self.settings.seeds_dir),
            "index_dir": str(Path(self.settings.index_dir)),
            "problems": index.manifest.get("problems", []),
            "index_version": index.path.name,
            "shards": self.settings.shards.describe(),
            "store": self.store.engine if self.store is not None else None,
        }
