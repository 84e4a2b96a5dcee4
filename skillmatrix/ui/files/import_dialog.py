"""File > 取り込む: a shared file (.sqlite) or interchange JSON, checked before anything
is written, shown as a preview, then applied in one transaction.

1. The file is checked and read in a worker thread (exchange/untrusted.py: it is copied,
   never trusted, every row validated) and compared with the database on a read-only
   connection of the worker's own (merge.plan_import).
2. A refused file gets its one clear message; the database is untouched.
3. Otherwise the dialog shows who is added, updated, unchanged, in conflict and deleted
   here; every conflict needs a choice (mine, theirs, both).
4. 取り込む runs the import operation (exchange/import_operation.ApplyImport) in a worker
   on its own connection: a backup first, then one transaction. A progress dialog counts
   the people written; its 中止 button makes the next progress report raise
   progress.Cancelled inside the transaction, which rolls back: nothing is changed (the
   backup file stays). Otherwise the window records the import as one undo step (undo
   puts the people back as they were) and refreshes what changed.

Excel workbooks (.xlsx/.xlsm/.xls) and folders of them are read by exchange/excel: the
preview then also shows what was read from which cell (excel_plan.py), and a person
matched by name or a filled form is settled part by part (part_choices.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
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
    QProgressDialog,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from skillmatrix import operations
from skillmatrix.exchange.department_merge import (
    DepartmentPlan,
    DepartmentRows,
    import_department,
    incoming_rows,
    plan_for_store,
)
from skillmatrix.exchange.excel.importing import ExcelPlan, plan_excel_import
from skillmatrix.exchange.excel.workbook import SUFFIXES
from skillmatrix.exchange.import_operation import ApplyImport
from skillmatrix.exchange.interchange import Loaded, read_json
from skillmatrix.exchange.merge import ImportPlan, plan_import
from skillmatrix.exchange.shared_file import SharedFile, read_shared_file
from skillmatrix.operations import Changes
from skillmatrix.progress import Cancelled, Progress
from skillmatrix.store.backup import backup_dir
from skillmatrix.store.repository import Store
from skillmatrix.ui.common import prompts, settings
from skillmatrix.ui.common.buttons import settle_default
from skillmatrix.ui.common.workers import CancelFlag, cancellable_progress, explain
from skillmatrix.ui.files.excel_plan import ReadingsPanel
from skillmatrix.ui.files.import_preview import ConflictPanel, PlanModel

if TYPE_CHECKING:
    from skillmatrix.ui.common.app_window import AppWindow


@dataclass
class Checked:
    """What the check of an incoming file found (made in the worker)."""

    plan: ImportPlan
    categories: dict[str, str]
    levels: dict[int, str]
    excel: ExcelPlan | None = None  # an Excel import: what was read from which cell
    department: DepartmentPlan | None = None  # ticks, plan lines, profiles, courses (issue 18)
    theirs: DepartmentRows | None = None


def check_job(db_path: Path, source: Path) -> Checked:
    """Reads, validates and plans an incoming file against the database (worker thread)."""
    with Store.open(db_path, readonly=True) as store:
        categories = store.categories()
        if source.is_dir() or source.suffix.lower() in SUFFIXES:
            excel = plan_excel_import(store, source)
            levels = {lv.number: lv.name for lv in store.levels()}
            return Checked(excel.plan, {c.id: c.name for c in categories}, levels, excel)
        loaded: Loaded | SharedFile
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
    return Checked(plan, {c.id: c.name for c in categories}, levels, department=department, theirs=theirs)


UNDO_LIMIT = 1000  # people; past this the import's own backup is the way back
REPORT_EVERY = 25  # people between two progress reports to the window (signals are queued)


def apply_job(
    operation: ApplyImport,
    db_path: Path,
    progress: Progress | None = None,
    theirs: DepartmentRows | None = None,
) -> tuple[ApplyImport, Changes]:
    """Runs the import operation (a backup, then one transaction) on a connection of its
    own; then the department's rows (their conflicts keep this file's rows, as --prefer
    mine), which are not part of the undo step.

    Raises:
        Cancelled: progress raised it; the transaction was rolled back.
    """
    if progress is not None:
        operation = dataclasses.replace(operation, progress=progress)
    with Store.open(db_path) as store:
        changes = operations.run(store, operation)
        backup = operation.backup[0] if operation.backup else None
        import_department(store, theirs, operation.source, "mine", backup)
    return operation, changes


def reporting(report: Callable[[tuple[int, int]], None], cancel: CancelFlag) -> Progress:
    """A progress callback for the worker: passes (done, total) to the window every few
    people and raises Cancelled once the user pressed 中止."""

    def step(done: int, total: int) -> None:
        if cancel.is_set():
            raise Cancelled()
        if done % REPORT_EVERY == 0 or done == total:
            report((done, total))

    return step


def start_import(window: AppWindow) -> ImportDialog | None:
    """Asks for the file and opens the import dialog on it (None when cancelled)."""
    if window.session.readonly:
        prompts.tell(
            window,
            window.tr("取り込めません"),
            window.tr("読み取り専用で開いているため取り込めません。"),
            name="importFailedDialog",
        )
        return None
    db_path = window.store.path
    own = (db_path.parent, backup_dir(db_path))  # the open file and its backups are no import
    folder = settings.start_folder(window.settings, "import", avoid=own)
    name, _ = QFileDialog.getOpenFileName(
        window,
        window.tr("取り込むファイル"),
        str(folder),
        window.tr(
            "共有ファイル・交換用JSON・Excelの履歴書 (*.sqlite *.db *.json *.xlsx *.xlsm *.xls);;"
            "Excelの履歴書 (*.xlsx *.xlsm *.xls);;すべてのファイル (*)"
        ),
    )
    if not name:
        return None
    chosen = Path(name).resolve()
    if chosen == db_path.resolve() or chosen.parent == backup_dir(db_path).resolve():
        prompts.tell(
            window,
            window.tr("取り込めません"),
            window.tr(
                "開いているデータベース自身やそのバックアップは取り込めません。"
                "他の人から受け取った共有ファイルを選んでください。"
            ),
            name="importFailedDialog",
        )
        return None
    settings.remember_folder(window.settings, "import", chosen)
    dialog = ImportDialog(window, Path(name))
    dialog.open()
    return dialog


class ImportDialog(QDialog):
    """Checks a file, previews the import, asks the conflicts, applies (importDialog).

    Attributes:
        state: 'checking', 'refused', 'preview', 'applying', 'done' or 'failed'.
        checked: what the check found (in 'preview' and later).
    """

    def __init__(self, window: AppWindow, source: Path):
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
        self.apply_button = self.buttons.addButton(
            self.tr("取り込む"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setObjectName("importApplyButton")
        self.apply_button.setEnabled(False)
        settle_default(self, self.apply_button)  # Enter imports (once the preview allows it)
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
        excel_labels = {"conflict": "差分あり"} if checked.excel is not None else None
        self.table.setModel(PlanModel(plan, self.table, excel_labels))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        chars = self.fontMetrics().averageCharWidth()
        for column, width in enumerate((22, 20, 24, 16)):
            self.table.setColumnWidth(column, chars * width)
        top: QWidget = self.table
        self.readings: ReadingsPanel | None = None
        if checked.excel is not None:
            self.readings = ReadingsPanel(checked.excel)
            top = QSplitter(Qt.Orientation.Horizontal)
            top.addWidget(self.table)
            top.addWidget(self.readings)
            top.setSizes([500, 600])
            self.table.selectionModel().currentRowChanged.connect(self._show_readings)
        if plan.conflicts:
            splitter = QSplitter(Qt.Orientation.Vertical)
            splitter.addWidget(top)
            self.conflict_panel = ConflictPanel(
                plan,
                checked.categories,
                checked.levels,
                self.window_.session.date_style,
                **self._excel_diffs(checked.excel),
            )
            self.conflict_panel.choices_changed.connect(self._update)
            splitter.addWidget(self.conflict_panel)
            splitter.setSizes([200, 500])
            layout.addWidget(splitter, 1)
        else:
            layout.addWidget(top, 1)
        self.pending_label = QLabel(objectName="importPending")
        layout.addWidget(self.pending_label)
        self.pages.setCurrentWidget(self.preview_page)
        self._update()

    def _excel_diffs(self, excel: ExcelPlan | None) -> dict:
        """The conflict panel's arguments for an Excel import: each person's part diff."""
        if excel is None:
            return {}
        diffs, captions = {}, {}
        for person in excel.people:
            if person.diff is None or person.mine is None:
                continue
            diffs[person.read.staff.id] = person.diff
            if person.diff.three_way:
                text = self.tr(
                    "{name}: 記入用シートを作ったときの版と比べた違い {n}か所。"
                    "こちらでその後に変えた部分と重なるものが競合です"
                )
            else:
                text = self.tr(
                    "{name}: 同じ氏名の職員の現在の内容と比べた違い {n}か所"
                    "（元の版が分からないため、すべて選んでください）"
                )
            captions[person.read.staff.id] = text.format(
                name=person.read.staff.name, n=len(person.diff.parts)
            )
        return {"diffs": diffs, "captions": captions, "merged_only": True}

    def _show_readings(self, current, _previous=None) -> None:
        if self.readings is not None and current.isValid():
            model = self.table.model()
            assert isinstance(model, PlanModel)
            _kind, _mine, theirs = model.rows[current.row()]
            self.readings.show_person(theirs.id)

    def counts(self) -> dict[str, int]:
        """How many people the import adds, updates, leaves, has in conflict, keeps deleted."""
        assert self.checked is not None  # counted once the file is checked (preview)
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
        department = self.checked.department if self.checked is not None else None
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
        if self.checked is None:
            return False
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
        if self.state != "preview" or self.checked is None or not self.apply_button.isEnabled():
            return
        self.state = "applying"
        self.apply_button.setEnabled(False)
        self.buttons.setEnabled(False)
        self.busy_label.setText(self.tr("取り込んでいます…（バックアップを作ってから、一度に書き込みます）"))
        self.pages.setCurrentIndex(0)
        window = self.window_
        plan = self.checked.plan
        if self.conflict_panel is not None:
            for staff_id, sheet in self.conflict_panel.merged_sheets().items():
                plan.set_merged(staff_id, sheet)
        operation = ApplyImport(
            plan,
            self.source.name,
            self.tr("取り込み（{name}）").format(name=self.source.name),
            choices=tuple(self.choices().items()),
        )
        db_path, theirs = window.store.path, self.checked.theirs
        self.cancel = cancel = CancelFlag()
        self.progress_dialog: QProgressDialog | None = cancellable_progress(
            self, self.tr("取り込んでいます…（中止すると何も変更しません）"), "importProgress"
        )
        self.progress_dialog.canceled.connect(cancel.set)
        window.file_guard.workers.start(
            lambda report: apply_job(operation, db_path, reporting(report, cancel), theirs),
            self._applied,
            self._failed,
            progress=self._progressed,
        )

    def _progressed(self, value: tuple[int, int]) -> None:
        done, total = value
        dialog = getattr(self, "progress_dialog", None)
        if dialog is None or self.cancel.is_set():
            return
        dialog.setMaximum(total)
        dialog.setValue(done)
        dialog.setLabelText(self.tr("取り込んでいます… {done} / {total}名").format(done=done, total=total))

    def _close_progress(self) -> None:
        dialog = getattr(self, "progress_dialog", None)
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()
            self.progress_dialog = None

    def _applied(self, result: tuple[ApplyImport, Changes]) -> None:
        self._close_progress()
        window = self.window_
        operation, changes = result
        backup = operation.backup[0] if operation.backup else None
        self.backup = backup
        if window.is_closed:
            return  # the window waited for the transaction, then closed its file
        if len(changes.added) + len(changes.staff) <= UNDO_LIMIT:
            # One undo step: undo puts the people back as they were before the import.
            window.session.record(operation, changes)
            undoable = True
        else:
            # Too many sheets to keep in memory for undo; older steps would undo over the
            # import, so the history ends here and the backup is the way back.
            window.session.undo_stack.clear()
            window.session.reload()
            undoable = False
        if self.checked is not None and self.checked.department is not None:
            window.session.department_changed.emit()  # ticks, plans, profiles, courses
        c = self.counts()
        message = self.tr("取り込みました（追加 {a}名、更新 {u}名、競合 {k}名）").format(
            a=c["added"], u=c["updated"], k=c["conflicts"]
        )
        if backup is not None:
            message += self.tr("。取り込み前のバックアップ: {name}").format(name=backup.name)
        if not undoable:
            message += self.tr("（大きな取り込みのため「元に戻す」ではなくバックアップから戻せます）")
        window.statusBar().showMessage(message, 30000)
        self.state = "done"
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._close_progress()
        self.state = "cancelled" if isinstance(error, Cancelled) else "failed"
        self.buttons.setEnabled(True)
        if isinstance(error, Cancelled):
            self.error_label.setText(self.tr("取り込みを中止しました。データベースは変更していません。"))
        else:
            self.error_label.setText(
                self.tr("取り込めませんでした。データベースは変更していません。\n\n{why}").format(
                    why=explain(error)
                )
            )
        self.pages.setCurrentWidget(self.error_label)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("閉じる"))
