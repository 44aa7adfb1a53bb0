"""Ingest: readers -> pipeline -> store, in transactional batches that can resume.

An item whose source key is already in the store is not read into the store
again (resume after an interruption); an item whose content is already stored
under another key only records the new source (exact duplicate).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from marsad.doc import Doc
from marsad.pipeline import Pipeline, default_pipeline
from marsad.readers import RawArticle, ReaderOptions, ReadError, read_paths
from marsad.store import ErrorRow, SourceRow, Store

DEFAULT_BATCH = 500
#: below this many new articles in a batch, worker processes cost more than they save
_PARALLEL_MIN = 64
_CHUNK = 16


def default_jobs() -> int:
    return max(1, min(4, os.cpu_count() or 1))


@dataclass
class IngestReport:
    read: int = 0
    added: int = 0
    duplicates: int = 0
    already: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[ErrorRow] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "read": self.read,
            "added": self.added,
            "duplicates": self.duplicates,
            "already": self.already,
            "skipped": self.skipped,
            "failed": self.failed,
        }


_worker_pipeline: Pipeline | None = None


def _start_worker(stages: list[str]) -> None:
    global _worker_pipeline
    _worker_pipeline = default_pipeline(stages)
    _exit_with_parent()


def _exit_with_parent(interval: float = 1.0) -> None:
    """End this worker when the ingest process that started it is gone (killed
    with SIGKILL, it cannot shut its pool down, and the worker would wait for
    work forever)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(0)

    threading.Thread(target=watch, name="marsad-parent-watch", daemon=True).start()


def _analyse_in_worker(doc: Doc) -> tuple[Any, ...]:
    """Run the pipeline in a worker process; send back only what it added."""
    assert _worker_pipeline is not None, "worker started without _start_worker"
    try:
        _worker_pipeline(doc)
    except Exception as exc:
        return ("error", f"analysis failed: {type(exc).__name__}: {exc}")
    return ("ok", doc.layers, doc.lang, doc.skip_reason, doc.meta)


def _apply_worker_result(doc: Doc, result: tuple[Any, ...]) -> str | None:
    """Copy a worker's annotations onto ``doc``; the error message if it failed."""
    if result[0] == "error":
        return result[1]
    _, doc.layers, doc.lang, doc.skip_reason, doc.meta = result
    return None


@dataclass
class _Analysis:
    """A batch handed over for analysis and waiting to be written."""

    new: list[tuple[RawArticle, Doc]]
    results: Iterable[str | None]
    duplicates: list[tuple[RawArticle, str]]
    errors: list[ErrorRow]
    hashes: dict[str, str]  # content hash -> article id of the new documents

    def keys(self) -> set[str]:
        return {raw.key for raw, _ in self.new} | {raw.key for raw, _ in self.duplicates}


