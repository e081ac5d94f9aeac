"""Checking a signed PDF (بررسی امضا): what ``dabir verify`` and «بررسی امضا…» say.

The verdict fails closed. A file passes only when every signature in it is
mathematically valid over an entire revision (or the entire file), its
certificate was valid when it signed, every byte after the first signed
revision belongs to a proper revision, every filled signature field is one of
the signatures checked, and nothing changed after any signature except a
further signature filling one of the document's own empty signature slots
(co-signing by the members in the signature block). Anything else — a new
field or widget, an annotation, a changed appearance, content, a moved or
enlarged co-signer's box, a signature elsewhere on the page, metadata —
is «changed», and the report says what and after whom.
(:mod:`app.export.pdf_revisions` explains the checks beside pyHanko's.)

Trust is reported, not required: a local certificate proves that the file is
unchanged, not who signed it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asn1crypto import pem, x509
from pyhanko.pdf_utils import misc
from pyhanko.pdf_utils.crypt import AuthStatus
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESFailure, AdESIndeterminate
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from app.clock import SystemClock
from app.errors import UserError
from app.export import pdf_revisions
from app.files import read_bounded
from app.persian.jalali import format_jalali, format_time
from app.persian.text import fa_number, ltr_isolate

__all__ = ["SignatureCheck", "VerifyReport", "jalali_date_time", "load_trust_root", "read_pdf", "verify_pdf"]

for _logger in ("pyhanko", "pyhanko_certvalidator"):
    # pyHanko logs an untrusted certificate or a rejected revision as a warning with a traceback;
    # here those are expected answers, reported in VerifyReport.
    logging.getLogger(_logger).addHandler(logging.NullHandler())

# A signed minutes PDF is a few hundred KiB; a file this large is not one to parse whole in memory.
MAX_PDF_BYTES = 256 << 20
_MAX_CERT_BYTES = 1 << 20  # a certificate is a few kilobytes; a chain file a few dozen
# Left-to-right isolate around Latin runs (fingerprints, field names) inside Persian lines.
LRI, PDI = "\u2066", "\u2069"


def jalali_date_time(moment: dt.datetime) -> str:
    """«۱۴۰۳/۰۹/۰۳ ساعت ۱۰:۳۰», in the moment's own time zone."""
    return f"{format_jalali(moment.date())} ساعت {format_time(moment.time())}"


@dataclass(frozen=True)
class SignatureCheck:
    """The check of one signature, in the order the signatures were made."""

    index: int  # 1 for the first signature made
    field_name: str
    signer: str  # the certificate's common name (or the name the signature claims, if unreadable)
    organisation: str
    fingerprint: str  # SHA-256 of the signer's certificate, «AB:CD:…»
    signing_time: dt.datetime | None
    revision: int  # the revision this signature covers (0 is the file as first written)
    intact: bool  # its bytes are unchanged and the signature is mathematically valid over a whole revision
    covers_whole_file: bool
    valid_at_signing: bool  # the certificate was within its validity dates at the signing time
    trusted: bool
    co_signing: bool  # it fills an empty signature slot the document had before an earlier signature
    changes_after: tuple[str, ...]  # what changed after it that no signature slot explains (Persian)
    problems: tuple[str, ...]

    @property
    def changed_after(self) -> bool:
        return bool(self.changes_after)

    @property
    def ok(self) -> bool:
        return self.intact and self.valid_at_signing and not self.changes_after


