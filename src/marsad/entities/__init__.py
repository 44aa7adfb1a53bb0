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

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from marsad.doc import Doc
from marsad.entities.backends import Recogniser, active_recognisers, recognised_mentions
from marsad.entities.context import (
    Occupancy,
    acronyms_in_parentheses,
    companies_before_nationalities,
    cue_first_words,
    lexicons,
    nationalities_of_organisations,
    organizations_by_head,
    persons_after_titles,
    persons_by_given_name,
    persons_in_quotes,
    place_cues,
    places_after_cues,
)
from marsad.entities.kb import Entry, KnowledgeBase, alias_key, build_kb, user_files
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
        place_end = -1  # where the last place found ends, in the segment
        for hit in matcher.hits(segment):
            # "في إربد والزرقاء": a name joined by و to a place is a place
            coordinated = segment[place_end : hit.ns] == " و"
            mention = linker.kb_mention(
                hit.ns + ns, hit.ne + ns, hit.key, segment, hit.ns, coordinated
            )
            if mention is not None:
                mentions.append(mention)
                place_end = hit.ne if mention.type in ("GPE", "LOC", "FAC") else -1
    linker.resolve_ambiguity(mentions)
    for mention in list(mentions):
        dropped = _drop_leading_cue(mention, norm.text, kb)
        if dropped is not None:
            # what the cue held may name a place or a nationality: أمير قطر
            segment = norm.text[dropped[0] : dropped[1]]
            for hit in matcher.hits(segment):
                inner = linker.kb_mention(
                    hit.ns + dropped[0], hit.ne + dropped[0], hit.key, segment, hit.ns
                )
                if inner is not None and inner.type != "PER":
                    mentions.append(inner)
    for recogniser in recognisers:
        mentions.extend(recognised_mentions(doc, recogniser, linker, mentions))
    words = Words.of(norm.text)
    words.mark_not_names(norm)
    occ = Occupancy(words, mentions)
    tags = words.tagged(lexicons())
    for recogniser in (
        persons_after_titles,
        organizations_by_head,
        nationalities_of_organisations,
        companies_before_nationalities,
        # again: a name after a title naming an organisation the head rule
        # has just found ("رئيس غرفة تجارة إسطنبول شكيب أوداغيتش")
        persons_after_titles,
        acronyms_in_parentheses,
        places_after_cues,
        persons_in_quotes,
        persons_by_given_name,
    ):
        for mention in recogniser(words, occ, tags):
            if any(ns <= mention.ns and mention.ne <= ne for ns, ne in body):
                mentions.append(mention)
    mentions = _outermost(mentions)
    linker.link_unknown(mentions, norm)
    for mention in mentions:
        full = mention.attrs.pop("short_of", None)
        if full is not None:  # an acronym in parentheses names its organisation
            mention.entry_id, mention.name = full.entry_id, full.name
    in_body = _words_in_body(words, body)
    mentions.extend(linker.short_forms(mentions, words, occ, in_body))
    mentions.extend(linker.club_names(mentions, words, occ, in_body))
    mentions.extend(linker.anaphors(mentions, words, occ, in_body, tags["anaphor"]))
    mentions.sort(key=lambda m: m.ns)
    linker.attach_roles(mentions, norm)
    return mentions


def _drop_leading_cue(mention: Mention, text: str, kb: KnowledgeBase) -> tuple[int, int] | None:
    """Keep titles and kinds of place out of a KB mention whose alias has them
    ("الرئيس قيس سعيد", "الفريق أول عبد الفتاح البرهان", "مدينة حلب",
    "محافظة نينوى", "مخيم الهول"): the span is the name. The cue of a place
    stays as its ``level``; a title is attached as the person's role by the
    title rule, which sees its words free again. Returns the normalised range
    dropped (words in it may name a country: "أمير قطر الشيخ ..."), or None."""
    if mention.source != "kb" or mention.type not in ("PER", "GPE", "LOC", "FAC"):
        return None
    start = mention.ns
    if mention.type == "PER":
        _drop_title(mention, text, kb)
    else:
        _drop_place_cue(mention, text, kb)
    return (start, mention.ns) if mention.ns > start else None


def _same_entry(kb: KnowledgeBase, name: str, entry_id: str | None) -> bool:
    return any(e.id == entry_id for e in kb.lookup(name))


