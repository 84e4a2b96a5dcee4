"""The side panel beside the grid: the selected row's level definition and criteria (基準),
and the knowledge areas of the selected column's category."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

from skillmatrix.domain.model import CRITERIA_KEYS
from skillmatrix.ui.common.session import Session


class LevelPanel(QScrollArea):
    """Shows what the level of the current grid row means (objectName levelPanel)."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("levelPanel")
        self.session = session
        self.label = QLabel(objectName="levelText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setMargin(6)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self._row, self._column = 0, 0
        session.definitions_changed.connect(self.refresh)
        session.store_replaced.connect(self.refresh)
        self.refresh()

    def show_index(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        """Follows the grid's current cell."""
        if current.isValid():
            self._row, self._column = current.row(), current.column()
        self.refresh()

    def refresh(self) -> None:
        levels, categories = self.session.levels, self.session.categories
        if not levels:
            self.label.clear()
            return
        level = levels[min(self._row, len(levels) - 1)]
        parts = [f"<h3>{escape(level.name)}</h3>", f"<p>{_html(level.definition)}</p>"]
        criteria = [(k, level.criteria[k]) for k in CRITERIA_KEYS if level.criteria.get(k)]
        criteria += [(k, v) for k, v in level.criteria.items() if k not in CRITERIA_KEYS and v]
        if criteria:
            parts.append(f"<p><b>{escape(self.tr('基準'))}</b></p><ul>")
            parts += [f"<li>{escape(k)}: {_html(v)}</li>" for k, v in criteria]
            parts.append("</ul>")
        if categories:
            category = categories[min(self._column, len(categories) - 1)]
            parts.append(f"<p><b>{escape(category.name)}</b><br>{_html(category.knowledge)}</p>")
        self.label.setText("".join(parts))


def _html(text: str) -> str:
    return escape(text).replace("\n", "<br>")
