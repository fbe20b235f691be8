"""The complaint state machine: one table of allowed transitions per role (modelled on SP4N-LAPOR!).

Services call `check_transition(action, status, role)` before changing anything; a refused
transition raises TransitionRefused (shown as a 409 page or JSON body), and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from complaints.tables import ComplaintStatus as S
from portal.i18n import N_, _

REPORTER = "reporter"
OFFICER = "unit_officer"
UNIT_ADMIN = "unit_admin"
SYSTEM_ADMIN = "system_admin"
SYSTEM = "system"

UNIT_STAFF = frozenset({OFFICER, UNIT_ADMIN, SYSTEM_ADMIN})


class TransitionRefused(Exception):
    """A transition that the current status or the actor's role does not allow."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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

CLOSED_BY = {"close": "unit", "confirm": "reporter", "auto_close": "system"}
FINAL_STATES = frozenset({S.closed, S.archived})

STATUS_LABELS = {
    S.received: N_("Belum terverifikasi"),
    S.needs_info: N_("Menunggu kelengkapan"),
    S.verified: N_("Terverifikasi"),
    S.routed: N_("Terdisposisi"),
    S.in_progress: N_("Tindak lanjut"),
    S.answered: N_("Dijawab"),
    S.closed: N_("Selesai"),
    S.archived: N_("Diarsipkan"),
}

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
