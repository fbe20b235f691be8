"""Scoring rules of the PEKPPP instrument: pure functions of plain figures and the instrument's params.

Every rule returns a Suggestion: the score the instrument's criteria give for the figure (or None when
the portal cannot decide and the evaluator must), and a short reason a person can check (which indicator
rule uses which scorer: evaluation_link.rules). Shares are compared with integer arithmetic
(2·resolved < received, not 0.4999 < 0.5) so edges are exact.
The index uses Decimal with half-up rounding to the instrument's decimals (4.505 -> 4.51 -> A).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from evaluation_link.instrument import Band, Instrument
from portal.i18n import _


@dataclass(frozen=True, slots=True)
class Suggestion:
    score: int | None
    reason: str


def _frac(value: Any) -> Fraction:
    return Fraction(str(value))


def _share_at_least(part: int, whole: int, threshold: Any) -> bool:
    """part/whole >= threshold, exactly (threshold as a decimal string or number, e.g. 0.5)."""
    return Fraction(part) >= _frac(threshold) * whole


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 2) if whole else 0.0


# --- Standar Pelayanan (1.a–5.a) -----------------------------------------------------------------


def sp_components(fig: Mapping[str, Any], params: Mapping[str, Any] | None = None) -> Suggestion:
    """1.a: each level needs *every* service's current standard to meet it (all-or-nothing)."""
    n = int(fig.get("services", 0))
    if n == 0:
        return Suggestion(0, _("Tidak ada layanan dengan Standar Pelayanan."))
    steps = [
        ("complete_14", 1, _("%(k)d dari %(n)d SP memuat 14 komponen.")),
        ("adopted", 2, _("%(k)d dari %(n)d SP lengkap telah ditetapkan.")),
        ("involved", 3, _("%(k)d dari %(n)d SP ditetapkan dengan pelibatan masyarakat.")),
        ("monitored", 4, _("%(k)d dari %(n)d SP juga ditinjau (monev) dalam 1 tahun terakhir.")),
    ]
    for key, score_if_short, message in steps:
        k = int(fig.get(key, 0))
        if k < n:
            return Suggestion(score_if_short, message % {"k": k, "n": n})
    return Suggestion(5, _("Seluruh %(n)d SP lengkap, ditetapkan, melibatkan masyarakat, dan dimonev.") % {"n": n})


def sp_community(fig: Mapping[str, Any], params: Mapping[str, Any] | None = None) -> Suggestion:
    """2.a: the least-involved standard decides: 0–4 unsur as counted, more than 4 gives 5."""
    if int(fig.get("services", 0)) == 0:
        return Suggestion(0, _("Tidak ada layanan dengan Standar Pelayanan."))
    least = int(fig.get("min_unsur", 0))
    score = 5 if least > 4 else least
    return Suggestion(score, _("SP dengan pelibatan paling sedikit: %(k)d unsur masyarakat.") % {"k": least})


def sp_publication(fig: Mapping[str, Any], params: Mapping[str, Any] | None = None) -> Suggestion:
    """3.a: the portal is one electronic medium; other media and SIPP Nasional come from the unit."""
    n = int(fig.get("services", 0))
    complete = int(fig.get("published_complete", 0))
    published = int(fig.get("published", 0))
    media = (1 if n and complete == n else 0) + int(fig.get("other_media", 0))
    if published == 0 and media == 0:
        return Suggestion(0, _("Komponen service delivery belum dipublikasikan."))
    if complete < n or media < 2:
        return Suggestion(
            1,
            _(
                "%(k)d dari %(n)d layanan memuat seluruh komponen service delivery di portal; "
                "media lain dan SIPP Nasional perlu bukti unit."
            )
            % {"k": complete, "n": n},
        )
    if not fig.get("on_sippn"):
        return Suggestion(2, _("Seluruh komponen pada %(m)d media, belum di SIPP Nasional.") % {"m": media})
    return Suggestion(min(media + 1, 5), _("Seluruh komponen pada %(m)d media dan SIPP Nasional.") % {"m": media})


