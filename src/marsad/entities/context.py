"""Entities that are not in the knowledge base, found from their context.

* persons after titles and roles (الجنرال، وزير الخارجية، المتحدث باسم X ...),
  after a reporting verb in quotation marks (وأضاف "كالفيرت"), or starting with
  a known given name;
* organisations by their head noun (وزارة، قوات، حركة ...) and the definite
  words or places that follow it;
* places after a cue (مدينة، بلدة، قرية، ريف، مخيم، قاعدة ...).

The cue lists are data files in ``data/entities/``. Every recogniser returns
:class:`Mention` objects over the normalised text and never overlaps the
mentions it is given (knowledge-base hits win).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from marsad.entities.mentions import (
    LAM_ARTICLE,
    PATRONYMIC_LINKS,
    Mention,
    Words,
    clitic_readings,
    norm_lines,
    stopwords,
)
from marsad.resources import read_tsv
from marsad.text.normalize import normalize_string

_MAX_NAME_WORDS = 3
#: the longest name a chain of بن/آل may reach (تركي بن سعود بن محمد آل سعود)
_MAX_CHAINED_NAME_WORDS = 9
_QUOTE_OPEN_RE = re.compile(r'" ?')
_NAME_LINKS = PATRONYMIC_LINKS | {"ابو", "عبد", "ام", "ال"}
#: punctuation allowed between a title and the name it introduces
_TITLE_GAP = frozenset({"", " ", '"', ' "', '" ', "، ", "،", ", ", " - ", "-", "- ", " -"})
#: cues so generic that one following word is not enough to call it a name
_GENERIC_CUES = frozenset(
    normalize_string(c)
    for c in (
        "مسؤول",
        "المسؤول",
        "مسؤولة",
        "زعيم",
        "الزعيم",
        "مدير",
        "مديرة",
        "رئيس",
        "وزير",
        "الفريق",  # also "the team"
        "الحاج",
        "الحاجة",  # also "the need"
    )
)


#: single-word cues that are first of all common nouns (the team, the need):
#: a name after them must open with a known given name
_COMMON_NOUN_CUES = frozenset({(normalize_string("الفريق"),), (normalize_string("الحاجة"),)})


@cache
def person_cues() -> dict[tuple[str, ...], str]:
    """Normalised cue word sequences -> the cue as written."""
    return {tuple(c.split()): c for c in norm_lines("entities/person_cues.txt")}


@cache
def cue_first_words() -> frozenset[str]:
    return frozenset(seq[0] for seq in person_cues())


@cache
def person_cue_words() -> frozenset[str]:
    """Single-word titles (الجنرال، الرئيس): never part of a person's name."""
    return frozenset(seq[0] for seq in person_cues() if len(seq) == 1)


@cache
def org_heads() -> frozenset[str]:
    return frozenset(norm_lines("entities/org_heads.txt"))


@cache
def place_cues() -> dict[str, str]:
    return {normalize_string(row[0]): row[1] for row in read_tsv("entities/place_cues.tsv")}


@cache
def anaphors() -> dict[str, frozenset[str]]:
    """Definite nouns that refer back to an organisation -> the kinds it may have."""
    return {
        normalize_string(row[0]): frozenset(row[1].split("|"))
        for row in read_tsv("entities/anaphors.tsv")
    }


@cache
def place_compounds() -> frozenset[str]:
    return frozenset(norm_lines("entities/place_compounds.txt"))


@cache
def given_names() -> dict[tuple[str, ...], str]:
    # a given name that is also a function word is no cue ("حسب"), unless the
    # function word is spelt differently in the original ("على" folds to "علي"):
    # there the function word's spelling is marked as no name (Words.not_names)
    return {
        tuple(n.split()): n
        for n in norm_lines("entities/given_names.txt")
        if n not in stopwords() or n in _unfolded_function_words()
    }


@cache
def _unfolded_function_words() -> frozenset[str]:
    return frozenset(norm_lines("entities/unfolded_function_words.txt"))


@cache
def _given_first_words() -> frozenset[str]:
    return frozenset(seq[0] for seq in given_names())


def is_given_name(word: str) -> bool:
    """Whether a normalised word is a known given name (or the first word of one)."""
    return word in _given_first_words()


@cache
def reporting_verbs() -> frozenset[str]:
    """Forms of the reporting verbs (shared with the quotes stage) that are a
    verb on their own: a quoted word right after one names the speaker
    (وقال "كالفيرت"). Forms that are also ordinary words (بين، طالب) are not."""
    forms: set[str] = set()
    for row in read_tsv("quotes/verbs.tsv"):
        if len(row) >= 3 and row[1] in ("verb", "participle"):
            forms.update(normalize_string(form) for form in row[2].split())
    return frozenset(forms)


class Occupancy:
    """Which words are already part of a mention."""

    def __init__(self, words: Words, mentions: list[Mention]) -> None:
        self.words = words
        self.owner: list[Mention | None] = [None] * len(words)
        for mention in mentions:
            self.claim(mention)

    def claim(self, mention: Mention) -> Mention:
        """Mark the words of ``mention`` as its own; returns it."""
        first = self.words.first_from(mention.ns)
        if first > 0 and self.words.ends[first - 1] > mention.ns:
            first -= 1  # the mention starts inside a word after a proclitic
        for i in range(first, len(self.words)):
            if self.words.starts[i] >= mention.ne:
                break
            self.owner[i] = mention
        return mention

    def free(self, i: int) -> bool:
        return 0 <= i < len(self.owner) and self.owner[i] is None


