"""Access to the language data shipped in ``marsad/data`` (lexicons are data, not code)."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path


def data_path(name: str) -> Path:
    """Path of a file in the package's data folder."""
    return Path(str(resources.files("marsad") / "data" / name))


def read_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a data file."""
    with data_path(name).open(encoding="utf-8") as handle:
        return [ln.strip() for ln in handle if ln.strip() and not ln.lstrip().startswith("#")]


def read_tsv(name: str) -> Iterator[list[str]]:
    """Rows of a tab-separated data file, comments and blank lines skipped."""
    for line in read_lines(name):
        yield [cell.strip() for cell in line.split("\t")]
