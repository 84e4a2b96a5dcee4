"""The radar chart (レーダーチャート) drawn with reportlab's own graphics.

One Drawing per chart: rings for レベル1–7, an axis per category in the categories'
order (the first up, then clockwise; see domain/radar.py), the person's levels (or the
department's average) as a grey filled polygon with a solid black edge, the department's
minimum as a dotted polygon and the target as a dashed one. Line styles, not colours,
tell the series apart, so the chart reads the same in grey-scale print. The résumé's
optional section `chart` and the department's `report --kind matrix` use it.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from skillmatrix.domain.department import TargetProfile, person_levels
from skillmatrix.domain.model import Category, Staff
from skillmatrix.domain.radar import TOP_LEVEL, Radar, format_value, person_radar, polygon
from skillmatrix.report.styles import Styles

LABEL_SIZE = 8
VALUE_FILL = colors.Color(0.25, 0.25, 0.25, alpha=0.35)
VALUE_EDGE = colors.black
TARGET_DASH = [5, 3]
LOW_DASH = [1, 2]
RING = colors.Color(0.7, 0.7, 0.7)


def _points(values: tuple[float | None, ...], cx: float, cy: float, r: float) -> list[float]:
    return [v for pt in polygon(values, cx, cy, r) for v in pt]


def radar_drawing(
    chart: Radar, font: str, width: float = 120 * mm, height: float = 78 * mm, value_label: str = "レベル"
) -> Drawing:
    """Returns the chart as a Drawing of width × height (points).

    Args:
        chart: the values (domain.radar.person_radar or department_radar).
        font: the registered font for the labels (the résumé's Japanese font).
        width, height: the drawing's size.
        value_label: the legend's name of the filled series (レベル, 平均).
    """
    d = Drawing(width, height)
    d.initialFontName = font  # else the renderer sets Helvetica, a font not embedded
    legend_h = 14
    cx, cy = width / 2, legend_h + (height - legend_h) / 2
    r = (height - legend_h) / 2 - LABEL_SIZE * 2
    n = len(chart.labels)
    for level in range(1, TOP_LEVEL + 1):
        ring = _points(tuple([level] * n), cx, cy, r)
        d.add(Polygon(ring, fillColor=None, strokeColor=RING, strokeWidth=0.3 if level % 2 else 0.6))
    for i, label in enumerate(chart.labels):
        (x, y) = polygon([TOP_LEVEL if j == i else None for j in range(n)], cx, cy, r)[i]
        d.add(Line(cx, cy, x, y, strokeColor=RING, strokeWidth=0.5))
        text = f"{label} {format_value(chart.values[i])}"
        if chart.targets[i] is not None:
            text += f"/{chart.targets[i]}"
        tx, ty = polygon([TOP_LEVEL + 0.9 if j == i else None for j in range(n)], cx, cy, r)[i]
        w = stringWidth(text, font, LABEL_SIZE)
        # Labels right of the centre start at the axis end, left of it end there.
        if abs(tx - cx) < 1:
            tx -= w / 2
            ty += LABEL_SIZE / 2 if ty > cy else -LABEL_SIZE / 2
        elif tx < cx:
            tx -= w
        d.add(String(tx, ty - LABEL_SIZE / 3, text, fontName=font, fontSize=LABEL_SIZE))
    if any(v is not None for v in chart.values):
        d.add(
            Polygon(
                _points(chart.values, cx, cy, r),
                fillColor=VALUE_FILL,
                strokeColor=VALUE_EDGE,
                strokeWidth=1.4,
            )
        )
    if chart.lows is not None and any(v is not None for v in chart.lows):
        d.add(
            Polygon(
                _points(chart.lows, cx, cy, r),
                fillColor=None,
                strokeColor=VALUE_EDGE,
                strokeWidth=1.2,
                strokeDashArray=LOW_DASH,
            )
        )
    if any(t is not None for t in chart.targets):
        d.add(
            Polygon(
                _points(chart.targets, cx, cy, r),
                fillColor=None,
                strokeColor=VALUE_EDGE,
                strokeWidth=1.0,
                strokeDashArray=TARGET_DASH,
            )
        )
    for i, v in enumerate(chart.values):
        if v is not None:
            (x, y) = polygon(chart.values, cx, cy, r)[i]
            d.add(Circle(x, y, 1.6, fillColor=VALUE_EDGE, strokeColor=None))
    _legend(d, font, chart, value_label)
    return d


def _legend(d: Drawing, font: str, chart: Radar, value_label: str) -> None:
    x = 4.0
    items: list[tuple[str, list[int] | None, bool]] = [(value_label, None, True)]
    if chart.lows is not None:
        items.append(("最小", LOW_DASH, False))
    items.append(("目標（求める人材像）", TARGET_DASH, False))
    for text, dash, filled in items:
        if filled:
            d.add(Rect(x, 3, 14, 7, fillColor=VALUE_FILL, strokeColor=VALUE_EDGE, strokeWidth=1.2))
        else:
            d.add(Line(x, 6.5, x + 14, 6.5, strokeColor=VALUE_EDGE, strokeWidth=1.2, strokeDashArray=dash))
        d.add(String(x + 17, 3.5, text, fontName=font, fontSize=LABEL_SIZE))
        x += 22 + stringWidth(text, font, LABEL_SIZE) + 8


def chart_section(
    staff: Staff,
    categories: list[Category],
    kinds: frozenset[str] | None,
    targets: Mapping[str, int] | None,
    st: Styles,
) -> list[Flowable]:
    """The résumé's optional section 「レベルのレーダーチャート」: heading and chart kept together.

    Args:
        staff: the person.
        categories: the categories in their order.
        kinds: the entry kinds counted (None: all).
        targets: the person's target level per category id (None: no profile).
        st: the résumé's styles.
    """
    profile = TargetProfile("", dict(targets)) if targets else None
    chart = person_radar(categories, person_levels(staff, kinds), profile)
    return [KeepTogether([Paragraph("レベルのレーダーチャート", st.heading), radar_drawing(chart, st.font)])]
