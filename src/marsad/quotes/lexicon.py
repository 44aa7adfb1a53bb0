"""The language data of the quotes stage (``data/quotes/``), normalised once.

Every form is folded with :func:`normalize_string`, so the stage matches the
normalised text (أ/إ/آ → ا, ة → ه, diacritics dropped) with plain lookups.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from marsad.resources import read_lines, read_tsv
from marsad.text.normalize import normalize_string

#: cue kinds (see data/quotes/verbs.tsv)
VERB, STRICT, PARTICIPLE, DESCRIBE, TRANSMIT = (
    "verb",
    "strict",
    "participle",
    "describe",
    "transmit",
)


@dataclass(frozen=True, slots=True)
class Phrases:
    """Multi-word phrases with a kind each, indexed by their first word."""

    kinds: dict[tuple[str, ...], str]
    by_first: dict[str, list[tuple[str, ...]]]

    @classmethod
    def of(cls, kinds: dict[tuple[str, ...], str]) -> Phrases:
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted(kinds, key=len, reverse=True):
            by_first.setdefault(phrase[0], []).append(phrase)
        return cls(kinds, by_first)


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, str]  # normalised form -> kind
    proclitics: tuple[str, ...]  # before verbs: و، ف
    nominal_proclitics: tuple[str, ...]  # before nouns: و، ف، ل، ب
    complementizers: frozenset[str]  # heads with and without pronoun suffixes
    blockers: frozenset[str]
    attributions: Phrases  # kinds: "source" | "self"
    speaker_heads: Phrases  # kinds: speaker types
    role_heads: Phrases  # titles that announce a person (entities/person_cues.txt)
    phrase_skips: frozenset[str]
    phrase_stops: frozenset[str]
    document_modifiers: frozenset[str]
    issuing_verbs: frozenset[str]
    copulas: frozenset[str]  # كان … قد قال: the subject between them
    resumptives: frozenset[str]  # وفق ما أفادت به: the pronoun after the verb
    nominalizers: frozenset[str]  # عدم ذكر: a verb form after them is a noun
    honorifics: frozenset[str]  # سموه، معاليه: the person named before
    clause_breaks: Phrases
    org_heads: frozenset[str]
    name_heads: frozenset[str]
    outlets: frozenset[str]
    documents: frozenset[str]  # بيان، تقرير: a statement standing for its issuer
    given_names: Phrases  # common given names (entities/given_names.txt)

    def verb_kind(self, word: str) -> str | None:
        """The cue kind of a word, with or without a proclitic و/ف."""
        kind = self.verbs.get(word)
        if kind:
            return kind
        for prefix in self.proclitics:
            if word.startswith(prefix) and word[len(prefix) :] in self.verbs:
                return self.verbs[word[len(prefix) :]]
        return None

    def is_complementizer(self, word: str) -> bool:
        return word in self.complementizers

    def forms(self, word: str) -> list[str]:
        """A word as it may be listed: itself, without a proclitic, without ال."""
        stripped = self.strip_proclitic(word)
        return list(dict.fromkeys([word, stripped, bare(word), bare(stripped)]))

    def strip_proclitic(self, word: str) -> str:
        """``word`` without a nominal proclitic (لمصادر → مصادر)."""
        for prefix in self.nominal_proclitics:
            if word.startswith(prefix) and len(word) > len(prefix) + 1:
                return word[len(prefix) :]
        return word


def bare(word: str) -> str:
    """A word without the article ال (الناشطين → ناشطين)."""
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def _phrases(rows: list[list[str]]) -> Phrases:
    return Phrases.of(
        {tuple(normalize_string(row[1]).split()): row[0] for row in rows if len(row) >= 2}
    )


def _words(rows: list[list[str]], kind: str) -> frozenset[str]:
    return frozenset(normalize_string(row[1]) for row in rows if row[0] == kind)


@cache
def lexicon() -> Lexicon:
    verbs: dict[str, str] = {}
    for row in read_tsv("quotes/verbs.tsv"):
        for form in row[2].split():
            verbs.setdefault(normalize_string(form), row[1])
    grammar = list(read_tsv("quotes/complementizers.tsv"))
    heads = [normalize_string(r[1]) for r in grammar if r[0] == "head"]
    suffixes = [normalize_string(r[1]) for r in grammar if r[0] == "suffix"]
    complementizers = frozenset(heads + [h + s for h in heads for s in suffixes])
    phrase_words = list(read_tsv("quotes/phrase_words.tsv"))
    roles = {
        tuple(normalize_string(line).split()): "role"
        for line in read_lines("entities/person_cues.txt")
    }
    return Lexicon(
        verbs=verbs,
        proclitics=tuple(normalize_string(r[1]) for r in grammar if r[0] == "proclitic"),
        nominal_proclitics=tuple(normalize_string(r[1]) for r in grammar if r[0] == "nominal"),
        complementizers=complementizers,
        blockers=frozenset(normalize_string(r[1]) for r in grammar if r[0] == "blocker"),
        attributions=_phrases(list(read_tsv("quotes/attributions.tsv"))),
        speaker_heads=_phrases(list(read_tsv("quotes/speakers.tsv"))),
        role_heads=Phrases.of(roles),
        phrase_skips=_words(phrase_words, "skip"),
        phrase_stops=_words(phrase_words, "stop"),
        copulas=_words(phrase_words, "copula"),
        resumptives=_words(phrase_words, "resumptive"),
        nominalizers=_words(phrase_words, "nominal"),
        honorifics=_words(phrase_words, "honorific"),
        document_modifiers=_words(phrase_words, "document"),
        issuing_verbs=_words(phrase_words, "issued"),
        clause_breaks=Phrases.of(
            {
                tuple(normalize_string(w).split()): "break"
                for w in read_lines("quotes/clause_breaks.txt")
            }
        ),
        org_heads=frozenset(normalize_string(w) for w in read_lines("entities/org_heads.txt")),
        name_heads=frozenset(normalize_string(w) for w in read_lines("quotes/name_heads.txt")),
        outlets=frozenset(normalize_string(w) for w in read_lines("outlets.txt")),
        documents=frozenset(normalize_string(w) for w in read_lines("quotes/documents.txt")),
        given_names=Phrases.of(
            {
                tuple(normalize_string(w).split()): "given"
                for w in read_lines("entities/given_names.txt")
            }
        ),
    )
