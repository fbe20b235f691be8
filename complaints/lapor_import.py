"""Import an SP4N-LAPOR! export ("Laporan Ringkas" .xlsx) into complaints (docs/lapor-import.md).

Idempotent on the Tracking ID: a report already imported (or already linked to a portal complaint) is
updated only when LAPOR!'s status or disposition changed, with a "lapor_sync" event and an audit entry.
A bad row is rejected with a reason and never stops the others; a file that is not such an export is
refused as a whole (NotALaporExport) before anything is written.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from complaints import public_copy, states
from complaints.calendar import local_date
from complaints.deadlines import compute_deadlines
from complaints.lapor_status import MappedStatus, effective_value, map_status, stage_of
from complaints.lapor_units import Aliases, Match, UnitMatcher, load_aliases
from complaints.redaction import redact
from complaints.services.events import NewEvent, append_event, append_events
from complaints.tables import Complaint, LaporImport
from complaints.tracking_codes import new_tracking_code
from portal import audit
from portal.db import write_transaction
from portal.i18n import _
from portal.settings import get_settings
from portal.tables import Unit

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
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "mei": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "sep": 9,
    "oct": 10,
    "okt": 10,
    "nov": 11,
    "dec": 12,
    "des": 12,
}
DATE_RE = re.compile(r"^(\d{1,2})[ \-]([A-Za-z]{3,9})[ \-](\d{4})$")
NUMERIC_DATE_RE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
ISO_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
TIME_RE = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$")
SERIAL_RE = re.compile(r"^(\d{4,6})(?:\.(\d+))?$")  # an Excel serial date (days since 1899-12-30)
FRACTION_RE = re.compile(r"^0?\.\d+$")  # an Excel time (fraction of a day)
EXCEL_EPOCH = date(1899, 12, 30)
TRACKING_ID_RE = re.compile(r"^[A-Za-z0-9\-]+$")

TERMINAL_STATUSES = states.FINAL
STATUS_RANK = states.LAPOR_RANK
NEW = "baru"  # the "from" side of a transition for a report imported for the first time


class NotALaporExport(Exception):
    """The file is not an SP4N-LAPOR! export; str(exc) is a message for the user."""


@dataclass
class ImportReport:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    older: int = 0  # rows not applied because the file is older than what set the stored status
    rejected: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    transitions: Counter = field(default_factory=Counter)  # (from, to) -> rows; from = NEW for new reports
    unknown_agencies: Counter = field(default_factory=Counter)  # (agency, reason) -> rows written
    without_agency: int = 0  # rows written whose agency is empty or "Tidak Diketahui"
    deadline_years: set = field(default_factory=set)  # local years of new open reports (deadlines computed)
    sheet: str = ""
    file_as_of: datetime | None = None
    dry_run: bool = False
    import_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "older": self.older,
            "rejected": len(self.rejected),
            "warnings": len(self.warnings),
            "sheet": self.sheet,
            "transitions": {f"{a} -> {b}": n for (a, b), n in sorted(self.transitions.items())},
            "unknown_agencies": sum(self.unknown_agencies.values()),
            "without_agency": self.without_agency,
        }

    def transition_lines(self) -> list[tuple[str, str, int]]:
        return [(a, b, n) for (a, b), n in sorted(self.transitions.items())]

    def agency_lines(self) -> list[tuple[str, str, int]]:
        return [(agency, reason, n) for (agency, reason), n in self.unknown_agencies.most_common()]


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
    parent_name: str
    lapor_status: str
    reason: str
    source: str
    category: str
    location_text: str


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


@dataclass
class ExportSheet:
    columns: dict[str, int]
    rows: list[tuple[int, list[str]]]
    sheet: str
    created: datetime | None  # the workbook's own creation time (core properties), aware UTC


def read_rows(data: bytes) -> ExportSheet:
    """The export's header map, rows, sheet name and creation time; NotALaporExport otherwise."""
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
        sheet_name = PREFERRED_SHEET if PREFERRED_SHEET in names else names[0]
        sheet = workbook[sheet_name]
        created = workbook.properties.created if workbook.properties else None
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
            _(
                'Berkas ini bukan ekspor SP4N-LAPOR!: kolom "Tracking ID" dan "Tanggal Laporan Masuk" '
                'tidak ditemukan (lembar "%(sheet)s").'
            )
            % {"sheet": sheet_name}
        )
    if isinstance(created, datetime):
        created = created.replace(tzinfo=UTC) if created.tzinfo is None else created.astimezone(UTC)
    else:
        created = None
    return ExportSheet(columns, rows, sheet_name, created)


