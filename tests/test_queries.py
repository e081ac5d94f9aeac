"""The read layer: compiled texts equal the Core statements, both paths give the same
typed rows, and the SQL forms of the lifecycle rules equal their Python forms."""

from __future__ import annotations

import datetime as dt
from itertools import product
from pathlib import Path

import pytest
from sqlalchemy import bindparam, insert, select

from app.demo.fill import fill_demo
from app.services.lifecycle import STATUSES, due_soon, is_overdue, original_deadline
from app.store import queries
from app.store.db import Store, open_store
from app.store.models import Body, DeadlineExtension, Meeting, Resolution
from tests.conftest import TODAY
from tests.read_samples import read_everything, samples


def test_the_committed_sqlite_texts_are_the_compiled_statements() -> None:
    generated = Path(queries.__file__).with_name("queries_sqlite.py").read_text(encoding="utf-8")
    assert generated == queries.render_sqlite_module(), "run: python -m app.store.queries"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = open_store(path)
    fill_demo(store, today=TODAY)
    store.close()
    return path


def test_every_query_has_a_sample() -> None:
    store = open_store_for_samples()
    try:
        assert set(samples(store, TODAY)) == set(queries.QUERIES)
    finally:
        store.close()


def open_store_for_samples() -> Store:
    from app.store.db import open_memory_store

    store = open_memory_store()
    fill_demo(store, today=TODAY)
    return store


def test_the_plain_sqlite3_path_and_the_engine_give_the_same_typed_rows(demo_file: Path) -> None:
    store = open_store(demo_file, create=False)
    try:
        assert store._engine is None
        params = samples(store, TODAY)
        plain = read_everything(store, TODAY, params)
        assert store._engine is None
        store.warm_up()
        assert read_everything(store, TODAY, params) == plain
    finally:
        store.close()
    meeting = plain["meeting"][0][0]
    assert isinstance(meeting[4], dt.date) and isinstance(meeting[5], dt.time | None)
    # The tracker's light rows carry the deadline as ISO text (made a date when a column needs it).
    assert all(r[3] is None or dt.date.fromisoformat(r[3]) for r in plain["tracker_light_all"][0])
    assert all(isinstance(r[5], bool) for r in plain["tracker_details_all"][0])
    assert all(type(r[7]) is str for r in plain["meetings"][0])  # the status as stored, not an enum
    assert plain["tracker_light_ids"][1] == []  # an empty id list matches nothing


def _rule_store(store: Store) -> dict[int, tuple[dt.date | None, str, dt.date | None, bool]]:
    """One resolution per status × deadline around TODAY; some extended (with and without
    an original deadline). Returns id → (deadline, status, first old deadline, extended)."""
    offsets = (None, -8, -1, 0, 1, 6, 7, 8)
    out: dict[int, tuple[dt.date | None, str, dt.date | None, bool]] = {}
    with store.engine.begin() as conn:
        conn.execute(insert(Body), [{"id": 1, "uuid": "b", "name": "شورا", "kind": "council", "meetings_per_year": 4,
                                     "position": 0}])
        conn.execute(insert(Meeting), [{"id": 1, "uuid": "m", "body_id": 1, "year": 1403, "number": 1,
                                        "date": TODAY - dt.timedelta(days=60), "place": "", "status": "final"}])
        for rid, (status, offset, extended) in enumerate(product(STATUSES, offsets, (0, 1, 2)), start=1):
            deadline = None if offset is None else TODAY + dt.timedelta(days=offset)
            conn.execute(insert(Resolution), [{"id": rid, "uuid": f"r{rid}", "meeting_id": 1, "number": rid,
                                               "text": "متن", "text_norm": "متن", "deadline": deadline,
                                               "standing": status == "standing", "status": status}])
            first_old = None
            for k in range(extended):  # with two extensions, the first has none: the meeting set no deadline
                old = None if extended == 2 and k == 0 else TODAY - dt.timedelta(days=30 + k)
                first_old = old if k == 0 else first_old
                conn.execute(insert(DeadlineExtension), [{
                    "uuid": f"e{rid}-{k}", "resolution_id": rid, "date": TODAY - dt.timedelta(days=20 - k),
                    "old_deadline": old, "new_deadline": TODAY + dt.timedelta(days=k), "reason": "درخواست",
                    "granted_by": ""}])
            out[rid] = (deadline, status, first_old, extended > 0)
    return out


def test_the_sql_rules_are_the_lifecycle_rules(store: Store) -> None:
    made = _rule_store(store)
    today, last_day = bindparam("today"), bindparam("last_day")
    r = queries.resolutions
    stmt = select(r.id, queries.overdue(today), queries.due_soon(today, last_day), queries.original_deadline())
    with store.engine.connect() as conn:
        rows = conn.execute(stmt, {"today": TODAY, "last_day": TODAY + dt.timedelta(days=7)}).all()
    assert len(rows) == len(made) == len(STATUSES) * 8 * 3
    for rid, late, soon, original in rows:
        deadline, status, first_old, extended = made[rid]
        assert bool(late) == is_overdue(deadline, status, TODAY), (status, deadline)
        assert bool(soon) == due_soon(deadline, status, TODAY, days=7), (status, deadline)
        assert original == original_deadline(deadline, first_old, extended), (rid, extended)
    counts = store.read("attention_counts", today=TODAY, last_day=TODAY + dt.timedelta(days=7))
    assert counts == [(sum(due_soon(d, s, TODAY) for d, s, _, _ in made.values()),
                       sum(is_overdue(d, s, TODAY) for d, s, _, _ in made.values()))]
    assert counts[0][0] > 0 and counts[0][1] > 0
