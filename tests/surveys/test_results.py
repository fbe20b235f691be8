"""Results computed in the database, the public results page, charts and exports."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from surveys import queries
from surveys.errors import SurveyError
from surveys.responses import ParsedResponse
from surveys.results import combined_result, period_result
from surveys.services import followup as followup_service
from surveys.services import periods as period_service
from surveys.services.responses import record_response
from tests.helpers import html, make_unit
from tests.surveys.factories import add_responses, make_period, make_service

MIXED = [
    [4, 4, 4, 4, 4, 4, 4, 4, 4],
    [3, 3, 3, 3, 3, 3, 3, 3, 3],
    [2, 3, 3, 2, 3, 4, 4, 3, 2],
    [3, 3, 4, 3, 2, 3, 4, 3, 3],
]


async def published_unit_with_answers() -> tuple[int, dict]:
    unit_id = await make_unit("disdukcapil", "Dinas Kependudukan")
    ktp = await make_service(unit_id, "ktp-el", "Penerbitan KTP-el")
    kk = await make_service(unit_id, "kk", "Kartu Keluarga")
    period = await make_period(unit_id, population=5)
    await add_responses(period, MIXED[:2], service_id=ktp)
    await add_responses(period, MIXED[2:], service_id=kk)
    await period_service.issue_tokens(period["id"], 3)
    await followup_service.set_publication(period["id"], published=True, report_date=None, accepting=True, actor=None)
    return unit_id, await queries.get_period(period["id"])


async def test_period_result_matches_the_hand_computation(db) -> None:
    _unit_id, period = await published_unit_with_answers()
    result = await period_result(period)
    assert result.responses == 4
    assert result.konversi == Decimal("81.25") and result.mutu == ("B", "Baik")
    assert result.required_sample == 5 and result.adequate is False
    assert [u.code for u in result.lowest] == ["u1", "u4", "u5"]
    by_service = {s["service"]: s["konversi"] for s in result.per_service}
    # KTP-el: all-4 and all-3 answers -> 3.5 -> 87.50; KK: answer sums 5,6,7,5,5,7,8,6,5 -> 54/2/9 = 3 -> 75.00
    assert by_service["Penerbitan KTP-el"] == Decimal("87.50")
    assert by_service["Kartu Keluarga"] == Decimal("75.00")


async def test_rounded_weighting_is_a_setting_and_is_stated(db, monkeypatch: pytest.MonkeyPatch) -> None:
    _unit_id, period = await published_unit_with_answers()
    monkeypatch.setenv("PORTAL_SKM_WEIGHTING", "0.111")
    result = await period_result(period)
    assert result.konversi == Decimal("81.17")
    assert "0,111" in result.convention_text()


async def test_added_unsur_with_custom_weights_in_the_database(db) -> None:
    unit_id = await make_unit()
    period = await make_period(unit_id)
    await period_service.add_extra_unsur(period["id"], name="Kebersihan", question="Bagaimana kebersihan ruang tunggu?")
    with pytest.raises(SurveyError):
        await period_service.set_weights(period["id"], {f"u{i}": "0.1" for i in range(1, 10)})
    await period_service.set_weights(period["id"], {f"u{i}": "0.09" for i in range(1, 10)} | {"x1": "0.19"})
    period = await queries.get_period(period["id"])
    [extra] = await queries.extra_unsur(period["id"])
    for value in (1, 2):
        await record_response(
            period,
            ParsedResponse(answers={f"u{i}": 3 for i in range(1, 10)}, extra={extra["id"]: value}),
            channel="paper",
        )
    result = await period_result(period)
    assert result.konversi == Decimal("67.88") and result.mutu[0] == "C"
    assert result.unsur[-1].name == "Kebersihan" and result.unsur[-1].lowest
    with pytest.raises(SurveyError):  # the questionnaire is frozen once answers exist
        await period_service.add_extra_unsur(period["id"], name="Parkir", question="Parkir?")


async def test_year_result_pools_the_periods(db) -> None:
    unit_id = await make_unit()
    first = await make_period(unit_id, population=10, period_type="semester")
    second = await make_period(unit_id, population=10, period_type="semester")
    await add_responses(first, [[4] * 9])
    await add_responses(second, [[2] * 9, [3] * 9])
    result = await combined_result([first, second])
    assert result.responses == 3 and result.konversi == Decimal("75.00") and result.population == 20


async def test_public_results_page_shows_ikm_adequacy_lowest_and_tables(client) -> None:
    _unit_id, period = await published_unit_with_answers()
    page = await client.get("/survei/hasil/disdukcapil")
    assert page.status_code == 200
    doc = html(page)
    assert doc.select_one(".ikm-value").text == "81.25"
    assert "Belum memadai" in doc.select_one(".sample-adequacy").text
    assert "1/9" in doc.text or "tepat" in doc.select_one(".weighting").text
    lowest = [row.th.text.split()[0] for row in doc.select(".unsur-table tr.lowest")]
    assert lowest == ["U1", "U4", "U5"]
    assert len(doc.select(".unsur-table tbody tr")) == 9
    assert doc.select_one(f"img[src='/survei/hasil/disdukcapil/grafik/unsur-{period['id']}.svg']")
    assert "81.25" in doc.select_one(".trend-table").text


async def test_unpublished_period_is_not_public(client) -> None:
    unit_id = await make_unit("dinsos", "Dinas Sosial")
    period = await make_period(unit_id)
    await add_responses(period, [[4] * 9])
    page = await client.get("/survei/hasil/dinsos")
    assert "belum mempublikasikan" in page.text
    assert (await client.get(f"/survei/hasil/dinsos/{period['id']}.csv")).status_code == 404
    assert (await client.get(f"/survei/hasil/dinsos/grafik/unsur-{period['id']}.svg")).status_code == 404


async def test_charts_are_static_svg_without_scripts(client) -> None:
    _unit_id, period = await published_unit_with_answers()
    for name in (f"unsur-{period['id']}.svg", "tren.svg"):
        response = await client.get(f"/survei/hasil/disdukcapil/grafik/{name}")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("image/svg+xml")
        assert "<svg" in response.text and "<script" not in response.text
    assert ">U9<" in (await client.get(f"/survei/hasil/disdukcapil/grafik/unsur-{period['id']}.svg")).text


async def test_exports_have_the_answers_but_no_personal_data(client) -> None:
    _unit_id, period = await published_unit_with_answers()
    from surveys.tables import SurveyResponse, SurveyToken

    await SurveyResponse.update({SurveyResponse.suggestion: "Nama saya Budi, 0812345"}, force=True)
    codes = [t["code"] for t in await SurveyToken.select(SurveyToken.code)]
    base = f"/survei/hasil/disdukcapil/{period['id']}"

    csv_response = await client.get(base + ".csv")
    assert csv_response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["no", "tanggal", "layanan", "kanal", "u1"]
    assert len(rows) == 5 and rows[3][4:13] == ["2", "3", "3", "2", "3", "4", "4", "3", "2"]

    xlsx = await client.get(base + ".xlsx")
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook["Jawaban"].max_row == 5
    summary = [row for row in workbook["Ringkasan"].iter_rows(values_only=True) if row[0] == "IKM (25-100)"]
    assert summary[0][1] == 81.25

    pdf = await client.get(base + ".pdf")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    for body in (csv_response.content, xlsx.content, pdf.content):
        assert b"Budi" not in body and not any(code.encode() in body for code in codes)
    assert (await client.get(f"/survei/hasil/disdukcapil/{period['id']}.exe")).status_code == 404


async def test_published_period_without_answers_renders_without_errors(client) -> None:
    unit_id = await make_unit("dlh", "Dinas Lingkungan Hidup")
    period = await make_period(unit_id, population=50)
    await period_service.update_period(period["id"], published=True)
    page = await client.get("/survei/hasil/dlh")
    assert page.status_code == 200 and "Belum ada jawaban" in page.text
    assert "sampel minimal 44" in page.text
    for name in (f"unsur-{period['id']}.svg", "tren.svg"):
        assert (await client.get(f"/survei/hasil/dlh/grafik/{name}")).status_code == 200
    for extension in ("pdf", "xlsx", "csv"):
        assert (await client.get(f"/survei/hasil/dlh/{period['id']}.{extension}")).status_code == 200
    api = (await client.get("/api/v1/skm/units/dlh/results")).json()
    assert api["periods"][0]["ikm"] is None and api["periods"][0]["required_sample"] == 44
