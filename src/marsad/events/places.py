"""Where: the place of an event, geocoded with the knowledge base.

The place is a GPE/LOC/FAC mention of the sentence attached by a locative word
(في، ب، قرب، داخل، بلدة، قرية ...), not one that is the actor or target. A
place after a direction or "near" (شمالي إدلب، قرب حلب) only locates another
place, so it is chosen only when there is nothing better.

Precision follows ACLED's geo_precision:

====  ===========================================================================
1     the place itself has coordinates and is a town, village, city, neighbourhood,
      camp, base, crossing or facility
2     a district, sub-district or region; or a town without coordinates, placed at
      a town named next to it (قرية باريشا شمالي إدلب → Idlib's coordinates)
3     a governorate (or the coordinates of the governorate containing the place)
4     a country (or only the country's coordinates are known)
====  ===========================================================================
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.entities.kb import Entry, KnowledgeBase
from marsad.events.lexicon import marker_words
from marsad.events.roles import Arg, Clause, sequence_end
from marsad.events.triggers import has_form

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
LEVEL_PRECISION = {
    "neighbourhood": 1, "village": 1, "town": 1, "city": 1, "camp": 1, "base": 1,
    "crossing": 1, "facility": 1,
    "district": 2, "subdistrict": 2, "region": 2, "natural": 2,
    "governorate": 3,
    "country": 4,
}  # fmt: skip
#: the precision of an entry of unknown kind (a user or PETRARCH place)
DEFAULT_PRECISION = 2
#: how many parents are followed before giving up (cycles in user files)
MAX_DEPTH = 6


@dataclass(frozen=True, slots=True)
class Location:
    lat: float | None
    lon: float | None
    precision: int | None
    country: str | None


def precision_of(entry: Entry) -> int:
    return LEVEL_PRECISION.get(entry.kind, DEFAULT_PRECISION)


def _attachment(clause: Clause, place: Arg) -> int:
    """2: attached by a locative word, 1: by a direction/proximity word (a
    reference point), 0: not attached."""
    words = clause.words
    if words.starts[place.first] < place.ns:  # a proclitic on the place itself: بحلب، وفي
        prefix = words.text[words.starts[place.first] : place.ns]
        if prefix.endswith("ب"):
            return 2
    if sequence_end(words, place.first, place.last + 1, "place", "*") is not None:
        return 2  # the cue is part of the name: قرية باريشا
    for kind, strength in (("reference", 1), ("place", 2)):
        for length in (1, 2, 3):  # markers of one to three words end right before the place
            start = place.first - length
            if start < clause.start:
                break
            if sequence_end(words, start, place.first, kind, "*") == place.first:
                return strength
    return 0


def _beyond_clause(clause: Clause, trigger_word: int, place: Arg) -> bool:
    """Whether a clause break (فيما، باتجاه، باستثناء ...) stands between the
    trigger and the place: the place is where something else happened."""
    words = clause.words
    breaks = marker_words("clause_break")
    low, high = sorted((trigger_word, place.first))
    return any(has_form(words, k, breaks) for k in range(low + 1, high))


def choose_place(clause: Clause, trigger_word: int, used: list[Arg | None],
                 kb: KnowledgeBase) -> tuple[Arg, list[Arg]] | None:  # fmt: skip
    """The event's place and the other places of the sentence (reference points)."""
    candidates: list[tuple[tuple[int, int, int], Arg]] = []
    others: list[Arg] = []
    for mention in clause.mentions:
        if mention.label not in PLACE_TYPES or any(mention is u for u in used):
            continue
        others.append(mention)
        strength = _attachment(clause, mention)
        if not strength or _beyond_clause(clause, trigger_word, mention):
            continue
        entry = kb.get(mention.id or "")
        precision = precision_of(entry) if entry else DEFAULT_PRECISION
        distance = abs(mention.first - trigger_word)
        candidates.append(((-strength, precision, distance), mention))
    if not candidates:
        return None
    best = min(candidates, key=lambda c: c[0])[1]
    return best, [m for m in others if m is not best]


def _with_coordinates(entry: Entry, kb: KnowledgeBase, doc_countries: set[str]) -> Entry:
    """The entry itself, or, when it has no coordinates, another KB entry of the
    same name in one of the document's countries that has them."""
    if entry.lat is not None:
        return entry
    for other in kb.lookup(entry.name_ar):
        if other.lat is not None and other.type == entry.type and other.country in doc_countries:
            return other
    return entry


def locate(entry: Entry, kb: KnowledgeBase, nearby: list[Entry],
           doc_countries: set[str]) -> Location:  # fmt: skip
    """Coordinates and precision of a place (see the module docstring)."""
    entry = _with_coordinates(entry, kb, doc_countries)
    country = entry.country or None
    if entry.lat is not None and entry.lon is not None:
        return Location(entry.lat, entry.lon, precision_of(entry), country)
    for ref in nearby:  # a town named next to it: شمالي إدلب
        if ref.lat is not None and ref.lon is not None and precision_of(ref) == 1:
            return Location(ref.lat, ref.lon, max(precision_of(entry), 2), country)
    parent = kb.get(entry.parent)
    for _ in range(MAX_DEPTH):
        if parent is None:
            break
        if parent.lat is not None and parent.lon is not None:
            return Location(parent.lat, parent.lon, max(precision_of(parent), 2), country)
        parent = kb.get(parent.parent)
    return Location(None, None, None, country)
