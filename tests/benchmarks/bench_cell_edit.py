"""One grid cell edit at the store: time and rows written (issue 12's figures).

    python tests/benchmarks/bench_cell_edit.py --db BIG.sqlite [--edits 200]

Works on a copy of BIG (made with `main.py demo --db BIG.sqlite --staff 10000`). Each
edit adds a line to one cell of a different person (then the next edit removes it), the
way the window commits a cell: before issue 12 through Store.save_staff(the whole new
sheet); since, through operations.run(store, edit_sheet(old, new)). Prints the median and
worst time of the write and the rows SQLite changed per edit (sqlite3 total_changes).
The code measured is the skillmatrix package of the tree this file is in, so the same
file run from an older checkout measures the older code.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from skillmatrix.store.repository import Store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--edits", type=int, default=200)
    args = parser.parse_args()
    try:
        from skillmatrix import operations
        from skillmatrix.operations.sheet import edit_sheet
    except ImportError:  # the tree before issue 12
        operations = None
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "copy.sqlite"
        shutil.copyfile(args.db, db)
        with Store.open(db) as store:
            ids = store.staff_ids()
            conn = store.db.conn
            times, rows = [], []
            for i in range(args.edits):
                staff_id = ids[(i // 2) * 37 % len(ids)]
                old = store.get_staff(staff_id)
                new = old.copy()
                first = new.entries[0]
                if i % 2 == 0:
                    new.entries.insert(1, type(first)(first.level, first.category_id, f"ベンチマーク追記{i}"))
                else:
                    new.entries = [e for e in new.entries if not e.text.startswith("ベンチマーク追記")]
                before = conn.total_changes
                start = time.perf_counter()
                if operations is None:
                    store.save_staff(new)
                else:
                    operations.run(store, edit_sheet(old, new, "セル入力", "edit_cell"))
                times.append(time.perf_counter() - start)
                rows.append(conn.total_changes - before)
    entries = statistics.median(len(store_sheet) for store_sheet in [old.entries])
    print(
        f"{'operations' if operations else 'save_staff (before)'}: {args.edits} cell edits, "
        f"median {statistics.median(times) * 1000:.2f} ms, worst {max(times) * 1000:.2f} ms, "
        f"rows written per edit median {statistics.median(rows):.0f} (person of ~{entries:.0f} entries)"
    )


if __name__ == "__main__":
    main()
