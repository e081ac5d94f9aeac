"""Opening the store: SQLite pragmas, migrations, sessions, and a fast read path.

Start-up speed matters (the main window must appear in a few tenths of a
second and importing SQLAlchemy alone takes about 0.2 s), so opening a store
that is up to date imports neither SQLAlchemy nor Alembic: the schema revision
is read with the standard library's sqlite3, and the main window's first lists
come through :meth:`Store.read`, which runs the read queries of
:mod:`app.store.queries` from their compiled text on a plain sqlite3
connection (see that module). The engine and the ORM are made on first use.

Connecting, building a new store and upgrading one are in app/store/connection.py;
what is wrong with a store, and the Persian for it, in app/store/integrity.py.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import UserError
from app.persian.text import ltr_isolate
from app.store import integrity
from app.store.connection import (  # alembic_config and upgrade: part of this module's interface
    _IMMEDIATE,
    _closing,
    _connect,
    _create,
    _file_engine,
    _own_transactions,
    _read_only_pragmas,
    _sqlite_pragmas,
    _upgrade_file,
    _writable,
    alembic_config,
    upgrade,
)
from app.store.queries_sqlite import SQL
from app.store.schema import SCHEMA_REVISION

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine
    from sqlalchemy.orm import Session, sessionmaker

    from app.clock import Clock

__all__ = [
    "SCHEMA_REVISION",
    "Store",
    "alembic_config",
    "current_revision",
    "open_memory_store",
    "open_store",
    "upgrade",
]


class Store:
    """One opened store. Services take this; widgets never see a Session."""

    def __init__(self, path: Path | None, *, engine: Engine | None = None, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only  # opened with open_store(read_only=True): every write fails
        self._engine = engine
        self._sessionmaker: sessionmaker[Session] | None = None
        self._raw: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None:
                assert self.path is not None
                self._engine = _file_engine(self.path, read_only=self.read_only)
                if self._raw is not None:  # the start-up reader is done
                    self._raw.close()
                    self._raw = None
            return self._engine

    @property
    def sessionmaker(self) -> sessionmaker[Session]:
        if self._sessionmaker is None:
            from sqlalchemy.orm import sessionmaker

            self._sessionmaker = sessionmaker(self.engine, expire_on_commit=False)
        return self._sessionmaker

    def warm_up(self) -> None:
        """Import the ORM and connect now (the GUI calls this once it is idle)."""
        import app.store.models  # noqa: F401

        with self.sessionmaker() as s:
            s.connection()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error.

        On SQLite it begins with BEGIN IMMEDIATE: the write lock is taken first, so a
        second writer waits its turn (busy timeout) instead of reading a state that
        will have changed by the time it writes (SQLite would refuse that write at once).
        """
        with self.sessionmaker() as session:
            try:
                if self.path is not None and not self.read_only:
                    session.connection(execution_options={_IMMEDIATE: True})
                yield session
                session.commit()
            except BaseException as exc:
                session.rollback()
                if isinstance(exc, UserError) or not isinstance(exc, Exception):
                    raise
                from app.store.integrity import write_failure

                failure = write_failure(self.path, exc)  # a lost race or the file: said in Persian
                if failure is None:
                    raise
                raise failure from exc

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.sessionmaker() as session:
            yield session

    def read(self, query: str, **params: Any) -> list[tuple[Any, ...]]:
        """The rows of the read query named ``query`` (:mod:`app.store.queries`), typed.

        Dates, times and booleans come back as Python values and statuses as plain
        strings, whichever path ran the query: on SQLite the query's compiled text on the
        DB-API connection (before the engine exists, a plain sqlite3 connection that needs
        no SQLAlchemy), elsewhere the Core statement itself.
        """
        if self._engine is None and self.path is not None:
            if self._raw is None:
                self._raw = _connect(self.path, self.read_only)
                (_read_only_pragmas if self.read_only else _sqlite_pragmas)(self._raw)
            return run_sqlite(self._raw, query, params)
        with self.engine.connect() as conn:
            return _run_on(conn, query, params)

    @property
    def is_sqlite(self) -> bool:
        """Whether the store is SQLite (the adapters of SQLite-only features ask)."""
        return self.path is not None or self.engine.dialect.name == "sqlite"

    def execute(self, stmt: Any) -> list[tuple[Any, ...]]:
        """The rows of a Core statement built at run time (a search with any number of words)."""
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(stmt)]

    def stream(self, query: str, **params: Any) -> Iterator[tuple[Any, ...]]:
        """The rows of :meth:`read`, a block at a time: memory does not grow with the rows
        (``dabir list resolutions`` over 50,000)."""
        if self._engine is None and self.path is not None:
            if self._raw is None:
                self._raw = _connect(self.path, self.read_only)
                (_read_only_pragmas if self.read_only else _sqlite_pragmas)(self._raw)
            yield from stream_sqlite(self._raw, query, params)
            return
        with self.engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                raw = conn.connection.driver_connection
                assert isinstance(raw, sqlite3.Connection)
                yield from stream_sqlite(raw, query, params)
                return
            yield from _run_on(conn, query, params)  # other backends: small enough for now

    def fetch_all(self, sql: str, **params: Any) -> list[tuple[Any, ...]]:
        """Rows of an ad-hoc SQL text with ``:name`` parameters, as the driver gives them.

        For tests and one-off tools only: the program reads through :meth:`read`, whose
        queries are portable and typed.
        """
        if self._engine is None and self.path is not None:
            if self._raw is None:
                self._raw = _connect(self.path, self.read_only)
                (_read_only_pragmas if self.read_only else _sqlite_pragmas)(self._raw)
            return self._raw.execute(sql, params).fetchall()
        from sqlalchemy import text

        with self.engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                raw = conn.connection.driver_connection
                assert isinstance(raw, sqlite3.Connection)
                return raw.execute(sql, params).fetchall()
            return [tuple(r) for r in conn.execute(text(sql), params)]

    def joined(self, session: Session) -> Store:
        """This store seen through one open session: services called on the
        result all join that session's transaction (a demo fill, a package
        import: all or nothing)."""
        return _JoinedStore(self, session)

    def close(self) -> None:
        if self._raw is not None:
            self._raw.close()
            self._raw = None
        if self._engine is not None:
            self._engine.dispose()


