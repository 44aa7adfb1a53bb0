"""Finding event triggers in a sentence, and what the words before them do to them.

Matching runs on the words of the normalised text (:class:`Words`), one
sentence at a time. Each word is looked up under every clitic reading
(وقتل → و + قتل، بالقصف → بال + قصف), so the lexicon lists stems only. A
multi-word expression is tried first and wins over the words inside it; a word
inside an entity mention is never a trigger (الحشد in هيئة الحشد الشعبي). The
short jussive of a hollow verb is one only after لم (لم تستعد), and an event
noun after أي ("any": حذر من أي هجوم) is none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from marsad.entities.mentions import Words
from marsad.events.lexicon import (
    NOUN,
    PHRASE_GAP,
    PRESENT_PREFIXES,
    VERB,
    Phrase,
    Rule,
    marker_words,
    modifiers,
    normalized,
    role_markers,
    triggers,
)

#: proclitics that make the next word a noun (a preposition or the article)
_NOUN_PREFIX = re.compile(r"(ال|لل|^[وف]?[بك])$")
#: future proclitic: س، وس، فس
_FUTURE_PREFIX = frozenset({"س", "وس", "فس"})
_DIGITS = re.compile(r"\d+")
#: how many time words and counts (صباح أمس خمسة) may stand in an expression besides its gap
PHRASE_FREE = 3


@dataclass(slots=True)
class EventWords(Words):
    """Words with the set of stems of each word's readings, so that "is one of
    this word's readings in that lexicon" is one C-level set operation."""

    stem_sets: list[frozenset[str]] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> EventWords:
        # Words.of builds ``cls``; zero-argument super() fails in slotted dataclasses
        words = Words.of.__func__(cls, text)  # type: ignore[attr-defined]
        words.stem_sets = [frozenset(s for _, s in r) for r in words.all_readings()]
        return words


@dataclass(frozen=True, slots=True)
class Hit:
    """A trigger: words ``first..last`` (inclusive) of the document's words."""

    first: int
    last: int
    rule: Rule
    prefix: str  # the proclitic of the first word in the matched reading
    #: words inside a multi-word expression that are not part of it (أحرق متظاهرون أعلام)
    gaps: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Modality:
    negated: bool = False
    intended: bool = False
    violated: bool = False


# --- matching -------------------------------------------------------------------------


def stems(words: EventWords, i: int) -> list[tuple[str, str]]:
    return words.all_readings()[i]


#: possessive pronouns a later word of an expression may carry (أطلقوا صواريخهم)
_POSSESSIVES = ("هما", "هم", "هن", "ها", "ه")


def _possessed(words: EventWords, i: int, forms: frozenset[str]) -> bool:
    """Word ``i`` is one of ``forms`` with a possessive pronoun (صواريخهم، نيرانها)."""
    word = words.word(i)
    return any(
        word.endswith(suffix) and len(word) - len(suffix) >= 3 and word[: -len(suffix)] in forms
        for suffix in _POSSESSIVES
    )


def _phrase_end(
    words: EventWords,
    i: int,
    end: int,
    phrase: Phrase,
    blocked: set[int],
    adjectives: frozenset[int],
) -> tuple[int, tuple[int, ...]] | None:
    """Index of the last word of ``phrase`` starting at word ``i`` and the words
    between its parts, or None."""
    pos = i
    gaps: list[int] = []
    skip = modifiers()["skip"].forms
    for alternatives in phrase.words[1:]:
        found, budget = None, PHRASE_GAP
        for k in range(pos + 1, min(pos + 2 + PHRASE_GAP + PHRASE_FREE, end)):
            if has_form(words, k, alternatives) or _possessed(words, k, alternatives):
                found = k
                break
            if k in blocked and k not in adjectives:
                break  # an expression does not span across a name, but a nationality may
            if not (has_form(words, k, skip) or number_at(words, k) is not None):
                budget -= 1  # أطلقت صباح أمس خمسة صواريخ: times and counts are free
                if budget < 0:
                    break
        if found is None:
            return None
        gaps.extend(range(pos + 1, found))
        pos = found
    return pos, tuple(gaps)


