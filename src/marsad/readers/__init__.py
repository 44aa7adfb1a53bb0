"""Readers: files, folders and globs in; RawArticle (text + metadata) or ReadError out.

Every reader is a generator that yields one item per article and never raises
for bad input: an unreadable file, line, entry or record becomes a ReadError and
reading continues with the next one.

Formats, chosen by file name, else by sniffing the first bytes:

- plain text (.txt, .text): one file, one article;
- HTML (.html, .htm, .xhtml): main text and metadata via trafilatura;
- JSON Lines (.jsonl, .ndjson, optionally .gz; .json.gz): one object per line;
- feeds (.xml, .rss, .atom, .rdf): one article per RSS/Atom entry;
- web archives (.warc, .warc.gz, .arc.gz): one article per HTML response.

The only change made to a text when it is read is the one in
:mod:`marsad.readers.encoding`: the BOM goes and line endings become ``\\n``.
"""

from __future__ import annotations

import glob
import gzip
import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from marsad.readers.base import RawArticle, ReaderOptions, ReadError
from marsad.readers.encoding import DecodeError, decode, refuse_binary
from marsad.readers.feed import read_feed
from marsad.readers.html import html_fragment_to_text, html_to_article, read_html
from marsad.readers.jsonl import parse_json_record, read_jsonl
from marsad.readers.text import read_text
from marsad.readers.warc import read_warc

__all__ = [
    "DecodeError",
    "RawArticle",
    "ReadError",
    "ReaderOptions",
    "decode",
    "html_fragment_to_text",
    "html_to_article",
    "iter_files",
    "parse_json_record",
    "read_file",
    "read_paths",
]

Reader = Callable[[Path, ReaderOptions], Iterator[RawArticle | ReadError]]

# Longest suffixes first: ".warc.gz" must win over a generic ".gz".
_READERS_BY_SUFFIX: tuple[tuple[str, Reader], ...] = (
    (".jsonl.gz", read_jsonl),
    (".ndjson.gz", read_jsonl),
    (".json.gz", read_jsonl),
    (".warc.gz", read_warc),
    (".arc.gz", read_warc),
    (".jsonl", read_jsonl),
    (".ndjson", read_jsonl),
    (".warc", read_warc),
    (".txt", read_text),
    (".text", read_text),
    (".html", read_html),
    (".htm", read_html),
    (".xhtml", read_html),
    (".xml", read_feed),
    (".rss", read_feed),
    (".atom", read_feed),
    (".rdf", read_feed),
)
_DOCUMENTATION_PREFIXES = ("readme", "license", "licence", "copying", "notice", "changelog")
_SNIFF_BYTES = 1024
_GZIP_MAGIC = b"\x1f\x8b"
_LEADING_NOISE = b"\xef\xbb\xbf \t\r\n"  # UTF-8 BOM and whitespace before the first tag


def read_paths(
    paths: Iterable[str], options: ReaderOptions | None = None
) -> Iterator[RawArticle | ReadError]:
    """Every article under ``paths`` (files, folders, globs), in a stable order."""
    options = options or ReaderOptions()
    for entry in iter_files(paths):
        if isinstance(entry, ReadError):
            yield entry
        else:
            yield from read_file(entry, options)


def iter_files(paths: Iterable[str]) -> Iterator[Path | ReadError]:
    """Files named by ``paths``: folders are walked recursively in sorted order
    (hidden files, documentation and ``.json`` manifests inside them are skipped),
    glob patterns (``**`` included) are expanded. A file reached twice is yielded
    once."""
    seen: set[Path] = set()
    for raw in paths:
        for entry in _expand(str(raw)):
            if isinstance(entry, Path):
                if entry in seen:
                    continue
                seen.add(entry)
            yield entry


