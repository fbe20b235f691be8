"""Import an SP4N-LAPOR! export ("Laporan Ringkas" .xlsx) into complaints (docs/lapor-import.md).

Idempotent on the Tracking ID: a report already imported (or already linked to a portal complaint) is
updated only when LAPOR!'s status or disposition changed, with a "lapor_sync" event and an audit entry.
A bad row is rejected with a reason and never stops the others; a file that is not such an export is
refused as a whole (NotALaporExport) before anything is written.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from complaints import public_copy
from portal import audit
from portal.db import write_transaction
from portal.i18n import _

WIB = timezone(timedelta(hours=7), "WIB")
PREFERRED_SHEET = "Laporan Ringkas"
IMPORT_ACTOR = "SP4N-LAPOR!"
MAX_TRACKING_ID = 40
MAX_HEADER_SCAN_ROWS = 10

# Normalised header -> field. Both header styles of lapor-export.md (Title Case and snake_case).
HEADERS: dict[str, str] = {
    "tracking_id": "tracking_id",
    "tanggal_laporan_masuk": "date",
    "tanggal_masuk": "date",
    "waktu_laporan_masuk": "time",
    "waktu_masuk": "time",
    "klasifikasi_laporan": "classification",
    "klasifikasi": "classification",
    "id_kategori": "category_id",
    "kategori": "category",
    "judul_laporan": "title",
    "judul": "title",
    "isi_laporan_awal": "text_initial",
    "isi_laporan_akhir": "text_final",
    "tipe_laporan_anonim_rahasia": "report_type",
    "tipe_laporan": "report_type",
    "sumber_laporan": "source",
    "instansi_induk": "parent_agency",
    "id_instansi_terdisposisi": "unit_id",
    "instansi_terdisposisi": "unit",
    "dinas_tujuan": "unit",
    "status_laporan": "status",
    "status": "status",
    "status_final": "status_final",
    "alasan_tunda_arsip": "reason",
    "alasan_tunda": "reason",
    "provinsi": "province",
    "kota_kabupaten": "city",
    "kecamatan": "district",
    "kecamatan_final": "district_final",
    "kelurahan": "village",
}
REQUIRED_FIELDS = ("tracking_id", "date")

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "mei": 5, "jun": 6, "jul": 7, "aug": 8, "agu": 8,
    "agt": 8, "ags": 8, "sep": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12, "des": 12,
}
DATE_RE = re.compile(r"^(\d{1,2})[ \-]([A-Za-z]{3,9})[ \-](\d{4})$")
NUMERIC_DATE_RE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
ISO_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
TIME_RE = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$")
TRACKING_ID_RE = re.compile(r"^[A-Za-z0-9\-]+$")

OPEN_STATUSES = ("received", "needs_info")
TERMINAL_STATUSES = ("closed", "archived")
STATUS_RANK = {
    "received": 0, "needs_info": 1, "verified": 2, "routed": 3, "in_progress": 4, "answered": 5,
    "closed": 6, "archived": 6,
}


class NotALaporExport(Exception):
    """The file is not an SP4N-LAPOR! export; str(exc) is a message for the user."""


@dataclass
class ImportReport:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": len(self.rejected),
            "warnings": len(self.warnings),
        }


@dataclass(frozen=True)
class LaporRow:
    row_number: int
    tracking_id: str
    created_at: datetime
    kind: str
    title: str
    description: str
    is_anonymous: bool
    is_confidential: bool
    unit_name: str
    lapor_status: str
    reason: str
    source: str
    category: str
    location_text: str


@dataclass(frozen=True)
class MappedStatus:
    status: str
    closed_by: str = ""
    archive_reason: str = ""


# --- reading the workbook ----------------------------------------------------------------------


def normalize_header(value: Any) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(value or "").strip().lower()).strip("_")


def cell_text(value: Any) -> str:
    """Every cell as text: Excel numbers without '.0', dates as ISO, None as ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value).strip()


