"""The `marsad cluster` machine contract: JSON Lines in, one decision per line out.

Input per line: {"id", "text", optional "title", "date", "source"}; output per
non-blank line, in input order: {"id", "story", "thread", "duplicate_of"}, or
{"id", "error"} for a line that cannot be used. No analysis pipeline runs here:
features come from the normalised text alone, which keeps a day of news (or a
31,000-article archive) within seconds. With ``jobs > 1`` the features are
computed in worker processes; decisions are still taken in input order, in this
process, so the output does not depend on ``jobs``.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from typing import Any

from marsad.stories.cluster import Config, StoryClusterer
from marsad.stories.dedup import NUM_PERM
from marsad.stories.features import Article, Features, extract

_CHUNK = 256


def parse_line(line: str, lineno: int) -> Article | dict[str, Any]:
    """An Article, or the error record for a bad line."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": f"line {lineno}: invalid JSON: {exc.msg}"}
    if not isinstance(obj, dict):
        return {"id": None, "error": f"line {lineno}: not a JSON object"}
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return {
            "id": obj.get("id"),
            "error": f'line {lineno}: missing or empty "text" (a non-empty string is required)',
        }
    fields = {k: obj.get(k) for k in ("title", "date", "source")}
    for name, value in fields.items():
        if value is not None and not isinstance(value, str):
            return {"id": obj.get("id"), "error": f'line {lineno}: "{name}" must be a string'}
    return Article(obj.get("id"), text, **fields)


def _yield_to_decisions() -> None:
    """Run a feature worker at a lower priority: the decisions are taken one
    by one in the parent process, which is the bottleneck; with as many
    workers as cores, an equal share left it two thirds of a core."""
    with contextlib.suppress(AttributeError, OSError):  # no nice() on Windows
        os.nice(10)


def extract_all(articles: list[Article]) -> list[Features]:
    return [extract(a, NUM_PERM) for a in articles]


def cluster_lines(
    lines: Iterable[str],
    *,
    jobs: int = 1,
    evidence: bool = False,
    config: Config | None = None,
) -> Iterator[dict[str, Any]]:
    """Output records for JSON Lines ``lines`` (blank lines are skipped)."""
    clusterer = StoryClusterer(config)

    def decide(parsed: list[Article | dict[str, Any]], found: list[Features]) -> Iterator[dict]:
        features = iter(found)
        for item in parsed:
            if isinstance(item, dict):
                yield item
                continue
            assignment = clusterer.add(next(features))
            record = assignment.record()
            if evidence:
                record["evidence"] = assignment.evidence
            yield record

    numbered = ((n, line) for n, line in enumerate(lines, 1) if line.strip())
    chunks = iter(lambda: list(islice(numbered, _CHUNK)), [])
    first = next(chunks, [])
    # workers pay off from the second chunk on: a short input (a day's feed,
    # a test) is faster without starting them
    big = len(first) == _CHUNK
    pool = (
        ProcessPoolExecutor(max_workers=jobs, initializer=_yield_to_decisions)
        if jobs > 1 and big
        else None
    )
    # Workers compute the features of the next chunks while this process
    # decides the current one; a few chunks in flight bound the memory.
    in_flight: deque[tuple[list[Article | dict[str, Any]], Future[list[Features]]]] = deque()
    try:
        for chunk in chain([first] if first else [], chunks):
            parsed = [parse_line(line, n) for n, line in chunk]
            articles = [p for p in parsed if isinstance(p, Article)]
            if pool is None:
                yield from decide(parsed, extract_all(articles))
                continue
            in_flight.append((parsed, pool.submit(extract_all, articles)))
            if len(in_flight) > 2 * jobs:
                done, future = in_flight.popleft()
                yield from decide(done, future.result())
        while in_flight:
            done, future = in_flight.popleft()
            yield from decide(done, future.result())
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
