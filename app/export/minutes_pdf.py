"""The minutes of a meeting as a print-quality Persian PDF (صورتجلسه).

Parts in the order DOMAIN.md gives them: header, agenda, attendees,
discussion summary, resolutions, signatures. :func:`build_minutes_pdf` turns a
:class:`~app.export.minutes_doc.MinutesDoc` into bytes; :func:`render_minutes`
reads a meeting from the store and writes the file atomically.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, Image, Spacer

from app import __version__
from app.clock import SystemClock
from app.errors import UserError
from app.export import fonts
from app.export.letterhead import letterhead, meeting_ordinal
from app.export.minutes_doc import Attendee, MinutesDoc, ResolutionLine, Signatory, minutes_doc
from app.export.minutes_reports import shorten
from app.export.pdf_page import FRAME_WIDTH, MUTED, PAGE_HEIGHT, DocumentTemplate, PageDecor, numbered_canvas
from app.export.pdf_safe_table import safe_table
from app.export.pdf_tables import GRID, GROUP_BG, HEADER_BG, RULE, Cell, rtl_table
from app.export.rtl_paragraph import RtlParagraph, TextStyle, labelled
from app.export.rtl_text import Span
from app.export.signature_block import SignatoryBox, matching_box, signature_rows
from app.files import write_atomic
from app.persian import labels
from app.persian.jalali import format_jalali
from app.persian.text import fa_number, ltr_isolate
from app.store.db import Store

__all__ = ["EMPTY", "SignatureSlot", "build_minutes_pdf", "render_minutes", "sign_minutes"]

NAVY = colors.HexColor("#1d3557")

BODY = TextStyle(size=10.5, leading=19.5, align="justify")
ENTRY = BODY.but(space_after=7)
NOTE = TextStyle(size=10, leading=18, color=MUTED)
CELL = TextStyle(size=9.5, leading=16.5)
CELL_SMALL = CELL.but(size=8.5, leading=14.5, color=MUTED)
CELL_HEAD = CELL.but(font=fonts.BOLD, color=NAVY)
CELL_CENTER = CELL.but(align="center")
HEAD_CENTER = CELL_HEAD.but(align="center")
BODY_NAME = TextStyle(font=fonts.BOLD, size=14, leading=24, align="center")
TITLE = TextStyle(font=fonts.BOLD, size=21, leading=36, align="center", color=NAVY)
ORDINAL = TextStyle(font=fonts.MEDIUM, size=12, leading=21, align="center")
HEADING = TextStyle(font=fonts.BOLD, size=12.5, leading=22, color=NAVY, space_before=16, space_after=8)

# The sentences an empty section prints instead of staying silent.
EMPTY = {
    "agenda": "برای این جلسه دستور جلسه‌ای ثبت نشده است.",
    "attendees": "برای این جلسه حاضری ثبت نشده است.",
    "discussion": "برای این جلسه خلاصهٔ مذاکراتی ثبت نشده است.",
    "resolutions": "برای این جلسه مصوبه‌ای ثبت نشده است.",
    "signatures": "برای این جلسه امضاکننده‌ای ثبت نشده است.",
}


class _Heading(RtlParagraph):
    """A section heading with a rule under it."""

    def draw(self) -> None:
        super().draw()
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, 1.5, self.width, 1.5)


def _p(text: str, style: TextStyle = CELL) -> Cell:
    return [RtlParagraph(text, style)]


def _section(number: int, title: str, room: float = 4.2 * cm) -> list[Flowable]:
    """A numbered heading, moved to the next page when less than ``room`` is left.

    ``room`` is the heading and what must follow it on the same page (a table's
    header and first row), so that a heading never stands alone at a page's foot.
    """
    return [CondPageBreak(room), _Heading(f"{fa_number(number)}. {title}", HEADING)]


# --- the parts -----------------------------------------------------------------------


def _title_block(doc: MinutesDoc) -> list[Flowable]:
    out: list[Flowable] = [letterhead(doc.letter_number, doc.year, doc.letter_date)]
    if doc.emblem is not None:
        out.append(_emblem(doc.emblem))
    out.append(RtlParagraph(doc.body_name, BODY_NAME))
    out.append(RtlParagraph("صورتجلسه", TITLE))
    if doc.number:
        out.append(RtlParagraph(meeting_ordinal(doc.number, doc.rank, doc.year), ORDINAL))
    out.append(Spacer(1, 8))
    bold = fonts.BOLD

    def info(label: str, value: str) -> Cell:
        return [RtlParagraph([Span(label + ": ", bold), Span(value or "—")], CELL)]

    chair = doc.chair.name if doc.chair else ""
    secretary = doc.secretary.name if doc.secretary else ""
    # No time given: no «ساعت: —» cell; the place takes its room. The status is in the footer.
    first_row = ([info("تاریخ", doc.date_label), info("ساعت", doc.time_label), info("مکان", doc.place)]
                 if doc.time_label else [info("تاریخ", doc.date_label), info("مکان", doc.place), []])
    rows = [first_row, [info("رئیس جلسه", chair), info("دبیر جلسه", secretary), []]]
    third = FRAME_WIDTH / 3
    out.append(rtl_table(rows, [third] * 3, header_rows=0, commands=[
        *GRID, ("BACKGROUND", (0, 0), (-1, -1), GROUP_BG), ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5), ("SPAN", (1, 1), (2, 1)),
        *([] if doc.time_label else [("SPAN", (1, 0), (2, 0))])]))
    return out


def _emblem(source: Path | bytes) -> Flowable:
    where = "ذخیره‌شدهٔ نهاد" if isinstance(source, bytes) else f"«{ltr_isolate(source)}»"
    try:
        image = Image(io.BytesIO(source) if isinstance(source, bytes) else str(source))
        ratio = image.imageWidth / image.imageHeight
    except Exception as exc:  # reportlab/Pillow raise many kinds for a bad image
        raise UserError("emblem_unreadable", f"تصویر نشان {where} خوانده نشد؛ یک فایل PNG یا JPEG انتخاب کنید.",
                        english="the emblem image cannot be read") from exc
    height = 2.1 * cm
    image.drawHeight, image.drawWidth = height, height * ratio
    image.hAlign = "CENTER"
    return image


def _agenda(doc: MinutesDoc) -> list[Flowable]:
    out = _section(1, "دستور جلسه")
    if not doc.agenda:
        return [*out, RtlParagraph(EMPTY["agenda"], NOTE)]
    rows = [[_p(f"{fa_number(i)}.", BODY), _p(text, BODY)] for i, text in enumerate(doc.agenda, start=1)]
    table = rtl_table(rows, [0.9 * cm, FRAME_WIDTH - 0.9 * cm], header_rows=0, commands=[
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2)])
    return [*out, table]


def _attendee_groups(attendees: Sequence[Attendee]) -> list[tuple[str, list[Attendee]]]:
    present = [a for a in attendees if a.kind != "guest" and a.status in ("present", "deputy")]
    away = [a for a in attendees if a.kind != "guest" and a.status not in ("present", "deputy")]
    guests = [a for a in attendees if a.kind == "guest"]
    groups = [("اعضای حاضر", present), ("اعضای غایب", away), ("مدعوین", guests)]
    return [(title, people) for title, people in groups if people]


def _attendees(doc: MinutesDoc) -> list[Flowable]:
    out = _section(2, "حاضرین", 5.6 * cm)  # heading, header, a group title and its first row
    if not doc.attendees:
        return [*out, RtlParagraph(EMPTY["attendees"], NOTE)]
    widths = [1.3 * cm, 4.4 * cm, 4.8 * cm, 3.9 * cm]
    widths.append(FRAME_WIDTH - sum(widths))
    rows: list[list[Cell]] = [[_p("ردیف", HEAD_CENTER), _p("نام و نام خانوادگی", CELL_HEAD), _p("سمت", CELL_HEAD),
                               _p("سازمان", CELL_HEAD), _p("امضا", HEAD_CENTER)]]
    commands: list[tuple[object, ...]] = [*GRID, ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG)]
    number = 0
    for title, people in _attendee_groups(doc.attendees):
        r = len(rows)
        rows.append([_p(title, CELL_HEAD), [], [], [], []])
        # A group's title is never left alone at a page's foot.
        commands += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), GROUP_BG),
                     ("NOSPLIT", (0, r), (-1, r + 1))]
        for a in people:
            number += 1
            name: Cell = _p(a.name)
            if a.status == "deputy" and a.deputy_name.strip():
                name.append(RtlParagraph(f"(نماینده: {a.deputy_name.strip()})", CELL_SMALL))
            mark = "" if a.status in ("present", "deputy") else labels.ATTENDANCE_STATUS.get(a.status, a.status)
            rows.append([_p(fa_number(number), CELL_CENTER), name, _p(a.post), _p(a.organisation),
                         _p(mark, CELL.but(color=MUTED, align="center"))])
    return [*out, *safe_table(rows, widths, commands=commands)]


def _discussion(doc: MinutesDoc) -> list[Flowable]:
    out = _section(3, "خلاصهٔ مذاکرات")
    if not doc.discussion:
        return [*out, RtlParagraph(EMPTY["discussion"], NOTE)]
    return [*out, *(labelled(d.speaker, d.text, ENTRY) for d in doc.discussion)]


def _deadline(r: ResolutionLine) -> str:
    if r.standing:
        return "مستمر"
    if r.deadline is not None:
        return format_jalali(r.deadline)
    return r.deadline_text.strip() or "—"


def _resolutions(doc: MinutesDoc) -> list[Flowable]:
    out = _section(4, "مصوبات", 4.6 * cm)
    if not doc.resolutions:
        return [*out, RtlParagraph(EMPTY["resolutions"], NOTE)]
    widths = [1.4 * cm, 0.0, 4.4 * cm, 2.4 * cm]
    widths[1] = FRAME_WIDTH - sum(widths)
    rows: list[list[Cell]] = [[_p("شماره", HEAD_CENTER), _p("متن مصوبه", CELL_HEAD), _p("مسئول اجرا", CELL_HEAD),
                               _p("مهلت اجرا", HEAD_CENTER)]]
    for r in doc.resolutions:
        units: Cell = _p(r.lead_unit or "—")
        if r.collaborators:
            units.append(RtlParagraph(f"همکار: {'، '.join(r.collaborators)}", CELL_SMALL))
        rows.append([_p(fa_number(r.number), CELL_CENTER), _p(r.text, CELL.but(align="justify")), units,
                     _p(_deadline(r), CELL_CENTER)])
    return [*out, *safe_table(rows, widths, commands=[*GRID, ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG)])]


SUBHEADING = HEADING.but(size=11, leading=20, space_before=12, space_after=6)


def _reports(doc: MinutesDoc) -> list[Flowable]:
    """Part of «مصوبات»: the earlier resolutions reported on in this meeting, with what it decided
    about them (the new status, any new deadline); nothing when the meeting heard no report."""
    if not doc.reports:
        return []
    widths = [3.0 * cm, 0.0, 0.0, 2.6 * cm, 2.2 * cm]
    widths[1] = widths[2] = (FRAME_WIDTH - sum(widths)) / 2
    rows: list[list[Cell]] = [[_p("مصوبه", CELL_HEAD), _p("متن مصوبه (خلاصه)", CELL_HEAD), _p("گزارش", CELL_HEAD),
                               _p("وضعیت تازه", HEAD_CENTER), _p("مهلت تازه", HEAD_CENTER)]]
    for r in doc.reports:
        source = _p(r.source_label)
        if r.meeting_date is not None:
            source.append(RtlParagraph(f"({format_jalali(r.meeting_date)})", CELL_SMALL))
        rows.append([source, _p(shorten(r.resolution_text)), _p(r.report.strip() or "—", CELL.but(align="justify")),
                     _p(r.status_label, CELL_CENTER), _p(format_jalali(r.new_deadline) or "—", CELL_CENTER)])
    return [CondPageBreak(4.2 * cm), _Heading("پیگیری مصوبات جلسات قبل", SUBHEADING),
            *safe_table(rows, widths, commands=[*GRID, ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG)])]


def _signatories(doc: MinutesDoc) -> list[tuple[str, Signatory]]:
    out: list[tuple[str, Signatory]] = []
    if doc.chair:
        out.append(("رئیس جلسه", doc.chair))
    if doc.secretary:
        out.append(("دبیر جلسه", doc.secretary))
    skip = {doc.chair_id, doc.secretary_id} - {None}
    for a in doc.attendees:
        if a.kind == "guest" or a.status not in ("present", "deputy") or (a.person_id is not None and a.person_id in skip):
            continue
        if a.status == "deputy" and a.deputy_name.strip():
            out.append(("عضو", Signatory(a.deputy_name.strip(), f"به نمایندگی از {a.name}")))
        else:
            out.append(("عضو", Signatory(a.name, a.post)))
    return out


def _signatures(doc: MinutesDoc, boxes: list[SignatoryBox] | None = None) -> list[Flowable]:
    """Heading and the rows of boxes; the heading goes to the next page with the first row
    when that row does not fit under it. The boxes are appended to ``boxes``."""
    people = _signatories(doc)
    if not people:
        return [*_section(5, "امضای حاضرین"), RtlParagraph(EMPTY["signatures"], NOTE)]
    rows = signature_rows([(role, s.name, s.post) for role, s in people], FRAME_WIDTH)
    first = rows[0].wrap(FRAME_WIDTH, PAGE_HEIGHT)[1]
    if boxes is not None:
        boxes += [box for row in rows for box in row.boxes]
    return [*_section(5, "امضای حاضرین", HEADING.leading + HEADING.space_before + HEADING.space_after + first + 2),
            *rows]


# --- the document ---------------------------------------------------------------------


class SignatureSlot(Flowable):
    """The place of the digital signature's visible box; remembers where it was drawn.

    The signer puts its stamp exactly over it (pyHanko wants a page and a
    rectangle in points), so the box sits in the signature block, not floating.
    """

    def __init__(self, width: float = 6.5 * cm, height: float = 2.2 * cm) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.box: tuple[int, tuple[float, float, float, float]] | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setStrokeColor(RULE)
        self.canv.setDash(2, 2)
        self.canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        self.canv.restoreState()
        x, y = self.canv.absolutePosition(0, 0)
        self.box = (self.canv.getPageNumber() - 1, (x, y, x + self.width, y + self.height))


def _signature_slot(slot: SignatureSlot) -> list[Flowable]:
    """The secretariat's certification: a caption and, at the left margin, the slot."""
    slot.hAlign = "LEFT"
    return [CondPageBreak(slot.height + 1.5 * cm), Spacer(1, 0.4 * cm),
            RtlParagraph("تأیید دبیرخانه با امضای دیجیتال:", NOTE), slot]


