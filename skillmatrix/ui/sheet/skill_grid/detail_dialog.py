"""The detail editor of one grid cell: each entry's text, kind, date and note.

Changes are kept in the dialog until OK, which writes them as one undo step
「項目の詳細」; Cancel leaves the file untouched.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from skillmatrix.domain.dates import DateError, PartialDate
from skillmatrix.domain.model import KIND_LABELS, KINDS, Entry
from skillmatrix.operations.grid_edits import guess_kind
from skillmatrix.ui.sheet.skill_grid.model import SkillGridModel


class EntryDetailDialog(QDialog):
    """Edits the entries of one cell (objectName entryDetailDialog)."""

    def __init__(self, model: SkillGridModel, index: QModelIndex, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("entryDetailDialog")
        self.model, self.index = model, index
        level = model.headerData(index.row(), Qt.Orientation.Vertical)
        category = model.headerData(index.column(), Qt.Orientation.Horizontal)
        self.setWindowTitle(self.tr("項目の詳細 — %1 × %2").replace("%1", level).replace("%2", category))
        self.entries = [dataclasses.replace(e) for e in model.entries(index)]
        self.date_style = model.session.date_style
        self._row = -1

        self.list = QListWidget(objectName="entryList")
        self.list.setWordWrap(True)  # long entries wrap instead of scrolling sideways
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(self._show_entry)
        add = QPushButton(self.tr("追加(&A)"), clicked=self._add)
        remove = QPushButton(self.tr("削除(&R)"), clicked=self._remove)
        left = QVBoxLayout()
        left.addWidget(self.list)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        left.addLayout(buttons)

        self.text = QLineEdit(objectName="entryText")
        self.kind = QComboBox(objectName="entryKind")
        for kind in KINDS:
            self.kind.addItem(KIND_LABELS[kind], kind)
        self.date = QLineEdit(objectName="entryDate")
        self.date.setPlaceholderText(self.tr("例: 2013/4、平成25年4月、R5.4.1"))
        self.note = QPlainTextEdit(objectName="entryNote")
        self.problem = QLabel(objectName="entryProblem")
        self.problem.setStyleSheet("color: #c53030")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("内容(&T)"), self.text)
        form.addRow(self.tr("種別(&K)"), self.kind)
        form.addRow(self.tr("日付(&D)"), self.date)
        form.addRow(self.tr("備考(&N)"), self.note)
        form.addRow(self.problem)
        self.form_widget = QWidget()
        self.form_widget.setLayout(form)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addWidget(self.form_widget, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.buttons)

        for entry in self.entries:
            self.list.addItem(entry.text)
        if not self.entries:
            self._add()
        self.list.setCurrentRow(0)
        self.resize(self.fontMetrics().averageCharWidth() * 90, self.fontMetrics().height() * 20)

    def _store_form(self) -> bool:
        """Copies the form into the entry being edited; False when the date is unreadable."""
        if not 0 <= self._row < len(self.entries):
            return True
        entry = self.entries[self._row]
        try:
            date = PartialDate.parse(self.date.text()) if self.date.text().strip() else None
        except DateError as error:
            self.problem.setText(str(error))
            self.date.setFocus()
            return False
        self.problem.clear()
        self.entries[self._row] = dataclasses.replace(
            entry,
            text=self.text.text().strip(),
            kind=self.kind.currentData(),
            date=date,
            note=self.note.toPlainText().strip(),
        )
        self.list.item(self._row).setText(self.entries[self._row].text or self.tr("（空）"))
        return True

    def _show_entry(self, row: int) -> None:
        if row == self._row:
            return
        if not self._store_form():
            self.list.blockSignals(True)
            self.list.setCurrentRow(self._row)
            self.list.blockSignals(False)
            return
        self._row = row
        self.form_widget.setEnabled(0 <= row < len(self.entries))
        if not 0 <= row < len(self.entries):
            return
        entry = self.entries[row]
        self.text.setText(entry.text)
        self.kind.setCurrentIndex(KINDS.index(entry.kind) if entry.kind in KINDS else len(KINDS) - 1)
        self.date.setText(entry.date.format(self.date_style) if entry.date else "")
        self.note.setPlainText(entry.note)

    def _add(self) -> None:
        if not self._store_form():
            return
        level, category_id = self.model.cell_of(self.index)
        self.entries.append(Entry(level, category_id, "", kind=guess_kind("")))
        self.list.addItem(self.tr("（空）"))
        self.list.setCurrentRow(len(self.entries) - 1)
        self.text.setFocus()

    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.entries):
            self._row = -1  # the form belongs to the removed entry: do not store it
            del self.entries[row]
            self.list.takeItem(row)
            self._show_entry(self.list.currentRow())

    def accept(self) -> None:
        if not self._store_form():
            return
        entries = [e for e in self.entries if e.text]
        if self.model.set_entries(self.index, entries):
            super().accept()
