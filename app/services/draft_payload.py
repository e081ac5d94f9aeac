"""Reading an autosaved draft back (پیش‌نویس خودکار) without trusting it.

A draft's payload was written by this program, but perhaps by another version of it, or
damaged since: text that is not JSON, a key this version does not know, a number where text
belongs. What can be read is offered; what cannot is skipped (and kept in the store, so a
later version may read it), with a line in the log, never a traceback at start.
"""

from __future__ import annotations

import dataclasses
import json
import types
from typing import Any, Union, get_args, get_origin, get_type_hints

from app.log import log
from app.services.meeting_data import MeetingData

__all__ = ["DraftUnreadable", "read_draft"]


class DraftUnreadable(ValueError):
    """The payload is not a meeting this version can read (not JSON, or a value of the wrong kind)."""


def read_draft(payload: str) -> MeetingData:
    """The meeting of a draft's ``payload``; keys this version does not know are dropped
    (and logged). Raises :class:`DraftUnreadable` when it cannot be read at all."""
    try:
        value = json.loads(payload)
    except (TypeError, ValueError) as exc:  # JSONDecodeError is a ValueError
        raise DraftUnreadable(f"not JSON: {exc}") from exc
    dropped: list[str] = []
    meeting = _build(MeetingData, value, "", dropped)
    if dropped:
        log.warning("draft of meeting %s: keys this version does not know were dropped: %s",
                    meeting.id, ", ".join(dropped))
    return meeting


def _build(cls: type, value: Any, where: str, dropped: list[str]) -> Any:
    if not isinstance(value, dict):
        raise DraftUnreadable(f"{where or 'the draft'} is not an object")
    hints = get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    kwargs = {}
    for key, item in value.items():
        if key not in known:
            dropped.append(f"{where}{key}")
            continue
        kwargs[key] = _check(hints[key], item, f"{where}{key}", dropped)
    try:
        return cls(**kwargs)
    except TypeError as exc:  # a required field (body_id) is missing
        raise DraftUnreadable(f"{where or 'the draft'}: {exc}") from exc


def _check(hint: Any, value: Any, where: str, dropped: list[str]) -> Any:
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        for option in get_args(hint):
            try:
                return _check(option, value, where, dropped)
            except DraftUnreadable:
                continue
        raise DraftUnreadable(f"{where}: {value!r} is of the wrong kind")
    if origin is list:
        if not isinstance(value, list):
            raise DraftUnreadable(f"{where} is not a list")
        (inner,) = get_args(hint)
        return [_check(inner, v, f"{where}[{i}].", dropped) for i, v in enumerate(value)]
    if dataclasses.is_dataclass(hint):
        return _build(hint, value, where, dropped)  # type: ignore[arg-type]
    if hint is type(None):
        if value is None:
            return None
    elif hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif hint in (str, bool) and isinstance(value, hint):
        return value
    raise DraftUnreadable(f"{where.rstrip('.')}: {value!r} is of the wrong kind")
