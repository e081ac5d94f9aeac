"""The senders this office trusts (فرستندگان مورد اعتماد): their certificates, kept as PEM files in
``<data folder>/trusted-senders``, the trust roots the app verifies and imports packages with.

A sender is trusted in the app in one of two ways: the user picks the sender's certificate file
(given by the sender, as ``--trust`` takes it), or, having compared the fingerprint the package
window shows with the one the sender reads out on the phone, trusts the certificate that signed
the package. The command line keeps to ``--trust CERT``: nothing there is trusted by default.
"""

from __future__ import annotations

import re
from pathlib import Path

from app.errors import UserError
from app.files import write_atomic
from app.paths import data_dir, private_folder

from .cms import ManifestSignature

__all__ = ["add_trusted_file", "trust_signer", "trusted_dir", "trusted_senders"]


def trusted_dir() -> Path:
    return data_dir() / "trusted-senders"


def trusted_senders() -> list[Path]:
    """The trusted certificates, by name; an empty list when none was trusted yet."""
    folder = trusted_dir()
    return sorted(p for p in folder.glob("*.pem") if p.is_file()) if folder.is_dir() else []


def _name(fingerprint: str) -> str:
    return re.sub(r"[^0-9A-F]", "", fingerprint.upper())[:32] + ".pem"


def trust_signer(signature: ManifestSignature) -> Path:
    """Trust the certificate that made ``signature`` (intact only); the file written."""
    if not signature.intact or not signature.certificate:
        raise UserError("trust_signature_bad", "امضای این بسته سالم نیست؛ امضاکننده‌اش را نمی‌توان مورد اعتماد کرد.",
                        english="only the signer of an intact signature can be trusted")
    target = private_folder(trusted_dir()) / _name(signature.fingerprint)
    write_atomic(target, signature.certificate_pem(), private=True)
    return target


def add_trusted_file(path: Path) -> Path:
    """Trust the certificate in ``path`` (PEM or DER; checked first); the copy written."""
    import hashlib

    from asn1crypto import pem

    from app.export.verification import load_trust_root

    cert = load_trust_root(Path(path))  # UserError trust_root_invalid for anything else
    digest = hashlib.sha256(cert.dump()).hexdigest().upper()
    target = private_folder(trusted_dir()) / _name(digest)
    write_atomic(target, pem.armor("CERTIFICATE", cert.dump()), private=True)
    return target
