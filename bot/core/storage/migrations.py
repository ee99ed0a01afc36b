"""The schema of the state store, as numbered migrations on both engines.

How to add a table or a column (it must work on both engines)
-------------------------------------------------------------
1. Append one string to :data:`MIGRATIONS` below (never edit a shipped one); its number is
   its position + 1. Statements are separated by ``;`` and run in one transaction, under a
   lock, so processes starting together migrate once.
2. Write it in the portable dialect, which is SQLite's with these words only:
   - Discord ids (guild, channel, user, role, message): ``BIGINT`` (64-bit on both engines);
     other integers ``INTEGER`` (widened to BIGINT on PostgreSQL), flags ``INTEGER`` 0/1;
   - times: ``REAL`` seconds since the epoch (DOUBLE PRECISION on PostgreSQL); text: ``TEXT``;
   - a row id: ``id INTEGER PRIMARY KEY AUTOINCREMENT`` (an identity column on PostgreSQL);
   - ``CREATE TABLE``, ``CREATE INDEX``, ``ALTER TABLE … ADD COLUMN``; no triggers, no
     engine-specific types or functions.
3. Queries use ``?`` placeholders; upserts ``INSERT … ON CONFLICT (…) DO NOTHING`` or
   ``DO UPDATE SET col = excluded.col`` (qualify the old value as ``table.col``); new ids come
   back from ``RETURNING id`` (no ``lastrowid``); no ``INSERT OR IGNORE/REPLACE``.
4. Add a method to the area's module in :mod:`bot.core.storage.queries` (a new area: a new
   module there, mixed into :class:`~bot.core.storage.store.Store`), running through
   ``self._db.run(lambda tx: …)`` (or ``self._db.transaction()``), and a test in
   ``tests/test_store.py``: the ``store`` fixture there runs it on both engines.
"""

