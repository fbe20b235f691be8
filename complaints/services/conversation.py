"""The conversation with the reporter (issue 16; rules in complaints.conversation): an officer asks for
information at any stage before the final answer, the reporter answers (private link, or a reply to the
notification through `record_reporter_answer`), and the deadline clock stands still meanwhile."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from complaints import closure, conversation, public_copy, states
from complaints.actors import REPORTER, Actor
from complaints.calendar import local_date
from complaints.holiday_sources import load_holidays
from complaints.services.handling import (
    StoredFile,
    _attach,
    _clean_note,
    _event,
    _load,
    _transition,
)
from complaints.tables import Complaint
from complaints.workflow import TransitionRefused
from portal import audit
from portal.db import write_transaction
from portal.i18n import _

if TYPE_CHECKING:
    from litestar import Request

ASK_BEFORE_ROUTING = frozenset(states.ASK_BEFORE_ROUTING)
ASK_WHILE_HANDLED = frozenset(states.AT_UNIT)
CHANNELS = frozenset({"web", "email", "whatsapp", "sms"})


async def may_ask(actor: Actor, complaint: dict[str, Any]) -> bool:
    """Staff who may work the case (its unit, the system administrator) or supervise its dispute."""
    user = actor.user
    if user is None:
        return False
    if complaint["status"] in ASK_BEFORE_ROUTING:
        return user.is_system_admin
    if complaint["unit"] is not None and user.can_work_unit(complaint["unit"]):
        return True
    return await closure.may_supervise(user, complaint)


async def ask_reporter(
    complaint_id: int, actor: Actor, question: str, *, request: Request | None = None, now: datetime | None = None
) -> None:
    """An officer's question to the reporter (public "info_requested" entry). Before routing the case
    waits in `needs_info`; while the unit handles it the status stays and `awaiting_reporter_since`
    marks the wait. Raises TransitionRefused / InvalidAction; nothing is changed then."""
    now = now or datetime.now(UTC)
    question = _clean_note(question, required=True, what=_("Pertanyaan"))
    async with write_transaction():
        complaint = await _load(complaint_id)
        if complaint["status"] not in ASK_BEFORE_ROUTING | ASK_WHILE_HANDLED:
            raise TransitionRefused(_("Pertanyaan kepada pelapor hanya dapat dikirim sebelum jawaban akhir."))
        if not await may_ask(actor, complaint):
            raise TransitionRefused(_("Peran Anda tidak berhak melakukan tindakan ini."))
        if complaint["status"] in ASK_BEFORE_ROUTING:
            await _transition(complaint, "request_info", actor, now=now, note=question, request=request)
            return
        if complaint["status"] == states.S.routed:
            await _transition(complaint, "start", actor, now=now, request=request)
        since = complaint.get("awaiting_reporter_since") or now
        await Complaint.update({Complaint.awaiting_reporter_since: since, Complaint.updated_at: now}).where(
            Complaint.id == complaint_id
        )
        await _event(complaint, actor, "info_requested", now=now, note=question, is_public=True)
        await public_copy.refresh(complaint_id, now=now)
        await audit.record(
            "complaint_info_requested",
            "complaint",
            complaint_id,
            actor=actor.user,
            unit_id=complaint["unit"],
            after={"question": question[:200]},
            request=request,
        )


def is_waiting(complaint: dict[str, Any]) -> bool:
    """A question to the reporter is open."""
    return complaint["status"] == states.S.needs_info or complaint.get("awaiting_reporter_since") is not None


async def record_reporter_answer(
    complaint: dict[str, Any] | int,
    text: str,
    files: list[StoredFile] = (),  # type: ignore[assignment]
    channel: str = "web",
    *,
    request: Request | None = None,
    now: datetime | None = None,
) -> int:
    """The reporter's answer to an open question (private link, or a reply to the notification: the caller
    has authenticated the reporter). Text and/or files (already checked and stored by the upload
    pipeline). Ends the wait: the working days waited are added to the deadlines. Returns the working days
    added. Raises TransitionRefused (no open question) / InvalidAction (empty or too long)."""
    complaint_id = complaint if isinstance(complaint, int) else complaint["id"]
    channel = channel if channel in CHANNELS else "web"
    text = _clean_note(text, required=not files, what=_("Jawaban Anda"))
    now = now or datetime.now(UTC)
    async with write_transaction():
        row = await _load(complaint_id)
        if not is_waiting(row) or row["status"] in states.ANSWERED_OR_FINAL:
            raise TransitionRefused(_("Tidak ada pertanyaan yang menunggu jawaban Anda pada pengaduan ini."))
        since = row.get("awaiting_reporter_since") or now
        holidays = await load_holidays(local_date(since), local_date(now) + timedelta(days=400))
        waited = conversation.waited_working_days(since, now, holidays)
        if row["status"] == states.S.needs_info:
            await _transition(row, "provide_info", REPORTER, now=now, request=request)
        current = (
            await Complaint.select(Complaint.verify_due_at, Complaint.followup_due_at, Complaint.resolve_due_at)
            .where(Complaint.id == complaint_id)
            .first()
        )
        await Complaint.update(
            {
                Complaint.awaiting_reporter_since: None,
                Complaint.info_wait_days: (row.get("info_wait_days") or 0) + waited,
                Complaint.verify_due_at: conversation.extend(current["verify_due_at"], waited, holidays),
                Complaint.followup_due_at: conversation.extend(current["followup_due_at"], waited, holidays),
                Complaint.resolve_due_at: conversation.extend(current["resolve_due_at"], waited, holidays),
                Complaint.updated_at: now,
            }
        ).where(Complaint.id == complaint_id)
        event_id = await _event(row, REPORTER, "info_provided", now=now, note=text, is_public=False)
        await _attach(complaint_id, event_id, list(files), "reporter", now)
        await audit.record(
            "complaint_info_provided",
            "complaint",
            complaint_id,
            actor_name="reporter",
            unit_id=row["unit"],
            after={"channel": channel, "files": len(files), "paused_working_days": waited},
            request=request,
        )
    return waited


def max_wait_days() -> int:
    return conversation.max_wait_days()


async def wait_exceeded(complaint: dict[str, Any], now: datetime) -> bool:
    """The open question has waited longer than the maximum wait (the case page says so)."""
    since = complaint.get("awaiting_reporter_since")
    if since is None:
        return False
    holidays = await load_holidays(local_date(since), local_date(now))
    return conversation.wait_exceeded(since, now, holidays)
