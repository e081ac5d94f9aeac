"""resolution text search: an FTS5 trigram index over resolutions.text_norm

Revision ID: 0003
Revises: 0002

SQLite only (app.store.text_search is the one adapter that reads it; other backends
scan). The index is an external-content FTS5 table: it stores no copy of the texts,
and the three triggers keep it in step with every insert, update and delete. The
existing rows are indexed by the 'rebuild' command, in the same transaction as the
rest (env.py runs each upgrade in one explicit transaction).
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

_TRIGGERS = {
    "resolutions_fts_insert": "AFTER INSERT ON resolutions BEGIN "
    "INSERT INTO resolutions_fts(rowid, text_norm) VALUES (new.id, new.text_norm); END",
    "resolutions_fts_delete": "AFTER DELETE ON resolutions BEGIN "
    "INSERT INTO resolutions_fts(resolutions_fts, rowid, text_norm) VALUES ('delete', old.id, old.text_norm); END",
    "resolutions_fts_update": "AFTER UPDATE OF text_norm ON resolutions BEGIN "
    "INSERT INTO resolutions_fts(resolutions_fts, rowid, text_norm) VALUES ('delete', old.id, old.text_norm); "
    "INSERT INTO resolutions_fts(rowid, text_norm) VALUES (new.id, new.text_norm); END",
}


def upgrade() -> None:
    # Rows saved before text_norm was kept (it is empty): text search reads them through this.
    op.create_index("ix_resolutions_text_unnormalised", "resolutions", ["id"],
                    sqlite_where=sa.text("text_norm = ''"), postgresql_where=sa.text("text_norm = ''"))
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("CREATE VIRTUAL TABLE resolutions_fts USING fts5("
               "text_norm, content='resolutions', content_rowid='id', tokenize='trigram')")
    for name, body in _TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute("INSERT INTO resolutions_fts(resolutions_fts) VALUES ('rebuild')")


def downgrade() -> None:
    op.drop_index("ix_resolutions_text_unnormalised", table_name="resolutions")
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS resolutions_fts")
