"""Import PETRARCH / UniversalPetrarch actor dictionaries as marsad KB files.

An actor dictionary is a list of records::

    وزارة_دفاع_أميركي_  [USAGOV]          # primary phrase with a default code
    +البنتاغون                            # optional synonyms
    نوري_المالكي_                         # primary phrase whose codes follow,
        [IRQGOV 20101221-20140908]        # one per indented line, each with an
        [IRQELI >20140908]                # optional date restriction

Phrases join words with ``_`` (a trailing ``_`` marks a whole word) and, in the
Arabic dictionaries, are lemmatised: the article ال is dropped and adjectives
are masculine singular. ``#`` and ``;`` start comments, ``<!-- ... -->`` blocks
and lines beginning with ``<`` are markup. A line that fits none of this is reported as a
:class:`Problem` with its line number instead of stopping the import.

Each record becomes one row of a KB TSV file (the organizations/places schema
of ``marsad.entities.kb`` plus a ``codes`` column keeping every CAMEO code and
date restriction, which the KB reader ignores). How codes and phrases become
types, kinds, countries and aliases is documented in ``data/kb/README.md``;
the word lists below are the heuristics' vocabulary.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import TextIO

import pycountry

from marsad.entities.countries import add_countries
from marsad.entities.kb import KnowledgeBase, alias_key
from marsad.resources import read_lines

TSV_COLUMNS = (
    "id", "type", "name_ar", "name_en", "aliases_ar", "aliases_en",
    "qid", "country", "parent", "kind", "codes",
)  # fmt: skip
ID_PREFIX = "pet:"

# --- CAMEO actor codes ---------------------------------------------------------------

#: CAMEO role and sector codes (3 letters each) → (entity type, kind).
ROLE_KINDS: dict[str, tuple[str, str]] = {
    "GOV": ("ORG", "government"),
    "MIL": ("ORG", "military"),
    "COP": ("ORG", "security"),
    "SPY": ("ORG", "security"),
    "REB": ("ORG", "armed_group"),
    "INS": ("ORG", "armed_group"),
    "SEP": ("ORG", "armed_group"),
    "UAF": ("ORG", "armed_group"),
    "IMG": ("ORG", "armed_group"),
    "OPP": ("ORG", "opposition"),
    "PTY": ("ORG", "party"),
    "MED": ("ORG", "media"),
    "BUS": ("ORG", "company"),
    "MNC": ("ORG", "company"),
    "IGO": ("ORG", "intergovernmental"),
    "NGO": ("ORG", "ngo"),
    "NGM": ("ORG", "ngo"),
    "HRI": ("ORG", "ngo"),
    "JUD": ("ORG", "judiciary"),
    "LEG": ("ORG", "legislature"),
    "EDU": ("ORG", "education"),
    "HLH": ("ORG", "health"),
    "CRM": ("ORG", "criminal"),
    "LAB": ("ORG", "labour"),
    "RAD": ("ORG", "other"),
    "MOD": ("ORG", "other"),
    "AGR": ("ORG", "other"),
    "ENV": ("ORG", "other"),
    "DEV": ("ORG", "other"),
    "INT": ("ORG", "other"),
    "UIS": ("ORG", "other"),
    "CVL": ("NORP", "civilians"),
    "REF": ("NORP", "refugees"),
    "ELI": ("NORP", "elite"),
}
#: CAMEO country codes that are not ISO 3166 alpha-3 → ISO alpha-2 ("" = none).
CAMEO_COUNTRIES = {"KSV": "XK", "000": ""}

# letters; "000" is CAMEO's unknown country (numeric codes are verb codes)
_CODE_RE = re.compile(r"(?:[A-Z]{3}|000)(?:[A-Z]{3})*")
_RESTRICTION_RE = re.compile(r"[<>]\d{6}(?:\d{2})?|\d{6}(?:\d{2})?-\d{6}(?:\d{2})?")


@dataclass(frozen=True, slots=True)
class Code:
    """A CAMEO actor code with its date restriction as written (``a-b``, ``>a``, ``<b``)."""

    code: str
    restriction: str = ""

    def __str__(self) -> str:
        return f"{self.code} {self.restriction}" if self.restriction else self.code

    def parts(self) -> tuple[str, list[str]]:
        """(ISO alpha-2 country or "", role codes): the code split in 3-letter groups,
        the first being a country unless it is a role or sector code itself."""
        groups = [self.code[i : i + 3] for i in range(0, len(self.code), 3)]
        if groups[0] in ROLE_KINDS:
            return "", groups
        return country_alpha2(groups[0]), groups[1:]


def country_alpha2(alpha3: str) -> str:
    """ISO alpha-2 of a CAMEO country code; "" for regions and unknown codes."""
    if alpha3 in CAMEO_COUNTRIES:
        return CAMEO_COUNTRIES[alpha3]
    country = pycountry.countries.get(alpha_3=alpha3)
    return country.alpha_2 if country else ""


# --- parsing the dictionary ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    """A line the importer could not use (fully), and why."""

    line: int
    message: str
    text: str = ""

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" + (f": {self.text}" if self.text else "")


@dataclass(slots=True)
class Record:
    """A primary phrase, its synonyms and its codes, as read."""

    line: int
    phrases: list[str]
    codes: list[Code] = field(default_factory=list)


@dataclass(slots=True)
class ParsedDictionary:
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    lines: int = 0


_INVISIBLE_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")
_BRACKET_RE = re.compile(r"\[([^\[\]]*)\]")


class _CommentStripper:
    """Removes ``#``/``;`` comments and ``<!-- -->`` blocks, which may span lines."""

    def __init__(self) -> None:
        self.in_block = False

    def __call__(self, line: str) -> str:
        kept = []
        rest = line
        while rest:
            if self.in_block:
                end = rest.find("-->")
                if end < 0:
                    return "".join(kept)
                rest, self.in_block = rest[end + 3 :], False
            else:
                start = rest.find("<!--")
                if start < 0:
                    kept.append(rest)
                    break
                kept.append(rest[:start])
                rest, self.in_block = rest[start + 4 :], True
        text = "".join(kept)
        if text.lstrip().startswith("<"):
            return ""  # PETRARCH treats any line starting with "<" as markup
        return re.split(r"[#;]", text, maxsplit=1)[0]


