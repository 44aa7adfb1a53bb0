"""Temporal expression evaluation against TimeML files (``marsad eval dates``).

Gold: TimeML documents, the text with inline ``<TIMEX3 type=... value=...>``
tags. The document creation time (the anchor of relative expressions) is the
``<DCT>`` element or the TIMEX3 whose ``functionInDocument`` is
``CREATION_TIME``; a file with neither is anchored at ``anchor`` (see
:data:`DEFAULT_ANCHOR`).

Only the date stage runs, on the plain text of each document, so that the
scores are those of the normaliser and not of cleaning. Predictions are paired
one to one with the gold expressions they overlap (the largest overlap first);
reported are detection (overlap) and exact-span precision/recall/F1, and for the
overlapping pairs, how often the value (and the type) agrees with gold.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from marsad.dates import DATE_LAYER, add_dates
from marsad.doc import Doc, Metadata
from marsad.evaluation.metrics import Score, one_to_one, ratio
from marsad.evaluation.timing import Throughput, TimedPipeline
from marsad.pipeline import Pipeline

#: The Arabic TimeML test corpus (Corpus_test) has no DCT element; its relative
#: values were all resolved against 24 December 2015 (every "اليوم" in it is
#: 2015-12-24, every "أمس" 2015-12-23), so that is the anchor of a file that
#: does not give its own.
DEFAULT_ANCHOR = "2015-12-24"


def default_corpus() -> Path:
    """``../shared/data/timeml/Corpus_test`` next to the repository."""
    return Path(__file__).resolve().parents[4] / "shared" / "data" / "timeml" / "Corpus_test"


class Expression(NamedTuple):
    start: int
    end: int
    type: str
    value: str | None
    text: str
    tid: str | None = None  # a gold expression's TimeML id


@dataclass(frozen=True, slots=True)
class TimemlDoc:
    name: str
    text: str
    gold: list[Expression]
    dct: str | None = None


# reading ---------------------------------------------------------------------


def _walk(element: ET.Element, parts: list[str], gold: list[Expression], dct: list[str]) -> None:
    """Append the element's text to ``parts``, recording TIMEX3 offsets."""
    start = sum(map(len, parts))
    parts.append(element.text or "")
    for child in element:
        _walk(child, parts, gold, dct)
        parts.append(child.tail or "")
    if element.tag == "TIMEX3":
        end = sum(map(len, parts))
        text = "".join(parts)[start:end]
        if element.get("functionInDocument") == "CREATION_TIME":
            dct.append(element.get("value", ""))
        gold.append(
            Expression(
                start, end, element.get("type", ""), element.get("value"), text, element.get("tid")
            )
        )


def read_timeml(path: str | Path) -> TimemlDoc:
    """One TimeML file: its plain text (a leading byte-order mark dropped) and
    gold TIMEX3 expressions. A ``<DCT>`` element's text is not document text."""
    root = ET.parse(path).getroot()
    dct: list[str] = []
    for element in root.iter("DCT"):
        dct += [t.get("value", "") for t in element.iter("TIMEX3")]
        element.clear()  # its TIMEX3 is metadata, not an expression of the text
    parts: list[str] = []
    gold: list[Expression] = []
    _walk(root, parts, gold, dct)
    text = "".join(parts)
    # Offsets are kept by trimming only from the left, and shifting gold.
    lead = len(text) - len(text.lstrip("\ufeff\n\r\t "))
    gold = [g._replace(start=g.start - lead, end=g.end - lead) for g in gold if g.end > lead]
    return TimemlDoc(Path(path).stem, text[lead:], sorted(gold), dct[0] if dct else None)


_SUFFIXES = (".tml", ".xml", ".timeml")


def read_corpus(directory: str | Path) -> list[TimemlDoc]:
    """Every ``*.tml`` / ``*.xml`` TimeML file of ``directory``, in natural order;
    when it has none, those of its subfolders (``timeml/`` holds ``Corpus_test/``)."""
    paths = [p for p in Path(directory).iterdir() if p.suffix in _SUFFIXES and p.is_file()]
    if not paths:
        paths = [p for p in Path(directory).rglob("*") if p.suffix in _SUFFIXES and p.is_file()]
    if not paths:
        raise FileNotFoundError(f"no TimeML files (*.tml) in {directory}")
    return [read_timeml(p) for p in sorted(paths, key=_natural)]


def _natural(path: Path) -> tuple[str, str, int]:
    stem = path.stem.rstrip("0123456789")
    digits = path.stem[len(stem) :]
    return str(path.parent), stem, int(digits) if digits else -1


# adjudication ----------------------------------------------------------------

