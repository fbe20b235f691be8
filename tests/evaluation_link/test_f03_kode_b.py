"""The collected F-03 on the evaluator's sheet (sample, override, lock) and the F-02 Kode B instrument."""

from __future__ import annotations

import csv
import importlib
import io
import json
from decimal import Decimal

import pytest
from pypdf import PdfReader

from evaluation_link.instrument import (
    DEFAULT_VERSION,
    InstrumentError,
    available_versions,
    load_instrument,
    parse_instrument,
    unconfirmed_items,
)
from evaluation_link.queries import assessments as queries
from evaluation_link.services import assessments as services
from evaluation_link.tables import Assessment
from portal.audit import entries_for
from tests.helpers import html, login, make_unit, make_user, post_form
from tests.surveys.factories import make_period
from tests.surveys.test_f03_questionnaire import add_f03_answers

KODE_B = "pekppp-2023-f02-kode-b"
EVALUATOR = type("U", (), {"id": 1, "full_name": "Evaluator", "username": "e"})()


def after_of(entry: dict) -> dict:
    return json.loads(entry["after"]) if isinstance(entry["after"], str) else entry["after"]


async def scored_assessment(unit_id: int, score: int = 3, version: str = DEFAULT_VERSION) -> dict:
    """An assessment whose every weighted indicator has the evaluator's score `score` (so F-02 = score)."""
    assessment = await services.get_or_create_assessment(unit_id, 2026, actor=EVALUATOR, version=version)
    instrument = load_instrument(version)
    for item in instrument.indicators:
        if instrument.aspect(item.aspect).weight > 0:
            await services.review_indicator(assessment["id"], item.no, score, "", actor=EVALUATOR)
    return assessment


# --- F-03 ----------------------------------------------------------------------------------------


async def test_sheet_combines_the_collected_f03_with_its_sample_and_configured_weights(client):
    unit_id = await make_unit("dinas-f03", "Dinas F-03")
    await scored_assessment(unit_id, 3)
    period = await make_period(unit_id, kind="f03")
    await add_f03_answers(period, [5, 5, 5, 5])
    await make_user("eval.f03", "evaluator")
    await login(client, "eval.f03")

    page = html(await client.get("/staf/evaluasi/dinas-f03/2026"))
    assert page.find(id="f03-collected").get_text(strip=True) == "5.00"
    assert page.find(id="f03-sample").get_text(" ", strip=True) == "4 / minimal 10"
    assert "Sampel terlalu kecil: 4 responden, minimal 10." in page.find(id="f03-too-small").get_text()
    assert page.find(id="f02-value").get_text() == "3.00"
    assert page.find(id="ipp-value").get_text() == "3.50"  # 0.75 × 3 + 0.25 × 5
    assert "belum terkonfirmasi" in page.find(id="f03").get_text()
    exported = (await client.get("/staf/evaluasi/dinas-f03/2026.csv")).text
    summary = {row[2]: row[9] for row in csv.reader(io.StringIO(exported.lstrip("\ufeff"))) if len(row) > 9}
    assert summary["Responden F-03 / minimal"] == "4 / 10 (sampel terlalu kecil)"
    assert summary["Nilai F-03 (pengguna)"] == "5.0"

    await add_f03_answers(period, [3] * 6)  # 10 respondents: 5×4 + 3×6 over 10 = 3.80
    weights = await post_form(client, "/staf/evaluasi/dinas-f03/2026/f03", {"f03_score": "", "evaluator_weight": "0.6"})
    assert weights.status_code == 303
    page = html(await client.get("/staf/evaluasi/dinas-f03/2026"))
    assert page.find(id="f03-collected").get_text(strip=True) == "3.80"
    assert page.find(id="f03-too-small") is None
    assert page.find(id="ipp-value").get_text() == "3.32"  # 0.6 × 3 + 0.4 × 3.8


