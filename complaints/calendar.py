"""Working-day calendar for complaint deadlines (Asia/Jakarta dates, Indonesian holidays).

Rules (see docs/deadlines.md):
* A working day is a Monday–Friday local date (Asia/Jakarta) that is not a national holiday or
  cuti bersama in the Holiday table.
* Counting starts the day *after* the start day; the deadline is the end (23:59:59 local time) of
  the Nth counted day, returned as an aware UTC datetime. Example: received Friday 17:00 WIB,
  3 working days → Wednesday 23:59:59 WIB (Mon, Tue, Wed), unless one of them is a holiday.
* Calendar days follow the same end-of-day rule without skipping anything.

Holiday source (complaints/holiday_sources.py): the maintained `holidays` package (country ID, libur
nasional and cuti bersama) for every year it covers, plus the portal's Holiday table for local days
and corrections (an added or corrected day, or a removed one), plus corrections shipped with the portal.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Jakarta")
END_OF_DAY = time(23, 59, 59)


def local_date(moment: datetime) -> date:
    """The Asia/Jakarta calendar date of an aware datetime (naive values are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LOCAL_TZ).date()


def end_of_local_day(day: date) -> datetime:
    """23:59:59 Asia/Jakarta on `day`, as aware UTC."""
    return datetime.combine(day, END_OF_DAY, tzinfo=LOCAL_TZ).astimezone(UTC)


def is_working_day(day: date, holidays: set[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: datetime, days: int, holidays: set[date]) -> datetime:
    """End of the `days`-th working day after the start's local date (0 = end of the start day)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = local_date(start)
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            counted += 1
    return end_of_local_day(day)


def add_calendar_days(start: datetime, days: int) -> datetime:
    """End of the `days`-th calendar day after the start's local date."""
    if days < 0:
        raise ValueError("days must not be negative")
    return end_of_local_day(local_date(start) + timedelta(days=days))


def working_days_between(start: datetime, end: datetime, holidays: set[date]) -> int:
    """Working days after the start's local date up to and including the end's (0 if end is earlier).

    The inverse of add_working_days: working_days_between(s, add_working_days(s, n, h), h) == n.
    """
    first, last = local_date(start), local_date(end)
    count = 0
    day = first + timedelta(days=1)
    while day <= last:
        if is_working_day(day, holidays):
            count += 1
        day += timedelta(days=1)
    return count
