"""The dialog for this database's level definitions (レベル定義, 基準) and categories
(スキルの分類, 知識等の分類).

Edits stay in the dialog until OK, which writes every changed level and category as one
undo step 「定義の変更」 (the store audits each). Cancel writes nothing.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from skillmatrix.domain.model import CRITERIA_KEYS, Category, Level
from skillmatrix.ui.common.session import Session


def _text_box(lines: int, parent: QWidget) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setFixedHeight(parent.fontMetrics().lineSpacing() * lines + 12)
    return box


class DefinitionsDialog(QDialog):
    """View and edit levels and categories (objectName definitionsDialog)."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("definitionsDialog")
        self.setWindowTitle(self.tr("レベルと分類の定義"))
        self.session = session
        self.levels = [dataclasses.replace(lv, criteria=dict(lv.criteria)) for lv in session.levels]
        self.categories = [dataclasses.replace(c) for c in session.categories]
        self._level_row = self._category_row = -1

        tabs = QTabWidget(self)
        tabs.addTab(self._level_page(), self.tr("レベル(&L)"))
        tabs.addTab(self._category_page(), self.tr("分類(&C)"))
        self.problem = QLabel(objectName="definitionsProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c53030")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        if session.readonly:
            buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.level_list.setCurrentRow(0)
        self.category_list.setCurrentRow(0)
        for line_edit in self.findChildren(QLineEdit):
            line_edit.setReadOnly(session.readonly)
        for text_edit in self.findChildren(QPlainTextEdit):
            text_edit.setReadOnly(session.readonly)
        self.resize(self.fontMetrics().averageCharWidth() * 110, self.fontMetrics().height() * 34)

    # -- pages -------------------------------------------------------------------------------

    def _level_page(self) -> QWidget:
        page = QWidget()
        self.level_list = QListWidget(objectName="levelList")
        self.level_list.addItems([lv.name for lv in self.levels])
        self.level_list.currentRowChanged.connect(self._show_level)
        self.level_name = QLineEdit(objectName="levelName")
        self.level_short = _text_box(2, page)
        self.level_short.setObjectName("levelShort")
        self.level_definition = _text_box(4, page)
        self.level_definition.setObjectName("levelDefinition")
        form = QFormLayout()
        form.addRow(self.tr("名称"), self.level_name)
        form.addRow(self.tr("短い定義（履歴書の1列目）"), self.level_short)
        form.addRow(self.tr("定義"), self.level_definition)
        self.criteria_edits = {}
        for key in CRITERIA_KEYS:
            box = _text_box(2, page)
            box.setObjectName(f"criteria_{key}")
            self.criteria_edits[key] = box
            form.addRow(self.tr("基準: {key}").format(key=key), box)
        layout = QHBoxLayout(page)
        layout.addWidget(self.level_list, 1)
        layout.addLayout(form, 4)
        return page

    def _category_page(self) -> QWidget:
        page = QWidget()
        self.category_list = QListWidget(objectName="categoryList")
        self.category_list.addItems([c.name for c in self.categories])
        self.category_list.currentRowChanged.connect(self._show_category)
        self.category_name = QLineEdit(objectName="categoryName")
        self.category_knowledge = _text_box(5, page)
        self.category_knowledge.setObjectName("categoryKnowledge")
        form = QFormLayout()
        form.addRow(self.tr("分類名"), self.category_name)
        form.addRow(self.tr("知識等の分類"), self.category_knowledge)
        layout = QHBoxLayout(page)
        layout.addWidget(self.category_list, 1)
        layout.addLayout(form, 4)
        return page

    # -- moving between items ---------------------------------------------------------------------

    def _store_level(self) -> None:
        if 0 <= self._level_row < len(self.levels):
            level = self.levels[self._level_row]
            criteria = dict(level.criteria)
            for key, box in self.criteria_edits.items():
                text = box.toPlainText().strip()
                if text:
                    criteria[key] = text
                else:
                    criteria.pop(key, None)
            self.levels[self._level_row] = dataclasses.replace(
                level,
                name=self.level_name.text().strip(),
                short=self.level_short.toPlainText().strip(),
                definition=self.level_definition.toPlainText().strip(),
                criteria=criteria,
            )
            self.level_list.item(self._level_row).setText(self.levels[self._level_row].name)

    def _show_level(self, row: int) -> None:
        self._store_level()
        self._level_row = row
        if 0 <= row < len(self.levels):
            level: Level = self.levels[row]
            self.level_name.setText(level.name)
            self.level_short.setPlainText(level.short)
            self.level_definition.setPlainText(level.definition)
            for key, box in self.criteria_edits.items():
                box.setPlainText(level.criteria.get(key, ""))

    def _store_category(self) -> None:
        if 0 <= self._category_row < len(self.categories):
            category = self.categories[self._category_row]
            self.categories[self._category_row] = dataclasses.replace(
                category,
                name=self.category_name.text().strip(),
                knowledge=self.category_knowledge.toPlainText().strip(),
            )
            self.category_list.item(self._category_row).setText(self.categories[self._category_row].name)

    def _show_category(self, row: int) -> None:
        self._store_category()
        self._category_row = row
        if 0 <= row < len(self.categories):
            category: Category = self.categories[row]
            self.category_name.setText(category.name)
            self.category_knowledge.setPlainText(category.knowledge)

    def accept(self) -> None:
        if self.session.readonly:
            super().reject()
            return
        self._store_level()
        self._store_category()
        problems: list[str] = []
        connection = self.session.problem.connect(problems.append)
        try:
            saved = self.session.save_definitions(self.levels, self.categories, self.tr("定義の変更"))
        finally:
            self.session.problem.disconnect(connection)
        if saved:
            super().accept()
        else:
            self.problem.setText("、".join(problems))
