"""tracker covering index: the tracker's light columns of resolutions, in meeting order

Revision ID: 0008
Revises: 0007

The tracker opens on every resolution's id, meeting, lead unit, deadline and status, read
meeting by meeting in the meetings' date order. With this index SQLite reads them from the
index alone, without visiting each resolution's row (which carries its long text): on
50,000 resolutions the read takes about 45 ms instead of 70 (bench/tracker_window.py).
"""
from alembic import op


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_resolutions_tracker', 'resolutions',
                    ['meeting_id', 'number', 'id', 'lead_unit_id', 'deadline', 'status'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_resolutions_tracker', table_name='resolutions')
