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
MAX_APPOSITION = 16
#: words of a name in apposition that the entity stage did not find
MAX_NAME = 3
#: relative pronouns: "فلان، الذي قال" speaks through them
_RELATIVES = frozenset({"الذي", "التي", "الذين"})
#: prepositions written on a speaker noun ("لمواقع", "بمصادر"): not part of its name
_PREPOSITIONS = frozenset("لب")


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


def _ends_subject(ctx: Context, k: int, limit: int) -> bool:
    """Whether the subject ends before word ``k``: the limit, a comma, a colon,
    a complementizer, a preposition or a cue."""
    return (
        k >= limit
        or ctx.comma_before(k)
        or ":" in ctx.gap(k - 1, k)
        or _not_a_subject(ctx, ctx.word(k))
    )


def as_person(ctx: Context, entity: EntityRef, limit: int) -> Speaker:
    """A person the entity stage found. A guessed one-word name (a given name
    outside the KB) takes the definite word that follows it when that word
    ends the subject: "العميد يوسف المصري،" is not "يوسف" of nationality
    "المصري"."""
    speaker = from_entity(ctx, entity)
    guessed = str(entity.data.get("id") or "").startswith("per:~")
    words = ctx.words_in(entity.ns, entity.ne)
    if guessed and len(words) > 2 and ctx.word(words[-1]) in ctx.lex.phrase_stops:
        # a guessed name running over an adjunct: "فاطمة الزعبي قبيل مغادرة"
        span = (entity.ns, ctx.words.ends[words[-2]])
        return Speaker(ctx.text[span[0] : span[1]], None, PERSON, span, None, span)
    if guessed and " " not in speaker.name:
        k = ctx.first_word(entity.ne)
        if (
            k < limit
            and not ctx.comma_before(k)
            and ctx.words.starts[k] - entity.ne <= 1
            and ctx.word(k).startswith("ال")
            and not _not_a_subject(ctx, ctx.word(k))
            and ctx.word(k) not in ctx.lex.phrase_skips
            and _ends_subject(ctx, k + 1, limit)
        ):
            span = (entity.ns, ctx.words.ends[k])
            return Speaker(ctx.text[span[0] : span[1]], None, PERSON, span, None, span)
    return speaker


def past_addressee(ctx: Context, i: int, limit: int) -> int:
    """Where a reporting verb's subject may start when word ``i`` (after the
    verb) is whom the statement was made to: after that phrase ("قال لإذاعة
    محلية مصدر أمني إن"), or ``limit`` when nothing but the clause follows."""
    i = skip_words(ctx, i, limit)
    if i >= limit or not _addressee(ctx, i):
        return i
    for j in range(i + 1, min(limit, i + 1 + _MAX_ADDRESSEE)):
        if ctx.comma_before(j) or ctx.lex.is_complementizer(ctx.word(j)):
            break
        if _opens_speaker(ctx, j):
            return j
    return limit


#: words an addressee phrase may take ("لوكالة الأنباء الألمانية")
_MAX_ADDRESSEE = 5


def _opens_speaker(ctx: Context, j: int) -> bool:
    """Word ``j`` opens a speaker phrase or a name (not behind a preposition)."""
    if ctx.entity_in_word(j) is not None:
        return _opens_entity(ctx, j)
    return _opens_head(ctx, ctx.word(j))


def _opens_entity(ctx: Context, j: int) -> bool:
    """Word ``j`` opens a person, an organisation or a country (not behind a
    preposition: "تقديرات الأمم المتحدة", not "للأمم المتحدة")."""
    entity = ctx.entity_in_word(j)
    return entity is not None and entity.ns == ctx.words.starts[j] and entity.label in _ENTITY_TYPES


def _opens_head(ctx: Context, word: str) -> bool:
    """``word``, as written, is the first word of a speaker noun or a title."""
    return word in ctx.lex.speaker_heads.by_first or word in ctx.lex.role_heads.by_first


