"""Signing speed (issue: signed Persian PDF minutes).

Signs an 8-page Persian PDF (built here with reportlab and Vazirmatn) with a
local certificate and a visible signature box, as «Sign and export…» does:
open the PKCS#12 file with its password, draw the Persian stamp, sign. Prints
the median of several runs, the parts of it, and the time to verify.
Target: the whole signing under 150 ms.

    .venv/bin/python bench/signing.py [--runs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from app.export import fonts, rtl_text  # noqa: E402
from app.export.certificates import create_local_certificate, load_certificate  # noqa: E402
from app.export.signing import sign_pdf, sign_pdf_with  # noqa: E402
from app.export.verification import verify_pdf  # noqa: E402

TARGET_MS = 150.0
WHEN = dt.datetime(2024, 11, 23, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=3, minutes=30)))
PARAGRAPH = ("مقرر شد دبیرخانهٔ شورا گزارش پیشرفت سامانه‌های G2C و G2B را تا پایان دی‌ماه ۱۴۰۳ "
             "به استانداری ارسال کند و دستگاه‌های اجرایی نتیجهٔ پیگیری مصوبات را هر فصل گزارش دهند.")
BOX = (-1, (60.0, 60.0, 240.0, 130.0))  # in the signature block of the last page


def eight_pages() -> bytes:
    fonts.register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    width, height = A4
    for page in range(8):
        y = height - 70
        for row in range(30):
            line = rtl_text.visual(f"{page + 1}.{row + 1} — {PARAGRAPH[: 60 + row]}")
            canvas.setFont(fonts.REGULAR, 10)
            canvas.drawRightString(width - 50, y, line)
            y -= 24
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm up: imports, font registration
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()

    pdf = eight_pages()
    with tempfile.TemporaryDirectory() as folder:
        p12 = Path(folder) / "bench.p12"
        create_local_certificate(p12, "bench-password", name="مریم احمدی", post="دبیر شورا",
                                 organisation="استانداری همدان", now=WHEN)
        certificate = load_certificate(p12, "bench-password", now=WHEN)
        signed = sign_pdf(pdf, p12, "bench-password", when=WHEN, field_box=BOX)

        whole = median_ms(lambda: sign_pdf(pdf, p12, "bench-password", when=WHEN, field_box=BOX), args.runs)
        opening = median_ms(lambda: load_certificate(p12, "bench-password", now=WHEN), args.runs)
        visible = median_ms(lambda: sign_pdf_with(pdf, certificate, when=WHEN, field_box=BOX), args.runs)
        invisible = median_ms(lambda: sign_pdf_with(pdf, certificate, when=WHEN), args.runs)
        checking = median_ms(lambda: verify_pdf(signed, now=WHEN), args.runs)

    print(f"8-page PDF: {len(pdf) / 1024:.0f} KiB, signed {len(signed) / 1024:.0f} KiB; median of {args.runs} runs")
    print(f"  sign_pdf (open .p12 + stamp + sign): {whole:6.1f} ms   target < {TARGET_MS:.0f} ms "
          f"{'OK' if whole < TARGET_MS else 'OVER'}")
    print(f"    open the PKCS#12 file:             {opening:6.1f} ms")
    print(f"    sign, visible Persian box:         {visible:6.1f} ms")
    print(f"    sign, no box:                      {invisible:6.1f} ms")
    print(f"  verify_pdf:                          {checking:6.1f} ms")
    return 0 if whole < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
