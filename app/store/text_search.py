"""Finding resolutions by the words of their text: the one adapter over SQLite-only search.

The promise (the tracker's text filter): every word occurs in the resolution's normalised
text (``text_norm``, :func:`app.persian.text.normalize_for_search`), anywhere, so «كميته»
finds «کمیته», «میشود» finds «می‌شود», and «G2B» finds «سامانهٔ G2B».

- SQLite: the FTS5 table ``resolutions_fts`` (migration 0003) indexes ``text_norm`` with the
  trigram tokenizer, kept in step by triggers. A trigram index answers «contains» for any
  word of three characters or more (a word index would not: «دستگاه» would miss
  «دستگاههای»); a shorter word is checked on the texts the index found, or, when every
  word is short, by a LIKE scan. On 50,000 resolutions a search takes a few
  milliseconds instead of the 80 of a LIKE scan (``bench/tracker.py``).
- Any other backend (PostgreSQL): a LIKE scan built with Core. A server with pg_trgm can
  answer here the same way without any caller changing.

Rows saved before ``text_norm`` was kept have it empty; their text is normalised here
and matched in Python, whichever backend.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from app.persian.text import normalize_for_search

if TYPE_CHECKING:
    from app.store.db import Store

__all__ = ["fts_query", "resolutions_with_words"]

_TRIGRAM = 3  # the shortest word the trigram index can find


def fts_query(words: Iterable[str]) -> str:
    """An FTS5 MATCH expression: each word a quoted string (so «AND», «*» or «"» are only
    text), all of them required."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def resolutions_with_words(store: Store, words: list[str], among: Collection[int] | None = None) -> set[int]:
    """Ids of the resolutions whose normalised text contains every one of ``words``
    (normalised already, as :func:`normalize_for_search` gives them); no words: none.

    ``among`` limits the answer to those ids. When they are few (the other filters left a
    short list) their texts are read and checked directly, which is faster than asking the
    index for every match in the store and keeping a few.
    """
    if not words:
        return set()
    if among is not None and len(among) <= _CHECK_DIRECTLY:
        return _check(store, words, among)
    found = _sqlite(store, words) if store.is_sqlite else _scan(store, words)
    for rid, text in store.read("unnormalised_texts"):
        norm = normalize_for_search(text)
        if all(w in norm for w in words):
            found.add(rid)
    return found if among is None else found.intersection(among)


_CHECK_DIRECTLY = 2000  # ids; above this the index answers (bench/tracker.py: «overdue + unit + text»)


def _check(store: Store, words: list[str], ids: Collection[int]) -> set[int]:
    found = set()
    ids = list(ids)
    for start in range(0, len(ids), 500):  # a bounded number of parameters per statement
        for rid, norm, text in store.read("texts_of_ids", ids=ids[start:start + 500]):
            norm = norm or normalize_for_search(text)
            if all(w in norm for w in words):
                found.add(rid)
    return found


def _sqlite(store: Store, words: list[str]) -> set[int]:
    long = [w for w in words if len(w) >= _TRIGRAM]
    short = [w for w in words if len(w) < _TRIGRAM]
    if not long:
        return _scan(store, words)
    match = fts_query(long)
    if not short:
        # The ids as one comma-separated text: a single row instead of one Python tuple per
        # match (25,000 matches: 3 ms instead of 10).
        ((joined,),) = store.fetch_all(
            "SELECT group_concat(rowid) FROM resolutions_fts WHERE resolutions_fts MATCH :q", q=match)
        return set(map(int, joined.split(","))) if joined else set()
    return {rid for rid, norm in store.fetch_all(
        "SELECT rowid, text_norm FROM resolutions_fts WHERE resolutions_fts MATCH :q", q=match)
        if all(w in norm for w in short)}


def _scan(store: Store, words: list[str]) -> set[int]:
    from sqlalchemy import select

    from app.store.models import Resolution

    stmt = select(Resolution.id).where(*(Resolution.text_norm.contains(w, autoescape=True) for w in words))
    return {rid for (rid,) in store.execute(stmt)}


def not_in_models(table_name: str) -> bool:
    """Whether a table is the FTS5 index or one of its shadow tables: made by migration
    0003, outside the ORM models, so model/migration comparisons leave it out."""
    return table_name == "resolutions_fts" or table_name.startswith("resolutions_fts_")
