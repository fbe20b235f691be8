"""How surveys reacts to the complaints domain's events (registered in surveys/manifest.py).

A complaint closed by the portal's workflow → the reporter is invited to the unit's SKM (one single-use
ballot per complaint), when the unit has a survey period that has started and accepts answers. The
invitation is queued in the closure's own transaction; its ballot link is made when the message is sent
(surveys.periods.invitation_for_closed_complaint), so a period that closed meanwhile sends nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from complaints import outbox
from complaints.published_events import COMPLAINT_CLOSED, MESSAGE_LINK, SKM_INVITATION
from surveys.periods import now as survey_now
from surveys.queries import open_periods
from surveys.services.periods import invitation_for_closed_complaint


async def invite_after_closure(
    *,
    complaint_id: int,
    event_id: int,
    unit_id: int | None,
    now: datetime,
    note: str = "",
    params: dict[str, Any] | None = None,
    **_: Any,
) -> None:
    if unit_id is None:
        return
    today = survey_now().date()
    if any(p["start_date"] <= today for p in await open_periods(unit_id)):
        await outbox.enqueue_messages(complaint_id, event_id, (SKM_INVITATION,), now=now, note=note, params=params)


async def ballot_link(*, complaint_id: int, kind: str, **_: Any) -> str | None:
    """The survey URL of the SKM invitation (None: no period accepts answers, or already answered)."""
    if kind != SKM_INVITATION:
        return None
    return await invitation_for_closed_complaint(complaint_id)


REACTIONS = ((COMPLAINT_CLOSED, invite_after_closure), (MESSAGE_LINK, ballot_link))