def _revision_line(doc: MinutesDoc) -> list[Flowable]:
    """Under the title of final minutes: «ویرایش ۲، اصلاحیهٔ ۱۴۰۵/۰۹/۱۲»."""
    if not doc.revision_label:
        return []
    return [Spacer(1, 4), RtlParagraph(doc.revision_label, NOTE.but(align="center", color=NAVY))]


def _amendments(doc: MinutesDoc) -> list[Flowable]:
    """At the end of amended minutes, each amendment: when, by whom, why, and what changed."""
    if not doc.amendments:
        return []
    out: list[Flowable] = [CondPageBreak(4.2 * cm), _Heading("اصلاحیه‌ها", HEADING)]
    widths = [4.2 * cm, 0.0, 0.0]
    widths[1] = widths[2] = (FRAME_WIDTH - widths[0]) / 2
    bold = fonts.BOLD
    for a in doc.amendments:
        out.append(RtlParagraph([Span(f"ویرایش {fa_number(a.revision)}، اصلاحیهٔ {format_jalali(a.date)}", bold),
                                 Span(f" — {a.who}" if a.who else "")], BODY.but(space_before=6)))
        out.append(RtlParagraph([Span("علت: ", bold), Span(a.reason)], ENTRY))
        rows: list[list[Cell]] = [[_p("مورد", CELL_HEAD), _p("پیش از اصلاح", CELL_HEAD), _p("پس از اصلاح", CELL_HEAD)]]
        rows += [[_p(field), _p(before), _p(after)] for field, before, after in a.changes]
        out.append(rtl_table(rows, widths, commands=[*GRID, ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG)]))
    return out


