"""Who did it and to whom: actor and target of a trigger, from the words around it.

Arguments are entity mentions (with their ids) or, when nobody is named, a
common-noun phrase (مسلحون مجهولون، المتظاهرون) from ``roles.tsv``. The rules
follow Arabic clause order:

* explicit markers win: an agent after من قبل / على يد / شنه (الهجوم الذي شنه X)
  and a target after ضد / بحق / على / مع / ل, as the event type allows;
* a verb's subject is the argument right before it (SVO, after إن / أن) or the
  first one after it (VSO); its object follows the subject;
* a passive verb, or an ambiguous killing verb that is followed by a count or
  a victim noun with no subject before it (قتل 18 شخصا) or that has a subject
  before it and no object after it (سبعة أشخاص قتلوا), takes that argument as
  the target;
* an argument inside a multi-word trigger is its subject (أحرق متظاهرون أعلام،
  لقي سبعة أشخاص مصرعهم);
* a verbal noun takes the word after it as actor or target (``genitive`` in
  triggers.tsv) and a nationality adjective after it as actor (الغارات الأميركية);
* "X بدعم من Y": Y supports X;
* an air strike with no actor takes the coalition or armed force named nearby,
  another assault an attacker noun of the sentence (انتحاري، مسلحون);
* a protest noun with no actor takes the protesters or group named before it
  in the clause (خرج آلاف الطلاب ... للاحتجاج).

An empty role is better than a wrong one: a function or time word, an
adjective, a verbal noun, a verb or an abstract noun never heads a role
(:func:`cannot_head`), and the target of a meeting, request, aid or agreement
is a party (:func:`_fits_party`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from marsad.events.lexicon import (
    NOUN,
    PASSIVE,
    marker_index,
    marker_starts,
    marker_words,
    modifiers,
    role_markers,
    triggers,
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
#: how far after a verbal noun its genitive may stand, past a count (مقتل ثلاثة من عناصر)
ADJACENT = 4
#: how many words (عملية، الهجوم) may stand between "المسؤولية عن" and the event it claims
CLAIM_GAP = 2
#: how far before a protest noun its protesters are looked for
PROTEST_WINDOW = 10
#: modes that say what came of an attack: the name before them is not their actor
OUTCOME_MODES = frozenset({"kill", "injure"})
#: how far after a title (مقتل زعيم التنظيم، أبو بكر البغدادي) its person's name may come
APPOSITION = 6
#: the longest apposition between commas between a subject and its verb, in words
APPOSED = 8
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
    #: words right after a noun trigger, where a nisba is its adjective (هدنة إنسانية)
    after_nouns: set[int] = field(default_factory=set)
    verbs: set[int] = field(default_factory=set)  # first words of the verb triggers
    #: the noun triggers, by their first word
    nouns: dict[int, Hit] = field(default_factory=dict)
    #: the event type of each trigger, by its first word
    types: dict[int, str] = field(default_factory=dict)

    def mention_at(self, i: int) -> Arg | None:
        return self.by_word.get(i)


@dataclass(slots=True)
class Roles:
    actor: Arg | None = None
    target: Arg | None = None
    #: the actor was not found next to the trigger but guessed from the sentence
    #: (an air force, an attacker noun): the other triggers of the event win
    guessed: bool = False
    #: a verb that is an event only with a party (بحث) found none: no event
    void: bool = False
    #: the first word of a noun trigger of the same type that is this verb's
    #: object or subject (استعادت القوات السيطرة على …): one event with it
    governs: int | None = None
    #: the verb that governs this verbal noun (قام بـ، تعرض لـ، تمكن من، هدد بـ): its
    #: negation and future are the noun's (لم يقم الجيش بقصف …: not done)
    governor: int | None = None
    #: the noun is what a threat or a warning is about (هدد بقصف، حذر من هجوم): not done
    threatened: bool = False
    #: the target is a thing the verb acts on (أسقطت الدفاعات طائرة مسيرة): a trigger
    #: inside it names that thing, no event of its own
    thing: bool = False


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


def is_a(words: EventWords, i: int, kind: str) -> bool:
    """Whether word ``i`` is a ``kind`` noun of roles.tsv, also with the
    accusative alif (مقاتلا، مسلحا) when the lexicon lists the bare form."""
    forms = marker_words(kind)
    if has_form(words, i, forms):
        return True
    for s in words.stem_sets[i]:
        if len(s) > 3 and s.endswith("ا") and s[:-1] in forms:
            return True
        if len(s) > 4 and s.endswith(_PLURAL) and s[:-2] in forms:
            return True  # شرطيين، مسلحان: the dual or plural of a listed singular
        if len(s) > 4 and s.endswith("و") and s + "ن" in forms:
            return True  # مقاتلو المعارضة: a sound plural in construct
    return False


def _w(kind: str) -> frozenset[str]:
    """The words of ``kind`` in modifiers.tsv (على، من، ثم، كان …), normalised."""
    return modifiers()[kind].forms


def _skippable(clause: Clause, i: int) -> bool:
    words = clause.words
    return (
        i in clause.dates
        or number_at(words, i) is not None
        or has_form(words, i, modifiers()["skip"].forms)
        or (
            has_form(words, i, _w("on"))
            and i + 1 < clause.end
            and has_form(words, i + 1, _w("least"))
        )
    )


_PLURAL = ("ين", "ون", "ان")
#: a dateline or label ends before these (بغداد - قتل، رويترز: خرج): nothing before is a subject
_DASHES = ("-", "–", "—", ":")
_COMMAS = ("،", ",", "؛", ";")
#: a preposition or conjunction with the article: the word is not a verb's object
_GOVERNING = ("بال", "لل", "وال", "فال", "كال")


def _comma(gap: str) -> bool:
    """A comma or semicolon, Arabic or Latin (، , ؛ ;), in the text between two
    words: a clause boundary."""
    return any(mark in gap for mark in _COMMAS)


def _aside_comma(clause: Clause, k: int) -> bool:
    """The comma before word ``k`` opens or closes a date set off by commas
    (سيطرت الحركة، أمس الأحد، على المدينة؛ قصف الجيش، صباح اليوم، مواقع):
    an aside, not a clause boundary."""
    words, dates = clause.words, clause.dates
    j = k
    while j < clause.end and j in dates:
        j += 1
    if j > k and j < clause.end and _comma(words.between(j - 1, j)):
        return True  # it opens one
    j = k - 1
    if j not in dates:
        return False
    while j - 1 >= clause.start and j - 1 in dates and not _comma(words.between(j - 1, j)):
        j -= 1
    return j - 1 >= clause.start and _comma(words.between(j - 1, j))  # it closes one


def _adjective_like(word: str) -> bool:
    return len(word) >= 4 and word.endswith(("ي", "يه", "يون", "يين", "يا"))


def _adjective_at(words: EventWords, i: int) -> bool:
    """Word ``i`` looks like an adjective (:func:`_adjective_like`) and is no
    kind of place (القرية، الناحية: a noun in ـية)."""
    return _adjective_like(words.word(i)) and not has_form(words, i, marker_words("place"))


def _definite(words: EventWords, i: int) -> bool:
    return any(p.endswith(("ال", "لل")) for p, _ in stems(words, i))


def agree(words: EventWords, i: int, j: int) -> bool:
    """Whether words ``i`` and ``j`` can be a noun and its adjective: same
    definiteness, not a nominative plural next to an oblique one (مفجرون
    انتحاريون، but not انتحاريون سياسيين), and not a sound masculine plural next
    to a feminine singular (المسلحون القرية: the next argument)."""
    if _definite(words, i) != _definite(words, j):
        return False
    a, b = words.word(i), words.word(j)
    if {a[-2:], b[-2:]} & {"ون", "ين"} and "ه" in (a[-1], b[-1]):
        return False
    return not {"ون", "ين"} <= {a[-2:], b[-2:]}


def _derived_masdar(stem: str) -> bool:
    """A verbal noun of a derived verb, told by its pattern (normalised, ة → ه):
    تفعّل (تبرع), إفعال (ايصال), افتعال/انفعال (اتخاذ، انسحاب), استفعال (استعاده), تفعيل
    (تقديم), تفاعل (تعاون), مفاعلة (مغادره), also in the plural (امدادات)."""
    forms = [stem]
    if stem.endswith("ات") and len(stem) > 5:
        forms += [stem[:-2], stem[:-2] + "ه"]
    for s in forms:
        n = len(s)
        if (
            (n == 4 and s[0] == "ت")  # تفعل: تبرع، تأخر
            or (n == 5 and s[0] == "ا" and s[3] == "ا")
            or (n == 6 and s[0] == "ا" and s[4] == "ا")
            or (n >= 6 and s.startswith("است") and "ا" in (s[-2], s[-3]))
            or (n == 5 and s[0] == "ت" and (s[3] == "ي" or s[2] == "ا"))
            or (n == 6 and s[0] == "م" and s[2] == "ا" and s[-1] == "ه")
        ):
            return True
    return False


def _imperfect_verb(prefix: str, stem: str) -> bool:
    """يطال، يشمل، ويرتديها: a present-tense verb (no article, ي + three letters or more)."""
    return prefix in ("", "و", "ف") and len(stem) >= 4 and stem[0] == "ي"


def is_person_or_thing(words: EventWords, i: int) -> bool:
    """A noun of roles.tsv that names who acts or suffers or what is hit."""
    return (
        is_a(words, i, "actor_noun")
        or is_a(words, i, "victim")
        or has_form(words, i, marker_words("target_noun"))
    )


def _nisba_adjective(clause: Clause, i: int) -> bool:
    """An adjective in ـية (إنسانية، الأممية), or in ـي / ـيا right after a noun
    trigger (عمل استخباراتي، دعما دوليا). A plural in ـيين / ـيون names people
    (سياسيين، مدنيين), and "13 عراقيا" is a count of people."""
    word = clause.words.word(i)
    if len(word) < 4 or has_form(clause.words, i, marker_words("place")):
        return False  # قرية، ناحية: kinds of place, not adjectives
    if word.endswith("يه"):
        return True
    return i in clause.after_nouns and word.endswith(("ي", "يا"))


def cannot_head(clause: Clause, i: int) -> bool:
    """Word ``i`` (not inside an entity mention) cannot head an actor or target:
    a function or time word (قبيل، خلال), an adjective (عنيفة، إنسانية), a verbal
    noun (الحفاظ، وإيصال، استعادة) or a verb (يشمل، وأضاف، مضيفا) — also behind
    a conjunction. Nouns of roles.tsv (التحالف، أطفال) always can."""
    words = clause.words
    cues = modifiers()
    if has_form(words, i, cues["function"].forms | cues["time"].forms):
        return True
    if is_person_or_thing(words, i):
        return False
    never = (
        marker_words("adjective")
        | marker_words("verbal_noun")
        | marker_words("verb")
        | marker_words("abstract")
    )
    if has_form(words, i, never) or _nisba_adjective(clause, i):
        return True
    return any(
        _derived_masdar(stem) or _imperfect_verb(prefix, stem) for prefix, stem in stems(words, i)
    )


def _title_name(clause: Clause, arg: Arg) -> Arg:
    """A title (الأمين العام للأمم المتحدة، رئيس الجمهورية) runs to the person
    named right after it, before any comma or trigger."""
    words = clause.words
    if clause.mention_at(arg.first) is not None or not is_a(words, arg.first, "title"):
        return arg
    for k in range(arg.last + 1, min(arg.first + APPOSITION, clause.end)):
        if _comma(words.between(k - 1, k)) or k in clause.triggers:
            break
        mention = clause.mention_at(k)
        if mention is not None:
            if mention.label == "PER" and _governed(clause, mention):
                break  # التقى الرئيس بوفد: not his name
            if mention.label == "PER":
                return Arg(arg.first, mention.last, arg.ns, mention.ne, "", mention.data)
            continue
        if has_form(words, k, marker_words("verb")) or any(
            _imperfect_verb(p, s) for p, s in stems(words, k)
        ):
            break  # رئيس حكومة تصريف الأعمال عادل عبد المهدي; not past a verb
    return arg


def _place_named(clause: Clause, mention: Arg) -> bool:
    """A place written with its kind (قرية باريشا، مدينة حلب): a place, not the
    genitive of the noun before it (الطائرات قرية باريشا). The kind is inside
    the mention or, as entity spans leave it out, the word before it."""
    words = clause.words
    if sequence_end(words, mention.first, mention.last + 1, "place", "*") is not None:
        return True
    before = mention.first - 1
    return before >= clause.start and _kind_of_place(clause, before, mention)


def _kind_of_place(clause: Clause, i: int, mention: Arg) -> bool:
    """Word ``i`` is a kind of place (قرية، مدينة) naming the place ``mention``
    that follows it."""
    return (
        mention.label in ("GPE", "LOC", "FAC")
        and mention.first == i + 1
        and sequence_end(clause.words, i, i + 1, "place", "*") is not None
    )


def noun_phrase(clause: Clause, i: int, *, actor: bool) -> Arg | None:
    """The argument starting at word ``i``: an entity mention, else a common noun
    (an actor noun, or for targets any content word) with the mentions and
    adjectives that follow it (مسلحون مجهولون، القوات الأميركية)."""
    words = clause.words
    mention = clause.mention_at(i)
    if mention is not None:
        return mention
    named = clause.mention_at(i + 1)
    function = has_form(words, i, modifiers()["function"].forms)
    if named is not None and not function and _kind_of_place(clause, i, named):
        # "قرية باريشا": the place with its kind, as one argument
        return Arg(i, named.last, words.starts[i], named.ne, named.label, named.data)
    counted = _counted_phrase(clause, i, actor=actor)
    if counted is not None:
        return counted  # عدد من الطلاب، بعض الفدائيين: the count and what it counts
    if function or number_at(words, i) is not None:
        return None
    if not is_a(words, i, "actor_noun"):
        body = _body_adjective(clause, i)  # وكالات أممية: the body acts
        if not body and (actor or cannot_head(clause, i)):
            return None
        reading = stems(words, i)[0]
    else:
        nouns = marker_words("actor_noun")
        reading = next((r for r in stems(words, i) if r[1] in nouns), stems(words, i)[0])
    prefix = reading[0]
    cut = len(prefix) - 2 if prefix.endswith("ال") else len(prefix)
    last, data = i, None
    while last + 1 < clause.end and last - i + 1 < MAX_NP:
        if _comma(words.between(last, last + 1)):
            break  # الجيش، الذي: the phrase ends at a comma
        following = clause.mention_at(last + 1)
        named_place = following is not None and _place_named(clause, following)
        if following is not None and _coordinated(clause, last + 1):
            break  # مسلحين والجيش السوري: the next of a list, not a genitive
        if following is not None and following.label in ("ORG", "GPE") and not named_place:
            if _definite(words, last):
                break  # المعارضة قوات الأمن: a noun with the article heads no construct
            last, data = following.last, following.data  # قوات التحالف
        elif following is not None and following.label == "NORP" and agree(words, last, last + 1):
            last, data = following.last, following.data  # جنود إسرائيليون
        elif following is not None and last == i and _body_adjective(clause, i):
            last, data = following.last, following.data  # وكالات أممية
        elif (
            following is None
            and not has_form(words, last + 1, modifiers()["function"].forms)
            and (_adjective_at(words, last + 1) or is_a(words, last + 1, "attacker"))
            and agree(words, last, last + 1)
        ):  # مسلحون مجهولون
            last += 1
        elif last == i and _construct_genitive(clause, i, last + 1, actor=actor):
            last += 1  # مواقع المسلحين، منازل المدنيين: the head and its genitive
        else:
            break
    arg = Arg(i, last, words.starts[i] + max(cut, 0), words.ends[last], "", data)
    return _title_name(clause, arg)


def _body_adjective(clause: Clause, i: int) -> bool:
    """The noun at word ``i`` is described by the adjective of an international
    body (``nisba.tsv``: وكالات أممية، بعثة أممية): it names that body, which acts."""
    following = clause.mention_at(i + 1)
    return (
        following is not None
        and following.label == "NORP"
        and (following.id or "").startswith("org:")
        and not has_form(clause.words, i, modifiers()["function"].forms | modifiers()["time"].forms)
        and _article(clause.words.word(i)) == _article(clause.words.word(i + 1))
    )


def _article(word: str) -> bool:
    """The word starts with the article, after و / ف at most (not وكالات = و + ك + ال)."""
    return word.startswith(("ال", "وال", "فال"))


def _construct_genitive(clause: Clause, head: int, k: int, *, actor: bool) -> bool:
    """Word ``k`` is the definite genitive of the common noun at word ``head``
    (إضافة: مواقع المسلحين، منازل المدنيين، سكان القرية). The head has no article
    and is no sound plural or dual with its ن nor an accusative with tanween
    (مسلحون، مقاتلا: a noun in construct loses them, so a definite noun after
    them is the next argument); the genitive has the article and no preposition
    or conjunction (بالمدنيين، والمدنيين), is no date or time word (اليوم،
    الليلة الماضية), no trigger, no word that cannot head a role, and not the
    subject of a verb right after it (… المسلحون قتلوا). For a subject the
    genitive is a group (عناصر التنظيم، مقاتلو المعارضة) and the head no attacker
    noun: after a verb, "مسلح المسجد" is the subject and its object. A title
    takes its office (وزير الخارجية، قائد الشرطة), also a noun in ـية."""
    words = clause.words
    title = is_a(words, head, "title")
    if actor and not title and (not is_a(words, k, "actor_noun") or is_a(words, head, "attacker")):
        return False
    if k >= clause.end or clause.mention_at(k) is not None or clause.mention_at(head) is not None:
        return False
    if _definite(words, head) or k in clause.triggers or k in clause.dates:
        return False
    noun = words.word(head)
    if len(noun) >= 5 and noun.endswith(("ون", "ين", "ان")):
        return False  # مسلحون الجيش: two arguments
    if noun.endswith("ا") and not noun.endswith(("يا", "اا")):
        return False  # مقاتلا، جنودا: the tanween of an indefinite noun
    if not any(prefix == "ال" for prefix, _ in stems(words, k)) or not words.word(k).startswith(
        "ال"
    ):
        return False
    if _skippable(clause, k):
        return False
    if title:
        # وزير الخارجية، قائد الشرطة: a title's genitive names its office, a nisba too
        cues = modifiers()
        stops = cues["function"].forms | cues["time"].forms | marker_words("verb")
        if has_form(words, k, stops):
            return False
    elif cannot_head(clause, k):
        return False
    following = k + 1
    return not (
        following < clause.end
        and following in clause.verbs
        and not stems(words, following)[0][0].startswith(("و", "ف"))
        and not _comma(words.between(k, following))
    )


def _counted_phrase(clause: Clause, i: int, *, actor: bool) -> Arg | None:
    """A quantity head (``quantity`` in roles.tsv: عشرات، آلاف، عدد، بعض) and the
    noun it counts, right after it or after من (عشرات المواطنين، عدد من الطلاب،
    بعض الفدائيين), as one argument; None when no noun that can be a role follows."""
    words = clause.words
    if i + 1 >= clause.end or clause.mention_at(i) is not None:
        return None
    if not has_form(words, i, marker_words("quantity")):
        return None
    of = i + 2 if i + 2 < clause.end and has_form(words, i + 1, _w("from")) else i + 1
    if _comma(words.between(i, of)):
        return None
    counted = noun_phrase(clause, of, actor=actor)
    if counted is None:
        return None
    quantities = marker_words("quantity")
    prefix = next((p for p, stem in stems(words, i) if stem in quantities), "")
    cut = len(prefix) - 2 if prefix.endswith("ال") else len(prefix)
    return Arg(i, counted.last, words.starts[i] + max(cut, 0), counted.ne, "", counted.data)


def _first_after(clause: Clause, i: int, *, actor: bool) -> Arg | None:
    """The first argument from word ``i`` on, past adverbs, dates and counts;
    a preposition ends the search (في بغداد is not a subject)."""
    words = clause.words
    for k in range(i, min(i + WINDOW, clause.end)):
        mention = clause.mention_at(k)
        if actor and mention is not None and mention.label in PLACES and _governed(clause, mention):
            return None  # بمدينة العريش: where, not who
        if mention is None and has_form(words, k, _w("result")) and not _still(words, k + 1):
            return None  # ما أسفر عن: a new clause
        if clause.mention_at(k) is None and _skippable(clause, k):
            continue
        if clause.mention_at(k) is None and has_form(words, k, _w("from")):
            continue  # partitive: ثلاثة من عناصر
        if _comma(words.between(max(k - 1, i), k)) and k > i and not _aside_comma(clause, k):
            return None
        if k in clause.triggers and mention is None and not is_a(words, k, "actor_noun"):
            return None  # انفجار سيارة مفخخة: another trigger, not an argument
        return noun_phrase(clause, k, actor=actor)
    return None


def _still(words: EventWords, i: int) -> bool:
    """ما زال / لا يزال: "still", not a negation nor a new clause."""
    return i < len(words) and has_form(words, i, modifiers()["continuation"].forms)


def _subject_before(
    clause: Clause, first: int, *, acting: bool = True, prefix: str = "", matter: bool = False
) -> Arg | None:
    """The subject before the verb at word ``first``: the argument right before
    it (:func:`_adjacent_subject`), else the noun after كان in "كان X … قد
    فعل" (:func:`_kana_frame`)."""
    subject = _adjacent_subject(clause, first, acting=acting, prefix=prefix, matter=matter)
    if subject is not None and prefix.startswith(("و", "ف")) and subject.first - 1 in clause.verbs:
        return None  # استهدفت الجيش في البلدة وخطفوا: the noun is the first verb's object
    if subject is None:
        subject = _kana_frame(clause, first, acting=acting)
    return subject


