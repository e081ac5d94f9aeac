"""Signing certificates (گواهی امضا): a PKCS#12 file and its password.

A secretariat either has a certificate issued by a certification authority, or
makes a local one here (self-signed, kept in the data folder, protected by a
password). The password is asked for each time and never stored.

Only ``cryptography`` is needed here, so the «create a certificate» dialog does
not load pyHanko; :mod:`app.export.signing` turns a :class:`LoadedCertificate`
into a signer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from app.errors import UserError
from app.files import read_bounded, write_atomic
from app.persian.jalali import format_jalali
from app.persian.text import ltr_isolate

__all__ = [
    "LOCAL_CERTIFICATE_NOTICE",
    "CertificateInfo",
    "LoadedCertificate",
    "certificates_dir",
    "create_local_certificate",
    "default_certificate_path",
    "load_certificate",
]

# Shown beside every «make a local certificate» action and in its dialog.
LOCAL_CERTIFICATE_NOTICE = (
    "گواهی محلی فقط ثابت می‌کند که پرونده پس از امضا تغییر نکرده است؛ "
    "ثابت نمی‌کند چه کسی آن را امضا کرده، چون هر کسی می‌تواند گواهی محلی به هر نامی بسازد. "
    "برای امضایی که هویت امضاکننده را هم ثابت کند، گواهی صادرشده از مرکز صدور گواهی الکترونیکی لازم است."
)

# A PKCS#12 file holds a key and a few certificates; anything much larger is something else.
_MAX_P12_BYTES = 1 << 20


@dataclass(frozen=True)
class CertificateInfo:
    """What a certificate says about its holder, for display and for the signature box."""

    path: Path
    name: str  # subject CN
    post: str  # subject title (سمت)
    organisation: str  # subject O (سازمان)
    not_before: dt.datetime  # aware, UTC
    not_after: dt.datetime  # aware, UTC
    fingerprint: str  # SHA-256 of the DER certificate, hex
    self_signed: bool

    def valid_until_jalali(self) -> str:
        return format_jalali(self.not_after.date())


@dataclass(frozen=True)
class LoadedCertificate:
    """A certificate opened with its password: the key and chain a signer needs."""

    info: CertificateInfo
    private_key: PrivateKeyTypes
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]  # other certificates in the file (issuers)


def certificates_dir() -> Path:
    """Where local certificates are kept by default (``<data folder>/certificates``)."""
    from app.paths import data_dir

    return data_dir() / "certificates"


def default_certificate_path(name: str) -> Path:
    """A file name for ``name``'s local certificate in :func:`certificates_dir`."""
    from app.files import proposed_file_name

    return certificates_dir() / proposed_file_name(name.strip(" .-") or "certificate", suffix=".p12")


def _aware(now: dt.datetime | None) -> dt.datetime:
    if now is None:
        from app.clock import SystemClock

        return SystemClock().now()
    return now if now.tzinfo is not None else now.astimezone()


def create_local_certificate(
    path: Path,
    password: str,
    *,
    name: str,
    post: str = "",
    organisation: str = "",
    now: dt.datetime | None = None,
    valid_days: int = 3 * 365,
    overwrite: bool = False,
) -> CertificateInfo:
    """Make a self-signed signing certificate and its key, saved as a password-protected PKCS#12.

    The subject carries the name (CN), post (title) and organisation (O). The
    file is written whole or not at all. Errors (UserError codes):
    ``cert_name`` (no name), ``cert_password_empty``, ``cert_exists`` (the file
    is there and ``overwrite`` is False), ``cert_unwritable``.
    """
    name, post, organisation = name.strip(), post.strip(), organisation.strip()
    if not name:
        raise UserError("cert_name", "نام دارندهٔ گواهی را وارد کنید.", english="the holder's name is empty",
                        field="name")
    if not password:
        raise UserError("cert_password_empty", "برای گواهی گذرواژه بگذارید؛ کلید امضا بدون گذرواژه ذخیره نمی‌شود.",
                        english="a password is required", field="password")
    path = Path(path)
    if path.exists() and not overwrite:
        raise UserError("cert_exists", f"پرونده‌ای به نام {ltr_isolate(path.name)} از پیش هست؛ نام دیگری برگزینید.",
                        english=f"{path} already exists", field="path")
    start = _aware(now).astimezone(dt.UTC).replace(microsecond=0)

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, name)]
    if post:
        attributes.append(x509.NameAttribute(NameOID.TITLE, post))
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    attributes.append(x509.NameAttribute(NameOID.COUNTRY_NAME, "IR"))
    subject = x509.Name(attributes)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        name.encode("utf-8"), key, certificate, None,
        serialization.BestAvailableEncryption(password.encode("utf-8")),
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError("cert_unwritable", f"پوشهٔ گواهی «{ltr_isolate(path.parent)}» ساخته نمی‌شود: {exc.strerror or exc}",
                        english=f"cannot create {path.parent}", field="path") from exc
    try:
        write_atomic(path, data, private=True)
    except UserError as exc:
        raise UserError("cert_unwritable", f"گواهی نوشته نشد: {exc.message}", english=exc.english,
                        field="path") from exc
    return _info(path, certificate)