def parse_actor_dictionary(lines: Iterable[str]) -> ParsedDictionary:
    """Records and problems of an actor dictionary given as lines of text."""
    parsed = ParsedDictionary()
    strip_comments = _CommentStripper()
    current: Record | None = None
    for number, raw in enumerate(lines, 1):
        parsed.lines = number
        text = _INVISIBLE_RE.sub("", strip_comments(raw.rstrip("\r\n"))).strip()
        if not text:
            continue
        if "\ufffd" in text:
            parsed.problems.append(Problem(number, "invalid UTF-8, line skipped", text))
        elif text.startswith("["):
            if current is None:
                parsed.problems.append(Problem(number, "codes without a phrase", text))
            else:
                _read_codes(text, number, current, parsed.problems)
        elif text.startswith("+"):
            if current is None:
                parsed.problems.append(Problem(number, "synonym without a phrase", text))
            else:
                _add_phrase(text[1:], number, current, parsed.problems)
        elif text[0] in "&->{":
            # synset labels, verb patterns and stray markup: not actor entries
            parsed.problems.append(Problem(number, "not an actor entry", text))
            current = None
        else:
            current = Record(number, [])
            parsed.records.append(current)
            _add_phrase(text, number, current, parsed.problems)
    return parsed


def read_actor_dictionary(path: Path) -> ParsedDictionary:
    # errors="replace": a stray byte costs one reported line, not the file
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        return parse_actor_dictionary(handle)


def _add_phrase(text: str, number: int, record: Record, problems: list[Problem]) -> None:
    """A primary or synonym phrase, with the codes that may follow it on its line."""
    phrase = text.strip()
    if "[" in phrase:
        phrase, _, codes = phrase.partition("[")
        _read_codes("[" + codes, number, record, problems)
    if any(ch in phrase for ch in "{}|\t"):
        problems.append(Problem(number, "unexpected characters in phrase", text.strip()))
    elif words_of(phrase):
        record.phrases.append(phrase.strip())
    else:
        problems.append(Problem(number, "empty phrase", text.strip()))


def _read_codes(text: str, number: int, record: Record, problems: list[Problem]) -> None:
    if text.count("[") != text.count("]"):
        problems.append(Problem(number, "unbalanced brackets", text))
    if _BRACKET_RE.sub("", text).strip():
        problems.append(Problem(number, "text after the codes ignored", text))
    for match in _BRACKET_RE.finditer(text):
        code = parse_code(match.group(1))
        if isinstance(code, Code):
            record.codes.append(code)
        else:
            problems.append(Problem(number, code, match.group(0)))


