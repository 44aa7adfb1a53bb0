"""Placeholder: replaced by the readers implementation."""
