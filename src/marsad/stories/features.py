"""What the story clusterer looks at in one article.

Everything here is a pure function of the article, so it can run in worker
processes; the clusterer (which needs corpus statistics) only sees ``Features``.

* terms: normalised Arabic words with clitics stripped and a light stem
  (Light10-style: article and conjunction prefixes, plural/dual/pronoun
  suffixes), function words dropped. Title words count three times and lead
  words twice, because news puts the event in the headline and first sentence.
* entities: knowledge-base ids from the ``entities`` layer when the article went
  through the pipeline, otherwise none (the stdin path stays cheap). They
  become pseudo-terms ``@id`` in the same vector, so a shared, rare actor
  weighs like a rare word and a ubiquitous one (the host country) like a
  common word.
* events: event-type labels from an ``events`` layer, when that layer exists.
* shingles for near-duplicate detection and sentence fingerprints for the diff
  between a copy and its original.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache, lru_cache
from typing import Any

import numpy as np

from marsad.doc import Doc, content_hash
from marsad.entities.mentions import stopwords
from marsad.text.normalize import NormalizedText, normalize, normalize_string

TITLE_WEIGHT = 3
LEAD_WEIGHT = 2
#: body words after this many count no more: the inverted pyramid puts the
#: event first, and long opinion pieces would otherwise dominate by length.
MAX_BODY_WORDS = 300
LEAD_WORDS = 40
#: numbers are read from the title and this many characters of the body
LEAD_CHARS = 400
SHINGLE = 4
ENTITY_PREFIX = "@"
EVENT_PREFIX = "#"
NUMBER_PREFIX = "%"

_WORD_RE = re.compile(r"[\u0621-\u064A]{2,}|[a-z]{3,}")
# a count, toll or amount ("25", "3.064"); not part of a date (15/10/1436)
_NUMBER_RE = re.compile(r"(?<![\d.,/])\d+(?:[.,]\d+)?(?![\d/])")
_PIECE_RE = re.compile(r"[^\n\r\u2028\u2029.!?؟؛;…]+[.!?؟؛;…]*")
# Light10 (Larkey et al. 2007) affixes, longest first; forms are normalised
# (ة → ه, أ → ا), as the text they apply to.
_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "يه", "ه", "ي")
_MIN_STEM = 2


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(normalize_string(w) for w in stopwords())


@lru_cache(maxsize=500_000)
def light_stem(word: str) -> str:
    """Light10 stem of a normalised Arabic word ("والمفاوضات" → "مفاوض")."""
    if not "\u0621" <= word[0] <= "\u064a":
        return word
    if len(word) > 3 and word[0] == "و" and not word.startswith("وال"):
        word = word[1:]
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_STEM:
            word = word[len(prefix) :]
            break
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + _MIN_STEM and word.endswith(suffix):
            word = word[: -len(suffix)]
    return word


def words(normalized: str) -> list[str]:
    """Content words of a normalised text, in order (function words dropped)."""
    stop = _stopwords()
    return [w for w in _WORD_RE.findall(normalized) if w not in stop]


def numbers(normalized: str) -> list[str]:
    """Number pseudo-terms (``%25``) of a normalised text, in order."""
    return [NUMBER_PREFIX + n.replace(",", ".") for n in _NUMBER_RE.findall(normalized)]


@dataclass(slots=True)
class Article:
    """An article as the clusterer receives it."""

    id: Any
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    entities: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    #: ranges of ``text`` that are the article body (default: all of it)
    body: list[tuple[int, int]] | None = None
    #: sentence spans into ``text`` when already known (the pipeline's layer)
    sentences: list[tuple[int, int]] | None = None

    def body_ranges(self) -> list[tuple[int, int]]:
        return self.body if self.body is not None else [(0, len(self.text))]


@dataclass(slots=True)
class Features:
    """Everything the clusterer needs about one article (cheap to pickle)."""

    id: Any
    hash: str  # content hash of the original text (exact duplicates)
    day: float | None  # days since 1970-01-01, None when undated
    date: str | None
    source: str | None
    title: str
    terms: dict[str, int]  # weighted counts of stems, entity and event pseudo-terms
    minhash: np.ndarray  # uint32 MinHash signature of the body's word shingles
    sentences: list[int]  # fingerprint of each body sentence, in order
    sentence_spans: list[tuple[int, int]]
    #: roots of the title's content words (the headline names the event)
    title_terms: frozenset[str] = frozenset()


def to_day(value: str | None) -> float | None:
    """Days since the epoch for an ISO date or datetime (None if unparseable)."""
    if not value:
        return None
    text = value.strip().replace(" ", "T", 1)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = datetime.combine(date.fromisoformat(text[:10]), datetime.min.time())
        except ValueError:
            return None
    if moment.tzinfo is not None:
        moment = moment.replace(tzinfo=None) - moment.utcoffset()  # type: ignore[operator]
    return (moment - datetime(1970, 1, 1)).total_seconds() / 86400


def weighted_terms(title: str, body_words: list[str], extra: list[str]) -> dict[str, int]:
    """Stem counts, title words weighing TITLE_WEIGHT and lead words LEAD_WEIGHT;
    ``extra`` pseudo-terms (entities, event types, numbers) weigh like a title word."""
    # count words first and stem each distinct word once: words repeat
    raw = Counter(body_words[:MAX_BODY_WORDS])
    raw.update(body_words[:LEAD_WORDS] * (LEAD_WEIGHT - 1))
    raw.update(words(normalize_string(title)) * TITLE_WEIGHT)
    counts: dict[str, int] = {}
    for word, n in raw.items():
        stem = light_stem(word)
        counts[stem] = counts.get(stem, 0) + n
    for term in extra:
        # a named actor, place or event type is as telling as a title word
        counts[term] = counts.get(term, 0) + TITLE_WEIGHT
    return counts


@cache
def _root_stemmer() -> Any:
    # imported on first use: importing nltk costs a few tenths of a second
    from nltk.stem.isri import ISRIStemmer

    return ISRIStemmer()


@lru_cache(maxsize=200_000)
def root(word: str) -> str:
    """The ISRI root of a normalised Arabic word ("مظاهرات", "تظاهروا" → "ظهر")."""
    return _root_stemmer().stem(word)


def title_roots(title: str) -> frozenset[str]:
    """The distinct roots of a title's content words.

    Headlines of one event use different derivations of its word (تظاهر،
    مظاهرات، تظاهرات؛ خطف، اختطاف): roots conflate them where light stems do
    not. Only titles: in the whole-text vector roots conflate too much (words
    of one root with unrelated senses), which did not help on the dev gold.
    """
    return frozenset(root(w) for w in words(normalize_string(title)))


def _rough_sentences(text: str, body: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence-like pieces for articles that did not go through the pipeline:
    a full segmentation costs more than the rest of the features together,
    and a diff only needs stable pieces."""
    return [m.span() for s, e in body for m in _PIECE_RE.finditer(text, s, e)]


