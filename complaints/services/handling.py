"""Handling a complaint: transitions of the state machine, replies, notes, re-routing, topic and
SP4N-LAPOR! fields. Every change writes an append-only ComplaintEvent and an audit entry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from complaints import closure, conversation, public_copy
from complaints.actors import SYSTEM, Actor
from complaints.deadlines import compute_deadlines
from complaints.lapor_import import TRACKING_ID_RE
from complaints.lapor_status import is_known
from complaints.services.events import NewEvent, append_event
from complaints.states import CLEARS_QUESTION, FINAL, HANDLED, S
from complaints.tables import Attachment, Complaint, ComplaintEvent, LaporImport, TopicCorrection
from complaints.workflow import ARCHIVE_REASONS, CLOSED_BY, TransitionRefused, check_transition
from ml.taxonomy import TOPIC_CODES
from portal import audit
from portal.db import write_transaction
from portal.i18n import _
from portal.settings import get_settings
from portal.tables import Unit

if TYPE_CHECKING:
    from litestar import Request

    from portal.uploads import CheckedUpload

MAX_NOTE = 4000


class ComplaintNotFound(Exception):
    pass


class InvalidAction(Exception):
    """Input that makes an action impossible (missing answer text, unknown unit...); nothing changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class StoredFile:
    checked: CheckedUpload
    original_name: str
    storage_name: str


async def _load(complaint_id: int) -> dict[str, Any]:
    row = (
        await Complaint.select(
            Complaint.id,
            Complaint.status,
            Complaint.unit,
            Complaint.kind,
            Complaint.created_at,
            Complaint.title,
            Complaint.description,
            Complaint.topic,
            Complaint.topic_confidence,
            Complaint.topic_model_version,
            Complaint.lapor_tracking_id,
            Complaint.lapor_status,
            Complaint.escalated,
            Complaint.escalation_state,
            Complaint.awaiting_reporter_since,
            Complaint.info_wait_days,
            Complaint.rating,
        )
        .where(Complaint.id == complaint_id)
        .first()
    )
    if row is None:
        raise ComplaintNotFound(complaint_id)
    return row


SILENT = ""  # the `kind` of an event that sends no message of its own


async def _event(
    complaint: dict[str, Any],
    actor: Actor,
    event_type: str,
    *,
    now: datetime,
    note: str = "",
    is_public: bool = False,
    from_status: str = "",
    to_status: str = "",
    unit_id: int | None = None,
    kind: str | None = None,
    params: dict[str, Any] | None = None,
) -> int:
    """Append one event, and in the same transaction the reporter's messages it causes (complaints.outbox,
    by `kind`: the workflow action for a transition, else the event type; SILENT for an entry whose news the
    reporter already got with the transition it belongs to). Only a public note is quoted."""
    return await append_event(
        NewEvent(
            complaint=complaint["id"],
            occurred_at=now,
            event_type=event_type,
            from_status=from_status,
            to_status=to_status,
            actor_id=actor.id,
            actor_role=actor.role,
            actor_name=actor.name,
            note=note,
            is_public=is_public,
            unit_id=unit_id if unit_id is not None else complaint["unit"],
            message=event_type if kind is None else kind,
            message_note=note if is_public else "",
            params=params,
        )
    )


async def _attach(complaint_id: int, event_id: int, files: list[StoredFile], uploaded_by: str, now: datetime) -> None:
    if files:
        await Attachment.insert(
            *[
                Attachment(
                    complaint=complaint_id,
                    event=event_id,
                    original_name=f.original_name[:255],
                    content_type=f.checked.content_type,
                    size=f.checked.size,
                    sha256=f.checked.sha256,
                    storage_name=f.storage_name,
                    uploaded_by=uploaded_by,
                    created_at=now,
                )
                for f in files
            ]
        )


def _clean_note(note: str, *, required: bool, what: str) -> str:
    note = (note or "").strip()
    if required and not note:
        raise InvalidAction(_("%(what)s wajib diisi.") % {"what": what})
    if len(note) > MAX_NOTE:
        raise InvalidAction(_("Paling banyak %(n)d karakter.") % {"n": MAX_NOTE})
    return note


