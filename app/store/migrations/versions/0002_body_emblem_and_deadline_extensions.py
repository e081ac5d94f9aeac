"""body emblem and deadline extensions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 20:44:27.098186
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('deadline_extensions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('resolution_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('old_deadline', sa.Date(), nullable=True),
    sa.Column('new_deadline', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('granted_by', sa.String(length=300), nullable=False),
    sa.Column('granted_by_resolution_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['granted_by_resolution_id'], ['resolutions.id'], name=op.f('fk_deadline_extensions_granted_by_resolution_id_resolutions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resolution_id'], ['resolutions.id'], name=op.f('fk_deadline_extensions_resolution_id_resolutions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deadline_extensions')),
    sa.UniqueConstraint('uuid', name=op.f('uq_deadline_extensions_uuid'))
    )
    with op.batch_alter_table('deadline_extensions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deadline_extensions_resolution_id'), ['resolution_id'], unique=False)

    with op.batch_alter_table('bodies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('emblem', sa.LargeBinary(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('bodies', schema=None) as batch_op:
        batch_op.drop_column('emblem')

    with op.batch_alter_table('deadline_extensions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deadline_extensions_resolution_id'))

    op.drop_table('deadline_extensions')
