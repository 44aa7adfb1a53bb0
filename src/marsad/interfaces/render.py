"""Terminal rendering of a stored article: metadata, text with its spans, sentences."""

from __future__ import annotations

from collections.abc import Iterator

import click

from marsad.doc import Doc, Span
from marsad.entities import entity_summary

_STYLES = {
    "boilerplate": {"dim": True, "strikethrough": True},
    "title": {"bold": True},
    "dateline": {"underline": True},
    "entities": {"fg": "magenta"},
}
_ENTITY_COLOURS = {
    "PER": "magenta",
    "ORG": "blue",
    "GPE": "yellow",
    "LOC": "yellow",
    "FAC": "yellow",
    "NORP": "cyan",
}
_LAYER_ORDER = ("boilerplate", "title", "dateline", "entities")


def _marked_spans(doc: Doc) -> list[tuple[Span, str]]:
    marked = [(span, layer) for layer in _LAYER_ORDER for span in doc.spans(layer)]
    return sorted(marked, key=lambda pair: (pair[0].start, -pair[0].end))


def _styled_text(doc: Doc) -> Iterator[str]:
    pos = 0
    for span, layer in _marked_spans(doc):
        if span.start < pos:
            continue  # nested or overlapping: the outer span already shows it
        yield doc.text[pos : span.start]
        if layer == "entities":
            yield click.style(doc.text[span.start : span.end], fg=_ENTITY_COLOURS.get(span.label))
            yield click.style(f"⟦{span.label}⟧", dim=True)
        else:
            yield click.style(doc.text[span.start : span.end], **_STYLES[layer])
            tag = f"{layer}: {span.label}" if span.label and layer != "title" else layer
            yield click.style(f" ⟦{tag}⟧", fg="cyan")
        pos = span.end
    yield doc.text[pos:]


def _entity_line(entity: dict[str, object]) -> str:
    role = entity.get("role")
    title = f" — {role['title']}" if isinstance(role, dict) and role.get("title") else ""
    return (
        f"  {entity['type']:<4} {entity['mentions']:>2}× {entity['name']}{title}  "
        + click.style(str(entity["id"]), dim=True)
    )


def render_article(doc: Doc, sources: list[str]) -> str:
    meta = doc.meta
    head = [
        click.style(f"article {doc.id}", bold=True)
        + f"  status={'skipped' if doc.skipped else 'analysed'} lang={doc.lang}",
    ]
    for label, value in (
        ("title", meta.title),
        ("outlet", meta.outlet),
        ("date", meta.date),
        ("author", meta.author),
        ("url", meta.url),
        ("format", meta.fmt),
    ):
        if value:
            head.append(f"{label:>8}: {value}")
    if doc.skip_reason:
        head.append(click.style(f"  skipped: {doc.skip_reason}", fg="yellow"))
    for key in sources:
        head.append(f"  source: {key}")
    body = "".join(_styled_text(doc))
    sentences = [
        f"{click.style(f'{i:>3} [{s.start}:{s.end}]', fg='green')} {doc.span_text(s)}"
        for i, s in enumerate(doc.sentences, start=1)
    ]
    rule = click.style("─" * 60, dim=True)
    parts = [*head, rule, body.rstrip(), rule]
    entities = entity_summary(doc)
    if entities:
        parts.append(click.style(f"{len(entities)} entities", bold=True))
        parts += [_entity_line(e) for e in entities]
    if sentences:
        parts += [click.style(f"{len(sentences)} sentences", bold=True), *sentences]
    return "\n".join(parts)