def _kana_frame(clause: Clause, first: int, *, acting: bool) -> Arg | None:
    """كان + subject + قد + verb (the pluperfect: وكانت كتائب X، الجناح العسكري
    لحركة Y قد أطلقت): the noun right after كان is the subject of the verb, past
    an apposition or a partitive between them. Without قد, the subject is a
    noun phrase and at most two more words (a name the entity stage does not
    know: وكان أنصار فلان قاموا). No trigger, verb, complementizer, clause
    opener or dash stands between كان and the verb."""
    words = clause.words
    qad = first - 1 >= clause.start and has_form(words, first - 1, _w("qad"))
    reach = APPOSED + 4 if qad else 4
    stops = modifiers()["complementizer"].forms | _w("clause_start")
    kana = None
    for j in range(first - 1, max(clause.start, first - reach) - 1, -1):
        if any(dash in words.between(j, j + 1) for dash in _DASHES):
            return None
        if clause.mention_at(j) is not None:
            continue
        if has_form(words, j, _w("kana")):
            kana = j
            break
        if j in clause.triggers or has_form(words, j, stops | marker_words("verb")):
            return None
        if not qad and _comma(words.between(j, j + 1)):
            return None
    if kana is None or kana + 1 >= first - (1 if qad else 0):
        return None
    k = kana + 1
    mention = clause.mention_at(k)
    if mention is not None:
        subject: Arg | None = mention if not acting or _can_act(clause, mention) else None
    elif cannot_head(clause, k) or _skippable(clause, k) or words.word(k).startswith(_GOVERNING):
        return None
    else:
        subject = noun_phrase(clause, k, actor=False)
    if subject is None or subject.last >= first:
        return None
    if not qad:
        between = range(subject.last + 1, first)
        if len(between) > 2 or any(
            clause.mention_at(j) is not None
            or has_form(words, j, modifiers()["function"].forms)
            or _skippable(clause, j)
            for j in between
        ):
            return None
        if len(between):  # وكان أنصار فلان قاموا: the name is part of the subject
            subject = Arg(subject.first, first - 1, subject.ns, words.ends[first - 1],
                          subject.label, subject.data)  # fmt: skip
    return subject