def _columns(cells: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, header in enumerate(cells):
        name = HEADERS.get(normalize_header(header))
        if name and name not in columns:
            columns[name] = index
    return columns


# --- parsing and mapping one row ---------------------------------------------------------------


def parse_date(text: str) -> date | None:
    """'18 Jan 2024', '18 Januari 2024', '18-Jan-2024', '18/01/2024', '2024-01-18[ 01:33:26]' (ISO, also
    an Excel date cell) or an Excel serial date ('45309', '45309.0648')."""
    text = text.strip()
    if match := SERIAL_RE.match(text):
        serial = int(match.group(1))
        if not 20000 <= serial <= 80000:  # 1954..2119: anything else is not a date of a report
            return None
        return EXCEL_EPOCH + timedelta(days=serial)
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


def _fraction_time(fraction: float) -> time | None:
    seconds = round(fraction * 86400)
    if not 0 <= seconds < 86400:
        return None
    return time(seconds // 3600, seconds % 3600 // 60, seconds % 60)


def parse_time(text: str, date_text: str = "") -> time | None:
    """'01:33:26', '01.33', an Excel time (fraction of a day) or a datetime; empty = the time carried by
    the date cell (ISO datetime or serial with a fraction), else 00:00."""
    text = text.strip()
    if not text:
        date_text = date_text.strip()
        if match := SERIAL_RE.match(date_text):
            return _fraction_time(float(f"0.{match.group(2)}")) if match.group(2) else time(0, 0)
        if ISO_DATE_RE.match(date_text) and len(date_text) > 10:
            text = date_text[10:].lstrip("T ")
        else:
            return time(0, 0)
    if FRACTION_RE.match(text):
        return _fraction_time(float(text))
    if "T" in text:  # an Excel datetime cell rendered as ISO
        text = text.split("T", 1)[1]
    elif " " in text and ISO_DATE_RE.match(text):
        text = text.split(" ", 1)[1]
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
        return _('Tanggal laporan tidak dapat dibaca: "%(value)s".') % {"value": get("date")[:40]}
    moment = parse_time(get("time"), get("date"))
    if moment is None:
        return _('Waktu laporan tidak dapat dibaca: "%(value)s".') % {"value": get("time")[:40]}
    kind = map_kind(get("classification"))
    if kind is None:
        return _('Klasifikasi laporan tidak dikenal: "%(value)s".') % {"value": get("classification")[:60]}
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
        parent_name=get("parent_agency"),
        lapor_status=effective_value(get("status"), get("status_final"))[:60],
        reason=get("reason"),
        source=get("source"),
        category=get("category"),
        location_text=", ".join(part for part in location if part),
    )


# --- writing -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Provenance:
    import_id: int | None
    as_of: datetime


async def _new_complaint(row: LaporRow, match: Match, mapped: MappedStatus, now: datetime, source: Provenance) -> int:
    unit_id = match.unit_id
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
        lapor_import=source.import_id,
        lapor_row=row.row_number,
        lapor_as_of=source.as_of,
        verify_due_at=deadlines.verify_due if deadlines else None,
        followup_due_at=deadlines.followup_due if deadlines else None,
        resolve_due_at=deadlines.resolve_due if deadlines else None,
        created_at=row.created_at,
        updated_at=now,
        closed_at=row.created_at if mapped.status == states.CLOSED else None,
    )
    inserted = await Complaint.insert(complaint).returning(Complaint.id)
    complaint_id = inserted[0]["id"]
    events = [
        NewEvent(
            complaint=complaint_id,
            occurred_at=row.created_at,
            event_type="filed",
            from_status="",
            to_status=states.INITIAL,
            actor_role="import",
            actor_name=IMPORT_ACTOR,
            note=_filed_note(row),
            is_public=True,
            unit_id=unit_id,
        )
    ]
    if mapped.status != states.INITIAL:
        events.append(
            NewEvent(
                complaint=complaint_id,
                occurred_at=row.created_at,
                event_type="transition",
                from_status=states.INITIAL,
                to_status=mapped.status,
                actor_role="import",
                actor_name=IMPORT_ACTOR,
                note=_status_note(row),
                is_public=True,
                unit_id=unit_id,
            )
        )
    if match.reason:  # why no unit: for the triage queue, not for the public
        events.append(
            NewEvent(
                complaint=complaint_id,
                occurred_at=row.created_at,
                event_type="note",
                actor_role="import",
                actor_name=IMPORT_ACTOR,
                note=f"Unit tidak dicocokkan: {match.reason}",
                is_public=False,
                unit_id=unit_id,
            )
        )
    await append_events(events)  # no message: an imported report has no reporter address
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
    note = f"Status SP4N-LAPOR!: {row.lapor_status or '-'}"
    if row.reason:
        note += f" — {redact(row.reason)[:500]}"
    return note


