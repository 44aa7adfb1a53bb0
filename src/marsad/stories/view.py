"""The story page: one story with all its sources.

Entities (and quotes and events, when those layers exist) are merged across
the story's articles, each with the articles that carry it (provenance); for
each article, what it adds that the others lack: entities no other article
names, and sentences whose content words the other articles mostly do not use.
"""

from __future__ import annotations

import json
from typing import Any

from marsad.doc import Doc
from marsad.store import Store
from marsad.stories.features import light_stem, words
from marsad.text.normalize import normalize_string

#: a sentence is new when less than this share of its words occur in the other articles
_NEW_SENTENCE = 0.5
_MAX_NEW_SENTENCES = 3
_MIN_SENTENCE_WORDS = 4


def _stems(text: str) -> set[str]:
    return {light_stem(w) for w in words(normalize_string(text))}


def _merged(docs: list[Doc], layer: str) -> list[dict[str, Any]]:
    """Items of ``layer`` across articles: entities merged by id, other layers
    listed with their text; each with the articles it comes from."""
    merged: dict[str, dict[str, Any]] = {}
    for doc in docs:
        for span in doc.spans(layer):
            data = span.data or {}
            key = str(data.get("id") or f"{span.label}:{doc.span_text(span)}")
            item = merged.setdefault(
                key,
                {"id": key, "type": span.label, "name": data.get("name") or doc.span_text(span),
                 "articles": []},
            )  # fmt: skip
            if not item["articles"] or item["articles"][-1]["article"] != doc.id:
                item["articles"].append({"article": doc.id, "span": [span.start, span.end]})
    return sorted(merged.values(), key=lambda i: (-len(i["articles"]), i["id"]))


def _additions(doc: Doc, others: list[Doc]) -> dict[str, Any]:
    """What ``doc`` says that ``others`` do not."""
    other_entities = {
        str((s.data or {}).get("id")) for o in others for s in o.spans("entities") if s.data
    }
    own = {str((s.data or {}).get("id")): s for s in doc.spans("entities") if s.data}
    other_words: set[str] = set()
    for other in others:
        other_words |= _stems(other.body_text())
    new_sentences = []
    for span in doc.sentences or []:
        stems = _stems(doc.span_text(span))
        if len(stems) >= _MIN_SENTENCE_WORDS and len(stems & other_words) < _NEW_SENTENCE * len(
            stems
        ):
            new_sentences.append({"span": [span.start, span.end], "text": doc.span_text(span)})
    return {
        "entities": [
            {"id": i, "name": (s.data or {}).get("name")}
            for i, s in sorted(own.items())
            if i not in other_entities
        ],
        "sentences": new_sentences[:_MAX_NEW_SENTENCES],
    }


def story_view(store: Store, ident: str) -> dict[str, Any]:
    """Everything the story page shows, as JSON-ready data."""
    row, members = store.story(ident)
    docs = [store.get(m["article_id"]) for m in members]
    articles = []
    for member, doc in zip(members, docs, strict=True):
        evidence = json.loads(member["evidence"])
        others = [d for d in docs if d.id != doc.id]
        articles.append(
            {
                "id": doc.id,
                "outlet": doc.meta.outlet,
                "date": doc.meta.date,
                "title": doc.meta.title,
                "duplicate_of": member["duplicate_of"],
                "decision": evidence.get("decision"),
                "evidence": evidence,
                "adds": _additions(doc, others) if others else {"entities": [], "sentences": []},
            }
        )
    view: dict[str, Any] = {
        "id": row["id"],
        "thread": row["thread"],
        "title": row["title"],
        "first_seen": row["first_seen"],
        "outlets": json.loads(row["outlets"]),
        "article_count": row["articles"],
        "articles": articles,
        "entities": _merged(docs, "entities"),
    }
    for layer in ("quotes", "events"):
        if any(doc.spans(layer) for doc in docs):
            view[layer] = _merged(docs, layer)
    return view


def render_story(view: dict[str, Any]) -> str:
    """The story page as text for the terminal."""
    lines = [
        f"story {view['id']}  (thread {view['thread']})",
        f"  {view['title'] or '(no title)'}",
        f"  first seen {view['first_seen'] or '?'}; {view['article_count']} articles from "
        f"{len(view['outlets'])} outlets: {', '.join(view['outlets']) or '-'}",
        "",
        "articles:",
    ]
    for art in view["articles"]:
        how = art["decision"]
        if art["duplicate_of"]:
            how = f"copy of {art['duplicate_of']}"
        elif how == "joined":
            best = art["evidence"].get("best", {})
            shared = ", ".join(
                [*best.get("shared_entities", [])[:3], *best.get("shared_terms", [])[:3]]
            )
            how = f"joined (similarity {best.get('similarity')}; shared: {shared})"
        lines.append(f"  {art['id']}  {(art['date'] or '')[:10]:10}  {art['outlet'] or '-'}  {how}")
        lines.append(f"      {art['title'] or ''}")
        adds = art["adds"]
        if adds["entities"]:
            names = ", ".join(str(e["name"] or e["id"]) for e in adds["entities"][:6])
            lines.append(f"      only here: {names}")
        for sentence in adds["sentences"]:
            lines.append(f"      + {sentence['text'][:140]}")
    for layer in ("entities", "quotes", "events"):
        items = view.get(layer)
        if not items:
            continue
        lines += ["", f"{layer}:"]
        for item in items[:25]:
            sources = ", ".join(a["article"][:8] for a in item["articles"])
            lines.append(f"  {item['name']} [{item['type']}] — {sources}")
    return "\n".join(lines)
