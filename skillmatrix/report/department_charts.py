"""The charts of a department report's PDF: the department's radar and the growth
report's small bar chart per category, in reportlab's own graphics.

Grey only: the bars of "then" are light grey and those of "now" black, so the charts
read the same on a grey-scale printer.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle
from reportlab.platypus.paragraph import Paragraph

from skillmatrix.report.department_tables import BarChart, Report
from skillmatrix.report.radar_chart import radar_drawing
from skillmatrix.report.styles import Styles

BAR_FILLS = (colors.Color(0.78, 0.78, 0.78), colors.Color(0.15, 0.15, 0.15), colors.Color(0.5, 0.5, 0.5))
SMALL_W, SMALL_H = 62 * mm, 42 * mm
PER_ROW = 4


def bar_drawing(chart: BarChart, font: str, width: float = SMALL_W, height: float = SMALL_H) -> Drawing:
    """Returns one small grouped bar chart with its title and legend."""
    d = Drawing(width, height)
    d.initialFontName = font  # else the renderer sets Helvetica, a font not embedded
    d.add(String(2, height - 9, chart.title, fontName=font, fontSize=8))
    bc = VerticalBarChart()
    bc.x, bc.y, bc.width, bc.height = 18, 22, width - 24, height - 38
    bc.data = [tuple(values) for _, values in chart.series]
    bc.categoryAxis.categoryNames = chart.labels
    bc.categoryAxis.labels.fontName = font
    bc.categoryAxis.labels.fontSize = 6.5
    bc.valueAxis.labels.fontName = font
    bc.valueAxis.labels.fontSize = 6.5
    bc.valueAxis.valueMin = 0
    top = max((v for _, values in chart.series for v in values), default=0)
    bc.valueAxis.valueMax = max(1, top)
    bc.barSpacing = 0.5
    bc.groupSpacing = 3
    for i in range(len(chart.series)):
        bc.bars[i].fillColor = BAR_FILLS[i % len(BAR_FILLS)]
        bc.bars[i].strokeColor = colors.black
        bc.bars[i].strokeWidth = 0.3
    d.add(bc)
    x = 18.0
    for i, (name, _) in enumerate(chart.series):
        d.add(
            Rect(
                x, 2, 7, 6, fillColor=BAR_FILLS[i % len(BAR_FILLS)], strokeColor=colors.black, strokeWidth=0.3
            )
        )
        d.add(String(x + 9, 2.5, name, fontName=font, fontSize=6.5))
        x += 14 + len(name) * 6.5
    return d


def chart_flowables(report: Report, font: str, st: Styles) -> list[Flowable]:
    """Returns the report's charts as flowables (nothing when it has none)."""
    out: list[Flowable] = []
    for title, radar in report.radars:
        out += [
            Spacer(1, 3 * mm),
            Paragraph(title, st.heading),
            radar_drawing(radar, font, value_label="平均"),
        ]
    if report.bars:
        cells = [bar_drawing(b, font) for b in report.bars]
        rows = [cells[i : i + PER_ROW] for i in range(0, len(cells), PER_ROW)]
        rows[-1] += [""] * (PER_ROW - len(rows[-1]))
        grid = Table(rows, colWidths=[SMALL_W + 4 * mm] * PER_ROW)
        grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        out += [Spacer(1, 3 * mm), grid]
    return out
