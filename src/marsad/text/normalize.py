"""Arabic normalised view of a text, with an offset map back to the original.

Matching (lexicons, gazetteers, patterns) runs on the normalised string; every
result is mapped back so that annotations always point into the original text,
which is never altered.

Most folds are one character for one character, which `str.translate` does at C
speed. Only deletions (diacritics, tatweel, invisible controls) and expansions
(presentation-form ligatures such as lam-alef) change lengths; those positions
are found with one regex scan and the offset map is built from the runs between
them.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

# Harakat, Quranic annotation marks and superscript alef: they decorate letters.
_DIACRITICS = (
    "".join(chr(c) for c in range(0x064B, 0x0660))
    + "\u0670"
    + "".join(chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06E5, 0x06E6))
)
_TATWEEL = "\u0640"
# Zero-width and bidirectional controls: invisible, and they break matching.
_INVISIBLE = (
    "\u200b\u200c\u200d\u200e\u200f\u061c\ufeff\u00ad"
    + "".join(chr(c) for c in range(0x202A, 0x202F))
    + "".join(chr(c) for c in range(0x2066, 0x206A))
)
#: characters that belong to the preceding letter: a span ending on the letter
#: extends over them in the original.
ATTACHED_MARKS = frozenset(_DIACRITICS + _TATWEEL)

_ONE_TO_ONE = {
    # alef and hamza carriers
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ؤ": "و",
    "ئ": "ي",
    # yaa and alef maqsura, Persian/Urdu letter forms
    "ى": "ي",
    "ی": "ي",
    "ې": "ي",
    "ۍ": "ي",
    "ک": "ك",
    "ڪ": "ك",
    "ە": "ه",
    "ۀ": "ه",
    # taa marbuta
    "ة": "ه",
    # quotation marks: every double-quote variant becomes ASCII "
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "‟": '"',
    "″": '"',
    "〝": '"',
    "〞": '"',
    "＂": '"',
    "‹": '"',
    "›": '"',
    "‘": "'",
    "’": "'",
    "‚": "'",
    "‛": "'",
    "′": "'",
    # spaces
    "\u00a0": " ",
    "\u2007": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u3000": " ",
    # dashes
    "–": "-",
    "—": "-",
    "‐": "-",
    "‑": "-",
    "−": "-",
}
for _i in range(10):
    _ONE_TO_ONE[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _ONE_TO_ONE[chr(0x06F0 + _i)] = str(_i)  # Persian digits
for _c in range(ord("A"), ord("Z") + 1):
    _ONE_TO_ONE[chr(_c)] = chr(_c + 32)


def _fold_char(ch: str) -> str:
    return _ONE_TO_ONE.get(ch, ch)


def _presentation_forms() -> dict[str, str]:
    """Arabic presentation forms (FB50-FDFF, FE70-FEFF) decomposed and folded."""
    forms: dict[str, str] = {}
    for cp in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFD)]:
        ch = chr(cp)
        if unicodedata.category(ch) == "Cn":
            continue
        decomposed = unicodedata.normalize("NFKC", ch)
        if decomposed != ch:
            folded = "".join(_fold_char(c) for c in decomposed if c not in ATTACHED_MARKS)
            forms[ch] = folded
    return forms


class _Folder:
    """One-for-one folds. ``str.translate`` with a dict looks up every
    character; a regex that stops only at characters to fold is several times
    faster on Arabic text, where most characters stay as they are."""

    def __init__(self, table: dict[str, str]) -> None:
        self._table = {ord(k): v for k, v in table.items()}
        self._pattern = re.compile("[" + re.escape("".join(table)) + "]+")

    def fold(self, text: str) -> str:
        return self._pattern.sub(self._replace, text)

    def _replace(self, match: re.Match[str]) -> str:
        return match.group().translate(self._table)


@cache
def _tables() -> tuple[_Folder, re.Pattern[str], dict[str, str]]:
    table = dict(_ONE_TO_ONE)
    irregular: dict[str, str] = {ch: "" for ch in _DIACRITICS + _TATWEEL + _INVISIBLE}
    for ch, folded in _presentation_forms().items():
        if len(folded) == 1:
            table[ch] = folded
        else:
            irregular[ch] = folded
    pattern = re.compile("[" + re.escape("".join(irregular)) + "]")
    return _Folder(table), pattern, irregular


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """The normalised string and its offset map back to the original.

    The map is a list of runs: run ``i`` starts at normalised index
    ``_norm_starts[i]`` and original index ``_orig_starts[i]``; inside a run
    characters correspond one to one, except in a run marked ``expanded`` (a
    ligature that became several characters), which all map to its one
    original character. No runs means the identity map."""

    original: str
    text: str
    _norm_starts: list[int] = field(default_factory=list, repr=False)
    _orig_starts: list[int] = field(default_factory=list, repr=False)
    _expanded: list[bool] = field(default_factory=list, repr=False)

    def orig_index(self, i: int) -> int:
        """Original index of normalised character ``i`` (``len(text)`` maps to
        ``len(original)``)."""
        if not self._norm_starts:
            return i
        if i >= len(self.text):
            return len(self.original)
        run = bisect_right(self._norm_starts, i) - 1
        if self._expanded[run]:
            return self._orig_starts[run]
        return self._orig_starts[run] + (i - self._norm_starts[run])

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised ``[start, end)`` span to the original text. The end
        extends over diacritics and tatweel that decorate the last letter."""
        if not self._norm_starts:
            return start, end
        if end <= start:
            pos = self.orig_index(start)
            return pos, pos
        orig_start = self.orig_index(start)
        orig_end = self.orig_index(end - 1) + 1
        original = self.original
        while orig_end < len(original) and original[orig_end] in ATTACHED_MARKS:
            orig_end += 1
        return orig_start, orig_end

    def to_normalized(self, orig_pos: int) -> int:
        """Index in the normalised text of the first character that comes from
        ``orig_pos`` or later."""
        if not self._norm_starts:
            return orig_pos
        run = bisect_right(self._orig_starts, orig_pos) - 1
        if run < 0:
            return 0
        norm_start, orig_start = self._norm_starts[run], self._orig_starts[run]
        next_norm = (
            self._norm_starts[run + 1] if run + 1 < len(self._norm_starts) else len(self.text)
        )
        if self._expanded[run]:
            return norm_start if orig_pos == orig_start else next_norm
        return min(norm_start + (orig_pos - orig_start), next_norm)


