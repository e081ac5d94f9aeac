"""Opening the store: engine, SQLite pragmas, migrations, sessions.

Start-up speed matters (the main window must appear fast), so Alembic is
imported only when the schema is behind: the current revision is read with a
plain query and compared with :data:`SCHEMA_REVISION`.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.errors import UserError

# The head of app/store/migrations/versions; a test keeps the two in step.
SCHEMA_REVISION = "0001"


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    # FULL: a committed edit survives a power cut, not only a crash.
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


class Store:
    """One opened store: the engine and a sessionmaker. Services take this."""

    def __init__(self, engine: Engine, path: Path | None) -> None:
        self.engine = engine
        self.path = path
        self.sessionmaker = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error."""
        with self.sessionmaker() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.sessionmaker() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def _cannot_open(path: Path, why: str) -> UserError:
    return UserError(
        "store_open",
        f"پایگاه داده «{path}» باز نمی‌شود: {why}",
        english=f"cannot open the store {path}",
    )


def open_store(path: str | os.PathLike[str] | Path, *, create: bool = True) -> Store:
    """Open the SQLite store at ``path``, upgrading its schema when it is behind.

    With ``create`` a missing file becomes a new store (its folder must exist);
    without it a missing file is an error. A file that is not a Dabir store is
    refused untouched.
    """
    path = Path(path)
    if path.is_dir():
        raise _cannot_open(path, "این مسیر یک پوشه است، نه پرونده.")
    if not path.exists():
        if not create:
            raise _cannot_open(path, "چنین پرونده‌ای وجود ندارد.")
        if not path.parent.is_dir():
            raise _cannot_open(path, f"پوشهٔ «{path.parent}» وجود ندارد.")
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _sqlite_pragmas)
    try:
        current = current_revision(engine)
        if current is None and _has_foreign_tables(engine):
            raise _cannot_open(path, "این پرونده پایگاه دادهٔ دبیر نیست.")
        if current != SCHEMA_REVISION:
            upgrade(engine)
    except (DatabaseError, OperationalError) as exc:
        engine.dispose()
        raise _cannot_open(path, "پرونده پایگاه دادهٔ دبیر نیست یا خراب است.") from exc
    except UserError:
        engine.dispose()
        raise
    return Store(engine, path)


def _has_foreign_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(text("SELECT 1 FROM sqlite_master WHERE type='table' LIMIT 1")).first() is not None


def open_memory_store() -> Store:
    """A private in-memory store (tests and benchmarks)."""
    from sqlalchemy.pool import StaticPool

    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _sqlite_pragmas)
    upgrade(engine)
    return Store(engine, None)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        has = conn.execute(text(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")).first()
        if not has:
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return row[0] if row else None


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
