"""Linking mentions to the knowledge base, resolving short forms and attaching roles."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from marsad.dates.lexicon import month_numbers
from marsad.entities.kb import Alias, Entry, KnowledgeBase, alias_key
from marsad.entities.mentions import (
    PATRONYMIC_LINKS,
    Mention,
    Words,
    stopwords,
    strip_proclitic,
)
from marsad.resources import read_lines
from marsad.text.normalize import NormalizedText, normalize_string

#: GeoNames names that are also ordinary words (الكرامة "dignity") are only
#: trusted for big places, or after a place cue such as مدينة or قرية
_GEONAMES_MIN_POPULATION = 100_000
_GEONAMES_MIN_POPULATION_ABROAD = 1_000_000
#: GeoNames cities this large are named anywhere in a sentence, not only after
#: a locative (they stand for their governments: "أنقرة ترفض")
_METROPOLIS = 2_000_000
_LOCATIVES = frozenset(
    normalize_string(w)
    for w in (
        "في",
        "من",
        "إلى",
        "قرب",
        "نحو",
        "باتجاه",
        "شمال",
        "جنوب",
        "شرق",
        "غرب",
        "داخل",
        "وفي",
        "ومن",
        "وإلى",
        "حتى",
        "عن",
    )
)
_KIND_WEIGHT = {"name": 3.0, "alias": 2.5, "nisba": 2.0, "surname": 1.5, "geonames": 1.0}
_SOURCE_WEIGHT = {
    "places.tsv": 1.0,
    "organizations.tsv": 1.0,
    "people.tsv": 1.0,
    "countries.tsv": 1.0,
    "pycountry": 0.8,
    "geonames": 0.0,
}
_TYPE_PREFIX = {
    "PER": "per",
    "ORG": "org",
    "GPE": "gpe",
    "LOC": "loc",
    "FAC": "fac",
    "NORP": "norp",
}


def unknown_id(entity_type: str, name: str) -> str:
    """A stable id for an entity outside the KB, from its normalised full name."""
    digest = hashlib.sha1(alias_key(name).encode("utf-8")).hexdigest()[:10]
    return f"{_TYPE_PREFIX.get(entity_type, 'ent')}:~{digest}"


@cache
def region_countries() -> frozenset[str]:
    return frozenset(read_lines("entities/region_countries.txt"))


@cache
def ambiguous_places() -> frozenset[str]:
    return frozenset(alias_key(name) for name in read_lines("entities/ambiguous_places.txt"))


def _word_before(segment: str, local_ns: int) -> str:
    before = segment[max(0, local_ns - 20) : local_ns].split()
    return before[-1] if before else ""


def _after_place_cue(segment: str, local_ns: int) -> bool:
    from marsad.entities.context import place_cues

    word = _word_before(segment, local_ns)
    reading = strip_proclitic(word, place_cues()) if word else None
    # "المخيم جيهان": a definite cue refers back; only "مخيم X" introduces a name
    return reading is not None and "ال" not in reading[0]


def _where_places_stand(segment: str, local_ns: int) -> bool:
    """After a place cue or a locative preposition (في، من، إلى، قرب ...), or
    with ب/ل attached: where a name that is also an ordinary word is a place."""
    if _after_place_cue(segment, local_ns):
        return True
    attached = segment[local_ns - 1 : local_ns] if local_ns else ""
    return attached in ("ب", "ل") or _word_before(segment, local_ns) in _LOCATIVES


def _joinable_name(key: str) -> bool:
    """A GeoNames name that may be trusted for following و and a place: one
    word of four letters or more that is neither a function word nor a kind
    of place ("ومعبر"), and no indefinite accusative ("وفدا" is a word)."""
    from marsad.entities.context import place_cues

    return (
        " " not in key
        and len(key) >= 4
        and not key.endswith("ا")
        and key not in place_cues()
        and strip_proclitic(key, stopwords()) is None
    )


def _attached_prefix(text: str, pos: int) -> str:
    """The letters of the word that ``pos`` is inside of, before ``pos``."""
    start = pos
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start:pos]


def _before_patronymic(segment: str, local_ns: int, key: str) -> bool:
    """The hit ``key`` at ``local_ns`` is followed by بن/ابن/بنت: it opens a name."""
    n = len(key.split())
    # only the words needed: a segment is a whole paragraph, and this runs per hit
    words = segment[local_ns : local_ns + len(key) + 12].split(maxsplit=n + 1)
    return len(words) > n and words[n] in PATRONYMIC_LINKS


#: characters before a hit that can hold a link word and the space before it
_LINK_WINDOW = 6


def _claim_forms(
    forms: dict[str, Mention],
    label: str,
    words: Words,
    occ: Any,
    in_body: list[bool],
    refused: Callable[[int, str], bool],
) -> Iterator[Mention]:
    """Every free body word (after its proclitic) that is one of ``forms``,
    as a short-form mention of the full mention it stands for, unless
    ``refused(index, proclitic)``."""
    if not forms:
        return
    for i, (prefix, form) in sorted(words.tagged({"form": frozenset(forms)})["form"].items()):
        if not occ.free(i) or not in_body[i] or refused(i, prefix):
            continue
        full = forms[form]
        start = words.starts[i] + len(prefix)
        mention = Mention(start, words.ends[i], label, "short_form", full.entry_id, full.name)
        occ.claim(mention)
        yield mention


def _after_patronymic(segment: str, local_ns: int) -> bool:
    """The word before ``local_ns`` is بن/ابن/بنت: what follows names a parent."""
    start = max(0, local_ns - _LINK_WINDOW)
    before = segment[start:local_ns].split()
    if not before:
        return False
    whole = start == 0 or segment[start:local_ns][0].isspace() or len(before) > 1
    return whole and before[-1] in PATRONYMIC_LINKS


class Linker:
    """Per-document linking state: the KB, the article date and what the
    document has already established (countries mentioned, persons named)."""

    def __init__(self, kb: KnowledgeBase, date: str | None) -> None:
        self.kb = kb
        self.date = date

    # --- KB hits ------------------------------------------------------------------
    def kb_mention(
        self,
        ns: int,
        ne: int,
        key: str,
        segment: str,
        local_ns: int,
        after_place: bool = False,
    ) -> Mention | None:
        """The mention of a KB hit, or None where the alias is not trusted
        there. ``after_place``: the hit is joined by و to a place just found,
        where a name that is also a word is a place too (في إربد والزرقاء)."""
        aliases = self.kb.aliases.get(key, [])
        if not aliases:
            return None
        if all(a.kind == "nisba" for a in aliases) and _before_patronymic(segment, local_ns, key):
            return None  # "الأمير تركي بن سعود": a given name, not "Turkish"
        if _after_patronymic(segment, local_ns) and all(
            self.kb.entries[a.entry_id].type == "PER" for a in aliases
        ):
            return None  # "الأمير فيصل بن سلمان بن عبدالعزيز": his father, not King Salman
        if (
            all(a.kind == "geonames" for a in aliases)
            and not (after_place and _joinable_name(key))
            and not self._trust_geonames(aliases, key, segment, local_ns)
        ):
            return None
        if (
            key in ambiguous_places()
            and not after_place
            and not _where_places_stand(segment, local_ns)
        ):
            return None  # "أظهرت صور": pictures, not Tyre
        if key in month_numbers() and not _after_place_cue(segment, local_ns):
            return None  # "في آب" is August; "مدينة إب" the Yemeni city
        prefix = _attached_prefix(segment, local_ns)
        if "س" in prefix:
            return None  # the future prefix takes verbs: سلامي is not س + لامي (Lammy)
        if not key.startswith("ال") and "ال" in prefix:
            aliases = [a for a in aliases if a.kind == "nisba"]
            if not aliases:
                return None  # "الحماة" is not ال + حماة: a name without the article takes none
        mention = Mention(ns, ne, "", "kb")
        mention.attrs["candidates"] = aliases
        self._choose(mention, countries=set())
        return mention

    def _trust_geonames(self, aliases: list[Alias], key: str, segment: str, local_ns: int) -> bool:
        from marsad.entities.context import place_compounds, place_cues

        if key in place_cues() or key in place_compounds():
            return False  # "مدينة" (Medina), "عين", "دير": a kind of place or a name's first word

        if _attached_prefix(segment, local_ns).endswith("لل"):
            return False  # للسلطات: ل + the article
        if key in ambiguous_places():
            return _after_place_cue(segment, local_ns)
        if _after_place_cue(segment, local_ns):
            return True
        if " " not in key and strip_proclitic(key, stopwords()) is not None:
            return False  # وأن folds to وان (Van): a function word, not a place
        if len(key) >= 4 and any(
            self.kb.entries[a.entry_id].population >= _METROPOLIS for a in aliases
        ):
            return True  # "أنقرة تعتبر…", "موسكو ترد": a capital as subject
        if not _where_places_stand(segment, local_ns):
            return False
        region = region_countries()
        return any(
            (entry := self.kb.entries[a.entry_id]).population
            >= (
                _GEONAMES_MIN_POPULATION
                if entry.country in region
                else _GEONAMES_MIN_POPULATION_ABROAD
            )
            for a in aliases
        )

    def _score(self, alias: Alias, countries: set[str]) -> float:
        entry = self.kb.entries[alias.entry_id]
        score = _KIND_WEIGHT.get(alias.kind, 1.0) + _SOURCE_WEIGHT.get(entry.source, 0.5)
        if entry.country and entry.country in countries:
            score += 2.0
        if entry.population:
            score += math.log10(entry.population) / 10
        if entry.type == "PER" and entry.roles:
            score += 0.5 if any(r.active_on(self.date) for r in entry.roles) else -0.5
        return score

    def _choose(self, mention: Mention, countries: set[str]) -> None:
        aliases: list[Alias] = mention.attrs["candidates"]
        best = max(aliases, key=lambda a: self._score(a, countries))
        entry = self.kb.entries[best.entry_id]
        mention.entry_id = entry.id
        mention.name = entry.name_ar or entry.name_en
        mention.type = "NORP" if best.kind == "nisba" else entry.type
        mention.source = "nisba" if best.kind == "nisba" else "kb"

    def resolve_ambiguity(self, mentions: list[Mention]) -> None:
        """Choose again among candidates once the document's countries are known:
        an unambiguous "الحسكة" makes the Syrian reading of an ambiguous name win."""
        countries = {
            entry.country
            for m in mentions
            if len(m.attrs.get("candidates", [])) == 1
            and (entry := self.kb.entries.get(m.entry_id or ""))
            and entry.country
        }
        for mention in mentions:
            if len(mention.attrs.get("candidates", [])) > 1:
                self._choose(mention, countries)

    # --- entities outside the KB -----------------------------------------------
    def link_unknown(self, mentions: list[Mention], norm: NormalizedText) -> None:
        """Entities outside the KB get an id from their normalised name (stable
        across documents) and their name as the article spells it."""
        for mention in mentions:
            if mention.entry_id:
                continue
            surface = norm.text[mention.ns : mention.ne].strip('" ')
            known = [e for e in self.kb.lookup(surface) if e.type == mention.type]
            if known:
                mention.entry_id, mention.name = known[0].id, known[0].name_ar
                continue
            start, end = norm.to_original(mention.ns, mention.ne)
            mention.name = norm.original[start:end].strip('"“”«» ')
            mention.entry_id = unknown_id(mention.type, surface)

    # --- within-document coreference -------------------------------------------
    def short_forms(
        self, mentions: list[Mention], words: Words, occ: Any, in_body: list[bool]
    ) -> Iterator[Mention]:
        """A person's family name or first name alone (عبدي، مايلز) refers to the
        person named in full in the same document."""
        forms: dict[str, Mention] = {}
        for mention in mentions:
            if mention.type != "PER":
                continue
            for form in self._person_forms(mention, words):
                forms.setdefault(form, mention)
        if not forms:
            return
        for mention in mentions:
            surface = words.text[mention.ns : mention.ne].strip('" ')
            if mention.type == "PER" and mention.source != "kb" and surface in forms:
                full = forms[surface]
                if full is not mention:
                    mention.entry_id, mention.name = full.entry_id, full.name
                    mention.source = "short_form"

        def refused(i: int, prefix: str) -> bool:
            # names take neither the article nor the future prefix; after بن a
            # name is someone's father ("سلمان بن عبدالعزيز")
            return (
                "ال" in prefix or "س" in prefix or (i > 0 and words.word(i - 1) in PATRONYMIC_LINKS)
            )

        yield from _claim_forms(forms, "PER", words, occ, in_body, refused)

    def _person_forms(self, mention: Mention, words: Words) -> list[str]:
        names = [words.text[mention.ns : mention.ne]]
        entry = self.kb.entries.get(mention.entry_id or "")
        if entry is not None and entry.type == "PER":
            names += [normalize_string(n) for n in [entry.name_ar, *entry.aliases_ar]]
        from marsad.entities.context import is_given_name, person_cue_words

        # A definite word ("القدم", "الكرة") is a family name (البغدادي) only
        # when the full name comes from the KB; a name found from context may
        # have swallowed a common noun, which must not spread through the text.
        trusted = mention.source in ("kb", "title")
        forms = []
        for name in names:
            parts = [p for p in name.replace('"', " ").split() if p]
            if any(p in person_cue_words() for p in parts):
                continue  # "الفريق أول ..."، "السوداني رئيس الوزراء": an alias with a title
            if len(parts) < 2:
                continue
            # a name found from context that opens with no known given name
            # ("حقوق الإنسان" after وزير) spreads at most its indefinite last
            # word (a foreign family name: "المدرب يورغن كلوب" … "كلوب")
            opens_with_name = entry is not None or is_given_name(parts[0])
            for k in (0, -1):
                part = parts[k]
                if k == -1 and parts[-2] == "ال":
                    continue  # "آل ثاني": the family, not a name alone
                if k == -1 and any(p in PATRONYMIC_LINKS for p in parts[1:]):
                    continue  # "سلمان بن عبدالعزيز": the father's name, shared by many
                if len(part) < 3 or part in stopwords() or part.startswith("ابو") or part == "الله":
                    continue  # الله closes compound names (عبد الله، نصر الله), never one alone
                if part.startswith("ال") and not (trusted and opens_with_name):
                    continue
                if k == 0 and not opens_with_name:
                    continue
                forms.append(part)
        return forms

    def club_names(
        self, mentions: list[Mention], words: Words, occ: Any, in_body: list[bool]
    ) -> Iterator[Mention]:
        """A club's name alone (الهلال، النصر: ordinary words) refers to the
        club named in full with its head in the same document (نادي الهلال)."""
        from marsad.entities.context import club_heads

        forms: dict[str, Mention] = {}
        for mention in mentions:
            parts = words.text[mention.ns : mention.ne].split()
            if mention.type == "ORG" and len(parts) == 2 and parts[0] in club_heads():
                forms.setdefault(parts[1], mention)

        def refused(i: int, prefix: str) -> bool:
            # "احتفلوا بالنصر": the victory, not the club; "الهلال الأحمر": a longer name
            return prefix not in ("", "و", "ف") or (
                i + 1 < len(words) and words.word(i + 1).startswith("ال")
            )

        yield from _claim_forms(forms, "ORG", words, occ, in_body, refused)

    def anaphors(
        self,
        mentions: list[Mention],
        words: Words,
        occ: Any,
        in_body: list[bool],
        tagged: dict[int, tuple[str, str]],
    ) -> Iterator[Mention]:
        """ "التنظيم" after "داعش": a definite noun naming the kind of an
        organisation mentioned earlier refers to it."""
        from marsad.entities.context import anaphors

        table = anaphors()
        orgs = [m for m in mentions if m.type == "ORG" and m.entry_id in self.kb]
        for i, (prefix, word) in sorted(tagged.items()):
            if not occ.free(i) or not in_body[i]:
                continue
            if prefix and not word.startswith("ال"):
                continue
            target = self._antecedent(word, table[word], orgs, words.starts[i])
            if target is None:
                continue
            start = words.starts[i] + (
                len(prefix) if prefix not in ("لل", "ولل", "فلل") else len(prefix) - 1
            )
            mention = Mention(start, words.ends[i], "ORG", "anaphor", target.entry_id, target.name)
            occ.claim(mention)
            yield mention

    def _antecedent(
        self, word: str, kinds: frozenset[str], orgs: list[Mention], pos: int
    ) -> Mention | None:
        """The organisation an anaphor refers to: the latest earlier one whose
        names contain the anaphor's noun (التنظيم → تنظيم الدولة), else the
        latest of the right kind."""
        noun = word[2:]
        earlier = [m for m in orgs if m.ns < pos]
        named = [
            m
            for m in earlier
            if any(noun in alias_key(n).split() for n in self.kb.entries[m.entry_id or ""].names())
        ]
        if named:
            return named[-1]
        of_kind = [m for m in earlier if self.kb.entries[m.entry_id or ""].kind in kinds]
        return of_kind[-1] if of_kind else None

    # --- roles ------------------------------------------------------------------
    def attach_roles(self, mentions: list[Mention], norm: NormalizedText) -> None:
        """Roles stated in the text (the title before the name) win; a KB person
        without one gets the KB role held on the article date."""
        by_entity: dict[str, dict[str, Any]] = {}
        for mention in mentions:
            if mention.type != "PER":
                continue
            if mention.role and "title_span" in mention.role:
                mention.role = self._stated_role(mention.role, norm)
            if mention.role and mention.entry_id:
                by_entity.setdefault(mention.entry_id, mention.role)
        for mention in mentions:
            if mention.type != "PER" or mention.role:
                continue
            role = by_entity.get(mention.entry_id or "") or self._kb_role(mention.entry_id)
            if role:
                mention.role = role

    def _stated_role(self, raw: dict[str, Any], norm: NormalizedText) -> dict[str, Any]:
        from marsad.entities.context import person_cue_words

        ns, ne = raw["title_span"]
        stripped = strip_proclitic(norm.text[ns:ne].split()[0], person_cue_words())
        if stripped:
            ns += len(stripped[0])  # "والمتحدث" -> the title starts after و
        start, end = norm.to_original(ns, ne)
        org: Mention | None = raw.get("org")
        return {"title": norm.original[start:end], "org_id": org.entry_id if org else None}

    def _kb_role(self, entry_id: str | None) -> dict[str, Any] | None:
        entry: Entry | None = self.kb.entries.get(entry_id or "")
        if entry is None or not entry.roles:
            return None
        if self.date:
            active = [r for r in entry.roles if r.active_on(self.date)] or entry.roles[-1:]
        else:  # no article date: the latest role known
            active = sorted(entry.roles, key=lambda r: r.start or "0", reverse=True)
        role = active[0]
        return {"title": role.title_ar, "org_id": role.org_id or None, "from_kb": True}
