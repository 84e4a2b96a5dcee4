"""Qualifications expired or expiring soon (資格の有効期限), e.g. 情報処理安全確保支援士 that
must be renewed: soonest first, a double click opens the person's sheet."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableView,
    QWidget,
)

from skillmatrix.domain import dates
from skillmatrix.domain.department import EXPIRY_WINDOW_DAYS, Expiry, expiring
from skillmatrix.report.department_tables import SHADE_RGB
from skillmatrix.store.department import DepartmentStore
from skillmatrix.ui.common.row_table_model import RowTableModel
from skillmatrix.ui.common.session import Session
from skillmatrix.ui.department.dialog_base import DepartmentDialog

STAFF_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_EXPIRED = QBrush(QColor.fromRgbF(*SHADE_RGB["below"]))
_SOON = QBrush(QColor.fromRgbF(*SHADE_RGB["one_below"]))


class ExpiryModel(RowTableModel):
    """氏名, 資格, 有効期限, 状況 — one row per qualification in the window."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.rows: list[Expiry] = []
        self.date_style = "seireki"
        self.headers = [self.tr("氏名"), self.tr("資格"), self.tr("有効期限"), self.tr("状況")]

    def set_rows(self, rows: list[Expiry], date_style: str) -> None:
        self.beginResetModel()
        self.rows, self.date_style = list(rows), date_style
        self.endResetModel()

    def row_items(self) -> list:
        return self.rows

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        x = self.rows[index.row()]
        col = index.column()
        if role == STAFF_ID_ROLE:
            return x.staff_id
        if role == Qt.ItemDataRole.BackgroundRole and col == 3:
            return _EXPIRED if x.expired else _SOON
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == 0:
            return x.staff_name
        if col == 1:
            return x.qualification
        if col == 2:
            return x.expires.format(self.date_style)
        if x.expired:
            return self.tr("期限切れ（{n}日経過）").format(n=-x.days_left)
        if x.days_left == 0:
            return self.tr("本日まで")
        return self.tr("あと{n}日").format(n=x.days_left)


class ExpiryDialog(DepartmentDialog):
    """The list (objectName expiryDialog); staff_activated(id) on a double click."""

    default_size = (720, 460)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, "expiryDialog", "資格の有効期限", parent)
        self.setWindowTitle(self.tr("資格の有効期限"))
        self.model = ExpiryModel(self)
        self.days = QSpinBox(objectName="expiryDays")
        self.days.setRange(0, 3650)
        self.days.setValue(EXPIRY_WINDOW_DAYS)
        self.days.setSuffix(self.tr("日以内"))
        self.count = QLabel(objectName="expiryCount")
        self.view = QTableView(objectName="expiryTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("期限切れと、有効期限まで")))
        top.addWidget(self.days)
        top.addWidget(self.count, 1)
        self.body.addLayout(top)
        self.body.addWidget(self.view, 1)
        self.days.valueChanged.connect(lambda _v: self.reload())
        self.view.activated.connect(self._open)
        self.view.doubleClicked.connect(self._open)
        self.reload()

    def reload(self) -> None:
        rows = expiring(
            DepartmentStore(self.session.store).qualifications_with_expiry(), dates.today(), self.days.value()
        )
        self.model.set_rows(rows, self.session.date_style)
        lapsed = sum(1 for x in rows if x.expired)
        self.count.setText(self.tr("{n}件（期限切れ {x}件）").format(n=len(rows), x=lapsed))

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.staff_activated.emit(index.data(STAFF_ID_ROLE))
