"""Benchmark: the shared file (.sqlite) with 10,000 staff.

Run: .venv/bin/python tests/benchmarks/bench_shared.py [--staff N] [--runs K] [--parts P --part-size S]

Prints the median and worst of K runs of:
- export (the whole `skillmatrix export` process, and the export function alone),
  against SQLite's own backup API copying the same file, and a bare VACUUM INTO;
- import (the whole `skillmatrix import` process) into an empty database, and into the
  full one it came from (all unchanged), with the in-process phases: read and validate
  the untrusted file, plan, back up and write;
- merging P files of S staff each (default 33 × 300, cut from the same database) one
  after the other into an empty database.
"""

import argparse
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from skillmatrix.exchange.merge import plan_import  # noqa: E402
from skillmatrix.exchange.shared_file import apply_import, export_shared, read_shared_file  # noqa: E402
from skillmatrix.store.repository import Store  # noqa: E402


def cli(*args):
    start = time.perf_counter()
    p = subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True)
    if p.returncode:
        raise SystemExit(p.stderr.decode())
    return time.perf_counter() - start


def clock(func):
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def empty_database(path):
    Store.create(path).close()
    return path


def import_phases(db, shared, rows):
    """Imports in-process, timing read+validate, plan, and backup+write separately."""
    with Store.open(db, readonly=True) as store:
        t_read, loaded = clock(lambda: read_shared_file(shared, store.categories()))
    with Store.open(db) as store:
        t_plan, plan = clock(lambda: plan_import(store, loaded.people, loaded.chains))
        t_write, _ = clock(lambda: apply_import(store, plan, shared.name))
    rows.setdefault("  read + validate the file", []).append(t_read)
    rows.setdefault("  plan (compare revisions)", []).append(t_plan)
    rows.setdefault("  backup + write (one transaction)", []).append(t_write)
    return plan


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--staff", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--parts", type=int, default=33)
    parser.add_argument("--part-size", type=int, default=300)
    args = parser.parse_args()
    rows: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / "source.sqlite"
        rows["demo --staff N (create the source)"] = [cli("demo", "--db", src, "--staff", args.staff)]
        size = src.stat().st_size / 2**20
        for run in range(args.runs):
            out = tmp / f"export{run}.sqlite"
            rows.setdefault("export (whole process)", []).append(cli("export", "--db", src, "--out", out))
            again = tmp / f"again{run}.sqlite"
            with Store.open(src, readonly=True) as store:
                rows.setdefault("export function alone (snapshot, trim, verify)", []).append(
                    clock(lambda s=store, a=again: export_shared(s, a))[0]
                )
            copy = tmp / f"backup{run}.sqlite"
            conn = sqlite3.connect(src)
            dest = sqlite3.connect(copy)
            rows.setdefault("SQLite backup API of the same file", []).append(
                clock(lambda c=conn, d=dest: c.backup(d))[0]
            )
            dest.close()
            vac = tmp / f"vacuum{run}.sqlite"
            rows.setdefault("bare VACUUM INTO of the same file", []).append(
                clock(lambda c=conn, v=vac: c.execute("VACUUM INTO ?", [str(v)]))[0]
            )
            conn.close()

            target = empty_database(tmp / f"empty{run}.sqlite")
            rows.setdefault("import into an empty database (whole process)", []).append(
                cli("import", "--db", target, out)
            )
            target2 = empty_database(tmp / f"empty-b{run}.sqlite")
            plan = import_phases(target2, out, rows)
            assert len(plan.added) == args.staff
            full = tmp / f"full{run}.sqlite"
            full.write_bytes(src.read_bytes())
            rows.setdefault("import into the full database, all unchanged (whole process)", []).append(
                cli("import", "--db", full, out)
            )
        export_size = out.stat().st_size / 2**20

        with Store.open(src, readonly=True) as store:
            ids = store.staff_ids()
            parts = []
            for i in range(args.parts):
                chunk = ids[i * args.part_size : (i + 1) * args.part_size]
                if chunk:
                    parts.append(export_shared(store, tmp / f"part{i:02}.sqlite", chunk).path)
        merged = empty_database(tmp / "merged.sqlite")
        per_file = []

        def merge_all():
            for part in parts:
                per_file.append(clock(lambda p=part: import_phases(merged, p, {}))[0])

        total, _ = clock(merge_all)
        with Store.open(merged, readonly=True) as store:
            count = store.staff_count()
            problems = store.check(full=True)
        assert not problems, problems
        rows[f"merge {len(parts)} files of {args.part_size} staff into one database (total)"] = [total]
        rows["  per file (median / worst)"] = per_file

    print(
        f"staff={args.staff}, source {size:.1f} MB, shared file {export_size:.1f} MB, {args.runs} runs (seconds)"
    )
    print(f"merged database: {count} staff, integrity_check ok")
    print(f"{'figure':66} {'median':>8} {'worst':>8}")
    for name, values in rows.items():
        print(f"{name:66} {statistics.median(values):8.2f} {max(values):8.2f}")


if __name__ == "__main__":
    main()
