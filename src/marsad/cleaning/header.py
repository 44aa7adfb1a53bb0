"""The head of an article: byline, title (and its repeated copy) and dateline.

Scraped news usually starts with some of: an outlet name alone on a line, the
title (sometimes twice: page heading and article heading), then the first
paragraph, which may open with a dateline ("دمشق (سانا) - "). Bylines and
repeated titles are boilerplate; the title and the dateline are kept as their
own layers, because they are content for later stages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from marsad.cleaning.dates import find_date
from marsad.cleaning.lines import Line, ends_with_period, line_key, mark_line
from marsad.cleaning.patterns import cleaning_patterns
from marsad.doc import Doc
from marsad.text.normalize import normalize_string

MAX_TITLE_WORDS = 30
MAX_BYLINE_WORDS = 6  # a known outlet or one named in the copyright notice
MAX_SHAPE_BYLINE_WORDS = 4  # an unknown outlet, recognised by shape alone
MIN_LEAD_WORDS = 20  # a shape-only byline must sit right on top of a real paragraph
MIN_NAME_CHARS = 3  # shorter "names" would be found inside any copyright notice
MAX_PLACE_EXTRA_WORDS = 2  # "دمشق، سوريا -": a region or country after the place
_SENTENCE_PUNCT_RE = re.compile(r"[.؟?!،,:؛;\"]")
_DIGIT_RE = re.compile(r"\d")
_LETTER_RE = re.compile(r"[^\W\d_]")


Range = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline, as ``[start, end)`` ranges of normalised text: the whole
    prefix, the place, the agency named in it (if any); and the ISO date it gives."""

    prefix: Range
    place: Range
    agency: Range | None
    date: str | None


def mark_header(doc: Doc, lines: list[Line], taken: dict[int, str]) -> None:
    """Mark byline, title, repeated title and dateline among the first lines
    that are not already marked (``taken``: line index -> kind, updated)."""
    cursor = _next_free(lines, taken, 0)
    if cursor is None:
        return
    given_title = _given_title_key(doc)
    first_is_title = lines[cursor].key == given_title
    if not first_is_title and _mark_byline(doc, lines, cursor, taken, shape_only_ok=True):
        taken[cursor] = "byline"
        cursor = _next_free(lines, taken, cursor + 1)
        if cursor is None:
            return
    body = _mark_title(doc, lines, cursor, taken, given_title)
    # After a title only an unmistakable byline counts: a short line under a
    # headline is as likely a subtitle.
    if body not in (None, cursor) and _mark_byline(doc, lines, body, taken, shape_only_ok=False):
        taken[body] = "byline"
        body = _next_free(lines, taken, body + 1)
    if body is not None:
        _mark_dateline(doc, lines[body])


def _given_title_key(doc: Doc) -> str | None:
    """Comparison key of the title known from the source (HTML, JSON), if any."""
    return None if doc.meta.title is None else line_key(normalize_string(doc.meta.title))


def _next_free(lines: list[Line], taken: dict[int, str], start: int) -> int | None:
    return next((i for i in range(start, len(lines)) if i not in taken), None)


# --- byline ---------------------------------------------------------------------------


def _mark_byline(
    doc: Doc, lines: list[Line], i: int, taken: dict[int, str], shape_only_ok: bool
) -> bool:
    """Mark line ``i`` as a byline if it is one; ``shape_only_ok`` lets the
    shape rule alone decide (only for the very first line)."""
    outlet = _byline_outlet(lines, i, _copyright_notices(lines, taken), shape_only_ok)
    if outlet is None:
        return False
    line = lines[i]
    mark_line(doc, line, "boilerplate", "byline")
    if doc.meta.outlet is None:
        doc.meta.outlet = _original_text(doc, line, outlet)[2].strip()
    found = find_date(line.norm)  # "موقع … | الاثنين، 10 تموز/ يوليو 2017"
    if found is not None and doc.meta.date is None:
        doc.meta.date = found.iso
    return True


def _copyright_notices(lines: list[Line], taken: dict[int, str]) -> list[str]:
    return [lines[i].norm for i, kind in taken.items() if kind == "copyright"]


