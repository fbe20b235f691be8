"""Handling deadlines of a complaint from the configurable DeadlinePolicy (docs/deadlines.md).

Lookup order: (unit, kind), (unit, all kinds), (default, kind), (default, all kinds), then the
built-in values below. Every deadline is counted from receipt (the moment the complaint arrived).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from complaints import states
from complaints.calendar import add_calendar_days, add_working_days, local_date
from complaints.conversation import extend
from complaints.holiday_sources import load_holidays, load_holidays_around
from complaints.tables import Complaint, DeadlinePolicy
from portal.db import write_transaction

DAY_TYPES = ("calendar", "working")

# Built-in values (domain-rules.md §4.2):
#   verify 3 working days     CONFIRMED (LAPOR! FAQ)
#   follow-up 5 working days  CONFIRMED (secondary)
#   resolve 60 days           CONFIRMED (secondary); calendar vs working days UNCONFIRMED → calendar
#   auto-close 10 days        UNCONFIRMED (replicas only; some say 5)
DEFAULT_VERIFY_DAYS = 3
DEFAULT_FOLLOWUP_DAYS = 5
DEFAULT_RESOLVE_DAYS = 60
DEFAULT_RESOLVE_DAY_TYPE = "calendar"
DEFAULT_AUTO_CLOSE_DAYS = 10


@dataclass(frozen=True)
class Policy:
    verify_days: int = DEFAULT_VERIFY_DAYS
    followup_days: int = DEFAULT_FOLLOWUP_DAYS
    resolve_days: int = DEFAULT_RESOLVE_DAYS
    resolve_day_type: str = DEFAULT_RESOLVE_DAY_TYPE
    auto_close_days: int = DEFAULT_AUTO_CLOSE_DAYS
    policy_id: int | None = None  # the DeadlinePolicy row used; None = built-in defaults
    unit_id: int | None = None
    kind: str = ""


BUILT_IN = Policy()


@dataclass(frozen=True)
class Deadlines:
    verify_due: datetime
    followup_due: datetime
    resolve_due: datetime
    auto_close_days: int


def _policy_from_row(row: dict) -> Policy:
    return Policy(
        verify_days=row["verify_days"],
        followup_days=row["followup_days"],
        resolve_days=row["resolve_days"],
        resolve_day_type=row["resolve_day_type"] if row["resolve_day_type"] in DAY_TYPES else "calendar",
        auto_close_days=row["auto_close_days"],
        policy_id=row["id"],
        unit_id=row["unit"],
        kind=row["kind"],
    )


async def get_policy(unit_id: int | None, kind: str) -> Policy:
    """The most specific policy for the unit and kind (see module docstring)."""
    candidates = [(unit_id, kind), (unit_id, ""), (None, kind), (None, "")]
    seen = set()
    for candidate_unit, candidate_kind in candidates:
        if (candidate_unit, candidate_kind) in seen:
            continue
        seen.add((candidate_unit, candidate_kind))
        unit_clause = DeadlinePolicy.unit.is_null() if candidate_unit is None else DeadlinePolicy.unit == candidate_unit
        row = (
            await DeadlinePolicy.select()
            .where(unit_clause & (DeadlinePolicy.kind == candidate_kind))
            .order_by(DeadlinePolicy.id)
            .first()
        )
        if row is not None:
            return _policy_from_row(row)
    return BUILT_IN


def deadlines_for(policy: Policy, received_at: datetime, holidays: set, paused_days: int = 0) -> Deadlines:
    """Pure computation (no database), for tests and batch use. `paused_days`: working days the case
    waited for the reporter's information, added to every deadline (complaints.conversation)."""
    if policy.resolve_day_type == "working":
        resolve_due = add_working_days(received_at, policy.resolve_days, holidays)
    else:
        resolve_due = add_calendar_days(received_at, policy.resolve_days)
    return Deadlines(
        verify_due=extend(add_working_days(received_at, policy.verify_days, holidays), paused_days, holidays),
        followup_due=extend(add_working_days(received_at, policy.followup_days, holidays), paused_days, holidays),
        resolve_due=extend(resolve_due, paused_days, holidays),
        auto_close_days=policy.auto_close_days,
    )


