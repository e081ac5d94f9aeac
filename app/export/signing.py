"""Signing a PDF (امضای دیجیتال) and checking a signed one.

``sign_pdf`` adds a PAdES baseline (B-B) signature with pyHanko, optionally
with a visible box whose Persian appearance comes from
:mod:`app.export.signature_stamp`. ``verify_pdf`` says whether a file is
signed, whether it is unchanged since, who signed it and when, and whether the
signer's certificate leads to one of the trust roots given.

Both work on bytes; writing the file (atomically) is the caller's business.
Importing this module loads pyHanko (about half a second): import it where a
signature is made or checked, not at start-up.
"""

from __future__ import annotations

import binascii
import datetime as dt
import io
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asn1crypto import keys, pem, x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import ECDSA, EllipticCurvePrivateKey
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.content import PdfContent
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.ades.report import AdESFailure, AdESIndeterminate
from pyhanko.sign.signers.pdf_signer import PdfSigningSession
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import ModificationLevel, PdfSignatureStatus, SignatureCoverageLevel
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from app.errors import UserError
from app.export.certificates import LoadedCertificate, load_certificate
from app.export.signature_stamp import render_stamp, stamp_lines
from app.persian.jalali import format_jalali, format_time
from app.persian.text import fa_number

__all__ = ["FieldBox", "SignatureCheck", "VerifyReport", "jalali_date_time", "sign_pdf", "sign_pdf_with", "verify_pdf"]

# pyHanko logs an untrusted or self-signed certificate as a warning with a traceback; here that is an
# expected answer, reported in VerifyReport. Without a handler of the app's own, Python would print it.
for _logger in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_logger).addHandler(logging.NullHandler())

# (page index, (x1, y1, x2, y2)) in PDF points, origin at the bottom left; a negative index counts from the end.
FieldBox = tuple[int, tuple[float, float, float, float]]

_FIELD_PREFIX = "DabirSignature"


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.astimezone()


def jalali_date_time(moment: dt.datetime) -> str:
    """«۱۴۰۳/۰۹/۰۳ ساعت ۱۰:۳۰», in the moment's own time zone."""
    return f"{format_jalali(moment.date())} ساعت {format_time(moment.time())}"


# ---------------------------------------------------------------------------- signing


def sign_pdf(
    pdf: bytes,
    p12_path: Path,
    password: str,
    *,
    signer_name: str | None = None,
    when: dt.datetime,
    field_box: FieldBox | None = None,
    reason: str | None = None,
    location: str | None = None,
) -> bytes:
    """``pdf`` with a PAdES signature made with the PKCS#12 certificate at ``p12_path``.

    ``when`` is the signing time written into the signature and shown in the
    box; the certificate must be valid then. ``signer_name`` defaults to the
    certificate's name. Errors: those of :func:`load_certificate`, and
    ``pdf_unreadable`` when ``pdf`` is not a PDF pyHanko can sign; a box on a
    page the document lacks, or under 10 points a side, is a ValueError (the
    caller's bug, not the user's).
    """
    certificate = load_certificate(p12_path, password, now=_aware(when))
    return sign_pdf_with(pdf, certificate, signer_name=signer_name, when=when, field_box=field_box,
                         reason=reason, location=location)


