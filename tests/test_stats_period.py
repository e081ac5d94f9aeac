"""Figures over any Jalali period («in the last two years»), on the store of tests/test_stats.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.errors import UserError
from app.services.stats import body_stats, custom_period, requested_period
from app.store.db import Store, open_store
from tests.test_stats import TODAY, build, j


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    return build(store)


def test_a_period_across_two_years_counts_the_windows_it_covers_whole(store: Store, ids: dict[str, int]) -> None:
    span = custom_period(j(1401, 12, 1), j(1402, 6, 31))  # the end of winter 1401, then spring and summer 1402
    council, committee, group = body_stats(store, today=TODAY, span=span)
    assert span.label == "۱۴۰۱/۱۲/۰۱ تا ۱۴۰۲/۰۶/۳۱"
    # M0 (1401/12/20) and M1; winter 1401 began before the period: not judged in it
    assert (council.meetings_held, council.meetings_required) == (2, 2)
    assert [(w.label, w.held, w.missed) for w in council.windows] == [("بهار ۱۴۰۲", 1, False),
                                                                      ("تابستان ۱۴۰۲", 0, True)]
    assert council.figures.made == 5  # z of M0, a–d of M1
    assert [(w.label, w.held) for w in committee.windows] == [("نیمهٔ اول ۱۴۰۲", 1)]
    assert len(group.windows) == 7 and all(w.missed for w in group.windows)  # monthly (اسفند ۱۴۰۱ too), none held
    as_json = council.as_dict()
    assert (as_json["year"], as_json["start"], as_json["end"]) == (None, "1401/12/01", "1402/06/31")


def test_two_whole_years(store: Store, ids: dict[str, int]) -> None:
    (f,) = body_stats(store, today=TODAY, body_id=ids["council"], span=custom_period(j(1401, 1, 1), j(1402, 12, 29)))
    assert (f.meetings_held, f.meetings_required, f.figures.made) == (4, 8, 11)
    # 1401: only winter had a meeting; 1402: summer missed; winter 1402 is still running
    assert [w.label for w in f.missed] == ["بهار ۱۴۰۱", "تابستان ۱۴۰۱", "پاییز ۱۴۰۱", "تابستان ۱۴۰۲"]
    (year,) = body_stats(store, today=TODAY, body_id=ids["council"], year=1402)
    (same,) = body_stats(store, today=TODAY, body_id=ids["council"], span=custom_period(j(1402, 1, 1), j(1402, 12, 29)))
    assert (same.figures, same.windows, same.meetings_held) == (year.figures, year.windows, year.meetings_held)


def test_requested_periods_and_their_refusals() -> None:
    assert requested_period(None, None, "1402/01/01", "1402/06/31", today=TODAY).end == j(1402, 6, 31)
    assert requested_period(None, None, "۱۴۰۲/۰۷/۰۱", None, today=TODAY).end == TODAY  # up to today
    assert requested_period(None, None, None, "1402/03/31", today=TODAY).start == j(1402, 1, 1)
    assert requested_period(1402, 2, None, None, today=TODAY).label == "تابستان ۱۴۰۲"
    for args, code in (((None, None, "1402/06/31", "1402/01/01"), "period_reversed"),
                       ((None, None, "1404/12/30", None), "date_invalid"),
                       ((None, None, "فردا", None), "date_invalid"),
                       ((1402, None, "1402/01/01", None), "period_mixed")):
        with pytest.raises(UserError) as err:
            requested_period(*args, today=TODAY)  # type: ignore[arg-type]
        assert err.value.code == code and not err.value.message.isascii()


def test_stats_command_over_a_period(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "dabir.db"
    s = open_store(db)
    ids = build(s)
    s.close()
    before = db.read_bytes()
    assert main(["--db", str(db), "stats", "--body", str(ids["council"]), "--from", "1401/01/01",
                 "--to", "1402/12/29", "--json"], today=TODAY) == 0
    (obj,) = json.loads(capsys.readouterr().out)
    assert (obj["meetings_held"], obj["meetings_required"], obj["made"]) == (4, 8, 11)
    assert main(["--db", str(db), "stats", "--from", "1395/01/01", "--to", "1396/12/29"], today=TODAY) == 0
    out = capsys.readouterr().out
    assert "شورا — ۱۳۹۵/۰۱/۰۱ تا ۱۳۹۶/۱۲/۲۹" in out and "۰ جلسه، ۰ مصوبه" in out
    for args, words in ((["--from", "1402/06/31", "--to", "1402/01/01"], "پیش از آغاز"),
                        (["--from", "1404/12/30"], "کبیسه"), (["--year", "1402", "--to", "1402/03/01"], "نه هر دو")):
        assert main(["--db", str(db), "stats", *args], today=TODAY) == 2
        assert words in capsys.readouterr().err
    assert db.read_bytes() == before
