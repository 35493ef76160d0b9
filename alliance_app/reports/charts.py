"""The report's charts (reportlab.graphics), with the CJK font set on every label and legend."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from alliance_app.reports.styles import CHART_COLOURS, MUTED, PRIMARY, RULE, TEXT, ZEBRA


def _colour(hex_code: str) -> Any:
    from reportlab.lib import colors

    return colors.HexColor(hex_code)


LEGEND_SIZE = 8


def integer_axis(axis: Any, largest: float) -> None:
    """Whole-number ticks (counts have no fractions), at most about six of them."""
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000):
        step = candidate
        if largest / candidate <= 6:
            break
    axis.valueMin = 0
    axis.valueStep = step
    axis.valueMax = max(step, -(-int(largest) // step) * step)


def _legend(font: str, pairs: Sequence[tuple[str, str]], x: float, y: float, columns: int | None = None) -> Any:
    from reportlab.graphics.charts.legends import Legend

    legend = Legend()
    legend.fontName = font
    legend.fontSize = LEGEND_SIZE
    legend.x, legend.y = x, y
    legend.alignment = "right"
    legend.boxAnchor = "nw"
    legend.dx = legend.dy = 7
    legend.deltay = 12
    legend.strokeWidth = 0
    legend.strokeColor = None
    legend.fillColor = _colour(TEXT)
    legend.colorNamePairs = [(_colour(c), name) for c, name in pairs]
    if columns:
        legend.columnMaximum = 1
        legend.deltax = 78
        legend.dxTextSpace = 4
        legend.variColumn = 1
    else:
        legend.columnMaximum = 12
    return legend


def stacked_bars(
    font: str,
    width: float,
    categories: Sequence[str],
    series: Sequence[Sequence[int]],
    series_names: Sequence[str],
) -> Any:
    """Horizontal stacked bars: one bar per category (e.g. domain), one segment per series (e.g. status)."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing

    bar_height = 15
    label_width = 118
    chart_height = bar_height * len(categories)
    drawing = Drawing(width, chart_height + 52)
    drawing.initialFontName = font
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 36
    chart.width, chart.height = width - label_width - 12, chart_height
    chart.data = [list(s) for s in series]
    chart.categoryAxis.categoryNames = list(categories)
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.reverseDirection = 1  # first category at the top
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.fillColor = _colour(TEXT)
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -5
    chart.categoryAxis.strokeColor = _colour(RULE)
    chart.categoryAxis.tickLeft = 0
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.labels.fillColor = _colour(MUTED)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.forceZero = 1
    chart.valueAxis.strokeColor = _colour(RULE)
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = _colour(ZEBRA)
    chart.valueAxis.gridStrokeWidth = 0.6
    chart.valueAxis.labelTextFormat = "%d"
    integer_axis(chart.valueAxis, max((sum(column) for column in zip(*series, strict=True)), default=0))
    chart.barWidth = bar_height * 0.62
    chart.groupSpacing = bar_height * 0.38
    chart.bars.strokeColor = None
    for i in range(len(series)):
        chart.bars[i].fillColor = _colour(CHART_COLOURS[i % len(CHART_COLOURS)])
    drawing.add(chart)
    pairs = [(CHART_COLOURS[i % len(CHART_COLOURS)], name) for i, name in enumerate(series_names)]
    drawing.add(_legend(font, pairs, label_width, 18, columns=len(pairs)))
    return drawing


def columns(font: str, width: float, height: float, categories: Sequence[str], values: Sequence[int]) -> Any:
    """Vertical bars with the value written above each bar."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing

    drawing = Drawing(width, height)
    drawing.initialFontName = font
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 26
    chart.width, chart.height = width - 40, height - 40
    chart.data = [list(values)]
    chart.categoryAxis.categoryNames = list(categories)
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.fillColor = _colour(TEXT)
    chart.categoryAxis.strokeColor = _colour(RULE)
    chart.categoryAxis.tickDown = 0
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.labels.fillColor = _colour(MUTED)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.strokeColor = _colour(RULE)
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = _colour(ZEBRA)
    integer_axis(chart.valueAxis, max(values, default=0))
    chart.bars[0].fillColor = _colour(PRIMARY)
    chart.bars.strokeColor = None
    chart.barWidth = 10
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7.5
    chart.barLabels.fillColor = _colour(TEXT)
    chart.barLabels.nudge = 6
    drawing.add(chart)
    return drawing


def pie(font: str, width: float, height: float, slices: Sequence[tuple[str, int]]) -> Any:
    """A doughnut of the shares with a legend of label and count beside it; an empty ring when all are zero.
    The ring shrinks when the legend's longest label needs the room (English labels are long)."""
    from reportlab.graphics.charts.doughnut import Doughnut
    from reportlab.graphics.shapes import Circle, Drawing, String
    from reportlab.pdfbase.pdfmetrics import stringWidth

    drawing = Drawing(width, height)
    drawing.initialFontName = font
    shown = [(name, n) for name, n in slices if n > 0]
    labels = [f"{name}  {n:,}" for name, n in shown]
    legend_width = max((stringWidth(label, font, LEGEND_SIZE) for label in labels), default=0) + 16
    size = max(60.0, min(height - 16, width - legend_width - 30))
    if shown:
        chart = Doughnut()
        chart.x, chart.y = 8, 8
        chart.width = chart.height = size
        chart.data = [n for _, n in shown]
        chart.innerRadiusFraction = 0.55
        chart.slices.strokeColor = _colour("#FFFFFF")
        chart.slices.strokeWidth = 1
        chart.slices.fontName = font
        chart.simpleLabels = 1
        chart.labels = None
        for i in range(len(shown)):
            chart.slices[i].fillColor = _colour(CHART_COLOURS[i % len(CHART_COLOURS)])
        drawing.add(chart)
    else:
        drawing.add(Circle(8 + size / 2, 8 + size / 2, size / 2, fillColor=_colour(ZEBRA), strokeColor=None))
    total = sum(n for _, n in slices)
    drawing.add(
        String(
            8 + size / 2,
            8 + size / 2 - 5,
            f"{total:,}",
            fontName=font,
            fontSize=14,
            textAnchor="middle",
            fillColor=_colour(PRIMARY),
        )
    )
    pairs = [(CHART_COLOURS[i % len(CHART_COLOURS)], label) for i, label in enumerate(labels)]
    drawing.add(_legend(font, pairs, size + 22, height - 10))
    return drawing


def progress_bar(font: str, width: float, share: float | None) -> Any:
    """A thin bar filled to the share of the goal (capped at the full width), with the percentage after it."""
    from reportlab.graphics.shapes import Drawing, Rect, String

    height = 14
    bar = width - 44
    drawing = Drawing(width, height)
    drawing.initialFontName = font
    drawing.add(Rect(0, 4, bar, 6, fillColor=_colour(ZEBRA), strokeColor=_colour(RULE), strokeWidth=0.4))
    if share is not None:
        filled = bar * max(0.0, min(share, 1.0))
        colour = "#3F8F6B" if share >= 1 else PRIMARY
        drawing.add(Rect(0, 4, filled, 6, fillColor=_colour(colour), strokeColor=None))
    label = "—" if share is None else f"{share * 100:.1f}%"
    drawing.add(String(bar + 5, 3.5, label, fontName=font, fontSize=8, fillColor=_colour(TEXT)))
    return drawing