def parse_code(inner: str) -> Code | str:
    """The :class:`Code` in ``[inner]``, or the reason it is unusable."""
    tokens = inner.split()
    if not tokens:
        return "empty code"
    head = tokens[0]
    if head[0] in "<>" or (head[0].isdigit() and ("-" in head or len(head) >= 6)):
        return "date restriction without a code"
    restriction = "".join(tokens[1:])
    if restriction and not _RESTRICTION_RE.fullmatch(restriction):
        return f"bad date restriction {restriction!r}"
    if "~" in head:
        return "agent code (this looks like an agents dictionary)"
    code = head.replace("?", "")  # "?" marks a coder's doubt, the code still stands
    if not _CODE_RE.fullmatch(code):
        return f"bad code {head!r}"
    return Code(code, restriction)


# --- phrases and their Arabic forms --------------------------------------------------

ARTICLE = "ال"


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: one-letter proclitics the lemmatiser split off ("ل_أمة" is "لأمة")
PROCLITICS = frozenset("لوبكف")
#: words that never take the article
PARTICLES = _word_set(
    "في من على عن إلى الى مع ضد بين حول أو او ثم هو هي هم هذا هٰذا هذه تلك ذلك بن ابن بنت"
)
#: nouns that make a phrase an institution, a group or a place, never a person's name
#: (lemmatised forms; data/entities/org_heads.txt adds more, see non_name_nouns())
NON_NAME_NOUNS = _word_set(
    """وزارة حركة حزب جيش قوة قوات مجلس منظمة اتحاد شركة وكالة جريدة صحيفة حكومة
    رئاسة برلمان محكمة جامعة جبهة هيئة لجنة دولة مكتب بنك مصرف ديوان إدارة ادارة مؤسسة
    جمعية نقابة تحالف كتيبة فرقة ميليشيا مليشيا شرطة أمن امن جهاز سلطة بلدية مركز غرفة
    معهد قناة تلفزيون إذاعة اذاعة موقع مجموعة جماعة تنظيم ائتلاف كتلة رابطة مؤتمر صندوق
    برنامج مفوضية سفارة قنصلية مديرية محافظة ولاية مدينة قرية منطقة قطاع حرس دبابة طائرة
    لاجئ لاجئون مدني مدنيون متمرد متمردون مسلح مسلحون معارضة مجلة نظام شرق غرب شمال جنوب
    وسط عاصمة أرض ارض"""
)
#: words of NON_NAME_NOUNS that begin place names ("قطاع_غزة_", "عاصمة_ليبي_")
PLACE_NOUNS = _word_set("مدينة قرية منطقة قطاع محافظة ولاية شرق غرب شمال جنوب وسط عاصمة أرض ارض")
#: titles that may stand around a person's name ("رئيس_وزير_غوردون_براون_"); the
#: one-word cues of data/entities/person_cues.txt add more, see titles()
TITLES = _word_set(
    """رئيس رئيسة وزير وزيرة ملك ملكة أمير اميرة أميرة شيخ شيخة جنرال عقيد عميد رائد
    مقدم فريق مشير سفير نائب عاهل زعيم قائد مرشد أمين امين عام سكرتير مدير مستشار
    مبعوث ناطق متحدث دكتور سيد سيدة سلطان إمام امام بابا مطران قاضي مدعي حاكم محافظ
    مسؤول"""
)
#: what follows a title in a longer title ("رئيس_جمهورية_", "وزير_خارجية_")
TITLE_COMPLEMENTS = _word_set(
    """جمهورية وزراء خارجية داخلية دفاع مالية عدل تجارة إعلام اعلام صحة تعليم اقتصاد
    أركان اركان عامة أعلى اعلى أول اول ثاني سابق"""
)


def _lexicon_words(name: str, *, single_words_only: bool = False) -> frozenset[str]:
    """Entries of a data/entities lexicon without their article (the dictionary's
    phrases are lemmatised), optionally only the one-word entries."""
    words = (line.removeprefix(ARTICLE) for line in read_lines(name))
    return frozenset(w for w in words if not (single_words_only and " " in w))


@cache
def titles() -> frozenset[str]:
    return TITLES | _lexicon_words("entities/person_cues.txt", single_words_only=True)


