"""The department's default catalogue, can-do statements and profiles (from the seed).

Written into a new database (Store.create) and, once, into a file migrated from schema 2
(Store.open). Functions of a sqlite_utils Database so that the Store can call them
without importing the department store, which is built on it.
"""

from __future__ import annotations

import json

from sqlite_utils import Database

from skillmatrix.domain.department import TargetProfile
from skillmatrix.domain.department_defaults import load_department_defaults
from skillmatrix.domain.model import Category
from skillmatrix.store import audit

SEEDED_KEY = "department_defaults"


def write_profile(db: Database, p: TargetProfile) -> None:
    """Inserts or replaces one target profile with its levels and can-do links; the caller
    holds the transaction."""
    db.execute(
        "INSERT INTO target_profile (id, position, name, titles) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET position = excluded.position, name = excluded.name, "
        "titles = excluded.titles",
        [p.id, p.position, p.name, json.dumps(p.titles, ensure_ascii=False)],
    )
    db.execute("DELETE FROM target_level WHERE profile_id = ?", [p.id])
    db.execute("DELETE FROM target_can_do WHERE profile_id = ?", [p.id])
    db.conn.executemany(
        "INSERT INTO target_level (profile_id, category_id, level) VALUES (?, ?, ?)",
        [(p.id, c, lv) for c, lv in p.targets.items()],
    )
    db.conn.executemany(
        "INSERT INTO target_can_do (profile_id, statement_id) VALUES (?, ?)",
        [(p.id, s) for s in dict.fromkeys(p.can_do)],
    )


def write_defaults(db: Database, categories: list[Category]) -> None:
    """Writes the seed catalogue, can-do statements and profiles; the caller holds the
    transaction."""
    d = load_department_defaults()
    statements = d.new_can_do(categories)
    db.conn.executemany(
        "INSERT INTO course (id, position, name, provider, category_id, level, kind, note, audience) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (c.id, c.position, c.name, c.provider, c.category_id, c.level, c.kind, c.note, c.audience)
            for c in d.new_courses(categories)
        ],
    )
    db.conn.executemany(
        "INSERT INTO can_do (id, category_id, position, level, grouping, text) VALUES (?, ?, ?, ?, ?, ?)",
        [(s.id, s.category_id, s.position, s.level, s.group, s.text) for s in statements],
    )
    for profile in d.new_profiles(categories, statements):
        write_profile(db, profile)
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [SEEDED_KEY, audit.now()])


def seed_defaults(db: Database, categories: list[Category]) -> bool:
    """Gives a file that never had them the default catalogue, statements and profiles
    (a file migrated from schema 2); returns whether anything was written.

    A file whose department tables hold anything already (a shared copy, a file whose
    user removed the defaults) is left as it is.
    """
    if db.execute("SELECT 1 FROM meta WHERE key = ?", [SEEDED_KEY]).fetchone():
        return False
    if not categories:
        return False  # Store.create writes categories, then the defaults, itself
    with db.atomic():
        held = db.execute(
            "SELECT (SELECT count(*) FROM course) + (SELECT count(*) FROM can_do) "
            "+ (SELECT count(*) FROM target_profile)"
        ).fetchone()[0]
        if held:
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [SEEDED_KEY, audit.now()])
            return False
        write_defaults(db, categories)
        audit.record(
            db,
            "department_defaults",
            "database",
            None,
            {
                "courses": db.execute("SELECT count(*) FROM course").fetchone()[0],
                "can_do": db.execute("SELECT count(*) FROM can_do").fetchone()[0],
                "profiles": db.execute("SELECT count(*) FROM target_profile").fetchone()[0],
            },
        )
    return True
