"""Optional NER back-ends: a CRF trained on a tiny CoNLL file, a tiny Hugging Face
model built here, and how their spans combine with the knowledge base. The
sentences are written for these tests."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

import marsad.entities as entities
from marsad.doc import Doc
from marsad.entities import backends, load_kb
from marsad.entities.backends import (
    NER_ENV,
    BackendError,
    Entity,
    parse_spec,
    recognised_mentions,
    set_ner_backend,
)
from marsad.entities.link import Linker, unknown_id
from marsad.evaluation.ner import Sentence
from marsad.interfaces.cli import cli
from marsad.pipeline import default_pipeline

HAVE_CRF = importlib.util.find_spec("pycrfsuite") is not None
HAVE_HF = all(importlib.util.find_spec(m) is not None for m in ("torch", "transformers"))
needs_crf = pytest.mark.skipif(not HAVE_CRF, reason="python-crfsuite not installed (marsad[crf])")
needs_hf = pytest.mark.skipif(
    not HAVE_HF, reason="transformers and torch not installed (marsad[transformers])"
)

TRAIN_CONLL = """\
قال B-PERS
المهندس O
كرمو B-PERS
زيدان I-PERS
إن O
الوفد O
وصل O
إلى O
بلدة O
حوشان B-GPE
. O

وأكد O
كرمو B-PERS
زيدان I-PERS
أن O
جمعية B-ORG
الفرات I-ORG
الخضراء I-ORG
تعمل O
في O
حوشان B-GPE
. O

التقى O
وفد O
من O
جمعية B-ORG
الفرات I-ORG
الخضراء I-ORG
مع O
سلمى B-PERS
النوري I-PERS
في O
بلدة O
كفرنبل B-GPE
أمس B-DATE
. O

وقالت O
سلمى B-PERS
النوري I-PERS
إن O
السكان O
عادوا O
إلى O
كفرنبل B-GPE
. O
"""


@pytest.fixture(autouse=True)
def default_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts with the default recogniser and leaves it behind."""
    monkeypatch.setenv(NER_ENV, "kb")
    monkeypatch.setattr(backends, "_chosen", None)


class FixedRecogniser:
    """A back-end that finds given surfaces in every sentence."""

    name = "fake"

    def __init__(self, surfaces: dict[str, str]) -> None:
        self.surfaces = surfaces

    def tag(self, sentences: Sequence[str]) -> list[list[Entity]]:
        return [
            [
                Entity(text.index(surface), text.index(surface) + len(surface), type_)
                for surface, type_ in self.surfaces.items()
                if surface in text
            ]
            for text in sentences
        ]


def entity_rows(doc: Doc) -> list[tuple[str, str, str, str]]:
    """(surface, type, id, source) of every entity mention."""
    return [
        (doc.text[s.start : s.end], s.label, s.data["id"], s.data["source"])
        for s in doc.spans("entities")
    ]


# --- choosing a back-end ---------------------------------------------------------


def test_specs_name_a_backend_and_its_path(tmp_path: Path):
    assert parse_spec("kb") == ("kb", None)
    assert parse_spec("crf:" + str(tmp_path / "m.crf")) == ("crf", tmp_path / "m.crf")
    for bad in ("spacy:x", "crf", "crf:", "kb:x"):
        with pytest.raises(BackendError):
            parse_spec(bad)
    with pytest.raises(BackendError, match="no such model file"):
        set_ner_backend(f"crf:{tmp_path / 'missing.crf'}")


def test_the_default_adds_no_backend():
    assert entities.active_recognisers() == ()


def test_a_missing_extra_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(sys.modules, "pycrfsuite", None)  # import fails as if not installed
    model = tmp_path / "m.crf"
    model.write_bytes(b"")
    with pytest.raises(BackendError, match=r"install marsad\[crf\]"):
        backends.load_recogniser.__wrapped__(f"crf:{model}")


# --- combination with the knowledge base -------------------------------------------


