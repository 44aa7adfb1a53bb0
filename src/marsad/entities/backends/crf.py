"""A CRF named-entity tagger (python-crfsuite), trained on the user's CoNLL data.

``marsad train ner CONLL -o MODEL`` writes a CRFsuite model file; ``--ner
crf:MODEL`` tags with it. The labels in the model are BIO tags over marsad
types (``BACKEND_TYPE_MAP`` plus the user's ``--type-map``).

Features are built for Arabic news, where a word carries its proclitics and
the article (وبالقوات), names have no capitals, and the context words that
introduce a name are known: the normalised word and its clitic readings,
prefixes and suffixes, the word's shape, whether a reading starts or is a
KB name (and of which type), whether a reading is a title, given name,
organisation head, place cue, reporting verb or anaphor (the lexicons of the
context recogniser), and the same for the neighbouring words.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from marsad.entities import load_kb
from marsad.entities.backends import BACKEND_TYPE_MAP, Entity, map_type, missing_extra
from marsad.entities.context import lexicons
from marsad.entities.mentions import clitic_readings
from marsad.evaluation.ner import Sentence, decode_bio
from marsad.text.normalize import normalize_string
from marsad.text.segment import clitic_splits, tokenize

#: training defaults: light L1 keeps the model small, L2 smooths rare features
DEFAULT_C1 = 0.05
DEFAULT_C2 = 0.05
DEFAULT_ITERATIONS = 150
_NEIGHBOURS = (-2, -1, 1, 2)


def _crfsuite() -> Any:
    try:
        import pycrfsuite
    except ImportError:
        raise missing_extra("crf", "python-crfsuite") from None
    return pycrfsuite


# --- features ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Lexicons:
    """Word -> tags, from the KB and the context lexicons, built once."""

    kb_whole: dict[str, frozenset[str]]  # single-word KB names -> their types
    kb_first: dict[str, frozenset[str]]  # first words of multi-word KB names -> types
    cues: dict[str, frozenset[str]]  # word -> context lexicons it is in


@cache
def _lexicons() -> _Lexicons:
    kb = load_kb()
    whole: dict[str, set[str]] = {}
    first: dict[str, set[str]] = {}
    for key, aliases in kb.aliases.items():
        words = key.split()
        table = whole if len(words) == 1 else first
        tags = {_alias_tag(a.kind, kb.entries[a.entry_id].type) for a in aliases}
        table.setdefault(words[0], set()).update(tags)
    cues: dict[str, set[str]] = {}
    for name, words in lexicons().items():
        for word in words:
            cues.setdefault(word, set()).add(name)
    freeze = _frozen_values
    return _Lexicons(freeze(whole), freeze(first), freeze(cues))


def _alias_tag(kind: str, entry_type: str) -> str:
    # GeoNames names are often ordinary words: a tag of their own, so that the
    # model learns how far to trust them; a nisba names a people, not its country
    return {"geonames": "geo", "nisba": "NORP"}.get(kind, entry_type)


def _frozen_values(table: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    return {key: frozenset(values) for key, values in table.items()}


def _shape(word: str) -> str:
    if word.isdigit():
        return "digit"
    if not any(ch.isalnum() for ch in word):
        return "punct"
    if word.isascii():
        return "latin"
    return "arabic" if word.isalpha() else "mixed"


@lru_cache(maxsize=200_000)
def _context_features(word: str) -> tuple[str, ...]:
    """What a word says about its neighbours: itself, its stems, its lexicons."""
    lex = _lexicons()
    features = {f"w={word}", f"shape={_shape(word)}"}
    for prefix, stem in clitic_readings(word):
        if prefix:
            features.add(f"stem={stem}")
        features.update(f"kb={t}" for t in lex.kb_whole.get(stem, ()))
        features.update(f"kb_first={t}" for t in lex.kb_first.get(stem, ()))
        features.update(f"lex={name}" for name in lex.cues.get(stem, ()))
    return tuple(sorted(features))


@lru_cache(maxsize=200_000)
def _word_features(word: str) -> tuple[str, ...]:
    """A word's own features: the context features plus affixes and clitics."""
    features = set(_context_features(word))
    features.update(f"p{n}={word[:n]}" for n in (1, 2, 3) if len(word) > n)
    features.update(f"s{n}={word[-n:]}" for n in (1, 2, 3) if len(word) > n)
    features.add(f"len={min(len(word), 8)}")
    for prefix, stem, suffix in clitic_splits(word):
        if prefix:
            features.add(f"pro={prefix}")
        if suffix:
            features.add(f"enc={suffix}")  # a possessive (قائده) is rarely part of a name
            features.add(f"stem={stem}")
    return tuple(sorted(features))


