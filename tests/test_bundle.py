"""The desktop build (issue 10): build_installer.spec is built into a temporary folder, and the
built ``dabir`` is run as an office PC would run it: an empty environment (no Python on PATH,
no virtualenv), the offscreen platform, a fresh data folder. Every command a secretary or a
province uses works from it, the app starts and leaves cleanly when asked, and the bundle holds
what it needs and nothing of the development machine.

About a minute to build on this machine; marked slow (``make test`` and CI run it)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app import __version__
from tests.package_helpers import NOW, PASSWORD, make_certificate
from tests.pdf_text import document_text, fold, read_lines

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
# Qt libraries the program uses (and those they bring: OpenGL for the charts, DBus and the
# platform glue); anything else in the bundle is a module that should have been left out.
QT_LIBRARIES = {"Core", "Gui", "Widgets", "PrintSupport", "Pdf", "PdfWidgets", "Charts", "Svg", "OpenGL",
                "OpenGLWidgets", "DBus", "Network", "XcbQpa", "WaylandClient", "WlShellIntegration",
                "EglFSDeviceIntegration", "EglFsKmsSupport"}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("PyInstaller", reason="make test installs PyInstaller (the dist extra)")
    out = tmp_path_factory.mktemp("bundle")
    started = time.monotonic()
    built = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                            "--distpath", str(out / "dist"), "--workpath", str(out / "build"),
                            str(ROOT / "build_installer.spec")],
                           capture_output=True, text=True, timeout=900, cwd=out)
    assert built.returncode == 0, built.stderr[-4000:]
    print(f"bundle built in {time.monotonic() - started:.0f} s")  # the build's cost, seen with -s
    return out / "dist" / "dabir"


@pytest.fixture
def office(tmp_path: Path) -> dict[str, str]:
    """An empty environment: a home, the data and log folders, the offscreen platform. No PATH,
    no PYTHONPATH, no VIRTUAL_ENV: nothing of this machine's Python can be found."""
    home = tmp_path / "home"
    home.mkdir()
    return {"HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8",
            "DABIR_DATA_DIR": str(tmp_path / "data"), "DABIR_LOG_DIR": str(tmp_path / "log")}


def run(bundle: Path, env: dict[str, str], *args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bundle / "dabir"), *args], env=env, capture_output=True, text=True,
                          timeout=timeout, cwd=env["HOME"])


