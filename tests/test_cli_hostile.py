"""`dabir` given hostile arguments, as a tester gives them: every one refused with exit 2 and a
Persian message, no traceback, no hang, and every file (the store, the key, the device) as it was.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.cli_args import persian_message, read_password_file
from app.errors import UserError
from app.export.certificates import create_local_certificate
from app.files import read_bounded, refuse_overwriting, write_atomic
from app.services import bodies, meetings
from app.services.meeting_data import ResolutionData
from app.store.db import open_store

PASSWORD = "رمز-آزمون-۱۲۳"
POSIX = os.name == "posix"
posix_only = pytest.mark.skipif(not POSIX, reason="devices, FIFOs and rlimits are POSIX")


def dabir(*args: str, env: dict[str, str] | None = None, prefix: tuple[str, ...] = (),
          preexec: object = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run([*prefix, sys.executable, "-m", "ui.launcher", *args], capture_output=True, text=True,
                          env=full_env, timeout=60, preexec_fn=preexec)  # type: ignore[arg-type]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(out: subprocess.CompletedProcess[str], *phrases: str) -> None:
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert "Traceback" not in out.stderr and "Error:" not in out.stderr.split("(")[0], out.stderr
    for phrase in phrases:
        assert phrase in out.stderr, out.stderr


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    """The per-user data folder (and so the backups folder) inside the test's folder."""
    return {"XDG_DATA_HOME": str(tmp_path / "xdg"), "DABIR_LOG_DIR": str(tmp_path / "logs")}


@pytest.fixture
def db(tmp_path: Path, today) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "v.db"
    store = open_store(path)
    council = bodies.save_body(store, "شورای راهبری توسعه مدیریت استان", "council")
    data = meetings.new_meeting(store, council.id, today=today)
    data.resolutions = [ResolutionData("گزارش عملکرد ارسال شود.", "دفتر فناوری اطلاعات", deadline="1403/10/10")]
    meetings.save_meeting(store, data, today=today)
    store.close()
    return path


@pytest.fixture(scope="module")
def p12(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import datetime as dt

    from app.clock import IRAN

    path = tmp_path_factory.mktemp("certs") / "key.p12"
    # valid from now on: signing uses the real clock of the child process
    create_local_certificate(path, PASSWORD, name="مریم احمدی", now=dt.datetime.now(IRAN))
    return path


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


# --- -o never over the store, a key, an input, a backup or a device ---------------------

def test_output_over_the_store_is_refused(db: Path, home: dict[str, str]) -> None:
    before = digest(db)
    for spelling in (str(db), str(db.parent / "." / db.name), str(db) + "-wal"):
        refused(dabir("--db", str(db), "followup-sheet", "-o", spelling, env=home), "پایگاه داده")
    link = db.parent / "link.pdf"
    link.symlink_to(db)
    hard = db.parent / "hard.pdf"
    os.link(db, hard)
    for other in (link, hard):  # another name of the same file
        refused(dabir("--db", str(db), "minutes", "1", "-o", str(other), env=home), "پایگاه داده")
    refused(dabir("--db", str(db), "followup-sheet", "--notice", "1", "-o", str(db), env=home), "پایگاه داده")
    assert digest(db) == before and link.is_symlink()


def test_output_over_the_certificate_or_the_password_file_is_refused(db: Path, p12: Path, tmp_path: Path,
                                                                     home: dict[str, str]) -> None:
    key = tmp_path / "key.p12"
    shutil.copy(p12, key)
    pw = tmp_path / "pw.txt"
    pw.write_text(PASSWORD + "\n", encoding="utf-8")
    before = (digest(key), digest(pw), digest(db))
    refused(dabir("--db", str(db), "minutes", "1", "-o", str(key), "--sign", str(key), "--password-file", str(pw),
                  env=home), "گواهی امضا", "روی آن نوشته نمی‌شود")
    refused(dabir("--db", str(db), "minutes", "1", "-o", str(pw), "--sign", str(key), "--password-file", str(pw),
                  env=home), "پروندهٔ گذرواژه")
    assert (digest(key), digest(pw), digest(db)) == before


def test_extract_signed_over_its_input_is_refused(tmp_path: Path, home: dict[str, str]) -> None:
    pdf = tmp_path / "signed.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%%EOF\n")
    refused(dabir("verify", str(pdf), "--extract-signed", str(pdf), env=home), "PDF خوانده‌شده")
    assert pdf.read_bytes() == b"%PDF-1.7\n%%EOF\n"


