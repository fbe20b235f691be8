"""The apology when a case misses its resolution deadline: once per missed deadline, a system event
"deadline_missed" (internal) whose reporter message (complaints.notifications) apologises and names the
new target date: the unit's follow-up days (working days) from now."""

from __future__ import annotations

from datetime import UTC, datetime

from complaints import states
from complaints.actors import SYSTEM
from complaints.calendar import add_working_days, local_date
from complaints.deadlines import get_policy, load_holidays_around
from complaints.services.handling import _event, _load
from complaints.tables import Complaint, ComplaintEvent
from portal.db import write_transaction
from portal.i18n import _

OPEN = states.UNANSWERED


async def apologise_for_missed_deadlines(now: datetime | None = None) -> int:
    """Write one "deadline_missed" event (and so one apology) per open case past its resolve_due_at that
    has none since that deadline; returns how many. Idempotent: safe to run daily or hourly."""
    now = now or datetime.now(UTC)
    cases = await Complaint.select(Complaint.id, Complaint.unit, Complaint.kind, Complaint.resolve_due_at).where(
        Complaint.status.is_in(list(OPEN)) & Complaint.resolve_due_at.is_not_null() & (Complaint.resolve_due_at < now)
    )
    written = 0
    for case in cases:
        policy = await get_policy(case["unit"], case["kind"])
        holidays = await load_holidays_around(now, days_ahead=policy.followup_days * 2 + 30)
        new_date = local_date(add_working_days(now, policy.followup_days, holidays))
        async with write_transaction():
            if await ComplaintEvent.exists().where(
                (ComplaintEvent.complaint == case["id"]) & (ComplaintEvent.event_type == "deadline_missed")
                & (ComplaintEvent.occurred_at >= case["resolve_due_at"])
            ):  # fmt: skip
                continue
            complaint = await _load(case["id"])
            if complaint["status"] not in OPEN:
                continue
            note = _("Batas waktu penyelesaian terlewati; target baru %(date)s.") % {"date": new_date.isoformat()}
            await _event(
                complaint,
                SYSTEM,
                "deadline_missed",
                now=now,
                note=note,
                is_public=False,
                params={"date": new_date.strftime("%d-%m-%Y")},
            )
            written += 1
    return written
