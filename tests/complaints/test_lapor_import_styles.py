"""SP4N-LAPOR! imports: both export styles' statuses, file order, agency + government matching, Excel dates,
dry runs and provenance (docs/lapor-import.md). Fixtures are written by tests/complaints/lapor_fixtures.py."""

import hashlib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaints.cli import lapor
from complaints.lapor_import import import_workbook
from complaints.lapor_units import AliasFileError, load_aliases
from complaints.tables import Complaint, ComplaintEvent, LaporImport
from portal.tables import AuditLog
from tests.complaints.lapor_fixtures import book, snake_row, title_row
from tests.helpers import make_unit

SUKAMAJU = "Pemerintah Kabupaten Sukamaju"
OLDER = datetime(2024, 10, 1, 8, 0)
NEWER = datetime(2024, 12, 1, 8, 0)


async def units() -> dict[str, int]:
    return {
        "dishub": await make_unit("dishub", "Dinas Perhubungan", parent_agency=SUKAMAJU),
        "disdukcapil": await make_unit(
            "disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", parent_agency=SUKAMAJU
        ),
    }


async def stored() -> dict[str, dict]:
    return {r["lapor_tracking_id"]: r for r in await Complaint.select()}


async def test_every_status_of_both_styles_is_mapped(db: None) -> None:
    await units()
    snake = [
        snake_row("s1", "Selesai"),
        snake_row("s2", "Diproses"),
        snake_row("s3", "Menunggu"),
        snake_row(
            "s4",
            "Selesai",
            status="Diarsipkan oleh Sistem",
            reason="Laporan diarsipkan karena sudah mencapai batas kadaluarsa pengaduan.",
        ),
        snake_row("s5", "Selesai", status="Ditutup oleh Pelapor"),
        snake_row("s6", "Menunggu", status="Menunggu Kelengkapan Informasi"),
        snake_row("s7", "Diproses", status="Terverifikasi"),
    ]
    result = await import_workbook(book(snake, snake=True, created=OLDER))
    assert (result.imported, result.rejected) == (7, [])
    rows = await stored()
    expected = {
        "s1": ("closed", "Selesai", "lapor", ""),
        "s2": ("routed", "Diproses", "", ""),
        "s3": ("received", "Menunggu", "", ""),
        "s4": ("archived", "Diarsipkan oleh Sistem", "", "kedaluwarsa"),
        "s5": ("closed", "Ditutup oleh Pelapor", "lapor", ""),
        "s6": ("needs_info", "Menunggu Kelengkapan Informasi", "", ""),
        "s7": ("verified", "Terverifikasi", "", ""),
    }
    for tid, values in expected.items():
        row = rows[tid]
        assert (row["status"], row["lapor_status"], row["closed_by"], row["archive_reason"]) == values, tid
    # Finished reports are not open, overdue or waiting for triage.
    assert rows["s1"]["verify_due_at"] is None and not rows["s1"]["needs_triage"]
    assert dict(((a, b), n) for a, b, n in result.transition_lines()) == {
        ("baru", "archived"): 1,
        ("baru", "closed"): 2,
        ("baru", "needs_info"): 1,
        ("baru", "received"): 1,
        ("baru", "routed"): 1,
        ("baru", "verified"): 1,
    }


def older_snake() -> bytes:
    return book(
        [
            snake_row("9001", "Diproses"),
            snake_row("9002", "Menunggu"),
            snake_row("9003", "Selesai"),
            snake_row("9004", "Diproses"),
            snake_row("9005", "Selesai"),
        ],
        snake=True,
        created=OLDER,
    )


def newer_title() -> bytes:
    return book(
        [
            title_row("9001", "Ditutup oleh Admin"),
            title_row("9002", "Menunggu Kelengkapan Informasi"),
            title_row("9003", "Ditutup oleh Sistem"),
            title_row("9004", "Diarsipkan oleh Admin"),
            title_row("9006", "Belum Terverifikasi"),
        ],
        created=NEWER,
    )


FINAL = {
    "9001": ("closed", "Ditutup oleh Admin"),
    "9002": ("needs_info", "Menunggu Kelengkapan Informasi"),
    "9003": ("closed", "Ditutup oleh Sistem"),
    "9004": ("archived", "Diarsipkan oleh Admin"),
    "9005": ("closed", "Selesai"),
    "9006": ("received", "Belum Terverifikasi"),
}


