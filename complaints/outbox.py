"""The durable outbox of messages to reporters (docs/complaints.md, "Notifications" and "Outbox guarantees").

* **Enqueue** (`enqueue_for_event`): called where complaint events are appended, inside the event's own
  transaction, so an event and its messages commit together or not at all. complaints.notifications
  .REPORTER_MESSAGES says which messages an event kind causes; one row per message and channel, with an
  idempotency key derived from the event (the UNIQUE key makes a repeated enqueue a no-op).
* **Send** (`send_due`): a worker claims due rows (status pending, or a "sending" row whose lease ran out)
  with a random claim token and a lease, renders and sends each through its channel (complaints.channels),
  then marks it sent with the provider's id. A failure puts the row back to pending with an exponential
  backoff (1, 2, 4 … minutes, at most 6 hours) until PORTAL_OUTBOX_MAX_ATTEMPTS, then "failed" (visible to
  staff, who may retry it). A permanent failure (refused address, channel not configured) fails at once.
* Nothing is sent to a fully anonymous reporter (no address is stored; no row is written).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import secrets
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from complaints import notifications
from complaints.channels import ChannelError, Outgoing, get_channel, normalise_whatsapp
from complaints.privacy import SHOWN, identity_access
from complaints.published_events import MESSAGE_LINK, SKM_INVITATION
from complaints.states import S
from complaints.tables import Complaint, ComplaintEvent, OutboxMessage
from portal import audit, events
from portal.db import write_transaction

if TYPE_CHECKING:
    from portal.security import CurrentUser
    from portal.settings import Settings

log = logging.getLogger("complaints.outbox")

CHANNEL_NAMES = ("email", "whatsapp")
LEASE = timedelta(minutes=5)
FIRST_BACKOFF_SECONDS = 60
MAX_BACKOFF_SECONDS = 6 * 3600
BATCH = 50
STATUSES = ("pending", "sending", "sent", "failed", "skipped")
DELIVERY_RANK = {"": 0, "sent": 1, "delivered": 2, "read": 3}


def idempotency_key(complaint_id: int, event_id: int | None, kind: str, channel: str) -> str:
    source = f"{complaint_id}:{event_id}:{kind}:{channel}"
    return hashlib.sha256(source.encode()).hexdigest()[:40]


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(FIRST_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0), MAX_BACKOFF_SECONDS))


def recipients(complaint: dict[str, Any]) -> list[tuple[str, str]]:
    """(channel, address) for each channel the reporter chose and gave an address for; none for a fully
    anonymous reporter."""
    if not complaint.get("identity_stored", True):
        return []
    chosen = {c.strip() for c in (complaint.get("notify_channels") or "").split(",") if c.strip()}
    found = []
    if "email" in chosen and complaint.get("reporter_email"):
        found.append(("email", complaint["reporter_email"]))
    if "whatsapp" in chosen and normalise_whatsapp(complaint.get("reporter_whatsapp") or ""):
        found.append(("whatsapp", normalise_whatsapp(complaint["reporter_whatsapp"])))
    return found


async def _latest_answer(complaint_id: int) -> str:
    row = await ComplaintEvent.select(ComplaintEvent.note).where(
        (ComplaintEvent.complaint == complaint_id) & (ComplaintEvent.event_type == "reply")
        & ComplaintEvent.is_public.eq(True)
    ).order_by(ComplaintEvent.id, ascending=False).first()  # fmt: skip
    return row["note"] if row else ""


async def enqueue_for_event(
    complaint_id: int,
    event_id: int | None,
    event_kind: str,
    *,
    now: datetime,
    note: str = "",
    params: dict[str, Any] | None = None,
) -> int:
    """Inside the caller's transaction: the outbox rows `event_kind` causes; returns how many."""
    kinds = notifications.REPORTER_MESSAGES.get(event_kind)
    if not kinds:
        return 0
    return await enqueue_messages(complaint_id, event_id, kinds, now=now, note=note, params=params)


