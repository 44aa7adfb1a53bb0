"""Events out of the store: ACLED-like CSV and PLOVER JSON Lines (``marsad export``).

Both keep provenance: the article id and the character offsets of the trigger
and the sentence in the article text, so every row can be checked against the
words it was coded from. See docs/events.md.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any, TextIO

from marsad.doc import Doc
from marsad.events import LAYER, event_record
from marsad.resources import read_tsv

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "event_type", "sub_event_type", "plover_type",
    "plover_mode", "actor1", "actor1_id", "actor2", "actor2_id", "country", "location",
    "location_id", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
    "negated", "intended", "article_id", "trigger_start", "trigger_end", "sentence_start",
    "sentence_end",
)  # fmt: skip


@cache
def acled_types() -> dict[tuple[str, str], tuple[str, str]]:
    return {(t, m): (event, sub) for t, m, event, sub in read_tsv("events/acled.tsv")}


def acled_type(event_type: str, mode: str) -> tuple[str, str]:
    table = acled_types()
    for key in ((event_type, mode), (event_type, "*"), ("*", "*")):
        if key in table:
            return table[key]
    return ("Strategic developments", "Other")


def doc_events(docs: Iterable[Doc]) -> Iterator[tuple[Doc, int, dict[str, Any]]]:
    """(article, index of the event in the article, contract record) for every event."""
    for doc in docs:
        for index, span in enumerate(doc.spans(LAYER)):
            yield doc, index, event_record(span)


def _text(role: dict[str, Any] | None) -> str:
    return role["text"] if role else ""


def _id(role: dict[str, Any] | None) -> str:
    return (role or {}).get("id") or ""


def acled_row(doc: Doc, index: int, event: dict[str, Any]) -> dict[str, Any]:
    place = event.get("place") or {}
    country = place.get("country") or ""
    event_type, sub_event_type = acled_type(event["type"], event.get("mode") or "")
    start, end = event["sentence"]
    date = event.get("date") or ""
    return {
        "event_id_cnty": f"{country or 'XX'}-{doc.id}-{index + 1}",
        "event_date": date,
        "year": date[:4],
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "plover_type": event["type"],
        "plover_mode": event.get("mode") or "",
        "actor1": _text(event.get("actor")),
        "actor1_id": _id(event.get("actor")),
        "actor2": _text(event.get("target")),
        "actor2_id": _id(event.get("target")),
        "country": country,
        "location": place.get("text", ""),
        "location_id": place.get("id") or "",
        "latitude": "" if place.get("lat") is None else place["lat"],
        "longitude": "" if place.get("lon") is None else place["lon"],
        "geo_precision": place.get("precision") or "",
        "source": doc.meta.outlet or "",
        "notes": " ".join(doc.text[start:end].split()),
        "fatalities": "" if event.get("fatalities") is None else event["fatalities"],
        "negated": int(bool(event.get("negated"))),
        "intended": int(bool(event.get("intended"))),
        "article_id": doc.id,
        "trigger_start": event["trigger"][0],
        "trigger_end": event["trigger"][1],
        "sentence_start": start,
        "sentence_end": end,
    }


def write_acled_csv(docs: Iterable[Doc], output: TextIO) -> int:
    """Write one CSV row per event; returns the number of rows."""
    writer = csv.DictWriter(output, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    count = 0
    for doc, index, event in doc_events(docs):
        writer.writerow(acled_row(doc, index, event))
        count += 1
    return count


def plover_record(doc: Doc, index: int, event: dict[str, Any]) -> dict[str, Any]:
    """A PLOVER-style event: type, mode, actor, recipient, date, location,
    plus marsad's flags and provenance."""
    place = event.get("place")
    start, end = event["sentence"]

    def party(role: dict[str, Any] | None) -> dict[str, Any] | None:
        return {"text": role["text"], "id": role.get("id")} if role else None

    return {
        "id": f"{doc.id}-{index + 1}",
        "event_type": event["type"],
        "mode": event.get("mode"),
        "date": event.get("date"),
        "actor": party(event.get("actor")),
        "recipient": party(event.get("target")),
        "location": None
        if not place
        else {
            "name": place["text"],
            "id": place.get("id"),
            "lat": place.get("lat"),
            "lon": place.get("lon"),
            "geo_precision": place.get("precision"),
            "country": place.get("country"),
        },
        "negated": event.get("negated", False),
        "intended": event.get("intended", False),
        "violated": event.get("violated", False),
        "fatalities": event.get("fatalities"),
        "quote": event.get("quote"),
        "text": doc.text[start:end],
        "source": {
            "article_id": doc.id,
            "outlet": doc.meta.outlet,
            "url": doc.meta.url,
            "trigger": event["trigger"],
            "sentence": event["sentence"],
        },
    }


def write_plover_jsonl(docs: Iterable[Doc], output: TextIO) -> int:
    """Write one PLOVER JSON object per line; returns the number of events."""
    count = 0
    for doc, index, event in doc_events(docs):
        output.write(json.dumps(plover_record(doc, index, event), ensure_ascii=False) + "\n")
        count += 1
    return count
