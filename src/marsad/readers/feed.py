"""RSS and Atom feeds (feedparser): every entry is one article.

The text is the entry's full content (``content:encoded``, Atom ``content``)
flattened from HTML, else its summary. Feeds that feedparser flags as
ill-formed ("bozo") are still read when it recovered entries from them.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser

from marsad.doc import Metadata
from marsad.readers.base import RawArticle, ReaderOptions, ReadError, decode_for, read_limited
from marsad.readers.dates import normalize_date
from marsad.readers.encoding import DecodeError
from marsad.readers.html import html_fragment_to_text

_UTF8_XML = {"content-type": "application/xml; charset=utf-8"}


def read_feed(path: Path, options: ReaderOptions) -> Iterator[RawArticle | ReadError]:
    key = str(path)
    data = read_limited(path, options)
    if isinstance(data, ReadError):
        yield data
        return
    yield from feed_items(data, key, options)


def feed_items(data: bytes, key: str, options: ReaderOptions) -> Iterator[RawArticle | ReadError]:
    """The entries of a feed document held in ``data``."""
    try:
        # Decoded here rather than by feedparser, whose fallback for a wrong or
        # missing declaration is Windows-1252: mojibake for Arabic.
        utf8 = decode_for(data, options).encode("utf-8")
    except DecodeError as exc:
        yield ReadError(key, str(exc))
        return
    # A stream, not bytes: feedparser would try to open bytes as a file name. The
    # header's charset overrides the document's now outdated XML declaration.
    parsed = feedparser.parse(io.BytesIO(utf8), response_headers=_UTF8_XML)
    if not parsed.entries:
        problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
        yield ReadError(key, f"not a valid feed: {problem}" if problem else "feed has no entries")
        return
    outlet = parsed.feed.get("title") or None
    for index, entry in enumerate(parsed.entries, start=1):
        yield _entry_to_item(entry, f"{key}#{entry.get('link') or index}", outlet)


def _entry_to_item(entry: Any, key: str, outlet: str | None) -> RawArticle | ReadError:
    text = _entry_text(entry)
    if not text:
        return ReadError(key, "feed entry has no text (no content or summary)")
    meta = Metadata(
        title=entry.get("title") or None,
        outlet=outlet,
        url=entry.get("link") or None,
        author=entry.get("author") or None,
        date=_entry_date(entry),
        source=key,
        fmt="feed",
    )
    if entry.get("id"):
        meta.extra["id"] = entry["id"]
    return RawArticle(text, meta, key)


def _entry_text(entry: Any) -> str:
    """Full content when the feed carries it, else the summary; HTML is flattened."""
    for detail in [*entry.get("content", []), entry.get("summary_detail")]:
        if detail and detail.get("value", "").strip():
            value = detail["value"]
            return html_fragment_to_text(value) if "html" in detail.get("type", "") else value
    return ""


def _entry_date(entry: Any) -> str | None:
    """The date as the feed wrote it, with its own UTC offset: the local calendar
    day is the one the article's relative dates ("yesterday") refer to. Formats
    other than RFC 822 and ISO fall back to feedparser's parse, converted to UTC."""
    # dict.get: FeedParserDict.get("updated") falls back to "published" with a
    # DeprecationWarning.
    for raw in (dict.get(entry, "published"), dict.get(entry, "updated")):
        iso = normalize_date(raw)
        if iso:
            return iso
    parsed = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    return datetime(*parsed[:6], tzinfo=UTC).isoformat() if parsed else None
