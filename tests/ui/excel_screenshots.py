"""Screenshots of the Excel import plan, the form-difference view and a shared-file
conflict settled part by part, for a human to look at (not a test).

Usage:
    .venv/bin/python tests/ui/excel_screenshots.py OUTDIR

Writes excel_import_plan.png, form_difference.png and part_conflict.png into OUTDIR.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
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
        from openpyxl import load_workbook
        from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

        import skillmatrix.ui  # noqa: F401  (first: its binding check)
        from skillmatrix.app import create_window
        from skillmatrix.demo.seed import seed_staff
        from skillmatrix.exchange.excel.form_writer import write_forms
        from skillmatrix.store.repository import Store
        from skillmatrix.ui.common.application import configure_application
        from tests.exchange.excel.support import seed_db
        from tests.exchange.excel.test_forms import fill_in
        from tests.fixtures import excel_books
        from tests.ui.file_support import edit, export, make_db, merge
        from tests.ui.screenshots import settle, use_shipped_font

        app = QApplication.instance() or QApplication(sys.argv[:1])
        configure_application(app)
        use_shipped_font(app)

        def shoot(window, path: Path, name: str, prepare=None) -> None:
            QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (str(path), ""))
            window.action("actionImport").trigger()
            dialog = [d for d in window.findChildren(QDialog, "importDialog") if d.isVisible()][-1]
            while dialog.state == "checking":
                app.processEvents()
            dialog.resize(1400, 900)
            if prepare:
                prepare(dialog)
            settle(app)
            dialog.grab().save(str(args.out / name))
            dialog.reject()

        # 1. A workbook with both seed people and one stray cell, into a database holding
        #    the veteran: the staffer is added, the veteran matched by name.
        db = seed_db(tmp / "plan.sqlite")
        with Store.open(db) as store:
            cats = store.categories()
            (staffer,) = store.find_staff("藤沢 花子")
            store.delete_staff(staffer.id)
        people = seed_staff(cats)
        people[1].title = "参事兼課長"
        book = excel_books.layout_a(tmp, people, cats)
        wb = load_workbook(book)
        wb["湘南"]["L3"] = "要確認（人事課）"
        wb.save(book)
        window = create_window(db)
        window.resize(1280, 800)
        window.show()

        def pick_veteran(dialog):
            dialog.table.selectRow(0)

        shoot(window, book, "excel_import_plan.png", pick_veteran)
        window.close()

        # 2. A filled form while the chief changed 所属 meanwhile.
        db = seed_db(tmp / "form.sqlite")
        with Store.open(db) as store:
            (me,) = store.find_staff("藤沢 花子")
            (form,) = write_forms(store, [me.id], tmp / "form.xlsx")
        fill_in(form)
        with Store.open(db) as store:
            sheet = store.get_staff(me.id)
            sheet.section = "情報政策課"
            store.save_staff(sheet)
        window = create_window(db)
        window.resize(1280, 800)
        window.show()

        def take_form_section(dialog):
            panel = dialog.conflict_panel
            panel.parts.choose(0, "theirs")

        shoot(window, form, "form_difference.png", take_form_section)
        window.close()

        # 3. A shared-file conflict, part by part.
        chief = make_db(tmp / "chief.sqlite", 4)
        sub = tmp / "sub.sqlite"
        Store.create(sub).close()
        merge(sub, export(chief, tmp / "from-chief.sqlite"))
        with Store.open(chief, readonly=True) as store:
            ids = store.staff_ids()
        edit(sub, ids[2], section="情報政策課（サブ）", title="主査（サブ）")
        edit(chief, ids[2], section="行政経営課（チーフ）")
        back = export(sub, tmp / "from-sub.sqlite")
        window = create_window(chief)
        window.resize(1280, 800)
        window.show()

        def half(dialog):
            dialog.conflict_panel.parts.choose(0, "theirs")

        shoot(window, back, "part_conflict.png", half)
        window.close()
        print(*(args.out / n for n in ("excel_import_plan.png", "form_difference.png", "part_conflict.png")))


if __name__ == "__main__":
    main()
