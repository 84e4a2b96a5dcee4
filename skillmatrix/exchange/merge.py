"""Plans and applies an import: which people are added, updated, unchanged, in conflict.

The plan is computed first and shown (the command line prints it, --dry-run stops there);
applying it is one transaction through the store.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from skillmatrix.domain.model import Staff
from skillmatrix.domain.serialize import staff_to_dict
from skillmatrix.store.repository import Store


@dataclass
class ImportPlan:
    """What an import would do, person by person."""

    added: list[Staff] = field(default_factory=list)
    updated: list[tuple[Staff, Staff]] = field(default_factory=list)  # (mine, theirs)
    unchanged: list[Staff] = field(default_factory=list)
    conflicts: list[tuple[Staff, Staff]] = field(default_factory=list)  # (mine, theirs)

    def entry_counts(self) -> dict[str, int]:
        """Returns how many grid entries are added, removed and unchanged by the plan."""
        added = sum(len(s.entries) for s in self.added)
        removed = kept = 0
        for mine, theirs in self.updated:
            old = {(e.level, e.category_id, e.text) for e in mine.entries}
            new = {(e.level, e.category_id, e.text) for e in theirs.entries}
            added += len(new - old)
            removed += len(old - new)
            kept += len(old & new)
        kept += sum(len(s.entries) for s in self.unchanged)
        return {"added": added, "removed": removed, "unchanged": kept}

    def summary(self) -> str:
        """Returns the one-paragraph Japanese report the command line prints."""
        e = self.entry_counts()
        return (f"職員: 追加 {len(self.added)}、更新 {len(self.updated)}、変更なし "
                f"{len(self.unchanged)}、競合 {len(self.conflicts)}\n"
                f"実績: 追加 {e['added']}、削除 {e['removed']}、変更なし {e['unchanged']}")


def _same(a: Staff, b: Staff, names: dict[str, str]) -> bool:
    da, db = staff_to_dict(a, names), staff_to_dict(b, names)
    da.pop("experience_years"), db.pop("experience_years")
    return da == db


def plan_import(store: Store, people: list[Staff]) -> ImportPlan:
    """Compares incoming people with the store by id (a file with no revision history, such
    as interchange JSON, counts as the newer side: a differing person is an update)."""
    names = {c.id: c.name for c in store.categories()}
    existing = set(store.staff_ids())
    plan = ImportPlan()
    known = {s.id: s for s in store.iter_staff([p.id for p in people if p.id in existing])}
    for theirs in people:
        mine = known.get(theirs.id)
        if mine is None:
            plan.added.append(theirs)
        elif _same(mine, theirs, names):
            plan.unchanged.append(mine)
        else:
            plan.updated.append((mine, theirs))
    return plan


def apply_plan(store: Store, plan: ImportPlan, source: str) -> None:
    """Writes the plan's additions and updates in one transaction (conflicts are skipped)."""
    people = plan.added + [theirs for _, theirs in plan.updated]
    if people:
        store.add_many(people, action="import", source=source)
