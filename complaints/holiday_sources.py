"""Where the days off come from (docs/deadlines.md, "Holiday calendar").

Three layers, later ones win for the same day:

1. The maintained `holidays` package, country ID, categories PUBLIC (libur nasional) and GOVERNMENT
   (cuti bersama from the SKB 3 Menteri), Indonesian names. The default source for every year it covers.
2. SHIPPED_CORRECTIONS: days the package lacks or gets wrong compared with the SKB, each with its source.
3. The portal's Holiday table: local days (hari jadi, regional holidays) and corrections by the system
   admin (an added or renamed day, or `removed=True` for a day the package lists that is a working day).

A year is *confirmed* when its cuti bersama are known (the package or a correction has at least one) and
none of its days is an estimate (the package marks Islamic dates it computed rather than took from the
SKB with "(perkiraan)"; a table row for the same day replaces the estimate). Staff pages and the CLI warn
about unconfirmed years the portal computes deadlines for.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from complaints.calendar import local_date
from complaints.tables import Holiday
from portal.db import write_transaction
from portal.i18n import _

HOLIDAY_KINDS = ("nasional", "cuti_bersama", "lokal")
ESTIMATE_MARK = "(perkiraan)"
TABLE_SOURCE = "tabel portal"
# Deadlines reach this far ahead of today (the 60-day resolution plus weekends and Lebaran weeks).
DEADLINE_HORIZON_DAYS = 90


@dataclass(frozen=True, slots=True)
class HolidayDay:
    day: date
    name: str
    kind: str
    source: str
    id: int | None = None  # the Holiday row, when the day comes from the table
    removed: bool = False

    @property
    def estimated(self) -> bool:
        return ESTIMATE_MARK in self.name.lower()


@dataclass(frozen=True, slots=True)
class CalendarYear:
    year: int
    days: list[HolidayDay]  # in effect, sorted by day
    removed: list[HolidayDay] = field(default_factory=list)  # table rows that remove a package day
    cuti_bersama_known: bool = False

    @property
    def estimated(self) -> list[HolidayDay]:
        return [d for d in self.days if d.estimated]

    @property
    def confirmed(self) -> bool:
        return self.cuti_bersama_known and not self.estimated


# Corrections shipped with the portal: (day, name, kind, source, removed). The `holidays` package
# (>= 0.109) matches the SKB 3 Menteri for 2021-2026 (checked day by day in
# tests/complaints/test_holiday_sources.py), so none is needed today; add a row here, with its SKB,
# when a package release lags behind a new or revised SKB.
SHIPPED_CORRECTIONS: tuple[tuple[date, str, str, str, bool], ...] = ()


def package_source() -> str:
    import holidays as holidays_package  # imported on first use: ~0.4 s, not paid by every CLI start

    return f"holidays {holidays_package.__version__}"


@lru_cache(maxsize=64)
def package_year(year: int) -> dict[date, HolidayDay]:
    """The package's libur nasional and cuti bersama of one year (empty outside its range)."""
    import holidays as holidays_package

    try:
        public = holidays_package.country_holidays("ID", years=year, language="id")
        joint = holidays_package.country_holidays("ID", years=year, language="id", categories=("government",))
    except (NotImplementedError, ValueError, KeyError):
        return {}
    source = package_source()
    days = {day: HolidayDay(day, name, "nasional", source) for day, name in public.items()}
    for day, name in joint.items():
        if day not in days:
            days[day] = HolidayDay(day, name, "cuti_bersama", source)
    return days


def shipped_year(year: int) -> list[HolidayDay]:
    return [
        HolidayDay(day, name, kind, source, removed=removed)
        for day, name, kind, source, removed in SHIPPED_CORRECTIONS
        if day.year == year
    ]


def _merge(year: int, table_rows: list[dict]) -> CalendarYear:
    days = dict(package_year(year))
    cuti_known = any(d.kind == "cuti_bersama" for d in days.values())
    removed: list[HolidayDay] = []
    corrections = shipped_year(year) + [
        HolidayDay(row["day"], row["name"], row["kind"], row["source"] or TABLE_SOURCE, row["id"], row["removed"])
        for row in table_rows
    ]
    for correction in corrections:
        if correction.removed:
            days.pop(correction.day, None)
            removed.append(correction)
        else:
            days[correction.day] = correction
            cuti_known = cuti_known or correction.kind == "cuti_bersama"
    return CalendarYear(year, sorted(days.values(), key=lambda d: d.day), removed, cuti_known)


