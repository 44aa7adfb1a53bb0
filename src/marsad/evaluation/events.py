"""Event evaluation on the UniversalPetrarch validation format (``marsad eval events``).

Each ``<Sentence category="ASSAULT|PROTEST" date="YYYYMMDD">`` holds one gold
event with ``<EventText eventtext=… sourcetext=… targettext=…>`` and the sentence
in ``<Text>``. Every sentence is analysed alone, as an article dated with its
``date``, by the pipeline of ``marsad analyze``; then:

* **type recall**: the share of sentences where the gold type is among the
  types of the events found (negated or intended events count: the type is
  what is scored);
* **confusions**: sentences where the gold type is missing but another type
  was found instead;
* **actor / target agreement**: among sentences whose gold type was found and
  whose gold source (target) text is not empty, the share where an event of
  that type has an actor (target) sharing a word with it. Words are compared
  normalised, without proclitics and the article (المتظاهرون ~ متظاهرون), and
  light-stemmed: the suffixes of Larkey's light-10 stemmer (ها ان ات ون ين يه ية
  ه ة ي) and an accusative alif are removed, so that inflections of one word
  agree (انتحارية ~ انتحاري، مسلحين ~ مسلحون، التركية ~ تركيا). Function words
  and counts (عشرات، آلاف) are left out; a generic head (قوات، عناصر، رئيس) is
  shared only when one side is that head alone: "قوات الأمن" and "قوات
  التحالف" do not agree, "عنصرين" and "عنصرين من ألوية …" do;
* **cost**: milliseconds per sentence for the whole pipeline and the events stage.

The files are read block by block, so a file cut short (the published half
lacks its closing ``</Validation>``) is still read.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.doc import Doc, Metadata
from marsad.entities.mentions import clitic_readings
from marsad.evaluation.metrics import ratio
from marsad.evaluation.timing import Throughput, TimedPipeline
from marsad.events import LAYER
from marsad.pipeline import Pipeline, default_pipeline
from marsad.text.normalize import normalize_string

_SENTENCE = re.compile(r"<Sentence\b.*?</Sentence>", re.S)
_WORD = re.compile(r"\w+")
#: words too common to make two phrases the same actor: function words and
#: counts (normalised and light-stemmed)
_LIGHT = frozenset({"من", "في", "على", "عن", "الى", "ان", "و", "عدد", "عشر", "الاف", "مي",
                    "بعض", "احد", "اكثر", "اقل"})  # fmt: skip
#: generic heads: shared, they make two phrases agree only if one has nothing else
_GENERIC = frozenset({"قو", "عناصر", "عنصر", "رييس", "جيش", "افراد"})
#: light-10 suffixes (Larkey et al. 2007), normalised (ة → ه), tried in this order
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")


class GoldError(ValueError):
    """A file without any readable <Sentence> block."""


@dataclass(frozen=True, slots=True)
class GoldSentence:
    id: str
    category: str
    date: str | None
    text: str
    source: str
    target: str


def _iso(date: str | None) -> str | None:
    if date and re.fullmatch(r"\d{8}", date):
        return f"{date[:4]}-{date[4:6]}-{date[6:]}"
    return None


def read_gold(path: str | Path) -> Iterator[GoldSentence]:
    raw = Path(path).read_text(encoding="utf-8")
    found = False
    for block in _SENTENCE.findall(raw):
        node = ET.fromstring(block)
        event = node.find("EventText")
        text = (node.findtext("Text") or "").strip()
        if not text:
            continue
        found = True
        yield GoldSentence(
            id=node.get("id", ""),
            category=(node.get("category") or "").upper(),
            date=_iso(node.get("date")),
            text=text,
            source=(event.get("sourcetext", "") if event is not None else "").strip(),
            target=(event.get("targettext", "") if event is not None else "").strip(),
        )
    if not found:
        raise GoldError(f"{path}: no <Sentence> with <Text> found")


def light_stem(word: str) -> str:
    """``word`` without an accusative alif and the light-10 suffixes, each
    removed when at least two letters remain (مسلحين → مسلح، التركيه → ترك)."""
    if len(word) >= 4 and word.endswith("ا"):
        word = word[:-1]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) >= len(suffix) + 2:
            word = word[: -len(suffix)]
    return word


def content_words(text: str) -> set[str]:
    """Normalised, light-stemmed words without proclitics or article: the unit
    of agreement."""
    words: set[str] = set()
    for word in _WORD.findall(normalize_string(text)):
        readings = clitic_readings(word)
        stem = light_stem(min((s for _, s in readings if len(s) >= 2), key=len, default=word))
        if stem not in _LIGHT:
            words.add(stem)
    return words


def agrees(gold: str, predicted: dict[str, Any] | None) -> bool:
    if not predicted:
        return False
    ours, theirs = content_words(gold), content_words(str(predicted.get("text", "")))
    shared = ours & theirs
    if shared - _GENERIC:
        return True
    return bool(shared) and (not ours - _GENERIC or not theirs - _GENERIC)


@dataclass(slots=True)
class EventsResult:
    sentences: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    confused: Counter[str] = field(default_factory=Counter)
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)
    actor_scored: int = 0
    actor_agreed: int = 0
    target_scored: int = 0
    target_agreed: int = 0
    throughput: Throughput = field(default_factory=Throughput)

    @property
    def type_recall(self) -> float:
        return ratio(sum(self.found.values()), self.sentences)

    @property
    def confusion_rate(self) -> float:
        return ratio(sum(self.confused.values()), self.sentences)

    @property
    def actor_agreement(self) -> float:
        return ratio(self.actor_agreed, self.actor_scored)

    @property
    def target_agreement(self) -> float:
        return ratio(self.target_agreed, self.target_scored)

    def ms_per_sentence(self, stage: str | None = None) -> float:
        t = self.throughput
        seconds = t.seconds if stage is None else t.stage_seconds.get(stage, 0.0)
        return ratio(seconds * 1000, t.documents)

    def _category(self, category: str) -> dict[str, Any]:
        n = self.by_category[category]
        found, confused = self.found[category], self.confused[category]
        return {"sentences": n, "found": found, "confused": confused, "recall": ratio(found, n)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "type_recall": self.type_recall,
            "confusion_rate": self.confusion_rate,
            "by_category": {c: self._category(c) for c in sorted(self.by_category)},
            "confusions": {f"{g}->{p}": n for (g, p), n in self.confusions.most_common()},
            "actor_agreement": _agreement(self.actor_scored, self.actor_agreed),
            "target_agreement": _agreement(self.target_scored, self.target_agreed),
            "ms_per_sentence": self.ms_per_sentence(),
            "events_ms_per_sentence": self.ms_per_sentence(LAYER),
            "throughput": self.throughput.to_dict(),
        }


def _agreement(scored: int, agreed: int) -> dict[str, Any]:
    return {"scored": scored, "agreed": agreed, "rate": ratio(agreed, scored)}


def _score(result: EventsResult, gold: GoldSentence, events: list[dict[str, Any]]) -> None:
    result.sentences += 1
    result.by_category[gold.category] += 1
    matching = [e for e in events if e["type"] == gold.category]
    if not matching:
        others = sorted({e["type"] for e in events})
        if others:
            result.confused[gold.category] += 1
            for other in others:
                result.confusions[(gold.category, other)] += 1
        return
    result.found[gold.category] += 1
    if gold.source:
        result.actor_scored += 1
        result.actor_agreed += any(agrees(gold.source, e["actor"]) for e in matching)
    if gold.target:
        result.target_scored += 1
        result.target_agreed += any(agrees(gold.target, e["target"]) for e in matching)


def evaluate(
    sentences: Iterable[GoldSentence], *, pipeline: Pipeline | None = None
) -> EventsResult:
    from marsad.events import event_record

    timed = TimedPipeline(pipeline or default_pipeline())
    result = EventsResult(throughput=timed.throughput)
    warmed = False
    for gold in sentences:
        if not warmed:
            timed.warm_up(gold.text)
            warmed = True
        doc = timed(Doc(gold.text, id=gold.id, meta=Metadata(date=gold.date)))
        _score(result, gold, [event_record(span) for span in doc.spans(LAYER)])
    return result


def evaluate_file(path: str | Path, *, limit: int | None = None) -> EventsResult:
    sentences = list(read_gold(path))
    return evaluate(sentences[:limit] if limit else sentences)


def _percent(value: float) -> str:
    return f"{100 * value:5.1f}%"


def format_report(result: EventsResult) -> str:
    lines = [
        f"sentences {result.sentences}",
        f"gold type found   {_percent(result.type_recall)}   "
        f"confusions {_percent(result.confusion_rate)}",
    ]
    for category, n in sorted(result.by_category.items()):
        lines.append(
            f"  {category:8} {n:>4} sentences  found {_percent(ratio(result.found[category], n))}"
            f"  confused {result.confused[category]}"
        )
    if result.confusions:
        pairs = ", ".join(f"{g}->{p} {n}" for (g, p), n in result.confusions.most_common(8))
        lines.append(f"  confusions: {pairs}")
    lines += [
        f"actor agreement   {_percent(result.actor_agreement)}  "
        f"({result.actor_agreed}/{result.actor_scored})",
        f"target agreement  {_percent(result.target_agreement)}  "
        f"({result.target_agreed}/{result.target_scored})",
        f"cost {result.ms_per_sentence():.1f} ms/sentence "
        f"(events stage {result.ms_per_sentence(LAYER):.2f} ms/sentence, "
        f"{result.throughput.stage_ms_per_1k_chars(LAYER) or 0:.2f} ms/1k chars)",
    ]
    return "\n".join(lines)
