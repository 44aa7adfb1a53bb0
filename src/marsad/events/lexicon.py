"""The event lexicons (``data/events/``), compiled once per process.

* ``triggers.tsv``: words and expressions → PLOVER type and mode, with the
  part of speech that tells how roles attach (see the file's header);
* ``modifiers.tsv``: negation, denial, intention, commitment, violation cues
  and the words that may stand between a verb and its arguments;
* ``roles.tsv``: the prepositions and markers that attach actors, targets and
  places, and the common nouns that can be an actor or a victim;
* ``nisba.tsv``: adjectives of international bodies (أممية → the UN), read as
  nationality adjectives are.

Everything is normalised with :func:`marsad.text.normalize.normalize_string`, so
matching compares folded forms (أ → ا, ة → ه, no diacritics).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property

from marsad.resources import read_tsv
from marsad.text.normalize import normalize_string

#: person suffixes of a past-tense verb: قتل → قتلت، قتلا، قتلتا، قتلوا، قتلنا، قتلتم
PAST_SUFFIXES = ("", "ت", "ا", "تا", "وا", "نا", "تم")
#: person prefixes and suffixes of a present-tense verb: يقتل → تقتل، نقتل، يقتلون، يقتلان
PRESENT_PREFIXES = ("ي", "ت", "ن", "ا")
PRESENT_SUFFIXES = ("", "ون", "ان", "وا", "ين")
#: object pronouns a verb may carry (قتلوه، اعتقلهم), longest first
OBJECT_SUFFIXES = ("هما", "هم", "هن", "ها", "كم", "نا", "ه")
#: the longest gap (in words) allowed between two words of a multi-word expression
PHRASE_GAP = 2

VERB, PASSIVE, NOUN, PHRASE = "verb", "passive", "noun", "phrase"
NO_EVENT = "NONE"


@dataclass(frozen=True, slots=True)
class Rule:
    """One line of triggers.tsv, for one form: what the form means."""

    type: str
    mode: str
    pos: str  # verb, passive, noun (a phrase starting with a verb counts as verb)
    genitive: str  # actor, target or "-": what the word after a noun trigger is

    @property
    def is_event(self) -> bool:
        return self.type != NO_EVENT


@dataclass(frozen=True, slots=True)
class Phrase:
    """A multi-word expression: alternatives for each word, in order.
    ``verb_forms`` are the first-word forms that are verbs (قدم، يقدم): the
    expression then behaves as a verb, else (تقديم) as a noun."""

    words: tuple[frozenset[str], ...]
    rule: Rule
    verb_forms: frozenset[str] = frozenset()

    def rule_for(self, first: str) -> Rule:
        if self.rule.pos == PASSIVE or (first in self.verb_forms) == (self.rule.pos == VERB):
            return self.rule
        return Rule(self.rule.type, self.rule.mode, VERB if first in self.verb_forms else NOUN,
                    self.rule.genitive)  # fmt: skip


def normalized(form: str) -> str:
    return normalize_string(form.strip())


def conjugate(past: str, present: str) -> set[str]:
    """The common written forms of a regular verb from its past and present 3ms.

    Orthography does not mark voice, so قتل is also the passive قُتل; the role
    stage decides from the words around it."""
    forms = {past + suffix for suffix in PAST_SUFFIXES}
    stem = present[1:] if present[:1] in PRESENT_PREFIXES else present
    forms.update(p + stem + s for p in PRESENT_PREFIXES for s in PRESENT_SUFFIXES)
    return forms


def expand(alternative: str) -> set[str]:
    """A form of the lexicon: ``PAST/PRESENT`` (or ``PAST/PRESENT/JUSSIVE``)
    conjugated, or a literal word. The jussive forms are apart: see :func:`jussive`."""
    if "/" in alternative:
        past, present = (normalized(part) for part in alternative.split("/")[:2])
        return conjugate(past, present)
    return {normalized(alternative)}


def jussive(alternative: str) -> set[str]:
    """The short forms of ``PAST/PRESENT/JUSSIVE``: a hollow verb loses its long
    vowel after لم (يستعيد → لم يستعد، يزور → لم يزر). Only the singular is
    short (لم يستعيدوا keeps it, a present form). Empty for other forms."""
    parts = alternative.split("/")
    if len(parts) < 3:
        return set()
    short = normalized(parts[2])
    stem = short[1:] if short[:1] in PRESENT_PREFIXES else short
    return {prefix + stem for prefix in PRESENT_PREFIXES}


def _phrase(spec: str, rule: Rule) -> Phrase:
    words = tuple(
        frozenset(form for alt in word.split(",") for form in expand(alt)) for word in spec.split()
    )
    verbs = frozenset(f for alt in spec.split()[0].split(",") if "/" in alt for f in expand(alt))
    return Phrase(words, rule, verbs)


@dataclass
class TriggerLexicon:
    """Single-word triggers by normalised form, phrases by their first word."""

    words: dict[str, list[Rule]]
    phrases: dict[str, list[Phrase]]
    #: a verb form with an object pronoun (قتلوه، اعتقلهم) -> the verb form
    with_object: dict[str, str]
    #: the short forms of hollow verbs, triggers only after لم (لم تستعد): alone,
    #: تستعد is "prepares"
    jussive: dict[str, list[Rule]] = field(default_factory=dict)

    @cached_property
    def keys(self) -> frozenset[str]:
        """Every form that can start a trigger: a word not among them is skipped at once."""
        return frozenset(self.words) | frozenset(self.phrases) | frozenset(self.with_object)

    @cached_property
    def jussive_keys(self) -> frozenset[str]:
        return frozenset(self.jussive)


@cache
def triggers() -> TriggerLexicon:
    words: dict[str, list[Rule]] = defaultdict(list)
    phrases: dict[str, list[Phrase]] = defaultdict(list)
    short: dict[str, list[Rule]] = defaultdict(list)
    for row in read_tsv("events/triggers.tsv"):
        event_type, mode, pos, genitive, forms = row
        for spec in forms.split("|"):
            if pos == PHRASE or " " in spec.strip():
                first_is_verb = "/" in spec.split()[0]
                kind = PASSIVE if pos == PASSIVE else VERB if first_is_verb else NOUN
                rule = Rule(event_type, mode, kind, genitive)
                phrase = _phrase(spec, rule)
                for first in phrase.words[0]:
                    phrases[first].append(phrase)
            else:
                for form in expand(spec):
                    words[form].append(Rule(event_type, mode, pos, genitive))
                for form in jussive(spec):
                    short[form].append(Rule(event_type, mode, pos, genitive))
    for bucket in phrases.values():
        bucket.sort(key=lambda p: -len(p.words))  # longest expression first
    return TriggerLexicon(dict(words), dict(phrases), _with_object(words), dict(short))


def _with_object(words: dict[str, list[Rule]]) -> dict[str, str]:
    """Verb forms with each object pronoun; وا loses its alef before one (قتلوه)."""
    found: dict[str, str] = {}
    for form, rules in words.items():
        if not any(rule.pos == VERB for rule in rules):
            continue
        base = form[:-1] if form.endswith("وا") else form
        for suffix in OBJECT_SUFFIXES:
            found.setdefault(base + suffix, form)
    return found


@dataclass(frozen=True, slots=True)
class Cues:
    """A set of cue forms and how far before the trigger they count."""

    forms: frozenset[str]
    window: int


@cache
def modifiers() -> dict[str, Cues]:
    found: dict[str, Cues] = {}
    for kind, window, forms in read_tsv("events/modifiers.tsv"):
        found[kind] = Cues(
            frozenset(normalized(f) for f in forms.split("|")),
            int(window) if window.isdigit() else 0,
        )
    return found


@cache
def body_nisbas() -> dict[str, str]:
    """Adjectives of international bodies (``nisba.tsv``: أممية → org:un), normalised,
    to the id of the body."""
    return {
        normalized(form): ident
        for ident, forms in read_tsv("events/nisba.tsv")
        for form in forms.split("|")
    }


@dataclass(frozen=True, slots=True)
class Markers:
    """Role markers of one kind: word sequences (normalised, split into words)
    and the event types they apply to (empty = all)."""

    sequences: tuple[tuple[str, ...], ...]
    types: frozenset[str]

    def applies(self, event_type: str) -> bool:
        return not self.types or event_type in self.types

    @property
    def single(self) -> frozenset[str]:
        return frozenset(seq[0] for seq in self.sequences if len(seq) == 1)


@cache
def role_markers() -> dict[str, list[Markers]]:
    found: dict[str, list[Markers]] = defaultdict(list)
    for kind, types, forms in read_tsv("events/roles.tsv"):
        # PAST/PRESENT is a verb, conjugated as in triggers.tsv (بحث/يبحث)
        sequences = tuple(
            (form,) if "/" in f else tuple(normalized(f).split())
            for f in forms.split("|")
            for form in (sorted(expand(f) | jussive(f)) if "/" in f else [f])
        )
        scope = frozenset() if types == "*" else frozenset(types.split(","))
        found[kind].append(Markers(sequences, scope))
    return dict(found)


@cache
def marker_index(kind: str) -> dict[str, list[tuple[tuple[str, ...], Markers]]]:
    """Marker sequences of ``kind`` by their first word, longest first."""
    index: dict[str, list[tuple[tuple[str, ...], Markers]]] = defaultdict(list)
    for group in role_markers().get(kind, []):
        for seq in group.sequences:
            index[seq[0]].append((seq, group))
    for bucket in index.values():
        bucket.sort(key=lambda item: -len(item[0]))
    return dict(index)


@cache
def marker_starts(kind: str) -> frozenset[str]:
    """The first words of the markers of ``kind``."""
    return frozenset(marker_index(kind))


@cache
def marker_words(kind: str) -> frozenset[str]:
    """The one-word markers of ``kind`` for every type (actor nouns, victims ...)."""
    return frozenset(w for m in role_markers().get(kind, []) for w in m.single)
