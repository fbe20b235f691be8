"""Server-side SVG charts (pygal) for the evaluator dashboard (portal.reports: no scripts, the portal's
colours), served as images and always shown next to a data table with the same numbers."""

from __future__ import annotations

from collections.abc import Sequence

import pygal

from portal import reports

STYLE = reports.chart_style(label_size=13, value_size=13, title_size=17)


def ipp_bars(title: str, rows: Sequence[tuple[str, float]]) -> bytes:
    """Horizontal bars: one unit per bar, IPP 0–5."""
    chart = pygal.HorizontalBar(
        title=title, range=(0, 5), **reports.chart_options(STYLE, width=800, height=max(240, 60 + 34 * len(rows)))
    )
    chart.x_labels = [label for label, _ in rows]
    chart.add("IPP", [value for _, value in rows])
    return reports.static_svg(chart)


def ipp_trend(title: str, years: Sequence[int], series: Sequence[tuple[str, Sequence[float | None]]]) -> bytes:
    """One line per unit across years (comparing periods)."""
    chart = pygal.Line(
        title=title,
        range=(0, 5),
        **reports.chart_options(STYLE, show_legend=True, legend_at_bottom=True, width=800, height=420, dots_size=4),
    )
    chart.x_labels = [str(y) for y in years]
    for label, values in series:
        chart.add(label, list(values))
    return reports.static_svg(chart)
