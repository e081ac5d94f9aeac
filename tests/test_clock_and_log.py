"""The injected clock and the log file: no test reads the real date or writes the user's log."""

from __future__ import annotations

import datetime as dt
import logging
import logging.handlers
from pathlib import Path

import pytest

from app.clock import IRAN, FixedClock, SystemClock, next_midnight, until_next_midnight
from app.errors import UserError
from app.log import BACKUPS, MAX_BYTES, log, log_dir, log_failure, log_file, setup_logging
from app.persian.jalali import parse_jalali


def test_a_fixed_clock_moves_only_when_told() -> None:
    clock = FixedClock(dt.date(2024, 11, 23))
    assert clock.today() == dt.date(2024, 11, 23) and clock.now() == dt.datetime(2024, 11, 23, 12, tzinfo=IRAN)
    clock.set(dt.datetime(2024, 11, 23, 23, 59, 30, tzinfo=IRAN))
    assert until_next_midnight(clock) == dt.timedelta(seconds=30)
    clock.advance(dt.timedelta(seconds=31))
    assert clock.today() == dt.date(2024, 11, 24)
    assert next_midnight(clock.now()) == dt.datetime(2024, 11, 25, tzinfo=IRAN)
    with pytest.raises(ValueError, match="aware"):
        FixedClock(dt.datetime(2024, 11, 23, 10, 0))


def test_the_system_clock_is_aware_and_agrees_with_itself() -> None:
    clock = SystemClock()
    now = clock.now()
    assert now.tzinfo is not None and now.utcoffset() is not None
    assert clock.today() in {now.date(), now.date() + dt.timedelta(days=1)}  # a run across midnight


def test_a_two_digit_year_needs_today() -> None:
    assert parse_jalali("03/09/30", today=dt.date(2024, 11, 23)) == parse_jalali("1403/09/30")
    with pytest.raises(UserError) as err:
        parse_jalali("03/09/30")
    assert err.value.code == "date_year_short" and "چهاررقمی" in err.value.message


@pytest.fixture
def log_in(tmp_path: Path):  # type: ignore[no-untyped-def]
    before = list(log.handlers), log.level, log.propagate
    yield setup_logging(tmp_path / "logs")
    for h in list(log.handlers):
        if h not in before[0]:
            log.removeHandler(h)
            h.close()
    log.setLevel(before[1])
    log.propagate = before[2]


def test_a_failure_goes_to_the_log_with_its_traceback(log_in: Path) -> None:
    assert log_file() == log_in and log_in.name == "dabir.log"

    def deep() -> None:
        raise ZeroDivisionError("نسبت بر صفر")

    with pytest.raises(ZeroDivisionError) as caught:
        deep()
    assert log_failure(caught.value, "ساختن آمار") == log_in
    text = log_in.read_text(encoding="utf-8")
    assert "ERROR dabir" in text and "ساختن آمار failed: ZeroDivisionError: نسبت بر صفر" in text
    assert "Traceback (most recent call last)" in text and "in deep" in text


def test_the_log_rotates_and_a_second_set_up_moves_it(log_in: Path, tmp_path: Path) -> None:
    (handler,) = [h for h in log.handlers if getattr(h, "baseFilename", None) == str(log_in)]
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    assert handler.maxBytes == MAX_BYTES and handler.backupCount == BACKUPS
    moved = setup_logging(tmp_path / "elsewhere")
    assert log_file() == moved and [h for h in log.handlers if getattr(h, "baseFilename", "") == str(log_in)] == []
    log.info("یک پیام")
    for h in log.handlers:
        h.flush()
    assert "یک پیام" in moved.read_text(encoding="utf-8")


def test_the_log_folder_is_per_user_unless_told(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DABIR_LOG_DIR", str(tmp_path))
    assert log_dir() == tmp_path
    monkeypatch.delenv("DABIR_LOG_DIR")
    assert "Dabir" in str(log_dir())


def test_a_failure_before_the_set_up_sets_the_log_up_itself(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    before = list(log.handlers)
    for h in before:
        log.removeHandler(h)
    monkeypatch.setenv("DABIR_LOG_DIR", str(tmp_path))
    try:
        assert log_file() is None
        path = log_failure(RuntimeError("پیش از برپایی"), "آغاز برنامه")
        assert path == tmp_path / "dabir.log" and "RuntimeError: پیش از برپایی" in path.read_text(encoding="utf-8")
    finally:
        for h in list(log.handlers):
            log.removeHandler(h)
            h.close()
        for h in before:
            log.addHandler(h)


def test_a_command_that_fails_unexpectedly_writes_the_log_and_says_where(
        log_in: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from app import cli
    from app.services import stats

    db = tmp_path / "s.db"
    assert cli.main(["--db", str(db), "demo"], today=dt.date(2025, 11, 22)) == 0

    def broken(*_args: object, **_kwargs: object) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(stats, "body_stats", broken)
    capsys.readouterr()
    assert cli.main(["--db", str(db), "stats"], today=dt.date(2025, 11, 22)) == 3
    err = capsys.readouterr().err
    assert "خطای پیش‌بینی‌نشده" in err and str(log_in) in err and "Traceback" not in err
    logged = log_in.read_text(encoding="utf-8")
    assert "dabir stats failed: KeyError" in logged and "in broken" in logged


def test_commands_take_today_and_now_from_the_clock(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The figures of `dabir stats` count overdue on the clock's day, not the computer's."""
    import json

    from app import cli

    db = tmp_path / "s.db"
    assert cli.main(["--db", str(db), "demo"], today=dt.date(2025, 11, 22)) == 0
    counts = []
    for day in (dt.date(2020, 1, 1), dt.date(2030, 1, 1)):
        capsys.readouterr()
        assert cli.main(["--db", str(db), "stats", "--year", "1404", "--json"], clock=FixedClock(day)) == 0
        counts.append(sum(f["overdue"] for f in json.loads(capsys.readouterr().out)))
    assert counts[0] < counts[1]