async def test_only_the_evaluator_may_type_an_f03_and_only_with_a_reason(client):
    unit_id = await make_unit("dinas-ovr", "Dinas Override")
    assessment = await scored_assessment(unit_id, 3)
    await add_f03_answers(await make_period(unit_id, kind="f03"), [4] * 10)
    await make_user("admin.ovr", "unit_admin", unit_id)
    await make_user("eval.ovr", "evaluator")

    await login(client, "admin.ovr")
    forbidden = await post_form(client, "/staf/evaluasi/dinas-ovr/2026/f03", {"f03_score": "5", "f03_reason": "x"})
    assert forbidden.status_code == 403

    await login(client, "eval.ovr")
    no_reason = await post_form(
        client, "/staf/evaluasi/dinas-ovr/2026/f03", {"f03_score": "2", "evaluator_weight": "0.75"}
    )
    assert no_reason.status_code == 422
    assert "alasan" in html(no_reason).find(id="f03_reason-error").get_text()
    assert (await queries.find_assessment(unit_id, 2026))["f03_score"] is None

    typed = await post_form(
        client,
        "/staf/evaluasi/dinas-ovr/2026/f03",
        {"f03_score": "2", "evaluator_weight": "0.75", "f03_reason": "Kuesioner kertas hilang."},
    )
    assert typed.status_code == 303
    page = html(await client.get("/staf/evaluasi/dinas-ovr/2026"))
    assert page.find(id="ipp-value").get_text() == "2.75"  # 0.75 × 3 + 0.25 × 2, not the collected 4.00
    assert "Kuesioner kertas hilang." in page.find(id="f03-override").get_text()
    audit = [
        e for e in await entries_for("pekppp_assessment", assessment["id"]) if e["action"] == "evaluation.f03_override"
    ]
    assert after_of(audit[-1])["f03"] == 2.0 and after_of(audit[-1])["reason"] == "Kuesioner kertas hilang."

    cleared = await post_form(
        client, "/staf/evaluasi/dinas-ovr/2026/f03", {"f03_score": "", "evaluator_weight": "0.75"}
    )
    assert cleared.status_code == 303
    page = html(await client.get("/staf/evaluasi/dinas-ovr/2026"))
    assert page.find(id="ipp-value").get_text() == "3.25"  # back to the collected 4.00


async def test_locking_freezes_the_collected_f03(client):
    unit_id = await make_unit("dinas-kunci", "Dinas Kunci")
    assessment = await scored_assessment(unit_id, 4)
    period = await make_period(unit_id, kind="f03")
    await add_f03_answers(period, [2] * 10)
    await services.lock_assessment(assessment["id"], actor=EVALUATOR)
    await add_f03_answers(period, [5] * 10)  # answers after the lock do not move a locked index

    view = await queries.sheet_for("dinas-kunci", 2026)
    assert view.assessment["f03_result"].score == Decimal("3.50")
    assert view.index.f03 == Decimal("2.0") and view.index.combined == Decimal("3.50")  # 0.75 × 4 + 0.25 × 2
    assert "10 responden" in view.assessment["f03_override_reason"]


# --- Kode B -----------------------------------------------------------------------------------------


def test_kode_b_loads_validates_and_labels_its_unconfirmed_weights():
    assert KODE_B in available_versions()
    kode_b, kode_a = load_instrument(KODE_B), load_instrument(DEFAULT_VERSION)
    assert [a.weight for a in kode_b.aspects] == [a.weight for a in kode_a.aspects]
    sarpras = kode_b.indicators_of("c")
    assert [i.code for i in sarpras] == [f"{n}.c-el" for n in range(15, 21)]
    assert abs(sum(i.weight for i in sarpras) - 1) < 1e-9
    assert {i.weight_status for i in sarpras} == {"unconfirmed"}
    assert kode_b.indicator(25).name["id"] == "Kecepatan respon konsultasi dan pengaduan"
    assert kode_b.indicator(25).weight_status == "unconfirmed"
    assert kode_b.indicator(28).code == kode_a.indicator(28).code  # unchanged indicators are shared
    labels = unconfirmed_items(kode_b)
    assert any(label.startswith("15.c-el") for label in labels) and any(label.startswith("25.e-el") for label in labels)
    assert not any(label.startswith("15.c ") for label in unconfirmed_items(kode_a))

    broken = json.loads(json.dumps(kode_b.raw))
    broken["indicators"][14]["weight"] = 0.5
    with pytest.raises(InstrumentError, match="in-aspect weights of 'c'"):
        parse_instrument(broken)


async def test_an_assessment_with_kode_b_scores_with_kode_b_weights(client):
    unit_id = await make_unit("dinas-daring", "Dinas Daring")
    await make_user("eval.b", "evaluator")
    await login(client, "eval.b")
    created = await post_form(client, "/staf/evaluasi/dinas-daring/2026/tarik", {"instrument": KODE_B})
    assert created.status_code == 303
    assessment = await queries.find_assessment(unit_id, 2026)
    assert assessment["instrument_version"] == KODE_B
    await services.review_indicator(assessment["id"], 15, 5, "", actor=EVALUATOR)

    view = await queries.sheet_for("dinas-daring", 2026)
    assert view.index.aspect_scores["c"] == Decimal("0.85")  # 5 × 0.17 (Kode A's 15.c weighs 0.15)
    page = html(await client.get("/staf/evaluasi/dinas-daring/2026"))
    assert "Kode B" in page.find(id="instrument-name").get_text()
    assert "15.c-el" in page.find(id="instrument-unconfirmed").get_text()
    assert page.find("article", id="indikator-15").find(string=lambda s: "Layanan elektronik mudah diakses" in s)
    exported = (await client.get("/staf/evaluasi/dinas-daring/2026.csv")).text
    assert KODE_B in exported and "Layanan elektronik mudah diakses" in exported
    assert "Tempat parkir" not in exported
    summary = {row[2]: row[9] for row in csv.reader(io.StringIO(exported.lstrip("\ufeff"))) if len(row) > 9}
    assert "15.c-el" in summary["Belum terkonfirmasi"] and "F-02/F-03" in summary["Belum terkonfirmasi"]
    pdf = PdfReader(io.BytesIO((await client.get("/staf/evaluasi/dinas-daring/2026.pdf")).content))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert KODE_B in text and "Kecepatan respon konsultasi dan pengaduan" in text


