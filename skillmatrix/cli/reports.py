"""The report command: the department's reports as PDF or Excel."""

from __future__ import annotations

import argparse
from pathlib import Path

from skillmatrix.cli import CommandError, command, out, progress_bar
from skillmatrix.cli.choices import print_choice, report_file
from skillmatrix.store.repository import Store


def _cmd_report_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--kind",
        required=True,
        choices=("matrix", "gaps", "plan", "courses"),
        help="matrix（スキルマップ）gaps（求める人材像との差）plan（研修計画）courses（研修カタログ）",
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
    p.add_argument(
        "--sort",
        choices=("list", "kana"),
        default="list",
        help="職員の並び: list（一覧の順、既定）または kana（ふりがな順、一覧・ウィンドウと同じ規則）",
    )
    p.add_argument("--font", type=Path, metavar="PATH", help="PDFに使うTrueTypeフォント")


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
        report = build_report(
            store, args.kind, kinds=kinds, fiscal_year=args.year, by_kana=args.sort == "kana"
        )
    try:
        if args.out.suffix.lower() == ".pdf":
            from skillmatrix.report.department import write_pdf

            with progress_bar(args, report.title, unit="行") as progress:
                done = f"{write_pdf(report, args.out, args.font, progress=progress)}ページ"
        else:
            from skillmatrix.report.xlsx import write_xlsx

            with progress_bar(args, report.title, unit="行") as progress:
                done = f"{write_xlsx(report, args.out, progress=progress)}シート"
    except ReportError as e:
        raise CommandError(str(e)) from e
    out(f"{report.title}を書き出しました（{done}）: {args.out}")
    return 0
