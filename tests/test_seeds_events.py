"""Acceptance on the two seed articles (../shared/seeds): the events the issue
lists are coded with their actors, targets, places and dates. Skipped when the
seeds are absent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from marsad.doc import Doc
from marsad.events import LAYER, event_record
from marsad.pipeline import default_pipeline

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="module")
def seed_events() -> list[dict[str, Any]]:
    if not SEEDS.exists():
        pytest.skip(f"{SEEDS} not present (third-party seeds are not part of the repository)")
    found: list[dict[str, Any]] = []
    pipeline = default_pipeline()
    for path in sorted(SEEDS.glob("*.txt")):
        doc = pipeline(Doc(path.read_text(encoding="utf-8")))
        found += [event_record(span) for span in doc.spans(LAYER)]
    return found


def _id(event: dict[str, Any], role: str) -> str | None:
    return (event.get(role) or {}).get("id")


def matching(events: list[dict[str, Any]], event_type: str, **roles: str) -> list[dict[str, Any]]:
    return [
        e for e in events
        if e["type"] == event_type and all(_id(e, role) == v for role, v in roles.items())
    ]  # fmt: skip


def test_coalition_sdf_cooperation(seed_events):
    assert matching(seed_events, "COOPERATE", actor="org:cjtf_oir", target="org:sdf")


def test_coalition_supports_sdf(seed_events):
    assert matching(seed_events, "SUPPORT", target="org:sdf")
    assert matching(seed_events, "SUPPORT", actor="org:cjtf_oir", target="org:sdf")


def test_turkey_targets_the_safe_areas(seed_events):
    (event,) = matching(seed_events, "ASSAULT", actor="org:tr_armed_forces")[:1]
    assert not event["negated"]


def test_sdf_coordinates_with_russian_forces(seed_events):
    assert matching(seed_events, "COOPERATE", actor="org:sdf", target="org:ru_armed_forces")


def test_arrests_of_isis_members(seed_events):
    arrests = [e for e in seed_events if e["type"] == "COERCE" and e["mode"] == "arrest"]
    assert arrests


def test_air_strike_that_killed_al_baghdadi(seed_events):
    strikes = matching(seed_events, "ASSAULT", target="per:abu_bakr_al_baghdadi")
    assert strikes
    strike = strikes[0]
    assert strike["mode"] == "aerial"
    assert strike["fatalities"] == 1
    assert _id(strike, "actor") == "org:cjtf_oir"
    assert strike["place"]["id"] == "loc:sy_barisha"
    assert strike["place"]["lat"] is not None and strike["place"]["precision"] == 2
    assert strike["date"] == "2019-10"  # the dates layer: نهاية تشرين الأول/ أكتوبر 2019


def test_turkey_did_not_respect_the_ceasefire(seed_events):
    (event,) = matching(seed_events, "AGREE", actor="gpe:TR")[:1]
    assert event["mode"] == "ceasefire"
    assert event["negated"] and event["violated"]
