"""Bare baselines for run.py: what a command does, done the plainest way on the same data.

    python tests/benchmarks/bare.py copy SHARED.sqlite TARGET.sqlite
    python tests/benchmarks/bare.py dump DB.sqlite OUT.json
    python tests/benchmarks/bare.py json-import IN.json TARGET.sqlite

No validation, no merge plan, no backup, no audit: the floor the program's own commands
are compared with. TARGET must already have the schema (Store.create).
"""

from __future__ import annotations

import json
import sqlite3
import sys
import uuid
from pathlib import Path


def bare_copy(shared: Path, target: Path) -> None:
    """Copies every row of a shared file into target the plainest way (no checks)."""
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("ATTACH ? AS src", [str(shared)])
    conn.execute("BEGIN")
    for table in ("staff", "staff_revision", "qualification", "assignment", "project", "entry"):
        conn.execute(f"INSERT OR IGNORE INTO main.{table} SELECT * FROM src.{table}")
    conn.execute("COMMIT")
    conn.execute("DETACH src")
    conn.close()


def bare_dump(db: Path, out: Path) -> None:
    """The same data as `dump`, read by one SELECT per table and written by json.dump."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    names = dict(conn.execute("SELECT id, name FROM category").fetchall())
    people = {
        r["id"]: {
            "id": r["id"],
            "name": r["name"],
            "kana": r["kana"],
            "title": r["title"],
            "section": r["section"],
            "experience_override": r["experience_override"],
            "qualifications": [],
            "assignments": [],
            "projects": [],
            "entries": [],
        }
        for r in conn.execute("SELECT * FROM staff ORDER BY position")
    }
    for r in conn.execute("SELECT * FROM qualification ORDER BY staff_id, position"):
        people[r["staff_id"]]["qualifications"].append(
            {"name": r["name"], "acquired": r["acquired"], "expires": r["expires"]}
        )
    for r in conn.execute("SELECT * FROM assignment ORDER BY staff_id, position"):
        people[r["staff_id"]]["assignments"].append(
            {"start": r["start_date"], "end": r["end_date"], "name": r["name"], "duties": r["duties"]}
        )
    for r in conn.execute("SELECT * FROM project ORDER BY staff_id, position"):
        people[r["staff_id"]]["projects"].append(
            {"start": r["start_date"], "end": r["end_date"], "name": r["name"]}
        )
    for r in conn.execute("SELECT * FROM entry ORDER BY staff_id, position"):
        people[r["staff_id"]]["entries"].append(
            {
                "level": r["level"],
                "category": names[r["category_id"]],
                "text": r["text"],
                "kind": r["kind"],
                "date": r["date"],
            }
        )
    with open(out, "w", encoding="utf-8") as f:
        json.dump(
            {"format": "skillmatrix-resume", "version": 1, "staff": list(people.values())},
            f,
            ensure_ascii=False,
            indent=2,
        )


def bare_json_import(path: Path, target: Path) -> None:
    """json.load of an interchange file and its rows inserted in one transaction, unchecked."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    conn = sqlite3.connect(target, isolation_level=None)
    ids = dict(conn.execute("SELECT name, id FROM category").fetchall())
    now = "2026-11-27T00:00:00Z"
    conn.execute("BEGIN")
    for position, s in enumerate(data["staff"]):
        conn.execute(
            "INSERT INTO staff (id, position, name, kana, title, section, experience_override, "
            "revision, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                s["id"],
                position,
                s["name"],
                s["kana"],
                s["title"],
                s["section"],
                s["experience_override"],
                str(uuid.uuid4()),
                now,
                now,
            ],
        )
        conn.executemany(
            "INSERT INTO qualification VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (str(uuid.uuid4()), s["id"], i, q["name"], q["acquired"], q["expires"], now, now)
                for i, q in enumerate(s["qualifications"])
            ],
        )
        conn.executemany(
            "INSERT INTO assignment VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (str(uuid.uuid4()), s["id"], i, a["start"], a["end"], a["name"], a["duties"], now, now)
                for i, a in enumerate(s["assignments"])
            ],
        )
        conn.executemany(
            "INSERT INTO project VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (str(uuid.uuid4()), s["id"], i, p["start"], p["end"], p["name"], now, now)
                for i, p in enumerate(s["projects"])
            ],
        )
        conn.executemany(
            "INSERT INTO entry (id, staff_id, level, category_id, position, text, kind, date, "
            "note, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    str(uuid.uuid4()),
                    s["id"],
                    e["level"],
                    ids[e["category"]],
                    i,
                    e["text"],
                    e["kind"],
                    e["date"],
                    e.get("note", ""),
                    now,
                    now,
                )
                for i, e in enumerate(s["entries"])
            ],
        )
    conn.execute("COMMIT")
    conn.close()


BARE = {"copy": bare_copy, "dump": bare_dump, "json-import": bare_json_import}

if __name__ == "__main__":
    BARE[sys.argv[1]](Path(sys.argv[2]), Path(sys.argv[3]))
