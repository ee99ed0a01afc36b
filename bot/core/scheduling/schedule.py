"""When a server's daily debate prompt is due: pure arithmetic on local times, no Discord.

A schedule is a local wall-clock time ("09:00") in an IANA timezone on chosen weekdays.
Each local date it covers has one *slot*: the UTC instant that wall-clock time falls on
that date, worked out with :mod:`zoneinfo`, so 09:00 Europe/London stays 09:00 local
across the clock changes. Local times the clocks skip (01:30 on a spring-forward day in
London) fall on the first instant after the gap (02:00 BST); times that happen twice
(01:30 on a fall-back day) take the first occurrence.

The catch-up rule: a slot missed while the bot was down is posted once when it returns if
it is still the same local day; a slot of an earlier day is skipped (and logged by the
caller). Slots from before the schedule was set or resumed never count as missed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
ALL_DAYS = frozenset(range(7))
WEEKDAYS = frozenset(range(5))
WEEKENDS = frozenset({5, 6})
MISSED_LOOKBACK_DAYS = 7  # missed slots further back than this are not even logged
_DAY_WORDS = {
    **{name.lower(): i for i, name in enumerate(DAY_NAMES)},
    **{
        word: i
        for i, words in enumerate(
            (
                ("monday", "mo"),
                ("tuesday", "tues", "tu"),
                ("wednesday", "weds", "we"),
                ("thursday", "thur", "thurs", "th"),
                ("friday", "fr"),
                ("saturday", "sa"),
                ("sunday", "su"),
            )
        )
        for word in words
    },
}
_DAY_SETS = {
    "": ALL_DAYS,
    "all": ALL_DAYS,
    "daily": ALL_DAYS,
    "every day": ALL_DAYS,
    "everyday": ALL_DAYS,
    "weekdays": WEEKDAYS,
    "weekends": WEEKENDS,
    "weekend": WEEKENDS,
}
_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*([ap]\.?m\.?)?$", re.IGNORECASE)


class ScheduleError(ValueError):
    """A schedule setting Agora cannot use; the message says how to fix it."""


# ---------------------------------------------------------------------------------------- parsing


def parse_time(text: str) -> str:
    """A local time of day as ``HH:MM`` (24-hour); accepts "9:00", "09:00", "21:30", "9am", "9:30 pm"."""
    raw = " ".join((text or "").split())
    match = _TIME.match(raw)
    if match is None or (match.group(2) is None and match.group(3) is None):
        raise ScheduleError(
            f"I can't read the time {raw!r}: use HH:MM on a 24-hour clock, like 09:00 or 21:30."
        )
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = (match.group(3) or "").lower().replace(".", "")
    if suffix:
        if not 1 <= hour <= 12:
            raise ScheduleError(f"{raw!r} is not a time: with am/pm the hour runs from 1 to 12.")
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ScheduleError(f"{raw!r} is not a time of day: hours run 00-23 and minutes 00-59.")
    return f"{hour:02d}:{minute:02d}"


@cache
def timezone_names() -> tuple[str, ...]:
    """Every IANA timezone name zoneinfo knows (from the tzdata package), sorted."""
    return tuple(sorted(available_timezones()))


def parse_timezone(text: str) -> str:
    """An IANA timezone name, spelled as zoneinfo knows it ("europe/london" → "Europe/London").

    A city alone is accepted when it names exactly one zone ("London" → "Europe/London").
    """
    raw = (text or "").strip().replace(" ", "_")
    if not raw:
        raise ScheduleError("Give a timezone, like Europe/London or America/New_York.")
    names = timezone_names()
    lowered = {n.lower(): n for n in names}
    name = lowered.get(raw.lower())
    if name is None:
        cities = [n for n in names if n.lower().rsplit("/", 1)[-1] == raw.lower()]
        name = cities[0] if len(cities) == 1 else None
    if name is None:
        close = (
            difflib.get_close_matches(raw, names, n=3, cutoff=0.6)
            or [n for n in names if raw.lower() in n.lower()][:3]
        )
        hint = ""
        if close:
            options = f"{', '.join(close[:-1])} or {close[-1]}" if len(close) > 1 else close[0]
            hint = f" Did you mean {options}?"
        raise ScheduleError(
            f"I don't know the timezone {text.strip()!r}: use an IANA name like Europe/London, "
            f"America/New_York or Asia/Kolkata.{hint}"
        )
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):  # listed but not loadable: a broken tzdata
        raise ScheduleError(f"The timezone {name} cannot be loaded on this machine.") from None
    return name


def parse_days(text: str | None) -> frozenset[int]:
    """Weekdays (0 = Monday) from "every day", "weekdays", "weekends", "mon,wed,fri" or "mon-fri"."""
    raw = " ".join((text or "").lower().replace(",", " ").split())
    if raw in _DAY_SETS:
        return _DAY_SETS[raw]
    days: set[int] = set()
    for word in re.split(r"\s+", re.sub(r"\s*-\s*", "-", raw)):
        first, dash, last = word.partition("-")
        if first not in _DAY_WORDS or (dash and last not in _DAY_WORDS):
            bad = first if first not in _DAY_WORDS else last
            raise ScheduleError(
                f"I don't know the day {bad!r}: list days like mon, wed, fri, a range like mon-fri, "
                "or say weekdays, weekends or every day."
            )
        start = _DAY_WORDS[first]
        end = _DAY_WORDS[last] if dash else start
        days.update((start + i) % 7 for i in range((end - start) % 7 + 1))
    return frozenset(days)


def format_days(days: Iterable[int]) -> str:
    """Days as people say them: "every day", "weekdays", "weekends" or "Mon, Wed, Fri"."""
    chosen = frozenset(days)
    for name, value in (("every day", ALL_DAYS), ("weekdays", WEEKDAYS), ("weekends", WEEKENDS)):
        if chosen == value:
            return name
    return ", ".join(DAY_NAMES[d] for d in sorted(chosen))


def days_code(days: Iterable[int]) -> str:
    """Days as stored: the digits of the weekdays, "0123456" for every day."""
    return "".join(str(d) for d in sorted(set(days)))


def days_from_code(code: str) -> frozenset[int]:
    """The inverse of :func:`days_code`."""
    return frozenset(int(c) for c in code if c.isdigit() and int(c) < 7)


# ---------------------------------------------------------------------------------------- schedules


@dataclass(frozen=True)
class Schedule:
    """A server's daily post: where, when (local time in an IANA zone, on which days) and how."""

    guild_id: int
    channel_id: int
    time: str  # "HH:MM", local
    timezone: str  # IANA name
    days: frozenset[int] = ALL_DAYS  # 0 = Monday
    thread: bool = True
    poll: bool = True
    role_id: int | None = None
    paused: bool = False
    active_since: float = 0.0  # UTC timestamp: slots before it (set, resumed) are never due or missed
    updated_at: float = field(default=0.0, compare=False)

    @classmethod
    def create(
        cls,
        guild_id: int,
        channel_id: int,
        time_text: str,
        timezone_text: str,
        days_text: str | None = None,
        *,
        thread: bool = True,
        poll: bool = True,
        role_id: int | None = None,
        now: datetime | None = None,
    ) -> Schedule:
        """A validated schedule from what a moderator typed (raises ScheduleError)."""
        days = parse_days(days_text)
        if not days:
            raise ScheduleError("Choose at least one day of the week.")
        stamp = (now or datetime.now(UTC)).timestamp()
        return cls(
            guild_id,
            channel_id,
            parse_time(time_text),
            parse_timezone(timezone_text),
            days,
            thread,
            poll,
            role_id,
            paused=False,
            active_since=stamp,
            updated_at=stamp,
        )

    @property
    def zone(self) -> ZoneInfo:
        """The schedule's timezone."""
        return ZoneInfo(self.timezone)

    @property
    def local_time(self) -> time:
        """The wall-clock time of the post."""
        hour, minute = self.time.split(":")
        return time(int(hour), int(minute))

    def describe(self) -> str:
        """The schedule in words: "09:00 Europe/London, every day"."""
        return f"{self.time} {self.timezone}, {format_days(self.days)}"


