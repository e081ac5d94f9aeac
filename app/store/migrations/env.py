"""Alembic environment: runs on the engine Dabir hands over, never from an ini file."""

from alembic import context

from app.store.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # the alembic command line, used by developers to autogenerate
    from sqlalchemy import create_engine

    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///dev-autogen.db")

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
    )
    with context.begin_transaction():
        context.run_migrations()
