"""Cleaning without loss: boilerplate, titles, bylines and datelines are marked
as spans over the original text, never deleted; non-Arabic documents are marked
as skipped with a reason."""

from marsad.cleaning.boilerplate import clean
from marsad.cleaning.language import detect_language

__all__ = ["clean", "detect_language"]
