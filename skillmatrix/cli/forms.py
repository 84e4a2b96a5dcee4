"""Excel résumés: the self-report form command, and the Excel branch of `import`."""

from __future__ import annotations

import argparse
from pathlib import Path

from skillmatrix.cli import CommandError, add_out_argument, command, messages, out, resolve_staff
from skillmatrix.store.repository import Store

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")


def is_workbook_import(path: Path) -> bool:
    """True when `import` should read Excel: a workbook, or a folder of them."""
    return path.is_dir() or path.suffix.lower() in EXCEL_SUFFIXES


def import_workbooks(args: argparse.Namespace) -> int:
    """`import FILE.xlsx|FILE.xls|FOLDER`: prints the plan, then applies it (not with --dry-run).

    Raises:
        CommandError: a workbook is refused, or parts changed on both sides have no choice.
    """
    from skillmatrix.exchange.excel.importing import plan_excel_import, settle
    from skillmatrix.exchange.excel.plan_text import open_parts, plan_lines
    from skillmatrix.exchange.excel.workbook import WorkbookError
    from skillmatrix.exchange.shared_file import apply_import
    from skillmatrix.store.lock import DatabaseLock

    try:
        with Store.open(args.db, readonly=True) as store:
            excel = plan_excel_import(store, args.file)
    except WorkbookError as e:
        raise CommandError(str(e)) from None
    out(excel.plan.summary())
    for line in plan_lines(excel):
        out(line)
    if args.dry_run:
        out("（--dry-run: 変更していません）")
        return 0
    undecided = open_parts(excel)
    if undecided and not args.prefer:
        raise CommandError(messages.IMPORT_UNDECIDED.format(undecided=undecided))
    if not excel.plan.has_changes:
        out(f"変更はありません: {args.file}")
        return 0
    with DatabaseLock(args.db), Store.open(args.db) as store:
        excel = plan_excel_import(store, args.file)  # planned again under the lock
        choices = settle(excel, {}, args.prefer)
        backup = apply_import(store, excel.plan, args.file.name, choices=choices)
    out(f"取り込みました: {args.file}" + (f"（取り込み前のバックアップ: {backup}）" if backup else ""))
    return 0


def _cmd_form_arguments(p: argparse.ArgumentParser) -> None:
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--staff", nargs="+", metavar="職員", help="記入用シートを作る職員")
    who.add_argument("--all", action="store_true", help="全員の記入用シートを作る")
    add_out_argument(
        p, "書き出すファイル（.xlsx、1名のとき）またはフォルダ（1名1ファイル）", metavar="出力先"
    )
    p.add_argument("--force", action="store_true", help="同じ名前のファイルがあれば置き換える")


@command("form", help="職員が記入する記入用シート（.xlsx）を作る", arguments=_cmd_form_arguments)
def cmd_form(args: argparse.Namespace) -> int:
    from skillmatrix.exchange.excel.form_writer import FormError, write_forms

    with Store.open(args.db, readonly=True) as store:
        ids = resolve_staff(store, args.staff) if args.staff else store.staff_ids()
        if not ids:
            raise CommandError(messages.NO_STAFF)
        try:
            written = write_forms(store, ids, args.out, force=args.force)
        except FormError as e:
            raise CommandError(str(e)) from None
    for path in written:
        out(f"作りました: {path}")
    out(f"{len(written)}名分の記入用シートを作りました")
    return 0