def sp_review(fig: Mapping[str, Any], params: Mapping[str, Any] | None = None) -> Suggestion:
    """4.a: review dates of the current standards against the period end (1 and 2 years)."""
    n = int(fig.get("services", 0))
    within_1y, within_2y, ever = (int(fig.get(k, 0)) for k in ("reviewed_1y", "reviewed_2y", "reviewed_any"))
    counts = {"a": within_1y, "b": within_2y, "n": n}
    reason = _("Ditinjau dalam 1 tahun: %(a)d, dalam 2 tahun: %(b)d, dari %(n)d SP.") % counts
    if n == 0 or ever == 0:
        return Suggestion(0, reason)
    if within_1y == n:
        return Suggestion(5, reason)
    if within_1y > 0:
        return Suggestion(4, reason)
    if within_2y == n:
        return Suggestion(3, reason)
    if within_2y > 0:
        return Suggestion(2, reason)
    return Suggestion(1, reason)


def maklumat(fig: Mapping[str, Any], params: Mapping[str, Any] | None = None) -> Suggestion:
    """5.a: exists → adopted → content compliant → published non-electronic → and electronic."""
    if not fig.get("exists"):
        return Suggestion(0, _("Tidak ada Maklumat Pelayanan."))
    if not fig.get("adopted"):
        return Suggestion(1, _("Maklumat ada tetapi belum ditetapkan."))
    if not fig.get("compliant"):
        return Suggestion(
            2, _("Maklumat ditetapkan, tetapi isinya belum memuat janji sesuai SP dan kesiapan menerima sanksi.")
        )
    non_electronic = fig.get("published_non_electronic")
    if non_electronic is None:
        return Suggestion(3, _("Maklumat ditetapkan dan sesuai; publikasi non-elektronik perlu bukti unit."))
    if not non_electronic:
        return Suggestion(3, _("Maklumat ditetapkan dan sesuai, belum dipublikasikan non-elektronik."))
    if not fig.get("published_electronic"):
        return Suggestion(4, _("Dipublikasikan non-elektronik, belum elektronik."))
    return Suggestion(5, _("Dipublikasikan melalui media non-elektronik dan elektronik."))


# --- SKM (6.a–9.a) -------------------------------------------------------------------------------


def split_media(
    published_portal: bool, other_media: Iterable[str], non_electronic_words: Sequence[str]
) -> tuple[int, int]:
    """(electronic, non-electronic) media counts; the portal is one electronic medium."""
    names = {m.strip().lower() for m in other_media if m and m.strip()}
    non_electronic = {m for m in names if any(word in m for word in non_electronic_words)}
    electronic = len(names - non_electronic) + (1 if published_portal else 0)
    return electronic, len(non_electronic)


def skm_done(fig: Mapping[str, Any], params: Mapping[str, Any] | None = None) -> Suggestion:
    """6.a: done → per regulation → published non-electronic → + electronic → + followed up."""
    words = (params or {}).get("non_electronic_media", [])
    if not fig.get("survey_done"):
        return Suggestion(0, _("SKM tidak dilaksanakan pada tahun ini."))
    if not fig.get("per_regulation"):
        return Suggestion(1, _("SKM dilaksanakan, tetapi tidak sesuai PermenPANRB 14/2017."))
    electronic, non_electronic = split_media(bool(fig.get("published_portal")), fig.get("other_media") or [], words)
    if non_electronic == 0:
        return Suggestion(2, _("SKM sesuai ketentuan; belum ada publikasi non-elektronik."))
    if electronic == 0:
        return Suggestion(3, _("Hasil SKM dipublikasikan non-elektronik saja."))
    if int(fig.get("rtl_done") or 0) == 0:
        return Suggestion(4, _("Hasil SKM dipublikasikan non-elektronik dan elektronik; belum ditindaklanjuti."))
    return Suggestion(5, _("SKM sesuai, dipublikasikan, dan ditindaklanjuti."))


