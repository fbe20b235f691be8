"""Charts drawn by pygal as static SVG images (portal.reports: no scripts, the portal's colours), served
with image/svg+xml from a route, each shown next to a data table."""

from __future__ import annotations

from collections.abc import Sequence

import pygal

from portal import reports
from surveys.results import Result

# Drawn small (560 wide), so the text is large enough to stay legible when a phone shrinks the image.
STYLE = reports.chart_style(label_size=18, value_size=15, title_size=22)
COMMON = reports.chart_options(STYLE, disable_xml_declaration=False, width=560, height=520)


def unsur_bars(result: Result, title: str) -> bytes:
    """Bars labelled U1..U9 (the names are in the data table shown next to the chart)."""
    chart = pygal.Bar(title=title, range=(0, 4), **COMMON)
    chart.x_labels = [row.code.upper() for row in result.unsur]
    chart.add("NRR", [float(row.nrr) if row.nrr is not None else None for row in result.unsur])
    return reports.static_svg(chart)


def ikm_trend(points: Sequence[tuple[str, float | None]], title: str) -> bytes:
    chart = pygal.Line(title=title, range=(25, 100), dots_size=5, **COMMON)
    chart.x_labels = [label for label, _value in points]
    chart.add("IKM", [value for _label, value in points])
    return reports.static_svg(chart)
