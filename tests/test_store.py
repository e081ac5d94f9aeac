"""The store: migrations, pragmas, and refusing what is not ours."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from app.errors import UserError
from app.store.db import SCHEMA_REVISION, alembic_config, current_revision, open_store
from app.store.models import Base


def test_schema_revision_is_the_migrations_head() -> None:
    from alembic.script import ScriptDirectory

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == SCHEMA_REVISION


def test_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from app.store.text_search import not_in_models

    store = open_store(tmp_path / "d.db")
    with store.engine.connect() as conn:
        tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
        context = MigrationContext.configure(conn, opts={
            "include_name": lambda name, type_, parents: not (type_ == "table" and not_in_models(name))})
        diff = compare_metadata(context, Base.metadata)
    store.close()
    assert diff == []
    # What the comparison leaves out is exactly the text index and its shadow tables.
    assert {t for t in tables if not_in_models(t)} == {
        "resolutions_fts", *(f"resolutions_fts_{s}" for s in ("data", "idx", "docsize", "config"))}


def test_new_store_has_wal_and_foreign_keys(tmp_path: Path) -> None:
    store = open_store(tmp_path / "d.db")
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert current_revision(store.engine) == SCHEMA_REVISION
    store.close()


def test_reopening_does_not_load_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    open_store(tmp_path / "d.db").close()
    code = ("import sys; from app.store.db import open_store; open_store(sys.argv[1]).close(); "
            "print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "d.db")], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_a_file_that_is_not_a_store_is_refused_untouched(tmp_path: Path) -> None:
    junk = tmp_path / "notes.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(UserError) as exc:
        open_store(junk)
    assert exc.value.code == "store_open" and "خراب" in exc.value.message
    assert junk.read_bytes() == b"this is not sqlite at all" * 100

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    with pytest.raises(UserError) as exc:
        open_store(other)
    assert "دبیر نیست" in exc.value.message
    with sqlite3.connect(other) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert tables == ["contacts"]


def test_missing_paths(tmp_path: Path) -> None:
    with pytest.raises(UserError) as exc:
        open_store(tmp_path / "nowhere" / "d.db")
    assert "وجود ندارد" in exc.value.message
    with pytest.raises(UserError):
        open_store(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()
    with pytest.raises(UserError):
        open_store(tmp_path)


def test_an_older_store_is_upgraded_in_place_keeping_its_data(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    command.upgrade(alembic_config(engine), "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO bodies (uuid, name, kind, meetings_per_year, position) "
                          "VALUES ('u-1', 'شورای قدیمی', 'council', 4, 1)"))
        # Rows hanging on the body by ON DELETE CASCADE: lost if a migration rebuilt «bodies».
        conn.execute(text("INSERT INTO people (uuid, name, name_norm, post) VALUES ('p-1', 'علی', 'علی', '')"))
        conn.execute(text("INSERT INTO body_members (body_id, person_id, role, position) VALUES (1, 1, 'chair', 0)"))
        conn.execute(text("INSERT INTO drafts (body_id, payload, saved_at) VALUES (1, '{}', '2024-11-23 10:00:00')"))
    engine.dispose()
    store = open_store(path)
    assert current_revision(store.engine) == SCHEMA_REVISION
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT name, emblem FROM bodies")).all() == [("شورای قدیمی", None)]
        assert conn.execute(text("SELECT COUNT(*) FROM deadline_extensions")).scalar() == 0
        assert conn.execute(text("SELECT COUNT(*) FROM body_members")).scalar() == 1
        assert conn.execute(text("SELECT COUNT(*) FROM drafts")).scalar() == 1
    store.close()


def test_reads_from_many_threads_each_get_a_live_connection(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The engine pools connections per use, not per thread: more threads than a pool's size
    (the tracker's and the editor's background reads) never meet a connection closed under them."""
    from concurrent.futures import ThreadPoolExecutor

    from app.services import bodies, directory

    store = open_store(tmp_path / "threads.db", create=True)
    try:
        bodies.save_body(store, "کمیته آموزش", "committee")
        store.warm_up()
        assert type(store.engine.pool).__name__ == "QueuePool"
        with ThreadPoolExecutor(max_workers=12) as pool:
            found = list(pool.map(lambda _: len(directory.list_units(store)) + len(bodies.list_members(store, 1)),
                                  range(200)))
        assert found == [0] * 200
    finally:
        store.close()
