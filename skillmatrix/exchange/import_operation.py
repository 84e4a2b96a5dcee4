"""Importing a shared file or JSON as one operation (the CLI and the window run it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from skillmatrix.exchange.merge import ImportPlan
from skillmatrix.exchange.shared_file import apply_import
from skillmatrix.operations.base import WHOLE_SHEET, Changes
from skillmatrix.operations.replace import ReplaceSheets
from skillmatrix.progress import Progress, no_progress
from skillmatrix.store.repository import Store


@dataclass(frozen=True)
class ApplyImport:
    """Writes an import plan (a backup first, then one transaction).

    Attributes:
        plan: from exchange.merge.plan_import on the same store.
        source: the file's name, for the audit log.
        prefer, choices: how conflicts are settled (see exchange.merge.apply_plan).
        backup: set by run(): the backup made before the import, if any.
        progress: told how many people are written; may raise progress.Cancelled, which
            rolls the transaction back.
    """

    plan: ImportPlan
    source: str
    label: str
    prefer: str | None = None
    choices: tuple[tuple[str, str], ...] = ()
    backup: list[Path] = field(default_factory=list, compare=False)
    progress: Progress = field(default=no_progress, compare=False)

    def run(self, store: Store) -> Changes:
        order = store.staff_ids()
        touched = [mine.id for mine, _ in self.plan.updated] + [
            mine.id for mine, _ in self.plan.conflicts if mine is not None
        ]
        before = {s.id: s for s in store.iter_staff([i for i in touched if i in set(order)])}
        made = apply_import(store, self.plan, self.source, self.prefer, dict(self.choices), self.progress)
        if made is not None:
            self.backup.append(made)
        after = store.staff_ids()
        added = tuple(i for i in after if i not in set(order))
        changed = [s for s in store.iter_staff(list(before)) if s.revision != before[s.id].revision]
        inverse = ReplaceSheets(tuple(before[s.id] for s in changed), added, self.label, action="undo_import")
        return Changes(
            self.label,
            inverse,
            staff={s.id: frozenset({WHOLE_SHEET}) for s in changed},
            added=added,
            order=bool(added),
        )
