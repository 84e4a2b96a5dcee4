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
    from skillmatrix.exchange.department_merge import department_of
    from skillmatrix.exchange.interchange import write_json

    with Store.open(args.db, readonly=True) as store:
        ids = resolve_staff(store, args.staff)
        department = {"department": department_of(store, ids).to_json()}
        count = write_json(store.iter_staff(ids), store.categories(), args.out, extra=department)
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
    p.add_argument("file", type=Path)
    p.add_argument("--dry-run", action="store_true", help="結果を表示するだけで変更しない")
    p.add_argument("--prefer", choices=("mine", "theirs"), help="競合したときにどちらを採るか")


@command("import", help="共有ファイル（.sqlite）または交換用JSONを取り込む", arguments=_cmd_import_arguments)
def cmd_import(args: argparse.Namespace) -> int:
    from skillmatrix.exchange.department_merge import import_department, plan_for_store
    from skillmatrix.exchange.interchange import read_json
    from skillmatrix.exchange.merge import plan_import
    from skillmatrix.exchange.shared_file import apply_import, read_shared_file
    from skillmatrix.store.lock import DatabaseLock

    if not args.file.exists():
        raise CommandError(f"取り込むファイルが見つかりません: {args.file}")
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
        theirs = incoming_department(loaded)
        department = plan_for_store(store, theirs)
        names = {s.id: s.name for s in store.staff_summaries()} | {s.id: s.name for s in loaded.people}
    out(plan.summary())
    for line in plan.details():
        out(line)
    out(department.summary())
    for line in department.details(names):
        out(line)
    if args.dry_run:
        out("（--dry-run: 変更していません）")
        return 0
    if (plan.conflicts or department.conflicts) and not args.prefer:
        raise CommandError(
            f"両方で変更された職員が{len(plan.conflicts)}名、部門の行が{len(department.conflicts)}件あるため"
            "取り込んでいません。--prefer mine（こちらを残す）か --prefer theirs（ファイルの内容を採る）を指定してください"
        )
    if not plan.has_changes and not department.has_changes:
        out(f"変更はありません（取り込み済みです）: {args.file}")
        return 0
    with DatabaseLock(args.db), Store.open(args.db) as store:
        backup = apply_import(
            store, plan_import(store, loaded.people, chains), args.file.name, prefer=args.prefer
        )
        backup, skipped = import_department(store, theirs, args.file.name, args.prefer, backup)
    for line in skipped:
        out(f"  取り込めなかった部門の行: {line}")
    out(f"取り込みました: {args.file}" + (f"（取り込み前のバックアップ: {backup}）" if backup else ""))
    return 0


def incoming_department(loaded):
    """The department rows an incoming file carries (None: it has none)."""
    from skillmatrix.exchange.department_merge import incoming_rows

    try:
        return incoming_rows(getattr(loaded, "department", None))
    except ValueError as e:
        raise CommandError(str(e)) from e
