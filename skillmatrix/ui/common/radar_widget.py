"""The radar chart (レーダーチャート) as a plain QWidget painted with QPainter.

The numbers and the geometry are domain/radar.py's, the same as the PDF's: the first axis
points up, the others follow clockwise in the categories' order. The series differ by
line style (solid filled grey, dotted, dashed) so that the chart reads in grey scale.
`chart` (the Radar shown) and `polygon_points()` are there for tests and for anyone who
wants the numbers behind the picture.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from skillmatrix.domain.radar import TOP_LEVEL, Radar, format_value, polygon

SERIES_VALUES, SERIES_LOWS, SERIES_TARGETS, SERIES_PAST = "values", "lows", "targets", "past"


class RadarWidget(QWidget):
    """Draws one Radar, optionally with a past one (the as-of comparison) behind it."""

    def __init__(self, parent: QWidget | None = None, object_name: str = "radarChart"):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.chart: Radar | None = None
        self.past: Radar | None = None
        self.value_label = self.tr("レベル")
        self.past_label = ""
        self.setMinimumSize(110, 56)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(320, 280)

    def set_chart(self, chart: Radar | None, past: Radar | None = None, past_label: str = "") -> None:
        """Shows chart (None: nothing to show), and past's values dotted behind it."""
        self.chart, self.past, self.past_label = chart, past, past_label
        self.setAccessibleDescription(self.describe())
        self.setToolTip(self.describe().replace("、", "\n"))
        self.update()

    def describe(self) -> str:
        """Returns the chart in words (the accessible description; tests read it too)."""
        if self.chart is None:
            return ""
        return "、".join(
            f"{label} {format_value(v)}" + (f"（目標{t}）" if t is not None else "")
            for label, v, t in zip(self.chart.labels, self.chart.values, self.chart.targets, strict=True)
        )

    # -- geometry ----------------------------------------------------------------------------

    def captions(self) -> list[str]:
        """Returns the axis labels as drawn: name, value and target; names shortened to
        four characters when the full ones would leave the chart too small."""
        if self.chart is None:
            return []
        full = self._captions(None)
        if self._radius(full) >= 50:
            return full
        short = self._captions(4)
        if self._radius(short) >= 40:
            return short
        # A narrow panel: two characters of each name, the numbers in the tooltip.
        return self._captions(2, numbers=False)

    def _captions(self, cut: int | None, numbers: bool = True) -> list[str]:
        assert self.chart is not None
        return [
            (label[:cut] if cut else label)
            + ((f" {format_value(v)}" + (f"/{t}" if t is not None else "")) if numbers else "")
            for label, v, t in zip(self.chart.labels, self.chart.values, self.chart.targets, strict=True)
        ]

    def _radius(self, captions: list[str]) -> float:
        fm = self.fontMetrics()
        legend = fm.height() + 6
        widest = max((fm.horizontalAdvance(c) for c in captions), default=0)
        return min(self.width() / 2 - widest - 6, (self.height() - legend) / 2 - fm.height() * 1.6)

    def _frame(self) -> tuple[float, float, float]:
        legend = self.fontMetrics().height() + 6
        radius = max(10.0, self._radius(self.captions()))
        return self.width() / 2, (self.height() - legend) / 2 + 2, radius

    def polygon_points(self, series: str = SERIES_VALUES) -> list[tuple[float, float]]:
        """Returns the corners of one series in widget coordinates (y down)."""
        if self.chart is None:
            return []
        values = {
            SERIES_VALUES: self.chart.values,
            SERIES_LOWS: self.chart.lows or (),
            SERIES_TARGETS: self.chart.targets,
            SERIES_PAST: self.past.values if self.past else (),
        }[series]
        cx, cy, r = self._frame()
        return polygon(values, cx, cy, r, y_down=True) if values else []

    # -- painting -----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        if self.chart is None or not self.chart.labels:
            p.setPen(self.palette().placeholderText().color())
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("表示する職員がいません"))
            return
        cx, cy, r = self._frame()
        n = len(self.chart.labels)
        text = self.palette().text().color()
        ring = QColor(text)
        ring.setAlpha(60)
        p.setPen(QPen(ring, 1))
        for level in range(1, TOP_LEVEL + 1):
            p.drawPolygon(_poly(polygon([level] * n, cx, cy, r, y_down=True)))
        ends = polygon([TOP_LEVEL] * n, cx, cy, r, y_down=True)
        for x, y in ends:
            p.drawLine(QPointF(cx, cy), QPointF(x, y))
        fm = self.fontMetrics()
        p.setPen(text)
        for i, caption in enumerate(self.captions()):
            x, y = polygon([TOP_LEVEL if j == i else None for j in range(n)], cx, cy, r + 4, y_down=True)[i]
            w = fm.horizontalAdvance(caption)
            box = QRectF(
                x - w / 2 if abs(x - cx) < 1 else (x if x > cx else x - w),
                y - fm.height() / 2,
                w,
                fm.height(),
            )
            if abs(x - cx) < 1:
                box.translate(0, -fm.height() / 2 if y < cy else fm.height() / 2)
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, caption)
        if self.past is not None:
            self._series(p, self.polygon_points(SERIES_PAST), QPen(text, 1.2, Qt.PenStyle.DotLine), None)
        fill = QColor(text)
        fill.setAlpha(70)
        self._series(p, self.polygon_points(SERIES_VALUES), QPen(text, 2), QBrush(fill))
        if self.chart.lows is not None:
            self._series(p, self.polygon_points(SERIES_LOWS), QPen(text, 1.5, Qt.PenStyle.DotLine), None)
        if any(t is not None for t in self.chart.targets):
            self._series(p, self.polygon_points(SERIES_TARGETS), QPen(text, 1.3, Qt.PenStyle.DashLine), None)
        self._legend(p, text)

    @staticmethod
    def _series(p: QPainter, points: list[tuple[float, float]], pen: QPen, brush: QBrush | None) -> None:
        if not points:
            return
        p.setPen(pen)
        p.setBrush(brush if brush is not None else Qt.BrushStyle.NoBrush)
        p.drawPolygon(_poly(points))

    def _legend(self, p: QPainter, text: QColor) -> None:
        fm = self.fontMetrics()
        y = self.height() - fm.height() / 2 - 3
        x = 6.0
        items = [(self.value_label, QPen(text, 2), True)]
        if self.chart is not None and self.chart.lows is not None:
            items.append((self.tr("最小"), QPen(text, 1.5, Qt.PenStyle.DotLine), False))
        items.append((self.tr("目標"), QPen(text, 1.3, Qt.PenStyle.DashLine), False))
        if self.past is not None:
            items.append((self.past_label or self.tr("過去"), QPen(text, 1.2, Qt.PenStyle.DotLine), False))
        for label, pen, filled in items:
            p.setPen(pen)
            if filled:
                fill = QColor(text)
                fill.setAlpha(70)
                p.setBrush(fill)
                p.drawRect(QRectF(x, y - 4, 16, 8))
                p.setBrush(Qt.BrushStyle.NoBrush)
            else:
                p.drawLine(QPointF(x, y), QPointF(x + 16, y))
            p.setPen(text)
            p.drawText(QPointF(x + 20, y + fm.ascent() / 2 - 1), label)
            x += 28 + fm.horizontalAdvance(label)


def _poly(points: list[tuple[float, float]]) -> QPolygonF:
    return QPolygonF([QPointF(x, y) for x, y in points])
