"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 19:22:43.300522
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('bodies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.Enum('council', 'working_group', 'committee', name='bodykind', native_enum=False, length=20), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('meetings_per_year', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['bodies.id'], name=op.f('fk_bodies_parent_id_bodies'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bodies')),
    sa.UniqueConstraint('uuid', name=op.f('uq_bodies_uuid'))
    )
    with op.batch_alter_table('bodies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bodies_parent_id'), ['parent_id'], unique=False)

    op.create_table('units',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('name_norm', sa.String(length=300), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_units')),
    sa.UniqueConstraint('uuid', name=op.f('uq_units_uuid'))
    )
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_units_name_norm'), ['name_norm'], unique=False)

    op.create_table('people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_norm', sa.String(length=200), nullable=False),
    sa.Column('post', sa.String(length=300), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['organisation_id'], ['units.id'], name=op.f('fk_people_organisation_id_units'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people')),
    sa.UniqueConstraint('uuid', name=op.f('uq_people_uuid'))
    )
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_people_name_norm'), ['name_norm'], unique=False)

    op.create_table('body_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('chair', 'secretary', 'member', 'guest', name='memberrole', native_enum=False, length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_body_members_body_id_bodies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_body_members_person_id_people'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_body_members')),
    sa.UniqueConstraint('body_id', 'person_id', name=op.f('uq_body_members_body_id'))
    )
    with op.batch_alter_table('body_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_body_members_body_id'), ['body_id'], unique=False)

    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('end_time', sa.Time(), nullable=True),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('chair_id', sa.Integer(), nullable=True),
    sa.Column('secretary_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('draft', 'held', 'final', name='meetingstatus', native_enum=False, length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_meetings_body_id_bodies'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['chair_id'], ['people.id'], name=op.f('fk_meetings_chair_id_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['secretary_id'], ['people.id'], name=op.f('fk_meetings_secretary_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings')),
    sa.UniqueConstraint('body_id', 'year', 'number', name=op.f('uq_meetings_body_id')),
    sa.UniqueConstraint('uuid', name=op.f('uq_meetings_uuid'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetings_body_id'), ['body_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_date'), ['date'], unique=False)

    op.create_table('agenda_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_agenda_items_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_items')),
    sa.UniqueConstraint('uuid', name=op.f('uq_agenda_items_uuid'))
    )
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_items_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('member', 'guest', name='attendancekind', native_enum=False, length=20), nullable=False),
    sa.Column('status', sa.Enum('present', 'absent', 'excused', 'deputy', name='attendancestatus', native_enum=False, length=20), nullable=False),
    sa.Column('deputy_name', sa.String(length=200), nullable=False),
    sa.Column('post', sa.String(length=300), nullable=False),
    sa.Column('organisation', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_attendance_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_attendance_person_id_people'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance')),
    sa.UniqueConstraint('uuid', name=op.f('uq_attendance_uuid'))
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('body_id', sa.Integer(), nullable=True),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('saved_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_drafts_body_id_bodies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_drafts_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drafts')),
    sa.UniqueConstraint('meeting_id', name=op.f('uq_drafts_meeting_id'))
    )
    op.create_table('resolutions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('text_norm', sa.Text(), nullable=False),
    sa.Column('lead_unit_id', sa.Integer(), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('standing', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('not_started', 'in_progress', 'done', 'partly_done', 'not_feasible', 'cancelled', 'superseded', 'standing', name='resolutionstatus', native_enum=False, length=20), nullable=False),
    sa.Column('superseded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['lead_unit_id'], ['units.id'], name=op.f('fk_resolutions_lead_unit_id_units'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_resolutions_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['superseded_by_id'], ['resolutions.id'], name=op.f('fk_resolutions_superseded_by_id_resolutions'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resolutions')),
    sa.UniqueConstraint('meeting_id', 'number', name=op.f('uq_resolutions_meeting_id')),
    sa.UniqueConstraint('uuid', name=op.f('uq_resolutions_uuid'))
    )
    with op.batch_alter_table('resolutions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resolutions_deadline'), ['deadline'], unique=False)
        batch_op.create_index(batch_op.f('ix_resolutions_lead_unit_id'), ['lead_unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_resolutions_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_resolutions_status'), ['status'], unique=False)

    op.create_table('discussion_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('speaker', sa.String(length=300), nullable=False),
    sa.Column('speaker_id', sa.Integer(), nullable=True),
    sa.Column('agenda_item_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_items.id'], name=op.f('fk_discussion_entries_agenda_item_id_agenda_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_discussion_entries_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['speaker_id'], ['people.id'], name=op.f('fk_discussion_entries_speaker_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_discussion_entries')),
    sa.UniqueConstraint('uuid', name=op.f('uq_discussion_entries_uuid'))
    )
    with op.batch_alter_table('discussion_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_discussion_entries_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('follow_ups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('resolution_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('reporter', sa.String(length=300), nullable=False),
    sa.Column('reporter_unit_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=True),
    sa.Column('new_deadline', sa.Date(), nullable=True),
    sa.Column('status_after', sa.Enum('not_started', 'in_progress', 'done', 'partly_done', 'not_feasible', 'cancelled', 'superseded', 'standing', name='resolutionstatus', native_enum=False, length=20), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['reporter_unit_id'], ['units.id'], name=op.f('fk_follow_ups_reporter_unit_id_units'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resolution_id'], ['resolutions.id'], name=op.f('fk_follow_ups_resolution_id_resolutions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_ups')),
    sa.UniqueConstraint('uuid', name=op.f('uq_follow_ups_uuid'))
    )
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_ups_resolution_id'), ['resolution_id'], unique=False)

    op.create_table('resolution_collaborators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resolution_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['resolution_id'], ['resolutions.id'], name=op.f('fk_resolution_collaborators_resolution_id_resolutions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_resolution_collaborators_unit_id_units'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resolution_collaborators')),
    sa.UniqueConstraint('resolution_id', 'unit_id', name=op.f('uq_resolution_collaborators_resolution_id'))
    )
    with op.batch_alter_table('resolution_collaborators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resolution_collaborators_resolution_id'), ['resolution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_resolution_collaborators_unit_id'), ['unit_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('resolution_collaborators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resolution_collaborators_unit_id'))
        batch_op.drop_index(batch_op.f('ix_resolution_collaborators_resolution_id'))

    op.drop_table('resolution_collaborators')
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_ups_resolution_id'))

    op.drop_table('follow_ups')
    with op.batch_alter_table('discussion_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_discussion_entries_meeting_id'))

    op.drop_table('discussion_entries')
    with op.batch_alter_table('resolutions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resolutions_status'))
        batch_op.drop_index(batch_op.f('ix_resolutions_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_resolutions_lead_unit_id'))
        batch_op.drop_index(batch_op.f('ix_resolutions_deadline'))

    op.drop_table('resolutions')
    op.drop_table('drafts')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_meeting_id'))

    op.drop_table('attendance')
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_items_meeting_id'))

    op.drop_table('agenda_items')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetings_date'))
        batch_op.drop_index(batch_op.f('ix_meetings_body_id'))

    op.drop_table('meetings')
    with op.batch_alter_table('body_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_body_members_body_id'))

    op.drop_table('body_members')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_people_name_norm'))

    op.drop_table('people')
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_units_name_norm'))

    op.drop_table('units')
    with op.batch_alter_table('bodies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bodies_parent_id'))

    op.drop_table('bodies')
