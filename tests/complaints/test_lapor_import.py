"""SP4N-LAPOR! export import: both header styles, bad rows, idempotency, refusal, the CLI."""

import asyncio
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from complaints.cli import lapor
from complaints.lapor_import import NotALaporExport, import_workbook
from complaints.tables import Complaint, ComplaintEvent
from portal.audit import entries_for
from portal.tables import AuditLog
from tests.helpers import make_unit

BANDUNG = "Pemerintah Kabupaten Bandung"
TITLE_HEADERS = [
    "Tracking ID",
    "Tanggal Laporan Masuk",
    "Waktu Laporan Masuk",
    "Klasifikasi Laporan",
    "ID Kategori",
    "Kategori",
    "Judul Laporan",
    "Isi Laporan Awal",
    "Isi Laporan Akhir",
    "Tipe Laporan (Anonim/Rahasia)",
    "Sumber Laporan",
    "Instansi Induk",
    "ID Instansi Terdisposisi",
    "Instansi Terdisposisi",
    "Status Laporan",
    "Alasan Tunda/Arsip",
    "Provinsi",
    "Kota/Kabupaten",
    "Kecamatan",
    "Kelurahan",
]
SNAKE_HEADERS = [
    "tracking_id",
    "tanggal_masuk",
    "waktu_masuk",
    "klasifikasi",
    "id_kategori",
    "kategori",
    "judul",
    "isi_laporan_awal",
    "isi_laporan_akhir",
    "sumber_laporan",
    "instansi_induk",
    "dinas_tujuan",
    "status",
    "alasan_tunda",
    "provinsi",
    "kota_kabupaten",
    "status_final",
    "kecamatan_final",
]


def report(
    tid,
    status="Belum Terverifikasi",
    *,
    unit="Dinas Pertanian Kabupaten Bandung",
    day="18 Jan 2024",
    clock="01:33:26",
    kind="Pengaduan Tidak Berkadar Pengawasan",
    tipe="",
    reason="",
    title="Jalan rusak",
    final="Jalan di depan balai desa berlubang.",
    initial=None,
) -> dict:
    return {
        "Tracking ID": tid,
        "Tanggal Laporan Masuk": day,
        "Waktu Laporan Masuk": clock,
        "Klasifikasi Laporan": kind,
        "ID Kategori": "1012",
        "Kategori": "Jalan Berlubang",
        "Judul Laporan": title,
        "Isi Laporan Awal": "Isi awal " + final if initial is None else initial,
        "Isi Laporan Akhir": final,
        "Tipe Laporan (Anonim/Rahasia)": tipe,
        "Sumber Laporan": "Website",
        "Instansi Induk": "Pemerintah Kabupaten Bandung",
        "ID Instansi Terdisposisi": "55",
        "Instansi Terdisposisi": unit,
        "Status Laporan": status,
        "Alasan Tunda/Arsip": reason,
        "Provinsi": "Jawa Barat",
        "Kota/Kabupaten": "Bandung",
        "Kecamatan": "CIPARAY",
        "Kelurahan": "",
    }


