"""Recovery files: edits the store could not take are kept outside it and taken back later."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from app.clock import IRAN
from app.services import bodies, meetings, recovery
from app.services.meeting_data import AgendaData
from app.store.db import Store

NOW = dt.datetime(2024, 11, 23, 10, 42, tzinfo=IRAN)
TODAY = NOW.date()


def _edited(store: Store):  # type: ignore[no-untyped-def]
    council = bodies.save_body(store, "شورای راهبری توسعه مدیریت استان", "council").id
    data = meetings.new_meeting(store, council, today=TODAY)
    mid = meetings.save_meeting(store, data, today=TODAY).meeting_id
    data = meetings.load_meeting(store, mid)
    data.agenda.append(AgendaData("بند تازه‌ای که هنوز ذخیره نشده است"))
    return data


def test_kept_then_taken_back_as_the_meetings_draft(file_store: Store, tmp_path: Path) -> None:
    data = _edited(file_store)
    folder = tmp_path / "recovery"
    folder.mkdir()
    path = recovery.keep(file_store.path, data, now=NOW, folder=folder)
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = recovery.keep(file_store.path, data, now=NOW + dt.timedelta(minutes=1), folder=folder)
    assert again == path  # one file per meeting: the latest content replaces the earlier

    found = recovery.pending(file_store.path, folder=folder)
    assert [r.data.agenda[-1].text for r in found] == ["بند تازه‌ای که هنوز ذخیره نشده است"]
    assert recovery.pending(tmp_path / "another.db", folder=folder) == []  # another store's stay

    recovery.take_back(file_store, found[0])
    assert not path.exists()
    draft = meetings.find_draft(file_store, data.id, data.body_id)
    assert draft is not None and draft.data.agenda[-1].text == "بند تازه‌ای که هنوز ذخیره نشده است"


@pytest.mark.parametrize("content", [b"not json", b'{"format": "other"}', b'{"format": "dabir-recovery", '
                                     b'"store": "", "meeting": {"body_id": "x"}, "saved_at": "2024"}'])
def test_a_file_that_cannot_be_read_is_left_alone(tmp_path: Path, content: bytes) -> None:
    folder = tmp_path / "recovery"
    folder.mkdir()
    bad = folder / "meeting-1-0123abcd.json"
    bad.write_bytes(content)
    assert recovery.pending(None, folder=folder) == []
    assert bad.read_bytes() == content
