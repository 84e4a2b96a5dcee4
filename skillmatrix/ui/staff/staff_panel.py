"""The left side of the window: the filter box, the staff list and how many are shown.

Selecting a row shows that person everywhere else (through Session.select). Keys: Down or
Enter in the filter goes to the list, Esc empties the filter; in the list Alt+Up / Alt+Down
move the person, Delete deletes (after confirmation).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from skillmatrix.domain.model import Staff
from skillmatrix.ui.common.session import Session
from skillmatrix.ui.staff.level_filter import LevelFilter
from skillmatrix.ui.staff.staff_list import StaffListModel


class StaffListView(QTableView):
    """The list of people (objectName staffList)."""

    def __init__(self, model: StaffListModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("staffList")
        self.setAccessibleName(self.tr("職員一覧"))
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        vertical = self.verticalHeader()
        vertical.hide()
        # Fixed heights and widths: nothing is measured per row, so 10,000 rows stay fast.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        chars = self.fontMetrics().averageCharWidth()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        self.setColumnWidth(1, chars * 12)
        self.setColumnWidth(2, chars * 7)
        self.move_requested: Callable[[int], None] | None = None  # set by the panel: callable(delta)

    def keyPressEvent(self, event) -> None:
        if (
            event.modifiers() == Qt.KeyboardModifier.AltModifier
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
            and self.move_requested
        ):
            self.move_requested(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        super().keyPressEvent(event)


class FilterEdit(QLineEdit):
    """The filter box (objectName staffFilter)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("staffFilter")
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(self.tr("絞り込み（Ctrl+F）"))
        self.setToolTip(
            self.tr(
                "氏名・ふりがな・職名・所属・実績の文字で絞り込みます。"
                "空白で区切ると、すべての語を含む人だけを表示します"
            )
        )
        self.setAccessibleName(self.tr("職員の絞り込み"))
        self.list_view: StaffListView | None = None

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.list_view:
            view = self.list_view
            if not view.currentIndex().isValid() and view.model().rowCount():
                view.setCurrentIndex(view.model().index(0, 0))
            view.setFocus()
            return
        super().keyPressEvent(event)


class StaffPanel(QWidget):
    """Filter, count and list, kept in step with the session's shown person."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.model = StaffListModel(session, self)
        self.filter_edit = FilterEdit(self)
        self.view = StaffListView(self.model, self)
        self.view.move_requested = self.move_current
        self.filter_edit.list_view = self.view
        self.count_label = QLabel(objectName="staffCount")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view)
        layout.addWidget(self.count_label)

        self._row_before_reset = -1
        self.level_filter = LevelFilter(session, self.filter_edit, self)
        self.model.predicate_hook = self.level_filter  # 「セキュリティ>=4」 (issue 18)
        self.filter_edit.textChanged.connect(self.model.set_filter)
        self.model.filtered.connect(self._show_count)
        self.model.modelAboutToBeReset.connect(self._remember_row)
        self.model.modelReset.connect(self._after_reset)
        self.view.selectionModel().currentRowChanged.connect(self._row_chosen)
        session.current_changed.connect(self._follow)
        self._show_count(self.model.rowCount(), self.model.total())

    def _show_count(self, shown: int, total: int) -> None:
        if shown == total:
            self.count_label.setText(self.tr("{total}名").format(total=total))
        else:
            self.count_label.setText(self.tr("{total}名中 {shown}名を表示").format(total=total, shown=shown))

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        person = self.model.summary(current.row()) if current.isValid() else None
        if person is not None:
            self.session.select(person.id)

    def _remember_row(self) -> None:
        self._row_before_reset = self.view.currentIndex().row()

    def _after_reset(self) -> None:
        current = self.session.current
        if current is not None:
            self._select_row(self.model.row_of(current.id))
        elif self.model.rowCount():
            # The shown person was removed: show the one that took their place.
            self._select_row(min(max(self._row_before_reset, 0), self.model.rowCount() - 1))

    def _select_row(self, row: int) -> None:
        if row < 0:
            self.view.selectionModel().clearSelection()
            return
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.scrollTo(index)

    def _follow(self, sheet: Staff | None) -> None:
        """Selects the shown person's row (clearing a filter that hides them)."""
        if sheet is None:
            return
        row = self.model.row_of(sheet.id)
        if row < 0 and self.model.filter_text:
            self.filter_edit.clear()
            row = self.model.row_of(sheet.id)
        if row >= 0 and row != self.view.currentIndex().row():
            self._select_row(row)

    def select_first(self) -> None:
        """Shows the first person of the list, if any and nobody is shown."""
        if self.session.current is None and self.model.rowCount():
            self._select_row(0)

    def focus_filter(self) -> None:
        """Puts the cursor in the filter box with its text selected (Ctrl+F)."""
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def move_current(self, delta: int) -> None:
        """Moves the shown person up or down past the neighbour shown in the list."""
        current = self.session.current
        row = self.model.row_of(current.id) if current else -1
        neighbour = self.model.summary(row + delta) if row >= 0 else None
        if neighbour is None or current is None:
            return
        self.session.move_staff(current.id, self.model.list_index(neighbour.id))
