"""Rows for ``dabir list``: the JSON fields DESIGN.md promises, and readable lines."""

from __future__ import annotations

from typing import Any

from app.errors import UserError
from app.persian import labels
from app.persian.jalali import format_jalali_latin
from app.persian.text import to_persian_digits
from app.services.overview import list_bodies, list_meetings
from app.services.resolutions import list_resolutions
from app.store.db import Store


def rows(store: Store, what: str, *, body_id: int | None = None,
         meeting_id: int | None = None) -> list[dict[str, Any]]:
    if what == "bodies":
        return [{"id": b.id, "uuid": b.uuid, "name": b.name, "parent_id": b.parent_id, "kind": b.kind,
                 "meetings_per_year": b.meetings_per_year} for b in list_bodies(store)
                if body_id is None or b.id == body_id or b.parent_id == body_id]
    if what == "meetings":
        return [{"id": m.id, "uuid": m.uuid, "body_id": m.body_id, "body": m.body_name, "year": m.year,
                 "number": m.number, "date": format_jalali_latin(m.date), "status": m.status,
                 "resolutions": m.resolution_count} for m in list_meetings(store, body_id)]
    if what == "resolutions":
        return [{"id": r.id, "uuid": r.uuid, "meeting_id": r.meeting_id, "body_id": r.body_id,
                 "number": r.number, "text": r.text, "lead_unit": r.lead_unit,
                 "deadline": format_jalali_latin(r.deadline) if r.deadline else None,
                 "standing": r.standing, "status": r.status}
                for r in list_resolutions(store, body_id=body_id, meeting_id=meeting_id)]
    raise UserError("list_what", "فقط bodies، meetings یا resolutions را می‌توان فهرست کرد.")


def text_lines(what: str, items: list[dict[str, Any]]) -> list[str]:
    """One line per row, Persian words and digits, the id first so it can be copied."""
    fa = to_persian_digits
    if not items:
        return ["(هیچ موردی نیست)"]
    out = []
    for r in items:
        if what == "bodies":
            out.append(f"{r['id']}\t{labels.BODY_KIND[r['kind']]}\t{r['name']}")
        elif what == "meetings":
            out.append(f"{r['id']}\t{r['body']}\tجلسهٔ {fa(r['number'])}\t{fa(r['date'])}\t"
                       f"{labels.MEETING_STATUS[r['status']]}\t{fa(r['resolutions'])} مصوبه")
        else:
            deadline = "مستمر" if r["standing"] else (fa(r["deadline"]) if r["deadline"] else "—")
            text = r["text"] if len(r["text"]) <= 80 else r["text"][:79] + "…"
            out.append(f"{r['id']}\tجلسهٔ {fa(r['meeting_id'])}\tبند {fa(r['number'])}\t{deadline}\t"
                       f"{labels.RESOLUTION_STATUS[r['status']]}\t{r['lead_unit']}\t{text}")
    return out
