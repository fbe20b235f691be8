"""The PEKPPP Mandiri cycle with asistensi (stages, deadlines, late flag) and the coordination view for
Bagian Organisasi (permissions, heat map, year-over-year, summary index, meeting pack)."""

from __future__ import annotations

import dataclasses
import io
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from evaluation_link import coordination
from evaluation_link.instrument import load_instrument
from evaluation_link.queries import assessments as queries
from evaluation_link.services import assessments as services
from evaluation_link.services import follow_up
from evaluation_link.services.assessments import AssessmentLocked, EvaluationError, NotEditableByUnit, ScoreInput
from evaluation_link.tables import CoordinationFigure, IndicatorScore
from portal.audit import entries_for
from tests.evaluation_link.follow_up_support import actor
from tests.helpers import html, login, make_unit, post_form

INSTRUMENT = load_instrument()
SCORED = [i.no for i in INSTRUMENT.indicators if INSTRUMENT.aspect(i.aspect).weight > 0]
EVIDENCE = {"label": "notulen.pdf", "url": "/staf/bukti-evaluasi/1/x.pdf", "file": "0" * 32 + ".pdf",
            "content_type": "application/pdf"}  # fmt: skip


def _after(entry: dict) -> dict:
    value = entry["after"]
    return json.loads(value) if isinstance(value, str) else value


async def scored(unit_id: int, year: int, evaluator, score_of, *, lock: bool = False) -> dict:
    """An assessment whose evaluator scored each weighted indicator `score_of(no)` (written directly for
    speed; the review path itself is covered in test_web_staff), with its figures stored as a review does."""
    assessment = await services.get_or_create_assessment(unit_id, year, actor=evaluator)
    for no in SCORED:
        await IndicatorScore.update({IndicatorScore.evaluator_score: score_of(no)}).where(
            IndicatorScore.assessment_indicator == f"{assessment['id']}:{no}"
        )
    await services.store_figures(assessment["id"])
    if lock:
        await services.lock_assessment(assessment["id"], actor=evaluator)
    return await queries.find_assessment(unit_id, year)


async def people():
    a = await make_unit("dinas-satu", name="Dinas Satu", unit_type="dinas")
    b = await make_unit("puskesmas-dua", name="Puskesmas Dua", unit_type="puskesmas")
    return {
        "a": a,
        "b": b,
        "evaluator": await actor("penilai", "evaluator"),
        "admin_a": await actor("admin.satu", "unit_admin", a, "dinas-satu"),
        "officer_a": await actor("petugas.satu", "unit_officer", a, "dinas-satu"),
    }


# --- the Mandiri cycle ---------------------------------------------------------------------------------


