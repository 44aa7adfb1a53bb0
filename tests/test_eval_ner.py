"""NER evaluation: reading CoNLL gold, type mapping, token snapping, scoring, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.doc import Doc
from marsad.evaluation import ner
from marsad.evaluation.ner import (
    ConllError,
    Mention,
    PseudoDoc,
    Sentence,
    TypeFilter,
    confusion,
    decode_bio,
    detect_tag_column,
    evaluate,
    evaluate_file,
    format_report,
    parse_type_map,
    parse_types,
    read_conll,
)
from marsad.interfaces.cli import cli
from marsad.pipeline import Pipeline

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

# Three invented sentences. After the default type map: PER محمد علي, خالد;
# LOC حلب (GPE), دمشق; ORG الأمم المتحدة, لقوات الجيش; DATE is dropped.
GOLD = """\
زار O
محمد B-PERS
علي I-PERS
مدينة O
حلب B-GPE
أمس O
. O

وقالت O
الأمم B-ORG
المتحدة I-ORG
إن O
لقوات B-ORG
الجيش I-ORG
دورا O
يوم O
الأحد B-DATE
. O

ووصل O
خالد B-PER
إلى O
دمشق B-LOC
. O
"""
# What the fake entity stage tags, wherever the text occurs.
PREDICTIONS = [
    ("محمد علي", "PER"),  # correct
    ("حلب", "GPE"),  # correct once GPE -> LOC
    ("الأمم", "ORG"),  # partial overlap with الأمم المتحدة, same type
    ("قوات الجيش", "ORG"),  # starts inside the token لقوات: snaps to it, correct
    ("أمس", "PER"),  # spurious
    ("دمشق", "PER"),  # right boundaries, wrong type (gold LOC)
    ("الأحد", "DATE"),  # not in the type map: dropped
]


def fake_entities(doc: Doc) -> None:
    for text, label in PREDICTIONS:
        start = doc.text.find(text)
        while start >= 0:
            doc.add("entities", start, start + len(text), label)
            start = doc.text.find(text, start + 1)


def fake_pipeline() -> Pipeline:
    return Pipeline().add("entities", fake_entities)


def write(tmp_path: Path, text: str, name: str = "gold.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# reading ---------------------------------------------------------------------


def test_read_bio_sentences(tmp_path):
    sentences = list(read_conll(write(tmp_path, GOLD)))
    assert [len(s.tokens) for s in sentences] == [7, 10, 5]
    assert sentences[0].tokens[:3] == ("زار", "محمد", "علي")
    assert sentences[1].line == 9
    assert sentences[0].mentions() == [Mention(1, 3, "PERS"), Mention(4, 5, "GPE")]


def test_blank_runs_docstart_and_missing_final_newline(tmp_path):
    text = "-DOCSTART- O\n\nسمير B-PER\n\n\n\nنادر B-PER\nو O"
    sentences = list(read_conll(write(tmp_path, text)))
    assert [s.tokens for s in sentences] == [("سمير",), ("نادر", "و")]


def test_iob1_and_broken_bio_open_mentions():
    # IOB1: I- opens; a type change inside a run starts a new mention.
    tags = ["I-PER", "I-PER", "I-LOC", "O", "I-ORG", "B-ORG", "I-ORG"]
    assert decode_bio(tags) == [
        Mention(0, 2, "PER"),
        Mention(2, 3, "LOC"),
        Mention(4, 5, "ORG"),
        Mention(5, 7, "ORG"),
    ]


def test_nested_file_scores_the_outermost_column_by_default(tmp_path):
    nested = "رئيس B-OCC\nهيئة I-OCC B-ORG\nالمياه I-OCC I-ORG\nفي O\nبيروت B-GPE\n"
    path = write(tmp_path, nested)
    assert detect_tag_column(path) == 2
    [outer] = read_conll(path)
    assert outer.mentions() == [Mention(0, 3, "OCC"), Mention(4, 5, "GPE")]
    [inner] = read_conll(path, tag_column=3)  # tokens without a third column are O
    assert inner.mentions() == [Mention(1, 3, "ORG")]


def test_fixed_width_file_has_the_tag_last(tmp_path):
    path = write(tmp_path, "سافر VERB O\nسمير NOUN B-PER\n")
    assert detect_tag_column(path) == 3
    [sentence] = read_conll(path)
    assert sentence.tags == ("O", "B-PER")


@pytest.mark.parametrize(
    ("text", "message"),
    [("سمير B-PER\nنادر PER\n", "gold.txt:2: not a BIO tag: 'PER'"), ("سمير\n", "gold.txt:1")],
)
def test_bad_lines_name_file_and_line(tmp_path, text, message):
    with pytest.raises(ConllError, match=message):
        list(read_conll(write(tmp_path, text)))


# types -----------------------------------------------------------------------


def test_type_map_defaults_overrides_and_drops():
    mapping = parse_type_map(["GPE=GPE,date=TIME", "NORP="])
    assert mapping["GPE"] == "GPE"
    assert mapping["DATE"] == "TIME"
    assert "NORP" not in mapping
    assert mapping["PERS"] == "PER"
    with pytest.raises(ValueError, match="FROM=TO"):
        parse_type_map(["GPE"])


def test_type_filter_maps_and_restricts():
    keep = TypeFilter(ner.DEFAULT_TYPE_MAP, parse_types("per, loc"))
    assert keep("PERS") == "PER"
    assert keep("fac") == "LOC"
    assert keep("ORG") is None  # mapped but not scored
    assert keep("DATE") is None  # not mapped
    assert parse_types("") is None


# snapping --------------------------------------------------------------------


def test_predictions_snap_to_whole_tokens():
    sentences = [Sentence(("لقوات", "الجيش"), ("B-ORG", "I-ORG")), Sentence(("هنا",), ("O",))]
    pseudo = PseudoDoc.build(sentences, first_token=10)
    assert pseudo.text == "لقوات الجيش\nهنا"
    assert pseudo.covered_tokens(1, 5) == (10, 11)  # قوات inside لقوات
    assert pseudo.covered_tokens(1, 8) == (10, 12)
    assert pseudo.covered_tokens(5, 6) is None  # the space alone
    assert pseudo.covered_tokens(12, 15) == (12, 13)  # next sentence, after the line break
    assert pseudo.gold == [Mention(10, 12, "ORG")]


# scoring ---------------------------------------------------------------------


@pytest.mark.parametrize("doc_size", [1, 2, 20])
def test_scores_by_hand(tmp_path, doc_size):
    result = evaluate_file(write(tmp_path, GOLD), pipeline=fake_pipeline(), doc_size=doc_size)
    scores = {t: (s.gold, s.predicted, s.correct) for t, s in result.per_type.items()}
    assert scores == {"LOC": (2, 1, 1), "ORG": (2, 2, 1), "PER": (2, 3, 1)}
    per = result.per_type["PER"]
    assert (per.precision, per.recall, per.f1) == pytest.approx((1 / 3, 1 / 2, 0.4))
    assert result.per_type["LOC"].f1 == pytest.approx(2 / 3)
    assert (result.micro.precision, result.micro.recall, result.micro.f1) == (0.5, 0.5, 0.5)
    macro = result.macro
    assert macro.precision == pytest.approx((1 / 3 + 1 + 1 / 2) / 3)
    assert macro.recall == pytest.approx(1 / 2)
    assert macro.f1 == pytest.approx((0.4 + 2 / 3 + 1 / 2) / 3)
    c = result.confusion
    assert dict(c.wrong_type) == {("LOC", "PER"): 1}
    assert (c.partial_same_type, c.partial_other_type, c.spurious, c.missed) == (1, 0, 1, 1)
    assert (result.sentences, result.tokens) == (3, 22)


def test_types_option_restricts_gold_and_predictions(tmp_path):
    result = evaluate_file(write(tmp_path, GOLD), pipeline=fake_pipeline(), types={"ORG"})
    assert list(result.per_type) == ["ORG"]
    assert result.confusion.wrong_type == {}  # دمشق is neither gold nor prediction now


def test_confusion_partial_overlap_of_another_type():
    gold = {Mention(0, 2, "ORG"), Mention(5, 6, "PER")}
    predicted = {Mention(1, 3, "LOC"), Mention(5, 6, "PER")}
    c = confusion(gold, predicted)
    assert (c.partial_same_type, c.partial_other_type, c.spurious, c.missed) == (0, 1, 0, 0)


def test_no_predictions_score_zero():
    sentences = [Sentence(("سمير",), ("B-PER",))]
    result = evaluate(sentences, pipeline=Pipeline())
    assert (result.micro.precision, result.micro.recall, result.micro.f1) == (0.0, 0.0, 0.0)
    assert result.confusion.missed == 1


def test_report_and_throughput(tmp_path):
    result = evaluate_file(write(tmp_path, GOLD), pipeline=fake_pipeline(), doc_size=2)
    throughput = result.throughput
    assert throughput.documents == 2
    assert (
        throughput.chars
        == sum(len(" ".join(s.tokens)) for s in read_conll(tmp_path / "gold.txt")) + 1
    )
    assert list(throughput.stage_seconds) == ["entities"]
    report = format_report(result)
    table = report.splitlines()[3:9]
    assert table[0].split() == ["type", "gold", "predicted", "correct", "precision", "recall", "F1"]
    assert table[4].split() == ["micro", "6", "6", "3", "50.0", "50.0", "50.0"]
    assert len({len(line) for line in table[:5]}) == 1  # aligned
    assert "LOC→PER 1" in report
    assert "ms per 1,000 chars" in report


# command line ----------------------------------------------------------------


@pytest.fixture
def runner(monkeypatch) -> CliRunner:
    monkeypatch.setattr(ner, "default_pipeline", fake_pipeline)
    return CliRunner()


def test_cli_eval_ner_json(runner, tmp_path):
    path = write(tmp_path, GOLD)
    args = ["eval", "ner", str(path), "--json", "--doc-size", "2", "--type-map", "GPE=GPE"]
    result = runner.invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    # GPE kept apart on both sides: حلب is scored as GPE, and LOC keeps only دمشق.
    assert data["per_type"]["GPE"] == pytest.approx(
        {"gold": 1, "predicted": 1, "correct": 1, "precision": 1, "recall": 1, "f1": 1}
    )
    assert data["micro"]["correct"] == 3
    assert data["settings"]["doc_size"] == 2
    assert data["settings"]["tag_column"] == 2


def test_cli_eval_ner_text_limit_and_errors(runner, tmp_path):
    path = write(tmp_path, GOLD)
    result = runner.invoke(cli, ["eval", "ner", str(path), "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert "1 sentences" in result.output and "micro" in result.output
    bad = runner.invoke(cli, ["eval", "ner", str(path), "--type-map", "GPE"])
    assert bad.exit_code == 2 and "FROM=TO" in bad.output
    broken = runner.invoke(cli, ["eval", "ner", str(write(tmp_path, "سمير PER\n", "b.txt"))])
    assert broken.exit_code == 1 and "b.txt:1" in broken.output


def test_cli_eval_help_explains_the_gold_format():
    result = CliRunner().invoke(cli, ["eval", "ner", "--help"])
    assert result.exit_code == 0
    assert "B-PER" in result.output and "--tag-column" in result.output


def test_aqmar_dev_sample():
    path = SHARED_DATA / "aqmar" / "aqmar_dev.txt"
    if not path.exists():
        pytest.skip(f"{path} not present (third-party data is not part of the repository)")
    result = CliRunner().invoke(
        cli, ["eval", "ner", str(path), "--limit", "200", "--json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["sentences"] == 200
    assert data["micro"]["gold"] > 0
    assert set(data["per_type"]) <= {"PER", "ORG", "LOC", "MISC"}
    assert data["throughput"]["chars"] > 0
