"""One cold process of the window benchmark, run by run.py; prints one JSON line.

    python tests/benchmarks/window_child.py ours DB [--people 40] [--edits 10]
    python tests/benchmarks/window_child.py bare DB [--people 40] [--edits 10]

`ours` opens the editor window on DB (a copy: cell edits write to it) and measures, in
this order: the open (create_window until the first paint, and since the process
started), the resident memory with the staff list loaded, selecting people until the grid
is painted and typing in the staff filter (bench_ui.py's measurements), then cell edits
committed to the file and repainted, and the peak resident memory of the whole session.

`bare` does the same things the plainest way Qt and sqlite3 allow, on the same data: a
QListView of the names read by one SELECT; a QTableWidget filled with the same 64 cell
texts (one GROUP BY query per person); a list filtered by a substring scan of the same
texts; an UPDATE of one entry's text and a commit (same journal mode and sync level).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()  # as early as this process can tell (imports follow)
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT), str(HERE)]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_ui import measure_selection, measure_typing  # noqa: E402

WORDS = ("セキュリティ", "研修", "ネットワーク基礎")


def memory_mb() -> dict[str, float]:
    """Returns VmRSS (resident now) and VmHWM (peak resident) of this process in MB."""
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0]) / 1024
    return found


def chosen_rows(total: int, people: int) -> list[int]:
    step = max(1, total // people)
    return [(i * step + 7) % total for i in range(people)]


def wall(samples) -> list[float]:
    return [w for w, _ in samples]


def ours(db: Path, people: int, edits: int) -> dict:
    from PySide6.QtWidgets import QApplication, QTableView

    import skillmatrix.ui  # noqa: F401  (first: its binding check)
    from skillmatrix.app import create_window
    from skillmatrix.ui.common.application import configure_application

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)
    start = time.perf_counter()
    window = create_window(db)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    window.repaint()
    painted = time.perf_counter()
    result = {"open": painted - start, "start_to_window": painted - STARTED, "rss_open": memory_mb()["VmRSS"]}
    staff = window.findChild(QTableView, "staffList")
    model = staff.model()
    if hasattr(model, "searchable"):  # the filter's index is built while the window is idle
        while not model.searchable:
            app.processEvents()
        result["searchable"] = time.perf_counter() - start
    total = model.rowCount()
    rows = chosen_rows(total, people)
    measure_selection(app, window, rows[:3])  # warm-up: first layouts, font caches
    result["select"] = wall(measure_selection(app, window, rows))
    keys, widen = [], []
    for word in WORDS:
        samples, backspace = measure_typing(app, window, word)
        keys += wall(samples)
        widen.append(backspace[0])
    result["keystroke"], result["backspace"] = keys, widen
    result["edit"] = measure_edits(app, window, edits)
    result.update({"rss_end": memory_mb()["VmRSS"], "rss_peak": memory_mb()["VmHWM"]})
    window.close()
    return result


def measure_edits(app, window, count: int) -> list[float]:
    """Seconds from setData on a grid cell (the editor committing) until the change is
    in the file and the grid has been repainted; alternately adds and removes a line."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableView

    grid = window.findChild(QTableView, "skillGrid")
    model = grid.model()
    delegate = grid.itemDelegate()
    painted = [0]
    paint = delegate.paint

    def counting_paint(*args):
        painted[0] += 1
        paint(*args)

    delegate.paint = counting_paint
    samples = []
    for i in range(count * 2):
        index = model.index(i // 2 % model.rowCount(), (i // 2 // model.rowCount()) % model.columnCount())
        before = index.data(Qt.ItemDataRole.EditRole) or ""
        text = before + f"\nベンチマーク追記{i}" if i % 2 == 0 else before.rsplit("\n", 1)[0]
        if i % 2 and before.count("\n") == 0:
            text = ""
        painted[0] = 0
        start = time.perf_counter()
        if not model.setData(index, text, Qt.ItemDataRole.EditRole):
            raise SystemExit(f"cell edit refused: {window.statusBar().currentMessage()}")
        app.processEvents()
        if not painted[0]:
            grid.viewport().repaint()
        samples.append(time.perf_counter() - start)
    delegate.paint = paint
    return samples


def bare(db: Path, people: int, edits: int) -> dict:
    from PySide6.QtCore import QStringListModel
    from PySide6.QtWidgets import QApplication, QListView, QTableWidget, QTableWidgetItem

    app = QApplication.instance() or QApplication(sys.argv[:1])
    start = time.perf_counter()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    names = [r[0] for r in conn.execute("SELECT name FROM staff ORDER BY position, rowid")]
    model = QStringListModel(names)
    view = QListView()
    view.setModel(model)
    view.resize(280, 800)
    view.show()
    app.processEvents()
    view.repaint()
    painted = time.perf_counter()
    result = {"open": painted - start, "start_to_window": painted - STARTED, "rss_open": memory_mb()["VmRSS"]}

    # Select: the same 64 cells of the same people, filled into a QTableWidget.
    ids = [r[0] for r in conn.execute("SELECT id FROM staff ORDER BY position, rowid")]
    levels = list(range(8))
    categories = [r[0] for r in conn.execute("SELECT id FROM category ORDER BY position")]
    table = QTableWidget(len(levels), len(categories))
    table.setWordWrap(True)
    table.resize(1000, 600)
    table.show()
    app.processEvents()
    samples = []
    for row in chosen_rows(len(ids), people):
        t = time.perf_counter()
        cells = {
            (lv, cat): text
            for lv, cat, text in conn.execute(
                "SELECT level, category_id, group_concat(text, char(10)) FROM entry "
                "WHERE staff_id = ? GROUP BY level, category_id",
                [ids[row]],
            )
        }
        for r, lv in enumerate(levels):
            for c, cat in enumerate(categories):
                table.setItem(r, c, QTableWidgetItem(cells.get((lv, cat), "")))
        table.resizeRowsToContents()
        table.viewport().repaint()
        samples.append(time.perf_counter() - t)
    result["select"] = samples[3:] if len(samples) > 6 else samples

    # Filter: the same words typed one character at a time over the same texts.
    texts = {r[0]: "\n".join(r[1:]) for r in conn.execute("SELECT id, name, kana, title, section FROM staff")}
    for sid, joined in conn.execute(
        "SELECT staff_id, group_concat(text, char(10)) FROM entry GROUP BY staff_id"
    ):
        texts[sid] = texts.get(sid, "") + "\n" + joined
    folded = [texts.get(i, "").casefold() for i in ids]
    keys = []
    for word in WORDS:
        for n in range(1, len(word) + 1):
            t = time.perf_counter()
            term = word[:n].casefold()
            model.setStringList([names[i] for i, text in enumerate(folded) if term in text])
            view.viewport().repaint()
            keys.append(time.perf_counter() - t)
    result["keystroke"] = keys
    conn.close()

    # Edit: one UPDATE and commit per edit, with the program's journal mode and sync level.
    conn = sqlite3.connect(db, isolation_level="")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    entry_ids = [r[0] for r in conn.execute("SELECT id FROM entry LIMIT ?", [edits])]
    samples = []
    for i in range(edits * 2):
        t = time.perf_counter()
        conn.execute(
            "UPDATE entry SET text = text || ? WHERE id = ?", [f"追記{i}", entry_ids[i // 2 % len(entry_ids)]]
        )
        conn.commit()
        samples.append(time.perf_counter() - t)
    conn.close()
    result["edit"] = samples
    result.update({"rss_end": memory_mb()["VmRSS"], "rss_peak": memory_mb()["VmHWM"]})
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=("ours", "bare"))
    parser.add_argument("db", type=Path)
    parser.add_argument("--people", type=int, default=40)
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    measure = ours if args.kind == "ours" else bare
    print(json.dumps(measure(args.db, args.people, args.edits)))


if __name__ == "__main__":
    main()
