"""Makes the pictures of the guide (resources/manual/images/*.png), offscreen, with the
demo data and the font the program ships, so the manual shows the window as it is.

Usage:
    .venv/bin/python tests/ui/manual_screenshots.py [OUTDIR]   (default: resources/manual/images)

Each picture is scaled to at most 680 pixels wide and saved with a 256-colour palette,
so the folder stays small enough to commit. Run it again after changing the window.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WIDTH = 680  # fits the manual window (1000 wide) without a horizontal scroll bar


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", default=ROOT / "resources" / "manual" / "images")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_DATA_HOME"] = os.environ["LOCALAPPDATA"] = tmp
        tmp = Path(tmp)
        from PySide6.QtCore import QItemSelectionModel, Qt
        from PySide6.QtGui import QImage
        from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QTableView

        import skillmatrix.ui  # noqa: F401  (first: its binding check)
        from skillmatrix.app import create_window
        from skillmatrix.store.backup import make_backup
        from skillmatrix.ui.common.application import configure_application
        from tests.ui.file_support import export, make_db
        from tests.ui.print_support import choices_dialog
        from tests.ui.screenshots import settle, use_shipped_font

        app = QApplication.instance() or QApplication(sys.argv[:1])
        configure_application(app)
        use_shipped_font(app)

        def save(widget, name: str) -> None:
            settle(app)
            image = widget.grab().toImage()
            if image.width() > WIDTH:
                image = image.scaledToWidth(WIDTH, Qt.TransformationMode.SmoothTransformation)
            # No dithering: flat window colours stay flat (and compress better).
            image = image.convertToFormat(
                QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither
            )
            path = args.out / f"{name}.png"
            image.save(str(path), "PNG")
            print(path, path.stat().st_size)

        db = make_db(tmp / "demo.sqlite", 30)
        other = make_db(tmp / "other.sqlite", 34)
        shared = export(other, tmp / "kyouyuu.sqlite")
        window = create_window(db)
        window.resize(1280, 800)
        window.show()
        grid = window.findChild(QTableView, "skillGrid")
        grid.selectionModel().setCurrentIndex(
            grid.model().index(3, 3), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        save(window, "main")

        grid.setFocus()  # level 3 × 情報系システム: a cell with two entries
        grid.edit_details()
        detail = window.findChild(QDialog, "entryDetailDialog")
        save(detail, "entry_detail")
        detail.reject()

        window.action("actionPrint").trigger()
        dialog = choices_dialog(window)
        save(dialog, "print_choices")
        dialog.reject()

        window.action("actionExportShared").trigger()
        export_dialog = window.findChild(QDialog, "exportDialog")
        save(export_dialog, "export_dialog")
        export_dialog.reject()

        QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (str(shared), ""))
        window.action("actionImport").trigger()
        importing = window.findChild(QDialog, "importDialog")
        while importing.state == "checking":
            app.processEvents()
        save(importing, "import_preview")
        importing.reject()

        window.main_tabs.setCurrentWidget(window.department)
        save(window, "department")
        window.main_tabs.setCurrentIndex(0)

        now = datetime.now()
        for days, reason in ((9, "daily"), (2, "import"), (1, "daily")):
            make_backup(db, reason, now=now - timedelta(days=days), rotate_after=False)
        window.action("actionRestoreBackup").trigger()
        backups = window.findChild(QDialog, "backupsDialog")
        while not backups.checks_done():
            app.processEvents()
        backups.table.selectRow(0)
        save(backups, "backups_dialog")
        backups.reject()
        window.close()


if __name__ == "__main__":
    main()