def _word_rule(
    readings: list[tuple[str, str]],
    after_preposition: Callable[[], bool],
    short: dict[str, list[Rule]] | None = None,
) -> tuple[Rule, str] | None:
    """The rule of a single word: a noun reading after an article or a
    preposition (بالقتل، في دعم), a verb reading otherwise (قتل). A word with
    the article, or after a preposition, a number or a determiner (الطلاب، ألف
    طالب، كل طالب), is a noun: when the lexicon has only a verb for it, it is
    no trigger (طالب "student" is not طالب "he demanded"). ``short``: the
    jussive forms, when the word stands after لم."""
    lexicon = triggers()
    found: list[tuple[Rule, str, bool]] = []
    for prefix, stem in readings:
        rules = lexicon.words.get(stem)
        if rules is None and stem in lexicon.with_object:
            # قتلوه (a verb and its object) or, as a noun, على دعمه (his support)
            rules = lexicon.words[lexicon.with_object[stem]]
        if rules is None and short is not None:
            rules = short.get(stem)
        nominal = _nominal_prefix(prefix, stem)
        for rule in rules or ():
            found.append((rule, prefix, nominal))
    if not found:
        return None
    noun_context = after_preposition()
    kept = [
        (rule, prefix, nominal)
        for rule, prefix, nominal in found
        if rule.pos != VERB or not (noun_context or nominal)
    ]
    if not kept:
        return None

    def fit(item: tuple[Rule, str, bool]) -> int:
        rule, _, nominal = item
        return 0 if (rule.pos == NOUN) == (noun_context or nominal) else 1

    rule, prefix, _ = min(kept, key=fit)
    return rule, prefix


def _nominal_prefix(prefix: str, stem: str) -> bool:
    """The proclitic makes the word a noun: the article, ب or ك (بالقتل، بقصف), or
    ل before a form that is no imperfect (لقصف مدفعي is "to shelling", ليقصف a verb)."""
    if _NOUN_PREFIX.search(prefix):
        return True
    return prefix.lstrip("وف") == "ل" and stem[:1] not in PRESENT_PREFIXES


def find_triggers(
    words: EventWords,
    start: int,
    end: int,
    blocked: set[int],
    adjectives: frozenset[int] = frozenset(),
) -> list[Hit]:
    """Triggers among words ``start..end-1``, longest expression first, in order.
    ``blocked``: the words of entity mentions, where no trigger stands and which
    no expression spans, except the nationality ``adjectives`` (طائرة إسرائيلية مسيرة)."""
    hits: list[Hit] = []
    described = -1  # a verb at this word describes a noun after أي (أي غارة تستهدف)
    i = start
    while i < end:
        best = _match_at(words, i, start, end, blocked, adjectives, hits)
        if best is None:
            i += 1
            continue
        if best.rule.is_event and _nonspecific(words, i, start):
            described = best.last + 1
        elif best.rule.is_event and not (i == described and best.rule.pos == VERB):
            hits.append(best)
        i = best.last + 1
    return hits


def _match_at(
    words: EventWords,
    i: int,
    start: int,
    end: int,
    blocked: set[int],
    adjectives: frozenset[int],
    hits: list[Hit],
) -> Hit | None:
    """The trigger (or NONE expression) starting at word ``i``, longest first."""
    lexicon = triggers()
    short = lexicon.jussive if _after_jussive_particle(words, i, start) else None
    known = has_form(words, i, lexicon.keys) or (
        short is not None and has_form(words, i, lexicon.jussive_keys)
    )
    if i in blocked or not known:
        return None
    readings = stems(words, i)
    best: Hit | None = None
    for prefix, stem in readings:
        for phrase in lexicon.phrases.get(stem, ()):
            matched = _phrase_end(words, i, end, phrase, blocked, adjectives)
            if matched is not None and (best is None or matched[0] > best.last):
                best = Hit(i, matched[0], phrase.rule_for(stem), prefix, matched[1])
    if best is not None:
        return best
    single = _word_rule(
        readings,
        lambda: (
            (i > start and _noun_before(words, i - 1)) or _object_of_verb(words, i, hits, blocked)
        ),
        short,
    )
    return Hit(i, i, single[0], single[1]) if single is not None else None


