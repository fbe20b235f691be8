"""Read models: the unit inbox, the triage queue, the supervisor view, the case page, the public
board and the tracking page. Reporter identity is selected only where privacy rules allow it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from piccolo.query.functions.aggregate import Count

from complaints import states
from complaints.tables import Attachment, Complaint, ComplaintEvent, LaporImport
from portal.tables import Service, ServiceVersion, Unit

PAGE_SIZE = 25
ALL_STATUSES = states.ALL
OPEN_STATUSES = states.OPEN
TRIAGE_STATUSES = states.TRIAGE
BOARD_STATUSES = states.PUBLIC

LIST_COLUMNS = (
    Complaint.id,
    Complaint.tracking_code,
    Complaint.kind,
    Complaint.status,
    Complaint.title,
    Complaint.topic,
    Complaint.topic_confidence,
    Complaint.topic_source,
    Complaint.needs_triage,
    Complaint.unit,
    Complaint.unit.name,
    Complaint.suggested_unit,
    Complaint.suggested_unit.name,
    Complaint.service.name,
    Complaint.created_at,
    Complaint.verify_due_at,
    Complaint.followup_due_at,
    Complaint.resolve_due_at,
    Complaint.escalated,
    Complaint.is_anonymous,
    Complaint.is_confidential,
    Complaint.awaiting_reporter_since,
    Complaint.escalation_state,
)

# The deadline of the stage a case is in (the inbox shows this one, not always the resolution's).
STAGE_DEADLINES = states.STAGE
OVERDUE_STAGES = ("verify", "followup", "resolve")


def stage_deadline(row: dict[str, Any]) -> tuple[str, datetime | None]:
    """(stage, due) of the case's current stage; ("", None) for closed and archived cases."""
    stage = STAGE_DEADLINES.get(row["status"], "")
    return stage, (row.get(f"{stage}_due_at") if stage else None)


def waiting_for_reporter_where() -> Any:
    return (Complaint.status == states.S.needs_info) | (
        Complaint.status.is_in(list(states.AT_UNIT)) & Complaint.awaiting_reporter_since.is_not_null()
    )


def waiting_for_unit_where() -> Any:
    """Cases the unit must act on: routed or in progress, no question open to the reporter, and not
    waiting for the supervising unit."""
    return (
        Complaint.status.is_in(list(states.AT_UNIT))
        & Complaint.awaiting_reporter_since.is_null()
        & Complaint.escalation_state.not_in(["pending"])
    )


def overdue_stage_where(stage: str, now: datetime) -> Any:
    if stage == "verify":
        return (Complaint.status == states.S.received) & (Complaint.verify_due_at < now)
    if stage == "followup":
        return Complaint.status.is_in(list(states.BEFORE_UNIT_STARTS)) & (Complaint.followup_due_at < now)
    return Complaint.status.is_in(list(OPEN_STATUSES)) & (Complaint.resolve_due_at < now)


def overdue_where(now: datetime) -> Any:
    """Cases past a deadline that still applies to their status."""
    return (
        ((Complaint.status == states.S.received) & (Complaint.verify_due_at < now))
        | (Complaint.status.is_in(list(states.BEFORE_UNIT_STARTS)) & (Complaint.followup_due_at < now))
        | (Complaint.status.is_in(list(OPEN_STATUSES)) & (Complaint.resolve_due_at < now))
    )


def overdue_flags(row: dict[str, Any], now: datetime) -> list[str]:
    """Which deadlines a case has missed: verify, followup, resolve."""
    flags = []
    status = row["status"]
    if status in states.AWAITING_VERIFICATION and row["verify_due_at"] and row["verify_due_at"] < now:
        flags.append("verify")
    if status in states.BEFORE_UNIT_STARTS and row["followup_due_at"] and row["followup_due_at"] < now:
        flags.append("followup")
    if status in OPEN_STATUSES and row["resolve_due_at"] and row["resolve_due_at"] < now:
        flags.append("resolve")
    return flags


@dataclass(frozen=True)
class InboxFilter:
    status: str = ""
    topic: str = ""
    service_id: int | None = None
    unit_id: int | None = None
    overdue: bool = False
    page: int = 1
    # Staff home counts link here: "new" (routed, not started), "me" (waiting for the unit),
    # "reporter" (waiting for the reporter); overdue_stage: verify | followup | resolve.
    waiting: str = ""
    overdue_stage: str = ""


@dataclass(frozen=True)
class Page:
    rows: list[dict[str, Any]]
    total: int
    page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


async def _paged(where: Any, page: int, order: tuple = ((Complaint.created_at, False),)) -> Page:
    count_query = Complaint.count()
    query = Complaint.select(*LIST_COLUMNS)
    if where is not None:
        count_query = count_query.where(where)
        query = query.where(where)
    for column, ascending in order:
        query = query.order_by(column, ascending=ascending)
    page = max(1, page)
    rows = await query.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)
    return Page(rows=rows, total=await count_query, page=page)


