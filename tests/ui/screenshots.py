"""Makes PNG screenshots of the window with the demo data, offscreen, for a human to look at.

Usage:
    .venv/bin/python tests/ui/screenshots.py OUTDIR [--scale 2]

Writes into OUTDIR: main.png (the first seed résumé), main_second.png (the second, fuller
one), editing.png (a grid cell being edited, a refused date marked), filter.png,
definitions.png, detail.png, welcome.png (an empty database), and — from a second run
of itself with QT_SCALE_FACTOR=2 — main_200.png. Everything runs in a temporary data
folder with a new demo database; the IPAexGothic the program ships is registered and
used, so Japanese renders on a machine without Japanese fonts too. Not a test: the
images are for looking at (Japanese must render, nothing may be cut off), not for the repo.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def make_demo(path: Path, generated: int = 48) -> None:
    from skillmatrix.demo.generated import generated_staff, seed_staff
    from skillmatrix.store.repository import Store

    with Store.create(path) as store:
        categories = store.categories()
        store.add_many(seed_staff(categories) + generated_staff(generated, categories), "demo", "screenshots")


def use_shipped_font(app) -> None:
    from PySide6.QtGui import QFont, QFontDatabase

    from skillmatrix.paths import resources_dir

    font_id = QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / "ipaexg.ttf"))
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    font = QFont(family)
    font.setPointSizeF(app.font().pointSizeF())
    app.setFont(font)


def settle(app, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def shoot(out: Path, only_main: bool, suffix: str) -> list[Path]:
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QTableView

    import skillmatrix.ui  # noqa: F401  (first: the binding check of skillmatrix/ui/__init__.py)
    from skillmatrix.app import create_window
    from skillmatrix.ui.common.application import configure_application

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)
    use_shipped_font(app)
    written: list[Path] = []

    def save(widget, name: str) -> None:
        settle(app)
        path = out / f"{name}{suffix}.png"
        widget.grab().save(str(path))
        written.append(path)

    def type_text(widget, text: str) -> None:
        QApplication.sendEvent(widget, QInputMethodEvent(text, []))
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.sqlite"
        make_demo(db)
        window = create_window(db)
        window.resize(1280, 800)
        window.show()
        window.activateWindow()
        grid = window.findChild(QTableView, "skillGrid")
        grid.selectionModel().setCurrentIndex(
            grid.model().index(3, 3), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        save(window, "main")
        if only_main:
            window.close()
            return written
        staff = window.findChild(QTableView, "staffList")
        staff.selectionModel().setCurrentIndex(
            staff.model().index(1, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        save(window, "main_second")

        assignments = window.findChild(QTableView, "assignmentTable")
        assignments.setFocus()
        assignments.selectionModel().setCurrentIndex(
            assignments.model().index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        type_text(assignments, "平成31年5月")
        QApplication.focusWidget().setText("平成31年5月")
        QApplication.sendEvent(QApplication.focusWidget(), _enter())
        settle(app)
        grid.setFocus()
        grid.selectionModel().setCurrentIndex(
            grid.model().index(2, 4), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        type_text(grid, "ネットワーク構築研修（入力中）")
        save(window, "editing")
        QApplication.focusWidget().clearFocus()  # commits the cell

        filter_box = window.findChild(QLineEdit, "staffFilter")
        filter_box.setFocus()
        type_text(filter_box, "セキュリティ")
        save(window, "filter")
        filter_box.clear()

        window.action("actionDefinitions").trigger()
        dialog = window.findChild(QDialog, "definitionsDialog")
        dialog.findChild(object, "levelList").setCurrentRow(4)
        save(dialog, "definitions")
        dialog.reject()
        grid.setFocus()
        grid.selectionModel().setCurrentIndex(
            grid.model().index(3, 2), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        grid.edit_details()
        detail = window.findChild(QDialog, "entryDetailDialog")
        save(detail, "detail")
        detail.reject()
        window.close()

        empty = create_window(Path(tmp) / "empty.sqlite")
        empty.resize(1000, 640)
        empty.show()
        save(empty, "welcome")
        empty.close()
    return written


def _enter():
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    return QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--scale", type=float, default=None, help="QT_SCALE_FACTOR (2 = 200 %%)")
    args = parser.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data:
        # Settings and logs of these runs go to a throw-away folder, never the user's.
        os.environ["XDG_DATA_HOME"] = os.environ["LOCALAPPDATA"] = data
        if args.scale:
            os.environ["QT_SCALE_FACTOR"] = str(args.scale)
            written = shoot(args.outdir, True, f"_{int(args.scale * 100)}")
        else:
            written = shoot(args.outdir, False, "")
            subprocess.run([sys.executable, __file__, str(args.outdir), "--scale", "2"], check=True)
            written.append(args.outdir / "main_200.png")
    for path in written:
        print(path)


if __name__ == "__main__":
    main()
