"""異動 what-if (人事異動の影響): who would still cover each category after April.

Standard library only. The group is the people counted (everyone, or one 所属); some of
them are marked as leaving, and people arrive: others from the list (with their levels)
or placeholders known only by a 職名 (an unknown newcomer brings no known level, so a
placeholder never covers a category; it is counted in the headcount only).

A person covers a category when their level there reaches the category's threshold:
by default the highest target that any profile sets for it (the level the department's
most senior profile asks for: the knowledge that is lost when its holder leaves), else
レベル3 (a category no profile names). A category is flagged when
fewer than the chief's minimum remain (default 2: one person left is 属人化, one-person
knowledge) and when none remain at all.

The counts of the group are made once (CoverageBase); each change of the marks is then
worked out from the people marked only, so that ticking one person among 10,000 is
immediate.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from skillmatrix.domain.department import Levels
from skillmatrix.domain.model import Category

DEFAULT_THRESHOLD = 3
DEFAULT_MINIMUM = 2
FLAG_ZERO = "zero"
FLAG_BELOW = "below"
FLAG_LABELS: dict[str | None, str] = {FLAG_ZERO: "ゼロ", FLAG_BELOW: "属人化", None: "足りる"}


@dataclass(frozen=True)
class Placeholder:
    """An arrival not yet in the file: only the 職名 is known."""

    title: str


@dataclass(frozen=True)
class CoverageRow:
    """One category of the what-if."""

    category_id: str
    name: str
    threshold: int
    before: int
    after: int
    minimum: int
    lost: tuple[str, ...] = ()  # ids of leaving people who covered it
    gained: tuple[str, ...] = ()  # ids of arriving people who cover it

    @property
    def flag(self) -> str | None:
        """'zero' when nobody covers the category afterwards, 'below' under the minimum."""
        if self.after == 0:
            return FLAG_ZERO
        return FLAG_BELOW if self.after < self.minimum else None


@dataclass(frozen=True)
class Scenario:
    """A what-if as the chief sets it (and may save by name)."""

    leaving: tuple[str, ...] = ()
    arriving: tuple[str | Placeholder, ...] = ()
    minimum: Mapping[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        """Returns the scenario as the scenario table keeps it."""
        return {
            "leaving": list(self.leaving),
            "arriving": [a if isinstance(a, str) else {"title": a.title} for a in self.arriving],
            "minimum": dict(self.minimum),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Scenario:
        """Reads what to_json wrote (unknown keys ignored)."""
        arriving: list[str | Placeholder] = []
        for a in data.get("arriving") or []:  # type: ignore[attr-defined]
            arriving.append(Placeholder(str(a.get("title", ""))) if isinstance(a, dict) else str(a))
        minimum = data.get("minimum") or {}
        return cls(
            leaving=tuple(str(x) for x in data.get("leaving") or []),  # type: ignore[attr-defined]
            arriving=tuple(arriving),
            minimum={str(k): int(v) for k, v in minimum.items()},  # type: ignore[attr-defined]
        )


def thresholds(categories: Sequence[Category], targets: Iterable[Mapping[str, int]]) -> dict[str, int]:
    """Returns per category the highest target among targets (else DEFAULT_THRESHOLD).

    Args:
        categories: the categories.
        targets: the target levels of the profiles in use (category id -> level).
    """
    highest: dict[str, int] = {}
    for t in targets:
        for c, level in t.items():
            highest[c] = max(level, highest.get(c, level))
    return {c.id: highest.get(c.id, DEFAULT_THRESHOLD) for c in categories}


class CoverageBase:
    """The group's coverage counted once; what_if() then costs only the marked people."""

    def __init__(
        self,
        categories: Sequence[Category],
        levels: Mapping[str, Levels],
        group: Iterable[str],
        threshold: Mapping[str, int],
    ):
        self.categories = list(categories)
        self.levels = levels
        self.group = set(group)
        self.threshold = dict(threshold)
        self.counts = {c.id: 0 for c in self.categories}
        for staff_id in self.group:
            mine = levels.get(staff_id)
            if mine:
                for c, level in mine.items():
                    if c in self.counts and level >= self.threshold[c]:
                        self.counts[c] += 1

    def covers(self, staff_id: str, category_id: str) -> bool:
        """Returns whether the person's level reaches the category's threshold."""
        level = self.levels.get(staff_id, {}).get(category_id)
        return level is not None and level >= self.threshold[category_id]

    def what_if(self, scenario: Scenario, default_minimum: int = DEFAULT_MINIMUM) -> list[CoverageRow]:
        """Returns per category (in order) how many cover it before and after the scenario.

        People marked leaving who are not in the group, and arrivals already in it, change
        nothing (a person is counted once).
        """
        leaving = [s for s in dict.fromkeys(scenario.leaving) if s in self.group]
        gone = set(leaving)
        arriving = [
            a
            for a in dict.fromkeys(x for x in scenario.arriving if isinstance(x, str))
            if a not in self.group or a in gone
        ]
        rows = []
        for c in self.categories:
            lost = tuple(s for s in leaving if self.covers(s, c.id))
            gained = tuple(s for s in arriving if self.covers(s, c.id))
            before = self.counts[c.id]
            rows.append(
                CoverageRow(
                    category_id=c.id,
                    name=c.name,
                    threshold=self.threshold[c.id],
                    before=before,
                    after=before - len(lost) + len(gained),
                    minimum=scenario.minimum.get(c.id, default_minimum),
                    lost=lost,
                    gained=gained,
                )
            )
        return rows

    def headcount(self, scenario: Scenario) -> tuple[int, int]:
        """Returns the group's size before and after the scenario."""
        leaving = set(scenario.leaving) & self.group
        arriving = {a for a in scenario.arriving if isinstance(a, str)} - (self.group - leaving)
        placeholders = sum(1 for a in scenario.arriving if isinstance(a, Placeholder))
        return len(self.group), len(self.group) - len(leaving) + len(arriving) + placeholders
