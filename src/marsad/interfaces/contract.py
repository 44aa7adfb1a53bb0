"""The JSON Lines contract of ``marsad analyze`` (and ``marsad export``).

Other tools, and marsad's own evaluation, depend on this shape: fields may be
added, never removed or changed. See docs/contract.md.
"""

from __future__ import annotations

from typing import Any

from marsad.dates import DATE_LAYER
from marsad.doc import Doc, Span
from marsad.entities import entity_summary
from marsad.events import LAYER as EVENT_LAYER
from marsad.events import event_record
from marsad.quotes import quote_record

#: layers reported under "cleaning" besides the plain "boilerplate" pairs
CLEANING_LAYERS = ("title", "boilerplate", "dateline")


def to_record(doc: Doc) -> dict[str, Any]:
    """One output line for one document; every offset indexes ``doc.text``."""
    return {
        "id": doc.id,
        "text": doc.text,
        "lang": doc.lang,
        "sentences": [span.pair() for span in doc.sentences],
        "boilerplate": [span.pair() for span in doc.boilerplate],
        "entities": [entity_record(doc, span) for span in doc.spans("entities")],
        "quotes": [quote_record(doc, span) for span in doc.spans("quotes")],
        "events": [event_record(span) for span in doc.spans(EVENT_LAYER)],
        "dates": [date_record(span) for span in doc.spans(DATE_LAYER)],
        # additions to the original contract
        "skip_reason": doc.skip_reason,
        "meta": doc.meta.to_dict(),
        "entity_summary": entity_summary(doc),
        "cleaning": [
            {"layer": layer, "kind": span.label or None, "start": span.start, "end": span.end}
            for layer in CLEANING_LAYERS
            for span in doc.spans(layer)
        ],
    }


def entity_record(doc: Doc, span: Span) -> dict[str, Any]:
    """{"start", "end", "text", "type", "id", "name", "role"?, ...}: see docs/contract.md."""
    data = span.data or {}
    record: dict[str, Any] = {
        "start": span.start,
        "end": span.end,
        "text": doc.text[span.start : span.end],
        "type": span.label,
        "id": data.get("id"),
        "name": data.get("name"),
    }
    for key in ("role", "source", "country", "level"):
        if data.get(key):
            record[key] = data[key]
    return record


def date_record(span: Span) -> dict[str, Any]:
    """{"start", "end", "value", "type", "mod"?}: see docs/contract.md ("dates")."""
    data = span.data or {}
    record: dict[str, Any] = {
        "start": span.start,
        "end": span.end,
        "value": data.get("value"),
        "type": span.label,
    }
    if data.get("mod"):
        record["mod"] = data["mod"]
    return record


def error_record(item_id: Any, message: str) -> dict[str, Any]:
    """The line written for an input line that could not be processed."""
    return {"id": item_id, "error": message}
