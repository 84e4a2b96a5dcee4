"""The staff list: a model that filters and keeps its own order, and its view and filter box.

Filtering is done here over plain Python lists, not with QSortFilterProxyModel (2.2 s for
20,000 rows, see reference/stack.md): every person's searchable text (name, kana, title,
section and entry texts from Store.search_texts()) is normalised once — NFKC, case-folded,
katakana as hiragana — and each keystroke is one substring scan. Space-separated words must
all match. When the new filter only extends the old one, only the rows still shown are
scanned.

The list itself shows at once: the search texts (14 MB for 10,000 people) are read and
normalised afterwards, in a background thread (search_index.py) for a whole list and a
slice at a time while the window is idle for a few people, so that opening the window
never waits for them (issue 8: 2.0 s → 0.5 s at 10,000). A keystroke that comes before the
index is complete searches what is ready — the names, kana, titles and sections of the
list — and the list is filtered again when the index arrives (issue 13 item 10).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, QTimer, Signal

from skillmatrix.domain.model import Staff, StaffSummary
from skillmatrix.ui.common.session import Session
from skillmatrix.ui.staff.search_index import SearchIndexBuilder

_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_ROLES_USED = frozenset({_DISPLAY, _TOOLTIP, _ALIGNMENT, Qt.ItemDataRole.UserRole})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
# Katakana → hiragana as a table indexed by code point: str.translate looks a list up
# faster than a dict (10,000 people's texts are folded at start-up). Characters beyond
# the table (outside the BMP) raise IndexError, which translate treats as "keep".
_KATAKANA_TO_HIRAGANA = list(range(0x10000))
for _c in range(0x30A1, 0x30F7):
    _KATAKANA_TO_HIRAGANA[_c] = _c - 0x60
# The same plus what NFKC does to the characters Japanese office text is full of: full-width
# ASCII (（）０-９Ａ-Ｚ：) and the ideographic space. Almost every text is NFKC after this one
# pass, and checking that is 20 times cheaper than normalising (see _fold).
_FOLD = list(_KATAKANA_TO_HIRAGANA)
for _c in range(0xFF01, 0xFF5F):
    _FOLD[_c] = _c - 0xFEE0
_FOLD[0x3000] = 0x20
INDEX_SLICE = 250  # people whose search texts are read per idle turn (~20 ms)
INDEX_DELAY_MS = 200  # the background index starts this long after the list was read


def normalise(text: str) -> str:
    """Returns text in the form the filter compares: NFKC, case-folded, hiragana."""
    folded = text.translate(_FOLD)
    # Combining (han)dakuten could compose with a kana whose script was just swapped; any
    # other character NFKC would change makes is_normalized() false. Both take the full way.
    if "\u3099" in folded or "\u309a" in folded or not unicodedata.is_normalized("NFKC", folded):
        return unicodedata.normalize("NFKC", text).casefold().translate(_KATAKANA_TO_HIRAGANA)
    return folded.casefold()


def search_text(sheet: Staff) -> str:
    """Returns what the filter searches in a sheet (as Store.search_texts() does)."""
    return normalise(
        "\n".join([sheet.name, sheet.kana, sheet.title, sheet.section] + [e.text for e in sheet.entries])
    )


class StaffListModel(QAbstractTableModel):
    """Every person in list order, or those matching the filter.

    Signals:
        filtered(shown, total): the filter changed what is shown.
    """

    filtered = Signal(int, int)

    def __init__(self, session: Session, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self._people: list[StaffSummary] = []
        self._texts: list[str | None] = []  # None: not indexed yet
        self._unindexed: list[str] = []  # ids whose search text is still to be read
        self._index_timer = QTimer(self, singleShot=True, interval=0)
        self._index_timer.timeout.connect(self._index_some)
        self._builder = SearchIndexBuilder(normalise, self)
        self._builder.built.connect(self._index_built)
        self._generation = 0  # of the list the builder reads for
        self._quick: dict[str, str] = {}  # id -> folded summary, searched until indexed
        self._position: dict[str, int] = {}  # id -> index in _people
        self._visible: list[int] = []
        self._filter = ""
        # predicate_hook(text) -> (text left for the word search, keep(staff id) or None):
        # lets another part take its own terms out of the filter (search by level).
        self.predicate_hook: Callable[[str], tuple[str, Callable[[str], bool] | None]] | None = None
        self._keep: Callable[[str], bool] | None = None
        self.headers = [self.tr("氏名"), self.tr("職名"), self.tr("経験")]
        session.staff_written.connect(self._written)
        # Adding or removing one person changes nobody else's text: keep the index.
        session.staff_added.connect(lambda *_: self.reload(keep_index=True))
        session.staff_removed.connect(lambda *_: self.reload(keep_index=True))
        session.staff_reloaded.connect(self.reload)
        session.order_changed.connect(self._reorder)
        session.store_replaced.connect(self.reload)
        self.reload()

    # -- loading --------------------------------------------------------------------------

    def reload(self, keep_index: bool = False) -> None:
        """Reads every person's summary from the file; the search texts follow while the
        window is idle (at once if a filter is set).

        Args:
            keep_index: reuse the search texts already read (only people were added or
                removed); otherwise every text is read again.
        """
        people = self.session.store.staff_summaries()
        known = {p.id: t for p, t in zip(self._people, self._texts) if t is not None} if keep_index else {}
        self.beginResetModel()
        self._people = people
        self._texts = [known.get(p.id) for p in people]
        # popped from the end: list order
        self._unindexed = [p.id for p, t in zip(reversed(people), reversed(self._texts)) if t is None]
        self._index_positions()
        self._generation += 1
        self._quick = {}
        self._visible = self._match(range(len(people)), self._terms(self._filter))
        self.endResetModel()
        self.filtered.emit(len(self._visible), len(self._people))
        if len(self._unindexed) > INDEX_SLICE and not self.session.store.closed:
            # After the window's first paint: the thread would compete with it for the GIL.
            generation = self._generation
            QTimer.singleShot(INDEX_DELAY_MS, self, lambda: self._start_builder(generation))
        elif self._unindexed and keep_index:  # one person added: a few milliseconds, now
            self._index_some(len(self._unindexed))
        elif self._unindexed:
            self._index_timer.start()

    def _start_builder(self, generation: int) -> None:
        if generation == self._generation and self._unindexed and not self.session.store.closed:
            self._builder.start(self.session.store.path, generation)

    def _index_built(self, generation: int, texts: dict[str, str] | None) -> None:
        """The background thread read the index of the list of this generation."""
        if generation != self._generation or not self._unindexed:
            return  # the list was read again meanwhile: another build is under way
        if texts is None:  # the file could not be read there: read it here, while idle
            self._index_timer.start()
            return
        for staff_id in self._unindexed:
            position = self._position.get(staff_id)
            if position is not None and self._texts[position] is None:  # an edit is newer
                self._texts[position] = texts.get(staff_id, "")
        self._unindexed.clear()
        self._quick = {}
        self._refilter()

    def _refilter(self) -> None:
        """Applies the filter again over everyone (the index grew)."""
        terms = self._terms(self._filter)
        if not terms:
            return
        visible = self._match(range(len(self._people)), terms)
        if visible != self._visible:
            self.beginResetModel()
            self._visible = visible
            self.endResetModel()
            self.filtered.emit(len(self._visible), len(self._people))

    # -- the search index -------------------------------------------------------------------

    @property
    def searchable(self) -> bool:
        """True when every person's search text has been read (filtering costs no I/O)."""
        return not self._unindexed

    def _index_some(self, count: int = INDEX_SLICE) -> None:
        """Reads and normalises the search texts of the next count people."""
        store = self.session.store
        if store.closed:  # the window closed meanwhile: nothing more to search
            self._unindexed.clear()
            self._texts = [t or "" for t in self._texts]
            return
        chunk = self._unindexed[-count:]
        texts = store.search_texts(chunk)
        del self._unindexed[-count:]
        for staff_id in chunk:
            position = self._position.get(staff_id)
            if position is not None and self._texts[position] is None:
                self._texts[position] = normalise(texts.get(staff_id, ""))
        if self._unindexed:
            self._index_timer.start()
        else:
            self._refilter()

    def _index_positions(self) -> None:
        self._position = {p.id: i for i, p in enumerate(self._people)}

    def _reorder(self) -> None:
        order = {staff_id: i for i, staff_id in enumerate(self.session.store.staff_ids())}
        pairs = sorted(zip(self._people, self._texts), key=lambda pair: order.get(pair[0].id, 0))
        self.beginResetModel()
        self._people = [p for p, _ in pairs]
        self._texts = [t for _, t in pairs]
        self._index_positions()
        self._visible = self._match(range(len(self._people)), self._terms(self._filter))
        self.endResetModel()

    def _written(self, sheet: Staff) -> None:
        position = self._position.get(sheet.id)
        if position is None:
            return
        self._people[position] = StaffSummary(
            sheet.id, sheet.name, sheet.kana, sheet.title, sheet.section, sheet.experience_years()
        )
        self._texts[position] = search_text(sheet)
        row = self.row_of(sheet.id)
        if row >= 0:  # an edit never hides the person being edited, even if unmatched now
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # -- filtering --------------------------------------------------------------------------

    def _terms(self, text: str) -> list[str]:
        self._keep = None
        if self.predicate_hook is not None:
            text, self._keep = self.predicate_hook(text)
        return normalise(text).split()

    def _match(self, candidates, terms: list[str]) -> list[int]:
        if self._keep is not None:
            keep, people = self._keep, self._people
            candidates = [i for i in candidates if keep(people[i].id)]
        if not terms:
            return list(candidates)
        texts = self._texts if not self._unindexed else self._ready_texts()
        if len(terms) == 1:
            term = terms[0]
            return [i for i in candidates if term in texts[i]]
        return [i for i in candidates if all(t in texts[i] for t in terms)]

    def _ready_texts(self) -> list[str]:
        """The search texts with the folded summary for people not indexed yet."""
        quick = self._quick
        result = []
        for person, text in zip(self._people, self._texts):
            if text is None:
                text = quick.get(person.id)
                if text is None:
                    text = quick[person.id] = normalise(
                        "\n".join((person.name, person.kana, person.title, person.section))
                    )
            result.append(text)
        return result

    def set_filter(self, text: str) -> None:
        """Shows only the people whose texts contain every word of text."""
        old_terms, terms = self._terms(self._filter), self._terms(text)
        narrowing = (
            not self._unindexed  # what is shown was found in part of the texts only
            and self._keep is None
            and len(terms) >= len(old_terms)
            and old_terms
            and all(old in new for old, new in zip(old_terms, terms))
        )
        candidates = self._visible if narrowing else range(len(self._people))
        self._filter = text
        visible = self._match(candidates, terms)
        if visible == self._visible:
            return
        self.beginResetModel()
        self._visible = visible
        self.endResetModel()
        self.filtered.emit(len(self._visible), len(self._people))

    @property
    def filter_text(self) -> str:
        return self._filter

    # -- reading ------------------------------------------------------------------------------

    def total(self) -> int:
        return len(self._people)

    def summary(self, row: int) -> StaffSummary | None:
        return self._people[self._visible[row]] if 0 <= row < len(self._visible) else None

    def row_of(self, staff_id: str | None) -> int:
        """Returns the shown row of a person, -1 when filtered out or unknown."""
        position = self._position.get(staff_id) if staff_id is not None else None
        if position is None:
            return -1
        # _visible is ascending: bisect instead of a scan of 10,000 rows.
        row = bisect_left(self._visible, position)
        return row if row < len(self._visible) and self._visible[row] == position else -1

    def list_index(self, staff_id: str) -> int:
        """Returns a person's index in the whole list (the stored order)."""
        return self._position.get(staff_id, -1)

    def ids(self) -> list[str]:
        """Returns every id in list order."""
        return [p.id for p in self._people]

    def people(self) -> list[StaffSummary]:
        return list(self._people)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # The view asks for a dozen roles per cell on every paint: answer the unused ones first.
        if role not in _ROLES_USED or not index.isValid():
            return None
        person = self.summary(index.row())
        if person is None:
            return None
        if role == _DISPLAY:
            column = index.column()
            if column == 0:
                return person.name
            if column == 1:
                return person.title
            return self.tr("{years}年").format(years=person.experience_years)
        if role == _TOOLTIP:
            return "\n".join(x for x in (person.name, person.kana, person.title, person.section) if x)
        if role == _ALIGNMENT:
            return _RIGHT if index.column() == 2 else None
        return person.id  # UserRole

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None
