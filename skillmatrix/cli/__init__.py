"""The commands of ../shared/spec/cli.md (no Qt): one module per group of commands.

Each command is a function taking the parsed arguments and returning the exit status,
registered with @command together with the function that declares its arguments.
Errors the user can act on are raised as CommandError, StoreError or ValidationError and
turned into one line on stderr by run_command(); a usage error exits 2 (argparse's rule).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from skillmatrix import __version__, files
from skillmatrix.cli import messages
from skillmatrix.cli.japanese_argparse import JapaneseParser
from skillmatrix.domain.model import ValidationError
from skillmatrix.store.errors import StoreError
from skillmatrix.store.repository import Store


class CommandError(Exception):
    """A command could not do its work; the message is the one line the user sees."""


@dataclass(frozen=True)
class Command:
    """A registered command: what it does, its help line and its arguments."""

    run: Callable[[argparse.Namespace], int]
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]


COMMANDS: dict[str, Command] = {}

# The modules that register commands, in the order --help lists them.
COMMAND_MODULES = ("new_database", "database", "exchange", "printing", "reports", "forms", "selftest")


def command(name: str, *, help: str, arguments: Callable[[argparse.ArgumentParser], None]):
    """Registers a command function under name, with its help line and argument declarations."""

    def register(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        COMMANDS[name] = Command(func, help, arguments)
        return func

    return register


def _load_commands() -> None:
    import importlib

    for module in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{module}")


def build_parser() -> argparse.ArgumentParser:
    """Returns the parser of the whole command line (window and commands)."""
    _load_commands()
    parser = JapaneseParser(
        prog="skillmatrix",
        description="SkillMatrix — スキル履歴書の管理。コマンドなしで起動するとウィンドウが開きます。",
    )
    parser.add_argument(
        "--version", action="version", version=f"SkillMatrix {__version__}", help="版を表示して終了する"
    )
    parser.add_argument(
        "--db", type=Path, metavar="ファイル", help="データベースファイル（既定: ユーザーデータフォルダ）"
    )
    parser.add_argument("--read-only", action="store_true", help="読み取り専用で開く（ウィンドウ）")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="デモ用データベース（データフォルダの demo.sqlite、無ければ作る）を開く",
    )
    parser.add_argument("--debug", action="store_true", help="エラーの詳細（トレースバック）を表示する")
    sub = parser.add_subparsers(
        dest="command",
        metavar="コマンド",
        title="コマンド",
        help="各コマンドの説明は「skillmatrix コマンド --help」",
    )
    for name, registered in COMMANDS.items():
        p = sub.add_parser(name, help=registered.help, description=registered.help)
        p.add_argument("--db", type=Path, required=True, metavar="ファイル", help="データベースファイル")
        p.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
        p.add_argument(
            "-q", "--quiet", action="store_true", help="進み具合（端末の標準エラー出力に出る棒）を表示しない"
        )
        registered.arguments(p)
    return parser


def progress_bar(args: argparse.Namespace, label: str, unit: str = "名"):
    """Returns a context manager yielding a progress(done, total) callback: a bar on stderr
    when it is a terminal and --quiet is not given, else nothing (stdout never changes)."""
    from skillmatrix.progress import terminal_progress

    return terminal_progress(label, quiet=getattr(args, "quiet", False), unit=unit)


def out(text: str = "") -> None:
    """Prints a line to stdout."""
    print(text)


def note(text: str) -> None:
    """Prints a line to stderr (the result line of a command whose stdout is its data)."""
    print(text, file=sys.stderr)


def add_out_argument(
    p: argparse.ArgumentParser, help: str, *, type: Callable[[str], Path] = Path, **kwargs
) -> None:
    """Declares -o/--out, the output of a command (the same spelling everywhere)."""
    p.add_argument("-o", "--out", type=type, required=True, help=help, **kwargs)


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
            raise CommandError(messages.STAFF_NOT_FOUND.format(name=files.clip(name)))
        if len(found) > 1:
            listed = "、".join(f"{s.name}（{s.id}）" for s in found)
            raise CommandError(
                messages.STAFF_AMBIGUOUS.format(name=files.clip(name), listed=files.clip(listed, 200))
            )
        ids.append(found[0].id)
    return ids


def run_command(args: argparse.Namespace) -> int:
    """Runs the chosen command, turning every expected failure into one line and exit 1."""
    db = getattr(args, "db", None)
    if db is not None:
        files.protect(db)  # no output of this run may land on the database or its companions
    try:
        return COMMANDS[args.command].run(args)
    except BrokenPipeError:
        raise  # app.run ends quietly
    except (CommandError, StoreError, ValidationError, files.FileError, OSError, KeyboardInterrupt) as e:
        if getattr(args, "debug", False):
            import traceback

            traceback.print_exception(e)
        print(f"エラー: {describe(e)}".replace("\n", " "), file=sys.stderr)
        return 1
    finally:
        if db is not None:
            files.unprotect(db)


def describe(error: BaseException) -> str:
    """Returns the one-line Japanese message for an expected failure."""
    if isinstance(error, ValidationError):
        problems = error.problems
        prefix = f"取り込めません（問題{len(problems)}件）: " if len(problems) > 1 else ""
        return files.clip(prefix + "; ".join(problems), MAX_MESSAGE)
    if isinstance(error, KeyboardInterrupt):
        return "中断しました"
    if isinstance(error, OSError) and not isinstance(error, StoreError):
        where = f": {files.clip(error.filename)}" if error.filename else ""
        return f"ファイルの読み書きに失敗しました（{error.strerror or files.clip(error)}）{where}"
    return files.clip(error, MAX_MESSAGE)


# A whole message stays readable on one line: each quoted text is clipped where it is
# made (files.clip, 80 characters), and the line as a whole at this length.
MAX_MESSAGE = 2000
