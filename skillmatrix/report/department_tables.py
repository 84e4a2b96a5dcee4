"""The department reports as plain tables, which the PDF and the Excel writers both print.

A report is a title and a few tables; a table is column headings, rows of values and, per
cell, an optional shade key: 'L0'..'L7' for a level (the matrix's colour scale)
or 'met' / 'one_below' / 'below' for a gap. Nothing here knows PDF or Excel.

A value is text, a number, None, or one of the small types below, which print as the text
the PDF shows (str()) and which Excel writes as data: a level against a target as three
numbers, a date as a real date cell, a days-left figure as a number counted from the
report's 基準日 (Report.as_of).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from skillmatrix.domain.dates import PartialDate, format_fiscal_year
from skillmatrix.domain.dates import fiscal_year as fiscal_year_of
from skillmatrix.domain.department import (
    EXPIRY_WINDOW_DAYS,
    GAP_LABELS,
    PLAN_STATUS_LABELS,
    expiring,
)
from skillmatrix.domain.department_view import Person, Snapshot, propose_plan
from skillmatrix.domain.kana import staff_sort_key
from skillmatrix.domain.model import KIND_LABELS, LEVEL_COUNT
from skillmatrix.domain.radar import Radar, department_radar
from skillmatrix.report import messages
from skillmatrix.store.department import DepartmentStore
from skillmatrix.store.repository import Store

REPORT_KINDS = ("matrix", "gaps", "plan", "courses")
REPORT_TITLES = {
    "matrix": "スキルマップ（職員×分類のレベル）",
    "gaps": "求める人材像との差",
    "plan": "研修計画",
    "courses": "研修カタログと受講履歴",
}
NO_LEVEL = "－"
# Names listed in one cell at most: a cell must fit on a page (the full lists are in the
# per-person tables, and in Excel one may filter them).
MAX_LISTED = 60


@dataclass(frozen=True)
class LevelTarget:
    """A person's level in a category against the profile's target (either may be None)."""

    level: int | None
    target: int | None

    @property
    def gap(self) -> int | None:
        """Levels missing to reach the target (0 when met; no level counts as −1)."""
        if self.target is None:
            return None
        return max(0, self.target - (-1 if self.level is None else self.level))

    def __str__(self) -> str:
        return _gap_text(self.level, self.target)


@dataclass(frozen=True)
class ShownDate:
    """A date at its precision (year, month or day), printed as 2020年4月1日."""

    date: PartialDate

    def __str__(self) -> str:
        return self.date.format()


@dataclass(frozen=True)
class DaysLeft:
    """Days from the 基準日 to an expiry (negative: expired that many days ago)."""

    days: int

    def __str__(self) -> str:
        return f"期限切れ（{-self.days}日経過）" if self.days < 0 else f"あと{self.days}日"


Value = str | int | float | None | LevelTarget | ShownDate | DaysLeft


@dataclass
class ReportTable:
    """One table of a report."""

    title: str
    columns: list[str]
    rows: list[list[Value]] = field(default_factory=list)
    shades: list[list[str | None]] | None = None
    widths: list[float] | None = None  # relative column widths (None: equal)
    key_columns: int = 1  # leading columns that name the row (left-aligned, bold in Excel)


@dataclass(frozen=True)
class BarChart:
    """A small grouped bar chart (the growth report's one per category): series of
    numbers over the same labels, drawn by the PDF writer (Excel has the numbers)."""

    title: str
    labels: list[str]
    series: list[tuple[str, list[float]]]


@dataclass
class Report:
    """A titled list of tables, and the charts the PDF draws above them."""

    kind: str
    title: str
    subtitle: str
    tables: list[ReportTable]
    as_of: date | None = None  # the 基準日 its figures are computed as of
    radars: list[tuple[str, Radar]] = field(default_factory=list)
    bars: list[BarChart] = field(default_factory=list)


def build_report(
    store: Store,
    kind: str,
    *,
    kinds: Iterable[str] | None = None,
    fiscal_year: int | None = None,
    today: date | None = None,
    by_kana: bool = False,
) -> Report:
    """Builds a department report from the database.

    Args:
        store: the open database.
        kind: 'matrix', 'gaps', 'plan' or 'courses'.
        kinds: the entry kinds that count for levels (None: all).
        fiscal_year: the 年度 of the plan (default: the next 年度).
        today: the reference day (expiry, default 年度).
        by_kana: people in ふりがな order (domain.kana, as the window and `list --sort
            kana`) instead of list order.

    Raises:
        ValueError: an unknown kind.
    """
    if kind not in REPORT_KINDS:
        raise ValueError(messages.NO_SUCH_REPORT.format(kind=kind, report_kinds=", ".join(REPORT_KINDS)))
    today = today or date.today()
    department = DepartmentStore(store)
    snap = department.snapshot(kinds)
    if by_kana:
        snap.people.sort(key=lambda p: staff_sort_key(p.kana, p.name, p.id))
    counted = (
        "実績の種別: " + "・".join(KIND_LABELS[k] for k in sorted(snap.kinds))
        if snap.kinds is not None
        else "実績の種別: すべて"
    )
    subtitle = f"{today.isoformat()} 現在　職員{len(snap.people)}名　{counted}"
    if kind == "matrix":
        chart = department_chart(snap)
        tables = [matrix_table(snap), histogram_table(snap), radar_table(chart)]
        return Report(
            kind,
            REPORT_TITLES[kind],
            subtitle,
            tables,
            as_of=today,
            radars=[("部門のレーダーチャート", chart)],
        )
    elif kind == "gaps":
        tables = [gap_table(snap), below_table(snap), expiry_table(department, today)]
    elif kind == "plan":
        year = fiscal_year if fiscal_year is not None else fiscal_year_of(today) + 1
        subtitle = f"{format_fiscal_year(year)}　" + subtitle
        tables = [plan_table(department, snap, year)]
    else:
        tables = [course_table(department, snap)]
    return Report(kind, REPORT_TITLES[kind], subtitle, tables, as_of=today)


def _person_cells(snap: Snapshot, person: Person) -> list[Value]:
    return [person.name, person.title, person.section]


def matrix_table(snap: Snapshot) -> ReportTable:
    """One row per person: name, ふりがな, 職名, 所属, then the level in each category."""
    table = ReportTable(
        "職員×分類のレベル（その分類で実績のある最も高いレベル）",
        ["氏名", "ふりがな", "職名", "所属", *(c.name for c in snap.categories)],
        shades=[],
        widths=[2.4, 2.6, 1.6, 2.4, *[1.5] * len(snap.categories)],
    )
    assert table.shades is not None  # made with a list just above
    for p in snap.people:
        levels = [snap.level(p.id, c) for c in snap.category_ids]
        table.rows.append([p.name, p.kana, p.title, p.section, *levels])
        table.shades.append([*[None] * 4, *(None if lv is None else f"L{lv}" for lv in levels)])
    return table


def department_chart(snap: Snapshot) -> Radar:
    """Returns the department's radar: average and minimum per category against the
    people's targets."""
    targets = {p.id: prof.targets for p in snap.people if (prof := snap.profile(p.id))}
    return department_radar(snap.categories, snap.levels, [p.id for p in snap.people], targets)


def radar_table(chart: Radar) -> ReportTable:
    """The radar's numbers per category (the chart in Excel's terms)."""
    table = ReportTable(
        "分類別の平均・最小・目標（実績なしはレベル0として数える）",
        ["分類", "平均", "最小", "目標（平均）"],
        widths=[3, 1.5, 1.5, 1.5],
    )
    lows = chart.lows or tuple(None for _ in chart.labels)
    for label, value, low, target in zip(chart.labels, chart.values, lows, chart.targets, strict=True):
        table.rows.append([label, value, low, target])
    return table


def histogram_table(snap: Snapshot) -> ReportTable:
    """Per category, how many people stand at each level."""
    table = ReportTable(
        "分類別・レベル別の人数",
        ["分類", "実績なし", *(f"レベル{n}" for n in range(LEVEL_COUNT))],
        shades=[],
        widths=[3, *[1.2] * (LEVEL_COUNT + 1)],
    )
    assert table.shades is not None  # made with a list just above
    hist = snap.histograms()
    for c in snap.categories:
        h = hist[c.id]
        table.rows.append([c.name, h.none, *h.counts])
        table.shades.append([None, None, *(f"L{n}" if h.counts[n] else None for n in range(LEVEL_COUNT))])
    return table


def _gap_text(level: int | None, target: int | None) -> str:
    have = NO_LEVEL if level is None else str(level)
    return have if target is None else f"{have}／{target}"


def gap_table(snap: Snapshot) -> ReportTable:
    """One row per person: profile, 'level／target' per category, missing can-dos."""
    table = ReportTable(
        "レベル／目標（緑: 達成　黄: あと1レベル　赤: 2レベル以上不足）",
        [
            "氏名",
            "職名",
            "所属",
            "人材像",
            *(c.name for c in snap.categories),
            "不足レベル計",
            "未達のできること",
        ],
        shades=[],
        widths=[2.4, 1.6, 2.4, 1.4, *[1.5] * len(snap.categories), 1.3, 1.3],
    )
    assert table.shades is not None  # made with a list just above
    for p in snap.people:
        profile = snap.profile(p.id)
        cells, shades = [], []
        for c in snap.category_ids:
            cells.append(LevelTarget(snap.level(p.id, c), snap.target(p.id, c)))
            shades.append(snap.status(p.id, c))
        table.rows.append(
            [
                *_person_cells(snap, p),
                profile.name if profile else "（なし）",
                *cells,
                snap.shortfall(p.id),
                len(snap.missing_can_do(p.id)),
            ]
        )
        table.shades.append([*[None] * 4, *shades, None, None])
    return table


def below_table(snap: Snapshot) -> ReportTable:
    """Per category, who is below target (and by how much)."""
    names = {p.id: p.name for p in snap.people}
    table = ReportTable(
        "分類別・目標に届かない職員", ["分類", "人数", "職員（レベル／目標）"], widths=[2.5, 1, 16]
    )
    below = snap.below_target()
    for c in snap.categories:
        gaps = below[c.id]
        listed = "、".join(
            f"{names[g.staff_id]}（{_gap_text(g.level, g.target)}）" for g in gaps[:MAX_LISTED]
        )
        if len(gaps) > MAX_LISTED:
            listed += f"　ほか{len(gaps) - MAX_LISTED}名（全員は「レベル／目標」の表に）"
        table.rows.append([c.name, len(gaps), listed])
    return table


def expiry_table(department: DepartmentStore, today: date) -> ReportTable:
    """Qualifications expired or expiring within 90 days."""
    table = ReportTable(
        f"資格の有効期限（期限切れ・{EXPIRY_WINDOW_DAYS}日以内）",
        ["氏名", "資格", "有効期限", "状況"],
        shades=[],
        widths=[3, 6, 2.5, 3],
    )
    assert table.shades is not None  # made with a list just above
    for x in expiring(department.qualifications_with_expiry(), today):
        table.rows.append([x.staff_name, x.qualification, ShownDate(x.expires), DaysLeft(x.days_left)])
        table.shades.append([None, None, None, "below" if x.expired else "one_below"])
    return table


def plan_table(department: DepartmentStore, snap: Snapshot, year: int) -> ReportTable:
    """The plan of a 年度: the stored one, or proposals from the gaps when none is stored."""
    courses = {c.id: c for c in department.courses()}
    items = department.plan(year)
    title = f"{format_fiscal_year(year)} 研修計画"
    if not items:
        items = propose_plan(snap, list(courses.values()), department.taken_courses(courses.values()))
        title += "（案: 目標との差から提案）"
    cat_names = {c.id: c.name for c in snap.categories}
    people = {p.id: p for p in snap.people}
    table = ReportTable(
        title,
        ["氏名", "職名", "所属", "研修名", "提供機関", "分類", "レベル", "状態"],
        shades=[],
        widths=[3, 2, 2.5, 6, 4, 2.2, 1.2, 1.6],
    )
    assert table.shades is not None  # made with a list just above
    for item in items:
        p = people.get(item.staff_id)
        if p is None:
            continue
        course = courses.get(item.course_id) if item.course_id else None
        category = course.category_id if course else None
        table.rows.append(
            [
                *_person_cells(snap, p),
                item.title,
                course.provider if course else "",
                cat_names.get(category, "") if category else "",
                course.level if course else None,
                PLAN_STATUS_LABELS[item.status],
            ]
        )
        table.shades.append([*[None] * 6, None, None])
    return table


def course_table(department: DepartmentStore, snap: Snapshot) -> ReportTable:
    """The catalogue with who took each course and when (研修受講履歴)."""
    cat_names = {c.id: c.name for c in snap.categories}
    table = ReportTable(
        "研修カタログと受講者",
        ["研修名", "提供機関", "分類", "レベル", "受講者数", "受講者（受講時期）"],
        widths=[5, 4, 2.2, 1.2, 1.2, 12],
    )
    courses = department.courses()
    history = department.course_history(courses)
    for course in courses:
        takers = history[course.id]
        listed = "、".join(f"{name}（{d.format()}）" if d else name for _sid, name, d in takers[:MAX_LISTED])
        if len(takers) > MAX_LISTED:
            listed += f"　ほか{len(takers) - MAX_LISTED}名"
        table.rows.append(
            [
                course.name,
                course.provider,
                cat_names.get(course.category_id, "") if course.category_id is not None else "",
                course.level,
                len(takers),
                listed,
            ]
        )
    return table


SHADE_LABELS = dict(GAP_LABELS)


def _level_rgb(n: int) -> tuple[float, float, float]:
    # From a pale to a deep blue: readable as a scale in grey print as well.
    t = n / (LEVEL_COUNT - 1)
    light, dark = (0.92, 0.95, 1.0), (0.12, 0.30, 0.62)
    red, green, blue = (round(a + (b - a) * t, 3) for a, b in zip(light, dark))
    return red, green, blue


# The fill of each shade key (RGB 0..1), shared by the PDF, Excel and the window.
SHADE_RGB: dict[str, tuple[float, float, float]] = {
    **{f"L{n}": _level_rgb(n) for n in range(LEVEL_COUNT)},
    "met": (0.78, 0.92, 0.78),
    "one_below": (1.0, 0.91, 0.60),
    "below": (0.97, 0.70, 0.70),
}
# Shades dark enough to need white text.
DARK_SHADES = frozenset(f"L{n}" for n in range(5, LEVEL_COUNT))
