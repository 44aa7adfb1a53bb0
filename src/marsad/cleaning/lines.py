"""The lines of a document, as cleaning sees them.

Cleaning decides line by line (a boilerplate widget, a title, a byline is one
line of scraped text), so the document is cut once into its non-empty lines,
each carrying its trimmed span and content in the normalised text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from marsad.doc import Doc
from marsad.text.segment import LINE_BREAKS

# Punctuation ignored at the end of a line when comparing lines (a title and its
# copy differ at most in a final mark) and when deciding how a line ends.
_FINAL_PUNCT = ".؟?!:؛;…،, "
_CLOSERS = "\"')]}"
# a line break (\r\n as one) or a run of anything else
_LINE_OR_BREAK_RE = re.compile(f"\r\n|[{LINE_BREAKS}]|[^{LINE_BREAKS}]+")


class Line(NamedTuple):
    """One non-empty line, trimmed of whitespace: ``[nstart, nend)`` in the
    normalised text and its normalised content. Original offsets are mapped
    only for the few lines that get marked (see :func:`mark_line`). A named
    tuple because one is built for every line of every article, and tuples
    are the quickest to build."""

    index: int
    nstart: int
    nend: int
    norm: str
    words: int
    gap_before: bool  # a blank line separates it from the previous line

    @property
    def key(self) -> str:
        return line_key(self.norm)


def line_key(norm: str) -> str:
    """Comparison key of normalised text: whitespace collapsed, final punctuation dropped."""
    return " ".join(norm.split()).rstrip(_FINAL_PUNCT)


def ends_with_period(norm: str) -> bool:
    """True when the text ends like a sentence ("." after any closing quote or
    bracket), but not with an ellipsis, which marks a truncated headline."""
    tail = norm.rstrip(_CLOSERS + " ")
    return tail.endswith(".") and not tail.endswith("..")


def split_lines(doc: Doc) -> list[Line]:
    """Non-empty lines of the document (any line break ends one: \\n, \\r\\n,
    a bare \\r, U+2028...). Splitting the normalised text keeps the
    original offsets exact: line breaks survive normalisation unchanged, and
    characters it deletes (tatweel, invisible marks) leave a line blank when
    they are all it holds."""
    lines: list[Line] = []
    gap = False
    has_content = False  # the current line so far
    for match in _LINE_OR_BREAK_RE.finditer(doc.normalized.text):
        piece = match.group()
        if piece[0] in LINE_BREAKS:
            gap = gap or (not has_content and bool(lines))  # a blank line ended
            has_content = False
            continue
        content = piece.strip()
        if content:
            nstart = match.start() + piece.find(content)
            words = _word_count(content)
            lines.append(Line(len(lines), nstart, nstart + len(content), content, words, gap))
            gap, has_content = False, True
    return lines


def _word_count(content: str) -> int:
    # Counting single spaces is several times faster than split(); fall back
    # to split() only when runs of spaces or tabs would make the count wrong.
    if "  " in content or "\t" in content:
        return len(content.split())
    return content.count(" ") + 1


def mark_line(doc: Doc, line: Line, layer: str, label: str = "") -> str:
    """Add a span over the whole line (trimmed) to ``layer``; return its original text."""
    start, end = doc.normalized.to_original(line.nstart, line.nend)
    doc.add(layer, start, end, label)
    return doc.text[start:end]
