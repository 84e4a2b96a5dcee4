"""Benchmark of the editor window on a large demo database (offscreen).

Run:
    .venv/bin/python tests/benchmarks/bench_ui.py [--db PATH] [--staff 10000] [--people 40]

Without --db it first makes a demo database (`main.py demo --staff N`) in a temporary
folder. Prints, in milliseconds:
  - opening the window (create_window and the first paint);
  - selecting a person until the grid is painted: the selection, the sheet read from the
    file, every view updated, the row heights measured and the grid repainted;
  - one keystroke in the staff filter until the list is repainted, typing a word one
    character at a time, and one Backspace (which widens the filter: a full scan).
Both per-action figures should stay well under 50 ms.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def make_demo(path: Path, staff: int) -> None:
    subprocess.run([sys.executable, str(ROOT / "main.py"), "demo", "--db", str(path),
                    "--staff", str(staff)], check=True, capture_output=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def report(label: str, samples: list[float]) -> None:
    print(f"{label:58} median {ms(statistics.median(samples))}   max {ms(max(samples))}"
          f"   (n={len(samples)})")


def measure_selection(app, window, rows: list[int]) -> list[float]:
    """Seconds from choosing a row of the staff list until the grid has been repainted."""
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QTableView
    staff = window.findChild(QTableView, "staffList")
    grid = window.findChild(QTableView, "skillGrid")
    samples = []
    for row in rows:
        start = time.perf_counter()
        staff.selectionModel().setCurrentIndex(staff.model().index(row, 0),
                                               QItemSelectionModel.SelectionFlag.ClearAndSelect)
        app.processEvents()  # the deferred row-height measurement runs here
        grid.viewport().repaint()
        samples.append(time.perf_counter() - start)
    return samples


def measure_typing(app, window, word: str) -> tuple[list[float], float]:
    """Seconds per keystroke typing word into the filter, and for one Backspace."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QLineEdit, QTableView
    box = window.findChild(QLineEdit, "staffFilter")
    staff = window.findChild(QTableView, "staffList")
    box.setFocus()
    box.clear()
    app.processEvents()
    samples = []
    for char in word:
        event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
        start = time.perf_counter()
        app.sendEvent(box, event)
        app.processEvents()
        staff.viewport().repaint()
        samples.append(time.perf_counter() - start)
    backspace = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier)
    start = time.perf_counter()
    app.sendEvent(box, backspace)
    app.processEvents()
    staff.viewport().repaint()
    widen = time.perf_counter() - start
    return samples, widen


def run(db: Path, people: int) -> None:
    import skillmatrix.ui  # noqa: F401  (first: the binding check of skillmatrix/ui/__init__.py)
    from PySide6.QtWidgets import QApplication, QTableView

    from skillmatrix.app import create_window
    from skillmatrix.ui.application import configure_application

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)
    start = time.perf_counter()
    window = create_window(db)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    window.repaint()
    opened = time.perf_counter() - start
    total = window.findChild(QTableView, "staffList").model().rowCount()
    print(f"database: {db} ({db.stat().st_size / 1e6:.0f} MB, {total} people)")
    print(f"{'open the window (read list, first paint)':58} {ms(opened)}")

    step = max(1, total // people)
    rows = [(i * step + 7) % total for i in range(people)]
    measure_selection(app, window, rows[:3])  # warm-up: first layouts, font caches
    report("select a person -> grid painted", measure_selection(app, window, rows))
    for word in ("セキュリティ", "研修", "ネットワーク基礎"):
        samples, widen = measure_typing(app, window, word)
        report(f"filter keystroke, typing 「{word}」", samples)
        print(f"{'  then Backspace (widening: full scan)':58} {ms(widen)}")
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser(description="Window benchmark on a large demo database")
    parser.add_argument("--db", type=Path, help="an existing database (default: make a demo one)")
    parser.add_argument("--staff", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=40, help="how many people to select")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        # Settings and logs go to a throw-away folder, never the user's.
        os.environ["XDG_DATA_HOME"] = os.environ["LOCALAPPDATA"] = tmp
        db = args.db
        if db is None:
            db = Path(tmp) / "big.sqlite"
            print(f"making a demo database of {args.staff} people …", flush=True)
            make_demo(db, args.staff)
        run(db, args.people)


if __name__ == "__main__":
    main()
