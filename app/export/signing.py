"""Signing a PDF (امضای دیجیتال) and checking a signed one.

``sign_pdf`` adds a PAdES baseline (B-B) signature with pyHanko, optionally
with a visible box whose Persian appearance comes from
:mod:`app.export.signature_stamp`. The first signature can add empty
signature slots (``empty_slots``) for the members who co-sign later; a
co-signer fills one (``slot=``), which is the only change after a signature
that :mod:`app.export.verification` accepts.

Both work on bytes; writing the file (atomically) is the caller's business.
Importing this module loads pyHanko (about half a second): import it where a
signature is made or checked, not at start-up.
"""

from __future__ import annotations

import binascii
import datetime as dt
import io
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asn1crypto import keys, x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import ECDSA, EllipticCurvePrivateKey
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils.content import PdfContent
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_signer import PdfSigningSession
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from app.errors import UserError
from app.export.certificates import LoadedCertificate, load_certificate
from app.export.signature_stamp import render_stamp, stamp_lines
from app.export.verification import jalali_date_time

__all__ = ["EmptySlot", "FieldBox", "SlotInfo", "jalali_date_time", "sign_pdf", "sign_pdf_with", "signature_slots",
           "simple_signer"]

# (page index, (x1, y1, x2, y2)) in PDF points, origin at the bottom left; a negative index counts from the end.
FieldBox = tuple[int, tuple[float, float, float, float]]

_FIELD_PREFIX = "DabirSignature"
SLOT_PREFIX = "DabirSlot"


@dataclass(frozen=True)
class EmptySlot:
    """An empty signature field for a co-signer: its place, and whose it is (shown as the field's tooltip)."""

    box: FieldBox
    label: str


@dataclass(frozen=True)
class SlotInfo:
    """A signature field of a document, as :func:`signature_slots` finds it."""

    name: str
    label: str
    page: int
    box: tuple[float, float, float, float]
    filled: bool


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.astimezone()


# ---------------------------------------------------------------------------- signing


def sign_pdf(
    pdf: bytes,
    p12_path: Path,
    password: str,
    *,
    signer_name: str | None = None,
    when: dt.datetime,
    field_box: FieldBox | None = None,
    slot: str | None = None,
    empty_slots: Sequence[EmptySlot] = (),
    reason: str | None = None,
    location: str | None = None,
) -> bytes:
    """``pdf`` with a PAdES signature made with the PKCS#12 certificate at ``p12_path``.

    ``when`` is the signing time written into the signature and shown in the
    box; the certificate must be valid then. ``signer_name`` defaults to the
    certificate's name. The signature goes into a new field (visible in
    ``field_box``, or invisible), or with ``slot`` into that existing empty
    signature field; ``empty_slots`` are added, empty, in the same revision
    for co-signers. Errors: those of :func:`load_certificate`,
    ``pdf_unreadable`` when ``pdf`` is not a PDF pyHanko can sign,
    ``slot_unknown`` / ``slot_filled`` for a slot that is not an empty one of
    the document; a box on a page the document lacks, or under 10 points a
    side, is a ValueError (the caller's bug, not the user's).
    """
    certificate = load_certificate(p12_path, password, now=_aware(when))
    return sign_pdf_with(pdf, certificate, signer_name=signer_name, when=when, field_box=field_box, slot=slot,
                         empty_slots=empty_slots, reason=reason, location=location)


