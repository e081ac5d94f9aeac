"""Backups of the store (پشتیبان) and restoring one.

Every copy is made with SQLite's online backup API (a consistent snapshot, also while
another program writes), written beside its final name and renamed into place, made
self-contained (rollback journal, no ``-wal`` beside it), checked with
``PRAGMA integrity_check`` before it counts, and readable by its owner only (0600, in a
0700 folder). The copies of a store ``dabir.db`` live in ``dabir.db.backups/`` beside it
(:func:`app.paths.backups_dir`), named ``dabir-20241123-093000-daily.db``: the time in
the name, by the injected clock, is what the list shows.

When copies are made:

- ``daily``: at the first start of each day, by the GUI once its window is up and by
  the command-line commands that write to the store (``demo``, ``restore``); commands
  that only read make none. An empty store gets none.
- ``manual``: «پشتیبان‌گیری اکنون» in the backups dialog.
- ``upgrade``: before any migration (:func:`app.store.db.open_store`).
- ``restore``: the store that a restore replaces.

Retention (:func:`prune`), over ``daily`` and ``manual`` copies: every copy of today,
then the newest copy of each of the 7 latest days that have one, of the 4 latest weeks
(Saturday to Friday) and of the 12 latest Jalali months. Of ``upgrade`` and
``restore`` copies the 5 newest of each are kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import secrets
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app.clock import Clock
from app.errors import UserError
from app.files import fsync_folder
from app.paths import backups_dir, private_folder
from app.persian.text import ltr_isolate
from app.store import integrity

KINDS = {"daily": "روزانه", "manual": "دستی", "upgrade": "پیش از به‌روزرسانی", "restore": "پیش از بازگرداندن"}
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY, KEEP_OTHER = 7, 4, 12, 5
_NAME = re.compile(r"-(\d{8})-(\d{6})-(" + "|".join(KINDS) + r")(?:-[0-9a-f]+)?\.db$")


@dataclass(frozen=True)
class Backup:
    path: Path
    when: dt.datetime  # local time, naive, as the clock said when it was taken
    kind: str
    size: int

    @property
    def label(self) -> str:
        return KINDS[self.kind]


def list_backups(store: Path) -> list[Backup]:
    """The backups of ``store``, newest first (files that do not follow the naming are left out)."""
    folder = backups_dir(Path(store))
    out = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for p in entries:
        m = _NAME.search(p.name)
        if not m or not p.is_file():
            continue
        when = dt.datetime.strptime(m.group(1) + m.group(2), "%Y%m%d%H%M%S")
        out.append(Backup(p, when, m.group(3), p.stat().st_size))
    out.sort(key=lambda b: (b.when, b.path.name), reverse=True)
    return out


def take(store: Path, clock: Clock, kind: str = "manual") -> Backup:
    """A checked copy of ``store`` in its backups folder, then the old copies pruned."""
    store = Path(store)
    try:
        folder = private_folder(backups_dir(store))
    except OSError as exc:
        from app.files import unwritable

        raise unwritable(backups_dir(store).parent, exc) from exc
    when = clock.now().replace(tzinfo=None, microsecond=0)
    name = f"{store.stem}-{when:%Y%m%d-%H%M%S}-{kind}.db"
    target = folder / name
    if target.exists():  # two copies in one second (two programs starting at once)
        target = folder / f"{store.stem}-{when:%Y%m%d-%H%M%S}-{kind}-{secrets.token_hex(3)}.db"
    copy_store(store, target)
    prune(store, clock.today())
    return Backup(target, when, kind, target.stat().st_size)


def daily(store: Path, clock: Clock) -> Backup | None:
    """Today's automatic copy, unless one was made today already or the store holds no data."""
    today = clock.today()
    if any(b.when.date() == today for b in list_backups(store)):
        return None
    if not _has_data(Path(store)):
        return None
    return take(store, clock, "daily")


def before_writing(store: Path | None, clock: Clock, *, always: bool = False) -> Backup | None:
    """The copy a writing command makes first: today's daily one (``always``: a fresh one even
    if today has one, before a command that replaces everything such as ``demo --reset``)."""
    if store is None:
        return None
    if always and _has_data(Path(store)):
        return take(store, clock, "daily")
    return daily(store, clock)


def export_copy(store: Path, target: Path) -> str:
    """``dabir backup -o FILE``: a checked copy of ``store`` at ``target``; what to print."""
    from app.persian.text import fa_number

    store, target = Path(store), Path(target)
    if not store.is_file() or store.stat().st_size == 0:
        raise integrity.cannot_open(store, "چنین پرونده‌ای وجود ندارد یا خالی است.")
    copy_store(store, target)
    return f"پشتیبان نوشته و بررسی شد: \u2066{target}\u2069 ({fa_number(target.stat().st_size // 1024)} کیلوبایت)"


