"""What the main window lists first: the bodies tree and a body's meetings.

Plain, portable SQL through :meth:`Store.fetch_all`, so the first screen is
filled without importing the ORM (see :mod:`app.store.db`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.errors import not_found
from app.store.db import Store, as_date


@dataclass(frozen=True)
class BodyRow:
    id: int
    uuid: str
    name: str
    kind: str
    parent_id: int | None
    meetings_per_year: int
    depth: int = 0


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
    rows = store.fetch_all("SELECT id, uuid, name, kind, parent_id, meetings_per_year FROM bodies "
                           "ORDER BY position, id")
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


def list_meetings(store: Store, body_id: int | None = None, *, limit: int | None = None) -> list[MeetingRow]:
    """Meetings, newest first, with their resolution counts."""
    where, params = "", {}
    if body_id is not None:
        if not store.fetch_all("SELECT 1 FROM bodies WHERE id = :id", id=body_id):
            raise not_found("body", body_id)
        where, params = "WHERE m.body_id = :body_id", {"body_id": body_id}
    sql = ("SELECT m.id, m.uuid, m.body_id, b.name, m.year, m.number, m.date, m.status, "
           "(SELECT COUNT(*) FROM resolutions r WHERE r.meeting_id = m.id) "
           f"FROM meetings m JOIN bodies b ON b.id = m.body_id {where} "
           "ORDER BY m.date DESC, m.number DESC")
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return [MeetingRow(r[0], r[1], r[2], r[3], r[4], r[5], as_date(r[6]), r[7], r[8])
            for r in store.fetch_all(sql, **params)]