async def _unit_exists(unit_id: int | None) -> dict[str, Any]:
    row = await Unit.select(Unit.id, Unit.name).where(Unit.id == unit_id).first() if unit_id else None
    if row is None:
        raise InvalidAction(_("Pilih unit tujuan yang ada."))
    return row


async def dispute_count(complaint_id: int) -> int:
    """How often the reporter has disputed an answer of this case (each dispute moved it from answered
    back to in progress)."""
    return await ComplaintEvent.count().where(
        (ComplaintEvent.complaint == complaint_id)
        & (ComplaintEvent.event_type == "transition")
        & (ComplaintEvent.from_status == S.answered)
        & (ComplaintEvent.to_status == S.in_progress)
    )


async def _supervisor_name() -> str:
    unit_id = await closure.supervising_unit_id()
    row = await Unit.select(Unit.name).where(Unit.id == unit_id).first() if unit_id else None
    return row["name"] if row else _("Admin sistem")


async def _transition(
    complaint: dict[str, Any],
    action: str,
    actor: Actor,
    *,
    now: datetime,
    note: str = "",
    reason: str = "",
    unit_id: int | None = None,
    request: Request | None = None,
) -> str:
    """One checked transition inside the caller's transaction; returns the new status."""
    transition = check_transition(action, complaint["status"], actor.role)
    before = {"status": complaint["status"], "unit": complaint["unit"]}
    updates: dict[Any, Any] = {Complaint.status: transition.target, Complaint.updated_at: now}
    public_note = note
    event_type = "transition"
    if action == "archive" or action == "expire":
        reason = "kedaluwarsa" if action == "expire" else reason
        if reason not in ARCHIVE_REASONS:
            raise InvalidAction(_("Pilih alasan pengarsipan."))
        updates[Complaint.archive_reason] = reason
        public_note = _(ARCHIVE_REASONS[reason]) + (f": {note}" if note else "")
    if action in ("route", "reroute"):
        unit = await _unit_exists(unit_id)
        if action == "reroute" and unit_id == complaint["unit"]:
            raise InvalidAction(_("Pilih unit lain untuk disposisi ulang."))
        if action == "reroute":
            _clean_note(note, required=True, what=_("Alasan disposisi ulang"))
            event_type = "reroute"
        deadlines = await compute_deadlines(
            unit_id, complaint["kind"], complaint["created_at"], complaint.get("info_wait_days") or 0
        )
        updates.update(
            {
                Complaint.unit: unit_id,
                Complaint.needs_triage: False,
                Complaint.verify_due_at: deadlines.verify_due,
                Complaint.followup_due_at: deadlines.followup_due,
                Complaint.resolve_due_at: deadlines.resolve_due,
            }
        )
        public_note = _("Didisposisikan ke %(unit)s") % {"unit": unit["name"]} + (f": {note}" if note else "")
    if action == "verify":
        updates[Complaint.needs_triage] = False
    if action in ("request_info", "dispute"):
        _clean_note(note, required=True, what=_("Keterangan"))
    if action == "request_info":
        updates[Complaint.awaiting_reporter_since] = complaint.get("awaiting_reporter_since") or now
        public_note = ""  # the question is its own "info_requested" entry
    if action == "dispute":
        if not conversation.may_dispute_again(await dispute_count(complaint["id"])):
            raise TransitionRefused(
                _(
                    "Jawaban pengaduan ini sudah disanggah %(n)d kali, batas yang berlaku. Bila masih belum puas, "
                    "sampaikan ke Ombudsman RI atau unit pengawas."
                )
                % {"n": get_settings().max_disputes}
            )
        updates[Complaint.escalated] = True
        updates[Complaint.escalation_state] = closure.PENDING
        updates[Complaint.reporter_confirmed] = False
    if action == "close":
        try:
            await closure.check_unit_close(complaint, now)
        except closure.ClosureRefused as exc:
            raise TransitionRefused(exc.message) from exc
    if action == "confirm":
        updates[Complaint.reporter_confirmed] = True
    if transition.target in CLEARS_QUESTION:
        updates[Complaint.awaiting_reporter_since] = None  # no question stays open after the answer
    if transition.target == S.closed:
        updates[Complaint.closed_by] = CLOSED_BY[action]
        updates[Complaint.closed_at] = now
    await Complaint.update(updates).where(Complaint.id == complaint["id"])
    new_unit = unit_id if action in ("route", "reroute") else complaint["unit"]
    await _event(
        complaint,
        actor,
        event_type,
        now=now,
        note=public_note,
        is_public=True,
        from_status=complaint["status"],
        to_status=transition.target,
        unit_id=new_unit,
        kind=action,
    )
    # companion entries of a transition: the transition's own message (kind=action) already told the reporter
    if action == "request_info":
        await _event(complaint, actor, "info_requested", now=now, note=note, is_public=True, kind=SILENT)
    if action == "dispute":
        # the "reopened" message already tells the reporter the supervising unit reviews it
        await _event(
            complaint, SYSTEM, "escalated", now=now, is_public=True, note=await _supervisor_name(), kind=SILENT
        )
    await audit.record(
        f"complaint_{action}",
        "complaint",
        complaint["id"],
        actor=actor.user,
        actor_name=None if actor.user else actor.name,
        unit_id=new_unit,
        before=before,
        after={"status": transition.target, "unit": new_unit, "note": note[:200]},
        request=request,
    )
    complaint.update(status=transition.target, unit=new_unit)
    await public_copy.refresh(complaint["id"], now=now)  # the new public event (and answers) in the copy
    return transition.target


