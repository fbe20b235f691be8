"""Charts drawn by pygal as static SVG images: no scripts (js=[] and the config script removed),
served with image/svg+xml from a route, each shown next to a data table."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pygal
from pygal.style import Style

from surveys.results import Result

SCRIPT_RE = re.compile(r"<script\b.*?</script>", re.DOTALL)

STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#4a4a4a",
    colors=("#0b4f8a", "#a1141c", "#0f5f2e"),
    font_family="DejaVu Sans, Arial, sans-serif",
    label_font_size=18,
    major_label_font_size=18,
    value_font_size=15,
    title_font_size=22,
)

COMMON = {
    "js": [],
    "style": STYLE,
    "show_legend": False,
    "print_values": True,
    "disable_xml_declaration": False,
    "tooltip_fancy_mode": False,
    "width": 560,  # drawn small, so the text stays legible when a phone shrinks the image
    "height": 520,
}


def _static_svg(chart: pygal.graph.graph.Graph) -> bytes:
    """pygal still writes a config <script>; an image needs none, so it is removed."""
    return SCRIPT_RE.sub("", chart.render(is_unicode=True)).encode()


def unsur_bars(result: Result, title: str) -> bytes:
    """Bars labelled U1..U9 (the names are in the data table shown next to the chart)."""
    chart = pygal.Bar(title=title, range=(0, 4), value_formatter=lambda v: f"{v:.2f}", **COMMON)
    chart.x_labels = [row.code.upper() for row in result.unsur]
    chart.add("NRR", [float(row.nrr) if row.nrr is not None else None for row in result.unsur])
    return _static_svg(chart)


def ikm_trend(points: Sequence[tuple[str, float | None]], title: str) -> bytes:
    chart = pygal.Line(title=title, range=(25, 100), value_formatter=lambda v: f"{v:.2f}", dots_size=5, **COMMON)
    chart.x_labels = [label for label, _value in points]
    chart.add("IKM", [value for _label, value in points])
    return _static_svg(chart)
