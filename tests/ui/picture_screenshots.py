"""Screenshots of issue 18 for a human to look at (not a test).

Usage:
    .venv/bin/python tests/ui/picture_screenshots.py OUTDIR [--staff 50]

Makes a demo database, dates its revisions back to 2024-05-01 and saves ten people again
with higher levels, so that the past differs from now; then writes: radar_panel.png (the
sheet with the chart beside the grid, compared with 2025年4月1日), as_of_sheet.png (the
past sheet dialog), department_as_of.png (the 部門 tab at 2025年4月1日, its 時点 list
open), department_radar.png and what_if.png (情報政策課: two leaving, one placeholder).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

VETERAN = "0c5e2a4e-7d1b-4f36-9a52-3e8d1f6b2c02"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--staff", type=int, default=50)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_DATA_HOME"] = tmp
        db = Path(tmp) / "demo.sqlite"
        subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "demo", "--db", str(db), "--staff", str(args.staff)],
            check=True,
            capture_output=True,
        )
        conn = sqlite3.connect(db)
        with conn:
            conn.execute("UPDATE staff_revision SET created = '2024-05-01T00:00:00.000+00:00'")
        conn.close()
        from skillmatrix.domain.model import Entry
        from skillmatrix.store.repository import Store

        with Store.open(db) as store:
            cats = store.categories()
            people = list(store.iter_staff(store.staff_ids()[:10]))
            for p in people:
                p.entries += [Entry(7, cats[6].id, "CSIRT責任者"), Entry(6, cats[4].id, "庁内LAN更改の統括")]
            store.add_many(people, "screenshots")

        from PySide6.QtWidgets import QApplication, QComboBox, QWidget

        from skillmatrix.app import create_window

        app = QApplication.instance() or QApplication([])
        win = create_window(db)
        win.resize(1400, 900)
        win.show()
        app.processEvents()
        win.session.select(VETERAN)
        combo = win.findChild(QComboBox, "sheetAsOf")
        combo.setCurrentIndex(combo.findData(2025))
        app.processEvents()
        win.grab().save(str(args.out / "radar_panel.png"))
        panel = win.findChild(QWidget, "radarPanel")
        panel.show_past_sheet()
        app.processEvents()
        dialog = win.findChild(QWidget, "asOfSheetDialog")
        dialog.grab().save(str(args.out / "as_of_sheet.png"))
        dialog.close()
        win.main_tabs.setCurrentIndex(1)
        app.processEvents()
        as_of = win.findChild(QComboBox, "departmentAsOf")
        as_of.setCurrentIndex(as_of.findData(2025))
        app.processEvents()
        as_of.showPopup()
        app.processEvents()
        shot = win.grab()
        popup = as_of.view().window()
        painter_target = shot.toImage()
        from PySide6.QtGui import QPainter

        p = QPainter(painter_target)
        p.drawPixmap(
            popup.mapTo(win, popup.rect().topLeft()) if popup.parent() else win.mapFromGlobal(popup.pos()),
            popup.grab(),
        )
        p.end()
        painter_target.save(str(args.out / "department_as_of.png"))
        as_of.hidePopup()
        picture = win.findChild(QWidget, "departmentPicture")
        picture.setCurrentIndex(1)
        app.processEvents()
        win.grab().save(str(args.out / "department_radar.png"))
        as_of.setCurrentIndex(0)
        picture.setCurrentIndex(2)
        app.processEvents()
        section = win.findChild(QComboBox, "departmentSection")
        section.setCurrentIndex(section.findData("情報政策課"))  # a small section: flags show
        app.processEvents()
        what_if = picture.what_if
        for p in what_if.leaving_model.people[:2]:
            what_if.leaving_model.set_leaving(p.id, True)
        what_if.placeholder_title.setText("主事")
        what_if._add_placeholder()
        app.processEvents()
        win.grab().save(str(args.out / "what_if.png"))
        win.close()
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
