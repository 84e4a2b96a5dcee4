"""The department's view (部門の見える化): who stands where, the people it needs, and gaps.

Standard library only. The store computes the raw numbers (a person's highest level per
category in one GROUP BY); this module gives them their meaning: level histograms, target
profiles (求める人材像), gap classes, missing can-do statements (できること), expiring
qualifications and the courses that would lift a person toward the target.

A person's level in a category is the highest level with at least one entry there (of the
kinds asked for); a category without entries has no level (None), which falls short of
every target, even レベル0.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from skillmatrix.domain import messages
from skillmatrix.domain.dates import PartialDate
from skillmatrix.domain.model import KINDS, LEVEL_COUNT, Qualification, Staff, new_id

GAP_MET = "met"
GAP_ONE_BELOW = "one_below"
GAP_BELOW = "below"
GAP_LABELS = {GAP_MET: "達成", GAP_ONE_BELOW: "あと1レベル", GAP_BELOW: "2レベル以上不足"}
EXPIRY_WINDOW_DAYS = 90
# The seed's plan: 「情報セキュリティなども含めた研修計画」 — security comes first.
PRIORITY_CATEGORY = "セキュリティ"

Levels = dict[str, int]  # category id -> the person's level there (absent: no entry)


@dataclass
class TargetProfile:
    """求める人材像: a named target level per category, and can-do statements required.

    titles are the 職名 that get this profile unless a person is given another one.
    """

    name: str
    targets: dict[str, int] = field(default_factory=dict)  # category id -> level
    titles: list[str] = field(default_factory=list)
    can_do: list[str] = field(default_factory=list)  # CanDo ids
    position: int = 0
    id: str = field(default_factory=new_id)


@dataclass
class Course:
    """One course of the catalogue (研修カタログ): where it is given and which cell it fills."""

    name: str
    provider: str = ""
    category_id: str | None = None
    level: int | None = None
    kind: str = "training"
    note: str = ""
    position: int = 0
    id: str = field(default_factory=new_id)
    audience: str = ""  # AUDIENCES: who the course is for ('' everyone)


# Who a course is for, and the roles a person of a 職名 and 経験年数 plays.
AUDIENCE_NEW, AUDIENCE_STAFF, AUDIENCE_LEAD, AUDIENCE_MANAGER = "new", "staff", "lead", "manager"
AUDIENCES = ("", AUDIENCE_NEW, AUDIENCE_STAFF, AUDIENCE_LEAD, AUDIENCE_MANAGER)
AUDIENCE_LABELS = {
    "": "全員",
    AUDIENCE_NEW: "新採用",
    AUDIENCE_STAFF: "担当",
    AUDIENCE_LEAD: "主担当",
    AUDIENCE_MANAGER: "管理職",
}
# The roles a course of an audience is proposed to: a 担当 course also suits a newcomer and
# a 主担当 refreshing the basics; a 主担当 course is the next step for a 担当; a 管理職 one
# also prepares a 主担当. A 新採用 course is for newcomers only.
AUDIENCE_ROLES = {
    "": frozenset({AUDIENCE_NEW, AUDIENCE_STAFF, AUDIENCE_LEAD, AUDIENCE_MANAGER}),
    AUDIENCE_NEW: frozenset({AUDIENCE_NEW}),
    AUDIENCE_STAFF: frozenset({AUDIENCE_NEW, AUDIENCE_STAFF, AUDIENCE_LEAD}),
    AUDIENCE_LEAD: frozenset({AUDIENCE_STAFF, AUDIENCE_LEAD, AUDIENCE_MANAGER}),
    AUDIENCE_MANAGER: frozenset({AUDIENCE_LEAD, AUDIENCE_MANAGER}),
}
MANAGER_TITLE_WORDS = ("参事", "課長", "部長", "次長", "室長", "局長", "所長", "理事", "主幹", "監")
LEAD_TITLE_WORDS = ("主任", "主査", "技査", "係長", "専門員")
NEWCOMER_YEARS = 1  # 経験年数 up to this, with no lead or manager title: 新採用


def role_of(title: str, years: int | None) -> str:
    """Returns the role (an audience) of a person from 職名 and 経験年数.

    Args:
        title: the 職名 (参事, 主査, 主事 …); words of MANAGER_TITLE_WORDS make a 管理職,
            of LEAD_TITLE_WORDS a 主担当.
        years: the 経験年数 (None: unknown, never a newcomer).
    """
    title = normalize(title)
    if any(word in title for word in MANAGER_TITLE_WORDS):
        return AUDIENCE_MANAGER
    if any(word in title for word in LEAD_TITLE_WORDS):
        return AUDIENCE_LEAD
    if years is not None and years <= NEWCOMER_YEARS:
        return AUDIENCE_NEW
    return AUDIENCE_STAFF


def suits(course: Course, role: str | None) -> bool:
    """True when the course's audience includes the role (None: any role)."""
    return role is None or role in AUDIENCE_ROLES.get(course.audience, AUDIENCE_ROLES[""])


