"""``dabir finalize`` and ``dabir audit``: the command-line side of final minutes and the audit log."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import TextIO

from app.errors import not_found
from app.persian.jalali import format_jalali
from app.persian.text import to_persian_digits
from app.services.audit import AuditLine, audit_lines
from app.services.minutes_final import final_state, finalise
from app.store.db import Store

__all__ = ["audit_text_line", "run"]


def audit_text_line(line: AuditLine) -> str:
    """«۱۴۰۳/۰۹/۰۳ ۱۰:۴۲  ali  ویرایش جلسه ۷ (جلسه ۷)  place: «…» ← «…»»."""
    when = f"{format_jalali(line.when.date())} {to_persian_digits(line.when.strftime('%H:%M:%S'))}"
    what = f"{line.action_label} {line.entity_label} {to_persian_digits(line.entity_id or '')}".strip()
    where = f" (جلسهٔ {to_persian_digits(line.meeting_id)})" if line.meeting_id is not None and \
        line.entity != "meeting" else ""
    summary = line.summary()
    return f"{when}\t{line.os_user}\t{what}{where}" + (f"\t{summary}" if summary else "")


def run(store: Store, args: argparse.Namespace, out: TextIO, *, now: dt.datetime | None = None) -> int:
    if args.command == "finalize":
        finalise(store, args.meeting, now=now)
        state = final_state(store, args.meeting)
        out.write(f"صورتجلسهٔ جلسهٔ {to_persian_digits(args.meeting)} نهایی شد ({state.label}).\n"
                  f"SHA-256: {state.fingerprint}\n")
        return 0
    if args.meeting is not None and not store.read("meeting_exists", id=args.meeting) \
            and not audit_lines(store, meeting_id=args.meeting, limit=1):
        raise not_found("meeting", args.meeting)
    lines = audit_lines(store, meeting_id=args.meeting)
    if args.json:
        out.write(json.dumps([line.as_dict() for line in lines], ensure_ascii=False, indent=1) + "\n")
    elif not lines:
        out.write("گزارش تغییرات خالی است.\n")
    else:
        out.write("".join(audit_text_line(line) + "\n" for line in lines))
    return 0