def sentence_features(words: Sequence[str]) -> list[list[str]]:
    """CRFsuite items for a sentence of normalised words."""
    items: list[list[str]] = []
    for i, word in enumerate(words):
        item = ["bias", *_word_features(word)]
        for offset in _NEIGHBOURS:
            j = i + offset
            if 0 <= j < len(words):
                item.extend(f"{offset}:{f}" for f in _context_features(words[j]))
            else:
                item.append(f"{offset}:edge")
        if i:
            item.append(f"bigram={words[i - 1]}|{word}")
        items.append(item)
    return items


# --- training ------------------------------------------------------------------------


@dataclass(slots=True)
class TrainReport:
    sentences: int
    tokens: int
    entities: Counter[str]
    seconds: float
    model: Path


def bio_tags(sentence: Sentence, type_map: Mapping[str, str]) -> list[str]:
    """A gold sentence's tags over marsad types, clean BIO (IOB1 and merged
    types re-encoded); mentions of unmapped types become O."""
    tags = ["O"] * len(sentence.tokens)
    for mention in decode_bio(sentence.tags):
        type_ = map_type(mention.type, type_map)
        if type_ is None:
            continue
        tags[mention.start] = f"B-{type_}"
        for i in range(mention.start + 1, mention.end):
            tags[i] = f"I-{type_}"
    return tags


def train(
    sentences: Iterable[Sentence],
    model: str | Path,
    *,
    type_map: Mapping[str, str] = BACKEND_TYPE_MAP,
    c1: float = DEFAULT_C1,
    c2: float = DEFAULT_C2,
    iterations: int = DEFAULT_ITERATIONS,
) -> TrainReport:
    """Train a CRF on gold sentences and write the model file."""
    trainer = _crfsuite().Trainer(verbose=False)
    started = time.perf_counter()
    n_sentences = n_tokens = 0
    entities: Counter[str] = Counter()
    for sentence in sentences:
        tags = bio_tags(sentence, type_map)
        words = [normalize_string(token) for token in sentence.tokens]
        trainer.append(sentence_features(words), tags)
        n_sentences += 1
        n_tokens += len(words)
        entities.update(tag[2:] for tag in tags if tag.startswith("B-"))
    if not entities:
        raise ValueError("no entities of a mapped type in the training data: check --type-map")
    trainer.set_params(
        {"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True}
    )
    model = Path(model)
    model.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model))
    seconds = time.perf_counter() - started
    return TrainReport(n_sentences, n_tokens, entities, seconds, model)


# --- tagging ----------------------------------------------------------------------


class CrfTagger:
    """A trained model; tags sentences split with marsad's tokenizer, which keeps
    clitics attached and punctuation apart, like the CoNLL corpora."""

    name = "crf"

    def __init__(self, tagger: Any, path: Path) -> None:
        self._tagger = tagger
        self.path = path

    @classmethod
    def load(cls, path: str | Path) -> CrfTagger:
        tagger = _crfsuite().Tagger()
        try:
            tagger.open(str(path))
        except (OSError, ValueError) as exc:
            raise ValueError(f"{path}: not a CRFsuite model ({exc})") from None
        return cls(tagger, Path(path))

    @property
    def labels(self) -> list[str]:
        return list(self._tagger.labels())

    def tag_words(self, words: Sequence[str]) -> list[str]:
        """BIO tags of a sentence of normalised words."""
        if not words:
            return []
        return list(self._tagger.tag(sentence_features(words)))

    def tag(self, sentences: Sequence[str]) -> list[list[Entity]]:
        return [self._tag_sentence(sentence) for sentence in sentences]

    def _tag_sentence(self, sentence: str) -> list[Entity]:
        tokens = tokenize(sentence)
        tags = self.tag_words([token.norm for token in tokens])
        return [
            Entity(tokens[m.start].start, tokens[m.end - 1].end, m.type) for m in decode_bio(tags)
        ]
