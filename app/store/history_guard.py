"""History that cannot be rewritten (سابقهٔ تغییرناپذیر): database triggers that refuse
UPDATE and DELETE on the append-only tables.

Follow-up reports, deadline extensions, the revisions of final minutes, amendments and
the audit log are only ever added to. The services never change them; the triggers make
sure that neither a bug nor a hand-edited store can do so silently either. Migration 0004
creates them (with its own frozen copy of this text); :func:`lifted` is for the one
caller that empties the whole store on purpose (``dabir demo --reset``), inside its own
transaction, so that the guard is back before anything commits.

SQLite: ``BEFORE UPDATE/DELETE … RAISE(ABORT)``; PostgreSQL: one plpgsql function raising
an exception, attached to each table.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["APPEND_ONLY", "create_sql", "drop_sql", "lifted"]

APPEND_ONLY = ("follow_ups", "deadline_extensions", "meeting_revisions", "amendments", "audit_log")


def create_sql(dialect: str) -> list[str]:
    """The statements that install the guard on ``dialect`` ('sqlite' or 'postgresql')."""
    if dialect == "sqlite":
        return [f"CREATE TRIGGER {t}_no_{verb.lower()} BEFORE {verb} ON {t} "
                f"BEGIN SELECT RAISE(ABORT, '{t} is append-only: {verb} refused'); END"
                for t in APPEND_ONLY for verb in ("UPDATE", "DELETE")]
    if dialect == "postgresql":
        return ["CREATE OR REPLACE FUNCTION dabir_append_only() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP; END $$ LANGUAGE plpgsql",
                *(f"CREATE TRIGGER {t}_append_only BEFORE UPDATE OR DELETE ON {t} "
                  "FOR EACH ROW EXECUTE FUNCTION dabir_append_only()" for t in APPEND_ONLY)]
    return []


def drop_sql(dialect: str) -> list[str]:
    if dialect == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {t}_no_{verb}" for t in APPEND_ONLY for verb in ("update", "delete")]
    if dialect == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {t}_append_only ON {t}" for t in APPEND_ONLY]
    return []


def installed(conn: Any) -> bool:
    """Whether the guard is on (the triggers of SQLite; PostgreSQL's by pg_trigger)."""
    from sqlalchemy import text

    if conn.dialect.name == "sqlite":
        n = conn.execute(text("SELECT COUNT(*) FROM sqlite_master WHERE type='trigger' AND name LIKE '%_no_%'"
                              " AND tbl_name IN ('follow_ups', 'deadline_extensions', 'meeting_revisions',"
                              " 'amendments', 'audit_log')")).scalar()
        return bool(n)
    if conn.dialect.name == "postgresql":
        return bool(conn.execute(text("SELECT COUNT(*) FROM pg_trigger WHERE tgname LIKE '%_append_only'")).scalar())
    return False


@contextmanager
def lifted(session: Any) -> Iterator[None]:
    """Run the block with the guard off, in ``session``'s transaction, and put it back
    (only if it was there): an error in the block rolls both back together."""
    from sqlalchemy import text

    conn = session.connection()
    dialect = conn.dialect.name
    was_on = installed(conn)
    if was_on:
        for stmt in drop_sql(dialect):
            conn.execute(text(stmt))
    yield
    if was_on:
        for stmt in create_sql(dialect):
            conn.execute(text(stmt))
