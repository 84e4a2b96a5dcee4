"""The one guarded way to write an output file.

Every file the program writes — dump, export, print, report, the window's PDF export,
backups — goes through open_output() or write_output():

- the target is refused (FileError, one line) when it is an open database or one of its
  companions (-wal, -shm, -journal, .lock), a backup of it, a folder, or anything but a
  regular file (device, FIFO, socket); paths are compared resolved and by device and
  inode, so a second name (symlink, hard link, other spelling) of the database is caught;
- `-` means standard output;
- a symlink is never renamed over: its target is written instead;
- the bytes go to a temporary file in the target's folder, flushed and fsynced, then
  renamed into place (retried while a scanner holds the file); on any failure the
  temporary file is removed and an existing file at the target is left as it was;
- temporary names are recognisable (TEMP_PREFIX, the writer's process id); leftovers of a
  killed writer are swept by the next write into that folder and at start-up, once they
  are older than STALE_SECONDS and no process holds their lock.
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO, TypeVar

import skillmatrix.files.messages as messages
from skillmatrix.files.busy import remove_quietly, remove_tree_quietly, replace
from skillmatrix.files.errors import FileError, clip

T = TypeVar("T")

if sys.platform == "win32":  # pragma: no cover - Windows only
    import msvcrt
else:
    import fcntl


STDIO = "-"
TEMP_PREFIX = ".~skillmatrix-"
TEMP_SUFFIX = ".tmp"
PRIVATE_PREFIX = "skillmatrix-"  # private folders in the system's temporary folder
STALE_SECONDS = 12 * 3600  # longer than any plausible print or export
COMPANIONS = ("-wal", "-shm", "-journal", ".lock")  # SQLite's files and store/lock.py's
BACKUP_FOLDER = "backups"  # store/backup.py's folder beside the database

_protected: dict[str, Path] = {}


def protect(db_path: str | os.PathLike[str]) -> None:
    """Registers an open database: no output may go onto it or its companions."""
    path = Path(os.path.abspath(os.fspath(db_path)))
    _protected[os.path.normcase(str(path))] = path


def unprotect(db_path: str | os.PathLike[str]) -> None:
    """Forgets a database registered with protect() (it was closed)."""
    _protected.pop(os.path.normcase(os.path.abspath(os.fspath(db_path))), None)


def is_stdio(target: str | os.PathLike[str]) -> bool:
    """True when the path given is `-` (standard output or input)."""
    return os.fspath(target) == STDIO


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "フォルダ"
    if stat.S_ISFIFO(mode):
        return "名前付きパイプ（FIFO）"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "デバイス"
    if stat.S_ISSOCK(mode):
        return "ソケット"
    return "通常のファイルではないもの"


def _same_file(a: Path, b: Path) -> bool:
    if os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b)):
        return True
    try:
        return os.path.samestat(os.stat(a), os.stat(b))
    except OSError:
        return False


def _guarded(db: Path) -> Iterator[Path]:
    yield db
    for suffix in COMPANIONS:
        yield db.with_name(db.name + suffix)


def _is_backup_of(final: Path, db: Path) -> bool:
    folder = Path(os.path.realpath(db)).parent / BACKUP_FOLDER
    return _same_file(final.parent, folder) and final.name.startswith(db.stem + "-")


def check_output(target: str | os.PathLike[str], protected: Iterable[str | os.PathLike[str]] = ()) -> Path:
    """Checks that target may be written; returns the file to write (a symlink's target).

    Args:
        target: the output path as the user gave it.
        protected: databases open in this run, besides those registered with protect().

    Raises:
        FileError: one Japanese line saying why not.
    """
    path = Path(target)
    shown = clip(os.fspath(target))
    try:
        st: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise FileError(messages.OUTPUT_UNCHECKABLE.format(reason=e.strerror or e, shown=shown)) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise FileError(messages.OUTPUT_IS_FOLDER.format(shown=shown))
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise FileError(messages.OUTPUT_NOT_REGULAR.format(kind=_kind(st.st_mode), shown=shown))
    # Never rename over a link: write where it points.
    final = Path(os.path.realpath(path)) if path.is_symlink() else Path(os.path.abspath(path))
    if not final.parent.is_dir():
        raise FileError(messages.OUTPUT_FOLDER_MISSING.format(final_parent=clip(str(final.parent))))
    databases = [Path(p) for p in protected] + list(_protected.values())
    for db in databases:
        for guarded in _guarded(Path(os.path.abspath(db))):
            if _same_file(final, guarded):
                what = "開いているデータベース" if guarded.name == db.name else "データベースの関連ファイル"
                raise FileError(messages.OUTPUT_PROTECTED.format(what=what, shown=shown))
        if st is not None and _is_backup_of(final, db):  # a new backup name is store/backup.py's
            raise FileError(messages.OUTPUT_IS_BACKUP.format(shown=shown))
    return final


def _pid_alive(pid: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


def _lock(fd: int) -> bool:
    """Takes the writer's lock on a temporary file; False when another holds it."""
    try:
        if sys.platform == "win32":  # pragma: no cover - Windows only
            os.lseek(fd, 1 << 40, os.SEEK_SET)  # far from SQLite's lock bytes at 1 GiB
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _writer_gone(path: Path) -> bool:
    pid_text = path.name[len(TEMP_PREFIX) :].split("-", 1)[0]
    if pid_text.isdigit() and int(pid_text) != os.getpid() and _pid_alive(int(pid_text)):
        # The pid may have been reused: the lock tells for sure.
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return False
        try:
            return _lock(fd)
        finally:
            os.close(fd)
    return pid_text.isdigit() and int(pid_text) != os.getpid()


def sweep_stale(folder: str | os.PathLike[str], max_age: float = STALE_SECONDS) -> list[Path]:
    """Removes this program's temporary files left in folder by a killed writer.

    Returns:
        The files removed.
    """
    removed: list[Path] = []
    now = time.time()
    try:
        candidates = list(Path(folder).glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}*"))
    except OSError:
        return removed
    for path in candidates:
        try:
            if now - path.lstat().st_mtime <= max_age or not _writer_gone(path):
                continue
        except OSError:
            continue
        if remove_quietly(path):
            removed.append(path)
    return removed


def _new_temp(final: Path) -> tuple[Path, int]:
    """Creates the temporary file beside final; returns it and a descriptor holding its lock."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = final.with_name(
            f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}-{final.name[:40]}{TEMP_SUFFIX}"
        )
        try:
            fd = os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
        except OSError as e:
            raise FileError(
                messages.OUTPUT_FOLDER_UNWRITABLE.format(
                    reason=e.strerror or e, final_parent=clip(str(final.parent))
                )
            ) from None
        _lock(fd)
        return tmp, fd


def _fsync_dir(folder: Path) -> None:
    if os.name == "posix":  # a rename is durable only once its folder is synced
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _commit(tmp: Path, final: Path) -> None:
    try:
        st = os.lstat(final)
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):  # changed since check_output
        raise FileError(messages.OUTPUT_NO_LONGER_REGULAR.format(final=clip(str(final))))
    if st is not None:
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
    replace(tmp, final)
    _fsync_dir(final.parent)


def _release(fd: int | None) -> None:
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)


@contextlib.contextmanager
def open_output(
    target: str | os.PathLike[str],
    *,
    text: bool = False,
    encoding: str = "utf-8",
    errors: str = "strict",
    protected: Iterable[str | os.PathLike[str]] = (),
) -> Iterator[IO[Any]]:
    """Opens an output for writing; the file appears under its name only when the block
    ends without an exception.

    Args:
        target: the file, or `-` for standard output.
        text: yield a text stream (with encoding and errors, newlines as \\n).
        encoding, errors: for text.
        protected: databases the output must not overwrite (see check_output).

    Raises:
        FileError: the target is refused, or its folder cannot be written.
        BusyFileError: the rename kept failing because another program held the file.
        OSError: writing failed (the disk is full, …); nothing was changed.
    """
    if is_stdio(target):
        raw: BinaryIO | None = getattr(sys.stdout, "buffer", None)
        if raw is None:
            raise FileError(messages.NO_STANDARD_OUTPUT)
        sys.stdout.flush()
        if text:
            # A text layer over standard output, detached (not closed) afterwards.
            wrapper = io.TextIOWrapper(
                raw, encoding=encoding, errors=errors, newline="\n", write_through=True
            )
            try:
                yield wrapper
                wrapper.flush()
            finally:
                wrapper.detach()
        else:
            yield raw
            raw.flush()
        return
    final = check_output(target, protected)
    sweep_stale(final.parent)
    tmp, lock_fd_or_none = _new_temp(final)
    lock_fd: int | None = lock_fd_or_none
    try:
        mode = "w" if text else "wb"
        with open(
            tmp,
            mode,
            encoding=encoding if text else None,
            errors=errors if text else None,
            newline="\n" if text else None,
        ) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        _release(lock_fd)
        lock_fd = None
        _commit(tmp, final)
    except BaseException:
        _release(lock_fd)
        remove_quietly(tmp)
        raise


def write_output(
    target: str | os.PathLike[str],
    build: Callable[[Path], T],
    *,
    protected: Iterable[str | os.PathLike[str]] = (),
) -> T:
    """Writes an output with a function that wants a file name (reportlab, openpyxl,
    SQLite): build(path) fills a temporary file, which is then synced and renamed into
    place (or copied to standard output for `-`).

    Returns:
        What build returned.

    Raises:
        FileError, BusyFileError, OSError: see open_output; and whatever build raises,
        with nothing changed at the target.
    """
    if is_stdio(target):
        with private_folder("out") as folder:
            part = folder / "output"
            result = build(part)
            with open(part, "rb") as f, open_output(STDIO) as out:
                shutil.copyfileobj(f, out)
            return result
    final = check_output(target, protected)
    sweep_stale(final.parent)
    tmp, lock_fd_or_none = _new_temp(final)
    lock_fd: int | None = lock_fd_or_none
    try:
        result = build(tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        _release(lock_fd)
        lock_fd = None
        _commit(tmp, final)
        return result
    except BaseException:
        _release(lock_fd)
        remove_quietly(tmp)
        remove_quietly(tmp.with_name(tmp.name + "-journal"))
        raise


def copy_into_place(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    *,
    protected: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Copies a finished file to target through the guarded writer."""
    write_output(target, lambda tmp: shutil.copyfile(source, tmp), protected=protected)


@contextlib.contextmanager
def private_folder(kind: str) -> Iterator[Path]:
    """A private temporary folder (in the user's temporary folder, never beside the
    output) removed afterwards with errors ignored; a folder a killed run left behind is
    removed by sweep_private_folders()."""
    folder = Path(tempfile.mkdtemp(prefix=f"{PRIVATE_PREFIX}{kind}-"))
    try:
        yield folder
    finally:
        remove_tree_quietly(folder)


def sweep_private_folders(max_age: float = 24 * 3600) -> None:
    """Removes private folders older than max_age (they may hold personal data)."""
    now = time.time()
    for folder in Path(tempfile.gettempdir()).glob(f"{PRIVATE_PREFIX}*"):
        try:
            if folder.is_dir() and not folder.is_symlink() and now - folder.stat().st_mtime > max_age:
                remove_tree_quietly(folder)
        except OSError:
            pass  # another user's, or gone meanwhile


def append_text(target: str | os.PathLike[str], text: str, rotate_at: int | None = None) -> Path:
    """Appends text to a log file: the one output that grows in place rather than being
    replaced. The same checks as any output (never a database, its companions, a folder
    or a device); when the file is larger than rotate_at bytes it is first renamed to
    NAME.1 (keeping one older file).

    Raises:
        FileError: the target is refused. OSError: writing failed.
    """
    final = check_output(target)
    if rotate_at is not None and final.exists() and final.stat().st_size > rotate_at:
        replace(final, final.with_name(final.name + ".1"))
    with open(final, "a", encoding="utf-8") as f:
        f.write(text)
    return final
