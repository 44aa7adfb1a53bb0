"""Sentence splitting and clitic-aware tokenisation for Arabic news.

Both work on the original text and return ``[start, end)`` spans into it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from marsad.resources import read_lines, read_tsv
from marsad.text.normalize import normalize_string

Range = tuple[int, int]

_QUOTE_MARKS = '«»“”„‟"‹›″'
_TERMINALS = ".؟?!؛;…"
_PUNCT_RE = re.compile(r"[.؟?!؛;…]+|[" + re.escape(_QUOTE_MARKS) + "]")
#: line breaks: text handed to `marsad analyze` keeps its own line endings
#: (bare \r from old Mac tools, Unicode line and paragraph separators)
LINE_BREAKS = "\n\r\u2028\u2029\x0b\x0c\x85"
_LINE_RE = re.compile(f"[^{LINE_BREAKS}]+")
# What may stand right after a sentence-final mark: space, end, a closing quote or bracket.
_AFTER_TERMINAL = frozenset(" \t\r\n\u00a0" + _QUOTE_MARKS + ")]}")
# What counts as "space" around a quote mark when guessing whether it opens or closes.
_OPEN_CONTEXT = frozenset(" \t\r\n\u00a0([{:،,—–-/")
_CLOSE_CONTEXT = frozenset(" \t\r\n\u00a0)]}.,،؛;:؟?!…—–-/")
_ARABIC_LETTER_RE = re.compile(r"^[\u0621-\u064A]$")
_MAX_ABBREVIATION = 12


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(normalize_string(a) for a in read_lines("abbreviations.txt"))


def _is_abbreviation(text: str, line_start: int, dot: int) -> bool:
    # Only the word right before the dot matters: look back a few characters
    # instead of scanning the line (which made long lines quadratic).
    window = text[max(line_start, dot - _MAX_ABBREVIATION) : dot]
    if not window or window[-1].isspace():
        return False
    word = window.split()[-1].lstrip('(«“"')
    if _ARABIC_LETTER_RE.match(word):
        return True
    return normalize_string(word) in _abbreviations()


def _ends_sentence(text: str, line_start: int, match: re.Match[str]) -> bool:
    end = match.end()
    if end < len(text) and text[end] not in _AFTER_TERMINAL:
        return False  # 3.5, example.com, U.S.A: no space after the mark
    marks = match.group()
    return not (marks == "." and _is_abbreviation(text, line_start, match.start()))


def _quote_opens(text: str, pos: int, line_start: int, line_end: int, depth: int) -> bool:
    """Guess from the surroundings whether the quote mark at ``pos`` opens a
    quotation. Arabic news reverses and mixes marks (”…“, “…»), so the glyph's
    own direction is not trusted."""
    before_space = pos == line_start or text[pos - 1] in _OPEN_CONTEXT
    after_space = pos + 1 >= line_end or text[pos + 1] in _CLOSE_CONTEXT
    if before_space and not after_space:
        return True
    if after_space and not before_space:
        return False
    return depth == 0


def _line_boundaries(text: str, start: int, end: int) -> Iterator[int]:
    """End offsets of sentences inside one line: terminal marks outside quotations.
    A quotation left open at the end of the line was never a quotation: the
    marks it hid count after all."""
    depth = 0
    pending: list[int] = []
    for match in _PUNCT_RE.finditer(text, start, end):
        mark = match.group()
        pos = match.start()
        if mark in _QUOTE_MARKS:
            if _quote_opens(text, pos, start, end, depth):
                depth += 1
            elif depth:
                depth -= 1
                if depth == 0:
                    pending.clear()
                    before = text[start:pos].rstrip()
                    after_ok = pos + 1 >= end or text[pos + 1].isspace()
                    if before and before[-1] in _TERMINALS and after_ok:
                        yield pos + 1
        elif _ends_sentence(text, start, match):
            if depth:
                pending.append(match.end())
            else:
                yield match.end()
    if depth:
        yield from pending


def _trimmed(text: str, start: int, end: int) -> Range | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end or not any(ch.isalnum() for ch in text[start:end]):
        return None
    return start, end


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Range]:
    """Sentence spans of ``text[start:end]``: split at . ؟ ! ؛ and line breaks,
    but not inside quotations, numbers or abbreviations such as "د." or "م."."""
    end = len(text) if end is None else end
    sentences: list[Range] = []
    for line in _LINE_RE.finditer(text, start, end):
        piece_start = line.start()
        for boundary in sorted(set(_line_boundaries(text, line.start(), line.end()))):
            span = _trimmed(text, piece_start, boundary)
            if span:
                sentences.append(span)
            piece_start = boundary
        span = _trimmed(text, piece_start, line.end())
        if span:
            sentences.append(span)
    return sentences


# --- tokens -----------------------------------------------------------------

_TOKEN_RE = re.compile(
    r"[\u0621-\u063A\u0641-\u064A\u066E-\u06D3\u06D5\u06FA-\u06FF\u064B-\u065F\u0670\u0640]+"
    r"|[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)?"
    r"|[0-9\u0660-\u0669\u06F0-\u06F9]+(?:[.,٫٬][0-9\u0660-\u0669\u06F0-\u06F9]+)*"
    r"|\S"
)
_MIN_STEM = 2


@cache
def _clitics() -> tuple[tuple[str, ...], tuple[str, ...]]:
    rows = list(read_tsv("clitics.tsv"))
    prefixes = sorted((r[1] for r in rows if r[0] == "prefix"), key=len, reverse=True)
    suffixes = sorted((r[1] for r in rows if r[0] == "suffix"), key=len, reverse=True)
    return tuple(prefixes), tuple(suffixes)


@dataclass(frozen=True, slots=True)
class Token:
    """A token: its span in the original text and its normalised form."""

    start: int
    end: int
    norm: str

    @property
    def is_arabic(self) -> bool:
        return bool(self.norm) and "\u0621" <= self.norm[0] <= "\u06ff"

    def splits(self) -> list[tuple[str, str, str]]:
        """Possible (proclitics, stem, enclitic) readings of the normalised form,
        the unsegmented reading first. Arabic orthography cannot tell "وزير"
        (minister) from "و+زير", so every reading is offered and later stages
        keep the one their lexicon knows."""
        return clitic_splits(self.norm) if self.is_arabic else [("", self.norm, "")]


def clitic_splits(word: str) -> list[tuple[str, str, str]]:
    """Readings of a normalised Arabic word as (prefix, stem, suffix)."""
    prefixes, suffixes = _clitics()
    readings = [("", word, "")]
    heads = [("", word)] + [(p, word[len(p) :]) for p in prefixes if word.startswith(p)]
    for prefix, rest in heads:
        if len(rest) < _MIN_STEM:
            continue
        if prefix:
            readings.append((prefix, rest, ""))
        for suffix in suffixes:
            if rest.endswith(suffix) and len(rest) - len(suffix) >= _MIN_STEM:
                readings.append((prefix, rest[: -len(suffix)], suffix))
    return readings


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with their spans; Arabic words keep their
    clitics attached (see :meth:`Token.splits` for the parts)."""
    end = len(text) if end is None else end
    return [
        Token(m.start(), m.end(), normalize_string(m.group()))
        for m in _TOKEN_RE.finditer(text, start, end)
    ]


def clitic_spans(text: str, token: Token, prefix: str, suffix: str) -> tuple[Range, Range, Range]:
    """Spans in the original text of the prefix, stem and suffix of one reading
    of ``token`` (diacritics in the original are skipped when counting)."""
    positions = [
        i
        for i in range(token.start, token.end)
        if normalize_string(text[i])  # characters that survive normalisation
    ]
    n_pre, n_suf = len(prefix), len(suffix)
    stem_start = positions[n_pre] if n_pre < len(positions) else token.end
    stem_end = positions[len(positions) - n_suf] if n_suf else token.end
    return (token.start, stem_start), (stem_start, stem_end), (stem_end, token.end)