def _and(where: Any, clause: Any) -> Any:
    return clause if where is None else where & clause


async def inbox(unit_id: int | None, f: InboxFilter, now: datetime | None = None) -> Page:
    """A unit's cases (unit_id=None: every unit, for system admins and evaluators)."""
    now = now or datetime.now(UTC)
    where = None
    if unit_id is not None:
        where = Complaint.unit == unit_id
    elif f.unit_id:
        where = Complaint.unit == f.unit_id
    else:
        where = Complaint.unit.is_not_null()
    if f.status:
        where = _and(where, Complaint.status == f.status)
    if f.topic:
        where = _and(where, Complaint.topic == f.topic)
    if f.service_id:
        where = _and(where, Complaint.service == f.service_id)
    if f.overdue:
        where = _and(where, overdue_where(now))
    if f.overdue_stage in OVERDUE_STAGES:
        where = _and(where, overdue_stage_where(f.overdue_stage, now))
    if f.waiting:
        where = _and(where, WAITING_WHERE[f.waiting]())
    return await _paged(where, f.page)


WAITING_WHERE = {
    "new": lambda: Complaint.status == states.S.routed,
    "me": waiting_for_unit_where,
    "reporter": waiting_for_reporter_where,
}


async def staff_home_counts(unit_id: int | None, now: datetime | None = None) -> dict[str, int]:
    """The counts at the top of the inbox: new, waiting for the unit, waiting for the reporter, and
    overdue per stage (unit_id=None: every unit, as the inbox of system admins and evaluators)."""
    now = now or datetime.now(UTC)
    scope = Complaint.unit.is_not_null() if unit_id is None else Complaint.unit == unit_id
    counts = {name: await Complaint.count().where(scope & clause()) for name, clause in WAITING_WHERE.items()}
    for stage in OVERDUE_STAGES:
        counts[f"overdue_{stage}"] = await Complaint.count().where(scope & overdue_stage_where(stage, now))
    return counts


async def triage_queue(page: int = 1) -> Page:
    where = Complaint.status.is_in(list(TRIAGE_STATUSES))
    return await _paged(where, page, ((Complaint.needs_triage, False), (Complaint.created_at, True)))


async def supervisor_summary(now: datetime | None = None) -> dict[str, Any]:
    """Open and overdue cases per unit, plus unrouted cases past their verification deadline."""
    now = now or datetime.now(UTC)
    open_rows = (
        await Complaint.select(Complaint.unit, Complaint.unit.name, Count(alias="n"))
        .where(Complaint.status.is_in(list(OPEN_STATUSES)) & Complaint.unit.is_not_null())
        .group_by(Complaint.unit, Complaint.unit.name)
    )
    overdue_rows = (
        await Complaint.select(Complaint.unit, Count(alias="n"))
        .where(overdue_where(now) & Complaint.unit.is_not_null())
        .group_by(Complaint.unit)
    )
    overdue = {r["unit"]: r["n"] for r in overdue_rows}
    units = sorted(
        (
            {"unit_id": r["unit"], "name": r["unit.name"], "open": r["n"], "overdue": overdue.get(r["unit"], 0)}
            for r in open_rows
        ),
        key=lambda u: (-u["overdue"], u["name"]),
    )
    unrouted = await Complaint.count().where(Complaint.status.is_in(list(TRIAGE_STATUSES)))
    unrouted_overdue = await Complaint.count().where(Complaint.unit.is_null() & overdue_where(now))
    return {"units": units, "unrouted": unrouted, "unrouted_overdue": unrouted_overdue}


async def case(complaint_id: int) -> dict[str, Any] | None:
    """Everything about one case (including identity columns; the caller applies privacy rules)."""
    row = (
        await Complaint.select(
            Complaint.all_columns(),
            Complaint.unit.name,
            Complaint.suggested_unit.name,
            Complaint.service.name,
        )
        .where(Complaint.id == complaint_id)
        .first()
    )
    if row is None:
        return None
    row["events"] = (
        await ComplaintEvent.select()
        .where(ComplaintEvent.complaint == complaint_id)
        .order_by(ComplaintEvent.occurred_at)
        .order_by(ComplaintEvent.id)
    )
    row["attachments"] = await Attachment.select().where(Attachment.complaint == complaint_id).order_by(Attachment.id)
    row["standard"] = None
    if row["service_version"]:
        row["standard"] = (
            await ServiceVersion.select(
                ServiceVersion.fee_amount,
                ServiceVersion.duration_value,
                ServiceVersion.duration_unit,
                ServiceVersion.version_no,
            )
            .where(ServiceVersion.id == row["service_version"])
            .first()
        )
    return row


