"""Why SQLite could not open or write the store, told truly.

SQLite says little («disk I/O error», «unable to open database file»); the folder, the file,
the process's file-size limit and the disk's free space say the rest. A store in a read-only
folder, or under ``ulimit -f``, is not «not a Dabir store or damaged». Standard library only:
``dabir list`` must not import SQLAlchemy.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from app.errors import UserError
from app.persian.text import ltr_isolate

__all__ = ["store_failure"]

_DAMAGED = ("SQLITE_NOTADB", "SQLITE_CORRUPT")
_BUSY = ("SQLITE_BUSY", "SQLITE_LOCKED")
_ENVIRONMENT = ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_FULL", "SQLITE_PERM",
                "SQLITE_AUTH")
_LOW_DISK = 1 << 20


def _sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    """The sqlite3 error itself, also when SQLAlchemy wrapped it (``exc.orig``)."""
    if isinstance(exc, sqlite3.Error):
        return exc
    orig = getattr(exc, "orig", None)
    return orig if isinstance(orig, sqlite3.Error) else None


def store_failure(path: Path, exc: BaseException) -> UserError | None:
    """The UserError that says why the store at ``path`` failed with ``exc``, or None when
    ``exc`` is not SQLite failing to read or write the file (a bug, to be reported as one)."""
    error = _sqlite_error(exc)
    if error is None:
        return None
    name = getattr(error, "sqlite_errorname", "") or ""
    if name.startswith(_BUSY):
        return _cannot(path, "برنامهٔ دیگری (شاید نسخهٔ دیگری از دبیر) اکنون در آن می‌نویسد؛ "
                             "پس از پایان کار آن دوباره بکوشید.", "the store is locked by another program")
    if name.startswith(_DAMAGED):
        return _cannot(path, "پرونده پایگاه دادهٔ دبیر نیست یا خراب است.", "not a Dabir store, or damaged")
    if name.startswith(_ENVIRONMENT) or not name:
        return _environment(Path(path), name)
    return None


def _environment(path: Path, name: str) -> UserError:
    folder = path.parent if str(path.parent) else Path(".")
    if name == "SQLITE_READONLY_DIRECTORY" or not os.access(folder, os.W_OK):
        return _cannot(path, f"پوشهٔ «{ltr_isolate(folder)}» فقط‌خواندنی است. دبیر کنار پایگاه داده دو پروندهٔ همراه "
                             "(‎-wal و ‎-shm) می‌سازد و باید در آن پوشه بنویسد؛ اجازهٔ نوشتن بدهید یا پایگاه داده را "
                             "به پوشهٔ دیگری ببرید.", f"the folder {folder} is read-only")
    if path.exists() and not os.access(path, os.W_OK):
        return _cannot(path, "پرونده فقط‌خواندنی است؛ اجازهٔ نوشتن در آن را بدهید.", "the store file is read-only")
    limit = _file_size_limit()
    if limit is not None:
        from app.persian.text import fa_number

        return _cannot(path, f"این برنامه زیر محدودیت اندازهٔ پرونده (ulimit -f) اجرا شده است و بیش از "
                             f"{fa_number(limit)} بایت نمی‌تواند بنویسد؛ محدودیت را بردارید و دوباره بکوشید.",
                       f"the process may write at most {limit} bytes a file (RLIMIT_FSIZE)")
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        free = None
    if name.startswith("SQLITE_FULL") or (free is not None and free < _LOW_DISK):
        return _cannot(path, "دیسک پر است؛ جایی را خالی کنید و دوباره بکوشید.", "the disk is full")
    return _cannot(path, "خواندن یا نوشتن آن روی دیسک شکست خورد (خطای ورودی/خروجی)؛ دیسک را بررسی کنید.",
                   f"disk I/O error ({name or 'unknown'})")


def _file_size_limit() -> int | None:
    try:
        import resource
    except ImportError:  # Windows has no such limit
        return None
    soft, _hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    return None if soft == resource.RLIM_INFINITY else soft


def _cannot(path: Path, why: str, english: str) -> UserError:
    return UserError("store_open", f"پایگاه داده «{ltr_isolate(path)}» باز نمی‌شود: {why}",
                     english=f"cannot open the store {path}: {english}")
