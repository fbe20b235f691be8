"""Exports and charts shared by every domain: the one registry of file formats, the report PDF (fonts), the
chart style.

* `FORMATS`: format name -> media type, file extension and how a writer's result becomes bytes. CSV rows and
  XLSX workbooks go through `portal.spreadsheets` (no cell can become a live formula); a PDF is a
  `ReportPdf`. Adding a format is one `register_format(...)` here plus a writer for each report that
  offers it; no controller names a format.
* `Report`: one exportable thing (the SKM period report, the PEKPPP sheet, the meeting pack) as a writer
  per format, registered in the domain's exports module with `@REPORT.writer("csv")`. Controllers ask
  `REPORT.offers(extension)` and return `await REPORT.response(extension, subject, filename=...)`.
* `ReportPdf`: A4 with DejaVu Sans (Unicode) when installed, else the core font with the text folded to
  Latin-1; optional page numbers.
* `chart_style()`, `chart_options()`, `static_svg()`: pygal charts as script-free SVG images in the
  portal's colours, always shown next to a data table with the same numbers.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygal
from fpdf import FPDF
from litestar.response import Response
from pygal.style import Style

from portal import spreadsheets

# --- formats ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportFormat:
    name: str
    media_type: str
    extension: str
    to_bytes: Callable[[Any], bytes]  # a writer's result (rows, workbook, PDF, ...) -> the file


FORMATS: dict[str, ExportFormat] = {}


def register_format(export_format: ExportFormat) -> ExportFormat:
    """Add (or replace) a format; reports offer it once they register a writer for it."""
    FORMATS[export_format.name] = export_format
    return export_format


def _csv(result: Iterable[Iterable[Any]]) -> bytes:
    """Rows (every cell neutralised by portal.spreadsheets), with a BOM so Excel reads UTF-8."""
    return spreadsheets.csv_text(result).encode("utf-8-sig")


def _xlsx(result: Any) -> bytes:  # an openpyxl workbook from spreadsheets.new_workbook()
    return spreadsheets.xlsx_bytes(result)


def _pdf(result: FPDF) -> bytes:
    return bytes(result.output())


register_format(ExportFormat("csv", "text/csv; charset=utf-8", "csv", _csv))
register_format(
    ExportFormat("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", _xlsx)
)
register_format(ExportFormat("pdf", "application/pdf", "pdf", _pdf))


class Report:
    """One exportable thing: a writer per format, each taking the subject (a period, a sheet, a pack) and
    returning what the format turns into bytes (rows for CSV, a workbook for XLSX, a ReportPdf for PDF).
    Writers may be coroutines."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.writers: dict[str, Callable[[Any], Any]] = {}

    def writer(self, format_name: str) -> Callable[[Callable[[Any], Any]], Callable[[Any], Any]]:
        if format_name not in FORMATS:
            raise KeyError(f"unknown export format {format_name!r} (register it in portal.reports)")

        def register(function: Callable[[Any], Any]) -> Callable[[Any], Any]:
            self.writers[format_name] = function
            return function

        return register

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(name for name in self.writers if name in FORMATS)

    def offers(self, format_name: str) -> bool:
        return format_name in self.writers and format_name in FORMATS

    async def render(self, format_name: str, subject: Any) -> bytes:
        result = self.writers[format_name](subject)
        if inspect.isawaitable(result):
            result = await result
        return FORMATS[format_name].to_bytes(result)

    async def response(
        self, format_name: str, subject: Any, *, filename: str, headers: dict[str, str] | None = None
    ) -> Response[bytes]:
        """The file as a download named `<filename>.<extension>`."""
        export_format = FORMATS[format_name]
        return Response(
            await self.render(format_name, subject),
            media_type=export_format.media_type,
            headers={
                "content-disposition": f'attachment; filename="{filename}.{export_format.extension}"',
                **(headers or {}),
            },
        )


# --- PDF ---------------------------------------------------------------------------------------------------------

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
REPORT_FONT = "report"
CORE_FONT = "helvetica"


class ReportPdf(FPDF):
    """A4 report with DejaVu Sans (regular and bold) as `self.report_font`; without the font files the core
    font is used and text is folded to Latin-1 ("–" becomes "-", other characters "?")."""

    def __init__(self, *, orientation: str = "P", page_numbers: bool = False) -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.page_numbers = page_numbers
        regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            self.add_font(REPORT_FONT, "", str(regular))
            self.add_font(REPORT_FONT, "B", str(bold))
            self.report_font = REPORT_FONT
        else:  # pragma: no cover - core font fallback (Latin-1 only)
            self.report_font = CORE_FONT

    def clean(self, value: Any) -> str:
        """A cell's text ("" for None)."""
        return "" if value is None else str(value)

    def normalize_text(self, text: str) -> str:
        if self.report_font == CORE_FONT:
            text = text.replace("–", "-").replace("—", "-").encode("latin-1", "replace").decode("latin-1")
        return super().normalize_text(text)

    def paragraph(self, height: float, text: str) -> None:
        """A paragraph the width of the page, then a new line."""
        self.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")

    def footer(self) -> None:
        if self.page_numbers:
            self.set_y(-12)
            self.set_font(self.font_family, size=8)
            self.cell(0, 8, f"{self.page_no()}", align="C")


# --- charts ------------------------------------------------------------------------------------------------------

SCRIPT_RE = re.compile(r"<script\b.*?</script>", re.DOTALL)
CHART_COLORS = ("#0b4f8a", "#a1141c", "#0f5f2e", "#7a4f00", "#5b2a86")
CHART_FONT = "DejaVu Sans, Arial, sans-serif"


def chart_style(*, label_size: int, value_size: int, title_size: int) -> Style:
    """The portal's chart colours on white, with text sizes for the size the chart is drawn at."""
    return Style(
        background="#ffffff",
        plot_background="#ffffff",
        foreground="#1a1a1a",
        foreground_strong="#1a1a1a",
        foreground_subtle="#4a4a4a",
        colors=CHART_COLORS,
        font_family=CHART_FONT,
        label_font_size=label_size,
        major_label_font_size=label_size,
        value_font_size=value_size,
        title_font_size=title_size,
    )


def two_decimals(value: float) -> str:
    return f"{value:.2f}"


def chart_options(style: Style, **options: Any) -> dict[str, Any]:
    """pygal options every chart shares (no scripts, values printed, plain tooltips), then `options`."""
    return {
        "js": [],
        "style": style,
        "show_legend": False,
        "print_values": True,
        "tooltip_fancy_mode": False,
        "value_formatter": two_decimals,
        **options,
    }


def static_svg(chart: pygal.graph.graph.Graph) -> bytes:
    """The chart as an image: pygal still writes a config <script>, which an image needs not, so it goes."""
    return SCRIPT_RE.sub("", chart.render(is_unicode=True)).encode()