def test_output_into_the_backups_folder_is_refused(db: Path, tmp_path: Path, home: dict[str, str]) -> None:
    backups = db.with_name(db.name + ".backups")  # beside the store (app.paths.backups_dir)
    backups.mkdir(exist_ok=True)
    refused(dabir("--db", str(db), "followup-sheet", "-o", str(backups / "dabir-1403-09-03.db"), env=home),
            "پشتیبان")
    assert backups.is_dir() and list(backups.iterdir()) == []


@posix_only
@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_output_over_a_device_leaves_the_device(db: Path, device: str, home: dict[str, str]) -> None:
    before = os.stat(device)
    refused(dabir("--db", str(db), "followup-sheet", "-o", device, env=home), "پروندهٔ معمولی نیست")
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev  # still the device, even as root


@posix_only
def test_output_over_a_fifo_or_a_folder(db: Path, fifo: Path, tmp_path: Path, home: dict[str, str]) -> None:
    refused(dabir("--db", str(db), "followup-sheet", "-o", str(fifo), env=home), "پروندهٔ معمولی نیست")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    refused(dabir("--db", str(db), "followup-sheet", "-o", str(tmp_path), env=home), "پوشه")


@posix_only
def test_write_atomic_refuses_a_device_put_in_place_meanwhile(tmp_path: Path, fifo: Path) -> None:
    with pytest.raises(UserError) as err:
        write_atomic(fifo, b"x")
    assert err.value.code == "export_target_not_file" and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # no temporary file left


def test_refuse_overwriting_by_identity(tmp_path: Path) -> None:
    store = tmp_path / "a.db"
    store.write_bytes(b"x")
    refuse_overwriting(tmp_path / "b.pdf", [(store, "پایگاه داده")])  # another file: fine
    with pytest.raises(UserError) as err:
        refuse_overwriting(tmp_path / "sub" / ".." / "a.db", [(store, "پایگاه داده")])
    assert err.value.code == "output_is_input"
    with pytest.raises(UserError):  # a -wal that does not exist yet: by resolved path
        refuse_overwriting(tmp_path / "a.db-wal", [(tmp_path / "a.db-wal", "پروندهٔ همراه")])


# --- files named to read: bounded, never a FIFO or a device ----------------------------

@posix_only
@pytest.mark.parametrize("kind", ["zero", "fifo", "folder"])
def test_files_to_read_that_are_not_regular_files(db: Path, p12: Path, fifo: Path, tmp_path: Path, kind: str,
                                                  home: dict[str, str]) -> None:
    bad = {"zero": "/dev/zero", "fifo": str(fifo), "folder": str(tmp_path)}[kind]
    pw = tmp_path / "pw.txt"
    pw.write_text(PASSWORD, encoding="utf-8")
    out = tmp_path / "out.pdf"
    cases = [
        (("--db", str(db), "minutes", "1", "-o", str(out), "--sign", bad, "--password-file", str(pw)), "گواهی"),
        (("--db", str(db), "minutes", "1", "-o", str(out), "--sign", str(p12), "--password-file", bad), "گذرواژه"),
        (("verify", bad), "پروندهٔ"),
    ]
    if kind != "folder":
        cases.append((("verify", str(db), "--trust", bad), "گواهی مورد اعتماد"))
    for args, phrase in cases:
        result = dabir(*args, env=home)  # a FIFO would hang here: the timeout of dabir() fails the test
        refused(result, phrase)
        assert "MemoryError" not in result.stderr
    assert not out.exists()


def test_read_bounded_never_trusts_the_size(tmp_path: Path) -> None:
    big = tmp_path / "big"
    big.write_bytes(b"a" * 1001)
    assert read_bounded(big, 1001, what="پرونده") == b"a" * 1001
    with pytest.raises(UserError) as err:
        read_bounded(big, 1000, what="پرونده")
    assert err.value.code == "file_too_large"
    with pytest.raises(UserError) as missing:
        read_bounded(tmp_path / "nope", 10, what="پروندهٔ گذرواژه", code="password_file_unreadable")
    assert missing.value.code == "password_file_unreadable" and "پیدا نشد" in missing.value.message


# --- password files ---------------------------------------------------------------------

