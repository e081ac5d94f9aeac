"""``data.json`` of a quarterly package: a body's (and, if asked, its sub-bodies') quarter read
through the package queries (:mod:`app.store.queries_package`), every record with its UUID.

Which meetings go in: the final meetings dated in the quarter, and earlier final meetings
whose resolutions were reported on or extended in the quarter (so that a later package
carries the new history of older resolutions). Meetings of the quarter that are not final
are left out and listed (``left_out``), as the summary says: «پیش‌نویس، ارسال نشد».
Dates are given both ways, ``{"iso": "2024-11-23", "jalali": "1403/09/03"}``; times of day
written by the program (``created_at``…) are UTC, ISO 8601 without an offset.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from app import __version__
from app.errors import not_found
from app.persian.jalali import format_jalali_latin, quarter_range
from app.services.overview import BodyRow, body_subtree, list_bodies
from app.store.db import Store

from .format import FORMAT_NAME, FORMAT_VERSION

__all__ = ["Collected", "collect", "jdate", "jtime"]


def jdate(d: dt.date | None) -> dict[str, str] | None:
    return None if d is None else {"iso": d.isoformat(), "jalali": format_jalali_latin(d)}


def jtime(moment: dt.datetime | None) -> dict[str, str] | None:
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return {"iso": moment.isoformat(), "jalali": format_jalali_latin(moment.date())}


def _clock(t: dt.time | None) -> str | None:
    return None if t is None else t.strftime("%H:%M")


@dataclass
class Collected:
    """What was read: data.json's object, and what the export needs besides."""

    data: dict[str, Any]
    root: BodyRow
    body_ids: list[int]
    period_meeting_ids: list[int]  # final meetings of the quarter: one minutes PDF each
    meeting_ids: list[int]  # every meeting in data.json (the quarter's and earlier ones with new history)
    meeting_uuids: dict[int, str] = field(default_factory=dict)
    resolution_ids: list[int] = field(default_factory=list)
    left_out: list[dict[str, Any]] = field(default_factory=list)


def collect(store: Store, body_id: int, year: int, quarter: int, *, sub_bodies: bool, now: dt.datetime) -> Collected:
    """Read the quarter; UserError ``body_unknown`` and the codes of ``quarter_range``."""
    start, end = quarter_range(year, quarter)
    bodies = list_bodies(store)
    by_id = {b.id: b for b in bodies}
    if body_id not in by_id:
        raise not_found("body", body_id)
    root = by_id[body_id]
    members = body_subtree(bodies, body_id) if sub_bodies else {body_id}
    scope = [b for b in bodies if b.id in members]  # tree order
    ancestors: list[BodyRow] = []
    parent = root.parent_id
    while parent is not None and parent in by_id and len(ancestors) < 50:
        ancestors.append(by_id[parent])
        parent = by_id[parent].parent_id

    rows = store.read("package_meetings", body_ids=sorted(members), end=end)
    final = [r for r in rows if r[9] == "final"]
    in_period = [r[0] for r in final if r[5] >= start]
    earlier = [r[0] for r in final if r[5] < start]
    with_history = {r[0] for r in store.read("package_history", meeting_ids=earlier, start=start, end=end)} \
        if earlier else set()
    chosen = [r for r in final if r[5] >= start or r[0] in with_history]
    ids = [r[0] for r in chosen]
    left_out = [{"uuid": r[1], "body_uuid": by_id[r[2]].uuid, "number": r[4], "date": jdate(r[5]), "status": r[9]}
                for r in rows if r[9] != "final" and r[5] >= start]

    meetings, resolution_ids, uuids, refs = _meetings(store, chosen, ids, by_id)
    data = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "program": f"Dabir {__version__}",
        "created": jtime(now),
        "office": {"body_uuid": root.uuid, "name": root.name},
        "period": {"year": year, "quarter": quarter, "start": jdate(start), "end": jdate(end)},
        "sub_bodies": sub_bodies,
        "bodies": [_body(b, by_id, context=False) for b in scope]
        + [_body(b, by_id, context=True) for b in reversed(ancestors)],
        "units": _units(store, refs["units"]),
        "people": _people(store, refs["people"]),
        "meetings": meetings,
        "left_out": left_out,
    }
    return Collected(data, root, [b.id for b in scope], in_period, ids, uuids, resolution_ids, left_out)


def _body(b: BodyRow, by_id: dict[int, BodyRow], *, context: bool) -> dict[str, Any]:
    parent = by_id.get(b.parent_id) if b.parent_id is not None else None
    return {"uuid": b.uuid, "name": b.name, "kind": b.kind, "parent_uuid": parent.uuid if parent else None,
            "meetings_per_year": b.meetings_per_year, "context": context}


def _units(store: Store, ids: set[int]) -> list[dict[str, Any]]:
    return [{"uuid": uuid, "name": name} for uid, uuid, name in store.read("units") if uid in ids]


def _people(store: Store, ids: set[int]) -> list[dict[str, Any]]:
    if not ids:
        return []
    return [{"uuid": uuid, "name": name, "post": post or ""}
            for _pid, uuid, name, post in store.read("package_people", ids=sorted(ids))]


def _grouped(rows: list[tuple[Any, ...]]) -> dict[int, list[tuple[Any, ...]]]:
    out: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for r in rows:
        out[r[0]].append(r)
    return out