def sign_pdf_with(
    pdf: bytes,
    certificate: LoadedCertificate,
    *,
    signer_name: str | None = None,
    when: dt.datetime,
    field_box: FieldBox | None = None,
    reason: str | None = None,
    location: str | None = None,
) -> bytes:
    """:func:`sign_pdf` with a certificate already opened (one password prompt for many files)."""
    when = _aware(when)
    name = (signer_name or certificate.info.name).strip()
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        existing = len(writer.prev.embedded_signatures)
        page_count = int(writer.root["/Pages"]["/Count"])
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise UserError("pdf_unreadable", "پرونده PDF خوانا نیست و امضا نشد.", english="the PDF cannot be read") from exc
    field_name = f"{_FIELD_PREFIX}{existing + 1}"

    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        name=name or None,
        reason=reason,
        location=location,
    )
    stamp_style = None
    if field_box is None:
        spec = fields.SigFieldSpec(sig_field_name=field_name)  # invisible: no widget on a page
    else:
        page, (x1, y1, x2, y2) = field_box
        if not -page_count <= page < page_count:
            raise ValueError(f"page {page} is outside a document of {page_count} pages")
        box = (round(min(x1, x2)), round(min(y1, y2)), round(max(x1, x2)), round(max(y1, y2)))
        if box[2] - box[0] < 10 or box[3] - box[1] < 10:
            raise ValueError(f"signature box {field_box} is too small to draw in")
        post = certificate.info.post if name == certificate.info.name else ""  # the holder's post, not another's
        stamp_style = _stamp_style(box[2] - box[0], box[3] - box[1], name, post, when)
        spec = fields.SigFieldSpec(sig_field_name=field_name, on_page=page, box=box)

    pdf_signer = _ClockedPdfSigner(meta, _simple_signer(certificate), stamp_style=stamp_style,
                                   new_field_spec=spec, when=when)
    try:
        out = pdf_signer.sign_pdf(writer)
    except PdfError as exc:  # a broken object met only while writing the signed revision
        raise UserError("pdf_unreadable", "پرونده PDF خوانا نیست و امضا نشد.", english="the PDF cannot be read") from exc
    return bytes(out.getvalue())