def _adjacent_subject(
    clause: Clause, first: int, *, acting: bool = True, prefix: str = "", matter: bool = False
) -> Arg | None:
    """The argument ending right before the verb (SVO), past negation,
    auxiliaries and adjectives (إن وحدة إسرائيلية خاصة اغتالت، القوات التركية لا
    تزال تستهدف)."""
    cues = modifiers()
    between = cues["negation"].forms | cues["continuation"].forms | cues["skip"].forms
    between |= cues["intended"].forms | _chain_verbs()
    words = clause.words
    k, budget, skipped_place, apposed = first - 1, 5, False, False
    while k >= clause.start and budget > 0:
        gap = words.between(k, k + 1)
        if any(dash in gap for dash in _DASHES):
            return None  # بغداد - قُتل: a dateline
        if _comma(gap) and (prefix.startswith(("و", "ف")) or skipped_place):
            return None  # عملية "ردع العدوان"، وسيطرت: the verb goes with the one before
        opening = _opening_comma(clause, k) if _comma(gap) and not apposed else None
        if opening is not None:
            # كتائب القسام، الجناح العسكري لحركة حماس، قد أطلقت: past the apposition
            k, apposed = opening, True
            continue
        if k + 1 == first and acting:
            speaker = _speaker(clause, k, matter=matter)
            if speaker is not None:
                return speaker  # أعلنت الشرطة أنها اعتقلت: the pronoun is the speaker
        if has_form(words, k, cues["complementizer"].forms):
            return None  # قال المتحدث إنه قتل: the reported clause starts here
        mention = clause.mention_at(k)
        if mention is not None:
            if _modifier(clause, mention):
                return None  # مصدر أمني عراقي، استهدفت: the source's nationality
            before = _place_phrase(clause, mention) if acting and not skipped_place else None
            if before is not None:
                # المتظاهرون في ساحة التحرير رددوا: past the place to the subject
                k, skipped_place = before, True
                continue
            return mention if not acting or _can_act(clause, mention) else None
        if is_a(words, k, "actor_noun"):
            run = _noun_run(clause, k)
            if run is not None and clause.mention_at(run.first) is None and _governed(clause, run):
                return None  # عمليات ضد الجيش المالي ... وخطفوا: an object, not the subject
            return run
        if has_form(words, k, cues["relative"].forms):
            return _antecedent(clause, k, acting=acting)
        word = words.word(k)
        if not (has_form(words, k, between) or _skippable(clause, k)):
            kana = _kana_subject(clause, k, first)
            if kana is not None or not (_adjective_like(word) or word.endswith("ه")):
                return kana
        k, budget = k - 1, budget - 1
    return None


@cache
def _chain_verbs() -> frozenset[str]:
    """Control and light verbs right before a verb or a light verb (بدأت بشن،
    واصلت تقصف): transparent between the subject and the verb."""
    return _control_forms("*") | modifiers()["light"].forms


def _opening_comma(clause: Clause, k: int) -> int | None:
    """For a phrase ending at word ``k`` before a comma, the word before the comma
    that opens it when the phrase is an apposition or a relative clause between
    two commas (X، الجناح العسكري لY، أطلق; الجيش، الذي يسيطر على المدينة، قصف;
    الشرطة، فجر اليوم، اعتقلت): no complementizer or clause opener inside, no
    trigger unless it is a relative clause, and at most APPOSED words."""
    words = clause.words
    stops = modifiers()["complementizer"].forms | _w("clause_start")
    triggered = False
    for j in range(k, max(clause.start, k - APPOSED) - 1, -1):
        if has_form(words, j, stops):
            return None
        triggered = triggered or j in clause.triggers
        if j - 1 >= clause.start and _comma(words.between(j - 1, j)):
            first = words.word(j)
            if j == k or (first.startswith(("و", "ف")) and clause.mention_at(j) is None):
                return None  # a list or a new clause, not an apposition
            relative = has_form(words, j, modifiers()["relative"].forms)
            return j - 1 if relative or not triggered else None
    return None


def _speaker(clause: Clause, comp: int, *, matter: bool = False) -> Arg | None:
    """Word ``comp`` is a complementizer with a subject pronoun (أنها، إنه، بأنهم):
    the pronoun refers to the subject of the reporting verb before it (أعلنت
    الشرطة أنها اعتقلت؛ قال الجيش إنه قصف). With ``matter``, the masculine
    singular إنه / أنه is the pronoun of the matter (ضمير الشأن: قال إنه قُتل
    خمسة أشخاص) and refers to no one."""
    words = clause.words
    pronouns = _w("pronoun_complementizer")
    if matter:
        pronouns = pronouns - _w("of_the_matter")
    if not has_form(words, comp, pronouns):
        return None
    reporting = marker_words("verb") | marker_words("claim")
    for v in range(comp - 1, max(clause.start, comp - WINDOW) - 1, -1):
        if v in clause.triggers or has_form(words, v, _w("clause_start")):
            return None
        if clause.mention_at(v) is not None or not has_form(words, v, reporting):
            continue
        subject = _first_after(clause, v + 1, actor=True)
        if subject is None:
            subject = _subject_before(clause, v, prefix=stems(words, v)[0][0])
        if subject is None or subject.last >= comp:
            return None
        mention = clause.mention_at(subject.first)
        return subject if mention is None or _can_act(clause, mention) else None
    return None


def _place_phrase(clause: Clause, mention: Arg) -> int | None:
    """For a place after a preposition (في بغداد، بمدينة حلب، في مدينة
    الموصل), the word before the phrase; None when ``mention`` is no such place."""
    words = clause.words
    if mention.label not in PLACES:
        return None
    k = mention.first - 1
    if k >= clause.start and clause.mention_at(k) is None:
        kinds = marker_words("place")
        reading = next((p for p, stem in stems(words, k) if stem in kinds), None)
        if reading is not None and has_form(words, k, prepositions()):
            return k - 1  # في بغداد
        if reading is not None and any(letter in reading for letter in "بل"):
            return k - 1  # بمدينة حلب
        if reading is not None and k - 1 >= clause.start and has_form(words, k - 1, prepositions()):
            return k - 2  # في مدينة الموصل
    return k if _governed(clause, mention) else None  # ببغداد


def _kana_subject(clause: Clause, k: int, first: int) -> Arg | None:
    """The noun right after كان before a verb is its subject (وكان الحارثي
    أطلق النار), also a name the entity stage does not know; not another
    trigger (وكان القصف استهدف)."""
    words = clause.words
    if k - 1 < clause.start or not has_form(words, k - 1, _w("kana")) or k in clause.triggers:
        return None
    if cannot_head(clause, k) or _skippable(clause, k) or words.word(k).startswith(_GOVERNING):
        return None
    arg = noun_phrase(clause, k, actor=False)
    if arg is None or arg.last >= first:
        return None
    return arg


def _modifier(clause: Clause, mention: Arg) -> bool:
    """A nationality right after a source noun (مصدر أمني عراقي، وسائل إعلام
    تركية) describes the source; it is not the subject of the verb after it."""
    words = clause.words
    k = mention.first - 1
    if mention.label != "NORP":
        return False
    while k > clause.start and clause.mention_at(k) is None and _adjective_like(words.word(k)):
        k -= 1  # مصدر أمني عراقي
    if k < clause.start or clause.mention_at(k) is not None:
        return False
    return has_form(words, k, marker_words("source"))


def _antecedent(clause: Clause, relative: int, *, acting: bool) -> Arg | None:
    """The noun a relative pronoun refers to (السكان المحليين في مدينة X الذين
    خرجوا): the nearest actor noun or acting mention before it, past the place
    phrases after it."""
    words = clause.words
    window = modifiers()["relative"].window
    for k in range(relative - 1, max(clause.start, relative - window) - 1, -1):
        if _comma(words.between(k, k + 1)):
            return None
        mention = clause.mention_at(k)
        if mention is not None:
            if mention.label in PLACES or _governed(clause, mention):
                continue
            return mention if not acting or _can_act(clause, mention) else None
        if is_a(words, k, "actor_noun"):
            return _noun_run(clause, k)
    return None


