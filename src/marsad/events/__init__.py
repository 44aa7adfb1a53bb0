"""Who did what to whom, where and when: PLOVER-coded events.

The ``events`` pipeline component (after ``entities``, and after ``dates`` and
``quotes`` when they run), sentence by sentence:

1. triggers from ``data/events/triggers.tsv`` (``triggers``), with negation,
   intention and agreement violation from the words before them;
2. actor and target from the entity mentions and noun phrases around each
   trigger (``roles``); the place from attached place mentions, geocoded with
   the KB (``places``); the date from the sentence's temporal expression, else
   the article date; the dead counted near killing words;
3. triggers of one type in one sentence are one event (قتل ... بضربة جوية ...
   مقتل: one ASSAULT), keeping the means (the air strike) over the outcome
   (the killing) as its mode and trigger;
4. the quote the trigger stands in, when the ``quotes`` layer is there.

Events go to the ``events`` layer: one span per event over its trigger, label =
PLOVER type, data = the rest of the contract record (see :func:`event_record`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from typing import Any

from marsad.doc import Doc, Span
from marsad.entities import load_kb
from marsad.entities.kb import KnowledgeBase
from marsad.events.lexicon import NOUN, VERB, body_nisbas, marker_words, role_markers
from marsad.events.places import choose_place, locate
from marsad.events.roles import Arg, Clause, Roles, assign
from marsad.events.triggers import (
    EventWords,
    Hit,
    Modality,
    fatalities,
    find_triggers,
    governed_modality,
    has_form,
    modality,
    stems,
)

__all__ = ["LAYER", "add_events", "event_record"]

LAYER = "events"
#: modes that say what came of an attack rather than how it was made
OUTCOME_MODES = frozenset({"kill", "injure"})
#: types whose target, when it is a place, is also the event's place
PLACE_TARGET_TYPES = frozenset({"ASSAULT", "COERCE", "SEIZE"})
#: types whose triggers in one sentence are one event
MERGED_TYPES = frozenset({"ASSAULT"})
_DAY_OR_MONTH = re.compile(r"^(\d{4}-\d{2})(-\d{2})?")


def _in_sentence(spans: list[Span], starts: list[int], sentence: Span) -> Iterator[Span]:
    """The spans (sorted by start) that lie inside ``sentence``."""
    for span in spans[bisect_left(starts, sentence.start) :]:
        if span.start >= sentence.end:
            break
        if span.end <= sentence.end:
            yield span


def _clause(doc: Doc, words: EventWords, sentence: Span, entities: list[Span],
            starts: list[int]) -> Clause:  # fmt: skip
    norm = doc.normalized
    ns, ne = norm.to_normalized(sentence.start), norm.to_normalized(sentence.end)
    start, end = words.first_from(ns), words.first_from(ne)
    mentions: list[Arg] = []
    by_word: dict[int, Arg] = {}
    for span in _in_sentence(entities, starts, sentence):
        ms, me = norm.to_normalized(span.start), norm.to_normalized(span.end)
        first = words.index_at(ms)
        last = words.index_at(max(me - 1, ms))
        if first is None or last is None:
            continue
        arg = Arg(first, last, ms, me, span.label, span.data)
        mentions.append(arg)
        for i in range(first, last + 1):
            by_word[i] = arg
    for arg in _body_nisbas(words, start, end, by_word):
        mentions.append(arg)
        by_word[arg.first] = arg
    mentions.sort(key=lambda m: m.first)
    dates: set[int] = set()
    for span in doc.spans("dates"):
        if sentence.start <= span.start < sentence.end:
            first = words.first_from(norm.to_normalized(span.start))
            last = words.first_from(norm.to_normalized(span.end))
            dates.update(range(first, last))
    return Clause(words, start, end, mentions, by_word, dates, doc.text, norm.to_original)


def _body_nisbas(words: EventWords, start: int, end: int, taken: dict[int, Arg]) -> list[Arg]:
    """Adjectives of international bodies (``nisba.tsv``: مساعدات أممية، القوات
    الأممية) outside entity mentions, as NORP mentions of the body: read like a
    nationality adjective, which names its country."""
    table = body_nisbas()
    found: list[Arg] = []
    for i in range(start, end):
        if i in taken:
            continue
        for prefix, stem in stems(words, i):
            ident = table.get(stem)
            if ident is None or prefix not in _NISBA_PREFIXES:
                continue
            keep = 2 if prefix.endswith("ال") else 0  # the article belongs to the adjective
            ns = words.starts[i] + len(prefix) - keep
            found.append(Arg(i, i, ns, words.ends[i], "NORP", {"id": ident}))
            break
    return found


#: proclitics a body's adjective may carry: the article and the conjunction
_NISBA_PREFIXES = frozenset({"", "ال", "و", "وال"})


def _span_record(doc: Doc, arg: Arg | None) -> dict[str, Any] | None:
    if arg is None:
        return None
    start, end = doc.normalized.to_original(arg.ns, arg.ne)
    return {"start": start, "end": end, "text": doc.text[start:end], "id": arg.id}


def _place_record(doc: Doc, clause: Clause, hit: Hit, roles: Roles,
                  kb: KnowledgeBase, doc_countries: set[str]) -> dict[str, Any] | None:  # fmt: skip
    # a town that is attacked or taken is also where it happened (قصفت الطائرات قرية باريشا)
    used = [roles.actor] if hit.rule.type in PLACE_TARGET_TYPES else [roles.actor, roles.target]
    chosen = choose_place(clause, hit.first, used, kb)
    if chosen is None:
        return None
    place, others = chosen
    record = _span_record(doc, place)
    assert record is not None
    entry = kb.get(place.id or "")
    if entry is None:
        return {**record, "lat": None, "lon": None, "precision": None}
    nearby = [e for m in others if (e := kb.get(m.id or "")) is not None]
    where = locate(entry, kb, nearby, doc_countries)
    record.update(lat=where.lat, lon=where.lon, precision=where.precision)
    if where.country:
        record["country"] = where.country
    return record


def _date(doc: Doc, sentence: Span, trigger_start: int) -> str | None:
    """The value of the sentence's date nearest the trigger (at day or month
    granularity; a time of day gives its day: مساء الأربعاء; a duration up to
    the article date when it began), else the article date, else None."""
    best: tuple[int, str] | None = None
    for span in doc.spans("dates"):
        if not (sentence.start <= span.start < sentence.end):
            continue
        match = _DAY_OR_MONTH.match(_point_in_time(span))
        if match and "X" not in match.group(0):
            distance = abs(span.start - trigger_start)
            if best is None or distance < best[0]:
                best = (distance, match.group(0))
    if best is not None:
        return best[1]
    match = _DAY_OR_MONTH.match(doc.meta.date or "")
    return match.group(0) if match else None


def _point_in_time(span: Span) -> str:
    """A date's value; a duration up to the article date gives when it began
    ("منذ ثلاثة أيام"), other durations and frequencies nothing."""
    data = span.data or {}
    if span.label in ("DATE", "TIME"):
        return str(data.get("value") or "")
    return str(data.get("begin") or "")


def _outside_sport(words: EventWords, clause: Clause, hits: list[Hit]) -> list[Hit]:
    """Without the triggers a sports report's sentence makes a fixture (``sport``
    in roles.tsv: يلتقي الهلال نظيره النصر في الدوري)."""
    groups = role_markers().get("sport", [])
    vetoed = {t for group in groups for t in group.types}
    if not any(hit.rule.type in vetoed for hit in hits):
        return hits
    cues = marker_words("sport")
    if not any(has_form(words, i, cues) for i in range(clause.start, clause.end)):
        return hits
    return [hit for hit in hits if hit.rule.type not in vetoed]


def _quote_index(doc: Doc, start: int, end: int) -> int | None:
    """The index (in the ``quotes`` layer) of the shortest quote holding the trigger."""
    holding = [
        (q.end - q.start, i)
        for i, q in enumerate(doc.spans("quotes"))
        if q.start <= start and end <= q.end
    ]
    return min(holding)[1] if holding else None


def _doc_countries(doc: Doc, kb: KnowledgeBase) -> set[str]:
    countries: set[str] = set()
    for span in doc.spans("entities"):
        if span.label in ("GPE", "LOC", "FAC"):
            entry = kb.get((span.data or {}).get("id") or "")
            if entry is not None and entry.country:
                countries.add(entry.country)
    return countries


def _merge(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One attack per sentence and modality: the means (an air strike) is the
    trigger and mode over the outcome (killing); empty roles are filled from
    the other triggers. Other types keep one event per trigger, because two
    meetings or two demands in a sentence are usually different ones."""
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for event in events:
        key = (event["type"], event["negated"], event["intended"], event["violated"])
        if event["type"] not in MERGED_TYPES:
            key = (*key, event["trigger"][0])
        kept = merged.get(key)
        if kept is None:
            merged[key] = event
            continue
        if kept["mode"] in OUTCOME_MODES and event["mode"] not in OUTCOME_MODES:
            kept["mode"], kept["trigger"] = event["mode"], event["trigger"]
        # an actor found next to a trigger wins over one guessed from the sentence
        if event["actor"] is not None and (
            kept["actor"] is None or (kept["_guessed"] and not event["_guessed"])
        ):
            kept["actor"], kept["_guessed"] = event["actor"], event["_guessed"]
        for role in ("target", "place"):
            if kept[role] is None and event[role] != kept["actor"]:
                kept[role] = event[role]
    for event in merged.values():
        del event["_guessed"]
    return sorted(merged.values(), key=lambda e: e["trigger"][0])