#: the value an adjudicator gives an anaphoric expression that cannot be
#: resolved; a prediction without a value (None) agrees with it
UNKNOWN = "UNKNOWN"


class Verdict(NamedTuple):
    """An adjudicator's judgement of one gold TIMEX3: ``ok``, ``fix`` (with the
    right type and value) or ``drop`` (not a temporal expression)."""

    verdict: str
    type: str
    value: str | None


def read_adjudication(path: str | Path) -> dict[tuple[str, str], Verdict]:
    """(document name, tid) -> verdict, from a TSV of ``doc tid gold_type
    gold_value verdict type value reason`` rows (``#`` lines are comments;
    see eval/dates/timeml_adjudication.tsv)."""
    table: dict[tuple[str, str], Verdict] = {}
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    for number, row in enumerate(rows[1:], start=2):
        if len(row) < 7 or row[4] not in ("ok", "fix", "drop"):
            raise ValueError(f"{path}: row {number} is not 'doc tid ... verdict type value'")
        value = None if row[6] == UNKNOWN else row[6]
        table[(Path(row[0]).stem, row[1])] = Verdict(row[4], row[5], value)
    return table


def adjudicate(
    documents: Iterable[TimemlDoc], table: dict[tuple[str, str], Verdict]
) -> Iterator[TimemlDoc]:
    """The documents with their gold corrected by ``table``: fixed expressions
    take the adjudicated type and value, dropped ones are gone."""
    for document in documents:
        gold = []
        for expression in document.gold:
            verdict = table.get((document.name, expression.tid or ""))
            if verdict is None or verdict.verdict == "ok":
                gold.append(expression)
            elif verdict.verdict == "fix":
                gold.append(expression._replace(type=verdict.type, value=verdict.value))
        yield TimemlDoc(document.name, document.text, gold, document.dct)


# matching --------------------------------------------------------------------


def _overlap(a: Expression, b: Expression) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


Pair = tuple[Expression, Expression]


