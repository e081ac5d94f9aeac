"""Upgrades that cannot break a store; creation that is whole or nothing; odd and damaged stores
refused with the right Persian message and their bytes unchanged."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import textwrap
import time
from pathlib import Path

import pytest

from app.cli import main
from app.errors import UserError
from app.store.db import SCHEMA_REVISION, open_store
from tests.fixtures.make_store_0001 import store_0001

FIXTURE = store_0001()  # a real store at revision 0001, built once per test process


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def revision(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    path = tmp_path / "old.db"
    shutil.copy(FIXTURE, path)
    return path


def test_an_upgrade_is_preceded_by_a_checked_backup(old_store: Path) -> None:
    open_store(old_store).close()
    assert revision(old_store) == SCHEMA_REVISION
    copies = list((old_store.parent / "old.db.backups").glob("old-*-upgrade.db"))
    assert len(copies) == 1
    with sqlite3.connect(copies[0]) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one self-contained file
        assert conn.execute("SELECT count(*) FROM resolutions").fetchone() == (120,)
    if os.name == "posix":
        assert copies[0].stat().st_mode & 0o777 == 0o600
        assert copies[0].parent.stat().st_mode & 0o777 == 0o700


def test_a_failing_migration_leaves_the_store_as_it_was(old_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A migration that fails after creating tables and indexes: everything is rolled back."""
    from sqlalchemy import event

    from app.store import connection

    made = connection._file_engine

    def failing(path, **kw):  # type: ignore[no-untyped-def]
        engine = made(path, **kw)

        @event.listens_for(engine, "before_cursor_execute")
        def boom(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
            if "CREATE VIRTUAL TABLE" in statement:  # inside 0003, after 0002 has run
                raise RuntimeError("disk pulled out")
        return engine

    monkeypatch.setattr(connection, "_file_engine", failing)
    with sqlite3.connect(old_store) as conn:
        schema_before = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    with pytest.raises(RuntimeError):
        open_store(old_store)
    with sqlite3.connect(old_store) as conn:
        assert conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall() == schema_before
        assert conn.execute("PRAGMA foreign_keys").fetchone() == (0,)  # a fresh connection's default: nothing stuck
    assert revision(old_store) == "0001"
    monkeypatch.undo()
    open_store(old_store).close()  # and the next start finishes the upgrade
    assert revision(old_store) == SCHEMA_REVISION


def test_a_migration_that_rebuilds_a_parent_table_keeps_the_rows_pointing_at_it(tmp_path: Path,
                                                                               old_store: Path) -> None:
    """Batch mode copies a table and drops the old one: with foreign keys on, the drop would
    cascade into every child table. Any future migration, here a rebuild of «meetings»."""
    from alembic import command
    from alembic.config import Config

    from app.store.db import _file_engine

    scripts = tmp_path / "migrations"
    shutil.copytree(Path(__file__).parent.parent / "app" / "store" / "migrations", scripts,
                    ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9999_rebuild_meetings.py").write_text(textwrap.dedent(f"""\
        from alembic import op
        import sqlalchemy as sa

        revision = '9999'
        down_revision = '{SCHEMA_REVISION}'
        branch_labels = None
        depends_on = None


        def upgrade() -> None:
            with op.batch_alter_table('meetings', recreate='always') as batch_op:
                batch_op.add_column(sa.Column('extra', sa.Integer(), nullable=True))
        """))
    cfg = Config()
    cfg.set_main_option("script_location", str(scripts))
    engine = _file_engine(old_store)
    cfg.attributes["engine"] = engine
    command.upgrade(cfg, "head")
    engine.dispose()
    with sqlite3.connect(old_store) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("9999",)
        assert conn.execute("SELECT count(*) FROM resolutions").fetchone() == (120,)
        assert conn.execute("SELECT count(*) FROM agenda_items").fetchone() == (48,)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_store_from_a_newer_program_is_refused_untouched(old_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with sqlite3.connect(old_store) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0042'")
    conn.close()
    before = sha(old_store)
    with pytest.raises(UserError) as exc:
        open_store(old_store)
    assert exc.value.code == "store_newer" and "نسخهٔ تازه‌تری از دبیر" in exc.value.message
    assert main(["--db", str(old_store), "list", "bodies"]) == 2
    assert "نسخهٔ تازه‌تری از دبیر ساخته است" in capsys.readouterr().err
    assert sha(old_store) == before
    assert not (old_store.parent / "old.db.backups").exists()  # nothing written anywhere for it
    store = open_store(old_store, read_only=True)  # what the GUI offers: read-only
    assert len(store.fetch_all("SELECT id FROM bodies")) == 3
    with pytest.raises(sqlite3.OperationalError):
        store.fetch_all("DELETE FROM bodies")
    store.close()
    assert sha(old_store) == before


def test_a_new_store_is_private_and_built_beside_its_name(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_store(path).close()
    assert revision(path) == SCHEMA_REVISION
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600


def test_a_kill_while_a_new_store_is_built_leaves_no_store(tmp_path: Path) -> None:
    if not hasattr(os, "fork"):
        pytest.skip("forks")
    import signal

    path = tmp_path / "new.db"
    for delay in (0.005, 0.02, 0.05, 0.1):
        pid = os.fork()
        if pid == 0:
            try:
                open_store(path).close()
            finally:
                os._exit(0)
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        if path.exists():  # the kill came after the rename: then it is a whole store
            assert revision(path) == SCHEMA_REVISION
            path.unlink()
        for left in tmp_path.glob(".new.db.*"):  # what the kill left, as if an hour ago
            os.utime(left, (time.time() - 7200,) * 2)
        open_store(path).close()  # either way the next start makes or opens a sound one
        assert revision(path) == SCHEMA_REVISION
        assert list(tmp_path.glob(".new.db.*")) == []  # and clears what was cut off
        path.unlink()


def test_four_demos_started_together_on_a_new_file(tmp_path: Path) -> None:
    """Failure 1: three of four crashed with «table … already exists»."""
    if not hasattr(os, "fork"):
        pytest.skip("forks")
    path = tmp_path / "demo.db"
    go_read, go_write = os.pipe()
    pids = []
    for _ in range(4):
        pid = os.fork()
        if pid == 0:
            code = 9
            try:
                os.read(go_read, 1)  # all four start at the same moment
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, 1)
                os.dup2(devnull, 2)
                code = main(["--db", str(path), "demo"])
            finally:
                os._exit(code)
        pids.append(pid)
    os.write(go_write, b"go!!")
    codes = [os.WEXITSTATUS(os.waitpid(pid, 0)[1]) for pid in pids]
    assert sorted(codes)[0] == 0 and set(codes) <= {0, 2}, codes  # one fills, the others are told why not
    assert codes.count(0) == 1
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT count(*) FROM bodies").fetchone()[0] > 0
        names = [r[0] for r in conn.execute("SELECT name FROM bodies")]
    assert len(names) == len(set(names))  # filled once


def test_write_atomic_fsyncs_the_file_and_then_its_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import stat

    from app.files import write_atomic

    synced: list[tuple[str, bool]] = []
    real = os.fsync

    def spy(fd: int) -> None:
        mode = os.fstat(fd).st_mode
        synced.append(("folder" if stat.S_ISDIR(mode) else "file", os.path.exists(tmp_path / "out.pdf")))
        real(fd)

    monkeypatch.setattr(os, "fsync", spy)
    write_atomic(tmp_path / "out.pdf", b"%PDF-1.7 ...")
    assert (tmp_path / "out.pdf").read_bytes() == b"%PDF-1.7 ..."
    if os.name == "posix":
        assert synced == [("file", False), ("folder", True)]  # the data, then the rename
    else:
        assert synced == [("file", False)]


def test_a_cut_off_backup_leaves_only_a_temporary_file_that_is_cleared_later(tmp_path: Path) -> None:
    import datetime as dt

    from app.clock import FixedClock
    from app.store import backup

    path = tmp_path / "d.db"
    shutil.copy(FIXTURE, path)
    folder = tmp_path / "d.db.backups"
    folder.mkdir()
    stale = folder / ".d-20241120-090000-daily.db.1a2b3c4d.tmp"
    stale.write_bytes(b"half a copy")
    os.utime(stale, (time.time() - 2 * 86400,) * 2)
    fresh = folder / ".d-20241123-090000-daily.db.5e6f7a8b.tmp"  # perhaps another program's, being written
    fresh.write_bytes(b"being written")
    assert backup.list_backups(path) == []  # never offered
    backup.take(path, FixedClock(dt.date(2024, 11, 23)), "manual")
    assert not stale.exists() and fresh.exists()


def test_a_unit_of_work_takes_the_write_lock_first_and_a_read_only_store_can_still_read(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    store = open_store(path)
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    with store.session(), pytest.raises(sqlite3.OperationalError, match="locked"):  # before it has written anything
        other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")  # released with the session
    other.execute("ROLLBACK")
    other.close()
    store.close()
    read_only = open_store(path, read_only=True)
    with read_only.session() as s:
        from sqlalchemy import text

        assert s.execute(text("SELECT count(*) FROM bodies")).scalar() == 0
    read_only.close()
