"""Working-day calendar for complaint deadlines (Asia/Jakarta dates, Indonesian holidays).

Rules (see docs/deadlines.md):
* A working day is a Monday–Friday local date (Asia/Jakarta) that is not a national holiday or
  cuti bersama in the Holiday table.
* Counting starts the day *after* the start day; the deadline is the end (23:59:59 local time) of
  the Nth counted day, returned as an aware UTC datetime. Example: received Friday 17:00 WIB,
  3 working days → Wednesday 23:59:59 WIB (Mon, Tue, Wed), unless one of them is a holiday.
* Calendar days follow the same end-of-day rule without skipping anything.

Holiday source: the Holiday table is authoritative for every year that has at least one row there.
For a year with no rows (a fresh installation, or a new year nobody has loaded yet) the built-in
DEFAULT_HOLIDAYS of that year are used in memory, so deadlines are right from the first day without a
write on a read path. `portal holidays load-defaults` (or the button on /staf/hari-libur) copies the
defaults into the table, where a system admin can edit them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Jakarta")
END_OF_DAY = time(23, 59, 59)

HOLIDAY_KINDS = ("nasional", "cuti_bersama")

# (day, name, kind). 2026: SKB 3 Menteri No. 1497/2025, 2/2025, 5/2025 (17 libur nasional, 8 cuti
# bersama). 2027: PROVISIONAL — no SKB retrieved yet; the Islamic, Chinese, Hindu and Buddhist dates
# are astronomical estimates and cuti bersama is not known. Edit them on /staf/hari-libur once the
# SKB for 2027 is published.
DEFAULT_HOLIDAYS: list[tuple[date, str, str]] = [
    (date(2026, 1, 1), "Tahun Baru 2026 Masehi", "nasional"),
    (date(2026, 1, 16), "Isra Mikraj Nabi Muhammad SAW", "nasional"),
    (date(2026, 2, 16), "Cuti bersama Tahun Baru Imlek", "cuti_bersama"),
    (date(2026, 2, 17), "Tahun Baru Imlek 2577 Kongzili", "nasional"),
    (date(2026, 3, 18), "Cuti bersama Hari Suci Nyepi", "cuti_bersama"),
    (date(2026, 3, 19), "Hari Suci Nyepi Tahun Baru Saka 1948", "nasional"),
    (date(2026, 3, 20), "Cuti bersama Idulfitri 1447 H", "cuti_bersama"),
    (date(2026, 3, 21), "Idulfitri 1447 H", "nasional"),
    (date(2026, 3, 22), "Idulfitri 1447 H", "nasional"),
    (date(2026, 3, 23), "Cuti bersama Idulfitri 1447 H", "cuti_bersama"),
    (date(2026, 3, 24), "Cuti bersama Idulfitri 1447 H", "cuti_bersama"),
    (date(2026, 4, 3), "Wafat Yesus Kristus", "nasional"),
    (date(2026, 4, 5), "Kebangkitan Yesus Kristus (Paskah)", "nasional"),
    (date(2026, 5, 1), "Hari Buruh Internasional", "nasional"),
    (date(2026, 5, 14), "Kenaikan Yesus Kristus", "nasional"),
    (date(2026, 5, 15), "Cuti bersama Kenaikan Yesus Kristus", "cuti_bersama"),
    (date(2026, 5, 27), "Iduladha 1447 H", "nasional"),
    (date(2026, 5, 28), "Cuti bersama Iduladha 1447 H", "cuti_bersama"),
    (date(2026, 5, 31), "Hari Raya Waisak 2570 BE", "nasional"),
    (date(2026, 6, 1), "Hari Lahir Pancasila", "nasional"),
    (date(2026, 6, 16), "1 Muharam Tahun Baru Islam 1448 H", "nasional"),
    (date(2026, 8, 17), "Proklamasi Kemerdekaan", "nasional"),
    (date(2026, 8, 25), "Maulid Nabi Muhammad SAW", "nasional"),
    (date(2026, 12, 24), "Cuti bersama Kelahiran Yesus Kristus", "cuti_bersama"),
    (date(2026, 12, 25), "Kelahiran Yesus Kristus", "nasional"),
    # 2027 — provisional (see above).
    (date(2027, 1, 1), "Tahun Baru 2027 Masehi", "nasional"),
    (date(2027, 1, 5), "Isra Mikraj Nabi Muhammad SAW (perkiraan)", "nasional"),
    (date(2027, 2, 6), "Tahun Baru Imlek 2578 Kongzili (perkiraan)", "nasional"),
    (date(2027, 3, 8), "Hari Suci Nyepi Tahun Baru Saka 1949 (perkiraan)", "nasional"),
    (date(2027, 3, 10), "Idulfitri 1448 H (perkiraan)", "nasional"),
    (date(2027, 3, 11), "Idulfitri 1448 H (perkiraan)", "nasional"),
    (date(2027, 3, 26), "Wafat Yesus Kristus", "nasional"),
    (date(2027, 3, 28), "Kebangkitan Yesus Kristus (Paskah)", "nasional"),
    (date(2027, 5, 1), "Hari Buruh Internasional", "nasional"),
    (date(2027, 5, 6), "Kenaikan Yesus Kristus", "nasional"),
    (date(2027, 5, 17), "Iduladha 1448 H (perkiraan)", "nasional"),
    (date(2027, 5, 20), "Hari Raya Waisak 2571 BE (perkiraan)", "nasional"),
    (date(2027, 6, 1), "Hari Lahir Pancasila", "nasional"),
    (date(2027, 6, 6), "1 Muharam Tahun Baru Islam 1449 H (perkiraan)", "nasional"),
    (date(2027, 8, 15), "Maulid Nabi Muhammad SAW (perkiraan)", "nasional"),
    (date(2027, 8, 17), "Proklamasi Kemerdekaan", "nasional"),
    (date(2027, 12, 25), "Kelahiran Yesus Kristus", "nasional"),
]


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


def default_holidays_between(start: date, end: date) -> set[date]:
    return {day for day, _name, _kind in DEFAULT_HOLIDAYS if start <= day <= end}


async def load_holidays(start: date, end: date) -> set[date]:
    """Holidays between start and end (inclusive): the table, or the defaults for years it lacks."""
    from complaints.tables import Holiday

    rows = await Holiday.select(Holiday.day).where((Holiday.day >= start) & (Holiday.day <= end))
    days = {row["day"] for row in rows}
    loaded_years = await years_in_table(start.year, end.year)
    for year in range(start.year, end.year + 1):
        if year not in loaded_years:
            days |= default_holidays_between(max(start, date(year, 1, 1)), min(end, date(year, 12, 31)))
    return days


async def years_in_table(first_year: int, last_year: int) -> set[int]:
    """The years in [first_year, last_year] that have at least one row in the Holiday table."""
    from complaints.tables import Holiday

    years = set()
    for year in range(first_year, last_year + 1):
        exists = await Holiday.exists().where(
            (Holiday.day >= date(year, 1, 1)) & (Holiday.day <= date(year, 12, 31))
        )
        if exists:
            years.add(year)
    return years


async def load_holidays_around(moment: datetime, *, days_ahead: int = 400) -> set[date]:
    """Holidays from the moment's local date to `days_ahead` later (enough for any deadline)."""
    first = local_date(moment)
    return await load_holidays(first, first + timedelta(days=days_ahead))


