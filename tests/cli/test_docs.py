"""The README documents every command and option of the command line."""

import argparse
from pathlib import Path

from skillmatrix.cli import COMMANDS, build_parser

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def subparsers():
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action.choices


def test_every_command_is_registered_and_documented():
    assert set(subparsers()) == set(COMMANDS)
    missing = [name for name in COMMANDS if f"`skillmatrix {name}" not in README]
    assert missing == []


def test_every_option_is_documented():
    missing = []
    for name, sub in subparsers().items():
        for action in sub._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag not in ("--help", "--debug") and flag not in README:
                    missing.append(f"{name} {flag}")
    assert missing == []
