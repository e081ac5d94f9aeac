"""The command line (``dabir``), as DESIGN.md fixes it.

Heavy parts (the GUI, Alembic, PDF makers) are imported only by the command
that needs them. A user error exits 2 with the message on stderr; nothing is
changed then.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from app import __version__
from app.errors import UserError

GuiRunner = Callable[[str | None], int]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dabir", description="دبیر: دبیرخانهٔ شوراها، کارگروه‌ها و کمیته‌ها")
    p.add_argument("--db", metavar="PATH", help="the store (default: DABIR_DB or the user data folder)")
    p.add_argument("--version", action="version", version=f"dabir {__version__}")
    sub = p.add_subparsers(dest="command")

    demo = sub.add_parser("demo", help="fill the store with realistic sample data")
    demo.add_argument("--reset", action="store_true", help="empty the store first")

    ls = sub.add_parser("list", help="list bodies, meetings or resolutions")
    ls.add_argument("what", choices=["bodies", "meetings", "resolutions"])
    ls.add_argument("--body", type=int, metavar="ID")
    ls.add_argument("--meeting", type=int, metavar="ID")
    ls.add_argument("--json", action="store_true", help="print a JSON array")

    minutes = sub.add_parser("minutes", help="write the minutes of a meeting as PDF")
    minutes.add_argument("meeting", type=int, metavar="MEETING_ID")
    minutes.add_argument("-o", "--output", required=True, metavar="OUT.pdf", help="the PDF file to write")
    minutes.add_argument("--sign", metavar="P12", help="sign with this PKCS#12 certificate")
    minutes.add_argument("--password-file", metavar="F", help="the certificate's password (first line of F)")

    sheet = sub.add_parser("followup-sheet", help="write the follow-up sheet of open resolutions as PDF")
    sheet.add_argument("--body", type=int, metavar="ID", help="one body (default: every body)")
    sheet.add_argument("--unit", metavar="TEXT", help="one responsible unit, by name (lead or collaborator)")
    sheet.add_argument("--overdue", action="store_true", help="only overdue resolutions")
    sheet.add_argument("--notice", type=int, metavar="MEETING_ID",
                       help="instead, the notice of a meeting's resolutions, one page per responsible unit")
    sheet.add_argument("-o", "--output", required=True, metavar="OUT.pdf", help="the PDF file to write")

    stats = sub.add_parser("stats", help="each body's figures for a Jalali year (default: this year) or quarter")
    stats.add_argument("--body", type=int, metavar="ID", help="one body (default: every body)")
    stats.add_argument("--year", type=int, metavar="YYYY", help="Jalali year, e.g. 1403")
    stats.add_argument("--quarter", type=int, metavar="Q", help="1 (spring) to 4 (winter); needs --year")
    stats.add_argument("--sub-bodies", action="store_true", help="count each body's sub-bodies with it")
    stats.add_argument("--json", action="store_true", help="print a JSON array")

    verify = sub.add_parser("verify", help="check a signed PDF: every signature and revision, signer, time, trust")
    verify.add_argument("file", metavar="FILE.pdf")
    verify.add_argument("--trust", action="append", default=[], metavar="CERT.pem",
                        help="a certificate to trust as a root (PEM or DER); may be repeated")
    verify.add_argument("--extract-signed", metavar="OUT.pdf",
                        help="write the revision the valid signatures cover, byte for byte, to compare with")

    backup = sub.add_parser("backup", help="write a checked copy of the store (SQLite online backup) to FILE")
    backup.add_argument("-o", "--output", required=True, metavar="FILE", help="the copy to write")
    restore = sub.add_parser("restore", help="put a backup in place of the store; the replaced store is kept")
    restore.add_argument("file", metavar="FILE", help="the backup (a Dabir store) to restore")
    return p


def main(argv: Sequence[str] | None = None, *, gui: GuiRunner | None = None,
         today: dt.date | None = None) -> int:
    """Run one command; returns the exit status."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")  # Persian on a Windows console
    args = build_parser().parse_args(argv)
    try:
        if args.command is None:
            if gui is None:
                raise UserError("no_gui", "رابط گرافیکی در دسترس نیست.", english="the desktop app is not available")
            return gui(args.db)
        if args.command == "demo":
            return _demo(args, today or dt.date.today())
        if args.command == "list":
            return _list(args)
        if args.command == "minutes":
            return _minutes(args)
        if args.command == "followup-sheet":
            return _followup_sheet(args, today or dt.date.today())
        if args.command == "verify":
            return _verify(args)
        if args.command == "stats":
            return _stats(args, today or dt.date.today())
        if args.command in ("backup", "restore"):
            return _backup_restore(args, today)
    except UserError as exc:
        print(f"dabir: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # SQLite's own failures (a damaged page, locked, read-only, disk full): exit 2
        from app.paths import resolve_db_path
        from app.store.integrity import store_failure

        mapped = store_failure(exc, resolve_db_path(args.db))
        if mapped is None:
            raise
        print(f"dabir: {mapped}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `dabir list … | head`: the reader has what it wanted
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    raise AssertionError(args.command)


def _open(args: argparse.Namespace, *, create: bool):  # type: ignore[no-untyped-def]
    from app.paths import resolve_db_path
    from app.store.db import open_store

    # Commands that do not create a store read it: one that cannot be written is read read-only.
    return open_store(resolve_db_path(args.db), create=create, read_only=None if not create else False)


def _demo(args: argparse.Namespace, today: dt.date) -> int:
    from app.demo.fill import fill_demo
    from app.store import backup

    store = _open(args, create=True)
    try:
        backup.before_writing(store.path, _clock(today), always=args.reset)
        summary = fill_demo(store, today=today, reset=args.reset)
    finally:
        store.close()
    print(summary.describe())
    return 0


def _clock(today: dt.date | None):  # type: ignore[no-untyped-def]
    from app.clock import FixedClock, SystemClock

    return SystemClock() if today is None else FixedClock(today)


def _backup_restore(args: argparse.Namespace, today: dt.date | None) -> int:
    from app.paths import resolve_db_path
    from app.store import backup

    store = resolve_db_path(args.db)
    if args.command == "backup":
        print(backup.export_copy(store, Path(args.output)))
    else:
        message = backup.restore_command(store, Path(args.file), _clock(today))
        _open(args, create=False).close()  # an older backup is brought up to date now (copied first)
        print(message)
    return 0


def _list(args: argparse.Namespace) -> int:
    """Rows are written a block at a time as they are read: the output is never held whole."""
    from itertools import islice

    from app.services import listing

    store = _open(args, create=False)
    out = sys.stdout
    try:
        rows = listing.iter_rows(store, args.what, body_id=args.body, meeting_id=args.meeting)
        first = True
        while block := list(islice(rows, 2000)):
            if args.json:  # json's C encoder, one call a block (indent= would use the pure-Python one)
                out.write(("[\n" if first else ",\n") + _JSON.encode(block)[1:-1])
            else:
                out.write("".join(listing.text_line(args.what, r) + "\n" for r in block))
            first = False
        if args.json:
            out.write("[]\n" if first else "\n]\n")
        elif first:
            out.write(listing.EMPTY + "\n")
    finally:
        store.close()
    return 0


_JSON = json.JSONEncoder(ensure_ascii=False)


def _minutes(args: argparse.Namespace) -> int:
    """Write the minutes PDF atomically, signed when asked; bad input exits 2 and writes nothing."""
    from app.export.minutes_pdf import render_minutes

    sign = None
    if args.sign:
        if not args.password_file:
            raise UserError("password_file_missing", "برای امضا، پروندهٔ گذرواژه را با --password-file بدهید.",
                            english="--sign needs --password-file")
        sign = (Path(args.sign), _read_password(Path(args.password_file)))
    out = Path(args.output)
    store = _open(args, create=False)
    try:
        render_minutes(store, args.meeting, out, sign=sign)
    finally:
        store.close()
    print(out)
    return 0


def _followup_sheet(args: argparse.Namespace, today: dt.date) -> int:
    """Write the follow-up sheet atomically; an unknown body exits 2 and writes nothing."""
    from app.export.followup_pdf import notice_pdf, render_followup_sheet
    from app.files import write_atomic

    out = Path(args.output)
    store = _open(args, create=False)
    try:
        if args.notice is not None:
            write_atomic(out, notice_pdf(store, args.notice))
        else:
            render_followup_sheet(store, out, today=today, body_id=args.body, unit=args.unit,
                                  overdue_only=args.overdue)
    finally:
        store.close()
    print(out)
    return 0


def _read_password(path: Path) -> str:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UserError("password_file_unreadable", f"پروندهٔ گذرواژه «{path}» خوانده نمی‌شود.",
                        english=f"cannot read the password file: {exc.strerror}") from exc
    return lines[0] if lines else ""


def _stats(args: argparse.Namespace, today: dt.date) -> int:
    from app.services import stats

    stats.period(args.year, args.quarter, today=today)  # a bad period is refused before the store is opened
    store = _open(args, create=False)
    try:
        figures = stats.body_stats(store, today=today, body_id=args.body, year=args.year, quarter=args.quarter,
                                   include_sub_bodies=args.sub_bodies)
    finally:
        store.close()
    if args.json:
        print(json.dumps([f.as_dict() for f in figures], ensure_ascii=False, indent=1))
    else:
        for line in stats.text_lines(figures):
            print(line)
    return 0


def _verify(args: argparse.Namespace) -> int:
    """Exit 0 when the file is signed and unchanged since, 1 when it is not; trust is reported, not required.

    With ``--extract-signed`` the revision the valid signatures vouch for is
    written too (when there is one), whatever the verdict on what follows it.
    """
    from app.export.verification import read_pdf, verify_pdf

    data = read_pdf(Path(args.file))  # read once: what is checked is what is extracted
    report = verify_pdf(data, trust_roots=[Path(t) for t in args.trust])
    print(report.describe())
    if args.extract_signed:
        from app.files import write_atomic

        out = Path(args.extract_signed)
        if report.signed_revision_end is None:
            print("بازنگری‌ای نیست که امضای معتبری آن را بپوشاند؛ چیزی نوشته نشد.")
            return 1
        write_atomic(out, data[:report.signed_revision_end])
        print(f"بازنگری امضاشده نوشته شد: \u2066{out}\u2069")
    return 0 if report.ok else 1