def pair(gold: list[Expression], predicted: list[Expression]) -> list[Pair]:
    """One-to-one pairs of overlapping gold and predicted expressions, the
    largest overlaps first."""
    candidates = sorted(
        ((_overlap(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(predicted)),
        reverse=True,
    )
    ranked = ((i, j) for size, i, j in candidates if size > 0)
    return [(gold[i], predicted[j]) for i, j in one_to_one(ranked)]


# scoring ---------------------------------------------------------------------


@dataclass(slots=True)
class Agreement:
    """Of ``total`` overlapping pairs, how many have the gold value / type."""

    total: int = 0
    value: int = 0
    type: int = 0

    @property
    def value_accuracy(self) -> float:
        return ratio(self.value, self.total)

    @property
    def type_accuracy(self) -> float:
        return ratio(self.type, self.total)

    def to_dict(self) -> dict[str, Any]:
        return {
            "pairs": self.total,
            "value_correct": self.value,
            "value_accuracy": self.value_accuracy,
            "type_accuracy": self.type_accuracy,
        }


@dataclass(slots=True)
class DatesResult:
    detection: Score
    exact: Score
    agreement: Agreement
    by_type: dict[str, Agreement]
    errors: Counter[tuple[str, str, str, str]]  # (gold text, gold value, predicted value, type)
    missed: Counter[str]
    spurious: Counter[str]
    documents: int
    throughput: Throughput
    settings: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, errors: int = 20) -> dict[str, Any]:
        return {
            "settings": self.settings,
            "documents": self.documents,
            "detection": self.detection.to_dict(),
            "exact_span": self.exact.to_dict(),
            "values": self.agreement.to_dict(),
            "values_by_type": {t: a.to_dict() for t, a in sorted(self.by_type.items())},
            "value_errors": [
                {"text": t, "gold": g, "predicted": p, "type": ty, "count": n}
                for (t, g, p, ty), n in self.errors.most_common(errors)
            ],
            "missed": dict(self.missed.most_common(errors)),
            "spurious": dict(self.spurious.most_common(errors)),
            "throughput": self.throughput.to_dict(),
        }


def predict(timed: TimedPipeline, document: TimemlDoc, anchor: str | None) -> list[Expression]:
    """The date stage's expressions for one document, anchored at ``anchor``."""
    result = timed(Doc(document.text, id=document.name, meta=Metadata(date=anchor)))
    text = document.text
    return [
        Expression(s.start, s.end, s.label, (s.data or {}).get("value"), text[s.start : s.end])
        for s in result.spans(DATE_LAYER)
    ]


def evaluate(documents: Iterable[TimemlDoc], *, anchor: str | None = DEFAULT_ANCHOR) -> DatesResult:
    """Run the date stage on every document and score it against the gold TIMEX3."""
    timed = TimedPipeline(Pipeline().add("dates", add_dates))
    detection = exact = Score()
    agreement = Agreement()
    by_type: dict[str, Agreement] = defaultdict(Agreement)
    errors: Counter[tuple[str, str, str, str]] = Counter()
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    n = 0
    for document in documents:
        if not n:
            timed.warm_up(document.text)
        n += 1
        predicted = predict(timed, document, document.dct or anchor)
        pairs = pair(document.gold, predicted)
        detection += Score(len(document.gold), len(predicted), len(pairs))
        exact += Score(len(document.gold), len(predicted), len(_same(predicted, document.gold)))
        for gold, guess in pairs:
            right = gold.value == guess.value
            for tally in (agreement, by_type[gold.type]):
                tally.total += 1
                tally.value += right
                tally.type += gold.type == guess.type
            if not right:
                errors[(gold.text, str(gold.value), str(guess.value), gold.type)] += 1
        paired_gold = {g for g, _ in pairs}
        paired_pred = {p for _, p in pairs}
        missed.update(g.text for g in document.gold if g not in paired_gold)
        spurious.update(p.text for p in predicted if p not in paired_pred)
    return DatesResult(
        detection,
        exact,
        agreement,
        dict(by_type),
        errors,
        missed,
        spurious,
        n,
        timed.throughput,
        {"anchor": anchor},
    )


def _same(predicted: list[Expression], gold: list[Expression]) -> set[Expression]:
    """The gold expressions some prediction has exactly the span of."""
    spans = {(p.start, p.end) for p in predicted}
    return {g for g in gold if (g.start, g.end) in spans}


def evaluate_dir(
    directory: str | Path, adjudication: str | Path | None = None, **options: Any
) -> DatesResult:
    """Score the TimeML files of ``directory``; with ``adjudication`` (a TSV of
    :func:`read_adjudication`), against the gold as corrected by it."""
    documents: Iterable[TimemlDoc] = read_corpus(directory)
    if adjudication is not None:
        documents = adjudicate(documents, read_adjudication(adjudication))
    result = evaluate(documents, **options)
    result.settings = {"source": str(directory)} | result.settings
    if adjudication is not None:
        result.settings["adjudication"] = str(adjudication)
    return result


# report ----------------------------------------------------------------------


def _percent(value: float) -> str:
    return f"{100 * value:.1f}"


def _score_line(name: str, score: Score) -> str:
    return (
        f"{name:<22}P {_percent(score.precision):>5}  R {_percent(score.recall):>5}  "
        f"F1 {_percent(score.f1):>5}   (gold {score.gold}, predicted {score.predicted}, "
        f"matched {score.correct})"
    )


def _agreement_line(name: str, a: Agreement) -> str:
    return (
        f"  {name:<20}{a.value:>4} / {a.total:<4} values right ({_percent(a.value_accuracy)}%), "
        f"type right {_percent(a.type_accuracy)}%"
    )


def _counter_lines(title: str, counts: Iterator[tuple[str, int]]) -> list[str]:
    items = ", ".join(f"{text} ×{n}" if n > 1 else text for text, n in counts)
    return [f"{title}: {items}"] if items else []


def format_report(result: DatesResult, errors: int = 10) -> str:
    t = result.throughput
    source = result.settings.get("source", "documents")
    lines = [
        f"Date evaluation of {source}: {result.documents} documents; anchor for documents "
        f"without a DCT: {result.settings.get('anchor')}",
    ]
    if "adjudication" in result.settings:
        lines.append(f"gold as corrected by {result.settings['adjudication']}")
    lines += [
        "",
        _score_line("detection (overlap)", result.detection),
        _score_line("exact span", result.exact),
        "",
        "values on overlapping pairs:",
        _agreement_line("all", result.agreement),
        *(_agreement_line(t_, a) for t_, a in sorted(result.by_type.items())),
    ]
    if errors:
        lines += ["", "most frequent value errors (gold text: gold value → predicted):"]
        lines += [
            f"  {n:>3}  {text}: {gold} → {guess}  ({type_})"
            for (text, gold, guess, type_), n in result.errors.most_common(errors)
        ]
        lines += ["", *_counter_lines("missed", iter(result.missed.most_common(errors)))]
        lines += _counter_lines("spurious", iter(result.spurious.most_common(errors)))
    if t.chars:
        lines += [
            "",
            f"throughput of the date stage: {t.chars:,} chars, {t.seconds * 1000:.1f} ms: "
            f"{t.ms_per_1k_chars:.3f} ms per 1,000 chars",
        ]
    return "\n".join(lines).rstrip()
