"""``marsad analyze``: the stable machine contract, JSON Lines in, JSON Lines out.

Input lines: ``{"id", "text", optional "title", "date" (YYYY-MM-DD), "source", "url"}``.
Output: one line per input line, in order: the record of marsad.contract, or
``{"id", "error"}`` for a line that cannot be processed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from marsad.doc import Doc, Metadata
from marsad.interfaces.contract import error_record, to_record
from marsad.pipeline import Pipeline, default_pipeline

_OPTIONAL_STRINGS = ("title", "date", "source", "url")


class InputError(ValueError):
    """An input line that does not follow the contract."""


def doc_from_input(obj: Any) -> Doc:
    """A Doc from one decoded input object; the text is taken exactly as given."""
    if not isinstance(obj, dict):
        raise InputError(f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError('missing or empty "text" (a non-empty string is required)')
    for name in _OPTIONAL_STRINGS:
        if obj.get(name) is not None and not isinstance(obj[name], str):
            raise InputError(f'"{name}" must be a string')
    meta = Metadata(
        title=obj.get("title"),
        date=obj.get("date"),
        outlet=obj.get("source"),
        url=obj.get("url"),
        fmt="jsonl",
    )
    item_id = obj.get("id")
    return Doc(text, id=str(item_id) if item_id is not None else None, meta=meta)


def analyze_line(line: str, pipeline: Pipeline, lineno: int) -> tuple[dict[str, Any], Doc | None]:
    """The output record for one input line, and the analysed Doc when there is one."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return error_record(None, f"line {lineno}: invalid JSON: {exc}"), None
    item_id = obj.get("id") if isinstance(obj, dict) else None
    try:
        doc = pipeline(doc_from_input(obj))
    except InputError as exc:
        return error_record(item_id, f"line {lineno}: {exc}"), None
    except Exception as exc:  # one bad document must not stop the stream
        return error_record(item_id, f"line {lineno}: analysis failed: {exc!r}"), None
    return to_record(doc), doc


def analyze_lines(
    lines: Iterable[str], pipeline: Pipeline | None = None
) -> Iterator[tuple[dict[str, Any], Doc | None]]:
    """Analyse a stream of JSON lines; blank lines are ignored."""
    pipeline = pipeline or default_pipeline()
    for lineno, line in enumerate(lines, start=1):
        if line.strip():
            yield analyze_line(line, pipeline, lineno)
