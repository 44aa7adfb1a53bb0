"""The SQLite store: schema migrations, round trips, idempotent and resumable ingest."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from marsad.doc import Doc, Metadata
from marsad.ingest import ingest
from marsad.pipeline import default_pipeline
from marsad.store import SourceRow, Store, StoreError

SAMPLE = "الحسكة - أعلن المجلس المحلي افتتاح جسر جديد.\nوقال رئيس المجلس إن «العمل انتهى».\n"


def article(i: int) -> str:
    return (
        f"دمشق - أعلنت وزارة النقل افتتاح الطريق رقم {i} بعد أعمال صيانة استمرت أسابيع. "
        f"وقال مدير الطرق إن «الطريق {i} سيخدم آلاف المسافرين يومياً». "
        "وأضاف أن أعمالاً أخرى ستبدأ الشهر المقبل في المحافظات الشمالية."
    )


def write_jsonl(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            record = {"id": f"a{i}", "text": article(i), "title": f"خبر {i}", "date": "2024-05-01"}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def test_schema_is_migrated_once_and_recorded(tmp_path):
    db = tmp_path / "s.db"
    with Store(db) as store:
        assert store.schema_version[0] == "m001_articles_and_spans"
    with Store(db) as store:  # reopening applies nothing twice
        assert store.schema_version[0] == "m001_articles_and_spans"
        tables = set(store.db.table_names())
    assert {"articles", "spans", "sources", "runs", "errors", "_sqlite_migrations"} <= tables


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no marsad store"):
        Store(tmp_path / "absent.db", create=False)


def test_not_a_database_is_a_clear_error(tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        Store(bogus)


def test_round_trip_keeps_text_and_spans_exactly(tmp_path):
    doc = default_pipeline()(Doc(SAMPLE, meta=Metadata(outlet="وكالة", date="2024-05-01")))
    with Store(tmp_path / "s.db") as store:
        store.write_batch([doc], [SourceRow("mem:1", doc.id, "text")], [])
        again = store.get(doc.id[:6])
    assert again.text == SAMPLE
    assert again.meta.outlet == "وكالة"
    assert again.layers == doc.layers
    assert [again.span_text(s) for s in again.sentences][-1] == "وقال رئيس المجلس إن «العمل انتهى»."


def test_ingest_is_idempotent_and_records_duplicates_as_sources(tmp_path):
    src = write_jsonl(tmp_path / "a.jsonl", 30)
    copy = tmp_path / "copy.jsonl"
    copy.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        first = ingest([str(src)], store, batch_size=7)
        second = ingest([str(src)], store, batch_size=7)
        third = ingest([str(copy)], store, batch_size=7)
        counts = store.counts()
    assert (first.added, first.duplicates, first.already) == (30, 0, 0)
    assert (second.added, second.already) == (0, 30)
    assert (third.added, third.duplicates) == (0, 30)
    assert counts["articles"] == 30
    assert counts["sources"] == 60


class Interrupt(BaseException):
    """Stands for a kill: not an Exception, so nothing on the way catches it."""


def test_interrupted_ingest_leaves_whole_batches_and_resumes(tmp_path):
    src = write_jsonl(tmp_path / "a.jsonl", 25)
    pipeline = default_pipeline()
    seen = 0

    def explode_on_18th(doc: Doc) -> None:
        nonlocal seen
        seen += 1
        if seen == 18:
            raise Interrupt

    pipeline.add("explode", explode_on_18th)
    db = tmp_path / "s.db"
    with Store(db) as store, pytest.raises(Interrupt):
        ingest([str(src)], store, pipeline=pipeline, batch_size=5)
    with Store(db) as store:
        # batches of 5: the first three committed, the fourth rolled back
        assert store.counts()["articles"] == 15
        ids = [row["id"] for row in store.list_articles(limit=100)]
        assert all(store.get(i).sentences for i in ids)
        report = ingest([str(src)], store, batch_size=5)
        assert (report.added, report.already) == (10, 15)
        assert store.counts()["articles"] == 25


def _processes_marked(marker: str, wait: float = 5.0) -> list[int]:
    """Running processes whose environment holds ``marker`` (an ingest and the
    workers it forked), after waiting up to ``wait`` seconds for them to end."""
    deadline = time.monotonic() + wait
    while True:
        alive = [int(p.name) for p in Path("/proc").iterdir() if _has_marker(p, marker)]
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.2)


def _has_marker(proc: Path, marker: str) -> bool:
    if not proc.name.isdigit():
        return False
    try:
        return marker.encode() in (proc / "environ").read_bytes()
    except OSError:
        return False


def test_killed_process_leaves_a_consistent_store_that_resumes(tmp_path):
    src = write_jsonl(tmp_path / "many.jsonl", 6000)
    db = tmp_path / "k.db"
    marsad = [sys.executable, "-m", "marsad.interfaces.cli"]
    cmd = [*marsad, "ingest", "--quiet", "--batch-size", "200", "--db", str(db), str(src)]
    marker = f"MARSAD_TEST_RUN=killed-{os.getpid()}-{time.monotonic_ns()}"
    env = {**os.environ, "MARSAD_TEST_RUN": marker.split("=", 1)[1]}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as conn:
                    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 200:
                break
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        orphans = conn.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM spans s WHERE s.article_id = a.id)"
        ).fetchone()[0]
    assert n % 200 == 0 or n == 6000  # whole batches only
    assert orphans == 0
    if Path("/proc/self/environ").exists():
        assert _processes_marked(marker) == []  # its worker processes ended with it
    rerun = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 6000
        assert conn.execute("SELECT count(*) FROM sources").fetchone()[0] == 6000


def test_parallel_ingest_overlapping_batches_matches_serial(tmp_path):
    # 240 records, the last 80 repeating earlier texts under new ids: duplicates
    # fall in later batches than their originals, some while those are in flight
    src = tmp_path / "dups.jsonl"
    with src.open("w", encoding="utf-8") as handle:
        for i in range(240):
            text = article(i if i < 160 else i - 80)
            handle.write(json.dumps({"id": f"r{i}", "text": text}, ensure_ascii=False) + "\n")
    results = {}
    for jobs in (1, 2):
        with Store(tmp_path / f"j{jobs}.db") as store:
            report = ingest(
                [str(src)], store, batch_size=70, jobs=jobs, stages=["clean", "sentences"]
            )
            assert (report.added, report.duplicates, report.failed) == (160, 80, 0)
            rows = store.conn.execute(
                "SELECT s.key, a.id, (SELECT count(*) FROM spans p WHERE p.article_id = a.id)"
                " FROM sources s JOIN articles a ON a.id = s.article_id"
            ).fetchall()
            results[jobs] = sorted(rows)
    assert len(results[1]) == 240
    assert results[1] == results[2]
