"""The one undo step: a QUndoCommand over a Qt-free operation (skillmatrix/operations/).

The operation has already run when the step is pushed (Session.run), so that an edit the
store refuses never becomes a step; QUndoStack.push() then calls redo(), which the first
time does nothing. Undo runs the inverse operation, redo the inverse of that: each a
store transaction, audited like any edit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from skillmatrix.operations import Changes, Operation


class OperationCommand(QUndoCommand):
    """An undo step holding an operation that ran and its inverse.

    Args:
        changes: what the first run returned (its label names the step).
        forward: the operation that ran.
        execute: runs an operation for the step and hands its Changes to the views;
            returns None when the store refused (the views are then reloaded).
    """

    def __init__(
        self, changes: Changes, forward: Operation, execute: Callable[[Operation], Changes | None]
    ) -> None:
        super().__init__(changes.label)
        self.forward = forward
        self.inverse = changes.inverse
        self._execute = execute
        self._applied_by_push = True

    def redo(self) -> None:
        if self._applied_by_push:
            self._applied_by_push = False  # push() calls redo() right after the first run
            return
        changes = self._execute(self.forward)
        if changes is not None:
            self.inverse = changes.inverse

    def undo(self) -> None:
        changes = self._execute(self.inverse)
        if changes is not None:
            self.forward = changes.inverse
