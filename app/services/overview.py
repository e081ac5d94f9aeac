"""What the main window lists first: the bodies tree and a body's meetings.

Read through :meth:`Store.read` (the queries of :mod:`app.store.queries`), so the first
screen is filled without importing SQLAlchemy (see :mod:`app.store.db`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.errors import not_found
from app.store.db import Store


@dataclass(frozen=True)
class BodyRow:
    id: int
    uuid: str
    name: str
    kind: str
    parent_id: int | None
    meetings_per_year: int
    depth: int = 0
    version: int | None = None  # the save counter when read (app.services.versions)


@dataclass(frozen=True)
class MeetingRow:
    id: int
    uuid: str
    body_id: int
    body_name: str
    year: int
    number: int
    date: dt.date
    status: str
    resolution_count: int


def list_bodies(store: Store) -> list[BodyRow]:
    """All bodies in tree order: each parent followed by its children."""
    rows = store.read("bodies")
    children: dict[int | None, list[tuple]] = {}
    for r in rows:
        children.setdefault(r[4], []).append(r)
    known = {r[0] for r in rows}
    out: list[BodyRow] = []

    def walk(parent: int | None, depth: int) -> None:
        for r in children.get(parent, []):
            out.append(BodyRow(r[0], r[1], r[2], r[3], r[4], r[5], depth))
            walk(r[0], depth + 1)

    walk(None, 0)
    # A body whose parent is missing would vanish from the tree; show it at the top.
    out += [BodyRow(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows if r[4] is not None and r[4] not in known]
    return out


def body_subtree(bodies: list[BodyRow], root: int) -> set[int]:
    """``root`` and every body under it (a council with its committees), from :func:`list_bodies`."""
    children: dict[int | None, list[int]] = {}
    for b in bodies:
        children.setdefault(b.parent_id, []).append(b.id)
    found, todo = {root}, [root]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def body_name(store: Store, body_id: int) -> str:
    """The body's name; UserError ``body_unknown`` when there is none."""
    found = store.read("body_name", id=body_id)
    if not found:
        raise not_found("body", body_id)
    return str(found[0][0])


def list_meetings(store: Store, body_id: int | None = None, *, limit: int | None = None) -> list[MeetingRow]:
    """Meetings, newest first, with their resolution counts."""
    if body_id is None:
        rows = store.read("meetings")
    else:
        body_name(store, body_id)
        rows = store.read("meetings_of_body", body_id=body_id)
    if limit is not None:
        rows = rows[:limit]
    return [MeetingRow(*r) for r in rows]
