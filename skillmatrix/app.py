"""Composition root: parses the command line, picks the database, runs a command or
starts the window. The only module that sees every layer."""

from __future__ import annotations

import os
import sys
from typing import cast

from skillmatrix import cli, files

NO_DISPLAY = (
    "画面（ディスプレイ）が見つからないためウィンドウを開けません。デスクトップで skillmatrix-gui を起動するか、"
    "コマンドを使ってください（一覧: skillmatrix --help）"
)
BROKEN_PIPE_STATUS = 141  # 128 + SIGPIPE, what a shell reports for `yes | head -1`


def has_display(env: dict[str, str] | None = None) -> bool:
    """True when a window can be shown: always on Windows and macOS; on Linux and other
    Unix desktops an X or Wayland display, or a Qt platform chosen explicitly."""
    env = dict(os.environ) if env is None else env
    if sys.platform in ("win32", "darwin"):
        return True
    return any(env.get(key) for key in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def _quiet_broken_pipe() -> int:
    # The reader went away (`skillmatrix list | head -1`): say nothing, and make sure the
    # interpreter's own flush at exit does not complain either.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    return BROKEN_PIPE_STATUS


def run(argv: list[str] | None = None) -> int:
    """Runs the program; returns the exit status."""
    files.configure_streams()
    try:
        args = cli.build_parser().parse_args(argv)
        if args.command:
            status = cli.run_command(args)
            sys.stdout.flush()
            return status
    except BrokenPipeError:
        return _quiet_broken_pipe()
    if not has_display():
        print(f"エラー: {NO_DISPLAY}", file=sys.stderr)
        return 1
    return run_window(args)


def create_window(db_path, readonly: bool = False):
    """Builds the main window on a database without entering the event loop.

    A QApplication must exist. Nothing is asked (no dialog): the questions are
    run_window's and File > Open's. A missing file is created with the default levels
    and categories (unless readonly). A file that cannot be written, or whose folder
    cannot be, opens read-only. A file opened for writing is locked against a second
    window or process and checked (quick_check) before anything writes to it. Closing
    the window releases the database and the lock.

    Raises:
        StoreError: the file cannot be opened (foreign, newer, missing when readonly);
            InUseError (a StoreError) when another window or process edits it;
            DamagedError (a StoreError) when it fails the check, untouched.
    """
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from skillmatrix.ui.common.application import install_translations
    from skillmatrix.ui.files.opening import open_store
    from skillmatrix.ui.main_window import MainWindow

    app = QApplication.instance()
    if app is not None:
        install_translations(app)  # once per application; Qt's own in Japanese
    opened = open_store(Path(db_path), readonly=readonly, create=not readonly)
    files.protect(db_path)  # no export or PDF from this window may land on its database
    try:
        window = MainWindow(opened.store)
    except BaseException:
        opened.store.close()
        if opened.lock is not None:
            opened.lock.release()
        raise
    window.file_guard.adopt(opened)
    return window


def run_window(args) -> int:
    """Starts the editor window on --db (created if missing) or the default database."""
    # Importing skillmatrix.ui runs its binding check (skillmatrix/ui/__init__.py) before
    # any Qt call below.
    from pathlib import Path

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from skillmatrix import paths
    from skillmatrix.cli.database import write_demo
    from skillmatrix.store.errors import StoreError
    from skillmatrix.ui.common.application import configure_application
    from skillmatrix.ui.common.errors import ErrorReporter
    from skillmatrix.ui.files.opening import open_with_questions

    # instance() is typed QCoreApplication; in this process it can only be a QApplication.
    app = cast("QApplication | None", QApplication.instance()) or QApplication(sys.argv[:1])
    configure_application(app)
    reporter = ErrorReporter(app)
    reporter.install()
    files.sweep_private_folders()  # private copies a killed import, export or print left
    try:
        path = args.db if args.db else paths.default_database()
    except paths.DataFolderError as error:
        QMessageBox.critical(None, "SkillMatrix", str(error))
        return 1
    files.sweep_stale(Path(path).parent)  # temporary files of a killed writer beside the data
    media_note = ""
    if not args.read_only and not args.db and paths.is_read_only_media(Path(path).parent):
        # A write-protected stick in portable mode: open what is there, read-only.
        args.read_only = True
        media_note = "書き込み禁止の場所（USBメモリなど）にあるため、読み取り専用で開きました"
    try:
        if args.demo and not args.db:
            path = paths.data_dir() / "demo.sqlite"
            if not path.exists():
                write_demo(path, 2)
    except (StoreError, cli.CommandError, paths.DataFolderError) as error:
        QMessageBox.critical(None, "SkillMatrix", str(error))
        return 1
    # In use → offer read-only; damaged → offer the newest good backup; else say why.
    window, note = open_with_questions(
        None, Path(path), args.read_only, lambda readonly: create_window(path, readonly=readonly)
    )
    if window is None:
        return 1
    note = "。".join(text for text in (media_note, note) if text)
    if note:
        window.statusBar().showMessage(note, 30000)
    window.show()
    # After the window is up: a large file's backup takes a second, in a worker thread.
    QTimer.singleShot(0, window.file_guard.start_daily_backup)
    quit_after = os.environ.get("SKILLMATRIX_QUIT_AFTER_MS")
    if quit_after:
        # For automated start-and-close checks (the bundle's smoke test, CI).
        QTimer.singleShot(int(quit_after), window.close)
    try:
        return app.exec()
    finally:
        reporter.uninstall()
