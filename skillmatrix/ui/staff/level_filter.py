"""Search by level in the staff filter: `セキュリティ>=4`, `セキュリティ:4+`, `ネットワーク=3`.

The parser is domain/level_query.py; this part gives the staff list model its predicate
hook (StaffListModel.predicate_hook): the conditions are taken out of the filter text and
become a test of each person's levels, the words left are searched as before (AND). The
levels (one GROUP BY over the entries) are read on the first condition typed and kept in
step with every save, so a keystroke is a dictionary lookup per person.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QLineEdit

from skillmatrix.domain.department import Levels, person_levels
from skillmatrix.domain.level_query import QueryError, has_conditions, looks_like_condition, parse
from skillmatrix.domain.model import Staff
from skillmatrix.store.department import DepartmentStore
from skillmatrix.ui.common.session import Session

_NONE: Levels = {}


class LevelFilter(QObject):
    """The predicate hook of the staff filter; reports a condition it cannot read.

    Signals:
        problem(text): the message for a condition that cannot be read ('' when fine).
    """

    problem = Signal(str)

    def __init__(self, session: Session, edit: QLineEdit, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.edit = edit
        self._levels: dict[str, Levels] | None = None
        self._tooltip = edit.toolTip()
        edit.setToolTip(self._tooltip + self.help_text())
        for signal in (
            session.staff_added,
            session.staff_removed,
            session.staff_reloaded,
            session.store_replaced,
        ):
            signal.connect(self._forget)
        session.definitions_changed.connect(self._forget)
        session.staff_written.connect(self._written)
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The levels (one GROUP BY, ~0.3 s at 10,000 people) are read when the box gets
        # the focus, just after it is drawn, rather than on the keystroke that first
        # completes a condition.
        if event.type() == QEvent.Type.FocusIn and self._levels is None:
            QTimer.singleShot(0, self._preload)
        return False

    def _preload(self) -> None:
        if self._levels is None and not self.session.store.closed:
            self.levels()

    def help_text(self) -> str:
        return self.tr(
            "\nレベルでも絞り込めます: 「セキュリティ>=4」「セキュリティ:4+」（4以上）"
            "「ネットワーク=3」「基幹系<=2」。分類名は全角・半角を問わず、先頭だけでも構いません"
            "（レベルは0〜7）。語と組み合わせると、すべてを満たす人だけを表示します"
        )

    def _forget(self, *_args: object) -> None:
        self._levels = None

    def _written(self, sheet: Staff) -> None:
        if self._levels is not None:
            self._levels[sheet.id] = person_levels(sheet)

    def levels(self) -> dict[str, Levels]:
        """Returns every person's level per category (read once, then kept in step)."""
        if self._levels is None:
            self._levels = DepartmentStore(self.session.store).levels()
        return self._levels

    def __call__(self, text: str) -> tuple[str, Callable[[str], bool] | None]:
        if not has_conditions(text):
            self._report("")
            return text, None
        try:
            query = parse(text, self.session.store.categories())
        except QueryError as e:
            # Half-typed (「セキュリティ>」): search the words only until it reads.
            self._report(str(e))
            return " ".join(t for t in text.split() if not looks_like_condition(t)), None
        self._report("")
        levels, test = self.levels(), query.level_test()
        return " ".join(query.words), lambda staff_id: test(levels.get(staff_id, _NONE))

    def _report(self, message: str) -> None:
        self.edit.setToolTip((message + "\n" if message else "") + self._tooltip + self.help_text())
        self.problem.emit(message)
