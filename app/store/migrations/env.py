"""Alembic environment: runs on the engine Dabir hands over, never from an ini file.

An upgrade is ONE transaction, also on SQLite, so a failed or killed upgrade leaves
the store exactly as it was (DESIGN.md, "Traps"). Python's sqlite3 driver, left to
itself, begins transactions only before INSERT/UPDATE/DELETE and runs CREATE, ALTER
and DROP outside any: a kill half-way would leave a store no migration can finish.
So on SQLite the driver's own transaction handling is switched off
(``isolation_level = None``) and this module says BEGIN IMMEDIATE (the write lock at
once: a second program opening the store waits, then finds it upgraded) and COMMIT
itself. Alembic sees a transaction already open and runs every migration inside it:
each migration in one transaction, and the whole run from the store's revision to the
head in the same one, so the store is never left between revisions.

Foreign keys are off during the run (the pragma is ignored inside a transaction, so it
is set before BEGIN): a batch operation copies a table, drops the old one and renames
the copy, and with foreign keys on, the drop would delete or refuse the rows that
point at it. ``PRAGMA foreign_key_check`` must find nothing before COMMIT, as SQLite's
documentation on schema changes prescribes.
"""

from alembic import context

from app.store.models import Base
from app.store.text_search import not_in_models

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # the alembic command line, used by developers to autogenerate
    from sqlalchemy import create_engine

    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///dev-autogen.db")


def _include_name(name, type_, parent_names):  # type: ignore[no-untyped-def]
    return not (type_ == "table" and not_in_models(name))


def _configure_and_run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
        include_name=_include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_on_sqlite(connection) -> None:  # type: ignore[no-untyped-def]
    raw = connection.connection.driver_connection
    saved = raw.isolation_level
    raw.isolation_level = None  # no implicit BEGIN or COMMIT from the driver: only ours
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        raw.execute("BEGIN IMMEDIATE")
        with connection.begin():  # Alembic sees an open transaction and never commits by itself
            _configure_and_run(connection)
            broken = raw.execute("PRAGMA foreign_key_check").fetchmany(5)
            if broken:
                raise RuntimeError(f"the migration left rows pointing at nothing: {broken}")
            raw.execute("COMMIT")
    except BaseException:
        if raw.in_transaction:
            raw.execute("ROLLBACK")
        raise
    finally:
        raw.execute("PRAGMA foreign_keys=ON")
        raw.isolation_level = saved


with engine.connect() as connection:
    if connection.dialect.name == "sqlite":
        _run_on_sqlite(connection)
    else:  # PostgreSQL has transactional DDL of its own
        with connection.begin():
            _configure_and_run(connection)
