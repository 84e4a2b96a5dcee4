"""The shared file: a self-contained copy of the database (all staff or those chosen)
that others open read-only, print from, or merge into their own.

Export: a consistent snapshot (SQLite's compacting copy, safe while the editor writes) into a
private temporary folder, trimmed to the people shared, vacuumed so nothing of the others
remains in its bytes, verified, and only then copied into place through the guarded
writer (files.copy_into_place: a temporary name beside the target, synced, renamed). A
failure leaves no file under that name (and an existing one untouched).

Import: see untrusted.py (reading and checking) and merge.py (the plan); apply_import
adds the forced backup before the one transaction that writes the plan.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from skillmatrix import files
from skillmatrix.exchange import messages
from skillmatrix.exchange.merge import ImportPlan, apply_plan, require_settled
from skillmatrix.exchange.untrusted import SharedFile, read_shared_file
from skillmatrix.files import clip
from skillmatrix.progress import Progress, no_progress
from skillmatrix.store import audit, schema
from skillmatrix.store.errors import StoreError
from skillmatrix.store.health import inspect
from skillmatrix.store.repository import Store
from skillmatrix.store.shared_sql import journal_mode, snapshot_store, trim_export

__all__ = ["ExportResult", "SharedFile", "apply_import", "export_shared", "read_shared_file"]

_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}


@dataclass
class ExportResult:
    """What an export wrote."""

    path: Path
    staff_count: int
    size: int


def export_shared(
    store: Store,
    out: str | Path,
    staff_ids: list[str] | None = None,
    force: bool = False,
    progress: Progress = no_progress,
) -> ExportResult:
    """Writes the shared file.

    Args:
        store: the open database (read-only or not; the editor may keep writing).
        out: the file to write.
        staff_ids: the people to include (None: everyone).
        force: replace an existing file.
        progress: told how many pages of the snapshot are copied.

    Raises:
        StoreError: the file exists (without force), the folder is missing or not
            writable, the disk is full, or the copy did not verify; nothing is left
            under the final name but a complete, verified file or what was there.
    """
    out = Path(out)
    if out.exists() and not out.is_dir() and not force:
        raise StoreError(messages.EXPORT_TARGET_EXISTS.format(out=clip(str(out))))
    try:
        files.check_output(out, protected=[store.path])
    except files.FileError as e:
        raise StoreError(str(e)) from None
    kept = "元のファイルはそのままです" if out.exists() else "ファイルは作られていません"
    try:
        # The trimmed copy is made in a private folder: the people left out never reach
        # the share, not even in a temporary file there.
        with files.private_folder("export") as folder:
            tmp = folder / "export.sqlite"
            snapshot_store(store, tmp, progress)
            count = trim_export(tmp, staff_ids, {"exported": audit.now(), "exported_by": audit.os_user()})
            _verify(tmp, count)
            os.chmod(tmp, 0o666 & ~_umask())  # a shared file is not private
            files.copy_into_place(tmp, out, protected=[store.path])
    except files.BusyFileError as e:
        raise StoreError(f"{e}（{kept}）") from None
    except files.FileError as e:
        raise StoreError(str(e)) from None
    except sqlite3.Error as e:
        raise _explain(str(e).lower(), None, out, kept) from None
    except OSError as e:
        raise _explain(str(e).lower(), e.errno, out, kept) from None
    health = inspect(out, full=False, immutable=True)  # read back what is under the final name
    if not health.ok:
        raise StoreError(messages.EXPORT_NOT_REREADABLE.format(problems=health.problems[0], out=out))
    return ExportResult(out, count, out.stat().st_size)


def _verify(path: Path, count: int) -> None:
    health = inspect(path, full=False, immutable=True)
    if not health.ok:
        raise StoreError(messages.EXPORT_COPY_CHECK_FAILED.format(problems=health.problems[0]))
    if health.version != schema.current_version() or health.staff_count != count:
        raise StoreError(messages.EXPORT_COPY_DIFFERS)
    if journal_mode(path) != "delete":
        raise StoreError(messages.EXPORT_COPY_NOT_SINGLE_FILE)


def _explain(text: str, code: int | None, out: Path, kept: str) -> StoreError:
    if code in _FULL or "full" in text or "disk i/o" in text or "too large" in text:
        return StoreError(messages.EXPORT_DISK_FULL.format(kept=kept, out=out))
    if code in _DENIED or "readonly" in text or "read-only" in text or "permission" in text:
        return StoreError(messages.EXPORT_FOLDER_UNWRITABLE.format(kept=kept, out_parent=out.parent))
    if "unable to open" in text:
        return StoreError(messages.EXPORT_TARGET_UNWRITABLE.format(kept=kept, out=out))
    return StoreError(messages.EXPORT_FAILED.format(text=text, kept=kept, out=out))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def apply_import(
    store: Store,
    plan: ImportPlan,
    source: str,
    prefer: str | None = None,
    choices: dict[str, str] | None = None,
    progress: Progress = no_progress,
) -> Path | None:
    """Backs the database up, then writes the plan in one transaction.

    Args:
        store: the user's database, open for writing (the caller holds its lock).
        plan: from merge.plan_import on this store.
        source: the file's name, for the audit log.
        prefer, choices: how conflicts are settled (see merge.apply_plan).
        progress: told of each person written; raising progress.Cancelled from it rolls
            the import back (the backup stays, the database is as it was).

    Returns:
        The backup made before the import, or None when the plan changes nothing.

    Raises:
        ConflictError, ValidationError, StoreError: nothing was written.
    """
    if not plan.has_changes:
        return None
    require_settled(plan, prefer, choices)
    backup = store.backup("import")
    apply_plan(store, plan, source, prefer, choices, progress)
    return backup
