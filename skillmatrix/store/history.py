"""The past read back from the revisions (staff_revision.content, db/0007) and the saved
異動 scenarios.

For a moment T each person's sheet is the revision with the latest `created` at or
before T; a person deleted after that revision and before T (the audit row of the
deletion) was gone by then. Revisions made before schema 7 kept no content, so a person
whose only revisions then are older than the upgrade is not known at T (the upgrade
filled in everyone's current revision, so every file knows at least its present).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from skillmatrix.domain.coverage import Scenario
from skillmatrix.domain.dates import fiscal_year
from skillmatrix.domain.department_view import Person, Snapshot
from skillmatrix.domain.history import PastSheet, moment, past_sheet
from skillmatrix.domain.model import Staff, new_id
from skillmatrix.domain.serialize import staff_from_dict
from skillmatrix.store import audit, messages
from skillmatrix.store.department import DepartmentStore
from skillmatrix.store.errors import StoreError
from skillmatrix.store.repository import Store


class HistoryStore:
    """The revisions of one open database, read as the department's past."""

    def __init__(self, store: Store):
        self.store = store
        self.db = store.db

    def _contents_at(self, at: str, staff_id: str | None = None) -> dict[str, dict[str, Any]]:
        where, params = ("AND staff_id = ?", [at, staff_id]) if staff_id else ("", [at])
        found: dict[str, tuple[str, str]] = {}
        # Rows come oldest first per person, so the last one kept is the one current at `at`.
        for sid, created, content in self.db.execute(
            f"SELECT staff_id, created, content FROM staff_revision WHERE created <= ? {where} "
            "ORDER BY staff_id, created, rowid",
            params,
        ):
            found[sid] = (created, content)
        if staff_id:  # one person: the audit index on (target, at) finds the deletion
            rows = self.db.execute(
                "SELECT substr(target, 7), max(at) FROM audit WHERE target = ? AND action = 'delete' "
                "AND at <= ? GROUP BY target",
                [f"staff:{staff_id}", at],
            )
        else:
            rows = self.db.execute(
                "SELECT substr(target, 7), max(at) FROM audit WHERE action = 'delete' "
                "AND target LIKE 'staff:%' AND at <= ? GROUP BY target",
                [at],
            )
        gone = dict(rows.fetchall())
        return {
            sid: json.loads(content)
            for sid, (created, content) in found.items()
            if content is not None and not (sid in gone and gone[sid] >= created)
        }

    def sheets_at(self, at: str, kinds: Iterable[str] | None = None) -> dict[str, PastSheet]:
        """Returns staff id -> the sheet each person had at the stored timestamp at."""
        kinds = list(kinds) if kinds is not None else None
        return {sid: past_sheet(c, kinds) for sid, c in self._contents_at(at).items()}

    def staff_at(self, staff_id: str, at: str) -> Staff | None:
        """Returns one person's whole sheet as it was at `at` (None: not there then)."""
        content = self._contents_at(at, staff_id).get(staff_id)
        if content is None:
            return None
        ids = {c.id: c.id for c in self.store.categories()}
        problems: list[str] = []
        staff = staff_from_dict(content, ids, 1, problems)
        return staff

    def order(self, ids: Iterable[str]) -> list[str]:
        """Returns ids in list order: people still here by position, then the others."""
        wanted = set(ids)
        here = [s for s in self.store.staff_ids() if s in wanted]
        return here + sorted(wanted - set(here))

    def snapshot_at(self, day: date | str, kinds: Iterable[str] | None = None) -> Snapshot:
        """Returns the department as it stood at the start of day (or at a timestamp):
        people and levels from the revisions, ticks dated up to then, today's profiles.

        Target profiles and the can-do statements keep no history: the past is measured
        against today's targets.
        """
        at = moment(day) if isinstance(day, date) else day
        kinds = list(kinds) if kinds is not None else None
        sheets = self.sheets_at(at, kinds)
        department = DepartmentStore(self.store)
        now = department.snapshot(kinds)
        cutoff = at[:10]
        ticks = {
            sid: {s: d for s, d in mine.items() if d is None or d.iso() <= cutoff}
            for sid, mine in now.ticks.items()
            if sid in sheets
        }
        return Snapshot(
            categories=now.categories,
            people=[
                Person(s.staff_id, s.name, s.kana, s.title, s.section)
                for s in (sheets[i] for i in self.order(sheets))
            ],
            levels={sid: s.levels for sid, s in sheets.items()},
            profiles=now.profiles,
            assigned={k: v for k, v in now.assigned.items() if k in sheets},
            can_do=now.can_do,
            ticks=ticks,
            kinds=now.kinds,
        )

    def earliest(self) -> str | None:
        """Returns the oldest revision with content (the first moment that can be shown)."""
        row = self.db.execute("SELECT min(created) FROM staff_revision WHERE content IS NOT NULL").fetchone()
        return row[0] if row else None

    def fiscal_years(self, today: date) -> list[int]:
        """Returns the 年度 whose 4月1日 can be shown, newest first: from the 年度 after the
        oldest kept revision (its 4月1日 comes after it) up to the current one."""
        first = self.earliest()
        if first is None:
            return []
        start = fiscal_year(date.fromisoformat(first[:10])) + 1
        return list(range(fiscal_year(today), start - 1, -1))

    # -- saved scenarios ---------------------------------------------------------------

    def scenarios(self) -> dict[str, Scenario]:
        """Returns the saved 異動 scenarios by name."""
        return {
            name: Scenario.from_json(json.loads(content))
            for name, content in self.db.execute("SELECT name, content FROM scenario ORDER BY name")
        }

    def save_scenario(self, name: str, scenario: Scenario) -> None:
        """Saves (or replaces) a scenario under name; one transaction, one audit row."""
        name = name.strip()
        if not name:
            raise StoreError(messages.SCENARIO_NAME_EMPTY)
        content = json.dumps(scenario.to_json(), ensure_ascii=False)
        stamp = audit.now()
        with self.store._write():
            row = self.db.execute("SELECT id FROM scenario WHERE name = ?", [name]).fetchone()
            if row:
                self.db.execute(
                    "UPDATE scenario SET content = ?, updated = ? WHERE id = ?", [content, stamp, row[0]]
                )
            else:
                self.db.execute(
                    "INSERT INTO scenario (id, name, content, created, updated) VALUES (?, ?, ?, ?, ?)",
                    [new_id(), name, content, stamp, stamp],
                )
            audit.record(self.db, "scenario", f"scenario:{name}", None, scenario.to_json())

    def delete_scenario(self, name: str) -> None:
        """Removes a saved scenario (nothing happens when there is none of that name)."""
        with self.store._write():
            self.db.execute("DELETE FROM scenario WHERE name = ?", [name])
            audit.record(self.db, "scenario_delete", f"scenario:{name}", None, None)
