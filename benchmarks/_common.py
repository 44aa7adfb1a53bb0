"""Shared helpers of the benchmark scripts: locating data, timing a child process."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
SAUDINEWSNET = SHARED / "saudinewsnet" / "saudinewsnet_all.jsonl.gz"


def marsad_executable() -> str:
    """The console script next to the running interpreter (the project's .venv)."""
    candidate = Path(sys.executable).with_name("marsad")
    return str(candidate) if candidate.exists() else shutil.which("marsad") or "marsad"


def require(path: Path) -> Path:
    if not path.exists():
        sys.exit(f"data not found: {path} (pass --data PATH)")
    return path


@dataclass
class ChildRun:
    seconds: float
    peak_rss_mb: float
    returncode: int
    stdout: bytes
    stderr: bytes


def run_child(args: list[str], stdin: bytes | None = None) -> ChildRun:
    """Run a command and measure wall time and its peak resident memory.

    ``ru_maxrss`` of RUSAGE_CHILDREN is the largest of all children waited for,
    so each benchmark measures in a fresh Python process of its own."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    start = time.perf_counter()
    proc = subprocess.run(args, input=stdin, capture_output=True, env=env, check=False)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return ChildRun(seconds, peak_kb / 1024, proc.returncode, proc.stdout, proc.stderr)
