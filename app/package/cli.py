"""What ``dabir package export|import`` and ``dabir verify PKG.zip`` print (app.cli dispatches here)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TextIO

from app.store.db import Store

__all__ = ["export", "import_", "verify"]


def export(store: Store, args: argparse.Namespace, out: Path, password: str | None, stdout: TextIO, *,
           now: dt.datetime) -> int:
    from .export import export_package

    sign = (Path(args.sign), password or "") if args.sign else None
    summary = export_package(store, args.body, args.year, args.quarter, out, sub_bodies=args.sub_bodies, sign=sign,
                             now=now)
    print(summary.describe(), file=stdout)
    return 0


def import_(store: Store, args: argparse.Namespace, stdout: TextIO, *, now: dt.datetime) -> int:
    from .import_ import import_package

    result = import_package(store, Path(args.file), allow_unsigned=args.allow_unsigned,
                            trust=[Path(t) for t in args.trust], dry_run=not args.yes, now=now)
    print(result.describe(), file=stdout)
    if not args.yes and result.has_changes:
        print("چیزی نوشته نشد؛ برای ورود این تغییرها فرمان را با --yes اجرا کنید.", file=stdout)
    return 0


def verify(path: Path, trust: list[Path], stdout: TextIO, *, now: dt.datetime) -> int:
    from .verify import verify_package

    report = verify_package(path, trust_roots=trust, now=now)
    print(report.describe(), file=stdout)
    if report.signature is not None and report.signature.intact and not report.signature.trusted:
        print("برای تأیید هویت فرستنده، گواهی او را با --trust CERT بدهید.", file=stdout)
    return 0 if report.ok else 1