def read_rows(data: bytes) -> tuple[dict[str, int], list[tuple[int, list[str]]]]:
    """(field -> column index, [(row number, cells)]) of the export; NotALaporExport otherwise."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if not data or not zipfile.is_zipfile(io.BytesIO(data)):
        raise NotALaporExport(_("Berkas ini bukan berkas Excel (.xlsx) ekspor SP4N-LAPOR!."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles of exported files
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise NotALaporExport(_("Berkas ini bukan berkas Excel (.xlsx) ekspor SP4N-LAPOR!.")) from exc
    try:
        names = workbook.sheetnames
        if not names:
            raise NotALaporExport(_("Berkas Excel ini tidak berisi lembar kerja."))
        sheet = workbook[PREFERRED_SHEET] if PREFERRED_SHEET in names else workbook[names[0]]
        columns: dict[str, int] = {}
        rows: list[tuple[int, list[str]]] = []
        header_found = False
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [cell_text(v) for v in values]
            if not header_found:
                columns = _columns(cells)
                if "tracking_id" in columns:
                    header_found = True
                elif number >= MAX_HEADER_SCAN_ROWS:
                    break
                continue
            if any(cells):
                rows.append((number, cells))
    finally:
        workbook.close()
    missing = [name for name in REQUIRED_FIELDS if name not in columns]
    if not header_found or missing:
        raise NotALaporExport(
            _("Berkas ini bukan ekspor SP4N-LAPOR!: kolom \"Tracking ID\" dan \"Tanggal Laporan Masuk\" "
              "tidak ditemukan.")
        )
    return columns, rows


def _columns(cells: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, header in enumerate(cells):
        name = HEADERS.get(normalize_header(header))
        if name and name not in columns:
            columns[name] = index
    return columns


# --- parsing and mapping one row ---------------------------------------------------------------


def parse_date(text: str) -> date | None:
    text = text.strip()
    if match := DATE_RE.match(text):
        month = MONTHS.get(match.group(2)[:3].lower())
        if month is None:
            return None
        day, year = int(match.group(1)), int(match.group(3))
    elif match := NUMERIC_DATE_RE.match(text):
        day, month, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
    elif match := ISO_DATE_RE.match(text):
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_time(text: str) -> time | None:
    text = text.strip()
    if not text:
        return time(0, 0)
    if "T" in text:  # an Excel datetime cell rendered as ISO
        text = text.split("T", 1)[1]
    match = TIME_RE.match(text[:8])
    if not match:
        return None
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def map_kind(classification: str) -> str | None:
    value = classification.strip().lower()
    if not value or value.startswith("pengaduan"):
        return "pengaduan"
    if value.startswith("permintaan informasi"):
        return "permintaan_informasi"
    if value.startswith("aspirasi"):
        return "aspirasi"
    return None


def map_status(lapor_status: str, reason: str, *, has_unit: bool) -> MappedStatus:
    value = lapor_status.strip().lower()
    if value == "belum terverifikasi":
        return MappedStatus("received")
    if value == "menunggu kelengkapan informasi":
        return MappedStatus("needs_info")
    if value.startswith("ditutup"):
        return MappedStatus("closed", closed_by="lapor")
    if value.startswith("diarsipkan"):
        lowered = reason.lower()
        expired = "kadaluarsa" in lowered or "kedaluwarsa" in lowered or "kadaluwarsa" in lowered
        return MappedStatus("archived", archive_reason="kedaluwarsa" if expired else "tidak_jelas")
    return MappedStatus("routed" if has_unit else "received")


def normalize_unit_name(name: str) -> str:
    value = re.sub(r"[^\w]+", " ", name.lower(), flags=re.UNICODE)
    return " ".join(value.split())


def strip_region(normalized: str) -> str:
    """'dinas pertanian kabupaten bandung' -> 'dinas pertanian' (a trailing region is dropped)."""
    return re.sub(r"\s+(?:pemerintah\s+)?(?:kabupaten|kab|kota)\s+\S.*$", "", normalized).strip()


class UnitMatcher:
    """Finds a portal unit by the disposed unit's name: exact normalised name first, then without region."""

    def __init__(self, units: list[dict[str, Any]]) -> None:
        self.exact: dict[str, int] = {}
        stripped: dict[str, set[int]] = {}
        for unit in units:
            normalized = normalize_unit_name(unit["name"])
            self.exact.setdefault(normalized, unit["id"])
            stripped.setdefault(strip_region(normalized), set()).add(unit["id"])
        # A stripped name shared by two units is ambiguous and not used.
        self.stripped = {name: next(iter(ids)) for name, ids in stripped.items() if len(ids) == 1 and name}

    def find(self, name: str) -> int | None:
        normalized = normalize_unit_name(name)
        if not normalized:
            return None
        if normalized in self.exact:
            return self.exact[normalized]
        return self.stripped.get(strip_region(normalized))


