"""Commands that move résumés between files: dump, export, import."""

from __future__ import annotations

import argparse
from pathlib import Path

from skillmatrix.cli import CommandError, command, out, resolve_staff
from skillmatrix.store.repository import Store


def _cmd_dump_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--staff", nargs="+", metavar="ID_OR_NAME")


@command("dump", help="交換用JSONを書き出す", arguments=_cmd_dump_arguments)
def cmd_dump(args: argparse.Namespace) -> int:
    from skillmatrix.exchange.interchange import write_json

    with Store.open(args.db, readonly=True) as store:
        ids = resolve_staff(store, args.staff)
        count = write_json(store.iter_staff(ids), store.categories(), args.out)
    out(f"{count}名を書き出しました: {args.out}")
    return 0


def _cmd_export_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, required=True, help="書き出すファイル（.sqlite）")
    p.add_argument("--staff", nargs="+", metavar="ID_OR_NAME", help="書き出す職員（既定: 全員）")
    p.add_argument("--force", action="store_true", help="同じ名前のファイルがあれば置き換える")


@command("export", help="共有ファイル（.sqlite）を書き出す", arguments=_cmd_export_arguments)
def cmd_export(args: argparse.Namespace) -> int:
    from skillmatrix.exchange.shared_file import export_shared

    with Store.open(args.db, readonly=True) as store:
        ids = resolve_staff(store, args.staff)
        result = export_shared(store, args.out, ids, force=args.force)
    out(f"{result.staff_count}名を書き出しました: {args.out}")
    return 0


def _cmd_import_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "file", type=Path, help="取り込むファイル（.sqlite / .json / .xlsx / .xlsm / .xls）またはフォルダ"
    )
    p.add_argument("--dry-run", action="store_true", help="結果を表示するだけで変更しない")
    p.add_argument("--prefer", choices=("mine", "theirs"), help="競合したときにどちらを採るか")


@command(
    "import",
    help="共有ファイル（.sqlite）、交換用JSON、Excelの履歴書（.xlsx/.xls、フォルダ）を取り込む",
    arguments=_cmd_import_arguments,
)
def cmd_import(args: argparse.Namespace) -> int:
    from skillmatrix.exchange.interchange import read_json
    from skillmatrix.exchange.merge import plan_import
    from skillmatrix.exchange.shared_file import apply_import, read_shared_file
    from skillmatrix.store.lock import DatabaseLock

    if not args.file.exists():
        raise CommandError(f"取り込むファイルが見つかりません: {args.file}")
    from skillmatrix.cli.forms import import_workbooks, is_workbook_import

    if is_workbook_import(args.file):  # Excel résumés (a workbook or a folder of them)
        return import_workbooks(args)
    shared = args.file.suffix.lower() != ".json"  # anything else must prove it is a shared file
    # Validate and plan on a read-only connection: a refused file leaves the database
    # byte for byte as it was.
    with Store.open(args.db, readonly=True) as store:
        if shared:
            loaded = read_shared_file(args.file, store.categories())
            chains = loaded.chains
        else:
            loaded, chains = read_json(args.file, store.categories()), None
        plan = plan_import(store, loaded.people, chains)
    out(plan.summary())
    for line in plan.details():
        out(line)
    if args.dry_run:
        out("（--dry-run: 変更していません）")
        return 0
    if plan.conflicts and not args.prefer:
        raise CommandError(
            f"両方で変更された職員が{len(plan.conflicts)}名いるため取り込んでいません。"
            "--prefer mine（こちらを残す）か --prefer theirs（ファイルの内容を採る）を指定してください"
        )
    if not plan.has_changes:
        out(f"変更はありません（取り込み済みです）: {args.file}")
        return 0
    with DatabaseLock(args.db), Store.open(args.db) as store:
        backup = apply_import(
            store, plan_import(store, loaded.people, chains), args.file.name, prefer=args.prefer
        )
    out(f"取り込みました: {args.file}" + (f"（取り込み前のバックアップ: {backup}）" if backup else ""))
    return 0