async def test_switching_instrument_keeps_shared_scores_and_resets_the_others(db):
    unit_id = await make_unit()
    assessment = await services.get_or_create_assessment(unit_id, 2026, actor=EVALUATOR)
    await services.review_indicator(assessment["id"], 1, 3, "", actor=EVALUATOR)
    await services.review_indicator(assessment["id"], 15, 4, "", actor=EVALUATOR)
    await services.set_instrument(assessment["id"], KODE_B, actor=EVALUATOR)
    view = await queries.sheet_for("dinas-uji", 2026)
    assert view.instrument.version == KODE_B
    assert view.indicator_view(1).row["evaluator_score"] == 3
    assert view.indicator_view(15).row["evaluator_score"] is None
    audit = [
        e for e in await entries_for("pekppp_assessment", assessment["id"]) if e["action"] == "evaluation.instrument"
    ]
    assert after_of(audit[-1])["instrument"] == KODE_B and 15 in after_of(audit[-1])["reset_indicators"]
    with pytest.raises(services.EvaluationError):
        await services.set_instrument(assessment["id"], "pekppp-2099-palsu", actor=EVALUATOR)


async def test_unit_admin_chooses_the_instrument_for_its_own_unit_until_locked(client):
    unit_id = await make_unit("dinas-pilih", "Dinas Pilih")
    other_id = await make_unit("dinas-lain", "Dinas Lain")
    other = await services.get_or_create_assessment(other_id, 2026, actor=EVALUATOR)
    await make_user("admin.pilih", "unit_admin", unit_id)
    await login(client, "admin.pilih")

    form = html(await client.get("/staf/penilaian-mandiri/2026"))
    assert form.find("form", action="/staf/penilaian-mandiri/2026/instrumen")
    chosen = await post_form(client, "/staf/penilaian-mandiri/2026/instrumen", {"instrument": KODE_B})
    assert chosen.status_code == 303
    assert (await queries.find_assessment(unit_id, 2026))["instrument_version"] == KODE_B
    assert (await queries.find_assessment(other_id, 2026))["instrument_version"] == DEFAULT_VERSION
    bad = await post_form(client, "/staf/penilaian-mandiri/2026/instrumen", {"instrument": "../../etc"})
    assert bad.status_code == 422
    not_theirs = await post_form(client, "/staf/evaluasi/dinas-lain/2026/instrumen", {"instrument": KODE_B})
    assert not_theirs.status_code == 403
    assert (await queries.find_assessment(other_id, 2026))["instrument_version"] == DEFAULT_VERSION

    await scored_assessment(unit_id, 3, version=KODE_B)
    await services.lock_assessment((await queries.find_assessment(unit_id, 2026))["id"], actor=EVALUATOR)
    refused = await post_form(client, "/staf/penilaian-mandiri/2026/instrumen", {"instrument": DEFAULT_VERSION})
    assert refused.status_code == 409 and "dikunci" in refused.text
    assert (await queries.find_assessment(unit_id, 2026))["instrument_version"] == KODE_B
    assert other["instrument_version"] == DEFAULT_VERSION


async def test_migration_makes_assessments_without_an_instrument_kode_a(db):
    unit_id = await make_unit()
    blank = await Assessment.insert(
        Assessment(unit=unit_id, year=2024, unit_year=f"{unit_id}:2024", instrument_version="")
    ).returning(Assessment.id)
    await Assessment.insert(Assessment(unit=unit_id, year=2025, unit_year=f"{unit_id}:2025", instrument_version=KODE_B))
    migration = importlib.import_module("evaluation_link.piccolo_migrations.evaluation_link_2026_12_06t20_30_02_000000")
    await migration.default_to_kode_a()
    rows = {
        r["year"]: r["instrument_version"]
        for r in await Assessment.select(Assessment.year, Assessment.instrument_version)
    }
    assert rows == {2024: DEFAULT_VERSION, 2025: KODE_B}
    assert blank[0]["id"] and migration.KODE_A == DEFAULT_VERSION
