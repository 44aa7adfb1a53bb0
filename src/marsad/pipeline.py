"""The analysis pipeline: small named components applied to a Doc in order.

Flow: readers -> cleaning -> analysis stages -> store -> interfaces. A component
is a function that takes a Doc and adds layers or metadata to it; it never
changes ``doc.text``. Components after cleaning see only ``doc.body_ranges()``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from marsad.cleaning import clean, detect_language
from marsad.dates import add_dates
from marsad.doc import Doc
from marsad.entities import add_entities
from marsad.events import add_events
from marsad.quotes import add_quotes
from marsad.text.segment import split_sentences

Component = Callable[[Doc], None]


def add_sentences(doc: Doc) -> None:
    """Sentence spans over the body (boilerplate is not split into sentences)."""
    for start, end in doc.body_ranges():
        for s, e in split_sentences(doc.text, start, end):
            doc.add("sentences", s, e)


@dataclass
class Pipeline:
    """An ordered list of named components. Documents marked as skipped (not
    Arabic, empty) stop after the component that skipped them."""

    components: list[tuple[str, Component]] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.components]

    def add(self, name: str, component: Component) -> Pipeline:
        self.components.append((name, component))
        return self

    def __call__(self, doc: Doc) -> Doc:
        for _name, component in self.components:
            component(doc)
            if doc.skipped:
                break
        return doc

    def pipe(self, docs: Iterable[Doc]) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)


def default_pipeline(stages: Iterable[str] | None = None) -> Pipeline:
    """The standard components in order; ``stages`` keeps only the named ones
    (unknown names are an error, so a typo does not silently skip analysis)."""
    full = (
        Pipeline()
        .add("clean", clean)
        .add("language", detect_language)
        .add("sentences", add_sentences)
        .add("dates", add_dates)
        .add("entities", add_entities)
        .add("quotes", add_quotes)
        .add("events", add_events)
    )
    if stages is None:
        return full
    wanted = list(stages)
    unknown = sorted(set(wanted) - set(full.names))
    if unknown:
        raise ValueError(f"unknown stage(s) {', '.join(unknown)}; known: {', '.join(full.names)}")
    return Pipeline([(name, c) for name, c in full.components if name in wanted])