def _is_name_word(word: str, position: int) -> bool:
    if len(word) < 2 or not word.isalpha() or word.isascii():
        return False
    if word in _given_first_words():
        return True
    for prefix, stem in clitic_readings(word):
        # "لاتحاد" is ل + اتحاد (an organisation noun), "للوصول" a preposition
        # and a verbal noun: a reading that is a known non-name rules it out
        if prefix == "ال" and stem in _given_first_words():
            continue  # العلي، الحسن: a family name from a given name
        if stem in stopwords() or stem in org_heads() or stem in place_cues():
            return False
        if stem in cue_first_words():
            return False
    if _looks_like_verb(word) or _looks_like_verbal_noun(word):
        return False
    if any(word.endswith(p) and word[: -len(p)] in stopwords() for p in _PRONOUN_SUFFIXES):
        return False  # عليه، عنها، حينها: a function word with an attached pronoun
    if word.startswith("لل"):
        return False  # "للشؤون": ل + the article, a prepositional phrase
    if word.startswith("وال") and word not in _given_first_words():
        return False  # "والميدان": a conjunction and the article
    if word.startswith("و") and len(word) > 3 and word not in _given_first_words():
        return False  # "جرجورة وسليمان"، "وزير الخارجية وشؤون المغتربين": a conjunction
    if position == 0 and word.endswith("ات") and word not in _given_first_words():
        return False  # "حالات الطوارئ": a plural noun does not open a name
    return position > 0 or not word.startswith("ال") or len(word) <= 3


_PRONOUN_SUFFIXES = ("هما", "هم", "هن", "ها", "ه", "كم", "نا")

# Verbal nouns of derived verb forms, which head noun phrases right where a
# name would stand ("أدان الأمين العام اندلاع القتال"): انفعال (VII), افتعال
# (VIII, with ت assimilated to ط/د), استفعال (X), تفعيل (II: تصريح، تأكيد),
# and the four consonants of تفعّل (V: تدخل، تقدم), which is also the
# imperfect of such verbs.
# Checked on the word without proclitics and article.
_DERIVED_MASDAR_RE = re.compile(r"^(?:ان..ا.|ا.[تطد].ا.|است..ا.|ت..ي.|ت[^اوي]{3})$")


def _looks_like_verbal_noun(word: str) -> bool:
    return any(_DERIVED_MASDAR_RE.match(stem) for _, stem in clitic_readings(word))


def _looks_like_verb(word: str) -> bool:
    """Third-person imperfect verbs (يبدأ، سيعمل، ويتأهل) start with ي; Arabic
    names that do are in the given-name list, which is checked first. (ت also
    marks verbs, but too many foreign names start with it: توماس، تشارلز.)"""
    stem = word[1:] if word.startswith(("س", "و", "ف")) and len(word) > 4 else word
    return len(stem) >= 4 and stem[0] == "ي"


def _after_name_link(word: str) -> bool:
    """After عبد، أبو، بن any word is part of the name, even one that is
    otherwise a title or a noun (عبد الأمير، عبد الملك، أبو الخير)."""
    return word.isalpha() and len(word) >= 2 and word not in stopwords()


def _third_name_word(words: Words, i: int) -> bool:
    """A name runs past two words unless the third looks like the noun that
    follows a name ("محمد بوعزيزي احتجاجات"، "حسن أبولبده كلمة"): a feminine or
    plural ending, where a given name (حسين، فاطمة) or a link word would not."""
    word = words.word(i)
    if _title_of_a_place(words, i):
        return False  # "خالد الفيصل أمير منطقة مكة": أمير is a name, but here the title
    if word in _given_first_words() or word in _NAME_LINKS or words.word(i - 1) in _NAME_LINKS:
        return True
    if word.startswith("ل") and len(word) == 4:
        return False  # "جهاد أزعور لبحث": ل + a verbal noun, a purpose
    if word in name_accusatives():
        return False  # "فهد اليوسف نائبا"، "جورج بيميش ثالثا": an indefinite accusative
    if i >= 2 and words.word(i - 2) in ("عبد", "ابو"):
        return word not in stopwords()  # "عبد السلام أحيزون": after a compound given name
    return not word.endswith(("ه", "ات", "ون", "ين"))


def _named_after(words: Words, i: int) -> bool:
    """A name at word ``i`` names a place or institution: right after its head,
    or after a title after it (مستشفى الملك فيصل)."""
    if i > 0 and _names_a_place_or_body(words, i - 1):
        return True
    return (
        i > 1 and words.word(i - 1) in person_cue_words() and _names_a_place_or_body(words, i - 2)
    )


def _names_a_place_or_body(words: Words, i: int) -> bool:
    """Word ``i`` is a place or institution that takes a person's name
    (مطار، جامعة، مستشفى): a title and a name after it name the place."""
    return words.word(i) in _word_list("named_after_heads")


def _title_of_a_place(words: Words, i: int) -> bool:
    """Word ``i`` opens a title (أمير، وزير، رئيس) whose next word is a kind of
    place or organisation (أمير منطقة، رئيس مجلس)."""
    if i + 1 >= len(words):
        return False
    word = words.word(i)
    if not (word in cue_first_words() or "ال" + word in cue_first_words()):
        return False
    following = words.word(i + 1)
    bare_following = following[2:] if following.startswith("ال") else following
    return any(w in place_cues() or w in org_heads() for w in (following, bare_following))


def _noun_and_adjective(words: Words, i: int) -> bool:
    """ "ركلة حرة"، "بطاقة صفراء": a feminine noun and its agreeing adjective,
    where a name would need a given name (فاطمة الزهراء is one)."""
    if i + 1 >= len(words) or not words.word(i).endswith("ه"):
        return False
    return words.word(i) not in _given_first_words() and words.word(i + 1).endswith(("ه", "اء"))