def sentence_fingerprints(
    article: Article, norm: NormalizedText
) -> tuple[list[int], list[tuple[int, int]]]:
    """A fingerprint per body sentence (of its normalised words) and its span in
    the article's text: the diff of a copy against its original is told in
    spans of the original text, like every other annotation."""
    sentences = article.sentences
    if sentences is None:
        sentences = _rough_sentences(article.text, article.body_ranges())
    prints: list[int] = []
    spans: list[tuple[int, int]] = []
    for start, end in sentences:
        piece = norm.text[norm.to_normalized(start) : norm.to_normalized(end)]
        key = " ".join(_WORD_RE.findall(piece))
        if key:
            prints.append(zlib.crc32(key.encode("utf-8")))
            spans.append((start, end))
    return prints, spans


def extract(article: Article, num_perm: int) -> Features:
    """Features of one article (a pure function: safe in worker processes)."""
    from marsad.stories.dedup import minhash_of  # dedup imports this module

    text = article.text
    norm = normalize(text)
    body = [
        w
        for s, e in article.body_ranges()
        for w in words(norm.text[norm.to_normalized(s) : norm.to_normalized(e)])
    ]
    title = (article.title or "").strip()
    extra = [ENTITY_PREFIX + e for e in article.entities]
    extra += [EVENT_PREFIX + e for e in article.events]
    # The figures of the headline and lead (a toll, a count, an amount) tell
    # one event from the next of its kind: "25 killed" is not "8 killed".
    start, end = article.body_ranges()[0] if article.body_ranges() else (0, 0)
    lead = norm.text[norm.to_normalized(start) : norm.to_normalized(min(end, start + LEAD_CHARS))]
    extra += numbers(normalize_string(title)) + numbers(lead)
    prints, spans = sentence_fingerprints(article, norm)
    shown_title = title or first_line(text)
    return Features(
        id=article.id,
        hash=content_hash(text),
        day=to_day(article.date),
        date=article.date,
        source=article.source,
        title=shown_title,
        title_terms=title_roots(shown_title),
        terms=weighted_terms(title, body, extra),
        minhash=minhash_of(body, num_perm),
        sentences=prints,
        sentence_spans=spans,
    )


def first_line(text: str, limit: int = 120) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:limit]
    return ""


def article_from_doc(doc: Doc) -> Article:
    """The clusterer's view of an analysed document: its body (boilerplate left
    out), sentences, metadata, and the ids of its entities and event types."""
    entity_ids = [str((span.data or {}).get("id")) for span in doc.spans("entities") if span.data]
    event_types = [span.label for span in doc.spans("events") if span.label]
    return Article(
        id=doc.id,
        text=doc.text,
        title=doc.meta.title,
        date=doc.meta.date,
        source=doc.meta.outlet,
        entities=sorted(set(entity_ids)),
        events=sorted(set(event_types)),
        body=doc.body_ranges(),
        sentences=[(s.start, s.end) for s in doc.sentences] if doc.sentences else None,
    )