async def enqueue_messages(
    complaint_id: int,
    event_id: int | None,
    kinds: tuple[str, ...],
    *,
    now: datetime,
    note: str = "",
    params: dict[str, Any] | None = None,
) -> int:
    """Inside the caller's transaction: one row per message kind and channel of the reporter (none for an
    anonymous one); returns how many. Another domain's reaction queues its own kind through it."""
    complaint = (
        await Complaint.select(
            Complaint.id,
            Complaint.identity_stored,
            Complaint.notify_channels,
            Complaint.reporter_email,
            Complaint.reporter_whatsapp,
            Complaint.unit,
        )
        .where(Complaint.id == complaint_id)
        .first()
    )
    if complaint is None:
        return 0
    targets = recipients(complaint)
    if not targets:
        return 0
    extra = dict(params or {})
    if S.answered in kinds and not note:
        note = await _latest_answer(complaint_id)
    extra.setdefault("note", note[:2000])
    rows = []
    for kind in kinds:
        for channel, address in targets:
            key = idempotency_key(complaint_id, event_id, kind, channel)  # UNIQUE: once per event
            rows.append(OutboxMessage(
                complaint=complaint_id, event_id=event_id, unit_id=complaint["unit"], kind=kind, channel=channel,
                recipient=address, idempotency_key=key, status="pending", next_attempt_at=now,
                params=extra, created_at=now,
            ))  # fmt: skip
    if rows:
        await OutboxMessage.insert(*rows)
    return len(rows)


# --- the worker -------------------------------------------------------------------------------------


async def claim(now: datetime, limit: int = BATCH) -> list[dict[str, Any]]:
    """Take up to `limit` due messages for this worker (status "sending", a lease of LEASE)."""
    token = secrets.token_hex(16)
    due = ((OutboxMessage.status == "pending") & (OutboxMessage.next_attempt_at <= now)) | (
        (OutboxMessage.status == "sending") & (OutboxMessage.claimed_until < now)
    )
    if not await OutboxMessage.exists().where(due):  # no write lock taken when nothing is due
        return []
    async with write_transaction():
        ids = [r["id"] for r in await OutboxMessage.select(OutboxMessage.id).where(due)
               .order_by(OutboxMessage.id).limit(limit)]  # fmt: skip
        if not ids:
            return []
        await OutboxMessage.update({
            OutboxMessage.status: "sending", OutboxMessage.claim_token: token,
            OutboxMessage.claimed_until: now + LEASE, OutboxMessage.attempts: OutboxMessage.attempts + 1,
        }).where(OutboxMessage.id.is_in(ids) & due)  # fmt: skip
    return (
        await OutboxMessage.select()
        .where(OutboxMessage.claim_token == token)
        .order_by(OutboxMessage.id)
        .output(load_json=True)
    )


async def _finish(message: dict[str, Any], updates: dict[Any, Any]) -> None:
    async with write_transaction():
        await OutboxMessage.update(updates).where(
            (OutboxMessage.id == message["id"]) & (OutboxMessage.claim_token == message["claim_token"])
        )


async def _render(settings: Settings, message: dict[str, Any]) -> tuple[str, str] | None:
    complaint = (
        await Complaint.select(
            Complaint.id,
            Complaint.tracking_code,
            Complaint.title,
            Complaint.reporter_token_hash,
            Complaint.identity_stored,
        )
        .where(Complaint.id == message["complaint"])
        .first()
    )
    if complaint is None or not complaint["identity_stored"]:
        return None
    survey = ""
    if message["kind"] == SKM_INVITATION:  # its ballot link belongs to surveys (complaints.published_events)
        links = await events.emit(MESSAGE_LINK, complaint_id=complaint["id"], kind=message["kind"])
        survey = next((link for link in links if link), "")
        if not survey:
            return None  # no open survey period any more, or the invitation was already answered
    return notifications.render(message["kind"], complaint, message["params"] or {}, settings, survey_url=survey)


