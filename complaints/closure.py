"""Rules that keep the "resolved" figures honest (issue 21): answer quality, who may close a case and
when, and the escalation of a disputed case to the supervising unit.

* An answer (and any public reply) needs `PORTAL_COMPLAINT_MIN_ANSWER_CHARS` characters (whitespace
  collapsed) with at least one letter or digit: "." or "ok" is not an answer.
* A case is closed by the reporter's confirmation, by the system after the silence window (the
  policy's `auto_close_days` since the answer, `portal complaints auto-close`), or by the unit only once
  that same window has passed without a reaction. A disputed case is never closed by the unit.
* A disputed case escalates (escalation_state "pending") to the supervising unit named by
  `PORTAL_SUPERVISING_UNIT` (system administrators when unset). While it is pending the accused unit
  cannot send a final answer; the supervisor sends it back with instructions ("returned") or answers
  it itself ("answered").
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from complaints.deadlines import get_policy
from complaints.states import S
from complaints.tables import ComplaintEvent
from portal.i18n import _
from portal.settings import get_settings
from portal.tables import Unit

PENDING = "pending"
RETURNED = "returned"
SUPERVISOR_ANSWERED = "answered"
OPEN_ESCALATION = frozenset({PENDING, RETURNED})


class ClosureRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def answer_problem(text: str) -> str | None:
    """Why `text` is not an acceptable answer, or None."""
    collapsed = " ".join((text or "").split())
    minimum = get_settings().complaint_min_answer_chars
    if len(collapsed) < minimum or not any(ch.isalnum() for ch in collapsed):
        return _("Jawaban terlalu singkat: tulis paling sedikit %(n)d karakter yang menjelaskan tindak lanjutnya.") % {
            "n": minimum
        }
    return None


async def answered_at(complaint_id: int) -> datetime | None:
    """When the case last moved to "answered" (the start of the reporter's silence window)."""
    row = (
        await ComplaintEvent.select(ComplaintEvent.occurred_at)
        .where((ComplaintEvent.complaint == complaint_id) & (ComplaintEvent.to_status == S.answered))
        .order_by(ComplaintEvent.occurred_at, ascending=False)
        .first()
    )
    return row["occurred_at"] if row else None


async def check_unit_close(complaint: dict[str, Any], now: datetime) -> None:
    """Raise ClosureRefused unless the unit may close this answered case now."""
    if complaint.get("escalated"):
        raise ClosureRefused(
            _(
                "Pengaduan yang disanggah pelapor tidak dapat ditutup oleh unit. Pengaduan selesai bila pelapor "
                "menerima jawaban atau tidak menanggapi sampai batas waktu."
            )
        )
    days = (await get_policy(complaint["unit"], complaint["kind"])).auto_close_days
    since = await answered_at(complaint["id"])
    if since is None or now - since < timedelta(days=days):
        raise ClosureRefused(
            _(
                "Pengaduan belum dapat ditutup: pelapor diberi %(n)d hari sejak jawaban untuk menerima atau "
                "menyanggahnya. Sesudah itu pengaduan ditutup otomatis."
            )
            % {"n": days}
        )


async def supervising_unit_id() -> int | None:
    slug = get_settings().supervising_unit.strip()
    if not slug:
        return None
    row = await Unit.select(Unit.id).where(Unit.slug == slug).first()
    return row["id"] if row else None


def is_supervisor(user: Any, supervisor_unit: int | None) -> bool:
    """System administrators always; staff of the configured supervising unit."""
    if user is None:
        return False
    if user.is_system_admin:
        return True
    return bool(supervisor_unit) and user.is_unit_staff and user.unit_id == supervisor_unit


async def may_supervise(user: Any, complaint: dict[str, Any]) -> bool:
    """The user handles this case as the supervising unit (it is disputed and the escalation is open).

    The accused unit never supervises its own case."""
    if not complaint.get("escalated") or complaint.get("escalation_state") not in OPEN_ESCALATION:
        return False
    if user is not None and not user.is_system_admin and user.unit_id == complaint.get("unit"):
        return False
    return is_supervisor(user, await supervising_unit_id())
