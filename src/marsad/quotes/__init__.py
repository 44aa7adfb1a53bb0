"""Who said what: direct and reported statements and their speakers.

The ``quotes`` pipeline component (after ``entities``):

1. quotation-mark pairs, and which of them quote a statement rather than a
   name or a term (``direct``);
2. reporting cues — verbs, participles, attributions — with their explicit
   subjects and reported clauses (``indirect``, ``speakers``);
3. the chain of speakers: a cue with no subject (وأضاف، وأردف، مشيراً) continues
   the speaker before it; attributions (وفق وسائل إعلام) name the source of a
   report and do not change who is speaking;
4. each direct quotation gets the speaker of the clause it sits in, else of
   the cue before (or right after) it in its sentence.

Quotes go to the ``quotes`` layer: one span per quote (its content, marks
excluded), label "direct" or "indirect", data = {"cue", "speaker", "sentence"}
with spans of the original text (see :func:`quote_record`).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from marsad.doc import Doc, Span
from marsad.quotes.context import Context, Range
from marsad.quotes.direct import MarkPair, find_pairs, is_statement
from marsad.quotes.indirect import (
    SELF,
    SOURCE,
    Cue,
    find_cues,
    trimmed,
)
from marsad.quotes.lexicon import DESCRIBE, PARTICIPLE, bare
from marsad.quotes.speakers import (
    MEDIA,
    NOBODY,
    ORGANIZATION,
    PERSON,
    UNKNOWN,
    Speaker,
    from_entity,
    full_name_before,
    subject,
)
from marsad.text.normalize import normalize_string

__all__ = ["Quote", "add_quotes", "find_quotes", "quote_record"]

LAYER = "quotes"
DIRECT, INDIRECT = "direct", "indirect"
#: words of a sentence-opening quotation that may precede it (و، ثم)
_MAX_LEAD = 1


@dataclass(frozen=True, slots=True)
class Quote:
    """A quote in normalised offsets."""

    kind: str
    content: Range
    cue: Range | None
    speaker: Speaker
    sentence: Range


# speakers along the document -----------------------------------------------------


class Chain:
    """The current speaker as the document goes on, for implicit subjects."""

    def __init__(self) -> None:
        self.positions: list[int] = []
        self.speakers: list[Speaker] = []

    def add(self, position: int, speaker: Speaker) -> None:
        if speaker.known:
            self.positions.append(position)
            self.speakers.append(speaker)

    def at(self, position: int) -> Speaker | None:
        k = bisect_right(self.positions, position) - 1
        return self.speakers[k] if k >= 0 else None


#: a sentence opening with an adverbial this short and a comma ("من جهته،",
#: "من جهة أخرى،") has its first verb after the comma
_MAX_OPENER = 3


def _sentence_subject(ctx: Context, sentence: Range) -> Speaker | None:
    """The subject of a sentence's first verb (وصل الوزير …، مؤكداً): the
    phrase after its first word, or after an opening adverbial and its comma
    ("من جهته، وجه الرئيس …، مؤكداً")."""
    first = ctx.first_word(sentence[0])
    limit = ctx.first_word(sentence[1])
    verbs = [first]
    for i in range(first + 1, min(first + _MAX_OPENER + 1, limit)):
        if ctx.comma_before(i):
            verbs.append(i)
            break
    opens_with_preposition = any(f in ctx.lex.phrase_stops for f in ctx.lex.forms(ctx.word(first)))
    if len(verbs) > 1 and opens_with_preposition:
        # "وفي بورتسودان، ترأس …": a preposition opens the sentence, not a verb
        verbs.pop(0)
    for verb in verbs:
        found = subject(ctx, verb + 1, limit, sentence[0]) if verb + 1 < limit else None
        if found is not None and found.typed:
            return found
    return None


def _second_verb(ctx: Context, cue: Cue) -> bool:
    """A reporting verb joined by و/ف to an earlier clause of its sentence."""
    word = ctx.first_word(cue.start)
    return word > ctx.first_word(cue.sentence[0]) + 1 and ctx.word(word).startswith(("و", "ف"))


def _before(speaker: Speaker, position: int) -> bool:
    return speaker.mention is not None and speaker.mention[1] <= position


def _name_of(speaker: Speaker) -> tuple[str, ...]:
    return tuple(bare(w) for w in normalize_string(speaker.name or "").split())


def _antecedent(ctx: Context, cue: Cue, earlier: list[Cue], chain: Chain) -> Speaker | None:
    """Who a definite noun subject refers to: for a statement ("البيان",
    "التقرير") whoever speaks at that point; for an organisation noun
    ("الوزارة") the latest organisation that spoke with that noun in its name;
    else the latest speaker whose subject had that noun ("مصدر عسكري" …
    "وأوضح المصدر"), or the latest organisation that spoke."""
    head = cue.speaker.anaphor if cue.speaker else None
    if not head:
        return None
    if head in ctx.lex.documents:
        return chain.at(cue.start)
    organisation = head in ctx.lex.org_heads
    if organisation:
        for previous in reversed(earlier):
            speaker = previous.speaker
            if speaker and speaker.type in (ORGANIZATION, MEDIA) and head in _name_of(speaker):
                return speaker
    for previous in reversed(earlier):
        if previous.speaker and head in previous.region and previous.speaker.known:
            if organisation and previous.speaker.type == PERSON:
                continue  # "المتحدث باسم الوزارة فلان" … "وأكدت الوزارة": not the spokesman
            return previous.speaker
    if organisation:
        for previous in reversed(earlier):
            if previous.speaker and previous.speaker.type == ORGANIZATION:
                return previous.speaker
        # "بيان للوزارة" where only the ministry's spokesman spoke: the
        # organisation named before with that noun
        for entity in reversed(ctx.entities):
            if entity.ns < cue.start and entity.label == "ORG":
                speaker = from_entity(ctx, entity)
                if head in _name_of(speaker):
                    return speaker
    return None


def _honoured(ctx: Context, cue: Cue, earlier: list[Cue]) -> Speaker | None:
    """Who "سموه", "معاليه" (a title with a pronoun) is: the latest person who
    spoke, else the latest person named before the cue."""
    speaker = cue.speaker
    if speaker is None or normalize_string(speaker.name or "") not in ctx.lex.honorifics:
        return None
    for previous in reversed(earlier):
        if previous.speaker and previous.speaker.type == PERSON and previous.speaker.known:
            return previous.speaker
    persons = [e for e in ctx.entities if e.label == "PER" and e.ne <= cue.start]
    return from_entity(ctx, persons[-1]) if persons else None


def _full_name(ctx: Context, cue: Cue) -> Speaker | None:
    """A subject the entity stage did not find, one word closing a name
    written in full earlier in the document ("وقال ألباريس")."""
    speaker = cue.speaker
    if speaker is None or speaker.type != UNKNOWN:
        return None
    return full_name_before(ctx, speaker)


def _named_earlier(cue: Cue, earlier: list[Cue]) -> Speaker | None:
    """A subject that the entity stage did not take for a person (a phrase, or
    a place: "الجاسم") but that repeats the last words of a person who spoke
    before ("قال عضو الغرفة عبد الكريم العمر" … "وقال العمر")."""
    speaker = cue.speaker
    if speaker is None or speaker.type == PERSON or speaker.mention is None:
        return None
    words = _name_of(speaker)
    if not words or len(words) > 3:
        return None
    for previous in reversed(earlier):
        other = previous.speaker
        if other is None or other.type != PERSON:
            continue
        name = _name_of(other)
        if len(name) > len(words) and name[-len(words) :] == words:
            return other
    return None


def _speaking(cues: list[Cue]) -> list[Cue]:
    """The cues that give someone the floor. A verb with no reported clause
    inside the clause another cue reports ("أشار إلى أن المنظمات تعهدت
    بتمويل …", "إن أفراد الخلية اعترفوا بتلقي …") is part of what is
    reported: its subject does not become the current speaker."""
    clauses = [(c.start, c.content) for c in cues if c.content is not None]
    return [
        cue
        for cue in cues
        if cue.content is not None
        or cue.attribution is not None
        or cue.kind == DESCRIBE
        or not any(s < cue.start and c[0] <= cue.start < c[1] for s, c in clauses)
    ]


def resolve_speakers(ctx: Context, cues: list[Cue]) -> Chain:
    """Fill in implicit and anaphoric speakers in text order; the chain of speakers."""
    chain = Chain()
    previous: Cue | None = None
    earlier: list[Cue] = []
    for cue in cues:
        antecedent = (
            _full_name(ctx, cue)
            or _honoured(ctx, cue, earlier)
            or _antecedent(ctx, cue, earlier, chain)
            or _named_earlier(cue, earlier)
        )
        if antecedent is not None and cue.speaker is not None:
            cue.speaker = antecedent.at(cue.speaker.mention)
        same_sentence = previous is not None and previous.sentence == cue.sentence
        if cue.speaker is None:
            inherited = previous.speaker if same_sentence and previous else None
            if inherited is None and (cue.kind in (PARTICIPLE, DESCRIBE) or _second_verb(ctx, cue)):
                # "قرر البنك المركزي رفع الفائدة، وقال في بيان إن": the subject
                # of the sentence's first verb, not the previous speaker
                inherited = _sentence_subject(ctx, cue.sentence)
            inherited = inherited or chain.at(cue.start)
            cue.speaker = inherited.implicit() if inherited else NOBODY
        if cue.attribution != SOURCE:  # a source reports; it does not take the floor
            chain.add(cue.start, cue.speaker)
            previous = cue
        earlier.append(cue)
    return chain


# quotes ----------------------------------------------------------------------------


def _reported(cues: list[Cue], pairs: list[MarkPair]) -> list[Quote]:
    outers = {pair.outer for pair in pairs}
    quotes: list[Quote] = []
    for cue in cues:
        if cue.content is None or cue.speaker is None:
            continue
        if cue.attribution == SELF and any(
            q.sentence == cue.sentence and q.content[1] >= cue.content[1] for q in quotes
        ):
            continue  # "…، على حد وصفه" closing a clause already reported
        if cue.colon and cue.content in outers | {p.content for p in pairs if not p.closed}:
            continue  # قال: «…» is a direct quotation only
        quotes.append(Quote(INDIRECT, cue.content, cue.span, cue.speaker, cue.sentence))
    return quotes


def _opens_sentence(ctx: Context, pair: MarkPair, sentence: Range) -> bool:
    return len(ctx.words_in(sentence[0], pair.open)) <= _MAX_LEAD


def _direct_speaker(
    ctx: Context,
    pair: MarkPair,
    sentence: Range,
    cues: list[Cue],
    indirect: list[Quote],
    chain: Chain,
) -> tuple[Speaker, Range | None]:
    """The speaker of a direct quotation and its cue: the reported clause it
    sits in; else the nearest cue before it in its sentence; else a cue right
    after it ("«…»، قال الوزير"); else an attribution later in the sentence;
    else, for a quotation opening its sentence, the current speaker."""
    in_sentence = [c for c in cues if c.sentence == sentence and c.speaker is not None]
    before = [c for c in in_sentence if c.span[1] <= pair.open and c.attribution != SOURCE]
    sources = {c.span for c in cues if c.attribution == SOURCE}
    for quote in indirect:
        if quote.content[0] <= pair.open and pair.close <= quote.content[1]:
            if quote.cue in sources and before and before[-1].start >= quote.content[0]:
                # "وقال الرئيس: «…»، وفق الوكالة": the agency reports the
                # sentence, the president speaks the quotation
                break
            if quote.cue in sources and not before:
                # "ودعا الرئيس … إلى «…»، وفق الوكالة": the sentence's subject
                subject_ = _sentence_subject(ctx, sentence)
                if subject_ is not None and _before(subject_, pair.open):
                    return subject_, None
            return quote.speaker, quote.cue
    if before:
        return before[-1].speaker, before[-1].span  # type: ignore[return-value]
    after = [c for c in in_sentence if c.start >= pair.outer[1]]
    if after and not ctx.words_in(pair.outer[1], after[0].start):
        return after[0].speaker, after[0].span  # type: ignore[return-value]
    if after and after[0].attribution == SOURCE:
        return after[0].speaker, after[0].span  # type: ignore[return-value]
    current = chain.at(pair.open)
    if current is not None and _opens_sentence(ctx, pair, sentence):
        return current.implicit(), None
    return NOBODY, None


def _introduced(ctx: Context, pair: MarkPair, cues: list[Cue]) -> bool:
    """Whether an unclosed quotation follows a colon or a reporting cue."""
    before = ctx.text[max(0, pair.open - 40) : pair.open].rstrip()
    if before.endswith(":"):
        return True
    words = ctx.words_in(max(0, pair.open - 40), pair.open)
    if not words:
        return False
    last = ctx.word(words[-1])
    return ctx.lex.is_complementizer(last) or any(
        c.span[1] == ctx.words.ends[words[-1]] for c in cues
    )


def _attributed(ctx: Context, pair: MarkPair, sentence: Range, cues: list[Cue]) -> bool:
    """Whether a quotation follows a cue of its sentence with no new clause
    (", فيما …", ", بينما …") opening between them: "… أعلن أن …، فيما يستعد
    «أسود الأطلس»" puts the marks in a clause that reports nothing."""
    before = [c for c in cues if c.sentence == sentence and c.start < pair.open]
    if not before:
        return False
    return not any(
        ctx.comma_before(k) and ctx.matches(k, ctx.lex.clause_breaks)[0]
        for k in ctx.words_in(before[-1].span[1], pair.open)
    )


def _statements(ctx: Context, pairs: list[MarkPair], cues: list[Cue]) -> list[MarkPair]:
    """The pairs that quote a statement, now that the cues are known: short
    quotations count in a sentence that reports speech; a quotation inside
    another one is part of it, not a quote of its own."""
    clauses = [c.content for c in cues if c.content is not None]
    found: list[MarkPair] = []
    for pair in pairs:
        sentence = ctx.sentence_of(pair.open)
        attributed = sentence is not None and _attributed(ctx, pair, sentence, cues)
        in_clause = any(s <= pair.open and pair.close <= e for s, e in clauses)
        if not is_statement(ctx, pair, attributed=attributed, in_clause=in_clause):
            continue
        if pair.closed or _introduced(ctx, pair, cues):
            found.append(pair)
    return [p for p in found if not any(o.open < p.open and p.close < o.close for o in found)]


def find_quotes(doc: Doc) -> list[Quote]:
    """Every quote of a document with its sentences and entities, in normalised
    offsets, in text order."""
    ctx = Context.of(doc)
    norm = doc.normalized
    body = [(norm.to_normalized(s), norm.to_normalized(e)) for s, e in doc.body_ranges()]
    pairs = [p for p in find_pairs(ctx, body) if ctx.sentence_of(p.open) is not None]
    sure = [p for p in pairs if is_statement(ctx, p, attributed=False, in_clause=False)]
    cues = _speaking(find_cues(ctx, body, [p.content for p in sure]))
    statements = _statements(ctx, pairs, cues)
    chain = resolve_speakers(ctx, cues)
    indirect = _reported(cues, statements)
    quotes = list(indirect)
    for pair in statements:
        sentence = ctx.sentence_of(pair.open)
        content = trimmed(ctx.text, *pair.content)
        if sentence is None or content is None:
            continue
        speaker, cue = _direct_speaker(ctx, pair, sentence, cues, indirect, chain)
        quotes.append(Quote(DIRECT, content, cue, speaker, sentence))
    return sorted(quotes, key=lambda q: (q.content[0], q.kind))


# output ----------------------------------------------------------------------------


def _original(doc: Doc, span: Range | None) -> list[int] | None:
    if span is None:
        return None
    return list(doc.normalized.to_original(*span))


def add_quotes(doc: Doc) -> None:
    """Pipeline component: the ``quotes`` layer."""
    for quote in find_quotes(doc):
        start, end = doc.normalized.to_original(*quote.content)
        speaker = quote.speaker
        data: dict[str, Any] = {
            "cue": _original(doc, quote.cue),
            "speaker": {
                "name": _speaker_name(doc, speaker),
                "id": speaker.id,
                "type": speaker.type,
                "mention": _original(doc, speaker.mention),
            },
            "sentence": _original(doc, quote.sentence),
        }
        doc.add(LAYER, start, end, quote.kind, data)


def _speaker_name(doc: Doc, speaker: Speaker) -> str | None:
    """An entity's canonical name, or the phrase as written in the original."""
    if speaker.name_span is None:
        return speaker.name
    start, end = doc.normalized.to_original(*speaker.name_span)
    return doc.text[start:end]


def quote_record(doc: Doc, span: Span) -> dict[str, Any]:
    """The contract shape of one quote (docs/contract.md)."""
    data = span.data or {}
    return {
        "kind": span.label,
        "content": span.pair(),
        "cue": data.get("cue"),
        "speaker": data.get("speaker"),
        "sentence": data.get("sentence"),
    }
