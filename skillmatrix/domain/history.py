"""The department as it stood on a past day, and its growth between two 年度.

Standard library only. The store reads back, per person, the revision that was current
at the moment asked (staff_revision.content, the interchange form with categories by
id); this module turns those sheets into levels and compares two moments.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from skillmatrix.domain.department import Levels, check_kinds
from skillmatrix.domain.model import Category

JOINED = "joined"
LEFT = "left"
MARK_LABELS = {JOINED: "新規", LEFT: "転出・退職", "": ""}


def fiscal_year_start(year: int) -> date:
    """Returns 4月1日 of the 年度 (the default moments of the as-of views)."""
    return date(year, 4, 1)


def moment(day: date) -> str:
    """Returns the first instant of day in local time as a stored (UTC ISO) timestamp,
    so that 'as of 4月1日' means before anything saved on 4月1日 in the office."""
    local = datetime.combine(day, time()).astimezone()
    return local.astimezone(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class PastSheet:
    """What the department views need of one person's sheet at a past moment."""

    staff_id: str
    name: str
    kana: str
    title: str
    section: str
    levels: Levels
    entries: frozenset[tuple[str, int, str]] = field(default_factory=frozenset)  # (category, level, text)


def past_sheet(content: Mapping[str, Any], kinds: Iterable[str] | None = None) -> PastSheet:
    """Reads a revision's content into levels per category (entries of kinds only).

    Args:
        content: the JSON object kept in staff_revision.content.
        kinds: the entry kinds that count (None: all).
    """
    wanted = check_kinds(kinds)
    levels: Levels = {}
    keys = set()
    for e in content.get("entries") or []:
        if wanted is not None and e.get("kind") not in wanted:
            continue
        c, level = e["category"], int(e["level"])
        keys.add((c, level, e.get("text", "")))
        if level > levels.get(c, -1):
            levels[c] = level
    return PastSheet(
        staff_id=content["id"],
        name=content.get("name", ""),
        kana=content.get("kana", ""),
        title=content.get("title", ""),
        section=content.get("section", ""),
        levels=levels,
        entries=frozenset(keys),
    )


@dataclass(frozen=True)
class GrowthRow:
    """One person between two moments: level then and now and entries added, per category."""

    staff_id: str
    name: str
    mark: str  # '' / joined / left
    then: tuple[int | None, ...]
    now: tuple[int | None, ...]
    added: tuple[int, ...]


@dataclass(frozen=True)
class GrowthTotal:
    """The department's totals in one category."""

    category_id: str
    name: str
    people_then: int  # people with a level there
    people_now: int
    average_then: float | None
    average_now: float | None
    added: int
    raised: int  # people whose level rose


def growth(
    categories: Sequence[Category],
    then: Mapping[str, PastSheet],
    now: Mapping[str, PastSheet],
    order: Sequence[str] | None = None,
) -> tuple[list[GrowthRow], list[GrowthTotal]]:
    """Compares two moments person by person and category by category.

    Args:
        categories: the categories, in order.
        then: staff id -> sheet at the earlier moment (people present then).
        now: staff id -> sheet at the later moment.
        order: the order people are listed in (default: now's, then those who left).

    Returns:
        The rows (joined: only now; left: only then) and the totals per category.
    """
    ids = list(order) if order is not None else list(now) + [s for s in then if s not in now]
    rows = []
    for staff_id in ids:
        a, b = then.get(staff_id), now.get(staff_id)
        if a is None and b is None:
            continue
        mark = JOINED if a is None else LEFT if b is None else ""
        sheet = b or a
        assert sheet is not None
        before = a.entries if a else frozenset()
        new = (b.entries - before) if b else frozenset()
        rows.append(
            GrowthRow(
                staff_id=staff_id,
                name=sheet.name,
                mark=mark,
                then=tuple(a.levels.get(c.id) if a else None for c in categories),
                now=tuple(b.levels.get(c.id) if b else None for c in categories),
                added=tuple(sum(1 for e in new if e[0] == c.id) for c in categories),
            )
        )
    totals = []
    for i, c in enumerate(categories):
        was = [v for r in rows if (v := r.then[i]) is not None]
        is_ = [v for r in rows if (v := r.now[i]) is not None]
        raised = 0
        for r in rows:
            level_then, level_now = r.then[i], r.now[i]
            if level_then is not None and level_now is not None and level_now > level_then:
                raised += 1
        totals.append(
            GrowthTotal(
                category_id=c.id,
                name=c.name,
                people_then=len(was),
                people_now=len(is_),
                average_then=round(sum(was) / len(was), 2) if was else None,
                average_now=round(sum(is_) / len(is_), 2) if is_ else None,
                added=sum(r.added[i] for r in rows),
                raised=raised,
            )
        )
    return rows, totals
