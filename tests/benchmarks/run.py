"""The benchmark suite of issue 8: every figure against its target and a bare baseline.

Run:
    .venv/bin/python tests/benchmarks/run.py            # N = 100, 1,000, 10,000 (~8 min)
    .venv/bin/python tests/benchmarks/run.py --quick    # N = 100, 1,000, fewer runs (~1.5 min)

Databases are made with `main.py demo --staff N` (about 40 entries per person) once per
invocation in a work folder (--work DIR keeps them for the next invocation). For each
figure the table gives the median and the worst of several runs, a bare baseline measured
in the same invocation on the same data and the ratio to it, the target of issue 8 and
whether it is met (judged on the median). Window figures come from cold processes
(window_child.py, offscreen); command figures are whole `main.py` processes, as a user
runs them; export, merge and résumé figures are in-process, like their baselines.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT), str(HERE)]
PYTHON = sys.executable
BARE = HERE / "bare.py"  # the plainest way to do what a command does, run as a process


@dataclass
class Figure:
    """One row of the table: samples in seconds (or MB when unit is 'MB')."""

    name: str
    n: int | str
    samples: list[float]
    baseline_name: str = ""
    baseline: list[float] | None = None
    target: str = ""
    limit: float | None = None  # the median must be below this (seconds or MB) ...
    max_ratio: float | None = None  # ... or the ratio at most this
    unit: str = "s"

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def ratio(self) -> float | None:
        if not self.baseline:
            return None
        base = statistics.median(self.baseline)
        return self.median / base if base else None

    @property
    def verdict(self) -> str:
        if self.limit is not None:
            return "PASS" if self.median < self.limit else "MISS"
        if self.max_ratio is not None and self.ratio is not None:
            return "PASS" if self.ratio <= self.max_ratio else "MISS"
        return "—"


def show(value: float, unit: str) -> str:
    if unit == "MB":
        return f"{value:.0f} MB"
    if value < 1:
        return f"{value * 1000:.1f} ms" if value < 0.1 else f"{value * 1000:.0f} ms"
    return f"{value:.2f} s"


def clock(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def cli(*args) -> float:
    """Seconds of one whole `main.py ARGS` process."""
    return process(str(ROOT / "main.py"), *args)


def process(*args) -> float:
    start = time.perf_counter()
    p = subprocess.run([PYTHON, *map(str, args)], capture_output=True, text=True)
    if p.returncode:
        raise SystemExit(f"failed: {args}\n{p.stderr}")
    return time.perf_counter() - start


class Bench:
    """One invocation: the work folder, the settings and the figures gathered."""

    def __init__(self, work: Path, quick: bool):
        self.work, self.quick = work, quick
        self.runs = 3 if quick else 5  # cheap figures
        self.heavy_runs = 2 if quick else 3  # figures of several seconds each
        self.figures: list[Figure] = []
        self.env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            XDG_DATA_HOME=str(work / "data"),
            LOCALAPPDATA=str(work / "data"),
            XDG_CONFIG_HOME=str(work / "config"),
        )
        os.environ.update(
            XDG_DATA_HOME=self.env["XDG_DATA_HOME"],
            LOCALAPPDATA=self.env["LOCALAPPDATA"],
            XDG_CONFIG_HOME=self.env["XDG_CONFIG_HOME"],
        )

    def add(self, figure: Figure) -> None:
        self.figures.append(figure)
        base = f"  base {show(statistics.median(figure.baseline), figure.unit)}" if figure.baseline else ""
        print(f"  {figure.name} (N={figure.n}): {show(figure.median, figure.unit)}{base}", flush=True)

    def tmp(self, name: str) -> Path:
        path = self.work / "tmp" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            p.unlink(missing_ok=True)
        return path

    def forget_backups(self) -> None:
        """Removes the backups every import makes beside its database (33 merges of a
        growing file leave gigabytes)."""
        shutil.rmtree(self.work / "tmp" / "backups", ignore_errors=True)

    def demo(self, n: int) -> Path:
        """The demo database of n people, made once and reused."""
        path = self.work / f"demo-{n}.sqlite"
        if not path.exists():
            seconds = cli("demo", "--db", path, "--staff", n)
            self.add(Figure("demo --staff N (create the database)", n, [seconds]))
        return path

    # -- the window ------------------------------------------------------------------------

    def window(self, n: int, db: Path) -> None:
        people, edits = (20, 5) if self.quick else (40, 10)
        found: dict[str, list[dict]] = {"ours": [], "bare": []}
        for _ in range(self.runs):
            for kind in ("ours", "bare"):
                copy = self.tmp(f"window-{n}.sqlite")
                shutil.copyfile(db, copy)  # the edits write to it
                p = subprocess.run(
                    [
                        PYTHON,
                        str(HERE / "window_child.py"),
                        kind,
                        str(copy),
                        "--people",
                        str(people),
                        "--edits",
                        str(edits),
                    ],
                    capture_output=True,
                    text=True,
                    env=self.env,
                )
                if p.returncode:
                    raise SystemExit(f"window_child {kind} failed:\n{p.stderr}")
                found[kind].append(json.loads(p.stdout.strip().splitlines()[-1]))
        ours, bare = found["ours"], found["bare"]

        def pool(runs, key):
            return [x for r in runs for x in r[key]]

        self.add(
            Figure(
                "open the window with the staff list (cold process)",
                n,
                [r["open"] for r in ours],
                "bare QListView, names by one SELECT",
                [r["open"] for r in bare],
                "< 1.5 s",
                limit=1.5,
            )
        )
        self.add(
            Figure(
                "  process start → window painted",
                n,
                [r["start_to_window"] for r in ours],
                "bare QListView process",
                [r["start_to_window"] for r in bare],
            )
        )
        if "searchable" in ours[0]:
            self.add(Figure("  filter index ready (built while idle)", n, [r["searchable"] for r in ours]))
        self.add(
            Figure(
                "select a person → grid painted",
                n,
                pool(ours, "select"),
                "bare QTableWidget, same 64 texts",
                pool(bare, "select"),
                "< 30 ms",
                limit=0.030,
            )
        )
        self.add(
            Figure(
                "filter keystroke → list repainted",
                n,
                pool(ours, "keystroke"),
                "bare substring scan + QListView",
                pool(bare, "keystroke"),
                "< 30 ms",
                limit=0.030,
            )
        )
        self.add(
            Figure(
                "  Backspace (widening: full scan)",
                n,
                pool(ours, "backspace"),
                "bare substring scan + QListView",
                pool(bare, "keystroke"),
                "< 30 ms",
                limit=0.030,
            )
        )
        self.add(
            Figure(
                "one cell edit committed and repainted",
                n,
                pool(ours, "edit"),
                "bare UPDATE + commit (WAL, FULL)",
                pool(bare, "edit"),
                "< 20 ms",
                limit=0.020,
            )
        )
        self.add(
            Figure(
                "resident memory, window with list loaded",
                n,
                [r["rss_open"] for r in ours],
                "bare QListView process",
                [r["rss_open"] for r in bare],
                "< 300 MB",
                limit=300,
                unit="MB",
            )
        )
        self.add(
            Figure(
                "  peak resident memory of the session",
                n,
                [r["rss_peak"] for r in ours],
                "bare process",
                [r["rss_peak"] for r in bare],
                "< 300 MB",
                limit=300,
                unit="MB",
            )
        )

    # -- files: export, import, dump ---------------------------------------------------------

    def shared_file(self, n: int, db: Path) -> Path:
        from skillmatrix.exchange.shared_file import export_shared
        from skillmatrix.store.repository import Store

        ours, base = [], []
        for _ in range(self.heavy_runs):
            out = self.tmp(f"export-{n}.sqlite")
            with Store.open(db, readonly=True) as store:
                ours.append(clock(lambda s=store, o=out: export_shared(s, o)))
            copy = self.tmp(f"backup-{n}.sqlite")
            source, dest = sqlite3.connect(db), sqlite3.connect(copy)
            base.append(clock(lambda s=source, d=dest: s.backup(d)))
            source.close(), dest.close()
        self.add(
            Figure(
                "export the shared file (export_shared)",
                n,
                ours,
                "sqlite3 backup API, same file",
                base,
                "≤ 2× backup",
                max_ratio=2.0,
            )
        )
        return out

    def empty_db(self, name: str) -> Path:
        from skillmatrix.store.repository import Store

        path = self.tmp(name)
        Store.create(path).close()
        return path

    def imports(self, n: int, db: Path, shared: Path) -> None:
        empty, full, base_empty, base_full = [], [], [], []
        for _ in range(self.heavy_runs):
            target = self.empty_db(f"import-empty-{n}.sqlite")
            empty.append(cli("import", "--db", target, shared))
            target = self.empty_db(f"bare-empty-{n}.sqlite")
            base_empty.append(process(BARE, "copy", shared, target))
            target = self.tmp(f"import-full-{n}.sqlite")
            shutil.copyfile(db, target)
            full.append(cli("import", "--db", target, shared))
            base_full.append(process(BARE, "copy", shared, target))
            self.forget_backups()
        self.add(
            Figure(
                "import the shared file into an empty database",
                n,
                empty,
                "bare ATTACH + INSERT…SELECT",
                base_empty,
            )
        )
        self.add(
            Figure(
                "import it into the full database (all unchanged)",
                n,
                full,
                "bare INSERT OR IGNORE…SELECT",
                base_full,
            )
        )

    def interchange(self, n: int, db: Path) -> None:
        dump, base_dump, load, base_load = [], [], [], []
        out = self.tmp(f"dump-{n}.json")
        for _ in range(self.heavy_runs):
            out.unlink(missing_ok=True)
            dump.append(cli("dump", "--db", db, "--out", out))
            base_dump.append(process(BARE, "dump", db, self.tmp(f"bare-dump-{n}.json")))
            target = self.empty_db(f"json-empty-{n}.sqlite")
            load.append(cli("import", "--db", target, out))
            target = self.empty_db(f"bare-json-{n}.sqlite")
            base_load.append(process(BARE, "json-import", out, target))
            self.forget_backups()
        self.add(Figure("dump (interchange JSON)", n, dump, "bare SELECTs + json.dump", base_dump))
        self.add(
            Figure(
                "import of that JSON into an empty database", n, load, "bare json.load + INSERTs", base_load
            )
        )

    def merge(self, db: Path, parts: int, size: int) -> None:
        from bare import bare_copy
        from bench_shared import import_phases

        from skillmatrix.exchange.shared_file import export_shared
        from skillmatrix.store.repository import Store

        with Store.open(db, readonly=True) as store:
            ids = store.staff_ids()
            files = [
                export_shared(store, self.tmp(f"part{i:02}.sqlite"), ids[i * size : (i + 1) * size]).path
                for i in range(parts)
            ]
        ours, base = [], []
        for _ in range(self.heavy_runs):
            merged = self.empty_db("merged.sqlite")
            ours.append(clock(lambda m=merged: [import_phases(m, f, {}) for f in files]))
            self.forget_backups()
            merged = self.empty_db("bare-merged.sqlite")
            base.append(clock(lambda m=merged: [bare_copy(f, m) for f in files]))
        self.add(
            Figure(
                f"merge {parts} shared files of {size} staff (in-process)",
                parts * size,
                ours,
                "bare ATTACH + INSERT…SELECT each",
                base,
            )
        )

    # -- résumés -------------------------------------------------------------------------------

    def resume(self) -> None:
        from bench_report import bare_resume

        from skillmatrix.demo.generated import seed_staff
        from skillmatrix.domain.defaults import load_defaults
        from skillmatrix.report.fonts import register_font
        from skillmatrix.report.resume import build_resumes

        d = load_defaults()
        categories = d.new_categories()
        veteran = seed_staff(categories)[1]
        font = register_font()
        out, bare = self.tmp("ours.pdf"), self.tmp("bare.pdf")
        runs = 5 if self.quick else 15
        ours = [clock(lambda: build_resumes([veteran], d.levels, categories, out)) for _ in range(runs)]
        base = [clock(lambda: bare_resume(veteran, d.levels, categories, bare, font)) for _ in range(runs)]
        self.add(
            Figure(
                "one résumé PDF (the seed veteran, in-process)",
                1,
                ours,
                "bare reportlab, same text and font",
                base,
                "≤ 1.5× bare",
                max_ratio=1.5,
            )
        )

    def many_resumes(self, db: Path, small: int, large: int) -> None:
        from bench_report import run_child

        found = {
            count: [run_child(db, count, "db") for _ in range(1 if count == small else self.heavy_runs - 1)]
            for count in (small, large)
        }
        self.add(
            Figure(
                f"{large:,} résumés into one PDF (print --all path), per résumé",
                large,
                [r["seconds"] / large for r in found[large]],
                f"the same per résumé for {small}",
                [r["seconds"] / small for r in found[small]],
            )
        )
        self.add(
            Figure(
                f"  peak resident memory printing {large:,}",
                large,
                [r["vmhwm_mb"] for r in found[large]],
                f"the same for {small}",
                [r["vmhwm_mb"] for r in found[small]],
                "flat: ≤ 1.1× smaller run",
                max_ratio=1.1,
                unit="MB",
            )
        )

    # -- the table -------------------------------------------------------------------------------

    def table(self) -> str:
        head = ("figure", "N", "median", "worst", "baseline", "base median", "ratio", "target", "result")
        rows = []
        for f in self.figures:
            ratio = f.ratio
            rows.append(
                (
                    f.name,
                    f"{f.n:,}" if isinstance(f.n, int) else f.n,
                    show(f.median, f.unit),
                    show(max(f.samples), f.unit),
                    f.baseline_name,
                    show(statistics.median(f.baseline), f.unit) if f.baseline else "",
                    f"{ratio:.1f}×" if ratio is not None else "",
                    f.target,
                    f.verdict,
                )
            )
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="SkillMatrix benchmark suite (issue 8)")
    parser.add_argument("--quick", action="store_true", help="N = 100 and 1,000, fewer runs")
    parser.add_argument("--sizes", type=int, nargs="+", help="staff counts (default 100 1000 10000)")
    parser.add_argument("--work", type=Path, help="keep the databases in this folder for the next run")
    parser.add_argument(
        "--only", nargs="+", choices=("window", "files", "resumes", "merge"), help="measure only these groups"
    )
    args = parser.parse_args()
    sizes = args.sizes or ([100, 1000] if args.quick else [100, 1000, 10_000])
    groups = set(args.only or ("window", "files", "resumes", "merge"))
    work = args.work or Path(tempfile.mkdtemp(prefix="skillmatrix-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    bench = Bench(work, args.quick)
    started = time.perf_counter()
    try:
        for n in sizes:
            print(f"N = {n:,}", flush=True)
            db = bench.demo(n)
            if "window" in groups:
                bench.window(n, db)
            if "files" in groups:
                bench.imports(n, db, bench.shared_file(n, db))
                bench.interchange(n, db)
            shutil.rmtree(work / "tmp", ignore_errors=True)  # copies of N's database
        largest = bench.demo(max(sizes))
        if "merge" in groups:
            size = min(300, max(sizes) // 33)
            bench.merge(largest, 33, size)
        if "resumes" in groups:
            print("résumés", flush=True)
            bench.resume()
            counts = (500, 1000)  # below ~500 the peak still grows as caches warm up
            bench.many_resumes(largest, *counts)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(
        f"python tests/benchmarks/run.py{' --quick' if args.quick else ''} — "
        f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"SQLite {sqlite3.sqlite_version}; {time.perf_counter() - started:.0f} s in all"
    )
    print("median and worst of several runs; result judged on the median")
    print(bench.table())


if __name__ == "__main__":
    main()