def load_certificate(path: Path, password: str, *, now: dt.datetime | None = None) -> LoadedCertificate:
    """Open a PKCS#12 file with its password and check that the certificate is valid at ``now``.

    Errors (UserError codes): ``cert_missing``, ``cert_not_pkcs12``,
    ``cert_password`` (wrong password), ``cert_no_key`` (a certificate without
    its private key), ``cert_expired`` (expired or not yet valid).
    """
    path = Path(path)
    if path.is_dir():
        raise _not_pkcs12(path)
    try:  # bounded, and a FIFO or a device is refused without hanging (st_size is not trusted)
        data = read_bounded(path, _MAX_P12_BYTES, what="پروندهٔ گواهی", code="cert_missing")
    except UserError as exc:
        if exc.code == "file_too_large":
            raise _not_pkcs12(path) from exc
        raise UserError(exc.code, exc.message, english=exc.english, field="certificate") from exc

    key, certificate, chain = _open_pkcs12(path, data, password)
    info = _info(path, certificate)
    moment = _aware(now)
    if moment < info.not_before:
        raise UserError(
            "cert_expired",
            f"اعتبار این گواهی از {format_jalali(info.not_before.astimezone(moment.tzinfo).date())} آغاز می‌شود "
            "و هنوز نمی‌توان با آن امضا کرد؛ تاریخ رایانه را بررسی کنید.",
            english=f"the certificate is not valid before {info.not_before:%Y-%m-%d}", field="certificate",
        )
    if moment > info.not_after:
        raise UserError(
            "cert_expired",
            f"اعتبار این گواهی در {format_jalali(info.not_after.astimezone(moment.tzinfo).date())} "
            "به پایان رسیده است؛ گواهی تازه‌ای بگیرید یا بسازید.",
            english=f"the certificate expired on {info.not_after:%Y-%m-%d}", field="certificate",
        )
    return LoadedCertificate(info=info, private_key=key, certificate=certificate, chain=chain)


def _not_pkcs12(path: Path) -> UserError:
    return UserError("cert_not_pkcs12",
                     f"«{ltr_isolate(path.name)}» پروندهٔ گواهی امضا (PKCS#12، با پسوند ‎.p12 یا ‎.pfx) نیست.",
                     english=f"{path} is not a PKCS#12 file", field="certificate")


def _open_pkcs12(
    path: Path, data: bytes, password: str,
) -> tuple[PrivateKeyTypes, x509.Certificate, tuple[x509.Certificate, ...]]:
    # A file made without a password opens with None, not with b"".
    attempts: list[bytes | None] = [password.encode("utf-8")] + ([None] if not password else [])
    for attempt in attempts:
        try:
            key, certificate, others = pkcs12.load_key_and_certificates(data, attempt)
            break
        except ValueError:
            continue
    else:
        # cryptography says the same thing for a wrong password and for a file that is not
        # PKCS#12 at all; the outer structure, which needs no password, tells them apart.
        if not _is_pkcs12_structure(data):
            raise _not_pkcs12(path)
        raise UserError("cert_password", "گذرواژهٔ گواهی درست نیست.", english="wrong certificate password",
                        field="password")
    if key is None or certificate is None:
        raise UserError("cert_no_key", f"در «{ltr_isolate(path.name)}» کلید خصوصی امضا نیست؛ پرونده‌ای را برگزینید که کلید را هم دارد.",
                        english="the file holds no private key", field="certificate")
    return key, certificate, tuple(others)


def _is_pkcs12_structure(data: bytes) -> bool:
    from asn1crypto import pkcs12 as asn1_pkcs12  # comes with pyHanko; parses without the password

    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        return bool(pfx["version"].native == "v3" and pfx["auth_safe"]["content_type"].native in
                    ("data", "signed_data"))
    except (ValueError, TypeError, KeyError, OverflowError):
        return False


def _subject_text(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    if not values:
        return ""
    value = values[0].value
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _info(path: Path, certificate: x509.Certificate) -> CertificateInfo:
    subject = certificate.subject
    return CertificateInfo(
        path=path,
        name=_subject_text(subject, NameOID.COMMON_NAME),
        post=_subject_text(subject, NameOID.TITLE),
        organisation=_subject_text(subject, NameOID.ORGANIZATION_NAME),
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        fingerprint=hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest(),
        self_signed=certificate.issuer == certificate.subject,
    )
