"""Opening a database for the window: the lock, the health check, read-only fallbacks.

open_store() does it without asking anything (create_window and tests use it):
- a file that cannot be written, or whose folder cannot be, opens read-only;
- a file opened for writing takes the editing lock first (InUseError if another window
  or process has it);
- the file is checked (quick_check, read-only) before anything writes to it: a damaged
  file raises DamagedError and is left as it is.

open_with_questions() wraps an attempt to open in the questions a person answers:
in use → open read-only?; damaged → restore the newest backup that passes the check?
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import QWidget

from skillmatrix.store import schema
from skillmatrix.store.backup import newest_good_backup, restore_backup
from skillmatrix.store.errors import StoreError
from skillmatrix.store.health import Health, inspect
from skillmatrix.store.lock import DatabaseLock, InUseError, describe_holder
from skillmatrix.store.repository import Store
from skillmatrix.ui.common import prompts

T = TypeVar("T")

READ_ONLY_PLACE = "このファイルまたはフォルダに書き込めないため、読み取り専用で開きました"
READ_ONLY_IN_USE = "他で編集中のため、読み取り専用で開きました"


class DamagedError(StoreError):
    """The file did not pass the check on opening; nothing was written to it.

    Attributes:
        health: what the check found.
    """

    def __init__(self, health: Health):
        super().__init__(brief(health.problems[0]))
        self.health = health


def brief(text: str, lines: int = 3) -> str:
    """Shortens SQLite's page-by-page findings to their first lines (the file's path,
    at the end of the text, is kept)."""
    parts = text.splitlines()
    if len(parts) <= lines + 1:
        return text
    tail = parts[-1].rpartition(": ")[2]
    return "\n".join(parts[:lines]) + f"\n…（ほか{len(parts) - lines}行）: {tail}"


@dataclass
class Opened:
    """A database opened for the window.

    Attributes:
        store: the open store.
        lock: the editing lock (None when read-only).
        note: why the file is read-only although writing was asked ('' otherwise).
    """

    store: Store
    lock: DatabaseLock | None
    note: str = ""


def can_write(path: str | Path) -> bool:
    """True when the file (if it exists) and its folder can be written.

    SQLite needs the folder too (the -wal, -shm and lock files live beside the file).
    Tests replace this function to simulate a write-protected stick or share.
    """
    path = Path(path)
    if path.exists() and not os.access(path, os.W_OK):
        return False
    folder = path.resolve().parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # a folder still to be made: the one it is made in counts
    return os.access(folder, os.W_OK)


def _is_new(path: Path) -> bool:
    return not path.exists() or (path.is_file() and path.stat().st_size == 0)


def check_health(path: Path) -> None:
    """Raises DamagedError (StoreError for a newer program's file) unless the file passes
    quick_check; the file is opened read-only for it."""
    health = inspect(path, full=False)
    if health.ok:
        return
    if health.version is not None and health.version > schema.current_version():
        raise StoreError(health.problems[0])  # not damaged: a backup would be older, not better
    raise DamagedError(health)


def open_store(
    path: str | Path, readonly: bool = False, create: bool = False, held: DatabaseLock | None = None
) -> Opened:
    """Opens a database for the window, asking nothing.

    Args:
        path: the file.
        readonly: open read-only (SQLite's read-only mode; the file is never modified).
        create: create the file (default levels and categories) when it is missing or empty.
        held: the lock of this file this window already holds (reopening it).

    Raises:
        InUseError: another window or process edits the file.
        DamagedError: the file does not pass the check.
        StoreError: any other reason it cannot be opened (missing, not ours, newer).
    """
    path = Path(path)
    note = ""
    new = _is_new(path)
    if not path.exists() and not (create and not readonly):
        raise StoreError(f"データベースファイルが見つかりません: {path}")
    if not readonly and not can_write(path):
        if new:
            raise StoreError(
                f"このフォルダには書き込めないため、データベースを作れません: {path.resolve().parent}"
            )
        readonly, note = True, READ_ONLY_PLACE
    if readonly:
        check_health(path)
        return Opened(Store.open(path, readonly=True), None, note)
    if new and create:
        path.parent.mkdir(parents=True, exist_ok=True)
    lock = held if held is not None and held.held else DatabaseLock(path).acquire()
    try:
        if new and create:
            store = Store.create(path)
        else:
            check_health(path)
            store = Store.open(path)
    except BaseException:
        if lock is not held:
            lock.release()
        raise
    return Opened(store, lock, note)


def restore_newest(path: Path, backup: Path, held: DatabaseLock | None = None) -> Path:
    """Puts a backup in place of a database no one has open (the damaged file on opening).

    Returns:
        Where the file that was there went (its backup, or the damaged file moved aside).

    Raises:
        InUseError, StoreError: nothing changed.
    """
    if held is not None and held.held:
        return restore_backup(path, backup)
    with DatabaseLock(path):
        return restore_backup(path, backup)


def open_with_questions(
    parent: QWidget | None, path: Path, readonly: bool, attempt: Callable[[bool], T]
) -> tuple[T | None, str]:
    """Calls attempt(readonly) and answers its refusals with the user.

    In use: offers to open read-only. Damaged: names the problem and offers the newest
    backup that passes the check (the damaged file is kept beside). Anything else: says
    why, once.

    Returns:
        (what attempt returned or None when the user gave up, a note for the status bar).
    """
    tr = parent.tr if parent is not None else (lambda text: text)
    note, restored = "", False
    while True:
        try:
            return attempt(readonly), note
        except InUseError as error:
            who = describe_holder(error.holder)
            text = (
                tr("「{name}」は{who}が編集中です。").format(name=path.name, who=who)
                if who
                else tr("「{name}」は他のウィンドウかプログラムで編集中です。").format(name=path.name)
            )
            if not prompts.ask(
                parent,
                tr("使用中のファイル"),
                text,
                tr("読み取り専用で開きますか？（閲覧と印刷ができます）\n{path}").format(path=path),
                yes=tr("読み取り専用で開く"),
                no=tr("キャンセル"),
                name="inUseDialog",
            ):
                return None, ""
            readonly, note = True, READ_ONLY_IN_USE
        except DamagedError as error:
            found = None if restored else newest_good_backup(path)
            if found is None:
                prompts.tell(
                    parent,
                    tr("開けません"),
                    str(error),
                    tr("ファイルには何も書き込んでいません。正常なバックアップはありません。"),
                    name="damagedDialog",
                )
                return None, ""
            info, health = found
            offer = tr(
                "ファイルには何も書き込んでいません。\n最新の正常なバックアップ: {when}（{why}、職員{n}名）\n"
                "このバックアップから復元しますか？ 今のファイルは消さずに残します。"
            ).format(when=f"{info.taken:%Y-%m-%d %H:%M}", why=info.label, n=health.staff_count)
            if not prompts.ask(
                parent,
                tr("ファイルが壊れています"),
                str(error),
                offer,
                yes=tr("バックアップから復元"),
                no=tr("キャンセル"),
                name="damagedDialog",
            ):
                return None, ""
            try:
                kept = restore_newest(path, info.path)
            except StoreError as failure:
                prompts.tell(parent, tr("復元できませんでした"), str(failure), name="restoreFailedDialog")
                return None, ""
            restored = True
            note = tr("{when}のバックアップから復元しました（元のファイルは {kept}）").format(
                when=f"{info.taken:%Y-%m-%d %H:%M}", kept=kept.name
            )
        except StoreError as error:
            prompts.tell(parent, tr("開けません"), str(error), name="openFailedDialog")
            return None, ""
