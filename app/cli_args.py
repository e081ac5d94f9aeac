"""The command line's arguments, taken as hostile: Persian argparse messages, ids that name
nothing, password files in any encoding a user's editor writes.

Whatever is wrong ends as a Persian message and exit 2 (argparse's own errors too), never a
traceback, and nothing is changed.
"""

from __future__ import annotations

import argparse
import codecs
import re
import sys
from pathlib import Path
from typing import Any, NoReturn

from app.errors import UserError, not_found
from app.persian.text import ltr_isolate

__all__ = ["PersianArgumentParser", "check_ids", "read_password_file"]

_MAX_ID = (1 << 63) - 1  # SQLite's integers; a larger one cannot even be asked for
_MAX_PASSWORD_FILE = 64 << 10

# argparse's own messages (Python 3.11–3.13 wording), each with its Persian.
_ARGUMENT = re.compile(r"argument (?P<arg>.+?): (?P<msg>.*)", re.S)
_MESSAGES: list[tuple[re.Pattern[str], str]] = [(re.compile(p, re.S), fa) for p, fa in [
    (r"the following arguments are required: (?P<x>.*)", "این آرگومان‌ها لازم‌اند: {x}"),
    (r"unrecognized arguments: (?P<x>.*)", "این آرگومان‌ها شناخته نیستند: {x}"),
    (r"invalid choice: (?P<x>.*?) \(choose from (?P<y>.*)\)", "{x} در میان گزینه‌ها نیست؛ یکی از این‌ها را بدهید: {y}"),
    (r"invalid int value: (?P<x>.*)", "{x} عدد درستی نیست."),
    (r"invalid (?P<t>\w+) value: (?P<x>.*)", "مقدار {x} درست نیست."),
    (r"expected one argument", "یک مقدار می‌خواهد."),
    (r"expected at most one argument", "حداکثر یک مقدار می‌خواهد."),
    (r"expected at least one argument", "دست‌کم یک مقدار می‌خواهد."),
    (r"expected (?P<x>\d+) arguments?", "{x} مقدار می‌خواهد."),
    (r"not allowed with argument (?P<x>.*)", "با {x} با هم نمی‌آید."),
    (r"ignored explicit argument (?P<x>.*)", "مقدار {x} را نمی‌گیرد."),
    (r"ambiguous option: (?P<x>.*?) could match (?P<y>.*)", "گزینهٔ {x} روشن نیست؛ می‌تواند هر یک از این‌ها باشد: {y}"),
    (r"one of the arguments (?P<x>.*) is required", "یکی از این آرگومان‌ها لازم است: {x}"),
]]


def persian_message(message: str) -> str:
    """argparse's English ``message`` in Persian (as it is, if argparse says something new)."""
    where = ""
    m = _ARGUMENT.fullmatch(message)
    if m:
        where, message = f"آرگومان {m['arg']}: ", m["msg"]
    for pattern, fa in _MESSAGES:
        found = pattern.fullmatch(message)
        if found:
            return where + fa.format(**found.groupdict())
    return where + message


class _PersianHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "استفاده: " if prefix is None else prefix)


class PersianArgumentParser(argparse.ArgumentParser):
    """argparse speaking Persian: its errors, usage and help headings; errors exit 2."""

    def __init__(self, prog: str | None = None, *, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _PersianHelpFormatter)
        super().__init__(prog, add_help=False, **kwargs)
        self._positionals.title = "آرگومان‌ها"
        self._optionals.title = "گزینه‌ها"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help="همین راهنما را نشان می‌دهد و بیرون می‌رود")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: خطا: {persian_message(message)}\n")


_ID_KINDS = (("body", "body"), ("meeting", "meeting"), ("notice", "meeting"))


def check_ids(args: argparse.Namespace) -> None:
    """An id that no store can hold (negative, zero, 2⁶³ or more) names nothing: the usual «not found»."""
    for name, kind in _ID_KINDS:
        value = getattr(args, name, None)
        if isinstance(value, int) and not 1 <= value <= _MAX_ID:
            raise not_found(kind, value)


_LINE_END = re.compile(r"\r\n|\n|\r")
_BOMS_UTF16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_password_file(path: Path) -> str:
    """The first line of a password file, without its line end.

    UTF-8 with or without a BOM, or UTF-16 with a BOM (what Notepad writes); the BOM is not
    part of the password. Anything else (binary, NUL bytes, not UTF-8) is a UserError with
    a Persian message, and so is a FIFO, a device or a file too large to be a password file.
    """
    from app.files import read_bounded

    data = read_bounded(Path(path), _MAX_PASSWORD_FILE, what="پروندهٔ گذرواژه", code="password_file_unreadable")
    try:
        if data.startswith(codecs.BOM_UTF8):
            text = data[len(codecs.BOM_UTF8):].decode("utf-8")
        elif data.startswith(_BOMS_UTF16):
            text = data.decode("utf-16")  # the BOM tells the byte order and is dropped
        else:
            text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _not_text(path) from exc
    if "\x00" in text:
        raise _not_text(path)
    return _LINE_END.split(text, maxsplit=1)[0]


def _not_text(path: Path) -> UserError:
    return UserError("password_file_not_text",
                     f"پروندهٔ گذرواژه «{ltr_isolate(path)}» متن نیست؛ گذرواژه را در سطر نخست یک پروندهٔ متنی "
                     "(UTF-8، یا UTF-16 با BOM) بنویسید.",
                     english="the password file is not UTF-8 or UTF-16 text")
