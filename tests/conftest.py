"""Shared fixtures: paths to the bundled examples and to ../shared (optional)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip when this clone has no shared data."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present (third-party data is not part of the repository)")
    return path
