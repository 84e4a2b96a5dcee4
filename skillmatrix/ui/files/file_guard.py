"""The window's hold on its database file: the editing lock, background file work, the
daily backup, switching to another file and restoring a backup in place.

One FileGuard per main window (window.file_guard). Every way the window changes its
file goes through open(): File > 開く, 読み取り専用で開く, recent files, a new database,
and reopening the same file after a restore.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication

from skillmatrix import files
from skillmatrix.store.backup import daily_backup, restore_backup
from skillmatrix.store.errors import StoreError
from skillmatrix.store.lock import DatabaseLock
from skillmatrix.ui.common import prompts
from skillmatrix.ui.common.workers import WorkerPool
from skillmatrix.ui.files.opening import Opened, open_store, open_with_questions

if TYPE_CHECKING:
    from skillmatrix.exchange.shared_file import ExportResult
    from skillmatrix.ui.common.app_window import AppWindow


class FileGuard(QObject):
    """The lock and the background work of one window's database."""

    def __init__(self, window: AppWindow):
        super().__init__(window)
        self.window = window
        self.lock: DatabaseLock | None = None
        self.workers = WorkerPool(self)
        self.last_backup: Path | None = None  # the daily backup this window made
        self.last_export: ExportResult | None = None  # the ExportResult of the last export from this window

    # -- the open file -------------------------------------------------------------------

    def adopt(self, opened: Opened) -> None:
        """Takes over the lock of the store the window was built on and shows why it is
        read-only, if it is although writing was asked."""
        self.lock = opened.lock
        if opened.note:
            self.window.statusBar().showMessage(opened.note, 30000)

    @property
    def path(self) -> Path:
        return self.window.store.path

    def open(self, path: Path, readonly: bool = False, create: bool = False) -> bool:
        """Switches the window to a database file, asking what a person must decide
        (in use → read-only?, damaged → restore?). Returns False when nothing changed."""
        window = self.window
        window.sheet_editor.commit_open_editors()
        self.workers.wait_all()
        path = Path(path)
        same = self.lock is not None and _same_file(self.lock.db_path, path)
        held = self.lock if same else None
        opened, note = open_with_questions(
            window, path, readonly, lambda ro: open_store(path, ro, create, held=held)
        )
        if opened is None:
            return False
        self._switch(opened, note or opened.note)
        return True

    def _switch(self, opened: Opened, note: str) -> None:
        old = self.lock
        files.protect(opened.store.path)  # no export or PDF of this window may land on it
        self.window.session.replace_store(opened.store)
        self.lock = opened.lock
        if old is not None and old is not opened.lock:
            old.release()
        if note:
            self.window.statusBar().showMessage(note, 30000)
        if not opened.store.readonly:
            self.start_daily_backup()

    def release_database(self) -> None:
        """Closes the database for good (the window closes): waits for background work,
        closes the store, then gives the lock up."""
        self.workers.wait_all()
        self.window.session.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    # -- backups -------------------------------------------------------------------------

    def start_daily_backup(self) -> None:
        """Makes today's backup in a worker thread (a large file takes a second), unless
        the file is open read-only or today's backup exists."""
        store = self.window.store
        if store.readonly:
            return
        path = store.path
        status = self.window.statusBar()

        def done(made: Path | None) -> None:
            if made is not None:
                self.last_backup = made
                status.showMessage(self.tr("バックアップを作りました: {name}").format(name=made.name), 8000)

        def failed(error: BaseException) -> None:
            status.showMessage(
                self.tr("毎日のバックアップを作れませんでした: {why}").format(why=error), 30000
            )

        self.workers.start(lambda: daily_backup(path), done, failed)

    def restore(self, backup: Path) -> bool:
        """Puts a backup in place of the open database and reopens it.

        The current file is backed up first (restore_backup does it); the undo history
        ends here. Returns False (after saying why) when nothing was restored.
        """
        window = self.window
        if window.store.readonly or self.lock is None:
            prompts.tell(
                window,
                self.tr("復元できません"),
                self.tr("読み取り専用で開いているため復元できません。"),
                name="restoreFailedDialog",
            )
            return False
        window.sheet_editor.commit_open_editors()
        self.workers.wait_all()
        path = window.store.path
        # restore_backup replaces the file: no connection of ours may stay open on it.
        window.store.close()
        saved, failure = None, None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            saved = restore_backup(path, backup)
        except StoreError as error:
            failure = error
        finally:
            QGuiApplication.restoreOverrideCursor()
        try:
            opened = open_store(path, held=self.lock)
        except StoreError as error:
            prompts.tell(window, self.tr("開けません"), str(error), name="openFailedDialog")
            window.close()
            return False
        window.session.replace_store(opened.store)
        if failure is not None or saved is None:
            prompts.tell(window, self.tr("復元できませんでした"), str(failure), name="restoreFailedDialog")
            return False
        window.statusBar().showMessage(
            self.tr("バックアップから復元しました。復元前のファイルは {name} に保存しました").format(
                name=saved.name
            ),
            30000,
        )
        return True


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
