"""Who is who: named entities, linked to the knowledge base, with roles and aliases.

The ``entities`` pipeline component:

1. KB aliases found with Aho-Corasick on the normalised text (``matcher``);
2. entities outside the KB found by an optional statistical back-end
   (``backends``: CRF, Hugging Face; none by default) where the KB found
   nothing, then from context (``context``);
3. each mention linked: the KB candidate that fits the document best, or a
   stable id made from the normalised name for unknown entities (``link``);
4. short forms and anaphors resolved within the document (عبدي → مظلوم عبدي,
   التنظيم → داعش) and roles attached (``link``).

Mentions go to the ``entities`` layer as spans of the original text, label =
type, data = {"id", "name", "source", "role"?}.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from marsad.doc import Doc
from marsad.entities.backends import Recogniser, active_recognisers, recognised_mentions
from marsad.entities.context import (
    Occupancy,
    cue_first_words,
    lexicons,
    organizations_by_head,
    persons_after_titles,
    persons_by_given_name,
    persons_in_quotes,
    place_cues,
    places_after_cues,
)
from marsad.entities.kb import KnowledgeBase, build_kb, user_files
from marsad.entities.link import Linker
from marsad.entities.matcher import AliasMatcher
from marsad.entities.mentions import Mention, Words, strip_proclitic

__all__ = ["add_entities", "entity_summary", "load_kb", "reset_kb"]


@cache
def _compiled_for(files: tuple[Path, ...]) -> tuple[KnowledgeBase, AliasMatcher]:
    kb = build_kb(files)
    return kb, AliasMatcher(kb)


def _compiled() -> tuple[KnowledgeBase, AliasMatcher]:
    """The KB and its matcher for the user files now in effect, compiled once."""
    return _compiled_for(user_files())


def load_kb() -> KnowledgeBase:
    """The knowledge base of this process, compiled on first use."""
    return _compiled()[0]


def reset_kb() -> None:
    """Forget every compiled KB (after the shipped data files changed)."""
    _compiled_for.cache_clear()


def find_mentions(
    doc: Doc,
    kb: KnowledgeBase,
    matcher: AliasMatcher,
    recognisers: Sequence[Recogniser] = (),
) -> list[Mention]:
    """Every mention in the document's body, linked, in text order.

    ``recognisers`` are statistical back-ends (``--ner``): their spans are
    added where no KB mention is, before the context rules, which then attach
    titles to their persons as to any other."""
    norm = doc.normalized
    body = [(norm.to_normalized(s), norm.to_normalized(e)) for s, e in doc.body_ranges()]
    linker = Linker(kb, doc.meta.date)
    mentions: list[Mention] = []
    for ns, ne in body:
        segment = norm.text[ns:ne]
        for hit in matcher.hits(segment):
            mention = linker.kb_mention(hit.ns + ns, hit.ne + ns, hit.key, segment, hit.ns)
            if mention is not None:
                mentions.append(mention)
    linker.resolve_ambiguity(mentions)
    for mention in mentions:
        _drop_leading_cue(mention, norm.text, kb)
    for recogniser in recognisers:
        mentions.extend(recognised_mentions(doc, recogniser, linker, mentions))
    words = Words.of(norm.text)
    words.mark_not_names(norm)
    occ = Occupancy(words, mentions)
    tags = words.tagged(lexicons())
    for recogniser in (
        persons_after_titles,
        organizations_by_head,
        places_after_cues,
        persons_in_quotes,
        persons_by_given_name,
    ):
        for mention in recogniser(words, occ, tags):
            if any(ns <= mention.ns and mention.ne <= ne for ns, ne in body):
                mentions.append(mention)
    mentions = _outermost(mentions)
    linker.link_unknown(mentions, norm)
    in_body = _words_in_body(words, body)
    mentions.extend(linker.short_forms(mentions, words, occ, in_body))
    mentions.extend(linker.anaphors(mentions, words, occ, in_body, tags["anaphor"]))
    mentions.sort(key=lambda m: m.ns)
    linker.attach_roles(mentions, norm)
    return mentions


def _drop_leading_cue(mention: Mention, text: str, kb: KnowledgeBase) -> None:
    """Keep titles and kinds of place out of a KB mention whose alias has them
    ("الرئيس قيس سعيد", "مدينة حلب", "محافظة نينوى"): the span is the name
    (قيس سعيد، حلب، نينوى) when the rest names the same entry; the cue of a
    place stays as its ``level``, a title is attached as the person's role."""
    if mention.source != "kb" or mention.type not in ("PER", "GPE", "LOC", "FAC"):
        return
    cues = cue_first_words() if mention.type == "PER" else place_cues()
    while True:
        surface = text[mention.ns : mention.ne]
        first, _, rest = surface.partition(" ")
        rest = rest.lstrip()
        reading = strip_proclitic(first, cues) if rest else None
        if reading is None or not any(e.id == mention.entry_id for e in kb.lookup(rest)):
            return
        mention.ns += len(surface) - len(rest)
        if mention.type != "PER":
            mention.attrs.setdefault("level", place_cues()[reading[1]])


def _words_in_body(words: Words, body: list[tuple[int, int]]) -> list[bool]:
    flags = [False] * len(words)
    for start, end in body:
        for i in range(words.first_from(start), len(words)):
            if words.starts[i] >= end:
                break
            flags[i] = True
    return flags


def _outermost(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions inside a longer one ("الأميركي" inside "الخارجية الأميركية"),
    keeping what they linked as the outer mention's country."""
    mentions.sort(key=lambda m: (m.ns, -m.ne))
    kept: list[Mention] = []
    for mention in mentions:
        if kept and mention.ne <= kept[-1].ne:
            outer = kept[-1]
            if mention.type in ("GPE", "NORP") and mention.entry_id and outer.type == "ORG":
                outer.attrs.setdefault("country", mention.entry_id)
            continue
        kept.append(mention)
    return kept


def add_entities(doc: Doc) -> None:
    """Pipeline component: the ``entities`` layer."""
    kb, matcher = _compiled()
    norm = doc.normalized
    for mention in find_mentions(doc, kb, matcher, active_recognisers()):
        start, end = norm.to_original(mention.ns, mention.ne)
        data = {"id": mention.entry_id, "name": mention.name, "source": mention.source}
        if mention.role:
            data["role"] = mention.role
        for key in ("country", "level"):
            if key in mention.attrs:
                data[key] = mention.attrs[key]
        doc.add("entities", start, end, mention.type, data)


def entity_summary(doc: Doc) -> list[dict[str, object]]:
    """Document-level entities: id, name, type, mention count, first role."""
    summary: dict[str, dict[str, object]] = {}
    for span in doc.spans("entities"):
        data = span.data or {}
        entity_id = str(data.get("id"))
        item = summary.setdefault(
            entity_id,
            {"id": entity_id, "name": data.get("name"), "type": span.label, "mentions": 0},
        )
        item["mentions"] = int(item["mentions"]) + 1  # type: ignore[call-overload]
        if data.get("role") and "role" not in item:
            item["role"] = data["role"]
    return sorted(summary.values(), key=lambda e: -int(e["mentions"]))  # type: ignore[call-overload]