def _addressee(ctx: Context, i: int) -> bool:
    """Word ``i`` is whom a statement was made to ("قال لإذاعة محلية",
    "صرح للصحفيين"): a speaker noun or a name behind the preposition ل, which
    a subject never carries ("لجنة", "لبنان" are words of their own)."""
    word = ctx.word(i)
    if not word.startswith("ل") or len(word) < 4:
        return False
    entity = ctx.entity_in_word(i)
    if entity is not None:
        return entity.ns > ctx.words.starts[i]
    if _opens_head(ctx, word):
        return False
    return ctx.lex.strip_proclitic(word) != word and (
        ctx.matches(i, ctx.lex.speaker_heads)[0] > 0 or ctx.matches(i, ctx.lex.role_heads)[0] > 0
    )


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
            or (word in ctx.lex.phrase_stops and not _person_starts(ctx, j))
            or ctx.lex.verb_kind(word)
        ):
            break
        j += 1
    return j


def _person_starts(ctx: Context, j: int) -> bool:
    """Word ``j`` opens a person's name of several words the entity stage
    found: "علي" of "علي يرلي كايا" folds onto the preposition "على"."""
    entity = ctx.entity_in_word(j)
    return entity is not None and entity.label == "PER" and _full_name_from(ctx, entity, j)


def _phrase_speaker(ctx: Context, i: int, j: int, kind: str) -> Speaker:
    start, end = ctx.words.starts[i], ctx.words.ends[j - 1]
    word = ctx.word(i)
    first = ctx.lex.strip_proclitic(word)
    if kind in (ROLE, MEDIA) and word[:1] in _PREPOSITIONS and first != word and len(first) > 2:
        start += len(word) - len(first)  # "وفقاً لمواقع محلية": the speaker is "مواقع محلية"
    # "المصدر", "المنظمة": a definite noun alone refers to a speaker named before
    anaphor = bare(first) if j - i == 1 and first.startswith("ال") else None
    return Speaker(ctx.text[start:end], None, kind, (start, end), anaphor, (start, end))


def person_in_word(ctx: Context, i: int) -> EntityRef | None:
    """The person the entity stage found at word ``i``, unless the word cannot
    open a name: a preposition with the article ("للشؤون"), a verbal noun
    ("قوله"), a complementizer or a cue read as a guessed name."""
    entity = ctx.entity_in_word(i)
    if entity is None or entity.label != "PER":
        return None
    if _not_a_subject(ctx, ctx.word(i)) and not _full_name_from(ctx, entity, i):
        return None
    return entity


