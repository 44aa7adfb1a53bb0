"""User KB files, the PETRARCH actor-dictionary importer and `marsad kb`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.entities import kb as kb_module
from marsad.entities.kb import (
    KBFileError,
    build_kb,
    check_user_file,
    kb_files_from_env,
    load_tsv,
    set_user_kb_files,
    user_files,
)
from marsad.entities.petrarch import (
    import_actor_dictionary,
    import_file,
    parse_actor_dictionary,
    write_tsv,
)
from marsad.interfaces.cli import cli

# A small actor dictionary in the PETRARCH format, written for these tests
# (public names and institutions; one malformed code line, one phrase without codes).
SAMPLE = """\
# actor dictionary written for marsad's tests
وزارة_دفاع_أميركي_  [USAGOV]
+بنتاغون
اتحاد_أفريقي_  [IGO]  # inline comment
نوري_المالكي_
\t[IRQGOV 20060520-20140908]
\t[IRQELI >20140908]
رئيس_وزير_عراقي_نوري_المالكي_
\t[IRQGOV 20060520-20140908]
حركة_حماس_  [PSEREB]
<!-- a comment block
over two lines -->
عراقي  [IRQ]
بغداد  [IRQ]
جيش_لبناني_  [LBNMIL]  ; TABARI-style comment
\t[ 20010101-20020101]
كلمة_بلا_رمز_
"""
MALFORMED_CODE_LINE = 16
NO_CODE_LINE = 17


@pytest.fixture(autouse=True)
def no_user_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts without user files and leaves $MARSAD_KB as it was."""
    monkeypatch.delenv(kb_module.KB_ENV, raising=False)
    monkeypatch.setattr(kb_module, "_user_files", None)


@pytest.fixture
def sample_tsv(tmp_path: Path) -> Path:
    result = import_actor_dictionary(parse_actor_dictionary(SAMPLE.splitlines()))
    path = tmp_path / "sample.tsv"
    with path.open("w", encoding="utf-8") as out:
        write_tsv(result.actors, out, source="sample")
    return path


def _actors() -> dict[str, object]:
    result = import_actor_dictionary(parse_actor_dictionary(SAMPLE.splitlines()))
    return {actor.id: actor for actor in result.actors}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- the importer --------------------------------------------------------------------


def test_parse_reports_problems_with_line_numbers() -> None:
    parsed = parse_actor_dictionary(SAMPLE.splitlines())
    result = import_actor_dictionary(parsed)
    problems = {p.line: p.message for p in result.problems}
    assert problems == {
        MALFORMED_CODE_LINE: "date restriction without a code",
        NO_CODE_LINE: "no usable code, entry skipped",
    }
    assert parsed.records[0].phrases == ["وزارة_دفاع_أميركي_", "بنتاغون"]


def test_types_countries_and_codes() -> None:
    actors = _actors()
    dod = actors["pet:وزارة_دفاع_أميركي"]
    assert (dod.type, dod.kind, dod.country) == ("ORG", "government", "US")
    assert {"وزارة دفاع أميركي", "بنتاغون"} <= {dod.name_ar, *dod.aliases_ar}
    assert actors["pet:اتحاد_أفريقي"].kind == "intergovernmental"
    assert actors["pet:حركة_حماس"].kind == "armed_group"
    assert actors["pet:جيش_لبناني"].country == "LB"
    assert actors["pet:عراقي"].type == "NORP"
    baghdad = actors["pet:بغداد"]
    assert (baghdad.type, baghdad.parent) == ("GPE", "gpe:IQ")


def test_titled_person_merges_with_the_bare_name() -> None:
    maliki = _actors()["pet:نوري_المالكي"]
    assert maliki.type == "PER"
    assert "رئيس وزير عراقي نوري المالكي" in maliki.aliases_ar
    assert [str(c) for c in maliki.codes] == ["IRQGOV 20060520-20140908", "IRQELI >20140908"]


def test_article_and_feminine_variants() -> None:
    aliases = set(_actors()["pet:وزارة_دفاع_أميركي"].aliases_ar)
    assert {"وزارة الدفاع الأميركي", "وزارة الدفاع الأميركية"} <= aliases
    assert "الاتحاد الأفريقي" in _actors()["pet:اتحاد_أفريقي"].aliases_ar


def test_converted_file_loads_and_is_found(sample_tsv: Path) -> None:
    kb = build_kb([sample_tsv], gazetteer=False)
    assert "pet:وزارة_دفاع_أميركي" in {e.id for e in kb.lookup("وزارة الدفاع الأميركية")}
    assert "pet:وزارة_دفاع_أميركي" in {e.id for e in kb.lookup("بنتاغون")}
    assert "pet:اتحاد_أفريقي" in {e.id for e in kb.lookup("الاتحاد الأفريقي")}
    assert kb.get("pet:نوري_المالكي").type == "PER"
    assert kb.get("pet:بغداد").source == "sample.tsv"


def test_converted_file_loads_with_load_tsv(sample_tsv: Path) -> None:
    kb = kb_module.KnowledgeBase()
    assert load_tsv(kb, sample_tsv, "ORG") == check_user_file(sample_tsv) == len(_actors())


def test_non_actor_lines_are_reported_not_fatal() -> None:
    verbs = ["--- قال [010] ---", "- * &MILITARY [154]", "&LEADER", "+زعيم", "[IRQ]"]
    result = import_actor_dictionary(parse_actor_dictionary(verbs))
    assert result.actors == []
    assert [p.line for p in result.problems] == [1, 2, 3, 4, 5]


