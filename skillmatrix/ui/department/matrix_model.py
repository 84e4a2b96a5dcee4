"""The department matrix: people × categories, each cell a level (or level／target).

Filtering and sorting happen here, on plain Python lists of row numbers (a
QSortFilterProxyModel over a Python model needs seconds for 20,000 rows). The model reads
a Snapshot (domain/department_view.py) and never the database.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from skillmatrix.domain.department import GAP_LABELS
from skillmatrix.domain.department_view import Snapshot
from skillmatrix.domain.kana import staff_sort_key
from skillmatrix.report.department_tables import DARK_SHADES, SHADE_RGB

MODE_LEVELS = "levels"
MODE_GAPS = "gaps"
NO_LEVEL = "－"
STAFF_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

_BRUSHES = {k: QBrush(QColor.fromRgbF(*rgb)) for k, rgb in SHADE_RGB.items()}
_WHITE = QBrush(QColor(255, 255, 255))
_CENTER = int(Qt.AlignmentFlag.AlignCenter)


class MatrixModel(QAbstractTableModel):
    """The matrix or the gap view of a Snapshot, filtered and sorted in the model."""

    filtered = Signal()  # the shown rows changed (filter or new snapshot)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.snapshot: Snapshot | None = None
        self.mode = MODE_LEVELS
        self._rows: list[int] = []  # indexes into snapshot.people, in shown order
        self._section = ""
        self._title = ""
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    # -- configuration -----------------------------------------------------------------------

    def set_snapshot(self, snapshot: Snapshot) -> None:
        """Shows a new picture of the department, keeping filter and sort."""
        self.beginResetModel()
        self.snapshot = snapshot
        self._rows = self._filtered()
        self._apply_sort()
        self.endResetModel()
        self.filtered.emit()

    def set_mode(self, mode: str) -> None:
        """Switches between the level matrix and the gap view."""
        if mode == self.mode:
            return
        self.beginResetModel()
        self.mode = mode
        self._sort = (-1, Qt.SortOrder.AscendingOrder)  # columns differ between modes
        self._rows = self._filtered()
        self.endResetModel()

    def set_filter(self, section: str = "", title: str = "") -> None:
        """Shows only people of this 所属 and 職名 ('' for any)."""
        self.beginResetModel()
        self._section, self._title = section, title
        self._rows = self._filtered()
        self._apply_sort()
        self.endResetModel()
        self.filtered.emit()

    def _filtered(self) -> list[int]:
        if self.snapshot is None:
            return []
        people = self.snapshot.people
        return [
            i
            for i, p in enumerate(people)
            if (not self._section or p.section == self._section)
            and (not self._title or p.title == self._title)
        ]

    # -- what the columns are ---------------------------------------------------------------------

    def _lead(self) -> list[str]:
        lead = [self.tr("氏名"), self.tr("職名"), self.tr("所属")]
        return lead + [self.tr("人材像")] if self.mode == MODE_GAPS else lead

    def _tail(self) -> list[str]:
        return [self.tr("不足計"), self.tr("未達のできること")] if self.mode == MODE_GAPS else []

    def first_category_column(self) -> int:
        return len(self._lead())

    def category_of(self, column: int) -> str | None:
        """Returns the category id of a column, or None for the other columns."""
        if self.snapshot is None:
            return None
        i = column - len(self._lead())
        cats = self.snapshot.categories
        return cats[i].id if 0 <= i < len(cats) else None

    def staff_id(self, row: int) -> str:
        assert self.snapshot is not None  # rows exist only with a snapshot
        return self.snapshot.people[self._rows[row]].id

    def shown_ids(self) -> list[str]:
        """Returns the ids of the people shown, in shown order."""
        people = self.snapshot.people if self.snapshot else []
        return [people[i].id for i in self._rows]

    def row_of(self, staff_id: str) -> int:
        """Returns the shown row of a person, or -1."""
        if self.snapshot is None:
            return -1
        for r, i in enumerate(self._rows):
            if self.snapshot.people[i].id == staff_id:
                return r
        return -1

    # -- Qt's model interface ------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.snapshot is None:
            return 0
        return len(self._lead()) + len(self.snapshot.categories) + len(self._tail())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical or self.snapshot is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            lead, tail = self._lead(), self._tail()
            cats = self.snapshot.categories
            if section < len(lead):
                return lead[section]
            if section < len(lead) + len(cats):
                return cats[section - len(lead)].name
            if section - len(lead) - len(cats) < len(tail):
                return tail[section - len(lead) - len(cats)]
        if role == Qt.ItemDataRole.ToolTipRole:
            at = section - len(self._lead()) - len(self.snapshot.categories)
            how = self._tail_tips()
            return (how[at] + "\n" if 0 <= at < len(how) else "") + self.tr("クリックで並べ替え")
        return None

    def _tail_tips(self) -> list[str]:
        """How the figures of the tail columns are computed (their tooltips)."""
        return [
            self.tr(
                "不足計: 人材像の目標がある分類ごとに「目標レベル − 今のレベル」（届いていれば0）を"
                "足した数。実績のない分類は今のレベルを −1 として数えます。"
            ),
            self.tr("未達のできること: 人材像が求める「できること」のうち、まだチェックされていない数。"),
        ]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.snapshot is None:
            return None
        snap = self.snapshot
        person = snap.people[self._rows[index.row()]]
        col = index.column()
        if role == STAFF_ID_ROLE:
            return person.id
        category = self.category_of(col)
        if category is None:
            return self._other(person, col, role)
        level = snap.level(person.id, category)
        if self.mode == MODE_LEVELS:
            if role == Qt.ItemDataRole.DisplayRole:
                return "" if level is None else str(level)
            if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
                if level is None:
                    return None
                key = f"L{level}"
                if role == Qt.ItemDataRole.BackgroundRole:
                    return _BRUSHES[key]
                return _WHITE if key in DARK_SHADES else None
            if role == SORT_ROLE:
                return -1 if level is None else level
            if role == Qt.ItemDataRole.ToolTipRole:
                name = snap.categories[col - self.first_category_column()].name
                if level is None:
                    return self.tr("{cat}: 数える実績がありません").format(cat=name)
                return self.tr(
                    "{cat}: レベル{n} — この分類で数える実績（上の「数える実績」）がある最も高いレベル"
                ).format(cat=name, n=level)
        else:
            target = snap.target(person.id, category)
            status = snap.status(person.id, category)
            if role == Qt.ItemDataRole.DisplayRole:
                have = NO_LEVEL if level is None else str(level)
                return have if target is None else f"{have}／{target}"
            if role == Qt.ItemDataRole.BackgroundRole:
                return _BRUSHES[status] if status else None
            if role == SORT_ROLE:
                have_level = -1 if level is None else level
                return have_level - target if target is not None else 99
            if role == Qt.ItemDataRole.ToolTipRole:
                name = snap.categories[col - self.first_category_column()].name
                have = self.tr("実績なし") if level is None else self.tr("レベル{n}").format(n=level)
                if target is None:
                    return self.tr("{cat}: 今 {have}。人材像にこの分類の目標はありません").format(
                        cat=name, have=have
                    )
                return self.tr("{cat}: 今 {have}／目標 レベル{target}（{state}）。表示は「今／目標」").format(
                    cat=name, have=have, target=target, state=GAP_LABELS[status] if status else ""
                )
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        return None

    def _other(self, person, col: int, role: int):
        lead = len(self._lead())
        snap = self.snapshot
        assert snap is not None  # rows exist only with a snapshot
        if col < lead:
            if role not in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
                return None
            if col == 0:
                if role == Qt.ItemDataRole.DisplayRole:
                    return person.name
                return staff_sort_key(person.kana, person.name, person.id)
            if col == 1:
                return person.title
            if col == 2:
                return person.section
            profile = snap.profile(person.id)
            return profile.name if profile else self.tr("（なし）")
        tail = col - lead - len(snap.categories)
        if role == Qt.ItemDataRole.ToolTipRole:
            value = snap.shortfall(person.id) if tail == 0 else len(snap.missing_can_do(person.id))
            return self.tr("{value} — {how}").format(value=value, how=self._tail_tips()[tail])
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            value = snap.shortfall(person.id) if tail == 0 else len(snap.missing_can_do(person.id))
            return str(value) if role == Qt.ItemDataRole.DisplayRole else value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorts the shown rows by a column (stable: ties keep the list order)."""
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply_sort()
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        column, order = self._sort
        if self.snapshot is None or column < 0 or column >= self.columnCount():
            return
        self._rows.sort()  # list order first, so ties stay in list order either way
        keys = {i: self._key(i, column) for i in self._rows}
        self._rows.sort(key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)

    def _key(self, i: int, column: int):
        snap = self.snapshot
        assert snap is not None  # sorting runs only with a snapshot
        person = snap.people[i]
        category = self.category_of(column)
        if category is not None:
            level = snap.levels.get(person.id, {}).get(category, -1)
            if self.mode == MODE_LEVELS:
                return level
            target = snap.target(person.id, category)
            return level - target if target is not None else 99
        value = self._other(person, column, SORT_ROLE)
        return value if isinstance(value, int) else str(value)
