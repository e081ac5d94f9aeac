"""Connecting to an SQLite store file, building a new one, upgrading one (no Qt, and no
SQLAlchemy until an engine is made).

- :func:`_connect`: the plain sqlite3 connection (read-only: ``mode=ro``, or ``immutable``
  in a folder nobody may write in);
- :func:`_own_transactions`: transactions begin where SQLAlchemy begins them (BEGIN, or
  BEGIN IMMEDIATE for a unit of work), not where pysqlite guesses;
- :func:`_create`: a new store built beside its name and linked into place;
- :func:`_upgrade_file`: a checked backup, then the migrations in one transaction
  (migrations/env.py).
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UserError
from app.store import integrity

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from app.clock import Clock


def _cannot_open(path: Path, why: str) -> UserError:
    return integrity.cannot_open(path, why)


def _sqlite_pragmas(conn: sqlite3.Connection, _record: object = None) -> None:
    cur = conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    # FULL: a committed edit survives a power cut, not only a crash.
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def _read_only_pragmas(conn: sqlite3.Connection, _record: object = None) -> None:
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=5000")
    conn.execute("PRAGMA query_only=ON")


def _file_engine(path: Path, *, read_only: bool = False, busy_seconds: float = 5) -> Engine:
    from sqlalchemy import create_engine
    from sqlalchemy.pool import QueuePool

    # The connection is made here, not from a URL: a «?» in the path stays part of the name.
    # The pool is named: from the URL «sqlite://» alone SQLAlchemy would take an in-memory
    # database and its SingletonThreadPool, which closes the connections of threads past its
    # size while they are in use (the tracker's background reads: «closed database»).
    engine = create_engine("sqlite://", creator=lambda: _connect(path, read_only), poolclass=QueuePool)
    _own_transactions(engine, _read_only_pragmas if read_only else _sqlite_pragmas, busy_seconds)
    return engine


_IMMEDIATE = "dabir_begin_immediate"  # an execution option: Store.session() writes, so it locks first


def _own_transactions(engine: Engine, pragmas: Callable[..., None], busy_seconds: float = 5) -> None:
    """Transactions begin where SQLAlchemy begins them, not where pysqlite guesses.

    Left to itself, Python's sqlite3 begins a transaction only before INSERT, UPDATE or
    DELETE: a session's first SELECT runs outside it, so «check, then write» is not one
    transaction (four ``dabir demo`` at once each found the store empty and filled it),
    and DDL is never inside one. SQLAlchemy's recipe for pysqlite: the driver's
    transaction handling off (``isolation_level = None``) and BEGIN said on the engine's
    ``begin`` event. A second writer then waits ``busy_seconds`` for the lock, or is
    refused when what it read has changed meanwhile (app.store.integrity maps both).
    """
    from sqlalchemy import event

    def connect(conn: sqlite3.Connection, record: object) -> None:
        pragmas(conn, record)
        if busy_seconds != 5:
            conn.execute(f"PRAGMA busy_timeout={int(busy_seconds * 1000)}")
        conn.isolation_level = None

    def begin(conn: Connection) -> None:
        raw = conn.connection.driver_connection
        if not (isinstance(raw, sqlite3.Connection) and raw.in_transaction):  # env.py may have said BEGIN IMMEDIATE
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_IMMEDIATE) else "BEGIN")

    event.listen(engine, "connect", connect)
    event.listen(engine, "begin", begin)


def sqlite_file(path: Path) -> str:
    """``path`` as sqlite3.connect must get it: absolute, so that neither ``:memory:`` nor a
    name starting with ``file:`` is read as anything but a file, and never a URI (a ``?`` in
    a name is a ``?``)."""
    return os.path.abspath(path)


def _connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    if not read_only:
        return sqlite3.connect(sqlite_file(path), check_same_thread=False)
    uri = path.resolve().as_uri()  # a file URI from as_uri(): a «?» in the name stays part of the name
    conn = sqlite3.connect(uri + "?mode=ro", uri=True, check_same_thread=False)
    try:
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return conn
    except sqlite3.OperationalError as exc:
        name = getattr(exc, "sqlite_errorname", "")
        if not (name.startswith("SQLITE_READONLY") or name.startswith("SQLITE_CANTOPEN")):
            conn.close()
            raise
        # A WAL store in a folder nobody may write in: SQLite cannot make the shared-memory
        # file, so it is read as an unchanging file (nothing can write it there either).
        conn.close()
        return sqlite3.connect(uri + "?immutable=1", uri=True, check_same_thread=False)


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


UPGRADE_WAIT = 20.0  # seconds an upgrade waits for another program's write (or its own upgrade) to end


def _upgrade_file(path: Path, current: str | None, clock: Clock | None) -> None:
    """Back the store up (when it holds a schema), then upgrade it in one transaction."""
    if current is not None:
        from app.clock import SystemClock
        from app.store import backup

        backup.take(path, clock or SystemClock(), "upgrade")
    engine = _file_engine(path, busy_seconds=UPGRADE_WAIT)  # a second program upgrading at once: wait for it
    try:
        upgrade(engine)
    except Exception as exc:
        mapped = integrity.store_failure(exc, path)
        if mapped is None:
            raise
        raise mapped from exc
    finally:
        engine.dispose()


def _create(path: Path) -> None:
    """A new store at ``path``, whole or not at all, and never over another program's new store.

    Built under a temporary name in the same folder, then linked to ``path`` (POSIX) or
    renamed (Windows): both fail when ``path`` appeared meanwhile, and then the other
    program's store is used. A kill leaves only the temporary file.
    """
    from app.files import fsync_folder

    _clear_cut_off(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.new")
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        engine = _file_engine(tmp)
        try:
            upgrade(engine)
        finally:
            engine.dispose()
        with _closing(sqlite3.connect(sqlite_file(tmp))) as conn:
            conn.execute("PRAGMA journal_mode=DELETE")  # one file: its WAL folded in and removed
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        try:
            if os.name == "posix":
                os.link(tmp, path)
            else:
                os.rename(tmp, path)
        except FileExistsError:
            pass  # another program made it first: use theirs
        fsync_folder(path.parent)
    except OSError as exc:
        raise _cannot_open(path, f"پرونده ساخته نمی‌شود ({exc.strerror or exc}).") from exc
    except sqlite3.Error as exc:
        raise integrity.store_failure(exc, path) or _cannot_open(path, "پرونده ساخته نمی‌شود.") from exc
    finally:
        for leftover in ("", "-wal", "-shm", "-journal"):
            with suppress(OSError):
                os.unlink(f"{tmp}{leftover}")


def _clear_cut_off(path: Path, age: float = 3600) -> None:
    """Remove what a creation cut off an hour ago or more left beside ``path`` (younger ones may
    be another program's, being built)."""
    import time

    for p in path.parent.glob(f".{path.name}.*.new*"):
        try:
            if time.time() - p.stat().st_mtime > age:
                p.unlink()
        except OSError:
            pass


@contextmanager
def _closing(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    try:
        yield conn
    finally:
        conn.close()


def alembic_config(engine: Engine | None = None):  # type: ignore[no-untyped-def]
    from importlib.resources import files

    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(files("app.store") / "migrations"))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the schema up to the newest revision (creates a new store)."""
    from alembic import command

    command.upgrade(alembic_config(engine), "head")