def _meetings(store: Store, chosen: list[tuple[Any, ...]], ids: list[int], by_id: dict[int, BodyRow]
              ) -> tuple[list[dict[str, Any]], list[int], dict[int, str], dict[str, set[int]]]:
    refs: dict[str, set[int]] = {"units": set(), "people": set()}
    q = {"meeting_ids": ids}
    agenda = _grouped(store.read("package_agenda", **q))
    attendance = _grouped(store.read("package_attendance", **q))
    discussion = _grouped(store.read("package_discussion", **q))
    resolutions = _grouped(store.read("package_resolutions", **q))
    amendments = _grouped(store.read("package_amendments", **q))
    revisions = _grouped(store.read("package_revisions", **q))
    collaborators = _grouped(store.read("package_collaborators", **q))
    reports = _grouped(store.read("package_follow_ups", **q))
    extensions = _grouped(store.read("package_extensions", **q))
    agenda_uuid = {r[1]: r[2] for rs in agenda.values() for r in rs}
    resolution_uuid = {r[1]: r[2] for rs in resolutions.values() for r in rs}
    outside = {x for x in ([r[9] for rs in resolutions.values() for r in rs]
                           + [e[7] for es in extensions.values() for e in es]) if x and x not in resolution_uuid}
    if outside:  # a resolution outside the package (a later meeting's) named by uuid
        resolution_uuid.update(dict(store.read("resolution_uuids", ids=sorted(outside))))
    unit_uuid = {uid: uuid for uid, uuid, _name in store.read("units")}

    out = []
    for m in chosen:
        mid = m[0]
        for pid in (m[10], m[11]):
            if pid is not None:
                refs["people"].add(pid)
        res_out = []
        for r in resolutions.get(mid, []):
            rid = r[1]
            if r[5] is not None:
                refs["units"].add(r[5])
            collab = [c[1] for c in collaborators.get(rid, [])]
            refs["units"].update(collab)
            fus = []
            for f in reports.get(rid, []):
                if f[4] is not None:
                    refs["units"].add(f[4])
                fus.append({"uuid": f[1], "date": jdate(f[2]), "reporter": f[3] or "",
                            "reporter_unit_uuid": unit_uuid.get(f[4]) if f[4] is not None else None,
                            "text": f[5] or "", "progress": f[6], "new_deadline": jdate(f[7]),
                            "status_after": f[8], "created_at": jtime(f[9])})
            exts = [{"uuid": e[1], "date": jdate(e[2]), "old_deadline": jdate(e[3]), "new_deadline": jdate(e[4]),
                     "reason": e[5] or "", "granted_by": e[6] or "",
                     "granted_by_resolution_uuid": resolution_uuid.get(e[7]) if e[7] is not None else None,
                     "created_at": jtime(e[8])} for e in extensions.get(rid, [])]
            res_out.append({
                "uuid": r[2], "number": r[3], "text": r[4],
                "lead_unit_uuid": unit_uuid.get(r[5]) if r[5] is not None else None,
                "collaborator_unit_uuids": [unit_uuid[c] for c in collab if c in unit_uuid],
                "deadline": jdate(r[6]), "standing": bool(r[7]), "status": r[8],
                "superseded_by_uuid": resolution_uuid.get(r[9]) if r[9] is not None else None,
                "follow_ups": fus, "extensions": exts})
        refs["people"].update(d[4] for d in discussion.get(mid, []) if d[4] is not None)
        att_out = []
        for a in attendance.get(mid, []):
            refs["people"].add(a[2])
            att_out.append({"uuid": a[1], "person_uuid": a[2], "position": a[3], "kind": a[4], "status": a[5],
                            "deputy_name": a[6] or "", "post": a[7] or "", "organisation": a[8] or ""})
        out.append({
            "uuid": m[1], "body_uuid": by_id[m[2]].uuid, "year": m[3], "number": m[4], "date": jdate(m[5]),
            "start_time": _clock(m[6]), "end_time": _clock(m[7]), "place": m[8] or "", "status": m[9],
            "chair_uuid": m[10], "secretary_uuid": m[11], "finalised_at": jtime(m[12]), "revision": m[13],
            "fingerprint": m[14], "letter_number": m[15], "letter_date": jdate(m[16]),
            "agenda": [{"uuid": a[2], "position": a[3], "text": a[4]} for a in agenda.get(mid, [])],
            "attendance": att_out,
            "discussion": [{"uuid": d[1], "position": d[2], "speaker": d[3] or "",
                            "speaker_uuid": d[4], "agenda_uuid": agenda_uuid.get(d[5]) if d[5] else None,
                            "text": d[6]} for d in discussion.get(mid, [])],
            "resolutions": res_out,
            "amendments": [{"uuid": a[1], "revision": a[2], "reason": a[3], "os_user": a[4] or "",
                            "secretary": a[5] or "", "created_at": jtime(a[6]), "changes": _json_list(a[7])}
                           for a in amendments.get(mid, [])],
            "revisions": [{"revision": v[1], "fingerprint": v[2], "created_at": jtime(v[3]),
                           "content": json.loads(v[4])} for v in revisions.get(mid, [])],
        })
    # People are referred to by uuid: swap the ids read for theirs.
    people = {pid: uuid for pid, uuid, _n, _p in store.read("package_people", ids=sorted(refs["people"]))} \
        if refs["people"] else {}
    for meeting in out:
        for key in ("chair_uuid", "secretary_uuid"):
            meeting[key] = people.get(meeting[key]) if meeting[key] is not None else None
        for a in meeting["attendance"]:
            a["person_uuid"] = people.get(a["person_uuid"])
        for d in meeting["discussion"]:
            d["speaker_uuid"] = people.get(d["speaker_uuid"]) if d["speaker_uuid"] is not None else None
    ids_of = [r[1] for rs in resolutions.values() for r in rs]
    return out, ids_of, {m[0]: m[1] for m in chosen}, refs


def _json_list(text: str | None) -> list[Any]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return []
    return value if isinstance(value, list) else []
