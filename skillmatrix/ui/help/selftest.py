"""ヘルプ › 動作確認: the self-test of skillmatrix/selftest/ in a dialog (objectName
selftestDialog), the same report the command `skillmatrix selftest` prints.

It runs once when the dialog opens, on the folder of the open database; a share or a USB
stick can be named (or chosen) and checked too. The checks take a second or two and touch
the disk: they run in a worker thread so the window stays responsive. 「コピー」 puts the
report on the clipboard, to paste into a mail to the IT section.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from skillmatrix.ui.common.workers import WorkerPool

if TYPE_CHECKING:
    from skillmatrix.selftest import Report
    from skillmatrix.ui.common.app_window import AppWindow


class SelftestDialog(QDialog):
    """動作確認 (objectName selftestDialog).

    Args:
        data_folder: the folder to check as the data folder (the open database's); None
            for the program's data folder.
        parent: the main window.
        run_at_once: start the checks as soon as the dialog is shown.
    """

    def __init__(
        self, data_folder: Path | None = None, parent: QWidget | None = None, run_at_once: bool = True
    ):
        super().__init__(parent)
        self.setObjectName("selftestDialog")
        self.setWindowTitle(self.tr("動作確認"))
        self.data_folder = data_folder
        self.report: Report | None = None
        self.workers = WorkerPool(self)

        intro = QLabel(
            self.tr(
                "このPCでSkillMatrixが正しく動くかを確かめます。共有フォルダやUSBメモリも"
                "確かめるときは、そのフォルダを指定して「確認する」を押してください。"
                "作ったファイルは最後にすべて消します。"
            )
        )
        intro.setWordWrap(True)
        self.folder_edit = QLineEdit(self, objectName="selftestFolder")
        self.folder_edit.setPlaceholderText(self.tr("共有フォルダやUSBメモリ（任意）例: \\\\server\\share"))
        browse = QPushButton(self.tr("参照(&B)…"), self, objectName="selftestBrowse")
        browse.clicked.connect(self.choose_folder)
        self.run_button = QPushButton(self.tr("確認する(&R)"), self, objectName="selftestRun")
        self.run_button.clicked.connect(self.run_checks)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("フォルダ:")))
        row.addWidget(self.folder_edit, 1)
        row.addWidget(browse)
        row.addWidget(self.run_button)

        self.status = QLabel(self, objectName="selftestStatus")
        self.text = QPlainTextEdit(self, objectName="selftestReport")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

        buttons = QDialogButtonBox(self)
        self.copy_button = buttons.addButton(self.tr("コピー(&C)"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setObjectName("selftestCopy")
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self.copy_report)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("閉じる"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 120, metrics.height() * 34)
        if run_at_once:
            self.run_checks()

    def folder(self) -> Path | None:
        """The extra folder typed or chosen, None when the field is empty."""
        text = self.folder_edit.text().strip().strip('"')
        return Path(text) if text else None

    def choose_folder(self) -> None:
        """Lets the user pick the share or stick to check."""
        chosen = QFileDialog.getExistingDirectory(self, self.tr("確かめるフォルダ"), self.folder_edit.text())
        if chosen:
            self.folder_edit.setText(chosen)

    def run_checks(self) -> None:
        """Starts the self-test in a worker thread (ignored while one runs)."""
        if self.workers.busy():
            return
        from skillmatrix.selftest import run_selftest  # reportlab and the store: only when asked

        data_folder, folder = self.data_folder, self.folder()
        self.run_button.setEnabled(False)
        self.copy_button.setEnabled(False)
        self.status.setText(self.tr("確認しています…"))
        self.workers.start(lambda: run_selftest(data_folder, folder), self._show, self._failed)

    def _show(self, report: Report) -> None:
        if report.hint:  # the command's hint names its option; here the field above does it
            report.hint = self.tr(
                "（共有フォルダやUSBメモリも確かめるには、上の「フォルダ」に指定して「確認する」を押してください）"
            )
        self.report = report
        self.text.setPlainText(report.text())
        failed = len(report.failures)
        self.status.setText(
            self.tr("すべて正常です") if not failed else self.tr("%n件の問題があります（✘ の行）", "", failed)
        )
        font = QFont(self.status.font())
        font.setBold(True)
        self.status.setFont(font)
        self.status.setStyleSheet("" if not failed else "color: #b00020;")
        self._finished()

    def _failed(self, error: BaseException) -> None:
        self.status.setText(self.tr("動作確認を実行できませんでした: ") + str(error))
        self._finished()

    def _finished(self) -> None:
        self.run_button.setEnabled(True)
        self.copy_button.setEnabled(self.report is not None)

    def copy_report(self) -> None:
        """Puts the report's text on the clipboard."""
        if self.report is None:
            return
        QGuiApplication.clipboard().setText(self.report.text())
        self.status.setText(self.status.text() + self.tr("（コピーしました）"))

    def done(self, result: int) -> None:
        # The worker writes into temporary folders: let it finish and clean up first.
        self.workers.wait_all()
        super().done(result)


def open_selftest_dialog(window: AppWindow) -> SelftestDialog:
    """Opens 動作確認 over the window, checking the folder of its database."""
    dialog = SelftestDialog(Path(window.store.path).parent, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
