"""Named-entity evaluation against CoNLL-style gold files (``marsad eval ner``).

Gold: one ``token TAG`` per line, a blank line between sentences, BIO tags
(IOB1 tolerated: an ``I-`` tag that does not continue an entity of its type
starts one). Nested corpora (Wojood) give a token several tag columns, the
outermost first; one column is scored (``tag_column``).

The sentences' tokens are joined with single spaces, so every token's character
offsets are known, and run through the same pipeline as ``marsad analyze``.
Each predicted ``entities`` span becomes the whole tokens it touches (a
prediction of "قوات" inside the token "لقوات" counts as that token, since gold
tokens keep their clitics) and is compared with gold as an exact token span
plus type, after both sides are mapped to a common type set.

Sentences are grouped into pseudo-documents of ``doc_size`` consecutive
sentences, one per line: far fewer pipeline calls than one per sentence, and
the entity stage keeps some of the document context (a name spelled out once,
then shortened) that it has in a real news article. A line break always ends
a sentence, so grouping does not change sentence splitting.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

from marsad.doc import Doc
from marsad.evaluation.metrics import Average, Score, macro, micro
from marsad.evaluation.timing import Throughput, TimedPipeline
from marsad.pipeline import Pipeline, default_pipeline

ENTITY_LAYER = "entities"
DEFAULT_DOC_SIZE = 20

#: Corpus and marsad types -> the common set scored. AQMAR has PER/ORG/LOC/MIS,
#: Wojood PERS/ORG/GPE/LOC/FAC/NORP and 15 more, marsad PER/ORG/GPE/LOC/FAC/NORP:
#: places of every kind become LOC and the rest MISC, the types all three share.
#: A type missing from the map is dropped from gold and predictions alike.
DEFAULT_TYPE_MAP: dict[str, str] = {
    "PER": "PER",
    "PERS": "PER",
    "ORG": "ORG",
    "LOC": "LOC",
    "GPE": "LOC",
    "FAC": "LOC",
    "MIS": "MISC",
    "MISC": "MISC",
    "NORP": "MISC",
}


class ConllError(ValueError):
    """A gold file that cannot be read as CoNLL BIO."""


class Mention(NamedTuple):
    """An entity as a ``[start, end)`` range of token indices and a type."""

    start: int
    end: int
    type: str


@dataclass(frozen=True, slots=True)
class Sentence:
    tokens: tuple[str, ...]
    tags: tuple[str, ...]
    line: int = 0  # line of the first token in the gold file, for messages

    def mentions(self) -> list[Mention]:
        return decode_bio(self.tags)


# reading ---------------------------------------------------------------------


def split_tag(tag: str) -> tuple[str, str]:
    """``"B-PER"`` -> ``("B", "PER")``; ``"O"`` -> ``("O", "")``."""
    if tag == "O":
        return "O", ""
    prefix, sep, type_ = tag.partition("-")
    prefix = prefix.upper()
    if not sep or prefix not in ("B", "I") or not type_:
        raise ValueError(f"not a BIO tag: {tag!r}")
    return prefix, type_


def decode_bio(tags: Sequence[str]) -> list[Mention]:
    """Entity mentions of one sentence's tags, BIO or IOB1."""
    mentions: list[Mention] = []
    start, current = 0, ""
    for i, tag in enumerate(tags):
        prefix, type_ = split_tag(tag)
        if prefix == "I" and type_ == current:
            continue
        if current:
            mentions.append(Mention(start, i, current))
        # An I- that continues nothing opens a mention: IOB1, or a slip in BIO.
        start, current = i, type_
    if current:
        mentions.append(Mention(start, len(tags), current))
    return mentions


