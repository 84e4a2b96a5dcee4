"""An import as one undo step.

The import itself is written by the worker (shared_file.apply_import: a backup, then one
transaction). Afterwards the window puts one ImportStep on the undo stack, holding every
replaced person's sheet as it was before and as it is after, and the ids of the people
the import added. Undo writes the old sheets back (store.add_many: one transaction, a
new revision each) and removes the added people; redo writes the imported state again.
Like every undo step here, it goes through the store, audited and transactional.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from skillmatrix.domain.model import Staff
from skillmatrix.ui.common.commands import StoreCommand

if TYPE_CHECKING:
    from skillmatrix.ui.common.session import Session


class ImportStep(StoreCommand):
    """Undo of an import already written (pushed without applying it again)."""

    def __init__(
        self, session: Session, before: list[Staff], after: list[Staff], added: list[Staff], text: str
    ):
        super().__init__(session, text)
        self.before = [s.copy() for s in before]
        self.after = [s.copy() for s in after]
        self.added = [s.copy() for s in added]

    def apply(self) -> None:
        store = self.session.store
        store.add_many([s.copy() for s in self.after + self.added], action="import", source="redo")
        self.session.reload()

    def revert(self) -> None:
        store = self.session.store
        if self.before:
            store.add_many([s.copy() for s in self.before], action="import", source="undo")
        for person in self.added:
            store.delete_staff(person.id)
        self.session.reload()


UNDO_LIMIT = 1000  # people; past this the import's own backup is the way back


def record_import(
    session: Session, before: list[Staff], ids_before: set[str], touched: list[str], text: str
) -> bool:
    """Puts the import just written on the undo stack as one step.

    Args:
        session: the window's session (its store sees the import).
        before: the replaced people's sheets from before the import.
        ids_before: every staff id before the import (the rest were added by it).
        touched: ids of the people the import replaced.
        text: the step's label.

    Returns:
        False when the import is too big to keep in memory as an undo step (reading
        thousands of sheets back would hold the window up); its backup remains.
    """
    store = session.store
    new_ids = [i for i in store.staff_ids() if i not in ids_before]
    if len(touched) + len(new_ids) > UNDO_LIMIT:
        return False
    after = list(store.iter_staff(touched)) if touched else []
    added = list(store.iter_staff(new_ids)) if new_ids else []
    if after or added:
        session.undo_stack.push(ImportStep(session, before, after, added, text))
    return True