def _drop_title(mention: Mention, text: str, kb: KnowledgeBase) -> None:
    """The shortest cut of words ending a title (one that starts with a title
    word) after which the rest names the same person; then the span grows to
    the right over words that make a longer name of them (تميم بن حمد → تميم
    بن حمد آل ثاني)."""
    surface = text[mention.ns : mention.ne]
    words = surface.split(" ")
    titles = cue_first_words()
    first_is_title = strip_proclitic(words[0], titles) is not None
    if not first_is_title and not titles.intersection(words[:-1]):
        return
    entry = kb.entries.get(mention.entry_id or "")
    if entry is None:
        return
    # the words of the person's names without titles: what a cut may not take
    name_words = {
        word
        for key in _keys(entry)
        if not any(w in titles for w in key.split())
        for word in key.split()
    }
    for k in range(len(words) - 1, 0, -1):
        rest = " ".join(words[k:])
        if (
            (first_is_title or words[k - 1] in titles)
            and not name_words.intersection(words[:k])
            and _same_entry(kb, rest, mention.entry_id)
        ):
            mention.ns += len(surface) - len(rest)
            break
    else:
        return
    end = mention.ne
    for _ in range(2):
        following = re.match(r" +\w+", text[end:])
        if following is None:
            break
        end += following.end()
        if _same_entry(kb, text[mention.ns : end], mention.entry_id):
            mention.ne = end


#: levels whose cue is part of the name when the rest names another place:
#: وادي حضرموت، سد الموصل، جبل لبنان, but نهر دجلة is دجلة
_NAME_FORMING_LEVELS = frozenset({"natural"})
_NAME_FORMING_CUES = frozenset({"سد"})
_DIRECTIONS = frozenset({"شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي"})
_ADMINISTRATIVE = frozenset({"country", "governorate", "district", "subdistrict", "territory"})


def _drop_place_cue(mention: Mention, text: str, kb: KnowledgeBase) -> None:
    """Drop the kind of place (محافظة كركوك → كركوك, مخيم الهول للنازحين →
    الهول) and directions (جنوب لبنان → لبنان, unless the direction is part
    of an official name: شمال كردفان، جنوب السودان). The mention keeps its
    entry (the governorate, the camp)."""
    entry = kb.entries.get(mention.entry_id or "")
    surface = text[mention.ns : mention.ne]
    words = surface.split()
    cues = place_cues()
    n = 0
    level = ""
    while n < len(words) - 1:
        reading = strip_proclitic(words[n], cues)
        if reading is None:
            break
        if n and (reading[1] not in _DIRECTIONS or words[0] not in _DIRECTIONS):
            break  # ولاية شمال كردفان: a direction after a kind of place is the name's
        level = level or cues[reading[1]]
        n += 1
    if not n:
        return
    directions = all(strip_proclitic(w, _DIRECTIONS) for w in words[:n])
    if directions and entry is not None and entry.kind in _ADMINISTRATIVE:
        official = {alias_key(entry.name_ar)} | {
            key.split(" ", 1)[1] for key in _keys(entry) if key.split(" ", 1)[0] in cues
        }
        if alias_key(surface) in official:
            return  # شمال كردفان، جنوب السودان: the direction belongs to the name
    rest = words[n:]
    keep = len(rest)
    if not _same_entry(kb, " ".join(rest), mention.entry_id):
        name_forming = level in _NAME_FORMING_LEVELS or words[0] in _NAME_FORMING_CUES
        keep = next((k for k in range(len(rest), 0, -1) if _is_place(kb, " ".join(rest[:k]))), 0)
        if name_forming and keep:
            return  # وادي حضرموت is not حضرموت
        if not keep:
            if name_forming or directions or len(rest) > 1:
                return
            keep = 1  # مطار معيتيقة: named after a place the KB lacks
    offset = mention.ns
    for word in words[:n]:
        offset = text.index(word, offset) + len(word)
    mention.ns = text.index(rest[0], offset)
    if keep < len(rest):
        mention.ne = text.index(rest[keep - 1], mention.ns) + len(rest[keep - 1])
    if level:
        mention.attrs.setdefault("level", level)


def _keys(entry: Entry) -> list[str]:
    return [alias_key(name) for name in (entry.name_ar, *entry.aliases_ar) if name]


def _is_place(kb: KnowledgeBase, name: str) -> bool:
    return any(e.type in ("GPE", "LOC", "FAC") for e in kb.lookup(name))


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
