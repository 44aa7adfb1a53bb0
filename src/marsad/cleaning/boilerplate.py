"""Cleaning without loss: boilerplate lines, title, byline and dateline are
marked as spans over the original text, which is never changed.

Boilerplate kinds recognised by pattern (``data/boilerplate.tsv``): newsletter,
comments, share, related, copyright. The head of the article (byline, title,
repeated title, dateline) is handled in :mod:`marsad.cleaning.header`.
"""

from __future__ import annotations

import re

from marsad.cleaning.header import mark_header
from marsad.cleaning.lines import Line, ends_with_period, mark_line, split_lines
from marsad.cleaning.patterns import cleaning_patterns
from marsad.doc import Doc

# Widgets sit at the edges of a scraped article; inside it only very short lines
# ("اقرأ أيضاً: …" between paragraphs) are widgets.
HEAD_LINES = 5
TAIL_LINES = 15
MAX_EDGE_WORDS = 40
MAX_MIDDLE_WORDS = 15
MAX_LINK_TITLE_WORDS = 20
# A pattern that opens the line is strong evidence; a hit further into the line
# ("… واشترك بنشرتنا البريدية") counts on shorter lines only. This also keeps the
# costlier search-anywhere off ordinary paragraphs.
MAX_FLOATING_WORDS = 20


def clean(doc: Doc) -> None:
    """Add ``boilerplate`` (label = kind), ``title`` and ``dateline`` spans to
    ``doc`` and fill ``doc.meta`` title, outlet and date where they were unknown."""
    lines = split_lines(doc)
    if not lines:
        return
    taken = mark_boilerplate_lines(doc, lines)
    mark_header(doc, lines, taken)


def mark_boilerplate_lines(doc: Doc, lines: list[Line]) -> dict[int, str]:
    """Mark the lines that match a boilerplate pattern, and the link titles
    listed under a bare related-links header. Returns line index -> kind."""
    taken: dict[int, str] = {}
    in_link_list = False
    for line in lines:
        match = _boilerplate_match(line, _max_words(line.index, len(lines)))
        if match is not None:
            kind = match.lastgroup or ""
            in_link_list = kind == "related" and _is_bare_header(line.norm, match.end())
        elif in_link_list and _looks_like_link_title(line):
            kind = "related"
        else:
            in_link_list = False
            continue
        mark_line(doc, line, "boilerplate", kind)
        taken[line.index] = kind
    return taken


def _max_words(index: int, count: int) -> int:
    at_edge = index < HEAD_LINES or index >= count - TAIL_LINES
    return MAX_EDGE_WORDS if at_edge else MAX_MIDDLE_WORDS


def _boilerplate_match(line: Line, max_words: int) -> re.Match[str] | None:
    if line.words > max_words:
        return None  # a paragraph of the article, whatever it mentions
    patterns = cleaning_patterns().boilerplate
    match = patterns.match_start(line.norm)
    if match is None and line.words <= min(max_words, MAX_FLOATING_WORDS):
        match = patterns.search_anywhere(line.norm)
    return match


def _is_bare_header(norm: str, match_end: int) -> bool:
    """A header alone ("اقرأ أيضاً:") announces a list of links on the following
    lines; a header with a title after it ("اقرأ أيضاً: عنوان") is a link by itself."""
    return not any(ch.isalnum() for ch in norm[match_end:])


def _looks_like_link_title(line: Line) -> bool:
    return line.words <= MAX_LINK_TITLE_WORDS and not ends_with_period(line.norm)
