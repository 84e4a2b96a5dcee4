"""A delegate that edits a cell by choosing from a list (category, level, kind, target)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

CHOICE_ROLE = Qt.ItemDataRole.UserRole + 10  # the value behind a cell's text (id, number)


class ChoiceDelegate(QStyledItemDelegate):
    """Edits with a combo box of (label, value); setData receives the value.

    The model answers CHOICE_ROLE with the cell's current value, and takes the chosen
    value through setData(index, value, CHOICE_ROLE).
    """

    def __init__(self, choices, parent: QObject | None = None):
        super().__init__(parent)
        self.choices = choices  # list of (label, value), or a callable returning one

    def _choices(self) -> list[tuple[str, object]]:
        return self.choices() if callable(self.choices) else self.choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        combo = QComboBox(parent)
        for label, value in self._choices():
            combo.addItem(label, value)
        # A choice commits at once, as a spreadsheet's list cell does.
        combo.activated.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:
        current = index.data(CHOICE_ROLE)
        values = [v for _label, v in self._choices()]
        editor.setCurrentIndex(values.index(current) if current in values else 0)

    def setModelData(self, editor: QComboBox, model: QAbstractItemModel, index: QModelIndex) -> None:
        value = editor.currentData()
        if value != index.data(CHOICE_ROLE):
            model.setData(index, value, CHOICE_ROLE)


def level_choices(none_label: str) -> list[tuple[str, int | None]]:
    """Returns 「none_label」 and レベル0..7 as choices."""
    from skillmatrix.domain.model import LEVEL_COUNT

    return [(none_label, None)] + [(f"レベル{n}", n) for n in range(LEVEL_COUNT)]
