"""The window's hold on one open database: the store, the undo stack and the shown person.

Every editor (profile, history tables, skill grid, staff list, definitions dialog) changes
data only through a Session. A change is written to the file at once through the store and
kept as a QUndoCommand (see commands.py), so there is never anything to save. The session
then tells every view what changed through its signals; the views never talk to each other.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from skillmatrix.domain.dates import DateError
from skillmatrix.domain.model import Category, Level, Staff, ValidationError
from skillmatrix.store.errors import StoreError
from skillmatrix.store.repository import Store
from skillmatrix.ui.common import commands

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

    def push(self, command: commands.StoreCommand) -> bool:
        """Applies an edit to the file and, if it was accepted, puts it on the undo stack.

        Returns:
            False when the edit was refused (problem() says why); nothing was written.
        """
        if self.readonly:
            self.problem.emit(self.tr("読み取り専用で開いているため変更できません"))
            return False
        try:
            command.apply()
        except EXPECTED_ERRORS as error:
            self.report(error)
            return False
        self.undo_stack.push(command)
        return True

    def save_sheet(self, sheet: Staff, text: str) -> bool:
        """Writes an edited copy of the shown person's sheet as one undo step.

        Args:
            sheet: the whole new sheet (an edited copy of `current`).
            text: the name of the step in the Edit menu (「セル入力」).
        """
        if self.current is not None and self.current.id == sheet.id:
            old = self.current
        else:
            try:
                old = self.store.get_staff(sheet.id)
            except StoreError as error:
                self.report(error)
                return False
        return self.push(commands.SaveSheet(self, old.copy(), sheet.copy(), text))

    def add_staff(self, staff: Staff, index: int | None = None) -> bool:
        """Adds a person (at a list index, default last) as one undo step."""
        return self.push(commands.AddStaff(self, staff.copy(), index))

    def delete_staff(self, staff_id: str) -> bool:
        """Removes a person as one undo step (undo puts the person back in place)."""
        return self.push(commands.DeleteStaff(self, staff_id))

    def move_staff(self, staff_id: str, index: int) -> bool:
        """Moves a person to a list index as one undo step."""
        return self.push(commands.MoveStaff(self, staff_id, index))

    def set_order(self, ids: list[str], text: str) -> bool:
        """Puts the whole list in a new order (sorting) as one undo step."""
        return self.push(commands.SetOrder(self, ids, text))

    def add_many(self, people: list[Staff], text: str) -> bool:
        """Adds many people at once (the demo data) as one undo step."""
        return self.push(commands.AddMany(self, [p.copy() for p in people], text))

    def save_definitions(self, levels: list[Level], categories: list[Category], text: str) -> bool:
        """Writes changed level and category texts as one undo step."""
        old_levels = {lv.number: lv for lv in self.levels}
        old_categories = {c.id: c for c in self.categories}
        changed_levels = [lv for lv in levels if vars(lv) != vars(old_levels[lv.number])]
        changed_categories = [c for c in categories if vars(c) != vars(old_categories[c.id])]
        if not changed_levels and not changed_categories:
            return True
        return self.push(commands.SaveDefinitions(self, changed_levels, changed_categories, text))

    # -- called by the commands after the file changed ----------------------------------------

    def run_guarded(self, action) -> None:
        """Runs an undo or redo; a refusal (file locked, disk full) becomes a message and
        the views are reloaded from the file so that they show what is really stored."""
        try:
            action()
        except EXPECTED_ERRORS as error:
            self.report(error)
            self.reload()

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

    def written(self, sheet: Staff) -> None:
        """A sheet is in the file now: show that person with it."""
        if self.current is None or self.current.id != sheet.id:
            self.current = sheet.copy()
            self.staff_written.emit(self.current)
            self.current_changed.emit(self.current)
        else:
            self.current = sheet.copy()
            self.staff_written.emit(self.current)

    def added(self, staff: Staff, index: int) -> None:
        """A person is in the file now at this list index; show them."""
        self.staff_added.emit(staff.copy(), index)
        self.current = staff.copy()
        self.current_changed.emit(self.current)

    def removed(self, staff_id: str) -> None:
        """A person is gone from the file."""
        if self.current is not None and self.current.id == staff_id:
            self.current = None
        self.staff_removed.emit(staff_id)
        if self.current is None:
            self.current_changed.emit(None)

    def removed_many(self) -> None:
        """Many people are gone from the file (undo of the demo data)."""
        if self.current is not None and self.current.id not in set(self.store.staff_ids()):
            self.current = None
        self.staff_reloaded.emit()
        if self.current is None:
            self.current_changed.emit(None)

    def definitions_written(self) -> None:
        """Level or category texts changed in the file."""
        self._load_definitions()
        self.definitions_changed.emit()
