"""Who did it and to whom: actor and target of a trigger, from the words around it.

Arguments are entity mentions (with their ids) or, when nobody is named, a
common-noun phrase (مسلحون مجهولون، المتظاهرون) from ``roles.tsv``. The rules
follow Arabic clause order:

* explicit markers win: an agent after من قبل / على يد / شنه (الهجوم الذي شنه X)
  and a target after ضد / بحق / على / مع / ل, as the event type allows;
* a verb's subject is the argument right before it (SVO, after إن / أن) or the
  first one after it (VSO); its object follows the subject;
* a passive verb, or an ambiguous killing verb followed by a count or a victim
  noun (قتل 18 شخصا), takes its first argument as the target;
* a verbal noun takes the word after it as actor or target (``genitive`` in
  triggers.tsv) and a nationality adjective after it as actor (الغارات الأميركية);
* "X بدعم من Y": Y supports X;
* an air strike with no actor takes the coalition or armed force named nearby.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marsad.events.lexicon import (
    NOUN,
    PASSIVE,
    marker_index,
    marker_starts,
    marker_words,
    modifiers,
    role_markers,
)
from marsad.events.triggers import EventWords, Hit, has_form, number_at, prepositions, stems

#: modes of killing/injuring verbs that are often passive without a mark (قتل = قُتل)
AMBIGUOUS_VOICE = frozenset({"kill", "injure", "abduct"})
#: organisation kinds that carry out air strikes (for "بضربة جوية" without an actor)
AIR_ACTOR_KINDS = frozenset({"coalition", "military", "government"})
PLACES = frozenset({"GPE", "LOC", "FAC"})
#: the longest argument phrase built from common nouns, in words
MAX_NP = 3
#: how far (words) arguments and explicit markers are looked for
WINDOW = 8
MARKER_WINDOW = 5
#: how far after a title (مقتل زعيم التنظيم، أبو بكر البغدادي) its person's name may come
APPOSITION = 6
_DAMMA = "\u064f"
SELF = "self"


@dataclass(slots=True)
class Arg:
    """An argument: words ``first..last`` and normalised span; ``mention`` is the
    entity span's data when it is an entity."""

    first: int
    last: int
    ns: int
    ne: int
    label: str = ""
    data: dict[str, Any] | None = None

    @property
    def id(self) -> str | None:
        return (self.data or {}).get("id")


@dataclass(slots=True)
class Clause:
    """What the role rules need about one sentence."""

    words: EventWords
    start: int  # first word of the sentence
    end: int  # one past its last word
    mentions: list[Arg]  # entity mentions in the sentence, in order
    by_word: dict[int, Arg]  # word index -> the mention covering it
    dates: set[int]  # words inside temporal expressions
    original: str = ""  # the original text, for diacritics (قُتل)
    to_original: Any = None  # normalised offset -> original offset
    triggers: set[int] = field(default_factory=set)  # first words of the sentence's triggers

    def mention_at(self, i: int) -> Arg | None:
        return self.by_word.get(i)


@dataclass(slots=True)
class Roles:
    actor: Arg | None = None
    target: Arg | None = None


def sequence_end(words: EventWords, i: int, end: int, kind: str, event_type: str) -> int | None:
    """One past the marker of ``kind`` (applying to ``event_type``) that starts
    at word ``i``, or None."""
    index = marker_index(kind)
    if not has_form(words, i, marker_starts(kind)):
        return None
    for _, stem in stems(words, i):
        for seq, group in index.get(stem, ()):
            if not group.applies(event_type) or i + len(seq) > end:
                continue
            if all(has_form(words, i + k, frozenset({w})) for k, w in enumerate(seq[1:], 1)):
                return i + len(seq)
    return None


def _skippable(clause: Clause, i: int) -> bool:
    words = clause.words
    return (
        i in clause.dates
        or number_at(words, i) is not None
        or has_form(words, i, modifiers()["skip"].forms)
    )


def _adjective_like(word: str) -> bool:
    return len(word) >= 4 and word.endswith(("ي", "يه", "يون", "يين", "يا"))


