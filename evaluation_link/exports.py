"""Exports of one unit's evaluation sheet (`SHEET_REPORT`, dispatched by portal.reports): XLSX laid out like
the F-02 sheet, CSV, and a PDF report."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill

from evaluation_link.instrument import unconfirmed_items
from evaluation_link.presentation import figure_items
from evaluation_link.queries.assessments import SheetView
from portal import reports, spreadsheets
from portal.i18n import N_, _, get_language

HEADERS = (
    N_("No"),
    N_("Kode"),
    N_("Aspek/Indikator"),
    N_("Bobot"),
    N_("Data portal"),
    N_("Skor usulan"),
    N_("Skor mandiri (F-01)"),
    N_("Skor evaluator (F-02)"),
    N_("Skor dipakai"),
    N_("Nilai tertimbang"),
    N_("Alasan koreksi"),
    N_("Bukti dukung"),
)
SHEET_REPORT = reports.Report("pekppp-sheet")


def _score(value: Any) -> Any:
    return "" if value is None else value


def _dash(value: Any) -> str:
    return "-" if value is None else str(value)


def sheet_rows(view: SheetView) -> list[list[Any]]:
    """Rows in F-02 order: an aspect header row, then its indicators."""
    language = get_language()
    rows: list[list[Any]] = []
    for aspect, indicators, aspect_score in view.aspects:
        rows.append(
            [
                "",
                aspect.roman,
                aspect.title(language),
                float(aspect.weight),
                "",
                "",
                "",
                "",
                "",
                float(aspect_score) if aspect_score is not None else "",
                "",
                "",
            ]
        )
        for item in indicators:
            ind, row = item.indicator, item.row
            figure = "; ".join(f"{label}: {value}" for label, value in figure_items(row["auto_figure"]))
            links = [e.get("url", "") for e in (row["auto_evidence"] or []) + (row["evidence"] or [])]
            weighted = (Decimal(item.effective or 0) * Decimal(str(ind.weight))).quantize(Decimal("0.01"))
            rows.append(
                [
                    ind.no,
                    ind.code,
                    ind.title(language),
                    float(ind.weight),
                    figure,
                    _score(row["suggested_score"]),
                    _score(row["self_score"]),
                    _score(row["evaluator_score"]),
                    _score(item.effective),
                    float(weighted),
                    row["override_reason"],
                    " ".join(links),
                ]
            )
    return rows


def summary_rows(view: SheetView) -> list[tuple[str, Any]]:
    index = view.index
    return [
        (_("Unit"), view.unit["name"]),
        (_("Tahun"), view.assessment["year"]),
        (_("Instrumen"), view.instrument.version),
        (_("Status"), view.assessment["status"]),
        (_("Indeks F-02 (evaluator)"), float(index.f02)),
        (_("Nilai F-03 (pengguna)"), float(index.f03) if index.f03 is not None else ""),
        *f03_rows(view),
        (_("IPP"), float(index.combined)),
        (_("Kategori"), f"{index.band.category} ({index.band.title(get_language())})"),
        (_("Belum terkonfirmasi"), "; ".join(unconfirmed_items(view.instrument, get_language()))),
    ]


def f03_rows(view: SheetView) -> list[tuple[str, Any]]:
    """Where the F-03 comes from: the questionnaire's respondents against the required sample, or the
    evaluator's typed value with its reason."""
    collected = view.assessment.get("f03_result")
    rows: list[tuple[str, Any]] = []
    if collected is not None:
        sample = f"{collected.respondents} / {collected.required}"
        if collected.score is not None and collected.too_small:
            note = _("sampel terlalu kecil")
            sample += f" ({note})"
        rows.append((_("Responden F-03 / minimal"), sample))
    if view.assessment.get("f03_score") is not None:
        rows.append((_("Alasan nilai F-03 diketik"), view.assessment.get("f03_override_reason", "")))
    return rows


@SHEET_REPORT.writer("xlsx")
def to_xlsx(view: SheetView) -> Any:
    workbook = spreadsheets.new_workbook()
    sheet = workbook.active
    sheet.title = "F-02"
    title = view.instrument.title.get("id", view.instrument.version)
    spreadsheets.append_row(sheet, [f"LEMBAR PENILAIAN F-02 · {title}"])
    sheet["A1"].font = Font(bold=True, size=13)
    for label, value in summary_rows(view):
        spreadsheets.append_row(sheet, [label, value])
    sheet.append([])
    header_row = sheet.max_row + 1
    spreadsheets.append_row(sheet, [_(h) for h in HEADERS])
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F2")
    for row in sheet_rows(view):
        spreadsheets.append_row(sheet, row)
        if row[0] == "":
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHIJKL", (5, 9, 48, 8, 60, 9, 11, 11, 9, 10, 40, 50), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=header_row):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    levels = workbook.create_sheet("Kriteria")
    spreadsheets.append_row(levels, ["No", "Kode", "Indikator", "0", "1", "2", "3", "4", "5", "Bukti dukung", "Status"])
    for ind in view.instrument.indicators:
        spreadsheets.append_row(
            levels, [ind.no, ind.code, ind.title(get_language()), *ind.levels, "; ".join(ind.evidence), ind.status]
        )
    return workbook


@SHEET_REPORT.writer("csv")
def to_csv(view: SheetView) -> list[list[Any]]:
    summary = [["", "", label, "", "", "", "", "", "", value, "", ""] for label, value in summary_rows(view)]
    return [[_(h) for h in HEADERS], *sheet_rows(view), *summary]


@SHEET_REPORT.writer("pdf")
def to_pdf(view: SheetView) -> reports.ReportPdf:
    pdf = reports.ReportPdf(orientation="P", page_numbers=True)
    family = pdf.report_font
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font(family, "B", 14)
    pdf.paragraph(7, _("Laporan PEKPPP") + f" · {view.unit['name']} · {view.assessment['year']}")
    pdf.set_font(family, "", 10)
    for label, value in summary_rows(view):
        pdf.cell(60, 6, str(label))
        pdf.multi_cell(0, 6, str(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    language = get_language()
    score_labels = [(_("usulan"), "suggested_score"), (_("mandiri"), "self_score"), (_("evaluator"), "evaluator_score")]
    reason_label = _("Alasan koreksi")
    for aspect, indicators, aspect_score in view.aspects:
        pdf.set_font(family, "B", 11)
        weight_label, score_label = _("bobot"), _("nilai aspek")
        pdf.paragraph(
            6,
            f"{aspect.roman}. {aspect.title(language)} · {weight_label} {aspect.weight:.0%} · "
            f"{score_label} {_dash(aspect_score)}",
        )
        pdf.set_font(family, "", 9)
        for item in indicators:
            ind, row = item.indicator, item.row
            scores = " · ".join(f"{label} {_dash(row[key])}" for label, key in score_labels)
            pdf.paragraph(5, f"{ind.no}. {ind.code} {ind.title(language)} ({ind.weight:.0%}) — {scores}")
            if row["suggestion_reason"]:
                pdf.paragraph(5, f"   {row['suggestion_reason']}")
            if row["override_reason"]:
                pdf.paragraph(5, f"   {reason_label}: {row['override_reason']}")
        pdf.ln(2)
    return pdf
