"""Fixtures of the shared-file tests: demo databases made once per session and copied."""

import shutil
from pathlib import Path

import pytest

from tests.exchange.shared_support import sm


@pytest.fixture(scope="session")
def demo_factory(tmp_path_factory):
    """Returns copy(folder, staff, name): a private copy of a demo database of `staff`
    people (`main.py demo --staff N`, run once per size)."""
    made: dict[int, Path] = {}

    def copy(folder: Path, staff: int, name: str = "user.sqlite") -> Path:
        if staff not in made:
            path = tmp_path_factory.mktemp(f"demo{staff}") / "demo.sqlite"
            sm("demo", "--db", path, "--staff", staff, check=0)
            made[staff] = path
        target = Path(folder) / name
        shutil.copyfile(made[staff], target)
        return target

    return copy
