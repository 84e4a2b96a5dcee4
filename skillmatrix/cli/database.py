"""Commands on one database: demo, list, check."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from skillmatrix import files, operations
from skillmatrix.cli import CommandError, command, messages, out, progress_bar
from skillmatrix.cli.choices import MAX_DEMO_STAFF, bounded_int
from skillmatrix.domain.kana import staff_sort_key
from skillmatrix.domain.model import StaffSummary
from skillmatrix.operations.staff import AddMany
from skillmatrix.progress import Progress
from skillmatrix.store.repository import Store


def _summary_dict(s: StaffSummary) -> dict:
    return {
        "id": s.id,
        "name": s.name,
        "kana": s.kana,
        "title": s.title,
        "section": s.section,
        "experience_years": s.experience_years,
    }


def write_demo(path: Path, count: int, progress: Progress | None = None) -> int:
    """Creates (or fills an empty) database with the seed's two résumés and count − 2
    generated people; returns how many were written.

    Raises:
        CommandError: the file already holds staff (it is left untouched).
    """
    from skillmatrix.demo.generated import generated_staff, seed_staff

    if not 2 <= count <= MAX_DEMO_STAFF:
        raise CommandError(messages.DEMO_STAFF_OUT_OF_RANGE.format(max_demo_staff=MAX_DEMO_STAFF))
    if path.exists() and path.stat().st_size:
        # Look before opening for writing: opening alone would touch the file's header.
        with Store.open(path, readonly=True) as existing:
            if existing.staff_count():
                raise CommandError(messages.DEMO_DATABASE_NOT_EMPTY.format(path=path))
    with Store.create(path) as store:
        categories = store.categories()
        people = seed_staff(categories) + generated_staff(count - 2, categories)
        operations.run(store, AddMany(tuple(people), "デモデータ", source="demo", progress=progress))
    return len(people)


def _cmd_demo_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--staff",
        type=bounded_int(2, MAX_DEMO_STAFF),
        default=2,
        metavar="人数",
        help=f"職員数（2〜{MAX_DEMO_STAFF}、既定 2: 資料の2名）",
    )


@command("demo", help="デモ用データベースを作る", arguments=_cmd_demo_arguments)
def cmd_demo(args: argparse.Namespace) -> int:
    with progress_bar(args, "デモデータ") as progress:
        count = write_demo(args.db, args.staff, progress)
    out(f"デモデータを作成しました（{count}名）: {args.db}")
    return 0


def _cmd_list_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="JSONで出力")
    p.add_argument(
        "--encoding",
        choices=files.ENCODINGS,
        help="出力の文字コード（既定: 画面なら utf-8、リダイレクト先なら PYTHONIOENCODING かシステムの文字コード）",
    )
    p.add_argument(
        "--sort",
        choices=("list", "kana"),
        default="list",
        help="並び順: list（一覧の順、既定）または kana（ふりがな順。カタカナ・ひらがな・全角半角を区別しない）",
    )
    p.add_argument(
        "--where",
        metavar="条件",
        help='絞り込み（例: "セキュリティ>=4 ネットワーク=3"、"セキュリティ:4+ 研修"。空白区切りはすべてを満たす人）',
    )


def _where(store: Store, people: list[StaffSummary], expr: str) -> list[StaffSummary]:
    """The people matching a filter expression: level conditions and words (AND)."""
    from skillmatrix.domain.level_query import QueryError, fold, parse
    from skillmatrix.store.department import DepartmentStore

    try:
        query = parse(expr, store.categories())
    except QueryError as e:
        raise CommandError(str(e)) from e
    if query.conditions:
        levels = DepartmentStore(store).levels()
        people = [s for s in people if query.matches_levels(levels.get(s.id, {}))]
    if query.words:
        texts = store.search_texts([s.id for s in people])
        people = [s for s in people if all(w in fold(texts.get(s.id, "")) for w in query.words)]
    return people


@command("list", help="職員の一覧", arguments=_cmd_list_arguments)
def cmd_list(args: argparse.Namespace) -> int:
    with Store.open(args.db, readonly=True) as store:
        people = store.staff_summaries()
        if args.where:
            people = _where(store, people, args.where)
    files.use_encoding(args.encoding)
    if args.sort == "kana":
        people.sort(key=lambda s: staff_sort_key(s.kana, s.name, s.id))
    if args.json:
        out(json.dumps([_summary_dict(s) for s in people], ensure_ascii=False, indent=2))
    else:
        for s in people:
            out(f"{s.id}\t{s.name}\t{s.title}\t{s.experience_years}年")
    return 0


def _cmd_check_arguments(p: argparse.ArgumentParser) -> None:
    pass


@command("check", help="データベースの整合性を検査する", arguments=_cmd_check_arguments)
def cmd_check(args: argparse.Namespace) -> int:
    from skillmatrix.store.backup import newest_good_backup
    from skillmatrix.store.health import inspect

    with progress_bar(args, "検査", unit="") as progress:
        health = inspect(args.db, full=True, progress=progress)  # read-only: never written to
    if health.ok:
        out(f"問題ありません（スキーマ版{health.version}、職員{health.staff_count}名）: {args.db}")
        return 0
    message = health.problems[0] + (
        f"（ほか{len(health.problems) - 1}件）" if len(health.problems) > 1 else ""
    )
    if args.db.exists():
        good = newest_good_backup(args.db)
        message += (
            f"。最新の正常なバックアップ: {good[0].path}（{good[0].taken:%Y-%m-%d %H:%M}、"
            f"職員{good[1].staff_count}名）"
            if good
            else "。正常なバックアップはありません"
        )
    raise CommandError(message)
