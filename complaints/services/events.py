"""The one writer of complaint_event rows (append-only: the table refuses UPDATE and DELETE).

`append_events()` inserts the events in one statement on the caller's transaction (required: the event,
the change it records, its audit row and the reporter's messages commit together or not at all), then
queues the messages each event causes (complaints.outbox, by its `message` kind) and, for a closure by
the portal's own workflow, emits complaints.published_events.COMPLAINT_CLOSED for other domains' reactions.
Intake (complaints.services.intake), handling (complaints.services.handling) and the SP4N-LAPOR! import
(complaints.lapor_import) all go through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from complaints import outbox
from complaints.published_events import COMPLAINT_CLOSED
from complaints.states import CLOSED
from complaints.tables import ComplaintEvent
from portal import events
from portal.db import insert_rows


@dataclass(frozen=True, slots=True)
class NewEvent:
    complaint: int
    occurred_at: datetime
    event_type: str
    from_status: str = ""
    to_status: str = ""
    actor_id: int | None = None
    actor_role: str = ""
    actor_name: str = ""
    note: str = ""
    is_public: bool = False
    unit_id: int | None = None
    # the outbox kind of the reporter's messages (complaints.notifications.REPORTER_MESSAGES); None: none
    message: str | None = None
    message_note: str = ""  # quoted in the message (only a public note)
    params: dict[str, Any] | None = None  # further placeholders of the message

    def row(self) -> dict[str, Any]:
        return {
            "complaint": self.complaint,
            "occurred_at": self.occurred_at,
            "event_type": self.event_type,
            "from_status": self.from_status,
            "to_status": self.to_status,
            "actor_id": self.actor_id,
            "actor_role": self.actor_role,
            "actor_name": self.actor_name,
            "note": self.note,
            "is_public": self.is_public,
            "unit_id": self.unit_id,
        }


async def append_events(new: list[NewEvent]) -> list[int]:
    """Inside the caller's transaction: the events (ids in the given order), their messages and reactions."""
    if not new:
        return []
    inserted = await insert_rows(ComplaintEvent, [event.row() for event in new], returning=("id",))
    ids = sorted(row["id"] for row in inserted)  # assigned in the order of the rows
    for event, event_id in zip(new, ids, strict=True):
        if event.message is None:
            continue
        await outbox.enqueue_for_event(
            event.complaint, event_id, event.message, now=event.occurred_at, note=event.message_note,
            params=event.params,
        )  # fmt: skip
        if event.to_status == CLOSED and event.from_status != CLOSED:
            await events.emit(
                COMPLAINT_CLOSED, complaint_id=event.complaint, event_id=event_id, unit_id=event.unit_id,
                now=event.occurred_at, note=event.message_note, params=event.params,
            )  # fmt: skip
    return ids


async def append_event(event: NewEvent) -> int:
    """Inside the caller's transaction: one event, its messages and reactions; returns its id."""
    return (await append_events([event]))[0]