def _full_name_from(ctx: Context, entity: EntityRef, i: int) -> bool:
    """A name of several words opening at word ``i`` whose first word folds
    onto a preposition (علي يرلي كايا: علي, not على)."""
    word = ctx.word(i)
    return (
        ctx.first_word(entity.ns) == i
        and ctx.first_word(entity.ne) > i + 1
        and word in ctx.lex.phrase_stops
        and not ctx.lex.is_complementizer(word)
        and not ctx.lex.verb_kind(word)
    )


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
    """ "مصدر في وزارة الدفاع": a role phrase runs over في (or من: "مصدر من
    النيابة العامة") and the organisation,
    or over في and the one definite noun that ends the subject ("مسؤولين في
    البرنامج", "مصدر في الوزارة")."""
    if j + 1 < limit and ctx.word(j) in ("في", "من"):
        entity = ctx.entity_in_word(j + 1)
        if entity is not None and entity.label in ("ORG", "GPE"):
            return max(j + 1, ctx.first_word(entity.ne))
        # "مصادر في دائرة صحة المحافظة": indefinite nouns in annexation up
        # to the definite noun that ends the subject
        k = j + 1
        while k < min(limit, j + 1 + MAX_NAME) and not ctx.word(k).startswith("ال"):
            named = ctx.entity_in_word(k)
            if k > j + 1 and named is not None and named.label in ("ORG", "GPE", "FAC", "LOC"):
                return ctx.first_word(named.ne)  # "مصدر في محافظة حلب"
            if (
                named is not None
                or _not_a_subject(ctx, ctx.word(k))
                or (k > j + 1 and (ctx.comma_before(k) or ":" in ctx.gap(k - 1, k)))
                or not ctx.word(k).isalpha()
            ):
                return j
            k += 1
        if k >= limit or (k > j + 1 and ctx.comma_before(k)):
            return j
        place = ctx.entity_in_word(k)
        if k > j + 1 and place is not None and place.label in ("ORG", "GPE", "FAC", "LOC"):
            return ctx.first_word(place.ne)  # "مهندس في حقل الشرارة"
        word, after = ctx.word(k), k + 1
        while (
            after < min(limit, k + 3)
            and ctx.word(after).startswith("ال")
            and not ctx.comma_before(after)
            and not _not_a_subject(ctx, ctx.word(after))
        ):
            after += 1  # its adjectives: "مصدر من النيابة العمومية"
        if (
            ctx.entity_in_word(k) is None
            and word.startswith("ال")
            and word not in ctx.lex.phrase_skips
            and (
                after >= limit
                or ctx.comma_before(after)
                or ":" in ctx.gap(after - 1, after)
                or _not_a_subject(ctx, ctx.word(after))
            )
        ):
            return after
    return j


def subject(ctx: Context, i: int, limit: int, position: int) -> Speaker | None:
    """The speaker phrase starting at word ``i`` (before word ``limit``), or
    None when there is none (the verb is followed by its complement, an adjunct
    or nothing). ``position`` is where the statement is, for resolving titles."""
    i = skip_words(ctx, i, limit)
    if i >= limit:
        return None
    issued = issuer(ctx, i, limit, position)
    if issued is not None:
        return issued  # "ذكر بيان للخارجية": the issuer named after the statement speaks
    entity = ctx.entity_in_word(i)
    if entity is not None and entity.label == "PER" and person_in_word(ctx, i) is None:
        entity = None  # "عن وزير المالية قوله": a verbal noun read as a name
    named = surname(ctx, i, limit, position)
    if named is not None and (entity is None or _weaker(entity, named)):
        return named  # "وأوضح حسين", "عن السوداني": a person named in full elsewhere
    if entity is None and _not_a_subject(ctx, ctx.word(i)):
        return None
    if entity is not None and entity.label == "PER":
        return as_person(ctx, entity, limit)
    if ctx.matches(i, ctx.lex.role_heads)[0] and (entity is None or entity.label != "ORG"):
        return _titled(ctx, i, limit, position)
    if entity is not None and entity.label in _ENTITY_TYPES:
        return from_entity(ctx, entity)
    if entity is None and ctx.lex.strip_proclitic(ctx.word(i)) in ctx.lex.documents:
        # "وأشار البيان": the statement stands for its issuer (resolved later)
        return _phrase_speaker(ctx, i, i + 1, UNKNOWN)
    kind = ctx.matches(i, ctx.lex.speaker_heads)[1]
    if kind:
        end = phrase_end(ctx, i, limit, 6)
        if kind == ROLE:
            person = (
                _person_in_subject(ctx, i, limit)
                or _apposed_person(ctx, i, limit)
                or _closing_person(ctx, i, limit)
                or trailing_name(ctx, i, limit)
            )
            if person is not None:
                return person
            end = _extended(ctx, end, limit)
        return _phrase_speaker(ctx, i, end, kind)
    if entity is not None:
        return None  # a place or a nationality is not a speaker
    return (
        _apposed_person(ctx, i, limit)
        or _closing_person(ctx, i, limit)
        or trailing_name(ctx, i, limit)
        or _person_in_subject(ctx, i, limit)  # "وكيل الوزارة الدكتور عبدالعزيز الخضيري"
        or _phrase_speaker(ctx, i, phrase_end(ctx, i, limit, 4), UNKNOWN)
    )


