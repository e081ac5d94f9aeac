"""Backups and restore: checked online copies, retention over a simulated year, restore that
checks first and keeps what it replaces, `dabir backup` / `dabir restore`, private modes."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.cli import main
from app.clock import FixedClock
from app.errors import UserError
from app.persian.jalali import to_jalali
from app.services.bodies import save_body
from app.store import backup
from app.store.db import SCHEMA_REVISION, open_store
from tests.fixtures.make_store_0001 import store_0001

FIXTURE = store_0001()  # a real store at revision 0001, built once per test process
posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def bodies_in(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM bodies ORDER BY id")]
    conn.close()
    return names


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "dabir.db"
    store = open_store(path)
    save_body(store, "شورای راهبری", "council")
    store.close()
    return path


def test_a_backup_is_a_checked_self_contained_private_copy(db: Path) -> None:
    clock = FixedClock(dt.date(2024, 11, 23))
    made = backup.take(db, clock, "manual")
    assert made.path.parent == db.parent / "dabir.db.backups"
    assert made.path.name == "dabir-20241123-120000-manual.db"
    assert bodies_in(made.path) == ["شورای راهبری"]
    assert not Path(f"{made.path}-wal").exists()
    with sqlite3.connect(made.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    assert [b.path for b in backup.list_backups(db)] == [made.path]
    assert backup.list_backups(db)[0].label == "دستی" and made.size == made.path.stat().st_size
    if os.name == "posix":
        assert made.path.stat().st_mode & 0o777 == 0o600
        assert made.path.parent.stat().st_mode & 0o777 == 0o700


def test_the_daily_copy_is_made_once_a_day_and_never_for_an_empty_store(db: Path, tmp_path: Path) -> None:
    clock = FixedClock(dt.date(2024, 11, 23))
    first = backup.daily(db, clock)
    assert first is not None and first.kind == "daily"
    clock.advance(dt.timedelta(hours=5))
    assert backup.daily(db, clock) is None  # same day
    clock.advance(dt.timedelta(hours=8))  # past midnight
    assert backup.daily(db, clock) is not None
    empty = tmp_path / "empty.db"
    open_store(empty).close()
    assert backup.daily(empty, clock) is None and backup.list_backups(empty) == []


def test_retention_over_a_simulated_year(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One start a day for a year (some days twice, some days none): 7 daily, 4 weekly, 12 monthly."""
    monkeypatch.setattr(os, "fsync", lambda fd: None)  # what is tested is which copies stay, not the disk
    start = dt.date(2024, 3, 20)  # 1403/01/01
    clock = FixedClock(start)
    store = sqlite3.connect(db)
    store.execute("PRAGMA synchronous=OFF")
    taken = []
    for n in range(366):
        day = start + dt.timedelta(days=n)
        if n % 11 == 5:  # the office was closed
            continue
        clock.set(dt.datetime.combine(day, dt.time(8, 30), dt.timezone(dt.timedelta(hours=3, minutes=30))))
        with store:
            store.execute("INSERT INTO bodies (uuid, name, kind, meetings_per_year, position) "
                          "VALUES (?, ?, 'working_group', 4, ?)", (f"u-{n}", f"کارگروه روز {n}", n))
        made = backup.daily(db, clock)
        assert made is not None
        taken.append(day)
        if n % 30 == 0:  # «پشتیبان‌گیری اکنون» that afternoon
            clock.advance(dt.timedelta(hours=6))
            backup.take(db, clock, "manual")
        assert backup.daily(db, clock) is None
    store.close()
    today = clock.today()
    kept = backup.list_backups(db)
    days = sorted({b.when.date() for b in kept}, reverse=True)
    assert len(kept) <= 1 + 7 + 4 + 12  # today's copies, then one per kept period
    assert days[:7] == sorted(taken, reverse=True)[:7]  # the last 7 days that had a start
    weeks = {d - dt.timedelta(days=(d.weekday() + 2) % 7) for d in days}
    last_weeks = sorted({d - dt.timedelta(days=(d.weekday() + 2) % 7) for d in taken}, reverse=True)[:4]
    assert set(last_weeks) <= weeks
    months = {(to_jalali(d).year, to_jalali(d).month) for d in days}
    last_months = sorted({(to_jalali(d).year, to_jalali(d).month) for d in taken}, reverse=True)[:12]
    assert set(last_months) <= months and len(last_months) == 12
    assert max(days) == today
    # each kept copy is the newest of its month/week/day: its content is the store of that day
    oldest = min(kept, key=lambda b: b.when)
    n = (oldest.when.date() - start).days
    assert bodies_in(oldest.path)[-1] == f"کارگروه روز {n}"


