"""The main window (objectName mainWindow): staff list on the left, the sheet on the right.

There is no Save: every edit is written when the editor commits it and is one step on the
undo stack (Session). Closing the window writes a cell still being edited, remembers the
geometry and releases the database.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QMenu,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from skillmatrix import files
from skillmatrix.domain.kana import staff_sort_key
from skillmatrix.domain.model import Staff
from skillmatrix.store.repository import Store
from skillmatrix.ui import menus
from skillmatrix.ui.common import settings
from skillmatrix.ui.common.app_window import AppWindow
from skillmatrix.ui.common.session import Session
from skillmatrix.ui.common.table_keys import frame_focus_stops
from skillmatrix.ui.common.undo_keys import UndoKeys
from skillmatrix.ui.department.tab import install_department_tab
from skillmatrix.ui.files.file_actions import install_file_actions
from skillmatrix.ui.help.about import AboutDialog
from skillmatrix.ui.help.manual import ManualWindow
from skillmatrix.ui.printing.print_actions import install_printing
from skillmatrix.ui.sheet.definitions_dialog import DefinitionsDialog
from skillmatrix.ui.sheet.layout_modes import SheetLayout
from skillmatrix.ui.sheet.sheet_editor import SheetEditor
from skillmatrix.ui.staff.staff_panel import StaffPanel

SPLITTERS = ("mainSplitter", "sheetSplitter", "historySplitter", "gridSplitter")


class MainWindow(AppWindow):
    """The editor window on one open database."""

    recent_menu: QMenu  # made by menus.build_menus

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.is_closed = False
        self.settings = settings.app_settings()
        self.session = Session(store, self)
        self.staff_panel = StaffPanel(self.session)
        self.sheet_editor = SheetEditor(self.session)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="mainSplitter")
        self.splitter.addWidget(self.staff_panel)
        self.splitter.addWidget(self.sheet_editor)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setChildrenCollapsible(False)
        central = QWidget(objectName="centralArea")
        layout = QVBoxLayout(central)
        margin = self.fontMetrics().averageCharWidth()
        layout.setContentsMargins(margin, margin // 2, margin, 0)

        self.department = install_department_tab(self, layout)  # tabs: スキル履歴書 | 部門
        self.setCentralWidget(central)

        self.undo_keys: UndoKeys | None = None  # set by menus.build_actions
        self.actions_by_name = menus.build_actions(self)
        menus.build_menus(self, self.actions_by_name)
        self.department.install_menu(self)  # 部門: plan, profiles, catalogue, expiry

        self.printing = install_printing(self)  # preview, print, export PDF, print many

        self.sheet_layout = SheetLayout(self)  # 職員一覧 / レベルの説明 / 一覧表示 (表示 menu)
        self._set_tab_order()
        frame_focus_stops(self)  # the empty 資格等, the grid, the tab bars, the level text
        self.sheet_editor.new_staff_button.clicked.connect(self.new_staff)
        self.sheet_editor.demo_button.clicked.connect(self.load_demo)

        stack = self.session.undo_stack
        for signal in (stack.indexChanged, stack.cleanChanged):
            signal.connect(self._update_undo_actions)
        self.session.problem.connect(self.show_problem)
        self.session.write_failed.connect(self.show_write_failure)
        self.session.current_changed.connect(self._update_state)
        self.session.store_replaced.connect(self._database_changed)
        self.staff_panel.model.modelReset.connect(self._update_state)
        self.statusBar().setObjectName("statusBar")

        self.file_guard = install_file_actions(self)  # shared files, read-only, lock, backups

        self.set_date_style(str(self.settings.value("dateStyle", "seireki")))
        self._restore_layout()
        self._database_changed()

    # -- the contract for other modules ---------------------------------------------------

    # action(), store and current_staff() are AppWindow's: the contract for the parts.

    # -- state ---------------------------------------------------------------------------------

    def _set_tab_order(self) -> None:
        editor = self.sheet_editor
        profile = editor.profile
        chain = [
            self.staff_panel.filter_edit,
            self.staff_panel.view,
            profile.name_edit,
            profile.kana_edit,
            profile.title_edit,
            profile.section_edit,
            profile.override_edit,
            profile.experience_label_edit,
            *editor.views(),
        ]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def _database_changed(self) -> None:
        store = self.session.store
        title = f"{store.path.name} — SkillMatrix"
        if store.readonly:
            title += self.tr(" ［読み取り専用］")
        if files.is_network_path(store.path):  # written in DELETE mode there (store/schema.py)
            title += self.tr(" ［ネットワークドライブ］")
        self.setWindowTitle(title)
        self.setWindowFilePath(str(store.path))
        settings.add_recent_file(self.settings, store.path)
        for name in (
            "actionNewStaff",
            "actionDeleteStaff",
            "actionMoveStaffUp",
            "actionMoveStaffDown",
            "actionSortByKana",
            "actionLoadDemo",
        ):
            self.action(name).setEnabled(not store.readonly)
        self.sheet_editor.demo_button.setEnabled(not store.readonly)
        self.sheet_editor.new_staff_button.setEnabled(not store.readonly)
        self.staff_panel.select_first()
        self._update_state()
        self._update_undo_actions()

    def _update_state(self, *_args) -> None:
        empty = self.staff_panel.model.total() == 0
        self.sheet_editor.show_welcome(empty)
        if not empty:
            self.staff_panel.select_first()
        shown = self.session.current is not None and not self.session.readonly
        self.action("actionDeleteStaff").setEnabled(shown)
        self.action("actionLoadDemo").setEnabled(empty and not self.session.readonly)

    def _update_undo_actions(self, *_args) -> None:
        stack = self.session.undo_stack
        undo, redo = self.action("actionUndo"), self.action("actionRedo")
        undo.setEnabled(stack.canUndo())
        redo.setEnabled(stack.canRedo())
        undo.setText(
            self.tr("元に戻す: {step}").format(step=stack.undoText())
            if stack.canUndo()
            else self.tr("元に戻す(&U)")
        )
        redo.setText(
            self.tr("やり直し: {step}").format(step=stack.redoText())
            if stack.canRedo()
            else self.tr("やり直し(&R)")
        )

    def show_problem(self, message: str) -> None:
        """Shows why an edit was not stored, in the status bar."""
        self.statusBar().showMessage(message, 15000)

    def show_write_failure(self, message: str) -> None:
        """Says plainly, in a box that does not block, that a change did not reach the file."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("保存できませんでした"),
            self.tr("変更はデータベースに保存されていません。"),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("writeFailedDialog")
        box.setInformativeText(message)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def set_date_style(self, style: str) -> None:
        """Shows dates in 西暦 ('seireki') or 和暦 ('wareki')."""
        style = style if style in ("seireki", "wareki") else "seireki"
        self.session.date_style = style
        self.settings.setValue("dateStyle", style)
        for name in ("actionDateSeireki", "actionDateWareki"):
            self.action(name).setChecked(self.action(name).data() == style)
        for model in self.sheet_editor.history_models.values():
            model.refresh()

    # -- commands ---------------------------------------------------------------------------

    def undo(self) -> None:
        self.sheet_editor.commit_open_editors()
        self.session.undo_stack.undo()

    def redo(self) -> None:
        self.sheet_editor.commit_open_editors()
        self.session.undo_stack.redo()

    def new_staff(self) -> None:
        """Adds a person after the shown one and puts the cursor in the name field."""
        self.sheet_editor.commit_open_editors()
        current = self.session.current
        index = self.staff_panel.model.list_index(current.id) + 1 if current else None
        if self.session.add_staff(Staff(name=self.tr("新しい職員")), index):
            name = self.sheet_editor.profile.name_edit
            name.setFocus(Qt.FocusReason.ShortcutFocusReason)
            name.selectAll()

    def delete_staff(self) -> None:
        """Asks, then deletes the shown person (undoable). The question does not block."""
        current = self.session.current
        if current is None or self.session.readonly:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("職員の削除"),
            self.tr("「{name}」を削除しますか？（「元に戻す」で取り消せます）").format(name=current.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("confirmDeleteDialog")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        staff_id = current.id

        def answered(result: int) -> None:
            if result == QMessageBox.StandardButton.Yes:
                self.session.delete_staff(staff_id)

        box.finished.connect(answered)
        box.open()

    def sort_by_kana(self) -> None:
        """Sorts the whole list by ふりがな (then name) as one undo step."""
        people = self.staff_panel.model.people()
        # The same order as `skillmatrix list --sort kana` and the reports (domain.kana).
        ordered = sorted(people, key=lambda p: staff_sort_key(p.kana, p.name, p.id))
        self.session.set_order([p.id for p in ordered], self.tr("ふりがな順に並べ替え"))

    def load_demo(self) -> None:
        """Loads the demo staff (the seed's two résumés and generated people), undoable."""
        from skillmatrix.demo.generated import generated_staff, seed_staff

        categories = self.session.categories
        people = seed_staff(categories) + generated_staff(48, categories)
        if self.session.add_many(people, self.tr("デモデータの読み込み")):
            self.staff_panel.select_first()
            self.statusBar().showMessage(
                self.tr("デモデータを読み込みました（{n}名）").format(n=len(people)), 8000
            )

    def show_definitions(self) -> None:

        self.sheet_editor.commit_open_editors()
        DefinitionsDialog(self.session, self).open()

    def show_manual(self) -> None:
        """ヘルプ › 操作説明 (F1): the shipped guide, in a window of its own (kept, so a
        second F1 brings the same one forward)."""

        if getattr(self, "_manual", None) is None:
            self._manual = ManualWindow(self)
        self._manual.show()
        self._manual.raise_()
        self._manual.activateWindow()

    def about(self) -> None:

        AboutDialog(self.store.path, self).open()

    # -- files -------------------------------------------------------------------------------

    def _db_filter(self) -> str:
        return self.tr("SkillMatrix データベース (*.sqlite *.db);;すべてのファイル (*)")

    def choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("データベースを開く"), str(self.store.path.parent), self._db_filter()
        )
        if path:
            self.open_database(Path(path))

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("新しいデータベース"),
            str(self.store.path.parent / "skillmatrix.sqlite"),
            self._db_filter(),
        )
        if path:
            if Path(path).exists():
                self.show_problem(
                    self.tr("同じ名前のファイルがあります。別の名前にしてください: {p}").format(p=path)
                )
                return
            self.open_database(Path(path), create=True)

    def open_database(self, path: Path, readonly: bool = False, create: bool = False) -> bool:
        """Switches the window to another database file; False (with a message) on failure.
        The lock, the check and the questions (in use, damaged) are file_guard.py's."""
        return self.file_guard.open(path, readonly=readonly, create=create)

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in settings.recent_files(self.settings):
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_database(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("（なし）")).setEnabled(False)

    # -- layout and closing ---------------------------------------------------------------------

    def _splitters(self) -> list[QSplitter]:
        return [s for name in SPLITTERS if (s := self.findChild(QSplitter, name)) is not None]

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        restored = isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)
        if not (restored and self._fits_screen()):
            self._place_in_screen()
        for name, header in self._history_headers():
            saved = self.settings.value(f"columns/{name}")
            if isinstance(saved, QByteArray):
                header.restoreState(saved)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        for splitter in self._splitters():
            saved = self.settings.value(f"splitters/{splitter.objectName()}")
            if isinstance(saved, QByteArray):
                splitter.restoreState(saved)
            elif splitter.objectName() == "mainSplitter":
                splitter.setSizes([280, 1000])
            elif splitter.objectName() == "sheetSplitter":
                splitter.setSizes([230, 520])
            elif splitter.objectName() == "gridSplitter":
                splitter.setSizes([800, 200])

    def _available(self) -> QRect:
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry()

    def _fits_screen(self) -> bool:
        """True when the whole window (frame included) lies on the screen it opens on."""
        return self._available().contains(self.frameGeometry())

    def _place_in_screen(self) -> None:
        """Opens on 92 % of the available screen (at least 1280×800 logical pixels where
        there is room) — never larger than the screen at any scale factor
        (QT_SCALE_FACTOR=2 makes a 1600×1000 screen 800×500)."""
        available = self._available()
        width = min(max(1280, available.width() * 92 // 100), available.width() - 16)
        height = min(max(800, available.height() * 92 // 100), available.height() - 40)  # title bar
        self.resize(max(width, 320), max(height, 240))
        frame = self.frameGeometry()
        frame.moveCenter(available.center())
        self.move(max(frame.left(), available.left()), max(frame.top(), available.top()))

    def _history_headers(self):
        return [
            (t.objectName(), t.horizontalHeader())
            for t in self.sheet_editor.views()[:3]
            if isinstance(t, QTableView)
        ]

    def save_layout(self) -> None:
        for name, header in self._history_headers():  # column widths the user dragged
            self.settings.setValue(f"columns/{name}", header.saveState())
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        for splitter in self._splitters():
            self.settings.setValue(f"splitters/{splitter.objectName()}", splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.is_closed:
            self.sheet_editor.commit_open_editors()
            self.save_layout()
            self.file_guard.release_database()  # waits for file work, closes, unlocks
            self.is_closed = True
        super().closeEvent(event)