def issuer(ctx: Context, k: int, limit: int, position: int) -> Speaker | None:
    """ "بحسب بيان لمجلس السيادة", "وفق تقرير صادر عن المنظمة", "ذكر بيان
    للخارجية", "بحسب أحدث تقديرات الأمم المتحدة", "حسب بيانات نشرتها
    المنظمة": a statement noun followed by its issuer, behind ل or (صادر) عن,
    a verb of issuing, or as its genitive; "بيان للوزارة" names an organisation
    noun that refers back."""
    if k + 1 < limit and any(f in ctx.lex.document_modifiers for f in ctx.lex.forms(ctx.word(k))):
        k += 1
    if k + 1 >= limit or not any(f in ctx.lex.documents for f in ctx.lex.forms(ctx.word(k))):
        return None
    j = k + 1
    if ctx.word(j) in ("صادر", "الصادر"):
        j += 1
    if j < limit and (ctx.word(j) == "عن" or ctx.word(j) in ctx.lex.issuing_verbs):
        j += 1
    elif j >= limit or not (ctx.word(j).startswith("ل") or _opens_entity(ctx, j)):
        return None
    if j >= limit:
        return None
    entity = ctx.entity_in_word(j)
    if entity is None:
        word = ctx.word(j)
        noun = "ال" + word[2:] if word.startswith("لل") else word
        if (
            noun.startswith("ال")
            and bare(noun) in ctx.lex.org_heads
            and _ends_subject(ctx, j + 1, limit)
        ):
            # "بيان للوزارة": the organisation noun, resolved to the one named before
            start = ctx.words.starts[j] + (2 if noun != word else 0)
            span = (start, ctx.words.ends[j])
            return Speaker(ctx.text[span[0] : span[1]], None, ORGANIZATION, span, bare(noun), span)
        return None
    if entity.label not in ("ORG", "GPE", "PER"):
        return None
    return subject(ctx, j, limit, position)


def _name_words(ctx: Context, entity: EntityRef) -> list[tuple[str, ...]]:
    """The word sequences a person is written with here: the mention and its name."""
    forms = [tuple(ctx.text[entity.ns : entity.ne].split())]
    name = entity.data.get("name")
    if name:
        forms.append(tuple(normalize_string(name).split()))
    return forms


def surname(ctx: Context, i: int, limit: int, position: int) -> Speaker | None:
    """A person referred to by the last words of a name written in full
    elsewhere in the document ("وأوضح حسين" after "فؤاد حسين", "وقال أبو
    الغيط"): the nearest full mention before ``position``, else the first
    after it. The words at ``i`` must end the subject (a comma, a colon, a
    complementizer, a preposition or the limit follows)."""
    if _not_a_subject(ctx, ctx.word(i)) or ctx.word(i) in ctx.lex.phrase_skips:
        return None
    for n in range(min(MAX_NAME, limit - i), 0, -1):
        words = tuple(ctx.word(k) for k in range(i, i + n))
        end = i + n
        if end < limit and not (
            ctx.comma_before(end)
            or ":" in ctx.gap(end - 1, end)
            or _not_a_subject(ctx, ctx.word(end))
            or ctx.word(end) in ctx.lex.phrase_skips
        ):
            continue
        start, stop = ctx.words.starts[i], ctx.words.ends[end - 1]
        best: tuple[tuple[int, int], EntityRef] | None = None
        for entity in ctx.entities:
            if entity.label != "PER" or entity.ns <= start < entity.ne:
                continue
            if not any(len(f) > n and f[-n:] == words for f in _name_words(ctx, entity)):
                continue
            before = entity.ns < position
            key = (0 if before else 1, -entity.ns if before else entity.ns)
            if best is None or key < best[0]:
                best = (key, entity)
        if best is not None:
            return from_entity(ctx, best[1]).at((start, stop))
    return None


