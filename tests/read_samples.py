"""Parameters that exercise every read query of app.store.queries on the demo store.

Shared by the SQLite tests and the PostgreSQL test; a test fails when a query has no
sample here, so a new query is run on both backends from the day it is written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.store.db import Store


def samples(store: Store, today: dt.date) -> dict[str, list[dict[str, Any]]]:
    """Query name → the parameter sets to run it with, chosen from what ``store`` holds."""
    bodies = [r[0] for r in store.read("bodies")]
    meetings = [r[0] for r in store.read("meetings")]
    resolutions = [r[0] for r in store.read("resolutions")]
    people = [r[1] for r in store.read("meeting_attendance", id=meetings[0])][:3]
    body, meeting = bodies[0], meetings[len(meetings) // 2]
    some = resolutions[::7][:40]
    year_start, year_end = dt.date(today.year - 1, 3, 21), dt.date(today.year, 3, 20)
    per_meeting = [{"id": m} for m in meetings[:6]] + [{"id": 10_000}]
    scoped: list[dict[str, Any]] = [{}]
    return {
        "bodies": [{}],
        "body_name": [{"id": body}, {"id": 10_000}],
        "body_emblem": [{"id": body}],
        "meetings": [{}],
        "meetings_of_body": [{"body_id": b} for b in bodies[:3]],
        "meeting_exists": [{"id": meeting}, {"id": 10_000}],
        "resolutions": [{}],
        "resolutions_of_body": [{"body_id": body}],
        "resolutions_of_meeting": [{"meeting_id": meeting}],
        "unit_names": [{}],
        "units": [{}],
        "body_names": [{}],
        "attention_counts": [{"today": today + dt.timedelta(days=d), "last_day": today + dt.timedelta(days=d + 7)}
                             for d in (-400, -30, 0, 30)],
        "carry_over_count": [{"body_id": b, "until": today, "exclude": -1} for b in bodies[:3]]
        + [{"body_id": body, "until": today, "exclude": meeting}],
        "tracker_meetings": [{}],
        "unnormalised_texts": [{}],
        "texts_of_ids": [{"ids": some}, {"ids": []}],
        "meeting_version": [{"id": 1}],
        "meeting_status": [{"id": 1}, {"id": 10**6}],
        **{f"tracker_{q}_{s}": p for q in ("light", "details", "collaborators", "collaborator_ids", "extensions",
                                           "reports")
           for s, p in (("all", scoped), ("body", [{"body_id": body}]), ("ids", [{"ids": some}, {"ids": []}]))},
        "stats_meetings": [{"start": year_start, "end": year_end}],
        "stats_meetings_of_bodies": [{"start": year_start, "end": year_end, "body_ids": bodies[:2]}],
        "stats_resolutions": [{"start": year_start, "end": year_end}],
        "stats_resolutions_of_bodies": [{"start": year_start, "end": year_end, "body_ids": bodies[:2]}],
        "meeting": per_meeting,
        "meeting_agenda": per_meeting,
        "meeting_attendance": per_meeting,
        "meeting_discussion": per_meeting,
        "meeting_resolutions": per_meeting,
        "meeting_collaborators": per_meeting,
        "original_deadlines": per_meeting,
        "people_named": [{"ids": people}, {"ids": []}],
        "meeting_final_state": per_meeting,
        "meeting_amendments": per_meeting,
        "meeting_revision": [{"id": m, "revision": 1} for m in meetings[:6]] + [{"id": meeting, "revision": 9}],
        "meeting_letter": per_meeting,
        "meeting_reports": [{"id": meeting, "date": today, "label": "جلسهٔ ۲ کمیته"}]
        + [{"id": m, "date": dt.date.fromisoformat(str(d)[:10]), "label": label} for m, d, label in store.fetch_all(
            "SELECT m.id, m.date, f.reporter FROM meetings m JOIN follow_ups f ON f.date = m.date LIMIT 5")],
        **_package_samples(bodies, meetings, resolutions, people, year_start, year_end),
    }


def _package_samples(bodies: list[int], meetings: list[int], resolutions: list[int], people: list[int],
                     start: dt.date, end: dt.date) -> dict[str, list[dict[str, Any]]]:
    of_meetings = [{"meeting_ids": meetings[:12]}, {"meeting_ids": []}]
    return {
        "package_bodies": [{}],
        "package_meetings": [{"body_ids": bodies[:3], "end": end}, {"body_ids": [], "end": end}],
        "package_history": [{"meeting_ids": meetings, "start": start, "end": end}],
        **{f"package_{q}": of_meetings for q in ("agenda", "attendance", "discussion", "resolutions",
                                                  "collaborators", "follow_ups", "extensions", "amendments",
                                                  "revisions")},
        "package_people": [{"ids": people}, {"ids": []}],
        "resolution_uuids": [{"ids": resolutions[:20]}, {"ids": []}],
    }


def read_everything(store: Store, today: dt.date, params: dict[str, list[dict[str, Any]]]) -> dict[str, list[Any]]:
    """Every query's rows for every sample, each sample's rows sorted (queries may order ties freely)."""
    return {name: [sorted(store.read(name, **p), key=repr) for p in sets] for name, sets in params.items()}