def _data_lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of every line; blank and -DOCSTART- lines give []."""
    with path.open(encoding="utf-8-sig") as lines:
        for lineno, line in enumerate(lines, start=1):
            fields = line.split()
            yield lineno, [] if fields[:1] == ["-DOCSTART-"] else fields


def detect_tag_column(path: str | Path) -> int:
    """The 1-based column holding the tag (the token is column 1).

    A file whose lines all have the same number of columns has the tag last
    (``token TAG``, ``token POS CHUNK TAG``). A file whose lines vary is a
    nested format listing one tag per level, outermost first: column 2."""
    widths = {len(fields) for _, fields in _data_lines(Path(path)) if fields}
    if len(widths) == 1:
        return max(2, widths.pop())
    return 2


def _tag_at(fields: list[str], column: int, where: str) -> str:
    if len(fields) < 2:
        raise ConllError(f"{where}: expected 'token TAG', got {' '.join(fields)!r}")
    # Nested formats list only as many tags as the token has levels.
    tag = fields[column - 1] if len(fields) >= column else "O"
    try:
        split_tag(tag)
    except ValueError as exc:
        raise ConllError(f"{where}: {exc}") from None
    return tag


def read_conll(path: str | Path, tag_column: int | None = None) -> Iterator[Sentence]:
    """Sentences of a CoNLL-style BIO file; ``tag_column`` is 1-based (the token
    is column 1), default :func:`detect_tag_column`."""
    path = Path(path)
    column = tag_column or detect_tag_column(path)
    if column < 2:
        raise ValueError("the tag column must be 2 or more (column 1 is the token)")
    tokens: list[str] = []
    tags: list[str] = []
    first_line = 0
    for lineno, fields in _data_lines(path):
        if not fields:
            if tokens:
                yield Sentence(tuple(tokens), tuple(tags), first_line)
                tokens, tags = [], []
            continue
        if not tokens:
            first_line = lineno
        tokens.append(fields[0])
        tags.append(_tag_at(fields, column, f"{path}:{lineno}"))
    if tokens:
        yield Sentence(tuple(tokens), tuple(tags), first_line)


# types -----------------------------------------------------------------------


def parse_type_map(
    values: Iterable[str], base: Mapping[str, str] = DEFAULT_TYPE_MAP
) -> dict[str, str]:
    """``base`` updated with ``FROM=TO`` items (several may be joined by commas);
    ``FROM=`` removes FROM, so that its spans are dropped."""
    mapping = {k.upper(): v.upper() for k, v in base.items()}
    for value in values:
        for item in filter(None, (part.strip() for part in value.split(","))):
            source, sep, target = (s.strip().upper() for s in item.partition("="))
            if not sep or not source:
                raise ValueError(f"expected FROM=TO, got {item!r}")
            if target:
                mapping[source] = target
            else:
                mapping.pop(source, None)
    return mapping


def parse_types(value: str | None) -> frozenset[str] | None:
    """``"PER,ORG"`` -> ``{"PER", "ORG"}``; nothing -> None (every mapped type)."""
    if not value:
        return None
    types = frozenset(t.strip().upper() for t in value.split(",") if t.strip())
    return types or None


@dataclass(frozen=True, slots=True)
class TypeFilter:
    """Maps a corpus or marsad type to the scored type, or None to drop it."""

    mapping: Mapping[str, str]
    types: Collection[str] | None = None

    def __call__(self, type_: str) -> str | None:
        target = self.mapping.get(type_.upper())
        if target is None or (self.types is not None and target not in self.types):
            return None
        return target

    def mentions(self, mentions: Iterable[Mention]) -> Iterator[Mention]:
        for mention in mentions:
            target = self(mention.type)
            if target is not None:
                yield mention._replace(type=target)


# pseudo-documents ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PseudoDoc:
    """Consecutive sentences as one text, tokens joined by spaces and sentences
    by line breaks. Token indices count from ``first_token`` over the whole
    evaluation, so mentions from different documents never collide."""

    text: str
    starts: list[int]  # character offset of each token in text
    ends: list[int]
    first_token: int
    gold: list[Mention]

    @classmethod
    def build(cls, sentences: Sequence[Sentence], first_token: int = 0) -> PseudoDoc:
        starts: list[int] = []
        ends: list[int] = []
        gold: list[Mention] = []
        pos = 0
        for sentence in sentences:
            offset = first_token + len(starts)
            gold.extend(
                Mention(m.start + offset, m.end + offset, m.type) for m in sentence.mentions()
            )
            for token in sentence.tokens:
                starts.append(pos)
                pos += len(token)
                ends.append(pos)
                pos += 1  # the space or line break after it
        text = "\n".join(" ".join(sentence.tokens) for sentence in sentences)
        return cls(text, starts, ends, first_token, gold)

    @property
    def token_count(self) -> int:
        return len(self.starts)

    def covered_tokens(self, start: int, end: int) -> tuple[int, int] | None:
        """The ``[first, last)`` token indices a character span touches, or None
        for a span over spaces only. Touching is enough: predictions snap out to
        whole tokens."""
        first = bisect_right(self.ends, start)  # first token ending after start
        last = bisect_left(self.starts, end)  # tokens starting before end
        if first >= last:
            return None
        return first + self.first_token, last + self.first_token

    def predictions(self, doc: Doc) -> Iterator[Mention]:
        for span in doc.spans(ENTITY_LAYER):
            covered = self.covered_tokens(span.start, span.end)
            if covered is not None:
                yield Mention(*covered, span.label)


def chunks(items: Iterable[Sentence], size: int) -> Iterator[list[Sentence]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


# scoring ---------------------------------------------------------------------


@dataclass(slots=True)
class Confusion:
    """What went wrong with the predictions that are not exactly right, and the
    gold mentions nothing was predicted for."""

    wrong_type: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, predicted)
    partial_same_type: int = 0  # overlaps a gold mention of its type, other boundaries
    partial_other_type: int = 0  # overlaps only gold mentions of other types
    spurious: int = 0  # overlaps no gold mention
    missed: int = 0  # gold mentions no prediction overlaps

    def to_dict(self) -> dict[str, Any]:
        return {
            "wrong_type": {f"{g}->{p}": n for (g, p), n in self.wrong_type.most_common()},
            "partial_same_type": self.partial_same_type,
            "partial_other_type": self.partial_other_type,
            "spurious": self.spurious,
            "missed": self.missed,
        }


def _token_types(mentions: Iterable[Mention]) -> dict[int, set[str]]:
    types: dict[int, set[str]] = defaultdict(set)
    for mention in mentions:
        for index in range(mention.start, mention.end):
            types[index].add(mention.type)
    return types


def confusion(gold: set[Mention], predicted: set[Mention]) -> Confusion:
    result = Confusion()
    gold_at = {(m.start, m.end): m.type for m in gold}
    gold_token_types = _token_types(gold)
    for mention in predicted - gold:
        gold_type = gold_at.get((mention.start, mention.end))
        overlapped = set().union(
            *(gold_token_types.get(i, ()) for i in range(mention.start, mention.end))
        )
        if gold_type is not None:
            result.wrong_type[(gold_type, mention.type)] += 1
        elif mention.type in overlapped:
            result.partial_same_type += 1
        elif overlapped:
            result.partial_other_type += 1
        else:
            result.spurious += 1
    predicted_tokens = _token_types(predicted)
    result.missed = sum(not any(i in predicted_tokens for i in range(m.start, m.end)) for m in gold)
    return result


def score_by_type(gold: set[Mention], predicted: set[Mention]) -> dict[str, Score]:
    gold_n = Counter(m.type for m in gold)
    predicted_n = Counter(m.type for m in predicted)
    correct_n = Counter(m.type for m in gold & predicted)
    return {
        type_: Score(gold_n[type_], predicted_n[type_], correct_n[type_])
        for type_ in sorted(gold_n.keys() | predicted_n.keys())
    }


@dataclass(slots=True)
class NerResult:
    per_type: dict[str, Score]
    micro: Score
    macro: Average  # over the types with gold or predicted mentions
    confusion: Confusion
    sentences: int
    tokens: int
    throughput: Throughput
    settings: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "settings": self.settings,
            "sentences": self.sentences,
            "tokens": self.tokens,
            "per_type": {t: s.to_dict() for t, s in self.per_type.items()},
            "micro": self.micro.to_dict(),
            "macro": self.macro.to_dict(),
            "confusion": self.confusion.to_dict(),
            "throughput": self.throughput.to_dict(),
        }


def evaluate(
    sentences: Iterable[Sentence],
    *,
    pipeline: Pipeline | None = None,
    type_map: Mapping[str, str] | None = None,
    types: Collection[str] | None = None,
    doc_size: int = DEFAULT_DOC_SIZE,
) -> NerResult:
    """Run ``pipeline`` (default: :func:`default_pipeline`, as ``marsad analyze``)
    over the sentences and score its ``entities`` layer against their tags."""
    if doc_size < 1:
        raise ValueError("doc_size must be at least 1")
    to_type = TypeFilter(dict(type_map or DEFAULT_TYPE_MAP), types)
    timed = TimedPipeline(pipeline or default_pipeline())
    gold: set[Mention] = set()
    predicted: set[Mention] = set()
    n_sentences = n_tokens = 0
    for group in chunks(sentences, doc_size):
        pseudo = PseudoDoc.build(group, first_token=n_tokens)
        if not n_sentences:
            timed.warm_up(pseudo.text)
        doc = timed(Doc(pseudo.text, id=f"eval-ner-{n_sentences + 1}"))
        gold.update(to_type.mentions(pseudo.gold))
        # A set: two spans that snap to the same tokens are one prediction.
        predicted.update(to_type.mentions(pseudo.predictions(doc)))
        n_sentences += len(group)
        n_tokens += pseudo.token_count
    per_type = score_by_type(gold, predicted)
    return NerResult(
        per_type=per_type,
        micro=micro(per_type.values()),
        macro=macro(per_type.values()),
        confusion=confusion(gold, predicted),
        sentences=n_sentences,
        tokens=n_tokens,
        throughput=timed.throughput,
        settings={
            "doc_size": doc_size,
            "type_map": dict(to_type.mapping),
            "types": sorted(types) if types else None,
        },
    )


def evaluate_file(
    path: str | Path,
    *,
    tag_column: int | None = None,
    limit: int | None = None,
    **options: Any,
) -> NerResult:
    """:func:`evaluate` on the first ``limit`` sentences of a CoNLL file."""
    column = tag_column or detect_tag_column(path)
    sentences = islice(read_conll(path, column), limit)
    result = evaluate(sentences, **options)
    result.settings = {"source": str(path), "tag_column": column, "limit": limit} | result.settings
    return result


# report ----------------------------------------------------------------------

_COLUMNS = ("type", "gold", "predicted", "correct", "precision", "recall", "F1")


def _percent(value: float) -> str:
    return f"{100 * value:.1f}"


def _score_row(name: str, score: Score) -> list[str]:
    return [
        name,
        f"{score.gold:,}",
        f"{score.predicted:,}",
        f"{score.correct:,}",
        *map(_percent, (score.precision, score.recall, score.f1)),
    ]


def _table(rows: list[list[str]]) -> list[str]:
    """Left-aligned first column, right-aligned figures."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def _confusion_lines(result: NerResult) -> list[str]:
    c = result.confusion
    pairs = ", ".join(f"{g}→{p} {n}" for (g, p), n in c.wrong_type.most_common(6))
    wrong = sum(c.wrong_type.values())
    rows = [
        ["  right boundaries, wrong type", f"{wrong:,}", f"({pairs})" if pairs else ""],
        ["  partial overlap, same type", f"{c.partial_same_type:,}", ""],
        ["  partial overlap, other type", f"{c.partial_other_type:,}", ""],
        ["  no gold mention overlapped", f"{c.spurious:,}", ""],
        ["gold mentions no prediction overlaps", f"{c.missed:,}", ""],
    ]
    incorrect = result.micro.predicted - result.micro.correct
    return [f"incorrect predictions: {incorrect:,}", *_table(rows)]