class _JoinedStore(Store):
    def __init__(self, base: Store, session: Session) -> None:
        super().__init__(base.path, engine=base.engine)
        self._joined = session

    @contextmanager
    def session(self) -> Iterator[Session]:
        yield self._joined  # the owner of the session commits or rolls back

    @contextmanager
    def reading(self) -> Iterator[Session]:
        yield self._joined

    def read(self, query: str, **params: Any) -> list[tuple[Any, ...]]:
        # Inside the session's transaction: sees its writes.
        return _run_on(self._joined.connection(), query, params)

    @property
    def is_sqlite(self) -> bool:
        return self._joined.get_bind().dialect.name == "sqlite"

    def execute(self, stmt: Any) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self._joined.execute(stmt)]

    def fetch_all(self, sql: str, **params: Any) -> list[tuple[Any, ...]]:
        from sqlalchemy import text

        conn = self._joined.connection()
        if conn.dialect.name == "sqlite":
            raw = conn.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            return raw.execute(sql, params).fetchall()
        return [tuple(r) for r in conn.execute(text(sql), params)]

    def close(self) -> None:  # the base store owns the engine
        pass


def _run_on(conn: Connection, query: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Run a named read query on an SQLAlchemy connection: the compiled text on SQLite's
    DB-API connection (SQLAlchemy's result layer would double a 50,000-row read), the Core
    statement on any other backend."""
    if conn.dialect.name == "sqlite":
        raw = conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        return run_sqlite(raw, query, params)
    from app.store.queries import statement

    rows = conn.execute(statement(query), params).all()
    enums = [i for i, kind in enumerate(SQL[query][1]) if kind == "enum"]
    if not enums:
        return [tuple(r) for r in rows]
    out = []
    for r in rows:
        values = list(r)
        for i in enums:  # the Enum type gives the Python enum; readers compare stored strings
            if values[i] is not None:
                values[i] = values[i].value
        out.append(tuple(values))
    return out


def _sqlite_param(value: Any) -> Any:
    # sqlite3's own date adapter is deprecated; dates are stored as ISO text.
    return value.isoformat() if isinstance(value, dt.date) else value


def _sqlite_cursor(conn: sqlite3.Connection, query: str, params: dict[str, Any]) -> sqlite3.Cursor:
    sql, _kinds, constants = SQL[query]
    values = {**constants, **params}
    if "__[POSTCOMPILE_" in sql:
        sql = _POSTCOMPILE.sub(lambda m: _expand(m.group(1), values), sql)
    return conn.execute(sql, {k: _sqlite_param(v) for k, v in values.items()})


def run_sqlite(conn: sqlite3.Connection, query: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Run a named read query's compiled text (:mod:`app.store.queries_sqlite`) on sqlite3."""
    rows = _sqlite_cursor(conn, query, params).fetchall()
    convert = _converter(SQL[query][1])
    return rows if convert is None else convert(rows)


def stream_sqlite(conn: sqlite3.Connection, query: str, params: dict[str, Any],
                  block: int = 2000) -> Iterator[tuple[Any, ...]]:
    """:func:`run_sqlite` a block of rows at a time."""
    cursor = _sqlite_cursor(conn, query, params)
    convert = _converter(SQL[query][1])
    try:
        while rows := cursor.fetchmany(block):
            yield from rows if convert is None else convert(rows)
    finally:
        cursor.close()


_POSTCOMPILE = re.compile(r"__\[POSTCOMPILE_(\w+)\]")


def _expand(name: str, values: dict[str, Any]) -> str:
    """An expanding parameter (``in_(bindparam(..., expanding=True))``) as one parameter per item."""
    items = list(values.pop(name))
    for i, item in enumerate(items):
        values[f"{name}__{i}"] = item
    return ", ".join(f":{name}__{i}" for i in range(len(items))) or "NULL"


def _converter(kinds: tuple[str | None, ...]) -> Callable[[list[Any]], list[tuple[Any, ...]]] | None:
    """A function turning sqlite3's text dates (and 0/1 booleans) into what SQLAlchemy returns."""
    parse: dict[str, Callable[[Any], Any]] = {
        "date": _memo(dt.date.fromisoformat), "datetime": _keep_none(dt.datetime.fromisoformat),
        "time": _keep_none(dt.time.fromisoformat), "bool": _keep_none(bool)}
    columns = [(i, parse[k]) for i, k in enumerate(kinds) if k in parse]
    if not columns:
        return None

    def convert(rows: list[Any]) -> list[tuple[Any, ...]]:
        # Column by column: zip() turns rows into columns and back in C, and each column
        # is converted with one map(); several times faster than a loop over the rows.
        if not rows:
            return rows
        cols = list(zip(*rows, strict=True))
        for i, f in columns:
            cols[i] = tuple(map(f, cols[i]))
        return list(zip(*cols, strict=True))
    return convert


def _keep_none(f: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda v: None if v is None else f(v)


def _memo(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    # Dates repeat (a few thousand days over 50,000 rows): parse each text once per read.
    cache: dict[str, Any] = {}

    def get(text: str | None) -> Any:
        value = cache.get(text)  # type: ignore[arg-type]
        if value is None and text is not None:
            value = cache[text] = parse(text)
        return value
    return get


def _cannot_open(path: Path, why: str) -> UserError:
    return integrity.cannot_open(path, why)


def open_store(path: str | os.PathLike[str] | Path, *, create: bool = True, read_only: bool | None = False,
               clock: Clock | None = None) -> Store:
    """Open the SQLite store at ``path``, upgrading its schema when it is behind.

    With ``create`` a missing file becomes a new store (its folder must exist), built
    beside it and renamed into place, so that a kill or a second program starting at
    the same moment never leaves half a store; without it a missing or empty file is an
    error. A file that is not a Dabir store, is damaged, or comes from a newer program is
    refused untouched (UserError ``store_open``, ``store_damaged``, ``store_newer``).
    Before an upgrade the store is copied into its backups folder and the copy checked
    (app/store/backup.py); the upgrade is one transaction (migrations/env.py).
    ``read_only`` opens without writing anything, not even an upgrade; None opens
    read-only only when the file or its folder cannot be written (the reading commands).
    A store that cannot be written and needs an upgrade is refused (``store_read_only``).
    """
    path = Path(path)
    if read_only is None:
        read_only = path.is_file() and path.stat().st_size > 0 and not _writable(path)
    if path.is_dir():
        raise _cannot_open(path, "این مسیر یک پوشه است، نه پرونده.")
    if path.exists() and not path.is_file():  # SQLite would write into /dev/null, and its -wal beside it
        raise _cannot_open(path, "این مسیر پروندهٔ معمولی نیست (دستگاه یا لوله است).")
    if not path.exists():
        if not create or read_only:
            raise _cannot_open(path, "چنین پرونده‌ای وجود ندارد.")
        if not path.parent.is_dir():
            raise _cannot_open(path, f"پوشهٔ «{ltr_isolate(path.parent)}» وجود ندارد.")
        _create(path)
    elif path.stat().st_size == 0 and not create:
        raise _cannot_open(path, "پرونده خالی است و پایگاه داده‌ای در آن نیست.")
    refusal = integrity.header_refusal(path)
    if refusal is not None:
        raise refusal
    try:
        with _closing(_connect(path, read_only)) as conn:
            current = _revision(conn)
            # Without create, an empty file (0 bytes) is not a store to be made one silently.
            if current is None and (not create or conn.execute(
                    "SELECT 1 FROM sqlite_master WHERE type='table'").fetchone()):
                raise _cannot_open(path, "این پرونده پایگاه دادهٔ دبیر نیست.")
    except sqlite3.DatabaseError as exc:
        raise integrity.store_failure(exc, path) or _cannot_open(
            path, "پرونده پایگاه دادهٔ دبیر نیست یا خراب است.") from exc
    newer = current is not None and current != SCHEMA_REVISION and current not in integrity.known_revisions()
    if newer and not read_only:
        raise integrity.newer(path)
    if not read_only and not _writable(path):  # said now, not at the first save that fails
        raise integrity.read_only(path)
    if read_only:  # up to date, or newer (opened read-only on purpose); an older one needs an upgrade
        if current is None or (current != SCHEMA_REVISION and not newer):
            raise integrity.read_only(path)
        return Store(path, read_only=True)
    if current != SCHEMA_REVISION:
        if current is None and not create:
            raise _cannot_open(path, "پرونده پایگاه داده‌ای خالی است و جدول‌های دبیر در آن نیست.")
        _upgrade_file(path, current, clock)
    return Store(path)


_revision = integrity.read_revision


def open_memory_store() -> Store:
    """A private in-memory store (tests and benchmarks)."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    _own_transactions(engine, _sqlite_pragmas)
    upgrade(engine)
    return Store(None, engine=engine)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert isinstance(raw, sqlite3.Connection)
        return _revision(raw)


def as_date(value: Any):  # type: ignore[no-untyped-def]
    """A DATE column's value as :class:`datetime.date`, whichever path read it."""
    import datetime as dt

    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)
