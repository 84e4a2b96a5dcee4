"""The level and category texts (レベル定義, スキルの分類) as one operation."""

from __future__ import annotations

from dataclasses import dataclass

from skillmatrix.domain.model import Category, Level
from skillmatrix.operations.base import Changes
from skillmatrix.store.repository import Store


@dataclass(frozen=True)
class SaveDefinitions:
    """Replaces the texts of some levels and categories in one transaction."""

    levels: tuple[Level, ...]
    categories: tuple[Category, ...]
    label: str

    def run(self, store: Store) -> Changes:
        old_levels, old_categories = store.save_definitions(list(self.levels), list(self.categories))
        return Changes(
            self.label,
            SaveDefinitions(tuple(old_levels), tuple(old_categories), self.label),
            definitions=True,
        )


def changed_definitions(
    old_levels: list[Level],
    old_categories: list[Category],
    levels: list[Level],
    categories: list[Category],
    label: str,
) -> SaveDefinitions | None:
    """Returns the operation writing the levels and categories that differ (None: none do)."""
    before_levels = {lv.number: lv for lv in old_levels}
    before_categories = {c.id: c for c in old_categories}
    changed_levels = tuple(lv for lv in levels if vars(lv) != vars(before_levels[lv.number]))
    changed_categories = tuple(c for c in categories if vars(c) != vars(before_categories[c.id]))
    if not changed_levels and not changed_categories:
        return None
    return SaveDefinitions(changed_levels, changed_categories, label)