def noun_phrase(clause: Clause, i: int, *, actor: bool) -> Arg | None:
    """The argument starting at word ``i``: an entity mention, else a common noun
    (an actor noun, or for targets any content word) with the mentions and
    adjectives that follow it (مسلحون مجهولون، القوات الأميركية)."""
    words = clause.words
    mention = clause.mention_at(i)
    if mention is not None:
        return mention
    if has_form(words, i, modifiers()["function"].forms) or number_at(words, i) is not None:
        return None
    nouns = marker_words("actor_noun")
    reading = next((r for r in stems(words, i) if r[1] in nouns), None)
    if reading is None:
        if actor:
            return None
        reading = stems(words, i)[0]
    prefix = reading[0]
    cut = len(prefix) - 2 if prefix.endswith("ال") else len(prefix)
    last, data = i, None
    if i + 1 < clause.end and has_form(words, i, marker_words("quantity")):
        counted = noun_phrase(clause, i + 1, actor=actor)
        if counted is not None:  # عشرات المواطنين: the count and what it counts
            return Arg(i, counted.last, words.starts[i] + max(cut, 0), counted.ne, "", counted.data)
    while last + 1 < clause.end and last - i + 1 < MAX_NP:
        following = clause.mention_at(last + 1)
        if following is not None and following.label in ("NORP", "ORG", "GPE"):
            last, data = following.last, following.data
        elif following is None and _adjective_like(words.word(last + 1)):
            last += 1
        else:
            break
    return Arg(i, last, words.starts[i] + max(cut, 0), words.ends[last], "", data)


def _first_after(clause: Clause, i: int, *, actor: bool) -> Arg | None:
    """The first argument from word ``i`` on, past adverbs, dates and counts;
    a preposition ends the search (في بغداد is not a subject)."""
    words = clause.words
    for k in range(i, min(i + WINDOW, clause.end)):
        mention = clause.mention_at(k)
        if actor and mention is not None and mention.label in PLACES and _governed(clause, mention):
            return None  # بمدينة العريش: where, not who
        if clause.mention_at(k) is None and _skippable(clause, k):
            continue
        if clause.mention_at(k) is None and has_form(words, k, frozenset({"من"})):
            continue  # partitive: ثلاثة من عناصر
        if "،" in words.between(max(k - 1, i), k) and k > i:
            return None
        return noun_phrase(clause, k, actor=actor)
    return None


def _subject_before(clause: Clause, first: int, *, acting: bool = True) -> Arg | None:
    """The argument ending right before the verb (SVO), past negation,
    auxiliaries and adjectives (إن وحدة إسرائيلية خاصة اغتالت، القوات التركية لا
    تزال تستهدف)."""
    cues = modifiers()
    between = cues["negation"].forms | cues["continuation"].forms | cues["skip"].forms
    between |= cues["intended"].forms
    words = clause.words
    for k in range(first - 1, max(clause.start, first - 5) - 1, -1):
        mention = clause.mention_at(k)
        if mention is not None:
            return mention if not acting or _can_act(clause, mention) else None
        if has_form(words, k, marker_words("actor_noun")):
            return noun_phrase(clause, k, actor=True)
        word = words.word(k)
        if not (has_form(words, k, between) or _adjective_like(word) or word.endswith("ه")):
            return None
    return None


def _can_act(clause: Clause, mention: Arg) -> bool:
    """Places do not act (في بلدة خان بني سعد), countries do (تركيا لم تلتزم);
    nor does a mention governed by a preposition (ضد تنظيم داعش)."""
    if mention.label in PLACES and not (mention.id or "").startswith("gpe:"):
        return False
    return not _governed(clause, mention)


def _mention_before(clause: Clause, first: int, limit: int = 5) -> Arg | None:
    """The nearest entity mention before a noun trigger in the same clause
    (قسد ستستمر في التنسيق → قسد)."""
    words = clause.words
    for k in range(first - 1, max(clause.start, first - limit) - 1, -1):
        gap = words.between(k, k + 1)
        if "،" in gap or ")" in gap or has_form(words, k, frozenset({"مع", "ضد", "بحق"})):
            return None
        mention = clause.mention_at(k)
        if mention is not None and mention.label != "NORP":
            return mention if _can_act(clause, mention) else None
    return None