def skm_media(fig: Mapping[str, Any], params: Mapping[str, Any] | None = None) -> Suggestion:
    """7.a: number of media (the portal counts as one); more than 4 media gives 5."""
    names = {m.strip().lower() for m in (fig.get("other_media") or []) if m and m.strip()}
    count = len(names) + (1 if fig.get("published_portal") else 0)
    score = 5 if count > 4 else count
    return Suggestion(score, _("Hasil SKM dipublikasikan pada %(n)d media.") % {"n": count})


def skm_rtl_pct(fig: Mapping[str, Any], params: Mapping[str, Any] | None = None) -> Suggestion:
    """8.a: 0 no RTL; 1 none done; 2 < low%; 3 low–high% (both ends inclusive); 4 > high%; 5 100%."""
    params = params or {}
    low, high = _frac(params.get("low", 30)), _frac(params.get("high", 80))
    total, done = int(fig.get("rtl_total") or 0), int(fig.get("rtl_done") or 0)
    if total == 0:
        return Suggestion(0, _("Tidak ada rencana tindak lanjut (RTL) hasil SKM."))
    reason = _("%(d)d dari %(t)d RTL selesai (%(p)s%%).") % {"d": done, "t": total, "p": _percent(done, total)}
    if done == 0:
        return Suggestion(1, reason)
    if done >= total:
        return Suggestion(5, reason)
    if 100 * done < low * total:
        return Suggestion(2, reason)
    if 100 * done <= high * total:
        return Suggestion(3, reason)
    return Suggestion(4, reason)


def skm_rtl_speed(fig: Mapping[str, Any], params: Mapping[str, Any] | None = None) -> Suggestion:
    """9.a: months from the SKM report until every recommendation was done: ≤1 → 5 … ≤12 → 1."""
    bands = [_frac(m) for m in (params or {}).get("months", [1, 3, 6, 9, 12])]
    months = fig.get("months_to_complete_all")
    if months is None or not fig.get("rtl_total"):
        return Suggestion(0, _("Rekomendasi SKM belum seluruhnya ditindaklanjuti."))
    value = _frac(months)
    reason = _("Seluruh rekomendasi selesai dalam %(m)s bulan.") % {"m": months}
    for score, limit in zip(range(5, 0, -1), bands, strict=True):
        if value <= limit:
            return Suggestion(score, reason)
    return Suggestion(0, reason)


# --- SIPP (21.d–24.d) ----------------------------------------------------------------------------


def sipp_info(fig: Mapping[str, Any], params: Mapping[str, Any] | None = None) -> Suggestion:
    """21.d: published services on this (online) portal give 4; 5 needs SIPP Nasional evidence."""
    published = int(fig.get("published", 0))
    if published == 0:
        return Suggestion(None, _("Belum ada layanan yang terbit di portal; evaluator menilai media lain."))
    if fig.get("on_sippn"):
        return Suggestion(5, _("Informasi daring di portal dan terhubung ke SIPP Nasional."))
    text = _("%(n)d layanan terbit daring di portal; keterhubungan SIPP Nasional perlu bukti.")
    return Suggestion(4, text % {"n": published})


def sipp_operational(fig: Mapping[str, Any], params: Mapping[str, Any] | None = None) -> Suggestion:
    """22.d: SP data → + complaints in SP4N-LAPOR! → + SKM; higher levels need the evaluator."""
    if int(fig.get("published", 0)) == 0:
        return Suggestion(0, _("Portal belum memuat data SP unit ini."))
    if int(fig.get("lapor_recorded", 0)) == 0:
        return Suggestion(1, _("Portal memuat data SP; belum ada pengaduan yang terhubung ke SP4N-LAPOR!."))
    if not fig.get("survey_done"):
        return Suggestion(2, _("Data SP dan pengaduan SP4N-LAPOR!; SKM belum dilaksanakan di portal."))
    return Suggestion(3, _("Data SP, pengaduan SP4N-LAPOR!, dan SKM; penilaian kinerja dan FAQ dinilai evaluator."))


