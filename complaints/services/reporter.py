"""The reporter's side: finding a case by tracking code (and private-link token), confirming or
disputing the answer, rating the handling, and adding information when asked."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from complaints import queries, states
from complaints.actors import REPORTER, SYSTEM
from complaints.deadlines import get_policy
from complaints.services.conversation import record_reporter_answer
from complaints.services.handling import StoredFile, _clean_note, _event, _load, _transition
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


async def act(
    complaint_id: int,
    action: str,
    *,
    note: str = "",
    files: list[StoredFile] = (),  # type: ignore[assignment]
    request: Request | None = None,
    now: datetime | None = None,
) -> str:
    """confirm | dispute | provide_info by the reporter (authorised by the private link)."""
    if action not in ("confirm", "dispute", "provide_info"):
        raise TransitionRefused(_("Tindakan tidak dikenal."))
    now = now or datetime.now(UTC)
    async with write_transaction():
        complaint = await _load(complaint_id)
        if action == "provide_info":
            await record_reporter_answer(complaint, note, list(files), "web", request=request, now=now)
            return (await _load(complaint_id))["status"]
        return await _transition(complaint, action, REPORTER, now=now, note=note, request=request)


async def rate(
    complaint_id: int, rating: int, comment: str, *, request: Request | None = None, now: datetime | None = None
) -> None:
    """A 1–5 rating of the handling, allowed once the case is answered; given once: it may be changed
    while the case is still open (answered), not after it is closed."""
    if rating not in range(1, 6):
        raise TransitionRefused(_("Nilai harus antara 1 dan 5."))
    comment = _clean_note(comment, required=False, what=_("Komentar"))
    now = now or datetime.now(UTC)
    async with write_transaction():
        complaint = await _load(complaint_id)
        if complaint["status"] not in states.RATEABLE:
            raise TransitionRefused(_("Penilaian dapat diberikan setelah pengaduan dijawab."))
        if complaint["status"] == states.CLOSED and complaint.get("rating") is not None:
            raise TransitionRefused(
                _("Penilaian Anda sudah tersimpan dan tidak dapat diubah setelah pengaduan selesai.")
            )
        await Complaint.update(
            {Complaint.rating: rating, Complaint.rating_comment: comment, Complaint.updated_at: now}
        ).where(Complaint.id == complaint_id)
        await _event(complaint, REPORTER, "rating", now=now, note=f"{rating}/5 {comment}".strip())
        await audit.record(
            "complaint_rating",
            "complaint",
            complaint_id,
            actor_name="reporter",
            unit_id=complaint["unit"],
            after={"rating": rating},
            request=request,
        )


async def _act_on_silence(status: str, action: str, days_for: Callable[[dict[str, Any]], Awaitable[int]],
                          note: str, now: datetime) -> int:  # fmt: skip
    """The system's `action` on every case still in `status` `days_for(case)` days after the latest
    event that moved it there (the reporter stayed silent); `note` gets the days as %(n)d."""
    cases = await Complaint.select(Complaint.id, Complaint.unit, Complaint.kind).where(Complaint.status == status)
    acted = 0
    for row in cases:
        days = await days_for(row)
        since = (
            await ComplaintEvent.select(ComplaintEvent.occurred_at)
            .where((ComplaintEvent.complaint == row["id"]) & (ComplaintEvent.to_status == status))
            .order_by(ComplaintEvent.occurred_at, ascending=False)
            .first()
        )
        if since is None or now - since["occurred_at"] < timedelta(days=days):
            continue
        async with write_transaction():
            complaint = await _load(row["id"])
            if complaint["status"] != status:
                continue
            await _transition(complaint, action, SYSTEM, now=now, note=note % {"n": days})
            acted += 1
    return acted


async def expire_waiting_for_info(days: int, now: datetime | None = None) -> int:
    """Archive as "kedaluwarsa" the cases still waiting for the reporter's information `days` after
    it was requested (the time comes from the latest event that moved the case to needs_info)."""

    async def fixed(_: dict[str, Any]) -> int:
        return days

    note = _("Informasi yang diminta tidak dilengkapi dalam %(n)d hari.")
    return await _act_on_silence(states.NEEDS_INFO, "expire", fixed, note, now or datetime.now(UTC))


async def auto_close_due(now: datetime | None = None) -> int:
    """Close answered cases whose reporter did not react within the policy's auto-close days."""

    async def policy_days(case: dict[str, Any]) -> int:
        return (await get_policy(case["unit"], case["kind"])).auto_close_days

    note = _("Ditutup otomatis: pelapor tidak menanggapi dalam %(n)d hari.")
    return await _act_on_silence(states.ANSWERED, "auto_close", policy_days, note, now or datetime.now(UTC))


async def visible_attachments(complaint_id: int) -> list[dict[str, Any]]:
    """The attachments the reporter sees on their private page: their own and those of public events
    (never a file of an internal note)."""
    detail = await queries.case(complaint_id)
    if detail is None:
        return []
    public_events = {e["id"] for e in detail["events"] if e["is_public"]}
    return [a for a in detail["attachments"] if a["uploaded_by"] == "reporter" or a["event"] in public_events]