def _weaker(entity: EntityRef, named: Speaker) -> bool:
    """Whether a surname reading beats the entity found at the same place: the
    entity is not a person, is shorter ("أبو" of "أبو الغيط"), or is a guess
    outside the KB where the surname names a KB person."""
    if entity.label != "PER" or named.mention is None or entity.ne < named.mention[1]:
        return True
    guess = str(entity.data.get("id") or "").startswith("per:~")
    # a guess outside the KB that is only the last words of a person named in
    # full ("أبو ردينة" after "نبيل أبو ردينة"), or of a KB person
    return guess and named.id is not None and named.id != entity.data.get("id")


def _apposed_person(ctx: Context, i: int, limit: int) -> Speaker | None:
    """A person the entity stage found between commas after the phrase at
    ``i`` ("نائب المتحدث باسم الأمين العام، فرحان حق، للصحفيين")."""
    for j in range(i + 1, min(limit, i + MAX_APPOSITION)):
        word = ctx.word(j)
        if ctx.lex.is_complementizer(word) or ctx.lex.verb_kind(word):
            break
        entity = person_in_word(ctx, j)
        if entity is not None and ctx.comma_before(j):
            after = ctx.first_word(entity.ne)
            closed = after >= limit or ctx.comma_before(after)
            return from_entity(ctx, entity) if closed else None
    return None


def _closing_person(ctx: Context, i: int, limit: int) -> Speaker | None:
    """A person the entity stage found at the end of a role phrase ("الخبير
    حسن علي إن", "القيادي في حركة … محمد أبو زيد إن"); not one the phrase
    names through a preposition or a title ("مصدر مقرب من الرئيس …")."""
    for j in range(i + 1, min(limit, i + MAX_APPOSITION)):
        word = ctx.word(j)
        entity = person_in_word(ctx, j)
        if entity is not None:
            titled = bool(ctx.matches(j - 1, ctx.lex.role_heads)[0]) and j - 1 > i
            closes = _ends_subject(ctx, ctx.first_word(entity.ne), limit)
            return as_person(ctx, entity, limit) if closes and not titled else None
        if ctx.comma_before(j) or (word in ctx.lex.phrase_stops and word != "في"):
            return None
        if ctx.lex.is_complementizer(word) or ctx.lex.verb_kind(word):
            return None
    return None


def trailing_name(ctx: Context, i: int, limit: int, title: int = 1) -> Speaker | None:
    """A name closing a title the entity stage did not read as one ("رئيس
    مجلس مدينة الرقة مهند الجاسم إن", "القيادي في “الجبهة …” جمال الدين
    إن"): a given name and one or two more words right before the end of
    the subject (a comma, a colon, a complementizer, a verb or a preposition
    opening an adjunct: "… ريما خوري قبيل مغادرة"). The name starts after the
    ``title`` words ("المتحدث باسم": باسم is no given name there)."""
    stop = _subject_stop(ctx, i, limit)
    if stop is None:
        return None
    for k in range(i + max(1, title), stop - 1):
        word = ctx.word(k)
        if word in ctx.lex.phrase_stops and word != "في":
            return None  # "مصدر مقرب من الرئيس …": a name behind a preposition is not the speaker
        given = ctx.given_name_at(k)
        if not given or not 2 <= stop - k <= MAX_NAME + 1 or stop - k <= given:
            continue
        entity = ctx.entity_in_word(k)
        if entity is not None and entity.label == "PER":
            return None  # a person the entity stage found, and not the speaker
        if any(
            e.label == "ORG" and e.ns < ctx.words.ends[stop - 1]
            for e in ctx.entities_between(ctx.words.starts[k], ctx.words.ends[stop - 1] + 1)
        ) or any(
            (_not_a_subject(ctx, ctx.word(m)) and not ctx.given_name_at(m))  # علي / على
            or not ctx.word(m).isalpha()
            for m in range(k, stop)
        ):
            continue
        return _phrase_speaker(ctx, k, stop, PERSON)
    return None


