"""Bodies (نهادها): councils, working groups, committees and their members."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Final, Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserError, not_found
from app.persian.text import clean_line
from app.services.change_tracking import tracking
from app.services.changes import Changes
from app.services.directory import person_for
from app.services.overview import BodyRow
from app.services.versions import refuse_stale_row
from app.store.db import Store
from app.store.models import Body, BodyKind, BodyMember, MemberRole, Person, Unit


@dataclass(frozen=True)
class MemberRow:
    person_id: int
    name: str
    post: str
    organisation: str
    role: str


@dataclass(frozen=True)
class BodySaved:
    """What :func:`save_body` / :func:`save_body_with_members` wrote: the body as stored
    and the change record (the body, and any person or unit its members brought)."""

    body: BodyRow
    changes: Changes

    @property
    def id(self) -> int:
        return self.body.id


def get_body(store: Store, body_id: int) -> BodyRow:
    with store.reading() as s:
        b = s.get(Body, body_id)
        if b is None:
            raise not_found("body", body_id)
        return BodyRow(b.id, b.uuid, b.name, b.kind.value, b.parent_id, b.meetings_per_year, version=b.version)


def _checked(name: str, kind: str, meetings_per_year: int) -> tuple[str, BodyKind]:
    name = " ".join(clean_line(name).split())
    if not name:
        raise UserError("body_name_empty", "نام نهاد خالی است.", english="body name is empty", field="name")
    try:
        kind_enum = BodyKind(kind)
    except ValueError:
        raise UserError("body_kind", "نوع نهاد باید شورا، کارگروه یا کمیته باشد.",
                        english="unknown body kind", field="kind") from None
    if not 0 <= meetings_per_year <= 52:
        raise UserError("body_frequency", "تعداد جلسات الزامی در سال باید بین ۰ تا ۵۲ باشد.",
                        english="meetings per year out of range", field="meetings_per_year")
    return name, kind_enum


def _write_body(s: Session, name: str, kind: BodyKind, parent_id: int | None, meetings_per_year: int,
                body_id: int | None, version: int | None = None) -> Body:
    if parent_id is not None and s.get(Body, parent_id) is None:
        raise not_found("body", parent_id)
    if body_id is None:
        position = (s.scalar(select(func.max(Body.position))) or 0) + 1
        body = Body(position=position)
        s.add(body)
    else:
        found = s.get(Body, body_id)
        if found is None:
            raise not_found("body", body_id)
        refuse_stale_row(found, version, f"نهاد «{found.name}»")
        body = found
        if parent_id is not None and _is_descendant(s, parent_id, body_id):
            raise UserError("body_cycle", "نهاد نمی‌تواند زیرمجموعهٔ خودش باشد.",
                            english="a body cannot be under itself", field="parent_id")
    body.name, body.kind, body.parent_id, body.meetings_per_year = name, kind, parent_id, meetings_per_year
    s.flush()
    return body


def _row(body: Body) -> BodyRow:
    return BodyRow(body.id, body.uuid, body.name, body.kind.value, body.parent_id, body.meetings_per_year,
                   version=body.version)


def save_body(store: Store, name: str, kind: str, parent_id: int | None = None,
              meetings_per_year: int = 4, body_id: int | None = None, *, version: int | None = None) -> BodySaved:
    """Create a body, or change the one with ``body_id`` (read at ``version``: a copy older than
    the stored body is refused, StaleRecord)."""
    name, kind_enum = _checked(name, kind, meetings_per_year)
    with store.session() as s, tracking(s) as changed:
        body = _write_body(s, name, kind_enum, parent_id, meetings_per_year, body_id, version)
        s.flush()
        changed.note(bodies={body.id})
        return BodySaved(_row(body), changed.record())


@dataclass(frozen=True)
class MemberInput:
    """A member as the body dialog sends it: a known person (``person_id``), whose post and
    organisation may have been corrected there, or (``person_id`` None) a new name that joins
    the directory with the body."""

    name: str
    role: str = "member"
    post: str = ""
    organisation: str = ""
    person_id: int | None = None


class _Keep(Enum):
    EMBLEM = "keep"


KEEP_EMBLEM: Final = _Keep.EMBLEM  # save_body_with_members(emblem=...): leave the stored emblem as it is


def save_body_with_members(store: Store, name: str, kind: str, parent_id: int | None, meetings_per_year: int,
                           members: Sequence[MemberInput], *, body_id: int | None = None,
                           emblem: bytes | Literal[_Keep.EMBLEM] | None = KEEP_EMBLEM,
                           version: int | None = None) -> BodySaved:
    """The body dialog's «ذخیره»: the body, new people and corrected posts, the members in
    order and the emblem (None removes it), in one transaction: all of it or nothing.

    Codes: those of :func:`save_body`, :func:`set_members` and :func:`set_emblem`.
    """
    name, kind_enum = _checked(name, kind, meetings_per_year)
    if emblem is not KEEP_EMBLEM:
        _check_emblem(emblem)
    with store.session() as s, tracking(s) as changed:
        body = _write_body(s, name, kind_enum, parent_id, meetings_per_year, body_id, version)
        pairs = []
        for m in members:
            person = person_for(s, m.name, m.post, m.organisation, person_id=m.person_id, match_existing=False)
            pairs.append((person.id, m.role))
        _write_members(s, body, pairs)
        if emblem is not KEEP_EMBLEM:
            body.emblem = emblem
        changed.note(bodies={body.id})
        return BodySaved(_row(body), changed.record())


def _is_descendant(s, candidate: int, ancestor: int) -> bool:  # type: ignore[no-untyped-def]
    seen: set[int] = set()
    current: int | None = candidate
    while current is not None and current not in seen:
        if current == ancestor:
            return True
        seen.add(current)
        current = s.scalar(select(Body.parent_id).where(Body.id == current))
    return False


def list_members(store: Store, body_id: int) -> list[MemberRow]:
    """The body's members in their order: chair and secretary first as entered."""
    with store.reading() as s:
        if s.get(Body, body_id) is None:
            raise not_found("body", body_id)
        rows = s.execute(
            select(BodyMember.role, Person.id, Person.name, Person.post, Unit.name)
            .join(Person, BodyMember.person_id == Person.id)
            .outerjoin(Unit, Person.organisation_id == Unit.id)
            .where(BodyMember.body_id == body_id)
            .order_by(BodyMember.position, BodyMember.id)
        )
        return [MemberRow(pid, name, post, org or "", role.value) for role, pid, name, post, org in rows]