def sipp_updates(fig: Mapping[str, Any], params: Mapping[str, Any] | None = None) -> Suggestion:
    """24.d: the longest gap (days) between updates in the period, up to the period end or today."""
    limits = (params or {}).get("max_gap_days", [1, 7, 31, 183, 366])
    count = int(fig.get("update_days", 0))
    if count == 0:
        return Suggestion(0, _("Tidak ada pemutakhiran pada periode ini."))
    gap = fig.get("max_gap_days")
    reason = _("%(n)d hari pemutakhiran; jeda terpanjang %(g)s hari.") % {"n": count, "g": gap}
    if count == 1 or gap is None:
        return Suggestion(1, reason)
    for score, limit in zip(range(5, 0, -1), limits, strict=True):
        if gap <= limit:
            return Suggestion(score, reason)
    return Suggestion(1, reason)


# --- Konsultasi dan Pengaduan (25.e–28.e) -------------------------------------------------------


def complaint_channels(fig: Mapping[str, Any], params: Mapping[str, Any] | None = None) -> Suggestion:
    """26.e: offline (separate from the front office or not) and online; 5 needs SP4N-LAPOR!."""
    offline, separate = bool(fig.get("offline")), bool(fig.get("offline_separate"))
    online, lapor = bool(fig.get("online")), int(fig.get("lapor_recorded", 0)) > 0
    if not offline and not online:
        return Suggestion(0, _("Tidak ada sarana konsultasi dan pengaduan."))
    if not offline:
        return Suggestion(None, _("Hanya kanal daring tercatat; sarana luring perlu diperiksa evaluator."))
    if not online:
        return Suggestion(2 if separate else 1, _("Hanya sarana luring."))
    if separate and lapor:
        return Suggestion(5, _("Sarana luring terpisah dan terhubung ke SP4N-LAPOR!."))
    if separate:
        return Suggestion(4, _("Sarana luring terpisah dan kanal daring."))
    return Suggestion(3, _("Sarana luring (tidak tercatat terpisah dari front office) dan kanal daring."))


def complaint_accountability(fig: Mapping[str, Any], params: Mapping[str, Any] | None = None) -> Suggestion:
    """27.e: archived → reported → monitored → followed up → published, counted while unbroken."""
    if int(fig.get("received", 0)) == 0:
        return Suggestion(None, _("Tidak ada pengaduan pada periode ini; evaluator menilai dari dokumen."))
    steps = [
        ("archived", _("diarsipkan")),
        ("reported", _("dimuat dalam laporan")),
        ("monitored", _("dimonitor dan dievaluasi")),
        ("followed_up", _("ditindaklanjuti")),
        ("published", _("dipublikasikan")),
    ]
    for score, (key, label) in enumerate(steps):
        if not fig.get(key):
            return Suggestion(score, _("Langkah berikut belum terbukti di portal: %(s)s.") % {"s": label})
    return Suggestion(5, _("Diarsipkan, dilaporkan, dimonev, ditindaklanjuti, dan dipublikasikan."))