def _name_extent(words: Words, occ: Occupancy, first: int, position: int = 0) -> int:
    """How many words from ``first`` form a name (0 when none); ``position`` is
    how many name words come before ``first`` (a given name already read)."""
    if position == 0 and _noun_and_adjective(words, first):
        return 0
    count = 0
    i = first
    # past _MAX_NAME_WORDS only along a chain of بن/آل (see the check below)
    while i < len(words) and count < _MAX_CHAINED_NAME_WORDS:
        if not occ.free(i) or i in words.not_names:
            break
        linked = count + position > 0 and words.word(i - 1) in _NAME_LINKS
        # "حسن فضل الله"، "نصر الله": الله closes a compound name
        compound = count + position > 0 and words.word(i) == "الله"
        # a word written أل/إل (ألفريدو) has no article, as if it were not first
        at = count + position or (1 if i in words.hamza_al else 0)
        if (
            not (linked and _after_name_link(words.word(i)))
            and not compound
            and not _is_name_word(words.word(i), at)
        ):
            break
        if count + position >= 2 and not compound and not _third_name_word(words, i):
            break
        gap = words.between(i - 1, i)
        if count and (gap.strip(' "') not in ("", "-") or (gap.strip(' "') == "-" and gap != "-")):
            break  # a comma, a full stop or a spaced dash ("الروقي- سبق") ends the name
        count += 1
        # "تركي بن سعود بن محمد آل سعود": a chain of بن/آل runs past the cap
        chained = words.word(i) in _NAME_LINKS or (
            i + 1 < len(words) and words.word(i + 1) in _NAME_LINKS
        )
        if count >= _MAX_NAME_WORDS and not chained:
            break
        i += 1
    while count and words.word(first + count - 1) in _NAME_LINKS:
        count -= 1  # "ولد" in "محمد ولد في": a link word does not end a name
    return count


@cache
def _by_first_word(table_name: str) -> dict[str, list[tuple[str, ...]]]:
    table = person_cues() if table_name == "cues" else given_names()
    index: dict[str, list[tuple[str, ...]]] = {}
    for seq in table:
        index.setdefault(seq[0], []).append(seq)
    return index


def _match_sequence(words: Words, i: int, table_name: str, first: str) -> int:
    """Length of the longest sequence of a cue table starting at word ``i``,
    whose first word (without its proclitic) is ``first``."""
    best = 0
    for seq in _by_first_word(table_name).get(first, ()):
        if i + len(seq) <= len(words) and all(
            words.word(i + k) == seq[k] for k in range(1, len(seq))
        ):
            best = max(best, len(seq))
    return best


def _skip_modifiers(words: Words, occ: Occupancy, j: int) -> tuple[int, Mention | None]:
    """Skip what stands between a title and the name: definite adjectives
    (الخارجية الأميركي), an organisation or country mention (باسم قوات ...),
    and connecting words. Returns the next word index and the organisation or
    country the title belongs to."""
    org: Mention | None = None
    steps = 0
    while j < len(words) and steps < 6:
        owner = occ.owner[j]
        word = words.word(j)
        if owner is not None and owner.type in ("ORG", "GPE", "NORP"):
            org = org or owner
            while j < len(words) and occ.owner[j] is owner:
                j += 1
        elif owner is None and (
            (
                (word.startswith("ال") or word[:3] in ("لل", "بال"))
                and word not in stopwords()
                and j not in words.hamza_al  # "المهاجم ألكسندر ...": a name, not an adjective
            )
            or word in ("في", "باسم", "لدي")
        ):
            j += 1
        elif owner is None and _lam_complement(words, j):
            j += 2  # "لكرة السلة"، "لشؤون اللاجئين": the domain of the title
        else:
            break
        steps += 1
    return j, org


def _lam_complement(words: Words, j: int) -> bool:
    """ل + an indefinite noun + a definite word after a title (رئيسة الاتحاد
    لكرة السلة، المفوض السامي لشؤون اللاجئين)."""
    if j + 1 >= len(words) or words.between(j, j + 1) != " ":
        return False
    word, following = words.word(j), words.word(j + 1)
    return (
        word.startswith("ل")
        and not word.startswith("لل")
        and len(word) > 3
        and word not in stopwords()
        and following.startswith("ال")
        and following not in stopwords()
    )


Tags = dict[str, dict[int, tuple[str, str]]]


def lexicons() -> dict[str, frozenset[str]]:
    """The cue lexicons words are tagged with before the recognisers run."""
    return {
        "cue": cue_first_words(),
        "given": _given_first_words(),
        "head": org_heads(),
        "place": frozenset(place_cues()),
        "verb": reporting_verbs(),
        "anaphor": frozenset(anaphors()),
    }