def story(doc: MinutesDoc, slot: SignatureSlot | None = None,
          boxes: list[SignatoryBox] | None = None) -> list[Flowable]:
    """The flowables of the minutes, in DOMAIN.md's order; the signatories' boxes are appended to
    ``boxes``; amended minutes list their amendments last."""
    return [*_title_block(doc), *_revision_line(doc), *_agenda(doc), *_attendees(doc), *_discussion(doc),
            *_resolutions(doc), *_reports(doc), *_signatures(doc, boxes), *_amendments(doc),
            *(_signature_slot(slot) if slot is not None else [])]


def build_minutes_pdf(doc: MinutesDoc, *, slot: SignatureSlot | None = None,
                      boxes: list[SignatoryBox] | None = None) -> bytes:
    """The minutes PDF of ``doc``: A4, right to left, Vazirmatn embedded.

    With ``slot`` the signature block gets a box for the digital signature;
    after the build ``slot.box`` says where it is, and each of ``boxes`` (the
    signatories' boxes, appended) where its signing space is.
    """
    fonts.register_fonts()
    buffer = io.BytesIO()
    number = f"جلسهٔ {fa_number(doc.number)}" if doc.number else "جلسه"
    date = format_jalali(doc.date) if doc.date else doc.date_text
    template = DocumentTemplate(
        buffer, title=f"صورتجلسهٔ {number} {doc.body_name}", subject=f"صورتجلسه، {date}",
        keywords=doc.uuid, creator=f"Dabir {__version__}")
    decor = PageDecor(header_right=doc.body_name, header_left=f"صورتجلسهٔ {number} — {date}",
                      footer_right="شناسهٔ سند:", identifier=doc.short_id or "—",
                      footer_left=labels.MEETING_STATUS.get(doc.status, doc.status))
    template.build(story(doc, slot, boxes), canvasmaker=numbered_canvas(decor))
    return buffer.getvalue()


