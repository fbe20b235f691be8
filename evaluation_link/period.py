"""The evaluation period: a calendar year in the unit's local time (WIB), as UTC bounds and dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from portal.formatting import LOCAL_TZ

MIN_YEAR = 2017
MAX_YEAR = 2100


@dataclass(frozen=True, slots=True)
class Period:
    year: int

    @property
    def first_day(self) -> date:
        return date(self.year, 1, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, 12, 31)

    @property
    def start_utc(self) -> datetime:
        return datetime(self.year, 1, 1, tzinfo=LOCAL_TZ).astimezone(UTC)

    @property
    def end_utc(self) -> datetime:
        """Exclusive end: 1 January of the next year, local midnight."""
        return datetime(self.year + 1, 1, 1, tzinfo=LOCAL_TZ).astimezone(UTC)

    def cutoff(self, today: date | None = None) -> date:
        """The last day that counts: the period's last day, or today while the year is running."""
        today = today or datetime.now(UTC).astimezone(LOCAL_TZ).date()
        return min(self.last_day, max(today, self.first_day))

    def days_before_end(self, days: int) -> date:
        return self.last_day - timedelta(days=days)


def valid_year(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def current_year() -> int:
    return datetime.now(UTC).astimezone(LOCAL_TZ).year
