"""Schedule arithmetic: local times in IANA zones across DST, weekdays, pause, catch-up, validation."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.core.scheduling.schedule import (
    ALL_DAYS,
    Schedule,
    ScheduleError,
    format_days,
    next_post_time,
    parse_days,
    parse_time,
    parse_timezone,
    plan,
    slot_on,
)

SET_AT = datetime(2026, 1, 1, tzinfo=UTC)


def make(time: str = "09:00", zone: str = "Europe/London", days: str | None = None, **kw) -> Schedule:
    return Schedule.create(1, 2, time, zone, days, now=SET_AT, **kw)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def following(schedule: Schedule, start: datetime, count: int) -> list[datetime]:
    """`count` consecutive post times from `start`, as the scheduler would see them."""
    times, now = [], start
    for _ in range(count):
        at = next_post_time(schedule, now)
        assert at is not None
        times.append(at)
        now = at
    return times


# ---------------------------------------------------------------------------------------- DST


def test_nine_am_london_stays_nine_local_across_the_march_change():
    # Clocks go forward at 01:00 UTC on Sunday 29 March 2026: GMT (+0) becomes BST (+1).
    times = following(make(), utc(2026, 3, 27, 12), 4)
    assert times == [utc(2026, 3, 28, 9), utc(2026, 3, 29, 8), utc(2026, 3, 30, 8), utc(2026, 3, 31, 8)]
    zone = make().zone
    assert {t.astimezone(zone).strftime("%H:%M") for t in times} == {"09:00"}
    assert [t.astimezone(zone).tzname() for t in times] == ["GMT", "BST", "BST", "BST"]


def test_nine_am_london_stays_nine_local_across_the_october_change():
    # Clocks go back at 01:00 UTC on Sunday 25 October 2026.
    times = following(make(), utc(2026, 10, 23, 12), 3)
    assert times == [utc(2026, 10, 24, 8), utc(2026, 10, 25, 9), utc(2026, 10, 26, 9)]
    assert {t.astimezone(make().zone).strftime("%H:%M") for t in times} == {"09:00"}


def test_new_york_and_kolkata():
    # New York springs forward on 8 March 2026: EST (-5) to EDT (-4).
    ny = following(make("18:30", "America/New_York"), utc(2026, 3, 6, 12), 3)
    assert ny == [utc(2026, 3, 6, 23, 30), utc(2026, 3, 7, 23, 30), utc(2026, 3, 8, 22, 30)]
    # Kolkata is +05:30 all year: 09:00 IST is 03:30 UTC.
    kolkata = make("09:00", "Asia/Kolkata")
    assert following(kolkata, utc(2026, 6, 1), 2) == [utc(2026, 6, 1, 3, 30), utc(2026, 6, 2, 3, 30)]


def test_times_the_clocks_skip_or_repeat():
    gap = make("01:30")  # 01:00-02:00 does not exist in London on 29 March 2026
    assert slot_on(gap, date(2026, 3, 29)).at == utc(2026, 3, 29, 1)  # the first instant after: 02:00 BST
    assert slot_on(gap, date(2026, 3, 28)).at == utc(2026, 3, 28, 1, 30)
    # 01:30 happens twice on 25 October 2026: the first one (BST) counts.
    assert slot_on(gap, date(2026, 10, 25)).at == utc(2026, 10, 25, 0, 30)
    assert following(gap, utc(2026, 3, 28, 12), 2) == [utc(2026, 3, 29, 1), utc(2026, 3, 30, 0, 30)]
    ny_gap = make("02:15", "America/New_York")  # 02:00-03:00 skipped on 8 March 2026
    assert slot_on(ny_gap, date(2026, 3, 8)).at == utc(2026, 3, 8, 7)  # 03:00 EDT


# ---------------------------------------------------------------------------------------- days, pause


def test_chosen_weekdays():
    weekdays = make(days="mon-fri")
    # Friday 6 March 2026 after its post: the next is Monday.
    assert next_post_time(weekdays, utc(2026, 3, 6, 10)) == utc(2026, 3, 9, 9)
    mwf = make(days="mon, wed, fri")
    days = [t.astimezone(mwf.zone).strftime("%a") for t in following(mwf, utc(2026, 3, 2), 6)]
    assert days == ["Mon", "Wed", "Fri", "Mon", "Wed", "Fri"]


def test_pause_and_resume():
    schedule = make()
    paused = Schedule(**{**schedule.__dict__, "paused": True})
    assert next_post_time(paused, utc(2026, 3, 2)) is None
    assert plan(paused, utc(2026, 3, 2, 12), None).due is None
    # Resumed at 10:00 on 2 March: that morning's 09:00 (before the resume) is neither due nor missed.
    resumed = Schedule(**{**schedule.__dict__, "active_since": utc(2026, 3, 2, 10).timestamp()})
    now = utc(2026, 3, 2, 10, 0, 1)
    assert plan(resumed, now, None) == plan(resumed, now, date(2026, 2, 27))
    assert plan(resumed, now, None).due is None and plan(resumed, now, None).missed == ()
    assert next_post_time(resumed, now) == utc(2026, 3, 3, 9)


def test_catch_up_only_the_same_local_day():
    schedule = make()
    # Down from before 09:00 on 2 March until 11:00: posted late, the same day.
    late = plan(schedule, utc(2026, 3, 2, 11), date(2026, 3, 1))
    assert late.due is not None and late.due.local_date == date(2026, 3, 2) and late.missed == ()
    assert late.next is not None and late.next.at == utc(2026, 3, 3, 9)
    # Back only at 08:00 on 4 March: the 2nd and 3rd were missed (skipped), nothing is due yet.
    back = plan(schedule, utc(2026, 3, 4, 8), date(2026, 3, 1))
    assert back.due is None
    assert [s.local_date for s in back.missed] == [date(2026, 3, 2), date(2026, 3, 3)]
    assert back.next is not None and back.next.at == utc(2026, 3, 4, 9)
    # Once today's date is claimed, nothing is due until tomorrow.
    done = plan(schedule, utc(2026, 3, 2, 11), date(2026, 3, 2))
    assert done.due is None and done.next is not None and done.next.local_date == date(2026, 3, 3)


def test_local_day_not_utc_day():
    # 23:30 in Kolkata is 18:00 UTC the same day; 00:30 in Kolkata is 19:00 UTC the day before.
    schedule = make("00:30", "Asia/Kolkata")
    current = plan(schedule, utc(2026, 3, 2, 19, 5), None)
    assert current.due is not None and current.due.local_date == date(2026, 3, 3)


def test_a_schedule_set_after_todays_time_starts_tomorrow():
    schedule = Schedule.create(1, 2, "09:00", "Europe/London", now=utc(2026, 3, 2, 12))
    current = plan(schedule, utc(2026, 3, 2, 12, 1), None)
    assert current.due is None and current.missed == ()
    assert current.next is not None and current.next.at == utc(2026, 3, 3, 9)


def test_missed_slots_are_bounded():
    schedule = make()
    current = plan(schedule, utc(2026, 6, 1, 8), None)  # never posted, down since January
    assert 0 < len(current.missed) <= 7
    assert all(s.at > utc(2026, 6, 1) - timedelta(days=8) for s in current.missed)


# ---------------------------------------------------------------------------------------- validation


def test_times_are_read_friendly():
    assert parse_time("9:00") == "09:00"
    assert parse_time(" 21:30 ") == "21:30"
    assert parse_time("9am") == "09:00"
    assert parse_time("12:15 pm") == "12:15"
    assert parse_time("12am") == "00:00"
    for bad in ("25:00", "9", "09:60", "noon", "", "13pm"):
        with pytest.raises(ScheduleError) as info:
            parse_time(bad)
        assert "time" in str(info.value)


def test_timezones_are_checked_with_suggestions():
    assert parse_timezone("Europe/London") == "Europe/London"
    assert parse_timezone("europe/london") == "Europe/London"
    assert parse_timezone("Kolkata") == "Asia/Kolkata"
    assert parse_timezone("America/New York") == "America/New_York"
    with pytest.raises(ScheduleError) as info:
        parse_timezone("Europe/Londn")
    assert "Did you mean Europe/London" in str(info.value)
    with pytest.raises(ScheduleError, match="IANA name"):
        parse_timezone("Mars/Olympus_Mons")
    with pytest.raises(ScheduleError):
        parse_timezone("  ")


def test_days_are_read_friendly():
    assert parse_days(None) == ALL_DAYS
    assert parse_days("every day") == ALL_DAYS
    assert parse_days("Weekdays") == frozenset(range(5))
    assert parse_days("sat - mon") == frozenset({5, 6, 0})
    assert parse_days("Monday, Wednesday,fri") == frozenset({0, 2, 4})
    assert format_days(parse_days("mon-fri")) == "weekdays"
    assert format_days(parse_days("tue thu")) == "Tue, Thu"
    with pytest.raises(ScheduleError, match="funday"):
        parse_days("mon, funday")
    with pytest.raises(ScheduleError, match="timezone"):
        Schedule.create(1, 2, "09:00", "Nowhere/Special")
