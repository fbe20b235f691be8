"""Checking the complaint state machine (its states and transitions live in complaints/states.py).

Services call `check_transition(action, status, role)` before changing anything; a refused
transition raises TransitionRefused (shown as a 409 page or JSON body), and nothing is written.
"""

from __future__ import annotations

from complaints.states import (  # noqa: F401  (re-exported: the transitions live with the states)
    BY_ACTION,
    CLOSED_BY,
    FINAL_STATES,
    OFFICER,
    OPEN_BEFORE_ROUTING,
    REPORTER,
    STATUS_LABELS,
    SYSTEM,
    SYSTEM_ADMIN,
    TRANSITIONS,
    UNIT_ADMIN,
    UNIT_STAFF,
    Transition,
)
from portal.i18n import N_, _


class TransitionRefused(Exception):
    """A transition that the current status or the actor's role does not allow."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


ARCHIVE_REASONS = {
    "tidak_jelas": N_("Tidak jelas"),
    "sara": N_("Mengandung SARA"),
    "bukan_pelayanan_publik": N_("Bukan pelayanan publik"),
    "permintaan_pelapor": N_("Atas permintaan pelapor"),
    "kedaluwarsa": N_("Kedaluwarsa"),
}

KIND_LABELS = {
    "pengaduan": N_("Pengaduan"),
    "aspirasi": N_("Aspirasi"),
    "permintaan_informasi": N_("Permintaan informasi"),
}


def status_label(status: str) -> str:
    return _(STATUS_LABELS.get(status, status))


def check_transition(action: str, status: str, role: str) -> Transition:
    """Return the transition for `action` from `status` by `role`, or raise TransitionRefused."""
    transition = BY_ACTION.get(action)
    if transition is None:
        raise TransitionRefused(_("Tindakan tidak dikenal."))
    if role not in transition.roles:
        raise TransitionRefused(_("Peran Anda tidak berhak melakukan tindakan ini."))
    if status not in transition.sources:
        raise TransitionRefused(
            _("Tindakan “%(action)s” tidak dapat dilakukan pada status “%(status)s”.")
            % {"action": _(transition.label), "status": status_label(status)}
        )
    return transition


def allowed_actions(status: str, role: str) -> list[Transition]:
    return [t for t in TRANSITIONS if role in t.roles and status in t.sources]
