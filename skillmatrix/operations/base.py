"""What every operation is and returns.

An operation is a small frozen value that knows how to run itself against a Store in
one transaction. Running it returns Changes: which people and which of their parts
changed, whether the list order, the definitions or the department's tables changed,
and the inverse operation that puts everything back. Undo runs the inverse (one
transaction again, audited like any edit); the inverse of the inverse is the redo.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from skillmatrix.store.repository import Store

WHOLE_SHEET = "*"  # a part name meaning "anything of this person may have changed"


class Operation(Protocol):
    """A user-visible change, run in one store transaction."""

    @property
    def label(self) -> str:
        """The step's name in the Edit menu (「セル入力」)."""
        ...

    def run(self, store: Store) -> Changes:
        """Writes the change; returns what changed and the inverse.

        Raises:
            ValidationError, StoreError, DateError: the change was refused; nothing written.
        """
        ...


@dataclass(frozen=True)
class Changes:
    """What one run of an operation changed.

    Attributes:
        label: the operation's label.
        inverse: the operation that undoes this run.
        staff: staff id → names of the parts written (see SheetPatch.parts; WHOLE_SHEET
            when the whole sheet may have changed).
        added: ids of people added.
        removed: ids of people removed.
        order: the list order changed.
        definitions: level or category texts changed.
        department: profiles, courses, can-do statements, ticks or a plan changed.
        show: the person to show afterwards, if the change names one.
    """

    label: str
    inverse: Operation
    staff: Mapping[str, frozenset[str]] = field(default_factory=dict)
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    order: bool = False
    definitions: bool = False
    department: bool = False
    show: str | None = None


def run(store: Store, operation: Operation) -> Changes:
    """Runs an operation on a store (the one way the CLI and the window make changes)."""
    return operation.run(store)