def _noun_run(clause: Clause, k: int) -> Arg | None:
    """The actor-noun phrase ending at or starting at word ``k``, taken back
    over the nouns and counts before it (جنودا متمردين، مئات المتظاهرين)."""
    words = clause.words
    first = k
    while first - 1 >= clause.start and not _comma(words.between(first - 1, first)):
        j = first - 1
        mention = clause.mention_at(j)
        if mention is not None:
            if mention.label == "NORP" and mention.last == j and mention.first == j:
                first = j  # التونسيين الشباب
            break
        if has_form(words, j, marker_words("quantity")):
            first = j  # مئات المتظاهرين
        elif is_a(words, j, "actor_noun") and agree(words, j, first):
            first = j  # جنودا متمردين
        else:
            break
    if clause.mention_at(first) is not None:
        mention = clause.mention_at(first)
        tail = noun_phrase(clause, k, actor=True)
        assert mention is not None
        if tail is None:
            return mention
        return Arg(first, tail.last, mention.ns, tail.ne, "", mention.data)
    head = noun_phrase(clause, first, actor=True)
    if head is None or first == k:
        return head if head is not None else noun_phrase(clause, k, actor=True)
    tail = noun_phrase(clause, k, actor=True)
    if tail is not None and tail.ne > head.ne:
        return Arg(first, tail.last, head.ns, tail.ne, "", tail.data or head.data)
    return head


def _can_act(clause: Clause, mention: Arg) -> bool:
    """Places do not act (في بلدة خان بني سعد), countries do (تركيا لم تلتزم);
    nor does a mention governed by a preposition (ضد تنظيم داعش)."""
    if mention.label in PLACES and not _country(mention):
        return False
    return not _governed(clause, mention)


def _country(mention: Arg) -> bool:
    """A country of the KB (gpe:IQ); not a place the entity stage made up (gpe:~…)."""
    ident = mention.id or ""
    return ident.startswith("gpe:") and not ident.startswith("gpe:~")


def _mention_before(clause: Clause, first: int, limit: int = 5) -> Arg | None:
    """The nearest entity mention before a noun trigger in the same clause
    (قسد ستستمر في التنسيق → قسد)."""
    words = clause.words
    for k in range(first - 1, max(clause.start, first - limit) - 1, -1):
        gap = words.between(k, k + 1)
        if _comma(gap) or ")" in gap or has_form(words, k, _before_stops()):
            return None  # مع X، ضد X; قال X إن الاتفاق: the speaker; X بعد مفاوضات
        mention = clause.mention_at(k)
        if mention is not None and mention.label != "NORP":
            return mention if _can_act(clause, mention) else None
    return None


@cache
def _before_stops() -> frozenset[str]:
    """Words a noun trigger's actor is not looked for across (see :func:`_mention_before`)."""
    cues = modifiers()
    return _w("facing") | cues["complementizer"].forms | cues["time"].forms


def _governed(clause: Clause, mention: Arg) -> bool:
    """Whether a preposition stands before the mention (ضد تنظيم داعش، لقسد):
    then it is an object, not a subject."""
    words = clause.words
    proclitic = words.text[words.starts[mention.first] : mention.ns]
    if any(letter in proclitic for letter in "بلك"):
        return True
    before = mention.first - 1
    if before < clause.start or not has_form(words, before, prepositions()):
        return False
    if not has_form(words, before, _w("from")):
        return True
    whole = before - 1
    while whole >= clause.start:
        if (
            number_at(words, whole) is not None
            or has_form(words, whole, marker_words("quantity"))
            or (clause.mention_at(whole) is None and is_a(words, whole, "actor_noun"))
        ):
            return False  # الآلاف من النيباليين، دورية من الجيش: who, not whence
        adjective = _adjective_like(words.word(whole)) or is_a(words, whole, "adjective")
        if clause.mention_at(whole) is not None or not adjective:
            return True
        if whole - 1 < clause.start or _comma(words.between(whole - 1, whole)):
            return True
        whole -= 1  # وحدة خاصة من الجيش: past the adjectives of the part
    return True


def _after_marker(clause: Clause, hit: Hit, kind: str, *, actor: bool) -> Arg | None:
    """The argument after a marker of ``kind`` following the trigger, before the
    next trigger or comma (a marker there belongs to another event)."""
    relatives = modifiers()["relative"].forms
    for k in range(hit.last + 1, min(hit.last + 1 + MARKER_WINDOW, clause.end)):
        if k in clause.triggers:
            return None
        if _comma(clause.words.between(k - 1, k)) and not _aside_comma(clause, k):
            return None
        if kind == "agent" and hit.rule.pos != NOUN and has_form(clause.words, k, relatives):
            return None  # أدانت الحكومة المجزرة التي ارتكبها X: X did the massacre
        end = sequence_end(clause.words, k, clause.end, kind, hit.rule.type)
        if end is not None and kind == "target" and _approximate(clause, end):
            continue  # تظاهر نحو 60 طالبا: "about", not "towards"
        if end is not None:  # after an explicit agent marker, any noun is the agent
            return _first_after(clause, end, actor=actor and kind != "agent")
        if kind == "target" and _prefixed_target(clause, k, hit.rule.type):
            return clause.mention_at(k)
    return None


def _approximate(clause: Clause, k: int) -> bool:
    """A count at word ``k``, right after a target marker: the marker means
    "about" (نحو 60 طالبا), not "towards"."""
    return k < clause.end and number_at(clause.words, k) is not None


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
    if hit.rule.pos == NOUN:
        return False
    if _damma_passive(clause, hit):
        return True
    if hit.rule.mode not in AMBIGUOUS_VOICE:
        return False
    following = _object_kind(clause, hit.last + 1)
    if following == COUNT and _pronoun_subject(clause, hit):
        return False  # وخطفوا 50 شخصا: a passive takes no object
    if _subject_before(clause, hit.first, prefix=hit.prefix, matter=True) is None:
        return following == COUNT  # قتل 18 شخصا
    return following is None  # سبعة أشخاص قتلوا أمس; but مسلحون قتلوا 3 جنود


def _damma_passive(clause: Clause, hit: Hit) -> bool:
    """A verb written with a damma inside it is passive (قُتل، استُهدف، طُلب):
    not a damma on the last letter (a mood ending) nor on an imperfect prefix
    (يُطلق is active)."""
    if not clause.original or clause.to_original is None:
        return False
    words = clause.words
    ns = words.starts[hit.first] + len(hit.prefix)
    start, end = clause.to_original(ns, words.ends[hit.first])
    letters = clause.original[start:end]
    for k, char in enumerate(letters):
        if char != _DAMMA or k == 0:
            continue
        rest = letters[k + 1 :].replace(_DAMMA, "")
        if not any(c.isalpha() and not _is_mark(c) for c in rest):
            continue  # the last letter's vowel
        if k == 1 and letters[0] in "يتن":
            continue  # يُطلق، تُهاجم: active forms II-IV
        return True
    return False


def _is_mark(char: str) -> bool:
    return "\u064b" <= char <= "\u0652"


COUNT, NOUN_OBJECT = "count", "noun"


def _object_kind(clause: Clause, i: int) -> str | None:
    """What follows a verb from word ``i``: a count or victim noun (COUNT), another
    noun (NOUN_OBJECT), or nothing it could govern (a preposition, another
    trigger, a comma, the end of the sentence: None)."""
    words = clause.words
    for k in range(i, min(i + WINDOW, clause.end)):
        if k > i and _comma(words.between(k - 1, k)):
            return None
        if number_at(words, k) is not None or is_a(words, k, "victim"):
            return COUNT
        if clause.mention_at(k) is None and _counted_phrase(clause, k, actor=False) is not None:
            return COUNT  # قتل عشرات المدنيين، قتل أحد عناصر الشرطة
        mention = clause.mention_at(k)
        if mention is not None:
            return None if _governed(clause, mention) else NOUN_OBJECT
        if k in clause.triggers or sequence_end(words, k, clause.end, "agent", "ASSAULT"):
            return None  # قتلوا وأصيب، قتل على يد
        if _skippable(clause, k):
            continue  # قبل ظهر أمس
        if has_form(words, k, modifiers()["function"].forms):
            return None
        if words.word(k).startswith(_GOVERNING):
            return None  # بالرصاص، للشرطة، والجرحى: not an object
        return NOUN_OBJECT
    return None


def _direct_object(event_type: str) -> bool:
    return any(g.applies(event_type) for g in role_markers().get("direct_object", []))


def _supported_by(clause: Clause, hit: Hit) -> bool:
    """ "X بدعم من Y" (``supported_by`` in roles.tsv), also with adjectives of the
    support before من (بإسناد جوي من، بدعم عسكري ولوجستي من)."""
    words = clause.words
    end = sequence_end(words, hit.first, clause.end, "supported_by", hit.rule.type)
    if end is not None:
        return True
    firsts = {
        seq[0]
        for group in role_markers().get("supported_by", [])
        if group.applies(hit.rule.type)
        for seq in group.sequences
    }
    if not words.stem_sets[hit.first] & firsts and words.word(hit.first) not in firsts:
        return False
    for k in range(hit.first + 1, min(hit.first + 4, clause.end)):
        if _comma(words.between(k - 1, k)):
            return False
        if has_form(words, k, _w("from")):
            return True
        if k > hit.last and not (_adjective_like(words.word(k)) or is_a(words, k, "adjective")):
            return False
    return False


def _air_actor(clause: Clause, target: Arg | None, kinds: dict[str, str]) -> Arg | None:
    """For an air strike without actor: the coalition or armed force named in the sentence."""
    for mention in clause.mentions:
        if mention is not target and kinds.get(mention.id or "") in AIR_ACTOR_KINDS:
            return mention
    return None


def assign(clause: Clause, hit: Hit, kinds: dict[str, str]) -> Roles:
    """Actor and target of ``hit``; ``kinds`` gives the KB kind of entity ids."""
    marked = _after_marker(clause, hit, "target", actor=False)
    roles = Roles(actor=_after_marker(clause, hit, "agent", actor=True), target=marked)
    after = hit.last + 1
    inside = _inside(clause, hit)
    if _supported_by(clause, hit):
        roles.actor = _first_after(clause, after, actor=True)
        roles.target = _mention_before(clause, hit.first, limit=6) or roles.target
    elif _looks_passive(clause, hit):
        # the victim next to the verb wins over a target marker further on
        subject = inside or _subject_before(clause, hit.first, acting=False, prefix=hit.prefix)
        roles.target = subject or roles.target or _first_after(clause, after, actor=False)
    elif inside is not None:  # أحرق متظاهرون أعلام: the subject inside the expression
        roles.actor = roles.actor or inside
        if roles.target is None and _direct_object(hit.rule.type):
            roles.target = _first_after(clause, inside.last + 1, actor=False)
    elif hit.rule.genitive == SELF:
        roles.actor = roles.actor or _self(clause, hit)
        roles.target = roles.target or _facing(clause, hit)
    elif hit.rule.pos == NOUN:
        _nominal(clause, hit, roles)
    else:
        _verbal(clause, hit, roles)
    sides = _clash_sides(clause, hit)
    if sides is not None:  # اشتباكات بين الجيش والمسلحين: the first side acts
        roles.actor, roles.target = sides[0] or roles.actor, sides[1]
    if roles.actor is None and hit.rule.mode in ("aerial", "drone"):
        roles.actor = _air_actor(clause, roles.target, kinds)
        roles.guessed = roles.actor is not None
    elif roles.actor is None and hit.rule.type == "ASSAULT":
        roles.actor = _attacker(clause, roles.target)
        roles.guessed = roles.actor is not None
    if roles.actor is not None and roles.target is not None and _same(roles.actor, roles.target):
        roles.target = None
    if roles.target is not None and not _fits_party(clause, hit, roles.target):
        roles.target = None
    _with_a_party(clause, hit, roles, marked)
    _with_its_object(clause, hit, roles)
    threat = _threat_before(clause, hit)
    if threat is not None:
        roles.governor, roles.threatened = threat, True
    return roles


