"""Alembic environment: runs on the engine Dabir hands over, never from an ini file.

Each run is ONE transaction, also on SQLite: Python's sqlite3 driver runs DDL outside
any transaction unless one was begun explicitly, so a migration killed half-way would
leave a store that no migration can finish (DESIGN.md, "Traps"). An explicit BEGIN
makes CREATE, ALTER and the batch copies of every migration commit or roll back together.
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


with engine.begin() as connection:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN")  # see the docstring
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
        include_name=_include_name,
    )
    with context.begin_transaction():
        context.run_migrations()
