"""package origins: where a received record came from (the quarterly package's import)

Revision ID: 0007
Revises: 0006

``package_origins``: one row per imported package (the sending office, the package file and
its SHA-256, when it was made, who signed it, when it was received). ``bodies.origin_id`` and
``meetings.origin_id`` name the package a received body or meeting came from last; null for
the office's own records. A meeting's agenda, attendance, resolutions and their history are
received with it. No foreign key: the columns are plain ADD COLUMN (as 0006), not a batch
copy of «meetings», and origins are never deleted.
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'package_origins',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('office', sa.String(length=300), nullable=False),
        sa.Column('office_body_uuid', sa.String(length=36), nullable=False),
        sa.Column('package_name', sa.String(length=300), nullable=False),
        sa.Column('package_sha256', sa.String(length=64), nullable=False),
        sa.Column('package_created', sa.String(length=32), nullable=False),
        sa.Column('signer', sa.String(length=300), nullable=False),
        sa.Column('received_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_package_origins')),
    )
    op.add_column('bodies', sa.Column('origin_id', sa.Integer(), nullable=True))
    op.add_column('meetings', sa.Column('origin_id', sa.Integer(), nullable=True))
    op.create_index(op.f('ix_meetings_origin_id'), 'meetings', ['origin_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_meetings_origin_id'), table_name='meetings')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_column('origin_id')
    with op.batch_alter_table('bodies', schema=None) as batch_op:
        batch_op.drop_column('origin_id')
    op.drop_table('package_origins')
