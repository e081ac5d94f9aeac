"""What a quarterly package is: its members' names, its format version, the limits a
reader holds it to, and the JSON Schema of ``data.json`` (docs/package-format.md).

The schema is kept here, beside the code, so that it ships inside the program (the
PyInstaller bundle reads it through importlib.resources); ``docs/package-format.schema.json``
is the same file, and a test holds the two equal.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

__all__ = [
    "DATA",
    "FIXED_MEMBERS",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MANIFEST",
    "MAX_JSON_BYTES",
    "MAX_MEMBERS",
    "MAX_MEMBER_BYTES",
    "MAX_PACKAGE_BYTES",
    "MAX_RATIO",
    "MAX_TOTAL_BYTES",
    "MINUTES_DIR",
    "REGISTER",
    "SIGNATURE",
    "SUMMARY",
    "is_minutes_name",
    "minutes_name",
    "schema",
    "validate_data",
]

FORMAT_NAME = "dabir-quarterly-package"
FORMAT_VERSION = 1

MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.p7s"  # detached CMS (DER) over manifest.json's bytes
DATA = "data.json"
REGISTER = "resolutions.xlsx"
SUMMARY = "summary.pdf"
MINUTES_DIR = "minutes/"
FIXED_MEMBERS = (DATA, REGISTER, SUMMARY)  # listed in the manifest besides minutes/*.pdf

# A busy body's quarter is a few MiB; these leave room for years of growth and refuse bombs.
MAX_MEMBERS = 5_000
MAX_MEMBER_BYTES = 256 << 20  # one member, uncompressed (a minutes PDF with scans is at most tens of MiB)
MAX_TOTAL_BYTES = 1 << 30  # every member together, uncompressed
MAX_RATIO = 200  # uncompressed ÷ compressed of one member larger than 1 MiB (JSON compresses ~10×)
RATIO_FLOOR = 1 << 20
MAX_PACKAGE_BYTES = 1 << 30  # the zip file itself
MAX_JSON_BYTES = 64 << 20  # manifest.json and data.json are parsed whole

_MINUTES = re.compile(r"minutes/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-r[0-9]{1,4}\.pdf")


def minutes_name(meeting_uuid: str, revision: int) -> str:
    """``minutes/<uuid>-r<revision>.pdf``: one file per meeting, at its current revision."""
    return f"{MINUTES_DIR}{meeting_uuid}-r{revision}.pdf"


def is_minutes_name(name: str) -> bool:
    return _MINUTES.fullmatch(name) is not None


@cache
def schema() -> dict[str, Any]:
    text = resources.files("app.package").joinpath("package-format.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def validate_data(data: Any) -> list[str]:
    """The schema's complaints about ``data`` (empty when it is valid), each «path: message»,
    at most 20 of them, the first one the most relevant."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import relevance

    validator = Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(data), key=relevance, reverse=True)
    out = []
    for error in errors[:20]:
        where = "/".join(str(p) for p in error.absolute_path) or "(ریشه)"
        out.append(f"{where}: {error.message[:300]}")
    return out
