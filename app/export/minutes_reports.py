"""The follow-up reports a meeting heard on earlier resolutions, as its minutes print them.

A report heard in a meeting (the editor's page «پیگیری مصوبات قبل», or
:func:`app.services.followup.record_follow_ups_in_meeting`) is dated the meeting's
day and signed with the meeting's label («جلسهٔ ۵ کمیته آموزش (۱۴۰۵/۰۲/۱۰)»);
that pair is how the minutes find them again (query ``meeting_reports``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from app.persian.jalali import format_jalali
from app.persian.labels import RESOLUTION_STATUS
from app.persian.text import fa_number
from app.store.db import Store

__all__ = ["HeardReport", "heard_reports", "meeting_label", "shorten"]

SHORT_WORDS = 20  # a resolution's text in the follow-up list: four or five lines of its column


@dataclass(frozen=True)
class HeardReport:
    """One earlier resolution reported on: where it was decided, what was said, what follows."""

    meeting_number: int
    meeting_date: dt.date | None
    resolution_number: int
    resolution_text: str
    report: str = ""
    status: str = ""  # the status after the report (a ResolutionStatus value)
    progress: int | None = None
    new_deadline: dt.date | None = None
    body_name: str = ""  # the earlier meeting's body (the same body, as a rule)

    @property
    def source_label(self) -> str:
        """«مصوبهٔ ۲ جلسهٔ ۳»: the resolution and the meeting that made it."""
        return f"مصوبهٔ {fa_number(self.resolution_number)} جلسهٔ {fa_number(self.meeting_number)}"

    @property
    def status_label(self) -> str:
        """«در دست اقدام (۶۰ درصد)»: the new status, with the progress when one was given."""
        label = RESOLUTION_STATUS.get(self.status, self.status) or "—"
        if self.progress is not None and self.status != "done":
            label += f" ({fa_number(self.progress)} درصد)"
        return label


def meeting_label(number: int | None, body_name: str, date: dt.date | None) -> str:
    """How a meeting signs the reports it records (as the editor and the follow-up service do)."""
    return f"جلسهٔ {fa_number(number or 0)} {body_name} ({format_jalali(date)})"


def shorten(text: str, words: int = SHORT_WORDS) -> str:
    """The text's first sentence when it is short enough, else its first ``words`` words and «…»."""
    flat = " ".join(text.split())
    parts = flat.split(" ")
    if len(parts) <= words:
        return flat
    sentence = re.match(r"(.+?[.!؟?])(\s|$)", flat)
    if sentence and len(sentence.group(1).split(" ")) <= words:
        return sentence.group(1) + " …"
    return " ".join(parts[:words]).rstrip("،,;؛:") + " …"


def heard_reports(store: Store, meeting_id: int | None, number: int | None, body_name: str,
                  date: dt.date | None) -> tuple[HeardReport, ...]:
    """The reports meeting ``meeting_id`` heard, oldest resolution first; none for an unsaved meeting."""
    if meeting_id is None or date is None:
        return ()
    rows = store.read("meeting_reports", id=meeting_id, date=date, label=meeting_label(number, body_name, date))
    return tuple(HeardReport(m_number, m_date, r_number, r_text, report or "", str(status or ""), progress,
                             new_deadline, m_body)
                 for m_number, m_date, m_body, r_number, r_text, report, status, progress, new_deadline in rows)
