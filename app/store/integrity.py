"""Is this file a sound Dabir store, and what to tell the user when it is not.

Standard library only (the start-up path imports no SQLAlchemy). The check at every
start is the cheap one: the 100-byte SQLite header (magic, page size, page count
against the file's size) and the schema read that finding the revision needs anyway.
``PRAGMA quick_check`` reads every page: on the 50,000-resolution store (70 MB)
bench/integrity.py measured 1 ms for the header and schema, 210 ms for quick_check and
790 ms for integrity_check, warm. So the full ``PRAGMA integrity_check`` runs on each
backup instead (app/store/backup.py): a damaged page is found at the latest by the day's
first backup, and a command that meets one on the way stops with the same message.

:func:`store_failure` turns what SQLite raises (directly or wrapped by SQLAlchemy)
into the Persian :class:`UserError` for it: damaged, locked by another program,
read-only, disk full. Each message says the way forward.
"""

from __future__ import annotations

import re
import sqlite3
import struct
from pathlib import Path

from app.errors import UserError

MAGIC = b"SQLite format 3\x00"

NEWER = ("این پرونده را نسخهٔ تازه‌تری از دبیر ساخته است و این نسخه آن را نمی‌شناسد. "
         "برای کار با آن، دبیر را به‌روز کنید؛ تا آن زمان می‌توان آن را فقط‌خواندنی باز کرد. پرونده دست نخورده است.")


NOT_A_STORE = "پرونده پایگاه دادهٔ دبیر نیست یا خراب است."


def header_problem(path: Path) -> str | None:
    """What is wrong with the file's SQLite header, in Persian, or None (also for an empty file)."""
    try:
        with open(path, "rb") as f:
            head = f.read(100)
            size = f.seek(0, 2)
    except OSError as exc:
        return f"پرونده خوانده نمی‌شود ({exc.strerror or exc})."
    if not head:
        return None
    if len(head) < 100 or not head.startswith(MAGIC):
        return NOT_A_STORE
    page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "سرآیند پرونده خراب است."
    pages, valid_for, counter = struct.unpack(">I", head[28:32])[0], head[92:96], head[24:28]
    # The page count in the header is trusted when it was written with the change counter
    # (SQLite's rule); then a shorter file lost its end. A WAL may hold pages past the file.
    if valid_for == counter and pages and size < pages * page_size and not _has_wal(path):
        return "پرونده کوتاه‌تر از اندازهٔ خودش است: بخشی از آن از دست رفته است."
    return None


def header_refusal(path: Path) -> UserError | None:
    """The UserError for a file whose header is wrong (:func:`header_problem`), or None."""
    problem = header_problem(path)
    if problem is None:
        return None
    if problem == NOT_A_STORE:
        return cannot_open(path, problem)
    return damaged(path, problem)


