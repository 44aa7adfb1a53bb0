"""Direct quotations: pairs of quotation marks, and which pairs quote a statement.

In the normalised text every double-quote variant (« » “ ” „ ″) is ``"`` and
every typographic single quote is ``'``, so a pair is two marks of one family.
Arabic news reverses and mixes marks (”…“, “…»), so whether a mark opens or
closes is decided from its surroundings, as the sentence splitter does, not
from its glyph. Marks that enclose a name or a term (“كالفيرت”، عملية «نبع
السلام») are kept as ``term`` pairs: they are not quotations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.quotes.context import Context, Range
from marsad.text.segment import LINE_BREAKS

FAMILIES = "\"'"
# What stands before an opening mark / after a closing one.
_OPEN_CONTEXT = frozenset(" \t\u00a0([{:،,-/" + LINE_BREAKS)
_CLOSE_CONTEXT = frozenset(" \t\u00a0)]}.,،؛;:؟?!…-/" + LINE_BREAKS)
_LINE_RE = re.compile(f"[^{LINE_BREAKS}]+")
_CONNECTORS = frozenset({"و"})
#: a word of one letter before a mark is a proclitic attached to the quoted
#: word (و”عبدي”، بـ«الحوار»، لـ«عنب بلدي»): the mark opens
_PROCLITICS = frozenset("وفبلك")
#: a quoted name after a name head is short; a longer text there is a statement
#: ("أن التنظيم «هزم عسكرياً، ولم يعد …»")
MAX_NAME_WORDS = 4


@dataclass(frozen=True, slots=True)
class MarkPair:
    """A quotation: ``open`` and ``close`` are the marks' positions; ``close``
    is the end of the line for a quotation whose closing mark is missing."""

    open: int
    close: int
    closed: bool = True

    @property
    def content(self) -> Range:
        return self.open + 1, self.close

    @property
    def outer(self) -> Range:
        return self.open, self.close + 1 if self.closed else self.close


def _neighbour(text: str, pos: int, step: int, lo: int, hi: int) -> str | None:
    """The first character from ``pos`` in direction ``step`` that is not a
    quotation mark (an adjacent mark of another quotation says nothing)."""
    pos += step
    while lo <= pos < hi and text[pos] in FAMILIES:
        pos += step
    return text[pos] if lo <= pos < hi else None


def _opens(text: str, pos: int, lo: int, hi: int, depth: int) -> bool:
    before = _neighbour(text, pos, -1, lo, hi)
    after = _neighbour(text, pos, 1, lo, hi)
    space_before = before is None or before in _OPEN_CONTEXT
    space_after = after is None or after in _CLOSE_CONTEXT
    if space_before != space_after:
        return space_before
    # Letters on both sides (وقال”مايلز”، و”عبدي”): a one-letter proclitic
    # before the mark, or no quotation open yet, means it opens.
    proclitic = pos >= 2 and text[pos - 1] in _PROCLITICS and not text[pos - 2].isalnum()
    return depth == 0 or proclitic


def _line_pairs(text: str, lo: int, hi: int) -> list[MarkPair]:
    pairs: list[MarkPair] = []
    for family in FAMILIES:
        stack: list[int] = []
        for pos in range(lo, hi):
            if text[pos] != family:
                continue
            if _opens(text, pos, lo, hi, len(stack)):
                stack.append(pos)
            elif stack:
                pairs.append(MarkPair(stack.pop(), pos))
        if stack:  # unbalanced: the outermost open quotation runs to the end of the line
            end = hi
            while end > stack[0] and text[end - 1] in " .،,؛;":
                end -= 1
            pairs.append(MarkPair(stack[0], end, closed=False))
    return sorted(pairs, key=lambda p: p.open)


def find_pairs(ctx: Context, body: list[Range]) -> list[MarkPair]:
    """Every pair of quotation marks in the body, line by line (a quotation
    never crosses a line break: see the sentence splitter)."""
    pairs: list[MarkPair] = []
    for start, end in body:
        for line in _LINE_RE.finditer(ctx.text, start, end):
            pairs.extend(_line_pairs(ctx.text, line.start(), line.end()))
    return pairs


# statements or names --------------------------------------------------------


def _after_colon(text: str, pos: int) -> bool:
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos > 0 and text[pos - 1] == ":"


def _word_before(ctx: Context, pos: int) -> int | None:
    i = ctx.first_word(pos) - 1
    return i if i >= 0 else None


def _covered_by_entities(
    ctx: Context, words: range, start: int, end: int, *, colon: bool = False
) -> bool:
    """Whether entity mentions cover every word of the quotation. After a colon
    (قائلاً: «…») a mention guessed from the marks alone (a short quotation
    right after a verb, source ``quoted``) does not count: the colon announces
    a statement, not a name."""
    entities = [
        e
        for e in ctx.entities
        if e.ns < end and e.ne > start and not (colon and e.data.get("source") == "quoted")
    ]
    if not entities:
        return False
    for i in words:
        ws, we = ctx.words.starts[i], ctx.words.ends[i]
        if ctx.word(i) in _CONNECTORS:
            continue
        if not any(e.ns < we and e.ne > ws for e in entities):
            return False
    return True


def _is_name(ctx: Context, pair: MarkPair, words: range, colon: bool) -> bool:
    """Marks around a name: one the entity stage found, an outlet, or a short
    phrase after a name head (عملية «…»، صحيفة «…»، لـ«…»، شعار «…»)."""
    start, end = pair.content
    if _covered_by_entities(ctx, words, start, end, colon=colon):
        return True
    if " ".join(ctx.word(i) for i in words) in ctx.lex.outlets:
        return True
    before = _word_before(ctx, pair.open)
    if before is None or colon or len(words) > MAX_NAME_WORDS:
        return False
    if any(form in ctx.lex.name_heads for form in ctx.lex.forms(ctx.word(before))):
        return True
    if len(ctx.word(before)) == 1 and before > 0:
        before -= 1  # "المعروفة بـ«…»": the preposition written apart
        if any(form in ctx.lex.name_heads for form in ctx.lex.forms(ctx.word(before))):
            return True
    # a head of two words: "المعروفة إعلامياً بـ«…»"
    return before > 0 and f"{ctx.word(before - 1)} {ctx.word(before)}" in ctx.lex.name_heads


def is_statement(ctx: Context, pair: MarkPair, *, attributed: bool, in_clause: bool) -> bool:
    """Whether the marks quote a statement rather than enclose a name or term.

    Names are never statements. One word is a statement only after a colon or
    inside a reported clause (the speaker's own word: أن نقص الأدوية بات
    «كارثياً»); two words only in a sentence that reports speech
    (``attributed``); three or more always."""
    words = ctx.words_in(*pair.content)
    if not words:
        return False
    colon = _after_colon(ctx.text, pair.open)
    if _is_name(ctx, pair, words, colon):
        return False
    if len(words) == 1:
        return colon or in_clause
    return len(words) >= 3 or attributed or in_clause or colon
