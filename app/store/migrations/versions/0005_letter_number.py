"""letter number: the secretariat's number and date of a meeting's minutes

Revision ID: 0005
Revises: 0003 (re-chained by the lead after 0004)

The minutes are an official letter (شماره / تاریخ / پیوست). Their number is given by
app.services.letter_number when minutes that are not a draft are first written out
(exported, signed, or a notice made from them), counted per body and Jalali year
(the meeting's ``year``); the date is the day it was given. Both stay null until then.
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('letter_number', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('letter_date', sa.Date(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_meetings_letter_number'),
                                          ['body_id', 'year', 'letter_number'])


def downgrade() -> None:
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_meetings_letter_number'), type_='unique')
        batch_op.drop_column('letter_date')
        batch_op.drop_column('letter_number')
