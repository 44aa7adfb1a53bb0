"""Knowledge-base aliases found in text with an Aho-Corasick automaton (pyahocorasick).

Matching runs on the normalised text. A hit counts only on word boundaries,
where the part of the word before it is a proclitic (و ف ب ل ك ال and their
combinations): "لقوات سوريا الديمقراطية" finds "قوات سوريا الديمقراطية".
Aliases that begin with the article also match after ل, which swallows the
article's alef (للتحالف = ل + التحالف). Overlapping hits: the longest wins.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import ahocorasick

from marsad.entities.kb import KnowledgeBase
from marsad.entities.mentions import ARTICLE_PROCLITICS, LAM_ARTICLE, prefixes

_MIN_ARABIC_KEY = 2
_MIN_LATIN_KEY = 3
_MAX_PREFIX = 3


@dataclass(slots=True, frozen=True)
class Hit:
    """An alias found at normalised ``[ns, ne)``; ``key`` indexes ``kb.aliases``."""

    ns: int
    ne: int
    key: str


def _accept_key(key: str) -> bool:
    if key.isascii():
        return len(key) >= _MIN_LATIN_KEY
    return len(key) >= _MIN_ARABIC_KEY


class AliasMatcher:
    """All KB aliases in one automaton, built once per knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.automaton = ahocorasick.Automaton()
        variants: dict[str, list[tuple[str, bool]]] = {}
        for key in kb.aliases:
            if not _accept_key(key):
                continue
            for surface in _dash_spellings(key):
                variants.setdefault(surface, []).append((key, False))
            if key.startswith("ال") and len(key) > 4:
                # the form after ل: للتحالف has no alef of its own
                variants.setdefault(key[1:], []).append((key, True))
        for surface, targets in variants.items():
            self.automaton.add_word(surface, (len(surface), tuple(targets)))
        self.automaton.make_automaton()

    def hits(self, text: str) -> list[Hit]:
        """Non-overlapping alias hits, longest first, then leftmost."""
        found = list(self._boundary_hits(text))
        found.sort(key=lambda h: (-(h.ne - h.ns), h.ns))
        taken: list[Hit] = []
        occupied = bytearray(len(text) + 1)
        for hit in found:
            if any(occupied[hit.ns : hit.ne]):
                continue
            occupied[hit.ns : hit.ne] = b"\x01" * (hit.ne - hit.ns)
            taken.append(hit)
        taken.sort(key=lambda h: h.ns)
        return taken

    def _boundary_hits(self, text: str) -> Iterator[Hit]:
        n = len(text)
        for end, (length, targets) in self.automaton.iter(text):
            ne = end + 1
            if ne < n and text[ne].isalnum():
                continue
            ns = ne - length
            prefix = _prefix_before(text, ns)
            if prefix is None:
                continue
            for key, after_lam in targets:
                if _prefix_allowed(prefix, key, after_lam):
                    # after ل the hit starts at the ل's article-less stem
                    yield Hit(ns, ne, key)
                    break


def _dash_spellings(key: str) -> list[str]:
    """News writes "المشتركة- عملية", "المشتركة -عملية", "المشتركة - عملية":
    an alias with a dash is indexed in every spacing."""
    if "-" not in key:
        return [key]
    return [key.replace("-", dash) for dash in ("-", " - ", "- ", " -")]


def _prefix_before(text: str, ns: int) -> str | None:
    """The rest of the word before ``ns`` (empty at a word start), or None when
    it is too long to be a proclitic."""
    start = ns
    while start > 0 and text[start - 1].isalnum():
        start -= 1
        if ns - start > _MAX_PREFIX:
            return None
    return text[start:ns]


def _prefix_allowed(prefix: str, key: str, after_lam: bool) -> bool:
    if after_lam:
        return prefix in {p[:-1] for p in LAM_ARTICLE}  # the ل (or ول, فل) before the stem
    if not prefix:
        return True
    if key.startswith("ال"):
        return prefix in ARTICLE_PROCLITICS
    return prefix in prefixes()