def sentence_events(doc: Doc, words: EventWords, sentence: Span, kb: KnowledgeBase,
                    doc_countries: set[str]) -> list[dict[str, Any]]:  # fmt: skip
    """The contract records of one sentence's events."""
    return _sentence_events(doc, words, sentence, kb, doc_countries, _sorted_entities(doc))


def _sorted_entities(doc: Doc) -> tuple[list[Span], list[int]]:
    entities = sorted(doc.spans("entities"), key=lambda s: s.start)
    return entities, [s.start for s in entities]


def _sentence_events(
    doc: Doc,
    words: EventWords,
    sentence: Span,
    kb: KnowledgeBase,
    doc_countries: set[str],
    entities: tuple[list[Span], list[int]],
) -> list[dict[str, Any]]:
    clause = _clause(doc, words, sentence, *entities)
    nationalities = frozenset(
        i for m in clause.mentions if m.label == "NORP" for i in range(m.first, m.last + 1)
    )
    found = find_triggers(words, clause.start, clause.end, set(clause.by_word), nationalities)
    hits = _outside_sport(words, clause, found)
    if not hits:
        return []
    clause.triggers = {hit.first for hit in hits}
    clause.after_nouns = {hit.last + 1 for hit in hits if hit.rule.pos == NOUN}
    clause.verbs = {hit.first for hit in hits if hit.rule.pos == VERB}
    clause.nouns = {hit.first: hit for hit in hits if hit.rule.pos == NOUN}
    clause.types = {hit.first: hit.rule.type for hit in hits}
    kinds = {m.id: e.kind for m in clause.mentions if m.id and (e := kb.get(m.id)) is not None}
    persons = {m.first for m in clause.mentions if m.label == "PER"}
    dead = fatalities(words, clause.start, clause.end, persons)
    events: list[dict[str, Any]] = []
    governed: dict[int, int] = {}  # noun trigger's first word -> index of the verb's event
    firsts: list[int] = []  # the first word of each event's trigger
    assigned = [(hit, assign(clause, hit, kinds)) for hit in hits]
    things = _things([roles for _, roles in assigned])
    for hit, roles in assigned:
        if roles.void or hit.first in things:
            continue  # يستقبل المنفذ المسافرين: no meeting; أسقطت طائرة مسيرة: no air strike
        if roles.governs is not None:
            governed.setdefault(roles.governs, len(events))
        firsts.append(hit.first)
        mood = _mood(words, clause, hit, roles)
        start, end = doc.normalized.to_original(
            words.starts[hit.first] + len(hit.prefix), words.ends[hit.last]
        )
        event_type = hit.rule.type
        events.append(
            {
                "type": event_type,
                "mode": hit.rule.mode,
                "trigger": [start, end],
                "actor": _span_record(doc, roles.actor),
                "_guessed": roles.guessed,
                "target": _span_record(doc, roles.target),
                "place": _place_record(doc, clause, hit, roles, kb, doc_countries),
                "date": _date(doc, sentence, start),
                "negated": mood.negated,
                "intended": mood.intended,
                "violated": mood.violated,
                "fatalities": dead if event_type == "ASSAULT" else None,
                "quote": _quote_index(doc, start, end),
                "sentence": sentence.pair(),
            }
        )
    return _merge(_fold(events, [governed.get(first) for first in firsts]))


