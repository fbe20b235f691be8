"""The one definition of a follow-up action's states (tindak lanjut hasil evaluasi) and who may move
an action from one state to another. Every module that needs a state imports it from here.

planned -> in_progress -> done -> verified (by the evaluator)
                            done -> sent_back (by the evaluator, with a reason) -> in_progress / done
"Overdue" is not a state: an action whose due date has passed and that is neither done nor verified.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class ActionStatus(StrEnum):
    planned = "planned"
    in_progress = "in_progress"
    done = "done"
    verified = "verified"
    sent_back = "sent_back"


class Actor(StrEnum):
    unit = "unit"  # the unit's admin or officers
    evaluator = "evaluator"


# (from, to) -> who may make that move
TRANSITIONS: dict[tuple[ActionStatus, ActionStatus], Actor] = {
    (ActionStatus.planned, ActionStatus.in_progress): Actor.unit,
    (ActionStatus.planned, ActionStatus.done): Actor.unit,
    (ActionStatus.in_progress, ActionStatus.done): Actor.unit,
    (ActionStatus.sent_back, ActionStatus.in_progress): Actor.unit,
    (ActionStatus.sent_back, ActionStatus.done): Actor.unit,
    (ActionStatus.done, ActionStatus.verified): Actor.evaluator,
    (ActionStatus.done, ActionStatus.sent_back): Actor.evaluator,
}

# States in which the unit still works on the action (evidence may be added, it can become overdue).
OPEN_STATES: frozenset[ActionStatus] = frozenset(
    {ActionStatus.planned, ActionStatus.in_progress, ActionStatus.sent_back}
)
# States that need the unit's evidence files before they can be entered.
NEEDS_EVIDENCE: frozenset[ActionStatus] = frozenset({ActionStatus.done})
# Keys of the per-unit progress counts (the states plus the derived "overdue").
PROGRESS_KEYS: tuple[str, ...] = (*(s.value for s in ActionStatus), "overdue")


def allowed(current: str, target: str, actor: Actor) -> bool:
    try:
        return TRANSITIONS.get((ActionStatus(current), ActionStatus(target))) == actor
    except ValueError:
        return False


def next_states(current: str, actor: Actor) -> list[ActionStatus]:
    return [to for (frm, to), who in TRANSITIONS.items() if frm.value == current and who == actor]


def is_overdue(status: str, due_date: date | None, today: date) -> bool:
    return due_date is not None and due_date < today and ActionStatus(status) in OPEN_STATES
