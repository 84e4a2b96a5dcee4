"""One keyboard behaviour for every editable table of the window and its dialogs.

Installed on a QTableView (histories, 資格等, 研修計画, 研修カタログ) by TableKeys.install():

- Enter (in a cell editor or on a cell) commits and stays in the table: the cursor moves to
  the next editable cell of the row, then to the first editable cell of the next row, and
  after the last row a new row is added (when the table can add rows). Shift+Enter and
  Alt+Enter are left to multi-line editors (a new line inside the cell).
- Tab / Shift+Tab leave the table (tab key navigation is off).
- Insert, Ctrl+Delete, Alt+Up / Alt+Down call the table's own row operations. The keys are
  read by an event filter on the table itself, so they act only on the table that has the
  keyboard focus — never on another table that merely shows a highlighted cell.
- A focused table draws a frame in the highlight colour, so the user sees where typing goes
  even when the table is empty.

Why an event filter and not per-view keyPressEvent copies: the same rules must hold in five
tables of different classes (QTableView subclasses of other modules), and a model reset
while an editor is open (every history write resets its model) destroys the editor that
had the focus — Qt then hands the focus to the next widget of the chain. The filter puts
it back and moves on.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QChildEvent, QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QScrollArea,
    QTabBar,
    QTableView,
    QWidget,
)

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
NEW_LINE_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier


class FocusFrame(QObject):
    """Paints a 2-pixel highlight frame over a widget's viewport while the widget has focus.

    Styles differ in how (and whether) they show the focus of an item view with no current
    cell; this frame is the same everywhere and is visible on an empty table.
    """

    def __init__(self, widget: QWidget):
        super().__init__(widget)
        self.widget = widget
        content = widget.widget() if isinstance(widget, QScrollArea) else None
        viewport = widget.viewport() if isinstance(widget, QAbstractScrollArea) else None
        # The scrolled content covers the viewport; else the viewport; else the widget.
        self.target: QWidget = content or viewport or widget
        widget.setProperty("focusFrame", True)
        widget.installEventFilter(self)
        if self.target is not widget:
            self.target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not (shiboken6.isValid(self.widget) and shiboken6.isValid(self.target)):
            return False
        kind = event.type()
        if watched is self.widget and kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.target.update()
        elif watched is self.target and kind == QEvent.Type.Paint and self._focused():
            # Paint after the widget: call its paintEvent first, then draw on top.
            self.target.removeEventFilter(self)
            try:
                QApplication.sendEvent(self.target, event)
            finally:
                self.target.installEventFilter(self)
            painter = QPainter(self.target)
            color = QColor(self.widget.palette().highlight().color())
            painter.setPen(QPen(color, 2))
            painter.drawRect(self.target.rect().adjusted(1, 1, -1, -1))
            painter.end()
            return True
        return super().eventFilter(watched, event)

    def _focused(self) -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and (focus is self.widget or self.widget.isAncestorOf(focus))


def frame_focus_stops(root: QWidget) -> None:
    """Gives every Tab stop under root that styles leave without a visible focus mark — item
    views, scroll areas and tab bars — a FocusFrame (once)."""
    kinds = (QAbstractScrollArea, QTabBar)
    for widget in root.findChildren(QWidget):
        if (
            isinstance(widget, kinds)
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not widget.property("focusFrame")
        ):
            FocusFrame(widget)


class TableKeys(QObject):
    """The shared keys of an editable table (see the module docstring).

    Args:
        view: the table.
        add: adds a row below the current one (Insert, and Enter after the last row);
            returns nothing. None: the table has no Insert.
        delete: deletes the selected rows (Ctrl+Delete).
        move: moves the current row by -1 / +1 (Alt+Up / Alt+Down).
        add_on_enter: False when adding asks questions first (a plan line needs a person
            and a course): Enter on the last row then stays there.
    """

    def __init__(
        self,
        view: QTableView,
        add: Callable[[], object] | None = None,
        delete: Callable[[], object] | None = None,
        move: Callable[[int], object] | None = None,
        add_on_enter: bool = True,
    ):
        super().__init__(view)
        self.view, self.add, self.delete, self.move = view, add, delete, move
        self.add_on_enter = add_on_enter
        self._enter_from: tuple[int, int] | None = None  # (row, column) of the editor Enter closed
        view.setTabKeyNavigation(False)
        view.installEventFilter(self)
        self.viewport = view.viewport()
        self.viewport.installEventFilter(self)  # editors are the viewport's children
        self.frame = FocusFrame(view)

    @classmethod
    def install(cls, view: QTableView, **operations) -> TableKeys:
        """Gives a table the shared keys; returns the installed filter."""
        return cls(view, **operations)

    # -- events ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not shiboken6.isValid(self.view):  # events of the table's own destruction
            return False
        kind = event.type()
        if watched is self.viewport:
            # A cell editor, polished when shown: by then the view has installed its
            # delegate's filter, so this one (installed later) sees Enter first (a multi-line
            # delegate eats it). Not at ChildAdded: the editor is only half built then.
            if kind == QEvent.Type.ChildPolished and isinstance(event, QChildEvent):
                child = event.child()
                if isinstance(child, QWidget):
                    child.installEventFilter(self)
            return False
        key = event if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) else None
        if watched is self.view and key is not None:
            return self._table_key(key)
        if kind == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            watched.installEventFilter(self)  # again: moves this filter before the delegate's
        elif key is not None and isinstance(watched, QWidget):
            self._editor_key(watched, key)
        return False

    def _editing(self) -> bool:
        return self.view.state() == QAbstractItemView.State.EditingState

    def _table_key(self, event: QKeyEvent) -> bool:
        if self._editing():
            return False
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key == Qt.Key.Key_Insert and not mods and self.add is not None:
            self.add()
            return True
        if key == Qt.Key.Key_Delete and mods == Qt.KeyboardModifier.ControlModifier and self.delete:
            self.delete()
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and mods == Qt.KeyboardModifier.AltModifier:
            if self.move is not None:
                self.move(-1 if key == Qt.Key.Key_Up else 1)
            return True  # never left to a window action acting on something else
        if key in ENTER_KEYS and not mods:
            # Qt ignores Enter on a table that is not editing; the dialog's default button
            # would take it. Here it moves on instead, like the Enter that commits.
            current = self.view.currentIndex()
            if current.isValid():
                self._advance(current.row(), current.column())
            return True
        return False

    def _editor_key(self, _editor: QWidget, event: QKeyEvent) -> None:
        if event.key() in ENTER_KEYS and not (event.modifiers() & NEW_LINE_MODIFIERS):
            index = self.view.currentIndex()  # the cell being edited (edits open there)
            self._enter_from = (index.row(), index.column())
            # The delegate commits (sometimes through a queued call), the model may reset
            # and take the editor with it: move on once all of that has happened.
            QTimer.singleShot(0, self._after_enter)

    def _after_enter(self) -> None:
        if self._enter_from is None or not self.view.isVisible():
            return
        if self._editing():  # Enter did not close the editor (a refused value): wait
            QTimer.singleShot(0, self._after_enter)
            return
        row, column = self._enter_from
        self._enter_from = None
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self._advance(row, column)

    # -- moving on ---------------------------------------------------------------------------

    def _editable_columns(self, row: int) -> list[int]:
        model = self.view.model()
        return [
            c
            for c in range(model.columnCount())
            if not self.view.isColumnHidden(c)
            and model.flags(model.index(row, c)) & Qt.ItemFlag.ItemIsEditable
        ]

    def _advance(self, row: int, column: int) -> None:
        """Moves to the next editable cell of the row, else the next row's first; adds a row
        after the last one."""
        model = self.view.model()
        row = min(row, model.rowCount() - 1)
        if row < 0:
            return
        columns = self._editable_columns(row)
        later = [c for c in columns if c > column]
        if later:
            self._go(model.index(row, later[0]))
            return
        if row + 1 < model.rowCount():
            following = self._editable_columns(row + 1)
            self._go(model.index(row + 1, following[0] if following else column))
            return
        if self.add is not None and self.add_on_enter and columns:
            self._go(model.index(row, columns[-1]))  # the new row goes below this one
            self.add()

    def _go(self, index: QModelIndex) -> None:
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | self._row_flag()
        )

    def _row_flag(self) -> QItemSelectionModel.SelectionFlag:
        if self.view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows:
            return QItemSelectionModel.SelectionFlag.Rows
        return QItemSelectionModel.SelectionFlag.NoUpdate
