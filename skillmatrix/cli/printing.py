"""The print command: résumés as one PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from skillmatrix import files
from skillmatrix.cli import CommandError, add_out_argument, command, note, out, progress_bar, resolve_staff
from skillmatrix.cli.choices import print_choice
from skillmatrix.store.repository import Store


def _cmd_print_arguments(p: argparse.ArgumentParser) -> None:
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--staff", nargs="+", metavar="職員", help="印刷する職員（idまたは氏名）")
    who.add_argument("--all", action="store_true", help="全職員を一覧の順に印刷する")
    add_out_argument(p, "書き出すPDFファイル。- なら標準出力", metavar="出力先.pdf")
    p.add_argument(
        "--sections",
        nargs="+",
        type=print_choice("parse_sections"),
        metavar="項目",
        help="印刷する項目: profile qualifications assignments projects grid chart"
        "（または 資格等 担当履歴 レーダーチャート など。既定: chart 以外すべて）",
    )
    p.add_argument(
        "--kinds",
        nargs="+",
        type=print_choice("parse_kinds"),
        metavar="種別",
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
    p.add_argument(
        "--font", type=Path, metavar="フォント", help="使うTrueTypeフォント（既定: IPAexゴシック）"
    )
    p.add_argument(
        "--fallback-font",
        type=Path,
        metavar="フォント",
        help="主フォントにない文字（外字・異体字）を印字するTrueTypeフォント（既定: IPAmj明朝があればそれ）",
    )
    p.add_argument(
        "--size",
        choices=("standard", "large"),
        default="standard",
        help="文字の大きさ: standard（既定）または large（実績 10.5pt、レベルの説明 9pt）",
    )
    p.add_argument("--duplex", action="store_true", help="両面印刷用: 各人のページ数を偶数にそろえる")
    p.add_argument(
        "--stamps",
        type=_stamps,
        metavar="欄の名前",
        default=(),
        help="右上に確認印の欄を印字する（例: 本人,所属長。4つまで）",
    )


def _stamps(text: str) -> tuple[str, ...]:
    from skillmatrix.report.options import parse_stamps

    try:
        return parse_stamps(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


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
    from skillmatrix.domain.model import KINDS
    from skillmatrix.report.fonts import ReportError
    from skillmatrix.report.glyphs import Missing
    from skillmatrix.report.options import DEFAULT_SECTIONS, PrintOptions
    from skillmatrix.report.resume import build_resumes

    options = PrintOptions(
        sections=frozenset().union(*args.sections) if args.sections else DEFAULT_SECTIONS,
        kinds=frozenset().union(*args.kinds) if args.kinds else frozenset(KINDS),
        masked=args.masked,
        era=args.era,
        confidential=args.confidential,
        font_path=args.font,
        fallback_font=args.fallback_font,
        size=args.size,
        duplex=args.duplex,
        stamps=args.stamps,
    )
    if args.font is not None:
        files.check_input(args.font)  # a FIFO or device is refused before reportlab opens it
    if not files.is_stdio(args.out):
        files.check_output(args.out, protected=[args.db])  # refused before any page is laid out
    with Store.open(args.db, readonly=True) as store:
        ids = resolve_staff(store, args.staff) or store.staff_ids()
        missing: list[Missing] = []
        if "chart" in options.sections:
            options = chart_targets(store, options)
        try:
            # build_resumes writes through files.write_output (temp, fsync, rename; - = stdout).
            with progress_bar(args, "印刷") as progress:
                pages = build_resumes(
                    store.iter_staff(ids),
                    store.levels(),
                    store.categories(),
                    args.out,
                    options,
                    progress=progress,
                    total=len(ids),
                    missing=missing,
                )
        except ReportError as e:
            raise CommandError(str(e)) from e
    (note if files.is_stdio(args.out) else out)(
        f"{len(ids)}名分（{pages}ページ）を印刷しました: {files.clip(args.out)}"
    )
    if missing:
        # Printed, but with 〓 where no font had the character: say where, and go on (exit 0).
        print(f"警告: どのフォントにもない文字を「〓」で印字しました（{len(missing)}か所）:", file=sys.stderr)
        for m in missing:
            print(f"  {m.describe()}", file=sys.stderr)
        print("  --fallback-font で外字を含むフォントを指定すると印字できます", file=sys.stderr)
    return 0
