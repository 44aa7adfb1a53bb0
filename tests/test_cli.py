"""The command line, on real SQLite stores in temporary folders."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.interfaces.cli import cli

ARTICLE = (
    "عنوان الخبر عن افتتاح المدرسة\n\n"
    "حلب - افتتحت مديرية التربية مدرسة جديدة في حي الشعار. "
    "وقال مدير التربية إن «المدرسة تستقبل ألف طالب».\n"
    "جميع الحقوق محفوظة © 2024\n"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str, input: str | None = None):
    return runner.invoke(cli, list(args), input=input, catch_exceptions=False)


def test_every_command_has_help(runner):
    commands = ("ingest", "list", "show", "export", "analyze", "errors", "entities", "quotes")
    for command in (*commands, "events", "stories"):
        result = invoke(runner, command, "--help")
        assert result.exit_code == 0
        assert "--db" in result.output


def test_ingest_list_show_export(runner, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "m.db")
    result = invoke(runner, "ingest", "--quiet", "--db", db, str(tmp_path / "a.txt"))
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output
    listed = invoke(runner, "list", "--db", db, "--json")
    row = json.loads(listed.output.splitlines()[0])
    assert row["title"] == "عنوان الخبر عن افتتاح المدرسة"
    shown = invoke(runner, "show", row["id"][:8], "--db", db)
    assert "حي الشعار" in shown.output
    assert "boilerplate" in shown.output
    exported = invoke(runner, "export", "--db", db)
    record = json.loads(exported.output.splitlines()[0])
    assert record["text"] == ARTICLE
    assert record["sources"] == [str(tmp_path / "a.txt")]
    for start, end in record["sentences"]:
        assert 0 <= start < end <= len(ARTICLE)


def test_entities_lists_stored_mentions(runner, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "m.db")
    invoke(runner, "ingest", "--quiet", "--db", db, str(tmp_path / "a.txt"))
    listed = invoke(runner, "entities", "--db", db, "--json")
    rows = [json.loads(line) for line in listed.output.splitlines()]
    names = {row["name"]: row for row in rows}
    assert "حلب" in names
    assert names["حلب"]["articles"] == 1
    only_places = invoke(runner, "entities", "--db", db, "--json", "--type", "GPE")
    assert all(json.loads(line)["type"] == "GPE" for line in only_places.output.splitlines())


def test_db_from_environment(runner, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setenv("MARSAD_DB", str(tmp_path / "env.db"))
    assert invoke(runner, "ingest", "-q", str(tmp_path / "a.txt")).exit_code == 0
    assert (tmp_path / "env.db").exists()


def test_show_unknown_id_fails_clearly(runner, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "m.db")
    invoke(runner, "ingest", "-q", "--db", db, str(tmp_path / "a.txt"))
    result = runner.invoke(cli, ["show", "ffffffff", "--db", db])
    assert result.exit_code != 0
    assert "no article" in result.output


def test_commands_on_a_missing_store_fail_clearly(runner, tmp_path):
    result = runner.invoke(cli, ["list", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0
    assert "no marsad store" in result.output


def test_bad_items_fail_alone_and_set_the_exit_status(runner, tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (batch / "empty.txt").write_bytes(b"")
    (batch / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (batch / "english.txt").write_text(
        "The council opened a new school in the city on Monday, officials said. " * 3,
        encoding="utf-8",
    )
    (batch / "lines.jsonl").write_text(
        '{"id": 1, "text": "وصل الوفد إلى بغداد أمس في زيارة رسمية تستمر يومين."}\n{not json}\n',
        encoding="utf-8",
    )
    truncated = gzip.compress(
        "".join(
            json.dumps({"id": i, "text": f"افتتح المعرض رقم {i} أبوابه في الرياض أمس."}) + "\n"
            for i in range(2000)
        ).encode("utf-8")
    )
    (batch / "cut.jsonl.gz").write_bytes(truncated[: len(truncated) // 2])
    db = str(tmp_path / "m.db")
    result = invoke(runner, "ingest", "-q", "--db", db, str(batch))
    assert result.exit_code == 1
    assert "empty" in result.output and "binary" in result.output
    assert "invalid JSON" in result.output
    listed = invoke(runner, "list", "--db", db, "--json", "--limit", "5000")
    rows = [json.loads(line) for line in listed.output.splitlines()]
    statuses = sorted(r["status"] for r in rows)
    assert statuses.count("skipped") == 1  # the English article, kept with its reason
    # analysed: good.txt, the valid JSON line, the gzip lines before the cut
    assert statuses.count("analysed") >= 3
    errors = invoke(runner, "errors", "--db", db)
    assert "empty.txt" in errors.output


def test_analyze_follows_the_contract_and_leaves_the_store_alone(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "بيروت - قال الوزير: «الوضع مستقر». وأضاف أن المساعدات وصلت.\r\nتابعونا على تويتر"
    lines = "\n".join(
        [
            json.dumps({"id": "x1", "text": text, "title": "خبر", "date": "2020-08-05"}),
            "{broken",
            json.dumps({"id": "x2"}),
            json.dumps({"id": "x3", "text": "Breaking news from the capital city this morning."}),
            "",
        ]
    )
    result = invoke(runner, "analyze", input=lines)
    out = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [o.get("id") for o in out] == ["x1", None, "x2", "x3"]
    first = out[0]
    assert first["text"] == text
    for key in ("lang", "sentences", "boilerplate", "entities", "quotes", "events", "dates"):
        assert key in first
    assert first["lang"] == "ar"
    sentences = [text[s:e] for s, e in first["sentences"]]
    assert "قال الوزير: «الوضع مستقر»." in sentences[0]
    assert [text[s:e] for s, e in first["boilerplate"]] == ["تابعونا على تويتر"]
    assert "error" in out[1] and "invalid JSON" in out[1]["error"]
    assert "text" in out[2]["error"]
    assert out[3]["lang"] == "en" and out[3]["skip_reason"]
    assert not Path("marsad.db").exists()


def test_analyze_can_store_when_asked(runner, tmp_path):
    db = str(tmp_path / "a.db")
    line = json.dumps({"id": "x1", "text": "وصل الوفد الحكومي إلى المدينة صباح اليوم."})
    invoke(runner, "analyze", "--store", "--db", db, input=line + "\n")
    listed = invoke(runner, "list", "--db", db, "--json")
    assert len(listed.output.strip().splitlines()) == 1


def test_example_corpus_ingests_cleanly(runner, tmp_path, examples):
    db = str(tmp_path / "ex.db")
    result = invoke(runner, "ingest", "-q", "--db", db, str(examples))
    assert result.exit_code == 0, result.output
    rows = [
        json.loads(line)
        for line in invoke(
            runner, "list", "--db", db, "--json", "--limit", "1000"
        ).output.splitlines()
    ]
    assert len(rows) >= 30
    assert all(r["status"] == "analysed" for r in rows)
    assert all(r["sentences"] > 0 for r in rows)
