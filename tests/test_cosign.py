"""The minutes' signature block and co-signing in it (امضای همکار), read back from the files.

A box (role, name, post, signing space) never splits across pages; the signed
minutes carry an empty signature field in every other signatory's box; a
member co-signs there with `dabir cosign` and the file still verifies.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

import pdfplumber
import pytest

from app.cli import main
from app.errors import UserError
from app.export.certificates import create_local_certificate
from app.export.cosigning import choose_slot, cosign_pdf, empty_slots
from app.export.minutes_doc import Attendee, DiscussionEntry, MinutesDoc, Signatory
from app.export.minutes_pdf import build_minutes_pdf, sign_minutes
from app.export.pdf_page import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE_HEIGHT, PAGE_WIDTH
from app.export.signature_block import SignatoryBox, matching_box
from app.export.signing import sign_pdf, signature_slots
from app.export.verification import verify_pdf
from app.persian.text import fa_number
from tests.pdf_text import document_text, read_lines
from tests.test_minutes_pdf import make_doc

IRST = dt.timezone(dt.timedelta(hours=3, minutes=30))
WHEN = dt.datetime(2024, 11, 23, 10, 30, tzinfo=IRST)
PASSWORD = "رمز-آزمون-۱۲۳"
LONG_POST = "مدیرکل دفتر امور حقوقی و قراردادهای استانداری"


def members(n: int) -> tuple[Attendee, ...]:
    return tuple(Attendee(f"عضو {fa_number(i)} رضایی", LONG_POST, "استانداری", person_id=100 + i)
                 for i in range(1, n + 1))


def long_doc(n_members: int = 10, n_lines: int = 0) -> MinutesDoc:
    return make_doc(attendees=members(n_members), secretary=Signatory("زهرا کاظمی", "دبیر کمیته"),
                    discussion=tuple(DiscussionEntry("", "سطر کوتاه") for _ in range(n_lines)))


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("certs")
    made = {}
    for key, name in (("secretary", "زهرا كاظمي"), ("member", "عضو ۳ رضایی"), ("office", "دبیرخانهٔ کمیته")):
        made[key] = folder / f"{key}.p12"
        create_local_certificate(made[key], PASSWORD, name=name, post="", organisation="استانداری همدان",
                                 now=WHEN - dt.timedelta(days=1))
    (folder / "pw").write_text(PASSWORD + "\n", encoding="utf-8")
    (folder / "bad").write_text("نادرست\n", encoding="utf-8")
    return made


@pytest.fixture(scope="module")
def signed(certs: dict[str, Path]) -> bytes:
    return sign_minutes(long_doc(), certs["secretary"], PASSWORD, when=WHEN)


def box_texts(lines: list, box: SignatoryBox) -> list[str]:  # type: ignore[type-arg]
    """The texts printed in ``box`` above its signing space, top to bottom, on the page it was drawn on."""
    assert box.drawn is not None
    x1, y1, x2, y2 = box.drawn.rect
    top_of_space = PAGE_HEIGHT - y2
    text_area = box.height - (y2 - y1) - 4
    middle = (x1 + x2) / 2
    out = []
    for line in lines:
        if line.page == box.drawn.page + 1 and top_of_space - text_area < line.top < top_of_space:
            out += [c.logical for c in line.cells if c.x0 <= middle < c.x1]
    return out


# --------------------------------------------------------------------------- the block never splits


def test_a_signatorys_box_never_splits_and_the_block_starts_with_a_whole_row() -> None:
    splits_seen = set()
    for n_lines in range(0, 44, 4):  # push the block down the pages in steps, across page breaks
        doc = long_doc(10, n_lines)
        boxes: list[SignatoryBox] = []
        lines = read_lines(build_minutes_pdf(doc, boxes=boxes))
        assert len(boxes) == 12  # chair, secretary, ten members
        for box in boxes:
            assert " ".join(box_texts(lines, box)) == " ".join(t for t in (box.role, box.name, box.post) if t), \
                (n_lines, box.name)
            x1, y1, x2, y2 = box.drawn.rect  # type: ignore[union-attr]
            assert MARGIN_X - 1 <= x1 < x2 <= PAGE_WIDTH - MARGIN_X + 1
            assert MARGIN_BOTTOM - 1 <= y1 < y2 <= PAGE_HEIGHT - MARGIN_TOP + 1
        heading = next(line for line in lines if line.logical == "۵. امضای حاضرین")
        first = boxes[0].drawn
        assert first is not None and heading.page == first.page + 1, n_lines
        assert PAGE_HEIGHT - heading.top > first.rect[3]  # the heading stands above its first row
        splits_seen.add(len({b.drawn.page for b in boxes}))  # type: ignore[union-attr]
    assert splits_seen >= {1, 2}, "the sweep must put the block across a page break at least once"


def test_a_box_with_a_huge_name_still_fits() -> None:
    doc = make_doc(attendees=(Attendee("نام " * 60, "سمت " * 60, "سازمان", person_id=5),))
    boxes: list[SignatoryBox] = []
    build_minutes_pdf(doc, boxes=boxes)
    assert all(b.drawn is not None and b.height < 8 * 28.35 for b in boxes)


# --------------------------------------------------------------------------- slots of the signed minutes


def test_the_signed_minutes_have_an_empty_slot_in_every_other_signatorys_box(signed: bytes) -> None:
    boxes: list[SignatoryBox] = []
    build_minutes_pdf(long_doc(), boxes=boxes)  # the same layout as the signed file's
    slots = signature_slots(signed)
    by_label = {s.label: s for s in slots if not s.filled}
    (own,) = [s for s in slots if s.filled]
    secretary = next(b for b in boxes if b.role == "دبیر جلسه")
    assert own.name == "DabirSignature1"
    assert sorted(by_label) == sorted(f"{b.role}: {b.name}" for b in boxes if b is not secretary)
    for box in boxes:
        slot = own if box is secretary else by_label[f"{box.role}: {box.name}"]
        assert box.drawn is not None and slot.page == box.drawn.page
        assert all(abs(a - b) <= 0.6 for a, b in zip(slot.box, box.drawn.rect, strict=True)), (slot, box.drawn)
    with pdfplumber.open(__import__("io").BytesIO(signed)) as pdf:
        for slot in slots:
            x1, y1, x2, y2 = slot.box
            page = pdf.pages[slot.page]
            inside = [c["text"] for c in page.chars
                      if c["x1"] > x1 and c["x0"] < x2 and page.height - c["bottom"] < y2 and page.height - c["top"] > y1]
            assert inside == [], (slot.label, inside)  # no printed text under a slot
    for a in slots:  # no two slots overlap
        for b in slots:
            if a is not b and a.page == b.page:
                assert a.box[2] <= b.box[0] or b.box[2] <= a.box[0] or a.box[3] <= b.box[1] or b.box[3] <= a.box[1]
    report = verify_pdf(signed, now=WHEN)
    assert report.ok and len(report.signatures) == 1, report.describe()


def test_a_signer_outside_the_block_certifies_in_the_secretariats_place(certs: dict[str, Path]) -> None:
    pdf = sign_minutes(long_doc(2), certs["office"], PASSWORD, when=WHEN)
    slots = signature_slots(pdf)
    assert sorted(s.label for s in slots if not s.filled) == [
        "دبیر جلسه: زهرا کاظمی", "رئیس جلسه: علی رضایی", "عضو: عضو ۱ رضایی", "عضو: عضو ۲ رضایی"]
    assert "تأیید دبیرخانه با امضای دیجیتال:" in document_text(read_lines(pdf))


def test_the_signers_box_is_found_whatever_the_title_and_letter_forms() -> None:
    boxes = [SignatoryBox("رئیس جلسه", "دکتر علی رضایی", ""), SignatoryBox("عضو", "مهندس سارا کریمی", "")]
    assert matching_box(boxes, "علي رضايي") is boxes[0]
    assert matching_box(boxes, "سارا  کریمی") is boxes[1]
    assert matching_box(boxes, "رضا نوری") is None and matching_box(boxes, "  ") is None
    twice = [SignatoryBox("رئیس جلسه", "زهرا کاظمی", ""), SignatoryBox("دبیر جلسه", "زهرا کاظمی", "")]
    assert matching_box(twice, "زهرا کاظمی", prefer_role="دبیر جلسه") is twice[1]


# --------------------------------------------------------------------------- co-signing


def test_a_member_co_signs_in_their_own_box_and_the_file_verifies(certs: dict[str, Path], signed: bytes,
                                                                   tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "signed.pdf"
    source.write_bytes(signed)
    assert main(["cosign", str(source), "--list"]) == 0
    listed = capsys.readouterr().out
    assert "جاهای امضای خالی" in listed and "عضو: عضو ۳ رضایی (صفحهٔ" in listed and "رئیس جلسه: علی رضایی" in listed
    number = next(s.number for s in empty_slots(signed) if s.label == "عضو: عضو ۳ رضایی")
    out = tmp_path / "cosigned.pdf"
    code = main(["cosign", str(source), "--slot", fa_number(number), "--sign", str(certs["member"]),
                 "--password-file", str(certs["secretary"].parent / "pw"), "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    assert "عضو: عضو ۳ رضایی" in capsys.readouterr().out
    assert source.read_bytes() == signed  # the source is left as it was
    report = verify_pdf(out.read_bytes())
    assert report.ok, report.describe()
    first, second = report.signatures
    assert first.signer == "زهرا كاظمي" and second.signer == "عضو ۳ رضایی" and second.co_signing
    assert "امضای همکار در جای امضای خود سند" in report.describe()
    assert main(["verify", str(out)]) == 0
    slot = next(s for s in signature_slots(out.read_bytes()) if s.label == "عضو: عضو ۳ رضایی")
    assert slot.filled
    # A second member, by the words of their label this time, after the first co-signature.
    again = cosign_pdf(out.read_bytes(), "عضو ۱ رضایی", certs["office"], PASSWORD, when=WHEN + dt.timedelta(hours=1))
    assert again.slot.label == "عضو: عضو ۱ رضایی"
    assert verify_pdf(again.pdf).ok


def refused(args: list[str], phrase: str, capsys: pytest.CaptureFixture[str], *files: Path) -> None:
    """Exit 2, a Persian message with ``phrase`` (and the English beside it), nothing written or changed."""
    before = {f: f.read_bytes() if f.exists() else None for f in files}
    assert main(args) == 2
    err = capsys.readouterr().err
    assert phrase in err and "Traceback" not in err, err
    assert {f: f.read_bytes() if f.exists() else None for f in files} == before


def test_cosign_refusals_exit_2_and_write_nothing(certs: dict[str, Path], signed: bytes, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    pw, bad = str(certs["secretary"].parent / "pw"), str(certs["secretary"].parent / "bad")
    member = str(certs["member"])
    source, out = tmp_path / "signed.pdf", tmp_path / "out.pdf"
    source.write_bytes(signed)

    def cosign(path: Path, slot: str = "1", password: str = pw, target: Path = out) -> list[str]:
        return ["cosign", str(path), "--slot", slot, "--sign", member, "--password-file", password, "-o", str(target)]

    refused(cosign(source, password=bad), "گذرواژه", capsys, source, out)
    refused(cosign(source, slot="99"), "در این پرونده نیست", capsys, source, out)
    refused(cosign(source, slot="DabirSignature1"), "پیش‌تر امضا شده", capsys, source, out)
    refused(cosign(source, target=source), "همان صورتجلسهٔ امضاشده", capsys, source)
    link = tmp_path / "link.pdf"
    os.symlink(source, link)
    refused(cosign(source, target=link), "همان صورتجلسهٔ امضاشده", capsys, source)
    refused(["cosign", str(source), "--slot", "1"], "--sign", capsys, source, out)
    refused(cosign(tmp_path / "missing.pdf"), "پیدا نشد", capsys, out)

    unsigned = tmp_path / "unsigned.pdf"
    unsigned.write_bytes(build_minutes_pdf(long_doc(2)))
    refused(cosign(unsigned), "امضاشده با دبیر نیست", capsys, unsigned, out)
    refused(["cosign", str(unsigned), "--list"], "امضاشده با دبیر نیست", capsys, unsigned)
    text = tmp_path / "notes.pdf"
    text.write_text("not a pdf at all", encoding="utf-8")
    refused(cosign(text), "PDF نیست", capsys, text, out)

    no_slots = tmp_path / "no-slots.pdf"
    no_slots.write_bytes(sign_pdf(build_minutes_pdf(long_doc(2)), certs["secretary"], PASSWORD, when=WHEN,
                                  field_box=(0, (60.0, 80.0, 260.0, 150.0))))
    refused(cosign(no_slots), "خالی‌ای در این پرونده نمانده", capsys, no_slots, out)
    assert main(["cosign", str(no_slots), "--list"]) == 0
    assert "نمانده" in capsys.readouterr().out

    tampered = tmp_path / "tampered.pdf"
    data = bytearray(signed)
    at = data.index(b"/Contents", len(data) // 3)
    data[at - 40] ^= 0x01  # a byte inside the signed range
    tampered.write_bytes(bytes(data))
    with pytest.raises(UserError) as err:
        cosign_pdf(bytes(data), "1", certs["member"], PASSWORD, when=WHEN)
    assert err.value.code in ("cosign_not_intact", "pdf_unreadable"), err.value.code
    refused(cosign(tampered), err.value.message[:20], capsys, tampered, out)
    assert not out.exists()


def test_choose_slot_by_name_number_or_words(signed: bytes) -> None:
    free = empty_slots(signed)
    assert choose_slot(signed, free[0].name) == free[0]
    assert choose_slot(signed, str(free[1].number)) == free[1]
    assert choose_slot(signed, "علی رضایی").label == "رئیس جلسه: علی رضایی"
    with pytest.raises(UserError) as many:
        choose_slot(signed, "رضایی")
    assert many.value.code == "slot_unknown" and "بیش از یک" in many.value.message


def test_the_minutes_command_signs_in_the_secretarys_box(certs: dict[str, Path], tmp_path: Path) -> None:
    doc = dataclasses.replace(long_doc(1), secretary=Signatory("زهرا کاظمی", "دبیر"))
    pdf = sign_minutes(doc, certs["secretary"], PASSWORD, when=WHEN)
    assert "تأیید دبیرخانه با امضای دیجیتال" not in document_text(read_lines(pdf))
    assert [s.label for s in signature_slots(pdf) if not s.filled] == ["رئیس جلسه: علی رضایی", "عضو: عضو ۱ رضایی"]