async def test_every_stage_transition_is_enforced_and_audited(db):
    p = await people()
    assessment = await services.get_or_create_assessment(p["a"], 2026, actor=p["admin_a"])
    aid = assessment["id"]
    await services.save_self_assessment(aid, {1: ScoreInput(4, "ada SP")}, {}, actor=p["admin_a"])
    with pytest.raises(EvaluationError):  # a draft cannot be returned: nothing was sent yet
        await services.return_for_revision(aid, {1: "lengkapi"}, actor=p["evaluator"])

    await services.submit_self_assessment(aid, actor=p["admin_a"])
    assert (await queries.find_assessment(p["a"], 2026))["status"] == "submitted"
    with pytest.raises(NotEditableByUnit):  # submitted: the unit cannot edit until it is returned
        await services.save_self_assessment(aid, {1: ScoreInput(5, "")}, {}, actor=p["admin_a"])
    with pytest.raises(EvaluationError):
        await services.submit_self_assessment(aid, actor=p["admin_a"])
    with pytest.raises(EvaluationError) as empty:  # a return needs at least one comment
        await services.return_for_revision(aid, {1: "  "}, actor=p["evaluator"])
    assert empty.value.field == "comments"
    assert (await queries.find_assessment(p["a"], 2026))["status"] == "submitted"

    await services.return_for_revision(aid, {1: "Lampirkan SK penetapan SP."}, actor=p["evaluator"])
    returned = await queries.sheet_for("dinas-satu", 2026)
    assert returned.assessment["status"] == "returned" and returned.assessment["returned_at"] is not None
    assert returned.indicator_view(1).row["evaluator_comment"] == "Lampirkan SK penetapan SP."

    await services.save_self_assessment(aid, {1: ScoreInput(3, "SK dilampirkan")}, {}, actor=p["admin_a"])
    await services.submit_self_assessment(aid, actor=p["admin_a"])
    for no in SCORED:
        await services.review_indicator(aid, no, 3, "uji", actor=p["evaluator"])
    await services.lock_assessment(aid, actor=p["evaluator"])
    final = await queries.sheet_for("dinas-satu", 2026)
    assert final.assessment["status"] == "locked" and final.indicator_view(1).row["self_score"] == 3
    for attempt in (
        services.save_self_assessment(aid, {1: ScoreInput(5, "")}, {}, actor=p["admin_a"]),
        services.submit_self_assessment(aid, actor=p["admin_a"]),
        services.return_for_revision(aid, {1: "x"}, actor=p["evaluator"]),
        services.lock_assessment(aid, actor=p["evaluator"]),
    ):
        with pytest.raises(AssessmentLocked):
            await attempt

    moves = [
        (e["action"], _after(e).get("status"))
        for e in await entries_for("pekppp_assessment", aid)
        if e["action"] in ("evaluation.submit", "evaluation.return", "evaluation.lock")
    ]
    assert moves == [
        ("evaluation.submit", "submitted"),
        ("evaluation.return", "returned"),
        ("evaluation.submit", "submitted"),
        ("evaluation.lock", None),
    ]


async def test_unit_cannot_edit_after_submitting_until_returned_over_http(client):
    p = await people()
    await login(client, "admin.satu")
    sent = await post_form(client, "/staf/penilaian-mandiri/2026", {"self_score_1": "4", "submit": "1"})
    assert sent.status_code == 303
    refused = await post_form(client, "/staf/penilaian-mandiri/2026", {"self_score_1": "5"})
    assert refused.status_code == 409
    assert "dikirim ke evaluator" in html(refused).find(class_="alert-error").get_text()
    assert (await queries.sheet_for("dinas-satu", 2026)).indicator_view(1).row["self_score"] == 4
    # the unit cannot return its own F-01 (evaluator pages are closed to it)
    assert (await post_form(client, "/staf/evaluasi/dinas-satu/2026/kembalikan", {"comment_1": "x"})).status_code == 403

    await login(client, "penilai")
    sheet = html(await client.get("/staf/evaluasi/dinas-satu/2026"))
    assert sheet.find("form", action="/staf/evaluasi/dinas-satu/2026/kembalikan")
    empty = await post_form(client, "/staf/evaluasi/dinas-satu/2026/kembalikan", {"comment_1": ""})
    assert empty.status_code == 422 and html(empty).find(id="comments-error")
    back = await post_form(
        client, "/staf/evaluasi/dinas-satu/2026/kembalikan", {"comment_1": "Skor 4 perlu bukti pelibatan masyarakat."}
    )
    assert back.status_code == 303

    await login(client, "admin.satu")
    form = html(await client.get("/staf/penilaian-mandiri/2026"))
    assert (
        "Skor 4 perlu bukti pelibatan masyarakat."
        in form.find(id="indikator-1").find(class_="evaluator-comment").get_text()
    )
    assert form.find(id="mandiri-stage").get_text() == "Dikembalikan untuk revisi"
    revised = await post_form(client, "/staf/penilaian-mandiri/2026", {"self_score_1": "2", "submit": "1"})
    assert revised.status_code == 303
    view = await queries.sheet_for("dinas-satu", 2026)
    assert view.assessment["status"] == "submitted" and view.indicator_view(1).row["self_score"] == 2
    assert p["a"]