@dataclass
class VerifyReport:
    """What ``dabir verify`` says about a PDF: every signature, and the file as a whole."""

    signed: bool
    intact: bool  # every signature valid, and nothing but further slot signatures after any of them
    trusted: bool  # every signer's certificate leads to a trust root
    signatures: list[SignatureCheck] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # every problem, file-level and per signature
    notes: list[str] = field(default_factory=list)  # facts that are not problems (an encrypted file…)
    signed_revision_end: int | None = None  # bytes of the latest revision every signature vouches for

    @property
    def ok(self) -> bool:
        """Signed, unchanged, and every certificate valid when it signed (trusted or not)."""
        return self.signed and self.intact and all(c.ok for c in self.signatures)

    @property
    def covers_whole_file(self) -> bool:
        return bool(self.signatures) and self.signatures[-1].covers_whole_file

    @property
    def signer(self) -> str:
        return "، ".join(dict.fromkeys(c.signer for c in self.signatures if c.signer))

    @property
    def signing_time(self) -> dt.datetime | None:
        return self.signatures[-1].signing_time if self.signatures else None

    @property
    def signing_time_jalali(self) -> str:
        return jalali_date_time(self.signing_time) if self.signing_time else ""

    def describe(self) -> str:
        """A Persian report, one fact a line, for the command line and the GUI."""
        if not self.signed:
            state = "ناموفق — امضای دیجیتالی برای بررسی پیدا نشد."
        elif self.ok:
            state = "سالم — پرونده پس از امضا تغییر نکرده است."
        else:
            state = "تغییر کرده — پرونده پس از امضا دست‌کاری شده یا امضا معتبر نیست."
        lines = [f"وضعیت: {state}"]
        lines += self.notes
        if self.signatures:
            lines.append(f"شمار امضاها: {fa_number(len(self.signatures))}")
        for check in self.signatures:
            lines += _describe_signature(check, len(self.signatures))
        file_level = [p for p in self.problems if not any(p in c.problems for c in self.signatures)]
        if file_level:
            lines.append("ایرادهای پرونده:")
            lines += [f"- {problem}" for problem in file_level]
        return "\n".join(lines)


def _describe_signature(check: SignatureCheck, count: int) -> list[str]:
    title = f"امضای {fa_number(check.index)} از {fa_number(count)}"
    if check.co_signing:
        title += " (امضای همکار در جای امضای خود سند)"
    who = check.signer or "نامعلوم"
    if check.organisation:
        who += f" — {check.organisation}"
    lines = [f"{title}:", f"  امضاکننده: {who}"]
    if check.fingerprint:
        lines.append(f"  اثر انگشت گواهی (SHA-256): {LRI}{check.fingerprint}{PDI}")
    if check.signing_time is not None:
        lines.append(f"  زمان امضا: {jalali_date_time(check.signing_time)} ({LRI}{check.signing_time.isoformat()}{PDI})")
    lines.append("  درستی: " + ("سالم" if check.intact else "تغییر کرده یا نامعتبر"))
    if check.trusted:
        lines.append("  اعتماد: مورد اعتماد — گواهی امضاکننده به یکی از گواهی‌های مورد اعتماد می‌رسد.")
    else:
        lines.append("  اعتماد: مورد اعتماد نیست — درستی پرونده بررسی شد، ولی هویت امضاکننده تأیید نمی‌شود.")
    if check.changes_after:
        lines.append("  پس از این امضا: " + "؛ ".join(check.changes_after) + ".")
    else:
        lines.append("  پس از این امضا: جز امضای همکاران در جاهای امضای سند، چیزی تغییر نکرده است.")
    lines += [f"  - {problem}" for problem in check.problems]
    return lines


# ---------------------------------------------------------------------------- the check


