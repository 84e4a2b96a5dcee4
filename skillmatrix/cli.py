"""The commands of ../shared/spec/cli.md (no Qt).

Each command is a function taking the parsed arguments and returning the exit status.
Errors the user can act on are raised as CommandError, StoreError or ValidationError and
turned into one line on stderr by run(); a usage error exits 2 (argparse's own rule).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from skillmatrix import __version__
from skillmatrix.domain.model import StaffSummary, ValidationError
from skillmatrix.store.errors import StoreError
from skillmatrix.store.repository import Store


class CommandError(Exception):
    """A command could not do its work; the message is the one line the user sees."""


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(name: str):
    """Registers a command function under name."""

    def register(func):
        COMMANDS[name] = func
        return func

    return register


def build_parser() -> argparse.ArgumentParser:
    """Returns the parser of the whole command line (window and commands)."""
    parser = argparse.ArgumentParser(prog="skillmatrix", description="SkillMatrix — スキル履歴書の管理")
    parser.add_argument("--version", action="version", version=f"SkillMatrix {__version__}")
    parser.add_argument("--db", type=Path, help="データベースファイル（既定: ユーザーデータフォルダ）")
    parser.add_argument("--read-only", action="store_true", help="読み取り専用で開く（ウィンドウ）")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="デモ用データベース（データフォルダの demo.sqlite、無ければ作る）を開く",
    )
    parser.add_argument("--debug", action="store_true", help="エラーの詳細（トレースバック）を表示する")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def db_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", type=Path, required=True, help="データベースファイル")
        p.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)

    p = sub.add_parser("demo", help="デモ用データベースを作る")
    db_arg(p)
    p.add_argument("--staff", type=int, default=2, metavar="N", help="職員数（既定 2: 資料の2名）")

    p = sub.add_parser("list", help="職員の一覧")
    db_arg(p)
    p.add_argument("--json", action="store_true", help="JSONで出力")

    p = sub.add_parser("dump", help="交換用JSONを書き出す")
    db_arg(p)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--staff", nargs="+", metavar="ID_OR_NAME")

    p = sub.add_parser("export", help="共有ファイル（.sqlite）を書き出す")
    db_arg(p)
    p.add_argument("--out", type=Path, required=True, help="書き出すファイル（.sqlite）")
    p.add_argument("--staff", nargs="+", metavar="ID_OR_NAME", help="書き出す職員（既定: 全員）")
    p.add_argument("--force", action="store_true", help="同じ名前のファイルがあれば置き換える")

    p = sub.add_parser("import", help="共有ファイル（.sqlite）または交換用JSONを取り込む")
    db_arg(p)
    p.add_argument("file", type=Path)
    p.add_argument("--dry-run", action="store_true", help="結果を表示するだけで変更しない")
    p.add_argument("--prefer", choices=("mine", "theirs"), help="競合したときにどちらを採るか")

    p = sub.add_parser("check", help="データベースの整合性を検査する")
    db_arg(p)

    p = sub.add_parser("print", help="スキル履歴書をPDFに印刷する（A4）")
    db_arg(p)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--staff", nargs="+", metavar="ID_OR_NAME", help="印刷する職員（idまたは氏名）")
    who.add_argument("--all", action="store_true", help="全職員を一覧の順に印刷する")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="書き出すPDFファイル")
    p.add_argument(
        "--sections",
        nargs="+",
        type=_print_choice("parse_sections"),
        metavar="SECTION",
        help="印刷する項目: profile qualifications assignments projects grid"
        "（または 資格等 担当履歴 など。既定: すべて）",
    )
    p.add_argument(
        "--kinds",
        nargs="+",
        type=_print_choice("parse_kinds"),
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
    p = sub.add_parser(
        "report", help="部門の報告（スキルマップ・目標との差・研修計画・研修カタログ）をPDFかExcelに書き出す"
    )
    db_arg(p)
    p.add_argument(
        "--kind",
        required=True,
        choices=("matrix", "gaps", "plan", "courses"),
        help="matrix（スキルマップ）gaps（求める人材像との差）plan（研修計画）courses（研修カタログ）",
    )
    p.add_argument(
        "--out",
        type=_report_file,
        required=True,
        metavar="FILE.pdf|FILE.xlsx",
        help="書き出すファイル（拡張子 .pdf または .xlsx で形式を決める）",
    )
    p.add_argument(
        "--kinds",
        nargs="+",
        type=_print_choice("parse_kinds"),
        metavar="KIND",
        help="レベルに数える実績の種別（既定: すべて）",
    )
    p.add_argument("--year", type=int, metavar="YYYY", help="研修計画の年度（既定: 来年度）")
    p.add_argument("--font", type=Path, metavar="PATH", help="PDFに使うTrueTypeフォント")
    return parser


def _report_file(text: str) -> Path:
    """An argparse type: a path ending in .pdf or .xlsx."""
    path = Path(text)
    if path.suffix.lower() not in (".pdf", ".xlsx"):
        raise argparse.ArgumentTypeError(f"拡張子は .pdf か .xlsx にしてください: {text}")
    return path


def _print_choice(name: str):
    """Returns an argparse type that parses print choices with report.options.<name>."""

    def parse(text: str) -> frozenset[str]:
        from skillmatrix.report import options

        try:
            return getattr(options, name)([text])
        except ValueError as e:
            raise argparse.ArgumentTypeError(str(e)) from None

    return parse


def out(text: str = "") -> None:
    """Prints a line to stdout."""
    print(text)


def resolve_staff(store: Store, names: list[str] | None) -> list[str] | None:
    """Turns ids or exact names into ids; None means everyone.

    Raises:
        CommandError: a name matches nobody or several people.
    """
    if not names:
        return None
    ids = []
    for name in names:
        found = store.find_staff(name)
        if not found:
            raise CommandError(f"職員「{name}」が見つかりません")
        if len(found) > 1:
            listed = "、".join(f"{s.name}（{s.id}）" for s in found)
            raise CommandError(f"「{name}」に当てはまる職員が複数います: {listed}。idで指定してください")
        ids.append(found[0].id)
    return ids


def _summary_dict(s: StaffSummary) -> dict:
    return {
        "id": s.id,
        "name": s.name,
        "kana": s.kana,
        "title": s.title,
        "section": s.section,
        "experience_years": s.experience_years,
    }


def write_demo(path: Path, count: int) -> int:
    """Creates (or fills an empty) database with the seed's two résumés and count − 2
    generated people; returns how many were written.

    Raises:
        CommandError: the file already holds staff (it is left untouched).
    """
    from skillmatrix.domain.demo import generated_staff, seed_staff

    if count < 2:
        raise CommandError("--staff は2以上にしてください（資料の2名が必ず入ります）")
    if path.exists() and path.stat().st_size:
        # Look before opening for writing: opening alone would touch the file's header.
        with Store.open(path, readonly=True) as existing:
            if existing.staff_count():
                raise CommandError(f"職員の入ったデータベースには書き込みません: {path}")
    with Store.create(path) as store:
        categories = store.categories()
        people = seed_staff(categories) + generated_staff(count - 2, categories)
        store.add_many(people, action="demo", source="demo")
    return len(people)


@command("demo")
def cmd_demo(args: argparse.Namespace) -> int:
    count = write_demo(args.db, args.staff)
    out(f"デモデータを作成しました（{count}名）: {args.db}")
    return 0


@command("list")
def cmd_list(args: argparse.Namespace) -> int:
    with Store.open(args.db, readonly=True) as store:
        people = store.staff_summaries()
    if args.json:
        out(json.dumps([_summary_dict(s) for s in people], ensure_ascii=False, indent=2))
    else:
        for s in people:
            out(f"{s.id}\t{s.name}\t{s.title}\t{s.experience_years}年")
    return 0


@command("dump")
def cmd_dump(args: argparse.Namespace) -> int:
    from skillmatrix.exchange.interchange import write_json

    with Store.open(args.db, readonly=True) as store:
        ids = resolve_staff(store, args.staff)
        count = write_json(store.iter_staff(ids), store.categories(), args.out)
    out(f"{count}名を書き出しました: {args.out}")
    return 0


@command("export")
def cmd_export(args: argparse.Namespace) -> int:
    from skillmatrix.exchange.shared_file import export_shared

    with Store.open(args.db, readonly=True) as store:
        ids = resolve_staff(store, args.staff)
        result = export_shared(store, args.out, ids, force=args.force)
    out(f"{result.staff_count}名を書き出しました: {args.out}")
    return 0


@command("import")
def cmd_import(args: argparse.Namespace) -> int:
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


@command("check")
def cmd_check(args: argparse.Namespace) -> int:
    from skillmatrix.store.backup import newest_good_backup
    from skillmatrix.store.health import inspect

    health = inspect(args.db, full=True)  # read-only: a damaged file is never written to
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


@command("print")
def cmd_print(args: argparse.Namespace) -> int:
    from skillmatrix.report.fonts import ReportError
    from skillmatrix.report.options import KINDS, SECTIONS, PrintOptions
    from skillmatrix.report.resume import build_resumes

    options = PrintOptions(
        sections=frozenset().union(*args.sections) if args.sections else frozenset(SECTIONS),
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
        try:
            pages = build_resumes(
                store.iter_staff(ids), store.levels(), store.categories(), args.out, options, total=len(ids)
            )
        except ReportError as e:
            raise CommandError(str(e)) from e
    out(f"{len(ids)}名分（{pages}ページ）を印刷しました: {args.out}")
    return 0


@command("report")
def cmd_report(args: argparse.Namespace) -> int:
    from skillmatrix.report.department_tables import build_report
    from skillmatrix.report.fonts import ReportError

    if not args.out.parent.is_dir():
        raise CommandError(f"書き出し先のフォルダがありません: {args.out.parent}")
    kinds = frozenset().union(*args.kinds) if args.kinds else None
    with Store.open(args.db, readonly=True) as store:
        report = build_report(store, args.kind, kinds=kinds, fiscal_year=args.year)
    try:
        if args.out.suffix.lower() == ".pdf":
            from skillmatrix.report.department import write_pdf

            done = f"{write_pdf(report, args.out, args.font)}ページ"
        else:
            from skillmatrix.report.xlsx import write_xlsx

            done = f"{write_xlsx(report, args.out)}シート"
    except ReportError as e:
        raise CommandError(str(e)) from e
    out(f"{report.title}を書き出しました（{done}）: {args.out}")
    return 0


def run_command(args: argparse.Namespace) -> int:
    """Runs the chosen command, turning every expected failure into one line and exit 1."""
    try:
        return COMMANDS[args.command](args)
    except (CommandError, StoreError, ValidationError, OSError, KeyboardInterrupt) as e:
        if getattr(args, "debug", False):
            import traceback

            traceback.print_exception(e)
        print(f"エラー: {describe(e)}".replace("\n", " "), file=sys.stderr)
        return 1


def describe(error: BaseException) -> str:
    """Returns the one-line Japanese message for an expected failure."""
    if isinstance(error, ValidationError):
        problems = error.problems
        prefix = f"取り込めません（問題{len(problems)}件）: " if len(problems) > 1 else ""
        return prefix + "; ".join(problems)
    if isinstance(error, KeyboardInterrupt):
        return "中断しました"
    if isinstance(error, OSError) and not isinstance(error, StoreError):
        where = f": {error.filename}" if error.filename else ""
        return f"ファイルの読み書きに失敗しました（{error.strerror or error}）{where}"
    return str(error)
