"""Co-signing signed minutes (امضای همکار): a member signs in their own box of the signature block.

The first signature of the minutes (:func:`app.export.minutes_pdf.sign_minutes`)
leaves an empty signature field in every other signatory's box. A co-signer
picks one — by its field name (``DabirSlot3``), its number (``3``) or the
name it is labelled with — and signs into it; nothing else is changed, so the
verifier still finds the earlier signatures intact. ``dabir cosign`` and the
app's «امضای همکار…» both come here.

Refused, before anything is written: a file that is not a PDF signed by
Dabir, one whose signatures do not verify (a co-signer must not vouch for a
changed file), one without an empty slot, an unknown or already signed slot,
a bad certificate or password, and a target that is the source itself.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UserError
from app.persian.text import fa_number, normalize_for_search, to_latin_digits

if TYPE_CHECKING:
    from app.export.signing import SlotInfo

__all__ = ["CosignResult", "SlotChoice", "choose_slot", "cosign_file", "cosign_pdf", "empty_slots", "slot_lines"]

_PREFIXES = ("DabirSignature", "DabirSlot")
LRI, PDI = "\u2066", "\u2069"


@dataclass(frozen=True)
class SlotChoice:
    """An empty signature slot as the co-signer picks it: its number, whose it is, where."""

    name: str  # the field's name, «DabirSlot3»
    number: int  # 3
    label: str  # «عضو: علی رضایی»
    page: int  # from 0

    @property
    def title(self) -> str:
        """«۳. عضو: علی رضایی (صفحهٔ ۴)»."""
        return f"{fa_number(self.number)}. {self.label or self.name} (صفحهٔ {fa_number(self.page + 1)})"


@dataclass(frozen=True)
class CosignResult:
    """What was signed: the slot, and the co-signed bytes."""

    slot: SlotChoice
    pdf: bytes


def _number(name: str) -> int:
    digits = name.removeprefix("DabirSlot")
    return int(digits) if digits.isdigit() else 0


def _all_slots(pdf: bytes) -> list[SlotInfo]:
    from app.export.signing import signature_slots

    if not pdf.lstrip(b"\x00\t\n\r ")[:5] == b"%PDF-":
        raise UserError("pdf_unreadable", "این پرونده PDF نیست.", english="not a PDF")
    try:
        slots = signature_slots(pdf)
    except UserError:
        raise
    except Exception as exc:  # untrusted input: whatever breaks the form's reading is an unreadable file
        raise UserError("pdf_unreadable", "پرونده PDF خوانا نیست.", english="the PDF cannot be read") from exc
    if not any(s.filled and s.name.startswith(_PREFIXES) for s in slots):
        raise UserError("cosign_not_dabir", "این پرونده صورتجلسهٔ امضاشده با دبیر نیست؛ امضای همکار فقط در "
                        "جاهای امضای صورتجلسه‌ای ممکن است که دبیر امضا کرده باشد.",
                        english="not a PDF signed by Dabir")
    return slots


def _free(slots: list[SlotInfo]) -> list[SlotChoice]:
    from app.export.signing import SLOT_PREFIX

    return [SlotChoice(s.name, _number(s.name), s.label, s.page) for s in slots
            if not s.filled and s.name.startswith(SLOT_PREFIX)]


def empty_slots(pdf: bytes) -> list[SlotChoice]:
    """The empty slots of a PDF signed by Dabir, in the document's order.

    UserError ``pdf_unreadable`` (not a PDF), ``cosign_not_dabir`` (no
    signature made by Dabir). An empty list is a signed file whose every slot
    is signed already.
    """
    return _free(_all_slots(pdf))


def slot_lines(slots: list[SlotChoice]) -> list[str]:
    """The empty slots in Persian, one a line, for ``dabir cosign --list``."""
    if not slots:
        return ["جای امضای خالی‌ای در این پرونده نمانده است؛ همهٔ امضاکنندگان امضا کرده‌اند."]
    return ["جاهای امضای خالی (شماره یا نام را به --slot بدهید):",
            *(f"{s.title} — {LRI}{s.name}{PDI}" for s in slots)]


def choose_slot(pdf: bytes, key: str) -> SlotChoice:
    """The empty slot ``key`` names: a field name, a number (Latin or Persian digits), or words of its label.

    UserError ``slot_none`` (nothing left to sign), ``slot_filled``, ``slot_unknown``
    (also when the words fit several slots), and those of :func:`empty_slots`.
    """
    from app.export.signing import SLOT_PREFIX

    slots = _all_slots(pdf)
    free = _free(slots)
    wanted = key.strip()
    if re.fullmatch(r"[0-9۰-۹]+", wanted):
        wanted = f"{SLOT_PREFIX}{int(to_latin_digits(wanted))}"
    filled = {s.name: s for s in slots if s.filled}
    if wanted in filled:
        info = filled[wanted]
        raise UserError("slot_filled", f"جای امضای «{info.label or wanted}» پیش‌تر امضا شده است.",
                        english=f"slot {wanted} is already signed")
    if not free:
        raise UserError("slot_none", "جای امضای خالی‌ای در این پرونده نمانده است؛ همهٔ امضاکنندگان امضا کرده‌اند.",
                        english="no empty signature slot is left")
    exact = [s for s in free if s.name == wanted]
    words = normalize_for_search(wanted)
    by_label = [s for s in free if words and words in normalize_for_search(s.label)]
    found = exact or by_label
    if len(found) == 1:
        return found[0]
    if found:
        raise UserError("slot_unknown", f"«{key}» با بیش از یک جای امضا جور است؛ شمارهٔ آن را بدهید: "
                        + "، ".join(s.title for s in found), english=f"{key} matches several slots")
    shown = "، ".join(s.title for s in free[:5]) + ("، …" if len(free) > 5 else "")
    raise UserError("slot_unknown", f"جای امضای «{key}» در این پرونده نیست. جاهای خالی: {shown} "
                    "(همه را با --list ببینید).", english=f"no empty slot {key}")


def cosign_pdf(pdf: bytes, key: str, p12: Path, password: str, *, when: dt.datetime) -> CosignResult:
    """``pdf`` signed by the holder of ``p12`` into the empty slot ``key``.

    The file's signatures are checked first (the verifier's verdict must be
    «intact»), and the certificate is opened with ``password``: errors
    ``cosign_not_intact``, the ``cert_*`` codes, and those of :func:`choose_slot`.
    """
    from app.export.certificates import load_certificate
    from app.export.signing import sign_pdf_with
    from app.export.verification import verify_pdf

    slot = choose_slot(pdf, key)
    certificate = load_certificate(p12, password, now=when)
    report = verify_pdf(pdf, now=when)
    if not report.ok:
        raise UserError("cosign_not_intact", "امضاهای این پرونده سالم نیستند (پس از امضا تغییر کرده یا امضا معتبر "
                        "نیست)؛ امضای همکار روی آن گذاشته نمی‌شود. گزارش «بررسی امضا» را ببینید.",
                        english="the file's signatures do not verify")
    signed = sign_pdf_with(pdf, certificate, when=when, slot=slot.name, reason="امضای صورتجلسه")
    return CosignResult(slot, signed)


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def cosign_file(source: Path, target: Path, key: str, p12: Path, password: str, *,
                when: dt.datetime) -> CosignResult:
    """Co-sign ``source`` into ``target`` (written atomically); the source is never touched.

    Errors: ``cosign_target_is_source``, ``file_missing``, ``file_too_large``, those of
    :func:`cosign_pdf`, and the ``export_*`` codes of the write.
    """
    from app.export.verification import read_pdf
    from app.files import write_atomic

    if _same_file(source, target):
        raise UserError("cosign_target_is_source", "پروندهٔ خروجی همان پروندهٔ ورودی است؛ نسخهٔ امضاشده را با نام "
                        "دیگری ذخیره کنید تا نسخهٔ پیشین بماند.", english="-o must not be the input file")
    result = cosign_pdf(read_pdf(source), key, p12, password, when=when)
    write_atomic(target, result.pdf)
    return result
