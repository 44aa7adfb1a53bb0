"""Versioned schema of the SQLite store (sqlite-utils migrations).

Each function is one migration, applied once, in order, inside a transaction
together with the record of it having run. Never edit a released migration:
add a new one.
"""

from __future__ import annotations

import json

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


@migrations()
def m003_stories(db: Database) -> None:
    """Story clustering (marsad.stories): stories, threads, each article's
    assignment with its evidence, and the clusterer's saved state."""
    db.execute(
        """
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,               -- 's' + content hash of its first article
            seq INTEGER NOT NULL,              -- arrival number of that article
            thread TEXT NOT NULL,
            title TEXT,                        -- representative title (first article's)
            first_seen TEXT,                   -- earliest publication date of its articles
            first_day REAL,                    -- the same in days since 1970 (NULL: undated)
            last_day REAL,
            size INTEGER NOT NULL,             -- articles that are not copies
            articles INTEGER NOT NULL,         -- all articles, copies included
            outlets TEXT NOT NULL,             -- JSON list, in order of arrival
            centroid TEXT NOT NULL             -- JSON {term: weight}: sum of article vectors
        )
        """
    )
    db.execute("CREATE INDEX stories_by_first_seen ON stories(first_seen)")
    db.execute(
        """
        CREATE TABLE threads (
            id TEXT PRIMARY KEY,               -- 't' + content hash of its first article
            seq INTEGER NOT NULL,
            stories INTEGER NOT NULL,
            centroid TEXT NOT NULL,            -- JSON {term: weight}
            terms TEXT NOT NULL                -- JSON list: terms it is found by
        )
        """
    )
    db.execute(
        """
        CREATE TABLE story_articles (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,              -- arrival order in the clusterer
            story TEXT NOT NULL,
            thread TEXT NOT NULL,
            duplicate_of TEXT,                 -- the original, for exact and near copies
            day REAL,                          -- publication, days since 1970 (NULL: undated)
            evidence TEXT NOT NULL,            -- JSON: why (see docs/stories.md)
            vector TEXT NOT NULL,              -- JSON {term: weight}, frozen at arrival
            minhash BLOB,                      -- uint32 MinHash signature of the body
            sentences TEXT,                    -- JSON list of sentence fingerprints
            content_hash TEXT
        )
        """
    )
    db.execute("CREATE INDEX story_articles_by_story ON story_articles(story, seq)")
    db.execute("CREATE INDEX story_articles_by_day ON story_articles(day)")
    db.execute(
        "CREATE TABLE story_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID"
    )
    db.execute("CREATE TABLE story_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@migrations()
def m004_story_titles(db: Database) -> None:
    """Title stems of a story's first articles (the title overlap of
    marsad.stories.cluster); NULL for stories saved before it (no titles)."""
    db.execute("ALTER TABLE stories ADD COLUMN titles TEXT")  # JSON: lists of stems


@migrations()
def m005_story_title_roots(db: Database) -> None:
    """Story titles as roots instead of light stems (the title overlap now
    compares roots): recomputed from the titles of each story's articles, in
    arrival order, so a store clustered before keeps matching new articles."""
    # imported here: the store does not otherwise depend on the clusterer
    from marsad.stories.cluster import MAX_TITLES
    from marsad.stories.features import first_line, title_roots

    titles: dict[str, list[list[str]]] = {}
    rows = db.execute(
        "SELECT sa.story, a.title, a.text FROM story_articles sa"
        " JOIN articles a ON a.id = sa.article_id ORDER BY sa.seq"
    )
    for story, title, text in rows:
        kept = titles.setdefault(story, [])
        roots = sorted(title_roots((title or "").strip() or first_line(text)))
        if roots and len(kept) < MAX_TITLES and roots not in kept:
            kept.append(roots)
    db.conn.executemany(
        "UPDATE stories SET titles = ? WHERE id = ?",
        [(json.dumps(t, ensure_ascii=False), story) for story, t in titles.items()],
    )