# --- user files ----------------------------------------------------------------------

HEADER = "id\ttype\tname_ar\tname_en\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("type\tname_ar\nORG\tاسم\n", ":1: missing required column 'id'"),
        ("id\ttype\nx\tORG\n", ":1: missing required column 'name_ar' or 'name_en'"),
        (HEADER + "a\tORG\tاسم\t\nb\tARMY\tاسم\t\n", ":3: unknown entity type 'ARMY'"),
        ("# note\n" + HEADER + "\tORG\tاسم\t\n", ":3: empty id"),
        (HEADER + "c\tORG\t\t\n", ":2: no name_ar or name_en"),
        ("", "empty file"),
    ],
)
def test_user_file_errors(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "user.tsv", text)
    with pytest.raises(KBFileError, match=message) as info:
        build_kb([path], gazetteer=False)
    assert str(path) in str(info.value)


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(KBFileError, match="no such file"):
        build_kb([tmp_path / "absent.tsv"], gazetteer=False)


def test_user_file_default_type_is_org(tmp_path: Path) -> None:
    path = write(tmp_path / "u.tsv", "id\tname_ar\tcountry\nu:x\tهيئة تجريبية\tSY\n")
    entry = build_kb([path], gazetteer=False).get("u:x")
    assert (entry.type, entry.country) == ("ORG", "SY")


def test_set_user_kb_files_and_env(tmp_path: Path, sample_tsv: Path) -> None:
    assert user_files() == ()
    set_user_kb_files([sample_tsv])
    assert user_files() == (sample_tsv.resolve(),)
    # worker processes read the choice from the environment
    assert kb_files_from_env() == [sample_tsv.resolve()]
    with pytest.raises(KBFileError):
        set_user_kb_files([tmp_path / "absent.tsv"])


def test_kb_files_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(kb_module.KB_ENV, os.pathsep.join(["a.tsv", "", "b.tsv"]))
    assert kb_files_from_env() == [Path("a.tsv"), Path("b.tsv")]
    assert user_files() == (Path("a.tsv"), Path("b.tsv"))


# --- command line --------------------------------------------------------------------


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_import_petrarch(tmp_path: Path) -> None:
    source = write(tmp_path / "actors.txt", SAMPLE)
    out = tmp_path / "actors.tsv"
    result = invoke("kb", "import-petrarch", str(source), "-o", str(out))
    assert result.exit_code == 0
    assert f"line {MALFORMED_CODE_LINE}: date restriction without a code" in result.output
    assert f"{len(_actors())} entries" in result.output
    assert check_user_file(out) == len(_actors())


def test_cli_import_rejects_a_non_actor_file(tmp_path: Path) -> None:
    source = write(tmp_path / "agents.txt", "SOLDIER [~MIL] جندي\n")
    result = invoke("kb", "import-petrarch", str(source))
    assert result.exit_code == 1
    assert "no actor entries" in result.output


def test_cli_stats_and_lookup(sample_tsv: Path) -> None:
    result = invoke("kb", "stats", "--kb", str(sample_tsv), "--no-gazetteer", "--json")
    stats = json.loads(result.output)
    assert stats["sources"]["sample.tsv"] == len(_actors())
    assert stats["types"]["PER"] >= 1

    result = invoke("kb", "lookup", "وزارة الدفاع الأميركية", "--kb", str(sample_tsv),
                    "--no-gazetteer")  # fmt: skip
    assert result.exit_code == 0
    assert "pet:وزارة_دفاع_أميركي" in result.output
    assert "country=US" in result.output


def test_cli_lookup_reads_env_and_reports_misses(
    monkeypatch: pytest.MonkeyPatch, sample_tsv: Path
) -> None:
    monkeypatch.setenv(kb_module.KB_ENV, str(sample_tsv))
    found = invoke("kb", "lookup", "بنتاغون", "--no-gazetteer", "--json")
    assert json.loads(found.output.splitlines()[0])["id"] == "pet:وزارة_دفاع_أميركي"
    missing = invoke("kb", "lookup", "اسم لا وجود له", "--no-gazetteer")
    assert missing.exit_code == 1


def test_cli_kb_option_validates_files(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.tsv", HEADER + "a\tARMY\tاسم\t\n")
    for command in ("analyze", "ingest"):
        result = invoke(command, "--kb", str(bad), "x")
        assert result.exit_code == 2
        assert "unknown entity type" in result.output
    assert "--kb" in invoke("analyze", "--help").output
    assert "--kb" in invoke("ingest", "--help").output


# --- the real UniversalPetrarch dictionary (optional) --------------------------------


REAL_DICTIONARY = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "universalpetrarch_arabic"
    / "dictionaries"
    / "actor_dict_ar_v4.txt"
)


@pytest.mark.skipif(
    not REAL_DICTIONARY.is_file(),
    reason="UniversalPetrarch Arabic dictionaries not present (third-party data, not in the repo)",
)
def test_real_universalpetrarch_actor_dictionary(tmp_path: Path) -> None:
    result = import_file(REAL_DICTIONARY)
    assert len(result.actors) > 3000
    assert set(result.counts_by_type()) <= {"PER", "ORG", "GPE", "NORP"}
    assert len(result.problems) < 100
    out = tmp_path / "petrarch.tsv"
    with out.open("w", encoding="utf-8") as handle:
        write_tsv(result.actors, handle)
    kb = build_kb([out], gazetteer=False)
    assert any(e.id.startswith("pet:") for e in kb.lookup("وزارة الدفاع الأميركية"))
