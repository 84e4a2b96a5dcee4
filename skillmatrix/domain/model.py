"""The vocabulary of a skill résumé (スキル履歴書): levels, categories, staff and their rows.

Plain dataclasses with no I/O. The store loads and saves them; the window, the report and
the interchange read them. Validation lives here so every way in (window, JSON, shared
file) applies the same rules.
"""

from __future__ import annotations

import calendar
import dataclasses
import os
import re
import threading
from dataclasses import dataclass, field
from datetime import date

from skillmatrix.domain import messages
from skillmatrix.domain.dates import PartialDate, Period

LEVEL_COUNT = 8  # レベル0–7 of IPA's 共通キャリア・スキルフレームワーク
KINDS = ("training", "work", "role", "other")
KIND_LABELS = {"training": "研修", "work": "業務実績", "role": "講師・委員", "other": "その他"}
CRITERIA_KEYS = ("在職年数", "担当業務の経験", "課業務における役割", "LASDEC", "ITスキル標準")

# Caps that keep one field from making a page take seconds to lay out (reportlab needs
# ~21 s for a 200,000-character word) while leaving room for any real text.
MAX_NAME = 200
MAX_TEXT = 4000
# Per-person caps, far above any real résumé (the seed's veteran has ~60 entries): a file
# with more is refused before its rows cost minutes to read, lay out or print.
MAX_ENTRIES = 2000  # grid entries per person
MAX_CELL_ENTRIES = 200  # entries in one cell (level × category)
MAX_ROWS = 500  # qualifications, assignments and projects, each, per person
# Characters that make a name read differently from what is stored: bidirectional
# overrides and isolates, zero-width spaces and joiners, word joiner, BOM.
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff]")


def clipped(text: str, limit: int = 40) -> str:
    """Returns text as a message may quote it: at most `limit` characters, and the
    characters that would change how the message reads shown as '?'."""
    value = text if len(text) <= limit else text[:limit] + "…"
    return _INVISIBLE.sub("?", value)


MAX_EXPERIENCE_LABEL = 20  # 経験年数 as printed: 「20年以上」, 「約15年」


_random = bytearray()  # os.urandom bytes not used yet, 16 per id
_random_lock = threading.Lock()


def _forget_random() -> None:
    _random.clear()  # a forked child must not make its parent's ids


os.register_at_fork(after_in_child=_forget_random)


def new_id() -> str:
    """Returns a fresh UUID4 as text, the id of every stored object.

    Built from os.urandom directly, 4,096 ids' worth at a time: a bulk import makes
    ~400,000 of them and uuid.uuid4() costs seven times as much for the same random
    version-4 UUID (one system call per id cost a quarter of that again).
    """
    with _random_lock:  # two threads must never take the same bytes
        if not _random:
            _random.extend(os.urandom(16 * 4096))
        b = _random[-16:]
        del _random[-16:]
    b[6] = (b[6] & 0x0F) | 0x40
    b[8] = (b[8] & 0x3F) | 0x80
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class ValidationError(ValueError):
    """One or more problems with data, each a Japanese sentence naming where it is."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("; ".join(self.problems))


@dataclass
class Level:
    """One row of the レベル定義 table."""

    number: int
    name: str  # 'レベル1'
    short: str  # the short definition printed in the résumé's first column
    definition: str  # the full definition of the レベル定義 table
    criteria: dict[str, str] = field(default_factory=dict)  # 基準: key -> text


@dataclass
class Category:
    """A skill category (スキルの分類) and its knowledge areas (知識等の分類)."""

    id: str
    name: str
    knowledge: str = ""
    position: int = 0


@dataclass
class Entry:
    """One line of a grid cell: a training taken or an achievement at that level."""

    level: int
    category_id: str
    text: str
    kind: str = "other"
    date: PartialDate | None = None
    note: str = ""
    id: str = field(default_factory=new_id)


@dataclass
class Qualification:
    """資格等: a qualification with the date acquired and, where it lapses, its expiry."""

    name: str
    acquired: PartialDate | None = None
    expires: PartialDate | None = None
    id: str = field(default_factory=new_id)


@dataclass
class Assignment:
    """担当履歴: one post held (期間・担当名・主担当業務)."""

    period: Period = field(default_factory=Period)
    name: str = ""
    duties: str = ""
    id: str = field(default_factory=new_id)


@dataclass
class Project:
    """プロジェクト履歴: one project taken part in (期間・プロジェクト名)."""

    period: Period = field(default_factory=Period)
    name: str = ""
    id: str = field(default_factory=new_id)


@dataclass
class Staff:
    """One person's whole sheet. Lists keep their order (the order positions in the file)."""

    name: str
    kana: str = ""
    title: str = ""
    section: str = ""
    experience_override: int | None = None
    experience_label: str = ""  # 経験年数 as printed (「20年以上」); '' prints 「N年」
    qualifications: list[Qualification] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    revision: str = ""  # changes on every write; see store/repository.py
    updated: str = ""

    def copy(self) -> Staff:
        """Returns a deep copy, so an editor can change it and keep the original for undo."""
        return dataclasses.replace(
            self,
            qualifications=[dataclasses.replace(q) for q in self.qualifications],
            assignments=[dataclasses.replace(a) for a in self.assignments],
            projects=[dataclasses.replace(p) for p in self.projects],
            entries=[dataclasses.replace(e) for e in self.entries],
        )

    def cell(self, level: int, category_id: str) -> list[Entry]:
        """Returns the entries of one grid cell, in their order."""
        return [e for e in self.entries if e.level == level and e.category_id == category_id]

    def experience_years(self, today: date | None = None) -> int:
        """Returns the 経験年数 the résumé prints: the override if set, else derived."""
        if self.experience_override is not None:
            return self.experience_override
        return experience_years([a.period for a in self.assignments], today)


