"""`marsad analyze` cost: the first N SaudiNewsNet articles through the JSON Lines contract.

Usage: .venv/bin/python benchmarks/analyze_saudinewsnet.py [--data PATH] [--limit 2000]
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

from _common import SAUDINEWSNET, marsad_executable, require, run_child


def contract_lines(path: Path, limit: int) -> tuple[bytes, int, int]:
    lines, chars = [], 0
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for raw in handle:
            record = json.loads(raw)
            text = record.get("content") or ""
            chars += len(text)
            lines.append(
                json.dumps(
                    {
                        "id": record.get("id"),
                        "text": text,
                        "title": record.get("title"),
                        "source": record.get("source"),
                        "url": record.get("url"),
                    },
                    ensure_ascii=False,
                )
            )
            if len(lines) >= limit:
                break
    return ("\n".join(lines) + "\n").encode("utf-8"), len(lines), chars


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=SAUDINEWSNET)
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--stages", help="analysis stages to run (default: all)")
    args = parser.parse_args()
    payload, n, chars = contract_lines(require(args.data), args.limit)
    command = [marsad_executable(), "analyze"]
    if args.stages:
        command += ["--stages", args.stages]
    run = run_child(command, stdin=payload)
    out = run.stdout.decode("utf-8").splitlines()
    errors = sum(1 for line in out if '"error"' in line[:200] and "error" in json.loads(line))
    print(f"stages:          {args.stages or 'all'}")
    print(f"articles in:     {n:,} ({chars:,} characters)")
    print(f"lines out:       {len(out):,} ({errors} errors), exit status {run.returncode}")
    print(f"wall time:       {run.seconds:.2f} s (including interpreter start-up)")
    print(f"throughput:      {n / run.seconds:,.0f} articles/s")
    print(
        f"cost:            {1000 * run.seconds / n:.2f} ms/article, "
        f"{1e6 * run.seconds / chars:.1f} ms per 1,000 characters"
    )
    print(f"peak memory:     {run.memory_line()}")


if __name__ == "__main__":
    main()
