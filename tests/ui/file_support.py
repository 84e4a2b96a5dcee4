"""Helpers of the shared-file and file-safety window tests: databases with people, the
chief / sub-leader pair, answering the file dialogs and questions without a person."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from skillmatrix.demo.generated import generated_staff, seed_staff
from skillmatrix.exchange.merge import plan_import
from skillmatrix.exchange.shared_file import apply_import, export_shared, read_shared_file
from skillmatrix.store.repository import Store
from skillmatrix.ui.common import prompts


def make_db(path: Path, generated: int = 4) -> Path:
    """A database with the seed's two résumés and `generated` more people."""
    with Store.create(path) as store:
        categories = store.categories()
        store.add_many(seed_staff(categories) + generated_staff(generated, categories), "demo", "test")
    return path


def export(db: Path, out: Path, ids=None) -> Path:
    with Store.open(db, readonly=True) as store:
        export_shared(store, out, ids)
    return out


def merge(db: Path, shared: Path, prefer: str | None = None) -> None:
    with Store.open(db) as store:
        loaded = read_shared_file(shared, store.categories())
        apply_import(store, plan_import(store, loaded.people, loaded.chains), shared.name, prefer)


def edit(db: Path, staff_id: str, **fields):
    with Store.open(db) as store:
        staff = store.get_staff(staff_id)
        for key, value in fields.items():
            setattr(staff, key, value)
        store.save_staff(staff)
        return store.get_staff(staff_id)


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows(path: Path) -> tuple:
    """Every person, the definitions and the audit trail, read by a second connection."""
    from tests.ui.support import definitions, snapshot

    with Store.open(path, readonly=True) as store:
        audit = len(store.audit_log(100000))
    return snapshot(path), definitions(path), audit


class Answers:
    """Stands in for the person at the keyboard: file dialogs and prompts.ask/tell.

    Attributes:
        files: the paths the next file dialogs return, in order.
        yes: the answers of the next questions (default: yes).
        asked, told: (title, text, detail) of every question and notice.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.files: list[Path] = []
        self.yes: list[bool] = []
        self.asked: list[tuple[str, str, str]] = []
        self.told: list[tuple[str, str, str]] = []
        monkeypatch.setattr(prompts, "ask", self._ask)
        monkeypatch.setattr(prompts, "tell", self._tell)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(self._file))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(self._file))

    def _file(self, *_args, **_kwargs):
        return (str(self.files.pop(0)) if self.files else "", "")

    def _ask(self, _parent, title, text, detail="", **_kwargs) -> bool:
        self.asked.append((title, text, detail))
        return self.yes.pop(0) if self.yes else True

    def _tell(self, _parent, title, text, detail="", **_kwargs) -> None:
        self.told.append((title, text, detail))