@dataclass
class CanDo:
    """A can-do statement (できること) of a category, tied to the level it shows."""

    category_id: str
    level: int
    text: str
    group: str = ""
    position: int = 0
    id: str = field(default_factory=new_id)


@dataclass
class Histogram:
    """How many people stand at each level of one category."""

    counts: list[int] = field(default_factory=lambda: [0] * LEVEL_COUNT)
    none: int = 0  # people without any entry in the category

    @property
    def total(self) -> int:
        return sum(self.counts) + self.none


@dataclass(frozen=True)
class Gap:
    """One person's standing against the target in one category."""

    staff_id: str
    category_id: str
    level: int | None
    target: int
    status: str


@dataclass(frozen=True)
class Expiry:
    """A qualification that has lapsed or lapses soon."""

    staff_id: str
    staff_name: str
    qualification: str
    expires: PartialDate
    days_left: int  # negative once expired

    @property
    def expired(self) -> bool:
        return self.days_left < 0


def check_kinds(kinds: Iterable[str] | None) -> frozenset[str] | None:
    """Returns kinds as a set (None: all kinds); raises ValueError on an unknown kind."""
    if kinds is None:
        return None
    kinds = frozenset(kinds)
    unknown = kinds - set(KINDS)
    if unknown:
        raise ValueError(
            messages.NO_SUCH_KIND.format(unknown="、".join(sorted(unknown)), kinds=", ".join(KINDS))
        )
    return kinds


def person_levels(staff: Staff, kinds: Iterable[str] | None = None) -> Levels:
    """Returns a person's level per category: the highest level with an entry of kinds.

    Args:
        staff: the sheet.
        kinds: the entry kinds that count (None: every kind).
    """
    wanted = check_kinds(kinds)
    levels: Levels = {}
    for e in staff.entries:
        if wanted is None or e.kind in wanted:
            if e.level > levels.get(e.category_id, -1):
                levels[e.category_id] = e.level
    return levels


def levels_from_rows(rows: Iterable[tuple[str, str, int]]) -> dict[str, Levels]:
    """Groups (staff id, category id, level) rows, as the store's GROUP BY gives them."""
    out: dict[str, Levels] = {}
    for staff_id, category_id, level in rows:
        out.setdefault(staff_id, {})[category_id] = level
    return out


def histograms(
    levels: Mapping[str, Levels], staff_ids: Iterable[str], category_ids: Iterable[str]
) -> dict[str, Histogram]:
    """Returns, per category, how many of staff_ids stand at each level.

    Args:
        levels: staff id -> levels (people without any entry may be absent).
        staff_ids: the people counted (e.g. those the filter shows).
        category_ids: the categories.
    """
    result = {c: Histogram() for c in category_ids}
    for staff_id in staff_ids:
        mine = levels.get(staff_id, {})
        for c, h in result.items():
            level = mine.get(c)
            if level is None:
                h.none += 1
            else:
                h.counts[level] += 1
    return result


def gap_status(level: int | None, target: int | None) -> str | None:
    """Classifies a level against a target: met, one below, or more (None: no target)."""
    if target is None:
        return None
    have = -1 if level is None else level
    if have >= target:
        return GAP_MET
    return GAP_ONE_BELOW if have == target - 1 else GAP_BELOW


def default_profile(title: str, profiles: Iterable[TargetProfile]) -> TargetProfile | None:
    """Returns the profile whose 職名 list holds title (the first by position), or None."""
    wanted = normalize(title)
    for p in sorted(profiles, key=lambda p: p.position):
        if wanted and wanted in {normalize(t) for t in p.titles}:
            return p
    return None


def profile_of(
    staff_id: str, title: str, assigned: Mapping[str, str], profiles: Mapping[str, TargetProfile]
) -> TargetProfile | None:
    """Returns the person's profile: the one given to them, else the default by 職名."""
    chosen = assigned.get(staff_id)
    if chosen is not None and chosen in profiles:
        return profiles[chosen]
    return default_profile(title, profiles.values())


def gaps(staff_id: str, levels: Levels, profile: TargetProfile | None) -> list[Gap]:
    """Returns the person's standing in every category the profile sets a target for."""
    if profile is None:
        return []
    return [
        Gap(staff_id, c, levels.get(c), t, gap_status(levels.get(c), t) or GAP_MET)
        for c, t in profile.targets.items()
    ]


