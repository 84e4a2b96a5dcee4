"""argparse in Japanese: its own words (usage:, options:, its error messages) too.

argparse looks its messages up through gettext (argparse._ and argparse.ngettext). The
parser below swaps in a catalogue of Japanese messages while it builds help, usage and
errors, and puts the originals back afterwards, so no other user of argparse in the same
process is affected.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from typing import Any, NoReturn

MESSAGES = {
    "usage: ": "使い方: ",
    "options": "オプション",
    "positional arguments": "引数",
    "show this help message and exit": "このヘルプを表示して終了する",
    "show program's version number and exit": "版を表示して終了する",
    "%(prog)s: error: %(message)s\n": "%(prog)s: エラー: %(message)s\n",
    "the following arguments are required: %s": "次の引数が必要です: %s",
    "one of the arguments %s is required": "次の引数のどれかが必要です: %s",
    "unrecognized arguments: %s": "知らない引数です: %s",
    "argument %(argument_name)s: %(message)s": "引数 %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r は選べません（選べるもの: %(choices)s）",
    "invalid %(type)s value: %(value)r": "%(value)r は正しい値ではありません（%(type)s）",
    "expected one argument": "値を1つ指定してください",
    "expected at least one argument": "値を1つ以上指定してください",
    "expected at most one argument": "値は1つまでです",
    "not allowed with argument %s": "%s と一緒には使えません",
    "ambiguous option: %(option)s could match %(matches)s": "オプション %(option)s があいまいです（候補: %(matches)s）",
    "ignored explicit argument %r": "値 %r は受け付けません",
    "unexpected option string: %s": "予期しないオプションです: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "%(parser_name)r というコマンドはありません（選べるもの: %(choices)s）",
    "can't open '%(filename)s': %(error)s": "'%(filename)s' を開けません: %(error)s",
}
PLURALS = {
    "expected %s argument": "値を%s個指定してください",
    "conflicting option string: %s": "オプションが重複しています: %s",
}


def translate(message: str) -> str:
    """Returns the Japanese form of one of argparse's messages (the message itself if unknown)."""
    return MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return PLURALS.get(singular, singular if n == 1 else plural)


@contextlib.contextmanager
def japanese() -> Iterator[None]:
    """Makes argparse speak Japanese inside the block."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = translate, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class JapaneseParser(argparse.ArgumentParser):
    """An ArgumentParser whose help, usage and errors are entirely in Japanese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with japanese():
            super().__init__(*args, **kwargs)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        with japanese():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with japanese():
            return super().format_usage()

    def format_help(self) -> str:
        with japanese():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        """Prints the usage error as one line (with where to find the usage), exits 2."""
        with japanese():
            line = f"{self.prog}: エラー: {message}（使い方: {self.prog} --help）"
        self.exit(2, line.replace("\n", " ") + "\n")
