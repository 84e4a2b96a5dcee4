"""Backup copies of a database in a `backups/` folder beside it, and restoring one.

A backup is written with SQLite's backup API (a consistent copy even while another
connection writes), verified with quick_check under a temporary name, and only then
renamed into place, so every file under a backup name is complete. Names carry the time
and the reason: `<stem>-20260401-083000-daily.sqlite`.

Kept (see select_kept): every backup of the last 14 days, the first backup of each of
the last 12 months, and always the newest one.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from skillmatrix import files
from skillmatrix.store import messages, schema
from skillmatrix.store.errors import StoreError, explain
from skillmatrix.store.health import Health, inspect

FOLDER = "backups"
KEEP_DAYS = 14
KEEP_MONTHS = 12
REASONS = {  # reason in the file name -> what the restore list shows
    "daily": "毎日の自動バックアップ",
    "import": "取り込みの前",
    "restore": "復元の前",
    "migration": "ファイル形式の更新の前",
    "manual": "手動",
}
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<seq>\d+))?-(?P<reason>[a-z]+)\.sqlite$")


@dataclass(frozen=True)
class BackupInfo:
    """One backup file.

    Attributes:
        path: the file.
        taken: when it was made (local time, from its name).
        reason: 'daily', 'import', 'restore', 'migration' or 'manual'.
    """

    path: Path
    taken: datetime
    reason: str

    @property
    def label(self) -> str:
        """The reason as the restore list shows it."""
        return REASONS.get(self.reason, self.reason)

    def check(self) -> Health:
        """Verifies the backup (quick_check); the result carries its staff count."""
        return inspect(self.path, full=False, immutable=True)


def backup_dir(db_path: str | Path) -> Path:
    """Returns the backups folder of a database (it may not exist yet)."""
    return Path(db_path).resolve().parent / FOLDER


def list_backups(db_path: str | Path) -> list[BackupInfo]:
    """Returns the backups of this database, newest first (other databases' are skipped)."""
    folder, stem = backup_dir(db_path), Path(db_path).stem
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            m = _NAME.match(path.name)
            if not m or m["stem"] != stem or not path.is_file():
                continue
            try:
                taken = datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S")
            except ValueError:
                continue
            found.append(BackupInfo(path, taken, m["reason"]))
    return sorted(found, key=lambda b: (b.taken, b.path.name), reverse=True)


def newest_good_backup(db_path: str | Path) -> tuple[BackupInfo, Health] | None:
    """Returns the newest backup that passes quick_check, with its health, or None."""
    for info in list_backups(db_path):
        health = info.check()
        if health.ok:
            return info, health
    return None


def make_backup(
    db_path: str | Path,
    reason: str,
    conn: sqlite3.Connection | None = None,
    now: datetime | None = None,
    rotate_after: bool = True,
) -> Path:
    """Writes a verified backup of the database into backups/ and thins out old ones.

    Args:
        db_path: the database.
        reason: a key of REASONS.
        conn: an open connection to copy from (e.g. the one about to migrate);
            default: a read-only connection of its own.
        now: the time to name the backup by (tests pass fake dates).
        rotate_after: apply the retention rules afterwards.

    Returns:
        The backup file.

    Raises:
        StoreError: the copy could not be written or does not pass the check; no file
            is left under a backup name and no old backup is removed.
    """
    db_path = Path(db_path)
    now = now or datetime.now()
    folder = backup_dir(db_path)
    target = _free_name(folder, db_path.stem, now, reason)

    def write(tmp: Path) -> None:
        _copy(db_path, tmp, conn)
        health = inspect(tmp, full=False, immutable=True)
        if not health.ok:
            raise StoreError(messages.BACKUP_UNVERIFIED.format(db_path=db_path))

    try:
        folder.mkdir(exist_ok=True)
        # The guarded writer: a temporary name in backups/, synced, renamed (retried
        # while a scanner holds it), removed on any failure.
        files.write_output(target, write)
    except sqlite3.Error as e:
        raise StoreError(messages.BACKUP_FAILED.format(explain=explain(e, str(folder)))) from None
    except files.FileError as e:
        raise StoreError(messages.BACKUP_FAILED_ERROR.format(error=e)) from None
    except OSError as e:
        raise StoreError(
            messages.BACKUP_FAILED_IN_FOLDER.format(reason=e.strerror or e, folder=folder)
        ) from None
    if rotate_after:
        rotate(db_path, now.date(), keep=target)
    return target


def daily_backup(db_path: str | Path, now: datetime | None = None) -> Path | None:
    """Makes the day's backup of a database about to be opened for writing, unless one
    of any kind exists for today. Call it before the window opens the file.

    Returns:
        The new backup, or None when today's exists already.

    Raises:
        StoreError: the backup could not be made (the window warns and goes on).
    """
    now = now or datetime.now()
    if any(b.taken.date() == now.date() for b in list_backups(db_path)):
        return None
    return make_backup(db_path, "daily", now=now)


def select_kept(taken: list[datetime], today: date) -> set[datetime]:
    """Returns which of the backup times to keep (the retention rule, without files).

    Kept: everything from the last KEEP_DAYS days (today included), the earliest of
    each of the last KEEP_MONTHS months (this month included), and the newest.
    """
    kept = {t for t in taken if t.date() > today - timedelta(days=KEEP_DAYS)}
    months = set()
    y, m = today.year, today.month
    for _ in range(KEEP_MONTHS):
        months.add((y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    first: dict[tuple[int, int], datetime] = {}
    for t in taken:
        key = (t.year, t.month)
        if key in months and (key not in first or t < first[key]):
            first[key] = t
    kept |= set(first.values())
    if taken:
        kept.add(max(taken))
    return kept


def rotate(db_path: str | Path, today: date | None = None, keep: Path | None = None) -> list[Path]:
    """Deletes the backups the retention rule does not keep; returns what was removed.

    Args:
        db_path: the database.
        today: the reference day (tests pass fake dates).
        keep: a backup to keep whatever its date (the one just made and verified).
    """
    today = today or date.today()
    backups = list_backups(db_path)
    kept = select_kept([b.taken for b in backups], today)
    removed = []
    for b in backups:
        if b.taken not in kept and b.path != keep:
            _remove(b.path)
            removed.append(b.path)
    return removed


def restore_backup(db_path: str | Path, backup: str | Path, now: datetime | None = None) -> Path:
    """Puts a backup in place of the database. Close every connection to it first.

    The current file is first backed up (reason 'restore'); if it is too damaged to be
    copied, it is moved aside as `<name>.damaged-<time>` instead, never deleted. Stale
    -wal/-shm/-journal files of the old file are moved aside too, so that SQLite can
    never apply them to the restored one.

    Returns:
        The backup of the current file, or where the damaged file was moved.

    Raises:
        StoreError: the backup does not pass the check or could not be copied; the
            database is then as it was.
    """
    db_path, backup = Path(db_path), Path(backup)
    now = now or datetime.now()
    health = inspect(backup, full=True, immutable=True)
    if not health.ok:
        raise StoreError(messages.BACKUP_UNUSABLE.format(problems=health.problems[0]))
    tmp: Path | None = None
    try:
        tmp = db_path.with_name(f"{files.writing.TEMP_PREFIX}{os.getpid()}-restore-{db_path.name[:40]}.tmp")
        src = sqlite3.connect(schema.uri(backup, "ro", immutable=True), uri=True)
        try:
            _copy(backup, tmp, src)
        finally:
            src.close()
        if not inspect(tmp, full=False, immutable=True).ok:
            raise StoreError(messages.RESTORE_COPY_UNVERIFIED.format(db_path=db_path))
        saved = _save_current(db_path, now)
        stamp = now.strftime("%Y%m%d-%H%M%S")
        for suffix in ("-wal", "-shm", "-journal"):
            stale = db_path.with_name(db_path.name + suffix)
            if stale.exists():
                files.replace(stale, stale.with_name(f"{stale.name}.stale-{stamp}"))
        files.replace(tmp, db_path)
        tmp = None
        _fsync_dir(db_path.parent)
        return saved
    except sqlite3.Error as e:
        raise StoreError(messages.RESTORE_FAILED.format(explain=explain(e, str(db_path)))) from None
    except files.FileError as e:
        raise StoreError(messages.RESTORE_FAILED_ERROR.format(error=e)) from None
    except OSError as e:
        raise StoreError(messages.RESTORE_FAILED_AT.format(reason=e.strerror or e, db_path=db_path)) from None
    finally:
        if tmp is not None:
            _remove(tmp)


def _save_current(db_path: Path, now: datetime) -> Path:
    if not db_path.exists():
        return db_path
    try:
        return make_backup(db_path, "restore", now=now, rotate_after=False)
    except StoreError:
        # Damaged only when a check says so: a busy or full disk is not damage, and the
        # restore then stops with the database as it was.
        if inspect(db_path, full=False).ok:
            raise
        aside = db_path.with_name(f"{db_path.name}.damaged-{now.strftime('%Y%m%d-%H%M%S')}")
        files.replace(db_path, aside)
        return aside


def _copy(db_path: Path, dest_path: Path, conn: sqlite3.Connection | None) -> None:
    """Copies a database page by page into dest_path (a consistent snapshot)."""
    own = conn is None
    src = conn or sqlite3.connect(schema.uri(db_path, "ro"), uri=True)
    dest = sqlite3.connect(dest_path)
    try:
        src.backup(dest)
        # The copy inherits WAL mode from the page header; a backup must be one file.
        dest.execute("PRAGMA journal_mode = DELETE")
        dest.commit()
    finally:
        dest.close()
        if own:
            src.close()
    with open(dest_path, "rb+") as f:
        os.fsync(f.fileno())


def _free_name(folder: Path, stem: str, now: datetime, reason: str) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = folder / f"{stem}-{stamp}-{reason}.sqlite"
    seq = 1
    while target.exists():
        seq += 1
        target = folder / f"{stem}-{stamp}-{seq}-{reason}.sqlite"
    return target


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows has no directory handles to sync.
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-journal")):
        files.remove_quietly(p)  # else left; a hidden temp name is never taken for a backup