def test_stage_deadlines_and_late_flag():
    today = date(2026, 6, 10)
    schedule = {
        "submit_due": date(2026, 6, 1),
        "review_due": date(2026, 6, 15),
        "revision_due": date(2026, 6, 30),
        "lock_due": date(2026, 7, 15),
    }
    assert coordination.stage_of(None, schedule, today).late  # never started, past the submit deadline
    assert coordination.stage_of("draft", schedule, today).late
    submitted = coordination.stage_of("submitted", schedule, today)
    assert not submitted.late and submitted.due == date(2026, 6, 15)
    assert coordination.stage_of("submitted", schedule, date(2026, 6, 16)).late  # the evaluator is late
    assert not coordination.stage_of("returned", schedule, date(2026, 6, 30)).late  # the deadline day counts
    assert coordination.stage_of("returned", schedule, date(2026, 7, 1)).late
    assert coordination.stage_of("submitted", {**schedule, "review_due": None}, date(2026, 7, 16)).late
    assert not coordination.stage_of("locked", schedule, date(2027, 1, 1)).late
    assert not coordination.stage_of("draft", dict.fromkeys(schedule), date(2030, 1, 1)).late


async def test_deadlines_are_set_per_year_validated_and_shown_as_late(client):
    p = await people()
    await services.get_or_create_assessment(p["b"], 2026, actor=p["evaluator"])
    await login(client, "penilai")
    yesterday = date.today() - timedelta(days=1)
    bad = await post_form(
        client,
        "/staf/koordinasi-pekppp/2026/jadwal",
        {"submit_due": "2026-06-30", "review_due": "2026-06-01", "revision_due": "", "lock_due": ""},
    )
    assert bad.status_code == 422
    assert html(bad).find(id="review_due-error")
    assert await coordination.schedule_for(2026) == dict.fromkeys(coordination.SCHEDULE_FIELDS)
    not_a_date = await post_form(client, "/staf/koordinasi-pekppp/2026/jadwal", {"submit_due": "besok"})
    assert not_a_date.status_code == 422

    ok = await post_form(
        client,
        "/staf/koordinasi-pekppp/2026/jadwal",
        {
            "submit_due": yesterday.isoformat(),
            "review_due": "",
            "revision_due": "",
            "lock_due": (yesterday + timedelta(days=90)).isoformat(),
        },
    )
    assert ok.status_code == 303
    assert (await coordination.schedule_for(2026))["submit_due"] == yesterday
    assert (await coordination.schedule_for(2025))["submit_due"] is None  # per year
    assert [e["action"] for e in await entries_for(coordination.SCHEDULE_ENTITY, 2026)] == ["evaluation.schedule"]

    page = html(await client.get("/staf/koordinasi-pekppp/2026"))
    for slug in ("dinas-satu", "puskesmas-dua"):  # one never started, one still a draft: both late
        row = page.find("tr", id=f"unit-{slug}")
        assert row.find(class_="late"), slug
    assert page.find(id="late-count").get_text() == "2"


# --- permissions ---------------------------------------------------------------------------------------


PATHS = ("/staf/koordinasi-pekppp/2026", "/staf/koordinasi-pekppp/2026.xlsx", "/staf/koordinasi-pekppp/2026.pdf")


async def test_unit_users_cannot_open_the_coordination_view(client):
    p = await people()
    await scored(p["b"], 2026, p["evaluator"], lambda no: 1)
    for username in ("admin.satu", "petugas.satu"):
        await login(client, username)
        for path in PATHS:
            response = await client.get(path)
            assert response.status_code == 403, (username, path)
            assert "Puskesmas Dua" not in response.text
        refused = await post_form(client, "/staf/koordinasi-pekppp/2026/jadwal", {"submit_due": "2026-01-01"})
        assert refused.status_code == 403
        assert (await post_form(client, "/staf/koordinasi-pekppp/2026/perbarui", {})).status_code == 403
    assert await coordination.schedule_for(2026) == dict.fromkeys(coordination.SCHEDULE_FIELDS)
    await login(client, "penilai")
    for path in PATHS:
        assert (await client.get(path)).status_code == 200, path


