"""marsad — an observatory for Arabic news: raw reports in, a sourced picture out."""

from marsad.doc import Doc, Span

__all__ = ["Doc", "Span"]
__version__ = "0.1.0"