def _governed(clause: Clause, mention: Arg) -> bool:
    """Whether a preposition stands before the mention (ضد تنظيم داعش، لقسد):
    then it is an object, not a subject."""
    words = clause.words
    proclitic = words.text[words.starts[mention.first] : mention.ns]
    if any(letter in proclitic for letter in "بلك"):
        return True
    before = mention.first - 1
    return before >= clause.start and has_form(words, before, prepositions())


def _after_marker(clause: Clause, hit: Hit, kind: str, *, actor: bool) -> Arg | None:
    """The argument after a marker of ``kind`` following the trigger, before the
    next trigger or comma (a marker there belongs to another event)."""
    for k in range(hit.last + 1, min(hit.last + 1 + MARKER_WINDOW, clause.end)):
        if k in clause.triggers or "،" in clause.words.between(k - 1, k):
            return None
        end = sequence_end(clause.words, k, clause.end, kind, hit.rule.type)
        if end is not None:
            return _first_after(clause, end, actor=actor)
        if kind == "target" and _prefixed_target(clause, k, hit.rule.type):
            return clause.mention_at(k)
    return None


def _prefixed_target(clause: Clause, k: int, event_type: str) -> bool:
    """A mention written with the preposition ل (لقوات سوريا الديمقراطية) where
    the event type takes its target with ل."""
    mention = clause.mention_at(k)
    if mention is None or mention.first != k:
        return False
    prefixes = {"ل", "لل", "ول", "ولل"}
    takes_l = any(
        group.applies(event_type) and ("ل",) in group.sequences
        for group in role_markers().get("target", [])
    )
    return (
        takes_l
        and clause.words.starts[k] < mention.ns
        and any(p in prefixes for p, _ in stems(clause.words, k))
    )


def _looks_passive(clause: Clause, hit: Hit) -> bool:
    """قتل 18 شخصا / قُتل: a killing verb whose next argument is a count or a victim."""
    if hit.rule.pos == PASSIVE:
        return True
    if hit.rule.mode not in AMBIGUOUS_VOICE or hit.rule.pos == NOUN:
        return False
    if clause.original and clause.to_original is not None:
        ns = clause.words.starts[hit.first] + len(hit.prefix)
        start = clause.to_original(ns, ns + 1)[0]
        if clause.original[start + 1 : start + 2] == _DAMMA:
            return True
    words = clause.words
    victims = marker_words("victim")
    before = _subject_before(clause, hit.first)
    if before is not None and not has_form(words, before.first, victims):
        return False  # القوات الأميركية قتلت 11 مسلحا: a subject before the verb acts
    for k in range(hit.last + 1, min(hit.last + 1 + WINDOW, clause.end)):
        if number_at(words, k) is not None or has_form(words, k, victims):
            return True
        if not _skippable(clause, k):
            return False
    return False


def _direct_object(event_type: str) -> bool:
    return any(g.applies(event_type) for g in role_markers().get("direct_object", []))


def _supported_by(clause: Clause, hit: Hit) -> bool:
    end = sequence_end(clause.words, hit.first, clause.end, "supported_by", hit.rule.type)
    return end is not None


def _air_actor(clause: Clause, target: Arg | None, kinds: dict[str, str]) -> Arg | None:
    """For an air strike without actor: the coalition or armed force named in the sentence."""
    for mention in clause.mentions:
        if mention is not target and kinds.get(mention.id or "") in AIR_ACTOR_KINDS:
            return mention
    return None


