"""The store: SQLite by default (one file, no server)."""

from marsad.store.db import DEFAULT_DB, ErrorRow, SourceRow, Store, StoreError, resolve_db_path

__all__ = ["DEFAULT_DB", "ErrorRow", "SourceRow", "Store", "StoreError", "resolve_db_path"]
