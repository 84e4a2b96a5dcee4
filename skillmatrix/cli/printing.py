"""The print command: résumés as one PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from skillmatrix.cli import CommandError, command, out, resolve_staff
from skillmatrix.cli.choices import print_choice
from skillmatrix.store.repository import Store


def _cmd_print_arguments(p: argparse.ArgumentParser) -> None:
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--staff", nargs="+", metavar="ID_OR_NAME", help="印刷する職員（idまたは氏名）")
    who.add_argument("--all", action="store_true", help="全職員を一覧の順に印刷する")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="書き出すPDFファイル")
    p.add_argument(
        "--sections",
        nargs="+",
        type=print_choice("parse_sections"),
        metavar="SECTION",
        help="印刷する項目: profile qualifications assignments projects grid chart"
        "（または 資格等 担当履歴 レーダーチャート など。既定: chart 以外すべて）",
    )
    p.add_argument(
        "--kinds",
        nargs="+",
        type=print_choice("parse_kinds"),
        metavar="KIND",
        help="一覧に載せる実績の種別: training work role other"
        "（または 研修 業務実績 講師・委員 その他。既定: すべて）",
    )
    p.add_argument("--masked", action="store_true", help="氏名をイニシャルにする（部外への提供用）")
    p.add_argument(
        "--era",
        choices=("seireki", "wareki"),
        default="seireki",
        help="日付の表記: seireki（西暦、既定）または wareki（和暦）",
    )
    p.add_argument("--confidential", action="store_true", help="各ページに「取扱注意」を印字する")
    p.add_argument("--font", type=Path, metavar="PATH", help="使うTrueTypeフォント（既定: IPAexゴシック）")


def chart_targets(store: Store, options):
    """Returns options with every person's 求める人材像 for the radar chart section."""
    import dataclasses

    from skillmatrix.domain.radar import targets_of
    from skillmatrix.store.department import DepartmentStore

    department = DepartmentStore(store)
    people = [(p[0], p[3]) for p in department.people()]
    targets = targets_of(people, department.assigned_profiles(), department.profiles())
    return dataclasses.replace(options, targets=targets)


@command("print", help="スキル履歴書をPDFに印刷する（A4）", arguments=_cmd_print_arguments)
def cmd_print(args: argparse.Namespace) -> int:
    from skillmatrix.report.fonts import ReportError
    from skillmatrix.report.options import DEFAULT_SECTIONS, KINDS, PrintOptions
    from skillmatrix.report.resume import build_resumes

    options = PrintOptions(
        sections=frozenset().union(*args.sections) if args.sections else DEFAULT_SECTIONS,
        kinds=frozenset().union(*args.kinds) if args.kinds else frozenset(KINDS),
        masked=args.masked,
        era=args.era,
        confidential=args.confidential,
        font_path=args.font,
    )
    if not args.out.parent.is_dir():
        raise CommandError(f"書き出し先のフォルダがありません: {args.out.parent}")
    with Store.open(args.db, readonly=True) as store:
        ids = resolve_staff(store, args.staff) or store.staff_ids()
        if "chart" in options.sections:
            options = chart_targets(store, options)
        try:
            pages = build_resumes(
                store.iter_staff(ids), store.levels(), store.categories(), args.out, options, total=len(ids)
            )
        except ReportError as e:
            raise CommandError(str(e)) from e
    out(f"{len(ids)}名分（{pages}ページ）を印刷しました: {args.out}")
    return 0
