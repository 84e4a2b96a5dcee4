"""The course catalogue as completion in the grid's cell editor, and the offer to move a
course to its own cell.

Typing a line in a cell offers the catalogue's courses whose names contain what was typed
(full/half width and spaces ignored). Picking one writes its exact name. When the edit is
committed and a new line names a course that belongs to another cell (the catalogue gives
its category and level), a bar at the bottom of the grid offers to move it there — one
more undo step, so that undo first puts it back where it was typed.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolTip,
    QWidget,
)

from skillmatrix.domain.department import Course, normalize
from skillmatrix.domain.model import Category
from skillmatrix.ui.sheet.cell_editor import CellTextEdit

COURSE_ROLE = Qt.ItemDataRole.UserRole + 1
Cell = tuple[int, str]


def match_key(text: str) -> str:
    """Returns the form names are matched in: NFKC, no spaces, case folded."""
    return normalize(text).casefold()


def place_text(course: Course, category_names: dict[str, str]) -> str:
    """Returns 「分類・レベルn」 of a course ('' when the catalogue gives neither)."""
    parts = []
    if course.category_id in category_names:
        parts.append(category_names[course.category_id])
    if course.level is not None:
        parts.append(f"レベル{course.level}")
    return "・".join(parts)


class CourseListModel(QAbstractListModel):
    """The catalogue for a completer: DisplayRole shows where a course belongs, EditRole
    (what the completer matches) is the normalised name."""

    def __init__(self, courses: list[Course], categories: list[Category], parent: QObject | None = None):
        super().__init__(parent)
        self.courses = list(courses)
        self._category_names = {c.id: c.name for c in categories}

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self.courses)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.courses):
            return None
        course = self.courses[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{course.name}　〔{self.place(course)}〕" if self.place(course) else course.name
        if role == Qt.ItemDataRole.EditRole:
            return match_key(course.name)
        if role == Qt.ItemDataRole.ToolTipRole:
            return course.provider or None
        if role == COURSE_ROLE:
            return course
        return None

    def place(self, course: Course) -> str:
        """Returns 「分類・レベルn」 of a course ('' when the catalogue gives neither)."""
        return place_text(course, self._category_names)

    def find(self, text: str) -> Course | None:
        """Returns the course named text (compared as match_key), if any."""
        key = match_key(text)
        return next((c for c in self.courses if match_key(c.name) == key), None)


class CourseCellEdit(CellTextEdit):
    """The grid's cell editor with the catalogue as completion of the line being typed.

    Attributes:
        picked: line text -> the course picked for it from the completion.
        completion_enabled: False while the delegate loads the cell's text, so that
            opening an editor never pops the list up.
    """

    course_picked = Signal(object)  # Course

    def __init__(self, courses: CourseListModel, cell: Cell, parent: QWidget | None = None):
        super().__init__(parent)
        self.courses = courses
        self.cell = cell
        self.picked: dict[str, Course] = {}
        self.completion_enabled = False
        self._inserting = False
        courses.setParent(self)
        self.completer = QCompleter(courses, self)
        self.completer.setObjectName("courseCompleter")
        self.completer.setWidget(self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(8)
        self._popup().setObjectName("coursePopup")
        self.completer.activated[QModelIndex].connect(self._insert)  # type: ignore[index]  # stub: overloads
        self.textChanged.connect(self._update_completion)

    def _popup(self) -> QAbstractItemView:
        # QCompleter.popup() makes its list when there is none: never None, whatever the stub says.
        return cast(QAbstractItemView, self.completer.popup())

    def line_prefix(self) -> str:
        """Returns the text of the current line up to the cursor."""
        cursor = self.textCursor()
        return cursor.block().text()[: cursor.positionInBlock()]

    def _update_completion(self) -> None:
        popup = self._popup()
        if not self.completion_enabled or self._inserting:
            return
        prefix = match_key(self.line_prefix())
        if not prefix:
            popup.hide()
            return
        self.completer.setCompletionPrefix(prefix)
        count = self.completer.completionCount()
        only = self.completer.completionModel().index(0, 0).data(COURSE_ROLE) if count == 1 else None
        if count == 0 or (only is not None and match_key(only.name) == prefix):
            popup.hide()  # nothing to offer, or the line already names the one course
            return
        rect = self.cursorRect()
        rect.setWidth(
            max(self.width(), popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width())
        )
        self.completer.complete(rect)

    def _insert(self, index: QModelIndex) -> None:
        """Replaces the line being typed by the picked course's name."""
        course: Course | None = index.data(COURSE_ROLE)
        if course is None:
            return
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        self._inserting = True
        try:
            cursor.insertText(course.name)
        finally:
            self._inserting = False
        self.setTextCursor(cursor)
        self.picked[course.name] = course
        if (
            course.level is not None
            and course.category_id is not None
            and (course.level, course.category_id) != self.cell
        ):
            QToolTip.showText(
                self.mapToGlobal(self.cursorRect().bottomLeft() + QPoint(0, 4)),
                self.tr("カタログでは「{place}」の研修です（確定後にそのセルへ移せます）").format(
                    place=self.courses.place(course)
                ),
                self,
            )
        self.course_picked.emit(course)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # While the list is open these keys belong to it (the completer hides it, or
        # takes the highlighted course); the editor must not commit or add a line.
        if self._popup().isVisible() and event.key() in (
            Qt.Key.Key_Enter,
            Qt.Key.Key_Return,
            Qt.Key.Key_Escape,
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
        ):
            event.ignore()
            return
        super().keyPressEvent(event)

    def hideEvent(self, event) -> None:
        self._popup().hide()
        super().hideEvent(event)

    def courses_in(self, old_text: str) -> tuple[list[tuple[str, Course]], dict[str, str]]:
        """Returns the new lines that name a course, and line -> kind for them.

        Args:
            old_text: the cell's text before the edit (its lines are not new).
        """
        old = {line.strip() for line in old_text.splitlines()}
        found: list[tuple[str, Course]] = []
        for line in dict.fromkeys(t.strip() for t in self.toPlainText().splitlines()):
            if not line or line in old:
                continue
            course = self.picked.get(line) or self.courses.find(line)
            if course is not None:
                found.append((line, course))
        return found, {line: course.kind for line, course in found}


