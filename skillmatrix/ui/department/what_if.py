"""異動 what-if in the 部門 tab: tick who leaves, add who arrives (from the list or as a
placeholder with a 職名), and see per category how many remain at or above the target
level; a category that falls to zero or below the chief's minimum is flagged (属人化).

Nothing is written unless the chief saves the scenario by name (store/history.py, the
scenario table of db/0007). The group is the people the 部門 tab shows (its 所属 and 職名
filters); arrivals from the list are people outside it.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from skillmatrix.domain.coverage import CoverageBase, CoverageRow, Placeholder, Scenario, thresholds
from skillmatrix.domain.department_view import Snapshot
from skillmatrix.store.errors import StoreError
from skillmatrix.store.history import HistoryStore
from skillmatrix.ui.common.session import Session
from skillmatrix.ui.department.what_if_models import CoverageModel, LeavingModel


class WhatIfPanel(QWidget):
    """The what-if view (objectName whatIfPanel)."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("whatIfPanel")
        self.session = session
        self.snapshot: Snapshot | None = None
        self.base: CoverageBase | None = None
        self.arriving: list[str | Placeholder] = []
        self.minimum: dict[str, int] = {}
        self.rows: list[CoverageRow] = []

        self.leaving_model = LeavingModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.leaving_model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit(objectName="whatIfSearch", placeholderText=self.tr("氏名で探す"))
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.people = QListView(objectName="whatIfPeople")
        self.people.setModel(self.proxy)
        self.people.setUniformItemSizes(True)
        self.people.setToolTip(self.tr("4月に転出する人にチェックを付けます"))

        self.others = QComboBox(objectName="whatIfOthers")
        self.others.setToolTip(self.tr("表示中の所属・職名の外から着任する人"))
        self.add_other = QPushButton(self.tr("着任に加える"), objectName="whatIfAddArrival")
        self.placeholder_title = QLineEdit(
            objectName="whatIfPlaceholderTitle", placeholderText=self.tr("職名（例: 主事）")
        )
        self.add_placeholder = QPushButton(self.tr("未定の人を加える"), objectName="whatIfAddPlaceholder")
        self.arrivals = QListWidget(objectName="whatIfArrivals")
        self.remove_arrival = QPushButton(self.tr("着任から外す"), objectName="whatIfRemoveArrival")

        self.coverage = CoverageModel(self)
        self.table = QTableView(objectName="whatIfTable")
        self.table.setModel(self.coverage)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.summary = QLabel(objectName="whatIfSummary")
        self.summary.setWordWrap(True)

        self.name_edit = QLineEdit(objectName="whatIfName", placeholderText=self.tr("シナリオ名"))
        self.save_button = QPushButton(self.tr("名前を付けて保存"), objectName="whatIfSave")
        self.saved = QComboBox(objectName="whatIfSaved")
        self.load_button = QPushButton(self.tr("読み込む"), objectName="whatIfLoad")
        self.delete_button = QPushButton(self.tr("削除"), objectName="whatIfDelete")
        self.clear_button = QPushButton(self.tr("すべて外す"), objectName="whatIfClear")

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("<b>転出</b>（チェック）")))
        left.addWidget(self.search)
        left.addWidget(self.people, 1)
        left.addWidget(self.clear_button)
        middle = QGridLayout()
        middle.addWidget(QLabel(self.tr("<b>着任</b>")), 0, 0)
        middle.addWidget(self.remove_arrival, 0, 1)  # on the label's row: the tab stays low
        middle.addWidget(self.others, 1, 0)
        middle.addWidget(self.add_other, 1, 1)
        middle.addWidget(self.placeholder_title, 2, 0)
        middle.addWidget(self.add_placeholder, 2, 1)
        middle.addWidget(self.arrivals, 3, 0, 1, 2)
        right = QVBoxLayout()
        right.addWidget(self.summary)
        right.addWidget(self.table, 1)
        # Two rows, so that the tab fits a 1600×1000 screen at 200 %.
        saving = QGridLayout()
        saving.addWidget(self.name_edit, 0, 0, 1, 2)
        saving.addWidget(self.save_button, 0, 2)
        saving.addWidget(QLabel(self.tr("保存済み")), 1, 0)
        saving.addWidget(self.saved, 1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.delete_button)
        saving.addLayout(buttons, 1, 2)
        saving.setColumnStretch(1, 1)
        right.addLayout(saving)
        for view in (self.people, self.arrivals, self.table):
            view.setMinimumHeight(40)  # lists shrink with the window (200 % on 1600×1000)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(middle, 2)
        layout.addLayout(right, 5)

        self.leaving_model.ticked.connect(self.recompute)
        self.coverage.minimum_changed.connect(self._minimum_changed)
        self.add_other.clicked.connect(self._add_other)
        self.add_placeholder.clicked.connect(self._add_placeholder)
        self.placeholder_title.returnPressed.connect(self._add_placeholder)
        self.remove_arrival.clicked.connect(self._remove_arrival)
        self.clear_button.clicked.connect(self.clear)
        self.save_button.clicked.connect(self.save)
        self.load_button.clicked.connect(self._load_chosen)
        self.delete_button.clicked.connect(self._delete)
        self._fill_saved()

    # -- the group ----------------------------------------------------------------------------

    def set_group(self, snapshot: Snapshot, group: list[str]) -> None:
        """Counts the group (the people the tab shows) of the snapshot; keeps the marks."""
        self.snapshot = snapshot
        self.base = CoverageBase(
            snapshot.categories,
            snapshot.levels,
            group,
            thresholds(snapshot.categories, (p.targets for p in snapshot.profiles)),
        )
        members = set(group)
        self.leaving_model.set_people([p for p in snapshot.people if p.id in members])
        self.others.clear()
        for p in snapshot.people:
            if p.id not in members:
                self.others.addItem(f"{p.name}（{p.section or p.title}）", p.id)
        self.add_other.setEnabled(self.others.count() > 0)
        self.recompute()

    def scenario(self) -> Scenario:
        """Returns the marks as a scenario."""
        return Scenario(tuple(self.leaving_model.leaving), tuple(self.arriving), dict(self.minimum))

    def recompute(self) -> None:
        """Works the coverage out again (only the marked people are looked at)."""
        if self.base is None or self.snapshot is None:
            return
        scenario = self.scenario()
        self.rows = self.base.what_if(scenario)
        names = {p.id: p.name for p in self.snapshot.people}
        self.coverage.set_rows(self.rows, names)
        before, after = self.base.headcount(scenario)
        flagged = [r.name for r in self.rows if r.flag]
        text = self.tr("人数 {b}名 → {a}名（転出 {l}名、着任 {n}名）").format(
            b=before, a=after, l=len(scenario.leaving), n=len(scenario.arriving)
        )
        if flagged:
            text += self.tr("。注意: {c}").format(c="、".join(flagged))
        self.summary.setText(text)

    def _minimum_changed(self, category_id: str, n: int) -> None:
        self.minimum[category_id] = n
        self.recompute()

    def _add_other(self) -> None:
        staff_id = self.others.currentData()
        if staff_id and staff_id not in self.arriving:
            self.arriving.append(staff_id)
            self._show_arrivals()

    def _add_placeholder(self) -> None:
        title = self.placeholder_title.text().strip()
        if title:
            self.arriving.append(Placeholder(title))
            self.placeholder_title.clear()
            self._show_arrivals()

    def _remove_arrival(self) -> None:
        row = self.arrivals.currentRow()
        if 0 <= row < len(self.arriving):
            del self.arriving[row]
            self._show_arrivals()

    def _show_arrivals(self) -> None:
        names = {p.id: p.name for p in self.snapshot.people} if self.snapshot else {}
        self.arrivals.clear()
        for a in self.arriving:
            text = self.tr("未定（{t}）").format(t=a.title) if isinstance(a, Placeholder) else names.get(a, a)
            self.arrivals.addItem(QListWidgetItem(text))
        self.recompute()

    def clear(self) -> None:
        """Takes every mark off (nothing stored)."""
        for staff_id in list(self.leaving_model.leaving):
            self.leaving_model.set_leaving(staff_id, False)
        self.arriving.clear()
        self.minimum.clear()
        self._show_arrivals()

    # -- saved scenarios --------------------------------------------------------------------------

    def _fill_saved(self) -> None:
        self.saved.clear()
        try:
            names = list(HistoryStore(self.session.store).scenarios())
        except StoreError:
            names = []
        self.saved.addItems(names)
        self.load_button.setEnabled(bool(names))
        self.delete_button.setEnabled(bool(names))

    def save(self) -> bool:
        """Saves the marks under the name typed (the only write this view makes)."""
        name = self.name_edit.text().strip()
        if not name:
            self.session.problem.emit(self.tr("シナリオ名を入力してください"))
            return False
        try:
            HistoryStore(self.session.store).save_scenario(name, self.scenario())
        except StoreError as e:
            self.session.problem.emit(str(e))
            return False
        self._fill_saved()
        self.saved.setCurrentText(name)
        self.session.problem.emit(self.tr("シナリオ「{n}」を保存しました").format(n=name))
        return True

    def load(self, name: str) -> None:
        """Puts a saved scenario's marks back."""
        scenario = HistoryStore(self.session.store).scenarios().get(name)
        if scenario is None:
            return
        self.clear()
        for staff_id in scenario.leaving:
            self.leaving_model.set_leaving(staff_id, True)
        self.arriving = list(scenario.arriving)
        self.minimum = dict(scenario.minimum)
        self.name_edit.setText(name)
        self._show_arrivals()

    def _load_chosen(self) -> None:
        self.load(self.saved.currentText())

    def _delete(self) -> None:
        name = self.saved.currentText()
        if name:
            HistoryStore(self.session.store).delete_scenario(name)
            self._fill_saved()
