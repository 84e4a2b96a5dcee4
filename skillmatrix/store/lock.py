"""Tells a second window or process that a database is already open for editing.

An advisory lock: `<database>.lock` beside the file, locked with the operating system's
own file lock (flock on POSIX, msvcrt.locking on Windows). The OS drops the lock when
the holder exits or is killed, so a crash never leaves a stale lock behind. The file's
text says who holds it (user, computer, process, since when) for the message.

SQLite's own locking still guards every write (busy_timeout, then a clear error); this
lock is what lets the second window say "in use" up front and offer read-only.

Usage:
    try:
        lock = DatabaseLock(path).acquire()
    except InUseError as e:
        ...  # e.holder says who; offer read-only
    ...
    lock.release()
"""

from __future__ import annotations

import json
import os
import socket
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from skillmatrix.store import messages
from skillmatrix.store.audit import os_user
from skillmatrix.store.errors import StoreError

# sys.platform rather than os.name: mypy checks each branch only for its own platform.
if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl

# Windows locks byte ranges and a locked range cannot be read by others: lock one byte
# far past the text so that the holder's description stays readable.
_WINDOWS_LOCK_OFFSET = 1 << 30


class InUseError(StoreError):
    """The database is open for editing elsewhere.

    Attributes:
        holder: what the lock file says about the holder (user, host, pid, since), or {}.
    """

    def __init__(self, message: str, holder: dict[str, Any]):
        super().__init__(message)
        self.holder = holder


def lock_path(db_path: str | Path) -> Path:
    """Returns the lock file of a database."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


def read_holder(db_path: str | Path) -> dict[str, Any]:
    """Returns who the lock file names as holder ({} when there is none or it is unreadable)."""
    try:
        data = json.loads(lock_path(db_path).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def describe_holder(holder: dict[str, Any]) -> str:
    """Returns '山田（PC-01、10:32から）' style text for a message ('' if unknown)."""
    parts = [str(holder[k]) for k in ("host",) if holder.get(k)]
    since = holder.get("since")
    if isinstance(since, str) and len(since) >= 16:
        parts.append(f"{since[:10]} {since[11:16]}から")
    user = str(holder.get("user") or "")
    if not user and not parts:
        return ""
    return user + (f"（{'、'.join(parts)}）" if parts else "")


class DatabaseLock:
    """The editing lock of one database (not re-entrant: one per open window)."""

    def __init__(self, db_path: str | Path):
        self.db_path = Path(db_path)
        self.path = lock_path(db_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fd is not None

    def acquire(self) -> DatabaseLock:
        """Takes the lock at once or fails; returns self.

        Raises:
            InUseError: another window or process holds it.
            StoreError: the lock file cannot be created (e.g. a read-only folder).
        """
        if self._fd is not None:
            return self
        for _ in range(5):  # retried only when the holder removed the file under us
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as e:
                raise StoreError(
                    messages.LOCK_FILE_UNWRITABLE.format(reason=e.strerror, path=self.path)
                ) from None
            if not _try_lock(fd):
                os.close(fd)
                holder = read_holder(self.db_path)
                who = describe_holder(holder)
                raise InUseError(
                    messages.LOCKED_BY.format(
                        who=who + "が" if who else "他のウィンドウかプログラムで", db_path=self.db_path
                    ),
                    holder,
                )
            if _same_file(fd, self.path):
                self._fd = fd
                self._write_holder()
                return self
            os.close(fd)  # we locked a file the previous holder had just unlinked
        raise StoreError(messages.LOCK_NOT_ACQUIRED.format(path=self.path))

    def release(self) -> None:
        """Gives the lock up and removes the lock file (safe to call twice)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if sys.platform == "win32":  # pragma: no cover
            try:
                os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            except OSError:
                pass  # closing the handle drops it as well
            os.close(fd)
            try:
                self.path.unlink()
            except OSError:
                pass  # another process has it open and will reuse it
        else:
            # Unlink while still locked: a process that opened the old file and gets the
            # lock after us sees that it is no longer the file at this path, and retries.
            try:
                self.path.unlink()
            except OSError:
                pass
            os.close(fd)

    def _write_holder(self) -> None:
        text = json.dumps(
            {
                "user": os_user(),
                "host": socket.gethostname(),
                "pid": os.getpid(),
                "since": datetime.now().isoformat(timespec="seconds"),
            },
            ensure_ascii=False,
        ).encode("utf-8")
        if self._fd is None:
            return
        try:
            os.lseek(self._fd, 0, os.SEEK_SET)
            os.write(self._fd, text)
            os.ftruncate(self._fd, len(text))
        except OSError:
            pass  # the description is a courtesy; the lock itself is held

    def __enter__(self) -> DatabaseLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __del__(self) -> None:
        try:
            self.release()
        except Exception:  # interpreter shutdown: the OS drops the lock with the process
            pass


def is_in_use(db_path: str | Path) -> bool:
    """True when another window or process holds the database's lock."""
    lock = DatabaseLock(db_path)
    try:
        lock.acquire()
    except InUseError:
        return True
    except StoreError:
        return False
    lock.release()
    return False


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _same_file(fd: int, path: Path) -> bool:
    try:
        a, b = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)
