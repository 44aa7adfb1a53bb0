"""Stories in the store: cluster new articles, or everything again (backfill).

The clusterer's state is saved with its results (frozen article vectors,
story and thread centroids, document frequencies, MinHash signatures), so a
later run restores exactly the state that matters for the new articles (the
stories and originals dated near them, every thread) and continues as if it
had never stopped: clustering the store in several ingest runs gives the same
stories as one backfill over the same articles in the same order.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from marsad.doc import Doc
from marsad.store import Store
from marsad.stories.cluster import Assignment, Config, Story, StoryClusterer
from marsad.stories.dedup import WINDOW_DAYS as DEDUP_WINDOW
from marsad.stories.features import Features, article_from_doc, extract, to_day
from marsad.stories.threads import Thread
from marsad.stories.vectors import norm

#: above this many new articles, stream the store instead of fetching one by one
_STREAM_FROM = 500


@dataclass
class ClusterReport:
    articles: int = 0
    stories: int = 0  # stories opened
    duplicates: int = 0
    assignments: list[Assignment] = field(default_factory=list)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class LiveStories:
    """A clusterer restored from the store, saving what it decides."""

    def __init__(self, store: Store, clusterer: StoryClusterer) -> None:
        self.store = store
        self.clusterer = clusterer
        self._rows: list[tuple[Any, ...]] = []
        self._stories: set[str] = set()
        self._threads: set[str] = set()
        self._terms: set[str] = set()

    @classmethod
    def open(
        cls, store: Store, days: Iterable[float | None], config: Config | None = None
    ) -> LiveStories:
        """Restore the state needed for articles dated ``days``."""
        clusterer = StoryClusterer(config)
        days = list(days)
        dated = [d for d in days if d is not None]
        reach = max(clusterer.config.window_days, DEDUP_WINDOW) + 1
        if len(dated) < len(days):  # an undated article is compared with every story
            low, high = -math.inf, math.inf
        elif dated:
            low, high = min(dated) - reach, max(dated) + reach
        else:
            low = high = None
        restore(clusterer, store.story_snapshot(low, high))
        return cls(store, clusterer)

    def add(self, doc: Doc) -> Assignment:
        """Cluster one analysed document (kept until ``save``)."""
        features = extract(article_from_doc(doc), self.clusterer.dedup.num_perm)
        assignment = self.clusterer.add(features)
        self._rows.append(_article_row(assignment, features))
        self._stories.add(assignment.story)
        self._threads.add(assignment.thread)
        if assignment.duplicate_of is None:
            self._terms.update(features.terms)
        return assignment

    def save(self) -> None:
        """Write what was decided since the last save, in one transaction."""
        c = self.clusterer
        self.store.write_stories(
            self._rows,
            [_story_row(c.stories[s]) for s in sorted(self._stories)],
            [_thread_row(c.threads.threads[t]) for t in sorted(self._threads)],
            [(term, c.df[term]) for term in sorted(self._terms)],
            {"n_docs": str(c.n_docs), "seq": str(c.seq)},
        )
        self._rows, self._stories, self._threads, self._terms = [], set(), set(), set()


def cluster_store(
    store: Store, *, rebuild: bool = False, config: Config | None = None
) -> ClusterReport:
    """Cluster the analysed articles of ``store`` that have no story yet, in
    ingest order; with ``rebuild``, forget every story first (a backfill)."""
    if rebuild:
        store.clear_stories()
    pending = store.unclustered_ids()
    report = ClusterReport()
    if not pending:
        return report
    live = LiveStories.open(store, _days_of(store, pending), config)
    for doc in _docs(store, pending):
        assignment = live.add(doc)
        report.articles += 1
        report.duplicates += assignment.duplicate_of is not None
        report.stories += assignment.evidence.get("decision") == "new"
    live.save()
    return report


def _days_of(store: Store, ids: list[str]) -> list[float | None]:
    wanted = set(ids)
    rows = store.conn.execute("SELECT id, published FROM articles WHERE status = 'analysed'")
    return [to_day(published) for article_id, published in rows if article_id in wanted]


def _docs(store: Store, ids: list[str]) -> Iterator[Doc]:
    if len(ids) < _STREAM_FROM:
        for article_id in ids:
            yield store.get(article_id)
        return
    wanted = set(ids)
    for doc in store.iter_docs(status="analysed"):
        if doc.id in wanted:
            yield doc


# rows <-> state ----------------------------------------------------------------------


def _article_row(a: Assignment, f: Features) -> tuple[Any, ...]:
    minhash = f.minhash.tobytes() if len(f.minhash) and a.duplicate_of is None else None
    return (
        a.id, a.seq, a.story, a.thread, a.duplicate_of, f.day, _dumps(a.evidence),
        _dumps(a.vector), minhash, _dumps(f.sentences), f.hash,
    )  # fmt: skip


def _story_row(s: Story) -> tuple[Any, ...]:
    return (
        s.id, s.seq, s.thread, s.title, s.first_date, s.first_day, s.last_day, s.size,
        s.articles, _dumps(s.outlets), _dumps(s.centroid),
        _dumps([sorted(t) for t in s.titles]),
    )  # fmt: skip


def _thread_row(t: Thread) -> tuple[Any, ...]:
    return (t.id, t.seq, t.stories, _dumps(t.centroid), _dumps(t.terms))


def restore(clusterer: StoryClusterer, snapshot: dict[str, Any]) -> None:
    """Put the saved state back into a fresh clusterer."""
    c = clusterer
    c.n_docs = int(snapshot["state"].get("n_docs", 0))
    c.seq = int(snapshot["state"].get("seq", 0))
    c.df = Counter(snapshot["df"])
    for row in snapshot["threads"]:
        centroid = json.loads(row["centroid"])
        thread = Thread(row["id"], row["seq"], centroid, norm(centroid) or 1.0, row["stories"])
        thread.terms = json.loads(row["terms"])
        c.threads.restore(thread)
    for row in snapshot["stories"]:
        centroid = json.loads(row["centroid"])
        story = Story(
            row["id"], row["seq"], row["thread"], row["title"] or "", row["first_seen"],
            row["first_day"], row["last_day"], centroid, norm(centroid), row["size"],
            row["articles"], json.loads(row["outlets"]),
        )  # fmt: skip
        story.titles = [frozenset(t) for t in json.loads(row.get("titles") or "[]")]
        c.stories[story.id] = story
    for row in snapshot["articles"]:
        c.story_of[row["article_id"]] = row["story"]
        if row["duplicate_of"] is not None:
            c.dedup.add_copy(row["content_hash"], row["duplicate_of"])
            continue
        c._index(row["story"], json.loads(row["vector"]), row["day"])
        minhash = np.frombuffer(row["minhash"] or b"", dtype=np.uint32)
        sentences = json.loads(row["sentences"] or "[]")
        c.dedup.restore(row["article_id"], row["content_hash"], row["day"], minhash, sentences)
