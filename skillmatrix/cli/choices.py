"""argparse types shared by the printing and report commands."""

from __future__ import annotations

import argparse
from pathlib import Path


def report_file(text: str) -> Path:
    """An argparse type: a path ending in .pdf or .xlsx."""
    path = Path(text)
    if path.suffix.lower() not in (".pdf", ".xlsx"):
        raise argparse.ArgumentTypeError(f"拡張子は .pdf か .xlsx にしてください: {text}")
    return path


def print_choice(name: str):
    """Returns an argparse type that parses print choices with report.options.<name>."""

    def parse(text: str) -> frozenset[str]:
        from skillmatrix.report import options

        try:
            return getattr(options, name)([text])
        except ValueError as e:
            raise argparse.ArgumentTypeError(str(e)) from None

    return parse
