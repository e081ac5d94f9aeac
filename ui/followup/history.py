"""One resolution's follow-up history (سابقهٔ پیگیری) as right-to-left HTML for the tracker's history pane."""

from __future__ import annotations

import datetime as dt
from html import escape

from app.persian.jalali import format_jalali
from app.persian.text import fa_number
from app.services.followup import ExtensionEntry, ResolutionHistory
from ui.shell.theme import ALERT


def history_html(h: ResolutionHistory, today: dt.date) -> str:
    """A resolution and its reports and extensions, oldest first, as right-to-left HTML."""
    e = escape
    out = [f"<div dir='rtl'><p><b>مصوبهٔ {fa_number(h.number)} جلسهٔ {fa_number(h.meeting_number)} "
           f"{e(h.body_name)}</b> ({format_jalali(h.meeting_date)})</p>",
           f"<p>{e(h.text)}</p>"]
    facts = [f"وضعیت: <b>{e(h.status_label)}</b>"]
    if h.last_progress is not None:
        facts.append(f"پیشرفت: {fa_number(h.last_progress)}٪")
    facts.append(f"مسئول اجرا: {e(h.lead_unit or '—')}")
    if h.collaborators:
        facts.append(f"همکار: {e('، '.join(h.collaborators))}")
    if h.standing:
        facts.append("مهلت: مستمر")
    elif h.deadline is not None:
        late = f" <b style='color:{ALERT}'>(معوق)</b>" if h.is_overdue(today) else ""
        note = h.deadline_note()
        facts.append(f"مهلت: {format_jalali(h.deadline)}{late}" + (f" — {e(note)}" if note else ""))
    if h.superseded_by:
        facts.append(f"جایگزین‌شده با {e(h.superseded_by)}")
    out.append("<p>" + "<br>".join(facts) + "</p><hr>")
    events = h.timeline
    if not events:
        out.append("<p><i>هنوز گزارشی ثبت نشده است.</i></p>")
    for ev in events:
        if isinstance(ev, ExtensionEntry):
            grant = ev.granted_by_resolution or ev.granted_by
            out.append(f"<p><b>{format_jalali(ev.date)} — تمدید مهلت</b><br>"
                       f"از {format_jalali(ev.old_deadline) or '—'} به {format_jalali(ev.new_deadline)}"
                       + (f"، با موافقت {e(grant)}" if grant else "") + f"<br>دلیل: {e(ev.reason)}</p>")
        else:
            who = ev.reporter or ev.reporter_unit
            head = f"{format_jalali(ev.date)} — {e(who)}" + (f" — {e(ev.status_label)}" if ev.status_label else "")
            if ev.progress is not None:
                head += f" ({fa_number(ev.progress)}٪)"
            out.append(f"<p><b>{head}</b><br>{e(ev.text) or '—'}</p>")
    out.append("</div>")
    return "".join(out)