def sign_pdf_with(
    pdf: bytes,
    certificate: LoadedCertificate,
    *,
    signer_name: str | None = None,
    when: dt.datetime,
    field_box: FieldBox | None = None,
    slot: str | None = None,
    empty_slots: Sequence[EmptySlot] = (),
    reason: str | None = None,
    location: str | None = None,
) -> bytes:
    """:func:`sign_pdf` with a certificate already opened (one password prompt for many files)."""
    when = _aware(when)
    name = (signer_name or certificate.info.name).strip()
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        if writer.prev.encrypted:
            writer.encrypt("")  # opened without a password (permissions only); else PdfError below
        existing = len(writer.prev.embedded_signatures)
        page_count = int(writer.root["/Pages"]["/Count"])
        slots = {info.name: info for info in _slots(writer.prev)}
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise UserError("pdf_unreadable", "پرونده PDF خوانا نیست و امضا نشد.", english="the PDF cannot be read") from exc
    if slot is not None and field_box is not None:
        raise ValueError("a signature goes either into a slot or into a new box, not both")
    for extra in empty_slots:
        _check_box(extra.box, page_count)
    post = certificate.info.post if name == certificate.info.name else ""  # the holder's post, not another's

    stamp_style = None
    spec = None
    if slot is not None:
        info = slots.get(slot)
        if info is None:
            raise UserError("slot_unknown", f"جای امضای «{slot}» در این پرونده نیست.", english=f"no slot {slot}")
        if info.filled:
            raise UserError("slot_filled", f"جای امضای «{info.label or slot}» پیش‌تر امضا شده است.",
                            english=f"slot {slot} is already signed")
        field_name = slot
        x1, y1, x2, y2 = info.box
        stamp_style = _stamp_style(round(x2 - x1), round(y2 - y1), name, post, when)
    else:
        field_name = f"{_FIELD_PREFIX}{existing + 1}"
        if field_box is None:
            spec = fields.SigFieldSpec(sig_field_name=field_name)  # invisible: no widget on a page
        else:
            page, box = _check_box(field_box, page_count)
            stamp_style = _stamp_style(box[2] - box[0], box[3] - box[1], name, post, when)
            spec = fields.SigFieldSpec(sig_field_name=field_name, on_page=page, box=box)
    taken = set(slots)
    for extra in empty_slots:
        slot_name = next(f"{SLOT_PREFIX}{n}" for n in range(1, 10_000) if f"{SLOT_PREFIX}{n}" not in taken)
        taken.add(slot_name)
        page, box = _check_box(extra.box, page_count)
        fields.append_signature_field(writer, fields.SigFieldSpec(sig_field_name=slot_name, on_page=page, box=box))
        _label_field(writer, slot_name, extra.label)

    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        name=name or None,
        reason=reason,
        location=location,
    )
    pdf_signer = _ClockedPdfSigner(meta, _simple_signer(certificate), stamp_style=stamp_style,
                                   new_field_spec=spec, when=when)
    try:
        out = pdf_signer.sign_pdf(writer, existing_fields_only=slot is not None)
    except PdfError as exc:  # a broken object met only while writing the signed revision
        raise UserError("pdf_unreadable", "پرونده PDF خوانا نیست و امضا نشد.", english="the PDF cannot be read") from exc
    return bytes(out.getvalue())


def signature_slots(pdf: bytes) -> list[SlotInfo]:
    """The visible signature fields of ``pdf``, filled or empty, in the document's order."""
    try:
        return _slots(PdfFileReader(io.BytesIO(pdf), strict=False))
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise UserError("pdf_unreadable", "پرونده PDF خوانا نیست.", english="the PDF cannot be read") from exc


def _slots(reader: Any) -> list[SlotInfo]:
    pages = {}
    for index in range(int(reader.root["/Pages"]["/Count"])):
        page_ref = reader.find_page_for_modification(index)[0]
        pages[(page_ref.idnum, page_ref.generation)] = index
    out = []
    for name, value, field_ref in fields.enumerate_sig_fields(reader):
        field = field_ref.get_object()
        widget = field if "/Rect" in field else field["/Kids"][0].get_object()
        x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
        if x2 - x1 < 1 or y2 - y1 < 1:
            continue  # an invisible signature is not a place to sign
        page_raw = widget.raw_get("/P") if "/P" in widget else None
        page = pages.get((page_raw.idnum, page_raw.generation), 0) if page_raw is not None else 0
        out.append(SlotInfo(str(name), str(field.get("/TU", "")), page, (x1, y1, x2, y2), value is not None))
    return out


def _label_field(writer: IncrementalPdfFileWriter, name: str, label: str) -> None:
    for _field_name, _, field_ref in fields.enumerate_sig_fields(writer, with_name=name):
        field = field_ref.get_object()
        field["/TU"] = generic.TextStringObject(label)
        writer.update_container(field)