def persons_after_titles(words: Words, occ: Occupancy, tags: Tags) -> Iterator[Mention]:
    resume = 0
    for i, (_, first) in sorted(tags["cue"].items()):
        if i < resume or not occ.free(i):
            continue
        length = _match_sequence(words, i, "cues", first)
        if not length:
            continue
        if i > 0 and _names_a_place_or_body(words, i - 1):
            continue  # "مطار الملك عبدالعزيز الدولي": named after a king, not the king
        cue_words = tuple(words.word(i + k) for k in range(length))
        j, org = _skip_modifiers(words, occ, i + length)
        if j < len(words) and words.between(j - 1, j) not in _TITLE_GAP:
            continue
        owner = occ.owner[j] if j < len(words) else None
        title_ns, title_ne = words.starts[i], words.ends[j - 1]
        role = {"title_span": (title_ns, title_ne), "org": org}
        if owner is not None and owner.type == "PER":
            if owner.role is None or (org is not None and owner.role.get("org") is None):
                owner.role = role  # the second pass knows the organisations
            resume = j
            continue
        if (
            j == i + length
            and cue_words[-1] in institution_heads()
            and j < len(words)
            and words.word(j) not in _given_first_words()
        ):
            continue  # "رئيس بلدية بيرزيت": the title's institution, named after it
        if _title_of_a_place(words, j):
            continue  # "صاحب السمو الملكي أمير المنطقة": a second title, no name
        n = _name_extent(words, occ, j)
        if n == 1 and j + 1 < len(words) and words.word(j) in _given_first_words():
            # "رئيس المجلس مازن القاضي إن"، "اللواء منصور التركي"
            n += _title_family_name(words, occ, j + 1) or _nisba_family_name(words, occ, j + 1)
        needed = 2 if cue_words[-1] in _GENERIC_CUES and length == 1 else 1
        if cue_words in _COMMON_NOUN_CUES and (j >= len(words) or not is_given_name(words.word(j))):
            continue  # "الفريق قدم مباراة": the team; "الفريق محمد …" the general
        if n == 1 and _adjective_of_title(words, cue_words, j):
            continue  # "قائد ميداني"، "ناشط حقوقي": a field commander, not Mr ميداني
        if n >= needed:
            mention = Mention(words.starts[j], words.ends[j + n - 1], "PER", "title", role=role)
            occ.claim(mention)
            yield mention
            resume = j + n


def _adjective_of_title(words: Words, cue_words: tuple[str, ...], j: int) -> bool:
    """Word ``j``, alone after an indefinite title, is the title's nisba
    adjective (ends in ي) rather than a name, unless it is a known given name."""
    word = words.word(j)
    return (
        not cue_words[0].startswith("ال")
        and word.endswith("ي")
        and not word.startswith("ال")
        and word not in _given_first_words()
    )


def persons_in_quotes(words: Words, occ: Occupancy, tags: Tags) -> Iterator[Mention]:
    """وأضاف "كالفيرت": a short quotation right after a reporting verb or a
    title is a name, not a statement."""
    text = words.text
    after_marks = sorted({words.first_from(m.end()) for m in _QUOTE_OPEN_RE.finditer(text)})
    for i in after_marks:
        if i >= len(words) or not occ.free(i):
            continue
        before = text[max(0, words.starts[i] - 2) : words.starts[i]]
        if '"' not in before:
            continue
        n = _name_extent(words, occ, i)
        if not n or n > _MAX_NAME_WORDS:
            continue
        after = text[words.ends[i + n - 1] : words.ends[i + n - 1] + 1]
        if after != '"' or i == 0:
            continue
        previous = i - 1 in tags["verb"] or i - 1 in tags["cue"]
        owner = occ.owner[i - 1]
        if not previous and (owner is None or owner.type in ("GPE", "LOC", "FAC")):
            continue  # after a place ("الباغوز "تحررت"") a quoted word is a claim
        mention = Mention(words.starts[i], words.ends[i + n - 1], "PER", "quoted")
        occ.claim(mention)
        yield mention


def persons_by_given_name(words: Words, occ: Occupancy, tags: Tags) -> Iterator[Mention]:
    for i, reading in sorted(tags["given"].items()):
        if not occ.free(i) or i in words.not_names:
            continue
        if words.word(i) in stopwords() and not (
            words.spells_maqsura and words.word(i) in given_names_unfolded()
        ):
            continue  # "حسب"; "علي" only where the text writes "على" with ى
        if "س" in reading[0] or "ال" in reading[0] or "ك" in reading[0]:
            continue  # names take neither the future prefix (سجون), the article (النصر) nor ك
        if reading[0] and words.word(i) in _word_list("proclitic_lookalikes"):
            continue  # "لجان المقاومة": committees, not "for Jean"
        if i > 0 and words.word(i - 1) in _word_list("verb_particles"):
            continue  # "قد رفعت الفائدة": a verb after قد, not Rifaat
        if i > 0 and words.strip(i - 1, place_cues()) is not None:
            continue  # "منطقة حسن كوي": a place named after a person
        if _named_after(words, i):
            continue  # "مستشفى الملك فيصل التخصصي"
        length = _match_sequence(words, i, "given", reading[1]) or _compound_given(
            words, i, reading[1]
        )
        if not length or i + length > len(words):
            continue
        kunya = reading[1] == "ابو" and length == 2
        if i + length == len(words) or words.between(i + length - 1, i + length).strip(" "):
            # "سمير: ..." — punctuation or a line break ends the name; a kunya
            # (أبو غسان) is a whole name by itself
            if kunya:
                yield occ.claim(
                    Mention(
                        words.starts[i] + len(reading[0]), words.ends[i + 1], "PER", "given_name"
                    ),
                )
            continue
        follower = words.word(i + length)
        if follower.startswith("وال"):
            continue  # "يعقوب والحديث": a conjunction, not a family name
        if reading[1] in given_names_unfolded() and (
            follower.endswith(("ه", "ات")) or _looks_like_verbal_noun(follower)
        ):
            continue  # "علي الطاقة"، "علي مفاعلات": على written with ي, before a noun
        ambiguous = length == 1 and reading[1] in _word_list("ambiguous_given_names")
        if ambiguous and (follower.startswith("ال") or reading[0]):
            continue  # "كامل الأراضي"، "بأسماء ممثليه": the common word
        rest = _name_extent(words, occ, i + length, position=length)
        if rest == 0:
            rest = _nisba_family_name(words, occ, i + length) or _title_family_name(
                words, occ, i + length
            )
        if rest == 0 and not kunya:
            continue
        taken = min(rest, 2)
        if taken < rest and words.word(i + length + taken - 1) in _NAME_LINKS:
            taken += 1  # "سلطان أحمد بن سليم": a link word takes the next
        end = i + length + taken - 1
        start = words.starts[i] + len(reading[0])
        mention = Mention(start, words.ends[end], "PER", "given_name")
        occ.claim(mention)
        yield mention