def _with_a_party(clause: Clause, hit: Hit, roles: Roles, marked: Arg | None) -> None:
    """Verbs that are a meeting only with a party (``with_party`` in roles.tsv:
    بحث): when a person or an organisation follows مع (بحث الوزير مع نظيره) or
    the subject is two sides (بحث الجانبان); the object is the topic, not a
    target. With ل the verb is a purpose (اجتماع لبحث …), not a meeting held.
    Otherwise ``roles.void``."""
    if hit.rule.pos == NOUN or not _trigger_forms(clause, hit) & marker_words("with_party"):
        return
    if "ل" in hit.prefix:
        roles.void = True
        return
    words = clause.words
    with_k = marked is not None and has_form(words, marked.first - 1, _w("with"))
    roles.target = (
        marked if marked is not None and with_k and _person_or_body(clause, marked) else None
    )
    two = roles.actor is not None and _two_sides(clause, roles.actor)
    roles.void = roles.target is None and not two


def _trigger_forms(clause: Clause, hit: Hit) -> set[str]:
    """The forms of the trigger's first word, without an object pronoun (أسقطوها → أسقطوا)."""
    return {triggers().with_object.get(stem, stem) for _, stem in stems(clause.words, hit.first)}


def _with_its_object(clause: Clause, hit: Hit, roles: Roles) -> None:
    """Triggers that are an event only with an object of one kind: أسقط an aircraft
    (``on_aircraft`` in roles.tsv), حرر / استعاد territory (``on_territory``).
    Without it, ``roles.void`` (أسقطت المحكمة الدعوى، حرر الشرطي مخالفة)."""
    forms = _trigger_forms(clause, hit)
    if forms & marker_words("on_aircraft"):
        _shot_down(clause, hit, roles)
    elif forms & marker_words("on_territory") and not _object_pronoun(clause, hit):
        # استعادت القوات السيطرة على …: the verbal noun of the event is the object
        territory = _territory(clause, roles.target) or _territory_ahead(clause, hit)
        roles.void = roles.governs is None and not territory


def _object_pronoun(clause: Clause, hit: Hit) -> bool:
    """The trigger carries an object pronoun (الموصل التي استعادتها القوات): its
    object is named elsewhere, whatever it is."""
    lexicon = triggers()
    return any(
        stem in lexicon.with_object and stem not in lexicon.words
        for _, stem in stems(clause.words, hit.first)
    )


def _shot_down(clause: Clause, hit: Hit, roles: Roles) -> None:
    """أسقط (shot down): the aircraft after it is the target, never the subject
    (أسقطت طائرة مسيرة: a pronoun subject or a passive), and a trigger inside it
    (طائرة مسيرة) is the aircraft, no air strike. No aircraft, no assault, unless
    an object pronoun names it (أسقطتها)."""
    aircraft = _aircraft_after(clause, hit.last + 1)
    actor = roles.actor
    if aircraft is not None and actor is not None and _same(actor, aircraft):
        rest = max(actor.last, aircraft.last) + 1
        if _object_kind(clause, rest) is None:
            roles.actor = None  # أسقطت طائرة مسيرة: a pronoun subject or a passive
        else:  # أسقطت الطائرات منشورات: the aircraft is the subject, is there another?
            aircraft = _aircraft_after(clause, rest)
    if aircraft is None:
        roles.void = not _object_pronoun(clause, hit)
        roles.target = None
        return
    roles.target, roles.governs, roles.thing = aircraft, None, True


def _aircraft_after(clause: Clause, start: int) -> Arg | None:
    """The aircraft (``aircraft`` in roles.tsv) from word ``start`` on, past the
    subject, before a comma or a preposition (أسقط الجيش منشورات من طائرة drops
    leaflets), with the drone trigger that starts at it whole (طائرة تركية مسيرة)."""
    words = clause.words
    for k in range(start, min(start + WINDOW, clause.end)):
        if _comma(words.between(k - 1, k)) and not _aside_comma(clause, k):
            return None
        if clause.mention_at(k) is not None:
            continue
        if is_a(words, k, "aircraft"):
            thing = noun_phrase(clause, k, actor=False) or Arg(k, k, words.starts[k], words.ends[k])
            drone = clause.nouns.get(k)
            if drone is not None and drone.last > thing.last:
                thing = Arg(k, drone.last, thing.ns, words.ends[drone.last])
            return thing
        if has_form(words, k, modifiers()["function"].forms):
            return None
    return None


def _territory(clause: Clause, arg: Arg | None) -> bool:
    """``arg`` names territory: a place mention or a noun of ``territory`` in
    roles.tsv (القرية، المواقع، عدة قرى)."""
    if arg is None:
        return False
    for k in range(arg.first, arg.last + 1):
        mention = clause.mention_at(k)
        if mention is not None and mention.label in PLACES:
            return True
        if mention is None and is_a(clause.words, k, "territory"):
            return True
    return False


def _territory_ahead(clause: Clause, hit: Hit) -> bool:
    """A place or a noun of territory among the few words right after the trigger,
    before a comma, a function word or another trigger (لاستعادة ثاني أكبر مدن
    العراق: no target was found, the territory is there)."""
    words = clause.words
    function = modifiers()["function"].forms
    for k in range(hit.last + 1, min(hit.last + 1 + ADJACENT, clause.end)):
        if _comma(words.between(k - 1, k)) or k in clause.triggers:
            return False
        mention = clause.mention_at(k)
        if mention is not None and mention.label in PLACES:
            return not _governed(clause, mention)  # ساحة التحرير ببغداد: where, not what
        if mention is None and has_form(words, k, function):
            return False
        if mention is None and is_a(words, k, "territory"):
            return True
    return False


def _threat_before(clause: Clause, hit: Hit) -> int | None:
    """The threat or warning a verbal noun with ب or after من is about (هدد المسلحون
    بقصف المطار، حذر الأمين العام من هجوم، وسط تهديدات بشن غارات): the THREATEN
    trigger before it in the clause, past its subject and object; None when
    another trigger, a comma or a reported clause stands between."""
    words = clause.words
    before = hit.first - 1
    with_b = hit.prefix.lstrip("وف").startswith("ب")
    if not with_b:
        if before < clause.start or not has_form(words, before, _w("from")):
            return None
        before -= 1
    stops = modifiers()["complementizer"].forms | _w("clause_start")
    for k in range(before, max(clause.start, hit.first - WINDOW) - 1, -1):
        if _comma(words.between(k, k + 1)):
            return None
        if clause.types.get(k) == "THREATEN":
            return k
        if _another_event(clause, k):
            return None
        if clause.mention_at(k) is None and has_form(words, k, stops):
            return None
    return None


def _another_event(clause: Clause, k: int) -> bool:
    """A trigger starts at word ``k`` that is not a noun naming its actor (حذر
    المتظاهرين من …، تعرض المتظاهرون للضرب: they are the object or the subject)."""
    noun = clause.nouns.get(k)
    return k in clause.triggers and (noun is None or noun.rule.genitive != SELF)


def _person_or_body(clause: Clause, arg: Arg) -> bool:
    """A person or an organisation: a PER or ORG mention, or a phrase headed by a
    title (وزير الخارجية الجزائري، رئيس الوفد)."""
    mention = clause.mention_at(arg.first)
    if mention is not None:
        return mention.label in ("PER", "ORG")
    return is_a(clause.words, arg.first, "title")


def _two_sides(clause: Clause, arg: Arg) -> bool:
    """A subject naming two sides: a dual of a noun of roles.tsv (الجانبان،
    الطرفان، الوزيران) or two coordinated names."""
    words = clause.words
    if clause.mention_at(arg.first) is None:
        return words.word(arg.first).endswith("ان") and is_a(words, arg.first, "actor_noun")
    k = arg.last + 1
    return k < clause.end and _coordinated(clause, k) and clause.mention_at(k) is not None


def _clash_sides(clause: Clause, hit: Hit) -> tuple[Arg | None, Arg] | None:
    """The sides of a clash named after it: with بين (اشتباكات عنيفة بين الشرطة
    ومسلحين) the first is the actor and the second the target; after مع
    (اشتبك الجيش مع مسلحين) the other side is the target. The sides are
    parties that can act (a place between two others is no side)."""
    words = clause.words
    if not has_form(words, hit.first, marker_words("clash")):
        return None
    near = True  # بين stands right after the noun, past adjectives and dates
    for k in range(hit.last + 1, min(hit.last + 1 + WINDOW, clause.end - 1)):
        if _comma(words.between(k - 1, k)) or k in clause.triggers:
            return None
        if has_form(words, k, _w("with")):
            other = noun_phrase(clause, k + 1, actor=True)
            return (None, other) if other is not None and _side(clause, other) else None
        if near and has_form(words, k, _w("between")):
            return _between_sides(clause, k)
        adjective = has_form(words, k, marker_words("adjective"))
        near = near and (adjective or _skippable(clause, k))
    return None


def _between_sides(clause: Clause, k: int) -> tuple[Arg, Arg] | None:
    """The two parties after بين at word ``k`` (بين الشرطة ومسلحين)."""
    words = clause.words
    first = noun_phrase(clause, k + 1, actor=True)
    if first is None or not _side(clause, first):
        return None
    j = first.last + 1
    if j >= clause.end or _comma(words.between(j - 1, j)) or not _coordinated(clause, j):
        return None
    second = noun_phrase(clause, j, actor=True)
    if second is None or not _side(clause, second):
        return None
    return first, second


def _side(clause: Clause, arg: Arg) -> bool:
    mention = clause.mention_at(arg.first)
    return mention is None or mention.label not in PLACES or _country(mention)


