"""Exports of a period (`SKM_REPORT`, dispatched by portal.reports): raw responses (CSV, XLSX) without
personal data, and the printable PDF report.

Raw exports carry no token, device, staff id, exact time or free-text suggestion (which may contain
names): only the date, service, channel, answers and profile bands."""

from __future__ import annotations

from typing import Any

from portal import reports, spreadsheets
from portal.formatting import long_date
from portal.i18n import _
from surveys.queries import actions_for, extra_unsur
from surveys.questionnaire import STANDARD_CODES
from surveys.results import Result, period_result
from surveys.tables import SurveyExtraAnswer, SurveyResponse

PROFILE_COLUMNS = ("age_band", "sex", "education", "occupation")
SKM_REPORT = reports.Report("skm")


async def raw_rows(period: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    extras = await extra_unsur(period["id"])
    header = [
        "no",
        "tanggal",
        "layanan",
        "kanal",
        *STANDARD_CODES,
        *(e["code"] for e in extras),
        *PROFILE_COLUMNS,
        "dikarantina",
    ]
    rows = (
        await SurveyResponse.select(
            SurveyResponse.id,
            SurveyResponse.submitted_at,
            SurveyResponse.service.name.as_alias("service_name"),
            SurveyResponse.channel,
            SurveyResponse.held,
            *(getattr(SurveyResponse, c) for c in STANDARD_CODES),
            *(getattr(SurveyResponse, c) for c in PROFILE_COLUMNS),
        )
        .where(SurveyResponse.period == period["id"])
        .order_by(SurveyResponse.id)
    )
    extra_values: dict[tuple[int, str], int] = {}
    if extras:
        for answer in await SurveyExtraAnswer.select(
            SurveyExtraAnswer.response, SurveyExtraAnswer.unsur.code.as_alias("code"), SurveyExtraAnswer.value
        ).where(SurveyExtraAnswer.unsur.period == period["id"]):
            extra_values[(answer["response"], answer["code"])] = answer["value"]
    out = []
    for number, row in enumerate(rows, start=1):
        out.append(
            [
                number,
                row["submitted_at"].date().isoformat(),
                row["service_name"] or "",
                row["channel"],
                *(row[c] for c in STANDARD_CODES),
                *(extra_values.get((row["id"], e["code"])) for e in extras),
                *(row[c] for c in PROFILE_COLUMNS),
                1 if row["held"] else 0,
            ]
        )
    return header, out


@SKM_REPORT.writer("csv")
async def csv_rows(period: dict[str, Any]) -> list[list[Any]]:
    header, rows = await raw_rows(period)
    return [header, *rows]


def summary_rows(result: Result) -> list[list[Any]]:
    rows: list[list[Any]] = [["unsur", "nama", "jawaban", "NRR", "bobot", "NRR x 25", "mutu"]]
    for u in result.unsur:
        rows.append(
            [
                u.code,
                u.name,
                u.answers,
                float(u.nrr_rounded) if u.nrr is not None else None,
                u.weight_text,
                float(u.konversi) if u.konversi is not None else None,
                u.mutu,
            ]
        )
    rows.append([])
    rows.append(["IKM (1-4)", result.ikm4])
    rows.append(["IKM (25-100)", float(result.konversi) if result.konversi is not None else None])
    rows.append(["mutu", result.mutu[0] if result.mutu else None])
    rows.append(["bobot", result.convention_text()])
    rows.append([])
    rows.append([_("Responden menurut cara pengisian")])
    rows.extend([label, n] for label, n in result.mode_lines())
    return rows


@SKM_REPORT.writer("xlsx")
async def xlsx_workbook(period: dict[str, Any]) -> Any:
    result = await period_result(period)
    header, rows = await raw_rows(period)
    book = spreadsheets.new_workbook(write_only=True)
    answers = book.create_sheet("Jawaban")
    spreadsheets.append_row(answers, header)
    for row in rows:
        spreadsheets.append_row(answers, row)
    summary = book.create_sheet("Ringkasan")
    for row in summary_rows(result):
        spreadsheets.append_row(summary, row)
    return book


def _pdf_table(pdf: reports.ReportPdf, rows: list[list[Any]], widths: tuple[int, ...]) -> None:
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=6) as table:
        for row in rows:
            cells = table.row()
            for value in row:
                cells.cell(pdf.clean(value))


