"""`dabir verify` against the published attacks on PDF signatures, each built here.

References: Mladenov et al., «1 Trillion Dollar Refund – How To Spoof PDF
Signatures» (CCS 2019: Incremental Saving, Universal Signature Forgery,
Signature Wrapping); Mainka et al., «Shadow Attacks» (NDSS 2021) and
«Breaking the Specification: PDF Certification» (S&P 2021: Evil Annotation,
Sneaky Signature). Each test builds the forged file with pyHanko's
incremental writer or raw bytes and asserts the verdict, what the report
says, and the exit status of `dabir verify`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas

from app.cli import main
from app.errors import UserError
from app.export import pdf_revisions
from app.export.certificates import create_local_certificate, load_certificate
from app.export.signing import EmptySlot, sign_pdf, sign_pdf_with, signature_slots
from app.export.verification import verify_pdf

IRST = dt.timezone(dt.timedelta(hours=3, minutes=30))
WHEN = dt.datetime(2024, 11, 23, 10, 30, tzinfo=IRST)  # 1403/09/03
LATER = WHEN + dt.timedelta(hours=2)
PASSWORD = "رمز-آزمون-۱۲۳"
BOX = (0, (330.0, 80.0, 530.0, 150.0))
SLOT_BOX = (0, (60.0, 80.0, 260.0, 150.0))
HEADER = (0.0, 700.0, 612.0, 792.0)  # the top of a letter page, where the minutes' heading is


def tiny_pdf(*, encrypt: StandardEncryption | None = None, form_value: str | None = None) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pageCompression=0, encrypt=encrypt)
    canvas.drawString(72, 720, "MINUTES HEADER resolution 1: pay 1000")
    if form_value is not None:
        canvas.acroForm.textfield(name="amount", value=form_value, x=72, y=600, width=200, height=20)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("certs")
    made = {}
    for key, name in (("secretary", "مریم احمدی"), ("member", "علی رضایی"), ("namesake", "مریم احمدی")):
        made[key] = folder / f"{key}.p12"
        create_local_certificate(made[key], PASSWORD, name=name, post="دبیر", organisation="استانداری همدان",
                                 now=WHEN - dt.timedelta(days=1))
    return made


@pytest.fixture(scope="module")
def with_slot(certs: dict[str, Path]) -> bytes:
    """Signed by the secretary, with an empty slot for a member in the signature block."""
    return sign_pdf(tiny_pdf(), certs["secretary"], PASSWORD, when=WHEN, field_box=BOX,
                    empty_slots=[EmptySlot(SLOT_BOX, "عضو: علی رضایی")])


def check(pdf: bytes, tmp_path: Path, *, ok: bool) -> str:
    """The report's text; `dabir verify` exits 0 exactly when ``ok``, and never shows a traceback."""
    report = verify_pdf(pdf, now=LATER + dt.timedelta(days=1))
    assert report.ok is ok, report.describe()
    target = tmp_path / "checked.pdf"
    target.write_bytes(pdf)
    assert main(["verify", str(target)]) == (0 if ok else 1)
    if not ok:
        assert report.signed or report.problems, "a forged file must never read as merely unsigned"
    return report.describe()


def signed_revision_count(pdf: bytes) -> int:
    return PdfFileReader(io.BytesIO(pdf)).xrefs.total_revisions


def incremental(pdf: bytes, change) -> bytes:  # type: ignore[no-untyped-def]
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def first_page(writer: IncrementalPdfFileWriter) -> tuple[generic.Reference, generic.DictionaryObject]:
    ref = writer.find_page_for_modification(0)[0]
    return ref, ref.get_object()


def appearance(writer: IncrementalPdfFileWriter, box: tuple[float, float, float, float], text: bytes
               ) -> generic.IndirectObject:
    width, height = box[2] - box[0], box[3] - box[1]
    data = b"1 1 1 rg 0 0 %d %d re f BT /Helv 18 Tf 0 g 20 20 Td (%s) Tj ET" % (width, height, text)
    stream = generic.StreamObject({generic.NameObject("/Type"): generic.NameObject("/XObject"),
                                   generic.NameObject("/Subtype"): generic.NameObject("/Form"),
                                   generic.NameObject("/BBox"): generic.ArrayObject(
                                       [generic.FloatObject(v) for v in (0, 0, width, height)])}, stream_data=data)
    return writer.add_object(stream)