@pytest.mark.parametrize("raw", [
    PASSWORD.encode("utf-8"),
    (PASSWORD + "\n").encode("utf-8"),
    (PASSWORD + "\r\nsecond line").encode("utf-8"),
    codecs.BOM_UTF8 + (PASSWORD + "\r\n").encode("utf-8"),
    codecs.BOM_UTF16_LE + (PASSWORD + "\r\n").encode("utf-16-le"),
    codecs.BOM_UTF16_BE + (PASSWORD + "\n").encode("utf-16-be"),
], ids=["utf8", "utf8-lf", "utf8-crlf-two-lines", "utf8-bom", "utf16le-bom", "utf16be-bom"])
def test_password_file_encodings(tmp_path: Path, raw: bytes) -> None:
    pw = tmp_path / "pw.txt"
    pw.write_bytes(raw)
    assert read_password_file(pw) == PASSWORD


def test_password_keeps_inner_spaces_and_an_empty_file_is_empty(tmp_path: Path) -> None:
    pw = tmp_path / "pw.txt"
    pw.write_bytes(b" a b \n")
    assert read_password_file(pw) == " a b "
    pw.write_bytes(b"")
    assert read_password_file(pw) == ""


@pytest.mark.parametrize("raw", [b"\x00\x01\x02binary\xff", b"abc\x00def", b"caf\xe9\n",
                                 (PASSWORD + "\n").encode("utf-16-le"), codecs.BOM_UTF16_LE + b"\x00\xd8"],
                         ids=["binary", "nul", "latin1", "utf16-without-bom", "utf16-broken"])
def test_password_file_that_is_not_text(tmp_path: Path, raw: bytes) -> None:
    pw = tmp_path / "pw.txt"
    pw.write_bytes(raw)
    with pytest.raises(UserError) as err:
        read_password_file(pw)
    assert err.value.code == "password_file_not_text" and "متن نیست" in err.value.message


def test_signing_with_a_utf16_password_file_from_notepad(db: Path, p12: Path, tmp_path: Path,
                                                         home: dict[str, str]) -> None:
    pw = tmp_path / "pw.txt"
    pw.write_bytes(codecs.BOM_UTF16_LE + (PASSWORD + "\r\n").encode("utf-16-le"))
    out = tmp_path / "signed.pdf"
    result = dabir("--db", str(db), "minutes", "1", "-o", str(out), "--sign", str(p12), "--password-file", str(pw),
                   env=home)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    refused(dabir("--db", str(db), "minutes", "1", "-o", str(tmp_path / "b.pdf"), "--sign", str(p12),
                  "--password-file", str(binary), env=home), "متن نیست")
    assert not (tmp_path / "b.pdf").exists()


# --- ids out of range -------------------------------------------------------------------