def workbook(rows: list[dict], *, sheet: str = "Laporan Ringkas", snake: bool = False) -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = sheet
    if snake:
        mapping = {
            "tracking_id": "Tracking ID",
            "tanggal_masuk": "Tanggal Laporan Masuk",
            "waktu_masuk": "Waktu Laporan Masuk",
            "klasifikasi": "Klasifikasi Laporan",
            "id_kategori": "ID Kategori",
            "kategori": "Kategori",
            "judul": "Judul Laporan",
            "isi_laporan_awal": "Isi Laporan Awal",
            "isi_laporan_akhir": "Isi Laporan Akhir",
            "sumber_laporan": "Sumber Laporan",
            "instansi_induk": "Instansi Induk",
            "dinas_tujuan": "Instansi Terdisposisi",
            "status": "Status Laporan",
            "alasan_tunda": "Alasan Tunda/Arsip",
            "provinsi": "Provinsi",
            "kota_kabupaten": "Kota/Kabupaten",
            "status_final": "Status Laporan",
            "kecamatan_final": "Kecamatan",
        }
        ws.append(SNAKE_HEADERS)
        for row in rows:
            ws.append([row.get(mapping[h], "") for h in SNAKE_HEADERS])
    else:
        ws.append(TITLE_HEADERS)
        for row in rows:
            ws.append([row.get(h, "") for h in TITLE_HEADERS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


ALL_STATUSES = [
    ("1001", "Belum Terverifikasi", "", "received", "", ""),
    ("1002", "Menunggu Kelengkapan Informasi", "", "needs_info", "", ""),
    ("1003", "Ditutup oleh Sistem", "", "closed", "lapor", ""),
    ("1004", "Ditutup oleh Admin", "", "closed", "lapor", ""),
    ("1005", "Ditutup oleh Pelapor", "", "closed", "lapor", ""),
    ("1006", "Diarsipkan oleh Admin", "Laporan tidak jelas.", "archived", "", "tidak_jelas"),
    ("1007", "Diarsipkan oleh Pelapor", "", "archived", "", "tidak_jelas"),
    (
        "1008",
        "Diarsipkan oleh Sistem",
        "Laporan diarsipkan karena sudah mencapai batas kadaluarsa pengaduan.",
        "archived",
        "",
        "kedaluwarsa",
    ),
    ("1009", "Sedang Diproses Instansi", "", "routed", "", ""),  # a value not in the list: kept, not failed
]


async def test_title_case_export_all_statuses_and_fields(db: None) -> None:
    unit = await make_unit("distan", "Dinas Pertanian", parent_agency=BANDUNG)
    rows = [report(tid, status, reason=reason) for tid, status, reason, *_rest in ALL_STATUSES]
    rows.append(report("2001", tipe="Anonim|Rahasia", kind="Permintaan Informasi", clock="23:10:00"))
    rows.append(report("2002", kind="Aspirasi", tipe="Anonim"))
    rows.append(report("2003", kind=""))
    result = await import_workbook(workbook(rows), filename="ekspor.xlsx")
    assert (result.imported, result.updated, result.unchanged, result.rejected) == (12, 0, 0, [])

    stored = {r["lapor_tracking_id"]: r for r in await Complaint.select()}
    for tid, raw, _reason, status, closed_by, archive_reason in ALL_STATUSES:
        c = stored[tid]
        assert (c["status"], c["closed_by"], c["archive_reason"], c["lapor_status"]) == (
            status,
            closed_by,
            archive_reason,
            raw,
        ), tid
        assert c["unit"] == unit and c["channel"] == "lapor" and c["topic_source"] == "import"
        assert c["identity_stored"] is False and c["reporter_name"] == "" and c["reporter_email"] == ""
    first = stored["1001"]
    assert first["created_at"] == datetime(2024, 1, 17, 18, 33, 26, tzinfo=UTC)  # 01:33:26 WIB
    assert first["description"] == "Jalan di depan balai desa berlubang."  # Isi Laporan Akhir
    assert first["title"] == "Jalan rusak"
    assert first["location_text"] == "CIPARAY, Bandung, Jawa Barat"
    assert first["verify_due_at"] is not None and stored["1003"]["verify_due_at"] is None
    assert stored["1003"]["closed_at"] == stored["1003"]["created_at"]
    assert stored["2001"]["kind"] == "permintaan_informasi"
    assert stored["2001"]["is_anonymous"] and stored["2001"]["is_confidential"]
    assert stored["2002"]["kind"] == "aspirasi" and stored["2002"]["is_anonymous"]
    assert not stored["2002"]["is_confidential"]
    assert stored["2003"]["kind"] == "pengaduan"
    assert len({c["tracking_code"] for c in stored.values()}) == 12

    events = (
        await ComplaintEvent.select()
        .where(ComplaintEvent.complaint == stored["1008"]["id"])
        .order_by(ComplaintEvent.id)
    )
    assert [(e["event_type"], e["to_status"]) for e in events] == [("filed", "received"), ("transition", "archived")]
    assert all(e["occurred_at"] == stored["1008"]["created_at"] for e in events)
    assert "kadaluarsa" in events[1]["note"] and events[0]["actor_role"] == "import"
    assert len(await entries_for("lapor_export", "ekspor.xlsx")) == 1


async def test_snake_case_export_first_sheet_and_unit_matching(db: None) -> None:
    dinkes = await make_unit("dinkes", "Dinas Kesehatan Kabupaten Bandung")
    await make_unit("disdik", "Dinas Pendidikan", parent_agency=BANDUNG)
    rows = [
        report("3001", unit="DINAS KESEHATAN KABUPATEN BANDUNG", status="Ditutup oleh Admin"),
        report("3002", unit="Dinas Pendidikan Kota Bandung"),
        report("3003", unit="Badan Yang Tidak Ada Kabupaten Bandung", status="Sedang Diproses"),
        report("3004", unit=""),
    ]
    result = await import_workbook(workbook(rows, sheet="Sheet1", snake=True))
    assert result.imported == 4 and result.rejected == []
    stored = {r["lapor_tracking_id"]: r for r in await Complaint.select()}
    assert stored["3001"]["unit"] == dinkes and stored["3001"]["status"] == "closed"
    # Another government's agency of the same name: no unit, triage, with the reason.
    assert stored["3002"]["unit"] is None and stored["3002"]["status"] == "received"
    assert stored["3002"]["needs_triage"] is True
    # An unknown disposed unit: imported without a unit, waiting for triage, summarised once per agency.
    assert stored["3003"]["unit"] is None and stored["3003"]["status"] == "received"
    assert stored["3003"]["needs_triage"] is True
    assert result.warnings == []
    reasons = [reason for _agency, reason, _n in result.agency_lines()]
    assert any("Badan Yang Tidak Ada" in r and "tidak dikenal" in r for r in reasons)
    assert any("Dinas Pendidikan Kota Bandung" in r and "pemerintah lain (Kota Bandung)" in r for r in reasons)
    assert result.without_agency == 1


async def test_bad_rows_are_rejected_with_reasons_and_the_rest_imported(db: None) -> None:
    rows = [
        report("4001"),
        report("", title="tanpa id"),
        report("4002", day="31 Feb 2024"),
        report("4003", day="kemarin"),
        report("4004", clock="25:99"),
        report("4001", title="duplikat"),
        report("4005", kind="Keluhan Umum"),
        report("4006", title="", final="", initial=""),
        report("4008", title="", final="", initial="Hanya isi awal yang ada."),
        report("4007", day="18/01/2024", clock=""),
    ]
    result = await import_workbook(workbook(rows))
    assert result.imported == 3
    reasons = dict(result.rejected)
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8, 9]
    assert "Tracking ID kosong" in reasons[3]
    assert "31 Feb 2024" in reasons[4] and "kemarin" in reasons[5]
    assert "25:99" in reasons[6]
    assert "ganda" in reasons[7] and "baris 2" in reasons[7]
    assert "Keluhan Umum" in reasons[8]
    assert "kosong" in reasons[9]
    assert await Complaint.count() == 3
    only_initial = await Complaint.select().where(Complaint.lapor_tracking_id == "4008").first()
    assert only_initial["description"] == only_initial["title"] == "Hanya isi awal yang ada."


async def test_second_import_adds_nothing_and_updates_changed_statuses(db: None) -> None:
    await make_unit("distan", "Dinas Pertanian", parent_agency=BANDUNG)
    first = [report("5001"), report("5002"), report("5003", status="Diarsipkan oleh Admin")]
    await import_workbook(workbook(first))
    complaints_before = await Complaint.count()
    events_before = await ComplaintEvent.count()

    again = await import_workbook(workbook(first))
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 3)
    assert await Complaint.count() == complaints_before and await ComplaintEvent.count() == events_before

    changed = [
        report("5001", status="Ditutup oleh Pelapor"),
        report("5002"),
        report("5003", status="Diarsipkan oleh Admin"),
    ]
    result = await import_workbook(workbook(changed))
    assert (result.imported, result.updated, result.unchanged) == (0, 1, 2)
    c = await Complaint.select().where(Complaint.lapor_tracking_id == "5001").first()
    assert (c["status"], c["closed_by"], c["lapor_status"]) == ("closed", "lapor", "Ditutup oleh Pelapor")
    sync = await ComplaintEvent.select().where(
        (ComplaintEvent.complaint == c["id"]) & (ComplaintEvent.event_type == "lapor_sync")
    )
    assert [(e["from_status"], e["to_status"]) for e in sync] == [("received", "closed")]
    audit_rows = await AuditLog.select().where(AuditLog.action == "lapor_sync")
    assert len(audit_rows) == 1 and json.loads(audit_rows[0]["after"])["status"] == "closed"
    archived = await Complaint.select().where(Complaint.lapor_tracking_id == "5003").first()
    assert archived["status"] == "archived"