def moves_offered(entries, cell: Cell, named: list[tuple[str, Course]]) -> list[tuple[str, Course]]:
    """Returns (entry id, course) for the entries of cell named after a course of another cell.

    Args:
        entries: the cell's entries after the edit.
        cell: (level, category id) where they were typed.
        named: (line text, course) of the new lines that name a course.
    """
    by_text = {e.text: e for e in entries}
    out = []
    for text, course in named:
        entry = by_text.get(text)
        if entry is None or course.level is None or course.category_id is None:
            continue
        if (course.level, course.category_id) != cell:
            out.append((entry.id, course))
    return out


class CourseCellPrompt(QFrame):
    """The bar at the bottom of the grid: 「…はカタログでは…の研修です。移しますか」.

    It never takes the focus, so typing goes on in the grid; it goes away when the offer
    is taken or declined, or another person is shown.
    """

    accepted = Signal(dict, str)  # entry id -> (level, category id), undo step text

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("courseCellPrompt")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.label = QLabel(objectName="courseCellText")
        self.label.setWordWrap(True)
        self.move_button = QPushButton(self.tr("カタログのセルへ移す(&O)"), objectName="courseCellMove")
        self.keep_button = QPushButton(self.tr("このまま(&I)"), objectName="courseCellKeep")
        for button in (self.move_button, self.keep_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.move_button)
        layout.addWidget(self.keep_button)
        self.moves: dict[str, Cell] = {}
        self.staff_id: str | None = None
        self.move_button.clicked.connect(self.accept)
        self.keep_button.clicked.connect(self.hide)
        self.hide()

    def offer(self, staff_id: str, offers: list[tuple[str, Course]], place) -> None:
        """Shows the offer for (entry id, course) pairs; place(course) names the cell."""
        if not offers:
            self.hide()
            return
        self.staff_id = staff_id
        self.moves = {
            entry_id: (course.level, course.category_id)
            for entry_id, course in offers
            if course.level is not None and course.category_id is not None  # as moves_offered ensures
        }
        names = "、".join(
            self.tr("「{name}」（{place}）").format(name=c.name, place=place(c)) for _id, c in offers
        )
        self.label.setText(
            self.tr("{names}はカタログでは別のセルの研修です。そのセルへ移しますか？").format(names=names)
        )
        view = self.parentWidget()
        if view is not None:  # made with the grid view as parent
            self.place_in(view)
        self.show()
        self.raise_()

    def place_in(self, view: QWidget) -> None:
        """Lays the bar over the bottom of the view, full width."""
        height = self.sizeHint().height()
        self.setGeometry(0, view.height() - height, view.width(), height)

    def accept(self) -> None:
        moves = dict(self.moves)
        self.hide()
        if moves:
            self.accepted.emit(moves, self.tr("研修のセルへ移動"))

    def forget(self, *_args) -> None:
        """Drops the offer (another person is shown, the data was reloaded)."""
        self.moves = {}
        self.hide()