def add_annotation(writer: IncrementalPdfFileWriter, subtype: str, box: tuple[float, float, float, float]) -> None:
    _page_ref, page = first_page(writer)
    annot = generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject(subtype),
        generic.NameObject("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in box]),
        generic.NameObject("/AP"): generic.DictionaryObject({generic.NameObject("/N"): appearance(writer, box, b"FORGED")}),
        generic.NameObject("/Contents"): generic.TextStringObject("forged"),
    })
    annots = page.get("/Annots", generic.ArrayObject())
    annots.append(writer.add_object(annot))
    page[generic.NameObject("/Annots")] = annots
    writer.update_container(page)


# --------------------------------------------------------------------------- legitimate co-signing stays intact


def test_a_member_co_signs_in_the_documents_own_slot(certs: dict[str, Path], with_slot: bytes, tmp_path: Path) -> None:
    (slot,) = [s for s in signature_slots(with_slot) if not s.filled]
    assert slot.name == "DabirSlot1" and slot.label == "عضو: علی رضایی" and slot.page == 0
    cosigned = sign_pdf(with_slot, certs["member"], PASSWORD, when=LATER, slot=slot.name)
    text = check(cosigned, tmp_path, ok=True)
    report = verify_pdf(cosigned, now=LATER)
    first, second = report.signatures
    assert not first.co_signing and second.co_signing and second.signer == "علی رضایی"
    assert first.changes_after == () and second.covers_whole_file
    assert "امضای همکار در جای امضای خود سند" in text and "علی رضایی" in text
    with pytest.raises(UserError) as again:
        sign_pdf(cosigned, certs["member"], PASSWORD, when=LATER, slot=slot.name)
    assert again.value.code == "slot_filled"


def test_two_certificates_with_one_name_are_told_apart(certs: dict[str, Path], with_slot: bytes,
                                                      tmp_path: Path) -> None:
    cosigned = sign_pdf(with_slot, certs["namesake"], PASSWORD, when=LATER, slot="DabirSlot1")
    report = verify_pdf(cosigned, now=LATER)
    assert report.ok, report.describe()
    one, two = report.signatures
    assert one.signer == two.signer == "مریم احمدی" and one.fingerprint != two.fingerprint
    text = report.describe()
    assert text.count("مریم احمدی") >= 2 and one.fingerprint in text and two.fingerprint in text
    assert "امضای ۱ از ۲" in text and "امضای ۲ از ۲" in text