def _simple_signer(certificate: LoadedCertificate) -> signers.SimpleSigner:
    der = serialization.Encoding.DER
    key = keys.PrivateKeyInfo.load(certificate.private_key.private_bytes(
        der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    cert = x509.Certificate.load(certificate.certificate.public_bytes(der))
    chain = [x509.Certificate.load(c.public_bytes(der)) for c in certificate.chain]
    return _OpenedKeySigner(certificate.private_key, signing_cert=cert, signing_key=key,
                            cert_registry=SimpleCertificateStore.from_certs([cert, *chain]))


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


# ---------------------------------------------------------------------------- verifying


@dataclass(frozen=True)
class SignatureCheck:
    """The check of one signature in a file."""

    signer: str
    signing_time: dt.datetime | None
    intact: bool  # the signed bytes are unchanged and the signature is mathematically valid
    covers_whole_file: bool
    changed_after: bool  # something other than further signatures was added after this signature
    trusted: bool
    problems: tuple[str, ...]


@dataclass
class VerifyReport:
    """What ``dabir verify`` says about a PDF.

    With several signatures, ``intact`` and ``trusted`` hold for all of them,
    ``signer`` names them all and ``signing_time`` is the latest's.
    """

    signed: bool
    intact: bool  # unchanged since signing (only further signatures may follow)
    covers_whole_file: bool  # the last signature covers every byte of the file
    signer: str
    signing_time: dt.datetime | None
    signing_time_jalali: str
    trusted: bool
    problems: list[str] = field(default_factory=list)
    signatures: list[SignatureCheck] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Signed and unchanged: the check passed (whether or not the signer is trusted)."""
        return self.signed and self.intact

    def describe(self) -> str:
        """A Persian summary, one fact a line, for the command line and the GUI."""
        if not self.signed:
            state = "ناموفق — امضای دیجیتالی برای بررسی پیدا نشد."
        elif self.intact:
            state = "سالم — پرونده پس از امضا تغییر نکرده است."
        else:
            state = "تغییر کرده — پرونده پس از امضا دست‌کاری شده یا امضا معتبر نیست."
        lines = [f"وضعیت: {state}"]
        if self.signed:
            lines.append(f"امضاکننده: {self.signer or 'نامعلوم'}")
            if self.signing_time is not None:
                lines.append(f"زمان امضا: {self.signing_time_jalali} ({self.signing_time.isoformat()})")
            if len(self.signatures) > 1:
                lines.append(f"شمار امضاها: {fa_number(len(self.signatures))}")
            trust = ("مورد اعتماد — گواهی امضاکننده به یکی از گواهی‌های مورد اعتماد می‌رسد." if self.trusted else
                     "مورد اعتماد نیست — درستی پرونده بررسی شد، ولی هویت امضاکننده تأیید نمی‌شود.")
            if self.intact:
                lines.append(f"اعتماد: {trust}")
        lines.extend(f"- {problem}" for problem in self.problems)
        return "\n".join(lines)


def verify_pdf(pdf: bytes | Path, *, trust_roots: Sequence[Path] = (), now: dt.datetime | None = None) -> VerifyReport:
    """Check every signature in ``pdf`` against the certificates in ``trust_roots`` (PEM or DER files).

    Certificates are judged at ``now`` (default: the real time); nothing is
    fetched from the network. A file that cannot be read as a PDF gives a
    failed report, not an error; a missing ``pdf`` path or a bad trust-root
    file raises UserError (``file_missing``, ``trust_root_invalid``).
    """
    data = _read_input(pdf)
    roots = [_load_trust_root(path) for path in trust_roots]

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_regular_signatures)
    except Exception:  # untrusted input: whatever the parser trips on, the answer is «unreadable»
        return _failed("پرونده PDF خوانا نیست یا آسیب دیده است.")
    if not embedded:
        return _failed("این پرونده امضای دیجیتال ندارد.")

    context_args: dict[str, Any] = {"trust_roots": roots, "allow_fetching": False}
    if now is not None:
        context_args["moment"] = _aware(now)
    checks = [_check_signature(sig, ValidationContext(**context_args)) for sig in embedded]

    last = checks[-1]
    names = list(dict.fromkeys(c.signer for c in checks if c.signer))
    problems = list(dict.fromkeys(p for c in checks for p in c.problems))
    return VerifyReport(
        signed=True,
        intact=all(c.intact and not c.changed_after for c in checks),
        covers_whole_file=last.covers_whole_file,
        signer="، ".join(names),
        signing_time=last.signing_time,
        signing_time_jalali=jalali_date_time(last.signing_time) if last.signing_time else "",
        trusted=all(c.trusted for c in checks),
        problems=problems,
        signatures=checks,
    )


def _failed(problem: str) -> VerifyReport:
    return VerifyReport(signed=False, intact=False, covers_whole_file=False, signer="", signing_time=None,
                        signing_time_jalali="", trusted=False, problems=[problem])


def _read_input(pdf: bytes | Path) -> bytes:
    if isinstance(pdf, bytes):
        return pdf
    try:
        return Path(pdf).read_bytes()
    except FileNotFoundError as exc:
        raise UserError("file_missing", f"پروندهٔ «{pdf}» پیدا نشد.", english=f"{pdf} not found") from exc
    except OSError as exc:
        raise UserError("file_missing", f"پروندهٔ «{pdf}» خوانده نشد: {exc.strerror or exc}",
                        english=f"cannot read {pdf}") from exc


def _load_trust_root(path: Path) -> x509.Certificate:
    try:
        data = Path(path).read_bytes()
        if pem.detect(data):
            _, _, data = pem.unarmor(data)
        cert = x509.Certificate.load(data)
        _ = cert.native  # parse it all now: a bad file fails here, not deep inside validation
        return cert
    except OSError as exc:
        raise UserError("trust_root_invalid", f"گواهی مورد اعتماد «{path}» خوانده نشد.",
                        english=f"cannot read trust root {path}") from exc
    except (ValueError, TypeError, KeyError) as exc:
        raise UserError("trust_root_invalid", f"«{path}» گواهی X.509 (PEM یا DER) نیست.",
                        english=f"{path} is not an X.509 certificate") from exc


def _check_signature(embedded: Any, context: ValidationContext) -> SignatureCheck:
    signer = _claimed_name(embedded)
    try:
        status = validate_pdf_signature(embedded, signer_validation_context=context)
    except Exception:  # untrusted input: a signature the checker cannot even evaluate is a failed one
        return SignatureCheck(signer=signer, signing_time=_self_reported_time(embedded), intact=False,
                              covers_whole_file=False, changed_after=True, trusted=False,
                              problems=("امضا خوانا نیست یا ساختار پرونده پس از امضا به هم خورده است.",))

    problems: list[str] = []
    signer = _common_name(status.signing_cert) or signer
    intact = bool(status.intact and status.valid)
    if not status.intact:
        problems.append("محتوای امضاشده تغییر کرده است: دست‌کم یک بایت پس از امضا عوض شده.")
    elif not status.valid:
        problems.append("امضای رمزنگاری‌شده با محتوا و گواهی جور درنمی‌آید.")
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    harmless = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING)
    changed_after = not whole and not (status.docmdp_ok and status.modification_level in harmless)
    if changed_after:
        problems.append("پس از این امضا چیزهایی به پرونده افزوده یا در آن عوض شده است.")
    trusted = bool(intact and status.trusted)
    if intact and not trusted:
        problems.append(_trust_problem(status))
    outside = _outside_validity(status.signing_cert, status.signer_reported_dt)
    if intact and outside:
        # A trust root is taken as it is, dates included; a signature the signer dates outside
        # their certificate's life is still not one to trust.
        trusted = False
        problems.append(outside)
    return SignatureCheck(signer=signer, signing_time=status.signer_reported_dt, intact=intact,
                          covers_whole_file=whole, changed_after=changed_after, trusted=trusted,
                          problems=tuple(problems))


def _trust_problem(status: PdfSignatureStatus) -> str:
    indic = status.trust_problem_indic
    if status.revoked or indic in (AdESFailure.REVOKED, AdESIndeterminate.REVOKED_NO_POE):
        return "گواهی امضاکننده باطل شده است."
    if indic in (AdESIndeterminate.OUT_OF_BOUNDS_NO_POE, AdESIndeterminate.OUT_OF_BOUNDS_NOT_REVOKED,
                 AdESIndeterminate.EXPIRED, AdESIndeterminate.NOT_YET_VALID, AdESFailure.NOT_YET_VALID):
        return "گواهی امضاکننده در زمان بررسی معتبر نیست (منقضی شده یا هنوز آغاز نشده)."
    if status.validation_path is None:
        local = " (این گواهی خودامضا است، مانند گواهی محلی دبیر)" if status.signing_cert.self_signed else ""
        return (f"گواهی امضاکننده به هیچ‌یک از گواهی‌های مورد اعتماد نمی‌رسد{local}؛ "
                "پس درستی پرونده ثابت است ولی هویت امضاکننده نه. "
                "برای اعتماد، گواهی صادرکننده را به گواهی‌های مورد اعتماد بیفزایید.")
    if indic == AdESIndeterminate.CHAIN_CONSTRAINTS_FAILURE:
        return "گواهی امضاکننده برای امضای سند صادر نشده است (کاربرد کلید یا محدودیت‌های زنجیره)."
    return f"گواهی امضاکننده تأیید نشد ({getattr(indic, 'name', indic)})."


def _outside_validity(cert: x509.Certificate, moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    validity = cert["tbs_certificate"]["validity"]
    not_before, not_after = validity["not_before"].native, validity["not_after"].native
    if moment < not_before or moment > not_after:
        return (f"زمان امضا بیرون از دورهٔ اعتبار گواهی است (اعتبار از {format_jalali(not_before.date())} "
                f"تا {format_jalali(not_after.date())}).")
    return ""


def _common_name(cert: Any) -> str:
    try:
        return str(cert.subject.native.get("common_name", "") or "")
    except (AttributeError, ValueError):
        return ""


def _claimed_name(embedded: Any) -> str:
    try:
        return str(embedded.sig_object.get("/Name", "") or "")
    except (AttributeError, ValueError, KeyError):
        return ""


def _self_reported_time(embedded: Any) -> dt.datetime | None:
    try:
        moment = embedded.self_reported_timestamp
        return moment if isinstance(moment, dt.datetime) else None
    except (AttributeError, ValueError, KeyError):
        return None
