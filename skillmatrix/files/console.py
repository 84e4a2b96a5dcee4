"""The encoding of the command line's output.

A console gets UTF-8 (Python writes it to the Windows console as Unicode). Output
redirected to a file or a pipe is read by other tools (findstr, for /f, PowerShell 5.1,
scheduled-task logs), which expect the locale's encoding — cp932 on Japanese Windows —
unless the user asked for another with PYTHONIOENCODING. Characters the encoding lacks
become '?' rather than an error.
"""

from __future__ import annotations

import codecs
import locale
import os
import sys
from collections.abc import Callable, Mapping
from typing import TextIO

ENCODINGS = ("utf-8", "cp932")  # what --encoding offers


def _known(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def stream_encoding(
    stream: TextIO, env: Mapping[str, str], locale_encoding: Callable[[], str] | None = None
) -> str:
    """Returns the encoding a stream should use (see the module's docstring)."""
    try:
        terminal = stream.isatty()
    except (OSError, ValueError):
        terminal = False
    if terminal:
        return "utf-8"
    asked = env.get("PYTHONIOENCODING", "").split(":")[0].strip()
    if asked and _known(asked):
        return asked
    # getpreferredencoding honours Python's UTF-8 mode (on by itself in the C locale).
    found = _known((locale_encoding or (lambda: locale.getpreferredencoding(False)))())
    # A 7-bit locale cannot show Japanese at all: UTF-8 is its superset.
    return "utf-8" if found in (None, "ascii") else found


def configure_streams(env: Mapping[str, str] | None = None) -> None:
    """Sets stdout's and stderr's encoding (errors replaced) for this run."""
    env = os.environ if env is None else env
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding=stream_encoding(stream, env), errors="replace")
            except (OSError, ValueError):
                pass  # a closed or detached stream: nothing to print to anyway


def use_encoding(encoding: str | None) -> None:
    """Switches stdout to the encoding a command's --encoding asked for."""
    if encoding and sys.stdout is not None and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding=encoding, errors="replace")
