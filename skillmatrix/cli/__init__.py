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

from skillmatrix import __version__
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
COMMAND_MODULES = ("database", "exchange", "printing", "reports", "forms")


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
    for name, registered in COMMANDS.items():
        p = sub.add_parser(name, help=registered.help)
        p.add_argument("--db", type=Path, required=True, help="データベースファイル")
        p.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
        registered.arguments(p)
    return parser


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


def run_command(args: argparse.Namespace) -> int:
    """Runs the chosen command, turning every expected failure into one line and exit 1."""
    try:
        return COMMANDS[args.command].run(args)
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
