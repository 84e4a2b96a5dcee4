"""argparse types shared by the printing and report commands."""

from __future__ import annotations

import argparse
from pathlib import Path

from skillmatrix.cli import messages

MAX_DEMO_STAFF = 100_000


REPORT_SUFFIX_ERROR = "拡張子は .pdf か .xlsx にしてください（または --format pdf|xlsx）"


def report_file(text: str) -> Path:
    """An argparse type: the report's output (its suffix is checked against --format by
    the command, which may name the format for any file name or `-`)."""
    return Path(text)


def print_choice(name: str):
    """Returns an argparse type that parses print choices with report.options.<name>."""

    def parse(text: str) -> frozenset[str]:
        from skillmatrix.report import options

        try:
            return getattr(options, name)([text])
        except ValueError as e:
            raise argparse.ArgumentTypeError(str(e)) from None

    return parse


def bounded_int(low: int, high: int):
    """Returns an argparse type: an integer from low to high (else a usage error, exit 2)."""

    def parse(text: str) -> int:
        value = text.strip()
        if not value.lstrip("-").isdigit() or len(value) > 12:
            raise argparse.ArgumentTypeError(
                messages.NOT_AN_INTEGER.format(low=low, high=high, text=text[:20])
            )
        number = int(value)
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(messages.OUT_OF_RANGE.format(low=low, high=high, text=text[:20]))
        return number

    return parse
