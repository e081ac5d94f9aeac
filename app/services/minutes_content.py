"""The content of a meeting's minutes as one canonical value: what finalising seals.

:func:`content_of` reads what the minutes print — number, date, times, place, chair and
secretary, agenda, attendance, discussion, and each resolution's text, units, the
deadline the meeting set and «مستمر» — and nothing that the follow-up history owns (a
resolution's status, its extended deadline), which goes on changing after finalising.
:func:`fingerprint` is the SHA-256 of its canonical JSON (keys sorted, no spaces, UTF-8);
:func:`field_changes` lists what an amendment changed, field by field.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from app.persian.text import to_persian_digits
from app.services.meeting_read import read_meeting
from app.store.db import Store

__all__ = ["canonical_json", "content_of", "field_changes", "field_label", "fingerprint"]


def content_of(store: Store, meeting_id: int) -> dict[str, Any]:
    """The minutes' content of the stored meeting (inside a write, pass ``store.joined(session)``)."""
    m = read_meeting(store, meeting_id)
    agenda_index = {a.id: i for i, a in enumerate(m.agenda)}
    return {
        "number": m.number,
        "date": m.date.isoformat(),
        "start_time": m.start_time.isoformat(timespec="minutes") if m.start_time else None,
        "end_time": m.end_time.isoformat(timespec="minutes") if m.end_time else None,
        "place": m.place,
        "chair": list(m.chair) if m.chair else None,
        "secretary": list(m.secretary) if m.secretary else None,
        "agenda": [a.text for a in m.agenda],
        "attendees": [{"name": a.name, "post": a.post, "organisation": a.organisation, "kind": a.kind,
                       "status": a.status, "deputy_name": a.deputy_name} for a in m.attendees],
        "discussion": [{"speaker": d.speaker, "text": d.text,
                        "agenda": agenda_index.get(d.agenda_item_id) if d.agenda_item_id else None}
                       for d in m.discussion],
        "resolutions": [{"text": r.text, "lead_unit": r.lead_unit, "collaborators": list(r.collaborators),
                         "deadline": r.original_deadline.isoformat() if r.original_deadline else None,
                         "standing": bool(r.standing)} for r in m.resolutions],
    }


def canonical_json(content: dict[str, Any]) -> str:
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def fingerprint(content: dict[str, Any]) -> str:
    """SHA-256 (hex) of the content's canonical JSON."""
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def _flatten(content: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in content.items():
        if isinstance(value, list) and key not in ("chair", "secretary"):
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    for sub, v in item.items():
                        out[f"{key}[{i}].{sub}"] = v
                else:
                    out[f"{key}[{i}]"] = item
        else:
            out[key] = value
    return out


def field_changes(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """Each field that differs, ``{"field", "before", "after"}`` (None where a row was added or removed),
    in the order the minutes print them."""
    old, new = _flatten(before), _flatten(after)
    keys = list(old) + [k for k in new if k not in old]
    order = {k: i for i, k in enumerate(["number", "date", "start_time", "end_time", "place", "chair", "secretary",
                                         "agenda", "attendees", "discussion", "resolutions"])}
    keys.sort(key=lambda k: order.get(k.split("[")[0], 99))
    return [{"field": k, "before": old.get(k), "after": new.get(k)} for k in keys if old.get(k) != new.get(k)]


_TOP = {"number": "شمارهٔ جلسه", "date": "تاریخ", "start_time": "ساعت شروع", "end_time": "ساعت پایان",
        "place": "محل", "chair": "رئیس جلسه", "secretary": "دبیر جلسه"}
_LISTS = {"agenda": "بند {} دستور جلسه", "attendees": "ردیف {} حاضرین", "discussion": "بند {} خلاصه مذاکرات",
          "resolutions": "مصوبهٔ {}"}
_SUBS = {"text": "متن", "lead_unit": "مسئول اجرا", "collaborators": "همکاران", "deadline": "مهلت",
         "standing": "مستمر", "name": "نام", "post": "سمت", "organisation": "دستگاه", "kind": "نوع",
         "status": "وضعیت حضور", "deputy_name": "نماینده", "speaker": "گوینده", "agenda": "بند دستور"}


def field_label(path: str) -> str:
    """A field path in Persian: «resolutions[1].text» → «مصوبهٔ ۲ — متن»."""
    if path in _TOP:
        return _TOP[path]
    head, _, rest = path.partition("[")
    index, _, sub = rest.partition("]")
    if head not in _LISTS or not index.isdigit():
        return path
    label = _LISTS[head].format(to_persian_digits(int(index) + 1))
    sub = sub.lstrip(".")
    return f"{label} — {_SUBS.get(sub, sub)}" if sub else label


def value_text(field: str, value: Any) -> str:
    """A field's value as the amendment list prints it: dates in Jalali, «—» for none."""
    import datetime as dt

    from app.persian.jalali import format_jalali

    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "بله" if value else "خیر"
    if isinstance(value, str) and (field == "date" or field.endswith(".deadline")):
        try:
            return format_jalali(dt.date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, list):
        return "، ".join(value_text(field, v) for v in value)
    if isinstance(value, dict):
        return "، ".join(value_text(k, v) for k, v in value.items() if v not in (None, "", [], False))
    return to_persian_digits(str(value)) if isinstance(value, int) else str(value)


def revision_label(revision: int, amended_on: Any = None) -> str:
    """«ویرایش ۲، اصلاحیهٔ ۱۴۰۵/۰۹/۱۲»; «ویرایش ۱» for the minutes as first finalised."""
    from app.persian.jalali import format_jalali

    text = f"ویرایش {to_persian_digits(max(revision, 1))}"
    return f"{text}، اصلاحیهٔ {format_jalali(amended_on)}" if amended_on is not None and revision > 1 else text
