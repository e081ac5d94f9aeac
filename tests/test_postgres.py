"""The read queries run unchanged on PostgreSQL and give what SQLite gives.

A throw-away cluster is started on a Unix socket in a temporary folder (DESIGN.md, "Traps":
initdb refuses root, so it runs as the ``postgres`` user then); the schema comes from the
models, both stores are filled by the same demo (through the services), and every read
query's rows are compared. Skipped, saying why, where no server can be started.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid as uuid_mod
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest

from app.demo.fill import fill_demo
from app.store.db import Store, open_memory_store
from tests.conftest import TODAY
from tests.read_samples import read_everything, samples


def _pg_bin() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    return versions[0] if versions else None


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    pytest.importorskip("psycopg", reason="the PostgreSQL driver (psycopg) is not installed: pip install .[test]")
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("no PostgreSQL server here (Debian: apt-get install postgresql)")
    # Not under pytest's own temporary folder: that one is private to the user running the tests.
    base = Path(tempfile.mkdtemp(prefix="dabir-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    run_as: list[str] = []
    if os.geteuid() == 0:  # initdb and postgres refuse root
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser: cannot start PostgreSQL as another user")
        run_as = ["runuser", "-u", "postgres", "--"]
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
    try:
        subprocess.run([*run_as, str(bindir / "initdb"), "-D", str(data), "--auth=trust", "-U", "dabir",
                        "-E", "UTF8", "--locale=C"], check=True, capture_output=True, timeout=120)
        subprocess.run([*run_as, str(bindir / "pg_ctl"), "start", "-D", str(data), "-w", "-l", str(base / "log"),
                        "-o", f"-k {sock} -c listen_addresses='' -c fsync=off"],
                       check=True, capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        pytest.skip(f"could not start a PostgreSQL cluster: {exc} {detail.decode(errors='replace')[-300:]}")
    try:
        yield f"postgresql+psycopg://dabir@/postgres?host={sock}"
    finally:
        subprocess.run([*run_as, str(bindir / "pg_ctl"), "stop", "-D", str(data), "-m", "immediate"],
                       capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


def _same_uuids(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both stores get the same uuids in the same order, so their rows compare equal."""
    counter = count(1)
    monkeypatch.setattr(uuid_mod, "uuid4", lambda: uuid_mod.UUID(int=next(counter)))


# Query → the column holding a row's created_at, which the demo takes from the computer's clock.
_TYPED_AT = {"package_follow_ups": 9, "package_extensions": 8}


def _pg_store(url: str) -> Store:
    from sqlalchemy import create_engine

    from app.store.models import Base

    engine = create_engine(url)
    Base.metadata.create_all(engine)
    return Store(None, engine=engine)


def test_the_read_queries_give_the_same_rows_on_postgresql(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _same_uuids(monkeypatch)
    lite = open_memory_store()
    fill_demo(lite, today=TODAY)
    _same_uuids(monkeypatch)
    pg = _pg_store(pg_url)
    try:
        assert pg.engine.dialect.name == "postgresql"
        fill_demo(pg, today=TODAY)
        params = samples(lite, TODAY)
        on_sqlite, on_pg = read_everything(lite, TODAY, params), read_everything(pg, TODAY, params)
        for rows in (on_sqlite, on_pg):  # when the demo's reports were typed: the real clock, two fills apart
            for name, column in _TYPED_AT.items():
                rows[name] = [[(*r[:column], None, *r[column + 1:]) for r in sample] for sample in rows[name]]
        assert sum(len(rows) for sets in on_sqlite.values() for rows in sets) > 1000  # the demo is read
        for name in params:
            assert on_pg[name] == on_sqlite[name], name
        assert not pg.is_sqlite
    finally:
        lite.close()
        pg.close()


def test_the_services_read_the_same_on_postgresql(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The readers built on the queries: the tracker (with its text search, a scan here),
    the figures and the minutes."""
    from sqlalchemy import text

    from app.export.minutes_doc import minutes_doc
    from app.services.stats import body_stats
    from app.services.tracker import filter_rows, tracker_rows

    _same_uuids(monkeypatch)
    lite = open_memory_store()
    fill_demo(lite, today=TODAY)
    pg = Store(None, engine=_pg_store(pg_url).engine)
    with pg.engine.begin() as conn:  # the first test's data, or a fresh fill
        filled = conn.execute(text("SELECT COUNT(*) FROM bodies")).scalar()
    if not filled:
        _same_uuids(monkeypatch)
        fill_demo(pg, today=TODAY)
    try:
        for store_rows in (list(tracker_rows(lite, today=TODAY)), list(tracker_rows(pg, today=TODAY))):
            assert len(store_rows) > 100
        assert list(tracker_rows(pg, today=TODAY)) == list(tracker_rows(lite, today=TODAY))
        for words in ("سامانه", "كميته", "G2B"):
            assert filter_rows(tracker_rows(pg, today=TODAY), text=words).ids == \
                filter_rows(tracker_rows(lite, today=TODAY), text=words).ids
        assert body_stats(pg, today=TODAY) == body_stats(lite, today=TODAY)
        meeting = lite.read("meetings")[0][0]
        assert minutes_doc(pg, meeting) == minutes_doc(lite, meeting)
    finally:
        lite.close()
        pg.close()


def test_the_history_guard_refuses_update_and_delete_on_postgresql(pg_url: str) -> None:
    """Migration 0004's triggers in their PostgreSQL form (app.store.history_guard): plpgsql."""
    from sqlalchemy import text
    from sqlalchemy.exc import DatabaseError

    from app.store import history_guard

    pg = _pg_store(pg_url)
    try:
        with pg.engine.begin() as conn:
            for stmt in history_guard.drop_sql("postgresql") + history_guard.create_sql("postgresql"):
                conn.execute(text(stmt))
            assert history_guard.installed(conn)
            conn.execute(text("INSERT INTO audit_log (created_at, os_user, entity, action) "
                              "VALUES (now(), 'u', 'body', 'create')"))
        for sql in ("UPDATE audit_log SET os_user = 'x'", "DELETE FROM audit_log"):
            with pytest.raises(DatabaseError, match="append-only"), pg.engine.begin() as conn:
                conn.execute(text(sql))
    finally:
        with pg.engine.begin() as conn:  # the other tests' stores are filled without it
            for stmt in history_guard.drop_sql("postgresql"):
                conn.execute(text(stmt))
        pg.close()
