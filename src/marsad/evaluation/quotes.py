"""Quote evaluation against a JSON Lines gold file (``marsad eval quotes``).

Gold, one document per line::

    {"id": "d1", "text": "…", "date": "2022-03-01"?,
     "quotes": [{"kind": "direct"|"indirect", "content": [s, e],
                 "speaker": {"name": "…", "id": "per:…"?}}]}

Offsets are Python string indices into ``text``. Each document goes through the
pipeline of ``marsad analyze``; its ``quotes`` layer is compared with gold:

* a prediction matches a gold quote of the same kind when their content spans
  overlap by at least half of the shorter one; matching is one to one, best
  overlap (intersection over union) first, then agreeing speakers;
* precision, recall and F1 of detection per kind and pooled;
* speaker accuracy on matched quotes: ids are compared when both sides have
  one, else names after normalisation (equal, or the shorter name of two or
  more words opening the longer: "مصدر عسكري" / "مصدر عسكري رفيع"); a gold
  speaker without a name (unknown) is matched by a prediction without one;
* cost: milliseconds per article for the whole pipeline and the quotes stage.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.doc import Doc, Metadata
from marsad.evaluation.metrics import Score, micro, one_to_one, ratio
from marsad.evaluation.timing import Throughput, TimedPipeline
from marsad.pipeline import Pipeline, default_pipeline
from marsad.text.normalize import normalize_string

KINDS = ("direct", "indirect")
LAYER = "quotes"
_NOT_WORD = re.compile(r"[^\w\s]+")


class GoldError(ValueError):
    """A gold line that does not follow the format."""


@dataclass(frozen=True, slots=True)
class Item:
    """A gold or predicted quote."""

    kind: str
    start: int
    end: int
    speaker: dict[str, Any]

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class GoldDoc:
    id: str
    text: str
    quotes: list[Item]
    date: str | None = None


# reading ---------------------------------------------------------------------------


def _item(raw: Any, text: str, where: str) -> Item:
    if not isinstance(raw, dict) or raw.get("kind") not in KINDS:
        raise GoldError(f'{where}: a quote needs "kind": one of {", ".join(KINDS)}')
    content = raw.get("content")
    if not (
        isinstance(content, list)
        and len(content) == 2
        and all(isinstance(x, int) for x in content)
        and 0 <= content[0] < content[1] <= len(text)
    ):
        raise GoldError(f'{where}: "content" must be [start, end] inside the text')
    speaker = raw.get("speaker") or {}
    if not isinstance(speaker, dict):
        raise GoldError(f'{where}: "speaker" must be an object')
    return Item(raw["kind"], content[0], content[1], speaker)


def read_gold(path: str | Path) -> Iterator[GoldDoc]:
    with Path(path).open(encoding="utf-8-sig") as lines:
        for lineno, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldError(f"{where}: invalid JSON: {exc}") from None
            text = obj.get("text") if isinstance(obj, dict) else None
            if not isinstance(text, str) or not text.strip():
                raise GoldError(f'{where}: missing or empty "text"')
            quotes = [_item(q, text, where) for q in obj.get("quotes") or []]
            yield GoldDoc(str(obj.get("id", lineno)), text, quotes, obj.get("date"))


# matching --------------------------------------------------------------------------


def overlaps_enough(a: Item, b: Item) -> bool:
    """Content spans overlapping by at least half of the shorter one."""
    common = min(a.end, b.end) - max(a.start, b.start)
    return common > 0 and 2 * common >= min(a.length, b.length)


def _iou(a: Item, b: Item) -> float:
    common = min(a.end, b.end) - max(a.start, b.start)
    return ratio(common, max(a.end, b.end) - min(a.start, b.start))


def _name(value: Any) -> list[str]:
    return _NOT_WORD.sub(" ", normalize_string(str(value or ""))).split()


def same_speaker(gold: dict[str, Any], predicted: dict[str, Any]) -> bool:
    if gold.get("id") and predicted.get("id"):
        return bool(gold["id"] == predicted["id"])
    g, p = _name(gold.get("name")), _name(predicted.get("name"))
    if not g or not p:
        return not g and not p
    short, long_ = sorted((g, p), key=len)
    return short == long_ or (len(short) >= 2 and long_[: len(short)] == short)


def match(gold: list[Item], predicted: list[Item]) -> list[tuple[Item, Item]]:
    """One-to-one pairs of a gold and a predicted quote of the same kind."""
    candidates = [
        (_iou(g, p), same_speaker(g.speaker, p.speaker), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(predicted)
        if g.kind == p.kind and overlaps_enough(g, p)
    ]
    ranked = ((gi, pi) for _, _, gi, pi in sorted(candidates, key=lambda c: (-c[0], not c[1])))
    return [(gold[gi], predicted[pi]) for gi, pi in one_to_one(ranked)]


# scoring ---------------------------------------------------------------------------


@dataclass(slots=True)
class KindResult:
    detection: Score = field(default_factory=Score)
    speaker_correct: int = 0

    @property
    def speaker_accuracy(self) -> float:
        return ratio(self.speaker_correct, self.detection.correct)

    def to_dict(self) -> dict[str, Any]:
        return self.detection.to_dict() | {
            "speaker_correct": self.speaker_correct,
            "speaker_accuracy": self.speaker_accuracy,
        }


@dataclass(slots=True)
class QuotesResult:
    per_kind: dict[str, KindResult]
    documents: int
    throughput: Throughput
    errors: list[dict[str, Any]] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def overall(self) -> KindResult:
        return KindResult(
            micro(k.detection for k in self.per_kind.values()),
            sum(k.speaker_correct for k in self.per_kind.values()),
        )

    @property
    def ms_per_article(self) -> float:
        return ratio(self.throughput.seconds * 1000, self.throughput.documents)

    @property
    def quotes_ms_per_article(self) -> float:
        seconds = self.throughput.stage_seconds.get(LAYER, 0.0)
        return ratio(seconds * 1000, self.throughput.documents)

    def to_dict(self) -> dict[str, Any]:
        return {
            "settings": self.settings,
            "documents": self.documents,
            "per_kind": {k: r.to_dict() for k, r in self.per_kind.items()},
            "overall": self.overall.to_dict(),
            "ms_per_article": self.ms_per_article,
            "quotes_ms_per_article": self.quotes_ms_per_article,
            "throughput": self.throughput.to_dict(),
            "errors": self.errors,
        }


def predicted_items(doc: Doc) -> list[Item]:
    return [
        Item(span.label, span.start, span.end, (span.data or {}).get("speaker") or {})
        for span in doc.spans(LAYER)
    ]


def _errors(
    doc_id: str, text: str, gold: list[Item], pred: list[Item], pairs: list[tuple[Item, Item]]
) -> Iterator[dict[str, Any]]:
    """Misses, false alarms and wrong speakers, with their text, for reading."""
    matched_gold = {id(g) for g, _ in pairs}
    matched_pred = {id(p) for _, p in pairs}
    for kind, items, seen in (("missed", gold, matched_gold), ("spurious", pred, matched_pred)):
        for item in items:
            if id(item) not in seen:
                yield {
                    "doc": doc_id,
                    "error": kind,
                    "kind": item.kind,
                    "text": text[item.start : item.end],
                    "speaker": item.speaker.get("name"),
                }
    for g, p in pairs:
        if not same_speaker(g.speaker, p.speaker):
            yield {
                "doc": doc_id,
                "error": "speaker",
                "kind": g.kind,
                "text": text[g.start : g.end],
                "gold": g.speaker,
                "predicted": p.speaker,
            }


def evaluate(docs: Iterable[GoldDoc], *, pipeline: Pipeline | None = None) -> QuotesResult:
    """Run ``pipeline`` (default: the ``marsad analyze`` pipeline) on each gold
    document and score its ``quotes`` layer."""
    timed = TimedPipeline(pipeline or default_pipeline())
    per_kind = {kind: KindResult() for kind in KINDS}
    errors: list[dict[str, Any]] = []
    n = 0
    for gold_doc in docs:
        if not n:
            timed.warm_up(gold_doc.text)
        doc = timed(Doc(gold_doc.text, id=gold_doc.id, meta=Metadata(date=gold_doc.date)))
        predicted = predicted_items(doc)
        pairs = match(gold_doc.quotes, predicted)
        for kind, result in per_kind.items():
            kind_pairs = [(g, p) for g, p in pairs if g.kind == kind]
            result.detection += Score(
                sum(q.kind == kind for q in gold_doc.quotes),
                sum(q.kind == kind for q in predicted),
                len(kind_pairs),
            )
            result.speaker_correct += sum(same_speaker(g.speaker, p.speaker) for g, p in kind_pairs)
        errors.extend(_errors(gold_doc.id, gold_doc.text, gold_doc.quotes, predicted, pairs))
        n += 1
    return QuotesResult(per_kind, n, timed.throughput, errors)


def evaluate_file(path: str | Path, *, limit: int | None = None, **options: Any) -> QuotesResult:
    docs = read_gold(path)
    if limit is not None:
        docs = (d for i, d in enumerate(docs) if i < limit)
    result = evaluate(docs, **options)
    result.settings = {"source": str(path), "limit": limit}
    return result


# report ----------------------------------------------------------------------------


def _percent(value: float) -> str:
    return f"{100 * value:.1f}"


def _row(name: str, r: KindResult) -> str:
    d = r.detection
    return (
        f"{name:<9}{d.gold:>6}{d.predicted:>6}{d.correct:>6}{_percent(d.precision):>7}"
        f"{_percent(d.recall):>7}{_percent(d.f1):>7}{_percent(r.speaker_accuracy):>9}"
    )


def format_report(result: QuotesResult, *, show_errors: bool = False) -> str:
    source = Path(result.settings.get("source") or "gold").name
    t = result.throughput
    lines = [
        f"Quote evaluation of {source}: {result.documents} documents",
        "a match: same kind, content spans overlapping by at least half of the shorter one",
        "",
        f"{'kind':<9}{'gold':>6}{'pred':>6}{'match':>6}{'P':>7}{'R':>7}{'F1':>7}{'speaker':>9}",
        *(_row(kind, r) for kind, r in result.per_kind.items()),
        _row("all", result.overall),
        "",
        f"cost: {result.ms_per_article:.1f} ms per article for the whole pipeline, "
        f"{result.quotes_ms_per_article:.2f} ms for the quotes stage "
        f"({t.chars:,} chars, {t.ms_per_1k_chars:.2f} ms per 1,000 chars; "
        f"warm-up {t.warmup_seconds:.2f} s)",
    ]
    if show_errors:
        lines += ["", "errors:"]
        lines += [json.dumps(e, ensure_ascii=False) for e in result.errors]
    return "\n".join(lines)