async def apply_action(
    complaint_id: int,
    action: str,
    actor: Actor,
    *,
    note: str = "",
    reason: str = "",
    unit_id: int | None = None,
    request: Request | None = None,
    now: datetime | None = None,
) -> str:
    """Run one workflow action (verify, request_info, archive, route, reroute, start, answer, close...).

    `answer` writes the public answer (a "reply" event) and moves the case to answered.
    Raises TransitionRefused / InvalidAction / ComplaintNotFound; nothing is changed then.
    """
    now = now or datetime.now(UTC)
    async with write_transaction():
        complaint = await _load(complaint_id)
        if action == "answer":
            check_transition(action, complaint["status"], actor.role)
            supervisor = await _check_answer_allowed(complaint, actor)
            text = _answer_text(note, what=_("Jawaban"))
            await _event(complaint, actor, "reply", now=now, note=text, is_public=True, kind="final_answer")
            if supervisor:
                await Complaint.update({Complaint.escalation_state: closure.SUPERVISOR_ANSWERED}).where(
                    Complaint.id == complaint_id
                )
            return await _transition(complaint, action, actor, now=now, request=request)
        return await _transition(
            complaint, action, actor, now=now, note=note, reason=reason, unit_id=unit_id, request=request
        )


def _answer_text(note: str, *, what: str) -> str:
    text = _clean_note(note, required=True, what=what)
    problem = closure.answer_problem(text)
    if problem:
        raise InvalidAction(problem)
    return text


async def _check_answer_allowed(complaint: dict[str, Any], actor: Actor) -> bool:
    """A disputed case waiting for the supervising unit gets its answer from the supervisor only;
    returns True when the actor answers as the supervisor."""
    if complaint.get("escalated") and complaint.get("escalation_state") in closure.OPEN_ESCALATION:
        if await closure.may_supervise(actor.user, complaint):
            return True
        if complaint["escalation_state"] == closure.PENDING:
            raise TransitionRefused(
                _(
                    "Pelapor menyanggah jawaban: unit pengawas menangani sanggahan ini dahulu. Unit dapat menjawab "
                    "lagi setelah unit pengawas mengembalikannya dengan arahan."
                )
            )
    return False


