"""Finding event triggers in a sentence, and what the words before them do to them.

Matching runs on the words of the normalised text (:class:`Words`), one
sentence at a time. Each word is looked up under every clitic reading
(وقتل → و + قتل، بالقصف → بال + قصف), so the lexicon lists stems only. A
multi-word expression is tried first and wins over the words inside it; a word
inside an entity mention is never a trigger (الحشد in هيئة الحشد الشعبي).
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
    words: EventWords, i: int, end: int, phrase: Phrase, blocked: set[int]
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
            if k in blocked:
                break  # an expression does not span across a name
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
    readings: list[tuple[str, str]], after_preposition: Callable[[], bool]
) -> tuple[Rule, str] | None:
    """The rule of a single word: a noun reading after an article or a
    preposition (بالقتل، في دعم), a verb reading otherwise (قتل). A word with
    the article, or after a preposition, a number or a determiner (الطلاب، ألف
    طالب، كل طالب), is a noun: when the lexicon has only a verb for it, it is
    no trigger (طالب "student" is not طالب "he demanded")."""
    lexicon = triggers()
    found: list[tuple[Rule, str]] = []
    for prefix, stem in readings:
        rules = lexicon.words.get(stem)
        if rules is None and stem in lexicon.with_object:
            # قتلوه (a verb and its object) or, as a noun, على دعمه (his support)
            rules = lexicon.words[lexicon.with_object[stem]]
        for rule in rules or ():
            found.append((rule, prefix))
    if not found:
        return None
    noun_context = after_preposition()
    found = [
        (rule, prefix)
        for rule, prefix in found
        if rule.pos != VERB or not (noun_context or _NOUN_PREFIX.search(prefix))
    ]
    if not found:
        return None

    def fit(item: tuple[Rule, str]) -> int:
        rule, prefix = item
        wants_noun = noun_context or bool(_NOUN_PREFIX.search(prefix))
        return 0 if (rule.pos == NOUN) == wants_noun else 1

    return min(found, key=fit)


def find_triggers(words: EventWords, start: int, end: int, blocked: set[int]) -> list[Hit]:
    """Triggers among words ``start..end-1``, longest expression first, in order."""
    lexicon = triggers()
    hits: list[Hit] = []
    i = start
    while i < end:
        if i in blocked or not has_form(words, i, lexicon.keys):
            i += 1
            continue
        readings = stems(words, i)
        best: Hit | None = None
        for prefix, stem in readings:
            for phrase in lexicon.phrases.get(stem, ()):
                matched = _phrase_end(words, i, end, phrase, blocked)
                if matched is not None and (best is None or matched[0] > best.last):
                    best = Hit(i, matched[0], phrase.rule_for(stem), prefix, matched[1])
        if best is None:
            single = _word_rule(
                readings,
                lambda k=i: (
                    (k > start and _noun_before(words, k - 1))
                    or _object_of_verb(words, k, hits, blocked)
                ),
            )
            if single is not None:
                best = Hit(i, i, single[0], single[1])
        if best is not None and best.rule.is_event:
            hits.append(best)
        i = best.last + 1 if best is not None else i + 1
    return hits


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