def restore_command(store: Path, file: Path, clock: Clock) -> str:
    """``dabir restore FILE``: :func:`restore`; what to print (the caller then opens the store,
    which brings an older backup up to date)."""
    kept = restore(store, file, clock)
    where = f"رونوشت پایگاه دادهٔ پیشین: \u2066{kept.path}\u2069" if kept else "پایگاه دادهٔ پیشین خراب بود و کنار گذاشته شد."
    return f"«\u2066{file}\u2069» بازگردانده شد. {where}"


def _has_data(store: Path) -> bool:
    try:
        conn = sqlite3.connect(store)
    except sqlite3.Error:
        return False
    try:
        return conn.execute("SELECT EXISTS (SELECT 1 FROM bodies) OR EXISTS (SELECT 1 FROM units) "
                            "OR EXISTS (SELECT 1 FROM people)").fetchone()[0] == 1
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def prune(store: Path, today: dt.date) -> list[Path]:
    """Delete the copies the retention rule no longer keeps; returns what was deleted."""
    backups = list_backups(store)
    keep = {b.path for b in backups if b.when.date() == today}
    timed = [b for b in backups if b.kind in ("daily", "manual")]  # newest first
    for period, count in ((_day, KEEP_DAILY), (_week, KEEP_WEEKLY), (_month, KEEP_MONTHLY)):
        keep.update(_newest_per(timed, period, count))
    for kind in ("upgrade", "restore"):
        keep.update(b.path for b in [b for b in backups if b.kind == kind][:KEEP_OTHER])
    gone = _stale_temporaries(backups_dir(Path(store)))
    for b in backups:
        if b.path not in keep:
            try:
                b.path.unlink()
                gone.append(b.path)
            except OSError:
                pass  # kept for now; the next prune tries again
    return gone


def _stale_temporaries(folder: Path, age: float = 86400) -> list[Path]:
    """Remove the temporary files of copies that were cut off (a kill, a power cut) a day ago or more."""
    import time

    gone = []
    for p in folder.glob(".*.tmp*"):
        try:
            if time.time() - p.stat().st_mtime > age:
                p.unlink()
                gone.append(p)
        except OSError:
            pass
    return gone


def _newest_per(backups: Iterable[Backup], period, count: int) -> list[Path]:  # type: ignore[no-untyped-def]
    seen: dict[object, Path] = {}
    for b in backups:  # newest first: the first of each period is its newest
        key = period(b.when.date())
        if key not in seen:
            if len(seen) == count:
                break
            seen[key] = b.path
    return list(seen.values())


def _day(d: dt.date) -> object:
    return d


def _week(d: dt.date) -> object:
    return d - dt.timedelta(days=(d.weekday() + 2) % 7)  # the Saturday that starts its week


def _month(d: dt.date) -> object:
    from app.persian.jalali import to_jalali

    j = to_jalali(d)
    return (j.year, j.month)


# --- copying ---------------------------------------------------------------------------------