@SKM_REPORT.writer("pdf")
async def pdf_report(period: dict[str, Any]) -> reports.ReportPdf:
    result = await period_result(period)
    pdf = reports.ReportPdf()
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font(pdf.report_font, "B", 15)
    pdf.multi_cell(0, 8, pdf.clean(_("Laporan Survei Kepuasan Masyarakat")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.report_font, "", 11)
    lines = [
        period["unit.name"],
        f"{period['label']} ({long_date(period['start_date'])} – {long_date(period['end_date'])})",
        _("Tanggal laporan: %(d)s") % {"d": long_date(period["report_date"])},
        _("Jumlah responden: %(n)d") % {"n": result.responses},
    ]
    if result.required_sample is not None:
        lines.append(
            _("Populasi %(p)d; sampel minimal (Krejcie–Morgan) %(s)d; %(verdict)s")
            % {
                "p": result.population,
                "s": result.required_sample,
                "verdict": _("sampel memadai") if result.adequate else _("sampel belum memadai"),
            }
        )
    if result.ikm is not None:
        lines.append(
            _("IKM: %(ikm)s (skala 1–4) = %(k)s (skala 25–100), mutu %(m)s (%(label)s)")
            % {"ikm": result.ikm4, "k": result.konversi, "m": result.mutu[0], "label": _(result.mutu[1])}
        )
    lines.append(_("Konvensi bobot: %(c)s") % {"c": result.convention_text()})
    lines.append(
        _("Responden menurut cara pengisian: %(modes)s")
        % {"modes": "; ".join(f"{label} {n}" for label, n in result.mode_lines())}
    )
    for line in lines:
        pdf.multi_cell(0, 6, pdf.clean(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font(pdf.report_font, "B", 12)
    pdf.cell(0, 8, pdf.clean(_("Nilai per unsur")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.report_font, "", 9)
    rows = [[_("Unsur"), _("Jawaban"), "NRR", _("Bobot"), "NRR×25", _("Mutu")]]
    for u in result.unsur:
        mark = " *" if u.lowest else ""
        rows.append([f"{u.code.upper()} {u.name}{mark}", u.answers, u.nrr_rounded, u.weight_text, u.konversi, u.mutu])
    _pdf_table(pdf, rows, (70, 20, 20, 20, 25, 15))
    pdf.set_font(pdf.report_font, "", 9)
    pdf.multi_cell(0, 6, pdf.clean(_("* tiga unsur terendah, prioritas tindak lanjut")), new_x="LMARGIN", new_y="NEXT")
    if result.per_service:
        pdf.ln(2)
        pdf.set_font(pdf.report_font, "B", 12)
        pdf.cell(0, 8, pdf.clean(_("Per layanan")), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(pdf.report_font, "", 9)
        rows = [[_("Layanan"), _("Responden"), "IKM", _("Mutu")]]
        rows += [
            [s["service"], s["responses"], s["konversi"], s["mutu"][0] if s["mutu"] else "-"]
            for s in result.per_service
        ]
        _pdf_table(pdf, rows, (100, 30, 30, 20))
    actions = await actions_for([period["id"]])
    if actions:
        pdf.ln(2)
        pdf.set_font(pdf.report_font, "B", 12)
        pdf.cell(0, 8, pdf.clean(_("Rencana tindak lanjut")), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(pdf.report_font, "", 9)
        rows = [[_("Unsur"), _("Tindakan"), _("Penanggung jawab"), _("Target"), _("Selesai")]]
        rows += [
            [
                a["unsur_code"].upper(),
                a["action"],
                a["owner"],
                long_date(a["due_date"]),
                long_date(a["completed_on"]) if a["completed_on"] else "-",
            ]
            for a in actions
        ]
        _pdf_table(pdf, rows, (15, 75, 40, 30, 30))
    return pdf