# --- the view ------------------------------------------------------------------------------------------


async def test_heat_map_cells_match_the_scores(client):
    p = await people()
    await scored(p["a"], 2026, p["evaluator"], lambda no: no % 6)
    await scored(p["b"], 2026, p["evaluator"], lambda no: 5 - no % 6)
    await login(client, "penilai")
    page = html(await client.get("/staf/koordinasi-pekppp/2026"))
    heat = page.find("table", id="heat-map")
    assert [th.get_text(strip=True) for th in heat.find("thead").find_all("th")[1:]] == [str(n) for n in SCORED]
    for slug, expected in (("dinas-satu", lambda no: no % 6), ("puskesmas-dua", lambda no: 5 - no % 6)):
        row = heat.find("tr", attrs={"data-unit": slug})
        for cell in row.find_all("td"):
            no = int(cell["data-indicator"])
            value = expected(no)
            assert cell.contents[0].strip() == str(value)
            assert f"heat-{value}" in cell["class"]
            assert cell.find(class_="heat-word").get_text() == (
                "lemah" if value <= 2 else "sedang" if value < 4 else "baik"
            )
    means = {int(td["data-indicator"]): td.contents[0].strip() for td in heat.find("tfoot").find_all("td")}
    assert means == {no: "2.50" for no in SCORED}  # (s + 5 - s) / 2

    units = page.find("table", id="units-table")
    a_row = units.find("tr", id="unit-dinas-satu")
    view = await queries.sheet_for("dinas-satu", 2026)
    assert a_row.find(class_="ipp").get_text() == str(view.index.combined)


async def test_figures_are_stored_on_each_change_and_refreshed_by_the_evaluator(client):
    p = await people()
    assessment = await scored(p["a"], 2026, p["evaluator"], lambda no: 3)
    stored = await CoordinationFigure.select().where(CoordinationFigure.assessment == assessment["id"]).first()
    assert stored["ipp"] == "3.00" and stored["status"] == "draft"
    await services.review_indicator(assessment["id"], 1, 5, "bukti baru", actor=p["evaluator"])
    stored = (
        await CoordinationFigure.select()
        .where(CoordinationFigure.assessment == assessment["id"])
        .output(load_json=True)
        .first()
    )
    assert stored["indicator_scores"]["1"] == 5
    # a stale stored row (as before this feature) is put right by "Perbarui angka"
    await CoordinationFigure.update({CoordinationFigure.ipp: "0.10"}).where(
        CoordinationFigure.assessment == assessment["id"]
    )
    await login(client, "penilai")
    refreshed = await post_form(client, "/staf/koordinasi-pekppp/2026/perbarui", {})
    assert refreshed.status_code == 303
    page = html(await client.get(refreshed.headers["location"]))
    view = await queries.sheet_for("dinas-satu", 2026)
    assert page.find("tr", id="unit-dinas-satu").find(class_="ipp").get_text() == str(view.index.combined)


async def test_year_over_year_per_unit_and_per_aspect(client):
    p = await people()
    await scored(p["a"], 2025, p["evaluator"], lambda no: 2, lock=True)
    await scored(p["a"], 2026, p["evaluator"], lambda no: 4)
    await scored(p["b"], 2026, p["evaluator"], lambda no: 3)
    await login(client, "penilai")
    page = html(await client.get("/staf/koordinasi-pekppp/2026"))
    cells = [
        td.get_text(" ", strip=True)
        for td in page.find("table", id="yoy-units").find("th", string="Dinas Satu").find_parent("tr").find_all("td")
    ]
    assert cells == ["2.00", "4.00", "+2.00 naik"]
    first_aspect = page.find("table", id="yoy-aspects").find("tbody").find("tr").find_all("td")
    assert [td.get_text(" ", strip=True) for td in first_aspect[:3]] == ["2.00", "3.50", "+1.50 naik"]
    # last year Dinas Satu was weak in every aspect; this year nobody is
    view = await coordination.coordination_view(2025)
    assert all([u.name for u in m.weak_units] == ["Dinas Satu"] for m in view.aspects)