def test_backend_spans_join_kb_mentions_where_they_do_not_overlap(
    monkeypatch: pytest.MonkeyPatch,
):
    fake = FixedRecogniser({"قوات سوريا": "PER", "كرمو زيدان": "PER"})
    monkeypatch.setattr(entities, "active_recognisers", lambda: (fake,))
    doc = default_pipeline()(
        Doc("قالت قوات سوريا الديمقراطية إن كرمو زيدان وصل أمس. وأضاف زيدان أن الوضع هادئ.")
    )
    rows = entity_rows(doc)
    # the KB wins the overlap: no PER inside the SDF's name
    assert ("قوات سوريا الديمقراطية", "ORG", "org:sdf", "kb") in rows
    assert not any(text == "قوات سوريا" for text, *_ in rows)
    # the back-end's person gets a stable unknown id, and its short form follows
    person = unknown_id("PER", "كرمو زيدان")
    assert ("كرمو زيدان", "PER", person, "fake") in rows
    assert ("زيدان", "PER", person, "short_form") in rows


def test_a_backend_span_that_is_a_kb_name_is_linked_after_its_proclitic():
    fake = FixedRecogniser({"ودمشق": "LOC", "مجلس الحي": "ORG"})
    doc = Doc("زار الوفد حلب ودمشق والتقى مجلس الحي.")
    found = recognised_mentions(doc, fake, Linker(load_kb(), None), [])
    by_text = {doc.normalized.text[m.ns : m.ne]: m for m in found}
    # a LOC from the model matches the KB's GPE Damascus: the KB type is kept
    assert by_text["دمشق"].entry_id == "loc:sy_damascus"
    assert by_text["دمشق"].type == "GPE"
    assert by_text["مجلس الحي"].entry_id is None  # linked later, by its name


# --- CRF ----------------------------------------------------------------------


@pytest.fixture
def crf_model(tmp_path: Path) -> Path:
    from marsad.entities.backends import crf
    from marsad.evaluation.ner import read_conll

    conll = tmp_path / "train.conll"
    conll.write_text(TRAIN_CONLL, encoding="utf-8")
    report = crf.train(read_conll(conll), tmp_path / "ner.crfsuite", iterations=60)
    assert report.sentences == 4
    assert report.entities == {"PER": 5, "GPE": 4, "ORG": 2}  # DATE is not learnt
    return report.model


def test_training_tags_are_clean_bio_over_marsad_types():
    from marsad.entities.backends.crf import bio_tags

    sentence = Sentence(
        ("قال", "كرمو", "زيدان", "في", "حوشان", "أمس"),
        ("O", "I-PERS", "I-PERS", "O", "B-GPE", "B-DATE"),
    )
    assert bio_tags(sentence, backends.BACKEND_TYPE_MAP) == [
        "O",
        "B-PER",
        "I-PER",
        "O",
        "B-GPE",
        "O",
    ]


@needs_crf
def test_a_trained_crf_tags_a_training_sentence(crf_model: Path):
    from marsad.entities.backends.crf import CrfTagger

    tagger = CrfTagger.load(crf_model)
    assert {"B-PER", "I-PER", "B-GPE", "B-ORG", "O"} <= set(tagger.labels)
    sentence = "وأكد كرمو زيدان أن جمعية الفرات الخضراء تعمل في حوشان."
    found = {(sentence[e.start : e.end], e.type) for e in tagger.tag([sentence])[0]}
    assert ("كرمو زيدان", "PER") in found
    assert ("جمعية الفرات الخضراء", "ORG") in found


@needs_crf
def test_train_and_use_a_crf_from_the_command_line(tmp_path: Path):
    conll = tmp_path / "train.conll"
    conll.write_text(TRAIN_CONLL, encoding="utf-8")
    model = tmp_path / "ner.crfsuite"
    runner = CliRunner()
    train = ["train", "ner", str(conll), "-o", str(model), "--iterations", "60"]
    result = runner.invoke(cli, train)
    assert result.exit_code == 0, result.output
    assert model.exists()
    line = '{"id": "a", "text": "وقالت سلمى النوري إن السكان عادوا إلى كفرنبل."}\n'
    result = runner.invoke(cli, ["analyze", "--ner", f"crf:{model}"], input=line)
    assert result.exit_code == 0, result.output
    assert '"سلمى النوري"' in result.output
    result = runner.invoke(cli, ["eval", "ner", str(conll), "--ner", f"crf:{model}"])
    assert result.exit_code == 0, result.output
    assert "micro" in result.output