def below_target(
    people: Iterable[tuple[str, str]],
    levels: Mapping[str, Levels],
    assigned: Mapping[str, str],
    profiles: Mapping[str, TargetProfile],
    category_ids: Iterable[str],
) -> dict[str, list[Gap]]:
    """Returns, per category, the people below their target, furthest below first.

    Args:
        people: (staff id, 職名) of everyone considered, in list order.
        levels: staff id -> levels.
        assigned: staff id -> profile id for people given a profile by hand.
        profiles: profile id -> profile.
        category_ids: the categories, in order.
    """
    result: dict[str, list[Gap]] = {c: [] for c in category_ids}
    for staff_id, title in people:
        profile = profile_of(staff_id, title, assigned, profiles)
        for g in gaps(staff_id, levels.get(staff_id, {}), profile):
            if g.status != GAP_MET and g.category_id in result:
                result[g.category_id].append(g)
    for found in result.values():
        # Stable: list order within the same shortfall.
        found.sort(key=lambda g: -(g.target - (-1 if g.level is None else g.level)))
    return result


def missing_can_do(profile: TargetProfile | None, ticked: Iterable[str]) -> list[str]:
    """Returns the ids of the statements the profile requires that the person lacks."""
    if profile is None:
        return []
    have = set(ticked)
    return [s for s in profile.can_do if s not in have]


def expiry_day(expires: PartialDate) -> date:
    """Returns the last day a qualification is valid ('2029-04' is valid all April)."""
    return expires.last_day()


def expiring(
    items: Iterable[tuple[str, str, Qualification]], today: date, within_days: int = EXPIRY_WINDOW_DAYS
) -> list[Expiry]:
    """Returns the qualifications expired or expiring within the window, soonest first.

    Args:
        items: (staff id, staff name, qualification) for every qualification.
        today: the reference day.
        within_days: how far ahead counts as expiring soon.
    """
    found = []
    for staff_id, name, q in items:
        if q.expires is None:
            continue
        left = (expiry_day(q.expires) - today).days
        if left <= within_days:
            found.append(Expiry(staff_id, name, q.name, q.expires, left))
    found.sort(key=lambda x: (x.days_left, x.staff_name))
    return found


def normalize(text: str) -> str:
    """Returns text in the form course names are compared in (NFKC, no spaces)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def propose_courses(
    levels: Levels,
    profile: TargetProfile | None,
    courses: Iterable[Course],
    taken: Iterable[str],
    category_order: list[str] | None = None,
    first_category: str | None = None,
    role: str | None = None,
) -> list[Course]:
    """Returns the courses that would lift a person toward the target, most needed first.

    A course is proposed when its category is below the target and its level lies above
    the person's level and no higher than the target; courses already taken (an entry with
    the same name) are left out. The 研修計画 puts security first, then the larger
    shortfall, then the lower course level.

    Args:
        levels: the person's levels.
        profile: the person's target profile (None: nothing proposed).
        courses: the catalogue.
        taken: the texts of the person's entries.
        category_order: category ids whose order breaks ties (the grid's order).
        first_category: the category proposed before all others (セキュリティ's id).
        role: the person's role (role_of()); a course whose audience leaves it out is not
            proposed (no 新採用職員研修 for a 参事). None: every audience.
    """
    if profile is None:
        return []
    done = {normalize(t) for t in taken}
    order = {c: i for i, c in enumerate(category_order or [])}
    picked = []
    for course in courses:
        c = course.category_id
        if c is None or course.level is None or c not in profile.targets or not suits(course, role):
            continue
        have = levels.get(c, -1)
        target = profile.targets[c]
        if have < course.level <= target and normalize(course.name) not in done:
            picked.append(
                (
                    c != first_category,
                    have - target,
                    order.get(c, len(order)),
                    course.level,
                    course.position,
                    course,
                )
            )
    picked.sort(key=lambda x: x[:5])
    return [x[-1] for x in picked]


def priority_category(categories: Iterable[tuple[str, str]]) -> str | None:
    """Returns the id of the category named セキュリティ among (id, name), if any."""
    return next((c for c, name in categories if name == PRIORITY_CATEGORY), None)


PLAN_STATUSES = ("proposed", "accepted", "dropped", "done")
PLAN_STATUS_LABELS = {"proposed": "提案", "accepted": "受講予定", "dropped": "見送り", "done": "受講済"}


@dataclass
class PlanItem:
    """One line of a 年度's 研修計画: a course (or a free title) for one person."""

    staff_id: str
    title: str
    course_id: str | None = None
    status: str = "proposed"
    note: str = ""
    position: int = 0
    id: str = field(default_factory=new_id)