def copy_store(source: Path, target: Path) -> None:
    """A checked online copy of the store ``source`` written atomically at ``target`` (0600).

    A damaged source is refused (``backup_damaged``) and nothing is left at ``target``.
    """
    source, target = Path(source), Path(target)
    if target.exists() and _same_file(source, target):
        raise UserError("backup_onto_store", "پشتیبان را نمی‌توان روی خود پایگاه داده نوشت؛ نام دیگری برگزینید.",
                        english="the backup cannot overwrite the store itself")
    if target.exists() and not target.is_file():
        raise UserError("backup_target", f"«{ltr_isolate(target)}» پرونده نیست (پوشه یا دستگاه است)؛ نام پرونده‌ای را بدهید.",
                        english="the target is not a regular file")
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        os.close(fd)
        _online_copy(source, tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
        fsync_folder(target.parent)
    except OSError as exc:
        from app.files import unwritable

        raise unwritable(target.parent, exc) from exc
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _online_copy(source: Path, tmp: Path) -> None:
    refusal = integrity.header_refusal(source)
    if refusal is not None:
        raise refusal
    try:
        src = sqlite3.connect(source, timeout=10)
    except sqlite3.Error as exc:
        raise integrity.store_failure(exc, source) or integrity.damaged(source) from exc
    try:
        dst = sqlite3.connect(tmp)
        try:
            dst.execute("PRAGMA synchronous=OFF")  # the finished file is fsynced once, before its rename
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            verdict = dst.execute("PRAGMA integrity_check").fetchall()
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise integrity.store_failure(exc, source) or integrity.damaged(source) from exc
    finally:
        src.close()
    if verdict != [("ok",)]:
        raise UserError("backup_damaged", "پشتیبان ساخته نشد: بررسی درستی نشان داد پایگاه داده خراب است. "
                        f"{integrity.damaged(source).message}", english="the store failed its integrity check")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


# --- restoring -------------------------------------------------------------------------------

def check_file(path: Path) -> str:
    """Whether ``path`` is a sound Dabir store this program can open; returns its revision.

    Refused with a Persian UserError (``restore_*``) otherwise; the file is only read.
    """
    path = Path(path)
    if not path.is_file():
        raise UserError("restore_missing", f"پروندهٔ «{ltr_isolate(path)}» پیدا نشد یا پرونده نیست.", english="no such file")
    problem = integrity.header_problem(path)
    if problem or path.stat().st_size == 0:
        raise UserError("restore_not_store", f"«{ltr_isolate(path)}» پایگاه دادهٔ دبیر نیست یا خراب است.",
                        english="not a Dabir store")
    tables: set[str] = set()
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            verdict = conn.execute("PRAGMA integrity_check").fetchall()
            revision = integrity.read_revision(conn) if verdict == [("ok",)] else None
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if "malformed" in str(exc):
            verdict = [("malformed",)]
        else:
            raise UserError("restore_not_store", f"«{ltr_isolate(path)}» پایگاه دادهٔ دبیر نیست یا خراب است.",
                            english="not a Dabir store") from exc
    if verdict != [("ok",)]:
        raise UserError("restore_damaged", f"«{ltr_isolate(path)}» خراب است (بررسی درستی آن ناموفق بود) و بازگردانده نمی‌شود.",
                        english="the file failed its integrity check")
    if revision is None or not tables >= {"bodies", "meetings", "resolutions"}:
        raise UserError("restore_not_store", f"«{ltr_isolate(path)}» پایگاه دادهٔ دبیر نیست.", english="not a Dabir store")
    if revision not in integrity.known_revisions():
        raise UserError("restore_newer", f"«{ltr_isolate(path)}»: {integrity.NEWER}", english="made by a newer Dabir")
    return revision


def restore(store: Path, file: Path, clock: Clock) -> Backup | None:
    """Put the store ``file`` in place of ``store``, after checking it; returns the copy kept of
    the store it replaced (None when there was none).

    The contents are written with the online backup API into the store itself, in one
    transaction: a program that has the store open sees the old store or the restored one,
    and a kill half-way leaves the old one. Only a store too damaged to be written so is
    replaced as a file (its damaged copy kept as ``….db.damaged`` in the backups folder).
    """
    store, file = Path(store), Path(file)
    if store.exists() and _same_file(store, file):
        raise UserError("restore_onto_store", "این پرونده همان پایگاه دادهٔ باز است.", english="that is the store itself")
    check_file(file)
    kept: Backup | None = None
    damaged = False
    if store.exists() and store.stat().st_size > 0:
        try:
            kept = take(store, clock, "restore")
        except UserError as exc:
            if exc.code not in ("backup_damaged", "store_damaged"):
                raise
            damaged = True
    if damaged or not store.exists():
        _replace_file(store, file, clock)
        return None
    try:
        src = sqlite3.connect(file.resolve().as_uri() + "?mode=ro", uri=True)
        dst = sqlite3.connect(store, timeout=10)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
    except sqlite3.Error as exc:
        raise integrity.store_failure(exc, store) or integrity.damaged(store) from exc
    return kept


def _replace_file(store: Path, file: Path, clock: Clock) -> None:
    """The store is unreadable: keep its bytes aside, then put a checked copy of ``file`` in its place."""
    if store.exists():
        folder = private_folder(backups_dir(store))
        stamp = clock.now().replace(tzinfo=None)
        aside = folder / f"{store.stem}-{stamp:%Y%m%d-%H%M%S}.db.damaged"
        shutil.copyfile(store, aside)
        os.chmod(aside, 0o600)
    tmp = store.with_name(f".{store.name}.{secrets.token_hex(4)}.restoring")
    copy_store(file, tmp)
    for stale in ("-wal", "-shm", "-journal"):  # they belong to the damaged file, not to this one
        with contextlib.suppress(FileNotFoundError):
            store.with_name(store.name + stale).unlink()
    os.replace(tmp, store)
    fsync_folder(store.parent)
