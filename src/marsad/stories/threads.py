"""Threads: a looser second level linking stories of the same theme over time.

When a story opens, its first article's vector is compared with every thread
that shares one of its rarer terms, without a time window (the two
Coalition–SDF meetings a year apart are one thread); it joins the most similar
thread above a threshold lower than the story threshold, else it starts a new
thread. A thread is the sum of its stories' opening vectors. A story's thread
is fixed when the story opens: threads are for navigation, and moving stories
between threads later would make the online result depend on what came after.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from marsad.stories.vectors import Vector, add_into, dot, norm


@dataclass(slots=True)
class Thread:
    id: str
    seq: int
    centroid: Vector
    norm: float
    stories: int = 1
    terms: list[str] = field(default_factory=list)  # the terms it is indexed by


class ThreadIndex:
    """Every thread, and an index from term to the threads whose stories use it."""

    def __init__(
        self,
        threshold: float,
        centroid_terms: int,
        query_terms: int = 20,
        min_shared: int = 2,
        max_candidates: int = 10,
    ) -> None:
        self.threshold = threshold
        self.centroid_terms = centroid_terms
        self.query_terms = query_terms
        self.min_shared = min_shared
        self.max_candidates = max_candidates
        self.threads: dict[str, Thread] = {}
        self.by_term: dict[str, set[str]] = {}

    def place(
        self, story_id: str, key: str, vector: Vector, searchable: Callable[[str], bool]
    ) -> dict[str, Any]:
        """Put a new story (first vector ``vector``) in a thread; the evidence."""
        query = [t for t in vector if searchable(t)][: self.query_terms]
        best: tuple[float, int, Thread] | None = None
        for thread_id in self._candidates(query):
            thread = self.threads[thread_id]
            score = dot(vector, thread.centroid) / thread.norm
            if best is None or (score, -thread.seq) > (best[0], -best[2].seq):
                best = (score, thread.seq, thread)
        if best is not None and best[0] >= self.threshold:
            thread = best[2]
            self.grow(thread, vector)
            decision = "joined"
        else:
            thread = self.open("t" + key[:15], vector)
            decision = "new"
        self.index(thread.id, vector)
        evidence: dict[str, Any] = {"thread": thread.id, "decision": decision}
        if best is not None:
            evidence["similarity"] = round(best[0], 3)
            if decision == "new":
                evidence["closest"] = best[2].id
        return evidence

    def _candidates(self, query: list[str]) -> list[str]:
        """Threads sharing enough of the query terms: as for stories, a thread
        sharing one rare word with a rich story cannot decide anything, and
        scoring every such thread was the costliest step of a backfill."""
        hits: Counter[str] = Counter()
        hits.update(chain.from_iterable(self.by_term.get(term, ()) for term in query))
        least = 1 if len(query) < self.min_shared * 2 else self.min_shared
        found = [(-n, self.threads[tid].seq, tid) for tid, n in hits.items() if n >= least]
        # a long-lived theme keeps collecting rare words, so the busiest threads
        # share a few with nearly every story: the ones sharing most are scored
        if len(found) > self.max_candidates:
            found = heapq.nsmallest(self.max_candidates, found)
        return [tid for _, _, tid in found]

    def open(self, thread_id: str, vector: Vector) -> Thread:
        thread = Thread(thread_id, len(self.threads) + 1, dict(vector), norm(vector) or 1.0)
        self.threads[thread_id] = thread
        return thread

    def grow(self, thread: Thread, vector: Vector) -> None:
        thread.centroid = add_into(thread.centroid, vector, self.centroid_terms)
        thread.norm = norm(thread.centroid) or 1.0
        thread.stories += 1

    def index(self, thread_id: str, vector: Vector) -> None:
        thread = self.threads[thread_id]
        for term in list(vector)[: self.query_terms * 2]:
            ids = self.by_term.setdefault(term, set())
            if thread_id not in ids:
                ids.add(thread_id)
                thread.terms.append(term)

    def restore(self, thread: Thread) -> None:
        """Add a thread saved earlier (see marsad.stories.live)."""
        self.threads[thread.id] = thread
        for term in thread.terms:
            self.by_term.setdefault(term, set()).add(thread.id)
