"""File > 共有ファイルに書き出す: everyone or the chosen people into a shared file.

The dialog asks whom to share and where; an existing file is replaced only after the
user confirmed it. The copy is made in a worker thread with its own read-only connection
(exchange/shared_file.py: a consistent snapshot, verified, renamed into place when
complete), so the window stays responsive and may even keep editing meanwhile.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from skillmatrix.exchange.shared_file import ExportResult, export_shared
from skillmatrix.store.backup import backup_dir
from skillmatrix.store.repository import Store
from skillmatrix.ui.common import prompts, settings
from skillmatrix.ui.common.buttons import settle_default
from skillmatrix.ui.common.workers import busy_dialog, explain

if TYPE_CHECKING:
    from skillmatrix.ui.common.app_window import AppWindow

SUFFIX = ".sqlite"


def export_job(db_path: Path, out: Path, ids: list[str] | None, force: bool) -> ExportResult:
    """Writes the shared file on a connection of its own (runs in a worker thread)."""
    with Store.open(db_path, readonly=True) as store:
        return export_shared(store, out, ids, force=force)


class ExportDialog(QDialog):
    """Whom to share: everyone, or the people ticked in the list (objectName exportDialog)."""

    def __init__(self, window: AppWindow):
        super().__init__(window)
        self.window_ = window
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("共有ファイルに書き出す"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        people = window.staff_panel.model.people()
        intro = QLabel(
            self.tr(
                "書き出したファイルは、他の人が読み取り専用で開いたり印刷したり、"
                "自分のデータベースに取り込んだりできます。レベルと分類の定義も含まれます。"
            )
        )
        intro.setWordWrap(True)
        self.all_button = QRadioButton(self.tr("全員（{n}名）").format(n=len(people)), objectName="exportAll")
        self.chosen_button = QRadioButton(self.tr("選んだ職員だけ"), objectName="exportChosen")
        group = QButtonGroup(self)
        group.addButton(self.all_button)
        group.addButton(self.chosen_button)
        self.filter_edit = QLineEdit(objectName="exportFilter", placeholderText=self.tr("絞り込み"))
        self.filter_edit.setClearButtonEnabled(True)
        self.list = QListWidget(objectName="exportStaffList")
        self.list.setAccessibleName(self.tr("書き出す職員"))
        self.list.setUniformItemSizes(True)  # 10,000 names lay out without measuring each
        current = window.current_staff()
        for person in people:
            item = QListWidgetItem(f"{person.name}　{person.section}".rstrip("　"))
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setData(
                Qt.ItemDataRole.UserRole + 1,
                " ".join((person.name, person.kana, person.title, person.section)).lower(),
            )
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            shown = current is not None and person.id == current.id
            item.setCheckState(Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        shown_button = QPushButton(self.tr("一覧で表示中の職員を選ぶ"), objectName="exportCheckShown")
        shown_button.setToolTip(
            self.tr("メインウィンドウの職員一覧で絞り込んで表示している人をすべて選びます")
        )
        none_button = QPushButton(self.tr("選択を解除"), objectName="exportUncheckAll")
        self.count_label = QLabel(objectName="exportCount")
        self.problem = QLabel(objectName="exportProblem")
        self.problem.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton(self.tr("書き出す…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        settle_default(self, self.export_button)  # Enter exports, never a helper button

        row = QHBoxLayout()
        row.addWidget(shown_button)
        row.addWidget(none_button)
        row.addStretch(1)
        row.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.all_button)
        layout.addWidget(self.chosen_button)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

        self.filter_edit.textChanged.connect(self._filter)
        self.list.itemChanged.connect(self._update)
        shown_button.clicked.connect(self.check_shown)
        none_button.clicked.connect(lambda: self._check_all(False))
        self.all_button.toggled.connect(self._update)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        (self.chosen_button if current is not None and len(people) > 1 else self.all_button).setChecked(True)
        self.resize(self.fontMetrics().averageCharWidth() * 70, self.fontMetrics().height() * 30)
        self._update()

    # -- choosing ----------------------------------------------------------------------------

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def _filter(self, text: str) -> None:
        terms = text.lower().split()
        for item in self._items():
            haystack = item.data(Qt.ItemDataRole.UserRole + 1)
            item.setHidden(not all(t in haystack for t in terms))

    def _check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.list.blockSignals(True)
        for item in self._items():
            item.setCheckState(state)
        self.list.blockSignals(False)
        self._update()

    def check_shown(self) -> None:
        """Ticks everyone the main window's staff list shows (its filter applied)."""
        model = self.window_.staff_panel.model
        shown = {s.id for row in range(model.rowCount()) if (s := model.summary(row)) is not None}
        self.list.blockSignals(True)
        for item in self._items():
            if item.data(Qt.ItemDataRole.UserRole) in shown:
                item.setCheckState(Qt.CheckState.Checked)
        self.list.blockSignals(False)
        self.chosen_button.setChecked(True)
        self._update()

    def chosen_ids(self) -> list[str] | None:
        """The ids to write in list order, or None for everyone."""
        if self.all_button.isChecked():
            return None
        return [
            item.data(Qt.ItemDataRole.UserRole)
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _update(self, *_args) -> None:
        chosen = not self.all_button.isChecked()
        for widget in (self.list, self.filter_edit):
            widget.setEnabled(chosen)
        ids = self.chosen_ids()
        self.count_label.setText(self.tr("{n}名を選択").format(n=len(ids)) if ids is not None else "")
        self.export_button.setEnabled(ids is None or bool(ids))
        self.problem.clear()

    # -- writing -----------------------------------------------------------------------------

    def accept(self) -> None:
        """Asks for the file (confirming a replacement), then writes it in a worker."""
        ids = self.chosen_ids()
        if ids is not None and not ids:
            self.problem.setText(self.tr("書き出す職員を選んでください"))
            return
        out = self.ask_target()
        if out is None:
            return
        force = False
        if out.exists():
            if not prompts.ask(
                self,
                self.tr("上書きの確認"),
                self.tr("「{name}」はすでにあります。置き換えますか？").format(name=out.name),
                str(out),
                yes=self.tr("置き換える"),
                no=self.tr("キャンセル"),
                name="confirmOverwriteDialog",
            ):
                return
            force = True
        settings.remember_folder(self.window_.settings, "export", out)
        start_export(self.window_, out, ids, force)
        super().accept()

    def ask_target(self) -> Path | None:
        """The save dialog (it does not confirm replacing: accept() asks, always the same way)."""
        window = self.window_
        db_path = window.store.path
        folder = settings.start_folder(window.settings, "export", avoid=(db_path.parent, backup_dir(db_path)))
        default = folder / f"{window.store.path.stem}-共有-{date.today():%Y%m%d}{SUFFIX}"
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("共有ファイルの書き出し先"),
            str(default),
            self.tr("SkillMatrix 共有ファイル (*.sqlite)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not name:
            return None
        out = Path(name)
        return out if out.suffix else out.with_suffix(SUFFIX)


def start_export(window: AppWindow, out: Path, ids: list[str] | None, force: bool) -> None:
    """Writes the shared file in a worker thread; the status bar (or a notice) tells the end."""
    progress = busy_dialog(window, window.tr("共有ファイルを書き出しています…"), "exportProgress")
    db_path = window.store.path

    def done(result: ExportResult) -> None:
        progress.close()
        window.statusBar().showMessage(
            window.tr("{n}名を共有ファイルに書き出しました: {path}").format(
                n=result.staff_count, path=result.path
            ),
            30000,
        )
        window.file_guard.last_export = result

    def failed(error: BaseException) -> None:
        progress.close()
        prompts.tell(window, window.tr("書き出せませんでした"), explain(error), name="exportFailedDialog")

    window.file_guard.workers.start(lambda: export_job(db_path, out, ids, force), done, failed)
