"""letter number: the secretariat's number and date of a meeting's minutes

Revision ID: 0006
Revises: 0005

The minutes are an official letter (شماره / تاریخ / پیوست). Their number is given by
app.services.letter_number when minutes that are not a draft are first written out
(exported, signed, or a notice made from them), counted per body and Jalali year
(the meeting's ``year``); the date is the day it was given. Both stay null until then.
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE … ADD COLUMN and a unique index, not a batch copy of «meetings» (which
    # the rest of the store references; see 0004).
    op.add_column('meetings', sa.Column('letter_number', sa.Integer(), nullable=True))
    op.add_column('meetings', sa.Column('letter_date', sa.Date(), nullable=True))
    op.create_index('uq_meetings_letter_number', 'meetings', ['body_id', 'year', 'letter_number'], unique=True)


def downgrade() -> None:
    op.drop_index('uq_meetings_letter_number', table_name='meetings')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_column('letter_date')
        batch_op.drop_column('letter_number')
