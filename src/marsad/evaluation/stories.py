"""Story clustering scored against a gold grouping: B-cubed and pairwise P/R/F1.

Gold file (JSON)::

    {
      "source": {"kind": "examples", "path": "../../examples"},
      "stories": [{"story": "name", "thread": "optional theme",
                   "articles": ["text/001_x.txt", ...]}, ...]
    }

When every gold story names its ``thread``, threads are scored too, the same way.

``source.path`` is relative to the gold file. ``kind`` says how article ids
name texts:

* ``examples`` (any folder marsad reads): the reader's key relative to the
  folder (``text/001.txt``, ``feeds/f.xml#<item link>``); a JSON Lines record
  may also be named ``<file>#<its "id" field>``.
* ``jsonl``: a JSON Lines (.gz) file, ids the records' ``id`` field, else
  ``L<line number>``; ``fields`` maps
  marsad's names to the file's keys, e.g. {"text": "content", "date": "date_extracted"}.

Only the gold articles are clustered, in the order of the source (arrival
order), through the same path as ``marsad ingest``: readers, the analysis
pipeline, then the clusterer. Each article must be in exactly one gold story.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path
from typing import Any

from marsad.doc import Doc
from marsad.evaluation.metrics import Score, f1, ratio
from marsad.pipeline import default_pipeline
from marsad.readers import RawArticle, ReaderOptions, read_paths
from marsad.stories import StoryClusterer, article_from_doc, extract
from marsad.stories.dedup import NUM_PERM


class GoldError(Exception):
    """A gold file that cannot be used."""


@dataclass(frozen=True)
class StoryScores:
    articles: int
    gold_stories: int
    predicted_stories: int
    bcubed_precision: float
    bcubed_recall: float
    pairwise: Score
    #: the same scores for threads, when the gold names them
    threads: StoryScores | None = None

    @property
    def bcubed_f1(self) -> float:
        return f1(self.bcubed_precision, self.bcubed_recall)

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "gold_stories": self.gold_stories,
            "predicted_stories": self.predicted_stories,
            "bcubed": {
                "precision": self.bcubed_precision,
                "recall": self.bcubed_recall,
                "f1": self.bcubed_f1,
            },
            "pairwise": self.pairwise.to_dict(),
            **({"threads": self.threads.to_dict()} if self.threads else {}),
        }


def _groups(labels: dict[str, str]) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = {}
    for item, label in labels.items():
        groups.setdefault(label, set()).add(item)
    return groups


def _pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
    return {
        pair for members in _groups(labels).values() for pair in combinations(sorted(members), 2)
    }


def score(gold: dict[str, str], predicted: dict[str, str]) -> StoryScores:
    """Scores of ``predicted`` (article -> cluster) against ``gold`` (article -> story)."""
    items = sorted(gold)
    gold_groups, pred_groups = _groups(gold), _groups({i: predicted[i] for i in items})
    precision = recall = 0.0
    for item in items:
        g, p = gold_groups[gold[item]], pred_groups[predicted[item]]
        shared = len(g & p)
        precision += shared / len(p)
        recall += shared / len(g)
    gold_pairs, pred_pairs = _pairs(gold), _pairs({i: predicted[i] for i in items})
    return StoryScores(
        len(items),
        len(gold_groups),
        len(pred_groups),
        ratio(precision, len(items)),
        ratio(recall, len(items)),
        Score(len(gold_pairs), len(pred_pairs), len(gold_pairs & pred_pairs)),
    )


def load_gold(path: str | Path) -> tuple[dict[str, Any], dict[str, str]]:
    """The source description and article -> gold story."""
    source, gold, _ = load_gold_threads(path)
    return source, gold


def load_gold_threads(
    path: str | Path,
) -> tuple[dict[str, Any], dict[str, str], dict[str, str] | None]:
    """The source description, article -> gold story, and article -> gold
    thread (None unless every story names its thread)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        source, stories = data["source"], data["stories"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GoldError(f"{path}: not a story gold file ({exc})") from exc
    gold: dict[str, str] = {}
    threads: dict[str, str] | None = {}
    for story in stories:
        for article in story["articles"]:
            if article in gold:
                raise GoldError(f"{path}: article {article!r} is in two stories")
            gold[article] = story["story"]
            if threads is not None and "thread" in story:
                threads[article] = story["thread"]
            else:
                threads = None
    source = {**source, "path": str((path.parent / source["path"]).resolve())}
    return source, gold, threads


def source_articles(source: dict[str, Any], wanted: set[str]) -> Iterator[tuple[str, RawArticle]]:
    """The gold articles named in ``wanted``, as (gold id, raw article), in source order."""
    root = Path(source["path"])
    if source.get("kind") == "jsonl":
        options = ReaderOptions(fields=source.get("fields", {}))
        for item in read_paths([str(root)], options):
            if isinstance(item, RawArticle):
                record_id = item.meta.extra.get("id")
                line = "L" + item.key.rpartition("#L")[2]
                key = str(record_id) if record_id is not None else line
                if key in wanted:
                    yield key, item
        return
    for item in read_paths([str(root)], ReaderOptions()):
        if not isinstance(item, RawArticle):
            continue
        key = Path(item.key).relative_to(root).as_posix() if "#" not in item.key else (
            Path(item.key.split("#")[0]).relative_to(root).as_posix()
            + "#" + item.key.split("#", 1)[1]
        )  # fmt: skip
        record_id = item.meta.extra.get("id")
        if record_id is not None:
            key = key.split("#")[0] + "#" + str(record_id)
        if key in wanted:
            yield key, item


def evaluate_file(path: str | Path) -> StoryScores:
    """Cluster the gold file's articles and score the result."""
    source, gold, gold_threads = load_gold_threads(path)
    pipeline = default_pipeline()
    clusterer = StoryClusterer()
    predicted: dict[str, str] = {}
    predicted_threads: dict[str, str] = {}
    for key, raw in source_articles(source, set(gold)):
        doc = pipeline(Doc(raw.text, meta=raw.meta))
        article = article_from_doc(doc)
        article.id = key
        assignment = clusterer.add(extract(article, NUM_PERM))
        predicted[key], predicted_threads[key] = assignment.story, assignment.thread
    missing = sorted(set(gold) - set(predicted))
    if missing:
        raise GoldError(f"{len(missing)} gold articles not found in the source: {missing[:5]}")
    result = score(gold, predicted)
    if gold_threads is not None:
        result = replace(result, threads=score(gold_threads, predicted_threads))
    return result


def format_report(result: StoryScores) -> str:
    report = _format_scores(result)
    if result.threads is not None:
        report += "\nthreads: " + _format_scores(result.threads).replace("stories", "threads")
    return report


def _format_scores(result: StoryScores) -> str:
    pw = result.pairwise
    return "\n".join(
        [
            f"articles {result.articles}: {result.gold_stories} gold stories, "
            f"{result.predicted_stories} predicted",
            f"B-cubed   P {result.bcubed_precision:.3f}  R {result.bcubed_recall:.3f}  "
            f"F1 {result.bcubed_f1:.3f}",
            f"pairwise  P {pw.precision:.3f}  R {pw.recall:.3f}  F1 {pw.f1:.3f}  "
            f"({pw.correct} of {pw.gold} gold pairs, {pw.predicted} predicted)",
        ]
    )
