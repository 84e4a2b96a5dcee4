"""The 「できること」 tab of the person's sheet, beside the skill grid.

Lists the can-do statements of every category with a tick box and the date each was
confirmed for the shown person, marks those the person's target profile (求める人材像)
requires, lets the chief give the person another profile, and add or remove statements.
Every change is one step on the window's undo stack.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from skillmatrix.domain.department import CanDo, default_profile
from skillmatrix.domain.model import Category, Level
from skillmatrix.operations.department import AssignProfile, DeleteCanDo, SaveCanDo
from skillmatrix.ui.common.session import Session
from skillmatrix.ui.department.can_do_model import CATEGORY, DATE, LEVEL, REQUIRED, TEXT, CanDoModel
from skillmatrix.ui.department.dialog_base import ok_cancel

DEFAULT_LEVEL = 3


class CanDoDialog(QDialog):
    """Asks for a new statement: category, level, the group it belongs to and its text."""

    def __init__(
        self,
        categories: list[Category],
        levels: list[Level],
        groups: list[str],
        category_id: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("canDoDialog")
        self.setWindowTitle(self.tr("できることを追加"))
        self.category = QComboBox(objectName="canDoDialogCategory")
        for c in categories:
            self.category.addItem(c.name, c.id)
        if category_id:
            self.category.setCurrentIndex(max(0, self.category.findData(category_id)))
        self.level = QComboBox(objectName="canDoDialogLevel")
        for lv in levels:
            self.level.addItem(lv.name, lv.number)
        self.level.setCurrentIndex(max(0, self.level.findData(DEFAULT_LEVEL)))
        self.group = QLineEdit(objectName="canDoDialogGroup")
        self.group.setMaxLength(200)
        self.group.setPlaceholderText(self.tr("例: セキュリティ管理ができる（空欄可）"))
        self.group.setCompleter(QCompleter(groups, self.group))
        self.text = QLineEdit(objectName="canDoDialogText")
        self.text.setMaxLength(200)
        self.text.setPlaceholderText(self.tr("例: 原課のセキュリティ教育を実施できる"))
        self.text.setMinimumWidth(self.fontMetrics().averageCharWidth() * 50)
        buttons = ok_cancel(self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.text.textChanged.connect(lambda t: self.ok_button.setEnabled(bool(t.strip())))
        form = QFormLayout(self)
        form.addRow(self.tr("分類(&C)"), self.category)
        form.addRow(self.tr("レベル(&L)"), self.level)
        form.addRow(self.tr("まとまり(&G)"), self.group)
        form.addRow(self.tr("できること(&T)"), self.text)
        form.addRow(buttons)

    def statement(self, position: int) -> CanDo:
        """Returns the statement entered (a new id)."""
        return CanDo(
            category_id=self.category.currentData(),
            level=self.level.currentData(),
            text=self.text.text().strip(),
            group=self.group.text().strip(),
            position=position,
        )


class CanDoPanel(QWidget):
    """The shown person's できること (objectName canDoPanel)."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("canDoPanel")
        self.session = session
        self.model = CanDoModel(session, self)
        self.profile_combo = QComboBox(objectName="canDoProfile")
        self.profile_combo.setToolTip(self.tr("この職員に求める人材像（既定は職名から）"))
        self.category_combo = QComboBox(objectName="canDoCategory")
        self.summary = QLabel(objectName="canDoSummary")
        # Narrow windows: the panel must not widen the sheet (texts wrap, combos shrink).
        self.summary.setWordWrap(True)
        for combo in (self.profile_combo, self.category_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        self.view = QTableView(objectName="canDoTable")
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("できること"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.setWordWrap(True)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        for col in (CATEGORY, LEVEL, DATE, REQUIRED):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.add_button = QPushButton(self.tr("できることを追加(&A)…"), objectName="canDoAdd")
        self.delete_button = QPushButton(self.tr("削除"), objectName="canDoDelete")
        self.delete_button.setToolTip(self.tr("選んだ「できること」を全員から削除します（元に戻せます）"))

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("人材像")))
        top.addWidget(self.profile_combo)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("分類")))
        top.addWidget(self.category_combo)
        top.addSpacing(12)
        top.addWidget(self.summary, 1)
        bottom = QHBoxLayout()
        hint = QLabel(self.tr("チェックで「できる」と確認（確認日はダブルクリックで修正）"))
        hint.setWordWrap(True)
        bottom.addWidget(hint, 1)
        bottom.addWidget(self.add_button)
        bottom.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

        self.profile_combo.activated.connect(self._profile_chosen)
        self.category_combo.activated.connect(
            lambda _i: self.model.set_category(self.category_combo.currentData() or "")
        )
        self.add_button.clicked.connect(self.add_statement)
        self.delete_button.clicked.connect(self.delete_statement)
        self.model.modelReset.connect(self._refresh)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self._refresh()

    # -- showing --------------------------------------------------------------------------

    def _refresh(self) -> None:
        model, session = self.model, self.session
        sheet = session.current
        combo = self.profile_combo
        combo.clear()
        default = default_profile(sheet.title, model.profiles) if sheet else None
        combo.addItem(
            self.tr("職名から（{name}）").format(name=default.name if default else self.tr("なし")), ""
        )
        for p in model.profiles:
            combo.addItem(p.name, p.id)
        combo.setCurrentIndex(max(0, combo.findData(model.assigned or "")))
        combo.setEnabled(sheet is not None and not session.readonly)

        chosen = self.category_combo.currentData() or ""
        self.category_combo.clear()
        self.category_combo.addItem(self.tr("すべての分類"), "")
        used = {s.category_id for s in model.statements()}
        for c in session.categories:
            if c.id in used:
                self.category_combo.addItem(c.name, c.id)
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(chosen)))
        if (self.category_combo.currentData() or "") != chosen:
            model.set_category("")

        required, missing = len(model.required()), len(model.missing())
        if sheet is None:
            self.summary.setText("")
        elif model.profile is None:
            self.summary.setText(self.tr("人材像がありません"))
        elif required:
            self.summary.setText(
                self.tr("人材像「{p}」が求めるできること {n}件中 {done}件確認（未達 {m}件）").format(
                    p=model.profile.name, n=required, done=required - missing, m=missing
                )
            )
        else:
            self.summary.setText(
                self.tr("人材像「{p}」が求めるできることはありません").format(p=model.profile.name)
            )
        self.add_button.setEnabled(not session.readonly and bool(session.categories))
        self._update_buttons()
        self.view.resizeRowsToContents()

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(not self.session.readonly and self.view.currentIndex().isValid())

    def tab_text(self) -> str:
        """Returns the tab title: 「できること（確認済/必須）」 when the profile requires some."""
        required = len(self.model.required())
        if not required or self.session.current is None:
            return self.tr("できること")
        return self.tr("できること（{done}/{n}）").format(
            done=required - len(self.model.missing()), n=required
        )

    # -- changing -------------------------------------------------------------------------

    def _profile_chosen(self, _index: int) -> None:
        sheet = self.session.current
        chosen = self.profile_combo.currentData() or None
        if sheet is None or chosen == self.model.assigned:
            return
        if not self.session.run(AssignProfile(sheet.id, chosen, self.tr("人材像の割り当て"))):
            self._refresh()

    def add_statement(self) -> CanDoDialog:
        """Opens the dialog for a new statement; OK adds it as one undo step."""
        groups = list(dict.fromkeys(s.group for s in self.model.statements() if s.group))
        dialog = CanDoDialog(
            self.session.categories,
            self.session.levels,
            groups,
            self.category_combo.currentData() or self._security_id(),
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        position = max((s.position for s in self.model.statements()), default=-1) + 1
        dialog.accepted.connect(
            lambda: self.session.run(SaveCanDo(dialog.statement(position), self.tr("できることの追加")))
        )
        dialog.open()
        return dialog

    def _security_id(self) -> str:
        return next((c.id for c in self.session.categories if c.name == "セキュリティ"), "")

    def delete_statement(self) -> None:
        """Removes the selected statement for everyone (undo brings back ticks and profiles)."""
        index = self.view.currentIndex()
        if index.isValid():
            statement = self.model.statement(index.row())
            self.session.run(DeleteCanDo(statement.id, self.tr("できることの削除")))


def install_can_do_tab(editor, grid_box: QWidget) -> QTabWidget:
    """Puts the grid and the 「できること」 panel in tabs; returns the tab widget.

    Sets editor.can_do_panel. The level panel beside follows the statement chosen.
    """
    tabs = QTabWidget(objectName="sheetTabs")
    tabs.setDocumentMode(True)
    tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
    panel = CanDoPanel(editor.session)
    tabs.addTab(grid_box, editor.tr("実績"))
    tabs.addTab(panel, panel.tab_text())
    panel.model.modelReset.connect(lambda: tabs.setTabText(1, panel.tab_text()))

    def show_level(current, _previous=None) -> None:
        # The level panel explains the statement's level and category, as for a grid cell.
        if not current.isValid():
            return
        s = panel.model.statement(current.row())
        session = editor.session
        rows = [lv.number for lv in session.levels]
        cols = [c.id for c in session.categories]
        if s.level in rows and s.category_id in cols:
            editor.level_panel.show_index(
                editor.grid_model.index(rows.index(s.level), cols.index(s.category_id))
            )

    panel.view.selectionModel().currentChanged.connect(show_level)
    editor.can_do_panel = panel
    return tabs
