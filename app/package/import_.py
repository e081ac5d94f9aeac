"""Importing a quarterly package (دریافت بسته): verify, show what would change, then merge.

The package is verified first (:mod:`.verify`); an unsigned package, or one whose signer is
not among the trusted (``trust``), is taken only with ``allow_unsigned``; a broken signature
never. The merge (:mod:`.merge`) runs in one transaction; with ``dry_run`` it is rolled back
and what it would have done is the preview — the same work, so the preview cannot differ
from the import. Everything refused leaves the store unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.clock import SystemClock
from app.errors import UserError
from app.persian.text import fa_number
from app.services.changes import Changes
from app.store.db import Store

from .verify import PackageReport, verify_package
from .zipsafe import PackageRefused

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.store.models import PackageOrigin

__all__ = ["ImportResult", "import_package"]

_LABELS = (("body", "نهاد"), ("meeting", "جلسه"), ("resolution", "مصوبه"), ("follow_up", "گزارش پیگیری"),
           ("extension", "تمدید مهلت"), ("amendment", "اصلاحیه"), ("revision", "ویرایش صورتجلسه"),
           ("unit", "واحد"), ("person", "شخص"), ("agenda", "بند دستور جلسه"), ("attendance", "حاضر جلسه"),
           ("discussion", "بند مذاکرات"))


@dataclass
class ImportResult:
    report: PackageReport
    dry_run: bool
    added: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)  # dropped by a newer revision of a received meeting
    meetings: dict[int, str] = field(default_factory=dict)  # meeting id → create / update / history
    unsigned_accepted: bool = False
    changes: Changes = field(default_factory=Changes)

    @property
    def has_changes(self) -> bool:
        return bool(+self.added or +self.changed or +self.removed)

    def describe(self) -> str:
        r = self.report
        lines = [r.describe(), ""]
        if self.unsigned_accepted:
            lines.append("هشدار: این بسته امضای مورد اعتمادی ندارد و فقط به خواست شما (--allow-unsigned) پذیرفته شد.")
        head = "پیش‌نمایش ورود (چیزی نوشته نشده است):" if self.dry_run else "وارد شد:"
        if not self.has_changes:
            lines.append("این بسته چیز تازه‌ای ندارد؛ همهٔ آن از پیش در این دفتر هست.")
            return "\n".join(lines)
        lines.append(head)
        for kind, label in _LABELS:
            if self.added[kind]:
                lines.append(f"  {label}، تازه: {fa_number(self.added[kind])}")
            if self.changed[kind]:
                lines.append(f"  {label}، به‌روزشده: {fa_number(self.changed[kind])}")
            if self.removed[kind]:
                lines.append(f"  {label}، حذف‌شده در ویرایش تازه: {fa_number(self.removed[kind])}")
        return "\n".join(lines)


class _Preview(UserError):
    """Raised inside the transaction to roll a dry run back (carries nothing else)."""


def import_package(store: Store, path: Path, *, allow_unsigned: bool = False, trust: Sequence[Path] = (),
                   dry_run: bool = True, now: dt.datetime | None = None, expected_sha256: str = "") -> ImportResult:
    """Verify the package at ``path`` and merge it (or, ``dry_run``, say what merging would do).
    ``expected_sha256``: the file the user saw previewed; another one (replaced meanwhile on a
    shared folder or a memory stick) is refused.

    Raises PackageRefused / UserError with the problem and the member; the store is then unchanged.
    """
    from app.store.models import PackageOrigin

    from .merge import merge

    now = now or SystemClock().now()
    report = verify_package(Path(path), trust_roots=trust, now=now)
    if not report.sound:
        assert report.refused is not None
        raise report.refused
    if expected_sha256 and report.sha256 != expected_sha256:
        raise PackageRefused("package_changed", "پروندهٔ بسته پس از پیش‌نمایش تغییر کرده است؛ چیزی وارد نشد. "
                             "بسته را دوباره باز کنید و پیش‌نمایش تازه را ببینید.", english="the file changed since the preview")
    unsigned_accepted = _check_signature(report, allow_unsigned)
    assert report.data is not None
    data = report.data
    created = dt.datetime.fromisoformat(data["created"]["iso"]).replace(tzinfo=dt.UTC)
    if created > now.astimezone(dt.UTC) + dt.timedelta(days=1):
        raise PackageRefused("package_from_the_future", f"تاریخ ساخت بسته ({data['created']['jalali']}) هنوز "
                             "نرسیده است؛ ساعت رایانهٔ فرستنده یا این رایانه درست نیست، یا بسته دستکاری شده است. "
                             "بسته وارد نشد.", member="manifest.json", english="the package was made in the future")
    digest = report.sha256
    result = ImportResult(report, dry_run, unsigned_accepted=unsigned_accepted)
    received = now.astimezone(dt.UTC).replace(tzinfo=None) if now.tzinfo else now
    try:
        with store.session() as s:
            origin = PackageOrigin(office=data["office"]["name"], office_body_uuid=data["office"]["body_uuid"],
                                   package_name=Path(path).name[:300], package_sha256=digest,
                                   package_created=data["created"]["iso"],
                                   signer=(report.signature.signer if report.signature else "")[:300],
                                   received_at=received)
            s.add(origin)
            s.flush()
            merged = merge(s, data, origin)
            result.added, result.changed, result.removed = merged.added, merged.changed, merged.removed
            result.meetings = merged.meetings
            if dry_run or not result.has_changes:
                raise _Preview("preview", "")
            _audit(s, origin, result, now)
    except _Preview:
        pass
    if not dry_run and result.has_changes:
        result.changes = Changes(everything=True)  # an import: every view reads again
    return result


def _audit(s: Session, origin: PackageOrigin, result: ImportResult, now: dt.datetime) -> None:
    """One line for the package in the audit log and one per meeting it added or changed (not a
    line per imported row: the package itself is the record of what came in)."""
    from app.services.audit import note, set_audit_time
    from app.store.models import Meeting

    set_audit_time(s, now.astimezone() if now.tzinfo else now)
    note(s, "package", origin.id, "import", after={
        "package": origin.package_name, "office": origin.office, "sha256": origin.package_sha256,
        "signer": origin.signer, "added": dict(+result.added), "changed": dict(+result.changed), "removed": dict(+result.removed)})
    for meeting_id, what in sorted(result.meetings.items()):
        row = s.get(Meeting, meeting_id)
        assert row is not None
        note(s, "meeting", meeting_id, "import", uuid=row.uuid, meeting_id=meeting_id, after={
            "package": origin.package_name, "office": origin.office, "revision": row.revision, "what": what})


def _check_signature(report: PackageReport, allow_unsigned: bool) -> bool:
    """Whether the package is taken without a trusted signature (only with ``allow_unsigned``)."""
    if not report.signed:
        if not allow_unsigned:
            raise PackageRefused("package_unsigned", "این بسته امضا نشده است؛ اگر فرستنده را می‌شناسید و بسته را از "
                                 "راه مطمئنی گرفته‌اید، با --allow-unsigned واردش کنید.", member="manifest.json.p7s",
                                 english="the package is not signed (use --allow-unsigned)")
        return True
    sig = report.signature
    assert sig is not None
    if not sig.intact:
        raise PackageRefused("package_signature_bad", "امضای بسته معتبر نیست: " + "؛ ".join(sig.problems),
                             member="manifest.json.p7s", english="the package signature is not valid")
    for name, pdf in report.pdfs.items():
        if not pdf.ok:
            raise PackageRefused("package_pdf_signature", f"امضای صورتجلسهٔ «\u2066{name}\u2069» معتبر نیست: "
                                 + "؛ ".join(pdf.problems[:2]), member=name, english=f"{name}: bad signature")
    if not sig.trusted:
        if not allow_unsigned:
            raise PackageRefused("package_untrusted", f"امضاکنندهٔ بسته («{sig.signer}») در میان فرستندگان مورد اعتماد "
                                 "نیست؛ گواهی او را با --trust بدهید، یا اگر بسته را از راه مطمئنی گرفته‌اید با "
                                 "--allow-unsigned واردش کنید.", member="manifest.json.p7s",
                                 english="the signer is not trusted (use --trust CERT)")
        return True
    return False
