"""The generic whole-sheet write: undo and redo of an import, and any merge that settles
people field by field (exchange/ builds these)."""

from __future__ import annotations

from dataclasses import dataclass

from skillmatrix.domain.model import Staff
from skillmatrix.operations.base import WHOLE_SHEET, Changes
from skillmatrix.store.repository import Store


@dataclass(frozen=True)
class ReplaceSheets:
    """Writes whole sheets (only their differing parts) and removes people, in one
    transaction. New people go to their places (list index) or last.

    Its inverse is another ReplaceSheets: the replaced sheets as they were, the removed
    people back at their places, the added people removed.
    """

    sheets: tuple[Staff, ...]
    remove: tuple[str, ...]
    label: str
    places: tuple[tuple[str, int], ...] = ()
    action: str = "replace"

    def run(self, store: Store) -> Changes:
        before, removed, added = store.replace_sheets(
            [s.copy() for s in self.sheets], list(self.remove), dict(self.places), self.action
        )
        inverse = ReplaceSheets(
            tuple(before) + tuple(sheet for sheet, _ in removed),
            tuple(added),
            self.label,
            tuple((sheet.id, index) for sheet, index in removed),
            self.action,
        )
        return Changes(
            self.label,
            inverse,
            staff={s.id: frozenset({WHOLE_SHEET}) for s in self.sheets},
            added=tuple(added),
            removed=tuple(sheet.id for sheet, _ in removed),
            order=bool(added or removed),
        )
