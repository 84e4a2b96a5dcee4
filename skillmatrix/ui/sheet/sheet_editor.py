"""The right side of the window: the shown person's whole sheet.

Top: the profile and the three history tables side by side. Below: the skill grid with the
level panel beside it. When the database holds nobody, a welcome page offers to add a
person or load the demo data instead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from skillmatrix.ui.common.session import Session
from skillmatrix.ui.department.can_do_panel import install_can_do_tab
from skillmatrix.ui.sheet.history_tables import make_history_models
from skillmatrix.ui.sheet.history_view import HistoryPanel
from skillmatrix.ui.sheet.profile import ProfileForm
from skillmatrix.ui.sheet.radar_panel import RadarPanel
from skillmatrix.ui.sheet.skill_grid.level_panel import LevelPanel
from skillmatrix.ui.sheet.skill_grid.model import SkillGridModel
from skillmatrix.ui.sheet.skill_grid.view import SkillGridView

WELCOME_PAGE, SHEET_PAGE = 0, 1


class SheetEditor(QStackedWidget):
    """Profile, histories and grid of the shown person, or the welcome page."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.addWidget(self._welcome_page())
        self.addWidget(self._sheet_page())

    def _welcome_page(self) -> QWidget:
        page = QWidget(objectName="welcomePage")
        text = QLabel(
            self.tr(
                "<h2>職員がまだ登録されていません</h2>"
                "<p>「新しい職員」で一人目を追加するか、"
                "動作を確かめるためにデモデータを読み込んでください。</p>"
            )
        )
        text.setWordWrap(True)
        self.new_staff_button = QPushButton(self.tr("新しい職員を追加(&N)"), objectName="newStaffButton")
        self.demo_button = QPushButton(self.tr("デモデータを読み込む(&L)"), objectName="loadDemoButton")
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(text)
        layout.addWidget(self.new_staff_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(2)
        return page

    def _sheet_page(self) -> QWidget:
        session = self.session
        self.profile = ProfileForm(session)
        self.history_models = make_history_models(session, self)
        self.qualifications = HistoryPanel(
            self.tr("資格等"), self.history_models["qualifications"], "qualificationTable"
        )
        self.assignments = HistoryPanel(
            self.tr("担当履歴"), self.history_models["assignments"], "assignmentTable"
        )
        self.projects = HistoryPanel(
            self.tr("プロジェクト履歴"), self.history_models["projects"], "projectTable"
        )
        self.history_splitter = QSplitter(Qt.Orientation.Horizontal, objectName="historySplitter")
        for panel, stretch in ((self.qualifications, 2), (self.assignments, 4), (self.projects, 3)):
            self.history_splitter.addWidget(panel)
            self.history_splitter.setStretchFactor(self.history_splitter.count() - 1, stretch)

        self.grid_model = SkillGridModel(session, self)
        self.grid = SkillGridView(self.grid_model)
        self.level_panel = LevelPanel(session)
        self.grid.selectionModel().currentChanged.connect(self.level_panel.show_index)
        grid_title = QLabel(self.tr("<b>スキル実績等一覧</b>"))
        grid_title.setBuddy(self.grid)
        grid_box = QWidget()
        grid_layout = QVBoxLayout(grid_box)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.setSpacing(2)
        grid_layout.addWidget(grid_title)
        grid_layout.addWidget(self.grid)
        self.grid_splitter = QSplitter(Qt.Orientation.Horizontal, objectName="gridSplitter")

        self.grid_splitter.addWidget(install_can_do_tab(self, grid_box))
        side = QSplitter(Qt.Orientation.Vertical, objectName="gridSideSplitter")
        side.addWidget(self.level_panel)
        self.radar_panel = RadarPanel(session)  # issue 18: the chart beside the grid
        side.addWidget(self.radar_panel)
        self.grid_splitter.addWidget(side)
        self.grid_splitter.setStretchFactor(0, 5)
        self.grid_splitter.setStretchFactor(1, 1)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.profile)
        top_layout.addWidget(self.history_splitter)
        self.sheet_splitter = QSplitter(Qt.Orientation.Vertical, objectName="sheetSplitter")
        self.sheet_splitter.addWidget(top)
        self.sheet_splitter.addWidget(self.grid_splitter)
        self.sheet_splitter.setStretchFactor(0, 2)
        self.sheet_splitter.setStretchFactor(1, 5)
        self.sheet_splitter.setChildrenCollapsible(False)

        for model in self.history_models.values():
            model.invalid_entered.connect(session.problem)
        # 経験年数 follows the periods of 担当履歴 as they are typed.
        self.assignments.table.typing.connect(self._preview_experience)
        self.assignments.table.editing_ended.connect(lambda: self.profile.show_experience(session.current))
        session.current_changed.connect(self._current_changed)
        self._current_changed(session.current)
        return self.sheet_splitter

    def _preview_experience(self, row: int, column: int, text: str) -> None:
        sheet = self.history_models["assignments"].preview(row, column, text)
        if sheet is not None:
            self.profile.show_experience(sheet)

    def _current_changed(self, sheet) -> None:
        for panel in (self.qualifications, self.assignments, self.projects):
            panel.setEnabled(sheet is not None)
        self.grid.setEnabled(sheet is not None)

    def show_welcome(self, welcome: bool) -> None:
        """Shows the welcome page (nobody in the database) or the sheet."""
        self.setCurrentIndex(WELCOME_PAGE if welcome else SHEET_PAGE)

    def views(self) -> list[QAbstractItemView]:
        """Returns the editable tables, in tab order."""
        return [self.qualifications.table, self.assignments.table, self.projects.table, self.grid]

    def commit_open_editors(self) -> None:
        """Writes a cell still being edited and any profile field still being typed, so that
        an action (undo, switching person, closing) starts from what the user sees."""
        focus = QApplication.focusWidget()
        for view in self.views():
            if (
                focus is not None
                and view.isAncestorOf(focus)
                and focus is not view
                and view.state() == QAbstractItemView.State.EditingState
            ):
                delegate = view.itemDelegateForIndex(view.currentIndex())
                delegate.commitData.emit(focus)
                delegate.closeEditor.emit(focus, delegate.EndEditHint.NoHint)
        self.profile.commit_all()