async def test_older_snake_then_newer_title_then_again_is_stable(db: None) -> None:
    await units()
    first = await import_workbook(older_snake())
    assert first.imported == 5
    second = await import_workbook(newer_title())
    assert (second.imported, second.updated, second.unchanged, second.older) == (1, 4, 0, 0)
    assert dict(((a, b), n) for a, b, n in second.transition_lines()) == {
        ("baru", "received"): 1,
        ("routed", "closed"): 1,
        ("received", "needs_info"): 1,
        ("closed", "closed"): 1,
        ("routed", "archived"): 1,
    }
    events = await ComplaintEvent.count()
    for _ in range(2):  # both files again, twice: nothing moves
        again_old = await import_workbook(older_snake())
        assert (again_old.imported, again_old.updated, again_old.older) == (0, 0, 4)
        again_new = await import_workbook(newer_title())
        assert (again_new.imported, again_new.updated, again_new.unchanged) == (0, 0, 5)
    assert await ComplaintEvent.count() == events
    assert {k: (v["status"], v["lapor_status"]) for k, v in (await stored()).items()} == FINAL


async def test_newer_title_then_older_snake_gives_the_same_result(db: None) -> None:
    await units()
    await import_workbook(newer_title())
    old = await import_workbook(older_snake())
    assert (old.imported, old.updated, old.older) == (1, 0, 4)  # 9005 is new; the others are not moved back
    assert old.transition_lines() == [("baru", "closed", 1)]
    for _ in range(2):
        assert (await import_workbook(older_snake())).updated == 0
        assert (await import_workbook(newer_title())).updated == 0
    assert {k: (v["status"], v["lapor_status"]) for k, v in (await stored()).items()} == FINAL


async def test_files_of_the_same_date_only_move_reports_forward(db: None) -> None:
    await units()
    await import_workbook(
        book([title_row("9101", "Ditutup oleh Admin"), title_row("9102", "Belum Terverifikasi")], created=OLDER)
    )
    same_day = book(
        [snake_row("9101", "Diproses"), snake_row("9102", "Selesai", status="Ditutup oleh Sistem")],
        snake=True,
        created=OLDER,
    )
    result = await import_workbook(same_day)
    assert (result.updated, result.unchanged) == (1, 1)
    rows = await stored()
    assert (rows["9101"]["status"], rows["9101"]["lapor_status"]) == ("closed", "Ditutup oleh Admin")
    assert (rows["9102"]["status"], rows["9102"]["lapor_status"]) == ("closed", "Ditutup oleh Sistem")
    # The same stage in other words ("Selesai" for "Ditutup ...") is not a change either.
    again = await import_workbook(book([snake_row("9101", "Selesai")], snake=True, created=OLDER))
    assert (again.updated, again.unchanged) == (0, 1)