def test_the_report_lists_every_signature_with_jalali_and_iso_times(with_slot: bytes, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "s.pdf"
    target.write_bytes(with_slot)
    assert main(["verify", str(target)]) == 0
    out = capsys.readouterr().out
    assert "۱۴۰۳/۰۹/۰۳ ساعت ۱۰:۳۰" in out and "2024-11-23T10:30:00+03:30" in out
    assert "استانداری همدان" in out and "SHA-256" in out and "مورد اعتماد نیست" in out


# --------------------------------------------------------------------------- forged after signing


def test_a_new_empty_signature_field_painting_over_the_header(with_slot: bytes, tmp_path: Path) -> None:
    def forge(writer: IncrementalPdfFileWriter) -> None:
        fields.append_signature_field(writer, fields.SigFieldSpec("Forged", on_page=0, box=HEADER))
        for _, _, ref in fields.enumerate_sig_fields(writer, with_name="Forged"):
            widget = ref.get_object()
            widget[generic.NameObject("/AP")] = generic.DictionaryObject(
                {generic.NameObject("/N"): appearance(writer, HEADER, b"RESOLUTION 1: PAY 9000")})
            writer.update_container(widget)

    text = check(incremental(with_slot, forge), tmp_path, ok=False)
    assert pdf_revisions.CHANGE_FIELD in text and "سالم" not in text.splitlines()[0]


def test_a_second_signature_stamped_over_the_content(certs: dict[str, Path], with_slot: bytes,
                                                    tmp_path: Path) -> None:
    other = load_certificate(certs["member"], PASSWORD, now=LATER)
    forged = sign_pdf_with(with_slot, other, when=LATER, field_box=(0, HEADER))
    text = check(forged, tmp_path, ok=False)
    assert pdf_revisions.CHANGE_OTHER_SIGNATURE in text
    report = verify_pdf(forged, now=LATER)
    assert [c.intact for c in report.signatures] == [True, True]  # both valid as signatures…
    assert report.signatures[0].changes_after and not report.signatures[1].co_signing  # …the first was overwritten


def test_an_added_annotation(with_slot: bytes, tmp_path: Path) -> None:
    text = check(incremental(with_slot, lambda w: add_annotation(w, "/FreeText", HEADER)), tmp_path, ok=False)
    assert pdf_revisions.CHANGE_ANNOTATION in text


@pytest.mark.parametrize("subtype", ["/Stamp", "/Redact", "/Square"])
def test_evil_annotation(with_slot: bytes, tmp_path: Path, subtype: str) -> None:
    text = check(incremental(with_slot, lambda w: add_annotation(w, subtype, HEADER)), tmp_path, ok=False)
    assert pdf_revisions.CHANGE_ANNOTATION in text


def test_an_added_content_stream(with_slot: bytes, tmp_path: Path) -> None:
    def forge(writer: IncrementalPdfFileWriter) -> None:
        writer.add_stream_to_page(0, writer.add_object(
            generic.StreamObject(stream_data=b"1 1 1 rg 0 700 612 92 re f BT /F1 24 Tf 72 720 Td (pay 9000) Tj ET")))

    text = check(incremental(with_slot, forge), tmp_path, ok=False)
    assert pdf_revisions.CHANGE_CONTENT in text


def test_the_signature_box_re_stamped(with_slot: bytes, tmp_path: Path) -> None:
    def forge(writer: IncrementalPdfFileWriter) -> None:
        for _, value, ref in fields.enumerate_sig_fields(writer):
            widget = ref.get_object()
            if value is not None:
                box = tuple(float(v) for v in widget["/Rect"])
                widget[generic.NameObject("/AP")] = generic.DictionaryObject(
                    {generic.NameObject("/N"): appearance(writer, box, b"SIGNED BY SOMEONE ELSE")})
                writer.update_container(widget)

    text = check(incremental(with_slot, forge), tmp_path, ok=False)
    assert pdf_revisions.CHANGE_APPEARANCE in text


def test_a_metadata_only_change_is_reported_as_such(with_slot: bytes, tmp_path: Path) -> None:
    def forge(writer: IncrementalPdfFileWriter) -> None:
        info = writer.trailer["/Info"]
        info[generic.NameObject("/Title")] = generic.TextStringObject("another title")
        writer.update_container(info)

    text = check(incremental(with_slot, forge), tmp_path, ok=False)
    assert pdf_revisions.CHANGE_METADATA in text


def test_a_co_signers_box_moved_or_enlarged_over_the_page(certs: dict[str, Path], with_slot: bytes,
                                                         tmp_path: Path) -> None:
    writer = IncrementalPdfFileWriter(io.BytesIO(with_slot))
    for _, _, ref in fields.enumerate_sig_fields(writer, with_name="DabirSlot1"):
        widget = ref.get_object()
        widget[generic.NameObject("/Rect")] = generic.ArrayObject([generic.FloatObject(v) for v in HEADER])
        writer.update_container(widget)
    signer = signers.SimpleSigner.load_pkcs12(str(certs["member"]), passphrase=PASSWORD.encode())
    assert signer is not None
    out = signers.PdfSigner(signers.PdfSignatureMetadata(field_name="DabirSlot1"), signer).sign_pdf(
        writer, existing_fields_only=True)
    text = check(out.getvalue(), tmp_path, ok=False)
    assert pdf_revisions.CHANGE_RECT in text


# --------------------------------------------------------------------------- shadow attacks


@pytest.fixture(scope="module")
def shadowed(certs: dict[str, Path]) -> tuple[bytes, int]:
    """A document signed with a white overlay hiding a line, and an unused «shadow» stream inside it."""
    def prepare(writer: IncrementalPdfFileWriter) -> None:
        writer.add_stream_to_page(0, writer.add_object(generic.StreamObject(stream_data=b"1 1 1 rg 0 700 612 92 re f")))
        writer.add_object(generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 720 Td (PAY 9000 SHADOW) Tj ET"))
        writer.root[generic.NameObject("/ShadowKeep")] = generic.NullObject()  # keep the catalog in the update
        writer.update_root()

    base = incremental(tiny_pdf(), prepare)
    reader = PdfFileReader(io.BytesIO(base))
    shadow = max(ref.idnum for ref in reader.xrefs.explicit_refs_in_revision(1))
    return sign_pdf(base, certs["secretary"], PASSWORD, when=WHEN, field_box=BOX), shadow


def test_shadow_hide(shadowed: tuple[bytes, int], tmp_path: Path) -> None:
    signed, _ = shadowed

    def reveal(writer: IncrementalPdfFileWriter) -> None:
        _, page = first_page(writer)
        page[generic.NameObject("/Contents")] = generic.ArrayObject(list(page["/Contents"].get_object())[:1]) \
            if isinstance(page["/Contents"], generic.ArrayObject) else page.raw_get("/Contents")
        writer.update_container(page)

    text = check(incremental(signed, reveal), tmp_path, ok=False)
    assert pdf_revisions.CHANGE_CONTENT in text


def test_shadow_hide_and_replace(shadowed: tuple[bytes, int], tmp_path: Path) -> None:
    signed, shadow = shadowed

    def swap(writer: IncrementalPdfFileWriter) -> None:
        _, page = first_page(writer)
        page[generic.NameObject("/Contents")] = generic.IndirectObject(shadow, 0, writer)
        writer.update_container(page)

    text = check(incremental(signed, swap), tmp_path, ok=False)
    assert pdf_revisions.CHANGE_CONTENT in text


def test_shadow_replace_a_form_value(certs: dict[str, Path], tmp_path: Path) -> None:
    signed = sign_pdf(tiny_pdf(form_value="1000"), certs["secretary"], PASSWORD, when=WHEN, field_box=BOX)

    def replace(writer: IncrementalPdfFileWriter) -> None:
        for ref in writer.root["/AcroForm"]["/Fields"]:
            field = ref.get_object()
            if field.get("/T") == "amount":
                field[generic.NameObject("/V")] = generic.TextStringObject("9000")
                writer.update_container(field)

    check(incremental(signed, replace), tmp_path, ok=False)


# --------------------------------------------------------------------------- incremental saving attack


def test_objects_appended_without_an_xref(with_slot: bytes, tmp_path: Path) -> None:
    forged = with_slot + b"\n99 0 obj\n<< /Type /Annot /Subtype /FreeText /Rect [0 700 612 792] >>\nendobj\n"
    text = check(forged, tmp_path, ok=False)
    assert "بایت" in text


def test_a_broken_startxref_that_readers_repair(with_slot: bytes, tmp_path: Path) -> None:
    forged = incremental(with_slot, lambda w: add_annotation(w, "/FreeText", HEADER))
    head, number, tail = re.match(rb"(.*startxref\s+)(\d+)(\s*%%EOF\s*)$", forged, re.S).groups()  # type: ignore[union-attr]
    broken = head + str(int(number) + 3).encode() + tail
    check(broken, tmp_path, ok=False)


def test_generation_number_confusion(with_slot: bytes, tmp_path: Path) -> None:
    reader = PdfFileReader(io.BytesIO(with_slot))
    page_ref = reader.root["/Pages"].raw_get("/Kids").raw_get(0)
    size = int(reader.trailer["/Size"])
    prev = reader.xrefs.get_startxref_for_revision(reader.xrefs.total_revisions - 1)
    root = reader.trailer.raw_get("/Root")
    body = b"%d 1 obj\n<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R >>\nendobj\n" % (
        page_ref.idnum, reader.root.raw_get("/Pages").idnum, size)
    body += b"%d 0 obj\n<< /Length 30 >>\nstream\nBT /F1 24 Tf (pay 9000) Tj ET\nendstream\nendobj\n" % size
    start = len(with_slot) + 1
    first = start
    second = start + body.index(b"%d 0 obj" % size)
    xref_at = start + len(body)
    xref = (b"xref\n%d 1\n%010d 00001 n \n%d 1\n%010d 00000 n \n" % (page_ref.idnum, first, size, second)
            + b"trailer\n<< /Size %d /Root %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
            % (size + 1, root.idnum, prev, xref_at))
    check(with_slot + b"\n" + body + xref, tmp_path, ok=False)


def test_a_hybrid_xref_stream(with_slot: bytes, tmp_path: Path) -> None:
    reader = PdfFileReader(io.BytesIO(with_slot))
    size = int(reader.trailer["/Size"])
    prev = reader.xrefs.get_startxref_for_revision(reader.xrefs.total_revisions - 1)
    root = reader.trailer.raw_get("/Root")
    start = len(with_slot) + 1
    annot = b"%d 0 obj\n<< /Type /Annot /Subtype /FreeText /Rect [0 700 612 792] >>\nendobj\n" % size
    entry = bytes([1]) + start.to_bytes(4, "big") + bytes(2)
    xref_stream_at = start + len(annot)
    stream_obj = (b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Index [%d 1] /Length %d >>\nstream\n"
                  % (size + 1, size + 2, size, len(entry)) + entry + b"\nendstream\nendobj\n")
    xref_at = xref_stream_at + len(stream_obj)
    table = (b"xref\n%d 1\n%010d 00000 n \ntrailer\n<< /Size %d /Root %d 0 R /Prev %d /XRefStm %d >>\n"
             b"startxref\n%d\n%%%%EOF\n" % (size + 1, xref_stream_at, size + 2, root.idnum, prev,
                                           xref_stream_at, xref_at))
    check(with_slot + b"\n" + annot + stream_obj + table, tmp_path, ok=False)


# --------------------------------------------------------------------------- universal signature forgery


def _signature_object(writer: IncrementalPdfFileWriter) -> generic.DictionaryObject:
    for _, value, _ in fields.enumerate_sig_fields(writer, filled_status=True):
        return value.get_object()  # type: ignore[no-any-return]
    raise AssertionError("no signature")


USF_VALUES = {
    "removed": None,
    "empty": lambda key: generic.ArrayObject() if key == "/ByteRange" else generic.ByteStringObject(b""),
    "null": lambda key: generic.NullObject(),
    "zero": lambda key: generic.ArrayObject([generic.NumberObject(0)] * 4) if key == "/ByteRange"
    else generic.ByteStringObject(bytes(64)),
}


@pytest.mark.parametrize("key", ["/Contents", "/ByteRange", "/Filter", "/SubFilter"])
@pytest.mark.parametrize("how", list(USF_VALUES))
def test_universal_signature_forgery(with_slot: bytes, tmp_path: Path, key: str, how: str) -> None:
    def forge(writer: IncrementalPdfFileWriter) -> None:
        sig = _signature_object(writer)
        make = USF_VALUES[how]
        if make is None:
            del sig[key]
        else:
            sig[generic.NameObject(key)] = make(key)
        writer.update_container(sig)

    check(incremental(with_slot, forge), tmp_path, ok=False)


@pytest.mark.parametrize("key", [b"/Contents", b"/ByteRange", b"/Filter", b"/SubFilter"])
def test_universal_signature_forgery_in_place(with_slot: bytes, tmp_path: Path, key: bytes) -> None:
    """The key and its value blanked with spaces, so every offset still holds."""
    at = with_slot.rindex(key)
    value = re.compile(rb"\s*(<[0-9a-fA-F]*>|\[[^\]]*\]|/[A-Za-z.]+)").match(with_slot, at + len(key))
    assert value is not None
    forged = with_slot[:at] + b" " * (value.end() - at) + with_slot[value.end():]
    check(forged, tmp_path, ok=False)


# --------------------------------------------------------------------------- signature wrapping


def test_signature_wrapping(with_slot: bytes, tmp_path: Path) -> None:
    """New objects hidden inside the excluded /Contents hole, the signature value shortened to make room."""
    reader = PdfFileReader(io.BytesIO(with_slot))
    (sig,) = [s for s in reader.embedded_signatures]
    _, a, b, _ = (int(v) for v in sig.byte_range)
    hole = with_slot[a:b]
    value = hole[1:-1].rstrip(b"0")
    payload = b"> 99 0 obj (PAY 9000) endobj "
    new_hole = b"<" + value + payload
    new_hole += b" " * (len(hole) - len(new_hole))
    assert len(new_hole) == len(hole)
    check(with_slot[:a] + new_hole + with_slot[b:], tmp_path, ok=False)


# --------------------------------------------------------------------------- signature stripping


def test_a_signature_emptied_in_a_later_revision(with_slot: bytes, tmp_path: Path) -> None:
    def strip(writer: IncrementalPdfFileWriter) -> None:
        for _, _value, ref in fields.enumerate_sig_fields(writer, filled_status=True):
            field = ref.get_object()
            del field["/V"]
            writer.update_container(field)

    text = check(incremental(with_slot, strip), tmp_path, ok=False)
    assert "برداشته" in text


def test_a_signature_field_removed_from_the_form(with_slot: bytes, tmp_path: Path) -> None:
    def strip(writer: IncrementalPdfFileWriter) -> None:
        form = writer.root["/AcroForm"]
        form[generic.NameObject("/Fields")] = generic.ArrayObject(
            [f for f in form["/Fields"] if "/V" not in f.get_object()])
        writer.update_container(form)
        _, page = first_page(writer)
        page[generic.NameObject("/Annots")] = generic.ArrayObject(
            [a for a in page["/Annots"] if "/V" not in a.get_object()])
        writer.update_container(page)

    text = check(incremental(with_slot, strip), tmp_path, ok=False)
    assert "برداشته" in text


def test_a_stripped_copy_reads_as_unsigned_never_as_signed(with_slot: bytes, tmp_path: Path) -> None:
    unsigned_end = pdf_revisions.revision_ends(with_slot, PdfFileReader(io.BytesIO(with_slot)))[0]
    report = verify_pdf(with_slot[:unsigned_end], now=LATER)
    assert not report.ok and not report.signed
    assert "امضای دیجیتال ندارد" in report.describe()


# --------------------------------------------------------------------------- certificates and odd files


def test_a_certificate_expired_or_not_yet_valid_at_signing_time_fails(tmp_path: Path) -> None:
    old = tmp_path / "old.p12"
    made = WHEN - dt.timedelta(days=40)
    create_local_certificate(old, PASSWORD, name="مریم احمدی", now=made, valid_days=30)
    certificate = load_certificate(old, PASSWORD, now=made + dt.timedelta(days=1))  # opened while valid
    expired = sign_pdf_with(tiny_pdf(), certificate, when=WHEN, field_box=BOX)
    text = check(expired, tmp_path, ok=False)
    assert "منقضی شده بود" in text and "۱۴۰۳/۰۸/۲۳" in text  # it ended on 2024-11-13
    early = sign_pdf_with(tiny_pdf(), certificate, when=made - dt.timedelta(days=2), field_box=BOX)
    assert "هنوز معتبر نشده بود" in check(early, tmp_path, ok=False)


def test_an_encrypted_signed_pdf_is_checked(certs: dict[str, Path], tmp_path: Path) -> None:
    permissions_only = tiny_pdf(encrypt=StandardEncryption("", ownerPassword="owner-secret", canModify=0))
    signed = sign_pdf(permissions_only, certs["secretary"], PASSWORD, when=WHEN, field_box=BOX)
    text = check(signed, tmp_path, ok=True)
    assert "رمزگذاری شده" in text

    locked = tiny_pdf(encrypt=StandardEncryption("open-me", ownerPassword="owner-secret"))
    writer = IncrementalPdfFileWriter(io.BytesIO(locked))
    writer.encrypt("open-me")
    signer = signers.SimpleSigner.load_pkcs12(str(certs["secretary"]), passphrase=PASSWORD.encode())
    assert signer is not None
    out = signers.PdfSigner(signers.PdfSignatureMetadata(field_name="S"), signer).sign_pdf(writer)
    report = verify_pdf(out.getvalue(), now=LATER)
    assert not report.ok and "گذرواژه" in report.describe() and "خوانا نیست" not in report.describe()


@pytest.mark.parametrize("content", [b"", b"%PDF-1.7\n", b"%PDF-1.4\n1 0 obj\n<< /ByteRange [0 1 2 3]"])
def test_empty_truncated_and_broken_files(content: bytes, tmp_path: Path) -> None:
    check(content, tmp_path, ok=False)


def test_a_truncated_signed_file(with_slot: bytes, tmp_path: Path) -> None:
    text = check(with_slot[: len(with_slot) - 200], tmp_path, ok=False)
    assert "سالم" not in text.splitlines()[0]


def test_extract_signed_writes_the_revision_the_signature_covers(with_slot: bytes, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    forged = incremental(with_slot, lambda w: add_annotation(w, "/FreeText", HEADER))
    source, out = tmp_path / "forged.pdf", tmp_path / "as-signed.pdf"
    source.write_bytes(forged)
    assert main(["verify", str(source), "--extract-signed", str(out)]) == 1
    assert out.read_bytes() == with_slot  # byte for byte what the secretary signed
    assert "as-signed.pdf" in capsys.readouterr().out
    assert verify_pdf(out.read_bytes(), now=LATER).ok
    unsigned = tmp_path / "plain.pdf"
    unsigned.write_bytes(tiny_pdf())
    assert main(["verify", str(unsigned), "--extract-signed", str(tmp_path / "none.pdf")]) == 1
    assert not (tmp_path / "none.pdf").exists()
