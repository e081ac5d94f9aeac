"""Signing a PDF with a PKCS#12 certificate, and `dabir verify`: sign, verify, tamper, refuse bad input."""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from reportlab.pdfgen.canvas import Canvas

from app.cli import main
from app.errors import UserError
from app.export.certificates import (
    LOCAL_CERTIFICATE_NOTICE,
    create_local_certificate,
    default_certificate_path,
    load_certificate,
)
from app.export.signature_stamp import stamp_lines
from app.export.signing import sign_pdf, sign_pdf_with
from app.export.verification import verify_pdf

IRST = dt.timezone(dt.timedelta(hours=3, minutes=30))
# 1403/09/03 10:30 Tehran time, the day tests/conftest.py fixes as «today».
WHEN = dt.datetime(2024, 11, 23, 10, 30, tzinfo=IRST)
PASSWORD = "رمز-آزمون-۱۲۳"
NAME, POST, ORGANISATION = "مریم احمدی", "دبیر شورای راهبری توسعه مدیریت", "استانداری همدان"
MARKER = b"MARKER-TEXT-OF-THE-MINUTES"
BOX = (0, (330.0, 80.0, 530.0, 150.0))


def tiny_pdf(pages: int = 2) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pageCompression=0)  # uncompressed, so the marker is findable in the bytes
    for page in range(pages):
        canvas.drawString(72, 720, f"{MARKER.decode()} page {page + 1}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


@pytest.fixture(scope="module")
def p12(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("certs") / "secretary.p12"
    create_local_certificate(path, PASSWORD, name=NAME, post=POST, organisation=ORGANISATION, now=WHEN)
    return path


@pytest.fixture(scope="module")
def signed(p12: Path) -> bytes:
    return sign_pdf(tiny_pdf(), p12, PASSWORD, signer_name=NAME, when=WHEN, field_box=BOX,
                    reason="تأیید صورتجلسه", location="همدان")


def dabir(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "ui.launcher", *args], capture_output=True, text=True,
                          env=env, timeout=60)


# --------------------------------------------------------------------------- certificates


def test_local_certificate_carries_name_post_organisation(p12: Path) -> None:
    loaded = load_certificate(p12, PASSWORD, now=WHEN)
    info = loaded.info
    assert (info.name, info.post, info.organisation) == (NAME, POST, ORGANISATION)
    assert info.self_signed and info.not_before == WHEN.astimezone(dt.UTC)
    assert info.not_after - info.not_before == dt.timedelta(days=3 * 365)
    subject = loaded.certificate.subject
    assert subject.get_attributes_for_oid(NameOID.TITLE)[0].value == POST
    usage = loaded.certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    assert stat.S_IMODE(p12.stat().st_mode) == 0o600
    assert PASSWORD.encode() not in p12.read_bytes()


def test_create_refuses_empty_password_existing_file_and_unwritable_folder(p12: Path, tmp_path: Path) -> None:
    with pytest.raises(UserError) as empty:
        create_local_certificate(tmp_path / "a.p12", "", name=NAME, now=WHEN)
    assert empty.value.code == "cert_password_empty"
    with pytest.raises(UserError) as exists:
        create_local_certificate(p12, PASSWORD, name=NAME, now=WHEN)
    assert exists.value.code == "cert_exists"
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(UserError) as unwritable:
        create_local_certificate(blocker / "b.p12", PASSWORD, name=NAME, now=WHEN)
    assert unwritable.value.code == "cert_unwritable"
    assert list(tmp_path.iterdir()) == [blocker]  # nothing half-written left behind


def test_local_certificate_notice_and_default_folder() -> None:
    assert "تغییر نکرده" in LOCAL_CERTIFICATE_NOTICE and "چه کسی" in LOCAL_CERTIFICATE_NOTICE
    path = default_certificate_path("مریم/احمدی")
    assert path.parent.name == "certificates" and path.name == "مریم-احمدی.p12"


def test_wrong_password_is_refused_in_persian(p12: Path) -> None:
    with pytest.raises(UserError) as err:
        load_certificate(p12, "not-the-password", now=WHEN)
    assert err.value.code == "cert_password"
    assert "گذرواژه" in err.value.message


@pytest.mark.parametrize("content", [b"this is a text file, not a certificate\n", b"", b"\x30\x82\x01"])
def test_a_file_that_is_not_pkcs12(tmp_path: Path, content: bytes) -> None:
    fake = tmp_path / "fake.p12"
    fake.write_bytes(content)
    with pytest.raises(UserError) as err:
        load_certificate(fake, PASSWORD, now=WHEN)
    assert err.value.code == "cert_not_pkcs12"
    assert "PKCS#12" in err.value.message and "fake.p12" in err.value.message


def test_a_bare_certificate_without_its_key_is_not_pkcs12(p12: Path, tmp_path: Path) -> None:
    pem = tmp_path / "cert.pem"
    pem.write_bytes(load_certificate(p12, PASSWORD, now=WHEN).certificate.public_bytes(serialization.Encoding.PEM))
    with pytest.raises(UserError) as err:
        load_certificate(pem, PASSWORD, now=WHEN)
    assert err.value.code == "cert_not_pkcs12"


def test_a_pkcs12_without_private_key(p12: Path, tmp_path: Path) -> None:
    cert = load_certificate(p12, PASSWORD, now=WHEN).certificate
    only_cert = tmp_path / "only-cert.p12"
    only_cert.write_bytes(pkcs12.serialize_key_and_certificates(
        None, None, None, [cert], serialization.BestAvailableEncryption(PASSWORD.encode())))
    with pytest.raises(UserError) as err:
        load_certificate(only_cert, PASSWORD, now=WHEN)
    assert err.value.code == "cert_no_key"


def test_missing_certificate_file(tmp_path: Path) -> None:
    with pytest.raises(UserError) as err:
        load_certificate(tmp_path / "nowhere.p12", PASSWORD, now=WHEN)
    assert err.value.code == "cert_missing"


def test_expired_and_not_yet_valid_certificates(tmp_path: Path) -> None:
    old = tmp_path / "old.p12"
    made = WHEN - dt.timedelta(days=40)
    create_local_certificate(old, PASSWORD, name=NAME, now=made, valid_days=30)
    with pytest.raises(UserError) as expired:
        load_certificate(old, PASSWORD, now=WHEN)
    assert expired.value.code == "cert_expired"
    # It ended on 2024-11-13; the message names that day in the Jalali calendar.
    assert "۱۴۰۳/۰۸/۲۳" in expired.value.message and "پایان" in expired.value.message
    with pytest.raises(UserError) as early:
        load_certificate(old, PASSWORD, now=made - dt.timedelta(days=1))
    assert early.value.code == "cert_expired"
    # Signing with it is refused the same way, before anything is written.
    with pytest.raises(UserError) as signing:
        sign_pdf(tiny_pdf(), old, PASSWORD, signer_name=NAME, when=WHEN)
    assert signing.value.code == "cert_expired"


# --------------------------------------------------------------------------- sign and verify


def test_sign_then_verify(signed: bytes) -> None:
    report = verify_pdf(signed, now=WHEN + dt.timedelta(days=1))
    assert report.signed and report.intact and report.covers_whole_file and report.ok
    assert report.signer == NAME
    assert report.signing_time == WHEN
    assert report.signing_time_jalali == "۱۴۰۳/۰۹/۰۳ ساعت ۱۰:۳۰"
    # A local certificate proves integrity, not identity: not trusted without a trust root.
    assert not report.trusted
    assert any("مورد اعتماد" in p for p in report.problems)
    text = report.describe()
    assert "سالم" in text and NAME in text
    assert "۱۴۰۳/۰۹/۰۳ ساعت ۱۰:۳۰" in text and "2024-11-23T10:30:00+03:30" in text
    assert "مورد اعتماد نیست" in text


def test_trusted_when_its_certificate_is_a_trust_root(p12: Path, signed: bytes, tmp_path: Path) -> None:
    root = tmp_path / "root.pem"
    root.write_bytes(load_certificate(p12, PASSWORD, now=WHEN).certificate.public_bytes(serialization.Encoding.PEM))
    report = verify_pdf(signed, trust_roots=[root], now=WHEN + dt.timedelta(days=1))
    assert report.ok and report.trusted and report.problems == []
    assert "مورد اعتماد —" in report.describe()


def test_one_flipped_byte_fails_verification(signed: bytes) -> None:
    at = signed.index(MARKER) + 3
    tampered = signed[:at] + bytes([signed[at] ^ 0x01]) + signed[at + 1:]
    report = verify_pdf(tampered, now=WHEN)
    assert report.signed and not report.intact and not report.ok and not report.trusted
    assert "تغییر کرده" in report.describe()
    assert any("تغییر کرده" in p for p in report.problems)


def test_a_change_appended_after_signing_is_caught(signed: bytes) -> None:
    # An incremental update leaves the signed bytes alone: only the diff analysis sees it.
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    forged = writer.add_object(generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 600 Td (forged resolution) Tj ET"))
    writer.add_stream_to_page(0, forged)
    out = io.BytesIO()
    writer.write(out)
    report = verify_pdf(out.getvalue(), now=WHEN)
    assert report.signed and not report.covers_whole_file
    assert not report.intact and not report.ok
    assert any("پس از این امضا" in p for p in report.problems)


def test_a_second_signature_outside_the_documents_slots_is_a_change(p12: Path, signed: bytes) -> None:
    # Both signatures are valid as signatures, but the second one added a new box to the page after the
    # first was made: only a signature in one of the document's own empty slots is co-signing
    # (tests/test_verify_attacks.py signs into one).
    later = WHEN + dt.timedelta(hours=1)
    twice = sign_pdf_with(signed, load_certificate(p12, PASSWORD, now=later), signer_name="علی رضایی",
                          when=later, field_box=(1, (60.0, 80.0, 260.0, 150.0)))
    report = verify_pdf(twice, now=later)
    assert not report.ok and report.covers_whole_file and len(report.signatures) == 2
    assert [c.intact for c in report.signatures] == [True, True]
    assert [c.changed_after for c in report.signatures] == [True, False]
    assert report.signing_time == later
    reader = PdfFileReader(io.BytesIO(twice))
    assert [s.field_name for s in reader.embedded_regular_signatures] == ["DabirSignature1", "DabirSignature2"]


def test_visible_signature_box_has_an_appearance(signed: bytes) -> None:
    reader = PdfFileReader(io.BytesIO(signed))
    (sig,) = reader.embedded_regular_signatures
    field = sig.sig_field
    assert field["/FT"] == "/Sig"
    widget = field if "/Rect" in field else field["/Kids"][0].get_object()
    assert [round(float(v)) for v in widget["/Rect"]] == [330, 80, 530, 150]
    appearance = widget["/AP"]["/N"].get_object()
    assert appearance["/BBox"] and appearance.data  # a drawn normal appearance stream
    page = reader.root["/Pages"]["/Kids"][0].get_object()
    assert any(annot.get_object() is widget or annot.get_object() == widget for annot in page["/Annots"])
    assert sig.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    assert sig.sig_object["/Name"] == NAME


def test_an_invisible_signature_when_no_box_is_given(p12: Path) -> None:
    plain = sign_pdf(tiny_pdf(), p12, PASSWORD, when=WHEN)
    report = verify_pdf(plain, now=WHEN)
    assert report.ok and report.signer == NAME  # the name defaults to the certificate's
    (sig,) = PdfFileReader(io.BytesIO(plain)).embedded_regular_signatures
    field = sig.sig_field
    widget = field if "/Rect" in field else field["/Kids"][0].get_object()
    assert [float(v) for v in widget["/Rect"]] == [0, 0, 0, 0]


def test_stamp_lines_are_persian() -> None:
    lines = stamp_lines(NAME, WHEN, post=POST)
    assert [line.text for line in lines] == ["امضای دیجیتال", NAME, POST, "۱۴۰۳/۰۹/۰۳، ساعت ۱۰:۳۰"]


def test_signing_something_that_is_not_a_pdf(p12: Path) -> None:
    with pytest.raises(UserError) as err:
        sign_pdf(b"%PDF-1.4 but nothing after", p12, PASSWORD, when=WHEN)
    assert err.value.code == "pdf_unreadable"


def test_unsigned_and_unreadable_files_fail_the_check(tmp_path: Path) -> None:
    unsigned = verify_pdf(tiny_pdf())
    assert not unsigned.signed and not unsigned.ok
    assert unsigned.problems == ["این پرونده امضای دیجیتال ندارد."]
    garbage = verify_pdf(b"not a pdf at all")
    assert not garbage.ok and "خوانا نیست" in garbage.problems[0]
    with pytest.raises(UserError) as missing:
        verify_pdf(tmp_path / "nowhere.pdf")
    assert missing.value.code == "file_missing"
    bad_root = tmp_path / "root.pem"
    bad_root.write_text("not a certificate")
    with pytest.raises(UserError) as root:
        verify_pdf(tiny_pdf(), trust_roots=[bad_root])
    assert root.value.code == "trust_root_invalid"


# --------------------------------------------------------------------------- dabir verify


def test_cli_verify_as_a_user_runs_it(signed: bytes, tmp_path: Path) -> None:
    good = tmp_path / "signed.pdf"
    good.write_bytes(signed)
    out = dabir("verify", str(good))
    assert out.returncode == 0, out.stderr
    assert NAME in out.stdout and "سالم" in out.stdout
    assert "۱۴۰۳/۰۹/۰۳ ساعت ۱۰:۳۰" in out.stdout and "2024-11-23T10:30:00+03:30" in out.stdout
    assert "مورد اعتماد نیست" in out.stdout
    assert out.stderr == ""  # pyHanko's warning about the untrusted certificate stays out of the user's way

    at = signed.index(MARKER) + 3
    modified = tmp_path / "modified.pdf"
    modified.write_bytes(signed[:at] + bytes([signed[at] ^ 0x01]) + signed[at + 1:])
    out = dabir("verify", str(modified))
    assert out.returncode == 1, out.stderr
    assert "تغییر کرده" in out.stdout and "Traceback" not in out.stdout + out.stderr


def test_cli_verify_with_a_trust_root(p12: Path, signed: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                      ) -> None:
    good = tmp_path / "signed.pdf"
    good.write_bytes(signed)
    root = tmp_path / "root.pem"
    root.write_bytes(load_certificate(p12, PASSWORD, now=WHEN).certificate.public_bytes(serialization.Encoding.PEM))
    assert main(["verify", str(good), "--trust", str(root)]) == 0
    assert "مورد اعتماد —" in capsys.readouterr().out


def test_cli_verify_fails_on_unsigned_and_unreadable_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    unsigned = tmp_path / "unsigned.pdf"
    unsigned.write_bytes(tiny_pdf())
    text = tmp_path / "notes.pdf"
    text.write_text("just text")
    assert main(["verify", str(unsigned)]) == 1
    assert "امضای دیجیتال ندارد" in capsys.readouterr().out
    assert main(["verify", str(text)]) == 1
    assert "خوانا نیست" in capsys.readouterr().out


def test_cli_verify_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(tmp_path / "nowhere.pdf")]) == 2
    assert "پیدا نشد" in capsys.readouterr().err
    bad_root = tmp_path / "root.pem"
    bad_root.write_text("nope")
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(tiny_pdf())
    assert main(["verify", str(pdf), "--trust", str(bad_root)]) == 2
    assert "X.509" in capsys.readouterr().err