async def test_units_match_on_agency_and_government(db: None, tmp_path: Path) -> None:
    ids = await units()
    rows = [
        title_row(
            "9201", "Belum Terverifikasi", unit="Dinas Perhubungan Kota Bandung", parent="Pemerintah Kota Bandung"
        ),
        title_row(
            "9202", "Belum Terverifikasi", unit="Dinas Perhubungan Kab. Bandung", parent="Pemerintah Kab. Bandung"
        ),
        title_row("9203", "Belum Terverifikasi", unit="Dinas Perhubungan Kab. Sukamaju"),
        title_row("9204", "Belum Terverifikasi", unit="DISHUB KABUPATEN SUKAMAJU"),
        title_row("9205", "Belum Terverifikasi", unit="Tidak Diketahui", parent="Tidak Diketahui"),
        title_row(
            "9206", "Belum Terverifikasi", unit="Dinas Perhubungan Kota Bandung", parent="Pemerintah Kota Bandung"
        ),
        title_row("9207", "Belum Terverifikasi", unit="Dinas Perhubungan", parent=SUKAMAJU),
        title_row(
            "9208", "Ditutup oleh Admin", unit="Dinas Perhubungan Kota Bandung", parent="Pemerintah Kota Bandung"
        ),
    ]
    result = await import_workbook(book(rows, created=OLDER))
    stored_rows = await stored()
    units_of = {tid: r["unit"] for tid, r in stored_rows.items()}
    assert units_of == {
        "9201": None,
        "9202": None,
        "9203": ids["dishub"],
        "9204": None,
        "9205": None,
        "9206": None,
        "9207": ids["dishub"],
        "9208": None,
    }
    assert stored_rows["9201"]["needs_triage"] and stored_rows["9205"]["needs_triage"]
    assert not stored_rows["9208"]["needs_triage"]  # closed: nothing to route
    # Each unknown agency once, with its count; "Tidak Diketahui" is no agency at all.
    lines = result.agency_lines()
    assert [(agency, n) for agency, _reason, n in lines] == [
        ("Dinas Perhubungan Kota Bandung", 3),
        ("Dinas Perhubungan Kab. Bandung", 1),
        ("DISHUB KABUPATEN SUKAMAJU", 1),
    ]
    assert "pemerintah lain (Kota Bandung)" in lines[0][1] and "pemerintah lain (Kabupaten Bandung)" in lines[1][1]
    assert result.without_agency == 1
    note = (
        await ComplaintEvent.select()
        .where((ComplaintEvent.complaint == stored_rows["9201"]["id"]) & (ComplaintEvent.event_type == "note"))
        .first()
    )
    assert "pemerintah lain" in note["note"] and note["is_public"] is False
    assert (await import_workbook(book(rows, created=OLDER))).agency_lines() == []  # unchanged: nothing again

    aliases_file = tmp_path / "alias.toml"
    aliases_file.write_text('government = "Kabupaten Sukamaju"\n[units]\n"Dishub Kab. Sukamaju" = "dishub"\n')
    aliases = load_aliases(aliases_file)
    with_alias = await import_workbook(
        book([title_row("9204", "Belum Terverifikasi", unit="DISHUB KABUPATEN SUKAMAJU")], created=NEWER),
        aliases=aliases,
    )
    assert with_alias.updated == 1
    assert (await stored())["9204"]["unit"] == ids["dishub"]
    bad = tmp_path / "rusak.toml"
    bad.write_text("[units]\nx = 3\n")
    with pytest.raises(AliasFileError):
        load_aliases(bad)


async def test_government_setting_for_units_without_parent_agency(db: None) -> None:
    unit = await make_unit("dlh", "Dinas Lingkungan Hidup")
    rows = [
        title_row("9301", "Belum Terverifikasi", unit="Dinas Lingkungan Hidup Kab. Sukamaju"),
        title_row("9302", "Belum Terverifikasi", unit="Dinas Lingkungan Hidup Kota Bandung"),
    ]
    await import_workbook(book(rows), government="Kabupaten Sukamaju")
    assert {k: v["unit"] for k, v in (await stored()).items()} == {"9301": unit, "9302": None}


async def test_excel_serial_dates_and_both_date_formats(db: None) -> None:
    await units()
    serial = (date(2024, 1, 18) - date(1899, 12, 30)).days
    rows = [
        title_row("9401", "Belum Terverifikasi", day=serial, clock=(1 * 3600 + 33 * 60 + 26) / 86400),
        title_row("9402", "Belum Terverifikasi", day=str(serial), clock="01:33:26"),
        title_row("9403", "Belum Terverifikasi", day=serial + (1 * 3600 + 33 * 60 + 26) / 86400, clock=""),
        title_row("9404", "Belum Terverifikasi", day=datetime(2024, 1, 18, 1, 33, 26), clock=""),
        title_row("9405", "Belum Terverifikasi", day="18 Januari 2024", clock="01.33.26"),
        title_row("9406", "Belum Terverifikasi", day="2024-01-18 01:33:26", clock=""),
        title_row("9407", "Belum Terverifikasi", day="18/01/2024", clock="01:33:26"),
        title_row("9408", "Belum Terverifikasi", day="123", clock=""),
    ]
    result = await import_workbook(book(rows, sheet="Data Laporan"))
    assert result.sheet == "Data Laporan"
    assert [row for row, _reason in result.rejected] == [9]
    expected = datetime(2024, 1, 17, 18, 33, 26, tzinfo=UTC)  # 01:33:26 WIB
    for tid, row in (await stored()).items():
        assert abs(row["created_at"] - expected) <= timedelta(seconds=1), tid


