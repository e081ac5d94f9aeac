"""Writing the files that leave the program: whole or not at all, never half-written."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from app.errors import UserError
from app.persian.text import ltr_isolate

__all__ = ["write_atomic"]


def write_atomic(target: Path, data: bytes, *, private: bool = False) -> None:
    """Write ``data`` to ``target`` through a temporary file in the same folder.

    The file appears whole or not at all (``os.replace``); any failure is a
    UserError with a Persian message and leaves no temporary file behind.
    ``private`` makes it readable by its owner only (a certificate's key).
    """
    target = Path(target)
    if target.is_dir():
        raise UserError("export_target_is_folder", f"«{ltr_isolate(target)}» یک پوشه است؛ نام فایل را هم بنویسید.",
                        english="the target is a folder")
    folder = target.parent
    tmp = folder / f".{target.name}.{secrets.token_hex(4)}.tmp"
    try:
        # 0o666 lets the user's umask decide the final permissions.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     0o600 if private else 0o666)
    except OSError as exc:
        raise _unwritable(folder, exc) from exc
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise _unwritable(folder, exc) from exc


def _unwritable(folder: Path, exc: OSError) -> UserError:
    import errno

    if exc.errno == errno.ENOSPC:
        return UserError("export_disk_full", "فضای دیسک برای نوشتن فایل کافی نیست؛ جایی را خالی کنید یا دیسک دیگری برگزینید.",
                         english="no space left on the disk")
    if exc.errno == errno.ENOENT:
        return UserError("export_unwritable", f"پوشهٔ «{ltr_isolate(folder)}» وجود ندارد؛ پوشهٔ دیگری برای فایل برگزینید.",
                         english=f"the folder {folder} does not exist")
    return UserError("export_unwritable", f"در پوشهٔ «{ltr_isolate(folder)}» نمی‌توان فایل نوشت؛ پوشهٔ دیگری برگزینید.",
                     english=f"cannot write in {folder}: {exc.strerror or exc}")
