"""Reading a shared file (.sqlite) that came in from elsewhere, trusting nothing in it.

In this order, and nothing is read from the data before the file has passed the steps
before it: copy the file to a private temporary folder (only the copy is opened, so
nothing is ever written next to the original on a stick or share); the header's magic
string, application id and schema version (newer: refused, naming the version; older:
the copy is migrated after its schema has been checked against that older version);
the exact schema; integrity_check and foreign_key_check; row caps; then plain SELECTs
of known columns into domain objects, every one checked with the interchange rules.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict, overload

from skillmatrix import files
from skillmatrix.domain.dates import DateError, PartialDate, Period
from skillmatrix.domain.model import (
    MAX_CELL_ENTRIES,
    MAX_ENTRIES,
    MAX_ROWS,
    Assignment,
    Category,
    Entry,
    Project,
    Qualification,
    Staff,
    validate_staff,
)
from skillmatrix.domain.serialize import require_valid
from skillmatrix.exchange import messages
from skillmatrix.exchange.department_merge import DepartmentRows
from skillmatrix.store import schema
from skillmatrix.store.department_rows import untrusted_rows
from skillmatrix.store.errors import StoreError
from skillmatrix.store.shared_sql import RevisionRow
from skillmatrix.store.untrusted_db import MAX_ROWS as MAX_TABLE_ROWS
from skillmatrix.store.untrusted_db import (
    UndecodableText,
    UntrustedDatabase,
    header_ids,
    migrate_copy,
)

MAX_FILE_BYTES = 1024 * 1024 * 1024
_PREFIX = "skillmatrix-import-"  # private copies live in folders named so in the temp folder
_REVISION = re.compile(r"[0-9A-Za-z][0-9A-Za-z-]{0,63}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass
class SharedFile:
    """The validated contents of a shared file.

    Attributes:
        people: every person, in the file's list order; categories are mapped by name to
            the receiving database's ids; rows keep their ids where well-formed.
        chains: staff id -> the person's revision chain as the file records it.
        version: the schema version the file was written with.
    """

    people: list[Staff] = field(default_factory=list)
    chains: dict[str, list[RevisionRow]] = field(default_factory=dict)
    version: int = 0
    department: DepartmentRows | None = None  # ticks, plan lines, profiles, courses


def read_shared_file(path: str | Path, categories: list[Category], max_seconds: float = 120.0) -> SharedFile:
    """Checks and reads an incoming shared file.

    Args:
        path: the file (on a stick, a share, anywhere; it is only read, once).
        categories: the receiving database's categories (matched by name).
        max_seconds: how long the checks may take before they are stopped.

    Raises:
        StoreError: the file is not a shared file of ours, is damaged, newer, or its
            schema differs (each with its own message).
        ValidationError: data breaks a rule; lists every problem with person and field.
    """
    path = Path(path)
    try:
        st = files.check_input(path)  # a FIFO or device is refused before it is opened
    except files.FileError as e:
        raise StoreError(messages.CANNOT_IMPORT.format(error=e)) from None
    if st.st_size > MAX_FILE_BYTES:
        raise StoreError(
            messages.SHARED_FILE_TOO_LARGE.format(
                max_file_bytes=MAX_FILE_BYTES // 2**20, path=files.clip(path)
            )
        )
    _sweep_stale_copies()
    files.sweep_private_folders()
    # A private folder, removed with errors ignored: a scanner still holding the copy
    # never turns a finished import into an error (swept later).
    with files.private_folder("import") as folder:
        copy = folder / "incoming.sqlite"
        try:
            shutil.copyfile(path, copy)
        except OSError as e:
            raise StoreError(messages.FILE_UNREADABLE.format(reason=e.strerror or e, path=path)) from None
        version = _check_header(copy, path)
        with UntrustedDatabase(copy, max_seconds, shown=path) as db:
            _check_database(db, version, path)
        if version < schema.current_version():
            migrate_copy(copy, version, path)
        with UntrustedDatabase(copy, max_seconds, shown=path) as db:
            if version < schema.current_version():
                _check_database(db, schema.current_version(), path)
            try:
                shared = _read(db, categories, path)
            except UndecodableText:
                db.decode_leniently()
                shared = _read(db, categories, path)
            shared.department = DepartmentRows(*untrusted_rows(db))  # issue 18: they travel too
        shared.version = version
        return shared


def _sweep_stale_copies(max_age: float = 24 * 3600) -> None:
    """Removes private copies left by an import that was killed (they hold personal data)."""
    now = time.time()
    for folder in Path(tempfile.gettempdir()).glob(f"{_PREFIX}*"):
        try:
            if now - folder.stat().st_mtime > max_age:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass  # another user's, or gone meanwhile


def _check_header(copy: Path, original: Path) -> int:
    app_id, version = header_ids(copy, original)
    if app_id != schema.APPLICATION_ID:
        raise StoreError(messages.SHARED_FILE_OF_ANOTHER_PROGRAM.format(original=original))
    if version > schema.current_version():
        raise StoreError(
            messages.SHARED_FILE_TOO_NEW.format(
                version=version, current_version=schema.current_version(), original=original
            )
        )
    if version < 1:
        raise StoreError(messages.SHARED_FILE_BAD_VERSION.format(version=version, original=original))
    return version


def _check_database(db: UntrustedDatabase, version: int, original: Path) -> None:
    if db.pragma_ids() != (schema.APPLICATION_ID, version):
        raise StoreError(messages.SHARED_FILE_HEADER_CONTRADICTS.format(original=original))
    differences = db.schema_differences(version)
    if differences:
        raise StoreError(
            messages.SHARED_FILE_STRUCTURE_DIFFERS.format(
                version=version, differences="、".join(differences[:5]), original=original
            )
        )
    problems = db.integrity_problems()
    if problems:
        raise StoreError(messages.SHARED_FILE_BROKEN.format(problems=problems[0], original=original))
    for table, count in db.counts().items():
        if count > MAX_TABLE_ROWS[table]:
            raise StoreError(
                messages.SHARED_FILE_TOO_MANY_ROWS.format(
                    table=table, count=count, max_table_rows=MAX_TABLE_ROWS[table], original=original
                )
            )
    caps = {
        "entry": ("実績", MAX_ENTRIES, "1人"),
        "qualification": ("資格等", MAX_ROWS, "1人"),
        "assignment": ("担当履歴", MAX_ROWS, "1人"),
        "project": ("プロジェクト", MAX_ROWS, "1人"),
        "cell": ("1つのセルの実績", MAX_CELL_ENTRIES, "1セル"),
    }
    for key, (staff_id, count) in db.busiest().items():
        label, cap, per = caps[key]
        if count > cap:
            # Checked with one query before any row is read: a person with a million
            # entries is refused in a second, not after minutes of reading.
            raise StoreError(
                messages.SHARED_FILE_TOO_MANY_PER_STAFF.format(
                    staff_id=_clean(staff_id),
                    label=label,
                    count=count,
                    per=per,
                    cap=cap,
                    original=files.clip(original),
                )
            )


def _clean(text: object) -> str:
    """Text safe to put in a one-line message (control characters shown as '?')."""
    return files.clip(_CONTROL.sub("?", str(text)), 40)


def _read(db: UntrustedDatabase, categories: list[Category], original: Path) -> SharedFile:
    problems: list[str] = []
    # Entries pointing at a missing level or category are named by the rules below;
    # any other dangling reference (a row of nobody) is a damaged file.
    for table, rowid, parent in db.foreign_key_violations():
        if not (table == "entry" and parent in ("level", "category")):
            problems.append(messages.ROW_PARENT_MISSING.format(table=table, rowid=rowid, parent=parent))
    mine = {c.name: c.id for c in categories}
    theirs = {cid: name for cid, name in db.categories()}

    def category(their_id: object) -> str:
        name = theirs.get(their_id, their_id)
        # An unknown name stays as it is, so that validate_staff names it in its message.
        return mine.get(name, str(name))

    people: dict[str, Staff] = {}
    who: dict[str, str] = {}
    for i, (sid, name, kana, title, section, override, revision, label_text) in enumerate(db.staff(), 1):
        label = f"「{_clean(name)}」" if isinstance(name, str) and name.strip() else f"職員{i}"
        r = _Reader(label, problems)
        staff = Staff(
            name=r.text(name, "氏名"),
            kana=r.text(kana, "ふりがな"),
            title=r.text(title, "職名"),
            section=r.text(section, "所属"),
            experience_override=r.integer(override, "経験年数"),
            experience_label=r.text(label_text, "経験年数の表記"),
            revision=r.revision(revision, "revision") or "",
        )
        if not _is_uuid(sid):
            problems.append(messages.STAFF_ID_NOT_UUID.format(label=label, staff_id=_clean(sid)))
            continue
        staff.id = sid
        people[sid], who[sid] = staff, label

    dates: dict[str, PartialDate] = {}  # the same few hundred dates recur thousands of times

    def reader(staff_id: str) -> _Reader:
        return _Reader(who[staff_id], problems, dates)

    counters: dict[tuple[str, str], int] = defaultdict(int)

    def number(staff_id: str, kind: str) -> int:
        counters[staff_id, kind] += 1
        return counters[staff_id, kind]

    # Rows keep their ids when they are well-formed (a UUID clash with another person's
    # row would make the one transaction fail: nothing is written); others get new ones.
    for rid, sid, name, acquired, expires in db.qualifications():
        if sid in people:
            r, n = reader(sid), number(sid, "q")
            people[sid].qualifications.append(
                Qualification(
                    name=r.text(name, f"資格等{n}"),
                    acquired=r.date(acquired, f"資格等{n} 取得"),
                    expires=r.date(expires, f"資格等{n} 有効期限"),
                    **_row_id(rid),
                )
            )
    for rid, sid, start, end, name, duties in db.assignments():
        if sid in people:
            r, n = reader(sid), number(sid, "a")
            people[sid].assignments.append(
                Assignment(
                    period=r.period(start, end, f"担当履歴{n}"),
                    name=r.text(name, f"担当履歴{n} 担当名"),
                    duties=r.text(duties, f"担当履歴{n} 主担当業務"),
                    **_row_id(rid),
                )
            )
    for rid, sid, start, end, name in db.projects():
        if sid in people:
            r, n = reader(sid), number(sid, "p")
            people[sid].projects.append(
                Project(
                    period=r.period(start, end, f"プロジェクト{n}"),
                    name=r.text(name, f"プロジェクト{n} 名称"),
                    **_row_id(rid),
                )
            )
    for rid, sid, level, category_id, text, kind, date, note in db.entries():
        if sid in people:
            n = number(sid, "e")
            # The usual row, well-typed with a date seen before, is read without making
            # the six messages below (400,000 rows in a file of 10,000 people, issue 8).
            if (
                type(level) is int
                and type(text) is str
                and type(kind) is str
                and (note is None or type(note) is str)
                and (date is None or date in dates)
            ):
                people[sid].entries.append(
                    Entry(
                        level=level,
                        category_id=category(category_id),
                        text=text,
                        kind=kind,
                        date=dates[date] if date is not None else None,
                        note=note or "",
                        **_row_id(rid),
                    )
                )
                continue
            r = reader(sid)
            people[sid].entries.append(
                Entry(
                    level=r.integer(level, f"実績{n} レベル", default=-1),
                    category_id=category(category_id),
                    text=r.text(text, f"実績{n} 内容"),
                    kind=r.text(kind, f"実績{n} 種別"),
                    date=r.date(date, f"実績{n} 日付"),
                    note=r.text(note, f"実績{n} 備考"),
                    **_row_id(rid),
                )
            )
    chains: dict[str, list[RevisionRow]] = defaultdict(list)
    for sid, revision, parent, created in db.revisions():
        if sid in people:
            r = reader(sid)
            revision_id = r.revision(revision, "revision")
            parent_id = r.revision(parent, "parent", optional=True)
            created_text = r.text(created, "revision created")
            if revision_id:
                chains[sid].append((revision_id, parent_id, created_text))
    category_ids = {c.id for c in categories}
    for sid, staff in people.items():
        problems += validate_staff(staff, category_ids, who[sid])
        if not staff.revision:
            problems.append(messages.REVISION_RECORD_MISSING.format(who=who[sid]))
        elif staff.revision not in {row[0] for row in chains[sid]}:
            # The head is the person's current version; a file that lost its chain row
            # still says which version it holds.
            chains[sid].append((staff.revision, chains[sid][-1][0] if chains[sid] else None, staff.updated))
    require_valid(list(dict.fromkeys(problems)))
    return SharedFile(people=list(people.values()), chains=dict(chains))


class _Reader:
    """Turns one person's raw column values into domain values, noting every problem."""

    def __init__(self, who: str, problems: list[str], dates: dict[str, PartialDate] | None = None):
        self.who, self.problems = who, problems
        self.dates = {} if dates is None else dates

    def text(self, value: object, where: str) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            self.problems.append(
                messages.NOT_A_STRING.format(who=self.who, where=where, value=_clean(repr(value)))
            )
            return ""
        return value

    @overload
    def integer(self, value: object, where: str, default: int) -> int: ...
    @overload
    def integer(self, value: object, where: str, default: None = None) -> int | None: ...
    def integer(self, value: object, where: str, default: int | None = None) -> int | None:
        if value is None:
            return default
        if not isinstance(value, int):
            self.problems.append(
                messages.NOT_AN_INTEGER.format(who=self.who, where=where, value=_clean(repr(value)))
            )
            return default
        return value

    def date(self, value: object, where: str) -> PartialDate | None:
        if value is None or value == "":
            return None
        if isinstance(value, str) and value in self.dates:
            return self.dates[value]
        try:
            parsed = PartialDate.from_iso(value)  # DateError for a non-string as well
        except DateError as e:
            self.problems.append(f"{self.who} {where}: {_clean(e)}")
            return None
        self.dates[str(value)] = parsed  # only a string parses
        return parsed

    def period(self, start: object, end: object, where: str) -> Period:
        first, last = self.date(start, f"{where} 開始"), self.date(end, f"{where} 終了")
        try:
            return Period(first, last)
        except DateError as e:
            self.problems.append(f"{self.who} {where}: {e}")
            return Period(first, None)

    def revision(self, value: object, where: str, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str) or not _REVISION.fullmatch(value):
            self.problems.append(
                messages.REVISION_RECORD_INVALID.format(who=self.who, where=where, value=_clean(repr(value)))
            )
            return None
        return value


class _RowId(TypedDict, total=False):
    id: str


def _row_id(value: object) -> _RowId:
    return {"id": value} if isinstance(value, str) and _UUID.fullmatch(value) else {}


def _is_uuid(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False