async def test_dry_run_reports_and_writes_nothing(db: None) -> None:
    await units()
    dry = await import_workbook(older_snake(), dry_run=True)
    assert (dry.imported, dry.dry_run) == (5, True)
    assert await Complaint.count() == 0 and await LaporImport.count() == 0 and await AuditLog.count() == 0
    await import_workbook(older_snake())
    before = await stored()
    preview = await import_workbook(newer_title(), dry_run=True)
    assert (preview.imported, preview.updated) == (1, 4)
    assert await stored() == before and await LaporImport.count() == 1


async def test_each_fact_carries_its_provenance(db: None) -> None:
    await units()
    data = newer_title()
    await import_workbook(data, filename="lapor-des.xlsx", actor_name="admin.sistem")
    source = await LaporImport.select().output(load_json=True).first()
    assert (source["kind"], source["filename"], source["sheet"], source["actor_name"]) == (
        "export",
        "lapor-des.xlsx",
        "Laporan Ringkas",
        "admin.sistem",
    )
    assert source["sha256"] == hashlib.sha256(data).hexdigest()
    assert source["file_as_of"] == NEWER.replace(tzinfo=UTC)
    assert source["summary"]["imported"] == 5 and source["summary"]["sheet"] == "Laporan Ringkas"
    rows = await stored()
    assert rows["9001"]["lapor_import"] == source["id"] and rows["9001"]["lapor_row"] == 2
    assert rows["9006"]["lapor_row"] == 6


def test_cli_dry_run_progress_and_summary(db: None, tmp_path: Path) -> None:
    import asyncio

    asyncio.run(units())
    export = tmp_path / "ekspor.xlsx"
    export.write_bytes(
        book(
            [
                title_row("9501", "Ditutup oleh Admin"),
                title_row("9502", "Belum Terverifikasi", unit="Dinas Perhubungan Kota Bandung"),
            ]
        )
    )
    runner = CliRunner()
    dry = runner.invoke(lapor, ["import", "--dry-run", str(export)])
    assert dry.exit_code == 0, dry.output
    assert "Uji coba (--dry-run)" in dry.stdout and "Diimpor: 2" in dry.stdout
    assert "baru -> closed: 1" in dry.stdout
    assert 'Instansi "Dinas Perhubungan Kota Bandung" milik pemerintah lain' in dry.stdout
    assert "Mengimpor" in dry.stderr and "Mengimpor" not in dry.stdout  # the progress bar is on stderr
    assert asyncio.run(Complaint.count().run()) == 0
    real = runner.invoke(lapor, ["import", str(export)])
    assert "Diimpor: 2" in real.stdout and asyncio.run(Complaint.count().run()) == 2


def test_cli_warns_about_unconfirmed_calendars_of_imported_reports(db: None, tmp_path: Path) -> None:
    import asyncio

    asyncio.run(units())
    export = tmp_path / "ekspor.xlsx"
    export.write_bytes(book([title_row("9601", "Belum Terverifikasi", day="18 Jan 2030")]))
    result = CliRunner().invoke(lapor, ["import", str(export)])
    assert result.exit_code == 0, result.output
    assert "Peringatan: Cuti bersama tahun 2030 belum ditetapkan" in result.stderr


async def test_upload_page_dry_run_names_the_sheet_and_changes(client) -> None:
    from tests.helpers import csrf_token, html, login, make_user

    await units()
    await make_user("sysadmin", "system_admin")
    await login(client, "sysadmin")
    export = book(
        [
            title_row("9701", "Ditutup oleh Admin"),
            title_row("9702", "Belum Terverifikasi", unit="Dinas Perhubungan Kota Bandung"),
        ],
        sheet="Data",
    )

    async def upload(**fields: str):
        return await client.post(
            "/staf/lapor/impor",
            data={"_csrf_token": await csrf_token(client), **fields},
            files={"file": ("ekspor.xlsx", export, "application/octet-stream")},
        )

    dry = html(await upload(dry_run="1")).find(id="import-report")
    assert "Hasil uji coba" in dry.text and "Data" in dry.text
    assert "Dinas Perhubungan Kota Bandung" in dry.find(id="import-agencies").text
    assert len(dry.find(id="import-transitions").find("tbody").find_all("tr")) == 2
    assert await Complaint.count() == 0 and await LaporImport.count() == 0
    real = html(await upload()).find(id="import-report")
    assert "Hasil impor" in real.text and await Complaint.count() == 2
