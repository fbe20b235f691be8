"""The auto-filled figures come from the portal's own records, as SQL aggregates."""

from __future__ import annotations

from datetime import UTC, date, datetime

from evaluation_link.instrument import load_instrument
from evaluation_link.period import Period
from evaluation_link.services import assessments as services
from evaluation_link.sources.catalogue import standards_facts
from evaluation_link.sources.complaints import complaint_metrics, percentile
from evaluation_link.tables import IndicatorScore
from tests.evaluation_link.factories import make_complaint, make_service
from tests.helpers import make_unit

JAN = datetime(2026, 1, 10, 2, 0, tzinfo=UTC)


async def test_four_counts_timings_and_deadline_shares(db):
    unit = await make_unit("dinas-a")
    other = await make_unit("dinas-b")
    await make_complaint(
        unit,
        JAN,
        status="closed",
        reply_after=2,
        close_after=30,
        lapor_id="L1",
        lapor_status="Selesai",
        followup_due_hours=24,
    )
    await make_complaint(
        unit,
        JAN,
        status="answered",
        reply_after=50,
        lapor_id="L2",
        lapor_status="Ditutup oleh Admin",
        followup_due_hours=24,
    )
    await make_complaint(unit, JAN, status="archived", reply_after=10, confidential=True)
    await make_complaint(unit, JAN, status="in_progress")
    await make_complaint(other, JAN, status="closed", reply_after=1, close_after=2)  # another unit
    await make_complaint(unit, datetime(2025, 12, 31, 16, 59, tzinfo=UTC), status="closed")  # 2025 local time
    await make_complaint(unit, datetime(2025, 12, 31, 17, 0, tzinfo=UTC), status="received")  # 1 Jan 2026 WIB

    metrics = await complaint_metrics(unit, Period(2026))

    assert (metrics["received"], metrics["resolved"]) == (5, 1)
    assert (metrics["lapor_recorded"], metrics["lapor_resolved"]) == (2, 2)
    # on the board: closed, answered, in progress (not the unverified one of 1 Jan, not the archived rahasia one)
    assert metrics["archived"] == 1 and metrics["public_count"] == 3
    response = metrics["first_response"]
    assert response["count"] == 3 and response["median_hours"] == 10.0 and response["p90_hours"] == 50.0
    assert response["bands_24h"] == [2, 1, 0, 0, 0, 0]
    assert metrics["resolution"]["median_hours"] == 30.0
    assert metrics["deadline_shares"]["followup"] == 50.0  # 2 h within 24 h, 50 h late


async def test_durations_count_in_whole_hours_rounded_up_with_exact_day_edges(db):
    unit = await make_unit("dinas-jam")
    await make_complaint(unit, JAN, reply_after=24)  # exactly 1×24 h
    await make_complaint(unit, JAN, reply_after=24 + 1 / 3600)  # one second later: next band
    await make_complaint(unit, JAN, reply_after=0.5)  # half an hour counts as 1 hour
    metrics = await complaint_metrics(unit, Period(2026))
    assert metrics["first_response"]["bands_24h"] == [2, 1, 0, 0, 0, 0]
    assert metrics["first_response"]["median_hours"] == 24 and metrics["first_response"]["p90_hours"] == 25


def test_nearest_rank_percentile():
    histogram = [(10, 1), (20, 1), (30, 1), (40, 1)]
    assert percentile(histogram, 0.5) == 20
    assert percentile(histogram, 0.9) == 40
    assert percentile([], 0.5) is None


async def test_standards_facts_apply_the_14_component_and_review_rules(db):
    unit = await make_unit("dinas-sp")
    await make_service(unit, reviewed_on=date(2026, 6, 1), community=["pengguna layanan", "akademisi"])
    await make_service(unit, product="")  # one component missing
    await make_service(unit, fee_note="", fee_legal_basis="")  # free but not stated: fee missing
    await make_service(unit, adopted_on=None, effective_from=date(2027, 1, 1))  # not in force in 2026

    facts = await standards_facts(unit, "dinas-sp", True, Period(2026))

    assert facts["services"] == 4 and facts["with_sp"] == 3
    assert facts["complete_14"] == 1
    assert facts["reviewed_1y"] == 3  # adoption on 1 Feb 2026 counts as the latest review
    missing = {tuple(r.get("missing") or ()) for r in facts["rows"] if r["version_no"]}
    assert ("product",) in missing and ("fee",) in missing


async def test_pull_fills_indicator_28_with_figures_score_and_evidence_links(db):
    unit = await make_unit("dinas-tarik", complaint_channels=[{"label": "Loket pengaduan tatap muka", "value": ""}])
    for _ in range(9):
        await make_complaint(
            unit,
            JAN,
            status="closed",
            reply_after=3,
            close_after=20,
            lapor_id=f"L{_}",
            lapor_status="Ditutup oleh Pelapor",
        )
    await make_complaint(unit, JAN, status="in_progress", lapor_id="L-open")
    assessment = await services.get_or_create_assessment(unit, 2026)

    count = await services.pull_portal_data(assessment["id"])

    instrument = load_instrument()
    assert count == sum(1 for i in instrument.indicators if i.is_auto)
    key = f"{assessment['id']}:28"
    row = await IndicatorScore.select().where(IndicatorScore.assessment_indicator == key).output(load_json=True).first()
    assert row["auto_figure"]["received"] == 10 and row["auto_figure"]["lapor_resolved"] == 9
    assert row["suggested_score"] == 5  # 9 of 10 in SP4N-LAPOR! resolved = 90 %
    assert any(link["url"].startswith(f"/staf/pengaduan?unit_id={unit}") for link in row["auto_evidence"])
    channels = (
        await IndicatorScore.select()
        .where(IndicatorScore.assessment_indicator == f"{assessment['id']}:26")
        .output(load_json=True)
        .first()
    )
    assert channels["suggested_score"] == 3  # offline (not separate) + online
