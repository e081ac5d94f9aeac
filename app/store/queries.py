"""Every read query of the program, as SQLAlchemy Core ``select()`` over the model tables.

One place for what is read, so the same statement runs on SQLite and on PostgreSQL
(the provincial server), dates come back as dates, id lists are ``in_()`` with an
expanding parameter, and counts are ``func.sum(case(...))`` rather than sums of booleans.

How a query is run (:meth:`app.store.db.Store.read`): on PostgreSQL (or any other
backend) the statement below is executed by SQLAlchemy. On SQLite the same statement,
compiled once for sqlite3's ``:name`` parameters, is run on the plain DB-API connection:
the main window's first lists and ``dabir list`` must appear before SQLAlchemy would even
be imported (about 0.2 s), and SQLAlchemy's result layer doubles the time of a
50,000-row read. The compiled texts live in :mod:`app.store.queries_sqlite`, a module
generated from this one (``python -m app.store.queries``) and committed; a test compiles
every statement again and holds the two equal, so the texts are never a hand-kept copy.

The domain rules that queries need in SQL are written once here, each the SQL form of
one rule of :mod:`app.services.lifecycle` (a test holds each equal to its Python form):

- :func:`original_deadline`: the deadline the meeting set, which is the first extension's
  old deadline once the deadline was extended, and the current deadline otherwise;
- :func:`overdue` and :func:`due_soon`: an open resolution past its deadline, or due
  within the next days (the deadline day itself is not overdue).

Parameters without a value (``bindparam("today")``) are given by the caller; constants
(the open statuses) are bound values carried with the compiled text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Date,
    Integer,
    String,
    TypeDecorator,
    and_,
    bindparam,
    case,
    exists,
    func,
    literal,
    literal_column,
    select,
    type_coerce,
)
from sqlalchemy.sql import ColumnElement, Select

from app.services.lifecycle import OPEN_STATUSES
from app.store.models import (
    AgendaItem,
    Amendment,
    Attendance,
    Body,
    DeadlineExtension,
    DiscussionEntry,
    FollowUp,
    Meeting,
    MeetingRevision,
    Person,
    Resolution,
    ResolutionCollaborator,
    Unit,
)
from app.store.queries_package import PACKAGE_QUERIES

__all__ = ["QUERIES", "compiled_sqlite", "due_soon", "original_deadline", "overdue", "statement", "write_sqlite_module"]

bodies = Body.__table__.c
meetings = Meeting.__table__.c
resolutions = Resolution.__table__.c
units = Unit.__table__.c
people = Person.__table__.c
collaborators = ResolutionCollaborator.__table__.c
extensions = DeadlineExtension.__table__.c
follow_ups = FollowUp.__table__.c
agenda = AgendaItem.__table__.c
attendance = Attendance.__table__.c
discussion = DiscussionEntry.__table__.c

_OPEN = sorted(OPEN_STATUSES)


# --- the rules, in SQL --------------------------------------------------------

def original_deadline() -> ColumnElement[Any]:
    """The deadline resolution ``r`` had when its meeting set it (:func:`app.services.lifecycle.original_deadline`).

    Extensions keep the deadline they replaced, so the first one (by date, then id) holds
    the meeting's own; a resolution never extended still has it.
    """
    ext = DeadlineExtension.__table__.alias("e0")
    first_old = (select(ext.c.old_deadline).where(ext.c.resolution_id == resolutions.id)
                 .order_by(ext.c.date, ext.c.id).limit(1).scalar_subquery())
    extended = exists().where(extensions.resolution_id == resolutions.id)
    return case((extended, first_old), else_=resolutions.deadline).label("original_deadline")


def overdue(today: ColumnElement[Any]) -> ColumnElement[bool]:
    """Open and past the deadline on ``today`` (:func:`app.services.lifecycle.is_overdue`)."""
    return and_(resolutions.deadline.is_not(None), resolutions.status.in_(_OPEN), resolutions.deadline < today)


def due_soon(today: ColumnElement[Any], last_day: ColumnElement[Any]) -> ColumnElement[bool]:
    """Open and due from ``today`` to ``last_day``, both included (:func:`app.services.lifecycle.due_soon`)."""
    return and_(resolutions.deadline.is_not(None), resolutions.status.in_(_OPEN),
                resolutions.deadline >= today, resolutions.deadline <= last_day)


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _today() -> ColumnElement[Any]:
    return bindparam("today", type_=Date)


# --- the first screen and `dabir list` ---------------------------------------

def _bodies() -> Select:
    return (select(bodies.id, bodies.uuid, bodies.name, bodies.kind, bodies.parent_id, bodies.meetings_per_year)
            .order_by(bodies.position, bodies.id))


def _body_name() -> Select:
    return select(bodies.name).where(bodies.id == bindparam("id", type_=Integer))


def _body_emblem() -> Select:
    return select(bodies.emblem).where(bodies.id == bindparam("id", type_=Integer))


def _meetings(of_body: bool) -> Callable[[], Select]:
    def build() -> Select:
        count = (select(func.count()).select_from(Resolution.__table__)
                 .where(resolutions.meeting_id == meetings.id).scalar_subquery())
        stmt = (select(meetings.id, meetings.uuid, meetings.body_id, bodies.name, meetings.year, meetings.number,
                       meetings.date, meetings.status, count)
                .join_from(Meeting.__table__, Body.__table__, bodies.id == meetings.body_id)
                .order_by(meetings.date.desc(), meetings.number.desc()))
        return stmt.where(meetings.body_id == bindparam("body_id", type_=Integer)) if of_body else stmt
    return build


def _resolutions(scope: str) -> Callable[[], Select]:
    """`dabir list resolutions`: every one, one body's, or one meeting's."""
    def build() -> Select:
        stmt = (select(resolutions.id, resolutions.uuid, resolutions.meeting_id, meetings.body_id, meetings.number,
                       meetings.date, resolutions.number, resolutions.text, units.name, resolutions.deadline,
                       resolutions.standing, resolutions.status)
                .join_from(Resolution.__table__, Meeting.__table__, resolutions.meeting_id == meetings.id)
                .outerjoin(Unit.__table__, resolutions.lead_unit_id == units.id)
                .order_by(meetings.date.desc(), meetings.id.desc(), resolutions.number))
        if scope == "body":
            stmt = stmt.where(meetings.body_id == bindparam("body_id", type_=Integer))
        elif scope == "meeting":
            stmt = stmt.where(resolutions.meeting_id == bindparam("meeting_id", type_=Integer))
        return stmt
    return build


def _meeting_exists() -> Select:
    return select(meetings.id).where(meetings.id == bindparam("id", type_=Integer))


def _meeting_status() -> Select:
    """One meeting's status (a draft, held, final): what the letter number asks first."""
    return select(meetings.status).where(meetings.id == bindparam("id", type_=Integer))