async def ensure_default_holidays() -> int:
    """Copy the built-in holidays of every year that has no row in the table yet; returns rows added.

    Idempotent, and it never re-adds a day an admin deleted or moved in a year already in the table.
    """
    from complaints.tables import Holiday
    from portal.db import write_transaction

    years = sorted({day.year for day, _name, _kind in DEFAULT_HOLIDAYS})
    async with write_transaction():
        loaded = await years_in_table(years[0], years[-1])
        new = [
            Holiday(day=day, name=name, kind=kind)
            for day, name, kind in DEFAULT_HOLIDAYS
            if day.year not in loaded
        ]
        if new:
            await Holiday.insert(*new)
    return len(new)


# --- administration (used by /staf/hari-libur) -------------------------------------------------


class HolidayError(Exception):
    """A refused holiday change; str(exc) is a message for the user."""


async def holidays_of_year(year: int) -> tuple[list[dict], bool]:
    """(rows, stored): the table's rows for the year, or the built-in list (without ids) if none."""
    from complaints.tables import Holiday

    rows = await Holiday.select().where(
        (Holiday.day >= date(year, 1, 1)) & (Holiday.day <= date(year, 12, 31))
    ).order_by(Holiday.day)
    if rows:
        return rows, True
    defaults = [
        {"id": None, "day": day, "name": name, "kind": kind}
        for day, name, kind in DEFAULT_HOLIDAYS
        if day.year == year
    ]
    return defaults, False


async def add_holiday(day: date, name: str, kind: str) -> tuple[int, int]:
    """Add one holiday; returns (id, defaults copied first). The year's defaults are copied into the
    table first when the year is not there yet, so adding a regional day does not drop them."""
    from complaints.tables import Holiday
    from portal.db import write_transaction
    from portal.i18n import _

    if kind not in HOLIDAY_KINDS:
        raise HolidayError(_("Pilihan tidak valid."))
    async with write_transaction():
        copied = 0
        if day.year not in await years_in_table(day.year, day.year):
            defaults = [Holiday(day=d, name=n, kind=k) for d, n, k in DEFAULT_HOLIDAYS if d.year == day.year]
            defaults = [h for h in defaults if h.day != day]
            if defaults:
                await Holiday.insert(*defaults)
            copied = len(defaults)
        if await Holiday.exists().where(Holiday.day == day):
            raise HolidayError(_("Tanggal ini sudah terdaftar sebagai hari libur."))
        rows = await Holiday.insert(Holiday(day=day, name=name, kind=kind)).returning(Holiday.id)
    return rows[0]["id"], copied


async def delete_holiday(holiday_id: int) -> dict | None:
    """Delete one stored holiday; returns the deleted row (None if it did not exist)."""
    from complaints.tables import Holiday
    from portal.db import write_transaction

    async with write_transaction():
        row = await Holiday.select().where(Holiday.id == holiday_id).first()
        if row is not None:
            await Holiday.delete().where(Holiday.id == holiday_id)
    return row
