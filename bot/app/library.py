"""A server's readings: uploads previewed and installed, channels bound, a reading per channel.

The seeds folder stays the reading of a fresh install (:class:`~bot.app.service.Agora` itself).
Other readings are stored in the store (their text and metadata, so every process sharing
PostgreSQL can serve every server's readings) and indexed under ``DATA_DIR/readings/<digest>/``:
one index per text, built once (under a file lock, by whichever process needs it first) and
shared by every channel and server using that text. A new version is indexed before the store
names it, so the old version keeps answering until the switch, which is one row.

:meth:`Library.agora_for` gives the :class:`Agora` a channel draws on: the channel's reading,
its parent's (a thread in a channel or forum), the server's default, else the seeds folder.
"""

from __future__ import annotations

import json
import logging
import secrets
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.app.service import Agora, Snapshot
from bot.core.files.fslock import exclusive
from bot.core.prompts.deck import PromptDeck
from bot.core.prompts.rotation import Rotation
from bot.core.readings.anchors import SAME, Quoted, Rematch, rematch, rematch_prompts, repointing
from bot.core.readings.draft import Draft, SourceFile, Upload, parse_files, read_uploads, reading_of
from bot.core.readings.names import SEEDS, clean_name
from bot.core.readings.sniff import Refused
from bot.core.search.index import (
    Index,
    IndexProblem,
    build_index,
    clean_abandoned_builds,
    current_version,
    load_index,
)
from bot.core.search.retrieval import Retriever
from bot.core.storage.queries.readings import INSTALL, SERVER_DEFAULT, ReadingRecord, Repointing
from bot.core.storage.store import Store

log = logging.getLogger(__name__)

BINDING_SECONDS = 2.0  # how long a channel's reading is remembered before the store is asked again
FOLDER = "readings"


def _renumbers(changes: Rematch) -> bool:
    """Whether a new version changes any passage's id (only then do prompts' ids change)."""
    return bool(changes.added) or any(f.kind != SAME or f.new_id != f.old_id for f in changes.fates.values())


def reading_index_dir(data_dir: Path, fingerprint: str) -> Path:
    """Where the index of one reading's text lives."""
    return data_dir / FOLDER / fingerprint


def built_manifest(folder: Path) -> dict[str, object] | None:
    """The manifest of the index version live in `folder` (cheap: no vectors read); None if none."""
    try:
        version = current_version(folder)
        return json.loads((version / "manifest.json").read_text(encoding="utf-8")) if version else None
    except (IndexProblem, OSError, ValueError):
        return None


class ReadingNotFound(LookupError):
    """No reading of that name in this server (nor the install's)."""


@dataclass
class Proposal:
    """An upload read and parsed, waiting for a moderator's Confirm."""

    guild_id: int
    draft: Draft
    changes: Rematch | None  # against the reading of the same name, when it is re-added
    old_files: list[SourceFile] | None = None

    @property
    def name(self) -> str:
        """The reading's name."""
        return self.draft.name


@dataclass
class Installed:
    """What installing a reading did."""

    name: str
    guild_id: int
    passages: int
    seconds: float
    embedded: int
    changes: Rematch | None


PENDING_SECONDS = 14 * 60  # a preview's buttons live as long as its interaction (15 minutes)


class Pending:
    """Previews waiting for Confirm or Cancel, by token (the buttons come back to this process)."""

    def __init__(self) -> None:
        self._waiting: dict[str, tuple[Proposal, int, float]] = {}
        self._lock = threading.Lock()

    def hold(self, proposal: Proposal, user_id: int) -> str:
        """Keep a proposal for its moderator; the token goes in the buttons' ids."""
        now = time.monotonic()
        token = secrets.token_hex(6)
        with self._lock:
            for old, (_p, _u, expires) in list(self._waiting.items()):
                if expires < now:
                    del self._waiting[old]
            self._waiting[token] = (proposal, user_id, now + PENDING_SECONDS)
        return token

    def take(self, token: str, user_id: int) -> Proposal | None:
        """The proposal behind a button, once, for the moderator who made it (None otherwise)."""
        with self._lock:
            held = self._waiting.get(token)
            if held is None or held[1] != user_id or held[2] < time.monotonic():
                return None
            del self._waiting[token]
        return held[0]