def _meeting_version() -> Select:
    """The save counter of one meeting: what the editor's copy was read at."""
    return select(meetings.version).where(meetings.id == bindparam("id", type_=Integer))


# --- the tracker ---------------------------------------------------------------

def _ids() -> ColumnElement[Any]:
    return bindparam("ids", expanding=True, type_=Integer)


class _DateText(TypeDecorator[str]):
    """A date column read as its ISO text on every backend: SQLite stores it so (no CAST in
    the SQL, which costs the tracker's read a tenth), PostgreSQL's driver gives a date,
    written back as text here."""

    impl = String
    cache_ok = True

    def process_result_value(self, value: Any, dialect: Any) -> Any:
        return value.isoformat() if isinstance(value, dt.date) else value


def _tracker_light(scope: str) -> Callable[[], Select]:
    """The tracker's columns of every resolution (or one body's, or the given ids).

    The deadline is not converted on the way (SQLite gives its ISO text, ``YYYY-MM-DD``):
    the tracker turns it into a date only when a column of them is needed, not before the
    first screen."""
    def build() -> Select:
        stmt = (select(resolutions.id, resolutions.meeting_id, resolutions.lead_unit_id,
                       type_coerce(resolutions.deadline, _DateText()).label("deadline"), resolutions.status)
                .join_from(Resolution.__table__, Meeting.__table__, meetings.id == resolutions.meeting_id)
                .order_by(meetings.date.desc(), meetings.id.desc(), resolutions.number))
        if scope == "body":
            stmt = stmt.where(meetings.body_id == bindparam("body_id", type_=Integer))
        elif scope == "ids":
            stmt = stmt.where(resolutions.id.in_(_ids()))
        return stmt
    return build


