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
from typing import TYPE_CHECKING

from app import __version__
from app.cli_args import PersianArgumentParser, check_ids, read_password_file
from app.errors import UserError

if TYPE_CHECKING:
    from app.clock import Clock

GuiRunner = Callable[[str | None], int]


def build_parser() -> argparse.ArgumentParser:
    p = PersianArgumentParser(prog="dabir", description="دبیر: دبیرخانهٔ شوراها، کارگروه‌ها و کمیته‌ها")
    p.add_argument("--db", metavar="PATH", help="the store (default: DABIR_DB or the user data folder)")
    p.add_argument("--version", action="version", version=f"dabir {__version__}", help="نسخهٔ برنامه")
    sub = p.add_subparsers(dest="command", title="فرمان‌ها")

    demo = sub.add_parser("demo", help="fill the store with realistic sample data")
    demo.add_argument("--reset", action="store_true", help="empty the store first")

    ls = sub.add_parser("list", help="list bodies, meetings or resolutions")
    ls.add_argument("what", choices=["bodies", "meetings", "resolutions"])
    ls.add_argument("--body", type=int, metavar="ID")
    ls.add_argument("--meeting", type=int, metavar="ID")
    ls.add_argument("--json", action="store_true", help="print a JSON array")

    minutes = sub.add_parser("minutes", help="write the minutes of a meeting as PDF")
    minutes.add_argument("meeting", type=int, metavar="MEETING_ID")
    minutes.add_argument("-o", "--output", required=True, metavar="OUT.pdf",
                         help="the PDF file to write (OUT.docx: a right-to-left Word copy, never signed)")
    minutes.add_argument("--sign", metavar="P12", help="sign with this PKCS#12 certificate")
    minutes.add_argument("--password-file", metavar="F", help="the certificate's password (first line of F)")
    minutes.add_argument("--revision", type=int, metavar="N", help="an earlier revision of final minutes")

    finalize = sub.add_parser("finalize", help="lock the minutes; later changes are amendments")
    finalize.add_argument("meeting", type=int, metavar="MEETING_ID")

    audit = sub.add_parser("audit", help="who changed what, when, before and after")
    audit.add_argument("--meeting", type=int, metavar="ID", help="one meeting's lines")
    audit.add_argument("--json", action="store_true", help="print a JSON array")

    sheet = sub.add_parser("followup-sheet", help="write the follow-up sheet of open resolutions as PDF")
    sheet.add_argument("--body", type=int, metavar="ID", help="one body (default: every body)")
    sheet.add_argument("--unit", metavar="TEXT", help="one responsible unit, by name (lead or collaborator)")
    sheet.add_argument("--overdue", action="store_true", help="only overdue resolutions")
    sheet.add_argument("--notice", type=int, metavar="MEETING_ID",
                       help="instead, the notice of a meeting's resolutions, one page per responsible unit")
    sheet.add_argument("-o", "--output", required=True, metavar="OUT.pdf", help="the PDF file to write")

    stats = sub.add_parser("stats", help="each body's figures for a Jalali year (default: this year), "
                                          "a quarter, or any period (--from/--to)")
    stats.add_argument("--body", type=int, metavar="ID", help="one body (default: every body)")
    stats.add_argument("--year", type=int, metavar="YYYY", help="Jalali year, e.g. 1403")
    stats.add_argument("--quarter", type=int, metavar="Q", help="1 (spring) to 4 (winter); needs --year")
    stats.add_argument("--from", dest="start", metavar="YYYY/MM/DD", help="any Jalali period: its first day")
    stats.add_argument("--to", dest="end", metavar="YYYY/MM/DD", help="any Jalali period: its last day")
    stats.add_argument("--sub-bodies", action="store_true", help="count each body's sub-bodies with it")
    stats.add_argument("--json", action="store_true", help="print a JSON array")

    verify = sub.add_parser("verify", help="check a signed PDF: every signature and revision, signer, time, trust")
    verify.add_argument("file", metavar="FILE.pdf|PKG.zip")
    verify.add_argument("--trust", action="append", default=[], metavar="CERT.pem",
                        help="a certificate to trust as a root (PEM or DER); may be repeated")
    verify.add_argument("--extract-signed", metavar="OUT.pdf",
                        help="write the revision the valid signatures cover, byte for byte, to compare with")

    cosign = sub.add_parser("cosign", help="co-sign signed minutes in a signatory's empty signature slot")
    cosign.add_argument("file", metavar="FILE.pdf")
    cosign.add_argument("--list", action="store_true", help="list the empty signature slots")
    cosign.add_argument("--slot", metavar="NAME|NUMBER", help="the slot: its number, field name or signatory")
    cosign.add_argument("--sign", metavar="P12", help="the co-signer's PKCS#12 certificate")
    cosign.add_argument("--password-file", metavar="F", help="the certificate's password (first line of F)")
    cosign.add_argument("-o", "--output", metavar="OUT.pdf", help="the co-signed copy to write")
    package = sub.add_parser("package", help="the quarterly package: export a body's quarter, import a package")
    pkg = package.add_subparsers(dest="package_command", title="فرمان‌ها", required=True)
    pexp = pkg.add_parser("export", help="write a body's Jalali quarter as a package (zip)")
    pexp.add_argument("--body", type=int, required=True, metavar="ID")
    pexp.add_argument("--year", type=int, required=True, metavar="YYYY", help="Jalali year, e.g. 1403")
    pexp.add_argument("--quarter", type=int, required=True, metavar="Q", help="1 (spring) to 4 (winter)")
    pexp.add_argument("-o", "--output", required=True, metavar="OUT.zip")
    pexp.add_argument("--sub-bodies", action="store_true", help="include the body's sub-bodies")
    pexp.add_argument("--sign", metavar="P12", help="sign the minutes and the manifest with this PKCS#12 certificate")
    pexp.add_argument("--password-file", metavar="F", help="the certificate's password (first line of F)")
    pimp = pkg.add_parser("import", help="verify a package and merge it into the store (with --yes)")
    pimp.add_argument("file", metavar="PKG.zip")
    pimp.add_argument("--allow-unsigned", action="store_true", help="accept a package without a trusted signature")
    pimp.add_argument("--trust", action="append", default=[], metavar="CERT", help="a sender's certificate to trust")
    pimp.add_argument("--yes", action="store_true", help="write the changes (without it: only the preview)")

    backup = sub.add_parser("backup", help="write a checked copy of the store (SQLite online backup) to FILE")
    backup.add_argument("-o", "--output", required=True, metavar="FILE", help="the copy to write")
    restore = sub.add_parser("restore", help="put a backup in place of the store; the replaced store is kept")
    restore.add_argument("file", metavar="FILE", help="the backup (a Dabir store) to restore")
    return p


