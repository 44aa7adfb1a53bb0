"""Sparse vectors as dicts (term -> weight), kept in a deterministic order.

Dict order is insertion order, and sums of floats depend on their order: every
vector is kept heaviest-first with ties broken by the term, and sums use
``math.fsum`` (exact, so order-free), so that a state rebuilt from the store
computes exactly what the live process computed.
"""

from __future__ import annotations

import math
from operator import itemgetter

Vector = dict[str, float]


def top_terms(weights: Vector, n: int) -> Vector:
    """The ``n`` heaviest terms, heaviest first (ties: by term)."""
    # two sorts on C keys (by term, then stably by weight) are about twice as
    # fast as one on a (-weight, term) key built in Python for every term
    by_term = sorted(weights.items(), key=itemgetter(0))
    return dict(sorted(by_term, key=itemgetter(1), reverse=True)[:n])


def norm(vector: Vector) -> float:
    return math.sqrt(math.fsum(w * w for w in vector.values()))


def add_into(total: Vector, vector: Vector, limit: int) -> Vector:
    """``total + vector`` (``total`` is updated), cut to ``limit`` terms
    (heaviest first; below the limit nothing is cut and nothing needs sorting:
    only the cut has to be deterministic, sums are order-free)."""
    get = total.get
    for term, weight in vector.items():
        total[term] = get(term, 0.0) + weight
    if len(total) <= limit:
        return total
    return top_terms(total, limit)


def dot(vector: Vector, other: Vector) -> float:
    """The dot product over the shared terms. ``fsum`` is exact, so the result
    does not depend on the order of the terms."""
    # the shared terms first, by a set intersection in C: most terms are not
    # shared, and the centroids are many and cold in the cache
    shared = vector.keys() & other.keys()
    return math.fsum([vector[t] * other[t] for t in shared])