def _after_jussive_particle(words: EventWords, i: int, start: int) -> bool:
    """Word ``i`` follows لم (``jussive`` in modifiers.tsv), which makes a hollow
    verb short: لم تستعد is the jussive of تستعيد."""
    return i > start and has_form(words, i - 1, modifiers()["jussive"].forms)


def _nonspecific(words: EventWords, i: int, start: int) -> bool:
    """An event noun after أي / أية (``any`` in modifiers.tsv: حذر من أي هجوم، ندد
    بأية غارة) names no event that happened, only any one that might; nor does a
    verb right after it, which describes it (أي غارة تستهدف المدنيين)."""
    return (
        i > start
        and not words.between(i - 1, i).strip()
        and has_form(words, i - 1, modifiers()["any"].forms)
    )


#: the longest subject between a trigger verb and a verbal noun that is its object, in words
OBJECT_GAP = 4


def _object_of_verb(words: EventWords, i: int, hits: list[Hit], blocked: set[int]) -> bool:
    """Word ``i`` stands right after a trigger verb and its subject (استنكرت
    الحكومة قصف الجيش للأحياء): it is the verb's object, a verbal noun, when the
    lexicon has it as a noun too. The subject is a name or nouns with the
    article, without punctuation; a word with a proclitic (وقصف) is left alone."""
    if not hits or hits[-1].rule.pos != VERB:
        return False
    gap = range(hits[-1].last + 1, i)
    if not 1 <= len(gap) <= OBJECT_GAP:
        return False
    if any(words.between(k, k + 1).strip() for k in range(hits[-1].last, i)):
        return False
    rules = triggers().words.get(words.word(i), [])
    if not any(r.pos == NOUN for r in rules) or not any(r.pos == VERB for r in rules):
        return False
    return all(k in blocked or any(p == "ال" for p, _ in stems(words, k)) for k in gap)


def _noun_before(words: EventWords, k: int) -> bool:
    """Word ``k`` makes the next word a noun: a preposition, a number or a
    determiner (في دعم، ألف طالب، كل طالب)."""
    if words.between(k, k + 1).strip():
        return False  # 2014، وسيطر: punctuation ends the phrase
    determiners = modifiers()["determiner"].forms
    return (
        has_form(words, k, prepositions())
        # not with the article: الأحد (Sunday) is no أحد (one of), فجر الأحد واعتدت
        or any(s in determiners and not p.endswith("ال") for p, s in stems(words, k))
        or number_at(words, k) is not None
    )


def prepositions() -> frozenset[str]:
    """Prepositions written as words (``preposition`` in modifiers.tsv): a noun follows them."""
    return modifiers()["preposition"].forms


# --- negation, intention, violation -----------------------------------------------------


def has_form(words: EventWords, i: int, forms: frozenset[str]) -> bool:
    """Whether one of the readings of word ``i`` is in ``forms``."""
    return not words.stem_sets[i].isdisjoint(forms)


def _is_future_verb(words: EventWords, i: int) -> bool:
    """س + an imperfect verb (سيعمل، ستستمر), told from nouns that start with
    س (سيارة، سنتين) by their endings."""
    for prefix, stem in stems(words, i):
        if (
            prefix in _FUTURE_PREFIX
            and len(stem) >= 4
            and stem[0] in "يتن"
            and not stem.endswith(("ه", "ات", "ين", "ء"))
        ):
            return True
    return False


