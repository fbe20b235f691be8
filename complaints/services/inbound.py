"""Replying to the message answers the question (issue 16): an incoming WhatsApp text from the number of
a reporter whose complaint waits for them is recorded as their answer (record_reporter_answer, channel
"whatsapp"), once per WhatsApp message id.

Matching: the sender's number (normalised as the outbox writes it) against `complaint.reporter_whatsapp`
of complaints with an open question (conversation.is_waiting). Exactly one waiting complaint: the answer
goes there. None (unknown number, nothing waiting) or several (which one would be a guess): nothing is
recorded. Logs carry outcomes only, never the number or the text.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from complaints import states
from complaints.channels import normalise_whatsapp
from complaints.services.conversation import record_reporter_answer
from complaints.services.handling import InvalidAction
from complaints.tables import Complaint, InboundMessage
from complaints.workflow import TransitionRefused
from portal.db import write_transaction

log = logging.getLogger("complaints.inbound")

CLOSED = states.ANSWERED_OR_FINAL


async def waiting_complaints(number: str) -> list[int]:
    """Ids of the complaints of this WhatsApp number with an open question, newest first."""
    rows = (
        await Complaint.select(Complaint.id)
        .where(
            (Complaint.reporter_whatsapp == number)
            & Complaint.status.not_in(list(CLOSED))
            & ((Complaint.status == states.NEEDS_INFO) | Complaint.awaiting_reporter_since.is_not_null())
        )
        .order_by(Complaint.created_at, ascending=False)
    )
    return [r["id"] for r in rows]


async def record_whatsapp_reply(message: dict[str, Any], now: datetime | None = None) -> str:
    """One incoming message; returns the outcome: recorded, duplicate, unsupported, unknown (no waiting
    complaint for the number), ambiguous (several), refused (empty or too long)."""
    now = now or datetime.now(UTC)
    message_id = str(message.get("id") or "")[:200]
    number = normalise_whatsapp(str(message.get("from") or ""))
    text = message.get("text", {}).get("body", "") if isinstance(message.get("text"), dict) else ""
    if not message_id or not number:
        return "unsupported"
    if message.get("type") != "text" or not isinstance(text, str) or not text.strip():
        return "unsupported"
    if await InboundMessage.exists().where(InboundMessage.provider_message_id == message_id):
        return "duplicate"
    waiting = await waiting_complaints(number)
    if not waiting:
        return "unknown"
    if len(waiting) > 1:
        return "ambiguous"
    try:
        async with write_transaction():
            await InboundMessage.insert(
                InboundMessage(
                    provider_message_id=message_id, channel="whatsapp", complaint=waiting[0], received_at=now
                )
            )
            await record_reporter_answer(waiting[0], text, channel="whatsapp", now=now)
    except (TransitionRefused, InvalidAction):
        return "refused"
    except Exception:
        # a concurrent retry inserted the same id first (unique constraint): it was recorded once
        if await InboundMessage.exists().where(InboundMessage.provider_message_id == message_id):
            return "duplicate"
        raise
    return "recorded"


async def record_whatsapp_replies(messages: list[dict[str, Any]], now: datetime | None = None) -> Counter[str]:
    """Every incoming message of one webhook POST; the outcomes counted (and logged without personal data)."""
    outcomes: Counter[str] = Counter()
    for message in messages:
        outcomes[await record_whatsapp_reply(message, now)] += 1
    if outcomes:
        log.info("whatsapp replies: %s", ", ".join(f"{k}={v}" for k, v in sorted(outcomes.items())))
    return outcomes
