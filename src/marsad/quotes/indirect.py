"""Reported speech: cues (reporting verbs, participles, attributions) and the
clauses they report.

A reporting verb is followed by its subject (or has it before, or has none and
continues the previous speaker) and then by a complementizer (إن، أن، بأن،
إلى أن، أنه …) or a colon; the reported clause runs from there to the end of
the sentence, unless a comma brings a new cue first (", مضيفاً أن", ", وفق
وسائل إعلام", ", على حد وصفه", ", فيما …"). Attributions (وفق، بحسب، نقلاً
عن) report the clause before them, or after them when they open the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.quotes.context import Context, Range
from marsad.quotes.lexicon import DESCRIBE, PARTICIPLE, STRICT, TRANSMIT
from marsad.quotes.speakers import (
    Speaker,
    issuer,
    past_addressee,
    skip_words,
    subject,
    subject_before,
)

#: words between a verb and its complementizer (a long title with its name)
MAX_GAP = 20
#: words a speaker may take before a headline colon
MAX_HEADLINE = 6
SOURCE, SELF = "source", "self"
ATTRIBUTION = "attribution"
_TRIM = " \t\n.,،؛;:-"


@dataclass(slots=True)
class Cue:
    """A reporting cue: ``span`` is the verb or phrase (normalised offsets);
    ``speaker`` is explicit, or None until the chain of speakers fills it;
    ``content`` is the reported clause, if the cue has one."""

    kind: str  # a verb kind of verbs.tsv, or "attribution"
    span: Range
    sentence: Range
    speaker: Speaker | None = None
    content: Range | None = None
    colon: bool = False
    attribution: str | None = None  # "source" | "self" for attributions
    region: frozenset[str] = frozenset()  # bare words around the subject, for anaphora

    @property
    def start(self) -> int:
        return self.span[0]


def inside(pos: int, ranges: list[Range]) -> bool:
    return any(s <= pos < e for s, e in ranges)


def trimmed(text: str, start: int, end: int) -> Range | None:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return (start, end) if start < end else None


def _sentence_words(ctx: Context, sentence: Range) -> tuple[int, int]:
    return ctx.first_word(sentence[0]), ctx.first_word(sentence[1])


# complements -----------------------------------------------------------------


def complement(ctx: Context, verb: int, limit: int, quoted: list[Range]) -> tuple[int, int, bool]:
    """(word index of the complementizer or of the word after the colon, start
    of the clause, colon?) after
    the verb at ``verb``, or (-1, -1, False). The search stops at another cue
    or at a quotation that opens without an introducer ("وقال «…»")."""
    for j in range(verb + 1, min(limit, verb + 1 + MAX_GAP)):
        gap = ctx.gap(j - 1, j)
        if ":" in gap:  # the subject runs up to the colon: "قالت المعلمة نور الهدى:"
            return j, ctx.words.ends[j - 1] + gap.index(":") + 1, True
        if inside(ctx.words.starts[j], quoted):
            return -1, -1, False
        word = ctx.word(j)
        if ctx.lex.is_complementizer(word):
            if j - 1 > verb and ctx.word(j - 1) in ctx.lex.blockers:
                return -1, -1, False
            return j, ctx.words.ends[j], False
        if ctx.lex.verb_kind(word) and ctx.lex.verb_kind(word) != DESCRIBE:
            return -1, -1, False
    return -1, -1, False


def breaks_clause(ctx: Context, k: int) -> bool:
    """Whether word ``k`` starts something that is not part of the reported
    clause before it: after a comma, a new cue or a clause such as فيما;
    with or without one, an attribution."""
    if ctx.matches(k, ctx.lex.attributions)[0]:
        return attribution_cue(ctx, k, []) is not None
    if not ctx.comma_before(k):
        return False
    kind = ctx.lex.verb_kind(ctx.word(k))
    return bool(kind and kind != DESCRIBE) or bool(ctx.matches(k, ctx.lex.clause_breaks)[0])


def clause_end(ctx: Context, start: int, end: int, quoted: list[Range]) -> int:
    """End of the reported clause that starts at ``start`` in a sentence
    ending at ``end``; breaks inside a quotation do not count."""
    for k in ctx.words_in(start, end):
        pos = ctx.words.starts[k]
        if pos > start and not inside(pos, quoted) and breaks_clause(ctx, k):
            return pos
    return end


# verbs -------------------------------------------------------------------------


def _transmitted(ctx: Context, verb: int, limit: int, position: int) -> Speaker | None:
    """نقلت الوكالة عن مصدر قوله: the speaker is the one after عن."""
    for j in range(verb + 1, min(limit, verb + MAX_GAP)):
        if ctx.word(j) == "عن":
            return subject(ctx, j + 1, limit, position)
    return None


def verb_cue(ctx: Context, i: int, kind: str, quoted: list[Range]) -> Cue | None:
    start, end = ctx.words.starts[i], ctx.words.ends[i]
    sentence = ctx.sentence_of(start)
    if sentence is None:
        return None
    _, limit = _sentence_words(ctx, sentence)
    j, content_start, colon = (
        complement(ctx, i, limit, quoted) if kind != DESCRIBE else (-1, -1, False)
    )
    if kind == STRICT and j < 0:
        return None
    cue = Cue(kind, (start, end), sentence, colon=colon)
    subject_limit = j if j >= 0 else min(limit, i + 1 + MAX_GAP)
    if kind == TRANSMIT:
        cue.speaker = _transmitted(ctx, i, subject_limit, start)
    elif kind == DESCRIBE:  # وصفه بـ«…»: the pronoun is the object; the subject is known
        found = subject(ctx, i + 1, subject_limit, start)
        cue.speaker = found if found is not None and found.typed else None
    elif kind != PARTICIPLE:
        first = past_addressee(ctx, i + 1, subject_limit)
        cue.speaker = subject(ctx, first, subject_limit, start) or subject_before(
            ctx, i, sentence[0]
        )
    # every reading of a word: "وزير" is not و + "زير"
    cue.region = frozenset(
        form for k in range(i + 1, subject_limit) for form in ctx.lex.forms(ctx.word(k))
    )
    if j >= 0:
        content_end = clause_end(ctx, content_start, sentence[1], quoted)
        cue.content = trimmed(ctx.text, content_start, content_end)
    return cue


# attributions ------------------------------------------------------------------


def _attribution_subject(ctx: Context, k: int, limit: int, position: int) -> Speaker | None:
    """The source after وفق/بحسب: "وفق ما ذكرت وكالة …", "حسبما نقلته" skip ما
    and the verb after it."""
    if k < limit and ctx.word(k) == "ما":
        k += 1
    if k < limit and (ctx.word(k - 1).endswith("ما") or ctx.lex.verb_kind(ctx.word(k))):
        k += 1
    if k < limit and ctx.word(k) in ctx.lex.resumptives:
        k += 1  # "وفق ما أفادت به مصادر", "بحسب ما نقل عنه موقع"
    found = issuer(ctx, k, limit, position)
    if found is not None:
        return found
    found = subject(ctx, k, limit, position)
    if found is not None and (found.typed or found.anaphor in ctx.lex.documents):
        return found
    return None


def attribution_cue(ctx: Context, i: int, quoted: list[Range]) -> Cue | None:
    n, kind = ctx.matches(i, ctx.lex.attributions)
    start = ctx.words.starts[i]
    sentence = ctx.sentence_of(start)
    if not n or kind is None or sentence is None:
        return None
    first, limit = _sentence_words(ctx, sentence)
    cue = Cue(ATTRIBUTION, (start, ctx.words.ends[i + n - 1]), sentence, attribution=kind)
    if kind == SELF:
        cue.content = trimmed(ctx.text, sentence[0], start)
        return cue if cue.content else None
    speaker = _attribution_subject(ctx, i + n, limit, start)
    if speaker is None or speaker.mention is None:
        return None
    cue.speaker = speaker
    if skip_words(ctx, first, i) == i:  # the attribution opens the sentence
        after = speaker.mention[1]
        k = ctx.first_word(after)
        if k < limit and ctx.lex.is_complementizer(ctx.word(k)):
            after = ctx.words.ends[k]
        cue.content = trimmed(ctx.text, after, clause_end(ctx, after, sentence[1], quoted))
    else:
        cue.content = trimmed(ctx.text, sentence[0], start)
    return cue if cue.content else None


def headline_cue(ctx: Context, sentence: Range, quoted: list[Range]) -> Cue | None:
    """A sentence opening with a speaker and a colon ("الخارجية السورية:
    العقوبات …"), the way headlines and captions attribute a statement."""
    first, limit = _sentence_words(ctx, sentence)
    for k in range(first, min(limit - 1, first + MAX_HEADLINE)):
        gap = ctx.gap(k, k + 1)
        if ctx.lex.verb_kind(ctx.word(k)) or any(c in gap for c in ".،,"):
            return None
        if ":" not in gap:
            continue
        speaker = subject(ctx, first, k + 1, sentence[0])
        if speaker is None or not speaker.typed or speaker.mention is None:
            return None
        if speaker.mention[1] < ctx.words.ends[k] or speaker.anaphor:
            return None
        colon = ctx.words.ends[k] + gap.index(":")
        cue = Cue("colon", (colon, colon + 1), sentence, speaker, colon=True)
        cue.content = trimmed(ctx.text, colon + 1, clause_end(ctx, colon + 1, sentence[1], quoted))
        return cue if cue.content else None
    return None


def find_cues(ctx: Context, body: list[Range], quoted: list[Range]) -> list[Cue]:
    """Every cue in the body outside quotations, in text order."""
    cues: list[Cue] = []
    consumed = 0  # the source phrase of an attribution ("حسبما ذكرت الوكالة") is not a cue
    for start, end in body:
        for i in ctx.words_in(start, end):
            if ctx.words.starts[i] < consumed or inside(ctx.words.starts[i], quoted):
                continue
            kind = ctx.lex.verb_kind(ctx.word(i))
            if kind and i > 0 and ctx.word(i - 1) in ctx.lex.nominalizers:
                kind = None  # "طالباً عدم ذكر اسمه": a verbal noun, not a verb
            cue = (
                verb_cue(ctx, i, kind, quoted)
                if kind
                else attribution_cue(ctx, i, quoted)
                if ctx.matches(i, ctx.lex.attributions)[0]
                else None
            )
            if cue is not None:
                cues.append(cue)
                if cue.attribution == SOURCE and cue.speaker and cue.speaker.mention:
                    consumed = cue.speaker.mention[1]
    for sentence in ctx.sentences:
        if inside(sentence[0], body) and not any(c.sentence == sentence for c in cues):
            cue = headline_cue(ctx, sentence, quoted)
            if cue is not None:
                cues.append(cue)
    return sorted(cues, key=lambda c: c.start)
