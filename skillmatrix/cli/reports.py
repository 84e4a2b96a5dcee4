"""The report command: the department's reports as PDF or Excel."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from skillmatrix import files
from skillmatrix.cli import (
    CommandError,
    add_out_argument,
    command,
    messages,
    note,
    out,
    progress_bar,
    resolve_staff,
)
from skillmatrix.cli.choices import REPORT_SUFFIX_ERROR, bounded_int, print_choice, report_file
from skillmatrix.store.repository import Store


def _cmd_report_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--kind",
        required=True,
        choices=("matrix", "gaps", "plan", "courses", "growth", "coverage"),
        help="matrix（スキルマップ）gaps（求める人材像との差）plan（研修計画）courses（研修カタログ）"
        "growth（年度間の成長）coverage（異動の影響）",
    )
    add_out_argument(
        p,
        "書き出すファイル（拡張子 .pdf または .xlsx で形式を決める）。- なら標準出力（--format が必要）",
        type=report_file,
        metavar="出力先.pdf|.xlsx",
    )
    p.add_argument("--format", choices=("pdf", "xlsx"), help="形式（既定: 出力先の拡張子から）")
    p.add_argument(
        "--kinds",
        nargs="+",
        type=print_choice("parse_kinds"),
        metavar="種別",
        help="レベルに数える実績の種別（既定: すべて）",
    )
    p.add_argument(
        "--year", type=bounded_int(1900, 2999), metavar="年度", help="研修計画の年度（西暦。既定: 来年度）"
    )
    p.add_argument(
        "--sort",
        choices=("list", "kana"),
        default="list",
        help="職員の並び: list（一覧の順、既定）または kana（ふりがな順、一覧・ウィンドウと同じ規則）",
    )
    p.add_argument("--font", type=Path, metavar="フォント", help="PDFに使うTrueTypeフォント")
    p.add_argument(
        "--from", dest="from_year", type=int, metavar="年度", help="growth: 比べ始める年度（4月1日時点）"
    )
    p.add_argument(
        "--to", dest="to_year", type=int, metavar="年度", help="growth: 比べ終える年度（既定: 今年度）"
    )
    p.add_argument("--leaving", nargs="+", metavar="職員", help="coverage: 転出する職員（idまたは氏名）")
    p.add_argument(
        "--minimum", type=int, metavar="人数", help="coverage: 分類ごとに残したい最低人数（既定: 2）"
    )


def _history_report(store: Store, args: argparse.Namespace, kinds: frozenset[str] | None):
    """The growth and coverage reports (report/department_history.py)."""
    from datetime import date

    from skillmatrix.domain.dates import fiscal_year
    from skillmatrix.report.department_history import build_coverage, build_growth

    if args.kind == "growth":
        if args.from_year is None:
            raise CommandError(messages.GROWTH_NEEDS_FROM)
        to_year = args.to_year if args.to_year is not None else fiscal_year(date.today())
        try:
            return build_growth(store, args.from_year, to_year, kinds)
        except ValueError as e:
            raise CommandError(str(e)) from e
    if args.minimum is not None and args.minimum < 0:
        raise CommandError(messages.MINIMUM_NEGATIVE)
    leaving = (resolve_staff(store, args.leaving) or []) if args.leaving else []
    return build_coverage(store, leaving, kinds=kinds, minimum=args.minimum)


@command(
    "report",
    help="部門の報告（スキルマップ・目標との差・研修計画・研修カタログ）をPDFかExcelに書き出す",
    arguments=_cmd_report_arguments,
)
def cmd_report(args: argparse.Namespace) -> int:
    from skillmatrix.report.department_tables import build_report
    from skillmatrix.report.fonts import ReportError

    stdout = files.is_stdio(args.out)
    kind = args.format or ("" if stdout else args.out.suffix.lower().lstrip("."))
    if not kind and stdout:
        raise CommandError(messages.STDOUT_NEEDS_BINARY_FORMAT)
    if kind not in ("pdf", "xlsx"):  # a usage error, as argparse reports one (exit 2)
        print(
            f"skillmatrix report: エラー: 引数 -o/--out: {REPORT_SUFFIX_ERROR}: {files.clip(args.out)}"
            "（使い方: skillmatrix report --help）",
            file=sys.stderr,
        )
        return 2
    if args.font is not None:
        files.check_input(args.font)
    if not stdout:
        files.check_output(args.out, protected=[args.db])  # refused before the report is made
    kinds = frozenset().union(*args.kinds) if args.kinds else None
    with Store.open(args.db, readonly=True) as store:
        if args.kind in ("growth", "coverage"):
            report = _history_report(store, args, kinds)
        else:
            report = build_report(
                store, args.kind, kinds=kinds, fiscal_year=args.year, by_kana=args.sort == "kana"
            )
    try:
        if kind == "pdf":
            from skillmatrix.report.department import write_pdf

            with progress_bar(args, report.title, unit="行") as progress:
                done = (
                    f"{write_pdf(report, args.out, args.font, progress=progress)}ページ"  # files.write_output
                )
        else:
            from skillmatrix.report.xlsx import write_xlsx

            with progress_bar(args, report.title, unit="行") as progress:
                done = f"{write_xlsx(report, args.out, progress=progress)}シート"  # files.write_output
    except ReportError as e:
        raise CommandError(str(e)) from e
    (note if stdout else out)(f"{report.title}を書き出しました（{done}）: {files.clip(args.out)}")
    return 0
