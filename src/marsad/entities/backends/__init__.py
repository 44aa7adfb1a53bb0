"""Optional statistical NER back-ends, combined with the knowledge-base linker.

The default recogniser is the offline KB matcher plus the context rules
(``kb``). A back-end adds the spans of a statistical model:

* ``crf:MODEL`` — a CRF trained with ``marsad train ner`` (extra ``crf``);
* ``hf:DIR`` — a Hugging Face token-classification model in a local directory
  (extra ``transformers``; nothing is ever downloaded).

A back-end tags the sentences of the body and returns character spans. Its
spans join the KB mentions only where they overlap none (the KB wins), and go
through the same linking as every mention: a KB entry when the surface is a KB
name, else a stable id for the unknown entity, then short forms and roles.

The back-end in effect is process-wide, like the ``--kb`` files, and is also
written to ``$MARSAD_NER`` so that ingest's worker processes load the same one.
The packages a back-end needs are imported only by its module.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

from marsad.doc import Doc
from marsad.entities.kb import alias_key
from marsad.entities.link import Linker
from marsad.entities.mentions import Mention, clitic_readings
from marsad.text.segment import split_sentences

NER_ENV = "MARSAD_NER"
DEFAULT_BACKEND = "kb"
BACKENDS = ("kb", "crf", "hf")

#: Model and corpus types -> marsad types. Types missing here (MISC, DATE, OCC
#: ...) are not marsad entity types: they are left out of training and dropped
#: from predictions (``--type-map MIS=MISC`` keeps one).
BACKEND_TYPE_MAP: dict[str, str] = {
    "PER": "PER",
    "PERS": "PER",
    "PERSON": "PER",
    "ORG": "ORG",
    "ORGANIZATION": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "LOCATION": "LOC",
    "FAC": "FAC",
    "NORP": "NORP",
}

#: a model's place type and the KB's may differ (AQMAR calls countries LOC)
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


class BackendError(ValueError):
    """A back-end that cannot be used: bad spec, missing model, missing extra."""


def missing_extra(extra: str, package: str) -> BackendError:
    return BackendError(
        f"the {extra!r} NER back-end needs {package}: install marsad[{extra}] "
        f"(pip install 'marsad[{extra}]')"
    )


@dataclass(frozen=True, slots=True)
class Entity:
    """A recognised entity: ``[start, end)`` characters of its sentence, and type."""

    start: int
    end: int
    type: str


class Recogniser(Protocol):
    """What a back-end provides: entities for each of a batch of sentences."""

    name: str  # the mention source: "crf", "hf"

    def tag(self, sentences: Sequence[str]) -> list[list[Entity]]: ...


# --- choosing the back-end ----------------------------------------------------------


def parse_spec(spec: str) -> tuple[str, Path | None]:
    """``"kb"`` -> ("kb", None); ``"crf:MODEL"`` / ``"hf:DIR"`` -> (kind, path)."""
    kind, sep, path = spec.strip().partition(":")
    kind = kind.lower()
    if kind not in BACKENDS:
        raise BackendError(f"unknown NER back-end {spec!r}: use kb, crf:MODEL or hf:DIR")
    if kind == DEFAULT_BACKEND:
        if sep:
            raise BackendError("the kb back-end takes no path")
        return kind, None
    if not path:
        raise BackendError(f"the {kind} back-end needs a path: {kind}:PATH")
    return kind, Path(path).expanduser().resolve()


@cache
def load_recogniser(spec: str) -> Recogniser | None:
    """The back-end a spec names, loaded once per process (None for ``kb``)."""
    kind, path = parse_spec(spec)
    if path is None:
        return None
    if not path.exists():
        raise BackendError(f"{path}: no such {'model file' if kind == 'crf' else 'directory'}")
    if kind == "crf":
        from marsad.entities.backends.crf import CrfTagger

        return CrfTagger.load(path)
    from marsad.entities.backends.hf import HfTagger

    return HfTagger.load(path)


_chosen: str | None = None


def set_ner_backend(spec: str) -> None:
    """Choose the back-end (``--ner``). It is loaded now, so that a bad model or
    a missing extra fails before any work starts."""
    global _chosen
    spec = spec.strip() or DEFAULT_BACKEND
    load_recogniser(spec)
    _chosen = spec
    os.environ[NER_ENV] = spec


def active_recognisers() -> tuple[Recogniser, ...]:
    """The back-ends in effect: the chosen one, else ``$MARSAD_NER``; none by default."""
    spec = _chosen if _chosen is not None else os.environ.get(NER_ENV, DEFAULT_BACKEND)
    recogniser = load_recogniser(spec.strip() or DEFAULT_BACKEND)
    return () if recogniser is None else (recogniser,)


# --- combining with the KB ---------------------------------------------------------


def recognised_mentions(
    doc: Doc, recogniser: Recogniser, linker: Linker, taken: Sequence[Mention]
) -> list[Mention]:
    """The back-end's entities in the document body as mentions of the normalised
    text, except those overlapping a mention in ``taken``; a surface that is a
    KB name is linked to its entry."""
    sentences = [
        (start, end)
        for body_start, body_end in doc.body_ranges()
        for start, end in split_sentences(doc.text, body_start, body_end)
    ]
    tagged = recogniser.tag([doc.text[start:end] for start, end in sentences])
    norm = doc.normalized
    occupied = sorted((m.ns, m.ne) for m in taken)
    found: list[Mention] = []
    for (offset, _), entities in zip(sentences, tagged, strict=True):
        for entity in entities:
            ns = norm.to_normalized(offset + entity.start)
            ne = norm.to_normalized(offset + entity.end)
            if ne <= ns or _overlaps(occupied, ns, ne):
                continue
            mention = _kb_linked(linker, norm.text, ns, ne, entity.type)
            found.append(mention or Mention(ns, ne, entity.type, recogniser.name))
    return found


def _overlaps(spans: Sequence[tuple[int, int]], ns: int, ne: int) -> bool:
    # Documents hold tens of mentions: a scan is cheaper than an interval index.
    return any(start < ne and ns < end for start, end in spans)


def _kb_linked(linker: Linker, text: str, ns: int, ne: int, type_: str) -> Mention | None:
    """The KB mention for a span whose surface is a KB name of a compatible type.

    Statistical spans cover whole tokens, proclitics included ("وروسيا"), as the
    corpora they learn from do; a reading without the proclitic that names a KB
    entry moves the start after it, as KB mentions start."""
    first, space, rest = text[ns:ne].partition(" ")
    for prefix, stem in clitic_readings(first):
        start = ns + len(prefix)
        mention = linker.kb_mention(start, ne, alias_key(stem + space + rest), text, start)
        if mention is not None and _compatible(mention.type, type_):
            return mention
    return None


def _compatible(kb_type: str, model_type: str) -> bool:
    return kb_type == model_type or {kb_type, model_type} <= _PLACE_TYPES


def map_type(type_: str, type_map: Mapping[str, str] = BACKEND_TYPE_MAP) -> str | None:
    return type_map.get(type_.upper())
