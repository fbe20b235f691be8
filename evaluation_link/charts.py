"""Server-side SVG charts (pygal) for the evaluator dashboard: no scripts, served as images and always
shown next to a data table with the same numbers."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pygal
from pygal.style import Style

SCRIPT_RE = re.compile(r"<script\b.*?</script>", re.DOTALL)

STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#4a4a4a",
    colors=("#0b4f8a", "#a1141c", "#0f5f2e", "#7a4f00", "#5b2a86"),
    font_family="DejaVu Sans, Arial, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=13,
    title_font_size=17,
)


def _svg(chart: pygal.graph.graph.Graph) -> bytes:
    return SCRIPT_RE.sub("", chart.render(is_unicode=True)).encode()


def ipp_bars(title: str, rows: Sequence[tuple[str, float]]) -> bytes:
    """Horizontal bars: one unit per bar, IPP 0–5."""
    chart = pygal.HorizontalBar(
        title=title,
        range=(0, 5),
        js=[],
        style=STYLE,
        show_legend=False,
        print_values=True,
        value_formatter=lambda v: f"{v:.2f}",
        width=800,
        height=max(240, 60 + 34 * len(rows)),
        tooltip_fancy_mode=False,
    )
    chart.x_labels = [label for label, _ in rows]
    chart.add("IPP", [value for _, value in rows])
    return _svg(chart)


def ipp_trend(title: str, years: Sequence[int], series: Sequence[tuple[str, Sequence[float | None]]]) -> bytes:
    """One line per unit across years (comparing periods)."""
    chart = pygal.Line(
        title=title,
        range=(0, 5),
        js=[],
        style=STYLE,
        show_legend=True,
        legend_at_bottom=True,
        value_formatter=lambda v: f"{v:.2f}",
        width=800,
        height=420,
        dots_size=4,
        tooltip_fancy_mode=False,
    )
    chart.x_labels = [str(y) for y in years]
    for label, values in series:
        chart.add(label, list(values))
    return _svg(chart)