def assign(clause: Clause, hit: Hit, kinds: dict[str, str]) -> Roles:
    """Actor and target of ``hit``; ``kinds`` gives the KB kind of entity ids."""
    roles = Roles(
        actor=_after_marker(clause, hit, "agent", actor=True),
        target=_after_marker(clause, hit, "target", actor=False),
    )
    after = hit.last + 1
    if _supported_by(clause, hit):
        roles.actor = _first_after(clause, after, actor=True)
        roles.target = _mention_before(clause, hit.first, limit=6) or roles.target
    elif _looks_passive(clause, hit):
        passive = hit.rule.pos == PASSIVE
        subject = _subject_before(clause, hit.first, acting=False) if passive else None
        roles.target = roles.target or subject or _first_after(clause, after, actor=False)
    elif hit.rule.genitive == SELF:
        roles.actor = roles.actor or _self(clause, hit)
    elif hit.rule.pos == NOUN:
        _nominal(clause, hit, roles)
    else:
        _verbal(clause, hit, roles)
    if roles.actor is None and hit.rule.mode in ("aerial", "drone"):
        roles.actor = _air_actor(clause, roles.target, kinds)
    if roles.actor is not None and roles.target is not None and _same(roles.actor, roles.target):
        roles.target = None
    return roles


def _self(clause: Clause, hit: Hit) -> Arg:
    """A noun that names who acted (المتظاهرون), with a nationality after it."""
    words = clause.words
    first = hit.first
    if first > clause.start and has_form(words, first - 1, marker_words("quantity")):
        first -= 1  # آلاف المتظاهرين
    prefix = hit.prefix if first == hit.first else stems(words, first)[0][0]
    start = words.starts[first] + len(prefix) - (2 if prefix.endswith("ال") else 0)
    following = clause.mention_at(hit.last + 1)
    if following is not None and following.label == "NORP":
        return Arg(first, following.last, start, following.ne, "", following.data)
    return Arg(first, hit.last, start, words.ends[hit.last])


def _verbal(clause: Clause, hit: Hit, roles: Roles) -> None:
    after = hit.last + 1
    subject = _subject_before(clause, hit.first)
    if subject is None:
        subject = _first_after(clause, after, actor=True)
        after = subject.last + 1 if subject is not None else after
    roles.actor = roles.actor or subject
    if roles.target is None and _direct_object(hit.rule.type):
        roles.target = _first_after(clause, after, actor=False)


def _nominal(clause: Clause, hit: Hit, roles: Roles) -> None:
    """The word after a verbal noun is its genitive, closer than any marker:
    it wins over a target found after ضد/على further on."""
    following = _first_after(clause, hit.last + 1, actor=False)
    adjacent = following is not None and following.first <= hit.last + 2
    if adjacent and following is not None:
        if following.label == "NORP":
            roles.actor = following
        elif hit.rule.genitive == "target":
            roles.target = _named_person(clause, following) or following
        elif hit.rule.genitive == "actor" and _actor_like(clause, following):
            roles.actor = following
    if roles.actor is None:
        roles.actor = _light_verb_subject(clause, hit) or _mention_before(clause, hit.first)


def _light_verb_subject(clause: Clause, hit: Hit) -> Arg | None:
    """قامت امرأة ... بتفجير نفسها: the subject of قام/نفذ before a ب-masdar."""
    if "ب" not in hit.prefix:
        return None
    light = modifiers()["light"]
    for k in range(hit.first - 1, max(clause.start, hit.first - light.window) - 1, -1):
        if has_form(clause.words, k, light.forms):
            subject = _first_after(clause, k + 1, actor=True)
            return subject if subject is not None and subject.last < hit.first else None
    return None


def _named_person(clause: Clause, arg: Arg) -> Arg | None:
    """A title without a name (زعيم التنظيم) followed by the person's name."""
    if arg.data is not None or not has_form(clause.words, arg.first, marker_words("one_person")):
        return None
    for k in range(arg.last + 1, min(arg.last + 1 + APPOSITION, clause.end)):
        mention = clause.mention_at(k)
        if mention is not None and mention.label == "PER":
            return mention
    return None


def _actor_like(clause: Clause, arg: Arg) -> bool:
    return arg.data is not None or has_form(clause.words, arg.first, marker_words("actor_noun"))


def _same(a: Arg, b: Arg) -> bool:
    return a.ns < b.ne and b.ns < a.ne