async def send_one(settings: Settings, message: dict[str, Any], now: datetime | None = None) -> str:
    """Send one claimed message; returns its new status."""
    now = now or datetime.now(UTC)
    channel = get_channel(message["channel"])
    rendered = await _render(settings, message)
    if rendered is None or channel is None:
        await _finish(message, {OutboxMessage.status: "skipped", OutboxMessage.claimed_until: None})
        return "skipped"
    subject, body = rendered
    try:
        provider_id = await channel.send(
            settings, Outgoing(message["recipient"], subject, body, message["idempotency_key"])
        )
    except ChannelError as exc:
        failed = exc.permanent or message["attempts"] >= settings.outbox_max_attempts
        await _finish(message, {
            OutboxMessage.status: "failed" if failed else "pending",
            OutboxMessage.next_attempt_at: now + backoff(message["attempts"]),
            OutboxMessage.claimed_until: None, OutboxMessage.last_error: exc.reason[:300],
        })  # fmt: skip
        log.warning("outbox message %s via %s not sent (%s)", message["id"], message["channel"], exc.reason)
        return "failed" if failed else "pending"
    await _finish(message, {
        OutboxMessage.status: "sent", OutboxMessage.provider_message_id: provider_id[:200],
        OutboxMessage.sent_at: now, OutboxMessage.claimed_until: None, OutboxMessage.last_error: "",
    })  # fmt: skip
    return "sent"


async def send_due(settings: Settings, *, now: datetime | None = None, limit: int = BATCH) -> dict[str, int]:
    """One pass of the worker: claim the due messages and send them; counts per resulting status."""
    counts: dict[str, int] = {}
    for message in await claim(now or datetime.now(UTC), limit):
        try:
            status = await send_one(settings, message, now)
        except Exception as exc:  # a rendering or database error: the lease runs out, the row is retried
            log.error("outbox message %s: %s", message["id"], type(exc).__name__)
            status = "error"
        counts[status] = counts.get(status, 0) + 1
    return counts


async def run(settings: Settings, *, loop: bool = False, interval: float = 30.0) -> dict[str, int]:
    """Send until nothing is due (`loop`: keep polling every `interval` seconds)."""
    total: dict[str, int] = {}
    while True:
        while True:
            counts = await send_due(settings)
            for key, value in counts.items():
                total[key] = total.get(key, 0) + value
            if sum(counts.values()) < BATCH:
                break
        if not loop:
            return total
        await asyncio.sleep(interval)


async def deliver_now(settings: Settings) -> None:
    """After a request that queued messages: one worker pass at once (a background task); the scheduled
    worker sends whatever this misses."""
    try:
        await send_due(settings)
    except Exception as exc:
        log.error("outbox pass after the request failed (%s)", type(exc).__name__)


# --- WhatsApp status webhooks ---------------------------------------------------------------------


async def apply_statuses(statuses: list[dict[str, Any]], now: datetime | None = None) -> int:
    """Delivery statuses from the WhatsApp webhook: find the message by its wamid, or by the idempotency
    key echoed in biz_opaque_callback_data (a send interrupted before the wamid was stored, which is then
    marked sent instead of being sent again); returns how many messages were updated."""
    now = now or datetime.now(UTC)
    updated = 0
    for status in statuses:
        wamid, state = str(status.get("id", "")), str(status.get("status", ""))
        if not wamid or state not in ("sent", "delivered", "read", "failed"):
            continue
        async with write_transaction():
            row = (
                await OutboxMessage.select()
                .where((OutboxMessage.channel == "whatsapp") & (OutboxMessage.provider_message_id == wamid))
                .first()
            )
            key = str(status.get("biz_opaque_callback_data", ""))
            if row is None and key:
                row = (
                    await OutboxMessage.select()
                    .where((OutboxMessage.channel == "whatsapp") & (OutboxMessage.idempotency_key == key))
                    .first()
                )
            if row is None:
                continue
            updates: dict[Any, Any] = {OutboxMessage.provider_message_id: wamid}
            if row["status"] in ("pending", "sending"):
                updates.update(
                    {OutboxMessage.status: "sent", OutboxMessage.sent_at: now, OutboxMessage.claimed_until: None}
                )
            if state == "failed":
                errors = status.get("errors") or [{}]
                code = str(errors[0].get("code", "")) if isinstance(errors[0], dict) else ""
                updates.update(
                    {
                        OutboxMessage.status: "failed",
                        OutboxMessage.delivery_status: "failed",
                        OutboxMessage.last_error: f"delivery failed {code}".strip(),
                    }
                )
            elif DELIVERY_RANK[state] > DELIVERY_RANK.get(row["delivery_status"], 0):
                updates[OutboxMessage.delivery_status] = state
            await OutboxMessage.update(updates).where(OutboxMessage.id == row["id"])
            updated += 1
    return updated


