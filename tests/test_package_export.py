"""The quarterly package's export: what goes in, the schema, the signature, all or nothing."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from app.cli import main
from app.errors import UserError
from app.package import format as fmt
from app.package.export import export_package
from app.store.db import open_store
from tests.package_helpers import NOW, PASSWORD, copy_store, make_certificate, make_demo, members
from tests.pdf_text import document_text, fold, read_lines

SUMMER = (1403, 2)  # the council and its committees: eleven final meetings
AUTUMN = (1403, 3)  # the demo's current quarter: no final minutes yet, four meetings held or drafted
COUNCIL = 1


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory.mktemp("demo") / "demo.db")


@pytest.fixture(scope="module")
def cert(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_certificate(tmp_path_factory.mktemp("cert") / "secretary.p12")


def _final_in_quarter(path: Path, start: str, end: str) -> set[str]:
    store = open_store(path, create=False)
    try:
        rows = store.fetch_all("SELECT uuid, revision FROM meetings WHERE body_id IN (1, 2, 3, 4, 5, 6) "
                               "AND status = 'final' AND date BETWEEN :s AND :e", s=start, e=end)
    finally:
        store.close()
    return {fmt.minutes_name(u, r) for u, r in rows}


def test_the_schema_in_docs_is_the_one_the_program_uses() -> None:
    docs = Path(__file__).parent.parent / "docs" / "package-format.schema.json"
    assert json.loads(docs.read_text(encoding="utf-8")) == fmt.schema()


def test_a_signed_quarter_holds_every_file_with_its_checksum(demo: Path, cert: Path, tmp_path: Path) -> None:
    store = copy_store(demo, tmp_path)
    out = tmp_path / "q.zip"
    try:
        summary = export_package(store, COUNCIL, *SUMMER, out, sub_bodies=True, sign=(cert, PASSWORD), now=NOW)
    finally:
        store.close()
    content = members(out)
    manifest = json.loads(content[fmt.MANIFEST])
    assert manifest["format"] == fmt.FORMAT_NAME and manifest["version"] == fmt.FORMAT_VERSION and manifest["signed"]
    listed = {f["name"]: f["sha256"] for f in manifest["files"]}
    assert set(content) == {*listed, fmt.MANIFEST, fmt.SIGNATURE}
    for name, digest in listed.items():
        assert hashlib.sha256(content[name]).hexdigest() == digest, name
    pdfs = {n for n in content if n.startswith(fmt.MINUTES_DIR)}
    assert pdfs == _final_in_quarter(tmp_path / "dabir.db", "2024-06-21", "2024-09-21") and len(pdfs) == 11
    assert summary.meetings == len(pdfs) and summary.left_out == 0 and summary.signed_by == "مریم احمدی"

    data = json.loads(content[fmt.DATA])
    assert fmt.validate_data(data) == []
    assert {m["status"] for m in data["meetings"]} == {"final"}
    assert len(data["meetings"]) == 11 + summary.carried and summary.carried  # earlier meetings with new history
    first = data["meetings"][0]
    assert first["date"]["jalali"].startswith("14") and first["date"]["iso"].startswith("20")
    assert all(m["letter_number"] for m in data["meetings"] if fmt.minutes_name(m["uuid"], m["revision"]) in pdfs)
    uuids = [r["uuid"] for m in data["meetings"] for r in m["resolutions"]]
    assert len(uuids) == len(set(uuids)) == summary.resolutions

    from app.export.verification import verify_pdf

    for name in pdfs:
        report = verify_pdf(content[name], now=NOW)
        assert report.ok and report.signer == "مریم احمدی", name

    text = fold(document_text(read_lines(content[fmt.SUMMARY], pages=[1, 2])))
    for phrase in ("بستهٔ گزارش فصلی", "تابستان ۱۴۰۳", "درصد تحقق", "وضعیت پیگیری مصوبات", "مریم احمدی"):
        assert fold(phrase) in text, phrase


def test_meetings_without_final_minutes_are_left_out_and_listed(demo: Path, tmp_path: Path) -> None:
    store = copy_store(demo, tmp_path)
    try:
        summary = export_package(store, COUNCIL, *AUTUMN, tmp_path / "q.zip", sub_bodies=True, now=NOW)
    finally:
        store.close()
    content = members(tmp_path / "q.zip")
    data = json.loads(content[fmt.DATA])
    assert summary.meetings == 0 and not any(n.startswith(fmt.MINUTES_DIR) for n in content)
    assert sorted(x["status"] for x in data["left_out"]) == ["draft", "held", "held", "held"]
    assert {x["uuid"] for x in data["left_out"]}.isdisjoint(m["uuid"] for m in data["meetings"])
    text = fold(document_text(read_lines(content[fmt.SUMMARY])))
    assert text.count(fold("پیش‌نویس، ارسال نشد")) == 4 and fold("پاییز ۱۴۰۳") in text


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_openssl_accepts_the_manifest_signature_and_refuses_a_changed_manifest(demo: Path, cert: Path,
                                                                                tmp_path: Path) -> None:
    store = copy_store(demo, tmp_path)
    try:
        export_package(store, 5, *SUMMER, tmp_path / "q.zip", sign=(cert, PASSWORD), now=NOW)
    finally:
        store.close()
    content = members(tmp_path / "q.zip")
    (tmp_path / "manifest.json").write_bytes(content[fmt.MANIFEST])
    (tmp_path / "manifest.json.p7s").write_bytes(content[fmt.SIGNATURE])
    command = ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", str(tmp_path / "manifest.json.p7s"),
               "-content", str(tmp_path / "manifest.json"), "-noverify", "-out", str(tmp_path / "out")]
    assert subprocess.run(command, capture_output=True).returncode == 0
    changed = bytearray(content[fmt.MANIFEST])
    changed[len(changed) // 2] ^= 0x01
    (tmp_path / "manifest.json").write_bytes(bytes(changed))
    assert subprocess.run(command, capture_output=True).returncode != 0


def test_sub_bodies_go_in_one_package_under_their_council(demo: Path, tmp_path: Path) -> None:
    store = copy_store(demo, tmp_path)
    try:
        export_package(store, 1, 1403, 2, tmp_path / "council.zip", sub_bodies=True, now=NOW)
        export_package(store, 1, 1403, 2, tmp_path / "alone.zip", now=NOW)
    finally:
        store.close()
    together = json.loads(members(tmp_path / "council.zip")[fmt.DATA])
    alone = json.loads(members(tmp_path / "alone.zip")[fmt.DATA])
    assert len({b["uuid"] for b in together["bodies"]}) == 7 - 1  # the council and its five committees
    assert {m["body_uuid"] for m in together["meetings"]} > {m["body_uuid"] for m in alone["meetings"]}
    assert len(alone["bodies"]) == 1 and not json.loads(members(tmp_path / "alone.zip")[fmt.MANIFEST])["signed"]


def _letter_numbers(path: Path) -> list[tuple[int, int | None]]:
    store = open_store(path, create=False)
    try:
        return sorted(store.fetch_all("SELECT id, letter_number FROM meetings"))
    finally:
        store.close()


def test_a_cancelled_export_leaves_nothing_and_takes_the_letter_numbers_back(demo: Path, tmp_path: Path) -> None:
    store = copy_store(demo, tmp_path)
    before = _letter_numbers(tmp_path / "dabir.db")
    seen: list[str] = []

    def cancelled() -> bool:
        return len(seen) >= 3

    try:
        with pytest.raises(UserError) as caught:
            export_package(store, 1, 1403, 2, tmp_path / "q.zip", sub_bodies=True, now=NOW,
                           progress=lambda done, total, what: seen.append(what), cancelled=cancelled)
    finally:
        store.close()
    assert caught.value.code == "package_cancelled"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dabir.db"]
    assert _letter_numbers(tmp_path / "dabir.db") == before


def test_a_wrong_password_or_an_unknown_body_writes_nothing(demo: Path, cert: Path, tmp_path: Path) -> None:
    store = copy_store(demo, tmp_path)
    try:
        with pytest.raises(UserError) as wrong:
            export_package(store, 1, 1403, 2, tmp_path / "q.zip", sign=(cert, "wrong"), now=NOW)
        with pytest.raises(UserError) as unknown:
            export_package(store, 999, 1403, 2, tmp_path / "q.zip", now=NOW)
        with pytest.raises(UserError) as quarter:
            export_package(store, 1, 1403, 5, tmp_path / "q.zip", now=NOW)
    finally:
        store.close()
    assert (wrong.value.code, unknown.value.code, quarter.value.code) == \
        ("cert_password", "body_unknown", "quarter_invalid")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dabir.db"]


def test_a_package_that_fails_its_schema_is_not_written(demo: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from app.package import collect

    real = collect.collect

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        got = real(*args, **kwargs)
        got.data["meetings"][0]["uuid"] = "not-a-uuid"
        return got

    monkeypatch.setattr("app.package.export.collect", broken)
    store = copy_store(demo, tmp_path)
    try:
        with pytest.raises(UserError) as caught:
            export_package(store, 1, 1403, 2, tmp_path / "q.zip", sub_bodies=True, now=NOW)
    finally:
        store.close()
    assert caught.value.code == "package_schema" and "uuid" in caught.value.message
    assert not (tmp_path / "q.zip").exists()


def test_the_command_line_exports_and_refuses(demo: Path, cert: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "dabir.db"
    shutil.copy(demo, db)
    (tmp_path / "pw").write_text(PASSWORD + "\n", encoding="utf-8")
    out = tmp_path / "q.zip"
    argv = ["--db", str(db), "package", "export", "--body", "5", "--year", "1403", "--quarter", "2", "-o", str(out)]
    assert main([*argv, "--sign", str(cert), "--password-file", str(tmp_path / "pw")], clock=_clock()) == 0
    assert "بستهٔ فصلی نوشته شد" in capsys.readouterr().out and out.exists()
    out.unlink()
    assert main([*argv, "--sign", str(cert)], clock=_clock()) == 2
    assert "--password-file" in capsys.readouterr().err
    assert main([*argv[:-1], str(db)], clock=_clock()) == 2  # -o over the store
    assert main(["--db", str(db), "package", "export", "--body", "5", "--year", "1403", "--quarter", "9",
                 "-o", str(out)], clock=_clock()) == 2
    assert not out.exists()


def _clock():  # type: ignore[no-untyped-def]
    from app.clock import FixedClock

    return FixedClock(NOW)
