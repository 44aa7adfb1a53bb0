"""A Hugging Face token-classification model, loaded from a local directory.

``--ner hf:DIR`` loads ``AutoTokenizer`` and ``AutoModelForTokenClassification``
from DIR with ``local_files_only=True``: marsad never downloads a model. The
tokenizer must be a fast one, whose offset mappings tie every sub-word token to
its characters.

Each word (as the tokenizer's pre-tokenizer splits it) takes the label of its
first sub-word token, the usual convention of token-classification training;
the word labels are decoded as BIO (``PER`` without a prefix counts as
``I-PER``), so entity spans always start and end on word boundaries. Labels are
mapped to marsad types with ``BACKEND_TYPE_MAP``; other labels count as O.
Sentences longer than the model's window are cut into several windows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from marsad.entities.backends import BACKEND_TYPE_MAP, BackendError, Entity, map_type, missing_extra
from marsad.evaluation.ner import decode_bio, split_tag

DEFAULT_BATCH = 16
_MAX_WINDOW = 512  # BERT-style position limit; larger configured limits are rarely real


def _libraries() -> tuple[Any, Any]:
    try:
        import torch
        import transformers
    except ImportError:
        raise missing_extra("transformers", "transformers and torch") from None
    return torch, transformers


def label_tag(label: str, type_map: Mapping[str, str] = BACKEND_TYPE_MAP) -> str:
    """A model label as a BIO tag over marsad types (``"B-PERS"`` -> ``"B-PER"``,
    ``"LOC"`` -> ``"I-LOC"``); anything unknown is ``"O"``."""
    if label.upper() == "O":
        return "O"
    try:
        prefix, type_ = split_tag(label)
    except ValueError:
        prefix, type_ = "I", label  # IO labelling: the bare type
    target = map_type(type_, type_map)
    return f"{prefix}-{target}" if target else "O"


class HfTagger:
    """A token-classification model and its fast tokenizer."""

    name = "hf"

    def __init__(
        self,
        tokenizer: Any,
        model: Any,
        *,
        type_map: Mapping[str, str] = BACKEND_TYPE_MAP,
        batch_size: int = DEFAULT_BATCH,
    ) -> None:
        self.tokenizer = tokenizer
        self.model = model
        self.batch_size = batch_size
        id2label: dict[int, str] = model.config.id2label
        self.tags = [label_tag(id2label[i], type_map) for i in range(len(id2label))]
        if all(tag == "O" for tag in self.tags):
            labels = ", ".join(id2label.values())
            raise BackendError(f"the model's labels name no entity type marsad knows: {labels}")
        limits = [
            _MAX_WINDOW,
            tokenizer.model_max_length,
            getattr(model.config, "max_position_embeddings", _MAX_WINDOW),
        ]
        self.window = min(limits)

    @classmethod
    def load(cls, directory: str | Path, **options: Any) -> HfTagger:
        _, transformers = _libraries()
        directory = Path(directory)
        if not directory.is_dir():
            raise BackendError(f"{directory}: not a directory (hf:DIR takes a local model)")
        try:
            tokenizer = transformers.AutoTokenizer.from_pretrained(directory, local_files_only=True)
            model = transformers.AutoModelForTokenClassification.from_pretrained(
                directory, local_files_only=True
            )
        except (OSError, ValueError) as exc:
            raise BackendError(
                f"{directory}: cannot load a token-classification model: {exc}"
            ) from exc
        if not tokenizer.is_fast:
            raise BackendError(f"{directory}: the tokenizer has no fast version (offsets needed)")
        model.eval()
        return cls(tokenizer, model, **options)

    def tag(self, sentences: Sequence[str]) -> list[list[Entity]]:
        found: list[list[Entity]] = []
        for first in range(0, len(sentences), self.batch_size):
            found.extend(self._tag_batch(sentences[first : first + self.batch_size]))
        return found

    def _tag_batch(self, sentences: Sequence[str]) -> list[list[Entity]]:
        torch, _ = _libraries()
        encoding = self.tokenizer(
            list(sentences),
            truncation=True,
            max_length=self.window,
            return_overflowing_tokens=True,
            return_offsets_mapping=True,
            padding=True,
            return_tensors="pt",
        )
        windows = encoding.pop("overflow_to_sample_mapping").tolist()
        offsets = encoding.pop("offset_mapping").tolist()
        with torch.inference_mode():
            predicted = self.model(**encoding).logits.argmax(-1).tolist()
        # word index -> (tag of its first sub-word, start, end), per sentence
        words: list[dict[int, list[Any]]] = [{} for _ in sentences]
        for w, sentence in enumerate(windows):
            for k, word in enumerate(encoding.word_ids(w)):
                start, end = offsets[w][k]
                if word is None or end <= start:
                    continue  # special or padding token
                if word in words[sentence]:
                    words[sentence][word][2] = max(words[sentence][word][2], end)
                else:
                    words[sentence][word] = [self.tags[predicted[w][k]], start, end]
        return [_entities(text, spans) for text, spans in zip(sentences, words, strict=True)]


def _entities(text: str, words: dict[int, list[Any]]) -> list[Entity]:
    """BIO decoding over the words of one sentence, as character spans."""
    ordered = [words[i] for i in sorted(words)]
    entities = []
    for mention in decode_bio([tag for tag, _, _ in ordered]):
        start, end = ordered[mention.start][1], ordered[mention.end - 1][2]
        # byte-level BPE offsets may include the space before a word
        while start < end and text[start].isspace():
            start += 1
        entities.append(Entity(start, end, mention.type))
    return entities
