"""Screenshots of the print preview and the print choices, for a human to look at (not a test).

Usage:
    .venv/bin/python tests/ui/print_screenshots.py OUTDIR

Makes a demo database in a temporary data folder, shows the veteran (湘南 太郎), and writes
into OUTDIR: preview.png (the whole first page), preview_page2.png (page 2 fitted to the
width), preview_zoom.png (150 %), choices.png (the print choices of one résumé) and
choices_batch.png (those of まとめて印刷, with a filter active).
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
        from PySide6.QtWidgets import QApplication

        import skillmatrix.ui  # noqa: F401  (first: its binding check)
        from skillmatrix.app import create_window
        from skillmatrix.ui.common.application import configure_application
        from tests.ui.print_support import choices_dialog, make_demo, show_person
        from tests.ui.screenshots import settle, use_shipped_font

        app = QApplication.instance() or QApplication(sys.argv[:1])
        configure_application(app)
        use_shipped_font(app)
        db = Path(tmp) / "demo.sqlite"
        make_demo(db, 48)
        window = create_window(db)
        window.resize(1280, 800)
        window.show()
        show_person(window, "湘南 太郎")
        settle(app)

        shots = []

        def save(widget, name):
            settle(app)
            path = args.out / name
            widget.grab().save(str(path))
            shots.append(path)

        preview = window.printing.preview()
        preview.resize(1100, 800)
        settle(app)
        preview.view.set_fit("page")
        save(preview, "preview.png")
        preview.go_to(1)
        preview.view.set_fit("width")
        save(preview, "preview_page2.png")
        preview.go_to(0)
        preview.view.set_zoom(1.5)
        save(preview, "preview_zoom.png")
        preview.close()

        window.action("actionPrint").trigger()
        dialog = choices_dialog(window)
        save(dialog, "choices.png")
        dialog.reject()
        window.staff_panel.filter_edit.setText("推進")
        window.action("actionPrintAll").trigger()
        dialog = choices_dialog(window)
        save(dialog, "choices_batch.png")
        dialog.reject()
        window.close()
        print(*shots, sep="\n")


if __name__ == "__main__":
    main()
