"""Checking a quarterly package (``dabir verify PKG.zip``, «باز کردن بسته…»): the zip's safety,
the format version, every checksum, missing or extra files, data.json against its schema,
the manifest's signature (signer, time, intact, trusted) and every minutes PDF with the same
verdicts as ``dabir verify FILE.pdf``.

The verdict fails closed: a package is ``ok`` only when it is signed, the signature is intact
and every check passes; trust in the signer is reported, not required (as for PDFs).
``import_`` asks :attr:`PackageReport.sound` (everything but the signature) and decides on
the signature itself.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.clock import SystemClock
from app.errors import UserError
from app.export.verification import VerifyReport, jalali_date_time
from app.persian.text import fa_number

from . import format as fmt
from .cms import ManifestSignature
from .zipsafe import LRI, PDI, PackageRefused, read_members

__all__ = ["PackageReport", "check_members", "verify_package"]


@dataclass
class PackageReport:
    path: Path
    version: int | None = None
    body_name: str = ""
    period_label: str = ""
    office: str = ""
    signed: bool = False
    signature: ManifestSignature | None = None
    checked: list[str] = field(default_factory=list)  # members whose checksum matched
    pdfs: dict[str, VerifyReport] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # everything but the manifest's signature
    refused: PackageRefused | None = None  # the first problem, as an error import raises
    data: dict[str, Any] | None = None  # data.json, when it passed its checks
    members: dict[str, bytes] = field(default_factory=dict)
    sha256: str = ""  # of the file's bytes as they were read and checked

    @property
    def sound(self) -> bool:
        """Every check but the signature passed (import decides on the signature)."""
        return not self.problems and self.data is not None

    @property
    def signature_ok(self) -> bool:
        return self.signature is not None and self.signature.intact

    @property
    def ok(self) -> bool:
        return self.sound and self.signed and self.signature_ok and all(r.ok for r in self.pdfs.values())

    def refuse(self, code: str, message: str, *, member: str = "", english: str = "") -> None:
        self.problems.append(message)
        if self.refused is None:
            self.refused = PackageRefused(code, message, member=member, english=english)

    def describe(self) -> str:
        if self.ok:
            state = "سالم — بسته امضا شده و پس از امضا تغییر نکرده است."
        elif self.sound and not self.signed:
            state = "امضا نشده — پرونده‌ها با فهرست می‌خوانند ولی امضایی درستی بسته را تضمین نمی‌کند."
        else:
            state = "ناموفق — بسته تغییر کرده، ناقص است یا پذیرفتنی نیست."
        lines = [f"بستهٔ فصلی: \u2066{self.path.name}\u2069", f"وضعیت: {state}"]
        if self.version is not None:
            lines.append(f"قالب: نسخهٔ {fa_number(self.version)}")
        if self.body_name:
            lines.append(f"نهاد: {self.body_name} — {self.period_label}")
        if self.office:
            lines.append(f"فرستنده: {self.office}")
        if self.checked:
            lines.append(f"چکیده‌های SHA-256 درست: {fa_number(len(self.checked))} پرونده")
        s = self.signature
        if s is not None:
            lines.append("امضای فهرست بسته:")
            who = (s.signer or "نامعلوم") + (f" — {s.organisation}" if s.organisation else "")
            lines.append(f"  امضاکننده: {who}")
            if s.fingerprint:
                lines.append(f"  اثر انگشت گواهی (SHA-256): {LRI}{s.fingerprint}{PDI}")
            if s.signing_time is not None:
                lines.append(f"  زمان امضا: {jalali_date_time(s.signing_time)}")
            lines.append("  درستی: " + ("سالم" if s.intact else "تغییر کرده یا نامعتبر"))
            lines.append("  اعتماد: " + ("مورد اعتماد" if s.trusted else "مورد اعتماد نیست — هویت فرستنده تأیید نمی‌شود"))
            lines += [f"  - {p}" for p in s.problems]
        elif self.sound:
            lines.append("امضای فهرست بسته: ندارد")
        for name, report in self.pdfs.items():
            verdict = "سالم" if report.ok else "ناموفق"
            lines.append(f"صورتجلسهٔ {LRI}{name}{PDI}: {verdict}"
                         + (f" — امضاکننده: {report.signer}" if report.signer else ""))
            lines += [f"  - {p}" for p in report.problems if not report.ok]
        if self.problems:
            lines.append("ایرادها:")
            lines += [f"- {p}" for p in self.problems]
        return "\n".join(lines)


def _json(content: bytes, name: str, report: PackageReport) -> Any:
    if len(content) > fmt.MAX_JSON_BYTES:
        report.refuse("package_json", f"«{name}» بزرگ‌تر از حد مجاز است.", member=name)
        return None
    try:
        return json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        report.refuse("package_json", f"«{name}» JSON درستی نیست (خراب یا ناقص است).", member=name,
                      english=f"{name} is not valid JSON")
        return None


def verify_package(path: Path, *, trust_roots: Sequence[Path] = (), now: dt.datetime | None = None,
                   check_pdfs: bool = True) -> PackageReport:
    """Check the package at ``path``; a hostile package gives a failed report, not an error
    (a missing file or a bad trust root raises UserError)."""
    from app.export.verification import load_trust_root

    roots = [load_trust_root(p) for p in trust_roots]
    now = now or SystemClock().now()
    report = PackageReport(Path(path))
    try:
        report.members, report.sha256 = read_members(Path(path))
    except PackageRefused as exc:
        report.problems.append(exc.message)
        report.refused = exc
        return report
    check_members(report, roots, now=now, trust_roots=trust_roots, check_pdfs=check_pdfs)
    return report


def check_members(report: PackageReport, roots: list[Any], *, now: dt.datetime, trust_roots: Sequence[Path] = (),
                  check_pdfs: bool = True) -> None:
    members = report.members
    if fmt.MANIFEST not in members:
        report.refuse("package_missing", f"«{fmt.MANIFEST}» در بسته نیست؛ این پرونده بستهٔ فصلی دبیر نیست.",
                      member=fmt.MANIFEST, english="no manifest.json")
        return
    manifest = _json(members[fmt.MANIFEST], fmt.MANIFEST, report)
    if not isinstance(manifest, dict):
        if manifest is not None:
            report.refuse("package_json", f"«{fmt.MANIFEST}» شیء JSON نیست.", member=fmt.MANIFEST)
        return
    if manifest.get("format") != fmt.FORMAT_NAME or manifest.get("version") != fmt.FORMAT_VERSION:
        version = manifest.get("version")
        report.version = version if isinstance(version, int) and not isinstance(version, bool) else None
        report.refuse("package_version", f"قالب بسته («{str(manifest.get('format'))[:60]}»، نسخهٔ "
                      f"{str(version)[:20]}) را این نسخهٔ برنامه نمی‌شناسد؛ برنامه را به‌روز کنید.",
                      member=fmt.MANIFEST, english="unknown package format or version")
        return
    report.version = fmt.FORMAT_VERSION
    _read_header(report, manifest)
    listed = _listed(report, manifest)
    if listed is None:
        return
    if fmt.SIGNATURE in members:
        from .cms import check_manifest_signature

        report.signed = True
        report.signature = check_manifest_signature(members[fmt.MANIFEST], members[fmt.SIGNATURE], roots, now=now)
    elif manifest.get("signed") is True:
        report.refuse("package_signature_missing", f"فهرست بسته می‌گوید امضا شده است ولی «{fmt.SIGNATURE}» در بسته "
                      "نیست (امضا برداشته شده است).", member=fmt.SIGNATURE)
    expected = set(listed) | {fmt.MANIFEST} | ({fmt.SIGNATURE} if fmt.SIGNATURE in members else set())
    for name in sorted(set(members) - expected):
        report.refuse("package_extra", f"عضو «{LRI}{name[:200]}{PDI}» در فهرست بسته نیست (پروندهٔ اضافی).",
                      member=name, english=f"extra member {name!r}")
    import hashlib

    for name, digest in listed.items():
        if name not in members:
            report.refuse("package_missing", f"«{LRI}{name}{PDI}» در فهرست بسته هست ولی در بسته نیست.", member=name,
                          english=f"missing member {name!r}")
        elif hashlib.sha256(members[name]).hexdigest() != digest:
            report.refuse("package_checksum", f"چکیدهٔ «{LRI}{name}{PDI}» با فهرست بسته جور نیست؛ پرونده پس از "
                          "ساختن بسته تغییر کرده است.", member=name, english=f"checksum mismatch in {name!r}")
        else:
            report.checked.append(name)
    if report.problems:
        return
    _check_data(report)
    if check_pdfs and report.signed:
        from app.export.verification import verify_pdf

        for name in listed:
            if fmt.is_minutes_name(name):
                report.pdfs[name] = verify_pdf(members[name], trust_roots=trust_roots, now=now)


def _read_header(report: PackageReport, manifest: dict[str, Any]) -> None:
    from app.persian.jalali import QUARTER_NAMES

    body, period, office = manifest.get("body"), manifest.get("period"), manifest.get("office")
    if isinstance(body, dict) and isinstance(body.get("name"), str):
        report.body_name = body["name"][:300]
    if isinstance(office, dict) and isinstance(office.get("name"), str):
        report.office = office["name"][:300]
    if isinstance(period, dict) and period.get("quarter") in (1, 2, 3, 4) and isinstance(period.get("year"), int):
        report.period_label = f"{QUARTER_NAMES[period['quarter']]} {fa_number(period['year'])}"


def _listed(report: PackageReport, manifest: dict[str, Any]) -> dict[str, str] | None:
    files = manifest.get("files")
    bad = "فهرست پرونده‌های «manifest.json» درست نیست"
    if not isinstance(files, list) or len(files) > fmt.MAX_MEMBERS:
        report.refuse("package_manifest", bad + ".", member=fmt.MANIFEST)
        return None
    listed: dict[str, str] = {}
    for entry in files:
        name = entry.get("name") if isinstance(entry, dict) else None
        digest = entry.get("sha256") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not isinstance(digest, str) or len(digest) != 64:
            report.refuse("package_manifest", bad + " (نام یا چکیدهٔ یک پرونده).", member=fmt.MANIFEST)
            return None
        if name in listed:
            report.refuse("package_duplicate_name", f"«{LRI}{name[:200]}{PDI}» در فهرست بسته دو بار آمده است.",
                          member=name)
            return None
        if name not in fmt.FIXED_MEMBERS and not fmt.is_minutes_name(name):
            report.refuse("package_extra", f"«{LRI}{name[:200]}{PDI}» از پرونده‌های بستهٔ فصلی نیست.", member=name)
            return None
        listed[name] = digest.lower()
    for name in fmt.FIXED_MEMBERS:
        if name not in listed:
            report.refuse("package_missing", f"«{name}» در فهرست بسته نیست.", member=name)
            return None
    return listed


def _check_data(report: PackageReport) -> None:
    data = _json(report.members[fmt.DATA], fmt.DATA, report)
    if data is None:
        return
    if isinstance(data, dict) and (data.get("format") != fmt.FORMAT_NAME or data.get("version") != fmt.FORMAT_VERSION):
        report.refuse("package_version", "قالب «data.json» را این نسخهٔ برنامه نمی‌شناسد؛ برنامه را به‌روز کنید.",
                      member=fmt.DATA)
        return
    problems = fmt.validate_data(data)
    if problems:
        report.refuse("package_schema", f"«data.json» با قالب بسته جور نیست: {problems[0]}", member=fmt.DATA,
                      english="data.json fails the schema")
        return
    uuids = Counter(_uuids(data))
    twice = [u for u, n in uuids.items() if n > 1]
    if twice:
        report.refuse("package_duplicate_uuid", f"شناسهٔ {LRI}{twice[0]}{PDI} در «data.json» بیش از یک بار آمده است.",
                      member=fmt.DATA, english="duplicate uuid")
        return
    meetings = {fmt.minutes_name(m["uuid"], m["revision"]) for m in data["meetings"]}
    for name in report.members:
        if fmt.is_minutes_name(name) and name not in meetings:
            report.refuse("package_extra", f"«{LRI}{name}{PDI}» صورتجلسهٔ هیچ جلسه‌ای در «data.json» نیست.",
                          member=name)
            return
    report.data = data


def _uuids(data: dict[str, Any]) -> list[str]:
    """Every uuid a record of the package owns (not the ones it refers to)."""
    out = [b["uuid"] for b in data["bodies"]] + [u["uuid"] for u in data["units"]] + [p["uuid"] for p in data["people"]]
    for m in data["meetings"]:
        out.append(m["uuid"])
        for key in ("agenda", "attendance", "discussion", "amendments"):
            out += [x["uuid"] for x in m[key]]
        for r in m["resolutions"]:
            out.append(r["uuid"])
            out += [f["uuid"] for f in r["follow_ups"]] + [e["uuid"] for e in r["extensions"]]
    return out


def refusal(report: PackageReport) -> UserError:
    assert report.refused is not None
    return report.refused
