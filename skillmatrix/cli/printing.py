"""The print command: résumés as one PDF."""

from __future__ import annotations

import argparse
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
        help="印刷する項目: profile qualifications assignments projects grid"
        "（または 資格等 担当履歴 など。既定: すべて）",
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


@command("print", help="スキル履歴書をPDFに印刷する（A4）", arguments=_cmd_print_arguments)
def cmd_print(args: argparse.Namespace) -> int:
    from skillmatrix.domain.model import KINDS
    from skillmatrix.report.fonts import ReportError
    from skillmatrix.report.options import SECTIONS, PrintOptions
    from skillmatrix.report.resume import build_resumes

    options = PrintOptions(
        sections=frozenset().union(*args.sections) if args.sections else frozenset(SECTIONS),
        kinds=frozenset().union(*args.kinds) if args.kinds else frozenset(KINDS),
        masked=args.masked,
        era=args.era,
        confidential=args.confidential,
        font_path=args.font,
    )
    if args.font is not None:
        files.check_input(args.font)  # a FIFO or device is refused before reportlab opens it
    if not files.is_stdio(args.out):
        files.check_output(args.out, protected=[args.db])  # refused before any page is laid out
    with Store.open(args.db, readonly=True) as store:
        ids = resolve_staff(store, args.staff) or store.staff_ids()

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
                )
        except ReportError as e:
            raise CommandError(str(e)) from e
    (note if files.is_stdio(args.out) else out)(
        f"{len(ids)}名分（{pages}ページ）を印刷しました: {files.clip(args.out)}"
    )
    return 0
