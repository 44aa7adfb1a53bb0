"""Throughput of a pipeline, in total and per named component.

Each component is wrapped with a timer rather than timed from outside, so that
the cost of one stage (the entity stage, say) is known without changing what
the pipeline does.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from marsad.doc import Doc
from marsad.pipeline import Component, Pipeline


def _per_thousand_ms(seconds: float, chars: int) -> float:
    return seconds * 1000 * 1000 / chars if chars else 0.0


@dataclass(slots=True)
class Throughput:
    """Time spent by a pipeline on ``chars`` characters of text.

    ``warmup_seconds`` is one untimed-for-throughput run on the first document:
    lexicons and the knowledge base load on first use, a one-off cost that
    would otherwise distort the rate on a small evaluation set."""

    chars: int = 0
    documents: int = 0
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    warmup_seconds: float = 0.0

    @property
    def chars_per_second(self) -> float:
        return self.chars / self.seconds if self.seconds else 0.0

    @property
    def ms_per_1k_chars(self) -> float:
        return _per_thousand_ms(self.seconds, self.chars)

    def stage_ms_per_1k_chars(self, name: str) -> float | None:
        seconds = self.stage_seconds.get(name)
        return None if seconds is None else _per_thousand_ms(seconds, self.chars)

    def to_dict(self) -> dict[str, Any]:
        return {
            "chars": self.chars,
            "documents": self.documents,
            "seconds": self.seconds,
            "chars_per_second": self.chars_per_second,
            "ms_per_1k_chars": self.ms_per_1k_chars,
            "warmup_seconds": self.warmup_seconds,
            "stages": {
                name: {"seconds": s, "ms_per_1k_chars": _per_thousand_ms(s, self.chars)}
                for name, s in self.stage_seconds.items()
            },
        }


class TimedPipeline:
    """Runs ``pipeline`` on documents and accumulates a :class:`Throughput`."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.throughput = Throughput(stage_seconds={name: 0.0 for name in pipeline.names})
        self._pipeline = Pipeline([(name, self._timed(name, c)) for name, c in pipeline.components])
        self._plain = pipeline

    def _timed(self, name: str, component: Component) -> Component:
        stage_seconds = self.throughput.stage_seconds

        def run(doc: Doc) -> None:
            started = time.perf_counter()
            try:
                component(doc)
            finally:
                stage_seconds[name] += time.perf_counter() - started

        return run

    def warm_up(self, text: str) -> None:
        """Run the plain pipeline once on ``text``, outside the counted time."""
        started = time.perf_counter()
        self._plain(Doc(text, id="warm-up"))
        self.throughput.warmup_seconds += time.perf_counter() - started

    def __call__(self, doc: Doc) -> Doc:
        started = time.perf_counter()
        self._pipeline(doc)
        self.throughput.seconds += time.perf_counter() - started
        self.throughput.chars += len(doc.text)
        self.throughput.documents += 1
        return doc