# Each entry migrates the schema from version i to i + 1. Append; never edit a shipped one.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE guild_settings (
        guild_id INTEGER PRIMARY KEY,
        moderator_role_id INTEGER,
        ask_cooldown_seconds REAL
    );
    CREATE TABLE feedback (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        guild_id INTEGER,
        channel_id INTEGER,
        user_id INTEGER NOT NULL,
        question TEXT NOT NULL,
        passage_id TEXT,
        helpful INTEGER NOT NULL,
        at REAL NOT NULL,
        UNIQUE (user_id, question, passage_id)
    );
    CREATE TABLE counters (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
    );
    """,
    # 2: answers given with helpful / not helpful buttons; a button carries only the answer's id.
    """
    CREATE TABLE answers (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        guild_id INTEGER,
        channel_id INTEGER,
        user_id INTEGER NOT NULL,
        question TEXT NOT NULL,
        passage_id TEXT,
        at REAL NOT NULL
    );
    """,
    # 3: debate prompts dealt to each channel, for rotation without repeats across restarts.
    """
    CREATE TABLE prompt_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        channel_key TEXT NOT NULL,
        prompt_id TEXT NOT NULL,
        cycle INTEGER NOT NULL,
        source TEXT NOT NULL,
        at REAL NOT NULL
    );
    CREATE INDEX prompt_history_channel ON prompt_history (channel_key, cycle);
    """,
    # 4: daily debate prompts: one schedule per server, and every post made or skipped.
    # A scheduled post claims its (server, local date) row before it is sent, so a restart
    # can never post the same day twice; /prompt now posts have no local date.
    """
    CREATE TABLE schedules (
        guild_id INTEGER PRIMARY KEY,
        channel_id INTEGER NOT NULL,
        post_time TEXT NOT NULL,
        timezone TEXT NOT NULL,
        days TEXT NOT NULL,
        thread INTEGER NOT NULL,
        poll INTEGER NOT NULL,
        role_id INTEGER,
        paused INTEGER NOT NULL DEFAULT 0,
        active_since REAL NOT NULL,
        updated_at REAL NOT NULL
    );
    CREATE TABLE scheduled_posts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        guild_id INTEGER NOT NULL,
        channel_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        local_date TEXT,
        slot_at REAL,
        status TEXT NOT NULL,
        prompt_id TEXT,
        cycle INTEGER,
        message_id INTEGER,
        thread_id INTEGER,
        problems TEXT NOT NULL DEFAULT '',
        created_at REAL NOT NULL,
        posted_at REAL,
        UNIQUE (guild_id, local_date)
    );
    CREATE INDEX scheduled_posts_guild ON scheduled_posts (guild_id, id);
    """,
    # 5: several processes. A scheduled post's claim names its process and lasts until
    # lease_until: a claim left by a process that died mid-post is taken over after that and
    # re-sent with the same nonce (Discord keeps one message per nonce). Leases (one-per-bot
    # work, identify turns), shared key/value state (the index version), shared ask cooldowns.
    """
    ALTER TABLE scheduled_posts ADD COLUMN claimed_by TEXT;
    ALTER TABLE scheduled_posts ADD COLUMN lease_until REAL;
    CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at REAL NOT NULL
    );
    CREATE TABLE bot_state (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at REAL NOT NULL
    );
    CREATE TABLE ask_cooldowns (
        guild_id BIGINT NOT NULL,
        user_id BIGINT NOT NULL,
        last_at REAL NOT NULL,
        PRIMARY KEY (guild_id, user_id)
    );
    """,
    # 6: moderators curate the deck per server: prompts removed or rephrased (the quote stays),
    # and prompts of their own or members' suggestions (pending, approved or rejected).
    """
    CREATE TABLE prompt_curation (
        guild_id BIGINT NOT NULL,
        prompt_id TEXT NOT NULL,
        removed INTEGER NOT NULL DEFAULT 0,
        question TEXT,
        by_user BIGINT,
        at REAL NOT NULL,
        PRIMARY KEY (guild_id, prompt_id)
    );
    CREATE TABLE custom_prompts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        guild_id BIGINT NOT NULL,
        passage_id TEXT NOT NULL,
        quote TEXT NOT NULL,
        question TEXT NOT NULL,
        author_id BIGINT NOT NULL,
        status TEXT NOT NULL,
        created_at REAL NOT NULL,
        reviewed_by BIGINT,
        reviewed_at REAL
    );
    CREATE INDEX custom_prompts_guild ON custom_prompts (guild_id, status);
    """,
    # 7: a daily prompt's poll result is posted in its thread once, whichever process sees it end.
    """
    CREATE INDEX scheduled_posts_message ON scheduled_posts (message_id);
    CREATE TABLE poll_results (
        message_id BIGINT PRIMARY KEY,
        guild_id BIGINT,
        at REAL NOT NULL
    );
    """,
    # 8: members' votes on daily-prompt polls, for the opinion map (/standings). Each poll's
    # answers and the stance each means on the prompt's claim; a vote is only which answer a
    # member chose (member id + poll + answer: the prompt and stance come from the poll).
    """
    CREATE TABLE poll_stances (
        message_id BIGINT NOT NULL,
        answer_id INTEGER NOT NULL,
        guild_id BIGINT NOT NULL,
        channel_id BIGINT NOT NULL,
        prompt_id TEXT NOT NULL,
        stance TEXT NOT NULL,
        posted_at REAL NOT NULL,
        backfilled_at REAL,
        PRIMARY KEY (message_id, answer_id)
    );
    CREATE INDEX poll_stances_guild ON poll_stances (guild_id, posted_at);
    CREATE TABLE poll_votes (
        message_id BIGINT NOT NULL,
        answer_id INTEGER NOT NULL,
        user_id BIGINT NOT NULL,
        guild_id BIGINT NOT NULL,
        PRIMARY KEY (message_id, answer_id, user_id)
    );
    CREATE INDEX poll_votes_member ON poll_votes (guild_id, user_id);
    """,
    # 9: members' data is theirs. A server Agora was removed from waits in guild_removals until
    # delete_after (re-adding Agora cancels it); a server's language for its public posts;
    # indexes that keep the retention purge and a member's deletion cheap.
    """
    ALTER TABLE guild_settings ADD COLUMN language TEXT;
    CREATE TABLE guild_removals (
        guild_id BIGINT PRIMARY KEY,
        removed_at REAL NOT NULL,
        delete_after REAL NOT NULL
    );
    CREATE INDEX answers_at ON answers (at);
    CREATE INDEX answers_user ON answers (user_id);
    CREATE INDEX feedback_at ON feedback (at);
    CREATE INDEX scheduled_posts_thread ON scheduled_posts (thread_id);
    CREATE INDEX custom_prompts_author ON custom_prompts (author_id);
    """,
    # 10: readings a server brings (their text and metadata, so every process can serve them),
    # which reading each channel (or the server, channel 0) uses, and what became of passages
    # referenced before a reading was uploaded again (edited since, or orphaned).
    """
    CREATE TABLE readings (
        guild_id BIGINT NOT NULL,
        name TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        files TEXT NOT NULL,
        added_by BIGINT,
        updated_at REAL NOT NULL,
        PRIMARY KEY (guild_id, name)
    );
    CREATE TABLE reading_bindings (
        guild_id BIGINT NOT NULL,
        channel_id BIGINT NOT NULL,
        name TEXT NOT NULL,
        updated_at REAL NOT NULL,
        PRIMARY KEY (guild_id, channel_id)
    );
    CREATE TABLE passage_fates (
        guild_id BIGINT NOT NULL,
        passage_id TEXT NOT NULL,
        fate TEXT NOT NULL,
        reading TEXT NOT NULL,
        at REAL NOT NULL,
        PRIMARY KEY (guild_id, passage_id)
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