def _unnormalised_texts() -> Select:
    """Resolutions saved before their normalised text was kept (``text_norm`` empty)."""
    # The empty string written in the text, not bound: only then may SQLite use the partial
    # index ix_resolutions_text_unnormalised, which holds just these rows.
    return select(resolutions.id, resolutions.text).where(resolutions.text_norm == literal_column("''"))


def _texts_of_ids() -> Select:
    """The normalised text (and the text, for rows saved before it was kept) of the given ids."""
    return select(resolutions.id, resolutions.text_norm, resolutions.text).where(resolutions.id.in_(_ids()))


def _tracker_meetings() -> Select:
    return select(meetings.id, meetings.body_id, meetings.number, meetings.date)


def _body_names() -> Select:
    return select(bodies.id, bodies.name)


def _unit_names() -> Select:
    return select(units.id, units.name)


def _units() -> Select:
    return select(units.id, units.uuid, units.name)


def _among(column: ColumnElement[Any], scope: str) -> ColumnElement[bool]:
    """``column`` (a resolution id) within a tracker's scope: given ids, one body's, or any."""
    if scope == "ids":
        return column.in_(_ids())
    if scope == "body":
        of_body = (select(resolutions.id)
                   .join_from(Resolution.__table__, Meeting.__table__, meetings.id == resolutions.meeting_id)
                   .where(meetings.body_id == bindparam("body_id", type_=Integer)))
        return column.in_(of_body)
    return column.is_not(None)


def _details(scope: str) -> Callable[[], Select]:
    def build() -> Select:
        return select(resolutions.id, resolutions.uuid, resolutions.number, resolutions.text, resolutions.text_norm,
                      resolutions.standing, resolutions.superseded_by_id).where(_among(resolutions.id, scope))
    return build


def _collaborator_names(scope: str) -> Callable[[], Select]:
    def build() -> Select:
        return (select(collaborators.resolution_id, units.name)
                .join_from(ResolutionCollaborator.__table__, Unit.__table__, units.id == collaborators.unit_id)
                .where(_among(collaborators.resolution_id, scope))
                .order_by(collaborators.resolution_id, collaborators.position, collaborators.id))
    return build


def _collaborator_ids(scope: str) -> Callable[[], Select]:
    def build() -> Select:
        return select(collaborators.resolution_id, collaborators.unit_id).where(
            _among(collaborators.resolution_id, scope))
    return build


def _extension_dates(scope: str) -> Callable[[], Select]:
    def build() -> Select:
        return (select(extensions.resolution_id, extensions.date, extensions.id, extensions.old_deadline)
                .where(_among(extensions.resolution_id, scope)))
    return build


def _report_dates(scope: str) -> Callable[[], Select]:
    def build() -> Select:
        return (select(follow_ups.resolution_id, follow_ups.date, follow_ups.id, follow_ups.progress)
                .where(_among(follow_ups.resolution_id, scope)))
    return build


def _attention() -> Select:
    """The start-up banner: (due soon, overdue) over every body."""
    today = _today()
    return select(_count(due_soon(today, bindparam("last_day", type_=Date))), _count(overdue(today)))


def _carry_over_count() -> Select:
    return (select(func.count())
            .select_from(Resolution.__table__.join(Meeting.__table__, meetings.id == resolutions.meeting_id))
            .where(meetings.body_id == bindparam("body_id", type_=Integer),
                   meetings.date <= bindparam("until", type_=Date),
                   meetings.id != bindparam("exclude", type_=Integer),
                   resolutions.status.in_(_OPEN)))


# --- figures (stats) -----------------------------------------------------------

