"""Acceptance tests on the real seed articles in ../shared/seeds (not part of
the repository: skipped when absent). Lines are referred to by position only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from marsad.doc import Doc, Span
from marsad.pipeline import default_pipeline

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
_QUOTATION_RE = re.compile(r"«[^«»\n]*»|“[^“”\n]*”")

pytestmark = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"{SEEDS} not present (third-party seeds are not in the repository)"
)


def seed_doc(prefix: str) -> Doc:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return default_pipeline()(Doc(path.read_text(encoding="utf-8")))


def line_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every non-blank line, trimmed of whitespace."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        stripped = match.group().strip()
        if stripped:
            start = match.start() + match.group().index(stripped)
            spans.append((start, start + len(stripped)))
    return spans


def boilerplate_at(doc: Doc, span: tuple[int, int]) -> str | None:
    return next((s.label for s in doc.boilerplate if s.pair() == list(span)), None)


def crosses(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


@pytest.fixture(params=["000", "001"])
def any_seed(request: pytest.FixtureRequest) -> Doc:
    return seed_doc(request.param)


def test_seed_000_repeated_title_is_collapsed() -> None:
    doc = seed_doc("000")
    lines = line_spans(doc.text)
    title = doc.spans("title")
    assert [s.pair() for s in title] == [list(lines[0])]
    assert boilerplate_at(doc, lines[0]) is None
    assert boilerplate_at(doc, lines[1]) == "repeated_title"
    assert doc.meta.title == doc.text[lines[0][0] : lines[0][1]]


def test_seed_000_newsletter_plug_is_boilerplate() -> None:
    doc = seed_doc("000")
    lines = line_spans(doc.text)
    assert boilerplate_at(doc, lines[-1]) == "newsletter"
    # the line before the plug is a lone no-break space: the plug is the two lines above it
    assert boilerplate_at(doc, lines[-2]) == "newsletter"
    assert all(s.label == "newsletter" for s in doc.boilerplate if s.start > lines[2][0])


def test_seed_001_byline_and_comments_notice() -> None:
    doc = seed_doc("001")
    lines = line_spans(doc.text)
    first = doc.text[lines[0][0] : lines[0][1]]
    assert boilerplate_at(doc, lines[0]) == "byline"
    assert doc.meta.outlet == first
    assert boilerplate_at(doc, lines[-1]) == "comments"
    assert not doc.spans("title")


def test_seed_article_body_is_kept(any_seed: Doc) -> None:
    assert any_seed.lang == "ar" and not any_seed.skipped
    marked = sum(s.end - s.start for s in any_seed.boilerplate)
    assert marked < len(any_seed.text) / 4
    assert len(any_seed.sentences) >= 10


def test_no_sentence_crosses_boilerplate(any_seed: Doc) -> None:
    for sentence in any_seed.sentences:
        assert not any(crosses(sentence, bp) for bp in any_seed.boilerplate)


def test_every_quotation_lies_in_one_sentence(any_seed: Doc) -> None:
    # Quotations in boilerplate (the repeated title) are not split into sentences at all.
    quotations = [
        quote
        for quote in _QUOTATION_RE.finditer(any_seed.text)
        if not any(bp.start <= quote.start() < bp.end for bp in any_seed.boilerplate)
    ]
    assert quotations
    for quote in quotations:
        assert any(s.start <= quote.start() and quote.end() <= s.end for s in any_seed.sentences), (
            quote.group()
        )
