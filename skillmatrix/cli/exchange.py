"""Commands that move résumés between files: dump, export, import."""

from __future__ import annotations

import argparse
from pathlib import Path

from skillmatrix import files, operations
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
from skillmatrix.store.repository import Store


def _cmd_dump_arguments(p: argparse.ArgumentParser) -> None:
    add_out_argument(p, "書き出すファイル（.json）。- なら標準出力", metavar="出力先")
    p.add_argument("--staff", nargs="+", metavar="職員", help="書き出す職員（idまたは氏名。既定: 全員）")
    p.add_argument(
        "--encoding",
        choices=files.ENCODINGS,
        default="utf-8",
        help="文字コード（既定 utf-8。cp932 は他のツール向けで、取り込みには使えません）",
    )


@command("dump", help="交換用JSONを書き出す", arguments=_cmd_dump_arguments)
def cmd_dump(args: argparse.Namespace) -> int:
    from skillmatrix.exchange.department_merge import department_of
    from skillmatrix.exchange.interchange import write_json
    from skillmatrix.store.shared_sql import revision_ancestors

    with Store.open(args.db, readonly=True) as store:
        ids = resolve_staff(store, args.staff)
        histories = revision_ancestors(store, ids if ids is not None else store.staff_ids())
        department = {"department": department_of(store, ids).to_json()}
        count = write_json(
            store.iter_staff(ids),
            store.categories(),
            args.out,
            protected=[args.db],
            encoding=args.encoding,
            histories=histories,
            extra=department,
        )
    (note if files.is_stdio(args.out) else out)(f"{count}名を書き出しました: {files.clip(args.out)}")
    return 0


def _cmd_export_arguments(p: argparse.ArgumentParser) -> None:
    add_out_argument(p, "書き出すファイル（.sqlite）", metavar="出力先")
    p.add_argument("--staff", nargs="+", metavar="職員", help="書き出す職員（idまたは氏名。既定: 全員）")
    p.add_argument("--force", action="store_true", help="同じ名前のファイルがあれば置き換える")


@command("export", help="共有ファイル（.sqlite）を書き出す", arguments=_cmd_export_arguments)
def cmd_export(args: argparse.Namespace) -> int:
    from skillmatrix.exchange.shared_file import export_shared

    with Store.open(args.db, readonly=True) as store:
        ids = resolve_staff(store, args.staff)
        with progress_bar(args, "書き出し", unit="ページ") as progress:
            result = export_shared(store, args.out, ids, force=args.force, progress=progress)
    out(f"{result.staff_count}名を書き出しました: {args.out}")
    return 0


def _cmd_import_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "file",
        type=Path,
        metavar="ファイル",
        help="取り込むファイル（.sqlite / .json / .xlsx / .xlsm / .xls）またはフォルダ。- なら標準入力のJSON",
    )
    p.add_argument("--dry-run", action="store_true", help="結果を表示するだけで変更しない")
    p.add_argument("--prefer", choices=("mine", "theirs"), help="競合したときにどちらを採るか")


@command(
    "import",
    help="共有ファイル（.sqlite）、交換用JSON、Excelの履歴書（.xlsx/.xls、フォルダ）を取り込む",
    arguments=_cmd_import_arguments,
)
def cmd_import(args: argparse.Namespace) -> int:
    from skillmatrix.exchange.department_merge import import_department, plan_for_store
    from skillmatrix.exchange.import_operation import ApplyImport
    from skillmatrix.exchange.interchange import Loaded, read_json
    from skillmatrix.exchange.merge import plan_import
    from skillmatrix.exchange.shared_file import SharedFile, read_shared_file
    from skillmatrix.store.lock import DatabaseLock

    stdin = files.is_stdio(args.file)
    if not stdin:
        if not args.file.exists() and not args.file.is_symlink():
            raise CommandError(messages.IMPORT_FILE_NOT_FOUND.format(file=files.clip(args.file)))
    if not args.db.exists() or (args.db.is_file() and args.db.stat().st_size == 0):
        raise CommandError(messages.IMPORT_DATABASE_MISSING.format(db=files.clip(args.db)))
    if not stdin:
        from skillmatrix.cli.forms import import_workbooks, is_workbook_import

        if is_workbook_import(args.file):  # Excel résumés (a workbook or a folder of them)
            return import_workbooks(args)
        files.check_input(args.file)  # a FIFO, device or folder is refused before it is opened
    # anything but JSON must prove it is a shared file
    shared = not stdin and args.file.suffix.lower() != ".json"
    without_revisions = False
    # Validate and plan on a read-only connection: a refused file leaves the database
    # byte for byte as it was.
    with Store.open(args.db, readonly=True) as store:
        loaded: SharedFile | Loaded
        chains: dict[str, list[tuple[str, str | None, str]]] | None
        if shared:
            loaded = read_shared_file(args.file, store.categories())
            chains = loaded.chains
        else:
            loaded = read_json(args.file, store.categories())
            chains = loaded.chains
            without_revisions = chains is None and bool(loaded.people)
        plan = plan_import(store, loaded.people, chains)
        theirs = incoming_department(loaded)
        department = plan_for_store(store, theirs)
        names = {s.id: s.name for s in store.staff_summaries()} | {s.id: s.name for s in loaded.people}
    out(plan.summary())
    if without_revisions:
        out(
            "（このJSONには版の記録（revision）がありません。手作りのファイルとして、内容を新しい側として取り込みます）"
        )
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
            messages.IMPORT_CONFLICTS.format(
                staff_count=len(plan.conflicts), row_count=len(department.conflicts)
            )
        )
    if not plan.has_changes and not department.has_changes:
        out(f"変更はありません（取り込み済みです）: {'標準入力' if stdin else files.clip(args.file)}")
        return 0
    with DatabaseLock(args.db), Store.open(args.db) as store, progress_bar(args, "取り込み") as progress:
        operation = ApplyImport(
            plan_import(store, loaded.people, chains),
            "stdin" if stdin else args.file.name,
            "取り込み",
            prefer=args.prefer,
            progress=progress,
        )
        operations.run(store, operation)
        backup = operation.backup[0] if operation.backup else None
        source = "stdin" if stdin else args.file.name
        backup, skipped = import_department(store, theirs, source, args.prefer, backup)
    for line in skipped:
        out(f"  取り込めなかった部門の行: {line}")
    shown = "標準入力" if stdin else files.clip(args.file)
    out(f"取り込みました: {shown}" + (f"（取り込み前のバックアップ: {backup}）" if backup else ""))
    return 0


def incoming_department(loaded):
    """The department rows an incoming file carries (None: it has none)."""
    from skillmatrix.exchange.department_merge import incoming_rows

    try:
        return incoming_rows(getattr(loaded, "department", None))
    except ValueError as e:
        raise CommandError(str(e)) from e
