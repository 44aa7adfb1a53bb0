"""Arabic temporal expressions: found in the text, normalised to TIMEX3 values.

``add_dates`` is the pipeline component: it adds a ``dates`` layer of spans
(label = TIMEX3 type, ``data = {"value", "mod"?, "begin"?}``) over the body, resolving
relative expressions ("أمس", "الثلاثاء", "الشهر الماضي") against the article
date ``doc.meta.date``. When the article date is unknown, relative expressions
are still marked, with ``value`` None; the article date is never guessed from
the text. See docs/contract.md ("dates").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from marsad.dates.normalize import Timex, find_timexes, parse_anchor
from marsad.doc import Doc
from marsad.text.normalize import normalize as normalize_text

DATE_LAYER = "dates"

__all__ = ["DATE_LAYER", "Timex", "add_dates", "find_dates", "parse_anchor"]


def find_dates(text: str, anchor: dt.date | str | None = None) -> list[Timex]:
    """Temporal expressions of ``text`` with offsets into ``text`` itself."""
    if isinstance(anchor, str):
        anchor = parse_anchor(anchor)
    norm = normalize_text(text)
    found = find_timexes(norm.text, anchor)
    return [_to_original(norm.to_original(t.start, t.end), t) for t in found]


def _to_original(span: tuple[int, int], timex: Timex) -> Timex:
    return Timex(span[0], span[1], timex.type, timex.value, timex.mod, timex.begin)


def span_data(timex: Timex) -> dict[str, Any]:
    data: dict[str, Any] = {"value": timex.value}
    if timex.mod:
        data["mod"] = timex.mod
    if timex.begin:
        data["begin"] = timex.begin
    return data


def add_dates(doc: Doc) -> None:
    """The ``dates`` layer over the body (boilerplate is not searched)."""
    anchor = parse_anchor(doc.meta.date)
    norm = doc.normalized
    for start, end in doc.body_ranges():
        norm_start, norm_end = norm.to_normalized(start), norm.to_normalized(end)
        for timex in find_timexes(norm.text, anchor, norm_start, norm_end):
            s, e = norm.to_original(timex.start, timex.end)
            doc.add(DATE_LAYER, s, e, timex.type, span_data(timex))