def _byline_outlet(
    lines: list[Line], i: int, copyright_notices: list[str], shape_only_ok: bool
) -> Range | None:
    """``[start, end)`` of the outlet name within line ``i``'s normalised text
    when the line is a byline."""
    line = lines[i]
    # the patterns bound the outlet's length themselves
    outlet = _pattern_outlet(line) or _place_and_outlet(line)
    if outlet is not None or line.words > MAX_BYLINE_WORDS or _SENTENCE_PUNCT_RE.search(line.norm):
        return outlet
    whole = (0, len(line.norm))
    if line.key in cleaning_patterns().outlets or _named_in(line.key, copyright_notices):
        return whole  # a known outlet, or the one named in the page's copyright notice
    if shape_only_ok and _has_outlet_shape(line) and _opens_paragraph(lines, i + 1):
        return whole
    return None


def _named_in(name: str, notices: list[str]) -> bool:
    return len(name) >= MIN_NAME_CHARS and any(name in notice for notice in notices)


def _pattern_outlet(line: Line) -> Range | None:
    """The outlet span when the line matches a byline pattern of the data file."""
    for byline in cleaning_patterns().bylines:
        match = byline.search(line.norm)
        if match:
            if match.groupdict().get("outlet") is None:
                return 0, len(line.norm)
            outlet = match.span("outlet")
            vetoed = cleaning_patterns().not_name.search(line.norm, *outlet)
            return None if vetoed else outlet
    return None


#: "الخرطوم - أ ف ب", "طرابلس - «الشرق الأوسط»": a place, a dash, an outlet
_PLACE_OUTLET_RE = re.compile(
    r"^(?P<place>[^\W\d_]+(?: [^\W\d_]+){0,2})\s*-\s*"
    r"(?:(?P<open>[\"(])(?P<quoted>[^\"()]{2,40})[\")]|(?P<name>[^\W\d_]+(?: [^\W\d_]+){0,3}))$"
)


def _place_and_outlet(line: Line) -> Range | None:
    """The outlet of a line that is a place, a dash and an outlet: one in
    quotation marks or brackets, or a known one."""
    match = _PLACE_OUTLET_RE.match(line.norm)
    if match is None or cleaning_patterns().not_name.search(match.group("place")):
        return None
    if match.group("quoted") is not None:
        return match.span("quoted")
    known = line_key(match.group("name")) in cleaning_patterns().outlets
    return match.span("name") if known else None


def _has_outlet_shape(line: Line) -> bool:
    """A name: a few words, no sentence punctuation, no numbers, no particles or verbs."""
    return (
        line.words <= MAX_SHAPE_BYLINE_WORDS
        and _LETTER_RE.search(line.norm) is not None
        and not _SENTENCE_PUNCT_RE.search(line.norm)
        and not _DIGIT_RE.search(line.norm)
        and not cleaning_patterns().not_name.search(line.norm)
    )


def _opens_paragraph(lines: list[Line], i: int) -> bool:
    """Line ``i`` is a long paragraph directly below the previous line. A title
    is usually set apart by a blank line or followed by more short lines."""
    return i < len(lines) and not lines[i].gap_before and lines[i].words >= MIN_LEAD_WORDS


# --- title ------------------------------------------------------------------------------


def _mark_title(
    doc: Doc, lines: list[Line], i: int, taken: dict[int, str], given_title: str | None
) -> int | None:
    """Mark the title at line ``i`` and its repeated copies; return the index
    of the first body line (None when nothing follows)."""
    line = lines[i]
    if given_title is not None:
        if line.key != given_title:
            return i
        key = given_title
        first_copy = i  # the title is known already: its copy in the text is a repeat
    elif _looks_like_title(lines, i):
        key = line.key
        first_copy = _next_free(lines, taken, i + 1)
    else:
        return i
    title = mark_line(doc, line, "title")
    if doc.meta.title is None:
        doc.meta.title = title
    taken[i] = "title"
    copy = first_copy
    while copy is not None and lines[copy].key == key:
        mark_line(doc, lines[copy], "boilerplate", "repeated_title")
        taken[copy] = "repeated_title"
        copy = _next_free(lines, taken, copy + 1)
    return copy


