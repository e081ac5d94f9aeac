"""The Unicode Bidirectional Algorithm (UAX #9): embedding levels and visual order.

python-bidi's ``get_display`` gives only the reordered string; the PDF pipeline
also needs each character's resolved level, to mirror brackets at odd levels
and to know where each font's run lands. This module resolves the levels
itself, rule by rule, so nothing depends on python-bidi's debug printout:

- P2–P3: paragraph level from the first strong letter, or fixed RTL/LTR;
- X1–X10: embeddings, overrides and isolates (the stack of 125), the removal of
  BN and embedding controls, isolating run sequences with their sos/eos;
- W1–W7, N0 (paired brackets, BD16, canonical equivalents of U+2329/232A),
  N1–N2, I1–I2;
- L1 (segment separators and trailing whitespace at the paragraph level) and
  L2 (:func:`visual_order`).

Characters removed by X9 (BN such as ZWNJ, embedding controls) get the level
of the character before them (the paragraph level at the start), as
python-bidi's engine (unicode-bidi) does; UAX #9 leaves their level open
(section 5.2). The tests check this module against ``get_display`` on
generated strings.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

from bidi.mirror import MIRRORED

__all__ = ["Direction", "bidi_class", "embedding_levels", "paragraph_level", "visual_order"]

Direction = Literal["R", "L", "auto"]

_MAX_DEPTH = 125
_STRONG = frozenset({"L", "R", "AL"})
_ISOLATE_INITIATORS = frozenset({"LRI", "RLI", "FSI"})
_EMBEDDINGS = frozenset({"LRE", "RLE", "LRO", "RLO"})
_REMOVED_BY_X9 = frozenset({"LRE", "RLE", "LRO", "RLO", "PDF", "BN"})
_NEUTRAL_OR_ISOLATE = frozenset({"B", "S", "WS", "ON", "LRI", "RLI", "FSI", "PDI"})
# L1 resets these (and what X9 removed among them) before a separator and at the end of a line.
_TRAILING = frozenset({"WS", "LRI", "RLI", "FSI", "PDI"}) | _REMOVED_BY_X9

# BidiBrackets.txt is gc=Ps/Pe characters with a mirrored partner; U+2329/232A
# are canonically equivalent to U+3008/3009 and pair with them (BD16).
_OPENING = {c: m for c, m in MIRRORED.items()
            if unicodedata.category(c) == "Ps" and unicodedata.category(m) == "Pe"}
_CLOSING = frozenset(_OPENING.values())
_CANONICAL = {"\u2329": "\u3008", "\u232a": "\u3009"}
_STACK_SIZE = 63

# Unassigned code points default to these classes (DerivedBidiClass.txt); others default to L.
_DEFAULT_RANGES = (
    (0x0590, 0x05FF, "R"), (0x0600, 0x07BF, "AL"), (0x07C0, 0x085F, "R"), (0x0860, 0x08FF, "AL"),
    (0x20A0, 0x20CF, "ET"), (0xFB1D, 0xFB4F, "R"), (0xFB50, 0xFDCF, "AL"), (0xFDF0, 0xFDFF, "AL"),
    (0xFE70, 0xFEFF, "AL"), (0x10800, 0x10CFF, "R"), (0x10D00, 0x10D3F, "AL"), (0x10D40, 0x10EBF, "R"),
    (0x10EC0, 0x10EFF, "AL"), (0x10F00, 0x10F2F, "R"), (0x10F30, 0x10F6F, "AL"), (0x10F70, 0x10FFF, "R"),
    (0x1E800, 0x1EC6F, "R"), (0x1EC70, 0x1ECBF, "AL"), (0x1ECC0, 0x1ECFF, "R"), (0x1ED00, 0x1ED4F, "AL"),
    (0x1ED50, 0x1EDFF, "R"), (0x1EE00, 0x1EEFF, "AL"), (0x1EF00, 0x1EFFF, "R"),
)


@lru_cache(maxsize=4096)
def bidi_class(ch: str) -> str:
    """The Bidi_Class of one character (UAX #9 table 4), defaults for unassigned ones included."""
    cls = unicodedata.bidirectional(ch)
    if cls:
        return cls
    code = ord(ch)
    if (code & 0xFFFE) == 0xFFFE or 0xFDD0 <= code <= 0xFDEF or 0xE0000 <= code <= 0xE0FFF:
        return "BN"  # noncharacters and default ignorables
    for lo, hi, default in _DEFAULT_RANGES:
        if lo <= code <= hi:
            return default
    return "L"


def _matching_pdis(classes: Sequence[str]) -> dict[int, int]:
    """BD9: each isolate initiator's matching PDI, by position (within one paragraph)."""
    matches: dict[int, int] = {}
    open_at: list[int] = []
    for i, cls in enumerate(classes):
        if cls in _ISOLATE_INITIATORS:
            open_at.append(i)
        elif cls == "PDI" and open_at:
            matches[open_at.pop()] = i
    return matches


def _first_strong(classes: Sequence[str], start: int, end: int) -> int | None:
    """P2–P3: 1 for R/AL, 0 for L, None if none; isolated text is skipped."""
    depth = 0
    for cls in classes[start:end]:
        if cls in _ISOLATE_INITIATORS:
            depth += 1
        elif cls == "PDI":
            if depth:
                depth -= 1
        elif depth == 0 and cls in _STRONG:
            return 0 if cls == "L" else 1
    return None


class _Entry:
    """One entry of the directional status stack (a plain class: a dataclass costs milliseconds at import)."""

    __slots__ = ("isolate", "level", "override")

    def __init__(self, level: int, override: str | None, isolate: bool) -> None:
        self.level = level
        self.override = override  # "L", "R" or None (neutral)
        self.isolate = isolate


def _explicit(classes: list[str], para: int, matches: dict[int, int]) -> list[int]:
    """X1–X8: each character's embedding level; overridden classes are rewritten in place."""
    levels = [para] * len(classes)
    stack = [_Entry(para, None, False)]
    overflow_isolates = overflow_embeddings = valid_isolates = 0
    for i, cls in enumerate(classes):
        top = stack[-1]
        if cls in _EMBEDDINGS:
            levels[i] = top.level
            rtl = cls in ("RLE", "RLO")
            new = (top.level + 1) | 1 if rtl else (top.level + 2) & ~1
            if new <= _MAX_DEPTH and overflow_isolates == 0 and overflow_embeddings == 0:
                override = None if cls in ("RLE", "LRE") else ("R" if rtl else "L")
                stack.append(_Entry(new, override, False))
            elif overflow_isolates == 0:
                overflow_embeddings += 1
        elif cls in _ISOLATE_INITIATORS:
            levels[i] = top.level
            if top.override:
                classes[i] = top.override
            if cls == "FSI":
                end = matches.get(i, len(classes))
                rtl = _first_strong(classes, i + 1, end) == 1
            else:
                rtl = cls == "RLI"
            new = (top.level + 1) | 1 if rtl else (top.level + 2) & ~1
            if new <= _MAX_DEPTH and overflow_isolates == 0 and overflow_embeddings == 0:
                valid_isolates += 1
                stack.append(_Entry(new, None, True))
            else:
                overflow_isolates += 1
        elif cls == "PDI":
            if overflow_isolates:
                overflow_isolates -= 1
            elif valid_isolates:
                overflow_embeddings = 0
                while not stack[-1].isolate:
                    stack.pop()
                stack.pop()
                valid_isolates -= 1
            top = stack[-1]
            levels[i] = top.level
            if top.override:
                classes[i] = top.override
        elif cls == "PDF":
            levels[i] = top.level
            if overflow_isolates:
                pass
            elif overflow_embeddings:
                overflow_embeddings -= 1
            elif not top.isolate and len(stack) >= 2:
                stack.pop()
        elif cls == "B":
            levels[i] = para
        elif cls == "BN":
            levels[i] = top.level
        else:
            levels[i] = top.level
            if top.override:
                classes[i] = top.override
    return levels


def _run_sequences(original: Sequence[str], levels: Sequence[int], matches: dict[int, int]) -> list[list[int]]:
    """BD13/X10: the isolating run sequences, as lists of the indexes X9 kept."""
    runs: list[list[int]] = []
    for i, cls in enumerate(original):
        if cls in _REMOVED_BY_X9:
            continue
        if runs and levels[runs[-1][-1]] == levels[i]:
            runs[-1].append(i)
        else:
            runs.append([i])
    run_of_pdi = {run[0]: k for k, run in enumerate(runs) if original[run[0]] == "PDI"}
    joined: set[int] = set()  # runs that continue an isolate initiator's sequence
    sequences: list[list[int]] = []
    for k, run in enumerate(runs):
        if k in joined:
            continue
        sequence = list(run)
        while original[sequence[-1]] in _ISOLATE_INITIATORS and sequence[-1] in matches:
            nxt = run_of_pdi.get(matches[sequence[-1]])
            if nxt is None:
                break
            joined.add(nxt)
            sequence.extend(runs[nxt])
        sequences.append(sequence)
    return sequences


def _direction(level: int) -> str:
    return "R" if level & 1 else "L"


def _weak(types: list[str], sos: str) -> None:
    """W1–W7 over one isolating run sequence's types."""
    prev = sos
    for k, t in enumerate(types):  # W1
        if t == "NSM":
            types[k] = "ON" if prev in _ISOLATE_INITIATORS or prev == "PDI" else prev
        prev = types[k]
    strong = sos
    for k, t in enumerate(types):  # W2, then W3
        if t in _STRONG:
            strong = t
        elif t == "EN" and strong == "AL":
            types[k] = "AN"
    for k, t in enumerate(types):
        if t == "AL":
            types[k] = "R"
    for k in range(1, len(types) - 1):  # W4
        t, before, after = types[k], types[k - 1], types[k + 1]
        if (t == "ES" and before == after == "EN") or (t == "CS" and before == after and before in ("EN", "AN")):
            types[k] = before
    n = len(types)
    k = 0
    while k < n:  # W5
        if types[k] == "ET":
            end = k
            while end < n and types[end] == "ET":
                end += 1
            if (k > 0 and types[k - 1] == "EN") or (end < n and types[end] == "EN"):
                types[k:end] = ["EN"] * (end - k)
            k = end
        else:
            k += 1
    for k, t in enumerate(types):  # W6
        if t in ("ES", "ET", "CS"):
            types[k] = "ON"
    strong = sos
    for k, t in enumerate(types):  # W7
        if t in ("L", "R"):
            strong = t
        elif t == "EN" and strong == "L":
            types[k] = "L"


def _strong_for_n(t: str) -> str | None:
    """Strong direction of a type for N0–N1: EN and AN count as R."""
    if t == "L":
        return "L"
    if t in ("R", "EN", "AN"):
        return "R"
    return None


def _bracket_pairs(text: str, seq: Sequence[int], types: Sequence[str]) -> list[tuple[int, int]]:
    """BD16: positions (within the sequence) of its paired brackets, sorted by the opening one."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for k, i in enumerate(seq):
        if types[k] != "ON":
            continue
        ch = _CANONICAL.get(text[i], text[i])
        if ch in _OPENING:
            if len(stack) == _STACK_SIZE:
                break
            stack.append((_CANONICAL.get(_OPENING[ch], _OPENING[ch]), k))
        elif ch in _CLOSING:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == ch:
                    pairs.append((stack[depth][1], k))
                    del stack[depth:]
                    break
    return sorted(pairs)


def _brackets(text: str, seq: Sequence[int], types: list[str], original: Sequence[str],
              embedding: str, sos: str) -> None:
    """N0: paired brackets take the direction of what they enclose (or of their context)."""
    for open_k, close_k in _bracket_pairs(text, seq, types):
        inside = {_strong_for_n(t) for t in types[open_k + 1:close_k]} - {None}
        if embedding in inside:
            chosen = embedding
        elif inside:
            before = sos
            for t in reversed(types[:open_k]):
                d = _strong_for_n(t)
                if d:
                    before = d
                    break
            chosen = before  # N0 c: the context's direction if it is the opposite one, else the embedding's
        else:
            continue
        for k in (open_k, close_k):
            types[k] = chosen
            j = k + 1
            while j < len(types) and original[seq[j]] == "NSM":
                types[j] = chosen
                j += 1


def _neutral(types: list[str], sos: str, eos: str, embedding: str) -> None:
    """N1–N2: runs of neutrals take the direction around them, or the embedding direction."""
    n = len(types)
    k = 0
    while k < n:
        if types[k] not in _NEUTRAL_OR_ISOLATE:
            k += 1
            continue
        end = k
        while end < n and types[end] in _NEUTRAL_OR_ISOLATE:
            end += 1
        before = _strong_for_n(types[k - 1]) if k > 0 else sos
        after = _strong_for_n(types[end]) if end < n else eos
        chosen = before if before is not None and before == after else embedding
        types[k:end] = [chosen] * (end - k)
        k = end


def _paragraph(text: str, base: Direction, reset_whitespace: bool) -> list[int]:
    original = [bidi_class(ch) for ch in text]
    matches = _matching_pdis(original)
    para = _first_strong(original, 0, len(original)) or 0 if base == "auto" else 1 if base == "R" else 0
    classes = list(original)
    explicit = _explicit(classes, para, matches)
    levels = list(explicit)
    kept = [i for i, cls in enumerate(original) if cls not in _REMOVED_BY_X9]
    neighbour = {i: k for k, i in enumerate(kept)}
    for seq in _run_sequences(original, explicit, matches):
        level = explicit[seq[0]]
        first, last = neighbour[seq[0]], neighbour[seq[-1]]
        before = explicit[kept[first - 1]] if first > 0 else para
        after = explicit[kept[last + 1]] if last + 1 < len(kept) and original[seq[-1]] not in _ISOLATE_INITIATORS \
            else para
        sos, eos = _direction(max(level, before)), _direction(max(level, after))
        types = [classes[i] for i in seq]
        _weak(types, sos)
        embedding = _direction(level)
        _brackets(text, seq, types, original, embedding, sos)
        _neutral(types, sos, eos, embedding)
        for k, i in enumerate(seq):  # I1–I2
            t = types[k]
            if level & 1:
                if t in ("L", "EN", "AN"):
                    levels[i] = level + 1
            elif t == "R":
                levels[i] = level + 1
            elif t in ("AN", "EN"):
                levels[i] = level + 2
    removed = [cls in _REMOVED_BY_X9 for cls in original]
    if not reset_whitespace:
        for i in range(len(levels)):
            if removed[i]:
                levels[i] = levels[i - 1] if i else para
        return levels
    reset = [False] * len(levels)  # L1, with what X9 removed counted as whitespace (section 5.2)
    trailing = True
    for i in range(len(original) - 1, -1, -1):
        cls = original[i]
        if cls in ("S", "B"):
            reset[i] = trailing = True
        elif cls in _TRAILING and trailing:
            reset[i] = True
        else:
            trailing = False
    for i in range(len(levels)):
        if reset[i]:
            levels[i] = para
        elif removed[i]:  # what X9 removed sits with the character before it
            levels[i] = levels[i - 1] if i else para
    return levels


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """P1: (start, end) of each paragraph; a paragraph separator ends its own paragraph."""
    spans: list[tuple[int, int]] = []
    start = 0
    for i, ch in enumerate(text):
        if bidi_class(ch) == "B":
            spans.append((start, i + 1))
            start = i + 1
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


@lru_cache(maxsize=4096)
def embedding_levels(text: str, base: Direction = "R", *, reset_whitespace: bool = True) -> tuple[int, ...]:
    """The resolved level of each character of the line ``text`` (rules P1–I2, then L1).

    ``base`` fixes the paragraph direction (``"R"`` for Persian documents) or,
    with ``"auto"``, takes it from the first strong letter as P2–P3 say.
    ``reset_whitespace=False`` leaves out L1 (the paragraph's levels before
    it is broken into lines).
    """
    if base not in ("R", "L", "auto"):
        raise ValueError(f"base direction must be 'R', 'L' or 'auto', not {base!r}")
    levels: list[int] = []
    for start, end in _paragraphs(text):
        levels.extend(_paragraph(text[start:end], base, reset_whitespace))
    return tuple(levels)


def paragraph_level(text: str) -> int:
    """P2–P3: 1 if the first strong letter (outside isolates) is right to left, else 0."""
    return _first_strong([bidi_class(ch) for ch in text], 0, len(text)) or 0


def visual_order(levels: Sequence[int]) -> list[int]:
    """L2: the logical indexes of one line in visual (left-to-right) order."""
    order = list(range(len(levels)))
    if not levels:
        return order
    lv = list(levels)
    odd = [x for x in lv if x & 1]
    lowest_odd = min(odd) if odd else max(lv) + 1
    for level in range(max(lv), lowest_odd - 1, -1):
        i, n = 0, len(lv)
        while i < n:
            if lv[i] >= level:
                j = i
                while j < n and lv[j] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                lv[i:j] = lv[i:j][::-1]
                i = j
            else:
                i += 1
    return order
