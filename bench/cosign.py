"""Signing minutes with a slot per signatory, then co-signing them one member after another.

Builds minutes with N members present, signs them as «امضا و خروجی PDF» does
(the secretary in their box, an empty slot in every other box), then has K
members co-sign in turn as ``dabir cosign`` does (each co-signature checks the
file first), and verifies the result. Prints the time of each step and the
file's size; nothing is asserted.

    .venv/bin/python bench/cosign.py [--members N] [--cosigners K]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.export.certificates import create_local_certificate  # noqa: E402
from app.export.cosigning import cosign_pdf, empty_slots  # noqa: E402
from app.export.minutes_doc import Attendee, MinutesDoc, Signatory  # noqa: E402
from app.export.minutes_pdf import build_minutes_pdf, sign_minutes  # noqa: E402
from app.export.verification import verify_pdf  # noqa: E402
from app.persian.text import fa_number  # noqa: E402

WHEN = dt.datetime(2024, 11, 23, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=3, minutes=30)))
PASSWORD = "bench-password"


def minutes(members: int) -> MinutesDoc:
    people = tuple(Attendee(f"عضو {fa_number(i)} رضایی", "مدیرکل دفتر امور حقوقی", "استانداری", person_id=i)
                   for i in range(1, members + 1))
    doc = MinutesDoc(body_name="کارگروه توسعه مدیریت استانداری همدان", number=12, date=WHEN.date(),
                     attendees=people, chair=Signatory("علی محمدی", "استاندار"),
                     secretary=Signatory("مریم احمدی", "دبیر کارگروه"), uuid="be58abad-843c-4429-8dde-360b5eb1a685")
    return doc


def timed(what: str, fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    print(f"{what:<44} {(time.perf_counter() - start) * 1000:8.0f} ms")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--cosigners", type=int, default=5)
    args = parser.parse_args()
    doc = minutes(args.members)
    with tempfile.TemporaryDirectory() as folder:
        secretary = Path(folder) / "secretary.p12"
        create_local_certificate(secretary, PASSWORD, name="مریم احمدی", now=WHEN - dt.timedelta(days=1))
        member = Path(folder) / "member.p12"
        create_local_certificate(member, PASSWORD, name="عضو رضایی", now=WHEN - dt.timedelta(days=1))
        timed("build (unsigned, warm-up)", lambda: build_minutes_pdf(doc))
        timed("build (unsigned)", lambda: build_minutes_pdf(doc))
        pdf = timed(f"sign with {args.members + 1} empty slots", lambda: sign_minutes(doc, secretary, PASSWORD,
                                                                                      when=WHEN))
        print(f"{'size':<44} {len(pdf) / 1024:8.0f} KiB")
        for k in range(1, args.cosigners + 1):
            slot = empty_slots(pdf)[0]
            pdf = timed(f"co-signature {k} (check, then sign)",
                        lambda pdf=pdf, name=slot.name, k=k: cosign_pdf(pdf, name, member, PASSWORD,
                                                                        when=WHEN + dt.timedelta(hours=k)).pdf)
        report = timed(f"verify {args.cosigners + 1} signatures",
                       lambda: verify_pdf(pdf, now=WHEN + dt.timedelta(days=1)))
        print(f"{'size':<44} {len(pdf) / 1024:8.0f} KiB; verdict {'ok' if report.ok else 'FAILED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
