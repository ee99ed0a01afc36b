"""Running Agora in production: `agora doctor` and `agora migrate-store`.

`agora doctor` says what this process would run with: the store (engine, where, schema
version), the shards it runs and the index it would serve. `agora migrate-store` copies a
SQLite state file into an empty PostgreSQL database, every table and row, in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bot.app.library import built_manifest, reading_index_dir
from bot.app.service import INDEX_STATE
from bot.core.search.index import IndexProblem, current_version
from bot.core.storage.base import Tx
from bot.core.storage.queries.readings import INSTALL
from bot.core.storage.store import SCHEMA_VERSION, Store, StoreError
from bot.settings import Settings

Print = Callable[[str], None]
READINGS_SCHEMA = 11  # the schema version that added readings


def doctor(settings: Settings, say: Print) -> int:
    """Report the model, the store, its schema, the shards and the index; 0 when all is usable."""
    problems = model_report(settings, say)
    say(f"Shards: {settings.shards.describe()}")
    try:
        store = Store(settings.store_target, migrate=False)
    except StoreError as exc:
        say(f"Store: cannot open it. {exc}")
        return 1
    try:
        say(f"Store: {store.engine} at {store.where}")
        version = store.schema_version
        if version == SCHEMA_VERSION:
            say(f"Schema: version {version} (current)")
        elif version < SCHEMA_VERSION:
            say(f"Schema: version {version}; Agora migrates it to {SCHEMA_VERSION} when it starts")
        else:
            say(f"Schema: version {version}, newer than this Agora ({SCHEMA_VERSION}): upgrade Agora")
            problems += 1
        shared = store.get_state(INDEX_STATE) if version >= 5 else None
        stored = store.all_readings() if version >= READINGS_SCHEMA else []
    except StoreError as exc:
        say(f"Store: {exc}")
        return 1
    finally:
        store.close()
    try:
        live = current_version(settings.index_dir)
    except IndexProblem as exc:
        say(f"Index: {exc}")
        return 1
    if live is None:
        say(f"Index: none in {settings.index_dir} yet (the first start builds it)")
    else:
        say(f"Index: {live.name} in {settings.index_dir}{_built_with(live, settings)}")
    if shared is not None:
        matches = live is not None and live.name == shared[0]
        note = "" if matches else " (not the one in this folder: is INDEX_DIR shared by every process?)"
        say(f"Index the processes serve: {shared[0]}{note}")
        problems += 0 if matches else 1
    readings_report(settings, stored, say)
    return 1 if problems else 0


def readings_report(settings: Settings, stored: list[tuple[int, str, str, float]], say: Print) -> None:
    """A line per reading in the store (added from Discord or `agora reading add`) and its index here."""
    if not stored:
        say("Readings: only the seeds folder's")
        return
    say(f"Readings: {len(stored)} in the store, indexed under {settings.data_dir / 'readings'}")
    for guild, name, fingerprint, _updated in stored:
        owner = "the install's" if guild == INSTALL else f"server {guild}'s"
        manifest = built_manifest(reading_index_dir(settings.data_dir, fingerprint))
        if manifest is None:
            index = "not indexed here yet (built when a channel first uses it)"
        else:
            other = (
                ""
                if manifest.get("model") == settings.embedding_model
                else " (another model: rebuilt on use)"
            )
            index = f"{manifest.get('passage_count')} passages, built with {manifest.get('model')}{other}"
        say(f"  {name} ({owner}, text {fingerprint[:12]}): {index}")


def model_report(settings: Settings, say: Print) -> int:
    """Say which embedding model is in use and whether its files check out; the problems found."""
    from bot.core.models.calibration import calibration_for
    from bot.core.models.pinned import check_now, model_folder, pinned
    from bot.core.search.embedder import ModelError, model_fingerprint, resolve_model

    name = settings.embedding_model
    spec = pinned(name)
    problems = 0
    if spec is not None:
        folder = model_folder(spec, settings.models_dir)
        found = check_now(spec, settings.models_dir)
        if found:
            problems += 1
            say(
                f"Model: {name} in {folder}: {'; '.join(found)}. "
                "Run `make run` (or `agora setup-model`) to repair it."
            )
        else:
            say(f"Model: {name} in {folder}: all {len(spec.hashes)} files match their pinned SHA-256")
        fingerprint = spec.fingerprint
    else:
        try:
            target = resolve_model(name, settings.models_dir)
        except ModelError as exc:
            say(f"Model: {exc}")
            return 1
        local = Path(target)
        if local.is_dir():
            fingerprint = model_fingerprint(name, local)
            say(
                f"Model: {name} in {local} (no pinned hashes to check it against; "
                f"its files hash to {fingerprint[:12]}…)"
            )
        else:
            fingerprint = ""
            say(f"Model: {name} (not a local folder: sentence-transformers finds it in its own cache)")
    calibration = calibration_for(name, fingerprint or None)
    if calibration.known:
        say(f"Calibration: {calibration.model}'s ({calibration.measured})")
    else:
        say(
            f"Calibration: none for {name}; {calibration.model}'s cut-offs are used "
            "(check them with agora eval)"
        )
    return problems


def _built_with(version: Path, settings: Settings) -> str:
    """Which model built the index in `version`, and whether it is the one in use."""
    import json

    from bot.core.models.pinned import pinned

    try:
        manifest = json.loads((version / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    model = manifest.get("model")
    spec = pinned(settings.embedding_model)
    if model != settings.embedding_model:
        return f", built with {model} (not the model in use: the next start rebuilds it)"
    if spec is not None and manifest.get("model_sha256") not in (None, spec.fingerprint):
        return f", built with other files of {model} (the next start rebuilds it)"
    return f", built with {model}{_cutoff(manifest)}"


def _cutoff(manifest: dict[str, object]) -> str:
    """Where "not in the reading" starts on this index, beside the model's own floor."""
    from bot.core.models.calibration import calibration_for
    from bot.core.search.null import ReadingNull

    null = ReadingNull.from_json(manifest.get("null"))
    if null is None:
        return ""
    calibration = calibration_for(str(manifest.get("model")), str(manifest.get("model_sha256") or "") or None)
    gate = calibration.gate
    judged = (
        f"; then its answerability gate decides ({len(gate.names)} signals, from probability "
        f"{gate.threshold:.2f}"
        + (f", {gate.threshold_yes_no:.2f} for yes/no questions" if gate.threshold_yes_no is not None else "")
        + ")"
        if gate is not None
        else ""
    )
    return (
        f"; answered from z {null.cutoff(calibration):.2f} on this reading (z: spreads above what "
        f"unrelated questions score on it; the model's floor: {calibration.z_answer:.2f}){judged}"
    )