def parse_row(number: int, cells: list[str], columns: dict[str, int]) -> LaporRow | str:
    """The row as a LaporRow, or the reason it is rejected (in the user's language)."""

    def get(name: str) -> str:
        index = columns.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    tracking_id = get("tracking_id")
    if not tracking_id:
        return _("Tracking ID kosong.")
    if len(tracking_id) > MAX_TRACKING_ID or not TRACKING_ID_RE.match(tracking_id):
        return _("Tracking ID tidak valid: %(value)s") % {"value": tracking_id[:60]}
    day = parse_date(get("date"))
    if day is None:
        return _("Tanggal laporan tidak dapat dibaca: \"%(value)s\".") % {"value": get("date")[:40]}
    moment = parse_time(get("time"))
    if moment is None:
        return _("Waktu laporan tidak dapat dibaca: \"%(value)s\".") % {"value": get("time")[:40]}
    kind = map_kind(get("classification"))
    if kind is None:
        return _("Klasifikasi laporan tidak dikenal: \"%(value)s\".") % {"value": get("classification")[:60]}
    description = get("text_final") or get("text_initial")
    title = get("title") or description[:80]
    if not description and not title:
        return _("Judul dan isi laporan kosong.")
    report_type = get("report_type").lower()
    location = [get("village"), get("district_final") or get("district"), get("city"), get("province")]
    return LaporRow(
        row_number=number,
        tracking_id=tracking_id,
        created_at=datetime.combine(day, moment, tzinfo=WIB).astimezone(UTC),
        kind=kind,
        title=title[:200],
        description=description or title,
        is_anonymous="anonim" in report_type,
        is_confidential="rahasia" in report_type,
        unit_name=get("unit"),
        lapor_status=(get("status_final") or get("status"))[:60],
        reason=get("reason"),
        source=get("source"),
        category=get("category"),
        location_text=", ".join(part for part in location if part),
    )


# --- writing -----------------------------------------------------------------------------------


async def _new_complaint(row: LaporRow, unit_id: int | None, mapped: MappedStatus, now: datetime) -> int:
    from complaints.deadlines import compute_deadlines
    from complaints.tables import Complaint, ComplaintEvent
    from complaints.tracking_codes import new_tracking_code

    is_open = mapped.status not in TERMINAL_STATUSES
    deadlines = await compute_deadlines(unit_id, row.kind, row.created_at) if is_open else None
    complaint = Complaint(
        tracking_code=new_tracking_code(),
        kind=row.kind,
        status=mapped.status,
        archive_reason=mapped.archive_reason,
        closed_by=mapped.closed_by,
        unit=unit_id,
        title=row.title,
        description=row.description,
        location_text=row.location_text,
        is_anonymous=row.is_anonymous,
        is_confidential=row.is_confidential,
        identity_stored=False,
        topic_source="import",
        needs_triage=is_open and unit_id is None,
        channel="lapor",
        lapor_tracking_id=row.tracking_id,
        lapor_status=row.lapor_status,
        verify_due_at=deadlines.verify_due if deadlines else None,
        followup_due_at=deadlines.followup_due if deadlines else None,
        resolve_due_at=deadlines.resolve_due if deadlines else None,
        created_at=row.created_at,
        updated_at=now,
        closed_at=row.created_at if mapped.status == "closed" else None,
    )
    inserted = await Complaint.insert(complaint).returning(Complaint.id)
    complaint_id = inserted[0]["id"]
    filed_note = _filed_note(row)
    events = [
        ComplaintEvent(
            complaint=complaint_id, occurred_at=row.created_at, event_type="filed", from_status="",
            to_status="received", actor_role="import", actor_name=IMPORT_ACTOR, note=filed_note,
            is_public=True, unit_id=unit_id,
        )
    ]
    if mapped.status != "received":
        events.append(
            ComplaintEvent(
                complaint=complaint_id, occurred_at=row.created_at, event_type="transition",
                from_status="received", to_status=mapped.status, actor_role="import",
                actor_name=IMPORT_ACTOR, note=_status_note(row), is_public=True, unit_id=unit_id,
            )
        )
    await ComplaintEvent.insert(*events)
    await public_copy.refresh(complaint_id, now=now)
    return complaint_id


def _filed_note(row: LaporRow) -> str:
    # Fixed Indonesian text: events are stored once and shown to everybody.
    parts = [f"Diimpor dari SP4N-LAPOR! (Tracking ID {row.tracking_id})"]
    if row.source:
        parts.append(f"sumber: {row.source}")
    if row.category:
        parts.append(f"kategori LAPOR!: {row.category}")
    return "; ".join(parts)


def _status_note(row: LaporRow) -> str:
    from complaints.redaction import redact

    note = f"Status SP4N-LAPOR!: {row.lapor_status or '-'}"
    if row.reason:
        note += f" — {redact(row.reason)[:500]}"
    return note


