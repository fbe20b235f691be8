"""The holiday calendar: the `holidays` package as default source, the portal's corrections, confirmed years,
recomputed deadlines, the CLI list and the staff warning (docs/deadlines.md)."""

import asyncio
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from click.testing import CliRunner

from complaints import holiday_sources
from complaints.cli import holidays as holidays_cli
from complaints.deadlines import compute_deadlines
from complaints.holiday_sources import calendar_year, load_holidays, package_year
from complaints.tables import Complaint, Holiday
from portal.tables import AuditLog
from tests.helpers import html, login, make_user, post_form

D = date
WIB_END = (16, 59, 59)

# Cuti bersama per year as set by the SKB 3 Menteri of that year (with its revisions); 2027 as in the
# `holidays` package, whose Idulfitri/Iduladha 2027 are still estimates.
SKB_CUTI_BERSAMA = {
    2021: [D(2021, 5, 12)],  # SKB revised twice: only 12 May kept, 24 Dec cancelled
    2022: [D(2022, 4, 29), D(2022, 5, 4), D(2022, 5, 5), D(2022, 5, 6)],
    2023: [
        D(2023, 1, 23),
        D(2023, 3, 23),
        D(2023, 4, 19),
        D(2023, 4, 20),
        D(2023, 4, 21),
        D(2023, 4, 24),
        D(2023, 4, 25),
        D(2023, 6, 2),
        D(2023, 6, 28),
        D(2023, 6, 30),
        D(2023, 12, 26),
    ],
    2024: [
        D(2024, 2, 9),
        D(2024, 3, 12),
        D(2024, 4, 8),
        D(2024, 4, 9),
        D(2024, 4, 12),
        D(2024, 4, 15),
        D(2024, 5, 10),
        D(2024, 5, 24),
        D(2024, 6, 18),
        D(2024, 12, 26),
    ],
    # SKB 1017/2024, 2/2024, 2/2024 and its revision (18 August).
    2025: [
        D(2025, 1, 28),
        D(2025, 3, 28),
        D(2025, 4, 2),
        D(2025, 4, 3),
        D(2025, 4, 4),
        D(2025, 4, 7),
        D(2025, 5, 13),
        D(2025, 5, 30),
        D(2025, 6, 9),
        D(2025, 8, 18),
        D(2025, 12, 26),
    ],
    # SKB 1497/2025, 2/2025, 5/2025.
    2026: [
        D(2026, 2, 16),
        D(2026, 3, 18),
        D(2026, 3, 20),
        D(2026, 3, 23),
        D(2026, 3, 24),
        D(2026, 5, 15),
        D(2026, 5, 28),
        D(2026, 12, 24),
    ],
    2027: [
        D(2027, 2, 5),
        D(2027, 3, 9),
        D(2027, 3, 12),
        D(2027, 3, 15),
        D(2027, 3, 25),
        D(2027, 5, 18),
        D(2027, 5, 19),
        D(2027, 12, 24),
    ],
}
IDULFITRI = {
    2021: (D(2021, 5, 13), D(2021, 5, 14)),
    2022: (D(2022, 5, 2), D(2022, 5, 3)),
    2023: (D(2023, 4, 22), D(2023, 4, 23)),
    2024: (D(2024, 4, 10), D(2024, 4, 11)),
    2025: (D(2025, 3, 31), D(2025, 4, 1)),
    2026: (D(2026, 3, 21), D(2026, 3, 22)),
    2027: (D(2027, 3, 10), D(2027, 3, 11)),
}
LIBUR_NASIONAL_COUNT = {2021: 15, 2022: 16, 2023: 16, 2024: 19, 2025: 17, 2026: 17, 2027: 18}


def wib(y: int, m: int, d: int, hh: int = 10) -> datetime:
    return datetime(y, m, d, hh, tzinfo=UTC) - timedelta(hours=7)


@pytest.mark.parametrize("year", range(2021, 2028))
async def test_calendar_of_each_year_follows_the_skb(db: None, year: int) -> None:
    merged = await calendar_year(year)
    by_day = {d.day: d for d in merged.days}
    assert sorted(d.day for d in merged.days if d.kind == "cuti_bersama") == SKB_CUTI_BERSAMA[year]
    nasional = [d for d in merged.days if d.kind == "nasional"]
    assert len(nasional) == LIBUR_NASIONAL_COUNT[year], [(d.day, d.name) for d in nasional]
    for day in IDULFITRI[year]:
        assert "Idul Fitri" in by_day[day].name and by_day[day].kind == "nasional"
    assert D(year, 8, 17) in by_day and D(year, 12, 25) in by_day
    assert all(d.source.startswith("holidays ") for d in merged.days)
    # 2021-2026 are confirmed by their SKB; 2027's Islamic dates are still estimates.
    assert merged.confirmed is (year != 2027)


