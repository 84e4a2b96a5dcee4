"""Plans and applies an import: which people are added, updated, unchanged, in conflict.

The plan is computed first and shown (the command line prints it, --dry-run stops there,
the window shows it as a table); applying it is one transaction through the store.

A shared file (.sqlite) carries each person's revision chain, and the merge decides
without guessing (DESIGN.md, "Merging shared files without guessing"):

- their revision is in my chain: I am ahead (or equal) -> keep mine, unchanged;
- my revision is in their chain: they are ahead -> take theirs (fast-forward), updated;
- neither: both changed since they last shared a version -> a conflict, applied only
  when the user chooses mine, theirs or both (two people);
- a person I do not have: added, unless my database knows their revision, which means
  I deleted the person since: then they stay deleted (deleted_here), or, if the file
  holds a later version than the one I deleted, a conflict (mine is None).

Theirs is written with their revision id and chain, so importing the same file again
finds every revision known and changes nothing. Interchange JSON has no history: a
person who differs counts as updated (the file is taken as the newer side).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from skillmatrix.domain.model import Staff, ValidationError, new_id, validate_staff
from skillmatrix.domain.serialize import staff_to_dict
from skillmatrix.exchange import messages
from skillmatrix.progress import Progress, no_progress
from skillmatrix.store import audit
from skillmatrix.store.errors import StoreError
from skillmatrix.store.repository import Store
from skillmatrix.store.shared_sql import RevisionRow, current_revisions, revision_sets, write_merge

CHOICES = ("mine", "theirs", "both", "merged")


class ConflictError(StoreError):
    """Conflicts were left without a choice; nothing was written."""


@dataclass
class ImportPlan:
    """What an import would do, person by person.

    Attributes:
        added: people new to the database.
        updated: (mine, theirs) where theirs replaces mine.
        unchanged: sheets that stay as they are: mine where mine is newer or equal in
            content; the incoming copy where both are the same version.
        conflicts: (mine, theirs) changed on both sides; mine is None when I deleted the
            person and the file holds a later version of them.
        deleted_here: people in the file that I deleted after seeing that version.
        chains: staff id -> their revision chain; None for a file without history (JSON).
        merged: staff id -> the sheet made part by part from both sides (choice 'merged':
            written as a new revision after mine, their chain recorded as seen).
        converged: people whose sheet is the same on both sides under different
            revisions (the same edit made twice); theirs becomes the current revision
            here, so that the two copies agree again (their dumps are the same).
    """

    added: list[Staff] = field(default_factory=list)
    updated: list[tuple[Staff, Staff]] = field(default_factory=list)  # (mine, theirs)
    unchanged: list[Staff] = field(default_factory=list)
    conflicts: list[tuple[Staff | None, Staff]] = field(default_factory=list)  # (mine, theirs)
    deleted_here: list[Staff] = field(default_factory=list)
    chains: dict[str, list[RevisionRow]] | None = None
    merged: dict[str, Staff] = field(default_factory=dict)
    converged: list[Staff] = field(default_factory=list)  # theirs (see the docstring)

    def set_merged(self, staff_id: str, sheet: Staff) -> None:
        """Settles the conflict of person staff_id with this sheet (choice 'merged')."""
        if not any(mine is not None and mine.id == staff_id for mine, _ in self.conflicts):
            raise KeyError(staff_id)
        self.merged[staff_id] = sheet

    @property
    def has_changes(self) -> bool:
        """True when applying would write something (conflicts count: they need a choice)."""
        return bool(self.added or self.updated or self.conflicts or self.converged)

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
        deleted = f"、削除済みのため取り込まない {len(self.deleted_here)}" if self.deleted_here else ""
        return (
            f"職員: 追加 {len(self.added)}、更新 {len(self.updated)}、変更なし "
            f"{len(self.unchanged)}、競合 {len(self.conflicts)}{deleted}\n"
            f"実績: 追加 {e['added']}、削除 {e['removed']}、変更なし {e['unchanged']}"
        )

    def details(self, limit: int = 20) -> list[str]:
        """Returns one line per person added, updated, in conflict or kept deleted."""
        lines: list[str] = []

        def section(label: str, people: list[Staff]) -> None:
            lines.extend(f"  {label}: {s.name}（{s.id}）" for s in people[:limit])
            if len(people) > limit:
                lines.append(f"  {label}: …ほか{len(people) - limit}名")

        section("追加", self.added)
        section("更新", [theirs for _, theirs in self.updated])
        section("競合", [theirs for _, theirs in self.conflicts])
        section("削除済み", self.deleted_here)
        return lines


def _same(a: Staff, b: Staff, names: dict[str, str]) -> bool:
    da, db = staff_to_dict(a, names), staff_to_dict(b, names)
    da.pop("experience_years"), db.pop("experience_years")
    for d in (da, db):  # cells in any order; a cell's own entries in theirs (a stable sort)
        d["entries"].sort(key=lambda e: (e["level"], e["category"]))
    return da == db


def plan_import(
    store: Store, people: list[Staff], chains: dict[str, list[RevisionRow]] | None = None
) -> ImportPlan:
    """Compares incoming people with the store by id.

    Args:
        store: the user's database.
        people: the validated incoming people.
        chains: their revision chains (a shared file); None for a file with no history,
            such as interchange JSON, which counts as the newer side.
    """
    names = {c.id: c.name for c in store.categories()}
    plan = ImportPlan(chains=chains)
    if chains is None:
        existing = set(store.staff_ids())
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
    ids = [p.id for p in people]
    heads, mine_seen = current_revisions(store, ids), revision_sets(store, ids)
    # Whole sheets are loaded only for people whose versions differ: importing a file
    # that holds nothing new reads no sheet at all.
    known = {
        s.id: s
        for s in store.iter_staff([p.id for p in people if p.id in heads and heads[p.id] != p.revision])
    }
    for theirs in people:
        mine, seen = known.get(theirs.id), mine_seen.get(theirs.id, set())
        theirs_seen = {row[0] for row in chains.get(theirs.id, [])} | {theirs.revision}
        if heads.get(theirs.id) == theirs.revision:
            plan.unchanged.append(theirs)  # the same version: the same sheet
        elif mine is None:
            if not seen:
                plan.added.append(theirs)
            elif theirs.revision in seen:
                plan.deleted_here.append(theirs)
            else:
                plan.conflicts.append((None, theirs))
        elif theirs.revision in seen:
            plan.unchanged.append(mine)
        elif mine.revision in theirs_seen:
            plan.updated.append((mine, theirs))
        elif _same(mine, theirs, names):
            plan.unchanged.append(mine)  # the same edit made on both sides
            plan.converged.append(theirs)
        else:
            plan.conflicts.append((mine, theirs))
    return plan


def apply_plan(
    store: Store,
    plan: ImportPlan,
    source: str,
    prefer: str | None = None,
    choices: dict[str, str] | None = None,
    progress: Progress = no_progress,
) -> None:
    """Writes the plan in one transaction.

    Args:
        store: the user's database, open for writing.
        plan: from plan_import (made on this store, with nothing written in between).
        source: the file's name, for the audit log.
        prefer: 'mine' or 'theirs' for every conflict without its own choice.
        choices: staff id -> 'mine', 'theirs' or 'both' (keep mine and add theirs as a
            second person), per conflict, as the window asks.
        progress: told of each person written; what it raises (progress.Cancelled)
            rolls the transaction back, so nothing is written.

    Raises:
        ConflictError: a conflict has no choice; nothing is written.
        ValidationError: a sheet breaks a rule; nothing is written.
        StoreError: the write failed; nothing is written.
    """
    if plan.chains is None:
        people = plan.added + [theirs for _, theirs in plan.updated]
        if people:
            store.add_many(people, action="import", source=source, progress=progress)
        return
    choices = choices or {}
    require_settled(plan, prefer, choices)
    chains = plan.chains

    def chain(staff: Staff) -> list[RevisionRow]:
        return chains.get(staff.id) or [(staff.revision, None, "")]

    inserts = [(theirs, chain(theirs)) for theirs in plan.added]
    replaces = [(theirs, mine, chain(theirs)) for mine, theirs in plan.updated]
    absorbs = []
    for mine, theirs in plan.conflicts:
        choice = choices.get(theirs.id, prefer)
        if choice == "merged" and mine is not None:
            replaces.append(_merged_revision(plan.merged[mine.id], mine, chains.get(theirs.id, [])))
        elif choice == "mine":
            if theirs.revision:  # a sheet without history (Excel) leaves nothing to record
                absorbs.append((theirs.id, chain(theirs)))
        elif mine is None:  # theirs, or both of a person only they still have
            inserts.append((theirs, chain(theirs)))
        elif choice == "theirs":
            replaces.append((theirs, mine, chain(theirs)))
        else:
            absorbs.append((theirs.id, chain(theirs)))
            inserts.append((_second_copy(theirs), []))
    ids = {c.id for c in store.categories()}
    problems = [p for s, *_ in inserts + replaces for p in validate_staff(s, ids)]
    if problems:
        raise ValidationError(problems[:50])
    converges = [(theirs, chain(theirs)) for theirs in plan.converged]
    if inserts or replaces or absorbs or converges:
        write_merge(store, inserts, replaces, absorbs, source, progress, converges)


def require_settled(plan: ImportPlan, prefer: str | None, choices: dict[str, str] | None = None) -> None:
    """Raises ConflictError naming the conflicts that have no choice (see apply_plan)."""
    choices = choices or {}
    open_ones = [
        theirs.name
        for mine, theirs in plan.conflicts
        if choices.get(theirs.id, prefer) not in CHOICES
        or (choices.get(theirs.id, prefer) == "merged" and (mine is None or mine.id not in plan.merged))
    ]
    if open_ones:
        raise ConflictError(
            messages.CONFLICTS_UNSETTLED.format(
                count=len(open_ones),
                first_five="、".join(open_ones[:5]),
                more=" ほか" if len(open_ones) > 5 else "",
            )
        )


def _merged_revision(
    sheet: Staff, mine: Staff, their_chain: list[RevisionRow]
) -> tuple[Staff, Staff, list[RevisionRow]]:
    """A merged sheet as a replace of mine: a new revision after mine, their chain seen."""
    merged = sheet.copy()
    merged.id, merged.revision = mine.id, new_id()
    return merged, mine, [*their_chain, (merged.revision, mine.revision or None, audit.now())]


def _second_copy(staff: Staff) -> Staff:
    """Theirs as a new person beside mine: new ids everywhere, no history."""
    copy = staff.copy()
    copy.id, copy.revision = new_id(), ""
    copy.qualifications = [dataclasses.replace(q, id=new_id()) for q in copy.qualifications]
    copy.assignments = [dataclasses.replace(a, id=new_id()) for a in copy.assignments]
    copy.projects = [dataclasses.replace(p, id=new_id()) for p in copy.projects]
    copy.entries = [dataclasses.replace(e, id=new_id()) for e in copy.entries]
    return copy