def _fits_party(clause: Clause, hit: Hit, target: Arg) -> bool:
    """The target of a meeting, request, aid or agreement is a party: a named
    group, person or state, or a noun of people (المواطنين، الطرفين), not a
    region (شمال غربي سوريا، المنطقة) nor a thing (التبرع)."""
    if not any(g.applies(hit.rule.type) for g in role_markers().get("party", [])):
        return True
    mention = clause.mention_at(target.first)
    if mention is not None and mention.label in PLACES:
        words = clause.words
        between = target.first > clause.start and has_form(words, target.first - 1, _w("between"))
        country = _country(mention)
        return mention.label == "GPE" and (country or not between)  # بين رأس العين وتل أبيض
    if mention is not None:
        return True
    words = clause.words
    return any(is_a(words, k, "actor_noun") for k in range(target.first, target.last + 1))


def _inside(clause: Clause, hit: Hit) -> Arg | None:
    """The argument standing inside a multi-word trigger, between its words
    (ردد المتظاهرون هتافات، لقي سبعة أشخاص مصرعهم)."""
    for k in hit.gaps:
        if _skippable(clause, k) and clause.mention_at(k) is None:
            continue
        mention = clause.mention_at(k)
        if mention is not None:
            return mention if mention.last in hit.gaps or mention.last < hit.last else None
        if k + 1 == hit.last and has_form(clause.words, k, marker_words("quantity")):
            return None  # أطلقت عشرات الصواريخ: the count of the expression's noun
        arg = noun_phrase(clause, k, actor=hit.rule.pos != PASSIVE)
        if arg is not None and arg.last > hit.last:
            arg = Arg(arg.first, hit.last - 1, arg.ns, clause.words.ends[hit.last - 1])
        return arg
    return None


def _attacker(clause: Clause, target: Arg | None) -> Arg | None:
    """For an assault without an actor: an attacker noun of the sentence
    (انتحاري يقود سيارة مفخخة، مسلحون مجهولون), not the target."""
    words = clause.words
    for k in range(clause.start, clause.end):
        if clause.mention_at(k) is None and is_a(words, k, "attacker"):
            if target is not None and target.first <= k <= target.last:
                continue
            if k in clause.after_nouns and has_form(words, k, marker_words("adjective")):
                continue  # هجوم خاطف: "swift"
            counted = any(
                number_at(words, j) is not None or has_form(words, j, marker_words("casualty"))
                for j in range(max(clause.start, k - 2), k)
            )
            if counted:
                continue  # مقتل مسلح، 200 مسلح قتلوا: victims
            return noun_phrase(clause, k, actor=True)
    return None


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


def _facing(clause: Clause, hit: Hit) -> Arg | None:
    """The other side of "بين X والمتظاهرين" / "بين المتظاهرين وX" (clashes)."""
    words = clause.words
    between = _w("between")
    if hit.first > clause.start and has_form(words, hit.first - 1, between):
        k = hit.last + 1
        if k < clause.end and words.word(k).startswith("و"):
            return noun_phrase(clause, k, actor=False)
        return None
    if not words.word(hit.first).startswith("و"):
        return None
    for k in range(hit.first - 1, max(clause.start, hit.first - MAX_NP - 1) - 1, -1):
        if has_form(words, k, between):
            arg = noun_phrase(clause, k + 1, actor=False)
            return arg if arg is not None and arg.last < hit.first else None
    return None


def _verbal(clause: Clause, hit: Hit, roles: Roles) -> None:
    after = hit.last + 1
    subject = _subject_before(clause, hit.first, prefix=hit.prefix)
    intransitive = has_form(clause.words, hit.first, marker_words("intransitive"))
    if (
        subject is None
        and not _pronoun_subject(clause, hit)
        and not _event_subject(clause, hit.first)
    ):
        subject = _first_after(clause, after, actor=True)
        if subject is None and intransitive:
            # تظاهر نحو 60 مسيحيا: a verb without object, its counted noun is who did it
            counted = _first_after(clause, after, actor=False)
            subject = counted if counted is not None and _counted(clause, counted) else None
        if subject is not None and _disagrees(clause, hit, subject):
            subject = None  # ودعت المدنيين: the object; the subject is a pronoun
        elif subject is not None and subject.label in PLACES and not _can_act(clause, subject):
            subject = None  # استهدف حي الشعار: a place is the object, never the subject
        elif (
            subject is not None
            and _counted(clause, subject)
            and _coordinated_verb(clause, hit)
            and not intransitive
        ):
            # اقتحمت القوات المخيم واعتقلت خمسة شبان: the count is the object; not of
            # a verb without one (وتظاهر نحو 60 طالبا: they demonstrated)
            subject = None
        after = subject.last + 1 if subject is not None else after
        if subject is None and not intransitive:
            after = _past_event_subject(clause, hit, after)
    if subject is not None:
        after = _past_subject(clause, subject, after)
    elif _coordinated_verb(clause, hit):
        subject = _previous_subject(clause, hit)  # اقتحم المستوطنون القرية وأحرقوا
    roles.actor = roles.actor or subject
    roles.governs = _same_event_noun(clause, hit, after)
    if roles.target is None and _direct_object(hit.rule.type) and not intransitive:
        roles.target = _first_after(clause, after, actor=False)


def _same_event_noun(clause: Clause, hit: Hit, after: int) -> int | None:
    """A noun trigger of the verb's type right after the verb and its subject,
    its object (استعادت القوات السيطرة على المدينة، خرجوا إلى الشوارع احتجاجا):
    the verb and its verbal noun tell one event. Its first word, or None."""
    words = clause.words
    k = after
    while k < clause.end and clause.mention_at(k) is None and _skippable(clause, k):
        k += 1
    noun = clause.nouns.get(k)
    if noun is None or noun.rule.type != hit.rule.type or noun.rule.genitive == SELF:
        return None  # تظاهر المتظاهرون: the noun of the actor is its subject
    return None if _comma(words.between(k - 1, k)) else k


def _past_event_subject(clause: Clause, hit: Hit, after: int) -> int:
    """A verb followed by a noun trigger of its own type has that event as its
    subject (VSO: استهدفت الغارات منازل المدنيين، قتل القصف عشرة أشخاص): its
    object is looked for past the noun, its genitive and its adjectives. A noun
    of another type is the verb's object (أدانت القصف)."""
    words = clause.words
    k = after
    while k < clause.end and clause.mention_at(k) is None and _skippable(clause, k):
        k += 1
    if k >= clause.end or k not in clause.nouns or clause.types.get(k) != hit.rule.type:
        return after
    if _comma(words.between(k - 1, k)) or _pronoun_subject(clause, hit):
        return after
    noun = clause.nouns[k]
    end = noun.last + 1
    genitive = _first_after(clause, end, actor=True) if end < clause.end else None
    if (
        genitive is not None
        and genitive.first == end
        and noun.rule.genitive == "actor"
        and not noun.prefix.endswith(("ال", "لل"))
    ):
        end = genitive.last + 1  # غارات التحالف: who made them
    return _past_subject(clause, Arg(k, end - 1, words.starts[k], words.ends[end - 1]), end)


def _event_subject(clause: Clause, k: int) -> bool:
    """The verb at word ``k`` follows a noun trigger, past the adjectives that
    agree with it (هجمات استهدفت الجيش، الغارة الجوية أصابت): the event is its
    subject, so the noun after the verb is its object, not a subject (VSO)."""
    words = clause.words
    if stems(words, k)[0][0].startswith(("و", "ف")) or _comma(words.between(k - 1, k)):
        return False  # وأصيب: a new clause
    j = k
    while j - 1 > clause.start and j not in clause.after_nouns:
        if _comma(words.between(j - 1, j)) or clause.mention_at(j - 1) is not None:
            return False
        if not (_adjective_like(words.word(j - 1)) or is_a(words, j - 1, "adjective")):
            return False
        if not agree(words, j - 2, j - 1):
            return False
        j -= 1
    return j in clause.after_nouns


def _counted(clause: Clause, arg: Arg) -> bool:
    """A common noun right after a count (خمسة شبان، 20 شخصا)."""
    k = arg.first - 1
    return (
        clause.mention_at(arg.first) is None
        and k >= clause.start
        and number_at(clause.words, k) is not None
    )


def _pronoun_subject(clause: Clause, hit: Hit) -> bool:
    """A verb whose suffix is its subject: a plural past in وا (وأطلقوا) or a
    plural present in ون (ويطلقون). A verb before a noun subject is singular,
    so a noun after such a verb is its object."""
    verb = next((s for p, s in stems(clause.words, hit.first) if p == hit.prefix), "")
    return verb.endswith("وا") or (verb.endswith("ون") and verb.startswith(("ي", "ت")))


def _coordinated_verb(clause: Clause, hit: Hit) -> bool:
    """A verb joined to the clause before it: with و / ف, or after ثم."""
    words = clause.words
    return hit.prefix.startswith(("و", "ف")) or (
        hit.first > clause.start and has_form(words, hit.first - 1, _w("then"))
    )


def _previous_subject(clause: Clause, hit: Hit) -> Arg | None:
    """The subject of a coordinated verb that has none of its own is that of
    the verb before it in the sentence (اقتحم المستوطنون القرية، وأحرقوا
    محاصيلها; دورية من الجيش قامت بتفتيش الحي واعتقلت شابين). That verb is a
    trigger verb, a light verb, a verb of roles.tsv (قال ... وأضاف) or the word
    after قد; the search ends at it, and at a complementizer or a word that
    opens a clause (a reported clause has its own verbs: قال الجيش إن ...;
    كما، فيما، بينما)."""
    words = clause.words
    cues = modifiers()
    verbs = cues["light"].forms | marker_words("verb")
    for k in range(hit.first - 1, clause.start - 1, -1):
        if clause.mention_at(k) is not None:
            continue
        if has_form(words, k, cues["complementizer"].forms | _w("clause_start")):
            return None  # كما دان X ...، وطالب: a verb this search does not know
        after_qad = k > clause.start and has_form(words, k - 1, _w("qad"))
        if not (k in clause.verbs or has_form(words, k, verbs) or after_qad):
            continue
        prefix = stems(words, k)[0][0]
        subject = _subject_before(clause, k, prefix=prefix)
        if subject is None and _event_subject(clause, k):
            return None  # هجمات استهدفت الجيش وخطفوا: the attacks are no one
        if subject is None:
            subject = _first_after(clause, k + 1, actor=True)
        if subject is None or subject.last >= hit.first or _can_act(clause, subject) is False:
            return None
        return subject
    return None


