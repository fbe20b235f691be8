"""portal.reports: one registry of export formats (media type, extension, bytes), reports as writers per
format, the report PDF's fonts and the charts' style. A new format is registered in one place and every
export route that dispatches through a report serves it without a change to any controller."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from evaluation_link import coordination_exports
from evaluation_link import exports as pekppp_exports
from portal import reports
from surveys import charts as skm_charts
from surveys import exports as skm_exports
from surveys.services import followup as followup_service
from tests.helpers import make_unit
from tests.surveys.factories import make_period


def test_the_formats_are_one_registry() -> None:
    assert {name: (f.media_type, f.extension) for name, f in reports.FORMATS.items()} == {
        "csv": ("text/csv; charset=utf-8", "csv"),
        "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        "pdf": ("application/pdf", "pdf"),
    }
    assert skm_exports.SKM_REPORT.formats == ("csv", "xlsx", "pdf")
    assert set(pekppp_exports.SHEET_REPORT.formats) == {"csv", "xlsx", "pdf"}
    assert set(coordination_exports.PACK_REPORT.formats) == {"xlsx", "pdf"}


def test_a_writer_for_an_unknown_format_is_refused() -> None:
    with pytest.raises(KeyError, match=r"portal\.reports"):
        reports.Report("uji").writer("ods")


def test_csv_goes_through_the_formula_neutralisation() -> None:
    assert reports.FORMATS["csv"].to_bytes([["=1+1", -5]]) == "\ufeff'=1+1,-5\r\n".encode()


async def test_a_new_format_is_registered_in_one_place(client, monkeypatch) -> None:
    """Registering the format (portal.reports) and a writer for the report (the domain's exports module) is
    all it takes: the existing public SKM export route serves it."""
    json_format = reports.ExportFormat("json", "application/json", "json", lambda rows: json.dumps(rows).encode())
    monkeypatch.setitem(reports.FORMATS, "json", json_format)

    async def skm_json(period):
        header, rows = await skm_exports.raw_rows(period)
        return [dict(zip(header, row, strict=True)) for row in rows]

    monkeypatch.setitem(skm_exports.SKM_REPORT.writers, "json", skm_json)
    unit_id = await make_unit("dinas-format", "Dinas Format")
    period = await make_period(unit_id, population=5)
    await followup_service.set_publication(period["id"], published=True, report_date=None, accepting=True, actor=None)

    response = await client.get(f"/survei/hasil/dinas-format/{period['id']}.json")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["content-disposition"] == f'attachment; filename="skm-dinas-format-{period["id"]}.json"'
    assert response.json() == []
    monkeypatch.delitem(skm_exports.SKM_REPORT.writers, "json")
    assert (await client.get(f"/survei/hasil/dinas-format/{period['id']}.json")).status_code == 404


def test_report_pdf_embeds_dejavu_and_numbers_pages() -> None:
    pdf = reports.ReportPdf(page_numbers=True)
    pdf.add_page()
    pdf.set_font(pdf.report_font, "", 11)
    pdf.paragraph(6, "Skala 25–100 · ĀĒ")
    reader = PdfReader(io.BytesIO(reports.FORMATS["pdf"].to_bytes(pdf)))
    text = reader.pages[0].extract_text()
    assert "25–100" in text and text.strip().endswith("1")


def test_report_pdf_without_the_font_files_folds_to_latin1(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(reports, "FONT_DIR", tmp_path)
    pdf = reports.ReportPdf()
    assert pdf.report_font == reports.CORE_FONT
    pdf.add_page()
    pdf.set_font(pdf.report_font, "", 11)
    pdf.paragraph(6, "Skala 25–100 · ĀĒ")
    text = PdfReader(io.BytesIO(bytes(pdf.output()))).pages[0].extract_text()
    assert "25-100" in text


def test_charts_share_the_style_and_carry_no_script() -> None:
    svg = skm_charts.ikm_trend([("2025", 80.0), ("2026", 85.5)], "Tren").decode()
    assert "<script" not in svg and "85.50" in svg
    assert skm_charts.STYLE.colors == reports.CHART_COLORS
    assert skm_charts.STYLE.font_family == reports.CHART_FONT
