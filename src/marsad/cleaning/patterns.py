"""Cleaning patterns, loaded once from ``data/boilerplate.tsv`` and ``data/outlets.txt``.

The patterns are language data: the file says what a newsletter plug or a
byline looks like, the code only says where to look for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from marsad.resources import read_lines, read_tsv
from marsad.text.normalize import normalize_string

#: kinds of boilerplate line recognised by a pattern, in the order they are tried
BOILERPLATE_KINDS = ("newsletter", "comments", "share", "related", "copyright")
_HELPER_KINDS = ("byline", "not_name", "dateline_credit")
_MACRO_PREFIX = "macro:"
_MACRO_RE = re.compile(r"%(\w+)%")
# Escapes (\S, \W) and group names ((?P<outlet>) may be upper case; literals may not.
_SYNTAX_RE = re.compile(r"\\.|\(\?P<\w+>")
_UPPER_RE = re.compile(r"[A-Z]")
_REGEX_META = set("()[]{}.^$|?*+\\")


@dataclass(frozen=True, slots=True)
class BoilerplatePatterns:
    """Boilerplate regexes of every kind. ``anchored`` is tried with ``match``
    at the line start; ``floating_any`` is one flat alternation searched over the
    line (its branches all start with a literal, so the regex engine skips from
    candidate to candidate), and ``floating`` tells the kind once it has hit."""

    anchored: re.Pattern[str]
    floating_any: re.Pattern[str]
    floating: re.Pattern[str]

    def match_start(self, norm: str) -> re.Match[str] | None:
        """An anchored row matching at the start of one normalised line;
        ``lastgroup`` is the kind."""
        return self.anchored.match(norm)

    def search_anywhere(self, norm: str) -> re.Match[str] | None:
        """A floating row matching anywhere in one normalised line; ``lastgroup``
        is the kind."""
        return self.floating.search(norm) if self.floating_any.search(norm) else None


@dataclass(frozen=True, slots=True)
class CleaningPatterns:
    boilerplate: BoilerplatePatterns
    #: byline shapes, each with an optional ``outlet`` group (kept apart: one
    #: alternation cannot define the group twice; they are tried on one line only)
    bylines: tuple[re.Pattern[str], ...]
    #: words that cannot belong to an outlet or place name
    not_name: re.Pattern[str]
    #: regex source of reporter credits after a dateline dash (embedded in a larger regex)
    dateline_credit: str
    #: normalised keys of known outlets
    outlets: frozenset[str]


def normalize_pattern(source: str) -> str:
    """Normalise the literal Arabic in a regex the way the text is normalised.
    ASCII is left alone: it carries the regex syntax (``\\S`` must not become
    ``\\s``)."""
    return "".join(ch if ch.isascii() else normalize_string(ch) for ch in source)


def _check_lower_case(source: str, file_name: str) -> None:
    # The normalised text is lower-cased; an upper-case literal could never match.
    if _UPPER_RE.search(_SYNTAX_RE.sub("", source)):
        raise ValueError(f"{file_name}: write Latin in lower case: {source!r}")


def _starts_with_literal(source: str) -> bool:
    head = source[:2]
    if head.startswith("\\"):
        return len(head) == 2 and not head[1].isalnum()  # \( is a literal, \S is not
    return bool(head) and head[0] not in _REGEX_META


def _expand_macros(source: str, macros: dict[str, str]) -> str:
    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in macros:
            raise ValueError(f"unknown macro %{name}% in {source!r}")
        return f"(?:{macros[name]})"

    return _MACRO_RE.sub(substitute, source)


def _rows_by_kind(file_name: str) -> dict[str, list[str]]:
    """Regex sources of each kind, macros expanded and Arabic normalised."""
    macros: dict[str, str] = {}
    rows: dict[str, list[str]] = {kind: [] for kind in (*BOILERPLATE_KINDS, *_HELPER_KINDS)}
    for cells in read_tsv(file_name):
        if len(cells) != 2:
            raise ValueError(f"{file_name}: expected 'kind<TAB>regex', got {cells!r}")
        kind, source = cells
        _check_lower_case(source, file_name)
        source = _expand_macros(normalize_pattern(source), macros)
        if kind.startswith(_MACRO_PREFIX):
            macros[kind.removeprefix(_MACRO_PREFIX)] = source
        elif kind in rows:
            rows[kind].append(source)
        else:
            raise ValueError(f"{file_name}: unknown kind {kind!r}")
    return rows


def _alternation(sources: list[str]) -> str:
    return "|".join(f"(?:{source})" for source in sources) or "(?!)"


def _by_kind(sources: dict[str, list[str]]) -> re.Pattern[str]:
    return re.compile(
        "|".join(f"(?P<{kind}>{_alternation(rows)})" for kind, rows in sources.items())
    )


def _boilerplate_patterns(rows: dict[str, list[str]]) -> BoilerplatePatterns:
    anchored: dict[str, list[str]] = {kind: [] for kind in BOILERPLATE_KINDS}
    floating: dict[str, list[str]] = {kind: [] for kind in BOILERPLATE_KINDS}
    for kind in BOILERPLATE_KINDS:
        for source in rows[kind]:
            if source.startswith("^"):
                anchored[kind].append(source)
            elif _starts_with_literal(source):
                floating[kind].append(source)
            else:
                raise ValueError(
                    f"boilerplate.tsv: a floating {kind} row must start with a literal: {source!r}"
                )
    # Joined without wrapping groups so that every branch starts with its literal.
    flat = "|".join(source for sources in floating.values() for source in sources) or "(?!)"
    return BoilerplatePatterns(_by_kind(anchored), re.compile(flat), _by_kind(floating))


def _outlet_keys(file_name: str) -> frozenset[str]:
    return frozenset(" ".join(normalize_string(name).split()) for name in read_lines(file_name))


@cache
def cleaning_patterns() -> CleaningPatterns:
    rows = _rows_by_kind("boilerplate.tsv")
    return CleaningPatterns(
        boilerplate=_boilerplate_patterns(rows),
        bylines=tuple(re.compile(source) for source in rows["byline"]),
        not_name=re.compile(_alternation(rows["not_name"])),
        dateline_credit=_alternation(rows["dateline_credit"]),
        outlets=_outlet_keys("outlets.txt"),
    )
