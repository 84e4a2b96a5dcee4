"""Merging the department's tables on import: can-do ticks, plan lines, target profiles
and catalogue courses, with the résumés' rules (merge.py).

Rows are compared by their key and content (store/department_rows.py); each file's
department_seen holds every content a row has had there, which plays the part of the
résumés' revision chains:

- the same content: unchanged;
- a row I lack: added;
- their content is one I once had: I am ahead -> unchanged (mine kept);
- my content is one they once had: they are ahead -> updated (theirs taken);
- neither: both changed since they last shared -> a conflict, taken only with
  --prefer theirs (or the window's choice), kept with --prefer mine.

Interchange JSON carries the rows and the history in a "department" member, so a dump
travels the same way. Rows the other side removed are not removed here (nothing is
deleted by an import).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from skillmatrix.exchange import messages
from skillmatrix.store.department_rows import (
    RowKey,
    Versions,
    apply_rows,
    current_rows,
    parse_literals,
    seen_rows,
)
from skillmatrix.store.repository import Store

KIND_LABELS = {"tick": "できること", "plan": "研修計画", "profile": "求める人材像", "course": "研修カタログ"}
KIND_ORDER = ("tick", "plan", "profile", "course")


@dataclass
class DepartmentRows:
    """The department rows of an incoming file and the history it carries."""

    rows: dict[RowKey, str] = field(default_factory=dict)
    seen: Versions = field(default_factory=set)

    def to_json(self) -> dict[str, Any]:
        """Returns the "department" member of interchange JSON."""
        return {
            "rows": [[k, key, c] for (k, key), c in sorted(self.rows.items())],
            "seen": sorted([list(s) for s in self.seen]),
        }

    @classmethod
    def from_json(cls, data: object) -> DepartmentRows:
        """Reads the "department" member; raises ValueError when it is malformed."""
        if not isinstance(data, Mapping):
            raise ValueError(messages.DEPARTMENT_NOT_OBJECT)
        rows, seen = data.get("rows", []), data.get("seen", [])
        if not isinstance(rows, list) or not isinstance(seen, list):
            raise ValueError(messages.DEPARTMENT_ROWS_NOT_ARRAYS)
        out = cls()
        for item in rows + seen:
            if not (isinstance(item, list) and len(item) == 3 and all(isinstance(x, str) for x in item)):
                raise ValueError(messages.DEPARTMENT_ROW_INVALID.format(item=str(item)[:60]))
            if item[0] not in KIND_LABELS:
                raise ValueError(messages.DEPARTMENT_NO_SUCH_KIND.format(item=item[0][:20]))
        out.rows = {(k, key): c for k, key, c in rows}
        out.seen = {(k, key, c) for k, key, c in seen}
        return out


def department_of(store: Store, staff_ids: list[str] | None = None) -> DepartmentRows:
    """Returns a database's own rows and history (what a dump writes): the ticks and plan
    lines of the people given only (None: everyone)."""
    rows, seen = current_rows(store), seen_rows(store)
    if staff_ids is None:
        return DepartmentRows(rows, seen)
    keep = set(staff_ids)

    def shared(kind: str, key: str, content: str) -> bool:
        if kind == "tick":
            return key.split("|", 1)[0] in keep
        if kind == "plan":
            return parse_literals(content)[1] in keep
        return True

    return DepartmentRows(
        {(k, key): c for (k, key), c in rows.items() if shared(k, key, c)},
        {s for s in seen if shared(*s)},
    )


@dataclass
class DepartmentPlan:
    """What an import would do to the department's tables."""

    added: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, key, theirs)
    updated: list[tuple[str, str, str]] = field(default_factory=list)
    unchanged: int = 0
    conflicts: list[tuple[str, str, str, str]] = field(default_factory=list)  # (kind, key, mine, theirs)

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.updated or self.conflicts)

    def counts(self, kind: str) -> tuple[int, int, int]:
        return (
            sum(1 for k, *_ in self.added if k == kind),
            sum(1 for k, *_ in self.updated if k == kind),
            sum(1 for k, *_ in self.conflicts if k == kind),
        )

    def summary(self) -> str:
        """One line per kind: added / updated / conflicts (the import plan's 部門 part)."""
        parts = []
        for kind in KIND_ORDER:
            a, u, c = self.counts(kind)
            parts.append(f"{KIND_LABELS[kind]} 追加 {a}・更新 {u}・競合 {c}")
        return "部門: " + "、".join(parts) + f"（変更なし {self.unchanged}）"

    def details(self, names: Mapping[str, str], limit: int = 20) -> list[str]:
        """Lines naming each conflict (who, what, mine against theirs)."""
        lines = [
            f"  競合（{KIND_LABELS[k]}）: {describe(k, key, names)}　こちら {short(mine)} ／ ファイル {short(theirs)}"
            for k, key, mine, theirs in self.conflicts[:limit]
        ]
        if len(self.conflicts) > limit:
            lines.append(f"  競合: …ほか{len(self.conflicts) - limit}件")
        return lines

    def to_take(self, prefer: str | None) -> list[tuple[str, str, str]]:
        """The rows an apply writes: added, updated, and conflicts when theirs is preferred."""
        rows = self.added + self.updated
        if prefer == "theirs":
            rows += [(k, key, theirs) for k, key, _mine, theirs in self.conflicts]
        return rows