def normalize(text: str) -> NormalizedText:
    """Fold ``text`` for matching: diacritics, tatweel and invisible controls
    removed; alef, hamza carriers, yaa and taa marbuta folded; Arabic-Indic and
    Persian digits to ASCII; quotation marks, spaces and dashes unified; Latin
    lower-cased; presentation forms decomposed."""
    folder, irregular_re, irregular = _tables()
    if not irregular_re.search(text):
        return NormalizedText(text, folder.fold(text))
    parts: list[str] = []
    norm_starts: list[int] = []
    orig_starts: list[int] = []
    expanded: list[bool] = []
    norm_pos = pos = 0

    def run(piece: str, orig_start: int, is_expansion: bool) -> None:
        nonlocal norm_pos
        if piece:
            parts.append(piece)
            norm_starts.append(norm_pos)
            orig_starts.append(orig_start)
            expanded.append(is_expansion)
            norm_pos += len(piece)

    for match in irregular_re.finditer(text):
        run(folder.fold(text[pos : match.start()]), pos, False)
        replacement = irregular[match.group()]
        run(replacement, match.start(), len(replacement) > 1)
        pos = match.end()
    run(folder.fold(text[pos:]), pos, False)
    if not norm_starts:  # the text was nothing but removed characters
        return NormalizedText(text, "", [0], [len(text)], [False])
    return NormalizedText(text, "".join(parts), norm_starts, orig_starts, expanded)


def normalize_string(text: str) -> str:
    """The normalised form alone, for building lexicon keys."""
    return normalize(text).text
