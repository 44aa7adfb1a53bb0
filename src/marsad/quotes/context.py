"""What every part of the quotes stage looks at: the normalised text, its words,
sentences and entity mentions, all in normalised offsets.

The stage works on ``doc.normalized.text`` (every double-quote variant is ``"``
there, hamza and diacritics are folded) and maps its results back to the
original text once, when the quotes are added to the Doc.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from marsad.doc import Doc
from marsad.entities.mentions import Words
from marsad.quotes.lexicon import Lexicon, Phrases, lexicon

Range = tuple[int, int]
COMMAS = ",،"


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity mention of the ``entities`` layer, in normalised offsets."""

    ns: int
    ne: int
    label: str
    data: dict[str, Any]


@dataclass(slots=True)
class Context:
    text: str
    words: Words
    sentences: list[Range]
    entities: list[EntityRef]
    lex: Lexicon
    _entity_starts: list[int] = field(default_factory=list)
    _sentence_starts: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Doc) -> Context:
        norm = doc.normalized
        sentences = [
            (norm.to_normalized(s.start), norm.to_normalized(s.end)) for s in doc.sentences
        ]
        entities = sorted(
            (
                EntityRef(
                    norm.to_normalized(e.start), norm.to_normalized(e.end), e.label, e.data or {}
                )
                for e in doc.spans("entities")
            ),
            key=lambda e: e.ns,
        )
        ctx = cls(norm.text, Words.of(norm.text), sorted(sentences), entities, lexicon())
        ctx._entity_starts = [e.ns for e in entities]
        ctx._sentence_starts = [s for s, _ in ctx.sentences]
        return ctx

    # words ---------------------------------------------------------------------
    def word(self, i: int) -> str:
        return self.words.word(i)

    def gap(self, a: int, b: int) -> str:
        """The characters between word ``a`` and word ``b`` (a < b)."""
        return self.text[self.words.ends[a] : self.words.starts[b]]

    def comma_before(self, i: int) -> bool:
        return i > 0 and any(c in COMMAS for c in self.gap(i - 1, i))

    def first_word(self, pos: int) -> int:
        return self.words.first_from(pos)

    def words_in(self, start: int, end: int) -> range:
        return range(self.words.first_from(start), bisect_left(self.words.starts, end))

    def matches(self, i: int, phrases: Phrases) -> tuple[int, str | None]:
        """(length in words, kind) of the longest phrase of ``phrases`` starting
        at word ``i``, or (0, None). The first word may carry a proclitic or
        the article: "لمصادر" and "الناشطين" match "مصادر" and "ناشطين"."""
        for first in self.lex.forms(self.word(i)):
            for phrase in phrases.by_first.get(first, ()):
                n = len(phrase)
                if i + n <= len(self.words) and all(
                    self.word(i + k) == phrase[k] for k in range(1, n)
                ):
                    return n, phrases.kinds[phrase]
        return 0, None

    def given_name_at(self, i: int) -> int:
        """Length in words of the given name written at word ``i`` (the word
        itself, without the article: "مهند", "عبد الكريم"), or 0. "عبد" and a
        definite word is a compound given name ("عبد القادر", "عبد الإله")."""
        word = self.word(i)
        if word == "عبد" and i + 1 < len(self.words) and self.word(i + 1).startswith("ال"):
            return 2
        for phrase in self.lex.given_names.by_first.get(self.word(i), ()):
            n = len(phrase)
            if i + n <= len(self.words) and all(self.word(i + k) == phrase[k] for k in range(1, n)):
                return n
        return 0

    # sentences -----------------------------------------------------------------
    def sentence_of(self, pos: int) -> Range | None:
        k = bisect_right(self._sentence_starts, pos) - 1
        if k >= 0 and pos < self.sentences[k][1]:
            return self.sentences[k]
        return None

    # entities ------------------------------------------------------------------
    def entity_in_word(self, i: int) -> EntityRef | None:
        """The entity mention that starts inside word ``i`` (after a proclitic
        such as ل in لقوات), if any."""
        start, end = self.words.starts[i], self.words.ends[i]
        k = bisect_left(self._entity_starts, start)
        if k < len(self.entities) and self.entities[k].ns < end:
            return self.entities[k]
        return None

    def entities_between(self, start: int, end: int) -> list[EntityRef]:
        lo = bisect_left(self._entity_starts, start)
        hi = bisect_left(self._entity_starts, end)
        return [e for e in self.entities[lo:hi] if e.ne <= end]

    def entity_ending_in_word(self, i: int) -> EntityRef | None:
        start, end = self.words.starts[i], self.words.ends[i]
        hi = bisect_left(self._entity_starts, end)
        for e in reversed(self.entities[max(0, hi - 4) : hi]):
            if start < e.ne <= end + 1:
                return e
        return None