async def compute_deadlines(unit_id: int | None, kind: str, received_at: datetime, paused_days: int = 0) -> Deadlines:
    policy = await get_policy(unit_id, kind)
    longest = max(policy.verify_days, policy.followup_days, policy.resolve_days) + paused_days
    # Working days need more calendar span than their count (weekends, Lebaran weeks).
    holidays = await load_holidays_around(received_at, days_ahead=longest * 2 + 60)
    return deadlines_for(policy, received_at, holidays, paused_days)


OPEN_STATUSES_FOR_DEADLINES = states.OPEN


async def recompute_open_deadlines() -> int:
    """Recount the stored deadlines of every open complaint from its receipt (after a calendar change);
    returns how many complaints got a different deadline. One holiday load and one policy lookup per
    (unit, kind), then one UPDATE per changed complaint, in one transaction."""
    async with write_transaction():
        rows = await Complaint.select(
            Complaint.id,
            Complaint.unit,
            Complaint.kind,
            Complaint.created_at,
            Complaint.verify_due_at,
            Complaint.followup_due_at,
            Complaint.resolve_due_at,
            Complaint.info_wait_days,
        ).where(Complaint.status.is_in(list(OPEN_STATUSES_FOR_DEADLINES)))
        if not rows:
            return 0
        first = min(local_date(r["created_at"]) for r in rows)
        last = max(local_date(r["created_at"]) for r in rows)
        policies: dict[tuple, Policy] = {}
        for row in rows:
            key = (row["unit"], row["kind"])
            if key not in policies:
                policies[key] = await get_policy(*key)
        longest = max(max(p.verify_days, p.followup_days, p.resolve_days) for p in policies.values())
        longest += max(r["info_wait_days"] or 0 for r in rows)
        holidays = await load_holidays(first, last + timedelta(days=longest * 2 + 60))
        changed = 0
        for row in rows:
            new = deadlines_for(
                policies[(row["unit"], row["kind"])], row["created_at"], holidays, row["info_wait_days"] or 0
            )
            if (new.verify_due, new.followup_due, new.resolve_due) != (
                row["verify_due_at"],
                row["followup_due_at"],
                row["resolve_due_at"],
            ):
                await Complaint.update(
                    {
                        Complaint.verify_due_at: new.verify_due,
                        Complaint.followup_due_at: new.followup_due,
                        Complaint.resolve_due_at: new.resolve_due,
                    }
                ).where(Complaint.id == row["id"])
                changed += 1
    return changed


# --- administration (used by /staf/tenggat) ----------------------------------------------------

LIMITS = {
    "verify_days": (1, 30),
    "followup_days": (1, 60),
    "resolve_days": (1, 365),
    "auto_close_days": (1, 60),
}


async def list_policies(unit_id: int | None = None, *, all_units: bool = False) -> list[dict]:
    """Stored policies: the defaults plus one unit's (or every unit's) rows, with unit names."""
    query = DeadlinePolicy.select(DeadlinePolicy.all_columns(), DeadlinePolicy.unit.name.as_alias("unit_name"))
    if not all_units:
        clause = DeadlinePolicy.unit.is_null()
        if unit_id is not None:
            clause = clause | (DeadlinePolicy.unit == unit_id)
        query = query.where(clause)
    rows = await query
    rows.sort(key=lambda r: (r["unit"] is not None, r["unit_name"] or "", r["kind"]))
    return rows


async def save_policy(unit_id: int | None, kind: str, values: dict) -> tuple[int, dict | None]:
    """Insert or update the policy of (unit, kind); returns (id, the previous values or None)."""
    columns = {getattr(DeadlinePolicy, name): values[name] for name in (*LIMITS, "resolve_day_type")}
    unit_clause = DeadlinePolicy.unit.is_null() if unit_id is None else DeadlinePolicy.unit == unit_id
    async with write_transaction():
        existing = await DeadlinePolicy.select().where(unit_clause & (DeadlinePolicy.kind == kind)).first()
        if existing is None:
            rows = await DeadlinePolicy.insert(DeadlinePolicy(unit=unit_id, kind=kind, **values)).returning(
                DeadlinePolicy.id
            )
            return rows[0]["id"], None
        await DeadlinePolicy.update(columns).where(DeadlinePolicy.id == existing["id"])
    return existing["id"], existing


async def get_policy_row(policy_id: int) -> dict | None:
    return await DeadlinePolicy.select().where(DeadlinePolicy.id == policy_id).first()


async def delete_policy(policy_id: int) -> None:
    await DeadlinePolicy.delete().where(DeadlinePolicy.id == policy_id)
