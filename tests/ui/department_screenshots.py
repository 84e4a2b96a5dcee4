"""Screenshots of the 「部門」 tab on the demo data, for a human to look at (not a test).

Usage:
    .venv/bin/python tests/ui/department_screenshots.py OUTDIR [--staff 50]

Makes a demo database with `main.py demo --staff N` in a temporary data folder, opens the
window, and writes department_matrix.png (the level matrix) and department_gaps.png (the
gap view against the target profiles) into OUTDIR.
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
        from PySide6.QtWidgets import QApplication

        import skillmatrix.ui  # noqa: F401  (first: its binding check)
        from skillmatrix.app import create_window
        from skillmatrix.ui.common.application import configure_application
        from tests.ui.screenshots import settle, use_shipped_font

        app = QApplication.instance() or QApplication(sys.argv[:1])
        configure_application(app)
        use_shipped_font(app)
        window = create_window(db)
        window.resize(1400, 860)
        window.show()
        window.main_tabs.setCurrentWidget(window.department)
        settle(app)
        window.grab().save(str(args.out / "department_matrix.png"))
        window.department.mode_combo.setCurrentIndex(1)
        settle(app)
        window.grab().save(str(args.out / "department_gaps.png"))
        window.close()
        print(args.out / "department_matrix.png", args.out / "department_gaps.png")


if __name__ == "__main__":
    main()
