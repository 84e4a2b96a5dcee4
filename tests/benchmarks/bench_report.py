"""Benchmark: the résumé PDF (issue 4).

Run: .venv/bin/python tests/benchmarks/bench_report.py [--runs K] [--counts 250 1000]

Prints:
- one résumé (the demo veteran, 湘南 太郎) built by build_resumes, against a bare
  reportlab document with the same text in the same font and tables (SimpleDocTemplate,
  plain Table with repeatRows, no per-résumé numbering, no streaming): median of K runs,
  in-process, font already registered (the first registration is shown apart);
- N résumés into one PDF, each N in a fresh process:
  * from a demo database through Store.iter_staff, as `skillmatrix print --all` does:
    wall time, pages, file size, peak resident memory (ru_maxrss). This RSS also holds
    the store's memory, which grows with N up to its limits (iter_staff loads 500 people
    at a time; SQLite's page cache may reach 64 MB);
  * printing alone: the seed's two résumés in memory, repeated N/2 times: ru_maxrss, and
    in another process the tracemalloc peak of Python allocations.
  Flat memory means the printing-alone figures for 250 and 1,000 are the same.
Whether reportlab's C accelerator (the rl-accel package) is active is printed first: it
makes text measuring ~30 % faster.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reportlab.lib.units import mm  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle  # noqa: E402

from skillmatrix.demo.generated import seed_staff  # noqa: E402
from skillmatrix.domain.defaults import load_defaults  # noqa: E402
from skillmatrix.report.fonts import register_font  # noqa: E402
from skillmatrix.report.resume import build_resumes  # noqa: E402
from skillmatrix.report.styles import PAGE_SIZE, markup, styles_for  # noqa: E402


def bare_resume(staff, levels, categories, path, font):
    """The same text laid out with reportlab and nothing else, for comparison."""
    st = styles_for(font)
    style = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("GRID", (0, 0), (-1, -1), 0.5, "grey"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )

    def table(header, rows, widths):
        data = [[Paragraph(h, st.head) for h in header]]
        data += [[Paragraph(markup(c), st.cell) if isinstance(c, str) else c for c in r] for r in rows]
        return Table(data, colWidths=widths, repeatRows=1, style=style, hAlign="LEFT")

    story = [
        Paragraph(f"経験年数 {staff.experience_years()}年", st.experience),
        Paragraph(markup(f"{staff.section} スキル履歴書"), st.title),
        table(("職名", "氏名"), [(staff.title, staff.name)], (55 * mm, 80 * mm)),
        Paragraph("資格等", st.heading),
        table(
            ("資格等", "取得", "有効期限"),
            [(q.name, q.acquired.format() if q.acquired else "", "") for q in staff.qualifications]
            or [("（なし）", "", "")],
            (183 * mm, 45 * mm, 45 * mm),
        ),
        Paragraph("担当履歴", st.heading),
        table(
            ("期間", "担当名", "主担当業務"),
            [(a.period.format(), a.name, a.duties) for a in staff.assignments],
            (62 * mm, 70 * mm, 141 * mm),
        ),
        Paragraph("プロジェクト", st.heading),
        table(
            ("期間", "プロジェクト名"),
            [(p.period.format(), p.name) for p in staff.projects],
            (62 * mm, 211 * mm),
        ),
        Paragraph("スキル実績等一覧", st.heading),
    ]
    cats = sorted(categories, key=lambda c: c.position)
    rows = []
    for level in levels:
        cells = [
            [
                Paragraph(markup(e.text), st.entry, bulletText="・")
                for e in staff.entries
                if e.level == level.number and e.category_id == c.id
            ]
            for c in cats
        ]
        rows.append([Paragraph(f"{level.number} {markup(level.short)}", st.level)] + cells)
    story.append(table(("レベル", *[c.name for c in cats]), rows, [54 * mm] + [27.25 * mm] * len(cats)))

    def footer(canvas, doc):
        canvas.setFont(font, 8)
        canvas.drawString(34, 20, f"{staff.name} {doc.page}")

    SimpleDocTemplate(
        str(path), pagesize=PAGE_SIZE, leftMargin=34, rightMargin=34, topMargin=34, bottomMargin=42
    ).build(story, onFirstPage=footer, onLaterPages=footer)


def median_time(func, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times)


def one_resume(runs, tmp):
    d = load_defaults()
    categories = d.new_categories()
    veteran = seed_staff(categories)[1]
    start = time.perf_counter()
    font = register_font()
    first = time.perf_counter() - start
    ours = median_time(lambda: build_resumes([veteran], d.levels, categories, tmp / "ours.pdf"), runs)
    bare = median_time(lambda: bare_resume(veteran, d.levels, categories, tmp / "bare.pdf", font), runs)
    print(f"font registration (first use in a process): {first * 1000:.0f} ms")
    print(
        f"one résumé (veteran), median of {runs}: build_resumes {ours[0] * 1000:.0f} ms "
        f"(worst {ours[1] * 1000:.0f}), bare reportlab {bare[0] * 1000:.0f} ms "
        f"(worst {bare[1] * 1000:.0f}); ratio {ours[0] / bare[0]:.2f}"
    )


def child(db, count, source, trace):
    """Prints one JSON line: the figures of printing `count` résumés (run in a fresh process)."""
    from skillmatrix.store.repository import Store

    register_font()
    out = Path(db).with_name(f"out-{source}-{count}.pdf")
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    if source == "db":
        with Store.open(db, readonly=True) as store:
            ids = store.staff_ids()[:count]
            pages = build_resumes(
                store.iter_staff(ids), store.levels(), store.categories(), out, total=len(ids)
            )
    else:
        d = load_defaults()
        categories = d.new_categories()
        people = itertools.islice(itertools.cycle(seed_staff(categories)), count)
        pages = build_resumes(people, d.levels, categories, out, total=count)
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    print(
        json.dumps(
            {
                "count": count,
                "seconds": seconds,
                "pages": pages,
                "mb": out.stat().st_size / 2**20,
                "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                # ru_maxrss of a process started by a big one carries the parent's peak
                # over the exec (Linux); VmHWM is this process's own peak.
                "vmhwm_mb": _vmhwm_mb(),
                "traced_peak_mb": peak / 2**20,
            }
        )
    )


def _vmhwm_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


def run_child(db, count, source, trace=False):
    p = subprocess.run(
        [sys.executable, __file__, "--child", str(db), str(count), source] + (["--trace"] if trace else []),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(p.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--counts", type=int, nargs="+", default=[250, 1000])
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.child[2], args.trace)
        return
    from reportlab.lib import rl_accel

    accelerated = type(rl_accel.instanceStringWidthTTF).__name__ == "builtin_function_or_method"
    print(f"rl-accel (C text measuring): {'active' if accelerated else 'not installed'}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        one_resume(args.runs, tmp)
        db = tmp / "demo.sqlite"
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "main.py"),
                "demo",
                "--db",
                str(db),
                "--staff",
                str(max(args.counts)),
            ],
            check=True,
            capture_output=True,
        )
        print(
            f"{'résumés':>8} {'pages':>6} {'PDF MB':>7} {'seconds':>8} {'ms/page':>8} {'maxrss MB':>10} | "
            f"{'printing alone: maxrss MB':>26} {'traced peak MB':>15}"
        )
        for count in args.counts:
            r = run_child(db, count, "db")
            alone = run_child(db, count, "seed")
            traced = run_child(db, count, "seed", trace=True)
            print(
                f"{count:>8} {r['pages']:>6} {r['mb']:>7.1f} {r['seconds']:>8.1f} "
                f"{1000 * r['seconds'] / r['pages']:>8.1f} {r['maxrss_mb']:>10.0f} | "
                f"{alone['maxrss_mb']:>26.0f} {traced['traced_peak_mb']:>15.1f}"
            )


if __name__ == "__main__":
    main()
