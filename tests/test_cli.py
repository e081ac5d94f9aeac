"""`dabir` as a user runs it: a real process, real output, real exit codes."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.services import bodies, meetings
from app.services.meeting_data import ResolutionData
from app.store.db import open_store


def dabir(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run([sys.executable, "-m", "ui.launcher", *args], capture_output=True, text=True,
                          env=full_env, timeout=60)


@pytest.fixture
def db(tmp_path: Path, today) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "dabir.db"
    store = open_store(path)
    council = bodies.save_body(store, "شورای راهبری توسعه مدیریت استان", "council")
    bodies.save_body(store, "کمیته آموزش", "committee", council.id)
    data = meetings.new_meeting(store, council.id, today=today)
    data.resolutions = [ResolutionData("گزارش عملکرد سامانه G2C ارسال شود.", "دفتر فناوری اطلاعات",
                                       deadline="1403/10/10")]
    meetings.save_meeting(store, data, today=today)
    store.close()
    return path


def test_list_json_fields(db: Path) -> None:
    out = dabir("--db", str(db), "list", "bodies", "--json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert [(r["name"], r["parent_id"]) for r in rows] == [
        ("شورای راهبری توسعه مدیریت استان", None), ("کمیته آموزش", rows[0]["id"])]
    assert all(len(r["uuid"]) == 36 for r in rows)

    (meeting,) = json.loads(dabir("--db", str(db), "list", "meetings", "--json").stdout)
    assert {k: meeting[k] for k in ("body_id", "number", "date", "status")} == {
        "body_id": rows[0]["id"], "number": 1, "date": "1403/09/03", "status": "draft"}

    (res,) = json.loads(dabir("--db", str(db), "list", "resolutions", "--body", str(rows[0]["id"]),
                              "--json").stdout)
    assert res["meeting_id"] == meeting["id"] and res["number"] == 1
    assert res["text"] == "گزارش عملکرد سامانه G2C ارسال شود."
    assert (res["deadline"], res["status"]) == ("1403/10/10", "not_started")


def test_list_text_is_persian(db: Path) -> None:
    out = dabir("list", "meetings", env={"DABIR_DB": str(db)})
    assert out.returncode == 0
    assert "جلسهٔ ۱" in out.stdout and "۱۴۰۳/۰۹/۰۳" in out.stdout and "پیش‌نویس" in out.stdout


def test_user_errors_exit_2_and_change_nothing(db: Path, tmp_path: Path) -> None:
    before = db.read_bytes()
    out = dabir("--db", str(db), "list", "meetings", "--body", "99")
    assert out.returncode == 2
    assert "نهاد با شناسهٔ ۹۹ پیدا نشد" in out.stderr and "Traceback" not in out.stderr
    assert db.read_bytes() == before

    missing = tmp_path / "nope.db"
    out = dabir("--db", str(missing), "list", "bodies")
    assert out.returncode == 2 and "وجود ندارد" in out.stderr
    assert not missing.exists()

    junk = tmp_path / "junk.db"
    junk.write_text("hello")
    out = dabir("--db", str(junk), "list", "bodies")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert junk.read_text() == "hello"


def test_no_command_without_a_gui_is_a_clear_error(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main([]) == 2
    assert "رابط گرافیکی" in capsys.readouterr().err


def test_no_command_opens_the_gui(tmp_path: Path) -> None:
    seen: list[str | None] = []
    assert main(["--db", str(tmp_path / "x.db")], gui=lambda db: seen.append(db) or 0) == 0
    assert seen == [str(tmp_path / "x.db")]


@pytest.mark.parametrize("what", ["bodies", "meetings", "resolutions"])
def test_list_imports_neither_sqlalchemy_nor_qt(db: Path, what: str) -> None:
    code = ("import sys; from app.cli import main; code = main(['--db', sys.argv[1], 'list', sys.argv[2], '--json']); "
            "print(sorted(m for m in ('sqlalchemy', 'alembic', 'PySide6', 'jdatetime') if m in sys.modules), "
            "file=sys.stderr); sys.exit(code)")
    out = subprocess.run([sys.executable, "-c", code, str(db), what], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)  # the rows were written
    loaded = out.stderr.strip().splitlines()[-1]
    assert "sqlalchemy" not in loaded and "alembic" not in loaded and "PySide6" not in loaded, loaded


def test_list_json_streams_blocks_into_one_array(tmp_path: Path, today) -> None:  # type: ignore[no-untyped-def]
    from tests.builders import held_meeting

    path = tmp_path / "many.db"
    store = open_store(path)
    council = bodies.save_body(store, "شورای استان", "council", None)
    for day in range(3):  # more than one block of 2,000 rows
        held_meeting(store, council.id, today.replace(day=today.day - day),
                     [ResolutionData(f"مصوبهٔ {i}", deadline="") for i in range(800)])
    store.close()
    rows = json.loads(dabir("--db", str(path), "list", "resolutions", "--json").stdout)
    assert len(rows) == 2400 and len({r["id"] for r in rows}) == 2400
    assert rows[0]["deadline"] is None and rows[0]["standing"] is False
    empty = tmp_path / "empty.db"
    open_store(empty).close()
    assert json.loads(dabir("--db", str(empty), "list", "resolutions", "--json").stdout) == []
    assert dabir("--db", str(empty), "list", "bodies").stdout.strip() == "(هیچ موردی نیست)"


def test_the_first_frame_and_the_minutes_of_numbered_minutes_do_without_sqlalchemy(tmp_path: Path) -> None:
    """The ORM costs about 0.2 s to import: the window's first frame must not wait for it, and
    printing minutes that already have their letter number reads them through the sqlite3 path."""
    db = tmp_path / "demo.db"
    assert main(["--db", str(db), "demo"], today=dt.date(2026, 11, 23)) == 0
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "QT_QPA_PLATFORM": "offscreen", "DABIR_STARTUP_PROBE": "1"}
    report = "print(sorted(m for m in ('sqlalchemy', 'app.store.models') if m in sys.modules), file=sys.stderr)"
    gui = subprocess.run([sys.executable, "-c", "import sys; from ui.shell.application import run; code = run(sys.argv[1]); "
                          + report + "; sys.exit(code)", str(db)], capture_output=True, text=True, timeout=60, env=env)
    assert gui.returncode == 0 and "DABIR_SHOWN" in gui.stdout, gui.stderr
    assert gui.stderr.strip().splitlines()[-1] == "[]", gui.stderr  # the idle warm-up comes after the probe quits

    meeting = next(r["id"] for r in json.loads(subprocess.run(
        [sys.executable, "-m", "ui.launcher", "--db", str(db), "list", "meetings", "--json"], capture_output=True,
        text=True, timeout=60, env=env).stdout) if r["status"] != "draft")
    first = tmp_path / "first.pdf"
    assert main(["--db", str(db), "minutes", str(meeting), "-o", str(first)]) == 0  # gives the letter number
    code = ("import sys; from app.cli import main; code = main(['--db', sys.argv[1], 'minutes', sys.argv[2], '-o', "
            "sys.argv[3]]); " + report + "; sys.exit(code)")
    again = subprocess.run([sys.executable, "-c", code, str(db), str(meeting), str(tmp_path / "again.pdf")],
                           capture_output=True, text=True, timeout=60, env=env)
    assert again.returncode == 0, again.stderr
    assert again.stderr.strip().splitlines()[-1] == "[]", again.stderr


def test_the_resolutions_json_written_from_rows_equals_the_listing_dicts(db: Path) -> None:
    """`dabir list resolutions --json` writes each object straight from its row: the same
    values as the listing's dicts, quotes, backslashes and control characters included."""
    from app.services import listing, resolutions
    from app.store.db import open_store

    store = open_store(db, create=False)
    try:
        some = resolutions.resolution_tuples(store)
        assert some
        fast = [json.loads(line) for line in listing.resolution_json(store)]
        assert fast == listing.rows(store, "resolutions")
        tricky = '«"نقل"» \\ C:\\temp\n\t\x01 end'
        row = (1, "u-1", 2, 3, 4, None, 5, tricky, 'واحد "الف"', None, True, "done")
        original = listing.resolution_tuples
        listing.resolution_tuples = lambda *_a, **_k: iter([row])  # type: ignore[assignment]
        try:
            (one,) = list(listing.resolution_json(store))
            (dict_row,) = list(listing._resolution_dicts([row]))
        finally:
            listing.resolution_tuples = original  # type: ignore[assignment]
        assert json.loads(one) == dict_row and json.loads(one)["text"] == tricky
    finally:
        store.close()
