"""The date lexicons in ``marsad/data``: month names (``months.tsv``, shared with
the dateline cleaner), and ``data/dates/`` for Hijri months, weekdays, number
words and the temporal words of ``words.tsv``.

Every key is normalised (:func:`marsad.text.normalize.normalize_string`) with
single spaces, the form the patterns match, so lookups take the matched text
through :func:`key`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from marsad.resources import read_lines, read_tsv
from marsad.text.normalize import normalize_string


def key(text: str) -> str:
    """The lexicon key of a word or matched phrase: normalised, single spaces."""
    return " ".join(normalize_string(text).split())


def _numbered(name: str) -> dict[str, int]:
    """``number <TAB> name [...]`` rows -> {normalised name: number}."""
    numbers: dict[str, int] = {}
    for number, word, *_rest in read_tsv(name):
        if numbers.setdefault(key(word), int(number)) != int(number):
            raise ValueError(f"{name}: {word!r} has two numbers")
    return numbers


@cache
def month_numbers() -> dict[str, int]:
    """Gregorian month name (Egyptian/Gulf, Levantine and Maghrebi sets) ->
    month number."""
    return _numbered("months.tsv")


@cache
def hijri_month_numbers() -> dict[str, int]:
    return _numbered("dates/hijri_months.tsv")


@cache
def weekday_numbers() -> dict[str, int]:
    """Weekday name without the article -> ISO weekday (Monday = 1)."""
    return _numbered("dates/weekdays.tsv")


@cache
def future_re() -> re.Pattern[str]:
    """A word that puts its sentence in the future (data/dates/future_markers.txt)."""
    markers = sorted((key(line) for line in read_lines("dates/future_markers.txt")), key=len)
    return re.compile(r"(?<!\w)[وف]?(?:" + "|".join(map(re.escape, reversed(markers))) + r")(?!\w)")


@cache
def as_noun_re() -> re.Pattern[str]:
    """الأمس and الغد as "the past" and "the future" (words.tsv as_noun), with
    nothing but clitics before them: whether a preposition governs them is
    the caller's question."""
    return re.compile("(?:" + "|".join(map(re.escape, words()["as_noun"])) + r")(?!\w)")


@cache
def ambiguous_months() -> frozenset[str]:
    return frozenset(key(line) for line in read_lines("dates/ambiguous_months.txt"))


@cache
def number_words() -> dict[str, dict[str, int]]:
    """kind (``cardinal``, ``ordinal``) -> {word: value}."""
    table: dict[str, dict[str, int]] = defaultdict(dict)
    for kind, word, value in read_tsv("dates/numbers.tsv"):
        table[kind][key(word)] = int(value)
    return dict(table)


@cache
def words() -> dict[str, dict[str, str]]:
    """category of ``words.tsv`` -> {word: value} (value "" when there is none)."""
    table: dict[str, dict[str, str]] = defaultdict(dict)
    for category, word, *value in read_tsv("dates/words.tsv"):
        table[category][key(word)] = value[0] if value else ""
    return dict(table)


def word_pattern(word: str) -> str:
    """Regex for one normalised lexicon word or phrase: any run of spaces
    between words, and a leading article that may have merged with the
    preposition ل (ل + العام is written للعام)."""
    parts = [re.escape(part) for part in word.split()]
    if parts[0].startswith("ال") and len(parts[0]) > 3:
        parts[0] = "(?:ال|(?<=ل)ل)" + parts[0][2:]
    return r"\s+".join(parts)


def alternation(names: Iterable[str]) -> str:
    """Non-capturing alternation of lexicon words, longest first, so that
    "أمس الأول" wins over "أمس" and "مايو" is not read as "ماي" + "و"."""
    ordered = sorted(set(names), key=len, reverse=True)
    return "(?:" + "|".join(word_pattern(name) for name in ordered) + ")"
