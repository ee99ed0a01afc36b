"""What `/reload` tells a moderator it read: the folder, the files read, those passed over and why."""

from __future__ import annotations

from bot.core.search.index import BuildReport
from bot.settings import Settings

NAMES_SHOWN = 8  # files listed by name; beyond that, a count


def reload_details(settings: Settings, report: BuildReport) -> str:
    """Lines for people: folder and files read, files skipped with reasons, a SEEDS_DIR change."""
    read = [str(d["path"]) for d in report.index.documents]
    lines = [f"Read {_count(len(read), 'file')} from {settings.seeds_dir}: {_names(read)}."]
    if report.problems:
        shown = "; ".join(str(p) for p in report.problems[:NAMES_SHOWN])
        more = len(report.problems) - NAMES_SHOWN
        tail = f"; and {more} more." if more > 0 else "."
        lines.append(f"Skipped {_count(len(report.problems), 'file')}: {shown}{tail}")
    configured = settings.configured_seeds_dir()
    if configured is not None and configured.resolve() != settings.seeds_dir.resolve():
        lines.append(
            f"SEEDS_DIR is now {configured} in the settings, but this Agora reads {settings.seeds_dir} "
            "until it is restarted."
        )
    return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:NAMES_SHOWN])
    return shown + (f" and {len(names) - NAMES_SHOWN:,} more" if len(names) > NAMES_SHOWN else "")