@cache
def given_names_unfolded() -> frozenset[str]:
    """Given names that normalise like a function word (علي ~ على): where the
    original has the function word's spelling the word is in ``not_names``,
    so what is left of them is the name."""
    return _unfolded_function_words() & _given_first_words()


def _compound_given(words: Words, i: int, stem: str) -> int:
    """2 for a compound first name or kunya the given-name list lacks: عبد +
    a definite word (عبد الرازق، عبد الغني), أبو + a name word (أبو لبده،
    أبو الغيط، أبو غسان); else 0."""
    if stem not in ("عبد", "ابو") or i + 1 >= len(words) or words.between(i, i + 1) != " ":
        return 0
    following = words.word(i + 1)
    if not _nameable(words, i + 1) or following in stopwords():
        return 0
    if stem == "عبد":
        return 2 if following.startswith("ال") and len(following) > 3 else 0
    return 2 if _is_name_word(following, 1) or following in _given_first_words() else 0


def _nameable(words: Words, j: int) -> bool:
    return j not in words.not_names and words.word(j).isalpha()


def club_heads() -> frozenset[str]:
    """نادي، فريق، منتخب: heads of a club's name (see Linker.club_names)."""
    return _word_list("club_heads")


@cache
def _word_list(name: str) -> frozenset[str]:
    """The normalised words of ``data/entities/<name>.txt``."""
    return frozenset(norm_lines(f"entities/{name}.txt"))


@cache
def institution_heads() -> frozenset[str]:
    return frozenset(norm_lines("entities/institution_heads.txt"))


def _bare_proper_name(words: Words, occ: Occupancy, j: int) -> bool:
    """Word ``j`` after an institution head is a proper name: بلدية بيرزيت."""
    if j >= len(words) or not occ.free(j) or j in words.not_names:
        return False
    if words.between(j - 1, j) != " ":
        return False
    word = words.word(j)
    if (
        word.endswith("ي")
        and j + 1 < len(words)
        and words.between(j, j + 1) == " "
        and _whole_word_nationality(words, j + 1, occ.owner[j + 1])
    ):
        word = word[:-1]  # "شركة إيني الإيطالية": a definite adjective follows, so a name
    if word.startswith("ال") or word.endswith(("ه", "ي")) or not _is_name_word(word, 1):
        return False
    return word not in stopwords() and word not in org_heads()


def _title_family_name(words: Words, occ: Occupancy, j: int) -> int:
    """1 when word ``j``, right after a given name, is a definite title that
    ends the clause (مازن القاضي إن، محمد الشيخ ،): a family name, since a
    title there would need a name after it."""
    if j + 1 >= len(words) or not occ.free(j) or words.between(j - 1, j) != " ":
        return 0
    word = words.word(j)
    if not word.startswith("ال") or word not in person_cue_words():
        return 0
    gap = words.between(j, j + 1).strip()
    following = words.word(j + 1)
    return 1 if gap or following in ("ان", "انه", "انها", "ان", "في", "من", "الى") else 0


def _nisba_family_name(words: Words, occ: Occupancy, j: int) -> int:
    """1 when word ``j``, right after a given name, is a singular nisba that is
    the family name (ماهر المصري، محمد الحلبي), else 0. A plural or feminine
    adjective (الإيرانيين، التركية) describes something else."""
    owner = occ.owner[j] if j < len(words) else None
    if owner is None or owner.type != "NORP" or words.between(j - 1, j) != " ":
        return 0
    word = words.word(j)
    whole_word = owner.ns <= words.starts[j] and owner.ne >= words.ends[j]
    if not whole_word or not word.startswith("ال") or not word.endswith("ي"):
        return 0
    return 1


def _disagrees_with_head(head: str, words: Words, j: int, owner: Mention | None) -> bool:
    """A masculine nisba after a feminine head (ends in ة) describes another
    noun: in "وزير الخارجية الأمريكي" it is the minister who is American. It
    may describe the masculine noun right before it, inside the name
    (جبهة العمل الإسلامي، جبهة الخلاص الوطني)."""
    word = words.word(j)
    if not head.endswith("ه") or not word.endswith("ي"):
        return False
    previous = words.word(j - 1)
    if previous != head and previous.startswith("ال") and not previous.endswith(("ه", "ات")):
        return False
    return owner is None or owner.type == "NORP"


def _is_modifier(words: Words, occ: Occupancy, i: int) -> bool:
    owner = occ.owner[i]
    if owner is not None:
        return owner.type in ("GPE", "NORP", "LOC")
    word = words.word(i)
    if word in person_cue_words() or i in words.hamza_al:
        return False  # "رئيس مجلس الوزراء الأمير ...": the title of the name that follows
    return word.startswith("ال") and word not in stopwords() and len(word) > 3


@cache
def name_accusatives() -> frozenset[str]:
    return frozenset(norm_lines("entities/name_accusatives.txt"))