# --- staff: the list of messages and the retry ------------------------------------------------------


def shown_recipient(row: dict[str, Any], viewer: CurrentUser) -> str:
    """The address as `viewer` may see it: the complaints.privacy rule for the reporter's identity."""
    complaint = {"identity_stored": row["identity_stored"], "is_anonymous": row["is_anonymous"],
                 "is_confidential": row["is_confidential"], "unit": row["case_unit"]}  # fmt: skip
    return row["recipient"] if identity_access(complaint, viewer) == SHOWN else ""


async def staff_messages(viewer: CurrentUser, status: str = "", limit: int = 200) -> list[dict[str, Any]]:
    """Unsent and failed messages by default (or those of `status`), newest first; a unit's staff see
    their unit's, the system admin all. Addresses only where the viewer may see the identity."""
    query = OutboxMessage.select(
        OutboxMessage.all_columns(exclude=[OutboxMessage.params]),
        OutboxMessage.complaint.tracking_code.as_alias("tracking_code"),
        OutboxMessage.complaint.is_anonymous.as_alias("is_anonymous"),
        OutboxMessage.complaint.is_confidential.as_alias("is_confidential"),
        OutboxMessage.complaint.identity_stored.as_alias("identity_stored"),
        OutboxMessage.complaint.unit.as_alias("case_unit"),
    )
    where = (
        OutboxMessage.status == status
        if status in STATUSES
        else OutboxMessage.status.is_in(["pending", "sending", "failed"])
    )
    if not viewer.is_system_admin:
        where = where & (OutboxMessage.complaint.unit == viewer.unit_id)  # the case's unit now
    rows = await query.where(where).order_by(OutboxMessage.id, ascending=False).limit(limit)
    return [{**r, "recipient": shown_recipient(r, viewer)} for r in rows]


class RetryRefused(Exception):
    pass


async def retry(message_id: int, viewer: CurrentUser, *, request: Any = None, now: datetime | None = None) -> None:
    """Put a failed message back in the queue (attempts from zero); audited."""
    now = now or datetime.now(UTC)
    async with write_transaction():
        row = (
            await OutboxMessage.select(
                OutboxMessage.id,
                OutboxMessage.status,
                OutboxMessage.complaint,
                OutboxMessage.complaint.unit.as_alias("unit_id"),
            )
            .where(OutboxMessage.id == message_id)
            .first()
        )
        if row is None or not (
            viewer.is_system_admin or (row["unit_id"] is not None and viewer.can_work_unit(row["unit_id"]))
        ):
            raise RetryRefused("not found")
        if row["status"] != "failed":
            raise RetryRefused("not failed")
        await OutboxMessage.update(
            {
                OutboxMessage.status: "pending",
                OutboxMessage.attempts: 0,
                OutboxMessage.next_attempt_at: now,
                OutboxMessage.last_error: "",
            }
        ).where(OutboxMessage.id == message_id)
        await audit.record(
            "complaint_message_retry",
            "complaint_outbox",
            message_id,
            actor=viewer,
            unit_id=row["unit_id"],
            before={"status": "failed"},
            after={"status": "pending", "complaint": row["complaint"]},
            request=request,
        )