async def return_escalation(
    complaint_id: int, actor: Actor, instructions: str, *, request: Request | None = None, now: datetime | None = None
) -> None:
    """The supervising unit sends a disputed case back to the unit with instructions (internal event)."""
    now = now or datetime.now(UTC)
    text = _answer_text(instructions, what=_("Arahan"))
    async with write_transaction():
        complaint = await _load(complaint_id)
        if complaint["escalation_state"] != closure.PENDING or complaint["status"] in FINAL:
            raise TransitionRefused(_("Pengaduan ini tidak sedang menunggu unit pengawas."))
        if not await closure.may_supervise(actor.user, complaint):
            raise TransitionRefused(_("Peran Anda tidak berhak melakukan tindakan ini."))
        await Complaint.update({Complaint.escalation_state: closure.RETURNED, Complaint.updated_at: now}).where(
            Complaint.id == complaint_id
        )
        await _event(
            complaint,
            actor,
            "sent_back",
            now=now,
            is_public=True,
            note=_("Unit pengawas meminta unit menindaklanjuti sanggahan Anda dan menjawab kembali."),
        )
        await _event(complaint, actor, "note", now=now, note=_("Arahan unit pengawas: %(text)s") % {"text": text})
        await public_copy.refresh(complaint_id, now=now)
        await audit.record(
            "complaint_escalation_return",
            "complaint",
            complaint_id,
            actor=actor.user,
            unit_id=complaint["unit"],
            before={"escalation_state": closure.PENDING},
            after={"escalation_state": closure.RETURNED, "note": text[:200]},
            request=request,
        )


async def verify_and_route(
    complaint_id: int,
    actor: Actor,
    unit_id: int | None,
    *,
    note: str = "",
    request: Request | None = None,
    now: datetime | None = None,
) -> str:
    """The triage shortcut: verify a received complaint and route it in one step (two events)."""
    now = now or datetime.now(UTC)
    async with write_transaction():
        complaint = await _load(complaint_id)
        await _unit_exists(unit_id)
        if complaint["status"] == S.received:
            await _transition(complaint, "verify", actor, now=now, request=request)
        return await _transition(complaint, "route", actor, now=now, note=note, unit_id=unit_id, request=request)


async def reply(
    complaint_id: int,
    actor: Actor,
    text: str,
    *,
    files: list[StoredFile] = (),  # type: ignore[assignment]
    request: Request | None = None,
    now: datetime | None = None,
) -> None:
    """A public interim update to the reporter (not the final answer: event "interim_update"); the first
    one on a routed case starts the follow-up."""
    now = now or datetime.now(UTC)
    text = _answer_text(text, what=_("Balasan"))
    async with write_transaction():
        complaint = await _load(complaint_id)
        if complaint["status"] not in HANDLED:
            raise TransitionRefused(_("Balasan hanya dapat dikirim setelah pengaduan didisposisikan ke unit."))
        if complaint["status"] == S.routed:
            await _transition(complaint, "start", actor, now=now, request=request)
        event_id = await _event(complaint, actor, "interim_update", now=now, note=text, is_public=True)
        await public_copy.refresh(complaint_id, now=now)
        await _attach(complaint_id, event_id, list(files), "staff", now)
        await Complaint.update({Complaint.updated_at: now}).where(Complaint.id == complaint_id)
        await audit.record(
            "complaint_reply",
            "complaint",
            complaint_id,
            actor=actor.user,
            unit_id=complaint["unit"],
            after={"length": len(text)},
            request=request,
        )


async def add_note(
    complaint_id: int,
    actor: Actor,
    text: str,
    *,
    files: list[StoredFile] = (),  # type: ignore[assignment]
    request: Request | None = None,
    now: datetime | None = None,
) -> None:
    """An internal note (never shown to the reporter or the public), optionally with evidence."""
    now = now or datetime.now(UTC)
    text = _clean_note(text, required=not files, what=_("Catatan"))
    async with write_transaction():
        complaint = await _load(complaint_id)
        event_type = "note" if text else "attachment"
        event_id = await _event(complaint, actor, event_type, now=now, note=text, is_public=False)
        await _attach(complaint_id, event_id, list(files), "staff", now)
        await audit.record(
            "complaint_note",
            "complaint",
            complaint_id,
            actor=actor.user,
            unit_id=complaint["unit"],
            after={"files": len(files)},
            request=request,
        )


