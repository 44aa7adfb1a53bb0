"""HTML pages: the main text and metadata, extracted with trafilatura.

Settings, measured on the three Arabic news pages of the html_boilerplate sample
(CNN Arabic twice, Assabah): ``favor_precision`` gives the same main text as the
default and as ``favor_recall`` (every expected paragraph present, every
"without" phrase absent), while ``favor_recall`` also keeps the site navigation,
a timestamp line and the copyright footer. So: precision, no comments.

Dates: ``original_date`` prefers the publication date over a modification date,
and without ``extensive_search`` htmldate does not guess a date from a bare year
in the URL (CNN Arabic's ``/2013/`` became "2013-01-01").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from marsad.doc import Metadata
from marsad.readers.base import RawArticle, ReaderOptions, ReadError, decode_for, read_limited
from marsad.readers.encoding import DecodeError

_EXTRACTION_SETTINGS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "with_metadata": True,
    "date_extraction_params": {"extensive_search": False, "original_date": True},
}

# Elements that start a new line when an HTML fragment is flattened to text.
# fmt: off
_BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "table", "tr", "section", "article", "header", "footer", "figure", "figcaption", "dd", "dt",
})
# fmt: on
_DROPPED_TAGS = ("script", "style", "noscript", "template")
_HORIZONTAL_SPACE_RE = re.compile(r"[^\S\n]+")


def read_html(path: Path, options: ReaderOptions) -> Iterator[RawArticle | ReadError]:
    key = str(path)
    data = read_limited(path, options)
    if isinstance(data, ReadError):
        yield data
        return
    yield html_to_article(data, key, None, options)


def html_to_article(
    html: str | bytes,
    key: str,
    url: str | None,
    options: ReaderOptions,
    *,
    declared_charset: str | None = None,
    fmt: str = "html",
) -> RawArticle | ReadError:
    """The main text of one page. ``url`` is where the page was fetched from; the
    canonical URL found in the page, when there is one, wins in ``meta.url``."""
    if isinstance(html, bytes):
        try:
            html = decode_for(html, options, declared_charset)
        except DecodeError as exc:
            return ReadError(key, str(exc))
    if not html.strip():
        return ReadError(key, "empty file")
    try:
        document = trafilatura.bare_extraction(html, url=url, **_EXTRACTION_SETTINGS)
    except Exception as exc:  # trafilatura/lxml on hostile markup: report, never crash
        return ReadError(key, f"HTML extraction failed: {type(exc).__name__}: {exc}")
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        return ReadError(key, "no main text found in HTML")
    return RawArticle(text, _metadata(document, key, url, fmt), key)


def _metadata(document: Any, key: str, url: str | None, fmt: str) -> Metadata:
    return Metadata(
        title=document.title or None,
        outlet=document.sitename or None,
        author=document.author or None,
        url=document.url or url,
        date=document.date or None,
        source=key,
        fmt=fmt,
    )


def html_fragment_to_text(fragment: str) -> str:
    """Readable text of an HTML fragment (a feed's ``content:encoded``): block
    elements and ``<br>`` become line breaks, spaces are tidied, blank lines go."""
    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment.strip()
    for element in list(root.iter(*_DROPPED_TAGS)):
        element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            continue
        if element.tag == "br" or element.tag in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
        if element.tag in _BLOCK_TAGS:
            element.text = "\n" + (element.text or "")
    lines = (
        _HORIZONTAL_SPACE_RE.sub(" ", line).strip() for line in root.text_content().split("\n")
    )
    return "\n".join(line for line in lines if line)