async def _sync_existing(
    existing: dict[str, Any], row: LaporRow, unit_id: int | None, mapped: MappedStatus, now: datetime,
    actor: Any, actor_name: str | None,
) -> bool:
    """Apply LAPOR!'s newer status/disposition to an existing complaint; False when nothing changed."""
    from complaints.tables import Complaint, ComplaintEvent

    updates: dict[Any, Any] = {}
    status_changed = existing["lapor_status"] != row.lapor_status
    new_unit = existing["unit"]
    if unit_id is not None and unit_id != existing["unit"]:
        updates[Complaint.unit] = unit_id
        new_unit = unit_id
    new_status = existing["status"]
    if status_changed:
        updates[Complaint.lapor_status] = row.lapor_status
        current = existing["status"]
        advances = STATUS_RANK.get(mapped.status, 0) > STATUS_RANK.get(current, 0)
        if mapped.status != current and (
            mapped.status in TERMINAL_STATUSES or current in TERMINAL_STATUSES or advances
        ):
            new_status = mapped.status
            updates[Complaint.status] = new_status
            updates[Complaint.closed_by] = mapped.closed_by
            updates[Complaint.archive_reason] = mapped.archive_reason
            updates[Complaint.closed_at] = now if new_status == "closed" else None
    if not updates:
        return False
    updates[Complaint.updated_at] = now
    await Complaint.update(updates).where(Complaint.id == existing["id"])
    await ComplaintEvent.insert(
        ComplaintEvent(
            complaint=existing["id"], occurred_at=now, event_type="lapor_sync",
            from_status=existing["status"], to_status=new_status, actor_role="import",
            actor_name=IMPORT_ACTOR, note=_status_note(row), is_public=True, unit_id=new_unit,
        )
    )
    await public_copy.refresh(existing["id"], now=now)
    await audit.record(
        "lapor_sync", "complaint", existing["id"], actor=actor, actor_name=actor_name, unit_id=new_unit,
        before={"status": existing["status"], "lapor_status": existing["lapor_status"], "unit": existing["unit"]},
        after={"status": new_status, "lapor_status": row.lapor_status, "unit": new_unit},
    )
    return True


async def import_rows(
    rows: list[LaporRow], report: ImportReport, *, actor: Any = None, actor_name: str | None = "portal lapor import",
    now: datetime | None = None,
) -> None:
    from complaints.tables import Complaint
    from portal.tables import Unit

    now = now or datetime.now(UTC)
    matcher = UnitMatcher(await Unit.select(Unit.id, Unit.name))
    for row in rows:
        unit_id = matcher.find(row.unit_name) if row.unit_name else None
        if row.unit_name and unit_id is None:
            report.warnings.append(
                (row.row_number, _("Unit \"%(unit)s\" tidak dikenal; laporan diimpor tanpa unit.")
                 % {"unit": row.unit_name[:120]})
            )
        mapped = map_status(row.lapor_status, row.reason, has_unit=unit_id is not None)
        try:
            async with write_transaction():
                existing = await Complaint.select(
                    Complaint.id, Complaint.status, Complaint.lapor_status, Complaint.unit
                ).where(Complaint.lapor_tracking_id == row.tracking_id).first()
                if existing is None:
                    await _new_complaint(row, unit_id, mapped, now)
                    report.imported += 1
                elif await _sync_existing(existing, row, unit_id, mapped, now, actor, actor_name):
                    report.updated += 1
                else:
                    report.unchanged += 1
        except Exception:  # one bad row must not stop the import; it is reported as rejected
            report.rejected.append((row.row_number, _("Baris tidak dapat disimpan.")))


async def import_workbook(
    data: bytes, *, actor: Any = None, actor_name: str | None = "portal lapor import", filename: str = "",
) -> ImportReport:
    """Import an export's bytes; raises NotALaporExport (nothing written) for other files."""
    columns, raw_rows = read_rows(data)
    report = ImportReport()
    parsed: list[LaporRow] = []
    first_row_of: dict[str, int] = {}
    for number, cells in raw_rows:
        result = parse_row(number, cells, columns)
        if isinstance(result, str):
            report.rejected.append((number, result))
            continue
        if result.tracking_id in first_row_of:
            report.rejected.append(
                (number, _("Tracking ID %(id)s ganda dalam berkas (sudah ada di baris %(row)d).")
                 % {"id": result.tracking_id, "row": first_row_of[result.tracking_id]})
            )
            continue
        first_row_of[result.tracking_id] = number
        parsed.append(result)
    await import_rows(parsed, report, actor=actor, actor_name=actor_name)
    report.rejected.sort()
    await audit.record(
        "lapor_import", "lapor_export", filename[:80], actor=actor, actor_name=actor_name,
        after={**report.as_dict(), "rows": len(raw_rows)},
    )
    return report