@cache
def coordinating_heads() -> frozenset[str]:
    """Heads whose name may join two nouns with و (وزارة الهجرة والمهجرين)."""
    return frozenset(norm_lines("entities/org_coordinating_heads.txt"))


@cache
def apposition_heads() -> frozenset[str]:
    """Heads that stand before a proper name (شركة أرامكو، حزب جبهة العمل)."""
    return frozenset(norm_lines("entities/org_apposition_heads.txt"))


def _org_extent(
    words: Words, occ: Occupancy, i: int, head: str, definite: bool = False
) -> tuple[int, Mention | None]:
    """The end (exclusive word index) of an organisation whose head is word
    ``i``, and the place or nationality among its modifiers."""
    j, country = i + 1, None
    if not definite and not head.startswith("ال") and _construct_noun(words, occ, j):
        j += 1  # "هيئة مقاومة الجدار"، "شركة تسويق النفط": an annexed noun, then its complement
    while j < len(words) and j - i <= 4 and _is_modifier(words, occ, j):
        if words.between(j - 1, j).strip(' "') != "":  # punctuation or a line break
            break
        owner = occ.owner[j]
        if _disagrees_with_head(head, words, j, owner):
            break  # "وزير الخارجية الأمريكي": the adjective is the minister's
        if owner is not None:
            country = country or owner
            while j < len(words) and occ.owner[j] is owner:
                j += 1
        else:
            j += 1
    if j > i + 1 and country is None and head in coordinating_heads():
        j = _coordinated(words, occ, j)
    if j > i + 1:
        j = _lam_domain(words, occ, j)
    return j, country


def _construct_noun(words: Words, occ: Occupancy, j: int) -> bool:
    """Word ``j`` is an indefinite noun annexed to the head and followed by a
    definite word or a place that completes the name."""
    if j + 1 >= len(words) or not occ.free(j) or j in words.not_names:
        return False
    if words.between(j - 1, j) != " " or words.between(j, j + 1) != " ":
        return False
    word = words.word(j)
    if (
        not word.isalpha()
        or len(word) < 3
        or word.startswith(("ال", "و", "ل", "ب"))
        or word.endswith(("ا", "ي", "يه"))
        or word in stopwords()
        or word in place_cues()
        or word in cue_first_words()
        or word in _given_first_words()
        or _looks_like_verb(word)
    ):
        return False
    owner = occ.owner[j + 1]
    if owner is not None:
        return owner.type in ("GPE", "LOC")
    return _is_modifier(words, occ, j + 1) and j + 1 not in words.hamza_al


def _coordinated(words: Words, occ: Occupancy, j: int) -> int:
    """ "وزارة الهجرة والمهجرين"، "ائتلاف الإعمار والتنمية": و + a definite
    noun continues the name; a nationality after it still belongs to it."""
    if j >= len(words) or not occ.free(j) or words.between(j - 1, j) != " ":
        return j
    word = words.word(j)
    if not word.startswith("وال") or len(word) <= 5 or word[1:] in stopwords():
        return j
    j += 1
    if j < len(words) and words.between(j - 1, j) == " ":
        owner = occ.owner[j]
        if owner is not None and owner.type == "NORP":
            while j < len(words) and occ.owner[j] is owner:
                j += 1
    return j


def _lam_domain(words: Words, occ: Occupancy, j: int) -> int:
    """The domain of an organisation after ل: "الاتحاد المصري لكرة القدم"،
    "المركز الإعلامي للقوات المسلحة"، "مجموعة النورس للمقاولات". A verbal
    noun after ل is a purpose ("دعت الوزارة للتحقيق"), not a domain."""
    if j >= len(words) or not occ.free(j) or words.between(j - 1, j) != " ":
        return j
    word = words.word(j)
    if word in stopwords() or j in words.not_names or not word.isalpha():
        return j
    if word.startswith("لل") and len(word) > 4:
        stem = "ال" + word[2:]
        if stem in stopwords() or _looks_like_verbal_noun(stem) or _MUFAALA_RE.match(stem[2:]):
            return j
        j += 1
    elif _lam_complement(words, j) and not _looks_like_verbal_noun(word):
        j += 2
    else:
        return j
    # one agreeing adjective or a conjoined noun: للقوات المسلحة، للمنافذ البرية والبحرية
    for _ in range(2):
        if j >= len(words) or not occ.free(j) or words.between(j - 1, j) != " ":
            break
        word = words.word(j)
        if not (word.startswith(("ال", "وال")) and word.endswith(("ه", "ي", "يه"))):
            break
        if word.lstrip("و") in stopwords() or _looks_like_verbal_noun(word):
            break
        j += 1
    return j


#: verbal nouns of the مفاعلة pattern after ل are purposes, not domains
#: ("للمطالبة"، "للمشاركة"، "للمساعدة")
_MUFAALA_RE = re.compile(r"^م.ا..ه$")


