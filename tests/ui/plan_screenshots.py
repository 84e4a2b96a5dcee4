"""Screenshots of the can-do tab, the 研修計画 dialog and the other department dialogs on
the demo data, for a human to look at (not a test).

Usage:
    .venv/bin/python tests/ui/plan_screenshots.py OUTDIR [--staff 50]

Makes a demo database with `main.py demo --staff N` in a temporary data folder, ticks a
few can-do statements of the veteran (as a chief would), opens the window and writes
can_do.png (the person's 「できること」 tab), can_do_panel.png (the panel alone),
plan.png (the plan dialog with some lines decided), completion.png (the grid's editor
offering the catalogue), profiles.png, catalogue.png and expiry.png into OUTDIR.
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


def tick_some(db: Path) -> None:
    from skillmatrix.demo.generated import SEED_VETERAN_ID
    from skillmatrix.domain.dates import PartialDate
    from skillmatrix.store.department import DepartmentStore
    from skillmatrix.store.repository import Store

    with Store.open(db) as store:
        d = DepartmentStore(store)
        for i, s in enumerate(d.can_do()[:5]):
            d.set_tick(SEED_VETERAN_ID, s.id, True, PartialDate(2023 + i % 2, 4 + i))


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
        tick_some(db)
        from PySide6.QtCore import QItemSelectionModel
        from PySide6.QtWidgets import QApplication, QTabWidget

        import skillmatrix.ui  # noqa: F401  (first: its binding check)
        from skillmatrix.app import create_window
        from skillmatrix.demo.generated import SEED_VETERAN_ID
        from skillmatrix.ui.common.application import configure_application
        from tests.ui.screenshots import settle, use_shipped_font
        from tests.ui.support import commit_text, go_to

        app = QApplication.instance() or QApplication(sys.argv[:1])
        configure_application(app)
        use_shipped_font(app)
        window = create_window(db)
        window.resize(1400, 860)
        window.show()
        written = []

        def save(widget, name: str) -> None:
            settle(app)
            path = args.out / name
            widget.grab().save(str(path))
            written.append(path)

        window.session.select(SEED_VETERAN_ID)
        tabs = window.sheet_editor.findChild(QTabWidget, "sheetTabs")
        tabs.setCurrentIndex(1)
        panel = window.sheet_editor.can_do_panel
        panel.view.selectRow(4)
        save(window, "can_do.png")
        save(panel, "can_do_panel.png")

        tabs.setCurrentIndex(0)
        grid = window.sheet_editor.grid
        grid.setFocus()
        go_to(grid, 1, 1)
        commit_text(grid, "セキュリティ")
        settle(app)
        editor = QApplication.focusWidget()
        popup = editor.completer.popup()
        # The popup is a window of its own: paint it into the shot of the window.
        shot = window.grab()
        from PySide6.QtGui import QPainter

        painter = QPainter(shot)
        painter.drawPixmap(window.mapFromGlobal(popup.mapToGlobal(popup.rect().topLeft())), popup.grab())
        painter.end()
        shot.save(str(args.out / "completion.png"))
        written.append(args.out / "completion.png")
        popup.hide()
        grid.grid_delegate.closeEditor.emit(editor, grid.grid_delegate.EndEditHint.RevertModelCache)

        window.main_tabs.setCurrentWidget(window.department)
        plan = window.department.open_dialog("plan")
        plan.resize(1300, 700)
        selection = plan.view.selectionModel()
        for row in range(0, min(plan.model.rowCount(), 12)):
            selection.select(
                plan.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )
        plan.set_status("accepted")
        selection.clearSelection()
        selection.select(
            plan.model.index(13, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
        plan.set_status("dropped")
        save(plan, "plan.png")
        plan.close()
        for name in ("profiles", "catalogue", "expiry"):
            dialog = window.department.open_dialog(name)
            if name == "expiry":
                dialog.days.setValue(1000)
            save(dialog, f"{name}.png")
            dialog.close()
        window.close()
        print(*written)


if __name__ == "__main__":
    main()