class Library:
    """Named readings per server, their indexes, and which channel uses which."""

    SEEDS = SEEDS  # the name of the seeds folder's reading

    def __init__(self, agora: Agora, store: Store) -> None:
        self.agora = agora
        self.store = store
        self._views: dict[str, Agora] = {}  # by fingerprint: one per text, shared
        self._bound: dict[tuple[int, int | None, int | None], tuple[float, str | None]] = {}
        self._digests: dict[tuple[int, str], tuple[float, str | None]] = {}  # (server, name) → text digest
        self._lock = threading.Lock()
        self.pending = Pending()
        agora.readings = self

    # ------------------------------------------------------------------ adding

    def propose(self, guild_id: int, name: str, uploads: Sequence[Upload]) -> Proposal:
        """Read and parse `uploads` (in the worker) and compare them with the reading of that name.

        Raises Refused (the file) or ValueError (the name). Nothing is stored.
        """
        name = clean_name(name)
        if name == SEEDS:
            raise ValueError(f"`{SEEDS}` is the seeds folder's reading; choose another name.")
        encoder = self.agora.embedder
        draft = read_uploads(name, uploads, encoder.count_tokens, encoder.max_tokens)
        old = self.store.reading(guild_id, name)
        changes = old_files = None
        if old is not None and old.guild_id == guild_id:
            old_files = [SourceFile.from_json(f) for f in old.files]
            before = [
                p
                for d in parse_files(old_files, encoder.count_tokens, encoder.max_tokens)
                for p in d.passages
            ]
            changes = rematch(before, draft.passages)
        return Proposal(guild_id, draft, changes, old_files)

    def install(
        self, proposal: Proposal, by_user: int | None, progress: Callable[[str], None] | None = None
    ) -> Installed:
        """Index the proposal's text (the old version answers meanwhile), then switch to it.

        The switch and the re-pointing of every stored reference (answers, feedback,
        moderators' prompts; posted prompts, polls and their votes, the deck's curation and
        rotation) are one transaction; members' follow-ups in this process follow too.
        `progress` is told each stage, and how many texts are embedded as they are.
        """
        started = time.perf_counter()
        say = progress or (lambda _text: None)
        draft = proposal.draft
        say(f"Indexing {len(draft.passages)} passages…")
        before = self.store.reading_fingerprint(proposal.guild_id, draft.name)
        previous = self._load(before) if before is not None else None

        def embedded(done: int, total: int) -> None:
            say(
                f"Embedding {len(draft.passages)} passages: {done} of {total} texts (passages and sentences)…"
            )

        index, count = self._index(draft.fingerprint, draft.files, draft.documents, previous, embedded)
        passages = prompts = None
        if proposal.changes is not None:
            new_ids = {p.id for p in index.passages}
            passages = Repointing(*repointing(proposal.changes.fates, new_ids, draft.fingerprint[:8]))
            if previous is not None and _renumbers(proposal.changes):
                say("Following the debate prompts to the new version…")
                prompts = self._prompt_repointing(
                    before or "", previous, draft.fingerprint, index, proposal.changes
                )
        say("Switching to the new version…")
        self.store.save_reading(
            proposal.guild_id,
            draft.name,
            draft.fingerprint,
            [f.to_json() for f in draft.files],
            by_user,
            passages=passages,
            prompts=prompts,
        )
        if passages is not None:
            where = {p.id: (p.document, p.paragraph) for p in index.passages}
            self.agora.conversations.follow(passages.moves, set(passages.marks), where)
        with self._lock:
            self._bound.clear()
            self._digests.clear()
            if before is not None and before != draft.fingerprint:
                self._views.pop(before, None)  # the old version's index leaves memory (loaded again if used)
        return Installed(
            draft.name,
            proposal.guild_id,
            len(index.passages),
            time.perf_counter() - started,
            count,
            proposal.changes,
        )

    def _prompt_repointing(
        self, before: str, previous: Index, after: str, index: Index, changes: Rematch
    ) -> Repointing:
        """Where each prompt of the old version's deck went in the new version's deck."""

        def quoted(deck: Rotation) -> list[Quoted]:
            return [Quoted(p.id, p.passage_id, p.quote) for p in deck]

        with self._lock:
            serving = self._views.get(before)
        # the old deck as served (built again only when this process did not serve it), the new
        # one in the view that will serve it (so its first daily prompt is ready)
        old = serving.deck() if serving is not None else PromptDeck.build(previous, self.agora.embedder)
        new = self._remember(after, index).deck()
        fates = rematch_prompts(quoted(old), quoted(new), changes)
        return Repointing(*repointing(fates, {p.id for p in new}, after[:8]))

    # ------------------------------------------------------------------ binding

    def use(self, guild_id: int, channel_id: int, name: str) -> str:
        """Bind a channel (SERVER_DEFAULT: the server) to reading `name` (`seeds`: the seeds folder)."""
        name = clean_name(name)
        if name != SEEDS and self.store.reading_fingerprint(guild_id, name) is None:
            raise ReadingNotFound(self._unknown(guild_id, name))
        self.store.bind_reading(guild_id, channel_id, name)
        with self._lock:
            self._bound.clear()
            self._digests.clear()
        return name

    def remove(self, guild_id: int, name: str) -> bool:
        """Remove a server's reading (channels using it go back to the server's default)."""
        name = clean_name(name)
        removed = self.store.remove_reading(guild_id, name)
        with self._lock:
            self._bound.clear()
            self._digests.clear()
        return removed

    def listing(self, guild_id: int) -> list[dict[str, object]]:
        """The readings this server may use, with the channels bound to each."""
        bound = self.store.bindings(guild_id)
        out: list[dict[str, object]] = [
            {"name": SEEDS, "install": True, "fingerprint": None, "updated_at": None}
        ]
        seen = {SEEDS}
        for guild, name, fp, updated in self.store.readings(guild_id):
            if name in seen:
                continue  # the server's own reading hides the install's of the same name
            seen.add(name)
            out.append({"name": name, "install": guild == INSTALL, "fingerprint": fp, "updated_at": updated})
        for item in out:
            channels = sorted(c for c, n in bound.items() if n == item["name"])
            item["channels"] = [c for c in channels if c != SERVER_DEFAULT]
            item["default"] = SERVER_DEFAULT in channels or (
                item["name"] == SEEDS and SERVER_DEFAULT not in bound
            )
        return out

    def _unknown(self, guild_id: int, name: str) -> str:
        names = [str(r["name"]) for r in self.listing(guild_id)]
        return f"No reading is called `{name}` here. Readings: {', '.join(names)}."

    # ------------------------------------------------------------------ serving

    def reading_name(self, guild_id: int | None, channel_id: int | None, parent_id: int | None = None) -> str:
        """The reading a channel draws on (remembered for BINDING_SECONDS)."""
        if guild_id is None:
            return SEEDS
        key = (guild_id, channel_id, parent_id)
        now = time.monotonic()
        with self._lock:
            cached = self._bound.get(key)
        if cached is not None and now - cached[0] < BINDING_SECONDS:
            return cached[1] or SEEDS
        try:
            name = self.store.bound_reading(guild_id, [channel_id, parent_id])
        except Exception as exc:  # the store is away: answer from what was known, else the seeds
            log.warning("Could not read channel %s's reading from the store: %s", channel_id, exc)
            return cached[1] or SEEDS if cached is not None else SEEDS
        with self._lock:
            self._bound[key] = (now, name)
        return name or SEEDS

    def agora_for(self, guild_id: int | None, channel_id: int | None, parent_id: int | None = None) -> Agora:
        """The Agora of the channel's reading (blocking: loads or builds its index the first time)."""
        name = self.reading_name(guild_id, channel_id, parent_id)
        if name == SEEDS:
            return self.agora
        try:
            return self.named(guild_id or INSTALL, name)
        except (ReadingNotFound, IndexProblem, Refused) as exc:
            log.warning(
                "Channel %s of server %s: reading %s unusable (%s); using the seeds",
                channel_id,
                guild_id,
                name,
                exc,
            )
            return self.agora

    def named(self, guild_id: int, name: str) -> Agora:
        """The Agora of reading `name` (the server's, else the install's); ReadingNotFound."""
        name = clean_name(name)
        if name == SEEDS:
            return self.agora
        fingerprint = self._digest(guild_id, name)
        if fingerprint is None:
            raise ReadingNotFound(self._unknown(guild_id, name))
        with self._lock:
            view = self._views.get(fingerprint)
        if view is not None:
            return view
        record = self.store.reading(guild_id, name)
        if record is None:
            raise ReadingNotFound(self._unknown(guild_id, name))
        return self._view_of(record)

    def server_readings(self, guild_id: int) -> list[Agora]:
        """The Agoras of the readings a server's channels may have drawn on: its own and those bound.

        Blocking (an index not loaded yet is loaded or built); a reading that cannot be served
        is left out, logged.
        """
        names = {name for _g, name, _f, _t in self.store.readings(guild_id) if _g == guild_id}
        names |= set(self.store.bindings(guild_id).values())
        names |= set(self.store.bindings(INSTALL).values())
        out = []
        for name in sorted(names - {SEEDS}):
            try:
                out.append(self.named(guild_id, name))
            except (ReadingNotFound, IndexProblem, Refused) as exc:
                log.warning("Reading %s of server %s unusable: %s", name, guild_id, exc)
        return out

    def _digest(self, guild_id: int, name: str) -> str | None:
        """The digest of a reading's current text (remembered for BINDING_SECONDS, like bindings)."""
        key, now = (guild_id, name), time.monotonic()
        with self._lock:
            cached = self._digests.get(key)
        if cached is not None and now - cached[0] < BINDING_SECONDS:
            return cached[1]
        try:
            digest = self.store.reading_fingerprint(guild_id, name)
        except Exception:
            if cached is None:
                raise
            log.warning("Could not read reading %s from the store; serving the version known", name)
            return cached[1]
        with self._lock:
            self._digests[key] = (now, digest)
            if cached is not None and cached[1] is not None and cached[1] != digest:
                self._views.pop(cached[1], None)  # a new version elsewhere: the old one leaves memory
        return digest

    def _view_of(self, record: ReadingRecord) -> Agora:
        files = [SourceFile.from_json(f) for f in record.files]
        index = self._load(record.fingerprint)
        if index is None:
            encoder = self.agora.embedder
            documents = parse_files(files, encoder.count_tokens, encoder.max_tokens)
            index, _ = self._index(record.fingerprint, files, documents)
        return self._remember(record.fingerprint, index)

    def _remember(self, fingerprint: str, index: Index) -> Agora:
        with self._lock:
            view = self._views.get(fingerprint)
            if view is None:
                view = self.agora.view(
                    Snapshot(index, Retriever(index, self.agora.embedder, reranker=self.agora.reranker))
                )
                self._views[fingerprint] = view
            return view

    def loaded(self) -> int:
        """How many readings' indexes this process holds (the seeds folder's not counted)."""
        with self._lock:
            return len(self._views)

    # ------------------------------------------------------------------ indexes

    def index_dir(self, fingerprint: str) -> Path:
        """Where the index of one text lives."""
        return reading_index_dir(self.agora.settings.data_dir, fingerprint)

    def overview(self, guild_id: int) -> list[dict[str, object]]:
        """:meth:`listing`, with each reading's index here: passages, model, whether it is loaded."""
        items = self.listing(guild_id)
        with self._lock:
            loaded = set(self._views)
        for item in items:
            fingerprint = item["fingerprint"]
            if not isinstance(fingerprint, str):
                continue  # the seeds folder's: /status says it apart
            manifest = built_manifest(self.index_dir(fingerprint)) or {}
            item["passages"] = manifest.get("passage_count")
            item["model"] = manifest.get("model")
            item["loaded"] = fingerprint in loaded
        return items

    def _load(self, fingerprint: str) -> Index | None:
        folder = self.index_dir(fingerprint)
        try:
            index = load_index(folder)
        except IndexProblem:
            return None
        return index if index.model == self.agora.embedder.name else None

    def _index(
        self,
        fingerprint: str,
        files: list[SourceFile],
        documents: list,
        previous: Index | None = None,
        embedded: Callable[[int, int], None] | None = None,
    ) -> tuple[Index, int]:
        """The index of this text: loaded if built, else built here (one process at a time).

        Vectors of text `previous` (the version it replaces) already has are reused.
        """
        folder = self.index_dir(fingerprint)
        folder.mkdir(parents=True, exist_ok=True)
        with exclusive(folder / ".prepare.lock"):
            index = self._load(fingerprint)
            if index is not None:
                return index, 0
            clean_abandoned_builds(folder)
            reading = reading_of(files, documents, f"reading:{fingerprint}")
            encoder = self.agora._encoder_for_build()
            report = build_index(
                reading, encoder, folder, progress=False, previous=previous, embedded=embedded
            )
            return report.index, report.embedded