def read_file(path: Path, options: ReaderOptions | None = None) -> Iterator[RawArticle | ReadError]:
    """The articles of one file, with the reader chosen by suffix or content."""
    options = options or ReaderOptions()
    reader = _reader_for(path)
    if isinstance(reader, ReadError):
        yield reader
        return
    try:
        yield from reader(path, options)
    except Exception as exc:  # a reader bug must cost one file, not the whole ingest
        yield ReadError(str(path), f"unexpected error while reading: {type(exc).__name__}: {exc}")


# paths -----------------------------------------------------------------------------


def _expand(raw: str) -> Iterator[Path | ReadError]:
    if glob.has_magic(raw):
        matches = sorted(glob.glob(raw, recursive=True))
        if not matches:
            yield ReadError(raw, "no files match this pattern")
        for match in matches:
            yield from _expand_existing(Path(match))
        return
    path = Path(raw)
    if not path.exists():
        yield ReadError(raw, "no such file or folder")
        return
    yield from _expand_existing(path)


def _expand_existing(path: Path) -> Iterator[Path]:
    if path.is_dir():
        yield from _walk(path)
    elif path.is_file():
        yield path


def _walk(folder: Path) -> Iterator[Path]:
    """Files below ``folder``, sorted by path, without the files that sit beside a
    corpus but are never articles (see :func:`_is_corpus_article`)."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root, name) for name in files if _is_corpus_article(name))
    yield from sorted(found)


def _is_corpus_article(name: str) -> bool:
    """False for hidden files (.git, .DS_Store, editor backups), documentation
    (README, LICENSE, ...) and ``.json`` documents such as manifests: JSON Lines
    is named .jsonl or .ndjson. Applies to folder walks only; a file named
    explicitly is always read."""
    lowered = name.lower()
    return not (
        lowered.startswith(".")
        or lowered.startswith(_DOCUMENTATION_PREFIXES)
        or lowered.endswith(".json")
    )


# dispatch --------------------------------------------------------------------------


def _reader_for(path: Path) -> Reader | ReadError:
    name = path.name.lower()
    for suffix, reader in _READERS_BY_SUFFIX:
        if name.endswith(suffix):
            return reader
    try:
        with path.open("rb") as stream:
            head = stream.read(_SNIFF_BYTES)
    except OSError as exc:
        return ReadError(str(path), f"cannot read file: {exc.strerror or exc}")
    if head.startswith(_GZIP_MAGIC):
        return _sniff_gzip(path)
    return _sniff(head, str(path))


def _sniff_gzip(path: Path) -> Reader | ReadError:
    """JSON Lines or WARC inside a gzip file without a telling suffix."""
    try:
        with gzip.open(path, "rb") as stream:
            head = stream.read(_SNIFF_BYTES)
    except (OSError, EOFError, zlib.error) as exc:
        return ReadError(str(path), f"corrupt gzip file: {exc}")
    reader = _sniff(head, str(path))
    if reader in (read_jsonl, read_warc):
        return reader
    return ReadError(
        str(path), "unsupported file type: gzip file holding neither JSON Lines nor WARC"
    )


def _sniff(head: bytes, key: str) -> Reader | ReadError:
    start = head.lstrip(_LEADING_NOISE).lower()
    if start.startswith(b"warc/1."):
        return read_warc
    if start.startswith((b"<!doctype html", b"<html")):
        return read_html
    if start.startswith((b"<rss", b"<feed", b"<rdf")):
        return read_feed
    if start.startswith(b"<?xml"):
        return read_html if b"<html" in start else read_feed
    if start.startswith(b"[") or start.split(b"\n", 1)[0].strip() == b"{":
        # One pretty-printed JSON document, not JSON Lines: reading it line by line
        # would only produce an error per line.
        return ReadError(key, "unsupported file type: a JSON document; convert it to JSON Lines")
    if start.startswith(b"{"):
        return read_jsonl
    try:
        refuse_binary(head)
    except DecodeError as exc:
        return ReadError(key, f"unsupported file type ({exc})")
    return read_text
