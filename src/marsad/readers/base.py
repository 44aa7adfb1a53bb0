"""Types shared by every reader, and the small helpers they have in common.

These live apart from ``marsad.readers`` (which re-exports them) so that the
format modules can import them without a circular import through the package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from marsad.doc import Metadata
from marsad.readers.encoding import DecodeError, decode

DEFAULT_MAX_BYTES = 20_000_000


@dataclass(slots=True)
class RawArticle:
    """One article as read: ``text`` is exactly what was decoded or extracted and
    becomes the immutable ``Doc.text``; nothing downstream may alter it."""

    text: str
    meta: Metadata
    key: str  # "path", "path#L12", "path#<entry link or index>", "path#<WARC-Target-URI>"


@dataclass(slots=True)
class ReadError:
    """An item (file, line, entry, record) that could not be read."""

    key: str
    message: str


@dataclass(slots=True)
class ReaderOptions:
    """Settings for all readers."""

    fields: dict[str, str] = field(default_factory=dict)  # jsonl: logical name -> JSON key
    max_bytes: int = DEFAULT_MAX_BYTES  # per item: a file, a JSON line, a WARC record
    encoding: str | None = None  # force this encoding instead of detecting one


def too_large_message(size: int, limit: int) -> str:
    return f"too large ({size / 1e6:.1f} MB > {limit / 1e6:.1f} MB limit; raise --max-bytes)"


def read_limited(path: Path, options: ReaderOptions) -> bytes | ReadError:
    """The whole file, or a ReadError when it cannot be read or exceeds the limit.
    The size is checked with ``stat`` first, so an oversized file is never loaded."""
    key = str(path)
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            return ReadError(key, too_large_message(size, options.max_bytes))
        return path.read_bytes()
    except OSError as exc:
        return ReadError(key, f"cannot read file: {exc.strerror or exc}")


def decode_for(data: bytes, options: ReaderOptions, declared: str | None = None) -> str:
    """Decode with the forced encoding when one is set, else detect it.
    Raises DecodeError."""
    if options.encoding:
        return decode(data, forced=options.encoding)
    return decode(data, declared)


def non_empty_text(data: bytes, key: str, options: ReaderOptions) -> str | ReadError:
    """Decoded text of a whole-file item, or a ReadError for undecodable or empty input."""
    try:
        text = decode_for(data, options)
    except DecodeError as exc:
        return ReadError(key, str(exc))
    if not text.strip():
        return ReadError(key, "empty file")
    return text
