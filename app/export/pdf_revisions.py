"""The revisions of a signed PDF, read as an attacker would write them.

A PDF can be extended after it is signed: each incremental update appends
objects, a cross-reference section and a trailer. pyHanko checks each
signature's bytes and, with a difference policy, what later revisions changed.
This module adds what a verifier that must not be fooled needs beside that
(the published attack classes: Mladenov et al. 2019 «1 Trillion Dollar
Refund», Mainka et al. 2021 shadow and certification attacks):

- ``STRICT_POLICY``: after a signature, the only change allowed is a further
  signature *filling one of the document's own empty signature slots*. No new
  field or widget, no annotation, no changed appearance, no content, no
  metadata (pyHanko's default policy allows all of those at FORM_FILLING or
  LTA level, which is how a forged header passed as «intact»).
- :func:`unaccounted_bytes`: every byte after the first signed revision must
  belong to a proper revision: objects listed in that revision's
  cross-reference section and nothing else, then the section, the trailer,
  ``startxref`` pointing at it and ``%%EOF``. Objects appended without an
  xref entry (which repairing readers pick up), objects hidden between
  others, an xref entry pointing back into signed bytes, or trailing garbage
  are reported.
- :func:`filled_signature_fields`: every signature field that carries a value
  in *any* revision, so that a signature the validator could not see (its
  ``/Contents`` or ``/ByteRange`` removed, its field emptied later) is noticed
  rather than silently skipped.
- :func:`describe_revision`: what a revision changed, in Persian, for the report.

Everything here reads pyHanko's cross-reference bookkeeping
(``reader.xrefs``): the pin in pyproject.toml says which versions this was
written against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pyhanko.pdf_utils import generic, misc
from pyhanko.pdf_utils.reader import HistoricalResolver, PdfFileReader
from pyhanko.pdf_utils.xref import XRefSectionType, read_object_header
from pyhanko.sign.diff_analysis import (
    FormUpdatingRule,
    ModificationLevel,
    SigFieldModificationRule,
    StandardDiffPolicy,
    SuspiciousModification,
)
from pyhanko.sign.diff_analysis.rules.file_structure_rules import (
    CatalogModificationRule,
    ObjectStreamRule,
    XrefStreamRule,
)
from pyhanko.sign.diff_analysis.rules.metadata_rules import DocInfoRule, MetadataUpdateRule

__all__ = [
    "METADATA_POLICY",
    "STRICT_POLICY",
    "FilledField",
    "describe_revision",
    "filled_signature_fields",
    "revision_ends",
    "unaccounted_bytes",
    "verdict_between",
]

_LTA = ModificationLevel.LTA_UPDATES

# Filling an existing, empty signature field is the one change allowed after a signature.
STRICT_POLICY = StandardDiffPolicy(
    global_rules=[CatalogModificationRule(), XrefStreamRule().as_qualified(_LTA),
                  ObjectStreamRule().as_qualified(_LTA)],
    form_rule=FormUpdatingRule(field_rules=[SigFieldModificationRule()]),
    ignore_orphaned_objects=False,
)

# The same plus a changed title, author or XMP packet: used only to say «only the metadata changed».
METADATA_POLICY = StandardDiffPolicy(
    global_rules=[CatalogModificationRule(), XrefStreamRule().as_qualified(_LTA),
                  ObjectStreamRule().as_qualified(_LTA), DocInfoRule().as_qualified(_LTA),
                  MetadataUpdateRule().as_qualified(_LTA)],
    form_rule=FormUpdatingRule(field_rules=[SigFieldModificationRule()]),
    ignore_orphaned_objects=False,
)

_EOF = re.compile(rb"startxref\s+(\d+)\s*%%EOF(\r\n|\r|\n)?")
_WHITESPACE = b" \t\r\n\f\x00"
_LINE_END = re.compile(rb"[\r\n]")


def verdict_between(reader: PdfFileReader, signed_revision: int, later: int, *, signing: bool = False) -> str | None:
    """None when ``later`` only fills empty signature slots of ``signed_revision``; else why not (English).

    ``signing``: ``later`` is itself a signature's revision. Every signing
    program (pyHanko, Acrobat) then also stamps the document information's
    /ModDate and /Producer, so that is allowed beside the slot; a metadata
    change in a revision that signs nothing is still a change.
    """
    policy = METADATA_POLICY if signing else STRICT_POLICY
    try:
        policy.apply(reader.get_historical_resolver(signed_revision), reader.get_historical_resolver(later))
    except SuspiciousModification as exc:
        return str(exc) or "suspicious modification"
    except (misc.PdfError, KeyError, ValueError, TypeError, AttributeError) as exc:  # untrusted structure
        return f"unreadable revision: {exc}"
    return None


def metadata_only(reader: PdfFileReader, signed_revision: int, later: int) -> bool:
    try:
        METADATA_POLICY.apply(reader.get_historical_resolver(signed_revision), reader.get_historical_resolver(later))
    except (SuspiciousModification, misc.PdfError, KeyError, ValueError, TypeError, AttributeError):
        return False
    return True


def revision_ends(data: bytes, reader: PdfFileReader) -> list[int]:
    """The offset just past each revision's ``%%EOF`` (and its end of line), oldest first.

    Raises ValueError when a revision has no ``startxref`` pointing at its own
    cross-reference section after it.
    """
    ends: list[int] = []
    xrefs = reader.xrefs
    for revision in range(xrefs.total_revisions):
        meta = xrefs.get_xref_container_info(revision)
        for match in _EOF.finditer(data, meta.end_location):
            if int(match.group(1)) == meta.declared_startxref:
                ends.append(match.end())
                break
        else:
            raise ValueError(f"revision {revision} has no startxref pointing at its cross-reference section")
    return ends


def unaccounted_bytes(data: bytes, reader: PdfFileReader, from_revision: int) -> str | None:
    """Why the bytes after revision ``from_revision`` are not all proper revisions, or None (English)."""
    try:
        ends = revision_ends(data, reader)
    except ValueError as exc:
        return str(exc)
    if any(b >= a for a, b in zip(ends[1:], ends, strict=False)):
        return "revisions out of order"
    if data[ends[-1]:].strip(_WHITESPACE):
        return f"{len(data) - ends[-1]} bytes after the last revision's %%EOF"
    for revision in range(from_revision + 1, len(ends)):
        problem = _check_revision_body(data, reader, revision, ends[revision - 1], ends[revision])
        if problem:
            return f"revision {revision}: {problem}"
    return None


def _check_revision_body(data: bytes, reader: PdfFileReader, revision: int, start: int, end: int) -> str | None:
    """The bytes of one incremental update are its listed objects, its xref section and trailer, nothing else."""
    meta = reader.xrefs.get_xref_container_info(revision)
    section = reader.xrefs.get_xref_data(revision)
    if section.hybrid is not None or meta.xref_section_type in (XRefSectionType.HYBRID_MAIN,
                                                                 XRefSectionType.HYBRID_STREAM):
        return "hybrid cross-reference section"
    if not start <= meta.declared_startxref <= meta.start_location < end:
        return "its cross-reference section lies outside the revision"
    is_stream = meta.xref_section_type == XRefSectionType.STREAM
    body_end = meta.declared_startxref  # a table starts with «xref»; a stream is the last object, read by pyHanko
    listed: dict[int, tuple[int, int]] = {}
    for idnum, (generation, offset) in section.standard_xrefs.items():
        if not start <= offset <= body_end or (offset == body_end and not is_stream):
            return f"object {idnum} {generation} is listed at {offset}, outside the revision's own bytes"
        listed[offset] = (idnum, generation)
    stream = reader.stream
    pos = _skip_filler(data, start, end)
    while pos < body_end:
        if pos not in listed:
            return f"bytes at {pos} are not an object of this revision's cross-reference section"
        expected = listed[pos]
        try:
            stream.seek(pos)
            found = read_object_header(stream, strict=True)
            if tuple(found) != expected:
                return f"object at {pos} is {found[0]} {found[1]}, the section says {expected[0]} {expected[1]}"
            generic.read_object(stream, generic.Reference(expected[0], expected[1], reader))
            generic.read_non_whitespace(stream, seek_back=True)
            if stream.read(6) != b"endobj":
                return f"object {expected[0]} {expected[1]} has no endobj"
        except (misc.PdfError, ValueError, KeyError, TypeError) as exc:
            return f"object at {pos} cannot be read: {exc}"
        pos = _skip_filler(data, stream.tell(), end)
    if pos != body_end:
        return "bytes between the last object and the cross-reference section"
    if not is_stream:
        return _check_trailer(data, reader, meta.end_location, end)
    tail = data[_skip_filler(data, meta.end_location, end):end]
    if data[meta.end_location:meta.end_location + 6] == b"endobj":
        tail = data[_skip_filler(data, meta.end_location + 6, end):end]
    return None if _EOF.fullmatch(tail) else "bytes between the cross-reference stream and startxref"


def _check_trailer(data: bytes, reader: PdfFileReader, xref_end: int, end: int) -> str | None:
    stream = reader.stream
    pos = _skip_filler(data, xref_end, end)
    if not data.startswith(b"trailer", pos):
        # pyHanko's table reader may have read the keyword already: it must then end just before.
        if data[max(0, xref_end - 7):xref_end] != b"trailer" and \
                data[max(0, xref_end - 8):xref_end].rstrip(_WHITESPACE)[-7:] != b"trailer":
            return "no trailer after the cross-reference table"
        pos = xref_end - len(b"trailer")
    try:
        stream.seek(pos + len(b"trailer"))
        generic.read_non_whitespace(stream, seek_back=True)
        generic.DictionaryObject.read_from_stream(stream, generic.TrailerReference(reader))
    except (misc.PdfError, ValueError, KeyError, TypeError) as exc:
        return f"the trailer cannot be read: {exc}"
    tail = data[_skip_filler(data, stream.tell(), end):end]
    return None if _EOF.fullmatch(tail) else "bytes between the trailer and startxref"


def _skip_filler(data: bytes, pos: int, end: int) -> int:
    """Past whitespace and comment lines (``%…``), which carry nothing a reader shows."""
    while pos < end:
        if data[pos] in _WHITESPACE:
            pos += 1
        elif data[pos:pos + 1] == b"%" and not data.startswith(b"%%EOF", pos):
            newline = _LINE_END.search(data, pos, end)
            pos = newline.end() if newline else end
        else:
            break
    return pos


@dataclass(frozen=True)
class FilledField:
    """A signature field that has a value (``/V``) in some revision."""

    name: str
    revision: int  # the first revision in which it is filled
    value: tuple[int, int] | None  # the signature dictionary's object (number, generation), if indirect


def filled_signature_fields(reader: PdfFileReader) -> list[FilledField]:
    """Every signature field with a value in any revision, by the first revision it is filled in.

    Fields are looked for in the form (``/AcroForm /Fields`` and their kids)
    and among every page's annotations, since a widget that is on a page but
    missing from the form is still drawn.
    """
    found: dict[tuple[str, tuple[int, int] | None], int] = {}
    for revision in range(reader.xrefs.total_revisions):
        resolver = reader.get_historical_resolver(revision)
        for name, value in _filled_in(resolver):
            found.setdefault((name, value), revision)
    return sorted((FilledField(name, rev, value) for (name, value), rev in found.items()),
                  key=lambda f: (f.revision, f.name))


def _filled_in(resolver: HistoricalResolver) -> list[tuple[str, tuple[int, int] | None]]:
    out: list[tuple[str, tuple[int, int] | None]] = []
    seen: set[tuple[int, int]] = set()

    def visit(node_ref: object, parent_name: str, inherited_ft: object) -> None:
        if isinstance(node_ref, generic.IndirectObject):
            key = (node_ref.idnum, node_ref.generation)
            if key in seen:
                return
            seen.add(key)
        node = _resolve(node_ref)
        if not isinstance(node, generic.DictionaryObject):
            return
        partial = str(_resolve(node.raw_get("/T"))) if "/T" in node else ""
        name = ".".join(p for p in (parent_name, partial) if p)
        field_type = node.get("/FT", inherited_ft)
        if field_type == "/Sig" and "/V" in node:
            raw = node.raw_get("/V")
            value = (raw.idnum, raw.generation) if isinstance(raw, generic.IndirectObject) else None
            if not isinstance(raw, generic.NullObject):
                out.append((name or "?", value))
        for kid in _resolve(node.raw_get("/Kids")) if "/Kids" in node else ():
            visit(kid, name, field_type)

    try:
        root = _resolve(resolver.root)
        form = _resolve(root.raw_get("/AcroForm")) if "/AcroForm" in root else None
        if isinstance(form, generic.DictionaryObject) and "/Fields" in form:
            for field_ref in _resolve(form.raw_get("/Fields")):
                visit(field_ref, "", None)
        for page in _pages(root.raw_get("/Pages")):
            for annot in _resolve(page.raw_get("/Annots")) if "/Annots" in page else ():
                visit(annot, "", None)
    except (misc.PdfError, KeyError, ValueError, TypeError, AttributeError):
        out.append(("?", None))  # a form that cannot be walked cannot be vouched for
    return out


def _resolve(obj: Any) -> Any:
    for _ in range(32):  # a chain of references, not a loop
        if isinstance(obj, generic.DecryptedObjectProxy):
            obj = obj.decrypted
        elif isinstance(obj, generic.IndirectObject):
            obj = obj.get_object()
        else:
            break
    return obj


def _pages(node: object, depth: int = 0) -> list[generic.DictionaryObject]:
    node = _resolve(node)
    if not isinstance(node, generic.DictionaryObject) or depth > 64:
        return []
    if node.get("/Type") == "/Page":
        return [node]
    kids = _resolve(node.raw_get("/Kids")) if "/Kids" in node else ()
    return [p for kid in kids for p in _pages(kid, depth + 1)]


# ---------------------------------------------------------------------------- what a revision changed

CHANGE_FIELD = "کادر یا جای امضای تازه‌ای به صفحه افزوده شده است"
CHANGE_OTHER_SIGNATURE = "امضای دیگری بیرون از جاهای امضای خود سند گذاشته شده است"
CHANGE_ANNOTATION = "یادداشت یا نشانه‌ای (annotation) روی صفحه افزوده یا عوض شده است"
CHANGE_APPEARANCE = "نمای یک کادر (appearance) عوض شده است"
CHANGE_RECT = "جا یا اندازهٔ کادر امضای یک امضاکننده عوض شده است"
CHANGE_CONTENT = "محتوای صفحه (متن یا تصویر) عوض شده است"
CHANGE_METADATA = "فقط فرادادهٔ پرونده (عنوان، نویسنده، …) عوض شده است"
CHANGE_OTHER = "اشیای دیگری از سند افزوده یا عوض شده است"
CHANGE_EMPTY = "بازنگری‌ای بی‌امضا به پرونده افزوده شده است"


def _raw(obj: generic.DictionaryObject, key: str) -> object:
    return obj.raw_get(key) if key in obj else None


def describe_revision(reader: PdfFileReader, base: int, revision: int) -> list[str]:
    """What ``revision`` changed compared with ``base``, in Persian, most telling first."""
    if verdict_between(reader, base, revision) is None:
        return [CHANGE_EMPTY]  # nothing a reader shows, but not a signature either
    if metadata_only(reader, base, revision):
        return [CHANGE_METADATA]
    try:
        old, new = reader.get_historical_resolver(base), reader.get_historical_resolver(revision)
        refs = reader.xrefs.explicit_refs_in_revision(revision)
    except (misc.PdfError, KeyError, ValueError, TypeError):
        return [CHANGE_OTHER]
    found: list[str] = []

    def note(change: str) -> None:
        if change not in found:
            found.append(change)

    for ref in sorted(refs, key=lambda r: (r.idnum, r.generation)):
        try:
            obj = new(ref)
            existed = not old.is_ref_unassignable(ref)
            before = old(ref) if existed else None
        except (misc.PdfError, KeyError, ValueError, TypeError):
            note(CHANGE_OTHER)
            continue
        if isinstance(obj, generic.DictionaryObject) and not isinstance(obj, generic.StreamObject):
            kind = obj.get("/Type")
            subtype = obj.get("/Subtype")
            if obj.get("/FT") == "/Sig" or subtype == "/Widget":
                if not existed:
                    note(CHANGE_OTHER_SIGNATURE if "/V" in obj else CHANGE_FIELD)
                elif isinstance(before, generic.DictionaryObject) and before.get("/Rect") != obj.get("/Rect"):
                    note(CHANGE_RECT)
                elif isinstance(before, generic.DictionaryObject) and "/V" in before:
                    note(CHANGE_APPEARANCE)
                continue
            if kind == "/Annot" or subtype in ("/FreeText", "/Stamp", "/Text", "/Square", "/Redact", "/Link",
                                              "/Ink", "/Highlight", "/Popup"):
                note(CHANGE_ANNOTATION)
                continue
            if kind == "/Page":
                if not isinstance(before, generic.DictionaryObject) or \
                        any(_raw(before, key) != _raw(obj, key) for key in ("/Contents", "/Resources", "/MediaBox")):
                    note(CHANGE_CONTENT)
                # A page's /Annots grows with any new widget or annotation, which the objects themselves name.
                continue
            if kind in ("/Info", "/Metadata") or "/Producer" in obj or "/ModDate" in obj:
                note(CHANGE_METADATA if not found else CHANGE_OTHER)
                continue
        elif isinstance(obj, generic.StreamObject):
            if obj.get("/Subtype") == "/Form" and existed:
                note(CHANGE_APPEARANCE)
            elif obj.get("/Type") == "/Metadata":
                note(CHANGE_METADATA)
            elif existed:
                note(CHANGE_CONTENT)
            else:
                continue  # a new stream: telling only through whatever now uses it
            continue
        if existed:
            note(CHANGE_OTHER)
    return found or [CHANGE_OTHER]
