"""Human-readable names of a complaint's history entries and of who wrote them (Indonesian msgids,
English through the portal's i18n). The one place the timeline, the case page and the tracking page take
them from: no raw `event_type` or role code is ever shown."""

from __future__ import annotations

from typing import Any

from complaints.workflow import STATUS_LABELS
from portal.i18n import N_, _

EVENT_LABELS = {
    "filed": N_("Pengaduan diterima"),
    "reply": N_("Jawaban akhir"),
    "interim_update": N_("Kabar perkembangan"),
    "note": N_("Catatan internal"),
    "attachment": N_("Lampiran ditambahkan"),
    "reroute": N_("Disposisi ulang"),
    "topic": N_("Topik diperbarui"),
    "rating": N_("Penilaian pelapor"),
    "lapor_sync": N_("Data SP4N-LAPOR! dicatat"),
    "info_requested": N_("Pertanyaan kepada pelapor"),
    "info_provided": N_("Jawaban pelapor"),
    "escalated": N_("Diteruskan ke unit pengawas"),
    "sent_back": N_("Dikembalikan ke unit oleh unit pengawas"),
    "transition": N_("Perubahan status"),
}

ACTOR_LABELS = {
    "reporter": N_("pelapor"),
    "unit_officer": N_("petugas unit"),
    "unit_admin": N_("admin unit"),
    "system_admin": N_("admin sistem"),
    "system": N_("sistem"),
    "import": N_("impor SP4N-LAPOR!"),
    "evaluator": N_("evaluator"),
}

# The unit's public words to the reporter: interim updates and the final answer ("reply"), told apart by
# their names wherever they are listed together (board, public copy's latest answer).
PUBLIC_ANSWER_EVENTS = ("reply", "interim_update")

# Entries shown as a status change ("Dijawab → Selesai") rather than by their name.
STATUS_CHANGE_EVENTS = frozenset({"transition"})


def event_label(event: dict[str, Any]) -> str:
    """The name of one history entry in the current language."""
    kind = event.get("event_type", "")
    if kind in STATUS_CHANGE_EVENTS and event.get("to_status"):
        before = _(STATUS_LABELS[event["from_status"]]) if event.get("from_status") in STATUS_LABELS else "-"
        after = _(STATUS_LABELS.get(event["to_status"], event["to_status"]))
        return f"{before} → {after}"
    return _(EVENT_LABELS.get(kind, EVENT_LABELS["transition"]))


def actor_label(event: dict[str, Any]) -> str:
    """Who wrote the entry: the staff member's name, otherwise the role's name."""
    role = event.get("actor_role", "")
    if role in ("reporter", "system", "import") or not event.get("actor_name"):
        return _(ACTOR_LABELS.get(role, N_("sistem")))
    return event["actor_name"]
