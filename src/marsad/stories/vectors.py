"""Sparse vectors as dicts (term -> weight).

Sums of floats depend on their order, and the order of a set (hence of the
shared terms of two vectors) changes with the process's string hashing: sums
use ``math.fsum`` (exact, so order-free), so that a state rebuilt from the
store computes exactly what the live process computed. Where a vector is cut
to its heaviest terms, ties are broken by the term, so the cut is
deterministic too.
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
    """``total + vector`` (``total`` is updated in place), cut to ``limit``
    terms: the ones ``top_terms`` would keep, without sorting the rest."""
    get = total.get
    for term, weight in vector.items():
        total[term] = get(term, 0.0) + weight
    excess = len(total) - limit
    if excess > 0:
        for term in _lightest(total, excess):
            del total[term]
    return total


def _lightest(weights: Vector, n: int) -> list[str]:
    """The ``n`` terms ``top_terms`` leaves out: the lightest, and among
    equal weights at the cut, the last by term."""
    cut = sorted(weights.values())[n - 1]
    below = [term for term, w in weights.items() if w < cut]
    tied = sorted((term for term, w in weights.items() if w == cut), reverse=True)
    return below + tied[: n - len(below)]


def dot(vector: Vector, other: Vector) -> float:
    """The dot product over the shared terms. ``fsum`` is exact, so the result
    does not depend on the order of the terms."""
    # the shared terms first, by a set intersection in C: most terms are not
    # shared, and the centroids are many and cold in the cache
    shared = vector.keys() & other.keys()
    return math.fsum([vector[t] * other[t] for t in shared])
