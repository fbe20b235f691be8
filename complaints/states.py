"""The complaint states, every named set of them, and the transitions between them (modelled on SP4N-LAPOR!).

The one place a state is spelled. Every other module (services, controllers, reporting SQL, Open311,
the LAPOR! import, templates through the `complaint_states` Jinja global) takes its states and sets from
here; `tests/complaints/test_states.py` fails when a Python module elsewhere compares with a state
literal, and when a state of the enum is not classified in STATES below (the check also runs on import).

Services call `complaints.workflow.check_transition(action, status, role)` before changing anything; the
side effects of a transition are written next to it (CLOSED_BY, CLEARS_QUESTION).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from portal.i18n import N_


class ComplaintStatus(StrEnum):
    received = "received"
    needs_info = "needs_info"
    verified = "verified"
    routed = "routed"
    in_progress = "in_progress"
    answered = "answered"
    closed = "closed"
    archived = "archived"


S = ComplaintStatus


@dataclass(frozen=True, slots=True)
class StateInfo:
    """How one state is classified; a new state needs every field decided."""

    label: str  # shown to people (Indonesian msgid)
    final: bool  # closed or archived: no deadline, no further transition but by import
    public: bool  # shown on the public board, to Open311 and to the public tracking copy
    stage: str  # the deadline that applies while in it: "verify", "followup", "resolve" or "" (final)
    lapor_rank: int  # order in SP4N-LAPOR!'s flow: an import moves a report forward only


STATES: dict[str, StateInfo] = {
    S.received: StateInfo(N_("Belum terverifikasi"), final=False, public=False, stage="verify", lapor_rank=0),
    S.needs_info: StateInfo(N_("Menunggu kelengkapan"), final=False, public=False, stage="verify", lapor_rank=1),
    S.verified: StateInfo(N_("Terverifikasi"), final=False, public=True, stage="followup", lapor_rank=2),
    S.routed: StateInfo(N_("Terdisposisi"), final=False, public=True, stage="followup", lapor_rank=3),
    S.in_progress: StateInfo(N_("Tindak lanjut"), final=False, public=True, stage="resolve", lapor_rank=4),
    S.answered: StateInfo(N_("Dijawab"), final=False, public=True, stage="resolve", lapor_rank=5),
    S.closed: StateInfo(N_("Selesai"), final=True, public=True, stage="", lapor_rank=6),
    S.archived: StateInfo(N_("Diarsipkan"), final=True, public=False, stage="", lapor_rank=6),
}


def unclassified(states: type[StrEnum] = ComplaintStatus) -> list[str]:
    """The states of `states` that STATES does not classify (empty for the live enum)."""
    return [state.value for state in states if state.value not in STATES]


if _missing := unclassified():
    raise RuntimeError(f"complaint states not classified in complaints/states.py: {_missing}")

ALL: tuple[str, ...] = tuple(ComplaintStatus)
INITIAL = S.received  # the state of a new complaint (and of the "filed" event)
CLOSED = S.closed  # resolved: the only final state that counts as resolved
ARCHIVED = S.archived  # ended without follow-up
ANSWERED = S.answered  # the unit's final answer is out; the reporter may confirm or dispute
NEEDS_INFO = S.needs_info  # waiting for the reporter before routing

OPEN: tuple[str, ...] = tuple(s for s in ALL if not STATES[s].final)
FINAL: tuple[str, ...] = tuple(s for s in ALL if STATES[s].final)
PUBLIC: tuple[str, ...] = tuple(s for s in ALL if STATES[s].public)  # the public board, Open311, tracking copy
HIDDEN: tuple[str, ...] = tuple(s for s in ALL if not STATES[s].public)
STAGE: dict[str, str] = {s: STATES[s].stage for s in ALL if STATES[s].stage}  # the deadline of a case's stage
VERIFY_STAGE: tuple[str, ...] = tuple(s for s in ALL if STATES[s].stage == "verify")
LAPOR_RANK: dict[str, int] = {s: STATES[s].lapor_rank for s in ALL}

TRIAGE: tuple[str, ...] = (S.received, S.needs_info, S.verified)  # before routing: the triage queue
AWAITING_VERIFICATION: tuple[str, ...] = (S.received,)  # the verification deadline is missed only here
BEFORE_UNIT_STARTS: tuple[str, ...] = (S.verified, S.routed)  # the follow-up deadline is missed only here
AT_UNIT: tuple[str, ...] = (S.routed, S.in_progress)  # the unit handles it (questions, escalation, waiting)
HANDLED: tuple[str, ...] = (*AT_UNIT, S.answered)  # the unit handles or has answered it (interim updates)
ASK_BEFORE_ROUTING: tuple[str, ...] = (S.received, S.verified)  # the system admin may ask the reporter
UNANSWERED: tuple[str, ...] = tuple(s for s in OPEN if s != S.answered)  # deadline notices still apply
ANSWERED_OR_FINAL: tuple[str, ...] = (S.answered, *FINAL)  # no question to the reporter stays open
RATEABLE: tuple[str, ...] = (S.answered, S.closed)  # the reporter may rate the answer

# --- transitions --------------------------------------------------------------------------------------

REPORTER = "reporter"
OFFICER = "unit_officer"
UNIT_ADMIN = "unit_admin"
SYSTEM_ADMIN = "system_admin"
SYSTEM = "system"

UNIT_STAFF = frozenset({OFFICER, UNIT_ADMIN, SYSTEM_ADMIN})


@dataclass(frozen=True, slots=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    label: str


def _t(action: str, sources: set[str], target: str, roles: set[str], label: str) -> Transition:
    return Transition(action, frozenset(sources), target, frozenset(roles), label)


OPEN_BEFORE_ROUTING = {S.received, S.verified, S.needs_info}

TRANSITIONS: tuple[Transition, ...] = (
    _t("verify", {S.received}, S.verified, {SYSTEM_ADMIN}, N_("Verifikasi")),
    _t("request_info", {S.received, S.verified}, S.needs_info, {SYSTEM_ADMIN}, N_("Minta kelengkapan")),
    _t("provide_info", {S.needs_info}, S.received, {REPORTER}, N_("Lengkapi informasi")),
    _t("archive", OPEN_BEFORE_ROUTING, S.archived, {SYSTEM_ADMIN}, N_("Arsipkan")),
    _t("expire", {S.needs_info}, S.archived, {SYSTEM}, N_("Arsipkan (kedaluwarsa)")),
    _t("route", {S.verified}, S.routed, {SYSTEM_ADMIN}, N_("Disposisikan ke unit")),
    _t("reroute", {S.routed, S.in_progress}, S.routed, set(UNIT_STAFF), N_("Disposisi ulang")),
    _t("start", {S.routed}, S.in_progress, set(UNIT_STAFF), N_("Mulai tindak lanjut")),
    _t("answer", {S.routed, S.in_progress}, S.answered, set(UNIT_STAFF), N_("Kirim jawaban akhir")),
    _t("close", {S.answered}, S.closed, {UNIT_ADMIN, SYSTEM_ADMIN}, N_("Tutup")),
    _t("confirm", {S.answered}, S.closed, {REPORTER}, N_("Terima jawaban")),
    _t("dispute", {S.answered}, S.in_progress, {REPORTER}, N_("Sanggah jawaban")),
    _t("auto_close", {S.answered}, S.closed, {SYSTEM}, N_("Tutup otomatis")),
)
BY_ACTION = {t.action: t for t in TRANSITIONS}

# side effects of a transition (complaints.services.handling._transition applies them)
CLOSED_BY = {"close": "unit", "confirm": "reporter", "auto_close": "system"}  # closing actions -> closed_by
CLEARS_QUESTION = frozenset(ANSWERED_OR_FINAL)  # entering one ends the wait for the reporter's answer
FINAL_STATES = frozenset(FINAL)
STATUS_LABELS = {s: STATES[s].label for s in ALL}


def sql_list(names: tuple[str, ...]) -> str:
    """A set of states as an SQL list literal: ('verified', 'routed')."""
    return "(" + ", ".join(f"'{ComplaintStatus(name).value}'" for name in names) + ")"


def jinja_global() -> dict[str, object]:
    """What templates test against (`complaint_states.FINAL`, `complaint_states.S.verified`): never a literal."""
    return {"S": ComplaintStatus, "FINAL": FINAL, "ASK_BEFORE_ROUTING": ASK_BEFORE_ROUTING, "AT_UNIT": AT_UNIT,
            "HANDLED": HANDLED}  # fmt: skip
