"""Each body's figures, on a small store whose answers are counted by hand below.

The store (today = 1402/11/15, in winter: the winter quarter has not ended yet)::

    council «شورا» (4 a year: one meeting each quarter)
      M0 1401/12/20  z  not started, due 1402/01/10        (last year: never counted in 1402)
      M1 1402/02/10  a  done on 1402/03/10 (31 days)        unit الف
                     b  partly done, due 1402/04/31 → overdue (partly done is still open)   unit الف
                     c  cancelled                           unit ب
                     d  in progress, due 1402/06/31 → overdue   unit ب
      (no meeting in summer 1402: the quarterly obligation is missed)
      M2 1402/08/05  e  done on 1402/08/25 (20 days)        unit الف
                     f  standing                            unit ب
                     g  not started, due 1402/12/01 (not yet overdue)   no unit
                     h  superseded by i                     no unit
      M3 1402/09/20  i  not started, due 1402/10/01 → overdue   unit الف
                     j  not feasible                        unit ب
    committee «کمیته» under the council (2 a year: one each half-year)
      K1 1402/05/01  k  done on 1402/05/11 (10 days)        unit الف
    working group «کارگروه» (12 a year: monthly), no meetings at all
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.errors import UserError
from app.persian.jalali import from_jalali
from app.services import bodies
from app.services.followup import add_follow_up
from app.services.meeting_data import ResolutionData
from app.services.stats import Figures, body_stats, format_rate, period, stats_by_quarter
from app.store.db import Store, open_store
from tests.builders import resolutions_made


def j(y: int, m: int, d: int) -> dt.date:
    return from_jalali(y, m, d)


TODAY = j(1402, 11, 15)
U1, U2 = "اداره الف", "اداره ب"


def _report(store: Store, rid: int, status: str, date: dt.date, **kw: object) -> None:
    add_follow_up(store, rid, date=date, reporter="دبیرخانه", text="گزارش واحد رسید.",
                  progress=kw.pop("progress", None), status_after=status, today=TODAY, **kw)  # type: ignore[arg-type]


def build(store: Store) -> dict[str, int]:
    council = bodies.save_body(store, "شورا", "council", meetings_per_year=4).id
    committee = bodies.save_body(store, "کمیته", "committee", council, meetings_per_year=2).id
    group = bodies.save_body(store, "کارگروه", "working_group", meetings_per_year=12).id
    R = ResolutionData
    resolutions_made(store, council, j(1401, 12, 20), [R("z", U1, deadline="1402/01/10")])
    a, b, c, d = resolutions_made(store, council, j(1402, 2, 10), [
        R("a", U1, deadline="1402/03/31"), R("b", U1, deadline="1402/04/31"), R("c", U2),
        R("d", U2, deadline="1402/06/31")])
    e, _f, _g, h = resolutions_made(store, council, j(1402, 8, 5), [
        R("e", U1, deadline="1402/09/30"), R("f", U2, standing=True), R("g", "", deadline="1402/12/01"),
        R("h", "")])
    i, jj = resolutions_made(store, council, j(1402, 9, 20), [R("i", U1, deadline="1402/10/01"), R("j", U2)])
    (k,) = resolutions_made(store, committee, j(1402, 5, 1), [R("k", U1, deadline="1402/06/01")])
    _report(store, a, "done", j(1402, 3, 10))
    _report(store, b, "partly_done", j(1402, 4, 1), progress=50)
    _report(store, c, "cancelled", j(1402, 3, 1))
    _report(store, d, "in_progress", j(1402, 4, 1), progress=20)
    _report(store, e, "in_progress", j(1402, 8, 15), progress=50)
    _report(store, e, "done", j(1402, 8, 25))
    _report(store, h, "superseded", j(1402, 9, 20), superseded_by=i)
    _report(store, jj, "not_feasible", j(1402, 10, 1))
    _report(store, k, "done", j(1402, 5, 11))
    return {"council": council, "committee": committee, "group": group}


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    return build(store)


def test_council_year_counted_by_hand(store: Store, ids: dict[str, int]) -> None:
    (f,) = body_stats(store, today=TODAY, body_id=ids["council"], year=1402)
    # M1, M2, M3 (M0 is 1401); required: one per quarter = 4
    assert (f.meetings_held, f.meetings_required) == (3, 4)
    # summer ended with no meeting; winter is still running, so it is not judged yet
    assert [(w.label, w.held, w.missed) for w in f.windows] == [
        ("بهار ۱۴۰۲", 1, False), ("تابستان ۱۴۰۲", 0, True), ("پاییز ۱۴۰۲", 2, False), ("زمستان ۱۴۰۲", 0, False)]
    assert [w.label for w in f.missed] == ["تابستان ۱۴۰۲"]
    # a–j: 10 made; done a e; partly b; in progress d; not started g i; not feasible j;
    # cancelled c; superseded h; standing f; overdue b (04/31), d (06/31) and i (10/01), not g (12/01)
    # average days to done: (31 + 20) / 2 = 25.5
    assert f.figures == Figures(made=10, done=2, partly_done=1, in_progress=1, not_started=2, not_feasible=1,
                                cancelled=1, superseded=1, standing=1, overdue=3, average_days_to_done=25.5)
    assert f.figures.open == 4  # g i + b + d
    # (2 done + ½ partly) / (10 − 1 cancelled − 1 superseded − 1 standing) = 2.5 / 7
    assert f.figures.implementation_rate == pytest.approx(100 * 2.5 / 7)
    assert f.summary() == ("۳ جلسه، ۱۰ مصوبه، ۲ انجام‌شده، ۴ در دست پیگیری، ۳ معوق، ۱ غیرقابل اجرا، "
                           "۲ لغو یا جایگزین‌شده، ۱ مستمر، درصد تحقق ۳۵٫۷٪؛ جلسهٔ الزامی برگزار نشد: تابستان ۱۴۰۲")


def test_council_units_counted_by_hand(store: Store, ids: dict[str, int]) -> None:
    (f,) = body_stats(store, today=TODAY, body_id=ids["council"], year=1402)
    by_name = {u.name: u.figures for u in f.units}
    assert [u.name for u in f.units] == [U1, U2, "(بدون مسئول اجرا)"]  # most resolutions first, then by name
    # الف: a done, b partly and overdue, e done, i not started and overdue → (2 + ½) / 4; days (31 + 20) / 2
    assert by_name[U1] == Figures(made=4, done=2, partly_done=1, not_started=1, overdue=2, average_days_to_done=25.5)
    assert by_name[U1].implementation_rate == 62.5
    # ب: c cancelled, d in progress and overdue, f standing, j not feasible → 0 / (4 − 1 − 1)
    assert by_name[U2] == Figures(made=4, in_progress=1, not_feasible=1, cancelled=1, standing=1, overdue=1)
    assert by_name[U2].implementation_rate == 0
    # no unit: g not started, h superseded → 0 / 1
    assert by_name["(بدون مسئول اجرا)"] == Figures(made=2, not_started=1, superseded=1)
    assert f.units[2].unit_id is None and f.units[0].unit_uuid and len(f.units[0].unit_uuid) == 36


def test_with_sub_bodies(store: Store, ids: dict[str, int]) -> None:
    (f,) = body_stats(store, today=TODAY, body_id=ids["council"], year=1402, include_sub_bodies=True)
    # council 3 + committee 1 meetings; required 4 quarters + 2 half-years
    assert (f.meetings_held, f.meetings_required) == (4, 6)
    assert [(w.body_name, w.label, w.missed) for w in f.windows[4:]] == [
        ("کمیته", "نیمهٔ اول ۱۴۰۲", False), ("کمیته", "نیمهٔ دوم ۱۴۰۲", False)]  # the second half is running
    # k added: 11 made, 3 done; (3 + ½) / (11 − 3) = 43.75 %; days (31 + 20 + 10) / 3 = 20.3
    assert (f.figures.made, f.figures.done, f.figures.overdue) == (11, 3, 3)  # k is done: no new overdue
    assert f.figures.implementation_rate == pytest.approx(43.75)
    assert f.figures.average_days_to_done == 20.3
    assert f.summary().startswith("۴ جلسه، ۱۱ مصوبه، ۳ انجام‌شده، ۴ در دست پیگیری")
    (own,) = body_stats(store, today=TODAY, body_id=ids["committee"], year=1402)
    assert (own.meetings_held, own.meetings_required, own.figures.made, own.figures.implementation_rate) == (
        1, 2, 1, 100)


def test_missed_names_say_whose_window(store: Store, ids: dict[str, int]) -> None:
    # 1401: the council met only in winter (M0); the committee never met, and both its halves ended
    (own,) = body_stats(store, today=TODAY, body_id=ids["council"], year=1401)
    assert own.missed_names() == ["بهار ۱۴۰۱", "تابستان ۱۴۰۱", "پاییز ۱۴۰۱"]
    (whole,) = body_stats(store, today=TODAY, body_id=ids["council"], year=1401, include_sub_bodies=True)
    assert whole.missed_names() == ["بهار ۱۴۰۱", "تابستان ۱۴۰۱", "پاییز ۱۴۰۱", "نیمهٔ اول ۱۴۰۱ (کمیته)",
                                    "نیمهٔ دوم ۱۴۰۱ (کمیته)"]
    assert whole.summary().endswith("جلسهٔ الزامی برگزار نشد: " + "، ".join(whole.missed_names()))
    (committee,) = body_stats(store, today=TODAY, body_id=ids["committee"], year=1401)
    assert committee.missed_names() == ["نیمهٔ اول ۱۴۰۱", "نیمهٔ دوم ۱۴۰۱"]  # its own: no name needed


def test_quarters(store: Store, ids: dict[str, int]) -> None:
    q1, q2, q3, q4 = stats_by_quarter(store, ids["council"], 1402, today=TODAY)
    # spring: M1 held; a b c d made; a done, b partly, d in progress, b and d overdue, c cancelled
    assert (q1.meetings_held, q1.meetings_required, q1.missed) == (1, 1, [])
    assert (q1.figures.made, q1.figures.done, q1.figures.overdue) == (4, 1, 2)
    assert q1.figures.implementation_rate == 50  # (1 + ½) / (4 − 1)
    assert q1.figures.average_days_to_done == 31
    # summer: nothing held, nothing made; the missed meeting is flagged
    assert (q2.meetings_held, q2.figures.made, q2.figures.implementation_rate) == (0, 0, None)
    assert q2.summary() == "۰ جلسه، ۰ مصوبه، ۰ انجام‌شده، ۰ در دست پیگیری؛ جلسهٔ الزامی برگزار نشد: تابستان ۱۴۰۲"
    # autumn: M2 and M3, e f g h i j
    assert (q3.meetings_held, q3.figures.made, q3.figures.done, q3.figures.standing) == (2, 6, 1, 1)
    assert q4.missed == [] and q4.period.label == "زمستان ۱۴۰۲"


def test_a_monthly_body_is_judged_month_by_month(store: Store, ids: dict[str, int]) -> None:
    (f,) = body_stats(store, today=TODAY, body_id=ids["group"], year=1402, quarter=4)
    # دی ended with no meeting; بهمن runs until its end; اسفند is to come
    assert f.meetings_required == 3
    assert [w.label for w in f.missed] == ["دی ۱۴۰۲"]
    (year,) = body_stats(store, today=TODAY, body_id=ids["group"], year=1402)
    assert year.meetings_required == 12 and len(year.missed) == 10  # فروردین … دی


def test_every_body_by_default_this_year(store: Store, ids: dict[str, int]) -> None:
    figures = body_stats(store, today=TODAY)
    assert [f.body.name for f in figures] == ["شورا", "کمیته", "کارگروه"]  # tree order
    assert all(f.period.year == 1402 and f.period.quarter is None for f in figures)


def test_bad_periods_and_bodies(store: Store, ids: dict[str, int]) -> None:
    for kwargs, code in (({"body_id": 99}, "body_unknown"), ({"quarter": 2}, "quarter_without_year"),
                         ({"year": 1402, "quarter": 5}, "quarter_invalid"), ({"year": 99}, "year_invalid")):
        with pytest.raises(UserError) as err:
            body_stats(store, today=TODAY, **kwargs)  # type: ignore[arg-type]
        assert err.value.code == code


def test_period_and_rate_wording() -> None:
    p = period(1399, 4)
    assert (p.start, p.end, p.label) == (j(1399, 10, 1), j(1399, 12, 30), "زمستان ۱۳۹۹")
    assert period(None, today=j(1400, 1, 1)).label == "سال ۱۴۰۰"
    assert format_rate(100 * 2.5 / 7) == "۳۵٫۷٪" and format_rate(50.0) == "۵۰٪" and format_rate(0) == "۰٪"


# --- the command line ------------------------------------------------------------

def test_stats_command_in_process(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "dabir.db"
    file_store = open_store(db)
    ids = build(file_store)
    file_store.close()
    assert main(["--db", str(db), "stats", "--body", str(ids["council"]), "--year", "1402", "--json"],
                today=TODAY) == 0
    (obj,) = json.loads(capsys.readouterr().out)
    assert obj["summary"].startswith("۳ جلسه، ۱۰ مصوبه، ۲ انجام‌شده، ۴ در دست پیگیری، ۳ معوق")
    assert (obj["overdue"], obj["implementation_rate"], obj["missed"][0]["label"]) == (3, 35.7, "تابستان ۱۴۰۲")
    assert main(["--db", str(db), "stats", "--year", "1402"], today=TODAY) == 0
    out = capsys.readouterr().out
    assert "شورا — سال ۱۴۰۲" in out and "درصد تحقق ۳۵٫۷٪" in out and "اداره الف: ۴ مصوبه" in out


def dabir(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("DABIR_DB", None)
    return subprocess.run([sys.executable, "-m", "ui.launcher", *args], capture_output=True, text=True, env=env,
                          timeout=60)


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    path = tmp_path / "dabir.db"
    s = open_store(path)
    ids = build(s)
    s.close()
    return path, ids


def test_stats_command_json(db: tuple[Path, dict[str, int]]) -> None:
    # Only figures that do not depend on «today» are checked here (the process uses the real date,
    # which is long after 1402); the in-process test above checks the rest on a fixed day.
    path, ids = db
    out = dabir("--db", str(path), "stats", "--year", "1402", "--json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert [(r["id"], r["name"]) for r in rows] == [(ids["council"], "شورا"), (ids["committee"], "کمیته"),
                                                    (ids["group"], "کارگروه")]
    council = rows[0]
    assert len(council["uuid"]) == 36 and council["parent_id"] is None
    assert {k: council[k] for k in ("year", "quarter", "start", "end", "meetings_held", "meetings_required",
                                    "made", "done", "partly_done", "cancelled", "superseded", "standing",
                                    "not_feasible", "average_days_to_done")} == {
        "year": 1402, "quarter": None, "start": "1402/01/01", "end": "1402/12/29", "meetings_held": 3,
        "meetings_required": 4, "made": 10, "done": 2, "partly_done": 1, "cancelled": 1, "superseded": 1,
        "standing": 1, "not_feasible": 1, "average_days_to_done": 25.5}
    assert [u["name"] for u in council["units"]] == [U1, U2, "(بدون مسئول اجرا)"]

    out = dabir("--db", str(path), "stats", "--body", str(ids["council"]), "--year", "1402", "--quarter", "1",
                "--sub-bodies", "--json")
    (q1,) = json.loads(out.stdout)
    assert (q1["quarter"], q1["include_sub_bodies"], q1["made"], q1["meetings_held"]) == (1, True, 4, 1)


@pytest.mark.parametrize(("args", "message"), [
    (["--body", "99", "--year", "1402"], "نهاد با شناسهٔ ۹۹ پیدا نشد"),
    (["--quarter", "2"], "فصل بدون سال"),
    (["--year", "1402", "--quarter", "5"], "فصل ۵ وجود ندارد"),
    (["--year", "1402", "--quarter", "0"], "فصل ۰ وجود ندارد"),
    (["--year", "99"], "سال ۹۹ پذیرفته نیست"),
])
def test_stats_command_refuses_bad_input(db: tuple[Path, dict[str, int]], args: list[str], message: str) -> None:
    path, _ = db
    before = path.read_bytes()
    out = dabir("--db", str(path), "stats", *args)
    assert out.returncode == 2
    assert message in out.stderr and "Traceback" not in out.stderr
    assert path.read_bytes() == before