def test_every_command_works_from_the_bundle(bundle: Path, office: dict[str, str], tmp_path: Path) -> None:
    """demo, list, minutes (PDF, signed, Word), verify (PDF and package), stats, follow-up sheet,
    backup, audit, package export and import: each from the built program."""
    assert run(bundle, office, "--version").stdout.strip() == f"dabir {__version__}"
    demo = run(bundle, office, "demo")
    assert demo.returncode == 0, demo.stderr
    assert "دادهٔ نمونه ساخته شد" in demo.stdout
    listed = run(bundle, office, "list", "meetings", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert len(rows) > 20 and {"id", "uuid", "body_id", "date", "status"} <= set(rows[0])
    final = [r for r in rows if r["status"] == "final"]
    assert final, {r["status"] for r in rows}
    meeting = max(final, key=lambda r: r["date"])

    pdf = tmp_path / "x.pdf"
    written = run(bundle, office, "minutes", str(meeting["id"]), "-o", str(pdf))
    assert written.returncode == 0, written.stderr
    text = fold(document_text(read_lines(pdf)))
    assert fold("صورتجلسه") in text and fold(meeting["body"]) in text  # Persian, shaped, read back

    cert = make_certificate(tmp_path / "secretary.p12")
    (tmp_path / "password").write_text(PASSWORD, encoding="utf-8")
    signed = tmp_path / "signed.pdf"
    sign = run(bundle, office, "minutes", str(meeting["id"]), "-o", str(signed), "--sign", str(cert),
               "--password-file", str(tmp_path / "password"))
    assert sign.returncode == 0, sign.stderr
    verified = run(bundle, office, "verify", str(signed))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "وضعیت: سالم" in verified.stdout and "مریم احمدی" in verified.stdout
    changed = bytearray(signed.read_bytes())
    changed[len(changed) // 3] ^= 0x01
    (tmp_path / "changed.pdf").write_bytes(bytes(changed))
    assert run(bundle, office, "verify", str(tmp_path / "changed.pdf")).returncode == 1

    word = run(bundle, office, "minutes", str(meeting["id"]), "-o", str(tmp_path / "x.docx"))
    assert word.returncode == 0, word.stderr  # python-docx's templates travel with it
    from docx import Document

    assert any(fold(meeting["body"]) in fold(p.text) for p in Document(str(tmp_path / "x.docx")).paragraphs)
    stats = run(bundle, office, "stats", "--body", str(meeting["body_id"]), "--json")
    assert stats.returncode == 0 and json.loads(stats.stdout), stats.stderr
    sheet = run(bundle, office, "followup-sheet", "--body", str(meeting["body_id"]), "-o", str(tmp_path / "f.pdf"))
    assert sheet.returncode == 0 and (tmp_path / "f.pdf").stat().st_size > 1000, sheet.stderr
    copy = run(bundle, office, "backup", "-o", str(tmp_path / "copy.db"))
    assert copy.returncode == 0 and (tmp_path / "copy.db").is_file(), copy.stderr
    assert run(bundle, office, "audit", "--json").returncode == 0

    year, month = (int(n) for n in meeting["date"].split("/")[:2])
    package = tmp_path / "q.zip"
    exported = run(bundle, office, "package", "export", "--body", str(meeting["body_id"]), "--year", str(year),
                   "--quarter", str((month - 1) // 3 + 1), "-o", str(package), "--sign", str(cert),
                   "--password-file", str(tmp_path / "password"))
    assert exported.returncode == 0, exported.stderr
    checked = run(bundle, office, "verify", str(package))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "وضعیت: سالم" in checked.stdout and "صورتجلسهٔ" in checked.stdout  # the minutes inside, verified too
    from app.package.verify import verify_package  # and the same verdict from the installed program

    assert verify_package(package, now=NOW).signature_ok
    province = {**office, "DABIR_DATA_DIR": str(tmp_path / "province")}  # another office's PC, never opened
    imported = run(bundle, province, "package", "import", str(package), "--allow-unsigned", "--yes")
    assert imported.returncode == 0 and "وارد شد" in imported.stdout, imported.stdout + imported.stderr
    bodies = json.loads(run(bundle, province, "list", "bodies", "--json").stdout)
    assert meeting["body"] in {b["name"] for b in bodies}


def test_the_app_starts_and_leaves_cleanly_when_asked(bundle: Path, office: dict[str, str], tmp_path: Path) -> None:
    app = subprocess.Popen([str(bundle / "dabir")], env=office, cwd=office["HOME"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    log = Path(office["DABIR_LOG_DIR"]) / "dabir.log"
    try:
        deadline = time.monotonic() + 90
        while not (log.is_file() and "start; log at" in log.read_text(encoding="utf-8")):  # the window is up
            assert app.poll() is None, app.communicate()[1][-3000:]
            assert time.monotonic() < deadline, "the app did not start in 90 s"
            time.sleep(0.2)
        time.sleep(2)  # a few seconds of an open app (the day's first backup runs)
        app.send_signal(signal.SIGTERM)  # what a shutdown or a task manager's «end» sends
        _out, err = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == 0, err[-3000:]
    assert "Traceback" not in err and "Traceback" not in log.read_text(encoding="utf-8")
    assert (Path(office["DABIR_DATA_DIR"]) / "dabir.db").is_file()  # its store, made on the first start


def test_the_bundle_holds_what_it_needs_and_nothing_else(bundle: Path) -> None:
    inside = bundle / "_internal"
    files = [p.relative_to(bundle) for p in bundle.rglob("*") if p.is_file()]
    names = {p.as_posix() for p in files}
    for needed in ("fonts/Vazirmatn-Regular.ttf", "fonts/Vazirmatn-Bold.ttf", "fonts/OFL.txt",
                   "resources/icons/dabir.png", "resources/icons/dabir.ico", "resources/icons/dabir.svg",
                   "resources/translations/dabir_qt_fa.qm", "resources/dabir.desktop",
                   "app/package/package-format.schema.json", "app/store/migrations/env.py",
                   "PySide6/Qt/translations/qtbase_fa.qm", "PySide6/Qt/plugins/platforms/libqxcb.so",
                   "PySide6/Qt/plugins/platforms/libqoffscreen.so"):
        assert f"_internal/{needed}" in names, needed
    migrations = {p.name for p in (inside / "app/store/migrations/versions").glob("*.py")}
    assert len([m for m in migrations if m[:4].isdigit()]) >= 8, migrations
    assert not any("webengine" in n.lower() or "qt3d" in n.lower() or "qtquick" in n.lower() for n in names)
    qt = {p.name.removeprefix("libQt6").split(".so")[0] for p in files if p.name.startswith("libQt6")}
    assert qt <= QT_LIBRARIES, qt - QT_LIBRARIES
    translations = {p.name for p in files if p.suffix == ".qm"}
    assert all(n.endswith("_fa.qm") for n in translations), translations  # no other language's megabytes
    assert not any(part in (".venv", "tests", "bench", ".git") for p in files for part in p.parts)
    assert not any(p.name.startswith("test_") and p.suffix in (".py", ".pyc") for p in files)
    assert not any(part in ("pytest", "_pytest", "pytestqt", "hypothesis", "mypy", "ruff") for p in files
                   for part in p.parts)
    size = sum((bundle / p).stat().st_size for p in files)
    assert size < 400 * 2**20, f"{size / 2**20:.0f} MiB"  # README says what it is; a jump means a stray module
    assert os.access(bundle / "dabir", os.X_OK)
