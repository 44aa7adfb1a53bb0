"""Ingest: readers -> pipeline -> store, in transactional batches that can resume.

An item whose source key is already in the store is not read into the store
again (resume after an interruption); an item whose content is already stored
under another key only records the new source (exact duplicate).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from marsad.doc import Doc
from marsad.pipeline import Pipeline, default_pipeline
from marsad.readers import RawArticle, ReaderOptions, ReadError, read_paths
from marsad.store import ErrorRow, SourceRow, Store

DEFAULT_BATCH = 500


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


def analyse(raw: RawArticle, pipeline: Pipeline) -> Doc:
    return pipeline(Doc(raw.text, meta=raw.meta))


class _Batch:
    """Items waiting to be written together in one transaction."""

    def __init__(self, store: Store, pipeline: Pipeline, report: IngestReport, run_id: int):
        self.store, self.pipeline, self.report, self.run_id = store, pipeline, report, run_id
        self.raws: list[RawArticle] = []
        self.errors: list[ErrorRow] = []

    def __len__(self) -> int:
        return len(self.raws) + len(self.errors)

    def fail(self, key: str, message: str) -> None:
        self.errors.append(ErrorRow(key, message))
        self.report.errors.append(ErrorRow(key, message))
        self.report.failed += 1

    def flush(self) -> None:
        known_keys = self.store.known_keys(raw.key for raw in self.raws)
        fresh = [raw for raw in self.raws if raw.key not in known_keys]
        self.report.already += len(self.raws) - len(fresh)
        docs, sources = self._analyse_new(fresh)
        self.store.write_batch(docs, sources, self.errors, self.run_id)
        self.raws, self.errors = [], []

    def _analyse_new(self, fresh: list[RawArticle]) -> tuple[list[Doc], list[SourceRow]]:
        pending = [(raw, Doc(raw.text, meta=raw.meta)) for raw in fresh]
        stored = self.store.known_hashes(doc.content_hash for _, doc in pending)
        docs: list[Doc] = []
        sources: list[SourceRow] = []
        for raw, doc in pending:
            original = stored.get(doc.content_hash)
            if original is not None:
                self.report.duplicates += 1
                sources.append(SourceRow(raw.key, original, raw.meta.fmt))
                continue
            try:
                self.pipeline(doc)
            except Exception as exc:  # one bad document must not stop the batch
                self.fail(raw.key, f"analysis failed: {type(exc).__name__}: {exc}")
                continue
            stored[doc.content_hash] = doc.id
            docs.append(doc)
            sources.append(SourceRow(raw.key, doc.id, raw.meta.fmt))
            if doc.skipped:
                self.report.skipped += 1
            else:
                self.report.added += 1
        return docs, sources


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    options: ReaderOptions | None = None,
    pipeline: Pipeline | None = None,
    batch_size: int = DEFAULT_BATCH,
    on_item: Callable[[RawArticle | ReadError], None] | None = None,
) -> IngestReport:
    """Read ``paths``, analyse every new article and store it. Returns counts and
    the per-item errors; never raises for bad input."""
    paths = [str(p) for p in paths]
    report = IngestReport()
    run_id = store.start_run("ingest " + " ".join(paths))
    batch = _Batch(store, pipeline or default_pipeline(), report, run_id)
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
    store.finish_run(run_id, report.counts())
    return report
