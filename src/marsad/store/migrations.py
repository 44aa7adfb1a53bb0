"""Versioned schema of the SQLite store (sqlite-utils migrations).

Each function is one migration, applied once, in order, inside a transaction
together with the record of it having run. Never edit a released migration:
add a new one.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("marsad")


@migrations()
def m001_articles_and_spans(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,               -- first 16 hex digits of content_hash
            content_hash TEXT NOT NULL UNIQUE, -- sha256 of the whitespace-collapsed text
            text TEXT NOT NULL,                -- the original text, never altered
            title TEXT,
            outlet TEXT,
            url TEXT,
            author TEXT,
            published TEXT,                    -- ISO 8601 date or datetime
            lang TEXT,
            status TEXT NOT NULL,              -- 'analysed' or 'skipped'
            skip_reason TEXT,
            fmt TEXT,                          -- reader: text, html, jsonl, feed, warc
            source TEXT,                       -- where it was first read from
            meta TEXT,                         -- JSON: reader extras
            ingested_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE spans (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            layer TEXT NOT NULL,               -- sentences, boilerplate, title, dateline, ...
            start INTEGER NOT NULL,            -- [start, end) Python string indices into text
            "end" INTEGER NOT NULL,
            label TEXT
        )
        """
    )
    db.execute("CREATE INDEX spans_by_article ON spans(article_id, layer)")
    db.execute(
        """
        CREATE TABLE sources (                 -- every place an article was read from
            key TEXT PRIMARY KEY,              -- path, path#L12, path#<url>
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            fmt TEXT,
            seen_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX sources_by_article ON sources(article_id)")
    db.execute(
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            command TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            read INTEGER DEFAULT 0,
            added INTEGER DEFAULT 0,
            duplicates INTEGER DEFAULT 0,
            skipped INTEGER DEFAULT 0,
            failed INTEGER DEFAULT 0
        )
        """
    )
    db.execute(
        """
        CREATE TABLE errors (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES runs(id),
            key TEXT NOT NULL,
            message TEXT NOT NULL,
            at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX articles_by_published ON articles(published)")
    db.execute("CREATE INDEX articles_by_outlet ON articles(outlet)")


@migrations()
def m002_span_data(db: Database) -> None:
    """Stages attach attributes to spans (entity id, name, role): JSON per span."""
    db.execute("ALTER TABLE spans ADD COLUMN data TEXT")