def main(argv: Sequence[str] | None = None, *, gui: GuiRunner | None = None,
         today: dt.date | None = None, clock: Clock | None = None) -> int:
    """Run one command; returns the exit status.

    ``clock`` says what «today» and «now» are (default: the computer's); ``today`` is a
    shorthand for a clock fixed on that day. A failure that is not a user error is written
    with its traceback to the log, and the user is told where it is (exit 3).
    """
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")  # Persian on a Windows console
    if clock is None:
        from app.clock import FixedClock, SystemClock

        clock = FixedClock(today) if today is not None else SystemClock()
    args = build_parser().parse_args(argv)
    try:
        if args.command is None:
            if gui is None:
                raise UserError("no_gui", "رابط گرافیکی در دسترس نیست.", english="the desktop app is not available")
            return gui(args.db)
        if args.command == "demo":
            return _demo(args, clock)
        if args.command == "list":
            return _list(args)
        if args.command == "minutes":
            return _minutes(args, clock)
        if args.command == "followup-sheet":
            return _followup_sheet(args, clock.today())
        if args.command == "verify":
            return _verify(args, clock)
        if args.command == "stats":
            return _stats(args, clock.today())
        if args.command == "cosign":
            return _cosign(args, clock)
        if args.command in ("finalize", "audit"):
            return _final_minutes(args, clock)
        if args.command == "package":
            return _package(args, clock)
        if args.command in ("backup", "restore"):
            return _backup_restore(args, clock)
    except UserError as exc:
        print(f"dabir: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `dabir list … | head`: the reader has what it wanted
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("dabir: کار نیمه‌کاره رها شد (interrupted).", file=sys.stderr)
        return 130
    except Exception as exc:
        failure = _store_failure(args, exc)  # SQLite failing (a damaged page, locked, read-only, disk full): exit 2
        if failure is not None:
            print(f"dabir: {failure}", file=sys.stderr)
            return 2
        return _unexpected(exc, f"dabir {args.command}")  # a bug: on record, and the user knows where
    raise AssertionError(args.command)


def _unexpected(exc: Exception, what: str) -> int:
    from app.log import log_failure

    where = log_failure(exc, what)
    told = f"جزئیات در پروندهٔ گزارش: \u2066{where}\u2069" if where else "گزارش خطا نوشته نشد."
    print(f"dabir: خطای پیش‌بینی‌نشده‌ای رخ داد ({type(exc).__name__}); {told} (unexpected error)", file=sys.stderr)
    return 3


def _open(args: argparse.Namespace, *, create: bool):  # type: ignore[no-untyped-def]
    from app.paths import resolve_db_path
    from app.store.db import open_store

    # Commands that do not create a store read it: one that cannot be written is read read-only.
    store = open_store(resolve_db_path(args.db), create=create, read_only=None if not create else False)
    try:
        check_ids(args)  # an id no store can hold: «not found», as for any other
    except UserError:
        store.close()
        raise
    return store


def _store_failure(args: argparse.Namespace, exc: Exception) -> UserError | None:
    from app.paths import resolve_db_path
    from app.store.integrity import store_failure

    return store_failure(exc, resolve_db_path(args.db))


def _guard_output(args: argparse.Namespace, out: Path, *inputs: tuple[str | None, str]) -> None:
    """Refuse ``-o`` over the store, its backups, a file this command reads, or a device."""
    from app.paths import guard_output, resolve_db_path

    guard_output(out, resolve_db_path(args.db), [(Path(p), what) for p, what in inputs if p])


def _demo(args: argparse.Namespace, clock: Clock) -> int:
    from app.demo.fill import fill_demo
    from app.store import backup

    store = _open(args, create=True)
    try:
        backup.before_writing(store.path, clock, always=args.reset)
        summary = fill_demo(store, today=clock.today(), reset=args.reset)
    finally:
        store.close()
    print(summary.describe())
    return 0


def _backup_restore(args: argparse.Namespace, clock: Clock) -> int:
    from app.paths import resolve_db_path
    from app.store import backup

    store = resolve_db_path(args.db)
    if args.command == "backup":
        print(backup.export_copy(store, Path(args.output)))
    else:
        message = backup.restore_command(store, Path(args.file), clock)
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
        if args.json and args.what == "resolutions":  # the long list: each object written from its row
            objects = listing.resolution_json(store, body_id=args.body, meeting_id=args.meeting)
            first = True
            while chunk := list(islice(objects, 2000)):
                out.write(("[\n" if first else ",\n") + ",\n".join(chunk))
                first = False
            out.write("[]\n" if first else "\n]\n")
            return 0
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


def _minutes(args: argparse.Namespace, clock: Clock) -> int:
    """Write the minutes PDF atomically, signed when asked; bad input exits 2 and writes nothing."""
    from app.export.minutes_pdf import render_minutes

    out = Path(args.output)
    _guard_output(args, out, (args.sign, "گواهی امضا"), (args.password_file, "پروندهٔ گذرواژه"))
    if out.suffix.lower() == ".docx":
        return _minutes_docx(args, out, clock)
    sign = None
    if args.sign:
        if not args.password_file:
            raise UserError("password_file_missing", "برای امضا، پروندهٔ گذرواژه را با --password-file بدهید.",
                            english="--sign needs --password-file")
        sign = (Path(args.sign), read_password_file(Path(args.password_file)))
    store = _open(args, create=False)
    try:
        render_minutes(store, args.meeting, out, sign=sign, when=clock.now(), revision=args.revision)
    finally:
        store.close()
    print(out)
    return 0


def _final_minutes(args: argparse.Namespace, clock: Clock) -> int:
    from app.services import final_cli

    store = _open(args, create=False)
    try:
        return final_cli.run(store, args, sys.stdout, now=clock.now())
    finally:
        store.close()
def _minutes_docx(args: argparse.Namespace, out: Path, clock: Clock) -> int:
    """The minutes as a Word copy (app.export.minutes_docx); the signed PDF stays the record."""
    from app.export.minutes_docx import render_minutes_docx

    if args.sign:
        raise UserError("docx_not_signed", "نسخهٔ Word امضا نمی‌شود؛ برای امضا خروجی PDF بگیرید.",
                        english="a DOCX copy is not signed: sign the PDF")
    store = _open(args, create=False)
    try:
        render_minutes_docx(store, args.meeting, out, today=clock.today())
    finally:
        store.close()
    print(out)
    return 0


def _followup_sheet(args: argparse.Namespace, today: dt.date) -> int:
    """Write the follow-up sheet atomically; an unknown body exits 2 and writes nothing."""
    from app.export.followup_pdf import notice_pdf, render_followup_sheet
    from app.files import write_atomic

    out = Path(args.output)
    _guard_output(args, out)
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


def _stats(args: argparse.Namespace, today: dt.date) -> int:
    from app.services import stats

    # A bad period is refused before the store is opened.
    span = stats.requested_period(args.year, args.quarter, args.start, args.end, today=today)
    store = _open(args, create=False)
    try:
        figures = stats.body_stats(store, today=today, body_id=args.body, span=span,
                                   include_sub_bodies=args.sub_bodies)
    finally:
        store.close()
    if args.json:
        print(json.dumps([f.as_dict() for f in figures], ensure_ascii=False, indent=1))
    else:
        for line in stats.text_lines(figures):
            print(line)
    return 0


def _verify(args: argparse.Namespace, clock: Clock) -> int:
    """Exit 0 when the file is signed and unchanged since, 1 when it is not; trust is reported, not required.

    With ``--extract-signed`` the revision the valid signatures vouch for is
    written too (when there is one), whatever the verdict on what follows it.
    """
    from app.export.verification import read_pdf, verify_pdf

    if Path(args.file).suffix.lower() == ".zip":  # a quarterly package (app.package.verify)
        from app.package import cli as package_cli

        return package_cli.verify(Path(args.file), [Path(t) for t in args.trust], sys.stdout, now=clock.now())
    if args.extract_signed:  # refused before anything is read
        _guard_output(args, Path(args.extract_signed), (args.file, "پروندهٔ PDF خوانده‌شده"),
                      *((t, "گواهی مورد اعتماد") for t in args.trust))
    data = read_pdf(Path(args.file))  # read once: what is checked is what is extracted
    report = verify_pdf(data, trust_roots=[Path(t) for t in args.trust], now=clock.now())
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


def _cosign(args: argparse.Namespace, clock: Clock) -> int:
    """List the empty slots, or co-sign into one; every refusal exits 2 and writes nothing."""
    from app.export import cosigning
    from app.export.verification import read_pdf

    if args.list:
        for line in cosigning.slot_lines(cosigning.empty_slots(read_pdf(Path(args.file)))):
            print(line)
        return 0
    missing = [flag for flag, value in (("--slot", args.slot), ("--sign", args.sign),
                                        ("--password-file", args.password_file), ("-o", args.output)) if not value]
    if missing:
        raise UserError("cosign_arguments", "برای امضای همکار این‌ها را هم بدهید: " + "، ".join(missing)
                        + " (یا --list برای دیدن جاهای امضای خالی).", english="missing " + ", ".join(missing))
    _guard_output(args, Path(args.output), (args.file, "صورتجلسهٔ امضاشده"), (args.sign, "گواهی امضا"),
                  (args.password_file, "پروندهٔ گذرواژه"))
    result = cosigning.cosign_file(Path(args.file), Path(args.output), args.slot, Path(args.sign),
                                   read_password_file(Path(args.password_file)), when=clock.now())
    print(f"امضا در جای «{result.slot.label or result.slot.name}» نوشته شد: \u2066{args.output}\u2069")
    return 0


def _package(args: argparse.Namespace, clock: Clock) -> int:
    """``dabir package export|import``: the work is in app.package.cli."""
    from app.package import cli as package_cli

    if args.package_command == "export":
        out = Path(args.output)
        _guard_output(args, out, (args.sign, "گواهی امضا"), (args.password_file, "پروندهٔ گذرواژه"))
        password = None
        if args.sign:
            if not args.password_file:
                raise UserError("password_file_missing", "برای امضا، پروندهٔ گذرواژه را با --password-file بدهید.",
                                english="--sign needs --password-file")
            password = read_password_file(Path(args.password_file))
        store = _open(args, create=False)
        try:
            return package_cli.export(store, args, out, password, sys.stdout, now=clock.now())
        finally:
            store.close()
    from app.paths import resolve_db_path

    if not resolve_db_path(args.db).exists():
        # A province's first import: checked and merged against an empty store first, so that a
        # refused package makes no store; without --yes that is all (nothing is made).
        from app.store.db import open_memory_store

        trial = open_memory_store()
        try:
            if not args.yes:
                print("این دفتر هنوز پایگاه داده ندارد؛ با --yes ساخته می‌شود و این بسته در آن می‌آید.", file=sys.stdout)
                return package_cli.import_(trial, args, sys.stdout, now=clock.now())
            import io

            package_cli.import_(trial, argparse.Namespace(**{**vars(args), "yes": False}), io.StringIO(),
                                now=clock.now())
        finally:
            trial.close()
    store = _open(args, create=args.yes)  # --yes on a new machine: the store is made for the import
    if args.yes:
        from app.store import backup

        backup.before_writing(store.path, clock)  # today's copy first, as for every command that writes
    try:
        return package_cli.import_(store, args, sys.stdout, now=clock.now())
    finally:
        store.close()
