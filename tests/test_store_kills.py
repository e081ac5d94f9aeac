"""Kill tests: SIGKILL during the start-up upgrade and during saves never breaks a store.

The children are forks of the test process (everything is imported already, so a child
starts in a millisecond and the kills land inside the work, not inside Python's start).
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from app.store.db import SCHEMA_REVISION, open_store
from tests.fixtures.make_store_0001 import store_0001

FIXTURE = store_0001()  # a real store at revision 0001, built once per test process
TABLES = ("bodies", "units", "people", "meetings", "agenda_items", "resolutions", "follow_ups")

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(os, "fork"), reason="the kill tests fork (POSIX)")]


def _contents(path: Path) -> tuple[str | None, dict[str, int], list[tuple[int, str]]]:
    """Revision, row counts and the resolutions' texts, read with plain sqlite3 (no upgrade)."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rev = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        texts = conn.execute("SELECT id, text FROM resolutions ORDER BY id").fetchall()
    finally:
        conn.close()
    return (rev[0] if rev else None), counts, texts


def _fork(work) -> int:  # type: ignore[no-untyped-def]
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        code = 0
        try:
            work()
        except BaseException:
            code = 3
        os._exit(code)
    return pid


def _kill(pid: int, after: float) -> int | None:
    """SIGKILL ``pid`` after ``after`` seconds (unless it ended); its exit code, None when killed."""
    time.sleep(after)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    return os.WEXITSTATUS(status) if os.WIFEXITED(status) else None


def test_fifty_kills_during_the_upgrade_leave_the_old_store_or_the_new_one(tmp_path: Path) -> None:
    old_rev, old_counts, old_texts = _contents(FIXTURE)
    assert old_rev == "0001" and old_counts["resolutions"] == 120
    # One upgrade not killed: how long it takes (backup, then migrations), and that it works.
    warm, first = tmp_path / "warm.db", tmp_path / "first.db"
    shutil.copy(FIXTURE, warm)
    open_store(warm).close()  # imports Alembic and the migrations here, once, not in every child
    shutil.copy(FIXTURE, first)
    started = time.perf_counter()
    pid = _fork(lambda: open_store(first).close())
    _, status = os.waitpid(pid, 0)
    duration = time.perf_counter() - started
    assert os.WEXITSTATUS(status) == 0 and _contents(first)[0] == SCHEMA_REVISION

    rng = random.Random(13)
    seen = {"0001": 0, SCHEMA_REVISION: 0}
    for i in range(50):
        path = tmp_path / f"s{i}.db"
        shutil.copy(FIXTURE, path)
        _kill(_fork(lambda p=path: open_store(p).close()), rng.uniform(0, duration * 1.2))
        rev, counts, texts = _contents(path)
        assert rev in seen, f"kill {i} left revision {rev}"
        seen[rev] += 1
        assert counts == old_counts and texts == old_texts, f"kill {i}: data changed"
        for copy in (path.parent / f"{path.name}.backups").glob("*.db"):  # a backup there is whole
            assert _contents(copy)[1:] == (old_counts, old_texts)
        store = open_store(path)  # and it opens: upgraded now if the kill came first
        store.close()
        assert _contents(path) == (SCHEMA_REVISION, old_counts, old_texts)
    assert seen["0001"] and seen[SCHEMA_REVISION], seen  # the kills fell both before and after the commit


def test_two_hundred_kills_while_saving_lose_no_acknowledged_edit(tmp_path: Path) -> None:
    from app.services.bodies import save_body

    path = tmp_path / "d.db"
    store = open_store(path)
    save_body(store, "کارگروه نخست", "working_group")  # the ORM configured here, once
    store.close()
    rng = random.Random(7)
    acknowledged: list[str] = []
    counter = 0
    for i in range(200):
        read, write = os.pipe()

        def work(start: int = counter, w: int = write) -> None:
            store = open_store(path)
            for n in range(start, start + 10_000):
                save_body(store, f"کارگروه {n}", "working_group")
                os.write(w, f"{n}\n".encode())  # the ack: written once the save returned

        pid = _fork(work)
        os.close(write)
        _kill(pid, rng.uniform(0.0, 0.2))
        with os.fdopen(read) as f:
            acks = f.read().split()
        acknowledged += [f"کارگروه {n}" for n in acks]
        counter += len(acks) + 1  # the unacknowledged one in flight may or may not be there
        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)], f"kill {i}"
            names = {r[0] for r in conn.execute("SELECT name FROM bodies")}
        finally:
            conn.close()
        missing = [n for n in acknowledged if n not in names]
        assert not missing, f"kill {i} lost acknowledged saves: {missing[:3]}"
    assert len(acknowledged) > 200  # the kills fell in the middle of saving, not before it