def _disagrees(clause: Clause, hit: Hit, subject: Arg) -> bool:
    """A noun after a verb that cannot be its subject: a sound masculine plural
    in the oblique case (دعا المواطنين، طالب الجانبين، طرد مسلحي التنظيم), or any
    sound masculine plural after a feminine past verb (دعت المقاتلون)."""
    words = clause.words
    if clause.mention_at(subject.first) is not None:
        return False
    noun, forms = words.word(subject.first), words.stem_sets[subject.first]
    if len(min(forms, key=len)) >= 5 and noun.endswith("ين"):
        return True  # المواطنين; not الأمين
    if noun.endswith("ي") and any(s[:-1] + "ين" in marker_words("actor_noun") for s in forms):
        return True  # مسلحي التنظيم
    verb = next((s for p, s in stems(words, hit.first) if p == hit.prefix), "")
    return verb.endswith("ت") and not verb.endswith("ات") and noun.endswith("ون")


def _past_subject(clause: Clause, subject: Arg, after: int) -> int:
    """The first word after the subject that may be the object: past the
    adjectives that agree with it (الصليب الأحمر اللبناني) and the nouns
    coordinated with it (جامعة الدول العربية والاتحاد الأفريقي)."""
    words = clause.words
    while after < clause.end:
        if _comma(words.between(after - 1, after)):
            return after
        mention = clause.mention_at(after)
        adjective = mention is None and _adjective_at(words, after)
        if mention is not None and mention.label == "NORP" and agree(words, after - 1, after):
            after = mention.last + 1  # الصليب الأحمر اللبناني
        elif adjective and agree(words, after - 1, after):
            after += 1
        elif _coordinated(clause, after):
            following = _first_after(clause, after, actor=True)
            if following is None or following.first != after:
                return after
            after = following.last + 1
            while (
                after < clause.end
                and clause.mention_at(after) is None
                and _adjective_like(words.word(after))
            ):
                after += 1  # ودول عربية وغربية
        else:
            return after
    return after


def _nominal(clause: Clause, hit: Hit, roles: Roles) -> None:
    """The word after a verbal noun is its genitive, closer than any marker:
    it wins over a target found after ضد/على further on. A verbal noun of the
    same type as its genitive is one event with it (استعادة السيطرة على …)."""
    if not hit.prefix.endswith(("ال", "لل")) or _open_expression(clause, hit):
        roles.governs = _same_event_noun(clause, hit, hit.last + 1)
    undergone = _undergone(clause, hit)  # تعرضت المدينة لقصف: the city is the target
    following = _first_after(clause, hit.last + 1, actor=False)
    if following is not None and not _genitive_of(clause, hit, following):
        following = None
    # adjacent, or past a count (مقتل ثلاثة من عناصر ...)
    adjacent = following is not None and following.first <= hit.last + ADJACENT
    lam = _objective_lam(clause, hit, following) if adjacent and following else None
    if lam is not None and following is not None:
        # قصف الجيش للأحياء، اقتحام الشرطة للمسجد: the genitive acts on the ل-object
        roles.actor, roles.target = roles.actor or following, lam
    elif adjacent and following is not None:
        genitive = "actor" if undergone is not None else hit.rule.genitive
        if following.label == "NORP" and roles.actor is None:
            roles.actor = following
        elif genitive == "target":
            roles.target = _named_person(clause, following) or following
        elif genitive == "actor" and not roles.actor and _actor_like(clause, following):
            roles.actor = following  # also تعرض لاعتداء المستوطنين: they attacked
    governing = _governing_verb(clause, hit)
    roles.governor = _governor(clause, governing, undergone)
    if undergone is not None:
        roles.target = undergone[1] or roles.target
    if roles.actor is None:
        roles.actor = _attack_agent(clause, hit)
    if roles.actor is None:
        roles.actor = _claimant(clause, hit) or (governing[1] if governing else None)
    if roles.actor is None:
        roles.actor = _accused(clause, hit)  # اتهمت الحكومة المعارضة بتنظيم أعمال شغب
    if roles.actor is None and hit.rule.mode not in OUTCOME_MODES and undergone is None:
        # مقتل، إصابة: the name before the outcome is who reports it or its victim
        roles.actor = _mention_before(clause, hit.first)
        if roles.actor is not None and _other_verbs_subject(clause, hit, roles.actor):
            roles.actor = None  # أدانت مصر قصف المدينة، دعت مصر إلى اجتماع: not who did it
    if roles.actor is None and hit.rule.type == "PROTEST":
        roles.actor = _protesters_before(clause, hit)


def _governor(
    clause: Clause,
    governing: tuple[int, Arg | None] | None,
    undergone: tuple[int, Arg | None] | None,
) -> int | None:
    """The verb whose negation and future are the verbal noun's: تعرض (لم تتعرض
    البلدة لقصف), a light or control verb (لم يقم الجيش بقصف); not a verb of phase
    or degree (``aspectual``: لم ينه المعلمون الاعتصام, it goes on)."""
    if undergone is not None:
        return undergone[0]
    if governing is None or has_form(clause.words, governing[0], marker_words("aspectual")):
        return None
    return governing[0]


def _undergone(clause: Clause, hit: Hit) -> tuple[int, Arg | None] | None:
    """A verb of undergoing (``undergo`` in roles.tsv: تعرض) before the verbal
    noun it takes with ل (تعرضت مدينة حلب لقصف، تتعرض القرى منذ أيام لغارات): the
    verb and its subject, who undergoes the event — its target."""
    words = clause.words
    if not hit.prefix.lstrip("وف").startswith("ل"):
        return None
    stops = modifiers()["complementizer"].forms | _w("clause_start")
    for k in range(hit.first - 1, max(clause.start, hit.first - WINDOW) - 1, -1):
        if _comma(words.between(k, k + 1)) and not _aside_comma(clause, k + 1):
            return None
        if _another_event(clause, k):
            return None
        if clause.mention_at(k) is not None:
            continue
        if has_form(words, k, marker_words("undergo")):
            subject = _first_after(clause, k + 1, actor=False)
            if subject is None or subject.last >= hit.first:
                subject = _subject_before(clause, k, acting=False, prefix=stems(words, k)[0][0])
            return k, subject or _fronted_noun(clause, k)
        if has_form(words, k, stops):
            return None
    return None


def _fronted_noun(clause: Clause, k: int) -> Arg | None:
    """A noun phrase that opens the clause right before the verb at word ``k`` (the
    sentence start, after a comma or after إن / أن): its subject, also a noun the
    role lexicon does not know (المدينة تعرضت لقصف، قال إن القافلة تعرضت لكمين)."""
    words = clause.words
    opening = modifiers()["complementizer"].forms
    for j in range(k - 1, max(clause.start, k - 1 - MAX_NP) - 1, -1):
        if _comma(words.between(j, j + 1)):
            return None
        opens = j == clause.start or _comma(words.between(j - 1, j))
        opens = opens or has_form(words, j - 1, opening)
        if not opens or clause.mention_at(j) is not None:
            continue
        arg = noun_phrase(clause, j, actor=False)
        return arg if arg is not None and arg.last == k - 1 else None
    return None


def _attack_agent(clause: Clause, hit: Hit) -> Arg | None:
    """An attack noun, maybe with its adjectives, then who makes it: a party
    with ل (قصف مدفعي للجيش التركي، غارات جوية للتحالف) or after من (لقصف صاروخي
    كثيف من قوات النظام، لهجوم من مسلحين). A place or a common noun with ل is
    what is attacked (قصف للأحياء); a place after من is whence it came."""
    if hit.rule.type != "ASSAULT" or hit.rule.mode in OUTCOME_MODES:
        return None
    words = clause.words
    k = hit.last + 1
    while k < min(clause.end, hit.last + 4) and (
        _adjective_at(words, k) or has_form(words, k, marker_words("adjective"))
    ):
        k += 1
    if k < clause.end and clause.mention_at(k) is None and has_form(words, k, _w("from")):
        return _party_after(clause, k + 1)
    mention = clause.mention_at(k)
    if mention is None or mention.first != k or words.starts[k] >= mention.ns:
        return None
    if mention.label in PLACES or k in clause.triggers:
        return None
    if not any(prefix in _LAM for prefix, _ in stems(words, k)):
        return None
    return mention


def _party_after(clause: Clause, k: int) -> Arg | None:
    """The party that can act starting at word ``k``: a mention that is no place
    (a country acts), or a phrase of actor nouns (مسلحين مجهولين، طائرات التحالف)."""
    if k >= clause.end or _comma(clause.words.between(k - 1, k)):
        return None
    mention = clause.mention_at(k)
    if mention is not None:
        return mention if mention.label not in PLACES or _country(mention) else None
    return noun_phrase(clause, k, actor=True)


def _other_verbs_subject(clause: Clause, hit: Hit, mention: Arg) -> bool:
    """The name before a verbal noun stands right after or right before a
    trigger verb of another event (أدانت مصر قصف المدينة، دعت مصر إلى اجتماع،
    رحب ترامب بالاتفاق): it is that verb's subject, and the noun is its object —
    not the name's own act, unless the verb passes its subject on (``subject_acts``
    in roles.tsv: هددت إيران بقصف …، دعت النقابة إلى الإضراب)."""
    for verb in (mention.first - 1, mention.last + 1):
        if verb == hit.first or verb not in clause.verbs:
            continue
        verb_type = clause.types.get(verb, "")
        passes = any(
            verb_type in group.types and group.single & {"*", hit.rule.type.lower()}
            for group in role_markers().get("subject_acts", [])
        )
        # حذرت الأمم المتحدة من هجوم: who warns of it does not make it
        passes = passes and not has_form(clause.words, verb, marker_words("warns"))
        return not passes and verb_type != hit.rule.type
    return False


def _objective_lam(clause: Clause, hit: Hit, genitive: Arg) -> Arg | None:
    """A verbal noun with a genitive and then an object with ل (قصف الجيش
    للأحياء، اعتقال السلطات لعشرات الناشطين): the genitive is the agent and the
    ل-phrase its object. Only a party that can act is the agent, and only a
    noun that can be a role is the object (not a purpose: للمطالبة)."""
    if hit.rule.genitive not in ("actor", "target") or hit.rule.mode in OUTCOME_MODES:
        return None
    words = clause.words
    mention = clause.mention_at(genitive.first)
    if mention is not None and not _can_act(clause, mention):
        return None
    if mention is None and not is_a(words, genitive.first, "actor_noun"):
        return None
    k = _past_subject(clause, genitive, genitive.last + 1)
    if k >= clause.end or k > genitive.last + 3 or _comma(words.between(k - 1, k)):
        return None
    if not any(prefix in _LAM for prefix, _ in stems(words, k)):
        return None
    target = clause.mention_at(k)
    if target is not None:
        return target if target.first == k and words.starts[k] < target.ns else None
    prefix = next((p for p, stem in stems(words, k) if p in _LAM and len(stem) > 2), None)
    if prefix is None or cannot_head(clause, k):
        return None
    arg = noun_phrase(clause, k, actor=False)
    if arg is None:
        return None
    return Arg(arg.first, arg.last, words.starts[k] + len(prefix), arg.ne, arg.label, arg.data)


