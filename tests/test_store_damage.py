"""Damaged and odd stores meet the command line: the right Persian message, exit 2, never a
traceback, and the file's SHA-256 unchanged."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import signal
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.errors import UserError
from app.services import bodies, meetings
from app.services.meeting_data import ResolutionData
from app.store import connection
from app.store.db import open_store
from app.store.integrity import store_failure
from tests.fixtures.make_store_0001 import store_0001

FIXTURE = store_0001()  # a real store at revision 0001, built once per test process
forks = pytest.mark.skipif(not hasattr(os, "fork"), reason="forks (POSIX)")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with 60 resolutions (several b-tree pages), made once; tests copy it."""
    path = tmp_path_factory.mktemp("filled") / "dabir.db"
    store = open_store(path)
    council = bodies.save_body(store, "شورای راهبری توسعه مدیریت", "council")
    for n in range(3):
        data = meetings.new_meeting(store, council.id, today=dt.date(2024, 11, 23))
        data.resolutions = [ResolutionData(f"گزارش پیشرفت طرح شمارهٔ {n * 20 + i} هر ماه ارسال شود. " * 8,
                                           "دفتر فناوری اطلاعات", deadline="1403/10/10") for i in range(20)]
        meetings.save_meeting(store, data, today=dt.date(2024, 11, 23))
    store.close()  # the last connection gone, the WAL is folded into the file: it is all there is
    assert not path.with_name("dabir.db-wal").exists()
    return path


@pytest.fixture
def store_file(filled: Path, tmp_path: Path) -> Path:
    path = tmp_path / "dabir.db"
    shutil.copy(filled, path)
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err