@cache
def portfolio_titles() -> dict[str, list[tuple[str, ...]]]:
    """Titles whose words are an office (رئيس مجلس الوزراء), by first word."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for line in norm_lines("entities/portfolio_titles.txt"):
        seq = tuple(line.split())
        index.setdefault(seq[0], []).append(seq)
    return index


def _in_portfolio_title(words: Words, i: int) -> bool:
    for k in range(max(0, i - 2), i):
        stripped = words.strip(k, portfolio_titles())
        for seq in portfolio_titles().get(stripped[1], ()) if stripped else ():
            if k + len(seq) > i and all(
                k + n < len(words) and words.word(k + n) == seq[n] for n in range(1, len(seq))
            ):
                return True
    return False


def organizations_by_head(words: Words, occ: Occupancy, tags: Tags) -> Iterator[Mention]:
    for i, (prefix, head) in sorted(tags["head"].items()):
        if not occ.free(i) or _in_portfolio_title(words, i):
            continue
        if head in place_cues() and i + 1 < len(words):
            owner = occ.owner[i + 1]
            if owner is not None and owner.type in ("GPE", "LOC", "FAC"):
                continue  # "مديرية حريب": the district, a place
        definite_head = head.startswith("ال") or prefix.endswith("ال") or prefix in LAM_ARTICLE
        j, country = _org_extent(words, occ, i, head, definite_head)
        if (
            j == i + 1
            and not definite_head
            and head in apposition_heads()
            and i + 1 < len(words)
            and words.between(i, i + 1) == " "
        ):
            owner = occ.owner[i + 1]
            if owner is not None and owner.type == "ORG" and owner.ns == words.starts[i + 1]:
                # "شركة أرامكو السعودية": the head belongs to the named organisation
                owner.ns = words.starts[i] + len(prefix)
                for k in range(i, i + 1):
                    occ.owner[k] = owner
                continue
            inner = tags["head"].get(i + 1)
            if owner is None and inner is not None and not inner[0]:
                j, country = _org_extent(words, occ, i + 1, inner[1])  # حزب جبهة العمل
                if j == i + 2:
                    j = i + 1
        if (
            j == i + 1
            and not definite_head
            and head in institution_heads()
            and _bare_proper_name(words, occ, j)
        ):
            j += 1
        if j == i + 1 or (head.startswith("ال") and country is None):
            continue
        start = words.starts[i] + len(prefix)
        if prefix.endswith("ال"):
            start -= 2  # the article belongs to the name: البنك المركزي، وبالبنك المركزي
        mention = Mention(start, words.ends[j - 1], "ORG", "org_head")
        if country is not None and country.entry_id:
            mention.attrs["country"] = country.entry_id
        for k in range(i, j):
            occ.owner[k] = mention
        yield mention


def nationalities_of_organisations(words: Words, occ: Occupancy, tags: Tags) -> Iterator[Mention]:
    """ "مجلس الشورى الإسلامي الإيراني"، "شركة ميرسك الدنماركية": a definite
    nationality adjective right after an organisation (found in the KB, or by
    its head with a proper name) is part of its name. The adjective's mention
    is then inside the organisation's and is dropped; its country is kept."""
    for k, adjective in _nationalities(words, occ):
        org = occ.owner[k - 1]
        if org is None or org.type != "ORG" or org.ne != words.ends[k - 1]:
            continue
        if words.between(k - 1, k) != " ":
            continue
        head = words.word(words.first_from(org.ns))
        if head.endswith("ه") and words.word(k).endswith("ي"):
            continue  # "رئيس هيئة الأركان الإيراني": the name is complete, the chief is Iranian
        org.ne = adjective.ne
        occ.owner[k] = org
    return iter(())


def _nationalities(words: Words, occ: Occupancy) -> list[tuple[int, Mention]]:
    """The definite nationality adjectives (after the first word) that are a
    mention of their own, with their word index."""
    return [
        (k, owner)
        for k, owner in enumerate(occ.owner)
        if k and owner is not None and _whole_word_nationality(words, k, owner)
    ]


def _whole_word_nationality(words: Words, k: int, owner: Mention | None) -> bool:
    return (
        owner is not None
        and owner.type == "NORP"
        and owner.ns == words.starts[k]
        and owner.ne == words.ends[k]
        and words.word(k).startswith("ال")
    )


def companies_before_nationalities(words: Words, occ: Occupancy, tags: Tags) -> Iterator[Mention]:
    """ "وقعت بوينغ الأميركية"، "إيني الإيطالية": an indefinite noun cannot take
    a definite adjective, so an unknown word without the article followed by a
    definite feminine nationality is a name; feminine because the name stands
    for شركة (a known place before it is a city, found already)."""
    for k, adjective in _nationalities(words, occ):
        if not words.word(k).endswith("يه"):
            continue
        j = k - 1
        if not occ.free(j) or j in words.not_names or words.between(j, k) != " ":
            continue
        word = words.word(j)
        if (
            word.startswith(("ال", "وال", "لل", "بال"))
            # a pronoun suffix ("نظيرتها الفلسطينية") or a short past-tense verb
            # ("توجت المصرية نوران …", "أعلنت")
            or word.endswith(("ه", "ها", "هم", "نا", "كم"))
            or (word.endswith("ت") and len(word) <= 5)
            or not _is_name_word(word, 1)
            or word in stopwords()
            or word in org_heads()
            or word in place_cues()
            or word in cue_first_words()
            or _looks_like_verb(word)
        ):
            continue
        if j - 1 in tags["head"] or j - 1 in tags["place"]:
            continue  # the head or place cue rules' case ("شركة إيني"، "جزيرة لامبيدوزا")
        mention = Mention(words.starts[j], adjective.ne, "ORG", "org_nationality")
        mention.attrs["country"] = adjective.entry_id
        occ.owner[j] = occ.owner[k] = mention
        yield mention


