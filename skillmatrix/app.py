"""Composition root: parses the command line, picks the database, runs a command or
starts the window. The only module that sees every layer."""
from __future__ import annotations

import sys

from skillmatrix import cli


def _utf8_streams() -> None:
    # Japanese output must work whatever the console's locale (cp932, C, …).
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def run(argv: list[str] | None = None) -> int:
    """Runs the program; returns the exit status."""
    _utf8_streams()
    args = cli.build_parser().parse_args(argv)
    if args.command:
        return cli.run_command(args)
    return run_window(args)


def run_window(args) -> int:
    """Starts the editor window (the window arrives with the editor issue)."""
    print("エラー: ウィンドウはまだありません。コマンドを指定してください（--help）", file=sys.stderr)
    return 2
