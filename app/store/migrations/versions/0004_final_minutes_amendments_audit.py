"""final minutes: finalised_at, fingerprint and revision; revisions, amendments, audit log; append-only triggers

Revision ID: 0004
Revises: 0003

Meetings that are already «صورتجلسه نهایی» become final revision 1, finalised at their last
update. Their fingerprint and the snapshot of revision 1 are taken by the program the first
time it needs them (app.services.minutes_final.ensure_sealed): their content can no longer
change in place after this migration, so what is sealed later is what was final now, and
this migration does not need a frozen copy of the program's content reader.

Follow-up reports, deadline extensions, revisions, amendments and audit entries are
append-only: triggers refuse UPDATE and DELETE (SQLite's RAISE(ABORT); on PostgreSQL a
plpgsql function). Frozen copy of app.store.history_guard as of this revision.
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

_APPEND_ONLY = ("follow_ups", "deadline_extensions", "meeting_revisions", "amendments", "audit_log")


def _guard_sql(dialect: str) -> list[str]:
    if dialect == "sqlite":
        return [f"CREATE TRIGGER {t}_no_{verb.lower()} BEFORE {verb} ON {t} "
                f"BEGIN SELECT RAISE(ABORT, '{t} is append-only: {verb} refused'); END"
                for t in _APPEND_ONLY for verb in ("UPDATE", "DELETE")]
    if dialect == "postgresql":
        return ["CREATE OR REPLACE FUNCTION dabir_append_only() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP; END $$ LANGUAGE plpgsql",
                *(f"CREATE TRIGGER {t}_append_only BEFORE UPDATE OR DELETE ON {t} "
                  "FOR EACH ROW EXECUTE FUNCTION dabir_append_only()" for t in _APPEND_ONLY)]
    return []  # another backend: the services alone keep the history append-only


def upgrade() -> None:
    # Plain ALTER TABLE … ADD COLUMN, not a batch copy: rebuilding «meetings» would have to drop
    # a table that agenda, attendance, resolutions and their history reference.
    op.add_column('meetings', sa.Column('finalised_at', sa.DateTime(), nullable=True))
    op.add_column('meetings', sa.Column('fingerprint', sa.String(length=64), nullable=True))
    op.add_column('meetings', sa.Column('revision', sa.Integer(), server_default=sa.text('0'), nullable=False))

    op.create_table('meeting_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_revisions_meeting_id_meetings'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_revisions')),
    sa.UniqueConstraint('meeting_id', 'revision', name=op.f('uq_meeting_revisions_meeting_id'))
    )
    with op.batch_alter_table('meeting_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_revisions_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('amendments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('os_user', sa.String(length=200), nullable=False),
    sa.Column('secretary', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('changes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_amendments_meeting_id_meetings'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_amendments')),
    sa.UniqueConstraint('meeting_id', 'revision', name=op.f('uq_amendments_meeting_id')),
    sa.UniqueConstraint('uuid', name=op.f('uq_amendments_uuid'))
    )
    with op.batch_alter_table('amendments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_amendments_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('os_user', sa.String(length=200), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('entity_uuid', sa.String(length=36), nullable=True),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_meeting_id'), ['meeting_id'], unique=False)

    op.execute("UPDATE meetings SET revision = 1, finalised_at = updated_at WHERE status = 'final'")
    for stmt in _guard_sql(op.get_bind().dialect.name):
        op.execute(stmt)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for t in _APPEND_ONLY:
            for verb in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {t}_no_{verb}")
    elif dialect == "postgresql":
        for t in _APPEND_ONLY:
            op.execute(f"DROP TRIGGER IF EXISTS {t}_append_only ON {t}")
        op.execute("DROP FUNCTION IF EXISTS dabir_append_only()")
    op.drop_table('audit_log')
    op.drop_table('amendments')
    op.drop_table('meeting_revisions')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_column('revision')
        batch_op.drop_column('fingerprint')
        batch_op.drop_column('finalised_at')