def verify_pdf(pdf: bytes | Path, *, trust_roots: Sequence[Path] = (), now: dt.datetime | None = None) -> VerifyReport:
    """Check every signature and revision of ``pdf`` against the certificates in ``trust_roots``.

    A certificate is judged at the signing time the signature states (there
    is no time-stamp to prove another); ``now`` (default: the real time) is
    when the check happens. Nothing is fetched from the network. A file that
    cannot be read gives a failed report, not an error; a missing ``pdf``
    path or a bad trust-root file raises UserError (``file_missing``,
    ``file_too_large``, ``trust_root_invalid``).
    """
    data = read_pdf(pdf)
    roots = [load_trust_root(path) for path in trust_roots]
    now = _aware(now or SystemClock().now())  # callers pass their clock; alone, the computer's

    if data.lstrip(b"\x00\t\n\r ")[:5] != b"%PDF-":
        return _failed("این پرونده PDF نیست یا خوانا نیست.", signed=False)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=True)
    except Exception:  # untrusted input: whatever the strict parser refuses is not vouched for
        return _unreadable(data)
    notes: list[str] = []
    if reader.encrypted:
        try:
            opened = reader.decrypt("").status != AuthStatus.FAILED
        except Exception:  # an encryption scheme the reader does not know
            opened = False
        if not opened:
            return _failed("این پرونده با گذرواژه رمزگذاری شده است؛ بدون گذرواژهٔ بازکردن، امضای آن بررسی نمی‌شود.",
                           signed=None)
        notes.append("این پرونده رمزگذاری شده است (بی‌گذرواژه باز می‌شود)؛ بررسی روی محتوای رمزگشوده انجام شد.")
    try:
        if reader.xrefs.hybrid_xrefs_present:
            return _failed("پرونده جدول ارجاع دوگانه (hybrid xref) دارد که خواننده‌های مختلف آن را یکسان نمی‌خوانند؛ "
                           "امضا را نمی‌توان تأیید کرد.", signed=True)
        embedded = list(reader.embedded_signatures)
        filled = pdf_revisions.filled_signature_fields(reader)
    except Exception:  # a signature dictionary without /Contents or /ByteRange, a broken form…
        return _failed("امضای پرونده خوانا نیست (بخشی از دادهٔ امضا برداشته یا خراب شده است)؛ "
                       "پرونده را نمی‌توان سالم دانست.", signed=True)
    if not embedded and not filled:
        return _failed("این پرونده امضای دیجیتال ندارد.", signed=False)

    problems: list[str] = []
    checked = {(str(s.field_name), _value_ref(s)) for s in embedded}
    for f in filled:
        if (f.name, f.value) not in checked:
            problems.append(f"جای امضای «{LRI}{f.name}{PDI}» در یکی از بازنگری‌ها امضا دارد که اکنون در پرونده "
                            "دیده نمی‌شود یا بررسی‌شدنی نیست (امضا برداشته یا پنهان شده است).")
    embedded.sort(key=lambda s: s.signed_revision)
    first_revision = embedded[0].signed_revision if embedded else 0
    leftover = pdf_revisions.unaccounted_bytes(data, reader, first_revision)
    if leftover:
        problems.append("پس از بخش امضاشده، بایت‌هایی هست که بازنگری درستی از PDF نیستند "
                        f"(برخی خواننده‌ها آن‌ها را نشان می‌دهند): {leftover}")

    slots_before = _empty_slots_by_revision(reader)
    signature_revisions = {s.signed_revision for s in embedded}
    checks = [_check_signature(i + 1, sig, reader, roots, now, signature_revisions, slots_before)
              for i, sig in enumerate(embedded)]
    intact = not problems and all(c.intact and not c.changes_after for c in checks)
    for check in checks:
        problems += [p for p in check.problems if p not in problems]
    return VerifyReport(
        signed=True, intact=intact, trusted=bool(checks) and all(c.trusted for c in checks),
        signatures=checks, problems=problems, notes=notes,
        signed_revision_end=_vouched_end(data, reader, checks),
    )


