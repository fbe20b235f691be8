"""Every scoring rule at its edges, driven by the instrument file's own params."""

from __future__ import annotations

from decimal import Decimal

import pytest

from evaluation_link import scoring
from evaluation_link.instrument import load_instrument

INSTRUMENT = load_instrument()


def params(no: int) -> dict:
    return INSTRUMENT.indicator(no).params


def followup(received: int, resolved: int, recorded: int = 0, resolved_lapor: int = 0) -> int | None:
    figure = {"received": received, "resolved": resolved, "lapor_recorded": recorded, "lapor_resolved": resolved_lapor}
    return scoring.complaint_followup(figure, params(28)).score


@pytest.mark.parametrize(
    ("received", "resolved", "recorded", "resolved_lapor", "expected"),
    [
        (100, 0, 0, 0, 0),  # nothing followed up
        (100, 49, 0, 0, 1),  # 49 % outside SP4N-LAPOR!
        (100, 50, 0, 0, 2),  # 50 % outside
        (100, 100, 99, 99, 2),  # one complaint not in LAPOR! keeps the unit outside (max 2)
        (100, 49, 100, 49, 3),  # all in LAPOR!, 49 % resolved there
        (100, 50, 100, 50, 4),
        (100, 89, 100, 89, 4),
        (100, 90, 100, 90, 5),  # 90 % resolved in LAPOR!
        (3, 1, 3, 2, 4),  # 2/3 resolved in LAPOR! (lapor_status "Ditutup") though only 1 closed locally
    ],
)
def test_indicator_28_followup_edges(received, resolved, recorded, resolved_lapor, expected):
    assert followup(received, resolved, recorded, resolved_lapor) == expected


def test_indicator_28_without_complaints_leaves_the_score_to_the_evaluator():
    suggestion = scoring.complaint_followup({"received": 0}, params(28))
    assert suggestion.score is None and suggestion.reason


def rtl(total: int, done: int) -> int | None:
    return scoring.skm_rtl_pct({"rtl_total": total, "rtl_done": done}, params(8)).score


@pytest.mark.parametrize(
    ("total", "done", "expected"),
    [(0, 0, 0), (10, 0, 1), (1000, 299, 2), (10, 3, 3), (10, 8, 3), (1000, 801, 4), (10, 9, 4), (10, 10, 5)],
)
def test_indicator_8_rtl_completion_edges(total, done, expected):
    assert rtl(total, done) == expected


@pytest.mark.parametrize(
    ("months", "expected"),
    [(0.5, 5), (1, 5), (1.5, 4), (3, 4), (3.1, 3), (6, 3), (9, 2), (12, 1), (12.5, 0), (None, 0)],
)
def test_indicator_9_months_to_complete_bands(months, expected):
    figure = {"rtl_total": 4, "rtl_done": 4, "months_to_complete_all": months}
    assert scoring.skm_rtl_speed(figure, params(9)).score == expected


def test_indicator_6_needs_non_electronic_and_electronic_publication_and_follow_up():
    base = {"survey_done": True, "per_regulation": True, "published_portal": True, "rtl_done": 0}
    words = params(6)
    assert scoring.skm_done({"survey_done": False}, words).score == 0
    assert scoring.skm_done({**base, "per_regulation": False}, words).score == 1
    assert scoring.skm_done({**base, "other_media": []}, words).score == 2
    assert scoring.skm_done({**base, "published_portal": False, "other_media": ["Papan pengumuman"]}, words).score == 3
    assert scoring.skm_done({**base, "other_media": ["Papan pengumuman"]}, words).score == 4
    assert scoring.skm_done({**base, "other_media": ["Papan pengumuman"], "rtl_done": 1}, words).score == 5


@pytest.mark.parametrize(
    ("others", "portal", "expected"),
    [
        ([], False, 0),
        ([], True, 1),
        (["Instagram", "instagram "], True, 2),
        (["a", "b", "c"], True, 4),
        (["a", "b", "c", "d"], True, 5),
    ],
)
def test_indicator_7_counts_the_portal_as_one_medium(others, portal, expected):
    assert scoring.skm_media({"other_media": others, "published_portal": portal}).score == expected


def test_indicator_1_each_level_needs_every_service():
    full = {"services": 4, "complete_14": 4, "adopted": 4, "involved": 4, "monitored": 4}
    assert scoring.sp_components({"services": 0}).score == 0
    assert scoring.sp_components({**full, "complete_14": 3}).score == 1
    assert scoring.sp_components({**full, "adopted": 3}).score == 2
    assert scoring.sp_components({**full, "involved": 3}).score == 3
    assert scoring.sp_components({**full, "monitored": 3}).score == 4
    assert scoring.sp_components(full).score == 5


