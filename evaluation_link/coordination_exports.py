"""The meeting pack for the Bagian Organisasi forum: aspect by aspect, which units are weak and what they
committed to, plus the units' figures and the heat map (`PACK_REPORT`, dispatched by portal.reports: XLSX
through portal.spreadsheets, PDF as a portal.reports.ReportPdf like the sheet's report)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill

from evaluation_link.coordination import CoordinationView, UnitRow, heat_level, heat_text
from evaluation_link.instrument import Aspect, Indicator, Instrument
from portal import reports, spreadsheets
from portal.i18n import N_, _, get_language

ACTION_STATUS_LABELS = {
    "planned": N_("direncanakan"),
    "in_progress": N_("berjalan"),
    "done": N_("selesai"),
    "verified": N_("terverifikasi"),
    "sent_back": N_("dikembalikan"),
}
# Heat-map fills (the XLSX cells also carry the value and the word, never the colour alone).
FILLS = {
    "heat-0": "7F0000",
    "heat-1": "C62828",
    "heat-2": "FB8C00",
    "heat-3": "FDD835",
    "heat-4": "7CB342",
    "heat-5": "2E7D32",
    "heat-none": "E0E0E0",
}
PACK_REPORT = reports.Report("pekppp-meeting-pack")


@dataclass
class WeakUnit:
    unit: UnitRow
    score: Decimal | None
    last_score: Decimal | None
    weak_indicators: list[tuple[Indicator, int | None]]
    commitments: list[dict[str, Any]]


@dataclass
class AspectSection:
    aspect: Aspect
    mean: Decimal | None
    last_mean: Decimal | None
    weak: list[WeakUnit]


@dataclass
class MeetingPack:
    view: CoordinationView
    sections: list[AspectSection]
    follow_up_available: bool


def _aspect_of_recommendation(rec: dict[str, Any], instrument: Instrument) -> str | None:
    """A recommendation names an indicator (number or code) or an aspect code."""
    for key in ("indicator_no", "indicator"):
        value = rec.get(key)
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            try:
                return instrument.indicator(int(value)).aspect
            except KeyError:
                pass
    code = rec.get("indicator_code") or rec.get("indicator") or ""
    for item in instrument.indicators:
        if code and item.code == code:
            return item.aspect
    aspect = rec.get("aspect")
    return aspect if isinstance(aspect, str) and aspect else None


def meeting_pack(view: CoordinationView, recommendations: list[dict[str, Any]]) -> MeetingPack:
    by_unit_aspect: dict[tuple[int, str | None], list[dict[str, Any]]] = {}
    for rec in recommendations:
        key = (rec.get("unit_id"), _aspect_of_recommendation(rec, view.instrument))
        by_unit_aspect.setdefault(key, []).append(rec)  # type: ignore[arg-type]
    sections = []
    for movement in view.aspects:
        code = movement.aspect.code
        weak = [
            WeakUnit(
                u,
                u.aspects.get(code),
                u.last_aspects.get(code),
                u.weak_indicators(view.instrument, code),
                by_unit_aspect.get((u.id, code), []),
            )
            for u in movement.weak_units
        ]
        sections.append(AspectSection(movement.aspect, movement.mean, movement.last_mean, weak))
    return MeetingPack(view, sections, view.follow_up_available)


def _dash(value: Any) -> str:
    return "–" if value is None or value == "" else str(value)


def _signed(value: Decimal | None) -> str:
    return "–" if value is None else f"{value:+.2f}"


def _actions_text(rec: dict[str, Any]) -> str:
    parts = []
    for action in rec.get("actions") or []:
        due = action.get("due_date") or action.get("due") or ""
        due = due.isoformat() if hasattr(due, "isoformat") else due
        status = _(ACTION_STATUS_LABELS.get(action.get("status", ""), action.get("status", "")))
        parts.append(
            " · ".join(
                str(p)
                for p in (
                    action.get("what", ""),
                    action.get("owner", ""),
                    due,
                    status,
                    _("lewat tenggat") if action.get("overdue") else "",
                )
                if p
            )
        )
    return "; ".join(parts)


def _commitment_lines(weak: WeakUnit) -> list[str]:
    lines = []
    for rec in weak.commitments:
        text = f"{rec.get('text', '')}"
        if rec.get("priority"):
            text += f" ({_('prioritas')})"
        actions = _actions_text(rec)
        lines.append(f"{text}: {actions}" if actions else text)
    return lines


def unit_rows(view: CoordinationView) -> tuple[list[str], list[list[Any]]]:
    aspects = view.instrument.scored_aspects
    header = [
        _("Unit"),
        _("Jenis"),
        _("Tahap"),
        _("Terlambat"),
        _("IPP"),
        _("Kategori"),
        *[f"{a.roman}" for a in aspects],
        _("IPP tahun lalu"),
        _("Perubahan"),
        _("Rencana"),
        _("Berjalan"),
        _("Selesai"),
        _("Terverifikasi"),
        _("Dikembalikan"),
        _("Lewat tenggat"),
    ]
    rows = []
    for u in view.units:
        rows.append(
            [
                u.name,
                u.unit_type,
                u.stage.label,
                _("ya") if u.stage.late else _("tidak"),
                float(u.ipp) if u.ipp is not None else "",
                u.category,
                *[float(u.aspects[a.code]) if u.aspects.get(a.code) is not None else "" for a in aspects],
                float(u.last_ipp) if u.last_ipp is not None else "",
                float(u.delta) if u.delta is not None else "",
                *[
                    u.follow_up.get(k, 0)
                    for k in ("planned", "in_progress", "done", "verified", "sent_back", "overdue")
                ],
            ]
        )
    return header, rows


@PACK_REPORT.writer("xlsx")
def to_xlsx(pack: MeetingPack) -> Any:
    view = pack.view
    language = get_language()
    workbook = spreadsheets.new_workbook()
    forum = workbook.active
    forum.title = "Forum"
    spreadsheets.append_row(forum, [_("PAKET RAPAT PEKPPP %(y)d · per aspek") % {"y": view.year}])
    forum["A1"].font = Font(bold=True, size=13)
    spreadsheets.append_row(
        forum,
        [
            _("Indeks ringkasan pemerintah (metode belum dikonfirmasi)"),
            float(view.summary) if view.summary is not None else "",
            view.method_label,
        ],
    )
    if not pack.follow_up_available:
        spreadsheets.append_row(forum, [_("Data tindak lanjut belum tersedia.")])
    forum.append([])
    spreadsheets.append_row(
        forum,
        [
            _("Aspek"),
            _("Rata-rata"),
            _("Tahun lalu"),
            _("Unit lemah"),
            _("Nilai aspek"),
            _("Indikator lemah"),
            _("Komitmen tindak lanjut"),
        ],
    )
    for cell in forum[forum.max_row]:
        cell.font = Font(bold=True)
    for section in pack.sections:
        title = f"{section.aspect.roman}. {section.aspect.title(language)}"
        spreadsheets.append_row(
            forum,
            [
                title,
                float(section.mean) if section.mean is not None else "",
                float(section.last_mean) if section.last_mean is not None else "",
                _("%(n)d unit") % {"n": len(section.weak)},
                "",
                "",
                "",
            ],
        )
        for cell in forum[forum.max_row]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDE7F2")
        for weak in section.weak:
            indicators = "; ".join(f"{i.no}. {i.code} ({_dash(s)})" for i, s in weak.weak_indicators)
            spreadsheets.append_row(
                forum,
                [
                    "",
                    "",
                    "",
                    weak.unit.name,
                    float(weak.score) if weak.score is not None else "",
                    indicators,
                    "\n".join(_commitment_lines(weak)) or _("belum ada komitmen"),
                ],
            )
    for column, width in zip("ABCDEFG", (40, 10, 10, 36, 10, 50, 70), strict=True):
        forum.column_dimensions[column].width = width
    for row in forum.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    units = workbook.create_sheet("Unit")
    header, rows = unit_rows(view)
    spreadsheets.append_row(units, header)
    for cell in units[1]:
        cell.font = Font(bold=True)
    for row in rows:
        spreadsheets.append_row(units, row)

    heat = workbook.create_sheet("Peta indikator")
    indicators = view.heat_indicators
    spreadsheets.append_row(heat, [_("Unit"), *[f"{i.no}. {i.code}" for i in indicators]])
    for u in view.assessed:
        spreadsheets.append_row(heat, [u.name, *[_dash(u.indicators.get(i.no)) for i in indicators]])
        for cell, ind in zip(heat[heat.max_row][1:], indicators, strict=True):
            score = u.indicators.get(ind.no)
            cell.fill = PatternFill("solid", fgColor=FILLS[heat_level(score)])
            if score is not None and score <= 1:
                cell.font = Font(color="FFFFFF", bold=True)
    spreadsheets.append_row(heat, [_("Rata-rata"), *[_dash(view.indicator_means.get(i.no)) for i in indicators]])
    spreadsheets.append_row(heat, [_("Keterangan"), *[heat_text(view.indicator_means.get(i.no)) for i in indicators]])
    return workbook


@PACK_REPORT.writer("pdf")
def to_pdf(pack: MeetingPack) -> reports.ReportPdf:
    view = pack.view
    language = get_language()
    pdf = reports.ReportPdf(orientation="L", page_numbers=True)
    family = pdf.report_font
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font(family, "B", 18)
    pdf.paragraph(10, _("Paket rapat PEKPPP %(y)d") % {"y": view.year})
    pdf.set_font(family, "", 12)
    summary = _dash(view.summary)
    pdf.paragraph(
        7,
        _("Indeks ringkasan pemerintah: %(v)s (%(m)s; metode belum dikonfirmasi)")
        % {"v": summary, "m": view.method_label},
    )
    pdf.paragraph(
        7,
        _("Unit dinilai: %(n)d dari %(t)d; terlambat: %(l)d")
        % {"n": len(view.assessed), "t": len(view.units), "l": view.late_count},
    )
    if not pack.follow_up_available:
        pdf.paragraph(7, _("Data tindak lanjut belum tersedia."))
    pdf.ln(3)
    pdf.set_font(family, "B", 12)
    pdf.paragraph(7, _("Nilai per aspek (rata-rata unit)"))
    pdf.set_font(family, "", 11)
    for section in pack.sections:
        pdf.paragraph(
            6,
            f"{section.aspect.roman}. {section.aspect.title(language)}: {_dash(section.mean)} "
            f"({_('tahun lalu')} {_dash(section.last_mean)}) · " + _("%(n)d unit lemah") % {"n": len(section.weak)},
        )
    for section in pack.sections:
        pdf.add_page()
        pdf.set_font(family, "B", 16)
        pdf.paragraph(9, f"{section.aspect.roman}. {section.aspect.title(language)}")
        pdf.set_font(family, "", 12)
        pdf.paragraph(
            7,
            _("Rata-rata unit %(m)s, tahun lalu %(l)s") % {"m": _dash(section.mean), "l": _dash(section.last_mean)},
        )
        if not section.weak:
            pdf.paragraph(7, _("Tidak ada unit lemah pada aspek ini."))
        for weak in section.weak:
            pdf.ln(2)
            pdf.set_font(family, "B", 12)
            pdf.paragraph(7, f"{weak.unit.name} · {_dash(weak.score)} ({_('tahun lalu')} {_dash(weak.last_score)})")
            pdf.set_font(family, "", 10)
            for ind, score in weak.weak_indicators:
                pdf.paragraph(5, f"   {ind.no}. {ind.code} {ind.title(language)}: {_dash(score)} ({heat_text(score)})")
            lines = _commitment_lines(weak)
            pdf.paragraph(5, "   " + _("Komitmen tindak lanjut:") + (" " + _("belum ada") if not lines else ""))
            for text in lines:
                pdf.paragraph(5, f"   - {text}")
    return pdf
