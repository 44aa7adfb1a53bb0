"""Ingest throughput: all SaudiNewsNet articles into a fresh store.

Prints articles/second, peak resident memory and store size. Usage:
    .venv/bin/python benchmarks/ingest_saudinewsnet.py [--data PATH] [--batch-size N]
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
from pathlib import Path

from _common import SAUDINEWSNET, marsad_executable, require, run_child


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=SAUDINEWSNET)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument(
        "--stages", help="analysis stages to run (default: all); e.g. clean,language,sentences"
    )
    parser.add_argument("--jobs", type=int, help="worker processes (default: marsad's)")
    parser.add_argument(
        "--cluster",
        action="store_true",
        help="also group the articles into stories after ingest (timed separately by "
        "benchmarks/cluster_saudinewsnet.py)",
    )
    args = parser.parse_args()
    data = require(args.data)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        command = [
            marsad_executable(),
            "ingest",
            "--quiet",
            "--db",
            str(db),
            "--batch-size",
            str(args.batch_size),
            str(data),
        ]
        if args.stages:
            command += ["--stages", args.stages]
        if args.jobs:
            command += ["--jobs", str(args.jobs)]
        if not args.cluster:
            command.append("--no-cluster")
        run = run_child(command)
        summary = run.stderr.decode("utf-8", "replace").strip().splitlines()
        with sqlite3.connect(db) as conn:
            articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            spans = conn.execute("SELECT count(*) FROM spans").fetchone()[0]
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size_mb = sum(p.stat().st_size for p in Path(tmp).glob("bench.db*")) / 1e6
    print(f"data:            {data}")
    print(f"stages:          {args.stages or 'all'}{' + story clustering' * args.cluster}")
    print(f"marsad says:     {summary[-2] if len(summary) > 1 else summary}")
    print(f"exit status:     {run.returncode}")
    print(f"articles stored: {articles:,} ({spans:,} spans)")
    print(f"wall time:       {run.seconds:.1f} s")
    print(f"throughput:      {articles / run.seconds:,.0f} articles/s")
    print(f"peak memory:     {run.memory_line()}")
    print(f"store size:      {size_mb:,.1f} MB")


if __name__ == "__main__":
    main()
