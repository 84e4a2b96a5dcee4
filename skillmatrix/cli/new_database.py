"""The init command: an empty database with the default definitions."""

from __future__ import annotations

import argparse
from pathlib import Path

from skillmatrix.cli import CommandError, command, messages, out
from skillmatrix.store.repository import Store


def create_database(path: Path) -> None:
    """Creates a new database with the default levels, categories, courses and profiles.

    Raises:
        CommandError: something already exists at path (it is left untouched), or its
            folder is missing.
    """
    if path.exists() or path.is_symlink():
        raise CommandError(messages.DATABASE_EXISTS.format(path=path))
    if not path.parent.is_dir():
        raise CommandError(messages.DATABASE_FOLDER_MISSING.format(path_parent=path.parent))
    with Store.create(path):
        pass


def _cmd_init_arguments(p: argparse.ArgumentParser) -> None:
    pass


@command(
    "init",
    help="空のデータベースを作る（既定のレベル・分類・研修・人材像入り）",
    arguments=_cmd_init_arguments,
)
def cmd_init(args: argparse.Namespace) -> int:
    create_database(args.db)
    out(f"データベースを作成しました: {args.db}")
    return 0
