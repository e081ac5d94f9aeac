"""Export a body's Jalali quarter as a quarterly package (بستهٔ فصلی), one zip:

``manifest.json`` (every other file with its SHA-256), ``data.json`` (checked against the
schema before anything is written), ``minutes/<uuid>-r<revision>.pdf`` for each final
meeting of the quarter (signed when a certificate is given), ``resolutions.xlsx``,
``summary.pdf`` and, signed, ``manifest.json.p7s``.

All or nothing: the zip is built in a temporary file beside the target and renamed at the
end; a failure or a cancellation removes it, and the letter numbers given to the minutes
on the way (:mod:`app.services.letter_number`) are taken back.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import secrets
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.files import _check_target_kind, fsync_folder, unwritable
from app.persian.jalali import format_jalali
from app.persian.text import fa_number
from app.services.changes import Changes
from app.store.db import Store

from . import format as fmt
from .collect import Collected, collect

__all__ = ["Cancelled", "ExportPlan", "ExportSummary", "Progress", "export_package", "plan_export",
           "suggested_package_name"]

Progress = Callable[[int, int, str], None]  # (done, total, what is being made)
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    body_name: str
    period_label: str
    meetings: int  # minutes PDFs in the package
    carried: int  # earlier meetings in data.json for their new history
    resolutions: int
    left_out: int  # meetings of the quarter without final minutes
    signed_by: str
    files: tuple[str, ...]
    size: int
    sha256: str
    pdf_seconds: tuple[float, ...] = field(default=())
    changes: Changes = field(default_factory=Changes)  # the letter numbers given to the minutes

    def describe(self) -> str:
        lines = [f"بستهٔ فصلی نوشته شد: \u2066{self.path}\u2069",
                 f"{self.body_name} — {self.period_label}",
                 f"صورتجلسه‌های نهایی: {fa_number(self.meetings)}؛ مصوبات: {fa_number(self.resolutions)}"]
        if self.carried:
            lines.append(f"جلسه‌های پیشین با پیگیری تازه در این فصل: {fa_number(self.carried)}")
        if self.left_out:
            lines.append(f"جلسه‌های بی‌صورتجلسهٔ نهایی (پیش‌نویس، ارسال نشد): {fa_number(self.left_out)}")
        lines.append(f"امضا: {self.signed_by}" if self.signed_by else "امضا: بدون امضای دیجیتال")
        lines.append(f"پرونده‌ها: {fa_number(len(self.files))}")
        return "\n".join(lines)


@dataclass(frozen=True)
class ExportPlan:
    """What a package of the quarter would hold, said before it is made (the wizard's first page)."""

    body_name: str
    period_label: str
    meetings: int  # final minutes of the quarter
    carried: int  # earlier meetings with new follow-up history
    resolutions: int
    left_out: tuple[str, ...]  # «جلسهٔ ۳ کمیتهٔ … — ۱۴۰۳/۰۸/۱۲»: not final, not sent

    def describe(self) -> str:
        lines = [f"{self.body_name} — {self.period_label}",
                 f"صورتجلسه‌های نهایی که فرستاده می‌شوند: {fa_number(self.meetings)}؛ "
                 f"مصوبات: {fa_number(self.resolutions)}"]
        if self.carried:
            lines.append(f"جلسه‌های پیشین با پیگیری تازه در این فصل: {fa_number(self.carried)}")
        if not self.meetings and not self.carried:
            lines.append("در این فصل صورتجلسهٔ نهایی‌ای نیست؛ بسته فقط آمار فصل را دارد.")
        if self.left_out:
            lines.append(f"این جلسه‌ها نهایی نشده‌اند و فرستاده نمی‌شوند (پیش‌نویس، ارسال نشد): "
                         f"{fa_number(len(self.left_out))}")
            lines += [f"  - {x}" for x in self.left_out]
        return "\n".join(lines)


def plan_export(store: Store, body_id: int, year: int, quarter: int, *, sub_bodies: bool = False,
                now: dt.datetime) -> ExportPlan:
    """Read what :func:`export_package` would put in the package; writes nothing.
    Raises the UserErrors of :func:`export_package`'s reading (``body_unknown``, ``year_invalid``…)."""
    from app.services.stats import period

    p = period(year, quarter)
    collected = collect(store, body_id, year, quarter, sub_bodies=sub_bodies, now=now)
    names = {b["uuid"]: b["name"] for b in collected.data["bodies"]}
    left = tuple(f"جلسهٔ {fa_number(x['number']) if x['number'] else '؟'} {names.get(x['body_uuid'], '')} — "
                 f"{fa_number(x['date']['jalali'])}" for x in collected.left_out)
    return ExportPlan(collected.root.name, p.label, len(collected.period_meeting_ids),
                      len(collected.meeting_ids) - len(collected.period_meeting_ids), len(collected.resolution_ids),
                      left)


def suggested_package_name(body_name: str, year: int, quarter: int) -> str:
    """«بسته فصلی کمیته آموزش - 1403-Q2.zip»: one digit system (Latin), safe on every file system."""
    from app.files import proposed_file_name

    return proposed_file_name(f"بسته فصلی {body_name}", f"{year}-Q{quarter}", suffix=".zip")


def _cancel_check(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise UserError("package_cancelled", "ساختن بسته لغو شد؛ پرونده‌ای نوشته نشد.", english="export cancelled")


def export_package(store: Store, body_id: int, year: int, quarter: int, out: Path, *, sub_bodies: bool = False,
                   sign: tuple[Path, str] | None = None, now: dt.datetime, progress: Progress | None = None,
                   cancelled: Cancelled | None = None) -> ExportSummary:
    """Write the package of ``body_id``'s quarter to ``out``; raises UserError (``body_unknown``,
    ``year_invalid``, ``quarter_invalid``, ``package_cancelled``, ``package_schema``, the
    ``cert_*`` and ``export_*`` codes) and then leaves nothing under ``out``."""
    import time

    from app.export.certificates import load_certificate
    from app.export.minutes_doc import minutes_doc
    from app.export.minutes_pdf import build_minutes_pdf, sign_minutes
    from app.services.letter_number import numbered_for_export
    from app.services.stats import period

    out = Path(out)
    p = period(year, quarter)
    _check_target_kind(out)
    if not out.parent.is_dir():
        raise unwritable(out.parent, FileNotFoundError(2, "No such file or directory"))
    certificate = load_certificate(sign[0], sign[1], now=now) if sign is not None else None  # a wrong password: at once
    collected = collect(store, body_id, year, quarter, sub_bodies=sub_bodies, now=now)
    _check_schema(collected.data)
    total = len(collected.period_meeting_ids) + 4
    step = 0

    def advance(what: str) -> None:
        nonlocal step
        _cancel_check(cancelled)
        if progress is not None:
            progress(step, total, what)
        step += 1

    members: dict[str, bytes] = {}
    pdf_seconds: list[float] = []
    today = now.date()
    with contextlib.ExitStack() as numbers:  # a failure below takes every letter number back; success keeps them
        for meeting_id in collected.period_meeting_ids:
            advance("صورتجلسه")
            started = time.perf_counter()
            numbers.enter_context(numbered_for_export(store, meeting_id, today=today))
            doc = minutes_doc(store, meeting_id)
            pdf = sign_minutes(doc, sign[0], sign[1], when=now) if sign is not None else build_minutes_pdf(doc)
            revision = next(m["revision"] for m in collected.data["meetings"]
                            if m["uuid"] == collected.meeting_uuids[meeting_id])
            members[fmt.minutes_name(collected.meeting_uuids[meeting_id], revision)] = pdf
            pdf_seconds.append(time.perf_counter() - started)
        _letter_numbers(store, collected)
        _check_schema(collected.data)
        advance("data.json")
        members[fmt.DATA] = json.dumps(collected.data, ensure_ascii=False, indent=1).encode("utf-8")
        advance("resolutions.xlsx")
        rows = _register_rows(store, collected, today)
        from app.export.register_xlsx import register_xlsx

        members[fmt.REGISTER] = register_xlsx(rows, title=f"مصوبات {p.label}")
        advance("summary.pdf")
        signed_by = certificate.info.name if certificate is not None else ""
        members[fmt.SUMMARY] = _summary(store, collected, p, rows, members, body_id, sub_bodies, today, signed_by,
                                        year, quarter)
        advance("manifest.json")
        manifest = _manifest(collected, members, now, signed=certificate is not None)
        ordered = {fmt.MANIFEST: manifest}
        if certificate is not None:
            from .cms import sign_manifest

            ordered[fmt.SIGNATURE] = sign_manifest(manifest, certificate, when=now)
        ordered.update(members)
        _cancel_check(cancelled)
        size, digest = _write_zip(out, ordered, cancelled)
    if progress is not None:
        progress(total, total, "")
    return ExportSummary(out, collected.root.name, p.label, len(collected.period_meeting_ids),
                         len(collected.meeting_ids) - len(collected.period_meeting_ids),
                         len(collected.resolution_ids), len(collected.left_out), signed_by, tuple(ordered), size,
                         digest, tuple(pdf_seconds), Changes(meetings=frozenset(collected.period_meeting_ids)))


def _check_schema(data: dict[str, Any]) -> None:
    problems = fmt.validate_data(data)
    if problems:
        raise UserError("package_schema", "دادهٔ بسته با قالب data.json جور نیست و بسته نوشته نشد: " + problems[0],
                        english="data.json fails its schema")


def _letter_numbers(store: Store, collected: Collected) -> None:
    by_uuid = {m["uuid"]: m for m in collected.data["meetings"]}
    from .collect import jdate

    for meeting_id in collected.period_meeting_ids:
        number, date, _year, _rank = store.read("meeting_letter", id=meeting_id)[0]
        meeting = by_uuid[collected.meeting_uuids[meeting_id]]
        meeting["letter_number"], meeting["letter_date"] = number, jdate(date)


def _register_rows(store: Store, collected: Collected, today: dt.date) -> list[Any]:
    from app.services.tracker import tracker_rows

    rows = list(tracker_rows(store, today=today, resolution_ids=collected.resolution_ids)) \
        if collected.resolution_ids else []
    return sorted(rows, key=lambda r: (r.meeting_date, r.meeting_id, r.number))


def _summary(store: Store, collected: Collected, p: Any, rows: list[Any], members: dict[str, bytes], body_id: int,
             sub_bodies: bool, today: dt.date, signed_by: str, year: int, quarter: int) -> bytes:
    from app.services.stats import body_stats

    from .summary_pdf import LeftOut, SummaryFile, summary_pdf

    figures = body_stats(store, today=today, body_id=body_id, year=year, quarter=quarter,
                         include_sub_bodies=sub_bodies)
    if sub_bodies:
        figures += [body_stats(store, today=today, body_id=b, year=year, quarter=quarter)[0]
                    for b in collected.body_ids]
    names = {b["uuid"]: b["name"] for b in collected.data["bodies"]}
    meetings = {m["uuid"]: m for m in collected.data["meetings"]}
    files = [SummaryFile(fmt.MANIFEST, "فهرست پرونده‌ها و چکیده‌های SHA-256")]
    if signed_by:
        files.append(SummaryFile(fmt.SIGNATURE, f"امضای دیجیتال فهرست ({signed_by})"))
    files += [SummaryFile(fmt.DATA, "دادهٔ جلسات، مصوبات و پیگیری‌ها (برای ورود به برنامه)"),
              SummaryFile(fmt.REGISTER, "دفتر مصوبات (Excel)"),
              SummaryFile(fmt.SUMMARY, "همین خلاصه")]
    for name in members:
        if fmt.is_minutes_name(name):
            m = meetings[name[len(fmt.MINUTES_DIR):-len(".pdf")].rsplit("-r", 1)[0]]
            files.append(SummaryFile(name, f"صورتجلسهٔ جلسهٔ {fa_number(m['number'])} {names.get(m['body_uuid'], '')} "
                                           f"— {m['date']['jalali']} (ویرایش {fa_number(m['revision'])})"))
    left = [LeftOut(names.get(x["body_uuid"], ""), x["number"], x["date"]["jalali"]) for x in collected.left_out]
    return summary_pdf(body_name=collected.root.name + (" و نهادهای زیرمجموعه" if sub_bodies else ""),
                       period_label=p.label, office=collected.data["office"]["name"], made_on=format_jalali(today),
                       figures=figures, rows=rows, left_out=left, files=files, signed_by=signed_by)


def _manifest(collected: Collected, members: dict[str, bytes], now: dt.datetime, *, signed: bool) -> bytes:
    data = collected.data
    manifest = {
        "format": fmt.FORMAT_NAME, "version": fmt.FORMAT_VERSION, "program": data["program"],
        "created": data["created"], "office": data["office"], "period": data["period"],
        "body": {"uuid": collected.root.uuid, "name": collected.root.name}, "sub_bodies": data["sub_bodies"],
        "signed": signed,
        "files": [{"name": name, "size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
                  for name, content in members.items()],
    }
    return json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")


def _write_zip(out: Path, members: dict[str, bytes], cancelled: Cancelled | None) -> tuple[int, str]:
    folder = out.parent
    tmp = folder / f".{out.name}.{secrets.token_hex(4)}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as exc:
        raise unwritable(folder, exc) from exc
    try:
        with os.fdopen(fd, "wb") as f:
            with zipfile.ZipFile(f, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as z:
                for name, content in members.items():
                    _cancel_check(cancelled)
                    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o644 << 16
                    z.writestr(info, content)
            f.flush()
            os.fsync(f.fileno())
        _check_target_kind(out)
        data = tmp.read_bytes()
        os.replace(tmp, out)
        fsync_folder(folder)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise unwritable(folder, exc) from exc
        raise
    return len(data), hashlib.sha256(data).hexdigest()
