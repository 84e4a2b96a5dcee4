"""Progress of long work, without Qt: the one callback the lower layers accept.

store, exchange and report call ``progress(done, total)`` now and then while they work
(``total`` may change once it is known; 0 means "not known yet"). The caller decides what
that shows: nothing (:func:`no_progress`), a bar on a terminal (:func:`terminal_progress`,
tqdm on stderr, only when stderr is a terminal), or a QProgressDialog in the window
(ui/common/workers.py). A callback may raise :class:`Cancelled` to stop the work; every
writer that accepts a callback calls it outside its transaction or lets the exception
roll the transaction back, so a cancelled run changes nothing.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Protocol


class Progress(Protocol):
    """Told how far the work is: ``done`` of ``total`` units (people, pages, rows)."""

    def __call__(self, done: int, total: int) -> None: ...


class Cancelled(Exception):
    """Raised by a progress callback when the user asked to stop."""


def no_progress(done: int, total: int) -> None:
    """A progress callback that shows nothing."""


def is_terminal(stream: IO[str] | None) -> bool:
    """True when the stream is an interactive terminal (not a pipe, a file or closed)."""
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


@contextmanager
def terminal_progress(
    label: str, *, quiet: bool = False, unit: str = "件", stream: IO[str] | None = None
) -> Iterator[Progress]:
    """Yields a progress callback that draws a tqdm bar on stderr while the block runs.

    Nothing is drawn when ``quiet`` is set or stderr is not a terminal (a pipe, a file, a
    scheduled job): then the callback does nothing, and stdout is never touched.

    Args:
        label: what is being done, in Japanese (shown before the bar).
        quiet: the command's --quiet.
        unit: what one step is (名, ページ, 件).
        stream: where to draw (default: sys.stderr).
    """
    stream = stream if stream is not None else sys.stderr
    if quiet or not is_terminal(stream):
        yield no_progress
        return
    from tqdm import tqdm  # only when a bar is drawn: keeps the commands' start-up light

    # A terminal that reports no size (a fresh pseudo-terminal, some consoles) would get a
    # zero-width bar, which tqdm does not draw at all: give it 80 columns then.
    sized = _columns(stream) > 0
    bar = tqdm(
        desc=label,
        total=None,
        unit=unit,
        file=stream,
        leave=False,
        dynamic_ncols=sized,
        ncols=None if sized else 80,
        nrows=None if sized else 24,
        mininterval=0.2,
    )

    def update(done: int, total: int) -> None:
        if total and bar.total != total:
            bar.total = total
            bar.refresh()
        if done != bar.n:
            bar.update(done - bar.n)
            if total and done >= total:
                bar.refresh()  # the last step is shown even within mininterval

    try:
        yield update
    finally:
        bar.close()


def _columns(stream: IO[str]) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return 0


def every(step: int, progress: Progress) -> Callable[[int, int], None]:
    """Returns a callback passing on only every ``step``-th call (and the last), so a loop
    over 10,000 rows reports cheaply."""

    def report(done: int, total: int) -> None:
        if done % step == 0 or done == total:
            progress(done, total)

    return report