def describe(kind: str, key: str, names: Mapping[str, str]) -> str:
    """Returns a row's key as a person reads it."""
    if kind == "tick":
        staff_id, _category, _level, text = key.split("|", 3)
        return f"{names.get(staff_id, staff_id)}「{text}」"
    if kind == "course":
        return key.split("|", 1)[0]
    return key if kind == "profile" else f"id {key}"


def short(content: str) -> str:
    """A row's content, shortened for one line."""
    return content if len(content) <= 60 else content[:57] + "…"


def plan_department(
    mine: Mapping[RowKey, str], mine_seen: Versions, theirs: DepartmentRows | None
) -> DepartmentPlan:
    """Classifies every incoming row (see the module's rules)."""
    plan = DepartmentPlan()
    if theirs is None:
        return plan
    for (kind, key), content in sorted(theirs.rows.items()):
        have = mine.get((kind, key))
        if have is None:
            plan.added.append((kind, key, content))
        elif have == content or (kind, key, content) in mine_seen:
            plan.unchanged += 1
        elif (kind, key, have) in theirs.seen:
            plan.updated.append((kind, key, content))
        else:
            plan.conflicts.append((kind, key, have, content))
    return plan


def plan_for_store(store: Store, theirs: DepartmentRows | None) -> DepartmentPlan:
    """plan_department against the rows and history of an open database."""
    if theirs is None:
        return DepartmentPlan()
    return plan_department(current_rows(store), seen_rows(store), theirs)


def apply_department(
    store: Store,
    plan: DepartmentPlan,
    source: str,
    prefer: str | None = None,
    theirs: DepartmentRows | None = None,
) -> list[str]:
    """Writes the plan's rows (after the résumés, whose people they may name) and records
    the file's versions as seen (like the résumés' chains); returns a line for each row
    that could not be placed."""
    rows = plan.to_take(prefer)
    absorb = set(theirs.seen) | {(k, key, c) for (k, key), c in theirs.rows.items()} if theirs else set()
    if not rows and not plan.conflicts:
        return []
    return apply_rows(store, rows, source, sorted(absorb))


def incoming_rows(data: object) -> DepartmentRows | None:
    """The department rows of a loaded file: a shared file's (already read) or the
    "department" member of interchange JSON (None when there is none).

    Raises:
        ValueError: the JSON member is malformed.
    """
    if data is None or isinstance(data, DepartmentRows):
        return data
    return DepartmentRows.from_json(data)


def import_department(
    store: Store, theirs: DepartmentRows | None, source: str, prefer: str | None, backup: Path | None
) -> tuple[Path | None, list[str]]:
    """Plans again on the open database and writes the department's rows after the
    résumés; makes the import's backup first when the résumés' part made none.

    Returns:
        (the backup, the lines of rows that could not be placed).
    """
    plan = plan_for_store(store, theirs)
    if not plan.has_changes:
        return backup, []
    if backup is None:
        backup = store.backup("import")
    return backup, apply_department(store, plan, source, prefer, theirs)
