"""Undo steps: QUndoCommand wrappers around the store's write operations.

Each store write returns what was there before, so a command keeps the before and after
and undo is the same kind of write with the old value: audited and transactional like any
edit, never a bypass of the store.

A command is applied once by Session.push() *before* it goes on the stack, so that an
edit the store refuses (a rule broken, the file locked) never becomes an undo step;
QUndoStack.push() then calls redo(), which the first time does nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from skillmatrix.domain.model import Category, Level, Staff

if TYPE_CHECKING:
    from skillmatrix.ui.common.session import Session


class StoreCommand(QUndoCommand):
    """Base of every undo step: apply() does the write, revert() undoes it."""

    def __init__(self, session: Session, text: str):
        super().__init__(text)
        self.session = session
        self._applied_by_push = True

    def apply(self) -> None:
        """Writes the change; raises an expected error when the store refuses it."""
        raise NotImplementedError

    def revert(self) -> None:
        """Writes the state from before the change."""
        raise NotImplementedError

    def redo(self) -> None:
        if self._applied_by_push:
            self._applied_by_push = False  # push() calls redo() right after apply()
            return
        self.session.run_guarded(self.apply)

    def undo(self) -> None:
        self.session.run_guarded(self.revert)


class SaveSheet(StoreCommand):
    """Replaces one person's whole sheet (profile, histories or grid edit)."""

    def __init__(self, session: Session, old: Staff, new: Staff, text: str):
        super().__init__(session, text)
        self.old, self.new = old, new

    def apply(self) -> None:
        self.session.store.save_staff(self.new.copy())
        self.session.written(self.new)

    def revert(self) -> None:
        self.session.store.save_staff(self.old.copy())
        self.session.written(self.old)


class AddStaff(StoreCommand):
    """Adds a person; undo removes them again."""

    def __init__(self, session: Session, staff: Staff, index: int | None):
        super().__init__(session, session.tr("職員の追加"))
        self.staff = staff
        self.index = index

    def apply(self) -> None:
        store = self.session.store
        index = store.staff_count() if self.index is None else self.index
        store.add_staff(self.staff.copy(), index)
        self.session.added(self.staff, min(index, store.staff_count() - 1))

    def revert(self) -> None:
        self.session.store.delete_staff(self.staff.id)
        self.session.removed(self.staff.id)


class DeleteStaff(StoreCommand):
    """Removes a person; undo puts the whole sheet back at the same list index."""

    def __init__(self, session: Session, staff_id: str):
        super().__init__(session, session.tr("職員の削除"))
        self.staff_id = staff_id
        self.old: Staff | None = None
        self.index = 0

    def apply(self) -> None:
        self.old, self.index = self.session.store.delete_staff(self.staff_id)
        self.session.removed(self.staff_id)

    def revert(self) -> None:
        self.session.store.add_staff(self.old.copy(), self.index)
        self.session.added(self.old, self.index)


class MoveStaff(StoreCommand):
    """Moves a person within the list."""

    def __init__(self, session: Session, staff_id: str, index: int):
        super().__init__(session, session.tr("職員の移動"))
        self.staff_id, self.index, self.old_index = staff_id, index, index

    def apply(self) -> None:
        self.old_index = self.session.store.move_staff(self.staff_id, self.index)
        self.session.order_changed.emit()

    def revert(self) -> None:
        self.session.store.move_staff(self.staff_id, self.old_index)
        self.session.order_changed.emit()


class SetOrder(StoreCommand):
    """Puts the whole list in a new order (sort by kana, …)."""

    def __init__(self, session: Session, ids: list[str], text: str):
        super().__init__(session, text)
        self.ids, self.old_ids = list(ids), []

    def apply(self) -> None:
        self.old_ids = self.session.store.set_staff_order(self.ids)
        self.session.order_changed.emit()

    def revert(self) -> None:
        self.session.store.set_staff_order(self.old_ids)
        self.session.order_changed.emit()


class AddMany(StoreCommand):
    """Adds many people in one transaction (the demo data); undo removes them."""

    def __init__(self, session: Session, people: list[Staff], text: str):
        super().__init__(session, text)
        self.people = people

    def apply(self) -> None:
        self.session.store.add_many([p.copy() for p in self.people], action="demo", source="window")
        self.session.staff_reloaded.emit()

    def revert(self) -> None:
        for person in self.people:
            self.session.store.delete_staff(person.id)
        self.session.removed_many()


class SaveDefinitions(StoreCommand):
    """Replaces the texts of some levels and categories."""

    def __init__(self, session: Session, levels: list[Level], categories: list[Category], text: str):
        super().__init__(session, text)
        self.levels, self.categories = levels, categories
        self.old_levels: list[Level] = []
        self.old_categories: list[Category] = []

    def apply(self) -> None:
        store = self.session.store
        # Category names are unique: write them one by one and roll back on a refusal.
        done: list[Category] = []
        try:
            for category in self.categories:
                done.append(store.save_category(category))
        except Exception:
            for old in reversed(done):
                store.save_category(old)
            raise
        self.old_categories = done
        self.old_levels = [store.save_level(level) for level in self.levels]
        self.session.definitions_written()

    def revert(self) -> None:
        store = self.session.store
        for level in self.old_levels:
            store.save_level(level)
        for category in reversed(self.old_categories):
            store.save_category(category)
        self.session.definitions_written()