def complaint_followup(fig: Mapping[str, Any], params: Mapping[str, Any] | None = None) -> Suggestion:
    """28.e (tindak lanjut): scores 3–5 only when *every* complaint of the period is in SP4N-LAPOR!.

    received: complaints received; resolved: closed anywhere (portal or LAPOR!); lapor_recorded /
    lapor_resolved: recorded / resolved in SP4N-LAPOR!. If any complaint was handled outside
    SP4N-LAPOR!, the share resolved of all received decides between 1 (< 50 %) and 2 (≥ 50 %).
    """
    params = params or {}
    received, resolved = int(fig.get("received", 0)), int(fig.get("resolved", 0))
    recorded, resolved_lapor = int(fig.get("lapor_recorded", 0)), int(fig.get("lapor_resolved", 0))
    if received == 0:
        return Suggestion(None, _("Tidak ada pengaduan pada periode ini; evaluator menilai dari dokumen."))
    if resolved == 0 and resolved_lapor == 0:
        return Suggestion(0, _("Tidak ada pengaduan yang ditindaklanjuti hingga selesai."))
    if recorded < received:
        share = {"k": resolved, "n": received, "p": _percent(resolved, received), "o": received - recorded}
        text = _("%(k)d dari %(n)d pengaduan selesai (%(p)s%%); %(o)d ditangani di luar SP4N-LAPOR! (maks. 2).")
        score = 2 if _share_at_least(resolved, received, params.get("outside_half", "0.5")) else 1
        return Suggestion(score, text % share)
    share = {"k": resolved_lapor, "n": recorded, "p": _percent(resolved_lapor, recorded)}
    text = _("%(k)d dari %(n)d pengaduan di SP4N-LAPOR! selesai (%(p)s%%).") % share
    if _share_at_least(resolved_lapor, recorded, params.get("lapor_high", "0.9")):
        return Suggestion(5, text)
    if _share_at_least(resolved_lapor, recorded, params.get("lapor_low", "0.5")):
        return Suggestion(4, text)
    return Suggestion(3, text)


def response_speed_band(hours: float | None, limits: Sequence[float]) -> int | None:
    """Kode B response speed: ≤ 1×24 h → 5, ≤ 3×24 → 4, ≤ 5×24 → 3, ≤ 7×24 → 2, ≤ 14×24 → 1, else 0."""
    if hours is None or not limits:
        return None
    for score, limit in zip(range(5, 0, -1), limits, strict=True):
        if hours <= limit:
            return score
    return 0


# --- the index ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndexResult:
    aspect_scores: dict[str, Decimal]
    f02: Decimal
    combined: Decimal
    band: Band
    f03: Decimal | None


def _round(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def aspect_score(instrument: Instrument, aspect_code: str, scores: Mapping[int, int | None]) -> Decimal:
    """Σ score × in-aspect weight over the aspect's indicators; a missing score counts as 0."""
    return sum(
        (Decimal(scores.get(i.no) or 0) * Decimal(str(i.weight)) for i in instrument.indicators_of(aspect_code)),
        Decimal(0),
    )


def band_for(instrument: Instrument, value: Decimal | float) -> Band:
    """Round to the instrument's decimals (half up), then the first band whose minimum is reached."""
    rounded = _round(Decimal(str(value)), instrument.ipp_decimals)
    for band in instrument.bands:
        if rounded >= Decimal(str(band.minimum)):
            return band
    return instrument.bands[-1]


def compute_index(
    instrument: Instrument,
    scores: Mapping[int, int | None],
    *,
    f03: float | None = None,
    evaluator_weight: float | None = None,
    users_weight: float | None = None,
) -> IndexResult:
    """IPP = Σ aspect score × aspect weight (0–5); with F-03: ew × F-02 + uw × F-03 (weights unconfirmed)."""
    aspects = {a.code: aspect_score(instrument, a.code, scores) for a in instrument.scored_aspects}
    f02 = sum((aspects[a.code] * Decimal(str(a.weight)) for a in instrument.scored_aspects), Decimal(0))
    combined = f02
    f03_value = None
    if f03 is not None:
        f03_value = Decimal(str(f03))
        ew = Decimal(str(instrument.evaluator_weight if evaluator_weight is None else evaluator_weight))
        uw = Decimal(str(instrument.users_weight if users_weight is None else users_weight))
        combined = ew * f02 + uw * f03_value
    decimals = instrument.ipp_decimals
    return IndexResult(
        aspect_scores={code: _round(value, decimals) for code, value in aspects.items()},
        f02=_round(f02, decimals),
        combined=_round(combined, decimals),
        band=band_for(instrument, combined),
        f03=f03_value,
    )