def set_members(store: Store, body_id: int, members: list[tuple[int, str]]) -> Changes:
    """Replace the body's members by ``(person_id, role)`` pairs, in order."""
    with store.session() as s, tracking(s) as changed:
        body = s.get(Body, body_id)
        if body is None:
            raise not_found("body", body_id)
        _write_members(s, body, members)
        changed.note(bodies={body.id})
        return changed.record()


def _write_members(s: Session, body: Body, members: Sequence[tuple[int, str]]) -> None:
    if sum(role == "chair" for _, role in members) > 1:
        raise UserError("body_two_chairs", "هر نهاد یک رئیس دارد؛ نقش «رئیس» را تنها به یک نفر بدهید.",
                        english="a body has one chair", field="members")
    seen: set[int] = set()
    new: list[BodyMember] = []
    for position, (person_id, role) in enumerate(members):
        if person_id in seen:
            continue
        seen.add(person_id)
        if s.get(Person, person_id) is None:
            raise not_found("person", person_id)
        new.append(BodyMember(person_id=person_id, role=MemberRole(role), position=position))
    body.members.clear()
    s.flush()
    body.members.extend(new)


EMBLEM_MAX_BYTES = 2 * 1024 * 1024


def set_emblem(store: Store, body_id: int, image: bytes | None) -> Changes:
    """Keep (or with ``None`` remove) the body's emblem, a PNG or JPEG of at most 2 MB."""
    _check_emblem(image)
    with store.session() as s, tracking(s) as changed:
        body = s.get(Body, body_id)
        if body is None:
            raise not_found("body", body_id)
        body.emblem = image
        changed.note(bodies={body.id})
        return changed.record()


def _check_emblem(image: bytes | None) -> None:
    if image is not None:
        if not (image.startswith(b"\x89PNG\r\n\x1a\n") or image.startswith(b"\xff\xd8\xff")):
            raise UserError("emblem_format", "نشان باید تصویر PNG یا JPEG باشد.", english="the emblem must be PNG or JPEG",
                            field="emblem")
        if len(image) > EMBLEM_MAX_BYTES:
            raise UserError("emblem_too_big", "تصویر نشان بزرگ‌تر از ۲ مگابایت است؛ تصویر کوچک‌تری برگزینید.",
                            english="the emblem is larger than 2 MB", field="emblem")


def get_emblem(store: Store, body_id: int) -> bytes | None:
    rows = store.read("body_emblem", id=body_id)
    if not rows:
        raise not_found("body", body_id)
    return bytes(rows[0][0]) if rows[0][0] else None