@dataclass(frozen=True)
class Slot:
    """One day's post: the local date it belongs to, and the UTC instant it is due."""

    local_date: date
    at: datetime  # aware, UTC


@dataclass(frozen=True)
class Plan:
    """What a schedule asks for at some instant."""

    due: Slot | None  # today's slot, due now (not yet claimed)
    missed: tuple[Slot, ...]  # earlier days' slots that were never posted: skip and log them
    next: Slot | None  # the first slot still in the future


def local_instant(day: date, wall: time, zone: ZoneInfo) -> datetime:
    """The UTC instant a wall-clock time falls on, on a local date in `zone`.

    A time the clocks skip maps to the first instant after the gap; a time that happens
    twice maps to its first occurrence.
    """
    first = datetime.combine(day, wall, tzinfo=zone)  # fold=0: the earlier offset
    utc = first.astimezone(UTC)
    if utc.astimezone(zone).replace(tzinfo=None) == first.replace(tzinfo=None):
        return utc  # exists (once, or first of two)
    # In a gap: the transition lies in (wall - later offset, wall - earlier offset]. Find it.
    before = first.utcoffset()
    lo = int(first.replace(fold=1).astimezone(UTC).timestamp())
    hi = int(utc.timestamp())
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if datetime.fromtimestamp(mid, UTC).astimezone(zone).utcoffset() == before:
            lo = mid
        else:
            hi = mid
    return datetime.fromtimestamp(hi, UTC)


