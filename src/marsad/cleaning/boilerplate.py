"""Placeholder: replaced by the cleaning implementation."""

from marsad.doc import Doc


def clean(doc: Doc) -> None:
    return None
