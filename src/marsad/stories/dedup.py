"""Exact and near duplicates: the same report republished, verbatim or lightly edited.

Exact copies share the content hash of their text. Near copies are found with
MinHash signatures over word shingles of the normalised body and an LSH index
(datasketch); a candidate counts when its estimated Jaccard similarity reaches
the threshold and it was published within the window. A copy points to the
first-seen original, and the difference is kept: the spans of the copy's
sentences that the original lacks, and how many of the original's sentences
the copy dropped.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from marsad.stories.features import SHINGLE, Features

NUM_PERM = 64
THRESHOLD = 0.8
#: copies published further apart than this are new reports, not republications
WINDOW_DAYS = 7.0
#: below this many shingles a signature says little (a two-line brief)
MIN_SHINGLES = 8
_SEED = 1
_SCHEME = "affine32"  # datasketch's default since 2.0: 32-bit hash values
_MAX_DIFF_SPANS = 20


# Shingle hashes are built from word hashes with a polynomial (vectorised):
# datasketch's default, SHA-1 of each shingle, cost more than everything else
# here. CRC-32 is deterministic across processes, unlike Python's hash().
_MULTIPLIERS = np.array([(0x01000193**k) % 2**64 for k in range(SHINGLE)][::-1], dtype=np.uint64)
_MASK32 = np.uint64(0xFFFFFFFF)


_WORD_HASHES: dict[str, int] = {}
_MAX_CACHED = 1_000_000


def _word_hashes(words: list[str]) -> list[int]:
    # a plain dict: an lru_cache call per word cost more than the hashing
    cache = _WORD_HASHES
    if len(cache) > _MAX_CACHED:
        cache.clear()
    for word in set(words).difference(cache):
        cache[word] = zlib.crc32(word.encode("utf-8"))
    return [cache[w] for w in words]


def shingle_hashes(words: list[str]) -> np.ndarray:
    """Sorted distinct 32-bit hashes of the ``SHINGLE``-word shingles of ``words``."""
    hashes = np.array(_word_hashes(words), dtype=np.uint64)
    windows = np.lib.stride_tricks.sliding_window_view(hashes, SHINGLE)
    return np.unique((windows * _MULTIPLIERS).sum(axis=1) & _MASK32)


@cache
def _permutations(num_perm: int) -> Any:
    return MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME).permutations


def minhash_of(words: list[str], num_perm: int = NUM_PERM) -> np.ndarray:
    """MinHash signature of the word shingles of ``words`` (empty when too short)."""
    if len(words) < SHINGLE + MIN_SHINGLES - 1:
        return np.zeros(0, dtype=np.uint32)
    sig = MinHash(
        num_perm=num_perm,
        seed=_SEED,
        hashfunc=int,  # the values are hashes already
        permutations=_permutations(num_perm),
        scheme=_SCHEME,
    )
    sig.update_batch(shingle_hashes(words).tolist())
    return sig.hashvalues


@dataclass(slots=True)
class Duplicate:
    """An article found to copy an earlier one."""

    original: Any  # id of the first-seen original
    kind: str  # "exact" or "near"
    jaccard: float
    added: list[tuple[int, int]]  # spans of the copy's sentences the original lacks
    removed: int  # sentences of the original the copy lacks

    def evidence(self) -> dict[str, Any]:
        return {
            "duplicate_of": self.original,
            "kind": self.kind,
            "jaccard": round(self.jaccard, 3),
            "added_sentences": [list(s) for s in self.added[:_MAX_DIFF_SPANS]],
            "removed_sentences": self.removed,
        }


@dataclass(slots=True)
class _Original:
    id: Any
    day: float | None
    minhash: np.ndarray
    sentences: frozenset[int]


class Deduplicator:
    """Finds the original an article copies, among the originals added so far."""

    def __init__(self, num_perm: int = NUM_PERM, threshold: float = THRESHOLD) -> None:
        self.num_perm = num_perm
        self.threshold = threshold
        self.by_hash: dict[str, Any] = {}
        self.originals: list[_Original] = []
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._lean = _LastLean()

    def find(self, features: Features) -> Duplicate | None:
        exact = self.by_hash.get(features.hash)
        if exact is not None:
            return Duplicate(exact, "exact", 1.0, [], 0)
        if not len(features.minhash):
            return None
        best: tuple[float, int] | None = None
        query = self._lean(features.minhash)
        for index in self.lsh.query(query):
            original = self.originals[index]
            if not _close_in_time(features.day, original.day):
                continue
            jaccard = float(np.mean(original.minhash == features.minhash))
            # the most similar original wins; on a tie, the earliest seen
            if jaccard >= self.threshold and (best is None or (jaccard, -index) > best):
                best = (jaccard, -index)
        if best is None:
            return None
        original = self.originals[-best[1]]
        added, removed = sentence_diff(features, original.sentences)
        return Duplicate(original.id, "near", best[0], added, removed)

    def add(self, features: Features) -> None:
        """Index ``features`` as an original (copies are not indexed: they
        point to their original, so a chain of copies has one root)."""
        self.restore(features.id, features.hash, features.day, features.minhash, features.sentences)

    def restore(
        self, id: Any, hash: str, day: float | None, minhash: np.ndarray, sentences: list[int]
    ) -> None:
        """Index an original (also: one saved earlier, see marsad.stories.live)."""
        self.by_hash.setdefault(hash, id)
        if len(minhash):
            index = len(self.originals)
            self.originals.append(_Original(id, day, minhash, frozenset(sentences)))
            self.lsh.insert(index, self._lean(minhash))

    def add_copy(self, hash: str, original: Any) -> None:
        """Remember the hash of a copy, so that its exact copies find the same root."""
        self.by_hash.setdefault(hash, original)


def _lean(signature: np.ndarray) -> LeanMinHash:
    return LeanMinHash(seed=_SEED, hashvalues=signature, scheme=_SCHEME)


class _LastLean:
    """The LeanMinHash of the signature seen last: an original is looked up,
    then indexed, and building the object twice cost as much as the lookup."""

    def __init__(self) -> None:
        self.signature: np.ndarray | None = None
        self.lean: LeanMinHash | None = None

    def __call__(self, signature: np.ndarray) -> LeanMinHash:
        if signature is not self.signature or self.lean is None:
            self.signature, self.lean = signature, _lean(signature)
        return self.lean


def _close_in_time(a: float | None, b: float | None) -> bool:
    return a is None or b is None or abs(a - b) <= WINDOW_DAYS


def sentence_diff(copy: Features, original: frozenset[int]) -> tuple[list[tuple[int, int]], int]:
    """The copy's sentences missing from the original (spans into the copy's
    text) and the number of the original's sentences missing from the copy."""
    added = [
        span
        for fp, span in zip(copy.sentences, copy.sentence_spans, strict=True)
        if fp not in original
    ]
    return added, len(original - set(copy.sentences))
