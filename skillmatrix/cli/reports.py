"""The report command: the department's reports as PDF or Excel."""

from __future__ import annotations

import argparse
from pathlib import Path

from skillmatrix.cli import CommandError, command, out, resolve_staff
from skillmatrix.cli.choices import print_choice, report_file
from skillmatrix.store.repository import Store


def _cmd_report_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--kind",
        required=True,
        choices=("matrix", "gaps", "plan", "courses", "growth", "coverage"),
        help="matrix（スキルマップ）gaps（求める人材像との差）plan（研修計画）courses（研修カタログ）"
        "growth（年度間の成長）coverage（異動の影響）",
    )
    p.add_argument(
        "--out",
        type=report_file,
        required=True,
        metavar="FILE.pdf|FILE.xlsx",
        help="書き出すファイル（拡張子 .pdf または .xlsx で形式を決める）",
    )
    p.add_argument(
        "--kinds",
        nargs="+",
        type=print_choice("parse_kinds"),
        metavar="KIND",
        help="レベルに数える実績の種別（既定: すべて）",
    )
    p.add_argument("--year", type=int, metavar="YYYY", help="研修計画の年度（既定: 来年度）")
    p.add_argument("--font", type=Path, metavar="PATH", help="PDFに使うTrueTypeフォント")
    p.add_argument(
        "--from", dest="from_year", type=int, metavar="YYYY", help="growth: 比べ始める年度（4月1日時点）"
    )
    p.add_argument(
        "--to", dest="to_year", type=int, metavar="YYYY", help="growth: 比べ終える年度（既定: 今年度）"
    )
    p.add_argument(
        "--leaving", nargs="+", metavar="ID_OR_NAME", help="coverage: 転出する職員（idまたは氏名）"
    )
    p.add_argument("--minimum", type=int, metavar="N", help="coverage: 分類ごとに残したい最低人数（既定: 2）")


def _history_report(store: Store, args: argparse.Namespace, kinds: frozenset[str] | None):
    """The growth and coverage reports (report/department_history.py)."""
    from datetime import date

    from skillmatrix.domain.dates import fiscal_year
    from skillmatrix.report.department_history import build_coverage, build_growth

    if args.kind == "growth":
        if args.from_year is None:
            raise CommandError("growth には --from YYYY（比べ始める年度）が必要です")
        to_year = args.to_year if args.to_year is not None else fiscal_year(date.today())
        try:
            return build_growth(store, args.from_year, to_year, kinds)
        except ValueError as e:
            raise CommandError(str(e)) from e
    if args.minimum is not None and args.minimum < 0:
        raise CommandError("--minimum は0以上にしてください")
    leaving = resolve_staff(store, args.leaving) if args.leaving else []
    return build_coverage(store, leaving, kinds=kinds, minimum=args.minimum)


@command(
    "report",
    help="部門の報告（スキルマップ・目標との差・研修計画・研修カタログ）をPDFかExcelに書き出す",
    arguments=_cmd_report_arguments,
)
def cmd_report(args: argparse.Namespace) -> int:
    from skillmatrix.report.department_tables import build_report
    from skillmatrix.report.fonts import ReportError

    if not args.out.parent.is_dir():
        raise CommandError(f"書き出し先のフォルダがありません: {args.out.parent}")
    kinds = frozenset().union(*args.kinds) if args.kinds else None
    with Store.open(args.db, readonly=True) as store:
        if args.kind in ("growth", "coverage"):
            report = _history_report(store, args, kinds)
        else:
            report = build_report(store, args.kind, kinds=kinds, fiscal_year=args.year)
    try:
        if args.out.suffix.lower() == ".pdf":
            from skillmatrix.report.department import write_pdf

            done = f"{write_pdf(report, args.out, args.font)}ページ"
        else:
            from skillmatrix.report.xlsx import write_xlsx

            done = f"{write_xlsx(report, args.out)}シート"
    except ReportError as e:
        raise CommandError(str(e)) from e
    out(f"{report.title}を書き出しました（{done}）: {args.out}")
    return 0
