"""The staff filter's search index, built in a background thread (issue 13 item 10).

Reading and folding the search texts of 10,000 people (14 MB) takes about half a second.
Done on the GUI thread — even a slice at a time while idle — the first filter keystroke
right after opening had to finish it and waited 0.4–0.6 s. Here a plain thread opens its
own read-only connection (the window's connection belongs to the GUI thread), reads every
text, folds it and hands the result back through a queued signal; until then the filter
searches what is ready (names, kana, titles and sections from the list itself).

A Python thread rather than a QThread: a QThread still running when its owner is deleted
(the window closed at once) aborts the process; this one only finds its receiver gone.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from skillmatrix.store.errors import StoreError
from skillmatrix.store.repository import Store


def read_folded_texts(path: Path, fold: Callable[[str], str]) -> dict[str, str]:
    """Returns every person's search text from the file, folded for the filter."""
    with Store.open(path, readonly=True) as store:
        texts = store.search_texts()
    return {staff_id: fold(text) for staff_id, text in texts.items()}


class SearchIndexBuilder(QObject):
    """Builds the search texts of a database in a background thread.

    Signals:
        built(int, object): the generation asked for and {id: folded text}, or None when
            the file could not be read (the model then reads on the GUI thread).
    """

    built = Signal(int, object)

    def __init__(self, fold: Callable[[str], str], parent: QObject | None = None):
        super().__init__(parent)
        self.fold = fold

    def start(self, path: Path, generation: int) -> None:
        """Starts reading path; built(generation, texts) follows."""
        threading.Thread(
            target=self._run, args=(Path(path), generation), name="staff-search-index", daemon=True
        ).start()

    def _run(self, path: Path, generation: int) -> None:
        try:
            texts: dict[str, str] | None = read_folded_texts(path, self.fold)
        except (StoreError, OSError, ValueError):
            texts = None
        try:
            self.built.emit(generation, texts)
        except RuntimeError:  # the window (and this object) went away meanwhile
            pass
