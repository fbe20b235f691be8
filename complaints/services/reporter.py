"""The reporter's side: finding a case by tracking code (and private-link token), confirming or
disputing the answer, rating the handling, and adding information when asked."""

from __future__ import annotations

import hmac
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from complaints.actors import REPORTER, SYSTEM
from complaints.services.handling import StoredFile, _attach, _clean_note, _event, _load, _transition
from complaints.services.intake import hash_token
from complaints.tables import Complaint, ComplaintEvent
from complaints.tracking_codes import is_valid_code, normalize_code
from complaints.workflow import TransitionRefused
from portal import audit
from portal.db import write_transaction
from portal.i18n import _

if TYPE_CHECKING:
    from litestar import Request

_DUMMY_HASH = hash_token("no-such-complaint")


async def find_by_code(raw_code: str, token: str | None = None) -> dict[str, Any] | None:
    """The complaint for a code (and, when given, a matching private token); None otherwise.

    An unknown code and a wrong token give the same answer after the same work.
    """
    code = normalize_code(raw_code)
    row = None
    if is_valid_code(code):
        row = await Complaint.select().where(Complaint.tracking_code == code).first()
    if token is None:
        return row
    expected = row["reporter_token_hash"] if row else _DUMMY_HASH
    if not hmac.compare_digest(expected, hash_token(token)) or row is None:
        return None
    return row


async def act(complaint_id: int, action: str, *, note: str = "", files: list[StoredFile] = (),  # type: ignore[assignment]
              request: Request | None = None, now: datetime | None = None) -> str:
    """confirm | dispute | provide_info by the reporter (authorised by the private link)."""
    if action not in ("confirm", "dispute", "provide_info"):
        raise TransitionRefused(_("Tindakan tidak dikenal."))
    now = now or datetime.now(UTC)
    async with write_transaction():
        complaint = await _load(complaint_id)
        if action == "provide_info":
            text = _clean_note(note, required=not files, what=_("Informasi tambahan"))
            status = await _transition(complaint, action, REPORTER, now=now, request=request)
            event_id = await _event(complaint, REPORTER, "note", now=now, note=text, is_public=False)
            await _attach(complaint_id, event_id, list(files), "reporter", now)
            return status
        return await _transition(complaint, action, REPORTER, now=now, note=note, request=request)


async def rate(complaint_id: int, rating: int, comment: str, *, request: Request | None = None,
               now: datetime | None = None) -> None:
    """A 1–5 rating of the handling, allowed once the case is answered or closed."""
    if rating not in range(1, 6):
        raise TransitionRefused(_("Nilai harus antara 1 dan 5."))
    comment = _clean_note(comment, required=False, what=_("Komentar"))
    now = now or datetime.now(UTC)
    async with write_transaction():
        complaint = await _load(complaint_id)
        if complaint["status"] not in ("answered", "closed"):
            raise TransitionRefused(_("Penilaian dapat diberikan setelah pengaduan dijawab."))
        await Complaint.update({Complaint.rating: rating, Complaint.rating_comment: comment,
                                Complaint.updated_at: now}).where(Complaint.id == complaint_id)
        await _event(complaint, REPORTER, "rating", now=now, note=f"{rating}/5 {comment}".strip())
        await audit.record("complaint_rating", "complaint", complaint_id, actor_name="reporter",
                           unit_id=complaint["unit"], after={"rating": rating}, request=request)


async def expire_waiting_for_info(days: int, now: datetime | None = None) -> int:
    """Archive as "kedaluwarsa" the cases still waiting for the reporter's information `days` after
    it was requested (the time comes from the latest event that moved the case to needs_info)."""
    now = now or datetime.now(UTC)
    waiting = await Complaint.select(Complaint.id).where(Complaint.status == "needs_info")
    expired = 0
    for row in waiting:
        asked = await ComplaintEvent.select(ComplaintEvent.occurred_at).where(
            (ComplaintEvent.complaint == row["id"]) & (ComplaintEvent.to_status == "needs_info")
        ).order_by(ComplaintEvent.occurred_at, ascending=False).first()
        if asked is None or now - asked["occurred_at"] < timedelta(days=days):
            continue
        async with write_transaction():
            complaint = await _load(row["id"])
            if complaint["status"] != "needs_info":
                continue
            await _transition(complaint, "expire", SYSTEM, now=now,
                              note=_("Informasi yang diminta tidak dilengkapi dalam %(n)d hari.") % {"n": days})
            expired += 1
    return expired


async def auto_close_due(now: datetime | None = None) -> int:
    """Close answered cases whose reporter did not react within the policy's auto-close days."""
    from complaints.deadlines import get_policy

    now = now or datetime.now(UTC)
    answered = await Complaint.select(Complaint.id, Complaint.unit, Complaint.kind).where(
        Complaint.status == "answered"
    )
    closed = 0
    for row in answered:
        policy = await get_policy(row["unit"], row["kind"])
        last = await ComplaintEvent.select(ComplaintEvent.occurred_at).where(
            (ComplaintEvent.complaint == row["id"]) & (ComplaintEvent.to_status == "answered")
        ).order_by(ComplaintEvent.occurred_at, ascending=False).first()
        if last is None or now - last["occurred_at"] < timedelta(days=policy.auto_close_days):
            continue
        async with write_transaction():
            complaint = await _load(row["id"])
            if complaint["status"] != "answered":
                continue
            await _transition(complaint, "auto_close", SYSTEM, now=now,
                              note=_("Ditutup otomatis: pelapor tidak menanggapi dalam %(n)d hari.")
                              % {"n": policy.auto_close_days})
            closed += 1
    return closed