async def test_resync_never_moves_portal_work_backwards(db: None) -> None:
    await make_unit("distan", "Dinas Pertanian", parent_agency=BANDUNG)
    await import_workbook(workbook([report("6001")]))
    await Complaint.update({Complaint.status: "in_progress"}).where(Complaint.lapor_tracking_id == "6001")
    result = await import_workbook(workbook([report("6001", status="Menunggu Kelengkapan Informasi")]))
    assert result.updated == 1
    c = await Complaint.select().where(Complaint.lapor_tracking_id == "6001").first()
    assert c["status"] == "in_progress" and c["lapor_status"] == "Menunggu Kelengkapan Informasi"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"Tracking ID,Tanggal Laporan Masuk\n1,18 Jan 2024\n",
        b"%PDF-1.4\n%%EOF",
    ],
)
async def test_files_that_are_not_exports_are_refused(db: None, data: bytes) -> None:
    with pytest.raises(NotALaporExport, match="bukan"):
        await import_workbook(data)
    assert await Complaint.count() == 0


async def test_workbook_without_tracking_id_column_is_refused(db: None) -> None:
    book = Workbook()
    book.active.append(["Nama", "Alamat"])
    book.active.append(["Budi", "Jl. Melati"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(NotALaporExport, match="Tracking ID"):
        await import_workbook(out.getvalue())
    assert await Complaint.count() == 0 and await AuditLog.count() == 0


def test_cli_imports_reports_and_refuses(db: None, tmp_path: Path) -> None:
    asyncio.run(make_unit("distan", "Dinas Pertanian", parent_agency=BANDUNG))
    export = tmp_path / "laporan.xlsx"
    export.write_bytes(workbook([report("7001"), report("7002", day="??"), report("7003", unit="Dinas X")]))
    runner = CliRunner()
    result = runner.invoke(lapor, ["import", str(export)])
    assert result.exit_code == 0, result.output
    assert "Diimpor: 2, diperbarui: 0, tidak berubah: 0, dilewati (berkas lebih lama): 0, ditolak: 1" in result.stdout
    assert "baris 3: ditolak" in result.stdout
    assert '1 laporan: Instansi "Dinas X" tidak dikenal.' in result.stdout
    assert "Lembar: Laporan Ringkas" in result.stdout
    second = runner.invoke(lapor, ["import", str(export)])
    assert "Diimpor: 0, diperbarui: 0, tidak berubah: 2, dilewati (berkas lebih lama): 0, ditolak: 1" in second.stdout
    assert "Dinas X" not in second.stdout  # an unchanged re-import prints no agency again

    not_export = tmp_path / "catatan.xlsx"
    not_export.write_text("bukan excel")
    refused = runner.invoke(lapor, ["import", str(not_export)])
    assert refused.exit_code == 2
    assert "bukan berkas Excel" in refused.output


async def test_staff_upload_form(client) -> None:
    from tests.helpers import csrf_token, html, login, make_user

    await make_unit("distan", "Dinas Pertanian", parent_agency=BANDUNG)
    unit = await make_unit("lain", "Kantor Lain")
    await make_user("sysadmin", "system_admin")
    await make_user("admin-lain", "unit_admin", unit)
    await login(client, "admin-lain")
    assert (await client.get("/staf/lapor/impor")).status_code == 403
    await client.post("/keluar", data={"_csrf_token": await csrf_token(client)})
    await login(client, "sysadmin")
    assert (await client.get("/staf/lapor/impor")).status_code == 200

    async def upload(name: str, data: bytes):
        token = await csrf_token(client)
        return await client.post(
            "/staf/lapor/impor", data={"_csrf_token": token}, files={"file": (name, data, "application/octet-stream")}
        )

    export = workbook([report("8001"), report("8002", day="??"), report("8003", unit="Dinas X")])
    response = await upload("laporan.xlsx", export)
    assert response.status_code == 200
    result = html(response).find(id="import-report")
    assert "Diimpor: 2" in result.text and "Ditolak: 1" in result.text
    assert len(result.find_all("tr", class_="rejected")) == 1
    assert "Dinas X" in result.find(id="import-agencies").text
    again = html(await upload("laporan.xlsx", export)).find(id="import-report")
    assert "Diimpor: 0" in again.text and "Tidak berubah: 2" in again.text

    refused = await upload("foto.xlsx", b"\x89PNG\r\n\x1a\n not a workbook")
    assert refused.status_code == 422
    assert "bukan berkas Excel" in html(refused).find(id="import-error").text
    assert await Complaint.count() == 2
    runs = await AuditLog.select().where(AuditLog.action == "lapor_import")
    assert [r["actor_name"] for r in runs] == ["sysadmin", "sysadmin"]
