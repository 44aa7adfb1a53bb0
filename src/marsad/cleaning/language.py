"""Language check: marsad analyses Arabic; anything else is marked and skipped."""

from __future__ import annotations

import re

from marsad.doc import Doc

_ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF]+")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z\u00C0-\u024F]+")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]+")
_MIN_LETTERS = 20
_MIN_ARABIC_SHARE = 0.5
_SAMPLE_CHARS = 2000


def _count(pattern: re.Pattern[str], text: str) -> int:
    # Deleting runs of matches is quicker than listing single characters.
    return len(text) - len(pattern.sub("", text))


def script_shares(text: str) -> tuple[int, float, float]:
    """Letters counted, and the shares of Arabic and Latin letters among them."""
    arabic = _count(_ARABIC_LETTER_RE, text)
    latin = _count(_LATIN_LETTER_RE, text)
    other = _count(_CYRILLIC_RE, text)
    letters = arabic + latin + other
    if not letters:
        return 0, 0.0, 0.0
    return letters, arabic / letters, latin / letters


def detect_language(doc: Doc) -> None:
    """Set ``doc.lang`` from the body's script; skip documents that are not Arabic.

    Arabic script is shared with Persian and Urdu, but in a news pipeline fed
    with Arabic sources the script test is what separates usable input from
    English wire copy, menus in Latin script and empty pages."""
    # A few thousand characters decide the script as well as the whole text.
    body = " ".join(doc.text[s:e] for s, e in doc.body_ranges())[:_SAMPLE_CHARS]
    letters, arabic_share, latin_share = script_shares(body)
    if letters < _MIN_LETTERS:
        doc.lang = "und"
        doc.skip_reason = f"too little text to analyse ({letters} letters in the body)"
        return
    if arabic_share >= _MIN_ARABIC_SHARE:
        doc.lang = "ar"
        return
    doc.lang = "en" if latin_share >= _MIN_ARABIC_SHARE else "und"
    doc.skip_reason = (
        f"not Arabic: {arabic_share:.0%} of {letters} letters are Arabic (need "
        f"{_MIN_ARABIC_SHARE:.0%})"
    )