def _tables(tx: Tx) -> list[str]:
    """The state file's tables, oldest first (their creation order)."""
    rows = tx.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
    ).fetchall()
    return [str(r[0]) for r in rows]


def _columns(tx: Tx, table: str) -> list[str]:
    return [str(r[1]) for r in tx.execute(f'PRAGMA table_info("{table}")').fetchall()]


def migrate_store(source_path: Path, url: str, say: Print) -> dict[str, int]:
    """Copy the SQLite file at `source_path` into the empty PostgreSQL database at `url`.

    Both are brought to the current schema first; the target must hold no rows. Everything is
    copied in one transaction (all or nothing), row ids included, and the id counters moved past
    them. Returns the rows copied per table. Raises StoreError with a message for people.
    """
    if not source_path.is_file():
        raise StoreError(f"There is no state file at {source_path} to copy.")
    source = Store(source_path)
    try:
        target = Store(url)
    except BaseException:
        source.close()
        raise
    copied: dict[str, int] = {}
    try:
        with source.transaction() as src:
            tables = _tables(src)
            columns = {t: _columns(src, t) for t in tables}
            with target.transaction() as dst:
                for table in tables:
                    if dst.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None:
                        raise StoreError(
                            f"The PostgreSQL database already holds data (table {table}); "
                            "migrate-store only fills an empty one."
                        )
                for table in tables:
                    names = columns[table]
                    rows = src.execute(f"SELECT {', '.join(names)} FROM {table}").fetchall()
                    insert = (
                        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
                    )
                    for row in rows:
                        dst.execute(insert, tuple(row))
                    if "id" in names:
                        dst.execute(
                            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                            f"GREATEST((SELECT MAX(id) FROM {table}), 1), (SELECT COUNT(*) > 0 FROM {table}))"
                        )
                    copied[table] = len(rows)
                    say(f"{table}: {len(rows)} rows")
    finally:
        source.close()
        target.close()
    return copied
