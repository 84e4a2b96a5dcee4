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
    subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "demo", "--db", str(path), "--staff", str(staff)],
        check=True,
        capture_output=True,
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


class Stopwatch:
    """Wall-clock and CPU time of this process: on a busy machine the wall time includes
    waiting for a core, the CPU time does not."""

    def __init__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def stop(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


def report(label: str, samples: list[tuple[float, float]]) -> None:
    wall = [w for w, _ in samples]
    cpu = [c for _, c in samples]
    print(
        f"{label:46} wall median {ms(statistics.median(wall))} max {ms(max(wall))} | "
        f"CPU median {ms(statistics.median(cpu))} max {ms(max(cpu))}  (n={len(samples)})"
    )


def measure_selection(app, window, rows: list[int]):
    """Seconds from choosing a row of the staff list until the grid has been painted.

    The event loop repaints every widget that changed (the grid among them); a counter on
    the grid's delegate proves the grid was painted in that time, else it is repainted.
    """
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QTableView

    staff = window.findChild(QTableView, "staffList")
    grid = window.findChild(QTableView, "skillGrid")
    delegate = grid.itemDelegate()
    painted = [0]
    paint = delegate.paint

    def counting_paint(*args):
        painted[0] += 1
        paint(*args)

    delegate.paint = counting_paint
    samples = []
    for row in rows:
        painted[0] = 0
        watch = Stopwatch()
        staff.selectionModel().setCurrentIndex(
            staff.model().index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        app.processEvents()  # views update, row heights are measured, the window repaints
        if not painted[0]:
            grid.viewport().repaint()
        samples.append(watch.stop())
    delegate.paint = paint
    return samples


def measure_typing(app, window, word: str):
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
        watch = Stopwatch()
        app.sendEvent(box, event)
        app.processEvents()
        staff.viewport().repaint()
        samples.append(watch.stop())
    backspace = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier)
    watch = Stopwatch()
    app.sendEvent(box, backspace)
    app.processEvents()
    staff.viewport().repaint()
    return samples, watch.stop()


def measure_first_keystroke(app, window, char: str) -> tuple[float, float]:
    """Seconds from the first key typed into the filter, right after the window opened,
    until the list is repainted (issue 13 item 10: < 100 ms)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QLineEdit, QTableView

    box = window.findChild(QLineEdit, "staffFilter")
    staff = window.findChild(QTableView, "staffList")
    box.setFocus()
    event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
    watch = Stopwatch()
    app.sendEvent(box, event)
    app.processEvents()
    staff.viewport().repaint()
    return watch.stop()


def run(db: Path, people: int) -> None:
    from PySide6.QtWidgets import QApplication, QLineEdit, QTableView

    import skillmatrix.ui  # noqa: F401  (first: the binding check of skillmatrix/ui/__init__.py)
    from skillmatrix.app import create_window
    from skillmatrix.ui.common.application import configure_application

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)
    watch = Stopwatch()
    window = create_window(db)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    window.repaint()
    opened = watch.stop()
    total = window.findChild(QTableView, "staffList").model().rowCount()
    first_key = measure_first_keystroke(app, window, "研")  # before the index is complete
    print(f"database: {db} ({db.stat().st_size / 1e6:.0f} MB, {total} people)")
    report("open the window (read list, first paint)", [opened])
    report("first filter keystroke right after opening", [first_key])
    model = window.findChild(QTableView, "staffList").model()
    watch = Stopwatch()
    while not model.searchable:  # the index completes in the background meanwhile
        app.processEvents()
        time.sleep(0.005)
    report("  index complete after that keystroke", [watch.stop()])
    window.findChild(QLineEdit, "staffFilter").clear()
    app.processEvents()

    step = max(1, total // people)
    rows = [(i * step + 7) % total for i in range(people)]
    measure_selection(app, window, rows[:3])  # warm-up: first layouts, font caches
    report("select a person -> grid painted", measure_selection(app, window, rows))
    for word in ("セキュリティ", "研修", "ネットワーク基礎"):
        samples, widen = measure_typing(app, window, word)
        report(f"filter keystroke, typing 「{word}」", samples)
        report("  then Backspace (widening: full scan)", [widen])
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
