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

    A QApplication must exist. A missing file is created with the default levels and
    categories (unless readonly). Closing the window releases the database.

    Raises:
        StoreError: the file cannot be opened (damaged, foreign, newer, locked, missing
            when readonly).
    """
    from pathlib import Path

    from skillmatrix.store.repository import Store
    from skillmatrix.ui.main_window import MainWindow

    path = Path(db_path)
    if readonly or (path.exists() and path.stat().st_size > 0):
        store = Store.open(path, readonly=readonly)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        store = Store.create(path)
    return MainWindow(store)


def run_window(args) -> int:
    """Starts the editor window on --db (created if missing) or the default database."""
    # Importing skillmatrix.ui runs its binding check (skillmatrix/ui/__init__.py) before
    # any Qt call below.
    from PySide6.QtWidgets import QApplication, QMessageBox

    from skillmatrix import paths
    from skillmatrix.store.errors import StoreError
    from skillmatrix.ui.application import configure_application
    from skillmatrix.ui.errors import ErrorReporter

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)
    reporter = ErrorReporter(app)
    reporter.install()
    path = args.db if args.db else paths.default_database()
    try:
        if args.demo and not args.db:
            path = paths.data_dir() / "demo.sqlite"
            if not path.exists():
                cli.write_demo(path, 2)
        window = create_window(path, readonly=args.read_only)
    except (StoreError, cli.CommandError) as error:
        QMessageBox.critical(None, "SkillMatrix", str(error))
        return 1
    window.show()
    quit_after = os.environ.get("SKILLMATRIX_QUIT_AFTER_MS")
    if quit_after:
        # For automated start-and-close checks (the bundle's smoke test, CI).
        from PySide6.QtCore import QTimer
        QTimer.singleShot(int(quit_after), window.close)
    try:
        return app.exec()
    finally:
        reporter.uninstall()