@dataclass(frozen=True)
class SyncDecision:
    apply: bool
    older: bool = False  # not applied: the file is older than the one that set the stored facts
    updates: dict | None = None
    new_status: str = ""
    new_unit: int | None = None


def decide_sync(
    existing: dict[str, Any], row: LaporRow, unit_id: int | None, mapped: MappedStatus, as_of: datetime
) -> SyncDecision:
    """What a row changes on a complaint that already has its Tracking ID (pure; docs/lapor-import.md).

    A file newer than the one that set the stored facts applies every difference; a file of the same
    date only moves the report forward (stage order); an older file changes nothing."""
    stored_as_of = existing["lapor_as_of"]
    stored_stage = stage_of(existing["lapor_status"]) if existing["lapor_status"] else -1
    newer = stored_as_of is None or as_of > stored_as_of
    same_age = stored_as_of is not None and as_of == stored_as_of
    status_differs = existing["lapor_status"] != row.lapor_status
    unit_differs = unit_id is not None and unit_id != existing["unit"]
    if same_age and existing["unit"] is not None:
        unit_differs = False  # two files of the same date that disagree: the first disposition stays
    without_provenance = existing["lapor_import"] is None
    if newer:
        changes_status = status_differs
    elif same_age:
        changes_status = status_differs and mapped.stage > stored_stage
    else:
        changes_status = False
    if not newer and not same_age:
        return SyncDecision(False, older=status_differs or unit_differs)
    if not (changes_status or unit_differs or (newer and without_provenance)):
        return SyncDecision(False)
    updates: dict[Any, Any] = {}
    new_unit = existing["unit"]
    if unit_differs:
        updates[Complaint.unit] = unit_id
        new_unit = unit_id
    current = new_status = existing["status"]
    if changes_status:
        updates[Complaint.lapor_status] = row.lapor_status
        advances = STATUS_RANK.get(mapped.status, 0) > STATUS_RANK.get(current, 0)
        if mapped.status != current and (
            mapped.status in TERMINAL_STATUSES or current in TERMINAL_STATUSES or advances
        ):
            new_status = mapped.status
            updates[Complaint.status] = new_status
            updates[Complaint.closed_by] = mapped.closed_by
            updates[Complaint.archive_reason] = mapped.archive_reason
    return SyncDecision(True, updates=updates, new_status=new_status, new_unit=new_unit)


async def _apply_sync(
    existing: dict[str, Any],
    row: LaporRow,
    decision: SyncDecision,
    now: datetime,
    source: Provenance,
    actor: Any,
    actor_name: str | None,
) -> None:
    updates = dict(decision.updates or {})
    if Complaint.status in updates:
        updates[Complaint.closed_at] = now if decision.new_status == states.CLOSED else None
    updates[Complaint.lapor_import] = source.import_id
    updates[Complaint.lapor_row] = row.row_number
    updates[Complaint.lapor_as_of] = source.as_of
    updates[Complaint.updated_at] = now
    await Complaint.update(updates).where(Complaint.id == existing["id"])
    await append_event(
        NewEvent(
            complaint=existing["id"],
            occurred_at=now,
            event_type="lapor_sync",
            from_status=existing["status"],
            to_status=decision.new_status,
            actor_role="import",
            actor_name=IMPORT_ACTOR,
            note=_status_note(row),
            is_public=True,
            unit_id=decision.new_unit,
        )
    )
    await public_copy.refresh(existing["id"], now=now)
    await audit.record(
        "lapor_sync",
        "complaint",
        existing["id"],
        actor=actor,
        actor_name=actor_name,
        unit_id=decision.new_unit,
        before={
            "status": existing["status"],
            "lapor_status": existing["lapor_status"],
            "unit": existing["unit"],
            "lapor_import": existing["lapor_import"],
        },
        after={
            "status": decision.new_status,
            "lapor_status": row.lapor_status if Complaint.lapor_status in updates else existing["lapor_status"],
            "unit": decision.new_unit,
            "lapor_import": source.import_id,
            "lapor_row": row.row_number,
        },
    )


def _note_agency(report: ImportReport, row: LaporRow, match: Match) -> None:
    if match.unit_id is not None:
        return
    if match.agency:
        report.unknown_agencies[(match.agency, match.reason)] += 1
    else:
        report.without_agency += 1


