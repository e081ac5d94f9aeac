"""The detached CMS signature over ``manifest.json`` (``manifest.json.p7s``, DER).

Made with pyHanko's signer (the key opened once, as for the minutes), so that
``openssl cms -verify -binary -inform DER -in manifest.json.p7s -content manifest.json``
accepts it; checked with pyHanko's validator against the trust roots given, nothing
fetched from the network. As for PDFs, trust is reported beside integrity: a local
certificate proves the manifest unchanged, not who made it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field

from asn1crypto import cms, pem, x509
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko.sign.validation import async_validate_detached_cms
from pyhanko_certvalidator import ValidationContext

from app.export.certificates import LoadedCertificate
from app.export.signing import simple_signer

__all__ = ["ManifestSignature", "check_manifest_signature", "sign_manifest"]

for _logger in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_logger).addHandler(logging.NullHandler())


def sign_manifest(manifest: bytes, certificate: LoadedCertificate, *, when: dt.datetime) -> bytes:
    """The DER of a detached CMS SignedData over ``manifest`` (SHA-256, signing time ``when``)."""
    moment = when if when.tzinfo is not None else when.astimezone()
    signer = simple_signer(certificate)
    signed = asyncio.run(signer.async_sign_general_data(
        manifest, "sha256", detached=True, signed_attr_settings=PdfCMSSignedAttributes(signing_time=moment)))
    return bytes(signed.dump())


@dataclass(frozen=True)
class ManifestSignature:
    signer: str
    organisation: str
    fingerprint: str
    signing_time: dt.datetime | None
    intact: bool  # the manifest's bytes are what was signed, and the signature is valid
    trusted: bool  # the signer's certificate leads to one of the trust roots
    problems: tuple[str, ...] = field(default=())
    certificate: bytes = b""  # the signer's certificate (DER), to be trusted from now on if the user says so

    def certificate_pem(self) -> bytes:
        """The signer's certificate as PEM, as ``--trust`` takes it; b"" when there is none."""
        return pem.armor("CERTIFICATE", self.certificate) if self.certificate else b""


def _subject(cert: x509.Certificate | None, key: str) -> str:
    try:
        return str(cert.subject.native.get(key, "") or "") if cert is not None else ""
    except (AttributeError, ValueError):
        return ""


def check_manifest_signature(manifest: bytes, p7s: bytes, roots: list[x509.Certificate], *,
                             now: dt.datetime) -> ManifestSignature:
    """Check ``p7s`` over ``manifest``; never raises on a hostile signature (it fails)."""
    now = now if now.tzinfo is not None else now.astimezone()
    try:
        info = cms.ContentInfo.load(p7s)
        if info["content_type"].native != "signed_data":
            raise ValueError("not SignedData")
        signed = info["content"]
        _ = signed.native  # parse it all: a broken structure fails here
        signer_info = signed["signer_infos"][0]
        claimed = None
        for attr in signer_info["signed_attrs"]:
            if attr["type"].native == "signing_time":
                claimed = attr["values"][0].native
        if claimed is not None:
            claimed = claimed.astimezone(now.tzinfo)  # signingTime is UTC; shown in the reader's zone
        moment = claimed if claimed is not None and claimed <= now else now
        context = ValidationContext(trust_roots=roots, allow_fetching=False, moment=moment)
        status = asyncio.run(async_validate_detached_cms(manifest, signed, signer_validation_context=context))
    except Exception:  # untrusted input: whatever cannot be evaluated is a failed signature
        return ManifestSignature("", "", "", None, intact=False, trusted=False,
                                 problems=("امضای فهرست بسته (manifest.json.p7s) خوانا نیست یا امضای CMS نیست.",))
    cert = status.signing_cert
    problems: list[str] = []
    intact = bool(status.intact and status.valid)
    if not status.intact:
        problems.append("فهرست بسته (manifest.json) پس از امضا تغییر کرده است.")
    elif not status.valid:
        problems.append("امضای فهرست بسته با محتوا و گواهی جور درنمی‌آید.")
    trusted = bool(intact and status.trusted)
    if intact and not trusted:
        problems.append("گواهی امضاکنندهٔ بسته به هیچ‌یک از گواهی‌های مورد اعتماد نمی‌رسد؛ درستی بسته ثابت است "
                        "ولی هویت فرستنده نه.")
    fingerprint = ""
    if cert is not None:
        digest = hashlib.sha256(cert.dump()).hexdigest().upper()
        fingerprint = ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))
    return ManifestSignature(_subject(cert, "common_name"), _subject(cert, "organization_name"), fingerprint,
                             claimed, intact=intact, trusted=trusted, problems=tuple(problems),
                             certificate=cert.dump() if cert is not None else b"")
