"""Per category, how many of the people shown stand at each level (and below target)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from skillmatrix.domain.department import GAP_MET, Histogram
from skillmatrix.domain.department_view import Snapshot
from skillmatrix.domain.model import LEVEL_COUNT
from skillmatrix.report.department_tables import DARK_SHADES, SHADE_RGB

_BRUSHES = {k: QBrush(QColor.fromRgbF(*rgb)) for k, rgb in SHADE_RGB.items()}
_WHITE = QBrush(QColor(255, 255, 255))


class CountsModel(QAbstractTableModel):
    """Rows: categories. Columns: 実績なし, レベル0..7, 目標未達."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._names: list[str] = []
        self._hist: list[Histogram] = []
        self._below: list[int] = []

    def set_people(self, snapshot: Snapshot | None, staff_ids: list[str]) -> None:
        """Counts the given people of the snapshot."""
        self.beginResetModel()
        if snapshot is None:
            self._names, self._hist, self._below = [], [], []
        else:
            hist = snapshot.histograms(staff_ids)
            cats = snapshot.categories
            self._names = [c.name for c in cats]
            self._hist = [hist[c.id] for c in cats]
            self._below = [
                sum(1 for s in staff_ids if snapshot.status(s, c.id) not in (None, GAP_MET)) for c in cats
            ]
        self.endResetModel()

    def counts(self, row: int) -> tuple[int, list[int], int]:
        """Returns (no entry, per-level counts, below target) of a category row."""
        h = self._hist[row]
        return h.none, list(h.counts), self._below[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._names)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else LEVEL_COUNT + 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return self._names[section] if 0 <= section < len(self._names) else None
        if section == 0:
            return self.tr("実績なし")
        if section <= LEVEL_COUNT:
            return self.tr("レベル{n}").format(n=section - 1)
        return self.tr("目標未達")

    def _tip(self, category: str, col: int, value: int) -> str:
        """How a count is computed (its tooltip)."""
        if col == 0:
            how = self.tr("{cat}に数える実績が一つもない人の数")
        elif col <= LEVEL_COUNT:
            how = self.tr("{cat}で実績のある最も高いレベルがレベル{n}の人の数").replace("{n}", str(col - 1))
        else:
            how = self.tr("{cat}で人材像の目標レベルに届いていない人の数（目標のある人のうち）")
        return self.tr("{value}名 — {how}（上の表に表示中の職員について）").format(
            value=value, how=how.format(cat=category)
        )

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        h, col = self._hist[index.row()], index.column()
        if col == 0:
            value = h.none
        elif col <= LEVEL_COUNT:
            value = h.counts[col - 1]
        else:
            value = self._below[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(self._names[index.row()], col, value)
        if 1 <= col <= LEVEL_COUNT and value:
            key = f"L{col - 1}"
            if role == Qt.ItemDataRole.BackgroundRole:
                return _BRUSHES[key]
            if role == Qt.ItemDataRole.ForegroundRole and key in DARK_SHADES:
                return _WHITE
        if col == LEVEL_COUNT + 1 and value and role == Qt.ItemDataRole.BackgroundRole:
            return _BRUSHES["below"]
        return None
