"""The radar chart (レーダーチャート) of levels per category: values and geometry.

Standard library only: the sheet's panel (QPainter), the résumé's section (reportlab
graphics) and the department report all draw the same numbers at the same points. The
first axis points up and the others follow clockwise in the categories' order, as a
printed form reads; the centre is "no entry" and the rim is レベル7.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from skillmatrix.domain.department import Levels, TargetProfile, profile_of
from skillmatrix.domain.model import LEVEL_COUNT, Category

TOP_LEVEL = LEVEL_COUNT - 1


@dataclass(frozen=True)
class Radar:
    """What one chart shows: an axis per category and up to three series on it.

    values are the person's levels (or the department's average); lows the department's
    minimum (None for a person's chart); targets the profile's levels. None on an axis
    means nothing there (no entry, no target).
    """

    labels: tuple[str, ...]
    values: tuple[float | None, ...]
    targets: tuple[int | None, ...]
    lows: tuple[int | None, ...] | None = None


def person_radar(categories: Sequence[Category], levels: Levels, profile: TargetProfile | None) -> Radar:
    """Returns the chart of one person: the level per category and the profile's targets.

    Args:
        categories: the categories in their order (the axes).
        levels: the person's levels (highest level with an entry of the kinds counted).
        profile: the person's target profile (None: no target drawn).
    """
    targets = profile.targets if profile else {}
    return Radar(
        labels=tuple(c.name for c in categories),
        values=tuple(levels.get(c.id) for c in categories),
        targets=tuple(targets.get(c.id) for c in categories),
    )


def department_radar(
    categories: Sequence[Category],
    levels: Mapping[str, Levels],
    staff_ids: Iterable[str],
    targets: Mapping[str, Mapping[str, int]],
) -> Radar:
    """Returns the department's chart: per category the average and the minimum level of
    the people, against the average of their targets.

    A person without an entry in a category counts as レベル0 there for the average and
    the minimum (the department lacks that person's knowledge), so that the chart of a
    section where one person holds a category shows it as thin.

    Args:
        categories: the axes, in order.
        levels: staff id -> levels.
        staff_ids: the people counted.
        targets: staff id -> category id -> target (people without a profile absent).
    """
    ids = list(staff_ids)
    values: list[float | None] = []
    lows: list[int | None] = []
    goals: list[int | None] = []
    for c in categories:
        have = [levels.get(s, {}).get(c.id, 0) for s in ids]
        values.append(round(sum(have) / len(have), 2) if have else None)
        lows.append(min(have) if have else None)
        wanted = [t[c.id] for s in ids if (t := targets.get(s)) and c.id in t]
        goals.append(round(sum(wanted) / len(wanted)) if wanted else None)
    return Radar(tuple(c.name for c in categories), tuple(values), tuple(goals), tuple(lows))


def axis_angle(index: int, count: int) -> float:
    """Returns the angle in radians of axis index (0 points up, then clockwise), with y
    growing upward (reportlab's and mathematics' convention)."""
    return math.pi / 2 - 2 * math.pi * index / count


def polygon(
    values: Sequence[float | None], cx: float, cy: float, radius: float, y_down: bool = False
) -> list[tuple[float, float]]:
    """Returns the polygon's corner per axis: value / 7 of radius out (None: the centre).

    Args:
        values: one value per axis, 0–7.
        cx, cy: the centre.
        radius: the length of an axis (レベル7).
        y_down: True where y grows downward (Qt's widgets).
    """
    n = len(values)
    points = []
    for i, v in enumerate(values):
        r = radius * max(0.0, min(float(v or 0), TOP_LEVEL)) / TOP_LEVEL
        a = axis_angle(i, n)
        dy = r * math.sin(a)
        points.append((cx + r * math.cos(a), cy - dy if y_down else cy + dy))
    return points


def format_value(value: float | None) -> str:
    """Returns a value as the chart labels it: '－' for none, '5' or '4.5'."""
    if value is None:
        return "－"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def targets_of(
    people: Iterable[tuple[str, str]], assigned: Mapping[str, str], profiles: Sequence[TargetProfile]
) -> dict[str, dict[str, int]]:
    """Returns staff id -> the target level per category of their profile (given by hand,
    else by 職名); people without a profile are left out. What the résumé's chart draws.

    Args:
        people: (staff id, 職名) of the people.
        assigned: staff id -> profile id given by hand.
        profiles: every profile.
    """
    by_id = {p.id: p for p in profiles}
    out = {}
    for staff_id, title in people:
        profile = profile_of(staff_id, title, assigned, by_id)
        if profile is not None:
            out[staff_id] = dict(profile.targets)
    return out
