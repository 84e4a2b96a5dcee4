"""Column widths of the skill grid that follow the content, within limits, remembered.

Equal columns (Stretch) gave every category ~90 px on a 1280-pixel window: each entry of a
full column wrapped over 4–7 lines while empty columns kept the same room. Here a column
asks for the width of its longest entry line (the mark included), between MIN_CHARS and
MAX_CHARS average characters; the room of the viewport is shared in proportion to what
the columns ask, so that the full columns get the space the empty ones do not need.

A column the user drags keeps the width given (all widths are remembered in the settings,
key grid/columnWidths); a double-click on a header's edge gives the columns back to the
content.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView

from skillmatrix.ui.common import settings
from skillmatrix.ui.sheet.skill_grid.model import ENTRIES_ROLE

MIN_CHARS, MAX_CHARS = 6, 26
SETTINGS_KEY = "grid/columnWidths"


def share_widths(wanted: list[int], minimum: int, room: int) -> list[int]:
    """Returns widths that fill room, each in proportion to what the column wants and
    never below minimum (the sum may then exceed room: the grid scrolls)."""
    if not wanted:
        return []
    total = sum(wanted)
    widths = [max(minimum, w * room // total) for w in wanted]
    excess = sum(widths) - room
    if excess > 0:  # the minimums pushed over: take it from the widest columns
        for i in sorted(range(len(widths)), key=widths.__getitem__, reverse=True):
            take = min(excess, widths[i] - minimum)
            widths[i] -= take
            excess -= take
            if excess <= 0:
                break
    return widths


class GridColumns(QObject):
    """Keeps the grid's column widths (see the module docstring)."""

    def __init__(self, view: QTableView):
        super().__init__(view)
        self.view = view
        self.header = view.horizontalHeader()
        self.header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.header.setStretchLastSection(False)
        self._fitting = False
        self._pending = False
        self.user_widths = self._saved()
        self.header.sectionResized.connect(self._resized)
        self.header.sectionHandleDoubleClicked.connect(self.back_to_content)
        model = view.model()
        model.modelReset.connect(self.schedule)
        model.dataChanged.connect(self.schedule)
        view.viewport().installEventFilter(self)
        self.schedule()

    def _saved(self) -> list[int] | None:
        value = settings.app_settings().value(SETTINGS_KEY)
        if isinstance(value, str):
            value = [value]
        try:
            widths = [int(v) for v in value or []]
        except (TypeError, ValueError):
            return None
        return widths if len(widths) == self.view.model().columnCount() else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.schedule()
        return False

    def schedule(self, *_args) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self.fit)

    def wanted(self) -> list[int]:
        """The width each column asks for: its longest entry line, within the limits."""
        model = self.view.model()
        metrics = QFontMetrics(self.view.font())
        chars = metrics.averageCharWidth()
        extra = metrics.horizontalAdvance("研") + 16  # the kind mark and the padding
        result = []
        for column in range(model.columnCount()):
            # At least room for the category's name on two lines of the header.
            name = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            longest = metrics.horizontalAdvance(name) // 2 + 16
            for row in range(model.rowCount()):
                for entry in model.index(row, column).data(ENTRIES_ROLE) or []:
                    longest = max(longest, metrics.horizontalAdvance(entry.text) + extra)
            result.append(min(MAX_CHARS * chars, max(MIN_CHARS * chars, longest)))
        return result

    def fit(self) -> None:
        """Gives the columns their widths: the user's, else those following the content."""
        self._pending = False
        model = self.view.model()
        if model is None or model.columnCount() == 0:
            return
        # Three Japanese characters: averageCharWidth is a Latin letter's.
        minimum = max(
            MIN_CHARS * self.view.fontMetrics().averageCharWidth(),
            3 * self.view.fontMetrics().horizontalAdvance("研") + 12,
        )
        if self.user_widths is not None:
            widths = self.user_widths
        else:
            widths = share_widths(self.wanted(), minimum, self.view.viewport().width())
        self._fitting = True
        try:
            for column, width in enumerate(widths):
                if self.header.sectionSize(column) != width:
                    self.header.resizeSection(column, width)
        finally:
            self._fitting = False
        self._fit_header_height()

    def _fit_header_height(self) -> None:
        """Makes the header as high as its tallest wrapped category name (a narrow column
        wraps 「行政職員一般」 over two lines; the header kept one and cut both)."""
        model = self.view.model()
        metrics = self.header.fontMetrics()
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        needed = metrics.height()
        for column in range(model.columnCount()):
            text = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = max(1, self.header.sectionSize(column) - 8)
            needed = max(needed, metrics.boundingRect(QRect(0, 0, width, 10000), flags, text).height())
        self.header.setFixedHeight(needed + 8)

    def _resized(self, *_args) -> None:
        if self._fitting or not self.header.isVisible():
            return
        # Dragged by the user: kept, and remembered for the next start.
        self.user_widths = [self.header.sectionSize(c) for c in range(self.header.count())]
        settings.app_settings().setValue(SETTINGS_KEY, self.user_widths)

    def back_to_content(self, *_args) -> None:
        """Forgets the user's widths: the columns follow the content again."""
        self.user_widths = None
        settings.app_settings().remove(SETTINGS_KEY)
        self.schedule()
