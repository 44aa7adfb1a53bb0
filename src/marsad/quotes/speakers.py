"""Who speaks: the subject phrase of a reporting verb, resolved to an entity.

A subject is, in order of preference: a person the entity stage found (its
short forms are already linked: عبدي → مظلوم عبدي); a title followed by a name
in apposition ("القائد العام لقوات سوريا الديمقراطية، مظلوم عبدي"); a title
alone ("الجنرال الأميركي", "المتحدث باسم التحالف الدولي"), resolved to the
person of the document whose role has that title (and that organisation, when
the phrase names one); an organisation or country; a speaker noun (مصدر
عسكري، وسائل إعلام محلية); else the phrase itself, of unknown type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marsad.quotes.context import Context, EntityRef
from marsad.quotes.lexicon import bare
from marsad.text.normalize import normalize_string

PERSON, ORGANIZATION, ROLE, MEDIA, UNKNOWN = "person", "organization", "role", "media", "unknown"
_ENTITY_TYPES = {"PER": PERSON, "ORG": ORGANIZATION, "GPE": ORGANIZATION}
#: words a speaker phrase may run over (a title with its organisation)
MAX_PHRASE = 8
#: how far an apposed name may follow its title
MAX_APPOSITION = 10
#: words of a name in apposition that the entity stage did not find
MAX_NAME = 3


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker; ``mention`` is its span in the normalised text, None when the
    speaker is implicit (carried from the previous statement)."""

    name: str | None
    id: str | None
    type: str
    mention: tuple[int, int] | None = None
    #: a definite noun that refers back ("المصدر", "المنظمة"): its bare head
    anaphor: str | None = None
    #: where a name that is a phrase of the text (not an entity's) was read
    name_span: tuple[int, int] | None = None

    def implicit(self) -> Speaker:
        return self.at(None)

    def at(self, mention: tuple[int, int] | None) -> Speaker:
        """The same speaker, mentioned at ``mention`` (None: implicit)."""
        return Speaker(self.name, self.id, self.type, mention, None, self.name_span)

    @property
    def known(self) -> bool:
        """Someone: a typed speaker or a named phrase (a name the entity stage missed)."""
        return self.type != UNKNOWN or bool(self.name)

    @property
    def typed(self) -> bool:
        """A speaker of a known kind (person, organisation, role, media)."""
        return self.type != UNKNOWN


NOBODY = Speaker(None, None, UNKNOWN)


def from_entity(ctx: Context, entity: EntityRef) -> Speaker:
    kind = _ENTITY_TYPES.get(entity.label, UNKNOWN)
    surface = ctx.text[entity.ns : entity.ne]
    first = surface.split()[0] if surface.split() else ""
    media_head = ctx.lex.speaker_heads.kinds.get((first,)) == MEDIA
    if kind == ORGANIZATION and (surface in ctx.lex.outlets or media_head):
        kind = MEDIA
    name = entity.data.get("name") or surface
    return Speaker(name, entity.data.get("id"), kind, (entity.ns, entity.ne))


def skip_words(ctx: Context, i: int, limit: int) -> int:
    """First word from ``i`` that is not a time word or بدوره (they may stand
    between a verb and its subject)."""
    while i < limit and ctx.word(i) in ctx.lex.phrase_skips:
        i += 1
    return i


def phrase_end(ctx: Context, i: int, limit: int, max_words: int = MAX_PHRASE) -> int:
    """End (exclusive word index) of the noun phrase starting at word ``i``: it
    stops at a comma, a complementizer, a preposition or a reporting verb."""
    j = i + 1
    while j < min(limit, i + max_words):
        word = ctx.word(j)
        if (
            ctx.comma_before(j)
            or ":" in ctx.gap(j - 1, j)
            or ctx.lex.is_complementizer(word)
            or word in ctx.lex.phrase_stops
            or ctx.lex.verb_kind(word)
        ):
            break
        j += 1
    return j


def _phrase_speaker(ctx: Context, i: int, j: int, kind: str) -> Speaker:
    start, end = ctx.words.starts[i], ctx.words.ends[j - 1]
    first = ctx.lex.strip_proclitic(ctx.word(i))
    # "المصدر", "المنظمة": a definite noun alone refers to a speaker named before
    anaphor = bare(first) if j - i == 1 and first.startswith("ال") else None
    return Speaker(ctx.text[start:end], None, kind, (start, end), anaphor, (start, end))


def _not_a_subject(ctx: Context, word: str) -> bool:
    """A complementizer, an adjunct, a cue, or a word behind a preposition
    ("للصحفيين", "لـ"): the verb has no subject here."""
    return (
        ctx.lex.is_complementizer(word)
        or word in ctx.lex.phrase_stops
        or bool(ctx.lex.verb_kind(word))
        or word == "ل"
        or word.startswith("لل")
    )


def _extended(ctx: Context, j: int, limit: int) -> int:
    """ "مصدر في وزارة الدفاع": a role phrase runs over في and the organisation."""
    if j + 1 < limit and ctx.word(j) == "في":
        entity = ctx.entity_in_word(j + 1)
        if entity is not None and entity.label in _ENTITY_TYPES:
            return max(j + 1, ctx.first_word(entity.ne))
    return j


