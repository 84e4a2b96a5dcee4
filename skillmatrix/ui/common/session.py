"""The window's hold on one open database: the store, the undo stack and the shown person.

Every editor (profile, history tables, skill grid, staff list, definitions dialog, the
department's panels) changes data only by running an operation (skillmatrix/operations/)
through Session.run(). The operation writes to the file at once, in one transaction, and
becomes one undo step (commands.py), so there is never anything to save. The session then
hands the operation's Changes to the views through its signals (dispatch): only the views
whose data changed refresh; the views never talk to each other.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from skillmatrix import operations
from skillmatrix.domain.dates import DateError
from skillmatrix.domain.model import Category, Level, Staff, ValidationError
from skillmatrix.operations import Changes, Operation
from skillmatrix.operations import staff as staff_ops
from skillmatrix.operations.definitions import changed_definitions
from skillmatrix.operations.sheet import edit_sheet
from skillmatrix.store.errors import StoreError
from skillmatrix.store.repository import Store
from skillmatrix.ui.common.commands import OperationCommand

# The errors an edit can meet that the user can act on: shown as a sentence, not a crash.
EXPECTED_ERRORS = (StoreError, ValidationError, DateError)


def explain_error(error: Exception) -> str:
    """Returns the one-line Japanese explanation of an expected error."""
    if isinstance(error, ValidationError):
        return "、".join(error.problems)
    return str(error)


class Session(QObject):
    """One open database as the window sees it.

    Signals:
        current_changed(Staff | None): a different person (or nobody) is now shown.
        staff_written(Staff): a person's sheet was written (edit, undo or redo); the
            shown person's views refresh from it, the staff list updates its row.
        parts_written(Staff, frozenset[str]): the shown person's sheet was written, and
            these parts of it changed (SheetPatch.parts; "*" for anything): views that can
            refresh a part alone (the grid's cells) use this.
        staff_added(Staff, int): a person was added at a list index.
        staff_removed(str): the person with this id was removed.
        order_changed(): the list order changed (move, sort).
        staff_reloaded(): many people changed at once; reload the list.
        definitions_changed(): level or category texts changed.
        department_changed(): profiles, courses, can-do statements, ticks or a plan changed.
        store_replaced(): another database was opened; everything reloads.
        problem(str): an edit was refused; the sentence says why.
        write_failed(str): the file could not be written or read (locked, disk full,
            damaged); also reported through problem().
    """

    current_changed = Signal(object)
    staff_written = Signal(object)
    parts_written = Signal(object, object)
    staff_added = Signal(object, int)
    staff_removed = Signal(str)
    order_changed = Signal()
    staff_reloaded = Signal()
    definitions_changed = Signal()
    department_changed = Signal()
    store_replaced = Signal()
    problem = Signal(str)
    write_failed = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.undo_stack = QUndoStack(self)
        self.current: Staff | None = None
        self.date_style = "seireki"
        self._load_definitions()

    # -- state ---------------------------------------------------------------------------

    @property
    def readonly(self) -> bool:
        """True when the file is open read-only: every editor refuses changes."""
        return self.store.readonly

    def _load_definitions(self) -> None:
        self.levels: list[Level] = self.store.levels()
        self.categories: list[Category] = self.store.categories()

    def select(self, staff_id: str | None) -> None:
        """Shows this person (None: nobody); reads the sheet from the file."""
        if staff_id is None:
            if self.current is not None:
                self.current = None
                self.current_changed.emit(None)
            return
        if self.current is not None and self.current.id == staff_id:
            return
        try:
            sheet = self.store.get_staff(staff_id)
        except StoreError as error:  # gone meanwhile, or the file cannot be read
            self.report(error)
            return
        self.current = sheet
        self.current_changed.emit(self.current)

    def replace_store(self, store: Store) -> None:
        """Closes the open database and continues on another one (File → Open)."""
        old = self.store
        self.store = store
        self.undo_stack.clear()
        self.current = None
        self._load_definitions()
        old.close()
        self.store_replaced.emit()

    def close(self) -> None:
        """Releases the database; the session must not be used afterwards."""
        self.undo_stack.clear()
        self.store.close()

    # -- edits ---------------------------------------------------------------------------

    def report(self, error: Exception) -> None:
        """Tells the views why something was not done."""
        message = explain_error(error)
        self.problem.emit(message)
        if isinstance(error, StoreError):
            self.write_failed.emit(message)

    def run(self, operation: Operation) -> bool:
        """Runs an operation on the file and, if it was accepted, puts it on the undo stack.

        Returns:
            False when the change was refused (problem() says why); nothing was written.
        """
        if self.readonly:
            self.problem.emit(self.tr("読み取り専用で開いているため変更できません"))
            return False
        try:
            changes = operations.run(self.store, operation)
        except EXPECTED_ERRORS as error:
            self.report(error)
            return False
        self.undo_stack.push(OperationCommand(changes, operation, self._undo_or_redo))
        self.dispatch(changes)
        return True

    def record(self, operation: Operation, changes: Changes) -> None:
        """Puts an operation that already ran (in a worker, on a connection of its own)
        on the undo stack and tells the views what it changed."""
        self.undo_stack.push(OperationCommand(changes, operation, self._undo_or_redo))
        self._load_definitions()
        self.dispatch(changes)

    def save_sheet(self, sheet: Staff, text: str, action: str = "edit") -> bool:
        """Writes the parts of an edited copy of a person's sheet that differ, as one step.

        Args:
            sheet: the edited copy (of `current`, or of the stored sheet).
            text: the name of the step in the Edit menu (「セル入力」).
            action: the audit log's name of the operation.
        """
        if self.current is not None and self.current.id == sheet.id:
            old = self.current
        else:
            try:
                old = self.store.get_staff(sheet.id)
            except StoreError as error:
                self.report(error)
                return False
        operation = edit_sheet(old, sheet, text, action)
        return True if operation.patch.empty else self.run(operation)

    def add_staff(self, staff: Staff, index: int | None = None) -> bool:
        """Adds a person (at a list index, default last) as one undo step."""
        return self.run(staff_ops.AddStaff(staff.copy(), index, self.tr("職員の追加")))

    def delete_staff(self, staff_id: str) -> bool:
        """Removes a person as one undo step (undo puts the person back in place)."""
        return self.run(staff_ops.DeleteStaff(staff_id, self.tr("職員の削除")))

    def move_staff(self, staff_id: str, index: int) -> bool:
        """Moves a person to a list index as one undo step."""
        return self.run(staff_ops.MoveStaff(staff_id, index, self.tr("職員の移動")))

    def set_order(self, ids: list[str], text: str) -> bool:
        """Puts the whole list in a new order (sorting) as one undo step."""
        return self.run(staff_ops.SetOrder(tuple(ids), text))

    def add_many(self, people: list[Staff], text: str) -> bool:
        """Adds many people at once (the demo data) as one undo step."""
        return self.run(staff_ops.AddMany(tuple(p.copy() for p in people), text))

    def save_definitions(self, levels: list[Level], categories: list[Category], text: str) -> bool:
        """Writes changed level and category texts as one undo step."""
        operation = changed_definitions(self.levels, self.categories, levels, categories, text)
        return True if operation is None else self.run(operation)

    # -- undo, redo and telling the views --------------------------------------------------------

    def _undo_or_redo(self, operation: Operation) -> Changes | None:
        """Runs an undo or redo; a refusal (file locked, disk full) becomes a message and
        the views are reloaded from the file so that they show what is really stored."""
        try:
            changes = operations.run(self.store, operation)
        except EXPECTED_ERRORS as error:
            self.report(error)
            self.reload()
            return None
        self.dispatch(changes)
        return changes

    def dispatch(self, changes: Changes) -> None:
        """Tells the views what an operation changed, and only that."""
        if changes.definitions:
            self._load_definitions()
            self.definitions_changed.emit()
        if changes.removed:
            gone = set(changes.removed)
            if self.current is not None and self.current.id in gone:
                self.current = None
            if len(changes.removed) == 1:
                self.staff_removed.emit(changes.removed[0])
            else:
                self.staff_reloaded.emit()
            if self.current is None:
                self.current_changed.emit(None)
        if changes.added:
            if len(changes.added) == 1 and not changes.order:
                added = self.store.get_staff(changes.added[0])
                self.staff_added.emit(added, self.store.staff_ids().index(added.id))
            else:
                self.staff_reloaded.emit()
        elif changes.order:
            self.order_changed.emit()
        for staff_id, parts in changes.staff.items():
            if staff_id in changes.added and changes.show != staff_id:
                continue
            self._written(self.store.get_staff(staff_id), parts, shown=staff_id == changes.show)
        if changes.department:
            self.department_changed.emit()

    def _written(self, sheet: Staff, parts: frozenset[str], shown: bool) -> None:
        """A sheet is in the file now: its views refresh the parts written; the person
        an edit names becomes the one shown."""
        if self.current is not None and self.current.id == sheet.id:
            self.current = sheet
            self.parts_written.emit(sheet, parts)
            self.staff_written.emit(sheet)
        elif shown:
            self.current = sheet
            self.parts_written.emit(sheet, parts)
            self.staff_written.emit(sheet)
            self.current_changed.emit(sheet)
        else:
            self.staff_written.emit(sheet)

    def reload(self) -> None:
        """Rereads definitions, the list and the shown person from the file."""
        self._load_definitions()
        shown = self.current.id if self.current else None
        self.current = None
        self.definitions_changed.emit()
        self.staff_reloaded.emit()
        if shown and shown in set(self.store.staff_ids()):
            self.select(shown)
        elif self.current is None:  # the reloaded list may already have shown someone
            self.current_changed.emit(None)
