"""The document model: an immutable original text and layers of standoff spans.

Every annotation marsad makes is a ``[start, end)`` span of Python string
indices into ``Doc.text``. The text itself is never changed: cleaning marks
boilerplate, it does not delete it.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

from marsad.text.normalize import NormalizedText, normalize


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled ``[start, end)`` range of the original text; ``data`` carries
    a stage's attributes (an entity's id and name, a quote's speaker, ...)."""

    start: int
    end: int
    label: str = ""
    data: dict[str, Any] | None = field(default=None, compare=True)

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def pair(self) -> list[int]:
        return [self.start, self.end]


@dataclass(slots=True)
class Metadata:
    """What is known about an article besides its text."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    date: str | None = None  # ISO 8601: YYYY-MM-DD, optionally with time
    source: str | None = None  # where it was read from: file path, WARC record, feed
    fmt: str | None = None  # reader that produced it: text, html, jsonl, feed, warc
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, {}, "")}


def content_hash(text: str) -> str:
    """SHA-256 of the text with whitespace runs collapsed: the same article
    re-scraped with different line endings or trailing spaces is one article."""
    canonical = " ".join(text.split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class Doc:
    """An article: immutable text, metadata and named layers of spans."""

    __slots__ = ("__dict__", "_text", "id", "lang", "layers", "meta", "skip_reason")

    def __init__(self, text: str, id: str | None = None, meta: Metadata | None = None) -> None:
        if not isinstance(text, str):
            raise TypeError("Doc text must be str")
        self._text = text
        self.meta = meta or Metadata()
        self.id = id or self.content_hash[:16]
        self.layers: dict[str, list[Span]] = {}
        self.lang: str | None = None
        self.skip_reason: str | None = None

    @property
    def text(self) -> str:
        return self._text

    @cached_property
    def content_hash(self) -> str:
        return content_hash(self._text)

    @cached_property
    def normalized(self) -> NormalizedText:
        return normalize(self._text)

    # layers ------------------------------------------------------------------
    def add(
        self, layer: str, start: int, end: int, label: str = "", data: dict[str, Any] | None = None
    ) -> Span:
        span = Span(start, end, label, data)
        if end > len(self._text):
            raise ValueError(f"span [{start}, {end}) beyond text of length {len(self._text)}")
        self.layers.setdefault(layer, []).append(span)
        return span

    def spans(self, layer: str) -> list[Span]:
        return self.layers.get(layer, [])

    def span_text(self, span: Span | tuple[int, int]) -> str:
        start, end = (span.start, span.end) if isinstance(span, Span) else span
        return self._text[start:end]

    @property
    def sentences(self) -> list[Span]:
        return self.spans("sentences")

    @property
    def boilerplate(self) -> list[Span]:
        return self.spans("boilerplate")

    def body_ranges(self) -> list[tuple[int, int]]:
        """The text minus boilerplate: the ranges analysis stages work on."""
        ranges: list[tuple[int, int]] = []
        pos = 0
        for span in sorted(self.boilerplate, key=lambda s: s.start):
            if span.start > pos:
                ranges.append((pos, span.start))
            pos = max(pos, span.end)
        if pos < len(self._text):
            ranges.append((pos, len(self._text)))
        return ranges

    def body_text(self) -> str:
        """The body as one string (for display and similarity, not for offsets)."""
        return "\n".join(self._text[s:e].strip() for s, e in self.body_ranges()).strip()

    @property
    def skipped(self) -> bool:
        return self.skip_reason is not None

    def __repr__(self) -> str:
        return f"Doc(id={self.id!r}, chars={len(self._text)}, layers={sorted(self.layers)})"
