"""Story clustering: all SaudiNewsNet articles through `marsad cluster`, and
the time to add one article to a live store.

Also prints, for each SaudiNewsNet gold file in eval/stories/, the B-cubed F1
of its articles as the whole backfill grouped them (quality at scale).

Prints wall time and peak RSS of `marsad cluster` (a child process, measured
with RUSAGE_CHILDREN), the number of stories, duplicates and threads, then the
median time to store and cluster one more article in a store that already
holds a few thousand. Usage:
    .venv/bin/python benchmarks/cluster_saudinewsnet.py [--data PATH] [--jobs N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import tempfile
import time
from pathlib import Path

from _common import REPO, SAUDINEWSNET, SHARED, marsad_executable, require, run_child

FIELDS = {"text": "content", "title": "title", "date": "date_extracted", "source": "source"}


def contract_lines(data: Path) -> bytes:
    """The gz records as `marsad cluster` input lines (ids: line numbers)."""
    out = []
    with gzip.open(data, "rt", encoding="utf-8") as handle:
        for n, line in enumerate(handle, 1):
            record = json.loads(line)
            item = {"id": n, **{k: record.get(v) or None for k, v in FIELDS.items()}}
            out.append(json.dumps(item, ensure_ascii=False))
    return ("\n".join(out) + "\n").encode("utf-8")


def cluster_all(data: Path, jobs: int) -> list[dict]:
    stdin = contract_lines(data)
    run = run_child([marsad_executable(), "cluster", "--jobs", str(jobs)], stdin=stdin)
    records = [json.loads(line) for line in run.stdout.splitlines()]
    ok = [r for r in records if "error" not in r]
    print(f"data:              {data}")
    print(f"exit status:       {run.returncode}")
    print(f"articles:          {len(records):,} ({len(records) - len(ok)} rejected lines)")
    print(f"stories:           {len({r['story'] for r in ok}):,}")
    print(f"threads:           {len({r['thread'] for r in ok}):,}")
    print(f"duplicates:        {sum(r['duplicate_of'] is not None for r in ok):,}")
    print(f"wall time:         {run.seconds:.1f} s (--jobs {jobs})")
    print(f"peak memory:       {run.memory_line()}")
    return records


def gold_at_scale(data: Path, records: list[dict], golds: list[Path]) -> None:
    """B-cubed F1 of each gold file's articles as the whole backfill grouped
    them: a gold file is clustered alone by `marsad eval stories`; here its
    articles have the other 30,000 around them, as in a real archive."""
    from marsad.doc import content_hash
    from marsad.evaluation.stories import load_gold_threads, score, source_articles

    line_of: dict[str, int] = {}
    with gzip.open(data, "rt", encoding="utf-8") as handle:
        for n, line in enumerate(handle, 1):
            line_of.setdefault(content_hash(json.loads(line).get("content") or ""), n)
    story = {r["id"]: r["story"] for r in records if "error" not in r}
    for path in golds:
        source, gold, _ = load_gold_threads(path)
        found = {
            key: story[line_of[content_hash(raw.text)]]
            for key, raw in source_articles(source, set(gold))
            if line_of.get(content_hash(raw.text)) in story
        }
        result = score({key: gold[key] for key in found}, found)
        print(
            f"at scale:          {path.name}: B-cubed F1 {result.bcubed_f1:.3f} "
            f"({len(found)} of {len(gold)} gold articles found in the data)"
        )


def live_additions(data: Path, base: int, additions: int) -> None:
    """Median time to store and cluster one analysed article in a live store."""
    from marsad.doc import Doc
    from marsad.ingest import ingest
    from marsad.pipeline import default_pipeline
    from marsad.readers import ReaderOptions, read_paths
    from marsad.store import SourceRow, Store
    from marsad.stories.live import LiveStories, cluster_store

    with tempfile.TemporaryDirectory() as tmp:
        part = Path(tmp) / "part.jsonl"
        with gzip.open(data, "rt", encoding="utf-8") as src, part.open("w") as dst:
            for _, line in zip(range(base + additions), src, strict=False):
                dst.write(line)
        options = ReaderOptions(fields=FIELDS)
        raws = list(read_paths([str(part)], options))
        head = Path(tmp) / "head.jsonl"
        head.write_text("".join(part.read_text().splitlines(True)[:base]))
        with Store(Path(tmp) / "live.db") as store:
            ingest([str(head)], store, options=options, jobs=2)
            cluster_store(store)
            pipeline = default_pipeline()
            docs = [pipeline(Doc(r.text, meta=r.meta)) for r in raws[base:]]
            docs = [d for d in docs if not d.skipped]
            start = time.perf_counter()
            live = LiveStories.open(store, _days(docs))
            restore_s = time.perf_counter() - start
            times = []
            for doc in docs:
                start = time.perf_counter()
                store.write_batch([doc], [SourceRow(f"bench:{doc.id}", doc.id, "jsonl")], [])
                live.add(doc)
                live.save()
                times.append((time.perf_counter() - start) * 1000)
    print(f"live store:        {base:,} articles; state restored in {restore_s * 1000:.0f} ms")
    print(
        f"add one article:   median {statistics.median(times):.1f} ms, "
        f"max {max(times):.1f} ms over {len(times)} additions (store write + cluster + save; "
        "analysis pipeline not included)"
    )


def _days(docs: list) -> list[float | None]:
    from marsad.stories.features import to_day

    return [to_day(d.meta.date) for d in docs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=SAUDINEWSNET)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--base", type=int, default=3000, help="Articles in the live store.")
    parser.add_argument("--additions", type=int, default=50)
    args = parser.parse_args()
    data = require(args.data)
    records = cluster_all(data, args.jobs)
    golds = sorted((REPO / "eval" / "stories").glob("saudinewsnet_*.json"))
    if golds and SHARED.exists():
        gold_at_scale(data, records, golds)
    live_additions(data, args.base, args.additions)


if __name__ == "__main__":
    main()
