"""The audit table: who changed what, when, with the before and after as JSON."""

from __future__ import annotations

import getpass
import json
import os
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database


def os_user() -> str:
    """Returns the name of the OS user, or '不明' where the OS does not say."""
    try:
        return getpass.getuser()
    except Exception:  # getuser raises OSError/KeyError on odd systems; never block a save
        return os.environ.get("USERNAME") or "不明"


def now() -> str:
    """Returns the current UTC time as ISO 8601 text, the form every timestamp takes."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def record(db: Database, action: str, target: str, before: Any = None, after: Any = None) -> None:
    """Adds one audit row; call inside the transaction of the change it describes."""
    db.execute(
        "INSERT INTO audit (at, user, action, target, before, after) VALUES (?, ?, ?, ?, ?, ?)",
        [
            now(),
            os_user(),
            action,
            target,
            None if before is None else json.dumps(before, ensure_ascii=False),
            None if after is None else json.dumps(after, ensure_ascii=False),
        ],
    )


def recent(db: Database, limit: int = 100, target: str | None = None) -> list[dict[str, Any]]:
    """Returns the newest audit rows first (at, user, action, target, before, after)."""
    where, params = ("WHERE target = ?", [target]) if target else ("", [])
    return list(
        db.query(
            f"SELECT at, user, action, target, before, after FROM audit {where} ORDER BY id DESC LIMIT ?",
            [*params, limit],
        )
    )
