"""Mentions found in the normalised text, and the word geometry they share.

All recognisers work on ``doc.normalized.text`` (folded, diacritics removed) and
produce :class:`Mention` objects with normalised offsets; the stage maps them to
the original text once, at the end.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from marsad.resources import read_lines, read_tsv
from marsad.text.normalize import NormalizedText, normalize_string

WORD_RE = re.compile(r"\w+")
# tanween: fathatan, dammatan, kasratan
_TANWEEN_RE = re.compile(r"[\u064B-\u064D]")
#: a word written with hamza on its first alef before ل: not the article
_HAMZA_AL_RE = re.compile(r"(?<!\w)[\u0623\u0625\u0622]\u0644")


@cache
def _unfolded_function_words_re() -> re.Pattern[str]:
    words = "|".join(map(re.escape, read_lines("entities/unfolded_function_words.txt")))
    return re.compile(rf"(?<!\w)[وف]?(?:{words})(?!\w)")


@dataclass(slots=True)
class Mention:
    """A candidate entity mention: normalised span, type, and (when linked) its KB id."""

    ns: int
    ne: int
    type: str
    source: str  # kb, nisba, title, quoted, given_name, org_head, place_cue, short_form, anaphor
    entry_id: str | None = None
    name: str = ""  # canonical name (KB) or the normalised surface form
    role: dict[str, Any] | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def length(self) -> int:
        return self.ne - self.ns


@dataclass(slots=True)
class Words:
    """The word tokens of a normalised text (``\\w+`` runs) with fast lookup."""

    text: str
    starts: list[int]
    ends: list[int]
    _all_readings: list[list[tuple[str, str]]] | None = None
    #: words that cannot be part of a name, whatever they read as (see mark_not_names)
    not_names: frozenset[int] = frozenset()
    #: words the original starts with أل، إل or آل: never the article (ألكسندر، إلهام)
    hamza_al: frozenset[int] = frozenset()
    #: whether the original writes alef maqsura (ى) at all: a text that writes
    #: على as علي cannot tell the preposition from the name
    spells_maqsura: bool = False

    @classmethod
    def of(cls, text: str) -> Words:
        starts, ends = [], []
        for match in WORD_RE.finditer(text):
            starts.append(match.start())
            ends.append(match.end())
        return cls(text, starts, ends)

    def readings(self, i: int) -> list[tuple[str, str]]:
        """(proclitic, stem) readings of word ``i``, the bare word first."""
        return clitic_readings(self.text[self.starts[i] : self.ends[i]])

    def tagged(self, lexicons: dict[str, frozenset[str]]) -> dict[str, dict[int, tuple[str, str]]]:
        """One pass over the words: for each lexicon, the words one of whose
        readings is in it, with that reading. Recognisers then visit only
        their candidate words instead of every word."""
        index = _combined_index(tuple(sorted(lexicons.items())))
        found: dict[str, dict[int, tuple[str, str]]] = {name: {} for name in lexicons}
        get = index.get
        for i, readings in enumerate(self.all_readings()):
            for reading in readings:
                names = get(reading[1])
                if names:
                    for name in names:
                        found[name].setdefault(i, reading)
        return found

    def all_readings(self) -> list[list[tuple[str, str]]]:
        """The readings of every word, computed once per text."""
        if self._all_readings is None:
            text = self.text
            self._all_readings = [
                clitic_readings(text[s:e]) for s, e in zip(self.starts, self.ends, strict=True)
            ]
        return self._all_readings

    def strip(self, i: int, known: frozenset[str] | set[str] | dict) -> tuple[str, str] | None:
        """The first reading of word ``i`` whose stem is in ``known``."""
        for reading in clitic_readings(self.text[self.starts[i] : self.ends[i]]):
            if reading[1] in known:
                return reading
        return None

    def __len__(self) -> int:
        return len(self.starts)

    def word(self, i: int) -> str:
        return self.text[self.starts[i] : self.ends[i]]

    def index_at(self, pos: int) -> int | None:
        """Index of the word containing ``pos``."""
        i = bisect_right(self.starts, pos) - 1
        return i if i >= 0 and pos < self.ends[i] else None

    def first_from(self, pos: int) -> int:
        """Index of the first word starting at or after ``pos``."""
        return bisect_left(self.starts, pos)

    def mark_not_names(self, norm: NormalizedText) -> None:
        """Words the original writes with tanween (موقعاً، اعتداءً، مدينةٌ): an
        indefinite noun or adjective, never a name; and function words that
        fold onto names (على → علي). Normalisation hides both, so they are
        read from the original."""
        found = set()
        original = norm.original
        self.spells_maqsura = "\u0649" in original
        for match in _unfolded_function_words_re().finditer(original):
            i = self.index_at(norm.to_normalized(match.start()))
            if i is not None:
                found.add(i)
        for match in _TANWEEN_RE.finditer(original):
            letter = match.start() - 1  # the letter the mark sits on, before other marks
            while letter > 0 and "\u064b" <= original[letter] <= "\u065f":
                letter -= 1
            i = self.index_at(norm.to_normalized(letter))
            if i is not None:
                found.add(i)
        self.not_names = frozenset(found)
        hamza = set()
        for match in _HAMZA_AL_RE.finditer(original):
            i = self.index_at(norm.to_normalized(match.start()))
            if i is not None:
                hamza.add(i)
        self.hamza_al = frozenset(hamza)

    def between(self, a: int, b: int) -> str:
        """The text between the end of word ``a`` and the start of word ``b``."""
        return self.text[self.ends[a] : self.starts[b]]


@cache
def prefixes() -> frozenset[str]:
    return frozenset(row[1] for row in read_tsv("clitics.tsv") if row[0] == "prefix")


@cache
def _max_prefix() -> int:
    return max(map(len, prefixes()))


@lru_cache(maxsize=200_000)
def clitic_readings(word: str) -> list[tuple[str, str]]:
    """Every (proclitic, stem) reading of ``word``: the bare word, then each
    proclitic it may start with (longest first). ``لل`` also gives the stem
    with its article restored: للقوات → (لل, القوات)."""
    # Cached across documents: news vocabulary repeats, and this runs for
    # every word of every article.
    readings = [("", word)]
    known = prefixes()
    for length in range(min(_max_prefix(), len(word) - 2), 0, -1):
        prefix = word[:length]
        if prefix in known:
            stem = word[length:]
            if prefix in LAM_ARTICLE:
                readings.append((prefix, "ال" + stem))
            readings.append((prefix, stem))
    return readings


#: proclitics that may stand before a word that already has the article ال
ARTICLE_PROCLITICS = frozenset({"و", "ف", "ب", "ك", "وب", "فب", "وك"})
#: ل + ال is written لل: the alef of the article drops
LAM_ARTICLE = frozenset({"لل", "ولل", "فلل"})
#: link words after which a name goes on with a parent's name (محمد بن سلمان)
PATRONYMIC_LINKS = frozenset({"بن", "ابن", "بنت", "ولد"})


def strip_proclitic(word: str, known: frozenset[str] | set[str]) -> tuple[str, str] | None:
    """(prefix, stem) of ``word`` such that the stem is in ``known`` (the word
    itself first; ``لل`` restores the article: للقوات → ل + القوات)."""
    for reading in clitic_readings(word):
        if reading[1] in known:
            return reading
    return None


@lru_cache(maxsize=8)
def _combined_index(
    lexicons: tuple[tuple[str, frozenset[str]], ...],
) -> dict[str, tuple[str, ...]]:
    index: dict[str, tuple[str, ...]] = {}
    for name, words in lexicons:
        for word in words:
            index[word] = (*index.get(word, ()), name)
    return index


def norm_lines(name: str) -> list[str]:
    return [normalize_string(line) for line in read_lines(name)]


@cache
def stopwords() -> frozenset[str]:
    return frozenset(norm_lines("entities/stopwords.txt"))
