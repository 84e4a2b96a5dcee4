"""Operations on one person's sheet: profile fields, history lists and grid cells.

Every sheet edit is a PatchSheet: the parts it replaces and nothing else. The helpers
below build one from what an editor has (a cell's new entries, an edited copy of the
sheet) so that no editor writes a whole sheet.
"""

from __future__ import annotations

from dataclasses import dataclass

from skillmatrix.domain.model import Entry, Staff
from skillmatrix.domain.sheet_patch import Cell, SheetPatch, diff
from skillmatrix.operations.base import Changes
from skillmatrix.store.repository import Store


@dataclass(frozen=True)
class PatchSheet:
    """Replaces some parts of one person's sheet.

    Attributes:
        staff_id: the person.
        patch: the parts and their new values.
        label: the step's name.
        action: the audit log's name of the operation.
    """

    staff_id: str
    patch: SheetPatch
    label: str
    action: str = "edit"

    def run(self, store: Store) -> Changes:
        inverse = store.patch_staff(self.staff_id, self.patch, action=self.action)
        return Changes(
            self.label,
            PatchSheet(self.staff_id, inverse, self.label, self.action),
            staff={self.staff_id: self.patch.parts()},
            show=self.staff_id,
        )


def edit_sheet(old: Staff, new: Staff, label: str, action: str = "edit") -> PatchSheet:
    """Returns the operation that turns old into new, writing only the parts that differ."""
    return PatchSheet(old.id, diff(old, new), label, action)


def set_cell(staff_id: str, cell: Cell, entries: list[Entry], label: str) -> PatchSheet:
    """Returns the operation that replaces one grid cell's entries."""
    return PatchSheet(staff_id, SheetPatch(cells={cell: tuple(entries)}), label, "edit_cell")


def set_profile(staff_id: str, label: str, **fields: object) -> PatchSheet:
    """Returns the operation that sets profile fields (name, kana, title, section, …)."""
    return PatchSheet(staff_id, SheetPatch(profile=fields), label, "edit_profile")
