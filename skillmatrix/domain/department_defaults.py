"""The department definitions a database starts with, from resources/.

resources/department.json holds the course catalogue the seed names (J-LIS 集合研修・
eラーニング, 市町村アカデミー, 自治体CIO育成研修, ベンダー等研修, 職場研修 and the security
courses of 国等による情報セキュリティ支援), the levels the can-do statements of
resources/defaults.json stand for, and three starting target profiles (担当・主担当・総括)
with the 職名 that default to them. Categories are named there; each database resolves the
names to its own category ids, and a name it lacks is skipped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from skillmatrix.domain.defaults import load_defaults
from skillmatrix.domain.department import CanDo, Course, TargetProfile
from skillmatrix.domain.model import Category
from skillmatrix.paths import resources_dir

DEFAULT_CAN_DO_LEVEL = 3


@dataclass(frozen=True)
class DepartmentDefaults:
    """Catalogue, can-do statements and profiles, with categories given by name."""

    courses: tuple[dict[str, Any], ...]
    can_do_levels: dict[str, Any]
    profiles: tuple[dict[str, Any], ...]

    def new_courses(self, categories: list[Category]) -> list[Course]:
        """Returns the seed catalogue with fresh ids, categories resolved by name."""
        by_name = {c.name: c.id for c in categories}
        return [
            Course(
                name=c["name"],
                provider=c.get("provider", ""),
                category_id=by_name.get(c.get("category", "")),
                level=c.get("level"),
                position=i,
                audience=c.get("audience", ""),
            )
            for i, c in enumerate(self.courses)
        ]

    def new_can_do(self, categories: list[Category]) -> list[CanDo]:
        """Returns the can-do statements of defaults.json with fresh ids and levels."""
        by_name = {c.name: c.id for c in categories}
        out: list[CanDo] = []
        for group in load_defaults().can_do:
            category_id = by_name.get(group["category"])
            if category_id is None:
                continue
            level = int(self.can_do_levels.get(group["group"], DEFAULT_CAN_DO_LEVEL))
            for text in group["statements"]:
                out.append(
                    CanDo(
                        category_id=category_id,
                        level=level,
                        text=text,
                        group=group["group"],
                        position=len(out),
                    )
                )
        return out

    def new_profiles(self, categories: list[Category], can_do: list[CanDo]) -> list[TargetProfile]:
        """Returns the starting profiles; required statements are whole groups of can_do."""
        by_name = {c.name: c.id for c in categories}
        out = []
        for i, p in enumerate(self.profiles):
            groups = set(p.get("can_do_groups", ()))
            out.append(
                TargetProfile(
                    name=p["name"],
                    titles=list(p.get("titles", ())),
                    position=i,
                    targets={by_name[n]: int(v) for n, v in p["targets"].items() if n in by_name},
                    can_do=[s.id for s in can_do if s.group in groups],
                )
            )
        return out


@cache
def load_department_defaults() -> DepartmentDefaults:
    """Reads resources/department.json once."""
    data = json.loads((resources_dir() / "department.json").read_text(encoding="utf-8"))
    return DepartmentDefaults(
        courses=tuple(data["courses"]),
        can_do_levels=dict(data.get("can_do_levels", {})),
        profiles=tuple(data.get("profiles", ())),
    )