def slot_on(schedule: Schedule, day: date) -> Slot:
    """The schedule's slot on a local date (whether or not it posts that weekday)."""
    return Slot(day, local_instant(day, schedule.local_time, schedule.zone))


def local_date(schedule: Schedule, instant: datetime) -> date:
    """The date in the schedule's timezone at `instant`."""
    return instant.astimezone(schedule.zone).date()


def _utc(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise ValueError("Schedule arithmetic needs aware datetimes (UTC).")
    return instant.astimezone(UTC)


def next_post_time(
    schedule: Schedule, now: datetime, *, after_date: date | None = None, horizon_days: int = 8
) -> datetime | None:
    """The next instant (UTC, strictly after `now`) the schedule posts; None when paused.

    `after_date`: the last local date already posted (its slot and earlier ones don't count).
    """
    slot = next_slot(schedule, now, after_date=after_date, horizon_days=horizon_days)
    return slot.at if slot else None


def next_slot(
    schedule: Schedule, now: datetime, *, after_date: date | None = None, horizon_days: int = 8
) -> Slot | None:
    """The first slot strictly after `now` (and after `after_date`, and not before the schedule began)."""
    now = _utc(now)
    if schedule.paused or not schedule.days:
        return None
    since = datetime.fromtimestamp(schedule.active_since, UTC)
    today = local_date(schedule, now)
    for offset in range(-1, horizon_days):
        day = today + timedelta(days=offset)
        if day.weekday() not in schedule.days or (after_date is not None and day <= after_date):
            continue
        slot = slot_on(schedule, day)
        if slot.at > now and slot.at >= since:
            return slot
    return None


def plan(schedule: Schedule, now: datetime, last_date: date | None) -> Plan:
    """What to do at `now`, given the last local date a slot was claimed (posted or skipped).

    Today's slot (local date of `now`) is due once its instant has passed; slots of earlier
    days that passed unclaimed since the schedule became active are missed.
    """
    now = _utc(now)
    if schedule.paused or not schedule.days:
        return Plan(None, (), None)
    since = datetime.fromtimestamp(schedule.active_since, UTC)
    today = local_date(schedule, now)
    due: Slot | None = None
    missed: list[Slot] = []
    for offset in range(MISSED_LOOKBACK_DAYS, -1, -1):
        day = today - timedelta(days=offset)
        if day.weekday() not in schedule.days or (last_date is not None and day <= last_date):
            continue
        slot = slot_on(schedule, day)
        if slot.at > now or slot.at < since:
            continue
        if day == today:
            due = slot
        else:
            missed.append(slot)
    after = max([d for d in (last_date, due.local_date if due else None) if d is not None], default=None)
    return Plan(due, tuple(missed), next_slot(schedule, now, after_date=after))