async def _table_rows(start: date, end: date) -> list[dict]:
    return await Holiday.select().where((Holiday.day >= start) & (Holiday.day <= end)).order_by(Holiday.day)


async def calendar_year(year: int) -> CalendarYear:
    return _merge(year, await _table_rows(date(year, 1, 1), date(year, 12, 31)))


async def load_holidays(start: date, end: date) -> set[date]:
    """The days off between start and end (inclusive): package + shipped corrections + the table."""
    rows = await _table_rows(start, end)
    days: set[date] = set()
    for year in range(start.year, end.year + 1):
        merged = _merge(year, [r for r in rows if r["day"].year == year])
        days |= {d.day for d in merged.days if start <= d.day <= end}
    return days


async def load_holidays_around(moment: datetime, *, days_ahead: int = 400) -> set[date]:
    """Holidays from the moment's local date to `days_ahead` later (enough for any deadline)."""
    first = local_date(moment)
    return await load_holidays(first, first + timedelta(days=days_ahead))


def deadline_years(today: date | None = None) -> list[int]:
    """The years the portal computes deadlines for now: this year and, near its end, the next."""
    today = today or local_date(datetime.now(UTC))
    return sorted({today.year, (today + timedelta(days=DEADLINE_HORIZON_DAYS)).year})


async def unconfirmed_years(years: list[int] | None = None) -> list[CalendarYear]:
    """The calendars among `years` (default: deadline_years()) whose days off are not confirmed."""
    result = []
    for year in years if years is not None else deadline_years():
        merged = await calendar_year(year)
        if not merged.confirmed:
            result.append(merged)
    return result


def warning_text(year: CalendarYear) -> str:
    """One line for staff pages and the CLI (in the user's language)."""
    if not year.days:
        return _("Hari libur tahun %(year)d belum ada: tenggat dihitung tanpa libur nasional dan cuti bersama.") % {
            "year": year.year
        }
    if not year.cuti_bersama_known:
        return _("Cuti bersama tahun %(year)d belum ditetapkan: tenggat dihitung tanpa cuti bersama.") % {
            "year": year.year
        }
    days = ", ".join(d.day.isoformat() for d in year.estimated)
    return _("Hari libur tahun %(year)d belum pasti: tanggal perkiraan %(days)s.") % {"year": year.year, "days": days}


async def calendar_warnings(years: list[int] | None = None) -> list[str]:
    return [warning_text(year) for year in await unconfirmed_years(years)]


# --- administration (used by /staf/hari-libur) -------------------------------------------------


class HolidayError(Exception):
    """A refused holiday change; str(exc) is a message for the user."""


async def add_holiday(day: date, name: str, kind: str, source: str = "") -> int:
    """Add a local day or correct a day (replaces the package's name/kind for that day)."""
    if kind not in HOLIDAY_KINDS:
        raise HolidayError(_("Pilihan tidak valid."))
    async with write_transaction():
        existing = await Holiday.select().where(Holiday.day == day).first()
        if existing is not None and not existing["removed"]:
            raise HolidayError(_("Tanggal ini sudah terdaftar sebagai hari libur."))
        if existing is not None:  # re-adding a day that was removed: the row becomes an addition again
            await Holiday.update(
                {Holiday.name: name, Holiday.kind: kind, Holiday.source: source, Holiday.removed: False}
            ).where(Holiday.id == existing["id"])
            return existing["id"]
        rows = await Holiday.insert(Holiday(day=day, name=name, kind=kind, source=source)).returning(Holiday.id)
    return rows[0]["id"]


async def remove_day(day: date, source: str = "") -> tuple[str, HolidayDay | None]:
    """Make `day` a working day again. A table row is deleted (its package day, if any, comes back);
    a day from the package or the shipped corrections gets a removal row. Returns (what, the day)."""
    async with write_transaction():
        row = await Holiday.select().where(Holiday.day == day).first()
        if row is not None:
            await Holiday.delete().where(Holiday.id == row["id"])
            return (
                "deleted",
                HolidayDay(day, row["name"], row["kind"], row["source"] or TABLE_SOURCE, row["id"], row["removed"]),
            )
        merged = _merge(day.year, [])
        current = next((d for d in merged.days if d.day == day), None)
        if current is None:
            return ("none", None)
        await Holiday.insert(
            Holiday(day=day, name=current.name, kind=current.kind, source=source or TABLE_SOURCE, removed=True)
        )
        return ("removed", replace(current, removed=True))
