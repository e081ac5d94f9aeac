"""Rows for ``dabir list``: the JSON fields DESIGN.md promises, and readable lines.

Rows are produced one at a time (:func:`iter_rows`) so the command line can write them as
they are read: ``dabir list resolutions --json`` over 50,000 resolutions holds one block
of rows, not the whole output. Nothing here imports SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from app.errors import UserError
from app.persian import labels
from app.persian.jalali import format_jalali_latin
from app.persian.text import to_persian_digits
from app.services.overview import list_bodies, list_meetings
from app.services.resolutions import resolution_tuples
from app.store.db import Store

# Dates repeat (a few thousand days over 50,000 rows): convert each to Jalali once.
_jalali = lru_cache(maxsize=8192)(format_jalali_latin)


def iter_rows(store: Store, what: str, *, body_id: int | None = None,
              meeting_id: int | None = None) -> Iterator[dict[str, Any]]:
    """The rows of ``dabir list WHAT`` as JSON-ready dicts; an unknown id is refused before the first."""
    if what == "bodies":
        return ({"id": b.id, "uuid": b.uuid, "name": b.name, "parent_id": b.parent_id, "kind": b.kind,
                 "meetings_per_year": b.meetings_per_year} for b in list_bodies(store)
                if body_id is None or b.id == body_id or b.parent_id == body_id)
    if what == "meetings":
        return ({"id": m.id, "uuid": m.uuid, "body_id": m.body_id, "body": m.body_name, "year": m.year,
                 "number": m.number, "date": _jalali(m.date), "status": m.status,
                 "resolutions": m.resolution_count} for m in list_meetings(store, body_id))
    if what == "resolutions":
        # resolution_tuples checks the body and meeting when called: before any output.
        return _resolution_dicts(resolution_tuples(store, body_id=body_id, meeting_id=meeting_id))
    raise UserError("list_what", "فقط bodies، meetings یا resolutions را می‌توان فهرست کرد.")


def resolution_json(store: Store, *, body_id: int | None = None, meeting_id: int | None = None) -> Iterator[str]:
    """Each resolution of :func:`iter_rows` as its JSON object, written straight from the row:
    the same keys and values as the dicts (a test holds them equal), without a dict and the
    encoder's walk over it per row (50,000 rows: about 45 ms of 0.5 s)."""
    import json

    text = json.JSONEncoder(ensure_ascii=False).encode
    jalali = _jalali
    for rid, uuid, meeting, body, _mnumber, _mdate, number, body_text, lead, deadline, standing, status in \
            resolution_tuples(store, body_id=body_id, meeting_id=meeting_id):
        yield (f'{{"id": {rid}, "uuid": {text(uuid)}, "meeting_id": {meeting}, "body_id": {body}, '
               f'"number": {number}, "text": {text(body_text)}, "lead_unit": {text(lead or "")}, '
               f'"deadline": {text(jalali(deadline)) if deadline else "null"}, '
               f'"standing": {"true" if standing else "false"}, "status": {text(status)}}}')


def _resolution_dicts(rows: Iterable[tuple[Any, ...]]) -> Iterator[dict[str, Any]]:
    jalali = _jalali
    for rid, uuid, meeting_id, body_id, _mnumber, _mdate, number, text, lead, deadline, standing, status in rows:
        yield {"id": rid, "uuid": uuid, "meeting_id": meeting_id, "body_id": body_id, "number": number,
               "text": text, "lead_unit": lead or "", "deadline": jalali(deadline) if deadline else None,
               "standing": standing, "status": status}


def rows(store: Store, what: str, *, body_id: int | None = None,
         meeting_id: int | None = None) -> list[dict[str, Any]]:
    """:func:`iter_rows` as a list."""
    return list(iter_rows(store, what, body_id=body_id, meeting_id=meeting_id))


def text_line(what: str, r: dict[str, Any]) -> str:
    """One row as a line: Persian words and digits, the id first so it can be copied."""
    fa = to_persian_digits
    if what == "bodies":
        return f"{r['id']}\t{labels.BODY_KIND[r['kind']]}\t{r['name']}"
    if what == "meetings":
        return (f"{r['id']}\t{r['body']}\tجلسهٔ {fa(r['number'])}\t{fa(r['date'])}\t"
                f"{labels.MEETING_STATUS[r['status']]}\t{fa(r['resolutions'])} مصوبه")
    deadline = "مستمر" if r["standing"] else (fa(r["deadline"]) if r["deadline"] else "—")
    text = r["text"] if len(r["text"]) <= 80 else r["text"][:79] + "…"
    return (f"{r['id']}\tجلسهٔ {fa(r['meeting_id'])}\tبند {fa(r['number'])}\t{deadline}\t"
            f"{labels.RESOLUTION_STATUS[r['status']]}\t{r['lead_unit']}\t{text}")


EMPTY = "(هیچ موردی نیست)"


def text_lines(what: str, items: Iterable[dict[str, Any]]) -> list[str]:
    """One line per row (:func:`text_line`); a line saying so when there are none."""
    return [text_line(what, r) for r in items] or [EMPTY]
