"""record versions: meetings, bodies, people and units carry a version number

Revision ID: 0005
Revises: 0004

Two editors on one store (issue «Nothing lost»): each save of a meeting, body, person or
unit raises its ``version`` by one, and a save made from an older copy is refused
(app.services.meetings, SQLAlchemy's version counter on the four models). Existing rows
start at version 1. Plain ALTER TABLE … ADD COLUMN, as 0004 does: a batch copy of
«meetings» would have to drop a table the rest of the store references.
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

_TABLES = ("meetings", "bodies", "people", "units")


def upgrade() -> None:
    for table in _TABLES:
        op.add_column(table, sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False))


def downgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('version')
