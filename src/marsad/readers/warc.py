"""Web archives (WARC, optionally gzip-compressed per record) via warcio.

Only HTML pages are articles: ``response`` records with a 2xx HTTP status and an
HTML Content-Type, and ``resource`` records holding HTML. Everything else
(requests, metadata, images, redirects) is skipped silently.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from marsad.readers.base import RawArticle, ReaderOptions, ReadError, too_large_message
from marsad.readers.encoding import charset_from_content_type
from marsad.readers.html import html_to_article

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CORRUPTION_ERRORS = (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError)


class _TruncatedArchive(Exception):
    """The archive ends inside a record or inside a gzip member."""


class _CheckedArchiveIterator(ArchiveIterator):
    """An ArchiveIterator that remembers whether the last gzip member was complete:
    warcio silently stops at a truncated member instead of raising."""

    ended_inside_gzip_member = False

    def close(self) -> None:
        decompressor = getattr(self.reader, "decompressor", None)
        if decompressor is not None and not getattr(decompressor, "eof", True):
            self.ended_inside_gzip_member = True
        super().close()


def read_warc(path: Path, options: ReaderOptions) -> Iterator[RawArticle | ReadError]:
    """Articles from the archive's HTML records; a corrupt or truncated archive
    ends with one ReadError after the records read before the damage."""
    key = str(path)
    records = 0
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield ReadError(key, f"cannot read file: {exc.strerror or exc}")
        return
    try:
        with stream:
            archive = _CheckedArchiveIterator(stream)
            for record in archive:
                item = _record_to_item(record, key, records + 1, options)
                records += 1
                if item is not None:
                    yield item
            if archive.ended_inside_gzip_member:
                raise _TruncatedArchive("the archive ends inside a gzip member")
            if records == 0:
                if path.stat().st_size == 0:
                    yield ReadError(key, "empty file")
                    return
                raise _TruncatedArchive("no complete WARC record found")
    except (*_CORRUPTION_ERRORS, _TruncatedArchive) as exc:
        detail = str(exc) or type(exc).__name__
        yield ReadError(key, f"corrupt or truncated WARC after {records} records: {detail}")


def _record_to_item(
    record: Any, path_key: str, number: int, options: ReaderOptions
) -> RawArticle | ReadError | None:
    content_type = _html_content_type(record)
    if content_type is None:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    key = f"{path_key}#{uri or f'record{number}'}"
    declared_length = int(record.rec_headers.get_header("Content-Length") or 0)
    if declared_length > options.max_bytes:
        return ReadError(key, too_large_message(declared_length, options.max_bytes))
    body = _read_body(record)
    item = html_to_article(
        body,
        key,
        uri,
        options,
        declared_charset=charset_from_content_type(content_type),
        fmt="warc",
    )
    if isinstance(item, RawArticle):
        _add_crawl_date(item, record.rec_headers.get_header("WARC-Date"))
    return item


def _html_content_type(record: Any) -> str | None:
    """The HTML Content-Type of an article record, or None for any other record."""
    if record.rec_type == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        content_type = record.http_headers.get_header("Content-Type") or ""
        if not status.startswith("2"):
            return None
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    return content_type if content_type.lower().startswith(_HTML_TYPES) else None


def _read_body(record: Any) -> bytes:
    """The HTTP payload (de-chunked, decompressed). warcio returns a short read
    rather than failing when the archive ends inside a record; its LimitReader
    still has bytes left to read in that case."""
    body = record.content_stream().read()
    record.raw_stream.read()  # drain the record so that ``limit`` below is final
    missing = getattr(record.raw_stream, "limit", 0)
    if missing > 0:
        raise _TruncatedArchive(f"the last record lacks {missing} bytes")
    return body


def _add_crawl_date(item: RawArticle, crawl_date: str | None) -> None:
    if not crawl_date:
        return
    item.meta.extra["crawl_date"] = crawl_date
    if item.meta.date is None:
        item.meta.date = crawl_date