def test_summary_index_for_each_method():
    units = [
        {"ipp": Decimal("3.00"), "service_count": 1, "unit_type": "puskesmas"},
        {"ipp": Decimal("4.00"), "service_count": 3, "unit_type": "rsud"},
        {"ipp": None, "service_count": 9, "unit_type": "dinas"},
    ]  # not assessed: left out
    assert coordination.summary_index(units, "mean") == Decimal("3.50")
    assert coordination.summary_index(units, "services") == Decimal("3.75")  # (3×1 + 4×3) / 4
    weights = coordination.parse_type_weights("rsud=2, puskesmas=1, rusak=x")
    assert weights == {"rsud": Decimal(2), "puskesmas": Decimal(1)}
    assert coordination.summary_index(units, "unit_type", weights) == Decimal("3.67")  # (3 + 8) / 3
    assert coordination.summary_index(units, "unit_type") == Decimal("3.50")  # unlisted types weigh 1
    assert coordination.summary_index([{"ipp": Decimal(3), "service_count": 0}], "services") is None
    with pytest.raises(ValueError):
        coordination.summary_index(units, "median")


async def test_summary_index_method_comes_from_the_setting_and_is_labelled_unconfirmed(app, client):
    from portal.tables import Service

    p = await people()
    await scored(p["a"], 2026, p["evaluator"], lambda no: 2)
    await scored(p["b"], 2026, p["evaluator"], lambda no: 4)
    await login(client, "penilai")
    page = html(await client.get("/staf/koordinasi-pekppp/2026"))
    assert page.find(id="summary-index").get_text() == "3.00"
    assert "belum dikonfirmasi" in page.find(id="ringkasan").get_text()

    await Service.insert(
        *[Service(unit=p["b"], slug=f"l-{n}", name=f"L {n}", published=True) for n in range(3)],
        Service(unit=p["a"], slug="l-a", name="L a", published=True),
    )
    await post_form(client, "/staf/koordinasi-pekppp/2026/perbarui", {})  # service counts are stored figures
    app.state.settings = dataclasses.replace(app.state.settings, pekppp_summary_method="services")
    page = html(await client.get("/staf/koordinasi-pekppp/2026"))
    assert page.find(id="summary-index").get_text() == "3.50"  # (2×1 + 4×3) / 4
    assert page.find(id="summary-method").get_text() == "Rata-rata IPP tertimbang jumlah layanan terbit"

    app.state.settings = dataclasses.replace(app.state.settings, pekppp_summary_method="median")
    page = html(await client.get("/staf/koordinasi-pekppp/2026"))
    assert page.find(id="summary-index").get_text() == "3.00"
    assert "tidak dikenal" in page.find(class_="alert-error").get_text()


# --- the meeting pack ----------------------------------------------------------------------------------


