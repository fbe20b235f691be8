"""The counts at the top of the inbox and on the staff home (/staf): one function for both, so the two
pages always show the same figures for the viewer's scope (an officer: their unit; system admins and
evaluators: every unit)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from complaints import closure, queries


def scope_unit(user: Any) -> int | None:
    """The unit whose cases the user sees (None: every unit)."""
    return None if (user.is_system_admin or user.is_evaluator) else user.unit_id


async def staff_summary(user: Any, now: datetime | None = None) -> dict[str, Any]:
    """{"counts": new, me, reporter, overdue_<stage>; "supervisor": bool; "escalations_pending": int}, or
    {} for a staff member who sees no complaints (no unit)."""
    own_unit = scope_unit(user)
    if own_unit is None and not (user.is_system_admin or user.is_evaluator):
        return {}
    now = now or datetime.now(UTC)
    supervisor = closure.is_supervisor(user, await closure.supervising_unit_id())
    pending = 0
    if supervisor:
        pending = len(await queries.open_escalations(exclude_unit=None if user.is_system_admin else user.unit_id))
    return {
        "counts": await queries.staff_home_counts(own_unit, now),
        "supervisor": supervisor,
        "escalations_pending": pending,
    }


async def staff_home_context(request: Any) -> dict[str, Any]:
    """The complaints part of the staff home's context (portal.domains.Domain.staff_home)."""
    user = request.scope.get("user")
    return {"complaints_summary": await staff_summary(user)} if user is not None else {}
