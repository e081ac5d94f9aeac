"""``dabir verify PKG.zip``: a fresh package passes; one changed byte anywhere, and every kind of
hostile zip, fails with a message naming the problem and the member."""

from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path

import pytest

from app.cli import main
from app.package import format as fmt
from app.package.export import export_package
from app.package.verify import verify_package
from tests.package_helpers import (
    NOW,
    PASSWORD,
    copy_store,
    make_certificate,
    make_demo,
    members,
    rehash,
    with_data,
    write_members,
    zip_bytes,
)


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pkg")
    demo = make_demo(folder / "demo.db")
    cert = make_certificate(folder / "s.p12")
    store = copy_store(demo, folder, "work.db")
    try:
        export_package(store, 1, 1403, 2, folder / "q.zip", sub_bodies=True, sign=(cert, PASSWORD), now=NOW)
    finally:
        store.close()
    return folder / "q.zip"


def _clock():  # type: ignore[no-untyped-def]
    from app.clock import FixedClock

    return FixedClock(NOW)


def _flip(data: bytes, at: int | None = None) -> bytes:
    changed = bytearray(data)
    changed[len(changed) // 2 if at is None else at] ^= 0x01
    return bytes(changed)


def test_a_fresh_signed_package_passes(signed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = verify_package(signed, now=NOW)
    assert report.ok and report.signed and report.signature is not None
    assert report.signature.signer == "مریم احمدی" and report.signature.intact and not report.signature.trusted
    assert report.signature.signing_time is not None and report.signature.signing_time.utcoffset() == NOW.utcoffset()
    assert len(report.pdfs) == 11 and all(r.ok for r in report.pdfs.values())
    assert main(["verify", str(signed)], clock=_clock()) == 0
    out = capsys.readouterr().out
    assert "وضعیت: سالم" in out and "مریم احمدی" in out and "ساعت ۱۰:۰۰" in out
    assert "هویت فرستنده تأیید نمی‌شود" in out and "--trust CERT" in out  # the command says how to trust


def test_trust_is_reported_when_the_sender_is_named(signed: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

    p12 = signed.parent / "s.p12"
    _key, cert, _ = pkcs12.load_key_and_certificates(p12.read_bytes(), PASSWORD.encode())
    assert cert is not None
    (tmp_path / "sender.pem").write_bytes(cert.public_bytes(Encoding.PEM))
    report = verify_package(signed, trust_roots=[tmp_path / "sender.pem"], now=NOW)
    assert report.ok and report.signature is not None and report.signature.trusted
    assert main(["verify", str(signed), "--trust", str(tmp_path / "sender.pem")], clock=_clock()) == 0
    out = capsys.readouterr().out
    assert "اعتماد: مورد اعتماد" in out and "--trust" not in out


@pytest.mark.parametrize("member", ["pdf", fmt.DATA, fmt.REGISTER, fmt.SUMMARY])
def test_one_changed_byte_of_a_member_is_a_checksum_mismatch(signed: Path, tmp_path: Path, member: str,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    content = members(signed)
    name = next(n for n in content if n.startswith(fmt.MINUTES_DIR)) if member == "pdf" else member
    content[name] = _flip(content[name])
    bad = write_members(tmp_path / "bad.zip", content)
    report = verify_package(bad, now=NOW)
    assert not report.ok and report.refused is not None and report.refused.code == "package_checksum"
    assert report.refused.member == name
    assert main(["verify", str(bad)], clock=_clock()) == 1
    assert "چکیدهٔ" in capsys.readouterr().out


def test_a_changed_manifest_breaks_its_signature(signed: Path, tmp_path: Path) -> None:
    content = members(signed)
    manifest = content[fmt.MANIFEST]
    at = manifest.index(b'"program"') + 12  # inside the program's name: still JSON, still every checksum
    content[fmt.MANIFEST] = _flip(manifest, at)
    report = verify_package(write_members(tmp_path / "bad.zip", content), now=NOW)
    assert report.sound and report.signature is not None and not report.signature.intact and not report.ok


def test_a_changed_pdf_with_a_rehashed_manifest_breaks_the_signature(signed: Path, tmp_path: Path) -> None:
    content = members(signed)
    name = next(n for n in content if n.startswith(fmt.MINUTES_DIR))
    content[name] = _flip(content[name])
    forged = rehash(content, drop_signature=False)
    forged_manifest = json.loads(forged[fmt.MANIFEST])
    forged_manifest["signed"] = True
    forged[fmt.MANIFEST] = json.dumps(forged_manifest).encode()
    report = verify_package(write_members(tmp_path / "bad.zip", forged), now=NOW)
    assert report.signature is not None and not report.signature.intact and not report.ok
    assert not report.pdfs[name].ok  # and the PDF's own signature says so too


def test_a_stripped_signature_is_noticed(signed: Path, tmp_path: Path) -> None:
    content = members(signed)
    del content[fmt.SIGNATURE]
    report = verify_package(write_members(tmp_path / "bad.zip", content), now=NOW)
    assert report.refused is not None and report.refused.code == "package_signature_missing"


def test_an_unsigned_package_is_sound_but_not_ok(signed: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    unsigned = write_members(tmp_path / "u.zip", rehash(members(signed)))
    report = verify_package(unsigned, now=NOW)
    assert report.sound and not report.signed and not report.ok
    assert main(["verify", str(unsigned)], clock=_clock()) == 1
    assert "امضا نشده" in capsys.readouterr().out


def _link(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def _hostile(signed: Path) -> dict[str, tuple[str, bytes]]:
    good = members(signed)
    listed = list(good.items())
    return {
        "dotdot": ("package_path", zip_bytes([*listed, ("minutes/../../evil.pdf", b"x")])),
        "absolute": ("package_path", zip_bytes([*listed, ("/etc/evil", b"x")])),
        "drive": ("package_path", zip_bytes([*listed, ("C:/Windows/evil", b"x")])),
        "backslash": ("package_path", zip_bytes([*listed, ("minutes\\..\\evil", b"x")])),
        "symlink": ("package_symlink", zip_bytes([*listed, (_link("minutes/link.pdf"), b"/etc/passwd")])),
        "duplicate": ("package_duplicate_name", zip_bytes([*listed, ("DATA.json", b"{}")])),
        "bomb": ("package_bomb", _deflated([*listed, ("summary2.pdf", bytes(8 << 20))])),
        "not zip": ("package_not_zip", b"PK\x03\x04 this is not a zip at all" * 10),
        "extra": ("package_extra", zip_bytes([*listed, ("notes.txt", b"hello")])),
        "missing": ("package_missing", zip_bytes([(n, d) for n, d in listed if n != fmt.REGISTER])),
        "no manifest": ("package_missing", zip_bytes([(n, d) for n, d in listed if n != fmt.MANIFEST])),
        "malformed manifest": ("package_json", zip_bytes([(fmt.MANIFEST, b'{"format": "dabir-'), *listed[1:]])),
        "unknown version": ("package_version", zip_bytes(
            [(fmt.MANIFEST, good[fmt.MANIFEST].replace(b'"version": 1', b'"version": 7')), *listed[1:]])),
        "malformed data": ("package_json", zip_bytes(list(rehash({**good, fmt.DATA: b'{"meetings": [}'}).items()))),
        "schema": ("package_schema", zip_bytes(list(with_data(good, lambda d: d["meetings"][0].update(
            status="draft")).items()))),
        "duplicate uuid": ("package_duplicate_uuid", zip_bytes(list(with_data(good, _duplicate_uuid).items()))),
    }


def _duplicate_uuid(data: dict) -> None:  # type: ignore[type-arg]
    first, second = data["meetings"][0]["resolutions"][:2]
    second["uuid"] = first["uuid"]


def _deflated(entries: list[tuple[str, bytes]]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            z.writestr(name, data)
    return buffer.getvalue()


CASES = ["dotdot", "absolute", "drive", "backslash", "symlink", "duplicate", "bomb", "not zip", "extra", "missing",
         "no manifest", "malformed manifest", "unknown version", "malformed data", "schema", "duplicate uuid"]


@pytest.mark.parametrize("case", CASES)
def test_hostile_packages_fail_with_the_problem_named(signed: Path, tmp_path: Path, case: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, data = _hostile(signed)[case]
    path = tmp_path / "hostile.zip"
    path.write_bytes(data)
    report = verify_package(path, now=NOW)
    assert not report.ok and report.refused is not None and report.refused.code == code, report.problems
    assert main(["verify", str(path)], clock=_clock()) == 1
    assert "ناموفق" in capsys.readouterr().out


def test_oversized_members_and_totals_are_refused(signed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fmt, "MAX_MEMBER_BYTES", 100_000)
    assert verify_package(signed, now=NOW).refused.code == "package_member_too_large"  # type: ignore[union-attr]
    monkeypatch.setattr(fmt, "MAX_MEMBER_BYTES", 256 << 20)
    monkeypatch.setattr(fmt, "MAX_TOTAL_BYTES", 500_000)
    assert verify_package(signed, now=NOW).refused.code == "package_bomb"  # type: ignore[union-attr]
