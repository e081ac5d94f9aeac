"""Persian words for the domain's codes, written once for the GUI, the CLI and PDFs.

Keyed by the stored string values so that this module imports nothing.
"""

BODY_KIND = {
    "council": "شورا",
    "working_group": "کارگروه",
    "committee": "کمیته",
}

MEMBER_ROLE = {
    "chair": "رئیس",
    "secretary": "دبیر",
    "member": "عضو",
    "guest": "مدعو ثابت",
}

MEETING_STATUS = {
    "draft": "پیش‌نویس",
    "held": "برگزار شده",
    "final": "صورتجلسه نهایی",
}

ATTENDANCE_KIND = {
    "member": "عضو",
    "guest": "مدعو",
}

ATTENDANCE_STATUS = {
    "present": "حاضر",
    "absent": "غایب",
    "excused": "غایب با عذر",
    "deputy": "نماینده",
}

RESOLUTION_STATUS = {
    "not_started": "اقدام نشده",
    "in_progress": "در دست اقدام",
    "done": "انجام شده",
    "partly_done": "بخشی انجام شده",
    "not_feasible": "امکان‌پذیر نیست",
    "cancelled": "لغو شده",
    "superseded": "جایگزین شده",
    "standing": "مستمر",
}

# meetings_per_year → the words a secretary uses for the obligation
FREQUENCY = {
    12: "ماهانه",
    6: "دوماهه",
    4: "فصلی",
    2: "شش‌ماهه",
    1: "سالانه",
    0: "بدون الزام",
}