def _subject_stop(ctx: Context, i: int, limit: int) -> int | None:
    """Where the subject starting at word ``i`` ends (exclusive): a comma, a
    colon, a complementizer, a verb or a preposition opening an adjunct; None
    when it runs on too long."""

    def ends(k: int) -> bool:
        word = ctx.word(k)
        return (
            ctx.comma_before(k)
            or ":" in ctx.gap(k - 1, k)
            or ctx.lex.is_complementizer(word)
            or bool(ctx.lex.verb_kind(word))
            or (word in ctx.lex.phrase_stops and word != "في")
        )

    stop = i + 1
    while stop < min(limit, i + MAX_APPOSITION + MAX_NAME) and not ends(stop):
        stop += 1
    return stop if stop >= limit or ends(stop) else None


def name_after_title(ctx: Context, i: int, limit: int, title: int = 1) -> Speaker | None:
    """A name closing a title that neither the entity stage nor the given
    names know, often a foreign one ("رئيس الاتحاد الدولي لكرة القدم (فيفا)
    جياني إنفانتينو", "المتحدث باسم وزارة الصحة العراقية سيف البدر"): the
    last two or three words of the subject, the first of them indefinite,
    after a title that ends on a definite word, an organisation or a closing
    parenthesis."""
    stop = _subject_stop(ctx, i, limit)
    if stop is None:
        return None
    for n in (2, MAX_NAME):
        k = stop - n
        if k >= i + max(1, title) and _name_after(ctx, k, stop):
            return _phrase_speaker(ctx, k, stop, PERSON)
    return None


def _name_after(ctx: Context, k: int, stop: int) -> bool:
    """Whether words ``k`` to ``stop`` read as a name closing a title: plain
    words, the first indefinite, no entity but a guessed person among them,
    and before them the end of a title (a definite word, an entity, ")")."""
    if k < 1:
        return False
    words = [ctx.word(m) for m in range(k, stop)]
    if words[0].startswith("ال") or any(
        not w.isalpha()
        or _not_a_subject(ctx, w)
        or w in ctx.lex.phrase_stops
        or w in ctx.lex.phrase_skips
        for w in words
    ):
        return False
    start, end = ctx.words.starts[k], ctx.words.ends[stop - 1]
    if ctx.entity_in_word(k) is not None or any(
        e.label != "PER" for e in ctx.entities_between(start, end)
    ):
        return False
    if any(ctx.gap(m - 1, m).strip() for m in range(k + 1, stop)):
        return False  # punctuation inside: not one name
    return (
        ")" in ctx.gap(k - 1, k)
        or ctx.word(k - 1).startswith("ال")
        or ctx.entity_ending_in_word(k - 1) is not None
    )


def full_name_before(ctx: Context, speaker: Speaker) -> Speaker | None:
    """A one-word subject that closes a name written in full earlier, after
    a title ("نظيره الإسباني خوسيه مانويل ألباريس" … "وقال ألباريس"): that
    name, as a person."""
    if speaker.id is not None or speaker.mention is None:
        return None
    words = ctx.words_in(*speaker.mention)
    if len(words) != 1:
        return None
    word = ctx.word(words[0])
    if (
        any(
            f in ctx.lex.org_heads or f in ctx.lex.documents or f in ctx.lex.role_heads.by_first
            for f in ctx.lex.forms(word)
        )
        or ctx.matches(words[0], ctx.lex.speaker_heads)[0]
    ):
        return None  # "وأكدت الوزارة": a noun that refers back, not a name
    for m in range(words[0] - 1, 0, -1):
        if ctx.word(m) != word:
            continue
        for n in (2, MAX_NAME):
            k = m + 1 - n
            if k >= 1 and _name_after(ctx, k, m + 1):
                return _phrase_speaker(ctx, k, m + 1, PERSON).at(speaker.mention)
    return None


