"""The department reports that look across time or ahead: growth between two 年度
(rebuilt from the revisions, store/history.py) and the 異動 what-if's coverage.

Plain tables (and the growth report's small charts) like department_tables.py; numbers
stay numbers so that Excel can sum them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from skillmatrix.domain.coverage import (
    FLAG_LABELS,
    CoverageBase,
    CoverageRow,
    Placeholder,
    Scenario,
    thresholds,
)
from skillmatrix.domain.dates import format_fiscal_year
from skillmatrix.domain.history import MARK_LABELS, GrowthRow, GrowthTotal, fiscal_year_start, growth, moment
from skillmatrix.domain.model import LEVEL_COUNT
from skillmatrix.report import messages
from skillmatrix.report.department_tables import BarChart, Report, ReportTable, Value
from skillmatrix.store.audit import now as stamp_now
from skillmatrix.store.department import DepartmentStore
from skillmatrix.store.history import HistoryStore
from skillmatrix.store.repository import Store

GROWTH_TITLE = "成長の推移（年度初めと比べたレベル）"
COVERAGE_TITLE = "異動の影響（目標レベル以上の人数）"


def growth_moments(from_year: int, to_year: int, today: date) -> tuple[str, str, str, str]:
    """Returns the two timestamps compared and their labels: 4月1日 of from_year, and the
    end of to_year (4月1日 of the next 年度), or now while to_year is still running."""
    then = moment(fiscal_year_start(from_year))
    end = fiscal_year_start(to_year + 1)
    if end > today:
        return then, stamp_now(), f"{from_year}-04-01", f"{today.isoformat()}（現在）"
    return then, moment(end), f"{from_year}-04-01", f"{end.isoformat()}"


def build_growth(
    store: Store, from_year: int, to_year: int, kinds: Iterable[str] | None = None, today: date | None = None
) -> Report:
    """Builds the growth report: per person and category the level then and now and the
    entries added, the department's totals, and a small chart per category.

    Raises:
        ValueError: from_year after to_year.
    """
    if from_year > to_year:
        raise ValueError(messages.GROWTH_FROM_AFTER_TO.format(from_year=from_year, to_year=to_year))
    today = today or date.today()
    history = HistoryStore(store)
    at_then, at_now, label_then, label_now = growth_moments(from_year, to_year, today)
    kinds = list(kinds) if kinds is not None else None
    then = history.sheets_at(at_then, kinds)
    now = history.sheets_at(at_now, kinds)
    cats = store.categories()
    rows, totals = growth(cats, then, now, history.order(set(then) | set(now)))
    span = f"{format_fiscal_year(from_year)}〜{format_fiscal_year(to_year)}"
    subtitle = f"{span}　{label_then} と {label_now} の比較　職員{len(rows)}名（新規・転出を含む）"
    tables = [_growth_people(rows, [c.name for c in cats], label_then, label_now), _growth_totals(totals)]
    bars = [
        BarChart(
            t.name,
            [str(n) for n in range(LEVEL_COUNT)],
            [
                (label_then[:4] + "年度初", _level_counts(rows, i, then=True)),
                ("現在" if "現在" in label_now else label_now[:10], _level_counts(rows, i, then=False)),
            ],
        )
        for i, t in enumerate(totals)
    ]
    return Report("growth", GROWTH_TITLE, subtitle, tables, bars=bars)


def _level_counts(rows: Sequence[GrowthRow], i: int, then: bool) -> list[float]:
    counts = [0.0] * LEVEL_COUNT
    for r in rows:
        level = r.then[i] if then else r.now[i]
        if level is not None:
            counts[level] += 1
    return counts


def _growth_people(
    rows: Sequence[GrowthRow], names: list[str], label_then: str, label_now: str
) -> ReportTable:
    columns = ["氏名", "区分"]
    for n in names:
        columns += [f"{n} 前", f"{n} 後", f"{n} 追加"]
    table = ReportTable(
        f"職員別（前: {label_then}、後: {label_now}、追加: その間に増えた実績の数）",
        columns,
        shades=[],
        widths=[2.6, 1.6, *[0.9] * (3 * len(names))],
        key_columns=2,
    )
    for r in rows:
        cells: list[Value] = [r.name, MARK_LABELS[r.mark]]
        shades: list[str | None] = [None, None]
        for a, b, added in zip(r.then, r.now, r.added, strict=True):
            cells += [a, b, added]
            shades += [None, "met" if a is not None and b is not None and b > a else None, None]
        table.rows.append(cells)
        if table.shades is not None:
            table.shades.append(shades)
    return table


def _growth_totals(totals: Sequence[GrowthTotal]) -> ReportTable:
    table = ReportTable(
        "部門の合計（分類別）",
        [
            "分類",
            "実績のある人数 前",
            "同 後",
            "平均レベル 前",
            "同 後",
            "追加された実績",
            "レベルが上がった人数",
        ],
        widths=[3, 1.6, 1.2, 1.6, 1.2, 1.6, 1.8],
    )
    for t in totals:
        table.rows.append(
            [t.name, t.people_then, t.people_now, t.average_then, t.average_now, t.added, t.raised]
        )
    return table


def build_coverage(
    store: Store,
    leaving: Sequence[str] = (),
    arriving: Sequence[str | Placeholder] = (),
    kinds: Iterable[str] | None = None,
    minimum: int | None = None,
    today: date | None = None,
) -> Report:
    """Builds the coverage report of a 異動 what-if: per category how many people reach
    the threshold before and after, flagged where it falls to zero or below the minimum.

    Args:
        store: the database.
        leaving: ids of the people who leave.
        arriving: ids of people who arrive, or placeholders.
        kinds: the entry kinds that count.
        minimum: the fewest people wanted per category (default: domain default).
        today: the day printed in the subtitle.
    """
    today = today or date.today()
    snap = DepartmentStore(store).snapshot(kinds)
    base = CoverageBase(
        snap.categories,
        snap.levels,
        [p.id for p in snap.people],
        thresholds(snap.categories, (p.targets for p in snap.profiles)),
    )
    scenario = Scenario(tuple(leaving), tuple(arriving))
    rows = base.what_if(scenario) if minimum is None else base.what_if(scenario, minimum)
    names = {p.id: p.name for p in snap.people}
    before, after = base.headcount(scenario)
    subtitle = f"{today.isoformat()} 現在　職員{before}名 → {after}名（転出{len(set(leaving))}名）"
    out = [names.get(s, s) for s in dict.fromkeys(leaving)]
    tables = [_coverage_table(rows, names)]
    tables.append(
        ReportTable("転出する職員", ["氏名"], rows=[[n] for n in out] or [["（なし）"]], widths=[4])
    )
    return Report("coverage", COVERAGE_TITLE, subtitle, tables)


def _coverage_table(rows: Sequence[CoverageRow], names: dict[str, str]) -> ReportTable:
    table = ReportTable(
        "分類別（基準: その分類の目標レベルのうち最も高いもの。最低人数を下回ると属人化）",
        ["分類", "基準レベル", "異動前", "異動後", "最低人数", "判定", "抜ける人"],
        shades=[],
        widths=[3, 1.4, 1.2, 1.2, 1.4, 1.4, 5],
    )
    for r in rows:
        flag = FLAG_LABELS[r.flag]
        table.rows.append(
            [
                r.name,
                r.threshold,
                r.before,
                r.after,
                r.minimum,
                flag,
                "、".join(names.get(s, s) for s in r.lost),
            ]
        )
        shade: list[str | None] = [None, None, None, None, None, "below" if r.flag else "met", None]
        if table.shades is not None:
            table.shades.append(shade)
    return table
