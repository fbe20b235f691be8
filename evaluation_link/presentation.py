"""Labels for the figures shown on the sheet and in exports (Indonesian source strings)."""

from __future__ import annotations

from typing import Any

from evaluation_link.follow_up_states import ActionStatus
from portal.i18n import N_, _

FIGURE_LABELS: dict[str, str] = {
    "services": N_("Jumlah layanan"),
    "with_sp": N_("Layanan dengan SP"),
    "complete_14": N_("SP memuat 14 komponen"),
    "adopted": N_("SP lengkap yang ditetapkan"),
    "involved": N_("SP dengan pelibatan masyarakat"),
    "monitored": N_("SP yang ditinjau dalam 1 tahun"),
    "min_unsur": N_("Unsur masyarakat paling sedikit per SP"),
    "published": N_("Layanan terbit di portal"),
    "published_complete": N_("Terbit dengan seluruh komponen service delivery"),
    "reviewed_1y": N_("Ditinjau dalam 1 tahun"),
    "reviewed_2y": N_("Ditinjau dalam 2 tahun"),
    "reviewed_any": N_("Pernah ditinjau"),
    "exists": N_("Maklumat tersedia"),
    "adopted_on": N_("Tanggal penetapan"),
    "decree_number": N_("Nomor keputusan"),
    "compliant": N_("Isi sesuai ketentuan"),
    "published_electronic": N_("Terbit elektronik (portal)"),
    "survey_done": N_("SKM dilaksanakan"),
    "per_regulation": N_("Sesuai PermenPANRB 14/2017"),
    "ikm": N_("Nilai IKM"),
    "mutu": N_("Mutu pelayanan"),
    "responses": N_("Jumlah responden"),
    "required_sample": N_("Sampel minimal"),
    "published_portal": N_("Hasil terbit di portal"),
    "other_media": N_("Media lain"),
    "report_date": N_("Tanggal laporan SKM"),
    "rtl_total": N_("Jumlah RTL"),
    "rtl_done": N_("RTL selesai"),
    "rtl_completion_pct": N_("Persentase RTL selesai"),
    "months_to_complete_all": N_("Bulan hingga seluruh RTL selesai"),
    "lapor_recorded": N_("Tercatat di SP4N-LAPOR!"),
    "update_days": N_("Hari pemutakhiran dalam periode"),
    "max_gap_days": N_("Jeda terpanjang (hari)"),
    "last_updates": N_("Pemutakhiran terakhir"),
    "channels": N_("Saluran pengaduan"),
    "offline": N_("Sarana luring"),
    "offline_separate": N_("Luring terpisah dari front office"),
    "online": N_("Kanal daring (portal)"),
    "received": N_("Pengaduan diterima"),
    "resolved": N_("Pengaduan selesai"),
    "resolved_by_reporter": N_("Selesai: dikonfirmasi pelapor"),
    "resolved_after_silence": N_("Selesai: ditutup setelah pelapor tidak menanggapi"),
    "resolved_by_unit": N_("Selesai: ditutup oleh unit"),
    "disputed": N_("Jawaban disanggah pelapor"),
    "disputes_sent_back": N_("Sanggahan dikembalikan ke unit oleh unit pengawas"),
    "disputes_answered_by_supervisor": N_("Sanggahan dijawab unit pengawas"),
    "info_requested": N_("Pelapor dimintai informasi"),
    "lapor_resolved": N_("Selesai di SP4N-LAPOR!"),
    "archived": N_("Diarsipkan"),
    "public_count": N_("Terbit di papan pengaduan"),
    "reported": N_("Dimuat dalam laporan"),
    "followed_up": N_("Ditindaklanjuti"),
    "kode_b_speed_score": N_("Skor kecepatan respons (Kode B, p90)"),
}

SPEED_BAND_LABELS = [
    N_("≤ 1×24 jam"),
    N_("≤ 3×24 jam"),
    N_("≤ 5×24 jam"),
    N_("≤ 7×24 jam"),
    N_("≤ 14×24 jam"),
    N_("> 14×24 jam"),
]


def display_value(value: Any) -> str:
    if value is True:
        return _("Ya")
    if value is False:
        return _("Tidak")
    if value is None:
        return _("Perlu bukti unit")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "-"
    return str(value)


def figure_items(figure: dict[str, Any] | None) -> list[tuple[str, str]]:
    """(label, value) pairs of the figure's scalar facts, in FIGURE_LABELS order."""
    if not figure:
        return []
    return [(_(label), display_value(figure[key])) for key, label in FIGURE_LABELS.items() if key in figure]


def timing_rows(figure: dict[str, Any] | None) -> list[dict[str, Any]]:
    if not figure or "first_response" not in figure:
        return []
    return [
        {"label": _("Respons pertama"), **figure["first_response"]},
        {"label": _("Penyelesaian"), **figure["resolution"]},
    ]


def speed_band_labels() -> list[str]:
    return [_(label) for label in SPEED_BAND_LABELS]


def status_label(status: str) -> str:
    labels = {
        ActionStatus.planned: _("Direncanakan"),
        ActionStatus.in_progress: _("Sedang dikerjakan"),
        ActionStatus.done: _("Selesai, menunggu verifikasi"),
        ActionStatus.verified: _("Terverifikasi"),
        ActionStatus.sent_back: _("Dikembalikan"),
    }
    return labels.get(ActionStatus(status), status)


def transition_label(target: str) -> str:
    labels = {
        ActionStatus.in_progress: _("Mulai kerjakan"),
        ActionStatus.done: _("Tandai selesai"),
        ActionStatus.verified: _("Verifikasi"),
        ActionStatus.sent_back: _("Kembalikan"),
    }
    return labels.get(ActionStatus(target), target)
