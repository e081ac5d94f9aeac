"""Reading a package zip without trusting it (verify and import share this).

Refused before a byte is decompressed: a path that could escape a folder it were unpacked
into (``../``, an absolute path, a drive letter, a backslash, an empty or ``.`` part,
control characters), a symbolic link, an encrypted member, a compression method other than
stored or deflate, duplicate names (also names equal but for case, which collide on
Windows), too many members, a member or a total over the limits of :mod:`.format`, and a
compression ratio no real package has. The declared sizes are not trusted either: each
member is read with a bound and its CRC checked by :mod:`zipfile` at its end.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import unicodedata
import zipfile
import zlib
from pathlib import Path

from app.errors import UserError
from app.files import read_bounded
from app.persian.text import fa_number

from . import format as fmt

__all__ = ["PackageRefused", "read_members"]

_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
LRI, PDI = "\u2066", "\u2069"


class PackageRefused(UserError):
    """The package is not taken: what is wrong, naming the member (``member``)."""

    def __init__(self, code: str, message: str, *, member: str = "", english: str = "") -> None:
        super().__init__(code, message, english=english)
        self.member = member


def _named(name: str) -> str:
    return f"«{LRI}{name[:200]}{PDI}»"


def _check_name(name: str) -> None:
    if not name or _CONTROL.search(name):
        raise PackageRefused("package_path", f"نام عضو {_named(name)} در بسته نویسهٔ نامجاز دارد.",
                             member=name, english="a member name with control characters")
    if "\\" in name:
        raise PackageRefused("package_path", f"نام عضو {_named(name)} در بسته «\\» دارد؛ مسیرها باید با «/» باشند.",
                             member=name, english=f"backslash in member name {name!r}")
    if name.startswith("/") or _DRIVE.match(name):
        raise PackageRefused("package_path", f"مسیر عضو {_named(name)} در بسته مطلق است و به بیرون از بسته می‌رود.",
                             member=name, english=f"absolute member path {name!r}")
    parts = name.split("/")
    if any(p in ("", ".", "..") for p in parts):
        raise PackageRefused("package_path", f"مسیر عضو {_named(name)} در بسته به بیرون از بسته می‌رود "
                             "یا بخش خالی دارد («..» یا «//»).", member=name, english=f"escaping member path {name!r}")


def read_members(path: Path) -> tuple[dict[str, bytes], str]:
    """Every member of the zip at ``path``, checked as the module says, and the SHA-256 of the
    bytes they were read from (the file is read once: what is checked is what is imported, even
    if the file is replaced meanwhile); raises PackageRefused."""
    path = Path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError as exc:
        raise UserError("file_missing", f"پروندهٔ «{path}» پیدا نشد.", english=f"{path} not found") from exc
    except OSError as exc:
        raise UserError("file_unreadable", f"پروندهٔ «{path}» خوانده نشد.", english=str(exc)) from exc
    if not stat.S_ISREG(st.st_mode):
        raise PackageRefused("package_not_zip", f"«{path}» پروندهٔ معمولی نیست (پوشه، دستگاه یا لوله است).",
                             english="not a regular file")
    if st.st_size > fmt.MAX_PACKAGE_BYTES:
        raise PackageRefused("package_too_large", f"پروندهٔ «{path}» بزرگ‌تر از آن است که بستهٔ فصلی باشد.",
                             english="the file is too large")
    try:
        content = read_bounded(path, fmt.MAX_PACKAGE_BYTES, what="بستهٔ فصلی", code="package_too_large")
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            infos = z.infolist()
            _check_infos(infos)
            return {info.filename: _read(z, info) for info in infos}, hashlib.sha256(content).hexdigest()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError) as exc:
        raise PackageRefused("package_not_zip", f"«{path.name}» بستهٔ zip سالمی نیست؛ شاید ناقص دریافت شده است.",
                             english=f"not a readable zip: {exc}") from exc
    except OSError as exc:
        raise UserError("file_unreadable", f"پروندهٔ «{path}» خوانده نشد.", english=str(exc)) from exc


def _check_infos(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > fmt.MAX_MEMBERS:
        raise PackageRefused("package_too_many", f"بسته {fa_number(len(infos))} عضو دارد؛ بیش از آن است که بستهٔ فصلی "
                             "باشد.", english="too many members")
    seen: dict[str, str] = {}
    total = 0
    for info in infos:
        name = info.filename
        _check_name(name)
        folded = unicodedata.normalize("NFC", name).casefold()
        if folded in seen:
            raise PackageRefused("package_duplicate_name", f"نام {_named(name)} در بسته دو بار آمده است.",
                                 member=name, english=f"duplicate member {name!r}")
        seen[folded] = name
        kind = (info.external_attr >> 16) & 0o170000
        if kind == stat.S_IFLNK:
            raise PackageRefused("package_symlink", f"عضو {_named(name)} پیوند نمادین (symlink) است و پذیرفته نیست.",
                                 member=name, english=f"symlink member {name!r}")
        if info.is_dir() or kind not in (0, stat.S_IFREG):
            raise PackageRefused("package_extra", f"عضو {_named(name)} پرونده نیست (پوشه یا نوع دیگری است).",
                                 member=name, english=f"member {name!r} is not a file")
        if info.flag_bits & 0x1:
            raise PackageRefused("package_encrypted", f"عضو {_named(name)} رمزگذاری شده است.", member=name,
                                 english="encrypted member")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PackageRefused("package_compression", f"عضو {_named(name)} با روشی فشرده شده که پذیرفته نیست.",
                                 member=name, english="unsupported compression")
        if info.file_size > fmt.MAX_MEMBER_BYTES:
            raise PackageRefused("package_member_too_large", f"عضو {_named(name)} بزرگ‌تر از حد مجاز است.",
                                 member=name, english=f"member {name!r} is too large")
        if info.file_size > fmt.RATIO_FLOOR and info.file_size > fmt.MAX_RATIO * max(info.compress_size, 1):
            raise PackageRefused("package_bomb", f"عضو {_named(name)} بیش از اندازه فشرده شده است (بمب فشرده‌سازی).",
                                 member=name, english=f"compression ratio of {name!r} is too high")
        total += info.file_size
        if total > fmt.MAX_TOTAL_BYTES:
            raise PackageRefused("package_bomb", "اندازهٔ بازشدهٔ اعضای بسته از حد مجاز بیشتر است (بمب فشرده‌سازی).",
                                 member=name, english="total uncompressed size too large")


def _read(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        with z.open(info) as f:
            data = f.read(info.file_size + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise PackageRefused("package_member_damaged", f"عضو {_named(info.filename)} خراب است (CRC یا اندازه جور نیست).",
                             member=info.filename, english=f"damaged member {info.filename!r}") from exc
    if len(data) != info.file_size:
        raise PackageRefused("package_member_damaged", f"اندازهٔ عضو {_named(info.filename)} با اندازهٔ اعلام‌شده "
                             "جور نیست.", member=info.filename, english="member size mismatch")
    return data
