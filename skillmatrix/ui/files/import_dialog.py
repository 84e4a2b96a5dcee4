"""File > 取り込む: a shared file (.sqlite) or interchange JSON, checked before anything
is written, shown as a preview, then applied in one transaction.

1. The file is checked and read in a worker thread (exchange/untrusted.py: it is copied,
   never trusted, every row validated) and compared with the database on a read-only
   connection of the worker's own (merge.plan_import).
2. A refused file gets its one clear message; the database is untouched.
3. Otherwise the dialog shows who is added, updated, unchanged, in conflict and deleted
   here; every conflict needs a choice (mine, theirs, both).
4. 取り込む applies the plan in a worker on its own connection: a backup first, then one
   transaction (shared_file.apply_import). The window then reloads; the undo history
   ends there (the import is undone by restoring the backup it made).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from skillmatrix.exchange.department_merge import (
    DepartmentPlan,
    DepartmentRows,
    import_department,
    incoming_rows,
    plan_for_store,
)
from skillmatrix.exchange.interchange import read_json
from skillmatrix.exchange.merge import ImportPlan, plan_import
from skillmatrix.exchange.shared_file import apply_import, read_shared_file
from skillmatrix.store.repository import Store
from skillmatrix.ui.common import prompts
from skillmatrix.ui.common.workers import explain
from skillmatrix.ui.files.import_preview import ConflictPanel, PlanModel

if TYPE_CHECKING:
    from skillmatrix.ui.main_window import MainWindow


@dataclass
class Checked:
    """What the check of an incoming file found (made in the worker)."""

    plan: ImportPlan
    categories: dict[str, str]
    levels: dict[int, str]
    department: DepartmentPlan | None = None  # ticks, plan lines, profiles, courses (issue 18)
    theirs: DepartmentRows | None = None


def check_job(db_path: Path, source: Path) -> Checked:
    """Reads, validates and plans an incoming file against the database (worker thread)."""
    with Store.open(db_path, readonly=True) as store:
        categories = store.categories()
        if source.suffix.lower() == ".json":
            loaded = read_json(source, categories)
            people, chains = loaded.people, None
        else:  # anything else must prove it is a shared file of ours
            loaded = read_shared_file(source, categories)
            people, chains = loaded.people, loaded.chains
        plan = plan_import(store, people, chains)
        levels = {lv.number: lv.name for lv in store.levels()}
        try:
            theirs = incoming_rows(loaded.department)
        except ValueError:
            theirs = None  # a malformed department member: the résumés still come
        department = plan_for_store(store, theirs)
    return Checked(plan, {c.id: c.name for c in categories}, levels, department, theirs)


def apply_job(
    db_path: Path,
    plan: ImportPlan,
    source: str,
    choices: dict[str, str],
    theirs: DepartmentRows | None = None,
) -> Path | None:
    """Backs up and writes the plan in one transaction on a connection of its own; then
    the department's rows (their conflicts keep this file's rows, as --prefer mine)."""
    with Store.open(db_path) as store:
        backup = apply_import(store, plan, source, choices=choices)
        return import_department(store, theirs, source, "mine", backup)[0]


def start_import(window: MainWindow) -> ImportDialog | None:
    """Asks for the file and opens the import dialog on it (None when cancelled)."""
    if window.session.readonly:
        prompts.tell(
            window,
            window.tr("取り込めません"),
            window.tr("読み取り専用で開いているため取り込めません。"),
            name="importFailedDialog",
        )
        return None
    folder = str(window.settings.value("import/folder", "")) or str(window.store.path.parent)
    name, _ = QFileDialog.getOpenFileName(
        window,
        window.tr("取り込むファイル"),
        folder,
        window.tr("共有ファイル・交換用JSON (*.sqlite *.db *.json);;すべてのファイル (*)"),
    )
    if not name:
        return None
    window.settings.setValue("import/folder", str(Path(name).parent))
    dialog = ImportDialog(window, Path(name))
    dialog.open()
    return dialog


class ImportDialog(QDialog):
    """Checks a file, previews the import, asks the conflicts, applies (importDialog).

    Attributes:
        state: 'checking', 'refused', 'preview', 'applying', 'done' or 'failed'.
        checked: what the check found (in 'preview' and later).
    """

    def __init__(self, window: MainWindow, source: Path):
        super().__init__(window)
        self.window_ = window
        self.source = source
        self.state = "checking"
        self.closed = False
        self.backup: Path | None = None
        self.checked: Checked | None = None
        self.conflict_panel: ConflictPanel | None = None
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("取り込む — {name}").format(name=source.name))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._checking_page())
        self.error_label = QLabel(objectName="importError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.pages.addWidget(self.error_label)
        self.preview_page = QWidget()
        self.pages.addWidget(self.preview_page)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        # Named here: Qt's own translation is there only when qtbase_ja is loaded.
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))
        self.apply_button = self.buttons.addButton(
            self.tr("取り込む"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setObjectName("importApplyButton")
        self.apply_button.setEnabled(False)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        source_label = QLabel(self.tr("ファイル: {path}").format(path=source), objectName="importSource")
        source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(source_label)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        chars, lines = self.fontMetrics().averageCharWidth(), self.fontMetrics().height()
        self.resize(chars * 130, lines * 40)
        db_path = window.store.path
        window.file_guard.workers.start(lambda: check_job(db_path, source), self._checked, self._refused)

    def _checking_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.busy_label = QLabel(
            self.tr("ファイルを確認しています…（データベースはまだ変更しません）"),
            objectName="importBusyText",
        )
        layout.addWidget(self.busy_label)
        bar = QProgressBar(objectName="importBusy")
        bar.setRange(0, 0)
        layout.addWidget(bar)
        layout.addStretch(1)
        return page

    def done(self, result: int) -> None:
        """Closes the dialog, except while the import is being written."""
        if self.state == "applying":
            return  # the transaction runs to its end; the dialog closes itself then
        self.closed = True  # a check still running finds nobody to report to
        super().done(result)

    # -- the check ---------------------------------------------------------------------------

    def _refused(self, error: BaseException) -> None:
        if self.closed:
            return
        self.state = "refused"
        self.error_label.setText(
            self.tr("このファイルは取り込めません。データベースは変更していません。\n\n{why}").format(
                why=explain(error)
            )
        )
        self.pages.setCurrentWidget(self.error_label)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("閉じる"))

    def _checked(self, checked: Checked) -> None:
        if self.closed:
            return
        self.checked = checked
        self.state = "preview"
        plan = checked.plan
        layout = QVBoxLayout(self.preview_page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary_label = QLabel(self.summary_text(), objectName="importSummary")
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.table = QTableView(objectName="importPreview")
        self.table.setModel(PlanModel(plan, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        chars = self.fontMetrics().averageCharWidth()
        for column, width in enumerate((22, 20, 24, 16)):
            self.table.setColumnWidth(column, chars * width)
        if plan.conflicts:
            splitter = QSplitter(Qt.Orientation.Vertical)
            splitter.addWidget(self.table)
            self.conflict_panel = ConflictPanel(
                plan, checked.categories, checked.levels, self.window_.session.date_style
            )
            self.conflict_panel.choices_changed.connect(self._update)
            splitter.addWidget(self.conflict_panel)
            splitter.setSizes([200, 500])
            layout.addWidget(splitter, 1)
        else:
            layout.addWidget(self.table, 1)
        self.pending_label = QLabel(objectName="importPending")
        layout.addWidget(self.pending_label)
        self.pages.setCurrentWidget(self.preview_page)
        self._update()

    def counts(self) -> dict[str, int]:
        """How many people the import adds, updates, leaves, has in conflict, keeps deleted."""
        plan = self.checked.plan
        return {
            "added": len(plan.added),
            "updated": len(plan.updated),
            "unchanged": len(plan.unchanged),
            "conflicts": len(plan.conflicts),
            "deleted_here": len(plan.deleted_here),
        }

    def summary_text(self) -> str:
        c = self.counts()
        text = self.tr(
            "職員: 追加 {added}名、更新 {updated}名、変更なし {unchanged}名、競合 {conflicts}名"
        ).format(**c)
        if c["deleted_here"]:
            text += self.tr("、こちらで削除済みのため取り込まない {n}名").format(n=c["deleted_here"])
        department = self.checked.department
        if department is not None:
            text += "\n" + department.summary()
            if department.conflicts:
                text += self.tr(
                    "\n部門の競合はこちらの内容を残します（ファイルの内容を採るには skillmatrix import --prefer theirs）。"
                )
        if not self.has_changes():
            text += self.tr("\n取り込む変更はありません（取り込み済みです）。")
        return text

    def has_changes(self) -> bool:
        department = self.checked.department
        return self.checked.plan.has_changes or bool(department and department.has_changes)

    def _update(self) -> None:
        open_count = self.conflict_panel.open_count() if self.conflict_panel else 0
        self.pending_label.setText(
            self.tr("まだ選んでいない競合が{n}件あります").format(n=open_count) if open_count else ""
        )
        self.apply_button.setEnabled(self.state == "preview" and self.has_changes() and open_count == 0)

    # -- applying ----------------------------------------------------------------------------

    def choices(self) -> dict[str, str]:
        return dict(self.conflict_panel.choices) if self.conflict_panel else {}

    def apply(self) -> None:
        """Writes the plan (backup first, one transaction) in a worker, then reloads the window."""
        if self.state != "preview" or not self.apply_button.isEnabled():
            return
        self.state = "applying"
        self.apply_button.setEnabled(False)
        self.buttons.setEnabled(False)
        self.busy_label.setText(self.tr("取り込んでいます…（バックアップを作ってから、一度に書き込みます）"))
        self.pages.setCurrentIndex(0)
        window, plan, choices = self.window_, self.checked.plan, self.choices()
        db_path, name, theirs = window.store.path, self.source.name, self.checked.theirs
        window.file_guard.workers.start(
            lambda: apply_job(db_path, plan, name, choices, theirs), self._applied, self._failed
        )

    def _applied(self, backup: Path | None) -> None:
        window = self.window_
        self.backup = backup
        if window.is_closed:
            return  # the window waited for the transaction, then closed its file
        # Written outside the undo stack: the old steps would undo over the import.
        window.session.undo_stack.clear()
        window.session.reload()
        c = self.counts()
        message = self.tr("取り込みました（追加 {a}名、更新 {u}名、競合 {k}名）").format(
            a=c["added"], u=c["updated"], k=c["conflicts"]
        )
        if backup is not None:
            message += self.tr("。取り込み前のバックアップ: {name}").format(name=backup.name)
        window.statusBar().showMessage(message, 30000)
        self.state = "done"
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.state = "failed"
        self.buttons.setEnabled(True)
        self.error_label.setText(
            self.tr("取り込めませんでした。データベースは変更していません。\n\n{why}").format(
                why=explain(error)
            )
        )
        self.pages.setCurrentWidget(self.error_label)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("閉じる"))