def _looks_like_title(lines: list[Line], i: int) -> bool:
    line = lines[i]
    return (
        i + 1 < len(lines)  # something follows: a lone line is an article, not a title
        and line.words <= MAX_TITLE_WORDS
        and not ends_with_period(line.norm)
        and _LETTER_RE.search(line.norm) is not None
        and find_dateline(line.norm) is None
    )


# --- dateline ---------------------------------------------------------------------------


# A place: 1-4 words of letters; alternative names are joined by a slash
# ("كوباني/ عين العرب").
_PLACE = r"(?P<place>[^\W\d_]+(?:(?:[ ]+|\s*/\s*)[^\W\d_]+){0,3})"
_AGENCY = r"\((?P<agency>[^()]{1,40})\)"


@cache
def _dateline_res() -> tuple[re.Pattern[str], ...]:
    credit = cleaning_patterns().dateline_credit
    place_first = (  # place [، date or region] [(agency)] - [credit:]
        _PLACE + r"(?:\s*[،,]\s*(?P<extra>[^()\-:،,\"]{1,60}?))?"
        rf"(?:\s*{_AGENCY})?\s*(?P<dash>-)(?:\s*(?:{credit})\s*:)?"
    )
    agency_first = _AGENCY + r"\s*(?P<dash>-)\s*" + _PLACE + r"\s*:"  # (agency) - place:
    return re.compile(place_first), re.compile(agency_first)


def find_dateline(norm: str) -> Dateline | None:
    """The dateline at the start of a normalised paragraph, or None."""
    for dateline_re in _dateline_res():
        match = dateline_re.match(norm)
        if match is not None:
            return _checked_dateline(norm, match)
    return None


def _checked_dateline(norm: str, match: re.Match[str]) -> Dateline | None:
    if cleaning_patterns().not_name.search(match.group("place")):
        return None  # "قال الوزير -", "عقد اجتماع في دمشق -": a sentence, not a place
    if not _dash_is_separator(norm, match):
        return None
    date: str | None = None
    extra = match.groupdict().get("extra")
    if extra is not None:
        found = find_date(extra)
        if found is not None:
            date = found.iso
        elif not _is_region(extra):
            return None
    agency = match.span("agency") if match.group("agency") is not None else None
    return Dateline(match.span(), match.span("place"), agency, date)


def _dash_is_separator(norm: str, match: re.Match[str]) -> bool:
    """The dash has a space on at least one side ("دمشق - ", "دمشق- "): without
    one ("دمشق-قال") it is a hyphen inside a compound."""
    dash_start, dash_end = match.span("dash")
    before = norm[dash_start - 1 : dash_start]
    after = norm[dash_end : dash_end + 1]
    return before.isspace() or after.isspace() or after == ""


def _is_region(extra: str) -> bool:
    """A country or region after the place ("دمشق، سوريا"), not the rest of a sentence."""
    return (
        len(extra.split()) <= MAX_PLACE_EXTRA_WORDS
        and not _DIGIT_RE.search(extra)
        and not cleaning_patterns().not_name.search(extra)
    )


def _original_text(doc: Doc, line: Line, span: Range) -> tuple[int, int, str]:
    """Original ``[start, end)`` and text of a range of a line's normalised text."""
    start, end = doc.normalized.to_original(line.nstart + span[0], line.nstart + span[1])
    return start, end, doc.text[start:end]


def _mark_dateline(doc: Doc, line: Line) -> None:
    dateline = find_dateline(line.norm)
    if dateline is None:
        return
    start, end, _ = _original_text(doc, line, dateline.prefix)
    doc.add("dateline", start, end, _original_text(doc, line, dateline.place)[2])
    if dateline.date is not None and doc.meta.date is None:
        doc.meta.date = dateline.date
    # "بيروت (رويترز) -": the agency is who reported the story. Only a name that
    # reads as an outlet counts: "سروج (الحدود التركية) -" names a region.
    agency = dateline.agency
    if agency is not None and doc.meta.outlet is None and _is_outlet_name(line.norm, agency):
        doc.meta.outlet = _original_text(doc, line, agency)[2].strip()


def _is_outlet_name(norm: str, span: Range) -> bool:
    name = line_key(norm[span[0] : span[1]])
    patterns = cleaning_patterns()
    return name in patterns.outlets or any(byline.search(name) for byline in patterns.bylines)