def test_restore_checks_the_file_first_and_changes_nothing_when_it_is_bad(db: Path, tmp_path: Path) -> None:
    clock = FixedClock(dt.date(2024, 11, 23))
    before = sha(db)
    good = tmp_path / "good.db"
    backup.copy_store(db, good)
    text = tmp_path / "notes.txt"
    text.write_text("یادداشت\n" * 50, encoding="utf-8")
    noise = tmp_path / "noise.db"
    noise.write_bytes(os.urandom(8192))
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(good.read_bytes()[: 4096 * 3])
    foreign = tmp_path / "contacts.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.close()
    hollow = tmp_path / "hollow.db"  # a version table and nothing else
    with sqlite3.connect(hollow) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        conn.execute("INSERT INTO alembic_version VALUES ('0003')")
    conn.close()
    newer = tmp_path / "newer.db"
    shutil.copy(good, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.close()
    damaged = tmp_path / "damaged.db"
    shutil.copy(good, damaged)
    _damage_a_page(damaged, "bodies")
    cases = {tmp_path / "absent.db": "restore_missing", text: "restore_not_store", noise: "restore_not_store",
             truncated: "restore_not_store", foreign: "restore_not_store", hollow: "restore_not_store", newer: "restore_newer",
             damaged: "restore_damaged", db: "restore_onto_store", tmp_path: "restore_missing"}
    for file, code in cases.items():
        with pytest.raises(UserError) as exc:
            backup.restore(db, file, clock)
        assert exc.value.code == code, file
        assert sha(db) == before, file
    assert backup.list_backups(db) == []  # not even the copy of the store: nothing was started


def _damage_a_page(path: Path, table: str) -> None:
    """Overwrite a b-tree page of ``table`` in the middle with noise (the header stays sound)."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name=?", (table,)).fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * size)
        f.write(b"\xde\xad" * (size // 2))


def test_restore_puts_the_file_in_place_and_keeps_the_store_it_replaced(db: Path, tmp_path: Path) -> None:
    clock = FixedClock(dt.date(2024, 11, 23))
    old = tmp_path / "old.db"
    backup.copy_store(db, old)
    store = open_store(db)
    save_body(store, "کمیتهٔ تازه", "committee")
    kept = backup.restore(db, old, clock)
    assert store.fetch_all("SELECT name FROM bodies") == [("شورای راهبری",)]  # an open program sees it at once
    store.close()
    assert kept is not None and kept.kind == "restore"
    assert bodies_in(kept.path) == ["شورای راهبری", "کمیتهٔ تازه"]
    assert bodies_in(db) == ["شورای راهبری"]


def test_restore_over_a_damaged_store_sets_the_damaged_bytes_aside(db: Path, tmp_path: Path) -> None:
    clock = FixedClock(dt.date(2024, 11, 23))
    good = tmp_path / "good.db"
    backup.copy_store(db, good)
    _damage_a_page(db, "bodies")
    damaged_bytes = db.read_bytes()
    assert backup.restore(db, good, clock) is None
    assert bodies_in(db) == ["شورای راهبری"]
    aside = list((tmp_path / "dabir.db.backups").glob("*.db.damaged"))
    assert len(aside) == 1 and aside[0].read_bytes() == damaged_bytes
    assert backup.list_backups(db) == []  # the damaged copy is never offered as a backup


def test_cli_backup_and_restore(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "copy.db"
    assert main(["--db", str(db), "backup", "-o", str(out)]) == 0
    assert "بررسی شد" in capsys.readouterr().out
    assert bodies_in(out) == ["شورای راهبری"]
    if os.name == "posix":
        assert out.stat().st_mode & 0o777 == 0o600
    before = sha(db)
    assert main(["--db", str(db), "backup", "-o", str(db)]) == 2  # never over the store
    assert "روی خود پایگاه داده" in capsys.readouterr().err
    assert main(["--db", str(db), "backup", "-o", str(tmp_path)]) == 2  # nor over a folder
    assert main(["--db", str(tmp_path / "none.db"), "backup", "-o", str(tmp_path / "x.db")]) == 2
    assert not (tmp_path / "none.db").exists() and not (tmp_path / "x.db").exists()
    assert sha(db) == before
    # an old store restored is brought up to date, the one it replaced kept
    assert main(["--db", str(db), "restore", str(FIXTURE)], today=dt.date(2024, 11, 23)) == 0
    assert "بازگردانده شد" in capsys.readouterr().out
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (SCHEMA_REVISION,)
        assert conn.execute("SELECT count(*) FROM resolutions").fetchone() == (120,)
    conn.close()
    kinds = sorted(b.kind for b in backup.list_backups(db))
    assert kinds == ["restore", "upgrade"]
    assert main(["--db", str(db), "restore", str(tmp_path / "nothing.db")]) == 2
    assert "پیدا نشد" in capsys.readouterr().err


def test_demo_reset_takes_a_copy_first(db: Path, today: dt.date) -> None:
    backup.take(db, FixedClock(today), "daily")
    assert main(["--db", str(db), "demo", "--reset"], today=today) == 0
    copies = backup.list_backups(db)  # a fresh one although today had one: --reset replaces everything
    assert len(copies) == 2 and {c.kind for c in copies} == {"daily"}
    assert all(bodies_in(c.path) == ["شورای راهبری"] for c in copies)
    assert "شورای راهبری" not in bodies_in(db)


@posix_only
def test_private_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    from app import log as applog
    from app.paths import data_dir

    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(tmp_path / "data" / "Dabir"))
    old_umask = os.umask(0o022)
    try:
        folder = data_dir()
        assert folder.stat().st_mode & 0o777 == 0o700
        store = folder / "dabir.db"
        s = open_store(store)
        save_body(s, "شورا", "council")
        s.close()
        assert store.stat().st_mode & 0o777 == 0o600
        made = backup.take(store, FixedClock(dt.date(2024, 11, 23)))
        assert made.path.stat().st_mode & 0o777 == 0o600
        assert made.path.parent.stat().st_mode & 0o777 == 0o700
        logs = tmp_path / "logs"
        path = applog.setup_logging(logs)
        applog.log.info("private")
        for h in applog.log.handlers:
            h.flush()
        assert path.stat().st_mode & 0o777 == 0o600 and logs.stat().st_mode & 0o777 == 0o700
        os.chmod(folder, 0o755)  # a folder made by an older version is made private again
        assert data_dir().stat().st_mode & 0o777 == 0o700
    finally:
        os.umask(old_umask)
        for h in list(applog.log.handlers):
            applog.log.removeHandler(h)
            h.close()
        logging.getLogger(applog.LOGGER_NAME).propagate = True