def _things(assigned: list[Roles]) -> set[int]:
    """The words of targets that are things a verb acts on (أسقطت الدفاعات طائرة
    مسيرة): a trigger there names the thing, not an event."""
    return {
        k
        for roles in assigned
        if roles.thing and roles.target is not None
        for k in range(roles.target.first, roles.target.last + 1)
    }


def _mood(words: EventWords, clause: Clause, hit: Hit, roles: Roles) -> Modality:
    """The trigger's modality, and the governing verb's when there is one."""
    if roles.governor is None:
        return modality(words, hit, clause.start)
    return governed_modality(words, hit, roles.governor, clause.start, threatened=roles.threatened)


def _fold(events: list[dict[str, Any]], into: list[int | None]) -> list[dict[str, Any]]:
    """A verbal noun that is the object (or subject) of a trigger verb of its
    type is the same event (استعادت القوات السيطرة على مدينة الرمادي: one
    SEIZE): its roles fill the verb's empty ones, and the verb's trigger, mode
    and modality stand."""
    folded: set[int] = set()
    for index, verb in enumerate(into):
        if verb is None or verb == index or verb in folded:
            continue
        kept, event = events[verb], events[index]
        if kept["actor"] is None and event["actor"] is not None:
            kept["actor"], kept["_guessed"] = event["actor"], event["_guessed"]
        for role in ("target", "place"):
            if kept[role] is None and event[role] != kept["actor"]:
                kept[role] = event[role]
        folded.add(index)
    return [event for index, event in enumerate(events) if index not in folded]


def add_events(doc: Doc) -> None:
    """Pipeline component: the ``events`` layer."""
    if not doc.sentences:
        return
    kb = load_kb()
    words = EventWords.of(doc.normalized.text)
    countries = _doc_countries(doc, kb)
    entities = _sorted_entities(doc)
    for sentence in doc.sentences:
        for event in _sentence_events(doc, words, sentence, kb, countries, entities):
            start, end = event["trigger"]
            data = {k: v for k, v in event.items() if k != "type"}
            doc.add(LAYER, start, end, event["type"], data)


def event_record(span: Span) -> dict[str, Any]:
    """The contract record of a stored event span: see docs/contract.md ("events")."""
    data = dict(span.data or {})
    record: dict[str, Any] = {"type": span.label, "mode": data.pop("mode", None)}
    record["trigger"] = data.pop("trigger", [span.start, span.end])
    record.update(data)
    return record