async def test_report_of_27_march_2025_is_due_on_10_april_not_on_idulfitri(db: None) -> None:
    received = wib(2025, 3, 27, 9)  # Thursday
    due = await compute_deadlines(None, "pengaduan", received)
    # 28 Mar cuti Nyepi, 31 Mar-1 Apr Idulfitri, 2-4 and 7 Apr cuti bersama: 8, 9, 10 April.
    assert due.verify_due == datetime(2025, 4, 10, *WIB_END, tzinfo=UTC)
    assert due.followup_due == datetime(2025, 4, 14, *WIB_END, tzinfo=UTC)


async def test_table_adds_local_days_and_corrects_the_package(db: None) -> None:
    assert D(2025, 8, 18) in await load_holidays(D(2025, 1, 1), D(2025, 12, 31))
    await holiday_sources.add_holiday(D(2025, 11, 3), "Hari Jadi Kabupaten", "lokal", "Perda 7/2010")
    # An SKB revision that turns a cuti bersama back into a working day.
    what, removed = await holiday_sources.remove_day(D(2025, 8, 18), "SKB revisi (uji)")
    assert what == "removed" and removed is not None and removed.kind == "cuti_bersama"
    days = await load_holidays(D(2025, 1, 1), D(2025, 12, 31))
    assert D(2025, 11, 3) in days and D(2025, 8, 18) not in days
    merged = await calendar_year(2025)
    local = next(d for d in merged.days if d.day == D(2025, 11, 3))
    assert (local.kind, local.source) == ("lokal", "Perda 7/2010")
    assert [d.day for d in merged.removed] == [D(2025, 8, 18)]
    # Deleting the removal restores the package's day; deleting a local day drops it.
    assert (await holiday_sources.remove_day(D(2025, 8, 18)))[0] == "deleted"
    assert (await holiday_sources.remove_day(D(2025, 11, 3)))[0] == "deleted"
    days = await load_holidays(D(2025, 1, 1), D(2025, 12, 31))
    assert D(2025, 8, 18) in days and D(2025, 11, 3) not in days
    assert await Holiday.count() == 0
    assert (await holiday_sources.remove_day(D(2025, 11, 4)))[0] == "none"
    with pytest.raises(holiday_sources.HolidayError):
        await holiday_sources.add_holiday(D(2025, 11, 5), "x", "bebas")


async def test_shipped_corrections_apply_with_their_source(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        holiday_sources,
        "SHIPPED_CORRECTIONS",
        (
            (D(2025, 8, 18), "Cuti bersama HUT RI", "cuti_bersama", "SKB (uji) dihapus", True),
            (D(2025, 10, 1), "Cuti bersama (uji)", "cuti_bersama", "SKB (uji)", False),
        ),
    )
    merged = await calendar_year(2025)
    days = {d.day: d for d in merged.days}
    assert D(2025, 8, 18) not in days and days[D(2025, 10, 1)].source == "SKB (uji)"


async def test_years_without_confirmed_days_are_flagged(db: None) -> None:
    assert not package_year(2300)
    empty = await calendar_year(2300)
    assert empty.days == [] and not empty.confirmed
    assert "belum ada" in holiday_sources.warning_text(empty)
    no_skb = await calendar_year(2028)  # the package computes 2028, no SKB (no cuti bersama) yet
    assert no_skb.days and not no_skb.cuti_bersama_known and not no_skb.confirmed
    assert "Cuti bersama tahun 2028" in holiday_sources.warning_text(no_skb)
    estimated = await calendar_year(2027)
    assert {d.day for d in estimated.estimated} >= {D(2027, 3, 10), D(2027, 3, 11)}
    assert "2027-03-10" in holiday_sources.warning_text(estimated)
    # The admin confirms the estimated days with the SKB: the year becomes confirmed.
    for day in estimated.estimated:
        await Holiday.insert(
            Holiday(day=day.day, name=day.name.replace(" (perkiraan)", ""), kind=day.kind, source="SKB 2027 (uji)")
        )
    assert (await calendar_year(2027)).confirmed
    assert await holiday_sources.calendar_warnings([2025, 2027]) == []
    assert len(await holiday_sources.calendar_warnings([2025, 2028])) == 1


async def _open_complaint(created_at: datetime, status: str = "received") -> int:
    now = datetime.now(UTC)
    rows = await Complaint.insert(
        Complaint(
            tracking_code=f"T{created_at:%m%d%H}{status[:3]}",
            title="Uji",
            description="Uji",
            status=status,
            created_at=created_at,
            updated_at=now,
            verify_due_at=datetime(2025, 4, 1, *WIB_END, tzinfo=UTC),
        )  # as counted without holidays
    ).returning(Complaint.id)
    return rows[0]["id"]


