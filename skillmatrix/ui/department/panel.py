"""The 「部門」 tab: the matrix or gap view with its filters, and per-category counts.

It reads the database only through DepartmentStore.snapshot(): one GROUP BY for levels
and a handful of small queries, then everything happens in the models. It reloads when
the data changed and the tab is (or becomes) visible, never while hidden.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from skillmatrix.domain.model import KIND_LABELS, KINDS
from skillmatrix.report.department_tables import REPORT_TITLES
from skillmatrix.ui.common import settings
from skillmatrix.ui.department.counts_model import CountsModel
from skillmatrix.ui.department.dialogs import DIALOGS, install_menu, open_dialog
from skillmatrix.ui.department.matrix_model import MODE_GAPS, MODE_LEVELS, MatrixModel
from skillmatrix.ui.department.picture import install_picture


class DepartmentPanel(QWidget):
    """Who can do what, across everyone; a click on a person opens their sheet."""

    staff_activated = Signal(str)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("departmentPanel")
        self.session = session
        self._stale = True
        self.model = MatrixModel(self)
        self.counts = CountsModel(self)

        self.mode_combo = QComboBox(objectName="departmentMode")
        self.mode_combo.addItem(self.tr("スキルマップ（レベル）"), MODE_LEVELS)
        self.mode_combo.addItem(self.tr("求める人材像との差"), MODE_GAPS)
        self.section_combo = QComboBox(objectName="departmentSection")
        self.title_combo = QComboBox(objectName="departmentTitle")
        for combo in (self.section_combo, self.title_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind_boxes = {}
        kinds_row = QHBoxLayout()
        kinds_row.setSpacing(4)
        for kind in KINDS:
            box = QCheckBox(self.tr(KIND_LABELS[kind]), objectName=f"departmentKind_{kind}")
            box.setChecked(True)
            box.toggled.connect(self._kinds_changed)
            self.kind_boxes[kind] = box
            kinds_row.addWidget(box)
        self.count_label = QLabel(objectName="departmentCount")
        self.count_label.setToolTip(self.tr("表示中の人数（所属・職名で絞り込んだ後）／全職員の人数"))
        self.export_button = QToolButton(objectName="departmentExport")
        self.export_button.setText(self.tr("書き出す"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        for kind, title in REPORT_TITLES.items():
            for suffix, label in ((".pdf", "PDF"), (".xlsx", "Excel")):
                action = menu.addAction(f"{title}（{label}）…")
                action.triggered.connect(lambda _c=False, k=kind, s=suffix: self.export(k, s))
        self.export_button.setMenu(menu)

        self.as_of_combo = QComboBox(objectName="departmentAsOf")
        self.as_of_combo.setToolTip(
            self.tr("その年度の4月1日時点の姿を、保存された版から組み立てて表示します（目標は現在のもの）")
        )
        bar = QHBoxLayout()
        bar.addWidget(self.mode_combo)
        bar.addWidget(QLabel(self.tr("時点")))
        bar.addWidget(self.as_of_combo)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("所属")))
        bar.addWidget(self.section_combo)
        bar.addWidget(QLabel(self.tr("職名")))
        bar.addWidget(self.title_combo)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        bar.addWidget(self.export_button)
        # The kinds on a line of their own: one line of everything made the window wider
        # than a 1600-pixel screen at 200 %.
        kinds_row.insertWidget(0, QLabel(self.tr("数える実績")))
        kinds_row.addStretch(1)

        self.view = QTableView(objectName="departmentMatrix")
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.view.setWordWrap(False)
        self.view.setToolTip(
            self.tr("氏名をクリック（ほかの欄はダブルクリックかEnter）でその職員のスキル履歴書を開きます")
        )
        self.view.activated.connect(self._open)
        self.view.doubleClicked.connect(self._open)
        # A click on the name opens the sheet, like a link; elsewhere a click only selects,
        # so that one can look along a row without leaving the tab.
        self.view.clicked.connect(lambda index: self._open(index) if index.column() == 0 else None)
        self.count_view = QTableView(objectName="departmentCounts")
        self.count_view.setModel(self.counts)
        self.count_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.count_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.count_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)

        splitter = QSplitter(Qt.Orientation.Vertical, objectName="departmentSplitter")
        splitter.addWidget(self.view)
        self.picture = install_picture(self, session)  # counts | radar | 異動 (issue 18)
        splitter.addWidget(self.picture)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(kinds_row)
        layout.addLayout(self._dialog_buttons())
        layout.addWidget(splitter)

        self.mode_combo.currentIndexChanged.connect(self._mode_changed)
        self.as_of_combo.currentIndexChanged.connect(self._as_of_changed)
        self.section_combo.currentIndexChanged.connect(self._filter_changed)
        self.title_combo.currentIndexChanged.connect(self._filter_changed)
        self.model.filtered.connect(self._update_counts)
        self.model.modelReset.connect(self._update_counts)
        for signal in (
            session.staff_written,
            session.staff_added,
            session.staff_removed,
            session.staff_reloaded,
            session.store_replaced,
            session.definitions_changed,
            session.order_changed,
            session.department_changed,
        ):
            signal.connect(self.mark_stale)

    # -- the department's dialogs -------------------------------------------------------------

    def _dialog_buttons(self) -> QHBoxLayout:

        row = QHBoxLayout()
        self.dialog_buttons = {}
        for name, (text, _factory) in DIALOGS.items():
            button = QPushButton(self.tr(text), objectName=f"department_{name}")
            button.clicked.connect(lambda _c=False, n=name: self.open_dialog(n))
            row.addWidget(button)
            self.dialog_buttons[name] = button
        row.addStretch(1)
        return row

    def open_dialog(self, name: str):
        """Opens (or raises, when open) a department dialog: plan, profiles, catalogue, expiry."""

        return open_dialog(self, name)

    def install_menu(self, window) -> None:
        """Adds the 「部門」 menu (the dialogs and the reports) before the Help menu."""

        install_menu(self, window)

    # -- loading ----------------------------------------------------------------------------

    def kinds(self) -> list[str] | None:
        """Returns the entry kinds ticked (None when all are)."""
        ticked = [k for k, box in self.kind_boxes.items() if box.isChecked()]
        return None if len(ticked) == len(KINDS) else ticked

    def mark_stale(self, *_args) -> None:
        """The data changed: reload now if shown, else when next shown."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Reads the department from the database and shows it."""
        self._stale = False
        snapshot = self.picture.load_snapshot(self.kinds())
        self._fill_combo(self.section_combo, self.tr("すべての所属"), snapshot.sections())
        self._fill_combo(self.title_combo, self.tr("すべての職名"), snapshot.titles())
        self.model.set_snapshot(snapshot)
        self._resize_columns()

    def _fill_combo(self, combo: QComboBox, everyone: str, values: list[str]) -> None:
        current = combo.currentData() or ""
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everyone, "")
        for v in sorted(values):
            combo.addItem(v, v)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)
        if (combo.currentData() or "") != current:
            self._filter_changed()

    def _resize_columns(self) -> None:
        header = self.view.horizontalHeader()
        width = self.fontMetrics().horizontalAdvance("情報系システム") + 12
        for col in range(self.model.columnCount()):
            if self.model.category_of(col) is not None:
                header.resizeSection(col, width)
            elif col == 0:
                header.resizeSection(col, self.fontMetrics().horizontalAdvance("佐々木 美由紀") + 16)
            else:
                text = str(self.model.headerData(col, Qt.Orientation.Horizontal) or "")
                header.resizeSection(
                    col, self.fontMetrics().horizontalAdvance(max(text, "情報システム課", key=len)) + 16
                )

    # -- reacting ------------------------------------------------------------------------------

    def _mode_changed(self) -> None:
        self.model.set_mode(self.mode_combo.currentData())
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self._resize_columns()

    def _filter_changed(self, *_args) -> None:
        self.model.set_filter(self.section_combo.currentData() or "", self.title_combo.currentData() or "")

    def _as_of_changed(self, *_args) -> None:
        self.refresh()

    def _kinds_changed(self, *_args) -> None:
        self.refresh()

    def _update_counts(self) -> None:
        ids = self.model.shown_ids()
        self.counts.set_people(self.model.snapshot, ids)
        self.picture.show_people(self.model.snapshot, ids)
        total = len(self.model.snapshot.people) if self.model.snapshot else 0
        self.count_label.setText(self.tr("{shown}名／{total}名").format(shown=len(ids), total=total))

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.staff_activated.emit(self.model.staff_id(index.row()))

    # -- reports -------------------------------------------------------------------------------

    def export(self, kind: str, suffix: str) -> Path | None:
        """Asks for a file name and writes a department report there."""
        folder = settings.start_folder(
            settings.app_settings(), "report", avoid=(self.session.store.path.parent,)
        )
        name = REPORT_TITLES[kind].split("（")[0] + suffix
        path, _ = QFileDialog.getSaveFileName(self, self.tr("書き出す"), str(folder / name), f"*{suffix}")
        if not path:
            return None
        settings.remember_folder(settings.app_settings(), "report", Path(path))
        return self.write_report(kind, Path(path))

    def write_report(self, kind: str, path: Path) -> Path | None:
        """Writes a report (kinds as ticked); errors go to the session's problem signal."""
        from skillmatrix.report.department_tables import build_report
        from skillmatrix.report.fonts import ReportError

        try:
            report = build_report(self.session.store, kind, kinds=self.kinds())
            if path.suffix.lower() == ".pdf":
                from skillmatrix.report.department import write_pdf

                write_pdf(report, path)
            else:
                from skillmatrix.report.xlsx import write_xlsx

                write_xlsx(report, path)
        except (ReportError, OSError) as e:
            self.session.problem.emit(str(e))
            return None
        self.session.problem.emit(self.tr("書き出しました: {p}").format(p=path))
        return path
