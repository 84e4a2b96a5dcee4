"""File > バックアップから復元: the backups of the open database with their date, reason,
staff count and health; one is put back after confirmation.

The list appears at once; each backup is checked (quick_check, read-only) in a worker
thread and its row filled in as the result comes (a large backup takes half a second).
Restoring backs the current file up first and reopens the window on the restored file
(file_guard.FileGuard.restore).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from skillmatrix.store.backup import BackupInfo, backup_dir, list_backups
from skillmatrix.store.health import Health
from skillmatrix.ui.common import prompts
from skillmatrix.ui.files.opening import brief

if TYPE_CHECKING:
    from skillmatrix.ui.common.app_window import AppWindow

BAD = QColor("#b00020")


def _size(path) -> str:
    try:
        size = path.stat().st_size
    except OSError:
        return "—"
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{max(1, size // 1024)} KB"


class BackupsDialog(QDialog):
    """The backups of the open database (objectName backupsDialog).

    Attributes:
        backups: the backups listed, newest first.
        health: backup path -> what its check found (filled in as checks finish).
    """

    COLUMNS = ("日時", "種類", "職員数", "状態", "大きさ")

    def __init__(self, window: AppWindow):
        super().__init__(window)
        self.window_ = window
        self.setObjectName("backupsDialog")
        self.setWindowTitle(self.tr("バックアップから復元"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.closed = False
        path = window.store.path
        self.backups: list[BackupInfo] = list_backups(path)
        self.health: dict = {}
        intro = QLabel(
            self.tr(
                "「{name}」のバックアップ（{folder}）。選んだ時点の内容に戻します。"
                "今のファイルは、戻す前にバックアップとして残します。"
            ).format(name=path.name, folder=backup_dir(path))
        )
        intro.setWordWrap(True)
        current = QLabel(
            self.tr("今のデータベース: 職員{n}名").format(n=window.store.staff_count()),
            objectName="backupCurrent",
        )
        self.table = QTableWidget(len(self.backups), len(self.COLUMNS), objectName="backupTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for row, info in enumerate(self.backups):
            cells = (
                f"{info.taken:%Y-%m-%d %H:%M:%S}",
                self.tr(info.label),
                "…",
                self.tr("確認中…"),
                _size(info.path),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (2, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.empty_label = QLabel(
            self.tr("バックアップはまだありません。データベースを開いた日に一度、自動で作られます。"),
            objectName="backupNone",
        )
        self.empty_label.setVisible(not self.backups)
        self.problem = QLabel(objectName="backupProblem")
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = buttons.addButton(
            self.tr("このバックアップに戻す…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(current)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.table.itemSelectionChanged.connect(self._update)
        chars, lines = self.fontMetrics().averageCharWidth(), self.fontMetrics().height()
        self.resize(chars * 100, lines * 26)
        if self.backups:
            self.table.selectRow(0)
        self._update()
        self._start_checks()

    # -- checking ------------------------------------------------------------------------

    def _start_checks(self) -> None:
        backups = list(self.backups)

        def job(report) -> int:
            for info in backups:
                report(info.check())
            return len(backups)

        self.window_.file_guard.workers.start(job, lambda _n: None, None, self._checked)

    def _checked(self, health: Health) -> None:
        if self.closed:
            return
        self.health[health.path] = health
        row = next(i for i, b in enumerate(self.backups) if b.path == health.path)
        count = self.table.item(row, 2)
        state = self.table.item(row, 3)
        if health.ok:
            count.setText(self.tr("{n}名").format(n=health.staff_count))
            state.setText(self.tr("正常"))
        else:
            count.setText("—")
            problem = health.problems[0]
            # The first clause names the problem; SQLite's page-by-page detail goes in the tip.
            state.setText(self.tr("使えません（{why}）").format(why=problem.split("（")[0].split(":")[0]))
            state.setToolTip(brief(problem))
            state.setForeground(QBrush(BAD))
        self._update()

    def checks_done(self) -> bool:
        """True once every backup has been checked."""
        return len(self.health) == len(self.backups)

    # -- restoring -----------------------------------------------------------------------

    def selected(self) -> BackupInfo | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.backups[min(rows)] if rows else None

    def _update(self) -> None:
        info = self.selected()
        health = self.health.get(info.path) if info else None
        readonly = self.window_.session.readonly
        self.restore_button.setEnabled(bool(health and health.ok) and not readonly)
        if readonly:
            self.problem.setText(self.tr("読み取り専用で開いているため復元できません（一覧は見られます）。"))

    def restore_selected(self) -> bool:
        """Asks, then puts the selected backup in place and reopens the window on it."""
        info = self.selected()
        health = self.health.get(info.path) if info else None
        if info is None or health is None or not health.ok:
            return False
        question = self.tr("{when}のバックアップ（{why}、職員{n}名）に戻しますか？").format(
            when=f"{info.taken:%Y-%m-%d %H:%M}", why=self.tr(info.label), n=health.staff_count
        )
        detail = self.tr(
            "今のデータベース（職員{n}名）は、戻す前にバックアップとして残します。"
            "「元に戻す」の履歴はここで終わります。"
        ).format(n=self.window_.store.staff_count())
        if not prompts.ask(
            self,
            self.tr("バックアップから復元"),
            question,
            detail,
            yes=self.tr("戻す"),
            no=self.tr("キャンセル"),
            name="confirmRestoreDialog",
        ):
            return False
        if self.window_.file_guard.restore(info.path):
            self.accept()
            return True
        return False

    def done(self, result: int) -> None:
        self.closed = True
        super().done(result)
