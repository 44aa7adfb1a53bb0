"""Precision, recall and F1 from counts, shared by the evaluation tasks.

A ratio with a zero denominator is 0.0 (no predictions: precision 0), the
convention of conlleval and seqeval, so that an empty system scores 0 rather
than failing or looking perfect.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


def one_to_one(ranked: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs taken greedily in the given order
    (best candidate first), each index used at most once."""
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for gi, pi in ranked:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs


def ratio(numerator: int | float, denominator: int | float) -> float:
    return numerator / denominator if denominator else 0.0


def f1(precision: float, recall: float) -> float:
    return ratio(2 * precision * recall, precision + recall)


@dataclass(frozen=True, slots=True)
class Score:
    """Counts of gold items, predicted items and correct predictions."""

    gold: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float:
        return ratio(self.correct, self.gold)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def __add__(self, other: Score) -> Score:
        return Score(
            self.gold + other.gold,
            self.predicted + other.predicted,
            self.correct + other.correct,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "correct": self.correct,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True, slots=True)
class Average:
    """An unweighted mean of per-class precision, recall and F1 (macro average).
    F1 is the mean of the per-class F1s, not the F1 of the mean P and R."""

    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0

    def to_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


def micro(scores: Iterable[Score]) -> Score:
    return sum(scores, Score())


def macro(scores: Iterable[Score]) -> Average:
    scores = list(scores)
    if not scores:
        return Average()
    n = len(scores)
    return Average(
        sum(s.precision for s in scores) / n,
        sum(s.recall for s in scores) / n,
        sum(s.f1 for s in scores) / n,
    )