class _Batches:
    """Items in batches, each written in one transaction, in order. With worker
    processes, a batch is analysed while the previous one is being written, so
    reading, analysis and SQLite writes overlap."""

    def __init__(
        self,
        store: Store,
        pipeline: Pipeline,
        report: IngestReport,
        run_id: int,
        executor: Executor | None = None,
    ):
        self.store, self.pipeline, self.report, self.run_id = store, pipeline, report, run_id
        self.executor = executor
        self.raws: list[RawArticle] = []
        self.errors: list[ErrorRow] = []
        self.in_flight: _Analysis | None = None
        self.failed_ids: set[str] = set()

    def __len__(self) -> int:
        return len(self.raws) + len(self.errors)

    def fail(self, key: str, message: str, errors: list[ErrorRow] | None = None) -> None:
        (self.errors if errors is None else errors).append(ErrorRow(key, message))
        self.report.errors.append(ErrorRow(key, message))
        self.report.failed += 1

    def flush(self) -> None:
        """Hand the current batch to analysis, then write the one before it."""
        analysis = self._start(self.raws, self.errors)
        self.raws, self.errors = [], []
        self.close()
        if self.executor is None:
            self._write(analysis)  # nothing to overlap with
        else:
            self.in_flight = analysis

    def close(self) -> None:
        """Write the batch in flight, if any."""
        if self.in_flight is not None:
            analysis, self.in_flight = self.in_flight, None
            self._write(analysis)

    def _start(self, raws: list[RawArticle], errors: list[ErrorRow]) -> _Analysis:
        in_flight = self.in_flight.hashes if self.in_flight else {}
        in_flight_keys = self.in_flight.keys() if self.in_flight else set()
        known_keys = self.store.known_keys(raw.key for raw in raws) | in_flight_keys
        fresh = [raw for raw in raws if raw.key not in known_keys]
        self.report.already += len(raws) - len(fresh)
        pending = [(raw, Doc(raw.text, meta=raw.meta)) for raw in fresh]
        stored = self.store.known_hashes(doc.content_hash for _, doc in pending)
        analysis = _Analysis([], [], [], errors, {})
        for raw, doc in pending:
            original = stored.get(doc.content_hash) or in_flight.get(doc.content_hash)
            if original is not None:
                analysis.duplicates.append((raw, original))
                continue
            stored[doc.content_hash] = analysis.hashes[doc.content_hash] = doc.id
            analysis.new.append((raw, doc))
        analysis.results = self._run_pipeline([doc for _, doc in analysis.new])
        return analysis

    def _write(self, analysis: _Analysis) -> None:
        docs: list[Doc] = []
        sources: list[SourceRow] = []
        for raw, original in analysis.duplicates:
            if original in self.failed_ids:
                self.fail(raw.key, "duplicate of an article whose analysis failed", analysis.errors)
                continue
            self.report.duplicates += 1
            sources.append(SourceRow(raw.key, original, raw.meta.fmt))
        for (raw, doc), failure in zip(analysis.new, analysis.results, strict=True):
            if failure:
                self.failed_ids.add(doc.id)
                self.fail(raw.key, failure, analysis.errors)
                continue
            docs.append(doc)
            sources.append(SourceRow(raw.key, doc.id, raw.meta.fmt))
            if doc.skipped:
                self.report.skipped += 1
            else:
                self.report.added += 1
        self.store.write_batch(docs, sources, analysis.errors, self.run_id)

    def _run_pipeline(self, docs: list[Doc]) -> Iterable[str | None]:
        """Analyse ``docs`` in place; per document, None or why it failed. In
        worker processes the results arrive lazily, as they are consumed."""
        if self.executor is not None and len(docs) >= _PARALLEL_MIN:
            results = self.executor.map(_analyse_in_worker, docs, chunksize=_CHUNK)
            return (_apply_worker_result(d, r) for d, r in zip(docs, results, strict=True))
        failures: list[str | None] = []
        for doc in docs:
            try:
                self.pipeline(doc)
                failures.append(None)
            except Exception as exc:  # one bad document must not stop the batch
                failures.append(f"analysis failed: {type(exc).__name__}: {exc}")
        return failures


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    options: ReaderOptions | None = None,
    pipeline: Pipeline | None = None,
    batch_size: int = DEFAULT_BATCH,
    jobs: int = 1,
    stages: list[str] | None = None,
    on_item: Callable[[RawArticle | ReadError], None] | None = None,
) -> IngestReport:
    """Read ``paths``, analyse every new article and store it. Returns counts and
    the per-item errors; never raises for bad input.

    With ``jobs > 1`` analysis runs in that many worker processes, each with
    its own copy of the standard pipeline (``stages`` picks components of it);
    reading and writing stay in this process, so batches are still written in
    order, one transaction each. A custom ``pipeline`` always runs here."""
    paths = [str(p) for p in paths]
    report = IngestReport()
    run_id = store.start_run("ingest " + " ".join(paths))
    chosen = pipeline or default_pipeline(stages)
    parallel = jobs > 1 and pipeline is None
    executor = (
        ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(chosen.names,))
        if parallel
        else None
    )
    try:
        batch = _Batches(store, chosen, report, run_id, executor)
        for item in read_paths(paths, options or ReaderOptions()):
            report.read += 1
            if isinstance(item, ReadError):
                batch.fail(item.key, item.message)
            else:
                batch.raws.append(item)
            if on_item:
                on_item(item)
            if len(batch) >= batch_size:
                batch.flush()
        batch.flush()
        batch.close()
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
    store.finish_run(run_id, report.counts())
    return report
