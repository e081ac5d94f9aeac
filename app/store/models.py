"""The domain model as SQLAlchemy 2 tables.

Dates are stored as Gregorian ``DATE`` (portable to PostgreSQL); the Jalali
form is computed for display by :mod:`app.persian.jalali`. Every record that can leave
the office carries a stable ``uuid`` so packages from many offices merge
without duplicates.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid as uuid_mod

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uuid() -> str:
    return str(uuid_mod.uuid4())


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _enum(cls: type[enum.Enum]) -> Enum:
    # Store the value (stable, readable in SQL), not the Python member name.
    return Enum(cls, values_callable=lambda e: [m.value for m in e], native_enum=False,
                validate_strings=True, length=20)


class BodyKind(enum.StrEnum):
    """نوع نهاد: شورا، کارگروه، کمیته."""

    COUNCIL = "council"
    WORKING_GROUP = "working_group"
    COMMITTEE = "committee"


class MemberRole(enum.StrEnum):
    """نقش عضو: رئیس، دبیر، عضو، مدعو ثابت."""

    CHAIR = "chair"
    SECRETARY = "secretary"
    MEMBER = "member"
    STANDING_GUEST = "guest"


class MeetingStatus(enum.StrEnum):
    """وضعیت جلسه: پیش‌نویس، برگزارشده، صورتجلسه نهایی."""

    DRAFT = "draft"
    HELD = "held"
    FINAL = "final"


class AttendanceKind(enum.StrEnum):
    MEMBER = "member"
    GUEST = "guest"


class AttendanceStatus(enum.StrEnum):
    """حاضر، غایب، غایب با عذر (مرخصی)، با نماینده."""

    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"
    DEPUTY = "deputy"


class ResolutionStatus(enum.StrEnum):
    """وضعیت پیگیری مصوبه."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    PARTLY_DONE = "partly_done"
    NOT_FEASIBLE = "not_feasible"
    CANCELLED = "cancelled"
    SUPERSEDED = "superseded"
    STANDING = "standing"


class Unit(Base):
    """A responsible unit, organisation or post (واحد / دستگاه / سمت)."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    name: Mapped[str] = mapped_column(String(300))
    name_norm: Mapped[str] = mapped_column(String(300), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Raised by one with every save; a save from an older copy is refused (two editors, one store).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's declarative hook, read once


class Person(Base):
    """A person (شخص) with a post (سمت) in an organisation."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    name: Mapped[str] = mapped_column(String(200))
    name_norm: Mapped[str] = mapped_column(String(200), index=True)
    post: Mapped[str] = mapped_column(String(300), default="")
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    # Raised by one with every save; a save from an older copy is refused (two editors, one store).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's declarative hook, read once

    organisation: Mapped[Unit | None] = relationship()


class Body(Base):
    """A council, working group or committee (نهاد)."""

    __tablename__ = "bodies"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[BodyKind] = mapped_column(_enum(BodyKind))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="RESTRICT"), index=True)
    # The legal minimum, e.g. 4 for «فصلی یک جلسه»; 0 means no obligation.
    meetings_per_year: Mapped[int] = mapped_column(Integer, default=4)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The emblem or logo printed above the body's name on its minutes (PNG/JPEG bytes,
    # kept in the store so that a backup or another PC has it too).
    emblem: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    # Raised by one with every save; a save from an older copy is refused (two editors, one store).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's declarative hook, read once
    # The package this body was received in (PackageOrigin.id); null for the office's own.
    origin_id: Mapped[int | None] = mapped_column(Integer)

    parent: Mapped[Body | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Body]] = relationship(back_populates="parent", order_by="Body.position")
    members: Mapped[list[BodyMember]] = relationship(
        back_populates="body", cascade="all, delete-orphan", order_by="BodyMember.position")


