"""Benchmark: the first page of the resume_entries view in Datasette at 10,000 staff.

Run: .venv/bin/python tests/benchmarks/bench_datasette.py [--staff N] [--runs K]

Exports a demo database of N people to skillmatrix.sqlite, serves it with the shipped
metadata through Datasette's own client (immutable, as the README publishes it), and
prints the median and worst of K requests for the view's first page (JSON and HTML),
against the same file with the schema-2 view (ORDER BY over every row) put back.
"""

import argparse
import asyncio
import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from datasette.app import Datasette  # noqa: E402

from skillmatrix.store import schema  # noqa: E402

SETTINGS = {"suggest_facets": False}
OLD_VIEW = dict(schema.migrations())[2].split("CREATE VIEW", 1)[1].split(";", 1)[0]


def sm(*args):
    subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args), "-q"], check=True, capture_output=True
    )


def timed_pages(path: Path, runs: int) -> dict[str, list[float]]:
    metadata = json.loads((ROOT / "resources" / "datasette-metadata.json").read_text(encoding="utf-8"))
    # The settings of the README's command: no facet suggestions (each scans the view).
    ds = Datasette(immutables=[str(path)], metadata=metadata, settings=SETTINGS)

    async def go():
        await ds.invoke_startup()
        times: dict[str, list[float]] = {"json": [], "html": []}
        for _ in range(runs):
            for kind, url in (
                ("json", "/skillmatrix/resume_entries.json?_shape=array"),
                ("html", "/skillmatrix/resume_entries"),
            ):
                start = time.perf_counter()
                response = await ds.client.get(url)
                times[kind].append(time.perf_counter() - start)
                assert response.status_code == 200
        return times

    return asyncio.run(go())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--staff", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db, shared = Path(folder) / "demo.sqlite", Path(folder) / "skillmatrix.sqlite"
        sm("demo", "--db", db, "--staff", args.staff)
        sm("export", "--db", db, "--out", shared)
        old_folder = Path(folder) / "old"
        old_folder.mkdir()
        old = old_folder / "skillmatrix.sqlite"
        shutil.copyfile(shared, old)
        conn = sqlite3.connect(old)
        conn.execute("DROP VIEW resume_entries")
        conn.execute("CREATE VIEW" + OLD_VIEW)
        conn.commit()
        conn.close()
        entries = sqlite3.connect(shared).execute("SELECT count(*) FROM entry").fetchone()[0]
        print(f"{args.staff:,} staff, {entries:,} entries")
        for label, path in (
            ("view of schema 6 (order from indexes)", shared),
            ("view of schema 2 (ORDER BY)", old),
        ):
            for kind, times in timed_pages(path, args.runs).items():
                print(
                    f"{label:40} first page {kind:4}: median {statistics.median(times) * 1000:7.1f} ms"
                    f"  worst {max(times) * 1000:7.1f} ms"
                )


if __name__ == "__main__":
    main()
