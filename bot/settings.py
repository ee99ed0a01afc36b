"""Agora's settings: read once at start-up from the environment and `.env`, then passed down."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from dotenv import dotenv_values

from bot.shard_plan import ShardPlan, ShardSettingError

DEFAULT_MODEL = "all-mpnet-base-v2"
FAST_MODEL = "all-MiniLM-L6-v2"  # the documented fast choice (and the test suite's model)


def default_model() -> str:
    """The embedding model when EMBEDDING_MODEL is not set (read at call time: tests change it)."""
    return DEFAULT_MODEL


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
TOKEN_SHAPE = re.compile(r"[!-~]+")  # printable ASCII, no spaces: what Discord tokens are made of


class SettingsError(ValueError):
    """A setting has a value Agora cannot use."""


class Secret:
    """A string that never shows itself in reprs, logs or tracebacks."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get(self) -> str:
        """Return the secret value (only where it is really needed)."""
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return "Secret('********')" if self._value else "Secret('')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True)
class Settings:
    """Every setting Agora reads; one name each, used everywhere."""

    discord_token: Secret = field(default_factory=lambda: Secret(""))
    seeds_dir: Path = Path("seeds")
    index_dir: Path = Path("index")
    data_dir: Path = Path("data")
    embedding_model: str = field(default_factory=default_model)
    models_dir: Path | None = None  # where set-up assembles pinned models (default: in the venv)
    log_level: str = "INFO"
    discord_api_base: str | None = None
    discord_gateway_url: str | None = None
    database_url: Secret = field(default_factory=lambda: Secret(""))
    shards: ShardPlan = field(default_factory=ShardPlan)
    post_claim_seconds: float = 120.0
    index_watch_seconds: float = 2.0
    follow_up_minutes: float = 10.0
    llm_base_url: str | None = None  # an OpenAI-compatible chat-completions endpoint phrases prompts
    llm_model: str | None = None
    llm_api_key: Secret = field(default_factory=lambda: Secret(""))
    llm_timeout_seconds: float = 20.0
    log_file: Path | None = None  # default: DATA_DIR/logs/agora.log
    seeds_outside_links: bool = False  # read files that links in the seeds folder point outside it
    env_file: Path | None = None  # the settings file read, if any (for /reload to look again)
    overridden: frozenset[str] = frozenset()  # fields set on the command line

    def configured_seeds_dir(self) -> Path | None:
        """SEEDS_DIR as the environment and the settings file give it now.

        None when --seeds set the folder (the command line wins) or the file cannot be read.
        """
        if "seeds_dir" in self.overridden:
            return None
        try:
            return Settings.load(env_file=self.env_file).seeds_dir
        except (SettingsError, OSError, ValueError):
            return None

    @property
    def log_path(self) -> Path:
        """The log file: every record, library warnings included (the terminal shows fewer)."""
        return self.log_file or self.data_dir / "logs" / "agora.log"

    rerank_model: str | None = None
    question_retention_days: float = 30.0  # questions and votes kept this long (what /insights reads)
    guild_grace_days: float = 7.0  # a server's data kept this long after Agora is removed from it

    @property
    def database_path(self) -> Path:
        """The SQLite file holding per-server state (when DATABASE_URL is not set)."""
        return self.data_dir / "agora.sqlite3"

    @property
    def store_target(self) -> Path | str:
        """What the store opens: the PostgreSQL URL if DATABASE_URL is set, else the SQLite file."""
        return self.database_url.get() if self.database_url else self.database_path

    def with_overrides(self, **changes: object) -> Settings:
        """A copy with some fields replaced (command-line flags win over the environment)."""
        clean = {k: v for k, v in changes.items() if v is not None}
        for key in ("seeds_dir", "index_dir", "data_dir", "log_file", "models_dir"):
            if key in clean:
                clean[key] = Path(clean[key])  # type: ignore[arg-type]
        return replace(self, **clean, overridden=self.overridden | set(clean))  # type: ignore[arg-type]

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, env_file: str | Path | None = ".env") -> Settings:
        """Build settings from `env_file` (if it exists) overlaid by the process environment."""
        values: dict[str, str] = {}
        if env_file is not None and Path(env_file).is_file():
            values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
        values.update(os.environ if environ is None else environ)

        def get(name: str) -> str | None:
            raw = values.get(name)
            if raw is None:
                return None
            raw = raw.strip()
            return raw or None

        database_url = get("DATABASE_URL") or ""
        if database_url and database_url.split("://", 1)[0].lower() not in ("postgresql", "postgres"):
            raise SettingsError(
                "DATABASE_URL must be a PostgreSQL URL (postgresql://user:password@host:5432/agora); "
                "leave it unset to keep the state in DATA_DIR/agora.sqlite3."
            )
        try:
            shards = ShardPlan.from_settings(
                get("SHARD_COUNT"), get("SHARD_IDS"), get("CLUSTER_INDEX"), get("CLUSTERS")
            )
        except ShardSettingError as exc:
            raise SettingsError(str(exc)) from None
        claim = _seconds(get("POST_CLAIM_SECONDS"), "POST_CLAIM_SECONDS", 120.0, 1.0, 3600.0)
        watch = _seconds(get("INDEX_WATCH_SECONDS"), "INDEX_WATCH_SECONDS", 2.0, 0.2, 600.0)
        llm_url = get("LLM_BASE_URL")
        if llm_url and llm_url.split("://", 1)[0].lower() not in ("http", "https"):
            raise SettingsError(
                "LLM_BASE_URL must be an http(s) URL of an OpenAI-compatible API (e.g. http://127.0.0.1:8080/v1)."
            )
        if llm_url and not get("LLM_MODEL"):
            raise SettingsError("LLM_BASE_URL is set but LLM_MODEL is not: name the model to ask.")
        llm_timeout = _seconds(get("LLM_TIMEOUT_SECONDS"), "LLM_TIMEOUT_SECONDS", 20.0, 0.1, 600.0)
        level = (get("LOG_LEVEL") or "INFO").upper()
        if level not in LOG_LEVELS:
            raise SettingsError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}; got {level!r}.")
        token = get("DISCORD_TOKEN") or ""
        if token and not TOKEN_SHAPE.fullmatch(token):  # never print it: say what is wrong with it
            raise SettingsError(
                "DISCORD_TOKEN has a line break, a space or another character no token has inside it; "
                "copy it again (Developer Portal → your application → Bot → Reset Token) onto one line."
            )
        minutes_raw = get("FOLLOW_UP_MINUTES") or "10"
        try:
            minutes = float(minutes_raw)
        except ValueError:
            minutes = -1.0
        if not 0 <= minutes <= 24 * 60:
            raise SettingsError(
                f"FOLLOW_UP_MINUTES must be a number of minutes from 0 (off) to 1440; got {minutes_raw!r}."
            )
        retention = _days(get("QUESTION_RETENTION_DAYS"), "QUESTION_RETENTION_DAYS", 30.0, (1.0, 3650.0))
        grace = _days(get("GUILD_DATA_GRACE_DAYS"), "GUILD_DATA_GRACE_DAYS", 7.0, (0.0, 90.0))
        return cls(
            question_retention_days=retention,
            guild_grace_days=grace,
            discord_token=Secret(token),
            seeds_dir=Path(get("SEEDS_DIR") or "seeds"),
            index_dir=Path(get("INDEX_DIR") or "index"),
            data_dir=Path(get("DATA_DIR") or "data"),
            embedding_model=get("EMBEDDING_MODEL") or default_model(),
            models_dir=Path(models_dir) if (models_dir := get("MODELS_DIR")) else None,
            log_level=level,
            discord_api_base=get("DISCORD_API_BASE"),
            discord_gateway_url=get("DISCORD_GATEWAY_URL"),
            database_url=Secret(database_url),
            shards=shards,
            post_claim_seconds=claim,
            index_watch_seconds=watch,
            follow_up_minutes=minutes,
            llm_base_url=llm_url,
            llm_model=get("LLM_MODEL"),
            llm_api_key=Secret(get("LLM_API_KEY") or ""),
            llm_timeout_seconds=llm_timeout,
            log_file=Path(log_file) if (log_file := get("LOG_FILE")) else None,
            rerank_model=get("RERANK_MODEL"),
            seeds_outside_links=_switch("SEEDS_OUTSIDE_LINKS", get("SEEDS_OUTSIDE_LINKS")),
            env_file=Path(env_file) if env_file is not None else None,
        )

    def log_level_number(self) -> int:
        """The `logging` level number for LOG_LEVEL."""
        return logging.getLevelNamesMapping()[self.log_level]


def _seconds(raw: str | None, name: str, default: float, low: float, high: float) -> float:
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number of seconds; got {raw!r}.") from None
    if not low <= value <= high:
        raise SettingsError(f"{name} must be between {low:g} and {high:g} seconds; got {value:g}.")
    return value


def _days(raw: str | None, name: str, default: float, bounds: tuple[float, float]) -> float:
    """A number of days within `bounds` (unset: `default`)."""
    if raw is None:
        return default
    low, high = bounds
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number of days; got {raw!r}.") from None
    if not low <= value <= high:  # NaN fails this too
        raise SettingsError(f"{name} must be between {low:g} and {high:g} days; got {raw!r}.")
    return value


def _switch(name: str, raw: str | None) -> bool:
    """An on/off setting: 1/true/yes/on or 0/false/no/off (unset is off)."""
    if raw is None:
        return False
    value = raw.lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name} must be on or off (1/true/yes/on, 0/false/no/off); got {raw!r}.")