@cache
def non_name_nouns() -> frozenset[str]:
    org_heads = _lexicon_words("entities/org_heads.txt")
    return (NON_NAME_NOUNS | org_heads) - titles() - TITLE_COMPLEMENTS


@cache
def given_names() -> frozenset[str]:
    """Normalised common given names (data/entities/given_names.txt)."""
    return frozenset(alias_key(name) for name in read_lines("entities/given_names.txt"))


def words_of(phrase: str) -> list[str]:
    """The words of a phrase (``_`` and spaces separate them; a lone ``-`` is kept)."""
    return [w for w in re.split(r"[_\s]+", _INVISIBLE_RE.sub("", phrase)) if w]


def _is_arabic_word(word: str) -> bool:
    return len(word) >= 2 and all("\u0621" <= ch <= "\u064a" or ch == "\u0670" for ch in word)


def _is_nisba(word: str) -> bool:
    """A lemmatised relative adjective: ends in ي and has lost its article (family
    names such as المالكي keep theirs)."""
    return (
        _is_arabic_word(word)
        and len(word) >= 4
        and word.endswith("ي")
        and not word.startswith(ARTICLE)
    )


#: how a word that already has the article may begin (للاتحاد, والتنمية)
_DEFINITE_STARTS = ("ال", "لل", "وال", "ولل", "بال", "فال", "كال")


def _definite(word: str) -> str:
    if not _is_arabic_word(word) or word in PARTICLES or word.startswith(_DEFINITE_STARTS):
        return word
    return ARTICLE + word


def _attach_proclitics(words: list[str]) -> list[str]:
    """Glue one-letter proclitics (and a lone ال) to the next word; ل + ال is لل."""
    joined: list[str] = []
    pending = ""
    for word in words:
        if word in PROCLITICS or word == ARTICLE:
            pending += word
            continue
        lam = pending.endswith("ل") and not pending.endswith(ARTICLE)
        if pending.endswith("ل" + ARTICLE) or (lam and word.startswith(ARTICLE)):
            # the article's alef drops after ل: ل + الأمة → للأمة
            stem = word[len(ARTICLE) :] if word.startswith(ARTICLE) else word
            pending = pending.removesuffix(ARTICLE).removesuffix("ل") + "لل"
            word = stem
        joined.append(pending + word)
        pending = ""
    if pending:
        joined.append(pending)
    return joined


def _restore_articles(words: list[str]) -> list[str]:
    """Article on every content word after the first: the first is the head of an
    idafa or a noun-adjective phrase, and the matcher accepts ال before it anyway."""
    # after a lone ال ("آل" written without madda: هيا_راشد_ال_خليفة_) nothing is added
    pairs = pairwise(words)
    return [words[0], *(word if before == ARTICLE else _definite(word) for before, word in pairs)]


def organisation_forms(words: list[str]) -> list[str]:
    """The phrase as written plus likely surface forms of a multi-word phrase:
    clitics attached, the article restored after the first word and on every word,
    each also with a feminine last adjective when the head noun is feminine
    (وزارة_دفاع_أميركي_ → وزارة الدفاع الأميركي, وزارة الدفاع الأميركية; اتحاد_أفريقي_
    → الاتحاد الأفريقي). Single words get no article: the matcher accepts ال before
    any alias, and "جدة" must not become "الجدة"."""
    forms = [" ".join(words), " ".join(_attach_proclitics(words))]
    if len(words) > 1:
        feminine = words[0].endswith("ة") and _is_nisba(words[-1])
        after_first = _restore_articles(words)
        for restored in (after_first, [_definite(words[0]), *after_first[1:]]):
            definite = _attach_proclitics(restored)
            forms.append(" ".join(definite))
            if feminine:
                forms.append(" ".join([*definite[:-1], definite[-1] + "ة"]))
    return _unique(forms)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


# --- classification ------------------------------------------------------------------


def _title_length(words: list[str]) -> int:
    """How many words at the start of ``words`` are a title."""
    length = 0
    while length < len(words) and (
        words[length] in titles() or (length and words[length] in TITLE_COMPLEMENTS)
    ):
        length += 1
    return length