async def add_privacy_columns(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give list rows the columns complaints.privacy needs to judge each viewer (one query per page)."""
    ids = [r["id"] for r in rows]
    if not ids:
        return rows
    extra = {
        r["id"]: r
        for r in await Complaint.select(
            Complaint.id, Complaint.identity_stored, Complaint.reporter_name, Complaint.description
        ).where(Complaint.id.is_in(ids))
    }
    for row in rows:
        for column in ("identity_stored", "reporter_name", "description"):
            row[column] = extra[row["id"]][column]
    return rows


async def attachment_position(attachment_id: int, complaint_id: int) -> int:
    """1 for a case's first attachment, 2 for the second ... (the number in its neutral name)."""
    return await Attachment.count().where((Attachment.complaint == complaint_id) & (Attachment.id <= attachment_id))


async def open_escalations(exclude_unit: int | None = None) -> list[dict[str, Any]]:
    """Disputed cases whose escalation is still open (oldest first); never the viewer's own unit's."""
    query = Complaint.select(
        Complaint.id,
        Complaint.tracking_code,
        Complaint.title,
        Complaint.status,
        Complaint.escalation_state,
        Complaint.updated_at,
        Complaint.unit,
        Complaint.unit.name,
        Complaint.is_anonymous,
        Complaint.is_confidential,
    ).where(
        Complaint.escalated.eq(True)
        & Complaint.escalation_state.is_in(["pending", "returned"])
        & Complaint.status.not_in(list(states.FINAL))
    )
    if exclude_unit is not None:
        query = query.where(Complaint.unit != exclude_unit)
    return await query.order_by(Complaint.updated_at)


def without_identity(row: dict[str, Any]) -> dict[str, Any]:
    """A copy with the reporter's identity blanked (for views that must not see it)."""
    return {**row, "reporter_name": "", "reporter_email": "", "reporter_phone": "", "reporter_whatsapp": ""}


async def attachment(attachment_id: int) -> dict[str, Any] | None:
    return (
        await Attachment.select(
            Attachment.all_columns(),
            Attachment.complaint.unit,
            Attachment.complaint.tracking_code,
            Attachment.complaint.reporter_token_hash,
            Attachment.complaint.is_anonymous,
            Attachment.complaint.is_confidential,
            Attachment.complaint.identity_stored,
        )
        .where(Attachment.id == attachment_id)
        .first()
    )


async def public_events(complaint_id: int, *, with_reporter_answers: bool = False) -> list[dict[str, Any]]:
    """Public history entries; `with_reporter_answers`: also the reporter's own answers to questions
    (kept internal, shown only to the reporter on the private link)."""
    visible = ComplaintEvent.is_public.eq(True)
    if with_reporter_answers:
        visible = visible | (ComplaintEvent.event_type == "info_provided")
    return (
        await ComplaintEvent.select(
            ComplaintEvent.id,
            ComplaintEvent.occurred_at,
            ComplaintEvent.event_type,
            ComplaintEvent.from_status,
            ComplaintEvent.to_status,
            ComplaintEvent.note,
            ComplaintEvent.actor_role,
        )
        .where((ComplaintEvent.complaint == complaint_id) & visible)
        .order_by(ComplaintEvent.occurred_at)
        .order_by(ComplaintEvent.id)
    )


async def units_for_choice() -> list[dict[str, Any]]:
    return await Unit.select(Unit.id, Unit.name).where(Unit.published.eq(True)).order_by(Unit.name)


async def all_units() -> list[dict[str, Any]]:
    """Every unit, published or not (settings pages of the system administrator)."""
    return await Unit.select(Unit.id, Unit.name).order_by(Unit.name)


async def unit_exists(unit_id: int) -> bool:
    return await Unit.exists().where(Unit.id == unit_id)


async def services_for_choice(unit_id: int | None = None) -> list[dict[str, Any]]:
    where = Service.published.eq(True) & Service.accepts_complaints.eq(True)
    if unit_id:
        where = where & (Service.unit == unit_id)
    return (
        await Service.select(Service.id, Service.name, Service.unit, Service.unit.name)
        .where(where)
        .order_by(Service.unit.name)
        .order_by(Service.name)
    )


async def lapor_source(import_id: int | None) -> dict[str, Any] | None:
    """The provenance of a complaint's SP4N-LAPOR! facts (a LaporImport row), or None."""
    if import_id is None:
        return None
    return (
        await LaporImport.select(
            LaporImport.id,
            LaporImport.kind,
            LaporImport.filename,
            LaporImport.sha256,
            LaporImport.sheet,
            LaporImport.imported_at,
            LaporImport.actor_name,
        )
        .where(LaporImport.id == import_id)
        .first()
    )
