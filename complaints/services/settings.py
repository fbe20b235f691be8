"""Writes of the complaint-handling settings (/staf/hari-libur, /staf/tenggat).

Each change, the deadlines it moves and its audit entry are written in one transaction: when any part
fails (the audit entry included), nothing of it stays.
"""

from datetime import date
from typing import Any

from complaints import deadlines, holiday_sources
from portal import audit
from portal.db import write_transaction
from portal.security import CurrentUser


async def _after_calendar_change(
    action: str, entity: Any, *, actor: CurrentUser, request: Any = None, **values: Any
) -> int:
    """Recompute the open complaints' deadlines and record the change with that count (inside the calendar
    change's transaction)."""
    changed = await deadlines.recompute_open_deadlines()
    await audit.record(
        action, "holiday", entity, actor=actor, request=request, after={**values, "deadlines_recomputed": changed}
    )
    return changed


async def add_holiday(day: date, name: str, kind: str, source: str, *, actor: CurrentUser, request: Any = None) -> int:
    """Add (or correct) a holiday; returns how many open complaints got a different deadline.
    Raises holiday_sources.HolidayError."""
    async with write_transaction():  # the day, the recomputed deadlines and the audit entry together
        holiday_id = await holiday_sources.add_holiday(day, name, kind, source)
        return await _after_calendar_change(
            "holiday_add", holiday_id, actor=actor, request=request, day=day, name=name, kind=kind, source=source
        )


async def remove_holiday(day: date, source: str, *, actor: CurrentUser, request: Any = None) -> int | None:
    """Make `day` a working day again; returns the number of moved deadlines, None when it was no holiday."""
    async with write_transaction():
        what, removed = await holiday_sources.remove_day(day, source)
        if removed is None:
            return None
        return await _after_calendar_change(
            "holiday_delete",
            day.isoformat(),
            actor=actor,
            request=request,
            day=day,
            name=removed.name,
            kind=removed.kind,
            source=removed.source,
            change=what,
        )


async def save_deadline_policy(
    unit_id: int | None, kind: str, values: dict[str, Any], *, actor: CurrentUser, request: Any = None
) -> int:
    """Insert or update the deadline policy of (unit, kind) with its audit entry; returns its id."""
    async with write_transaction():
        policy_id, before = await deadlines.save_policy(unit_id, kind, values)
        await audit.record(
            "deadline_policy_save",
            "deadline_policy",
            policy_id,
            actor=actor,
            unit_id=unit_id,
            request=request,
            before={k: before[k] for k in values} if before else None,
            after={"unit": unit_id, "kind": kind, **values},
        )
    return policy_id


async def delete_deadline_policy(row: dict[str, Any], *, actor: CurrentUser, request: Any = None) -> None:
    """Delete the policy `row` (as read by deadlines.get_policy_row) with its audit entry."""
    async with write_transaction():
        await deadlines.delete_policy(row["id"])
        await audit.record(
            "deadline_policy_delete",
            "deadline_policy",
            row["id"],
            actor=actor,
            unit_id=row["unit"],
            request=request,
            before=row,
        )