def damage_page(path: Path, table: str) -> None:
    """Overwrite the first page of ``table`` and of each of its indexes (a query may read a
    covering index instead of the table: every way to the rows is damaged)."""
    with sqlite3.connect(path) as conn:
        roots = [r for (r,) in conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE (name=? OR (type='index' AND tbl_name=?)) AND rootpage > 0",
            (table, table))]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as f:
        for root in roots:
            f.seek((root - 1) * size)
            f.write(b"\xde\xad" * (size // 2))


def test_truncated_random_and_text_files(store_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(store_file.read_bytes()[: store_file.stat().st_size // 2])
    noise = tmp_path / "noise.db"
    noise.write_bytes(os.urandom(20_000))
    text = tmp_path / "text.db"
    text.write_text("صورت‌جلسه\n" * 500, encoding="utf-8")
    for path, words in ((truncated, "کوتاه‌تر"), (noise, "دبیر نیست"), (text, "دبیر نیست")):
        before = sha(path)
        for command in (["list", "bodies"], ["stats"], ["demo"]):
            code, err = run(capsys, "--db", str(path), *command)
            assert code == 2 and words in err, (path, command, err)
        assert sha(path) == before


def test_an_empty_file_is_refused_by_the_reading_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    code, err = run(capsys, "--db", str(empty), "list", "bodies")
    assert code == 2 and "خالی" in err and empty.stat().st_size == 0


def test_a_damaged_page_stops_stats_and_the_follow_up_sheet(store_file: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Failure 6: `list` worked, `stats` and `followup-sheet` ended in a traceback."""
    damage_page(store_file, "resolutions")
    before = sha(store_file)
    assert run(capsys, "--db", str(store_file), "list", "bodies")[0] == 0
    for command in (["stats", "--year", "1403"], ["followup-sheet", "-o", str(tmp_path / "sheet.pdf")],
                    ["list", "resolutions"]):
        code, err = run(capsys, "--db", str(store_file), *command)
        assert code == 2 and "خراب" in err and "dabir restore" in err, (command, err)
    assert not (tmp_path / "sheet.pdf").exists()
    assert sha(store_file) == before


def test_the_way_forward_names_the_last_backup(store_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.clock import FixedClock
    from app.store import backup

    made = backup.take(store_file, FixedClock(dt.date(2024, 11, 23)), "daily")
    damage_page(store_file, "resolutions")
    code, err = run(capsys, "--db", str(store_file), "stats", "--year", "1403")
    assert code == 2 and str(made.path) in err


def _as_another_user(*args: str) -> tuple[int, str]:
    """``dabir ARGS`` in a child that has no rights over root's files (when the tests run as
    root, permissions do not bind: the child becomes «nobody»); its exit code and stderr."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 9
        try:
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            import sys

            sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - the child's stdout until it exits
            sys.stderr = os.fdopen(write, "w", encoding="utf-8")
            code = main(list(args))
            sys.stderr.flush()
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read, encoding="utf-8") as f:
        err = f.read()
    return os.WEXITSTATUS(os.waitpid(pid, 0)[1]), err


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder another account can enter (tmp_path's parents are private to the tester)."""
    folder = Path(tempfile.mkdtemp(prefix="dabir-ro-"))
    os.chmod(folder, 0o755)
    yield folder
    os.chmod(folder, 0o755)
    shutil.rmtree(folder)


@forks
@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_store_is_read_and_never_written(what: str, filled: Path, shared_dir: Path) -> None:
    path = shared_dir / "dabir.db"
    shutil.copy(filled, path)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    if what == "file":
        os.chmod(path, 0o444)
    else:
        os.chmod(path, 0o666)  # the file could be written; the folder cannot (no WAL, no journal)
        os.chmod(shared_dir, 0o555)
    before = sha(path)
    assert _as_another_user("--db", str(path), "list", "bodies") == (0, "")  # reading works, read-only
    assert _as_another_user("--db", str(path), "stats")[0] == 0
    code, err = _as_another_user("--db", str(path), "demo", "--reset")
    assert code == 2 and "فقط‌خواندنی" in err and "Traceback" not in err, err
    assert sha(path) == before
    assert sorted(p.name for p in shared_dir.iterdir()) == ["dabir.db"]


@forks
def test_a_store_locked_by_another_process(store_file: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    old = store_file.with_name("old.db")
    shutil.copy(FIXTURE, old)
    ready_r, ready_w = os.pipe()
    holders = []
    for path in (store_file, old):
        pid = os.fork()
        if pid == 0:  # another program, in the middle of a write
            conn = sqlite3.connect(path, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE alembic_version SET version_num = version_num")
            os.write(ready_w, b"1")
            signal.pause()
            os._exit(0)
        holders.append(pid)
    os.read(ready_r, 1)
    os.read(ready_r, 1)
    try:
        before, before_old = sha(store_file), sha(old)
        monkeypatch.setattr(connection, "UPGRADE_WAIT", 0.3)
        code, err = run(capsys, "--db", str(old), "list", "bodies")  # needs an upgrade, which waits for the lock
        assert code == 2 and "برنامهٔ دیگری" in err
        assert run(capsys, "--db", str(store_file), "list", "bodies")[0] == 0  # reading goes on meanwhile
        code, err = run(capsys, "--db", str(store_file), "demo", "--reset")  # writing waits 5 s, then is told
        assert code == 2 and "برنامهٔ دیگری" in err
        assert sha(store_file) == before and sha(old) == before_old
    finally:
        for pid in holders:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    assert run(capsys, "--db", str(old), "list", "bodies")[0] == 0  # once it is gone, the upgrade runs


def test_a_full_disk_is_named(filled: Path, tmp_path: Path) -> None:
    """A real full disk: a 1 MB tmpfs (mounting needs root; elsewhere skipped)."""
    import subprocess

    small = tmp_path / "small"
    small.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(small)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small filesystem here")
    try:
        path = small / "dabir.db"
        shutil.copy(filled, path)
        store = open_store(path)
        def fill() -> None:
            for n in range(5000):
                bodies.save_body(store, f"کارگروه {n} " + "ب" * 250, "working_group")

        with pytest.raises(UserError) as exc:  # Store.session says it (app.store.integrity.write_failure)
            fill()
        mapped = exc.value
        assert mapped.code == "store_disk_full" and "دیسک پر است" in mapped.message
        assert store_failure(mapped.__cause__, path).code == "store_disk_full"  # type: ignore[arg-type,union-attr]
        store.close()
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.close()
    finally:
        subprocess.run(["umount", "-l", str(small)], check=False)


@forks
def test_a_file_size_limit_is_named(store_file: Path) -> None:
    """A write refused by a file-size limit (EFBIG: SQLite says «disk I/O error»)."""
    import resource

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 9
        try:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead of killing
            size = store_file.stat().st_size
            resource.setrlimit(resource.RLIMIT_FSIZE, (size + 4096, size + 4096))
            store = open_store(store_file)
            try:
                for n in range(200):
                    bodies.save_body(store, f"کارگروه {n} " + "x" * 250, "working_group")
            except Exception as exc:
                mapped = exc if isinstance(exc, UserError) else store_failure(exc, store_file)
                os.write(write, (mapped.code if mapped else repr(exc)).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    os.waitpid(pid, 0)
    with os.fdopen(read) as f:
        assert f.read() == "store_io"
    with sqlite3.connect(store_file) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
