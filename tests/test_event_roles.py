"""Actor and target constructions of the events stage, on sentences written for
these tests (one or two per construction)."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.doc import Doc, Metadata
from marsad.events import LAYER, event_record
from marsad.pipeline import default_pipeline


@pytest.fixture(scope="module")
def pipeline():
    return default_pipeline()


def one(pipeline, text: str, event_type: str) -> dict[str, Any]:
    doc = pipeline(Doc(text, meta=Metadata(date="2021-03-10")))
    found = [event_record(s) for s in doc.spans(LAYER) if s.label == event_type]
    assert found, f"no {event_type} in {text!r}"
    return found[0]


def role_text(event: dict[str, Any], role: str) -> str | None:
    return event[role]["text"] if event[role] else None


@pytest.mark.parametrize(
    ("text", "event_type", "actor", "target"),
    [
        # a quantity head and the noun it counts are one argument (عدد من، بعض)
        ("وتظاهر عدد من الطلاب أمام البرلمان.", "PROTEST", "عدد من الطلاب", None),
        ("أطلق بعض المسلحين النار على دورية للشرطة.", "ASSAULT", "بعض المسلحين", "دورية"),
        # ... and after a killing verb such a count is its victim
        ("قتل أحد الحراس في هجوم على المصرف.", "ASSAULT", None, "أحد الحراس"),
        # نحو before a count is "about", not "towards"; the counted noun after a verb
        # without an object is its subject
        ("وتظاهر نحو 40 مهندسا أمام النقابة أمس.", "PROTEST", "مهندسا", None),
        ("اعتصم نحو 300 عامل أمام المصنع.", "PROTEST", "عامل", None),
    ],
)
def test_role_constructions(pipeline, text, event_type, actor, target):
    event = one(pipeline, text, event_type)
    assert role_text(event, "actor") == actor
    assert role_text(event, "target") == target
