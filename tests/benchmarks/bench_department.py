"""Benchmark: the department matrix and gap view for many staff.

Usage:
    .venv/bin/python tests/benchmarks/bench_department.py [--staff 10000] [--db PATH]

Makes (or reuses) a demo database with `main.py demo --staff N`, then measures: levels in
SQL (GROUP BY), the whole snapshot, the time to show the matrix (model + view, first
paint), re-sorting by a category column and by name, switching to the gap view, the
per-category counts and the below-target summary; and the PDF and Excel reports.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def timed(label: str, func):
    start = time.perf_counter()
    result = func()
    print(f"{label:<44} {time.perf_counter() - start:7.3f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--staff", type=int, default=10000)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--reports", action="store_true", help="also time the PDF/Excel reports")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    db = args.db or Path(tmp) / "bench.sqlite"
    if not db.exists():
        timed(
            f"main.py demo --staff {args.staff}",
            lambda: subprocess.run(
                [sys.executable, str(ROOT / "main.py"), "demo", "--db", str(db), "--staff", str(args.staff)],
                check=True,
                capture_output=True,
            ),
        )

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QTableView

    from skillmatrix.store.department import DepartmentStore
    from skillmatrix.store.repository import Store
    from skillmatrix.ui.department.counts_model import CountsModel
    from skillmatrix.ui.department.matrix_model import MODE_GAPS, MatrixModel

    app = QApplication.instance() or QApplication([])
    store = Store.open(db, readonly=True)
    department = DepartmentStore(store)
    print(
        f"staff: {store.staff_count()}, entries: "
        f"{store.db.execute('SELECT count(*) FROM entry').fetchone()[0]}"
    )
    timed("levels in SQL (GROUP BY staff, category)", department.levels)
    timed("levels, training only", lambda: department.levels(["training"]))
    snap = timed("snapshot (levels, profiles, ticks, people)", department.snapshot)

    def show():
        model = MatrixModel()
        view = QTableView()
        view.setModel(model)
        view.setSortingEnabled(True)
        model.set_snapshot(snap)
        view.resize(1400, 800)
        view.show()
        app.processEvents()
        view.grab()  # the first paint
        return model, view

    model, view = timed("show the matrix (model + view + first paint)", show)
    col = model.first_category_column() + 6
    timed(
        "re-sort by セキュリティ (descending)",
        lambda: (view.sortByColumn(col, Qt.SortOrder.DescendingOrder), view.grab()),
    )
    timed(
        "re-sort by 氏名 (ふりがな)", lambda: (view.sortByColumn(0, Qt.SortOrder.AscendingOrder), view.grab())
    )
    timed("switch to the gap view + paint", lambda: (model.set_mode(MODE_GAPS), view.grab()))
    timed(
        "re-sort gap view by セキュリティ shortfall",
        lambda: (
            view.sortByColumn(model.first_category_column() + 6, Qt.SortOrder.AscendingOrder),
            view.grab(),
        ),
    )
    timed(
        "re-sort gap view by 不足計",
        lambda: (view.sortByColumn(model.columnCount() - 2, Qt.SortOrder.DescendingOrder), view.grab()),
    )
    timed("filter 所属 = IT推進課", lambda: (model.set_filter("IT推進課", ""), view.grab()))
    counts = CountsModel()
    timed("per-category counts of everyone", lambda: counts.set_people(snap, [p.id for p in snap.people]))
    timed("below-target summary", snap.below_target)
    if args.reports:
        from skillmatrix.report.department import write_pdf
        from skillmatrix.report.department_tables import build_report
        from skillmatrix.report.xlsx import write_xlsx

        for kind in ("matrix", "gaps"):
            report = timed(f"build report {kind}", lambda k=kind: build_report(store, k))
            timed(f"  write {kind}.xlsx", lambda r=report, k=kind: write_xlsx(r, Path(tmp) / f"{k}.xlsx"))
            pages = timed(
                f"  write {kind}.pdf", lambda r=report, k=kind: write_pdf(r, Path(tmp) / f"{k}.pdf")
            )
            print(f"  ({pages} pages)")
    store.close()


if __name__ == "__main__":
    main()