def subject(ctx: Context, i: int, limit: int, position: int) -> Speaker | None:
    """The speaker phrase starting at word ``i`` (before word ``limit``), or
    None when there is none (the verb is followed by its complement, an adjunct
    or nothing). ``position`` is where the statement is, for resolving titles."""
    i = skip_words(ctx, i, limit)
    if i >= limit:
        return None
    entity = ctx.entity_in_word(i)
    if entity is None and _not_a_subject(ctx, ctx.word(i)):
        return None
    if entity is not None and entity.label == "PER":
        return from_entity(ctx, entity)
    if ctx.matches(i, ctx.lex.role_heads)[0] and (entity is None or entity.label != "ORG"):
        return _titled(ctx, i, limit, position)
    if entity is not None and entity.label in _ENTITY_TYPES:
        return from_entity(ctx, entity)
    kind = ctx.matches(i, ctx.lex.speaker_heads)[1]
    if kind:
        end = phrase_end(ctx, i, limit, 6)
        return _phrase_speaker(ctx, i, _extended(ctx, end, limit) if kind == ROLE else end, kind)
    if entity is not None:
        return None  # a place or a nationality is not a speaker
    return _phrase_speaker(ctx, i, phrase_end(ctx, i, limit, 4), UNKNOWN)


def _titled(ctx: Context, i: int, limit: int, position: int) -> Speaker:
    """A title: the name apposed to it, else the person of the document
    holding it, else the title itself as a role."""
    end = phrase_end(ctx, i, limit)
    for j in range(i + 1, min(limit, i + MAX_APPOSITION)):
        word = ctx.word(j)
        if ctx.lex.is_complementizer(word) or ctx.lex.verb_kind(word):
            break
        entity = ctx.entity_in_word(j)
        if entity is not None and entity.label == "PER":
            return from_entity(ctx, entity)
    apposed = _apposition(ctx, end, limit)
    if apposed is not None:
        return apposed
    start, stop = ctx.words.starts[i], ctx.words.ends[end - 1]
    holder = role_holder(ctx, [ctx.word(k) for k in range(i, end)], start, stop, position)
    if holder is not None:
        return Speaker(holder.name, holder.id, PERSON, (start, stop))
    return Speaker(ctx.text[start:stop], None, ROLE, (start, stop), None, (start, stop))


def _apposition(ctx: Context, end: int, limit: int) -> Speaker | None:
    """A name between commas after a title ("رئيس المجلس المحلي في البلدة،
    وائل الحسن، إن") that the entity stage did not find: two or three plain
    words after the first comma that follows the title."""
    first = next(
        (k for k in range(end, min(limit, end + MAX_APPOSITION)) if ctx.comma_before(k)), None
    )
    if first is None:
        return None
    j = first
    while j < limit and not (j > first and ctx.comma_before(j)):
        if j - first >= MAX_NAME or _not_a_subject(ctx, ctx.word(j)):
            return None
        j += 1
    if j - first < 2:
        return None
    return _phrase_speaker(ctx, first, j, PERSON)


def role_holder(
    ctx: Context, words: list[str], start: int, end: int, position: int
) -> Speaker | None:
    """The person of the document whose role has the title's head word (and
    the organisation the title names, if it names one): the nearest mention
    before ``position``, else the first after it."""
    head = bare(ctx.lex.strip_proclitic(words[0]))
    orgs = {e.data.get("id") for e in ctx.entities_between(start, end) if e.label == "ORG"}
    candidates: list[tuple[int, EntityRef]] = []
    for entity in ctx.entities:
        role: dict[str, Any] = entity.data.get("role") or {}
        if entity.label != "PER" or not role.get("title"):
            continue
        title_words = {bare(w) for w in normalize_string(role["title"]).split()}
        if head not in title_words:
            continue
        if orgs and role.get("org_id") not in orgs:
            continue
        before = entity.ns < position
        candidates.append(((0 if before else 1, -entity.ns if before else entity.ns), entity))
    if not candidates:
        return None
    entity = min(candidates, key=lambda c: c[0])[1]
    return Speaker(entity.data.get("name"), entity.data.get("id"), PERSON)


def subject_before(ctx: Context, verb: int, sentence_start: int) -> Speaker | None:
    """A subject standing before its verb ("مصادر محلية أفادت بأن", "الوزير
    قال إن"): an entity ending right before the verb, or a speaker phrase that
    opens the sentence and reaches the verb."""
    while verb > 0 and ctx.word(verb - 1) in ctx.lex.phrase_skips:  # "كان الوزير قد قال"
        verb -= 1
    if verb == 0 or ctx.words.starts[verb - 1] < sentence_start:
        return None
    entity = ctx.entity_ending_in_word(verb - 1)
    if entity is not None and entity.ns >= sentence_start and entity.label in _ENTITY_TYPES:
        return from_entity(ctx, entity)
    first = ctx.first_word(sentence_start)
    if verb - first > MAX_PHRASE or ctx.comma_before(verb):
        return None
    found = subject(ctx, first, verb, ctx.words.starts[verb])
    if (
        found is not None
        and found.mention is not None
        and found.mention[1] >= ctx.words.ends[verb - 1]
    ):
        return found
    return None
