"""Composition root: parses the command line, picks the database, runs a command or
starts the window. The only module that sees every layer."""

from __future__ import annotations

import os
import sys

from skillmatrix import cli


def _utf8_streams() -> None:
    # Japanese output must work whatever the console's locale (cp932, C, …).
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def run(argv: list[str] | None = None) -> int:
    """Runs the program; returns the exit status."""
    _utf8_streams()
    args = cli.build_parser().parse_args(argv)
    if args.command:
        return cli.run_command(args)
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

    install_translations(QApplication.instance())  # once per application; Qt's own in Japanese
    opened = open_store(Path(db_path), readonly=readonly, create=not readonly)
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

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)
    reporter = ErrorReporter(app)
    reporter.install()
    path = args.db if args.db else paths.default_database()
    try:
        if args.demo and not args.db:
            path = paths.data_dir() / "demo.sqlite"
            if not path.exists():
                write_demo(path, 2)
    except (StoreError, cli.CommandError) as error:
        QMessageBox.critical(None, "SkillMatrix", str(error))
        return 1
    # In use → offer read-only; damaged → offer the newest good backup; else say why.
    window, note = open_with_questions(
        None, Path(path), args.read_only, lambda readonly: create_window(path, readonly=readonly)
    )
    if window is None:
        return 1
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