# --- Hugging Face --------------------------------------------------------------

HF_VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "قال", "الرئيس", "دم", "##شق", "،", "."]
HF_LABELS = ["O", "B-PER", "I-PER", "I-LOC", "B-MISC"]


def tiny_model(directory: Path, favoured: str, max_positions: int = 64) -> Path:
    """A 2-layer BERT with random weights whose classifier always prefers the
    ``favoured`` label, so that the output is known without training."""
    import torch
    from transformers import BertConfig, BertForTokenClassification, BertTokenizerFast

    directory.mkdir()
    (directory / "vocab.txt").write_text("\n".join(HF_VOCAB) + "\n", encoding="utf-8")
    tokenizer = BertTokenizerFast.from_pretrained(directory)
    config = BertConfig(
        vocab_size=len(HF_VOCAB),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=max_positions,
        id2label=dict(enumerate(HF_LABELS)),
        label2id={label: i for i, label in enumerate(HF_LABELS)},
    )
    model = BertForTokenClassification(config)
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.fill_(0.0)
        model.classifier.bias[HF_LABELS.index(favoured)] = 5.0
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


SENTENCE = "قال الرئيس في دمشق، أمس."
#: the words of SENTENCE as BERT's pre-tokenizer splits them (punctuation apart)
WORDS = ["قال", "الرئيس", "في", "دمشق", "،", "أمس", "."]


@needs_hf
def test_hf_entities_are_whole_words_with_mapped_types(tmp_path: Path):
    from marsad.entities.backends.hf import HfTagger

    # every word B-PER: one entity per word, each exactly the word's characters,
    # even دمشق, which is two sub-word tokens (دم ##شق), and unknown words
    tagger = HfTagger.load(tiny_model(tmp_path / "per", "B-PER"))
    found = tagger.tag([SENTENCE])[0]
    assert [SENTENCE[e.start : e.end] for e in found] == WORDS
    assert {e.type for e in found} == {"PER"}
    # every word I-LOC: one entity over the whole sentence
    tagger = HfTagger.load(tiny_model(tmp_path / "loc", "I-LOC"))
    assert tagger.tag([SENTENCE, "قال"]) == [
        [Entity(0, len(SENTENCE), "LOC")],
        [Entity(0, 3, "LOC")],
    ]
    # a label that is not a marsad type (MISC) is dropped
    assert HfTagger.load(tiny_model(tmp_path / "misc", "B-MISC")).tag([SENTENCE]) == [[]]


@needs_hf
def test_hf_sentences_longer_than_the_window_are_tagged_whole(tmp_path: Path):
    from marsad.entities.backends.hf import HfTagger

    tagger = HfTagger.load(tiny_model(tmp_path / "short", "B-PER", max_positions=8))
    long = " ".join([SENTENCE] * 4)
    found = tagger.tag([long])[0]
    assert [long[e.start : e.end] for e in found] == WORDS * 4


@needs_hf
def test_hf_backend_in_the_pipeline(tmp_path: Path):
    directory = tiny_model(tmp_path / "model", "B-PER")
    set_ner_backend(f"hf:{directory}")
    text = "قال الرئيس في دمشق، أمس، إن المفاوضات مع الوفد ستستمر حتى نهاية الشهر."
    doc = default_pipeline()(Doc(text))
    rows = entity_rows(doc)
    assert ("دمشق", "GPE", "loc:sy_damascus", "kb") in rows  # the KB wins
    assert ("الرئيس", "PER", unknown_id("PER", "الرئيس"), "hf") in rows
