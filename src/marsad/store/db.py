"""The embedded SQLite store: articles, their spans, where they came from, runs and errors."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from marsad.doc import Doc, Metadata
from marsad.store.migrations import migrations

DEFAULT_DB = "marsad.db"
DB_ENV = "MARSAD_DB"
_QUERY_CHUNK = 500  # stay far below SQLite's limit on bound parameters


class StoreError(Exception):
    """A store that cannot be opened or an article that is not there."""


def resolve_db_path(path: str | os.PathLike[str] | None) -> Path:
    """``--db`` if given, else ``$MARSAD_DB``, else ``marsad.db`` in the current folder."""
    return Path(path or os.environ.get(DB_ENV) or DEFAULT_DB)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _chunks(values: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(values), _QUERY_CHUNK):
        yield values[i : i + _QUERY_CHUNK]


@dataclass(slots=True)
class SourceRow:
    """One place an article was read from."""

    key: str
    article_id: str
    fmt: str | None


@dataclass(slots=True)
class ErrorRow:
    key: str
    message: str


class Store:
    """A marsad SQLite database, migrated to the current schema on open."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, create: bool = True):
        self.path = resolve_db_path(path)
        if not create and not self.path.exists():
            raise StoreError(
                f"no marsad store at {self.path} (run `marsad ingest` first, or pass --db PATH)"
            )
        try:
            conn = sqlite3.connect(self.path)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            self.db = Database(conn)
            migrations.apply(self.db)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open {self.path} as a marsad store: {exc}") from exc
        self.conn = conn

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> list[str]:
        return [m.name for m in migrations.applied(self.db)]

    # lookups used while ingesting ---------------------------------------------
    def known_keys(self, keys: Iterable[str]) -> set[str]:
        return self._existing("sources", "key", list(keys))

    def known_hashes(self, hashes: Iterable[str]) -> dict[str, str]:
        """content_hash -> article id for the hashes already stored."""
        found: dict[str, str] = {}
        for chunk in _chunks(list(hashes)):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT content_hash, id FROM articles WHERE content_hash IN ({marks})"
            found.update(self.conn.execute(sql, chunk).fetchall())
        return found

    def _existing(self, table: str, column: str, values: list[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(values):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT {column} FROM {table} WHERE {column} IN ({marks})"
            found.update(row[0] for row in self.conn.execute(sql, chunk))
        return found

    # writing -----------------------------------------------------------------
    def write_batch(
        self,
        docs: list[Doc],
        sources: list[SourceRow],
        errors: list[ErrorRow],
        run_id: int | None = None,
    ) -> None:
        """Write one batch in one transaction: after a crash the store holds
        either the whole batch or none of it."""
        stamp = now()
        with self.conn:
            self.conn.executemany(
                "INSERT INTO articles (id, content_hash, text, title, outlet, url, author,"
                " published, lang, status, skip_reason, fmt, source, meta, ingested_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [_article_row(doc, stamp) for doc in docs],
            )
            self.conn.executemany(
                'INSERT INTO spans (article_id, layer, start, "end", label, data)'
                " VALUES (?,?,?,?,?,?)",
                [
                    (
                        doc.id,
                        layer,
                        span.start,
                        span.end,
                        span.label or None,
                        json.dumps(span.data, ensure_ascii=False) if span.data else None,
                    )
                    for doc in docs
                    for layer, spans in doc.layers.items()
                    for span in spans
                ],
            )
            self.conn.executemany(
                "INSERT OR IGNORE INTO sources (key, article_id, fmt, seen_at) VALUES (?,?,?,?)",
                [(s.key, s.article_id, s.fmt, stamp) for s in sources],
            )
            self.conn.executemany(
                "INSERT INTO errors (run_id, key, message, at) VALUES (?,?,?,?)",
                [(run_id, e.key, e.message, stamp) for e in errors],
            )

    def start_run(self, command: str) -> int:
        with self.conn:
            cursor = self.conn.execute(
                "INSERT INTO runs (command, started_at) VALUES (?, ?)", (command, now())
            )
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, counts: dict[str, int]) -> None:
        with self.conn:
            self.conn.execute(
                "UPDATE runs SET finished_at=?, read=?, added=?, duplicates=?, skipped=?,"
                " failed=? WHERE id=?",
                (
                    now(),
                    counts.get("read", 0),
                    counts.get("added", 0),
                    counts.get("duplicates", 0),
                    counts.get("skipped", 0),
                    counts.get("failed", 0),
                    run_id,
                ),
            )

    # reading -----------------------------------------------------------------
    def resolve_id(self, id_or_prefix: str) -> str:
        """An article id from a full id, a unique prefix of one, or a source key."""
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE id LIKE ? || '%' LIMIT 2", (id_or_prefix,)
        ).fetchall()
        if len(rows) == 1:
            return rows[0][0]
        if len(rows) > 1:
            raise StoreError(f"id prefix {id_or_prefix!r} is ambiguous: give more characters")
        row = self.conn.execute(
            "SELECT article_id FROM sources WHERE key = ?", (id_or_prefix,)
        ).fetchone()
        if row:
            return row[0]
        raise StoreError(f"no article {id_or_prefix!r} in {self.path}")

    def get(self, id_or_prefix: str) -> Doc:
        article_id = self.resolve_id(id_or_prefix)
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        columns = [d[0] for d in self.conn.execute("SELECT * FROM articles LIMIT 0").description]
        doc = _doc_from_row(dict(zip(columns, row, strict=True)))
        _add_spans(doc, self.conn)
        return doc

    def iter_docs(self, status: str | None = None) -> Iterator[Doc]:
        """Every article with its spans, in ingest order (streamed, not loaded at once)."""
        sql = "SELECT * FROM articles" + (" WHERE status = ?" if status else "") + " ORDER BY rowid"
        cursor = self.conn.execute(sql, (status,) if status else ())
        columns = [d[0] for d in cursor.description]
        span_conn = sqlite3.connect(self.path)
        try:
            for row in cursor:
                doc = _doc_from_row(dict(zip(columns, row, strict=True)))
                _add_spans(doc, span_conn)
                yield doc
        finally:
            span_conn.close()

    def sources_of(self, article_id: str) -> list[str]:
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT key FROM sources WHERE article_id = ? ORDER BY seen_at, key", (article_id,)
            )
        ]

    def list_articles(
        self, *, limit: int = 50, outlet: str | None = None, status: str | None = None
    ) -> list[dict[str, Any]]:
        where, params = [], []
        if outlet:
            where.append("outlet LIKE ?")
            params.append(f"%{outlet}%")
        if status:
            where.append("status = ?")
            params.append(status)
        sql = (
            "SELECT a.id, a.published, a.outlet, a.title, a.status, a.skip_reason, a.fmt,"
            " length(a.text) AS chars,"
            " (SELECT count(*) FROM spans s WHERE s.article_id = a.id"
            "  AND s.layer = 'sentences') AS sentences,"
            " (SELECT count(*) FROM spans s WHERE s.article_id = a.id"
            "  AND s.layer = 'boilerplate') AS boilerplate"
            " FROM articles a"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY a.published, a.rowid LIMIT ?"
        )
        cursor = self.conn.execute(sql, [*params, limit])
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor]

    def entity_counts(
        self, *, entity_type: str | None = None, search: str | None = None, limit: int = 50
    ) -> list[dict[str, Any]]:
        """Entities over the whole store: id, name, type, mentions and articles."""
        where = ["layer = 'entities'"]
        params: list[Any] = []
        if entity_type:
            where.append("label = ?")
            params.append(entity_type)
        if search:
            where.append(
                "(json_extract(data, '$.name') LIKE ? OR json_extract(data, '$.id') LIKE ?)"
            )
            params += [f"%{search}%", f"%{search}%"]
        sql = (
            "SELECT json_extract(data, '$.id') AS id, json_extract(data, '$.name') AS name,"
            # a country is GPE as a name and NORP as a nisba adjective: one entity
            " min(label) AS type, count(*) AS mentions, count(DISTINCT article_id) AS articles"
            " FROM spans WHERE " + " AND ".join(where) + " GROUP BY 1"
            " ORDER BY articles DESC, mentions DESC LIMIT ?"
        )
        cursor = self.conn.execute(sql, [*params, limit])
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor]

    def quotes(
        self, *, speaker: str | None = None, search: str | None = None, limit: int = 50
    ) -> list[dict[str, Any]]:
        """Stored quotes, newest articles first: kind, speaker (name, id, type),
        the quote text, and the article's id, outlet and date."""
        where = ["s.layer = 'quotes'"]
        params: list[Any] = []
        if speaker:
            where.append(
                "(json_extract(s.data, '$.speaker.name') LIKE ?"
                " OR json_extract(s.data, '$.speaker.id') LIKE ?)"
            )
            params += [f"%{speaker}%", f"%{speaker}%"]
        if search:
            where.append('substr(a.text, s.start + 1, s."end" - s.start) LIKE ?')
            params.append(f"%{search}%")
        sql = (
            "SELECT a.id AS article_id, a.published, a.outlet, s.label AS kind,"
            " json_extract(s.data, '$.speaker.name') AS speaker,"
            " json_extract(s.data, '$.speaker.id') AS speaker_id,"
            " json_extract(s.data, '$.speaker.type') AS speaker_type,"
            ' s.start, s."end", substr(a.text, s.start + 1, s."end" - s.start) AS text'
            " FROM spans s JOIN articles a ON a.id = s.article_id WHERE "
            + " AND ".join(where)
            + " ORDER BY a.published DESC, a.rowid DESC, s.start LIMIT ?"
        )
        cursor = self.conn.execute(sql, [*params, limit])
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor]

    def events(
        self,
        *,
        event_type: str | None = None,
        actor: str | None = None,
        place: str | None = None,
        since: str | None = None,
        limit: int = 50,
    ) -> list[dict[str, Any]]:
        """Stored events (layer "events"), newest first: type, mode, actor,
        target and place (text and id), date, flags, fatalities, the trigger
        and sentence offsets and the sentence text, with the article's id,
        outlet and date. ``actor``/``place`` match text or id (substring);
        ``since`` compares the event date, else the article date."""
        where = ["s.layer = 'events'"]
        params: list[Any] = []
        if event_type:
            where.append("s.label = ?")
            params.append(event_type.upper())
        for role, value in (("actor", actor), ("place", place)):
            if value:
                where.append(
                    f"(json_extract(s.data, '$.{role}.text') LIKE ?"
                    f" OR json_extract(s.data, '$.{role}.id') LIKE ?)"
                )
                params += [f"%{value}%", f"%{value}%"]
        if since:
            where.append("coalesce(json_extract(s.data, '$.date'), a.published) >= ?")
            params.append(since)
        sql = (
            "SELECT a.id AS article_id, a.published, a.outlet, s.label AS type,"
            " json_extract(s.data, '$.mode') AS mode, json_extract(s.data, '$.date') AS date,"
            " json_extract(s.data, '$.actor') AS actor, json_extract(s.data, '$.target') AS target,"
            " json_extract(s.data, '$.place') AS place,"
            " json_extract(s.data, '$.negated') AS negated,"
            " json_extract(s.data, '$.intended') AS intended,"
            " json_extract(s.data, '$.fatalities') AS fatalities,"
            " s.start, s.\"end\", json_extract(s.data, '$.sentence') AS sentence,"
            " substr(a.text, json_extract(s.data, '$.sentence[0]') + 1,"
            " json_extract(s.data, '$.sentence[1]') - json_extract(s.data, '$.sentence[0]'))"
            " AS sentence_text"
            " FROM spans s JOIN articles a ON a.id = s.article_id WHERE "
            + " AND ".join(where)
            + " ORDER BY coalesce(json_extract(s.data, '$.date'), a.published) DESC,"
            " a.rowid DESC, s.start LIMIT ?"
        )
        rows = self._dicts(sql, [*params, limit])
        for row in rows:
            for key in ("actor", "target", "place", "sentence"):
                row[key] = json.loads(row[key]) if row[key] else None
            row["negated"], row["intended"] = bool(row["negated"]), bool(row["intended"])
        return rows

    def counts(self) -> dict[str, int]:
        def one(sql: str) -> int:
            return int(self.conn.execute(sql).fetchone()[0])

        return {
            "articles": one("SELECT count(*) FROM articles"),
            "analysed": one("SELECT count(*) FROM articles WHERE status = 'analysed'"),
            "skipped": one("SELECT count(*) FROM articles WHERE status = 'skipped'"),
            "sources": one("SELECT count(*) FROM sources"),
            "spans": one("SELECT count(*) FROM spans"),
            "errors": one("SELECT count(*) FROM errors"),
        }

    def recent_errors(self, limit: int = 20) -> list[tuple[str, str, str]]:
        return self.conn.execute(
            "SELECT at, key, message FROM errors ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()

    # stories (marsad.stories) -------------------------------------------------
    def unclustered_ids(self) -> list[str]:
        """Analysed articles without a story yet, in ingest order."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM articles a WHERE status = 'analysed' AND NOT EXISTS"
                " (SELECT 1 FROM story_articles s WHERE s.article_id = a.id) ORDER BY rowid"
            )
        ]

    def clear_stories(self) -> None:
        with self.conn:
            for table in ("story_articles", "stories", "threads", "story_terms", "story_state"):
                self.conn.execute(f"DELETE FROM {table}")

    def _dicts(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, tuple(params))
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor]

    def story_snapshot(self, low: float | None, high: float | None) -> dict[str, Any]:
        """The saved clusterer state needed for articles dated within
        [low, high] (days since 1970): counts, every thread, and the articles
        (and their stories) dated in that range or undated."""
        if low is None or high is None:
            where, params = "day IS NULL", []
        else:
            where, params = "day IS NULL OR day BETWEEN ? AND ?", [low, high]
        articles = self._dicts(f"SELECT * FROM story_articles WHERE {where} ORDER BY seq", params)
        story_ids = sorted({row["story"] for row in articles})
        stories: list[dict[str, Any]] = []
        for chunk in _chunks(story_ids):
            marks = ",".join("?" * len(chunk))
            stories += self._dicts(f"SELECT * FROM stories WHERE id IN ({marks})", chunk)
        return {
            "state": dict(self.conn.execute("SELECT key, value FROM story_state").fetchall()),
            "df": dict(self.conn.execute("SELECT term, df FROM story_terms").fetchall()),
            "articles": articles,
            "stories": sorted(stories, key=lambda r: r["seq"]),
            "threads": self._dicts("SELECT * FROM threads ORDER BY seq"),
        }

    def write_stories(
        self,
        articles: list[tuple[Any, ...]],
        stories: list[tuple[Any, ...]],
        threads: list[tuple[Any, ...]],
        df: list[tuple[str, int]],
        state: dict[str, str],
    ) -> None:
        """Save clustering results and state in one transaction (rows in the
        column order of the tables, see migrations.m003_stories)."""
        with self.conn:
            self.conn.executemany(
                "INSERT INTO story_articles VALUES (?,?,?,?,?,?,?,?,?,?,?)", articles
            )
            self.conn.executemany(
                "INSERT OR REPLACE INTO stories VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", stories
            )
            self.conn.executemany("INSERT OR REPLACE INTO threads VALUES (?,?,?,?,?)", threads)
            self.conn.executemany("INSERT OR REPLACE INTO story_terms VALUES (?,?)", df)
            self.conn.executemany(
                "INSERT OR REPLACE INTO story_state VALUES (?,?)", list(state.items())
            )

    def list_stories(
        self, *, since: str | None = None, min_sources: int = 1, limit: int = 50
    ) -> list[dict[str, Any]]:
        """Stories, newest first: id, thread, title, first_seen, outlets, articles."""
        sql = (
            "SELECT id, thread, title, first_seen, outlets, articles FROM stories"
            " WHERE json_array_length(outlets) >= ?"
            + (" AND first_seen >= ?" if since else "")
            + " ORDER BY first_seen DESC, seq DESC LIMIT ?"
        )
        params = [min_sources, *([since] if since else []), limit]
        rows = self._dicts(sql, params)
        for row in rows:
            row["outlets"] = json.loads(row["outlets"])
        return rows

    def story(self, id_or_prefix: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """A story (id or unique prefix, or the id of one of its articles) and
        its members' assignment rows, in arrival order."""
        rows = self._dicts("SELECT * FROM stories WHERE id LIKE ? || '%' LIMIT 2", [id_or_prefix])
        if not rows:
            member = self.conn.execute(
                "SELECT story FROM story_articles WHERE article_id LIKE ? || '%' LIMIT 1",
                (id_or_prefix,),
            ).fetchone()
            if member:
                rows = self._dicts("SELECT * FROM stories WHERE id = ?", [member[0]])
        if len(rows) != 1:
            problem = "is ambiguous" if rows else "not found"
            raise StoreError(f"story {id_or_prefix!r} {problem} in {self.path}")
        members = self._dicts(
            "SELECT article_id, seq, duplicate_of, evidence FROM story_articles"
            " WHERE story = ? ORDER BY seq",
            [rows[0]["id"]],
        )
        return rows[0], members


def _article_row(doc: Doc, stamp: str) -> tuple[Any, ...]:
    meta = doc.meta
    return (
        doc.id,
        doc.content_hash,
        doc.text,
        meta.title,
        meta.outlet,
        meta.url,
        meta.author,
        meta.date,
        doc.lang,
        "skipped" if doc.skipped else "analysed",
        doc.skip_reason,
        meta.fmt,
        meta.source,
        json.dumps(meta.extra, ensure_ascii=False) if meta.extra else None,
        stamp,
    )


def _add_spans(doc: Doc, conn: sqlite3.Connection) -> None:
    for layer, start, end, label, data in conn.execute(
        'SELECT layer, start, "end", label, data FROM spans WHERE article_id = ? ORDER BY rowid',
        (doc.id,),
    ):
        doc.add(layer, start, end, label or "", json.loads(data) if data else None)


def _doc_from_row(row: dict[str, Any]) -> Doc:
    meta = Metadata(
        title=row["title"],
        outlet=row["outlet"],
        url=row["url"],
        author=row["author"],
        date=row["published"],
        source=row["source"],
        fmt=row["fmt"],
        extra=json.loads(row["meta"]) if row["meta"] else {},
    )
    doc = Doc(row["text"], id=row["id"], meta=meta)
    doc.lang = row["lang"]
    doc.skip_reason = row["skip_reason"]
    return doc