def _titled(ctx: Context, i: int, limit: int, position: int) -> Speaker:
    """A title: the name apposed to it, else the person of the document
    holding it, else the title itself as a role."""
    end = phrase_end(ctx, i, limit)
    person = _person_in_subject(ctx, i, limit)
    if person is not None:
        return person
    title = ctx.matches(i, ctx.lex.role_heads)[0]
    apposed = (
        _apposition(ctx, end, limit)
        or trailing_name(ctx, i, limit, title)
        or name_after_title(ctx, i, limit, title)
    )
    if apposed is not None:
        return apposed
    end = _extended(ctx, end, limit)
    start, stop = ctx.words.starts[i], ctx.words.ends[end - 1]
    holder = role_holder(ctx, [ctx.word(k) for k in range(i, end)], start, stop, position)
    if holder is not None:
        return Speaker(holder.name, holder.id, PERSON, (start, stop))
    # "الوزير", "المسؤول" alone and held by nobody here: the one named before
    first = ctx.lex.strip_proclitic(ctx.word(i))
    anaphor = bare(first) if end - i == 1 and first.startswith("ال") else None
    return Speaker(ctx.text[start:stop], None, ROLE, (start, stop), anaphor, (start, stop))


#: after this the subject names someone else than the speaker ("مصدر مقرب من
#: الرئيس …"); not عن, which also means "for" ("النائب عن محافظة كركوك فلان")
_SOURCE_OF = frozenset({"من"})


def _person_in_subject(ctx: Context, i: int, limit: int) -> Speaker | None:
    """The person the entity stage found in the subject that starts with a
    title at word ``i`` ("وكيل الوزارة الدكتور عبدالعزيز الخضيري")."""
    persons: list[EntityRef] = []
    for j in range(i + 1, min(limit, i + MAX_APPOSITION)):
        word = ctx.word(j)
        if ctx.lex.is_complementizer(word) or ctx.lex.verb_kind(word) or word in _SOURCE_OF:
            break  # "مصدر مقرب من الرئيس …": whom the speaker is close to
        entity = person_in_word(ctx, j)
        if (
            entity is not None
            and entity not in persons
            and ctx.text[entity.ns : entity.ne] not in ctx.lex.documents  # "الوزير في تغريدة"
        ):
            persons.append(entity)
    if not persons:
        return None
    # a word of the title read as a person outside the KB ("المفوض السامي …
    # لشؤون اللاجئين فيليبو غراندي") gives way to a KB person after it
    known = [e for e in persons if not str(e.data.get("id") or "").startswith("per:~")]
    return as_person(ctx, known[0] if known else persons[0], limit)


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
    sentence = ctx.sentence_of(position)
    # the latest mention of each person before the statement, by any form
    # ("الأمير فيصل" after "وزير الخارجية … فيصل بن فرحان مع نظيره …")
    latest: dict[str, int] = {}
    for entity in ctx.entities:
        key = entity.data.get("id")
        if entity.label == "PER" and key and entity.ns < position:
            latest[key] = entity.ns
    candidates: list[tuple[tuple[int, int], EntityRef]] = []
    for entity in ctx.entities:
        role: dict[str, Any] = entity.data.get("role") or {}
        if entity.label != "PER" or not role.get("title"):
            continue
        surface = ctx.text[entity.ns : entity.ne]
        if surface in ctx.lex.documents or _not_a_subject(ctx, surface.split()[0]):
            continue  # "الوزير في تغريدة", "عن الوزير قوله": no name
        title_words = {bare(w) for w in normalize_string(role["title"]).split()}
        if head not in title_words:
            continue
        if orgs and role.get("org_id") not in orgs:
            continue
        if sentence is not None and position <= entity.ns < sentence[1]:
            continue  # later in the same sentence: it would be apposed to the title
        before = entity.ns < position
        last = latest.get(entity.data.get("id") or "", entity.ns)
        candidates.append(((0 if before else 1, -last if before else entity.ns), entity))
    if not candidates:
        return None
    entity = min(candidates, key=lambda c: c[0])[1]
    return Speaker(entity.data.get("name"), entity.data.get("id"), PERSON)


