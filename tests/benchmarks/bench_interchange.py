"""Benchmark: JSON import of 10,000 staff (~40 entries each) and dump of it.

Run: .venv/bin/python tests/benchmarks/bench_interchange.py [--staff N] [--runs K]
Prints the median and worst of K runs for: demo generation, dump, import into an empty
database, import into the same database again (all unchanged).
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def timed(*args):
    start = time.perf_counter()
    p = subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True)
    if p.returncode:
        raise SystemExit(p.stderr.decode())
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--staff", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for run in range(args.runs):
            src, dump = tmp / f"src{run}.sqlite", tmp / f"d{run}.json"
            rows.setdefault("demo --staff N (create)", []).append(
                timed("demo", "--db", src, "--staff", args.staff)
            )
            rows.setdefault("dump", []).append(timed("dump", "--db", src, "--out", dump))
            target = tmp / f"t{run}.sqlite"
            timed("demo", "--db", target)  # an empty-ish database: the two seed people
            rows.setdefault("import JSON into a new database", []).append(
                timed("import", "--db", target, dump)
            )
            rows.setdefault("import JSON again (all unchanged)", []).append(
                timed("import", "--db", target, dump)
            )
        size = dump.stat().st_size / 2**20
    print(f"staff={args.staff}, JSON {size:.1f} MB, {args.runs} runs (whole process, seconds)")
    print(f"{'figure':40} {'median':>8} {'worst':>8}")
    for name, values in rows.items():
        print(f"{name:40} {statistics.median(values):8.2f} {max(values):8.2f}")


if __name__ == "__main__":
    main()