def _period(column: ColumnElement[Any]) -> ColumnElement[bool]:
    return and_(column >= bindparam("start", type_=Date), column <= bindparam("end", type_=Date))


def _stats_meetings(of_bodies: bool) -> Callable[[], Select]:
    def build() -> Select:
        stmt = select(meetings.body_id, meetings.date).where(_period(meetings.date))
        return stmt.where(meetings.body_id.in_(bindparam("body_ids", expanding=True, type_=Integer))) \
            if of_bodies else stmt
    return build


def _stats_resolutions(of_bodies: bool) -> Callable[[], Select]:
    """Resolutions made in a period, with the date of the (last) report that set «done»."""
    def build() -> Select:
        done_on = (select(func.max(follow_ups.date)).where(follow_ups.resolution_id == resolutions.id,
                                                           follow_ups.status_after == literal("done"))
                   .scalar_subquery())
        stmt = (select(resolutions.id, meetings.body_id, meetings.date, resolutions.status, resolutions.lead_unit_id,
                       resolutions.deadline, done_on.label("done_on"))
                .join_from(Resolution.__table__, Meeting.__table__, meetings.id == resolutions.meeting_id)
                .where(_period(meetings.date)))
        return stmt.where(meetings.body_id.in_(bindparam("body_ids", expanding=True, type_=Integer))) \
            if of_bodies else stmt
    return build


# --- one meeting (the editor and the minutes) ------------------------------------

def _meeting() -> Select:
    chair, secretary = Person.__table__.alias("chair"), Person.__table__.alias("secretary")
    return (select(meetings.id, meetings.uuid, meetings.body_id, meetings.number, meetings.date,
                   meetings.start_time, meetings.end_time, meetings.place, meetings.status, bodies.name,
                   meetings.chair_id, chair.c.name, chair.c.post, meetings.secretary_id, secretary.c.name,
                   secretary.c.post)
            .join_from(Meeting.__table__, Body.__table__, bodies.id == meetings.body_id)
            .outerjoin(chair, chair.c.id == meetings.chair_id)
            .outerjoin(secretary, secretary.c.id == meetings.secretary_id)
            .where(meetings.id == bindparam("id", type_=Integer)))


def _agenda() -> Select:
    return (select(agenda.id, agenda.uuid, agenda.text).where(agenda.meeting_id == bindparam("id", type_=Integer))
            .order_by(agenda.position, agenda.id))


def _attendance() -> Select:
    return (select(people.name, attendance.person_id, attendance.post, attendance.organisation, attendance.kind,
                   attendance.status, attendance.deputy_name, attendance.uuid)
            .join_from(Attendance.__table__, Person.__table__, people.id == attendance.person_id)
            .where(attendance.meeting_id == bindparam("id", type_=Integer))
            .order_by(attendance.position, attendance.id))


def _discussion() -> Select:
    return (select(discussion.speaker, discussion.text, discussion.agenda_item_id, discussion.uuid)
            .where(discussion.meeting_id == bindparam("id", type_=Integer))
            .order_by(discussion.position, discussion.id))


def _meeting_resolutions() -> Select:
    reports = (select(func.count()).select_from(FollowUp.__table__)
               .where(follow_ups.resolution_id == resolutions.id).scalar_subquery())
    extended = (select(func.count()).select_from(DeadlineExtension.__table__)
                .where(extensions.resolution_id == resolutions.id).scalar_subquery())
    return (select(resolutions.id, resolutions.uuid, resolutions.text, units.name, resolutions.deadline,
                   original_deadline(), resolutions.standing, resolutions.status, reports, extended)
            .outerjoin_from(Resolution.__table__, Unit.__table__, units.id == resolutions.lead_unit_id)
            .where(resolutions.meeting_id == bindparam("id", type_=Integer))
            .order_by(resolutions.number, resolutions.id))


def _meeting_collaborators() -> Select:
    return (select(collaborators.resolution_id, units.name)
            .join_from(ResolutionCollaborator.__table__, Unit.__table__, units.id == collaborators.unit_id)
            .join(Resolution.__table__, resolutions.id == collaborators.resolution_id)
            .where(resolutions.meeting_id == bindparam("id", type_=Integer))
            .order_by(collaborators.position, collaborators.id))