@pytest.mark.parametrize(("args", "phrase"), [
    (["list", "meetings", "--body", str(1 << 63)], "نهاد با شناسهٔ"),
    (["list", "resolutions", "--meeting", "99999999999999999999999999"], "جلسه با شناسهٔ"),
    (["list", "meetings", "--body", "-1"], "نهاد با شناسهٔ"),
    (["minutes", str(1 << 64), "-o", "OUT"], "جلسه با شناسهٔ"),
    (["followup-sheet", "--notice", str(1 << 63), "-o", "OUT"], "جلسه با شناسهٔ"),
    (["followup-sheet", "--body", "-5", "-o", "OUT"], "نهاد با شناسهٔ"),
    (["stats", "--body", str(1 << 70)], "نهاد با شناسهٔ"),
])
def test_ids_out_of_range_are_not_found(db: Path, tmp_path: Path, args: list[str], phrase: str, capsys,
                                        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    before = digest(db)
    args = [str(tmp_path / "o.pdf") if a == "OUT" else a for a in args]
    assert main(["--db", str(db), *args]) == 2
    err = capsys.readouterr().err
    assert phrase in err and "پیدا نشد" in err
    assert digest(db) == before and not (tmp_path / "o.pdf").exists()


# --- argparse in Persian ----------------------------------------------------------------

@pytest.mark.parametrize(("args", "phrase"), [
    (["list", "things"], "در میان گزینه‌ها نیست"),
    (["nonsense"], "در میان گزینه‌ها نیست"),
    (["minutes"], "این آرگومان‌ها لازم‌اند"),
    (["list", "bodies", "--frobnicate"], "شناخته نیستند"),
    (["list", "bodies", "--body"], "یک مقدار می‌خواهد"),
    (["list", "bodies", "--body", "abc"], "عدد درستی نیست"),
    (["minutes", "x", "-o", "a.pdf"], "عدد درستی نیست"),
])
def test_argparse_speaks_persian(args: list[str], phrase: str, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert phrase in err and "استفاده: dabir" in err and "خطا:" in err
    for english in ("usage:", "error:", "invalid choice", "required", "unrecognized", "expected one", "invalid int"):
        assert english not in err


def test_help_headings_are_persian(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exit_:
        main(["minutes", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("استفاده: dabir minutes") and "گزینه‌ها:" in out and "آرگومان‌ها:" in out
    assert "show this help" not in out and "options:" not in out and "positional arguments" not in out


def test_an_unknown_argparse_message_passes_as_it_is() -> None:
    assert persian_message("argument --x: something new") == "آرگومان --x: something new"


# --- --db is a path, never an SQLite URI -----------------------------------------------

@pytest.mark.parametrize("name", ["a?b.db", "a#b.db", "a%20b.db", "file:a.db", ":memory:"])
def test_db_names_with_uri_characters(tmp_path: Path, name: str, monkeypatch, today) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)  # ":memory:" and "file:a.db" relative, as a user types them
    folder = tmp_path / "x"
    folder.mkdir()
    path = Path("x") / name
    store = open_store(path)  # new: made through SQLAlchemy (Alembic), then written through the ORM
    bodies.save_body(store, "شورای آزمون", "council")
    store.close()
    assert sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [name]
    assert [p for p in tmp_path.iterdir() if p.name != "x"] == []  # nothing written to x/a or elsewhere
    fast = open_store(path, create=False)  # the start-up path: plain sqlite3, no SQLAlchemy
    assert [r for r in fast.read("bodies") if "شورای آزمون" in r]
    fast.close()
    out = dabir("--db", str(path), "list", "bodies")
    assert out.returncode == 0 and "شورای آزمون" in out.stdout, out.stderr


# --- stores that cannot be opened: the true reason ----------------------------------------

@pytest.mark.parametrize("command", [["list", "bodies"], ["stats"], ["followup-sheet", "-o", "OUT"],
                                     ["minutes", "1", "-o", "OUT"]])
def test_an_empty_file_is_not_made_a_store(tmp_path: Path, command: list[str], home: dict[str, str]) -> None:
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    args = [str(tmp_path / "o.pdf") if a == "OUT" else a for a in command]
    refused(dabir("--db", str(empty), *args, env=home), "پرونده خالی است")
    assert empty.read_bytes() == b"" and not (tmp_path / "o.pdf").exists()


def _without_write_permission() -> tuple[str, ...] | None:
    """How to run the child without the right to write where permissions say no: as root,
    without the capability that overrides them (root ignores a read-only folder)."""
    if not POSIX:
        return None
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    return (setpriv, "--bounding-set=-dac_override,-dac_read_search") if setpriv else None


@posix_only
def test_a_store_in_a_read_only_folder(db: Path, tmp_path: Path, home: dict[str, str]) -> None:
    prefix = _without_write_permission()
    if prefix is None:
        pytest.skip("cannot drop the right to write here")
    folder = tmp_path / "ro"
    folder.mkdir()
    store = folder / "v.db"
    shutil.copy(db, store)
    before = digest(store)
    folder.chmod(0o555)
    try:
        # Reading commands read it read-only; a command that writes is told why it cannot.
        listed = dabir("--db", str(store), "list", "bodies", env=home, prefix=prefix)
        assert listed.returncode == 0 and "شورا" in listed.stdout, listed.stderr
        out = dabir("--db", str(store), "demo", env=home, prefix=prefix)
        refused(out, "فقط‌خواندنی")
        assert "خراب" not in out.stderr
    finally:
        folder.chmod(0o755)
    assert digest(store) == before and sorted(p.name for p in folder.iterdir()) == ["v.db"]


@posix_only
@pytest.mark.parametrize("command", [["list", "bodies"], ["demo"]])
def test_a_store_under_a_file_size_limit(db: Path, tmp_path: Path, command: list[str],
                                         home: dict[str, str]) -> None:
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384))

    target = db if command[0] == "list" else tmp_path / "new.db"
    before = digest(db)
    out = dabir("--db", str(target), *command, env=home, preexec=limit)
    refused(out, "ulimit -f", "۱۶۳۸۴")
    assert "خراب" not in out.stderr and digest(db) == before


@posix_only
@pytest.mark.parametrize("command", [["list", "bodies"], ["demo"]])
def test_a_device_or_a_fifo_as_the_store(fifo: Path, command: list[str], home: dict[str, str]) -> None:
    for store in ("/dev/null", str(fifo)):
        refused(dabir("--db", store, *command, env=home), "پروندهٔ معمولی نیست")
    assert not Path("/dev/null-wal").exists() and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and sorted(p.name for p in fifo.parent.iterdir()) == ["pipe"]
