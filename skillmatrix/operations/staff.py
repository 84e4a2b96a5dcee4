"""Operations on the staff list: add, delete, move, reorder, add many (the demo data)."""

from __future__ import annotations

from dataclasses import dataclass, field

from skillmatrix.domain.model import Staff
from skillmatrix.operations.base import WHOLE_SHEET, Changes
from skillmatrix.progress import Progress
from skillmatrix.store.repository import Store


@dataclass(frozen=True)
class AddStaff:
    """Adds a person at a list index (None: last); undo removes them again."""

    staff: Staff
    index: int | None
    label: str

    def run(self, store: Store) -> Changes:
        store.add_staff(self.staff.copy(), self.index)
        return Changes(
            self.label,
            DeleteStaff(self.staff.id, self.label),
            staff={self.staff.id: frozenset({WHOLE_SHEET})},
            added=(self.staff.id,),
            show=self.staff.id,
        )


@dataclass(frozen=True)
class DeleteStaff:
    """Removes a person; undo puts the whole sheet back at the same list index."""

    staff_id: str
    label: str

    def run(self, store: Store) -> Changes:
        old, index = store.delete_staff(self.staff_id)
        return Changes(self.label, AddStaff(old, index, self.label), removed=(self.staff_id,))


@dataclass(frozen=True)
class MoveStaff:
    """Moves a person to a list index."""

    staff_id: str
    index: int
    label: str

    def run(self, store: Store) -> Changes:
        old_index = store.move_staff(self.staff_id, self.index)
        return Changes(self.label, MoveStaff(self.staff_id, old_index, self.label), order=True)


@dataclass(frozen=True)
class SetOrder:
    """Puts the whole list in a new order (sorting by kana, …)."""

    ids: tuple[str, ...]
    label: str

    def run(self, store: Store) -> Changes:
        old = store.set_staff_order(list(self.ids))
        return Changes(self.label, SetOrder(tuple(old), self.label), order=True)


@dataclass(frozen=True)
class AddMany:
    """Adds many new people in one transaction (the demo data); undo removes them."""

    people: tuple[Staff, ...]
    label: str
    source: str = "window"
    progress: Progress | None = field(default=None, compare=False)

    def run(self, store: Store) -> Changes:
        store.add_many(
            [p.copy() for p in self.people], action="demo", source=self.source, progress=self.progress
        )
        ids = tuple(p.id for p in self.people)
        return Changes(self.label, DeleteMany(ids, self.label), added=ids, order=True)


@dataclass(frozen=True)
class DeleteMany:
    """Removes several people in one transaction; undo puts them back in place."""

    ids: tuple[str, ...]
    label: str

    def run(self, store: Store) -> Changes:
        removed = store.delete_many(list(self.ids))
        return Changes(
            self.label, RestoreMany(tuple(removed), self.label), removed=tuple(s.id for s, _ in removed)
        )


@dataclass(frozen=True)
class RestoreMany:
    """Puts removed people back at their list indexes in one transaction."""

    people: tuple[tuple[Staff, int], ...]
    label: str

    def run(self, store: Store) -> Changes:
        store.restore_many(list(self.people))
        ids = tuple(s.id for s, _ in self.people)
        return Changes(self.label, DeleteMany(ids, self.label), added=ids, order=True)