def _original_deadlines() -> Select:
    """Resolution uuid → original deadline, for the resolutions of one meeting."""
    return (select(resolutions.uuid, original_deadline())
            .where(resolutions.meeting_id == bindparam("id", type_=Integer)))


def _meeting_final_state() -> Select:
    """A meeting's seal: finalised when, revision, fingerprint (app.services.minutes_final)."""
    return (select(meetings.finalised_at, meetings.revision, meetings.fingerprint)
            .where(meetings.id == bindparam("id", type_=Integer)))


def _meeting_amendments() -> Select:
    a = Amendment.__table__.c
    return (select(a.revision, a.created_at, a.reason, a.os_user, a.secretary, a.changes)
            .where(a.meeting_id == bindparam("id", type_=Integer)).order_by(a.revision))


def _meeting_revision() -> Select:
    r = MeetingRevision.__table__.c
    return (select(r.content, r.fingerprint, r.created_at)
            .where(r.meeting_id == bindparam("id", type_=Integer), r.revision == bindparam("revision", type_=Integer)))


def _meeting_reports() -> Select:
    """The reports a meeting heard on earlier resolutions, as :func:`app.services.followup.record_follow_ups_in_meeting`
    and the editor's «پیگیری مصوبات قبل» record them: dated the meeting's day and signed with its label."""
    earlier = Meeting.__table__.alias("earlier")
    return (select(earlier.c.number, earlier.c.date, bodies.name, resolutions.number, resolutions.text,
                   follow_ups.text, follow_ups.status_after, follow_ups.progress, follow_ups.new_deadline)
            .join_from(FollowUp.__table__, Resolution.__table__, resolutions.id == follow_ups.resolution_id)
            .join(earlier, earlier.c.id == resolutions.meeting_id)
            .join(Body.__table__, bodies.id == earlier.c.body_id)
            .where(follow_ups.reporter == bindparam("label", type_=String),
                   follow_ups.date == bindparam("date", type_=Date),
                   resolutions.meeting_id != bindparam("id", type_=Integer))
            .order_by(earlier.c.date, earlier.c.id, resolutions.number, follow_ups.id))


def _meeting_letter() -> Select:
    """The minutes' letter number and date (app.services.letter_number), the Jalali year its
    number belongs to, and its rank among the body's meetings of that year (by date, then number)."""
    other = Meeting.__table__.alias("other")
    rank = (select(func.count()).select_from(other)
            .where(other.c.body_id == meetings.body_id, other.c.year == meetings.year,
                   (other.c.date < meetings.date) | and_(other.c.date == meetings.date,
                                                         other.c.number <= meetings.number))
            .scalar_subquery())
    return (select(meetings.letter_number, meetings.letter_date, meetings.year, rank)
            .where(meetings.id == bindparam("id", type_=Integer)))


def _people_named() -> Select:
    return select(people.id, people.name, people.post).where(people.id.in_(_ids()))