def _check_signature(index: int, embedded: Any, reader: PdfFileReader, roots: list[x509.Certificate],
                     now: dt.datetime, signature_revisions: set[int],
                     slots_before: dict[int, set[str]]) -> SignatureCheck:
    claimed = _claimed_name(embedded)
    field_name = str(embedded.field_name or "")
    revision = int(embedded.signed_revision)
    claimed_time = _self_reported_time(embedded)
    moment = claimed_time if claimed_time is not None and claimed_time <= now else now
    context = ValidationContext(trust_roots=roots, allow_fetching=False, moment=moment)
    try:
        status = validate_pdf_signature(embedded, signer_validation_context=context, skip_diff=True)
    except Exception:  # untrusted input: a signature the checker cannot even evaluate is a failed one
        return SignatureCheck(index=index, field_name=field_name, signer=claimed, organisation="", fingerprint="",
                              signing_time=claimed_time, revision=revision, intact=False, covers_whole_file=False,
                              valid_at_signing=False, trusted=False, co_signing=False,
                              changes_after=(), problems=(f"امضای {fa_number(index)} خوانا نیست یا ساختار پرونده "
                                                          "پیرامون آن به هم خورده است.",))
    problems: list[str] = []
    cert = status.signing_cert
    signer = _subject(cert, "common_name") or claimed
    coverage_ok = status.coverage in (SignatureCoverageLevel.ENTIRE_FILE, SignatureCoverageLevel.ENTIRE_REVISION)
    intact = bool(status.intact and status.valid and coverage_ok)
    if not status.intact:
        problems.append(f"امضای {fa_number(index)}: محتوای امضاشده تغییر کرده است؛ دست‌کم یک بایت پس از امضا عوض شده.")
    elif not status.valid:
        problems.append(f"امضای {fa_number(index)}: امضای رمزنگاری‌شده با محتوا و گواهی جور درنمی‌آید.")
    elif not coverage_ok:
        problems.append(f"امضای {fa_number(index)} همهٔ یک بازنگری پرونده را نمی‌پوشاند "
                        "(بازهٔ بایت‌های امضاشده دست‌کاری شده است).")

    changes: list[str] = []
    if intact:
        for later in range(revision + 1, reader.xrefs.total_revisions):
            if later in signature_revisions and \
                    pdf_revisions.verdict_between(reader, revision, later, signing=True) is None:
                continue
            for change in pdf_revisions.describe_revision(reader, later - 1, later):
                if change not in changes:
                    changes.append(change)
        if changes:
            problems.append(f"پس از این امضا (امضای {fa_number(index)}، {signer}) پرونده تغییر کرده است: "
                            + "؛ ".join(changes) + ".")

    outside = _outside_validity(cert, claimed_time)
    if outside:
        problems.append(f"امضای {fa_number(index)}: {outside}")
    trusted = bool(intact and status.trusted and not outside)
    if intact and not status.trusted:
        problems.append(_trust_problem(status))
    # Co-signing: the field was an empty slot in a revision an earlier signature vouches for.
    co_signing = any(field_name in slots_before.get(r, set()) for r in signature_revisions if r < revision)
    return SignatureCheck(
        index=index, field_name=field_name, signer=signer, organisation=_subject(cert, "organization_name"),
        fingerprint=_fingerprint(cert), signing_time=claimed_time, revision=revision, intact=intact,
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE, valid_at_signing=not outside,
        trusted=trusted, co_signing=co_signing, changes_after=tuple(changes), problems=tuple(problems))


def _empty_slots_by_revision(reader: PdfFileReader) -> dict[int, set[str]]:
    """The names of the empty signature fields of each revision."""
    from pyhanko.sign.fields import enumerate_sig_fields

    out: dict[int, set[str]] = {}
    for revision in range(reader.xrefs.total_revisions):
        try:
            resolver = reader.get_historical_resolver(revision)
            out[revision] = {str(name) for name, _, _ in enumerate_sig_fields(resolver, filled_status=False)}
        except (misc.PdfError, KeyError, ValueError, TypeError, AttributeError):
            out[revision] = set()
    return out


def _vouched_end(data: bytes, reader: PdfFileReader, checks: list[SignatureCheck]) -> int | None:
    """The end of the latest revision that a valid signature covers with nothing wrong before it."""
    try:
        ends = pdf_revisions.revision_ends(data, reader)
    except ValueError:
        return None
    best = None
    for check in checks:
        if not check.intact or not check.valid_at_signing:
            break
        best = ends[check.revision] if check.revision < len(ends) else None
        if check.changes_after:
            break
    return best


# ---------------------------------------------------------------------------- helpers


def _failed(problem: str, *, signed: bool | None) -> VerifyReport:
    """A report that fails: ``signed`` None when it cannot be told (an encrypted file)."""
    return VerifyReport(signed=bool(signed), intact=False, trusted=False, problems=[problem])