def name_words(words: list[str], country: str = "") -> list[str]:
    """The words without the titles around them, nor the nationality (adjective of
    ``country``) right after a leading title: رئيس_سوداني_عمر_البشير_ → عمر البشير;
    سعود_الفيصل_وزير_خارجية_ → سعود الفيصل. A trailing title must be two words
    long: عيد_أمين_ keeps أمين."""
    start = _title_length(words)
    if start and start < len(words) and is_country_nisba(words[start], country):
        start += 1
    name = words[start:]
    for end in range(1, len(name) - 1):
        if _title_length(name[end:]) == len(name) - end:
            return name[:end]
    return name


def _starts_with_given_name(name: list[str]) -> bool:
    known = given_names()
    return alias_key(name[0]) in known or alias_key(" ".join(name[:2])) in known


def is_person(words: list[str], codes: list[Code]) -> bool:
    """Heuristic: the phrase has no noun of an institution, group or place, and the
    words left after removing titles are a name the dictionary treats as an
    individual. Two or more name words need dated codes, an ELI (elite) role or a
    common given name first; a single name word needs dated codes and a title or
    an ELI role. Without dates, a last word that is a lemmatised
    adjective (no ال, ends in ي) reads as a group ("قوة_إسرائيلي_"), not a surname;
    a name starting with a proclitic is a post ("أمين_عام_ل_غرفة_...")."""
    if any(w in non_name_nouns() or w.isdigit() for w in words):
        return False
    name = name_words(words, _main_country(codes))
    if not name or name[0] in PROCLITICS:
        return False
    dated = any(code.restriction for code in codes)
    elite = any("ELI" in code.parts()[1] for code in codes)
    titled = len(name) < len(words)
    if len(name) == 1:
        return dated and (titled or elite)
    if not dated and _is_nisba(name[-1]):
        return False
    return dated or elite or _starts_with_given_name(name)


def _primary_role(codes: list[Code], *, organisation: bool = False) -> str:
    """The first known role, default (undated) codes first; with ``organisation``
    only roles of organisations count (an NGO coded CVL is still an organisation)."""
    for code in sorted(codes, key=lambda c: bool(c.restriction)):
        for role in code.parts()[1]:
            if role in ROLE_KINDS and not (organisation and ROLE_KINDS[role][0] != "ORG"):
                return role
    return ""


def _main_country(codes: list[Code]) -> str:
    counts = Counter(country for code in codes if (country := code.parts()[0]))
    return counts.most_common(1)[0][0] if counts else ""


def classify(words: list[str], codes: list[Code]) -> tuple[str, str]:
    """(entity type, kind) of a record; see :func:`is_person` for PER."""
    if is_person(words, codes):
        return "PER", ""
    institution = words[0] in titles() or words[0] in non_name_nouns() - PLACE_NOUNS
    role = _primary_role(codes, organisation=institution)
    if role:
        return ROLE_KINDS[role]
    if institution:
        return "ORG", "other"
    # a bare country code: the phrase names a people or a place
    country = _main_country(codes)
    if country and is_country_nisba(words[0], country):
        return "NORP", ""
    return "GPE", "place"


@cache
def _country_names() -> dict[str, tuple[str, ...]]:
    """Normalised Arabic names of each country without the article, from the KB's
    country entries (countries.tsv and pycountry)."""
    kb = KnowledgeBase()
    add_countries(kb)
    names: dict[str, tuple[str, ...]] = {}
    for entry in kb.entries.values():
        keys = (alias_key(n) for n in [entry.name_ar, *entry.aliases_ar] if n)
        names[entry.country] = tuple(key.removeprefix(ARTICLE) for key in keys)
    return names


_NISBA_ENDING_RE = re.compile(r"(?:يه|يون|يين|ي)$")  # normalised: ة is ه
_NAME_ENDINGS = frozenset({"", "ا", "يا", "ه", "يه"})


def is_country_nisba(word: str, country: str) -> bool:
    """Whether ``word`` is a relative adjective of ``country`` (alpha-2): عراقي ←
    العراق, إيطالية ← إيطاليا, أمريكيون ← أمريكا. A place that merely ends in ي
    (بروناي, هانوي) or a word of the country's name (السعودية, جمهورية) is not."""
    key = alias_key(word).removeprefix(ARTICLE)
    stem = _NISBA_ENDING_RE.sub("", key)
    if stem == key or len(stem) < 3:
        return False
    first_words = {name.split()[0] for name in _country_names().get(country, ()) if name}
    if key in first_words:
        return False
    # the adjective drops the name's final alef or taa marbuta: سوريا → سوري
    return any(w.startswith(stem) and w[len(stem) :] in _NAME_ENDINGS for w in first_words)


