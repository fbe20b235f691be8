"""Working-day arithmetic in Asia/Jakarta with Indonesian holidays."""

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from complaints.calendar import (
    add_calendar_days,
    add_working_days,
    working_days_between,
)
from complaints.holiday_sources import package_year


def package_days(*years: int) -> set[date]:
    return {day for year in years for day in package_year(year)}


WIB_END = (16, 59, 59)  # 23:59:59 WIB is 16:59:59 UTC


def wib(y: int, m: int, d: int, hh: int = 10) -> datetime:
    """A WIB wall-clock moment expressed as aware UTC."""
    return datetime(y, m, d, hh, tzinfo=UTC) - timedelta(hours=7)


def test_three_working_days_from_friday_skip_the_weekend() -> None:
    # Friday 6 Nov 2026, 17:00 WIB -> Mon, Tue, Wed -> Wednesday 11 Nov 23:59:59 WIB.
    due = add_working_days(wib(2026, 11, 6, 17), 3, set())
    assert due == datetime(2026, 11, 11, *WIB_END, tzinfo=UTC)
    assert due.tzinfo is UTC


def test_holidays_are_skipped() -> None:
    due = add_working_days(wib(2026, 11, 6), 3, {date(2026, 11, 9)})
    assert due == datetime(2026, 11, 12, *WIB_END, tzinfo=UTC)


def test_local_date_not_utc_date_decides_the_start_day() -> None:
    # 18:00 UTC on Thursday is already Friday 01:00 in Jakarta: counting starts after Friday.
    start = datetime(2026, 11, 5, 18, 0, tzinfo=UTC)
    assert add_working_days(start, 1, set()) == datetime(2026, 11, 9, *WIB_END, tzinfo=UTC)


def test_lebaran_2026_uses_the_published_skb() -> None:
    holidays = package_days(2026)
    # Received Thursday 19 March 2026 (Nyepi). 20 (cuti), 21-22 (Idulfitri), 23-24 (cuti) are off.
    due = add_working_days(wib(2026, 3, 19), 3, holidays)
    assert due == datetime(2026, 3, 27, *WIB_END, tzinfo=UTC)


def test_calendar_days_end_of_day() -> None:
    assert add_calendar_days(wib(2026, 1, 31), 60) == datetime(2026, 4, 1, *WIB_END, tzinfo=UTC)


def test_working_days_between_counts_after_start_up_to_end() -> None:
    start = wib(2026, 11, 6)  # Friday
    assert working_days_between(start, wib(2026, 11, 13), set()) == 5
    assert working_days_between(start, wib(2026, 11, 13), {date(2026, 11, 10)}) == 4
    assert working_days_between(start, wib(2026, 11, 1), set()) == 0


@given(
    start=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 1, 1), timezones=st.just(UTC)),
    days=st.integers(min_value=0, max_value=80),
)
def test_working_days_between_inverts_add_working_days(start: datetime, days: int) -> None:
    holidays = package_days(2025, 2026, 2027, 2028)
    due = add_working_days(start, days, holidays)
    assert working_days_between(start, due, holidays) == days
    assert due > start
