"""The directory of units and people (دفتر نام‌ها): pick, don't retype."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError, not_found
from app.persian.text import clean_line, name_sort_key, normalize_for_search
from app.services.change_tracking import tracking
from app.services.changes import Changes
from app.services.versions import refuse_stale_row
from app.store.db import Store
from app.store.models import Person, Unit


@dataclass(frozen=True)
class UnitRow:
    id: int
    uuid: str
    name: str
    version: int | None = None  # the save counter when read (app.services.versions)


@dataclass(frozen=True)
class PersonRow:
    id: int
    uuid: str
    name: str
    post: str
    organisation: str
    organisation_id: int | None
    version: int | None = None  # the save counter when read (app.services.versions)


@dataclass(frozen=True)
class UnitSaved:
    """What :func:`save_unit` wrote: the unit as stored, and the change record."""

    unit: UnitRow
    changes: Changes

    @property
    def id(self) -> int:
        return self.unit.id


@dataclass(frozen=True)
class PersonSaved:
    """What :func:`save_person` wrote: the person as stored, and the change record
    (with the unit made for a new organisation)."""

    person: PersonRow
    changes: Changes

    @property
    def id(self) -> int:
        return self.person.id


def _clean(text: str) -> str:
    """One line, single spaces, no bidi controls or emoji (:func:`clean_line`)."""
    return " ".join(clean_line(text).split())


def list_units(store: Store, query: str = "") -> list[UnitRow]:
    """Units whose normalised name contains ``query`` (all when empty), by name."""
    with store.reading() as s:
        stmt = select(Unit).order_by(Unit.name)
        needle = normalize_for_search(query)
        if needle:
            stmt = stmt.where(Unit.name_norm.contains(needle, autoescape=True))
        return [UnitRow(u.id, u.uuid, u.name, version=u.version) for u in s.scalars(stmt)]


def unit_by_name(session: Session, name: str, *, create: bool = True) -> Unit | None:
    """The unit whose name matches ``name`` once normalised; made when missing."""
    name = _clean(name)
    if not name:
        return None
    norm = normalize_for_search(name)
    unit = session.scalars(select(Unit).where(Unit.name_norm == norm).limit(1)).first()
    if unit is None and create:
        unit = Unit(name=name, name_norm=norm)
        session.add(unit)
        session.flush()
    return unit


def save_unit(store: Store, name: str, unit_id: int | None = None, *, version: int | None = None) -> UnitSaved:
    """Add a unit, or rename the one with ``unit_id`` (read at ``version``: a copy older than the
    stored unit is refused, StaleRecord)."""
    name = _clean(name)
    if not name:
        raise UserError("unit_name_empty", "نام واحد خالی است.", english="unit name is empty", field="name")
    norm = normalize_for_search(name)
    with store.session() as s, tracking(s) as changed:
        clash = s.scalars(select(Unit).where(Unit.name_norm == norm, Unit.id != (unit_id or 0))).first()
        if clash is not None:
            raise UserError("unit_exists", f"واحد «{clash.name}» از پیش در فهرست هست.",
                            english="unit already exists", field="name")
        if unit_id is None:
            unit = Unit(name=name, name_norm=norm)
            s.add(unit)
        else:
            found = s.get(Unit, unit_id)
            if found is None:
                raise not_found("unit", unit_id)
            refuse_stale_row(found, version, f"واحد «{found.name}»")
            unit = found
            unit.name, unit.name_norm = name, norm
        s.flush()
        s.flush()
        return UnitSaved(UnitRow(unit.id, unit.uuid, unit.name, version=unit.version), changed.record())


def list_people(store: Store, query: str = "") -> list[PersonRow]:
    """People whose name, post or organisation contains ``query`` once normalised."""
    with store.reading() as s:
        stmt = select(Person, Unit.name).outerjoin(Unit, Person.organisation_id == Unit.id).order_by(Person.name)
        rows = sorted((_person_row(p, org) for p, org in s.execute(stmt)), key=lambda r: name_sort_key(r.name))
    # A directory holds hundreds of people, so matching the normalised post and
    # organisation in Python is instant and needs no extra columns.
    needle = normalize_for_search(query)
    if not needle:
        return rows
    return [r for r in rows if needle in normalize_for_search(f"{r.name} {r.post} {r.organisation}")]


def get_person(store: Store, person_id: int) -> PersonRow:
    with store.reading() as s:
        person = s.get(Person, person_id)
        if person is None:
            raise not_found("person", person_id)
        return _person_row(person, person.organisation.name if person.organisation else "")


def _person_row(p: Person, org: str | None) -> PersonRow:
    return PersonRow(p.id, p.uuid, p.name, p.post, org or "", p.organisation_id, version=p.version)


def save_person(store: Store, name: str, post: str = "", organisation: str = "",
                person_id: int | None = None, *, version: int | None = None) -> PersonSaved:
    """Add a person or change one; the organisation is a unit, made when new. A copy read at
    ``version``, older than the stored person, is refused (StaleRecord)."""
    with store.session() as s, tracking(s) as changed:
        if person_id is not None and (found := s.get(Person, person_id)) is not None:
            refuse_stale_row(found, version, f"مشخصات «{found.name}»")
        person = person_for(s, name, post, organisation, person_id=person_id, match_existing=False)
        s.flush()
        row = _person_row(person, person.organisation.name if person.organisation else "")
        return PersonSaved(row, changed.record())


def person_for(session: Session, name: str, post: str = "", organisation: str = "", *,
               person_id: int | None = None, match_existing: bool = True) -> Person:
    """Find or make the person record (used when an attendee is typed in new)."""
    name = _clean(name)
    if not name:
        raise UserError("person_name_empty", "نام شخص خالی است.", english="person name is empty", field="name")
    norm = normalize_for_search(name)
    if person_id is not None:
        person = session.get(Person, person_id)
        if person is None:
            raise not_found("person", person_id)
    else:
        person = None
        if match_existing:
            person = session.scalars(select(Person).where(Person.name_norm == norm).limit(1)).first()
            if person is not None:
                return person
        person = Person(name=name, name_norm=norm)
        session.add(person)
    person.name, person.name_norm, person.post = name, norm, _clean(post)
    person.organisation = unit_by_name(session, organisation)
    session.flush()
    return person