# Name → statement builder. Variants of one query (every body, one body, given ids) are
# separate entries: each is one fixed text, with no optional clauses that PostgreSQL
# could not type («:body_id IS NULL OR …»).
QUERIES: dict[str, Callable[[], Select]] = {
    "bodies": _bodies,
    "body_name": _body_name,
    "body_emblem": _body_emblem,
    "meetings": _meetings(False),
    "meetings_of_body": _meetings(True),
    "meeting_exists": _meeting_exists,
    "meeting_version": _meeting_version,
    "meeting_status": _meeting_status,
    "resolutions": _resolutions("all"),
    "resolutions_of_body": _resolutions("body"),
    "resolutions_of_meeting": _resolutions("meeting"),
    "unit_names": _unit_names,
    "units": _units,
    "body_names": _body_names,
    "attention_counts": _attention,
    "carry_over_count": _carry_over_count,
    "tracker_meetings": _tracker_meetings,
    "unnormalised_texts": _unnormalised_texts,
    "texts_of_ids": _texts_of_ids,
    **{f"tracker_light_{s}": _tracker_light(s) for s in ("all", "body", "ids")},
    **{f"tracker_details_{s}": _details(s) for s in ("all", "body", "ids")},
    **{f"tracker_collaborators_{s}": _collaborator_names(s) for s in ("all", "body", "ids")},
    **{f"tracker_collaborator_ids_{s}": _collaborator_ids(s) for s in ("all", "body", "ids")},
    **{f"tracker_extensions_{s}": _extension_dates(s) for s in ("all", "body", "ids")},
    **{f"tracker_reports_{s}": _report_dates(s) for s in ("all", "body", "ids")},
    "stats_meetings": _stats_meetings(False),
    "stats_meetings_of_bodies": _stats_meetings(True),
    "stats_resolutions": _stats_resolutions(False),
    "stats_resolutions_of_bodies": _stats_resolutions(True),
    "meeting": _meeting,
    "meeting_agenda": _agenda,
    "meeting_attendance": _attendance,
    "meeting_discussion": _discussion,
    "meeting_resolutions": _meeting_resolutions,
    "meeting_collaborators": _meeting_collaborators,
    "original_deadlines": _original_deadlines,
    "people_named": _people_named,
    "meeting_final_state": _meeting_final_state,
    "meeting_amendments": _meeting_amendments,
    "meeting_revision": _meeting_revision,
    "meeting_reports": _meeting_reports,
    "meeting_letter": _meeting_letter,
    **PACKAGE_QUERIES,
}


_built: dict[str, Select] = {}


def statement(name: str) -> Select:
    """The Core statement of a query, built once."""
    stmt = _built.get(name)
    if stmt is None:
        stmt = _built[name] = QUERIES[name]()
    return stmt


# --- the compiled texts for sqlite3 ------------------------------------------------

def _kind(type_: object) -> str | None:
    """How the plain sqlite3 path must convert a column to match what SQLAlchemy returns."""
    from sqlalchemy import Boolean, DateTime, Enum, Time

    if isinstance(type_, DateTime):
        return "datetime"
    if isinstance(type_, Date):
        return "date"
    if isinstance(type_, Time):
        return "time"
    if isinstance(type_, Boolean):
        return "bool"
    if isinstance(type_, Enum):
        return "enum"
    return None


def compiled_sqlite() -> dict[str, tuple[str, tuple[str | None, ...], dict[str, object]]]:
    """Every query as (SQL text for sqlite3's named parameters, how to convert each column,
    the constants it binds)."""
    from sqlalchemy.dialects import sqlite

    dialect = sqlite.dialect(paramstyle="named")
    out = {}
    for name, build in QUERIES.items():
        stmt = build()
        compiled = stmt.compile(dialect=dialect)
        constants = {k: v for k, v in compiled.params.items() if not compiled.binds[k].required}
        kinds = tuple(_kind(c.type) for c in stmt.selected_columns)
        out[name] = (str(compiled), kinds, constants)
    return out


def render_sqlite_module() -> str:
    lines = ['"""The read queries of :mod:`app.store.queries` compiled for sqlite3. GENERATED: do not edit.',
             "",
             "Regenerate with ``python -m app.store.queries`` after changing a query; a test holds",
             "this module equal to the compiled statements. Imports nothing, so that the first",
             'screen reads the store without SQLAlchemy."""',
             "",
             "# name: (SQL with :name parameters, per column: date|time|datetime|bool|enum|None, constants)",
             "SQL: dict[str, tuple[str, tuple[str | None, ...], dict[str, object]]] = {"]
    for name, (sql, kinds, constants) in compiled_sqlite().items():
        lines.append(f"    {name!r}: (")
        sql_lines = sql.split("\n")
        for i, part in enumerate(sql_lines):
            end = "\n" if i < len(sql_lines) - 1 else ""
            lines.append(f"        {(part + end)!r}")
        lines.append(f"        , {kinds!r}, {constants!r}),")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_sqlite_module() -> Path:
    path = Path(__file__).with_name("queries_sqlite.py")
    path.write_text(render_sqlite_module(), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write_sqlite_module())
