"""JSON Lines, plain or gzip-compressed: one JSON object per line, one article each.

Field names differ between scrapers (news-please, SaudiNewsNet, custom dumps), so
each logical field has a list of candidate keys; ``ReaderOptions.fields`` names
the key explicitly. The text value is used exactly as given.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from marsad.doc import Metadata
from marsad.readers.base import RawArticle, ReaderOptions, ReadError, decode_for, too_large_message
from marsad.readers.dates import normalize_date
from marsad.readers.encoding import DecodeError

FIELD_CANDIDATES: dict[str, tuple[str, ...]] = {
    "id": ("id", "_id", "article_id", "guid"),
    "text": ("text", "content", "body", "article", "maintext"),
    "title": ("title", "headline"),
    "date": ("date", "published", "pubDate", "date_publish", "date_extracted", "datetime"),
    "source": ("source", "outlet", "site", "sitename", "publisher"),
    "url": ("url", "link"),
    "author": ("author", "authors"),
}

GZIP_SUFFIXES = (".gz",)
_CHUNK = 1 << 20


def read_jsonl(path: Path, options: ReaderOptions) -> Iterator[RawArticle | ReadError]:
    """One item per non-blank line (blank lines are skipped; a file without any
    is an "empty file" error). A bad line becomes a ReadError and reading goes on;
    a truncated or corrupt gzip stream ends with one ReadError after the lines
    that could be read."""
    key = str(path)
    lineno = 0
    items = 0
    try:
        with _open(path) as stream:
            for lineno, line in _numbered_lines(stream, options.max_bytes):
                if isinstance(line, int):
                    items += 1
                    message = too_large_message(line, options.max_bytes)
                    yield ReadError(f"{key}#L{lineno}", f"line {lineno}: {message}")
                elif line.strip():
                    items += 1
                    yield _parse_line(line, lineno, key, options)
        if items == 0:
            yield ReadError(key, "empty file")
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield ReadError(key, f"truncated or corrupt gzip after line {lineno}: {exc}")
    except OSError as exc:
        yield ReadError(key, f"cannot read file: {exc.strerror or exc}")


def parse_json_record(obj: Any, key: str, options: ReaderOptions) -> RawArticle | ReadError:
    """A RawArticle from one decoded JSON value; the text must be a non-empty string.
    Also used for the ``marsad analyze`` stdin contract."""
    if not isinstance(obj, dict):
        return ReadError(key, f"not a JSON object (got {_json_type(obj)})")
    text_key, text = _lookup(obj, "text", options)
    if text_key is None:
        looked_for = ", ".join(_candidates("text", options))
        return ReadError(key, f"no text field (looked for: {looked_for})")
    if not isinstance(text, str):
        return ReadError(key, f'text field "{text_key}" is not a string (got {_json_type(text)})')
    if not text.strip():
        return ReadError(key, f'empty text field "{text_key}"')
    return RawArticle(text, _metadata(obj, key, options), key)


# reading ---------------------------------------------------------------------------


def _open(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(GZIP_SUFFIXES) or _has_gzip_magic(path):
        return gzip.open(path, "rb")
    return path.open("rb")


def _has_gzip_magic(path: Path) -> bool:
    with path.open("rb") as stream:
        return stream.read(2) == b"\x1f\x8b"


def _numbered_lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | int]]:
    """(line number, line) pairs, or (line number, size) for a line longer than
    ``limit`` bytes: lines are read with a size cap, so an enormous line is
    skipped without ever being held in memory."""
    lineno = 0
    while line := stream.readline(limit + 1):
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            yield lineno, len(line) + _skip_rest_of_line(stream)
        else:
            yield lineno, line


def _skip_rest_of_line(stream: IO[bytes]) -> int:
    skipped = 0
    while chunk := stream.readline(_CHUNK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _parse_line(
    line: bytes, lineno: int, path_key: str, options: ReaderOptions
) -> RawArticle | ReadError:
    key = f"{path_key}#L{lineno}"
    try:
        obj = json.loads(decode_for(line, options))
    except DecodeError as exc:
        return ReadError(key, f"line {lineno}: {exc}")
    except json.JSONDecodeError as exc:
        return ReadError(key, f"invalid JSON on line {lineno}: {exc.msg} (column {exc.colno})")
    item = parse_json_record(obj, key, options)
    if isinstance(item, ReadError):
        item.message = f"line {lineno}: {item.message}"
    return item


# fields ----------------------------------------------------------------------------


def _candidates(name: str, options: ReaderOptions) -> tuple[str, ...]:
    override = options.fields.get(name)
    return (override,) if override else FIELD_CANDIDATES[name]


def _lookup(obj: dict[str, Any], name: str, options: ReaderOptions) -> tuple[str | None, Any]:
    """The first candidate key present with a non-null value, and that value."""
    for candidate in _candidates(name, options):
        if obj.get(candidate) is not None:
            return candidate, obj[candidate]
    return None, None


def _string_field(obj: dict[str, Any], name: str, options: ReaderOptions) -> str | None:
    """A metadata value as a string: lists of names (news-please ``authors``) are
    joined, numbers (ids) are written out, anything else is ignored."""
    _, value = _lookup(obj, name, options)
    if isinstance(value, list):
        value = ", ".join(
            str(v).strip() for v in value if isinstance(v, str | int) and str(v).strip()
        )
    elif isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    return value.strip() or None


def _metadata(obj: dict[str, Any], key: str, options: ReaderOptions) -> Metadata:
    extra: dict[str, Any] = {}
    item_id = _string_field(obj, "id", options)
    if item_id is not None:
        extra["id"] = item_id
    _, raw_date = _lookup(obj, "date", options)
    date = normalize_date(raw_date)
    if date is None and raw_date not in (None, ""):
        extra["date_raw"] = raw_date
    return Metadata(
        title=_string_field(obj, "title", options),
        outlet=_string_field(obj, "source", options),
        url=_string_field(obj, "url", options),
        author=_string_field(obj, "author", options),
        date=date,
        source=key,
        fmt="jsonl",
        extra=extra,
    )


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")