async def set_topic(
    complaint_id: int, actor: Actor, topic: str, *, request: Request | None = None, now: datetime | None = None
) -> None:
    """An officer confirms or corrects the topic: TopicCorrection (training feedback), event, audit."""
    if topic not in TOPIC_CODES:
        raise InvalidAction(_("Topik tidak dikenal."))
    now = now or datetime.now(UTC)
    async with write_transaction():
        complaint = await _load(complaint_id)
        await TopicCorrection.insert(
            TopicCorrection(
                complaint_id=complaint_id,
                text=f"{complaint['title']}\n{complaint['description']}",
                predicted_topic=complaint["topic"],
                corrected_topic=topic,
                model_version=complaint["topic_model_version"],
                confidence=round((complaint["topic_confidence"] or 0) * 1000),
                officer_id=actor.id,
                created_at=now,
            )
        )
        await Complaint.update(
            {Complaint.topic: topic, Complaint.topic_source: "officer", Complaint.updated_at: now}
        ).where(Complaint.id == complaint_id)
        await _event(complaint, actor, "topic", now=now, note=f"{complaint['topic'] or '-'} → {topic}")
        await audit.record(
            "complaint_topic",
            "complaint",
            complaint_id,
            actor=actor.user,
            unit_id=complaint["unit"],
            before={"topic": complaint["topic"]},
            after={"topic": topic},
            request=request,
        )


async def set_lapor(
    complaint_id: int,
    actor: Actor,
    tracking_id: str,
    status: str,
    *,
    document: StoredFile | None,
    request: Request | None = None,
    now: datetime | None = None,
) -> None:
    """Record SP4N-LAPOR! facts for one complaint from a document the system admin uploaded (a print of the
    LAPOR! case page). Only the system admin; the document is required and becomes the facts' provenance
    (a LaporImport of kind "document": file name, hash, time, who). Units cannot type LAPOR! facts: those
    come from imports of the national export (complaints.lapor_import)."""
    if actor.role != "system_admin":
        raise InvalidAction(
            _(
                "Data SP4N-LAPOR! hanya berasal dari impor ekspor nasional atau dari admin sistem "
                "dengan dokumen pendukung."
            )
        )
    tracking_id = tracking_id.strip()
    status = status.strip()
    if not tracking_id or len(tracking_id) > 40 or not TRACKING_ID_RE.match(tracking_id):
        raise InvalidAction(_("ID pelacakan SP4N-LAPOR! tidak valid (angka, huruf dan -, paling banyak 40)."))
    if not is_known(status):
        raise InvalidAction(_("Status SP4N-LAPOR! tidak dikenal: pilih salah satu status dari daftar."))
    if document is None:
        raise InvalidAction(_("Lampirkan dokumen dari SP4N-LAPOR! (PDF atau gambar) sebagai bukti."))
    now = now or datetime.now(UTC)
    async with write_transaction():
        complaint = await _load(complaint_id)
        other = await Complaint.exists().where(
            (Complaint.lapor_tracking_id == tracking_id) & (Complaint.id != complaint_id)
        )
        if other:
            raise InvalidAction(_("ID pelacakan SP4N-LAPOR! ini sudah tercatat pada pengaduan lain."))
        rows = await LaporImport.insert(
            LaporImport(
                kind="document",
                filename=document.original_name[:255],
                sha256=document.checked.sha256,
                storage_name=document.storage_name,
                imported_at=now,
                actor_id=actor.id,
                actor_name=actor.name[:200],
                summary={"complaint": complaint_id},
            )
        ).returning(LaporImport.id)
        import_id = rows[0]["id"]
        await Complaint.update(
            {
                Complaint.lapor_tracking_id: tracking_id,
                Complaint.lapor_status: status[:60],
                Complaint.lapor_import: import_id,
                Complaint.lapor_row: None,
                Complaint.lapor_as_of: now,
                Complaint.updated_at: now,
            }
        ).where(Complaint.id == complaint_id)
        event_id = await _event(complaint, actor, "lapor_sync", now=now, note=f"{tracking_id} {status}".strip())
        await _attach(complaint_id, event_id, [document], "staff", now)
        before = {"lapor_tracking_id": complaint["lapor_tracking_id"], "lapor_status": complaint["lapor_status"]}
        await audit.record(
            "complaint_lapor",
            "complaint",
            complaint_id,
            actor=actor.user,
            unit_id=complaint["unit"],
            before=before,
            after={
                "lapor_tracking_id": tracking_id,
                "lapor_status": status,
                "lapor_import": import_id,
                "sha256": document.checked.sha256,
            },
            request=request,
        )