_LAM = frozenset({"ل", "لل"})


def _genitive_of(clause: Clause, hit: Hit, arg: Arg) -> bool:
    """Whether ``arg``, the first argument after a noun trigger, can be its
    genitive: not after a noun with the article (الانفجار الضخم، الاتفاق يشمل),
    except a nationality (الغارات الأميركية); not an adjective agreeing with the
    noun (هجوم خاطف); not coordinated with it (القتلى وآلاف الجرحى)."""
    words = clause.words
    if arg.label == "NORP":
        return True
    if hit.prefix.endswith(("ال", "لل")) and not _open_expression(clause, hit):
        return False
    if arg.first != hit.last + 1:
        return True
    adjective = has_form(words, arg.first, marker_words("adjective"))
    if adjective and clause.mention_at(arg.first) is None and agree(words, hit.last, arg.first):
        return False  # هجوم خاطف: "swift", not "kidnapper"
    return not _coordinated(clause, arg.first)


def _open_expression(clause: Clause, hit: Hit) -> bool:
    """A multi-word noun trigger whose last word governs what follows it: a
    preposition (السيطرة على، القبض على، الإفراج عن) or a noun in construct,
    without the article (إطلاق سراح): the argument after it is its complement,
    also when its first word has the article."""
    if hit.last == hit.first:
        return False
    words = clause.words
    return has_form(words, hit.last, modifiers()["function"].forms) or not _definite(
        words, hit.last
    )


def _coordinated(clause: Clause, k: int) -> bool:
    """Word ``k`` starts with the conjunction و (وآلاف، وقوات), not with a root و
    (وزير، وحدات): its whole form is no noun of roles.tsv but its form without و is."""
    words = clause.words
    mention = clause.mention_at(k)
    if mention is not None:
        return "و" in words.text[words.starts[k] : mention.ns]
    lexicon = marker_words("actor_noun") | marker_words("victim") | marker_words("quantity")
    if words.word(k) in lexicon:
        return False
    return any(prefix.startswith("و") and stem in lexicon for prefix, stem in stems(words, k))


def _governing_verb(clause: Clause, hit: Hit) -> tuple[int, Arg | None] | None:
    """The light or control verb that governs a verbal noun, and its subject:
    قامت امرأة ... بتفجير نفسها (قام/نفذ + ب-masdar), انتحارية نفذت الهجوم، نظم
    الطلاب مسيرة (the noun right after the verb and its subject). A control verb
    (``control_verb`` in roles.tsv: قررت النقابة الإضراب، واصل العمال اعتصامهم،
    حاولت الشرطة اعتقاله) takes its verbal noun right after it and its subject the
    same way. Between the verb and its noun, any noun is the subject (أعلنت
    النقابة مقاطعة ...). The subject may be None (the verb governs, nobody is named)."""
    light = modifiers()["light"]
    words = clause.words
    # مقتل after a control verb is reported, not done (أعلنت الشرطة مقتل …); after a
    # preposition it is (أقدم مسلح على قتل، نجح الجيش في قتل)
    control = (
        _control_forms(hit.rule.type)
        if hit.rule.mode not in OUTCOME_MODES
        else marker_words("control_prep")
    )
    for k in range(hit.first - 1, max(clause.start, hit.first - light.window) - 1, -1):
        if _comma(words.between(k, k + 1)) or k in clause.triggers:
            return None  # قام بتفتيش ... واعتقل ... بالضرب: the light verb governs the first
        if clause.mention_at(k) is not None:
            continue
        controls = has_form(words, k, control)
        if not (controls or has_form(words, k, light.forms)):
            continue
        with_b = "ب" in hit.prefix and not controls
        # لجأت الشرطة إلى اعتقال: the preposition of such a verb stands before its noun
        bridge = hit.first - 1 if _prepositional_control(clause, k, hit.first - 1) else -1
        subject = _first_after(clause, k + 1, actor=True)
        if subject is None and not with_b:
            subject = _first_after(clause, k + 1, actor=False)  # أعلنت النقابة مقاطعة
            if subject is not None and not _acting_noun(clause, subject):
                subject = None  # بدأ موسم الإضرابات: the head of a construct, not a subject
        if subject is not None and subject.last < hit.first:
            between = range(subject.last + 1, hit.first)
            if with_b or all(j == bridge or _skippable(clause, j) for j in between):
                return k, subject
            return None
        between = range(k + 1, hit.first)
        if with_b or all(j == bridge or _skippable(clause, j) for j in between):
            return k, _subject_before(clause, k)  # انتحارية نفذت الهجوم
        return None
    return None


def _prepositional_control(clause: Clause, k: int, j: int) -> bool:
    """Word ``k`` is a control verb that takes its verbal noun after إلى / على / في
    (``control_prep``: لجأ، عمد، أقدم، نجح، شارك) and word ``j`` is that preposition."""
    words = clause.words
    return has_form(words, k, marker_words("control_prep")) and has_form(
        words, j, _w("control_preposition")
    )


@cache
def _control_forms(event_type: str) -> frozenset[str]:
    return frozenset(
        word
        for group in role_markers().get("control_verb", []) + role_markers().get("control_prep", [])
        if group.applies(event_type)
        for word in group.single
    )


def _acting_noun(clause: Clause, arg: Arg) -> bool:
    """Whether ``arg``, a noun between a verb and its verbal noun, is the verb's
    subject: a mention that can act, or a noun with the article and no
    preposition (النقابة; not بالتأكيد). Without the article, the noun is the head
    of a construct with the verbal noun (بدأ موسم الإضرابات)."""
    mention = clause.mention_at(arg.first)
    if mention is not None:
        return _can_act(clause, mention)
    words = clause.words
    if words.word(arg.first).startswith(_GOVERNING):
        return False  # بالتأكيد، للشرطة
    return _definite(words, arg.last)


def _claimant(clause: Clause, hit: Hit) -> Arg | None:
    """Who claims the event (أعلنت الجماعة مسؤوليتها عن عملية التفجير، التنظيم
    يتبنى المسؤولية عن الهجوم): the subject of the claim verb before "المسؤولية عن",
    any noun, as after an explicit agent marker."""
    words = clause.words
    claim, responsibility = marker_words("claim"), marker_words("responsibility")
    for j in range(hit.first - 2, max(clause.start, hit.first - CLAIM_GAP - 2) - 1, -1):
        if not (has_form(words, j, responsibility) and has_form(words, j + 1, _w("about"))):
            continue
        for v in range(j - 1, max(clause.start, j - MARKER_WINDOW) - 1, -1):
            if _comma(words.between(v, v + 1)):
                return None
            if clause.mention_at(v) is None and has_form(words, v, claim):
                subject = _first_after(clause, v + 1, actor=False)
                if subject is not None and subject.first < j:  # تبنى التنظيم المسؤولية
                    if subject.last >= j:  # المسؤولية is no adjective of it
                        subject = Arg(subject.first, j - 1, subject.ns, words.ends[j - 1],
                                      subject.label, subject.data)  # fmt: skip
                    return subject
                return _subject_before(clause, v, prefix=stems(words, v)[0][0])
        return None
    return None


def _accused(clause: Clause, hit: Hit) -> Arg | None:
    """The object of an accusing verb (``accuse``: اتهم، حمّل) is the actor of
    the verbal noun it is accused of, after ب or مسؤولية (اتهمت الحكومة
    المعارضة بتنظيم أعمال شغب، حمّل الجيش المتمردين مسؤولية الهجوم)."""
    words = clause.words
    for v in range(hit.first - 1, max(clause.start, hit.first - WINDOW) - 1, -1):
        if _comma(words.between(v, v + 1)):
            return None
        if clause.mention_at(v) is not None or not has_form(words, v, marker_words("accuse")):
            continue
        after = v + 1
        if _subject_before(clause, v, prefix=stems(words, v)[0][0]) is None:
            subject = _first_after(clause, v + 1, actor=True)
            after = _past_subject(clause, subject, subject.last + 1) if subject else after
        accused = _first_after(clause, after, actor=True)
        if accused is None or accused.last + 1 >= hit.first + 1:
            return None
        return accused if _accusation_follows(clause, accused.last + 1, hit) else None
    return None


def _accusation_follows(clause: Clause, k: int, hit: Hit) -> bool:
    """What the accused is accused of starts at word ``k`` and holds the trigger:
    a noun with ب (بقتل، بتنظيم …) or مسؤولية, at most three words before it."""
    words = clause.words
    if hit.first - k > 3 or any(j in clause.triggers for j in range(k, hit.first)):
        return False
    opening = hit.prefix if k == hit.first else stems(words, k)[0][0]
    with_b = any(p.lstrip("وف").startswith("ب") for p, _ in stems(words, k)) or "ب" in opening
    return with_b or has_form(words, k, _w("charge"))


def _protesters_before(clause: Clause, hit: Hit) -> Arg | None:
    """For a protest noun without actor (خرج آلاف الطلاب ... للاحتجاج): the
    nearest protesters, group or people named before it in the clause."""
    words = clause.words
    aimed = _w("facing") | _w("on")
    if hit.first > clause.start and has_form(words, hit.first - 1, aimed):
        controls = marker_words("control_prep")
        window = range(max(clause.start, hit.first - 1 - MAX_NP - 1), hit.first - 1)
        if not any(has_form(words, k, controls) for k in window):
            return None  # أطلقت الشرطة النار على المظاهرة: who fires is no protester
    for k in range(hit.first - 1, max(clause.start, hit.first - PROTEST_WINDOW) - 1, -1):
        if _comma(words.between(k, k + 1)) or k in clause.triggers:
            return None
        if has_form(words, k, _w("facing")):
            return None  # تعامل الحكومة مع الاحتجاجات: who faced them, not who protested
        mention = clause.mention_at(k)
        if mention is not None:
            if mention.label in ("ORG", "NORP") and not _governed(clause, mention):
                return mention
            continue
        governed = k > clause.start and has_form(words, k - 1, _w("on") | _w("from"))
        governed = governed or _with_preposition(words, k)
        if is_a(words, k, "actor_noun") and not governed:
            return _noun_run(clause, k)
    return None


def _with_preposition(words: EventWords, k: int) -> bool:
    """Word ``k`` is an actor noun only with the proclitic preposition ب or ل
    (بتنظيم: "by organising"); لاجئين is a noun of its own."""
    nouns = marker_words("actor_noun")
    if words.word(k) in nouns:
        return False
    return any(
        stem in nouns and p.lstrip("وف").startswith(("ب", "ل")) for p, stem in stems(words, k)
    )


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