def _has_wal(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


def read_revision(conn: sqlite3.Connection) -> str | None:
    """The Alembic revision recorded in the store, or None when it has no version table."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'").fetchone():
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def known_revisions() -> set[str]:
    """Every revision this program's migrations know, read from the migration files' text
    (no Alembic: the check runs before anything is imported for an upgrade)."""
    from importlib.resources import files

    found = set()
    for script in (files("app.store") / "migrations" / "versions").iterdir():
        if script.name.endswith(".py"):
            m = _REVISION.search(script.read_text(encoding="utf-8"))
            if m:
                found.add(m.group(1))
    return found


_REVISION = re.compile(r"""^revision\s*(?::\s*str\s*)?=\s*['"]([^'"]+)['"]""", re.MULTILINE)


def cannot_open(path: Path, why: str, code: str = "store_open", english: str = "") -> UserError:
    # The path is isolated (LRI…PDI): left to itself, bidi moves its slashes inside Persian text.
    return UserError(code, f"پایگاه داده «\u2066{path}\u2069» باز نمی‌شود: {why}",
                     english=english or f"cannot open the store {path}")


def newer(path: Path) -> UserError:
    return cannot_open(path, NEWER, "store_newer", "the store was made by a newer Dabir")


def damaged(path: Path, why: str = "پرونده خراب است.") -> UserError:
    return cannot_open(path, f"{why} {_way_back(path)}", "store_damaged", "the store is damaged")


def last_good_backup(store: Path) -> Path | None:
    """The newest backup of ``store`` (each was checked when written), or None."""
    from app.paths import backups_dir

    try:
        found = [p for p in backups_dir(store).glob("*.db") if p.is_file()]
    except OSError:
        return None
    return max(found, key=lambda p: (p.stat().st_mtime, p.name), default=None)


def _way_back(path: Path) -> str:
    last = last_good_backup(path)
    if last is None:
        return "پشتیبانی از آن پیدا نشد؛ اگر رونوشتی دارید، با فرمان «dabir restore FILE» برگردانید."
    return f"آخرین پشتیبان: «\u2066{last}\u2069»؛ برای بازگرداندن آن: \u2066dabir restore {last}\u2069"


def read_only(path: Path) -> UserError:
    return cannot_open(path, "پرونده یا پوشهٔ آن فقط‌خواندنی است و چیزی در آن نوشته نمی‌شود. "
                       "آن را فقط‌خواندنی باز کنید، یا اجازهٔ نوشتن بدهید یا آن را به پوشهٔ دیگری ببرید.",
                       "store_read_only", "the store or its folder is read-only")


def store_failure(exc: BaseException, path: Path | None) -> UserError | None:
    """The Persian UserError for an SQLite failure (``exc`` or the driver error that
    SQLAlchemy wrapped), or None when ``exc`` is not one.

    Where the folder, the file's mode or the process's file-size limit say more than
    SQLite does, :func:`app.store.failures.store_failure` tells it; the rest is said here.
    """
    said = _sqlite_said(exc, path)
    if said is not None and said.code in _ENVIRONMENT and path is not None:
        from app.store.failures import store_failure as environment_failure

        told = environment_failure(Path(path), exc)
        if told is not None:  # the same code, in the words that name the cause
            return UserError(said.code, told.message, english=told.english)
    return said


# What the file's surroundings may explain better (a read-only folder, ``ulimit -f``); a full
# disk is already said as such.
_ENVIRONMENT = frozenset({"store_read_only", "store_unreachable", "store_io"})


def _sqlite_said(exc: BaseException, path: Path | None) -> UserError | None:
    orig = getattr(exc, "orig", None)
    err = orig if isinstance(orig, sqlite3.Error) else exc
    if not isinstance(err, sqlite3.Error):
        return None
    text = str(err).lower()
    where = Path(path) if path is not None else Path("?")
    code = getattr(err, "sqlite_errorname", "")
    if "malformed" in text or "not a database" in text or code in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
        return damaged(where)
    if "locked" in text or "busy" in text:
        return cannot_open(where, "برنامهٔ دیگری (شاید نسخهٔ دیگری از دبیر) در حال نوشتن در آن است. "
                           "کمی بعد دوباره بکوشید یا آن برنامه را ببندید.", "store_locked",
                           "the store is locked by another program")
    if "readonly" in text or "read-only" in text:
        return read_only(where)
    if "full" in text or code == "SQLITE_FULL":
        return cannot_open(where, "دیسک پر است؛ جایی را خالی کنید و دوباره بکوشید. چیزی از دست نرفته است.",
                           "store_disk_full", "the disk is full")
    if "unable to open" in text or code == "SQLITE_CANTOPEN":
        return cannot_open(where, "پرونده یا پوشهٔ آن در دسترس نیست (اجازهٔ خواندن و نوشتن را بررسی کنید).",
                           "store_unreachable", "cannot open the file")
    if "disk i/o" in text or code.startswith("SQLITE_IOERR"):
        return cannot_open(where, "خواندن یا نوشتن دیسک ممکن نشد (دیسک پر است، جدا شده یا آسیب دیده؟). "
                           "جایی را خالی کنید یا دیسک را بررسی کنید و دوباره بکوشید.",
                           "store_io", "disk I/O error")
    return None


# Unique constraints a user can run into, with what to tell them (the driver's text names the columns).
_UNIQUE = {
    "meetings.body_id, meetings.year, meetings.number": (
        "number_taken", "number", "این شمارهٔ جلسه را هم‌زمان جلسهٔ دیگری از همین نهاد در همین سال گرفت؛ "
        "شمارهٔ دیگری بدهید."),
}


def write_failure(path: Path | None, exc: BaseException) -> UserError | None:
    """The UserError a failed write is to the user, or None for a bug (to be logged as one).

    - another program saved the row meanwhile (SQLAlchemy's ``StaleDataError`` from a
      versioned row): :class:`~app.errors.StaleRecord`;
    - a constraint the checks before the write could not see (another program wrote the
      same meeting number a moment before): the field's own refusal, never a raw
      ``IntegrityError``;
    - SQLite failing on the file (read-only, locked, full disk, damaged): :func:`store_failure`.
    """
    from app.errors import FieldProblem, StaleRecord, ValidationError

    kind = type(exc).__name__
    if kind == "StaleDataError":
        return StaleRecord("record_stale", "این مورد هم‌زمان جای دیگری ذخیره شد؛ ذخیرهٔ شما روی آن نوشته نشد. "
                                           "آن را دوباره باز کنید و تغییرات خود را دوباره بنویسید.",
                           english="saved elsewhere at the same moment")
    if kind == "IntegrityError":
        text = str(getattr(exc, "orig", exc))
        if "append-only" in text:  # the history tables' triggers (migration 0004)
            return UserError("history_append_only", "گزارش‌های پیگیری، تمدیدها، اصلاحیه‌ها و گزارش تغییرات "
                                                    "پس از ثبت تغییر نمی‌کنند و پاک نمی‌شوند؛ چیزی نوشته نشد.",
                             english=f"the history is append-only: {text}")
        for columns, (code, field, message) in _UNIQUE.items():
            if columns in text:
                return ValidationError([FieldProblem(field, code, message)])
        return UserError("store_conflict", "این تغییر با داده‌ای که هم‌زمان جای دیگری ذخیره شد ناسازگار است؛ "
                                           "چیزی نوشته نشد. دوباره باز کنید و بکوشید.",
                         english=f"conflicting write: {text}")
    return store_failure(exc, path)