@pytest.mark.parametrize(
    ("one", "two", "ever", "expected"),
    [
        (0, 0, 0, 0),
        (0, 0, 2, 1),
        (0, 1, 2, 2),
        (0, 2, 2, 3),
        (1, 2, 2, 4),
        (2, 2, 2, 5),
    ],
)
def test_indicator_4_review_within_one_or_two_years(one, two, ever, expected):
    figure = {"services": 2, "reviewed_1y": one, "reviewed_2y": two, "reviewed_any": ever}
    assert scoring.sp_review(figure).score == expected


def test_indicator_5_maklumat_cycle():
    assert scoring.maklumat({"exists": False}).score == 0
    assert scoring.maklumat({"exists": True, "adopted": False}).score == 1
    assert scoring.maklumat({"exists": True, "adopted": True, "compliant": False}).score == 2
    adopted = {"exists": True, "adopted": True, "compliant": True, "published_electronic": True}
    assert scoring.maklumat({**adopted, "published_non_electronic": None}).score == 3
    assert scoring.maklumat({**adopted, "published_non_electronic": True, "published_electronic": False}).score == 4
    assert scoring.maklumat({**adopted, "published_non_electronic": True}).score == 5


@pytest.mark.parametrize(
    ("days", "gap", "expected"),
    [
        (0, None, 0),
        (1, None, 1),
        (5, 1, 5),
        (5, 7, 4),
        (5, 8, 3),
        (5, 31, 3),
        (5, 32, 2),
        (3, 200, 1),
    ],
)
def test_indicator_24_update_cadence(days, gap, expected):
    figure = {"update_days": days, "max_gap_days": gap}
    assert scoring.sipp_updates(figure, params(24)).score == expected


def test_indicator_26_channels():
    assert scoring.complaint_channels({"offline": True, "online": True}).score == 3
    assert scoring.complaint_channels({"offline": True, "offline_separate": True, "online": True}).score == 4
    lapor = {"offline": True, "offline_separate": True, "online": True, "lapor_recorded": 1}
    assert scoring.complaint_channels(lapor).score == 5
    assert scoring.complaint_channels({"offline": False, "online": True}).score is None


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        (24, 5),
        (24.1, 4),
        (72, 4),
        (120, 3),
        (168, 2),
        (336, 1),
        (336.1, 0),
        (None, None),
    ],
)
def test_kode_b_response_speed_bands(hours, expected):
    assert scoring.response_speed_band(hours, INSTRUMENT.response_speed_hours) == expected


@pytest.mark.parametrize(
    ("value", "category"),
    [
        ("4.51", "A"),
        ("4.50", "A-"),
        ("4.505", "A"),
        ("4.5049", "A-"),
        ("4.01", "A-"),
        ("4.00", "B"),
        ("3.51", "B"),
        ("3.01", "B-"),
        ("2.51", "C"),
        ("2.01", "C-"),
        ("1.51", "D"),
        ("1.01", "E"),
        ("1.00", "F"),
        ("0", "F"),
        ("5", "A"),
    ],
)
def test_band_edges_after_rounding_to_two_decimals(value, category):
    assert scoring.band_for(INSTRUMENT, Decimal(value)).category == category


def test_band_names_come_from_the_instrument():
    assert scoring.band_for(INSTRUMENT, Decimal("4.6")).title("id") == "Pelayanan Prima"
    assert scoring.band_for(INSTRUMENT, Decimal("0.4")).title("id") == "Gagal"


def test_index_is_the_weighted_sum_of_aspects():
    all_five = {i.no: 5 for i in INSTRUMENT.indicators}
    assert scoring.compute_index(INSTRUMENT, all_five).combined == Decimal("5.00")
    only_28 = {28: 5}  # 5 × 30 % in-aspect × 10 % aspect weight = 0.15
    result = scoring.compute_index(INSTRUMENT, only_28)
    assert result.aspect_scores["e"] == Decimal("1.50")
    assert result.combined == Decimal("0.15")
    assert result.band.category == "F"
    # indicator 31 (Informasi Tambahan) has no weight in the index
    assert scoring.compute_index(INSTRUMENT, {31: 5}).combined == Decimal("0.00")


def test_f03_combination_uses_the_configured_weights():
    all_four = {i.no: 4 for i in INSTRUMENT.indicators}
    default = scoring.compute_index(INSTRUMENT, all_four, f03=5)
    assert default.f02 == Decimal("4.00")
    assert default.combined == Decimal("4.25")  # 0.75 × 4 + 0.25 × 5
    assert default.band.category == "A-"
    half = scoring.compute_index(INSTRUMENT, all_four, f03=5, evaluator_weight=0.5, users_weight=0.5)
    assert half.combined == Decimal("4.50")
    assert scoring.compute_index(INSTRUMENT, all_four).combined == Decimal("4.00")
