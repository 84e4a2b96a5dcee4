"""Reading people from the résumé store: the staff list, search texts and whole sheets.

A mixin of Store (store/repository.py), kept apart so each file holds one side of the
store; it needs only `self.db` (a sqlite_utils.Database).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache

from sqlite_utils import Database

from skillmatrix.domain.dates import PartialDate, Period
from skillmatrix.domain.model import (
    Assignment,
    Entry,
    Project,
    Qualification,
    Staff,
    StaffSummary,
    years_of_spans,
)
from skillmatrix.store import messages
from skillmatrix.store.errors import StoreError

BATCH = 500  # ids per IN (...) query: well under SQLite's variable limit


@lru_cache(maxsize=65536)
def _date(text: str | None) -> PartialDate | None:
    # Cached: the same few thousand dates recur across a file, and PartialDate is immutable.
    return PartialDate.from_iso(text) if text else None


@lru_cache(maxsize=65536)
def _period(start: str | None, end: str | None) -> Period:
    # Periods are immutable too, and validated once per distinct pair.
    return Period(_date(start), _date(end))


@lru_cache(maxsize=65536)
def _bounds(start: str | None, end: str | None) -> tuple[date, date | None] | None:
    # A stored period as (first day, last day or None when open), None without a start:
    # what experience years are counted from, computed once per distinct period.
    first = _date(start)
    if first is None:
        return None
    last = _date(end)
    return first.first_day(), last.last_day() if last else None


class StaffReading:
    """The read side of Store."""

    db: Database  # set by Store.__init__

    # -- reading staff ----------------------------------------------------------------------

    def staff_count(self) -> int:
        """Returns how many people the file holds."""
        count: int = self.db.execute("SELECT count(*) FROM staff").fetchone()[0]
        return count

    def staff_ids(self) -> list[str]:
        """Returns every person's id in list order."""
        return [r[0] for r in self.db.execute("SELECT id FROM staff ORDER BY position, rowid")]

    def staff_summaries(self, today: date | None = None) -> list[StaffSummary]:
        """Returns what the staff list shows of every person, in list order, in two queries."""
        spans: dict[str, list[tuple[date, date | None]]] = defaultdict(list)
        for staff_id, start, end in self.db.execute("SELECT staff_id, start_date, end_date FROM assignment"):
            span = _bounds(start, end)
            if span is not None:
                spans[staff_id].append(span)
        today = today or date.today()
        return [
            StaffSummary(
                id=r[0],
                name=r[1],
                kana=r[2],
                title=r[3],
                section=r[4],
                experience_years=r[5] if r[5] is not None else years_of_spans(spans.get(r[0], []), today),
            )
            for r in self.db.execute(
                "SELECT id, name, kana, title, section, experience_override FROM staff "
                "ORDER BY position, rowid"
            )
        ]

    def search_texts(self, ids: list[str] | None = None) -> dict[str, str]:
        """Returns, per person (everyone, or those of ids), the text the staff filter
        searches: profile and entries."""
        if ids is None:
            texts = {
                r[0]: "\n".join(r[1:])
                for r in self.db.execute("SELECT id, name, kana, title, section FROM staff")
            }
            for staff_id, joined in self.db.execute(
                "SELECT staff_id, group_concat(text, char(10)) FROM entry GROUP BY staff_id"
            ):
                texts[staff_id] = texts.get(staff_id, "") + "\n" + joined
            return texts
        texts = {}
        for i in range(0, len(ids), BATCH):
            chunk = ids[i : i + BATCH]
            marks = ",".join("?" * len(chunk))
            texts.update(
                (r[0], "\n".join(r[1:]))
                for r in self.db.execute(
                    f"SELECT id, name, kana, title, section FROM staff WHERE id IN ({marks})", chunk
                )
            )
            for staff_id, joined in self.db.execute(
                f"SELECT staff_id, group_concat(text, char(10)) FROM entry "
                f"WHERE staff_id IN ({marks}) GROUP BY staff_id",
                chunk,
            ):
                texts[staff_id] = texts.get(staff_id, "") + "\n" + joined
        return texts

    def find_staff(self, id_or_name: str) -> list[StaffSummary]:
        """Returns the people whose id or exact name is id_or_name (spaces in the name
        ignored)."""
        wanted = id_or_name.strip()
        squeezed = wanted.replace(" ", "").replace("\u3000", "")
        # Found by SQL, then only the matches are read: printing one résumé from 10,000
        # people must not work out everyone's 経験年数 (issue 14).
        ids = [
            r[0]
            for r in self.db.execute(
                "SELECT id FROM staff WHERE id = ? OR name = ? "
                "OR replace(replace(name, ' ', ''), '\u3000', '') = ? ORDER BY position, rowid",
                [wanted.lower(), wanted, squeezed],
            )
        ]
        return [
            StaffSummary(s.id, s.name, s.kana, s.title, s.section, s.experience_years())
            for s in (self.get_staff(i) for i in ids)
        ]

    def get_staff(self, staff_id: str) -> Staff:
        """Returns one person's whole sheet.

        Raises:
            StoreError: no such person.
        """
        found = list(self.iter_staff([staff_id]))
        if not found:
            raise StoreError(messages.STAFF_NOT_FOUND.format(staff_id=staff_id))
        return found[0]

    def iter_staff(self, ids: Iterable[str] | None = None) -> Iterator[Staff]:
        """Yields whole sheets in list order (or the order of ids), loading in batches so
        that memory stays flat for any number of people."""
        ids = list(ids) if ids is not None else self.staff_ids()
        for i in range(0, len(ids), BATCH):
            chunk = ids[i : i + BATCH]
            marks = ",".join("?" * len(chunk))
            # Plain tuples, not sqlite-utils' dict rows: building 480,000 dicts took longer
            # than the queries (dump of 10,000 people, issue 8).
            people = {
                r[0]: Staff(
                    id=r[0],
                    name=r[1],
                    kana=r[2],
                    title=r[3],
                    section=r[4],
                    experience_override=r[5],
                    revision=r[6],
                    updated=r[7],
                    experience_label=r[8],
                )
                for r in self.db.execute(
                    "SELECT id, name, kana, title, section, experience_override, revision, "
                    f"updated, experience_label FROM staff WHERE id IN ({marks})",
                    chunk,
                )
            }
            for rid, staff_id, name, acquired, expires in self.db.execute(
                f"SELECT id, staff_id, name, acquired, expires FROM qualification "
                f"WHERE staff_id IN ({marks}) ORDER BY staff_id, position",
                chunk,
            ):
                people[staff_id].qualifications.append(
                    Qualification(id=rid, name=name, acquired=_date(acquired), expires=_date(expires))
                )
            for rid, staff_id, start, end, name, duties in self.db.execute(
                f"SELECT id, staff_id, start_date, end_date, name, duties FROM assignment "
                f"WHERE staff_id IN ({marks}) ORDER BY staff_id, position",
                chunk,
            ):
                people[staff_id].assignments.append(
                    Assignment(id=rid, period=_period(start, end), name=name, duties=duties)
                )
            for rid, staff_id, start, end, name in self.db.execute(
                f"SELECT id, staff_id, start_date, end_date, name FROM project "
                f"WHERE staff_id IN ({marks}) ORDER BY staff_id, position",
                chunk,
            ):
                people[staff_id].projects.append(Project(id=rid, period=_period(start, end), name=name))
            for rid, staff_id, level, category_id, text, kind, day, note in self.db.execute(
                # In grid order: by level, then category, then the order within the cell
                # (positions order a cell's entries; a rewritten cell gets new ones).
                f"SELECT e.id, e.staff_id, e.level, e.category_id, e.text, e.kind, e.date, e.note "
                f"FROM entry e JOIN category c ON c.id = e.category_id "
                f"WHERE e.staff_id IN ({marks}) ORDER BY e.staff_id, e.level, c.position, e.position",
                chunk,
            ):
                people[staff_id].entries.append(
                    Entry(
                        id=rid,
                        level=level,
                        category_id=category_id,
                        text=text,
                        kind=kind,
                        date=_date(day),
                        note=note,
                    )
                )
            for staff_id in chunk:
                if staff_id in people:
                    yield people[staff_id]

    def revision_chain(self, staff_id: str) -> list[str]:
        """Returns every revision id the person has had, oldest first."""
        return [
            r[0]
            for r in self.db.execute(
                "SELECT revision FROM staff_revision WHERE staff_id = ? ORDER BY created, rowid", [staff_id]
            )
        ]

    def _last_revisions(self, ids: list[str]) -> dict[str, str]:
        """Returns the newest recorded revision of each of ids that has one."""
        found: dict[str, str] = {}
        for i in range(0, len(ids), BATCH):
            chunk = ids[i : i + BATCH]
            for staff_id, revision in self.db.execute(
                f"SELECT staff_id, revision FROM staff_revision WHERE staff_id IN "
                f"({','.join('?' * len(chunk))}) ORDER BY created, rowid",
                chunk,
            ):
                found[staff_id] = revision
        return found
