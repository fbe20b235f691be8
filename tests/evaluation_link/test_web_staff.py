"""The evaluator's sheet, reviews with overrides, locking, F-01 by unit admins, exports and the API."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

from openpyxl import load_workbook
from pypdf import PdfReader

from evaluation_link.instrument import load_instrument
from evaluation_link.queries import assessments as queries
from evaluation_link.services import assessments as services
from evaluation_link.services import tokens
from portal.audit import entries_for
from tests.evaluation_link.factories import make_complaint, make_service
from tests.helpers import html, login, make_unit, make_user, post_form

JAN = datetime(2026, 2, 3, 3, 0, tzinfo=UTC)


async def unit_with_complaints() -> int:
    unit = await make_unit(
        "dinas-eval",
        name="Dinas Evaluasi",
        complaint_channels=[{"label": "Ruang pengaduan tatap muka", "value": "Lantai 1"}],
    )
    await make_service(unit, reviewed_on=datetime(2026, 5, 1).date(), community=["pengguna", "akademisi"])
    for _i in range(3):
        await make_complaint(unit, JAN, status="closed", reply_after=5, close_after=40)
    await make_complaint(unit, JAN, status="in_progress", reply_after=80, lapor_id=f"LAP-{unit}")
    return unit


async def test_evaluator_pulls_figures_with_htmx_and_sees_evidence(client):
    unit = await unit_with_complaints()
    await make_user("evaluator1", "evaluator")
    await login(client, "evaluator1")

    empty = await client.get("/staf/evaluasi/dinas-eval/2026")
    assert empty.status_code == 200
    assert html(empty).find("button", id="pull-portal-data")

    response = await post_form(client, "/staf/evaluasi/dinas-eval/2026/tarik", {}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = html(response)
    assert page.find("html") is None  # a fragment for htmx
    card = page.find("article", id="indikator-28")
    assert "4" in card.find("dl").get_text()  # 4 complaints received
    # 3 of 4 resolved, one outside SP4N-LAPOR! -> ≥ 50 % outside -> 2
    assert card.find(class_="suggested-score").get_text(strip=True) == "2"
    levels = [li.get_text(" ", strip=True) for li in card.find("details").find_all("li")]
    assert levels == [f"{n} : {text}" for n, text in enumerate(load_instrument().indicator(28).levels)]
    assert card.find("a", href=f"/staf/pengaduan?unit_id={unit}&status=closed")
    first_response = card.find("table", class_="complaint-times").find("tbody").find("tr")
    cells = [td.get_text(strip=True) for td in first_response.find_all("td")]
    assert cells[:3] == ["4", "5", "80"]  # count, median and p90 hours to first response


async def test_override_needs_a_reason_and_is_audited(client):
    await unit_with_complaints()
    await make_user("evaluator2", "evaluator")
    await login(client, "evaluator2")
    await post_form(client, "/staf/evaluasi/dinas-eval/2026/tarik", {})
    view = await queries.sheet_for("dinas-eval", 2026)
    assert view.indicator_view(28).row["suggested_score"] == 2

    refused = await post_form(client, "/staf/evaluasi/dinas-eval/2026/indikator/28", {"evaluator_score": "4"})
    assert refused.status_code == 422
    assert "alasan" in html(refused).find("article", id="indikator-28").find(class_="field-error").get_text().lower()
    unchanged = await queries.sheet_for("dinas-eval", 2026)
    assert unchanged.indicator_view(28).row["evaluator_score"] is None

    ok = await post_form(
        client,
        "/staf/evaluasi/dinas-eval/2026/indikator/28",
        {"evaluator_score": "4", "override_reason": "Bukti LAPOR! diperiksa manual."},
    )
    assert ok.status_code == 303
    saved = await queries.sheet_for("dinas-eval", 2026)
    assert saved.indicator_view(28).row["evaluator_score"] == 4
    audit = await entries_for("pekppp_assessment", saved.assessment["id"])
    override = [e for e in audit if e["action"] == "evaluation.override"]
    after = override[-1]["after"]
    after = json.loads(after) if isinstance(after, str) else after
    assert after["reason"] == "Bukti LAPOR! diperiksa manual." and after["evaluator"] == 4

    confirm = await post_form(
        client,
        "/staf/evaluasi/dinas-eval/2026/indikator/1",
        {"evaluator_score": str(saved.indicator_view(1).row["suggested_score"])},
    )
    assert confirm.status_code == 303  # confirming the suggestion needs no reason

    bad = await post_form(client, "/staf/evaluasi/dinas-eval/2026/indikator/1", {"evaluator_score": "9"})
    assert bad.status_code == 422


async def test_lock_needs_every_indicator_reviewed_then_refuses_changes(client):
    await unit_with_complaints()
    await make_user("evaluator3", "evaluator")
    await login(client, "evaluator3")
    await post_form(client, "/staf/evaluasi/dinas-eval/2026/tarik", {})
    early = await post_form(client, "/staf/evaluasi/dinas-eval/2026/kunci", {})
    assert early.status_code == 422
    assert "Belum dinilai" in html(early).find(class_="alert-error").get_text()

    view = await queries.sheet_for("dinas-eval", 2026)
    evaluator = type("U", (), {"id": 1, "full_name": "Evaluator", "username": "e"})()
    for aspect, items, _score in view.aspects:
        for item in items:
            if aspect.weight > 0:
                await services.review_indicator(view.assessment["id"], item.indicator.no, 3, "Uji", actor=evaluator)
    locked = await post_form(client, "/staf/evaluasi/dinas-eval/2026/kunci", {})
    assert locked.status_code == 303
    page = html(await client.get("/staf/evaluasi/dinas-eval/2026"))
    assert page.find(id="ipp-value").get_text() == "3.00"
    assert page.find(id="ipp-category").get_text() == "C · Cukup"  # 3.00 is the top of C
    assert page.find("form", action="/staf/evaluasi/dinas-eval/2026/indikator/28") is None

    refused = await post_form(
        client, "/staf/evaluasi/dinas-eval/2026/indikator/28", {"evaluator_score": "5", "override_reason": "x"}
    )
    assert refused.status_code == 409
    assert "dikunci" in html(refused).get_text()
    again = await post_form(client, "/staf/evaluasi/dinas-eval/2026/tarik", {})
    assert again.status_code == 409
    after = await queries.sheet_for("dinas-eval", 2026)
    assert after.indicator_view(28).row["evaluator_score"] == 3


async def test_unit_admin_fills_f01_for_own_unit_only(client):
    unit = await unit_with_complaints()
    other = await make_unit("dinas-lain")
    await make_user("admin.eval", "unit_admin", unit)
    await make_user("admin.lain", "unit_admin", other)
    await login(client, "admin.eval")

    bad = await post_form(client, "/staf/penilaian-mandiri/2026", {"self_score_10": "4", "evidence_10": "bukan tautan"})
    assert bad.status_code == 422
    view = await queries.sheet_for("dinas-eval", 2026)
    assert view is None or view.indicator_view(10).row["self_score"] is None

    saved = await post_form(
        client,
        "/staf/penilaian-mandiri/2026",
        {
            "self_score_10": "4",
            "self_note_10": "Buka Sabtu",
            "evidence_10": "SK jam layanan | https://contoh.go.id/sk-jam.pdf",
            "submit": "1",
        },
    )
    assert saved.status_code == 303
    view = await queries.sheet_for("dinas-eval", 2026)
    row = view.indicator_view(10).row
    assert (row["self_score"], row["self_note"]) == (4, "Buka Sabtu")
    assert row["evidence"] == [{"label": "SK jam layanan", "url": "https://contoh.go.id/sk-jam.pdf"}]
    assert view.assessment["status"] == "submitted"
    assert await queries.sheet_for("dinas-lain", 2026) is None

    # the evaluator's sheet shows the unit's answer and its evidence link
    await make_user("evaluator4", "evaluator")
    await login(client, "evaluator4")
    page = html(await client.get("/staf/evaluasi/dinas-eval/2026"))
    card = page.find("article", id="indikator-10")
    assert card.find("a", href="https://contoh.go.id/sk-jam.pdf")
    # unit admins cannot open the evaluator pages
    await login(client, "admin.lain")
    assert (await client.get("/staf/evaluasi/dinas-eval/2026")).status_code == 403


async def test_exports_open_and_read_back(client):
    await unit_with_complaints()
    await make_user("evaluator5", "evaluator")
    await login(client, "evaluator5")
    assert (await client.get("/staf/evaluasi/dinas-eval/2026.xlsx")).status_code == 404
    await post_form(client, "/staf/evaluasi/dinas-eval/2026/tarik", {})
    view = await queries.sheet_for("dinas-eval", 2026)

    xlsx = await client.get("/staf/evaluasi/dinas-eval/2026.xlsx")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content))["F-02"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    row_28 = next(r for r in rows if r[1] == "28.e.Ak")
    assert row_28[5] == view.indicator_view(28).row["suggested_score"]
    assert any(r[0] == "IPP" and r[1] == float(view.index.combined) for r in rows)

    text = (await client.get("/staf/evaluasi/dinas-eval/2026.csv")).content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][1] == "Kode"
    assert next(r for r in table if r[1] == "1.a.Ak")[5] == str(view.indicator_view(1).row["suggested_score"])

    pdf = await client.get("/staf/evaluasi/dinas-eval/2026.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Dinas Evaluasi" in text and "28.e.Ak" in text
    assert f"IPP {float(view.index.combined)}" in " ".join(text.split())
    assert (await client.get("/staf/evaluasi/dinas-eval/2026.exe")).status_code == 404


async def test_dashboard_table_and_chart(client):
    await unit_with_complaints()
    await make_user("evaluator6", "evaluator")
    await login(client, "evaluator6")
    await post_form(client, "/staf/evaluasi/dinas-eval/2026/tarik", {})
    page = html(await client.get("/staf/evaluasi?tahun=2026"))
    link = page.find("a", href="/staf/evaluasi/dinas-eval/2026")
    assert link and link.get_text() == "Dinas Evaluasi"
    empty_year = await client.get("/staf/evaluasi?tahun=2019")
    assert empty_year.status_code == 200 and html(empty_year).find("a", href="/staf/evaluasi/dinas-eval/2026")
    assert (await client.get("/staf/evaluasi?tahun=abc")).status_code == 400
    assert (await client.get("/staf/evaluasi/buka?unit=tidak-ada&tahun=2026")).status_code == 404
    chart = await client.get("/staf/evaluasi/grafik.svg?tahun=2026")
    assert chart.headers["content-type"].startswith("image/svg+xml")
    assert b"<script" not in chart.content and b"Dinas Evaluasi" in chart.content


async def test_api_requires_a_valid_token_and_returns_the_sheet(client):
    unit = await unit_with_complaints()
    assessment = await services.get_or_create_assessment(unit, 2026)
    await services.pull_portal_data(assessment["id"])
    assert (await client.get("/api/v1/evaluation/units")).status_code == 401
    assert (await client.get("/api/v1/evaluation/units", headers={"Authorization": "Bearer nope"})).status_code == 401
    token = await tokens.create_token("alat-evaluator")
    auth = {"Authorization": f"Bearer {token}"}

    listing = await client.get("/api/v1/evaluation/units", headers=auth)
    assert listing.status_code == 200
    unit_entry = next(u for u in listing.json()["items"] if u["slug"] == "dinas-eval")
    assert unit_entry["assessments"][0]["year"] == 2026

    detail = (await client.get("/api/v1/evaluation/units/dinas-eval/2026", headers=auth)).json()
    ind_28 = next(i for i in detail["indicators"] if i["no"] == 28)
    assert ind_28["auto_figure"]["received"] == 4 and ind_28["suggested_score"] == 2
    assert any(e["url"].startswith("/staf/pengaduan") for e in ind_28["evidence"])
    assert detail["evaluator_weight"] == 0.75 and detail["combination_status"] == "unconfirmed"
    assert (await client.get("/api/v1/evaluation/units/dinas-eval/2019", headers=auth)).status_code == 404

    await tokens.revoke_token("alat-evaluator")
    revoked = await client.get("/api/v1/evaluation/units", headers=auth)
    assert revoked.status_code == 403 and revoked.json()["status_code"] == 403

    schema = (await client.get("/schema/openapi.json")).json()
    operation = schema["paths"]["/api/v1/evaluation/units/{slug}/{year}"]["get"]
    assert {"200", "401", "403", "404"} <= set(operation["responses"])