#: "أما" (normalised) opens a topic that a later ف-verb takes as its subject
_TOPIC_MARKERS = frozenset({"اما"})


def subject_before(ctx: Context, verb: int, sentence_start: int) -> Speaker | None:
    """A subject standing before its verb ("مصادر محلية أفادت بأن", "الوزير
    قال إن"): an entity ending right before the verb, or a speaker phrase that
    opens the sentence and reaches the verb."""
    skipped = verb
    while verb > 0 and ctx.word(verb - 1) in ctx.lex.phrase_skips:  # "كان الوزير قد قال"
        verb -= 1
    skipped = skipped != verb
    if verb == 0 or ctx.words.starts[verb - 1] < sentence_start:
        return None
    if (
        ctx.word(verb - 1) in _RELATIVES
        and verb > 1
        and ctx.words.starts[verb - 2] >= sentence_start
    ):
        # "نظيره العماني بدر البوسعيدي، الذي شدد": the noun the relative follows
        entity = ctx.entity_ending_in_word(verb - 2)
        if entity is not None and entity.ns >= sentence_start and entity.label in _ENTITY_TYPES:
            return from_entity(ctx, entity)
        return None
    topic = _topic(ctx, verb, sentence_start)
    if topic is not None:
        return topic
    aside = _aside_start(ctx, verb, sentence_start)
    if aside is not None:
        # "رئيس المجلس نبيه بري، من جهته، اعتبر أن": the name before the aside
        entity = ctx.entity_ending_in_word(aside - 1)
        if entity is not None and entity.ns >= sentence_start and entity.label in _ENTITY_TYPES:
            return from_entity(ctx, entity)
    entity = ctx.entity_ending_in_word(verb - 1)
    if entity is not None and entity.ns >= sentence_start and entity.label in _ENTITY_TYPES:
        return from_entity(ctx, entity)
    first = ctx.first_word(sentence_start)
    # "وكان الاتحاد … قد أعلن": كان and قد frame the subject
    framed = skipped and first < verb - 1 and ctx.word(first) in ctx.lex.copulas
    if framed:
        first += 1
    if verb - first > MAX_PHRASE or ctx.comma_before(verb):
        return None
    found = subject(ctx, first, verb, ctx.words.starts[verb])
    if (
        found is not None
        and found.mention is not None
        and (found.mention[1] >= ctx.words.ends[verb - 1] or (framed and found.typed))
    ):
        return found
    return None


def _topic(ctx: Context, verb: int, sentence_start: int) -> Speaker | None:
    """The topic of "أما X، الذي …، فقال": the phrase after أما speaks through
    the ف-verb, however long the relative clause between them."""
    first = ctx.first_word(sentence_start)
    if first + 1 >= verb or bare(ctx.word(first)) not in _TOPIC_MARKERS:
        return None
    if not ctx.word(verb).startswith("ف"):
        return None
    found = subject(ctx, first + 1, verb, ctx.words.starts[verb])
    return found if found is not None and found.typed else None


#: words an aside between commas may take ("، من جهته،", "، بدوره،")
_MAX_ASIDE = 3


def _aside_start(ctx: Context, verb: int, sentence_start: int) -> int | None:
    """The first word of a short aside set off by commas right before the verb
    ("…، من جهته، اعتبر"), or None."""
    if not ctx.comma_before(verb):
        return None
    for k in range(verb - 1, max(verb - 1 - _MAX_ASIDE, 0), -1):
        if ctx.words.starts[k] < sentence_start:
            return None
        if ctx.comma_before(k):
            return k if k - 1 >= 0 and ctx.words.starts[k - 1] >= sentence_start else None
    return None
