"""The default levels and categories of a new database, read from resources/defaults.json.

The data is a transcription of the seed document's レベル定義 and スキルの分類 tables; every
new database gets its own copy that the user may edit later.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from skillmatrix.domain.model import Category, Level, new_id
from skillmatrix.paths import resources_dir


@dataclass(frozen=True)
class Defaults:
    """The definitions a new database starts with."""

    levels: tuple[Level, ...]
    category_names: tuple[str, ...]
    category_knowledge: tuple[str, ...]
    can_do: tuple[dict[str, Any], ...]

    def new_categories(self) -> list[Category]:
        """Returns the default categories with fresh ids, in the seed's order."""
        return [
            Category(id=new_id(), name=n, knowledge=k, position=i)
            for i, (n, k) in enumerate(zip(self.category_names, self.category_knowledge))
        ]


@cache
def load_defaults() -> Defaults:
    """Reads resources/defaults.json once and returns its definitions."""
    path = resources_dir() / "defaults.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    levels = tuple(
        Level(
            number=x["number"],
            name=x["name"],
            short=x["short"],
            definition=x["definition"],
            criteria=dict(x["criteria"]),
        )
        for x in data["levels"]
    )
    return Defaults(
        levels=levels,
        category_names=tuple(c["name"] for c in data["categories"]),
        category_knowledge=tuple(c["knowledge"] for c in data["categories"]),
        can_do=tuple(data.get("can_do", ())),
    )