class BodyMember(Base):
    __tablename__ = "body_members"
    __table_args__ = (UniqueConstraint("body_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    role: Mapped[MemberRole] = mapped_column(_enum(MemberRole), default=MemberRole.MEMBER)
    position: Mapped[int] = mapped_column(Integer, default=0)

    body: Mapped[Body] = relationship(back_populates="members")
    person: Mapped[Person] = relationship()


class Meeting(Base):
    """A meeting (جلسه) and its minutes (صورتجلسه)."""

    __tablename__ = "meetings"
    __table_args__ = (UniqueConstraint("body_id", "year", "number"),
                      Index("uq_meetings_letter_number", "body_id", "year", "letter_number", unique=True))

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="RESTRICT"), index=True)
    year: Mapped[int] = mapped_column(Integer)  # Jalali year the number belongs to
    number: Mapped[int] = mapped_column(Integer)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    end_time: Mapped[dt.time | None] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(300), default="")
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    secretary_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    status: Mapped[MeetingStatus] = mapped_column(_enum(MeetingStatus), default=MeetingStatus.DRAFT)
    # Set once by finalising (نهایی کردن); from then on the minutes change only by amendment
    # (app.services.minutes_final). ``fingerprint``: SHA-256 of the current revision's content;
    # ``revision``: 0 until final, 1 when finalised, +1 with each amendment.
    finalised_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    fingerprint: Mapped[str | None] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    # Raised by one with every save; a save from an older copy is refused (two editors, one store).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's declarative hook, read once
    # The secretariat's number of the minutes as a letter, per body and year, and the day it
    # was given (app.services.letter_number): null until minutes not in draft are written out.
    letter_number: Mapped[int | None] = mapped_column(Integer)
    letter_date: Mapped[dt.date | None] = mapped_column(Date)
    # Received in a quarterly package (PackageOrigin.id, app.package.import_): read-only here.
    origin_id: Mapped[int | None] = mapped_column(Integer, index=True)

    body: Mapped[Body] = relationship()
    chair: Mapped[Person | None] = relationship(foreign_keys=[chair_id])
    secretary: Mapped[Person | None] = relationship(foreign_keys=[secretary_id])
    agenda: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="AgendaItem.position")
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Attendance.position")
    discussion: Mapped[list[DiscussionEntry]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="DiscussionEntry.position")
    resolutions: Mapped[list[Resolution]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Resolution.number")


class AgendaItem(Base):
    """An item of the agenda (دستور جلسه)."""

    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship(back_populates="agenda")


class Attendance(Base):
    """One attendee line (حاضرین / غایبین / مدعوین).

    ``post`` and ``organisation`` are copied from the person when the line is
    made, because the minutes record the post held on the day.
    """

    __tablename__ = "attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[AttendanceKind] = mapped_column(_enum(AttendanceKind), default=AttendanceKind.MEMBER)
    status: Mapped[AttendanceStatus] = mapped_column(_enum(AttendanceStatus), default=AttendanceStatus.PRESENT)
    deputy_name: Mapped[str] = mapped_column(String(200), default="")
    post: Mapped[str] = mapped_column(String(300), default="")
    organisation: Mapped[str] = mapped_column(String(300), default="")

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    person: Mapped[Person] = relationship()


class DiscussionEntry(Base):
    """One paragraph of the discussion summary (خلاصه مذاکرات)."""

    __tablename__ = "discussion_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str] = mapped_column(String(300), default="")
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship(back_populates="discussion")


class Resolution(Base):
    """A resolution (مصوبه) with its responsible units and deadline."""

    __tablename__ = "resolutions"
    __table_args__ = (
        UniqueConstraint("meeting_id", "number"),
        # The tracker's light columns, read from the index alone in meeting order (migration 0008).
        Index("ix_resolutions_tracker", "meeting_id", "number", "id", "lead_unit_id", "deadline", "status"),
        # The few rows saved before text_norm was kept: text search finds them at once (migration 0003).
        Index("ix_resolutions_text_unnormalised", "id", sqlite_where=text("text_norm = ''"),
              postgresql_where=text("text_norm = ''")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    text_norm: Mapped[str] = mapped_column(Text, default="")
    lead_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    deadline: Mapped[dt.date | None] = mapped_column(Date, index=True)
    standing: Mapped[bool] = mapped_column(Boolean, default=False)  # «مستمر»
    status: Mapped[ResolutionStatus] = mapped_column(
        _enum(ResolutionStatus), default=ResolutionStatus.NOT_STARTED, index=True)
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("resolutions.id", ondelete="SET NULL"))

    meeting: Mapped[Meeting] = relationship(back_populates="resolutions")
    lead_unit: Mapped[Unit | None] = relationship()
    collaborators: Mapped[list[ResolutionCollaborator]] = relationship(
        cascade="all, delete-orphan", order_by="ResolutionCollaborator.position")
    follow_ups: Mapped[list[FollowUp]] = relationship(
        back_populates="resolution", cascade="all, delete-orphan", order_by="FollowUp.date")
    extensions: Mapped[list[DeadlineExtension]] = relationship(
        back_populates="resolution", cascade="all, delete-orphan", order_by="DeadlineExtension.id",
        foreign_keys="DeadlineExtension.resolution_id")


class ResolutionCollaborator(Base):
    """A collaborating unit (همکار) of a resolution."""

    __tablename__ = "resolution_collaborators"
    __table_args__ = (UniqueConstraint("resolution_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resolution_id: Mapped[int] = mapped_column(ForeignKey("resolutions.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    unit: Mapped[Unit] = relationship()


class FollowUp(Base):
    """A dated follow-up report on a resolution (گزارش پیگیری)."""

    __tablename__ = "follow_ups"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    resolution_id: Mapped[int] = mapped_column(ForeignKey("resolutions.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    reporter: Mapped[str] = mapped_column(String(300), default="")
    reporter_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text, default="")
    progress: Mapped[int | None] = mapped_column(Integer)
    new_deadline: Mapped[dt.date | None] = mapped_column(Date)
    status_after: Mapped[ResolutionStatus | None] = mapped_column(_enum(ResolutionStatus))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)

    resolution: Mapped[Resolution] = relationship(back_populates="follow_ups")


class DeadlineExtension(Base):
    """A change of a resolution's deadline (تمدید مهلت): old, new, why, and who granted it.

    Often granted by a later meeting's resolution (``granted_by_resolution_id``).
    """

    __tablename__ = "deadline_extensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    resolution_id: Mapped[int] = mapped_column(ForeignKey("resolutions.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    old_deadline: Mapped[dt.date | None] = mapped_column(Date)
    new_deadline: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    granted_by: Mapped[str] = mapped_column(String(300), default="")
    granted_by_resolution_id: Mapped[int | None] = mapped_column(
        ForeignKey("resolutions.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)

    resolution: Mapped[Resolution] = relationship(back_populates="extensions", foreign_keys=[resolution_id])


class Draft(Base):
    """An autosaved, not yet saved state of the meeting editor.

    ``meeting_id`` is null for a meeting that has never been saved; the payload
    is the editor's content as JSON (see :mod:`app.services.meetings`).
    """

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), unique=True)
    body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"))
    payload: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class MeetingRevision(Base):
    """The content of one revision of final minutes (ویرایش), as printed then: append-only,
    so an earlier revision can still be printed after an amendment."""

    __tablename__ = "meeting_revisions"
    __table_args__ = (UniqueConstraint("meeting_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="RESTRICT"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)  # canonical JSON (app.services.minutes_content)
    fingerprint: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Amendment(Base):
    """An amendment (اصلاحیه) of final minutes: why, who, when, and each changed field
    (``changes``: JSON list of ``{"field", "before", "after"}``). Append-only."""

    __tablename__ = "amendments"
    __table_args__ = (UniqueConstraint("meeting_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="RESTRICT"), index=True)
    revision: Mapped[int] = mapped_column(Integer)  # the revision this amendment made
    reason: Mapped[str] = mapped_column(Text)
    os_user: Mapped[str] = mapped_column(String(200), default="")
    secretary: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    changes: Mapped[str] = mapped_column(Text)


class AuditEntry(Base):
    """One line of the audit log (گزارش تغییرات): what was written, when, by which computer
    user, before and after (JSON objects of the changed columns). Append-only."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    os_user: Mapped[str] = mapped_column(String(200), default="")
    entity: Mapped[str] = mapped_column(String(40))  # meeting, resolution, follow_up, body, person, …
    entity_id: Mapped[int | None] = mapped_column(Integer)
    entity_uuid: Mapped[str | None] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(20))  # create, update, delete, finalise, amend
    # No foreign key: the entry outlives a deleted meeting.
    meeting_id: Mapped[int | None] = mapped_column(Integer, index=True)
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)


class PackageOrigin(Base):
    """A quarterly package received (بستهٔ دریافتی): who sent it, which file, when."""

    __tablename__ = "package_origins"

    id: Mapped[int] = mapped_column(primary_key=True)
    office: Mapped[str] = mapped_column(String(300))
    office_body_uuid: Mapped[str] = mapped_column(String(36))
    package_name: Mapped[str] = mapped_column(String(300))
    package_sha256: Mapped[str] = mapped_column(String(64))
    package_created: Mapped[str] = mapped_column(String(32))  # the package's own «created», ISO (UTC)
    signer: Mapped[str] = mapped_column(String(300))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime)
