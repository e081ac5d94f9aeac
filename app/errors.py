"""Typed errors that carry a Persian message for the user and a stable code.

The GUI and the command line both show ``message`` as it is; tests assert on
``code``. Anything that is the user's mistake (bad input, unknown id, a store
that cannot be opened) is a :class:`UserError`.
"""

from __future__ import annotations


class DabirError(Exception):
    """Base of every error Dabir raises on purpose."""

    def __init__(self, code: str, message: str, *, english: str = "", field: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.english = english
        self.field = field

    def __str__(self) -> str:
        return self.message if not self.english else f"{self.message} ({self.english})"


class UserError(DabirError):
    """The user's input or request cannot be carried out; nothing was changed."""


class StaleRecord(UserError):
    """A record was saved by someone else after the copy being saved was read (two editors,
    one store); nothing was written (app.services.versions)."""


class ValidationError(UserError):
    """Several field-level problems found together (e.g. in a meeting being saved)."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        first = problems[0].message if problems else ""
        super().__init__("validation", first, english="invalid input")
        self.problems = problems


class FieldProblem:
    """One problem at one field; ``field`` is a path such as ``resolutions[2].deadline``."""

    __slots__ = ("code", "field", "message")

    def __init__(self, field: str, code: str, message: str) -> None:
        self.field = field
        self.code = code
        self.message = message

    def __repr__(self) -> str:
        return f"FieldProblem({self.field!r}, {self.code!r}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FieldProblem) and (self.field, self.code) == (other.field, other.code)

    def __hash__(self) -> int:
        return hash((self.field, self.code))


_KIND_FA = {"unit": "واحد", "person": "شخص", "body": "نهاد", "meeting": "جلسه", "resolution": "مصوبه"}


def not_found(kind: str, ident: object) -> UserError:
    """The error for an id that names nothing (e.g. ``dabir list meetings --body 99``)."""
    from app.persian.text import to_persian_digits

    return UserError(f"{kind}_unknown", f"{_KIND_FA[kind]} با شناسهٔ {to_persian_digits(str(ident))} پیدا نشد.",
                     english=f"no {kind} with id {ident}")