def acronyms_in_parentheses(words: Words, occ: Occupancy, tags: Tags) -> Iterator[Mention]:
    """ "شركة تسويق النفط العراقية ( سومو )": one or two words in parentheses
    right after an organisation are its short name, linked to it."""
    text = words.text
    for k in range(1, len(words)):
        owner = occ.owner[k - 1]
        if owner is None or owner.type != "ORG" or not occ.free(k):
            continue
        if words.between(k - 1, k).replace(" ", "") != "(":
            continue
        n = 1
        if k + 1 < len(words) and words.between(k, k + 1) == " " and occ.free(k + 1):
            n = 2
        for m in (n, 1):
            after = text[words.ends[k + m - 1] :].lstrip(" ")
            if after.startswith(")") and all(words.word(k + x).isalpha() for x in range(m)):
                mention = Mention(words.starts[k], words.ends[k + m - 1], "ORG", "org_head")
                mention.attrs["short_of"] = owner
                yield occ.claim(mention)
                break


_PLACE_TYPES = {
    "camp": "FAC",
    "base": "FAC",
    "facility": "FAC",
    "crossing": "FAC",
    "natural": "LOC",
    "region": "LOC",
}


def places_after_cues(words: Words, occ: Occupancy, tags: Tags) -> Iterator[Mention]:
    cues = place_cues()
    for i, stripped in sorted(tags["place"].items()):
        if i + 1 >= len(words) or not occ.free(i):
            continue
        if "ال" in stripped[0] or stripped[0] in ("لل", "ولل", "فلل"):
            continue  # "المدينة" refers back; only "مدينة X" introduces a name
        level = cues[stripped[1]]
        j = i + 1
        owner = occ.owner[j]
        if owner is not None:
            if owner.type in ("GPE", "LOC", "FAC"):
                owner.attrs.setdefault("level", level)
                if stripped[1] in plural_place_cues():
                    yield from _places_joined(words, occ, words.first_from(owner.ne), owner)
            continue
        if stripped[1].startswith("ال"):
            continue  # "العاصمة X" names only a place already known
        if level == "region" and stripped[1] in (
            "شمال",
            "جنوب",
            "شرق",
            "غرب",
            "شمالي",
            "جنوبي",
            "شرقي",
            "غربي",
            "منطقه",
            "منطقتي",
        ):
            continue  # directions and areas name places only when the place is known
        n = _place_extent(words, occ, j)
        if n:
            mention = Mention(
                words.starts[j], words.ends[j + n - 1], _PLACE_TYPES.get(level, "GPE"), "place_cue"
            )
            mention.attrs["level"] = level
            occ.claim(mention)
            yield mention
            if stripped[1] in plural_place_cues():
                yield from _places_joined(words, occ, j + n, mention)


@cache
def plural_place_cues() -> frozenset[str]:
    return frozenset(norm_lines("entities/plural_place_cues.txt"))


def _places_joined(words: Words, occ: Occupancy, k: int, first: Mention) -> Iterator[Mention]:
    """The places joined by و after the first one named after a plural cue."""
    for _ in range(4):
        if k >= len(words) or not words.word(k).startswith("و"):
            return
        owner = occ.owner[k]
        if owner is not None:
            if owner.type not in ("GPE", "LOC", "FAC"):
                return
            k = words.first_from(owner.ne)  # "وصلاح الدين": already known
            continue
        second = _coordinated_place(words, occ, k, first)
        if second is None:
            return
        yield occ.claim(second)
        k += 1


def _coordinated_place(words: Words, occ: Occupancy, k: int, first: Mention) -> Mention | None:
    """ "مدينتا سبتة ومليلية": after a plural cue, و + one name word is a
    second place of the same kind."""
    if k >= len(words) or not occ.free(k) or k in words.not_names:
        return None
    word = words.word(k)
    if words.between(k - 1, k) != " " or not word.startswith("و") or not word.isalpha():
        return None
    stem = word[1:]
    if len(stem) < 3 or stem in stopwords() or stem in place_cues() or _looks_like_verb(stem):
        return None
    mention = Mention(words.starts[k] + 1, words.ends[k], first.type, "place_cue")
    mention.attrs["level"] = first.attrs.get("level")
    return mention


def _place_extent(words: Words, occ: Occupancy, j: int) -> int:
    n = 0
    while j + n < len(words) and n < 2 and occ.free(j + n):
        word = words.word(j + n)
        if not word.isalpha() or j + n in words.not_names:
            break
        if word in stopwords() and not (n == 0 and word in place_compounds()):
            break  # but "قرية أم طجوك": أم ("or") starts a place name after a cue
        if not (n == 0 and word in place_compounds()) and any(
            stem in place_cues() or stem in stopwords() for _, stem in clitic_readings(word)
        ):
            break  # "ومدن", "لمدة"
        if n == 0 and word in cue_first_words():
            break  # "بسجن المعارض ...": a title, so the cue was a verbal noun
        if n == 0 and word.startswith("ال") and _looks_like_verbal_noun(word):
            break  # "مخيمات النزوح": what the camps are for, not their name
        if n == 1 and word.startswith("ال") and word.endswith(("ي", "يه")):
            break  # "معبر الكركرات الحدودي": an adjective, not the name's second word
        if not word.startswith("ال") and word.endswith("يه"):
            break  # "قاعدة عسكرية": an adjective, not a name
        if (
            n == 0
            and not word.startswith("ال")
            and word.endswith("ه")
            and words.word(j - 1).endswith("ه")
        ):
            break  # "قاعدة دائمة"، "مدينة منكوبة": an agreeing adjective
        if n and words.between(j + n - 1, j + n).strip(" "):
            break
        n += 1
        if not word.startswith("ال") and n == 1 and j + n < len(words):
            nxt = words.word(j + n)
            compound = word in place_compounds() and nxt not in stopwords()
            if not compound and (not nxt.startswith("ال") or nxt in stopwords()):
                break  # "قرية باريشا" — one word; "مدينة رأس العين", "تل خنزير" — two
    return n
