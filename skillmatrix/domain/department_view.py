"""One consistent picture of the department, shared by the window and the reports.

The store loads it (DepartmentStore.snapshot); the matrix and gap models, the PDF and the
Excel reports only read it. Profiles are resolved once per person when it is made, so a
model's data() never searches.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.department import (
    CanDo,
    Course,
    Gap,
    Histogram,
    Levels,
    PlanItem,
    TargetProfile,
    below_target,
    gap_status,
    histograms,
    normalize,
)
from skillmatrix.domain.model import Category


@dataclass(frozen=True)
class Person:
    """What the department view shows of a person besides levels."""

    id: str
    name: str
    kana: str
    title: str
    section: str
    years: int | None = None  # 経験年数 (None: not read)


@dataclass
class Snapshot:
    """The department at one moment: people, their levels, targets and ticks."""

    categories: list[Category]
    people: list[Person]
    levels: dict[str, Levels]
    profiles: list[TargetProfile] = field(default_factory=list)
    assigned: dict[str, str] = field(default_factory=dict)
    can_do: list[CanDo] = field(default_factory=list)
    ticks: dict[str, dict[str, PartialDate | None]] = field(default_factory=dict)
    kinds: frozenset[str] | None = None
    _profile_of: dict[str, TargetProfile | None] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        by_id = {p.id: p for p in self.profiles}
        by_title: dict[str, TargetProfile] = {}
        for p in sorted(self.profiles, key=lambda p: p.position, reverse=True):
            for t in p.titles:
                by_title[normalize(t)] = p  # the first by position wins
        for person in self.people:
            chosen = self.assigned.get(person.id)
            self._profile_of[person.id] = (
                by_id[chosen] if chosen in by_id else by_title.get(normalize(person.title))
            )

    @property
    def category_ids(self) -> list[str]:
        return [c.id for c in self.categories]

    def profile(self, staff_id: str) -> TargetProfile | None:
        """Returns the person's profile (given by hand, else by 職名), or None."""
        return self._profile_of.get(staff_id)

    def level(self, staff_id: str, category_id: str) -> int | None:
        """Returns the person's level in the category (None: no entry)."""
        return self.levels.get(staff_id, {}).get(category_id)

    def target(self, staff_id: str, category_id: str) -> int | None:
        """Returns the person's target in the category (None: no target)."""
        p = self._profile_of.get(staff_id)
        return p.targets.get(category_id) if p else None

    def status(self, staff_id: str, category_id: str) -> str | None:
        """Returns met / one_below / below for the cell (None: no target)."""
        return gap_status(self.level(staff_id, category_id), self.target(staff_id, category_id))

    def missing_can_do(self, staff_id: str) -> list[str]:
        """Returns the ids of the statements the person's profile requires but lacks."""
        p = self._profile_of.get(staff_id)
        if p is None:
            return []
        have = self.ticks.get(staff_id, {})
        return [s for s in p.can_do if s not in have]

    def shortfall(self, staff_id: str) -> int:
        """Returns the sum over categories of the levels missing to reach the targets."""
        p = self._profile_of.get(staff_id)
        if p is None:
            return 0
        mine = self.levels.get(staff_id, {})
        return sum(max(0, t - mine.get(c, -1)) for c, t in p.targets.items())

    def histograms(self, staff_ids: Iterable[str] | None = None) -> dict[str, Histogram]:
        """Returns per-category level counts of the people (default: everyone)."""
        ids = [p.id for p in self.people] if staff_ids is None else staff_ids
        return histograms(self.levels, ids, self.category_ids)

    def below_target(self) -> dict[str, list[Gap]]:
        """Returns, per category, the people below their target."""
        by_id = {p.id: p for p in self.profiles}
        # Resolved profiles passed as if assigned by hand: no title search again.
        assigned = {pid: prof.id for pid, prof in self._profile_of.items() if prof}
        return below_target(
            ((p.id, p.title) for p in self.people), self.levels, assigned, by_id, self.category_ids
        )

    def sections(self) -> list[str]:
        """Returns the 所属 that occur, in first-seen order."""
        return list(dict.fromkeys(p.section for p in self.people if p.section))

    def titles(self) -> list[str]:
        """Returns the 職名 that occur, in first-seen order."""
        return list(dict.fromkeys(p.title for p in self.people if p.title))


def propose_plan(
    snapshot: Snapshot, courses: list[Course], taken: dict[str, set[str]], per_person: int = 3
) -> list[PlanItem]:
    """Proposes a 研修計画: for each person below target, up to per_person courses.

    Args:
        snapshot: the department.
        courses: the catalogue (Course).
        taken: staff id -> normalized names of the courses already taken.
        per_person: how many courses at most to propose to one person.

    Returns:
        PlanItem rows with status 'proposed', person by person in list order.
    """
    from skillmatrix.domain.department import PlanItem, priority_category, propose_courses, role_of

    order = snapshot.category_ids
    first = priority_category((c.id, c.name) for c in snapshot.categories)
    items: list[PlanItem] = []
    for person in snapshot.people:
        picked = propose_courses(
            snapshot.levels.get(person.id, {}),
            snapshot.profile(person.id),
            courses,
            taken.get(person.id, ()),
            order,
            first,
            role_of(person.title, person.years),
        )
        for i, course in enumerate(picked[:per_person]):
            items.append(PlanItem(staff_id=person.id, title=course.name, course_id=course.id, position=i))
    return items
