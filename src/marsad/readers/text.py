"""Plain text files: one file is one article, its whole decoded content the text.

Title and byline detection belongs to the cleaning stage, which marks them as
spans; the reader keeps the text exactly as decoded.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from marsad.doc import Metadata
from marsad.readers.base import RawArticle, ReaderOptions, ReadError, non_empty_text, read_limited


def read_text(path: Path, options: ReaderOptions) -> Iterator[RawArticle | ReadError]:
    key = str(path)
    data = read_limited(path, options)
    if isinstance(data, ReadError):
        yield data
        return
    text = non_empty_text(data, key, options)
    if isinstance(text, ReadError):
        yield text
        return
    yield RawArticle(text, Metadata(source=key, fmt="text"), key)
