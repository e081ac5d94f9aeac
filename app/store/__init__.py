"""The local store: SQLAlchemy models, the engine, Alembic migrations."""