def _check_box(field_box: FieldBox, page_count: int) -> tuple[int, tuple[int, int, int, int]]:
    page, (x1, y1, x2, y2) = field_box
    if not -page_count <= page < page_count:
        raise ValueError(f"page {page} is outside a document of {page_count} pages")
    box = (round(min(x1, x2)), round(min(y1, y2)), round(max(x1, x2)), round(max(y1, y2)))
    if box[2] - box[0] < 10 or box[3] - box[1] < 10:
        raise ValueError(f"signature box {field_box} is too small to draw in")
    return page % page_count, box


def _simple_signer(certificate: LoadedCertificate) -> signers.SimpleSigner:
    der = serialization.Encoding.DER
    key = keys.PrivateKeyInfo.load(certificate.private_key.private_bytes(
        der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    cert = x509.Certificate.load(certificate.certificate.public_bytes(der))
    chain = [x509.Certificate.load(c.public_bytes(der)) for c in certificate.chain]
    return _OpenedKeySigner(certificate.private_key, signing_cert=cert, signing_key=key,
                            cert_registry=SimpleCertificateStore.from_certs([cert, *chain]))


simple_signer = _simple_signer  # the quarterly package's manifest is signed with it too (app.package.cms)


class _OpenedKeySigner(signers.SimpleSigner):
    """SimpleSigner that signs with the key object opened once by :func:`load_certificate`.

    pyHanko's SimpleSigner parses the key from DER again for every raw
    signature, and OpenSSL then re-checks an RSA key: about 40 ms, twice per
    document (the size estimate and the real signature), most of the time spent.
    """

    def __init__(self, private_key: PrivateKeyTypes, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._private_key = private_key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        try:
            algorithm = mechanism.signature_algo
        except ValueError:
            algorithm = mechanism["algorithm"].native
        hash_algorithm = get_pyca_cryptography_hash(digest_algorithm)
        if algorithm == "rsassa_pkcs1v15" and isinstance(self._private_key, RSAPrivateKey):
            return self._private_key.sign(data, PKCS1v15(), hash_algorithm)
        if algorithm == "ecdsa" and isinstance(self._private_key, EllipticCurvePrivateKey):
            return self._private_key.sign(data, ECDSA(hash_algorithm))
        return bytes(super().sign_raw(data, digest_algorithm))  # PSS, EdDSA…: pyHanko's own way


def _stamp_style(width: int, height: int, name: str, post: str, when: dt.datetime) -> StaticStampStyle:
    appearance = render_stamp(width, height, stamp_lines(name, when, post=post))
    return StaticStampStyle(
        background=_ImportedPdfBytes(appearance),
        background_opacity=1.0,
        border_width=0,  # the appearance draws its own frame
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0),
        ),
    )


class _ImportedPdfBytes(PdfContent):
    """First page of an in-memory PDF as a form XObject (pyHanko's ImportedPdfPage wants a file name)."""

    def __init__(self, pdf: bytes) -> None:
        super().__init__()
        self._pdf = pdf

    def render(self) -> bytes:
        xobj = self._ensure_writer.import_page_as_xobject(PdfFileReader(io.BytesIO(self._pdf)), page_ix=0)
        resource_name = b"/Stamp" + binascii.hexlify(uuid.uuid4().bytes)
        self.resources.xobject[resource_name.decode("ascii")] = xobj
        x1, y1, x2, y2 = xobj.get_object()["/BBox"]
        self.box = layout.BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
        return resource_name + b" Do"


class _ClockedPdfSigner(signers.PdfSigner):
    """PdfSigner with an injected signing time.

    pyHanko takes the signing time (/M, and the box) from the signing session's
    ``system_time``, which it sets from the real clock; tests and the caller's
    own clock need a given one.
    """

    def __init__(self, *args: Any, when: dt.datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._when = when

    def init_signing_session(self, pdf_out: BasePdfFileWriter, existing_fields_only: bool = False
                             ) -> PdfSigningSession:
        session = super().init_signing_session(pdf_out, existing_fields_only)
        session.system_time = self._when
        return session
