"""Online story clustering: each arriving article joins a story or opens one.

An article's vector is TF-IDF over its weighted terms (see ``features``), with
the document frequencies known when it arrives, frozen from then on: later
arrivals never change an earlier decision, and the store can resume from what
it saved. A story is the sum of its articles' vectors. The article is compared
with every story that has an article within ``window_days`` of its date (found
through an index of terms per day), by cosine similarity discounted for the
distance in days; it joins the best story above ``story_threshold``, else it
opens a new one.

Batch clustering (a backfill) is the same loop over the articles in arrival
order, so online and batch results are equal by construction. Exact and near
duplicates (``dedup``) join their original's story without changing any
statistic, so how many copies arrive, and in which order, changes nothing for
the other articles; story ids come from content hashes, so the story of a
group of exact copies does not depend on which copy came first.

Every decision is explained by an evidence record: the story joined (or the
closest one, when a story was opened), the similarity split into words and
entities, the shared terms and entities, the days apart, and the runner-up.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from sys import intern
from typing import Any

import numpy as np

from marsad.stories.dedup import Deduplicator
from marsad.stories.features import ENTITY_PREFIX, EVENT_PREFIX, Features
from marsad.stories.threads import ThreadIndex
from marsad.stories.vectors import Vector, add_into, dot, norm


@dataclass(frozen=True, slots=True)
class Config:
    """Parameters of the clusterer (chosen a priori and on the examples, see docs/stories.md)."""

    #: chosen with ``title_weight`` on the dev gold (see docs/stories.md)
    story_threshold: float = 0.30
    thread_threshold: float = 0.15
    window_days: float = 3.0
    #: gaps up to this many days are not discounted (a next-day follow-up)
    grace_days: float = 1.0
    article_terms: int = 60
    query_terms: int = 15
    centroid_terms: int = 400
    #: words in more than this share of articles are not used to find candidates
    #: (0.02 before: 1 % walks about a sixth fewer postings and scores a sixth
    #: fewer stories in the 31,000-article backfill; the gold articles' stories
    #: in that backfill changed little, see docs/stories.md)
    max_query_df: float = 0.01
    #: ... but a word is always searchable until it is in this many articles: the
    #: cut is for speed, and in a small collection (a fresh store, an evaluation
    #: of a few hundred articles) 5 % is a handful, so that a story's own key word
    #: (the name of the man whose visit ten outlets report) stopped finding it
    min_query_df: int = 100
    #: candidate stories must share this many query terms (unless the query is short)
    min_shared: int = 2
    #: how a story is scored: 0 = cosine with its centroid, 1 = the mean cosine
    #: with its articles; in between, the geometric mean of the two (see ``_cosine``)
    linkage: float = 0.5
    #: weight of the title overlap (the best Jaccard similarity of the article's
    #: title stems with a title of the story) added to the score: headlines name
    #: the event, so among stories that score alike on the whole text, the one
    #: whose headlines share the article's words is the right one more often
    title_weight: float = 0.25


@dataclass(slots=True)
class Story:
    id: str
    seq: int
    thread: str
    title: str
    first_date: str | None
    first_day: float | None
    last_day: float | None
    centroid: Vector
    norm: float = 0.0
    size: int = 0  # articles that are not copies
    articles: int = 0
    outlets: list[str] = field(default_factory=list)
    #: the cosine's denominator for the current centroid and the clusterer's
    #: linkage (0: not computed yet)
    scale: float = 0.0
    #: title stems of its first articles (see ``Config.title_weight``)
    titles: list[frozenset[str]] = field(default_factory=list)

    def gap(self, day: float | None) -> float:
        """Days between ``day`` and the nearest article of the story."""
        if day is None or self.first_day is None or self.last_day is None:
            return 0.0
        return max(0.0, self.first_day - day, day - self.last_day)

    def note(self, features: Features) -> None:
        """Count one more article (original or copy) of the story."""
        self.articles += 1
        if features.source and features.source not in self.outlets:
            self.outlets.append(features.source)
        if features.day is not None:
            if self.first_day is None or features.day < self.first_day:
                self.first_day, self.first_date = features.day, features.date
            self.last_day = max(self.last_day or features.day, features.day)
        if not self.title:
            self.title = features.title
        terms = features.title_terms
        if terms and len(self.titles) < MAX_TITLES and terms not in self.titles:
            self.titles.append(terms)


@dataclass(slots=True)
class Assignment:
    """The decision for one article."""

    id: Any
    story: str
    thread: str
    duplicate_of: Any
    evidence: dict[str, Any]
    vector: Vector  # frozen TF-IDF vector (empty for copies)
    seq: int = 0

    def record(self) -> dict[str, Any]:
        """The `marsad cluster` output line."""
        return {
            "id": self.id,
            "story": self.story,
            "thread": self.thread,
            "duplicate_of": self.duplicate_of,
        }


#: a story keeps the title stems of this many of its articles
MAX_TITLES = 20


def title_overlap(terms: frozenset[str], story: Story) -> float:
    """The best Jaccard similarity of ``terms`` with one of the story's titles."""
    best = 0.0
    size = len(terms)
    for title in story.titles:
        # |a ∪ b| = |a| + |b| - |a ∩ b|: no union set is built (this runs for
        # every candidate story)
        shared = len(terms & title)
        if shared:
            best = max(best, shared / (size + len(title) - shared))
    return best