@dataclass
class StaffSummary:
    """What the staff list shows of a person, without loading the whole sheet."""

    id: str
    name: str
    kana: str
    title: str
    section: str
    experience_years: int


def experience_years(periods: list[Period], today: date | None = None) -> int:
    """Returns whole years covered by the union of the periods up to today.

    Overlapping periods count once; an open end counts to today; a period with no start
    or starting after today counts nothing. Each stretch is measured in calendar months
    (2010-04-01..2013-03-31 is 36 months, leap years or not), then the months are summed.

    Args:
        periods: the assignment periods.
        today: the reference day (default: the real today).
    """
    today = today or date.today()
    return years_of_spans(
        [(p.start.first_day(), p.end.last_day() if p.end else None) for p in periods if p.start is not None],
        today,
    )


def years_of_spans(spans: list[tuple[date, date | None]], today: date) -> int:
    """experience_years() of periods given as (first day, last day or None for an open end).

    The store gives the staff list its 10,000 people's years this way, from spans it
    computed once per distinct period, without building Period objects.
    """
    closed = sorted(
        (first, today if last is None or last > today else last) for first, last in spans if first <= today
    )
    merged: list[list[date]] = []
    for start, end in closed:
        if merged and start.toordinal() <= merged[-1][1].toordinal() + 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    months = days = 0
    for start, end in merged:
        m, d = _months_and_days(start, date.fromordinal(end.toordinal() + 1))
        months, days = months + m, days + d
    # Leftover days of several stretches add up to months only when they make a full one.
    return (months + days // 31) // 12


def _months_and_days(start: date, stop: date) -> tuple[int, int]:
    """Returns the whole calendar months from start to stop (exclusive) and the days left."""
    months = (stop.year - start.year) * 12 + stop.month - start.month
    if stop.day < start.day:
        months -= 1
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    anchor = date(year, month + 1, min(start.day, calendar.monthrange(year, month + 1)[1]))
    return months, (stop - anchor).days


# Control characters (C0 but tab, and newline where lines are allowed; DEL; C1) and lone
# surrogates, which cannot even be encoded as UTF-8.
_CONTROL_LINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _check_text(problems: list[str], where: str, text: str, limit: int, multiline: bool) -> None:
    bad = (_CONTROL_TEXT if multiline else _CONTROL_LINE).search(text)
    if bad:
        problems.append(messages.CONTROL_CHARACTER.format(where=where, codepoint=ord(bad.group())))
    if len(text) > limit:
        problems.append(messages.TEXT_TOO_LONG.format(where=where, limit=limit, text_count=len(text)))


def _too_many_rows(staff: Staff) -> str:
    """Returns what breaks a per-person cap ('' when none does)."""
    for label, rows in (
        ("資格等", staff.qualifications),
        ("担当履歴", staff.assignments),
        ("プロジェクト", staff.projects),
    ):
        if len(rows) > MAX_ROWS:
            return messages.TOO_MANY_ROWS.format(label=label, count=len(rows), limit=MAX_ROWS)
    if len(staff.entries) > MAX_ENTRIES:
        return messages.TOO_MANY_ENTRIES.format(count=len(staff.entries), limit=MAX_ENTRIES)
    if len(staff.entries) <= MAX_CELL_ENTRIES:
        return ""  # no cell can be over
    cells: dict[tuple[int, str], int] = {}
    for e in staff.entries:
        key = (e.level, e.category_id)
        cells[key] = cells.get(key, 0) + 1
    for (level, _category), count in cells.items():
        if count > MAX_CELL_ENTRIES:
            return messages.TOO_MANY_CELL_ENTRIES.format(level=level, count=count, limit=MAX_CELL_ENTRIES)
    return ""


def _looks_valid(staff: Staff, category_ids: set[str] | frozenset[str]) -> bool:
    """True when validate_staff() would find nothing; False means look closer.

    The same rules as validate_staff() with no message made: an import of 10,000 people
    validates 400,000 entries twice, and the messages' f-strings were most of its cost.
    """
    line, text = _CONTROL_LINE.search, _CONTROL_TEXT.search
    if not staff.name.strip() or (
        staff.experience_override is not None and not 0 <= staff.experience_override <= 80
    ):
        return False
    if _INVISIBLE.search(staff.name) or _INVISIBLE.search(staff.kana) or _too_many_rows(staff):
        return False
    if len(staff.experience_label) > MAX_EXPERIENCE_LABEL or line(staff.experience_label):
        return False
    for value in (staff.name, staff.kana, staff.title, staff.section):
        if len(value) > MAX_NAME or line(value):
            return False
    for q in staff.qualifications:
        if not q.name.strip() or len(q.name) > MAX_NAME or line(q.name):
            return False
    for a in staff.assignments:
        if len(a.name) > MAX_NAME or line(a.name) or len(a.duties) > MAX_TEXT or text(a.duties):
            return False
    for p in staff.projects:
        if len(p.name) > MAX_NAME or line(p.name):
            return False
    for e in staff.entries:
        if (
            not 0 <= e.level < LEVEL_COUNT
            or e.category_id not in category_ids
            or e.kind not in KINDS
            or not e.text.strip()
            or len(e.text) > MAX_TEXT
            or text(e.text)
            or len(e.note) > MAX_TEXT
            or (e.note and text(e.note))
        ):
            return False
    return True


def validate_staff(staff: Staff, category_ids: set[str], who: str | None = None) -> list[str]:
    """Returns every problem with a person's sheet, each naming the person and the field.

    Args:
        staff: the sheet to check.
        category_ids: the ids of the categories defined in the database.
        who: how to name the person in messages (default: the name).
    """
    if _looks_valid(staff, category_ids):
        return []  # the usual case, checked without building a single message
    who = clipped(who, 120) if who else f"「{clipped(staff.name.strip()) or '（氏名なし）'}」"
    problems: list[str] = []
    if not staff.name.strip():
        problems.append(messages.NAME_EMPTY.format(who=who))
    for label, value in (("氏名", staff.name), ("ふりがな", staff.kana)):
        hidden = _INVISIBLE.search(value)
        if hidden:
            problems.append(
                messages.INVISIBLE_CHARACTER.format(who=who, label=label, codepoint=ord(hidden.group()))
            )
    too_many = _too_many_rows(staff)
    if too_many:
        # Not one message per row of a million: the count says it all.
        return problems + [f"{who} {too_many}"]
    for label, value in (
        ("氏名", staff.name),
        ("ふりがな", staff.kana),
        ("職名", staff.title),
        ("所属", staff.section),
    ):
        _check_text(problems, f"{who} {label}", value, MAX_NAME, False)
    if staff.experience_override is not None and not 0 <= staff.experience_override <= 80:
        problems.append(
            messages.EXPERIENCE_OUT_OF_RANGE.format(who=who, experience_override=staff.experience_override)
        )
    _check_text(problems, f"{who} 経験年数の表記", staff.experience_label, MAX_EXPERIENCE_LABEL, False)
    for i, q in enumerate(staff.qualifications, 1):
        _check_text(problems, f"{who} 資格等{i}", q.name, MAX_NAME, False)
        if not q.name.strip():
            problems.append(messages.QUALIFICATION_NAME_EMPTY.format(who=who, i=i))
    for i, a in enumerate(staff.assignments, 1):
        _check_text(problems, f"{who} 担当履歴{i} 担当名", a.name, MAX_NAME, False)
        _check_text(problems, f"{who} 担当履歴{i} 主担当業務", a.duties, MAX_TEXT, True)
    for i, p in enumerate(staff.projects, 1):
        _check_text(problems, f"{who} プロジェクト{i}", p.name, MAX_NAME, False)
    for i, e in enumerate(staff.entries, 1):
        where = f"{who} 実績{i}「{clipped(e.text, 20)}」"
        if not 0 <= e.level < LEVEL_COUNT:
            problems.append(messages.ENTRY_NO_SUCH_LEVEL.format(where=where, level=e.level))
        if e.category_id not in category_ids:
            problems.append(messages.ENTRY_NO_SUCH_CATEGORY.format(where=where, category_id=e.category_id))
        if e.kind not in KINDS:
            problems.append(messages.ENTRY_BAD_KIND.format(where=where, kind=e.kind, kinds=", ".join(KINDS)))
        if not e.text.strip():
            problems.append(messages.ENTRY_TEXT_EMPTY.format(where=where))
        _check_text(problems, where, e.text, MAX_TEXT, True)
        _check_text(problems, f"{where} 備考", e.note, MAX_TEXT, True)
    return problems
