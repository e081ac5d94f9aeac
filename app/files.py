"""Writing the files that leave the program: whole or not at all, never half-written."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

from app.errors import UserError
from app.persian.text import ltr_isolate

__all__ = ["fsync_folder", "proposed_file_name", "read_bounded", "refuse_overwriting", "unwritable", "write_atomic"]

# Characters no Windows file name may hold (and the slash, which no name anywhere may).
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
# Names Windows keeps for devices, whatever the extension («CON.pdf» is the console too).
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
             *(f"{port}{n}" for port in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"])}
_MAX_STEM = 180  # with a folder, well inside Windows' 260-character path


def proposed_file_name(*parts: str, suffix: str) -> str:
    """The file name Dabir proposes for a document: ``parts`` joined by « - », then ``suffix``
    («.pdf»). Valid on Windows as on Linux, whatever a body's name holds: no ``\\ / : * ? " < > |``
    or control character (each run becomes «-»), no trailing dot or space, none of the names
    Windows keeps for devices. One digit system, Latin, which sorts and survives every file
    system and mail client (a body's name may hold Persian digits)."""
    from app.persian.text import to_latin_digits

    cleaned = [re.sub(r"\s+", " ", _FORBIDDEN.sub("-", to_latin_digits(str(part)))).strip() for part in parts]
    cleaned = [part for part in cleaned if part]
    if cleaned:  # too long: the first part (a body's name) is shortened, never what tells files apart
        room = _MAX_STEM - len(" - ".join(cleaned[1:])) - (3 if len(cleaned) > 1 else 0)
        cleaned[0] = cleaned[0][:max(room, 20)].rstrip(" .-")
    stem = " - ".join(part for part in cleaned if part)[:_MAX_STEM].rstrip(" .").lstrip(" ") or "dabir"
    if stem.split(".")[0].strip().upper() in _RESERVED:
        stem = "_" + stem
    return stem + suffix


def write_atomic(target: Path, data: bytes, *, private: bool = False) -> None:
    """Write ``data`` to ``target`` through a temporary file in the same folder.

    The file appears whole or not at all (``os.replace``); any failure is a
    UserError with a Persian message and leaves no temporary file behind.
    ``private`` makes it readable by its owner only (a certificate's key).
    """
    target = Path(target)
    _check_target_kind(target)
    folder = target.parent
    tmp = folder / f".{target.name}.{secrets.token_hex(4)}.tmp"
    try:
        # 0o666 lets the user's umask decide the final permissions.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     0o600 if private else 0o666)
    except OSError as exc:
        raise unwritable(folder, exc) from exc
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        _check_target_kind(target)  # again: a device or a pipe may have been put there meanwhile
        os.replace(tmp, target)
        fsync_folder(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise unwritable(folder, exc) from exc


def _check_target_kind(target: Path) -> None:
    """Refuse a target that is not a regular file: ``os.replace`` would put a file in place of
    a device node (``/dev/full``, as root), a pipe or a socket, and cannot replace a folder.
    A symbolic link is followed for the check (what it names must be a regular file)."""
    try:
        mode = os.stat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return  # a new file (or a dangling link, which the new file replaces)
    except OSError:
        return  # unreadable: writing there will fail with its own message
    if stat.S_ISDIR(mode):
        raise UserError("export_target_is_folder", f"«{ltr_isolate(target)}» یک پوشه است؛ نام فایل را هم بنویسید.",
                        english="the target is a folder")
    if not stat.S_ISREG(mode):
        raise UserError("export_target_not_file",
                        f"«{ltr_isolate(target)}» پروندهٔ معمولی نیست (دستگاه یا لوله است)؛ نام پرونده‌ای دیگر را بدهید.",
                        english="the target is a device, a pipe or a socket, not a regular file")


def refuse_overwriting(target: Path, protected: Iterable[tuple[Path, str]],
                       protected_folders: Iterable[Path] = ()) -> None:
    """Refuse to write ``target`` over one of the ``protected`` files (each with its Persian name,
    e.g. «پایگاه داده»), or into one of ``protected_folders`` (the backups), or over anything
    that is not a regular file. Compared by identity (``os.path.samefile``: hard links,
    symbolic links, another spelling of the same path) and, for files that do not exist yet
    (a store's ``-wal``), by resolved path. Nothing is written or changed."""
    target = Path(target)
    _check_target_kind(target)
    where = _resolved(target)
    for path, what in protected:
        if where == _resolved(Path(path)) or _same_file(target, Path(path)):
            raise UserError("output_is_input",
                            f"«{ltr_isolate(target)}» همان {what} است و روی آن نوشته نمی‌شود؛ نام پرونده‌ای دیگر را بدهید.",
                            english=f"refusing to write over {path}")
    for folder in protected_folders:
        folder = _resolved(Path(folder))
        if where.parent == folder or folder in where.parents:
            raise UserError("output_in_backups",
                            f"«{ltr_isolate(target)}» در پوشهٔ پشتیبان‌های دبیر است و آنجا چیزی نوشته نمی‌شود؛ جای دیگری برگزینید.",
                            english=f"refusing to write into the backups folder {folder}")


def _resolved(path: Path) -> Path:
    try:
        return path.expanduser().resolve()
    except (OSError, RuntimeError):  # a link loop: compare as written
        return Path(os.path.abspath(path))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def read_bounded(path: Path, limit: int, *, what: str, code: str = "file_unreadable") -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them, or a UserError.

    ``st_size`` is never trusted (a device says 0, ``/dev/zero`` never ends): the file is opened
    without blocking (a FIFO with no writer would hang an ordinary open), ``fstat`` of the open
    file must say it is a regular file, and then ``limit + 1`` bytes at most are read.
    ``what`` names the file in Persian («پروندهٔ گذرواژه»); ``code`` is the UserError's code.
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | getattr(os, "O_BINARY", 0))
    except FileNotFoundError as exc:
        raise UserError(code, f"{what} «{ltr_isolate(path)}» پیدا نشد.", english=f"{path} not found") from exc
    except IsADirectoryError as exc:
        raise _not_regular(path, what, code) from exc
    except OSError as exc:
        raise UserError(code, f"{what} «{ltr_isolate(path)}» خوانده نمی‌شود: {exc.strerror or exc}",
                        english=f"cannot read {path}") from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _not_regular(path, what, code)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise UserError(code, f"{what} «{ltr_isolate(path)}» خوانده نمی‌شود: {exc.strerror or exc}",
                        english=f"cannot read {path}") from exc
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise UserError("file_too_large", f"{what} «{ltr_isolate(path)}» بزرگ‌تر از اندازه‌ای است که چنین پرونده‌ای دارد.",
                        english=f"{path} is larger than {limit} bytes")
    return data


def _not_regular(path: Path, what: str, code: str) -> UserError:
    return UserError(code, f"{what} «{ltr_isolate(path)}» پروندهٔ معمولی نیست (پوشه، دستگاه یا لوله است).",
                     english=f"{path} is not a regular file")


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (POSIX: fsync the folder itself).

    Windows cannot open a folder as a file; NTFS journals the rename itself."""
    import errno

    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except PermissionError:  # a folder we may write in but not list: the rename stands, undurably
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):  # filesystems without folder fsync
            raise
    finally:
        os.close(fd)


def unwritable(folder: Path, exc: OSError) -> UserError:
    import errno

    if exc.errno == errno.ENOSPC:
        return UserError("export_disk_full", "فضای دیسک برای نوشتن فایل کافی نیست؛ جایی را خالی کنید یا دیسک دیگری برگزینید.",
                         english="no space left on the disk")
    if exc.errno == errno.ENOENT:
        return UserError("export_unwritable", f"پوشهٔ «{ltr_isolate(folder)}» وجود ندارد؛ پوشهٔ دیگری برای فایل برگزینید.",
                         english=f"the folder {folder} does not exist")
    return UserError("export_unwritable", f"در پوشهٔ «{ltr_isolate(folder)}» نمی‌توان فایل نوشت؛ پوشهٔ دیگری برگزینید.",
                     english=f"cannot write in {folder}: {exc.strerror or exc}")
