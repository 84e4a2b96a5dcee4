"""The level and category definitions (レベル定義, スキルの分類): the SQL that reads and
writes them. Functions of a sqlite_utils Database; the store holds the transaction."""

from __future__ import annotations

import json

from sqlite_utils import Database

from skillmatrix.domain.defaults import load_defaults
from skillmatrix.domain.model import Category, Level
from skillmatrix.store import audit, messages
from skillmatrix.store.errors import StoreError


def read_levels(db: Database) -> list[Level]:
    """Returns the 8 levels, レベル0 first."""
    return [
        Level(
            number=r["number"],
            name=r["name"],
            short=r["short"],
            definition=r["definition"],
            criteria=json.loads(r["criteria"]),
        )
        for r in db.query("SELECT * FROM level ORDER BY number")
    ]


def read_categories(db: Database) -> list[Category]:
    """Returns the categories in their defined order."""
    return [
        Category(id=r["id"], name=r["name"], knowledge=r["knowledge"], position=r["position"])
        for r in db.query("SELECT * FROM category ORDER BY position")
    ]


def write_defaults(db: Database) -> None:
    """Writes the seed's levels and a new set of categories and stamps the file's creation
    (the caller holds the transaction)."""
    defaults = load_defaults()
    db.table("level").insert_all(
        [
            {
                "number": lv.number,
                "name": lv.name,
                "short": lv.short,
                "definition": lv.definition,
                "criteria": json.dumps(lv.criteria, ensure_ascii=False),
            }
            for lv in defaults.levels
        ]
    )
    db.table("category").insert_all(
        [
            {"id": c.id, "position": c.position, "name": c.name, "knowledge": c.knowledge}
            for c in defaults.new_categories()
        ]
    )
    db.table("meta").insert({"key": "created", "value": audit.now()})


def check_names(current: list[Category], changed: list[Category]) -> None:
    """Raises StoreError when the changed categories leave a name empty or used twice."""
    names = {c.id: c.name for c in current} | {c.id: c.name for c in changed}
    seen: set[str] = set()
    for name in names.values():
        if name in seen:
            raise StoreError(messages.CATEGORY_NAME_EXISTS.format(name=name))
        seen.add(name)
    if any(not c.name.strip() for c in changed):
        raise StoreError(messages.CATEGORY_NAME_EMPTY)


def write(
    db: Database,
    levels: list[Level],
    categories: list[Category],
    old_levels: dict[int, Level],
    old_categories: dict[str, Category],
) -> None:
    """Writes levels and categories with an audit row each (the caller holds the
    transaction and has checked the names)."""
    for level in levels:
        db.execute(
            "UPDATE level SET name = ?, short = ?, definition = ?, criteria = ? WHERE number = ?",
            [
                level.name,
                level.short,
                level.definition,
                json.dumps(level.criteria, ensure_ascii=False),
                level.number,
            ],
        )
        audit.record(db, "level", f"level:{level.number}", vars(old_levels[level.number]), vars(level))
    # Two names may swap: clear them first so the UNIQUE constraint never sees both.
    for category in categories:
        db.execute("UPDATE category SET name = ? WHERE id = ?", [f"（変更中）{category.id}", category.id])
    for category in categories:
        db.execute(
            "UPDATE category SET name = ?, knowledge = ? WHERE id = ?",
            [category.name, category.knowledge, category.id],
        )
        audit.record(
            db, "category", f"category:{category.id}", vars(old_categories[category.id]), vars(category)
        )
