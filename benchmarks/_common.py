"""Shared helpers of the benchmark scripts: locating data, timing a child process."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
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
    peak_rss_mb: float  # the largest single process (ru_maxrss)
    peak_tree_mb: float  # the process and its workers together, sampled
    returncode: int
    stdout: bytes
    stderr: bytes

    def memory_line(self) -> str:
        return (
            f"{self.peak_tree_mb:,.0f} MB for the process and its workers together "
            f"(largest single process {self.peak_rss_mb:,.0f} MB)"
        )


def run_child(args: list[str], stdin: bytes | None = None) -> ChildRun:
    """Run a command and measure wall time and peak resident memory: of the
    largest process (``ru_maxrss`` of RUSAGE_CHILDREN, so each benchmark runs
    in a fresh Python process of its own) and of the whole process tree
    (worker processes included), sampled every 50 ms with psutil."""
    import psutil

    env = {**os.environ, "PYTHONHASHSEED": "0"}
    peak_tree = 0
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = psutil.Popen(args, stdin=subprocess.PIPE, stdout=out, stderr=err, env=env)
        feeder = threading.Thread(target=_feed, args=(proc, stdin), daemon=True)
        feeder.start()
        while proc.poll() is None:
            peak_tree = max(peak_tree, _tree_rss(proc))
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        feeder.join()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return ChildRun(
        seconds,
        peak_kb / 1024,
        max(peak_tree / 2**20, peak_kb / 1024),
        proc.returncode,
        stdout,
        stderr,
    )


def _feed(proc: subprocess.Popen[bytes], data: bytes | None) -> None:
    assert proc.stdin is not None
    try:
        if data:
            proc.stdin.write(data)
    except BrokenPipeError:
        pass
    finally:
        proc.stdin.close()


def _tree_rss(proc: object) -> int:
    import psutil

    total = 0
    try:
        family = [proc, *proc.children(recursive=True)]  # type: ignore[attr-defined]
    except psutil.Error:
        return 0
    for member in family:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            continue
    return total