def _unreadable(data: bytes) -> VerifyReport:
    """The strict parser refused the file; say whether it even claims a signature."""
    if b"/ByteRange" in data or b"/Sig" in data:
        return _failed("ساختار این PDF خراب است یا پس از امضا دست‌کاری شده (جدول ارجاع یا startxref نادرست)؛ "
                       "امضا را نمی‌توان تأیید کرد و پرونده سالم نیست.", signed=True)
    return _failed("پرونده PDF خوانا نیست یا آسیب دیده است.", signed=False)


def read_pdf(pdf: bytes | Path) -> bytes:
    """The bytes of ``pdf``, read with a bound (``st_size`` lies for devices and pipes); UserError if unreadable."""
    if isinstance(pdf, bytes):
        return pdf
    try:
        return read_bounded(Path(pdf), MAX_PDF_BYTES, what="پروندهٔ", code="file_missing")
    except UserError as exc:
        if exc.code != "file_too_large":
            raise
        raise UserError("file_too_large", f"پروندهٔ «{ltr_isolate(pdf)}» بزرگ‌تر از آن است که PDF صورتجلسه باشد.",
                        english=f"{pdf} is too large") from exc


def load_trust_root(path: Path) -> x509.Certificate:
    data = read_bounded(Path(path), _MAX_CERT_BYTES, what="گواهی مورد اعتماد", code="trust_root_invalid")
    try:
        if pem.detect(data):
            _, _, data = pem.unarmor(data)
        cert = x509.Certificate.load(data)
        _ = cert.native  # parse it all now: a bad file fails here, not deep inside validation
        return cert
    except (ValueError, TypeError, KeyError) as exc:
        raise UserError("trust_root_invalid", f"«{ltr_isolate(path)}» گواهی X.509 (PEM یا DER) نیست.",
                        english=f"{path} is not an X.509 certificate") from exc


def _trust_problem(status: PdfSignatureStatus) -> str:
    indic = status.trust_problem_indic
    if status.revoked or indic in (AdESFailure.REVOKED, AdESIndeterminate.REVOKED_NO_POE):
        return "گواهی امضاکننده باطل شده است."
    if indic in (AdESIndeterminate.OUT_OF_BOUNDS_NO_POE, AdESIndeterminate.OUT_OF_BOUNDS_NOT_REVOKED,
                 AdESIndeterminate.EXPIRED, AdESIndeterminate.NOT_YET_VALID, AdESFailure.NOT_YET_VALID):
        return "گواهی امضاکننده در زمان امضا معتبر نبود (منقضی شده یا هنوز آغاز نشده)."
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
    if moment < not_before:
        return (f"گواهی امضاکننده در زمان امضا ({format_jalali(moment.date())}) هنوز معتبر نشده بود "
                f"(اعتبار از {format_jalali(not_before.date())} تا {format_jalali(not_after.date())}).")
    if moment > not_after:
        return (f"گواهی امضاکننده در زمان امضا ({format_jalali(moment.date())}) منقضی شده بود "
                f"(اعتبار از {format_jalali(not_before.date())} تا {format_jalali(not_after.date())}).")
    return ""


def _subject(cert: Any, key: str) -> str:
    try:
        return str(cert.subject.native.get(key, "") or "")
    except (AttributeError, ValueError):
        return ""


def _fingerprint(cert: Any) -> str:
    try:
        digest = hashlib.sha256(cert.dump()).hexdigest().upper()
    except (AttributeError, ValueError):
        return ""
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


def _value_ref(embedded: Any) -> tuple[int, int] | None:
    raw = embedded.sig_field.raw_get("/V")
    return (raw.idnum, raw.generation) if hasattr(raw, "idnum") else None


def _claimed_name(embedded: Any) -> str:
    try:
        return str(embedded.sig_object.get("/Name", "") or "")
    except (AttributeError, ValueError, KeyError):
        return ""


def _self_reported_time(embedded: Any) -> dt.datetime | None:
    try:
        moment = embedded.self_reported_timestamp
        return moment if isinstance(moment, dt.datetime) else None
    except (AttributeError, ValueError, KeyError, misc.PdfError):
        return None


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.astimezone()