async def test_calendar_changes_recompute_open_deadlines(client) -> None:
    await make_user("sysadmin", "system_admin")
    await login(client, "sysadmin")
    open_id = await _open_complaint(wib(2025, 3, 27, 9))
    closed_id = await _open_complaint(wib(2025, 3, 27, 9), status="closed")
    year = datetime.now(UTC).year
    response = await post_form(
        client, "/staf/hari-libur", {"day": f"{year}-11-30", "name": "Hari Jadi", "kind": "lokal", "source": "Perda"}
    )
    assert response.status_code == 303 and response.headers["location"] == "/staf/hari-libur?recomputed=1"
    stored = {r["id"]: r for r in await Complaint.select(Complaint.id, Complaint.verify_due_at)}
    assert stored[open_id]["verify_due_at"] == datetime(2025, 4, 10, *WIB_END, tzinfo=UTC)
    assert stored[closed_id]["verify_due_at"] == datetime(2025, 4, 1, *WIB_END, tzinfo=UTC)
    page = html(await client.get(response.headers["location"]))
    assert "1 pengaduan" in page.find(id="calendar-notice").text
    row = page.find("tr", attrs={"data-day": f"{year}-11-30"})
    assert "Perda" in row.text
    entry = (await AuditLog.select().where(AuditLog.action == "holiday_add"))[0]
    assert json.loads(entry["after"])["deadlines_recomputed"] == 1

    # Removing a package day is a correction (a removal row) and recomputes too.
    idul = "2025-04-01"
    assert (await post_form(client, f"/staf/hari-libur/{idul}/hapus", {"source": "uji"})).status_code == 303
    removal = await Holiday.select().where(Holiday.day == D(2025, 4, 1)).first()
    assert removal["removed"] is True
    stored = await Complaint.select(Complaint.verify_due_at).where(Complaint.id == open_id).first()
    assert stored["verify_due_at"] == datetime(2025, 4, 9, *WIB_END, tzinfo=UTC)
    assert (await post_form(client, f"/staf/hari-libur/{idul}/hapus", {})).status_code == 303  # restore
    assert (await post_form(client, "/staf/hari-libur/2025-04-05/hapus", {})).status_code == 404
    assert (await post_form(client, "/staf/hari-libur/bukan-tanggal/hapus", {})).status_code == 404
    stored = await Complaint.select(Complaint.verify_due_at).where(Complaint.id == open_id).first()
    assert stored["verify_due_at"] == datetime(2025, 4, 10, *WIB_END, tzinfo=UTC)


def test_cli_lists_the_days_off_of_a_year(db: None) -> None:
    runner = CliRunner()
    result = runner.invoke(holidays_cli, ["list", "--year", "2025"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 28
    source = holiday_sources.package_source()
    assert f"2025-03-31 Hari Raya Idul Fitri {source}" in lines
    assert any(line.startswith("2025-04-07 Cuti Bersama") for line in lines)
    assert all(line[:4] == "2025" and line.endswith(source) for line in lines)

    asyncio.run(holiday_sources.add_holiday(D(2025, 11, 3), "Hari Jadi Kabupaten", "lokal", "Perda 7/2010"))
    lines = runner.invoke(holidays_cli, ["list", "--year", "2025"]).stdout.splitlines()
    assert "2025-11-03 Hari Jadi Kabupaten Perda 7/2010" in lines

    unconfirmed = runner.invoke(holidays_cli, ["list", "--year", "2028"])
    assert unconfirmed.exit_code == 0
    assert "Peringatan: Cuti bersama tahun 2028 belum ditetapkan" in unconfirmed.stderr


async def test_staff_pages_warn_about_unconfirmed_years(client, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.helpers import make_unit

    unit = await make_unit()
    await make_user("petugas", "unit_officer", unit)
    await login(client, "petugas")
    monkeypatch.setattr(holiday_sources, "deadline_years", lambda today=None: [2028])
    warning = html(await client.get("/staf/pengaduan")).find(id="calendar-warnings")
    assert warning is not None and "2028" in warning.text
    monkeypatch.setattr(holiday_sources, "deadline_years", lambda today=None: [2025, 2026])
    assert html(await client.get("/staf/pengaduan")).find(id="calendar-warnings") is None


def test_cli_recompute_is_audited(db: None) -> None:
    complaint_id = asyncio.run(_open_complaint(wib(2025, 3, 27, 9)))
    result = CliRunner().invoke(holidays_cli, ["recompute"])
    assert result.exit_code == 0 and "Tenggat 1 pengaduan" in result.stdout
    row = asyncio.run(Complaint.select(Complaint.verify_due_at).where(Complaint.id == complaint_id).first().run())
    assert row["verify_due_at"] == datetime(2025, 4, 10, *WIB_END, tzinfo=UTC)
    assert "Tenggat 0 pengaduan" in CliRunner().invoke(holidays_cli, ["recompute"]).stdout
    entries = asyncio.run(AuditLog.select().where(AuditLog.action == "deadlines_recompute").run())
    assert [json.loads(e["after"])["deadlines_recomputed"] for e in entries] == [1, 0]