def _throughput_lines(t: Throughput) -> list[str]:
    if not t.chars:
        return []
    lines = [
        f"throughput: {t.chars:,} chars in {t.documents:,} documents, {t.seconds:.2f} s: "
        f"{t.chars_per_second:,.0f} chars/s, {t.ms_per_1k_chars:.2f} ms per 1,000 chars"
    ]
    stages = ", ".join(f"{name} {t.stage_ms_per_1k_chars(name):.2f}" for name in t.stage_seconds)
    lines.append(f"  per stage, ms per 1,000 chars: {stages}")
    if ENTITY_LAYER not in t.stage_seconds:
        lines.append(f"  (the pipeline has no {ENTITY_LAYER!r} stage)")
    lines.append(f"  warm-up run on the first document (loads resources): {t.warmup_seconds:.2f} s")
    return lines


def format_report(result: NerResult) -> str:
    """The result as an aligned text table with the error breakdown and throughput."""
    settings = result.settings
    source = Path(settings["source"]).name if settings.get("source") else "sentences"
    types = ", ".join(settings["types"] or sorted(set(settings["type_map"].values())))
    header = [
        f"NER evaluation of {source}: {result.sentences:,} sentences, {result.tokens:,} tokens, "
        f"documents of {settings['doc_size']} sentences",
        f"scored types: {types}; a prediction is correct when its tokens and type match gold",
        "",
    ]
    rows = [list(_COLUMNS)]
    rows += [_score_row(t, s) for t, s in result.per_type.items()]
    rows.append(_score_row("micro", result.micro))
    m = result.macro
    rows.append(["macro", "", "", "", *map(_percent, (m.precision, m.recall, m.f1))])
    return "\n".join(
        [
            *header,
            *_table(rows),
            "",
            *_confusion_lines(result),
            "",
            *_throughput_lines(result.throughput),
        ]
    ).rstrip()