def is_entity(term: str) -> bool:
    return term[0] in (ENTITY_PREFIX, EVENT_PREFIX)


@dataclass(slots=True)
class Match:
    """How well an article fits a story."""

    story: Story
    score: float
    words: float
    entities: float
    gap: float
    shared: list[tuple[str, float]]
    title: float = 0.0

    def evidence(self) -> dict[str, Any]:
        terms = [t for t, _ in self.shared if not is_entity(t)][:8]
        entities = [t[1:] for t, _ in self.shared if t[0] == ENTITY_PREFIX][:8]
        events = [t[1:] for t, _ in self.shared if t[0] == EVENT_PREFIX]
        found: dict[str, Any] = {
            "story": self.story.id,
            "similarity": round(self.score, 3),
            "words": round(self.words, 3),
            "entities": round(self.entities, 3),
            "title_overlap": round(self.title, 3),
            "days_apart": round(self.gap, 2),
            "shared_terms": terms,
            "shared_entities": entities,
        }
        if events:
            found["shared_event_types"] = events
        return found


class StoryClusterer:
    """The clusterer's whole state; ``add`` one article at a time."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self.n_docs = 0
        self.df: Counter[str] = Counter()
        self.stories: dict[str, Story] = {}
        self.story_of: dict[Any, str] = {}
        # day -> term -> story ids with an article of that day using the term
        self.day_index: dict[int | None, dict[str, set[str]]] = {}
        self.dedup = Deduplicator()
        self.threads = ThreadIndex(self.config.thread_threshold, self.config.centroid_terms)
        self.seq = 0

    # the decision -------------------------------------------------------------
    def add(self, features: Features) -> Assignment:
        self.seq += 1
        copy = self.dedup.find(features)
        if copy is not None:
            return self._add_copy(features, copy.original, copy.evidence())
        vector = self._vector(features.terms)
        matches = self._matches(vector, features.title_terms, features.day)
        best = matches[0] if matches else None
        if best is not None and best.score >= self.config.story_threshold:
            story, decision = best.story, "joined"
            self._grow(story, vector)
            thread_evidence: dict[str, Any] = {"thread": story.thread, "via": "story"}
        else:
            story, decision = self._open(features, vector)
            thread_evidence = self.threads.place(story.id, features.hash, vector, self._searchable)
            story.thread = thread_evidence["thread"]
        story.note(features)
        self._index(story.id, vector, features.day)
        self.dedup.add(features)
        self.story_of[features.id] = story.id
        evidence: dict[str, Any] = {"decision": decision, "story": story.id}
        if best is not None:
            evidence["best" if decision == "joined" else "closest"] = best.evidence()
        if len(matches) > 1:
            evidence["runner_up"] = {
                "story": matches[1].story.id,
                "similarity": round(matches[1].score, 3),
            }
        evidence["thread"] = thread_evidence
        return Assignment(features.id, story.id, story.thread, None, evidence, vector, self.seq)

    def add_all(self, items: Iterable[Features]) -> Iterator[Assignment]:
        """Batch clustering: the online loop over ``items`` in their order."""
        for features in items:
            yield self.add(features)

    def _add_copy(self, features: Features, original: Any, found: dict[str, Any]) -> Assignment:
        story = self.stories[self.story_of[original]]
        story.note(features)
        self.dedup.add_copy(features.hash, original)
        self.story_of[features.id] = story.id
        evidence = {"decision": "duplicate", "story": story.id, **found}
        return Assignment(features.id, story.id, story.thread, original, evidence, {}, self.seq)

    # vectors --------------------------------------------------------------------
    def _vector(self, terms: dict[str, int]) -> Vector:
        """Sublinear TF-IDF with the document frequencies as of now (this article
        included), cut to the heaviest terms and unit length."""
        self.n_docs += 1
        if not terms:
            return {}
        df = self.df
        # Counter.update counts the terms in C, and the weights are computed as
        # arrays: this runs once per article over a few hundred terms, so no
        # Python-level step may touch every term
        df.update(terms.keys())
        names = list(terms)
        counts = np.fromiter(terms.values(), dtype=np.float64, count=len(names))
        seen = np.fromiter(map(df.__getitem__, names), dtype=np.float64, count=len(names))
        log_n = math.log(self.n_docs + 1) + 1.0
        weights = (1.0 + np.log(counts)) * (log_n - np.log(seen + 1.0))
        heaviest = _heaviest(names, weights, self.config.article_terms)
        length = math.sqrt(math.fsum([w * w for _, w in heaviest])) or 1.0
        # the kept terms live on in centroids and postings: one string object
        # per term (not one per article that used it) keeps that memory compact
        # and makes a membership hit an identity check
        return {intern(term): w / length for term, w in heaviest}

    def _searchable(self, term: str) -> bool:
        """Whether a term is rare enough to look candidates up by (common words
        would make every story a candidate and decide nothing)."""
        return self.df.get(term, 0) <= self._most()

    def _most(self) -> float:
        return max(self.config.min_query_df, self.config.max_query_df * self.n_docs)

    def _query(self, vector: Vector) -> list[str]:
        most = self._most()
        terms = [t for t in vector if self.df.get(t, 0) <= most]
        return terms[: self.config.query_terms]

    # candidates -----------------------------------------------------------------
    def _days(self, day: float | None) -> list[int | None]:
        """Day buckets to search. Undated articles and stories are compared
        with everything: without a date, time cannot rule anything out."""
        if day is None:
            return list(self.day_index)
        window = self.config.window_days
        return [*range(math.floor(day - window), math.floor(day + window) + 1), None]

    def _matches(self, vector: Vector, titles: frozenset[str], day: float | None) -> list[Match]:
        """The two best candidate stories, best first (ties: the older story)."""
        query = self._query(vector)
        # Counter.update counts an iterable in C: the posting walk was the
        # costliest loop of a 31,000-article backfill
        hits: Counter[str] = Counter()
        index = self.day_index
        hits.update(
            chain.from_iterable(
                postings.get(term, ())
                for postings in (index.get(bucket) for bucket in self._days(day))
                if postings
                for term in query
            )
        )
        # A story that shares a single rare word with a rich article cannot
        # reach the threshold; scoring only the others keeps a busy day cheap.
        least = 1 if len(query) < self.config.min_shared * 2 else self.config.min_shared
        stories = self.stories
        window = self.config.window_days
        texts: list[tuple[float, int, Story, float]] = []
        for story in [stories[story_id] for story_id, n in hits.items() if n >= least]:
            gap = story.gap(day)
            if gap <= window:
                text = self._cosine(vector, story) * self._time_factor(gap)
                texts.append((-text, story.seq, story, gap))
        best = self._two_best(texts, titles)
        return [self._match(vector, titles, *item) for item in best]

    def _two_best(
        self, texts: list[tuple[float, int, Story, float]], titles: frozenset[str]
    ) -> list[tuple[float, int, Story, float]]:
        """The two best (-score, seq, story, gap), given each candidate's text
        score (negated). The title overlap adds at most ``title_weight``, so
        once a text score plus that cannot reach the second best, no later
        candidate can: the title overlaps of the many weak candidates of a busy
        day are never computed, and the result is the same as scoring all."""
        texts.sort(key=lambda item: item[:2])
        weight = self.config.title_weight
        best: list[tuple[float, int, Story, float]] = []
        for negated, seq, story, gap in texts:
            if len(best) == 2 and -negated + weight < -best[1][0]:
                break
            score = -negated + weight * title_overlap(titles, story)
            best.append((-score, seq, story, gap))
            best.sort(key=lambda item: item[:2])
            del best[2:]
        return best

    def _match(
        self,
        vector: Vector,
        titles: frozenset[str],
        negated: float,
        seq: int,
        story: Story,
        gap: float,
    ) -> Match:
        """The explanation of a score (``-negated``): the text cosine
        discounted for the days apart, plus the weighted title overlap."""
        centroid = story.centroid
        shared = [(t, w * centroid[t]) for t, w in vector.items() if t in centroid]
        scale = 1.0 / self._scale(story)
        words = sum(c for t, c in shared if not is_entity(t)) * scale
        entities = sum(c for t, c in shared if is_entity(t)) * scale
        shared.sort(key=lambda tc: (-tc[1], tc[0]))
        title = title_overlap(titles, story)
        return Match(story, -negated, words, entities, gap, shared, title)

    def _scale(self, story: Story) -> float:
        """|centroid|^(1-a) * size^a: with unit article vectors, dot/|centroid| is
        the cosine with the centroid and dot/size the mean cosine with the
        articles. A tight story has |centroid| close to its size and the two
        agree; a loose one (reports of several same-theme events that chained
        together) has a short centroid, whose cosine flatters every newcomer of
        the theme, while the mean does not. The geometric mean keeps a true
        story's varied reports together and stops the chaining."""
        if not story.scale:
            a = self.config.linkage
            story.scale = story.norm ** (1.0 - a) * max(story.size, 1) ** a
        return story.scale

    def _cosine(self, vector: Vector, story: Story) -> float:
        return dot(vector, story.centroid) / self._scale(story)

    def _time_factor(self, gap: float) -> float:
        """1 within the grace period, then falling (to 1/2 at the window's edge)."""
        late = max(0.0, gap - self.config.grace_days)
        span = max(self.config.window_days - self.config.grace_days, 1e-9)
        return 1.0 / (1.0 + late / span)

    # updates --------------------------------------------------------------------
    def _open(self, features: Features, vector: Vector) -> tuple[Story, str]:
        story_id = "s" + features.hash[:15]
        story = Story(story_id, self.seq, "", "", None, None, None, dict(vector))
        story.norm = norm(story.centroid)
        story.size = 1
        self.stories[story_id] = story
        return story, "new"

    def _grow(self, story: Story, vector: Vector) -> None:
        story.centroid = add_into(story.centroid, vector, self.config.centroid_terms)
        story.norm = norm(story.centroid)
        story.size += 1
        story.scale = 0.0

    def _index(self, story_id: str, vector: Vector, day: float | None) -> None:
        bucket = None if day is None else math.floor(day)
        postings = self.day_index.setdefault(bucket, {})
        for term in list(vector)[: self.config.article_terms]:
            postings.setdefault(term, set()).add(story_id)


def _heaviest(names: list[str], weights: np.ndarray, n: int) -> list[tuple[str, float]]:
    """The ``n`` heaviest (term, weight) pairs, heaviest first, ties by term (the
    order of ``top_terms``). Only the terms at or above the n-th weight are
    sorted, so ties at the cut are settled by the term, as in a full sort."""
    if len(names) > n:
        cut = np.partition(weights, len(weights) - n)[len(weights) - n]
        keep = np.flatnonzero(weights >= cut).tolist()
    else:
        keep = range(len(names))
    pairs = sorted((-float(weights[i]), names[i]) for i in keep)
    return [(term, -w) for w, term in pairs[:n]]