def modality(words: EventWords, hit: Hit, sentence_start: int) -> Modality:
    """Negated (لم، لن، نفى، رفض ...), intended (سـ، سوف، تعهد، يعتزم ...) and, for
    AGREE, violated (خرق، انتهاك، لم يلتزم ب ...)."""
    cues = modifiers()
    negation, denial, intended = cues["negation"], cues["denial"], cues["intended"]
    widest = max(negation.window, denial.window, intended.window, cues["violation"].window)
    negated = is_intended = violated = committed = False
    if hit.rule.pos == VERB and hit.prefix in _FUTURE_PREFIX:
        is_intended = True
    for distance in range(1, widest + 1):
        k = hit.first - distance
        if k < sentence_start:
            break
        if distance <= negation.window and has_form(words, k, negation.forms):
            following = k + 1 < len(words) and has_form(words, k + 1, cues["continuation"].forms)
            negated = negated or not following
        if distance <= denial.window and has_form(words, k, denial.forms):
            negated = True
        if distance <= intended.window and (
            has_form(words, k, intended.forms) or _is_future_verb(words, k)
        ):
            is_intended = True
        if has_form(words, k, cues["commitment"].forms):
            committed = True
        if distance <= cues["violation"].window and has_form(words, k, cues["violation"].forms):
            violated = True
    if hit.rule.type == "AGREE" and negated and committed:
        violated = True  # لم تلتزم بوقف إطلاق النار: the agreement was not kept
    if negated and committed:
        is_intended = False  # a commitment that was not kept is not a plan
    return Modality(negated, is_intended, violated and hit.rule.type == "AGREE")


def governed_modality(
    words: EventWords, hit: Hit, verb: int, sentence_start: int, *, threatened: bool = False
) -> Modality:
    """The modality of a verbal noun that the verb at word ``verb`` governs: its
    own and the verb's (لم يقم الجيش بقصف، لم تتعرض البلدة لقصف: not done;
    ستتعرض المدينة لقصف: to come). What a threat is about is not done either
    (هدد المسلحون بقصف المطار): ``threatened`` makes it intended."""
    own = modality(words, hit, sentence_start)
    future = "س" if _is_future_verb(words, verb) else ""
    as_verb = Rule(hit.rule.type, hit.rule.mode, VERB, "-")
    theirs = modality(words, Hit(verb, verb, as_verb, future), sentence_start)
    return Modality(
        own.negated or theirs.negated,
        own.intended or theirs.intended or threatened,
        own.violated or theirs.violated,
    )


# --- casualties ---------------------------------------------------------------------------


@cache
def number_values() -> dict[str, int]:
    values: dict[str, int] = {}
    for markers in role_markers().get("number", []):
        for (item,) in markers.sequences:
            word, _, value = item.partition(":")
            values[normalized(word)] = int(value)
    return values


def number_at(words: EventWords, i: int) -> int | None:
    """The count written by word ``i``: digits (any script, already folded) or a
    number word, with or without a proclitic (وثلاثة)."""
    word = words.word(i)
    if _DIGITS.fullmatch(word):
        return int(word)
    values = number_values()
    for _, stem in stems(words, i):
        if stem in values:
            return values[stem]
    return None


def fatalities(words: EventWords, start: int, end: int, persons: set[int]) -> int | None:
    """The number killed that a sentence states: a count after or before a
    killing word (مقتل 15 شخصا، 18 قتيلا، قتل ثلاثة), or one person named or
    titled right after it (مقتل زعيم التنظيم). ``persons`` are the word indices
    where a person mention starts. The largest count wins."""
    casualty, one_person = marker_words("casualty"), marker_words("one_person")
    skip = modifiers()["skip"].forms | {"حوالي", "اكثر", "اقل", "على", "الاقل"}
    best: int | None = None
    for i in range(start, end):
        if not has_form(words, i, casualty):
            continue
        count = None
        for k in range(i + 1, min(i + 5, end)):
            count = number_at(words, k)
            if count is not None or not has_form(words, k, skip):
                break
        if count is None:
            for k in (i - 1, i - 2):
                if k >= start and (count := number_at(words, k)) is not None:
                    break
        named = i + 1 < end and (i + 1 in persons or has_form(words, i + 1, one_person))
        if count is None and named:
            count = 1
        if count is not None:
            best = max(best or 0, count)
    return best