def sign_minutes(doc: MinutesDoc, p12: Path, password: str, *, when: dt.datetime) -> bytes:
    """The minutes signed, with an empty signature field in every other signatory's box.

    Who signs first: the certificate's holder, in their own box of the
    signature block when they are one of its signatories (the secretary, as
    a rule: DOMAIN.md's «the secretary or chair certifies them»), else — a
    secretariat's certificate, a holder not in the block — in the
    secretariat's certification place under the block. Every other
    signatory (chair, members, deputies) gets an empty slot labelled with
    their role and name, where they co-sign later (``dabir cosign``,
    «امضای همکار…»); :mod:`app.export.verification` accepts only that after
    the first signature. The certificate is opened (and its password
    checked) before anything is built, so a wrong password costs nothing
    and writes nothing.
    """
    from app.export.certificates import load_certificate
    from app.export.signing import EmptySlot, sign_pdf_with

    certificate = load_certificate(p12, password, now=when)
    probe: list[SignatoryBox] = []
    _signatures(doc, probe)  # who the signatories are; laid out for real by the build below
    own = matching_box(probe, certificate.info.name, prefer_role="دبیر جلسه")
    signer_at = probe.index(own) if own is not None else None
    slot = SignatureSlot() if signer_at is None else None
    boxes: list[SignatoryBox] = []
    pdf = build_minutes_pdf(doc, slot=slot, boxes=boxes)
    drawn = [box.drawn for box in boxes]
    assert all(d is not None for d in drawn) and (slot is None or slot.box is not None)  # always drawn
    field_box = slot.box if slot is not None else _field_box(boxes[signer_at or 0])
    empty = [EmptySlot(_field_box(box), f"{box.role}: {box.name}") for i, box in enumerate(boxes) if i != signer_at]
    return sign_pdf_with(pdf, certificate, when=when, field_box=field_box, empty_slots=empty,
                         reason="تأیید صورتجلسه", location=doc.place or None)


