"""Screenshots of the import preview (with a conflict) and of the backups dialog, for a
human to look at (not a test).

Usage:
    .venv/bin/python tests/ui/shared_screenshots.py OUTDIR

Writes export_dialog.png, import_preview.png and backups_dialog.png into OUTDIR.
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_DATA_HOME"] = tmp
        tmp = Path(tmp)
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

        import skillmatrix.ui  # noqa: F401  (first: its binding check)
        from skillmatrix.app import create_window
        from skillmatrix.domain.model import Entry, Staff
        from skillmatrix.store.backup import make_backup
        from skillmatrix.store.repository import Store
        from skillmatrix.ui.common.application import configure_application
        from tests.ui.file_support import edit, export, make_db, merge
        from tests.ui.screenshots import settle, use_shipped_font
        from tests.ui.test_file_safety import corrupt

        app = QApplication.instance() or QApplication(sys.argv[:1])
        configure_application(app)
        use_shipped_font(app)

        chief = make_db(tmp / "chief.sqlite", 12)
        sub = tmp / "sub.sqlite"
        Store.create(sub).close()
        merge(sub, export(chief, tmp / "from-chief.sqlite"))
        with Store.open(chief, readonly=True) as store:
            ids = store.staff_ids()
        with Store.open(sub) as store:
            network = store.categories()[2].id
            sheet = store.get_staff(ids[0])
            sheet.entries.append(Entry(3, network, "庁内LAN更改の設計（サブ側で追記）", kind="work"))
            sheet.title = "主任"
            store.save_staff(sheet)
            store.add_staff(Staff(name="新人 一郎", kana="しんじん いちろう", section="情報システム課"))
        edit(sub, ids[3], title="主査")
        with Store.open(chief) as store:
            sheet = store.get_staff(ids[0])
            sheet.section = "デジタル推進課"
            sheet.entries = sheet.entries[1:]
            store.save_staff(sheet)
        back = export(sub, tmp / "from-sub.sqlite")

        window = create_window(chief)
        window.resize(1280, 800)
        window.show()
        window.action("actionExportShared").trigger()
        export_dialog = window.findChild(QDialog, "exportDialog")
        export_dialog.list.item(3).setCheckState(Qt.CheckState.Checked)
        settle(app)
        export_dialog.grab().save(str(args.out / "export_dialog.png"))
        export_dialog.reject()
        QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (str(back), ""))
        window.action("actionImport").trigger()
        dialog = window.findChild(QDialog, "importDialog")
        while dialog.state == "checking":
            app.processEvents()
        dialog.conflict_panel.list.setCurrentRow(0)
        settle(app)
        dialog.grab().save(str(args.out / "import_preview.png"))
        dialog.reject()

        now = datetime.now()
        for days, reason in ((40, "daily"), (9, "daily"), (2, "import"), (1, "daily")):
            made = make_backup(chief, reason, now=now - timedelta(days=days), rotate_after=False)
            if days == 9:
                corrupt(made)
        window.action("actionRestoreBackup").trigger()
        backups = window.findChild(QDialog, "backupsDialog")
        while not backups.checks_done():
            app.processEvents()
        backups.table.selectRow(1)
        settle(app)
        backups.grab().save(str(args.out / "backups_dialog.png"))
        backups.reject()
        window.close()
        print(args.out / "import_preview.png", args.out / "backups_dialog.png")


if __name__ == "__main__":
    main()
