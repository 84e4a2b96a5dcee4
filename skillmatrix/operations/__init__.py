"""Qt-free edits: every user-visible change is an operation run in one store transaction.

An operation returns Changes (who and what changed, and the inverse operation); undo is
the inverse. The window wraps operations in one QUndoCommand class
(ui/common/commands.py); the CLI and the importers run them directly.
"""

from skillmatrix.operations.base import WHOLE_SHEET, Changes, Operation, run

__all__ = ["WHOLE_SHEET", "Changes", "Operation", "run"]
