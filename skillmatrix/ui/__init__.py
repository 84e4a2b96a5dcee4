"""The window: the only package (with app.py) that imports PySide6.

Importing it first checks the Qt binding for a reference-counting defect (see
guard_none_refcount) so that every module of the window is protected.
"""
from __future__ import annotations

import sys


def _none_refs_lost_by_a_void_call() -> int:
    from PySide6.QtCore import QObject
    probe = QObject()
    probe.setObjectName("probe")
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setObjectName("probe")  # a void method: must leave None's count unchanged
    return before - sys.getrefcount(None)


def guard_none_refcount() -> bool:
    """Keeps PySide6 6.12 on Python 3.11 from crashing the program.

    PySide6 6.12.0 returns None (and, from some calls, True) without taking a reference:
    harmless on Python 3.12+, where these objects are immortal (PEP 683), but on 3.11 each
    such call drops the count by one, and after a few thousand calls — seconds of painting
    the grid — the interpreter aborts ("none_dealloc: deallocating None"). PySide6 6.11
    does not do this. When the defect is measured, the counts of None, True and False are
    raised far beyond reach, which is what 3.12 does by design. Returns True when applied.
    """
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return False  # immortal singletons, or a debug build whose object layout differs
    if _none_refs_lost_by_a_void_call() <= 0:
        return False
    import ctypes
    boost = 1 << 60
    for singleton in (None, True, False):
        before = sys.getrefcount(singleton)
        # ob_refcnt is the first field of every object in a release build of CPython 3.11.
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        refcount.value += boost
        # Other references come and go meanwhile (ctypes itself uses True and False), so
        # only a change far from the boost means the field was not the count: undo.
        if abs(sys.getrefcount(singleton) - before - boost) > 1 << 20:
            refcount.value -= boost
            return False
    return True


NONE_GUARD_APPLIED = guard_none_refcount()
