"""The conversation rules of a complaint (issue 16): questions to the reporter, the paused deadline
clock, and how often an answer may be disputed. Pure functions; the services apply them.

* **Who may ask.** Any officer who may work the case (its unit's staff, the system administrator, the
  supervising unit while it handles a dispute) may ask the reporter for information at any stage before
  the final answer: before routing (system administrator, status `needs_info`) and while the unit handles
  it (`routed`, `in_progress`; the status stays, `awaiting_reporter_since` marks the wait).
* **Paused clock.** Perpres 76/2013 counts the 60 days from the moment the file is complete
  (domain-rules.md §4.1, CONFIRMED secondary): while the reporter owes information the clock stands
  still. When the answer arrives, the *working days* waited (Asia/Jakarta calendar with holidays,
  complaints.calendar: counted from the day after the question up to the day of the answer) are added to
  every deadline of the case (verification, follow-up, resolution), and remembered in
  `info_wait_days` so a recount from receipt (routing, a calendar change) keeps them.
* **Maximum wait.** A wait counts for at most `PORTAL_INFO_WAIT_DAYS` (default 10, UNCONFIRMED) working
  days. Past that the case page says so: the unit may give its final answer with the information it has
  (before routing, `portal complaints expire` archives it as `kedaluwarsa`, as before).
* **Disputes.** The reporter may dispute the answers of one complaint at most `PORTAL_MAX_DISPUTES`
  times (default 2, UNCONFIRMED portal choice); every dispute escalates to the supervising unit
  (complaints.closure).
"""

from __future__ import annotations

from datetime import date, datetime

from complaints.calendar import add_working_days, working_days_between
from portal.settings import get_settings


def max_wait_days() -> int:
    return max(1, get_settings().info_wait_days)


def waited_working_days(since: datetime, until: datetime, holidays: set[date], *, cap: int | None = None) -> int:
    """Working days the case waited for the reporter (after the question's day up to the answer's day),
    at most `cap` (default: the maximum wait)."""
    cap = max_wait_days() if cap is None else cap
    return min(working_days_between(since, until, holidays), cap)


def extend(due: datetime | None, working_days: int, holidays: set[date]) -> datetime | None:
    """A deadline moved later by `working_days` working days (unchanged when there is none to add)."""
    if due is None or working_days <= 0:
        return due
    return add_working_days(due, working_days, holidays)


def wait_exceeded(since: datetime | None, now: datetime, holidays: set[date]) -> bool:
    """The reporter has owed the information longer than the maximum wait."""
    return since is not None and working_days_between(since, now, holidays) > max_wait_days()


def may_dispute_again(disputes_so_far: int) -> bool:
    return disputes_so_far < get_settings().max_disputes
