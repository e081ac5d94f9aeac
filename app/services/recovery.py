"""Recovery files (پروندهٔ بازیابی): the editor's content kept outside the store when the store
cannot take it.

A draft is normally kept in the store itself (:func:`app.services.meetings.save_draft`). When
the store cannot be written (read-only, locked by another program, a full disk) that fails
too, and the edits would live only in the window. They are then written here, in the
per-user data folder, one small JSON file per meeting, readable by the user only, through
:func:`app.files.write_atomic` (whole or not at all). At the next start the files that belong
to the store being opened are taken back into it as ordinary drafts (offered when their
meeting is opened) and removed; the others wait for their own store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.files import write_atomic
from app.log import log
from app.paths import data_dir, private_folder
from app.services.draft_payload import DraftUnreadable, read_draft
from app.services.meeting_data import MeetingData

if TYPE_CHECKING:
    from app.services.changes import Changes
    from app.store.db import Store

__all__ = ["Recovered", "keep", "pending", "recovery_dir", "take_back"]

_MAX_FILE = 8 * 1024 * 1024  # a meeting's JSON is a few hundred KiB at most


def recovery_dir() -> Path:
    """``<data folder>/recovery``, private to the user (made on demand)."""
    return private_folder(data_dir() / "recovery")


def _store_key(store_path: Path | None) -> str:
    return os.path.abspath(store_path) if store_path is not None else ""


def keep(store_path: Path | None, data: MeetingData, *, now: dt.datetime, folder: Path | None = None) -> Path:
    """Write ``data`` to its recovery file (one per meeting of this store; a later call replaces
    it) and return the file's path. Raises UserError when even that cannot be written."""
    folder = folder if folder is not None else recovery_dir()
    who = f"meeting-{data.id}" if data.id is not None else f"new-{data.body_id}"
    # Stores with the same meeting ids stay apart: the name carries a digest of the store's path.
    digest = hashlib.sha256(_store_key(store_path).encode("utf-8")).hexdigest()[:8]
    target = folder / f"{who}-{digest}.json"
    record = {"format": "dabir-recovery", "version": 1, "store": _store_key(store_path),
              "saved_at": now.isoformat(timespec="seconds"), "meeting": json.loads(data.to_json())}
    write_atomic(target, json.dumps(record, ensure_ascii=False).encode("utf-8"), private=True)
    return target


@dataclass(frozen=True)
class Recovered:
    path: Path
    data: MeetingData
    saved_at: dt.datetime


def pending(store_path: Path | None, *, folder: Path | None = None) -> list[Recovered]:
    """The recovery files of the store at ``store_path``, oldest first. A file that cannot be
    read is left where it is, with a line in the log."""
    folder = folder if folder is not None else recovery_dir()
    if not folder.is_dir():
        return []
    found = []
    key = _store_key(store_path)
    for path in sorted(folder.glob("*.json")):
        if not re.fullmatch(r"(meeting-\d+|new-\d+)-[0-9a-f]{8}\.json", path.name):
            continue
        try:
            raw = path.read_bytes()
            if len(raw) > _MAX_FILE:
                raise DraftUnreadable("too large")
            record = json.loads(raw)
            if not isinstance(record, dict) or record.get("format") != "dabir-recovery":
                raise DraftUnreadable("not a recovery file")
            if record.get("store") != key:
                continue
            data = read_draft(json.dumps(record.get("meeting")))
            saved_at = dt.datetime.fromisoformat(str(record.get("saved_at")))
        except (OSError, ValueError, DraftUnreadable) as exc:  # JSONDecodeError is a ValueError
            log.warning("recovery file %s cannot be read and is left in place: %s", path, exc)
            continue
        found.append(Recovered(path, data, saved_at))
    return sorted(found, key=lambda r: r.saved_at)


def take_back(store: Store, recovered: Recovered) -> Changes:
    """Put a recovery file's content into the store as the meeting's draft, then remove the
    file (only once the draft is written: a failure leaves the file for the next start)."""
    from app.services.meetings import save_draft

    changes = save_draft(store, recovered.data, now=recovered.saved_at)
    recovered.path.unlink(missing_ok=True)
    return changes