def _field_box(box: SignatoryBox) -> tuple[int, tuple[float, float, float, float]]:
    assert box.drawn is not None
    return box.drawn.page, box.drawn.rect


def render_minutes(store: Store, meeting_id: int, out: Path | BinaryIO, *, emblem: Path | None = None,
                   sign: tuple[Path, str] | None = None, when: dt.datetime | None = None,
                   revision: int | None = None) -> None:
    """Write the minutes of meeting ``meeting_id`` to a file path or a binary stream.

    With ``sign=(p12, password)`` the file is signed before it is written. Minutes that are
    not a draft get their letter number first (:mod:`app.services.letter_number`).
    Raises UserError: ``meeting_unknown``, ``export_unwritable``, ``export_disk_full``,
    ``export_target_is_folder``, ``emblem_unreadable``, ``revision_unknown`` and the ``cert_*`` codes.
    ``revision`` prints an earlier revision of final minutes as it was sealed.
    """
    from app.services.letter_number import numbered_for_export

    when = when or SystemClock().now()  # callers pass their clock
    with numbered_for_export(store, meeting_id, today=when.date()):  # written out: the minutes get their number
        doc = minutes_doc(store, meeting_id, emblem=emblem, revision=revision)
        data = sign_minutes(doc, sign[0], sign[1], when=when) if sign is not None else build_minutes_pdf(doc)
        if isinstance(out, (str, os.PathLike)):
            write_atomic(Path(out), data)
        else:
            out.write(data)