async def import_rows(
    rows: list[LaporRow],
    report: ImportReport,
    *,
    source: Provenance,
    matcher: UnitMatcher,
    actor: Any = None,
    actor_name: str | None = "portal lapor import",
    now: datetime | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> None:
    now = now or datetime.now(UTC)
    for row in rows:
        match = matcher.find(row.unit_name, row.parent_name)
        mapped = map_status(row.lapor_status, row.reason, has_unit=match.unit_id is not None)
        try:
            async with write_transaction():
                existing = (
                    await Complaint.select(
                        Complaint.id,
                        Complaint.status,
                        Complaint.lapor_status,
                        Complaint.unit,
                        Complaint.lapor_as_of,
                        Complaint.lapor_import,
                    )
                    .where(Complaint.lapor_tracking_id == row.tracking_id)
                    .first()
                )
                if existing is None:
                    if not dry_run:
                        await _new_complaint(row, match, mapped, now, source)
                    report.imported += 1
                    report.transitions[(NEW, mapped.status)] += 1
                    if mapped.status not in TERMINAL_STATUSES:
                        report.deadline_years.add(local_date(row.created_at).year)
                    _note_agency(report, row, match)
                else:
                    decision = decide_sync(existing, row, match.unit_id, mapped, source.as_of)
                    if decision.apply:
                        if not dry_run:
                            await _apply_sync(existing, row, decision, now, source, actor, actor_name)
                        report.updated += 1
                        report.transitions[(existing["status"], decision.new_status)] += 1
                        _note_agency(report, row, match)
                    elif decision.older:
                        report.older += 1
                    else:
                        report.unchanged += 1
        except Exception:  # one bad row must not stop the import; it is reported as rejected
            report.rejected.append((row.row_number, _("Baris tidak dapat disimpan.")))
        if progress is not None:
            progress(1)


def file_as_of(created: datetime | None, rows: list[LaporRow]) -> datetime:
    """The file's own date: its creation time (core properties), never before its newest report."""
    newest = max((row.created_at for row in rows), default=datetime(1970, 1, 1, tzinfo=UTC))
    return max(created, newest) if created is not None else newest


async def import_workbook(
    data: bytes,
    *,
    actor: Any = None,
    actor_name: str | None = "portal lapor import",
    filename: str = "",
    dry_run: bool = False,
    government: str | None = None,
    aliases: Aliases | None = None,
    progress: Callable[[int], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import an export's bytes; raises NotALaporExport (nothing written) for other files.

    dry_run: everything is read and decided, nothing is written (no complaint, event, import or audit row).
    government/aliases: unit matching (default: PORTAL_GOVERNMENT and the PORTAL_LAPOR_ALIASES file)."""
    book = read_rows(data)
    report = ImportReport(sheet=book.sheet, dry_run=dry_run)
    parsed: list[LaporRow] = []
    first_row_of: dict[str, int] = {}
    for number, cells in book.rows:
        result = parse_row(number, cells, book.columns)
        if isinstance(result, str):
            report.rejected.append((number, result))
            continue
        if result.tracking_id in first_row_of:
            report.rejected.append(
                (
                    number,
                    _("Tracking ID %(id)s ganda dalam berkas (sudah ada di baris %(row)d).")
                    % {"id": result.tracking_id, "row": first_row_of[result.tracking_id]},
                )
            )
            continue
        first_row_of[result.tracking_id] = number
        parsed.append(result)
    settings = get_settings()
    if aliases is None:
        aliases = load_aliases(settings.lapor_aliases_file)
    matcher = UnitMatcher(
        await Unit.select(Unit.id, Unit.slug, Unit.name, Unit.parent_agency),
        government=settings.government if government is None else government,
        aliases=aliases,
    )
    report.file_as_of = file_as_of(book.created, parsed)
    import_id = None
    digest = hashlib.sha256(data).hexdigest()
    if not dry_run:
        user_name = actor_name if actor_name is not None else getattr(actor, "username", "")
        rows = await LaporImport.insert(
            LaporImport(
                kind="export",
                filename=filename[:255],
                sha256=digest,
                sheet=book.sheet[:100],
                file_as_of=report.file_as_of,
                imported_at=datetime.now(UTC),
                actor_id=getattr(actor, "id", None),
                actor_name=(user_name or "")[:200],
            )
        ).returning(LaporImport.id)
        import_id = report.import_id = rows[0]["id"]
    if on_start is not None:
        on_start(len(parsed))
    await import_rows(
        parsed,
        report,
        source=Provenance(import_id, report.file_as_of),
        matcher=matcher,
        actor=actor,
        actor_name=actor_name,
        dry_run=dry_run,
        progress=progress,
    )
    report.rejected.sort()
    if not dry_run:
        await LaporImport.update({LaporImport.summary: {**report.as_dict(), "rows": len(book.rows)}}).where(
            LaporImport.id == import_id
        )
        await audit.record(
            "lapor_import",
            "lapor_export",
            filename[:80],
            actor=actor,
            actor_name=actor_name,
            after={**report.as_dict(), "rows": len(book.rows), "lapor_import": import_id, "sha256": digest},
        )
    return report