# --- records → KB entries ------------------------------------------------------------


@dataclass(slots=True)
class Actor:
    """One KB row made from one or more records (same id)."""

    id: str
    type: str
    kind: str
    name_ar: str
    aliases_ar: list[str]
    codes: list[Code]
    country: str = ""
    lines: list[int] = field(default_factory=list)

    @property
    def parent(self) -> str:
        # places hang under their country so the linker can disambiguate them
        return f"gpe:{self.country}" if self.type == "GPE" and self.country else ""

    def row(self) -> dict[str, str]:
        return {
            "id": self.id,
            "type": self.type,
            "name_ar": self.name_ar,
            "aliases_ar": "|".join(a for a in self.aliases_ar if a != self.name_ar),
            "country": self.country,
            "parent": self.parent,
            "kind": self.kind,
            "codes": "|".join(str(code) for code in self.codes),
        }


def slug(words: list[str]) -> str:
    """An id-safe form of a phrase: letters and digits, words joined by ``_``."""
    cleaned = (re.sub(r"[^\w]+", "", w.replace("\u0670", "")) for w in words)
    return "_".join(w for w in cleaned if w)


def actor_from_record(record: Record) -> Actor | None:
    words = words_of(record.phrases[0])
    entity_type, kind = classify(words, record.codes)
    if entity_type == "PER":
        # titles are not names: persons are keyed and named by the name alone, so
        # "رئيس_وزير_غوردون_براون_" and "غوردون_براون_" become one entry
        key = name_words(words, _main_country(record.codes))
        forms = _unique(" ".join(words_of(p)) for p in [" ".join(key), *record.phrases])
    else:
        key = words
        forms = _unique(f for p in record.phrases for f in organisation_forms(words_of(p)))
    if not slug(key):
        return None
    return Actor(
        id=ID_PREFIX + slug(key),
        type=entity_type,
        kind=kind,
        name_ar=forms[0],
        aliases_ar=forms[1:],
        codes=list(dict.fromkeys(record.codes)),
        country=_main_country(record.codes),
        lines=[record.line],
    )


def _merge(into: Actor, other: Actor) -> None:
    into.aliases_ar = _unique([*into.aliases_ar, other.name_ar, *other.aliases_ar])
    into.aliases_ar = [a for a in into.aliases_ar if a != into.name_ar]
    into.codes = list(dict.fromkeys([*into.codes, *other.codes]))
    into.country = into.country or other.country
    into.lines.extend(other.lines)


@dataclass(slots=True)
class ImportResult:
    actors: list[Actor]
    problems: list[Problem]
    lines: int

    def counts_by_type(self) -> Counter[str]:
        return Counter(actor.type for actor in self.actors)


def import_actor_dictionary(parsed: ParsedDictionary) -> ImportResult:
    """KB entries from parsed records; records without a usable code are reported
    and skipped, records with the same id are merged (the first one's type wins)."""
    problems = list(parsed.problems)
    actors: dict[str, Actor] = {}
    for record in parsed.records:
        if not record.phrases:
            continue  # its phrase problem is already reported
        if not record.codes:
            problems.append(
                Problem(record.line, "no usable code, entry skipped", record.phrases[0])
            )
            continue
        actor = actor_from_record(record)
        if actor is None:
            problems.append(Problem(record.line, "no letters in phrase", record.phrases[0]))
        elif actor.id in actors:
            _merge(actors[actor.id], actor)
        else:
            actors[actor.id] = actor
    problems.sort(key=lambda p: p.line)
    return ImportResult(list(actors.values()), problems, parsed.lines)


def import_file(path: Path) -> ImportResult:
    return import_actor_dictionary(read_actor_dictionary(path))


def write_tsv(actors: Iterable[Actor], out: TextIO, *, source: str = "") -> None:
    """The actors as a KB TSV file (``--kb FILE``)."""
    if source:
        out.write(f"# converted from the PETRARCH actor dictionary {source} by marsad\n")
    out.write("\t".join(TSV_COLUMNS) + "\n")
    for line in _tsv_lines(actors):
        out.write(line + "\n")


def _tsv_lines(actors: Iterable[Actor]) -> Iterator[str]:
    for actor in actors:
        row = actor.row()
        yield "\t".join(row.get(column, "") for column in TSV_COLUMNS)
