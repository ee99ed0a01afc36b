"""What each table keeps about members and servers, declared next to the queries that fill it.

Every area of queries (:mod:`bot.core.storage.queries`) declares, in its class attribute
``KEPT``, one :class:`Kept` per table it writes: what the table holds in words a member can
read, which column names the server and which the member, how long rows live, and which
columns hold Discord message or thread ids. :class:`~bot.core.storage.queries.privacy.PrivacyQueries`
reads those declarations (over the whole :class:`~bot.core.storage.store.Store`) to show,
export and delete a member's or a server's data, to drop rows past their retention, and to
forget a message deleted in Discord. A new table is covered by declaring it: nothing else to
write (and ``tests/test_privacy_store.py`` fails while a table is not declared).
"""

from __future__ import annotations

from dataclasses import dataclass

DELETE = "delete"  # a member's deletion removes the row
UNLINK = "unlink"  # a member's deletion keeps the row without the member's id (the column set NULL)

QUESTIONS = "questions"  # rows dropped after QUESTION_RETENTION_DAYS (what /insights reads)
COOLDOWNS = "cooldowns"  # rows dropped a day after they were last touched


@dataclass(frozen=True)
class Kept:
    """One table's declaration: what it keeps about members and servers, and for how long."""

    table: str
    what: str  # for people: "the questions you asked and the passage each answer gave"
    columns: tuple[str, ...]  # what an export shows, in order
    guild: str | None = None  # the column naming the server (None: nothing per server)
    guild_prefix: bool = False  # the guild column is text "GUILD:…" (a channel key), not the id
    members: tuple[tuple[str, str], ...] = ()  # (column holding a member's id, DELETE or UNLINK)
    time: str | None = None  # when a row was made (seconds since the epoch)
    retention: str | None = None  # QUESTIONS, COOLDOWNS, or None: kept while the server keeps Agora
    messages: tuple[str, ...] = ()  # columns holding a Discord message id
    threads: tuple[str, ...] = ()  # columns holding a Discord thread id
    message_delete: str = UNLINK  # when that message or thread is deleted: UNLINK the id, or DELETE the row

    @property
    def about_members(self) -> bool:
        """Whether the table holds anything that names a member."""
        return bool(self.members)

    def guild_match(self, guild_id: int) -> tuple[str, object]:
        """A WHERE condition (one ``?``) selecting the server's rows, and its parameter."""
        if self.guild is None:
            raise ValueError(f"{self.table} keeps nothing per server")
        if self.guild_prefix:
            return f"{self.guild} LIKE ?", f"{int(guild_id)}:%"
        return f"{self.guild} = ?", int(guild_id)
