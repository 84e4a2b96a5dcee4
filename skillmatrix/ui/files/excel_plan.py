"""The plan of an Excel import, shown before anything is written: for the person selected
in the plan table, every value read (which cell went into which part or grid cell) and,
in red, every cell that was not understood, with its address and text."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from skillmatrix.exchange.excel.importing import ExcelPlan, PersonRead

NOT_UNDERSTOOD = QColor("#b00020")


class ReadingsModel(QAbstractTableModel):
    """One row per value read, then one per cell not understood, of one person."""

    HEADERS = ("セル", "読み込み先", "内容")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[tuple[str, str, str, bool]] = []

    def show_person(self, person: PersonRead | None) -> None:
        """Shows what was read from one person's sheet (None: nothing)."""
        self.beginResetModel()
        self.rows = []
        if person is not None:
            self.rows = [(where, part, text, False) for part, where, text in person.read.readings]
            self.rows += [
                (where, "読めなかったセル", text, True) for where, text in person.read.not_understood
            ]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        where, part, text, bad = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (where, self.tr(part) if bad else part, text)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and bad:
            return QBrush(NOT_UNDERSTOOD)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(self.HEADERS[section])
        return None


class ReadingsPanel(QWidget):
    """The readings table (objectName importReadings) and the plan's notes."""

    def __init__(self, excel: ExcelPlan, parent: QWidget | None = None):
        super().__init__(parent)
        self.excel = excel
        self.by_id = {p.read.staff.id: p for p in excel.people}
        self.caption = QLabel(objectName="readingsCaption")
        self.model = ReadingsModel(self)
        self.view = QTableView(objectName="importReadings")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.notes = QLabel("\n".join(excel.notes), objectName="readingsNotes")
        self.notes.setWordWrap(True)
        self.notes.setVisible(bool(excel.notes))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.notes)
        self.show_person(excel.people[0].read.staff.id if excel.people else None)

    def show_person(self, staff_id: str | None) -> None:
        """Shows the readings of the person read with this id."""
        person = self.by_id.get(staff_id) if staff_id else None
        self.model.show_person(person)
        if person is None:
            self.caption.setText("")
            return
        self.caption.setText(
            self.tr("{book} シート「{sheet}」から読んだ内容（{n}セル、読めなかったセル {bad}）").format(
                book=person.source.name,
                sheet=person.read.sheet,
                n=len(person.read.readings),
                bad=len(person.read.not_understood),
            )
        )
