"""Databases holding the seed's two résumés, for the Excel import and form tests."""

from __future__ import annotations

from pathlib import Path

from skillmatrix.demo.seed import seed_staff
from skillmatrix.store.repository import Store


def seed_db(path: Path, people: bool = True) -> Path:
    """Creates a database at path, with the seed's two people unless people is False."""
    with Store.create(path) as store:
        if people:
            store.add_many(seed_staff(store.categories()), action="demo", source="test")
    return path


def categories(path: Path):
    with Store.open(path, readonly=True) as store:
        return store.categories()


def staff(path: Path, name: str):
    with Store.open(path, readonly=True) as store:
        (found,) = store.find_staff(name)
        return store.get_staff(found.id)


def revisions(path: Path, name: str) -> list[str]:
    with Store.open(path, readonly=True) as store:
        (found,) = store.find_staff(name)
        return store.revision_chain(found.id)