async def test_meeting_pack_exports_open_and_walk_the_aspects(client):
    p = await people()
    weak = await scored(p["a"], 2026, p["evaluator"], lambda no: 1, lock=True)
    await scored(p["b"], 2026, p["evaluator"], lambda no: 5)
    rec = await follow_up.add_recommendation(
        weak["id"], text="Tetapkan SP semua layanan", indicator_no=1, priority=True, actor=p["evaluator"]
    )
    await follow_up.plan_action(
        rec,
        what="Rapat FKP penetapan SP",
        owner="Sekretaris",
        due_date=date.today() + timedelta(days=30),
        actor=p["admin_a"],
    )
    await login(client, "penilai")

    xlsx = await client.get("/staf/koordinasi-pekppp/2026.xlsx")
    assert xlsx.status_code == 200 and "paket-rapat-pekppp-2026.xlsx" in xlsx.headers["content-disposition"]
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Forum", "Unit", "Peta indikator"]
    forum = [[c for c in row] for row in book["Forum"].iter_rows(values_only=True)]
    aspect_rows = [r[0] for r in forum if r[0] and r[0].split(".")[0] in {a.roman for a in INSTRUMENT.aspects}]
    assert len(aspect_rows) == len(INSTRUMENT.scored_aspects)
    weak_rows = [r for r in forum if r[3] == "Dinas Satu"]
    assert len(weak_rows) == len(INSTRUMENT.scored_aspects)  # weak in every aspect, never "Puskesmas Dua"
    assert not any(r[3] == "Puskesmas Dua" for r in forum)
    assert "Tetapkan SP semua layanan" in weak_rows[0][6] and "Rapat FKP penetapan SP" in weak_rows[0][6]
    units = list(book["Unit"].iter_rows(values_only=True))
    assert units[1][0] == "Dinas Satu" and units[1][4] == 1.0 and units[1][-6] == 1  # planned action
    heat = list(book["Peta indikator"].iter_rows(values_only=True))
    assert heat[1][0] == "Dinas Satu" and set(heat[1][1:]) == {"1"}

    pdf = await client.get("/staf/koordinasi-pekppp/2026.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    assert len(reader.pages) >= 1 + len(INSTRUMENT.scored_aspects)  # a summary, then a page per aspect
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Tetapkan SP semua layanan" in text and "Dinas Satu" in text
    assert (await client.get("/staf/koordinasi-pekppp/2026.csv")).status_code == 404


async def test_follow_up_counts_in_the_view_and_pack_follow_each_action_change(client):
    """The follow-up counts are not stored figures: every change of an action's state shows at once in the
    view's unit row and the meeting pack's Unit sheet, with no "Perbarui angka" in between."""
    p = await people()
    weak = await scored(p["a"], 2026, p["evaluator"], lambda no: 1, lock=True)
    rec = await follow_up.add_recommendation(weak["id"], text="Tetapkan SP", indicator_no=1, actor=p["evaluator"])
    due = date.today() + timedelta(days=30)
    actions = [
        await follow_up.plan_action(rec, what=f"Tindakan {n}", owner="Sekretaris", due_date=due, actor=p["admin_a"])
        for n in range(3)
    ]
    await login(client, "penilai")

    async def counts() -> tuple[dict[str, str], list]:
        row = html(await client.get("/staf/koordinasi-pekppp/2026")).find("tr", id="unit-dinas-satu")
        shown = {k: row.find(class_=f"fu-{k}").get_text(strip=True) for k in ("open", "done", "verified", "sent-back")}
        book = load_workbook(io.BytesIO((await client.get("/staf/koordinasi-pekppp/2026.xlsx")).content))
        unit = next(r for r in book["Unit"].iter_rows(values_only=True) if r[0] == "Dinas Satu")
        return shown, list(unit[-6:])  # planned, in progress, done, verified, sent back, overdue

    assert await counts() == ({"open": "3", "done": "0", "verified": "0", "sent-back": "0"}, [3, 0, 0, 0, 0, 0])
    for action in actions[:2]:
        await follow_up.change_status(action, "in_progress", actor=p["officer_a"])
        await follow_up.add_evidence(action, [EVIDENCE], actor=p["officer_a"])
        await follow_up.change_status(action, "done", actor=p["officer_a"])
    assert await counts() == ({"open": "1", "done": "2", "verified": "0", "sent-back": "0"}, [1, 0, 2, 0, 0, 0])
    await follow_up.change_status(actions[0], "verified", actor=p["evaluator"])
    await follow_up.change_status(actions[1], "sent_back", reason="Foto kurang jelas.", actor=p["evaluator"])
    assert await counts() == ({"open": "1", "done": "0", "verified": "1", "sent-back": "1"}, [1, 0, 0, 1, 1, 0])
