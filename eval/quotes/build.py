"""Build dev.jsonl (or test.jsonl, holdout.jsonl) from the marked-up NAME.src.txt (see its header).

Usage: python eval/quotes/build.py [NAME ...]  (default: dev; writes eval/quotes/NAME.jsonl)

Markers are stripped and each quote's [start, end) is the span its markers
enclosed in the stripped text, so the gold offsets are exact by construction.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARKER = re.compile(r"\{([id]):(\w+)\}|\{/\}")
KINDS = {"i": "indirect", "d": "direct"}


def parse_speakers(lines: list[str]) -> dict[str, dict[str, str]]:
    speakers: dict[str, dict[str, str]] = {}
    for line in lines:
        key, _, spec = line.partition("=")
        type_, id_, name = (part.strip() for part in spec.split("|"))
        speaker = {"name": name, "type": type_}
        if id_:
            speaker["id"] = id_
        speakers[key.strip()] = speaker
    return speakers


def strip_markers(marked: str, speakers: dict[str, dict[str, str]]) -> tuple[str, list[dict]]:
    text: list[str] = []
    pos = 0
    length = 0
    stack: list[tuple[str, str, int]] = []
    quotes: list[dict] = []
    for match in MARKER.finditer(marked):
        piece = marked[pos : match.start()]
        text.append(piece)
        length += len(piece)
        pos = match.end()
        if match.group(1):
            stack.append((match.group(1), match.group(2), length))
            continue
        kind, key, start = stack.pop()
        quotes.append({"kind": KINDS[kind], "content": [start, length], "speaker": speakers[key]})
    if stack:
        raise ValueError(f"unclosed marker {stack[-1]}")
    text.append(marked[pos:])
    return "".join(text), sorted(quotes, key=lambda q: q["content"])


def documents(source: str) -> list[dict]:
    docs = []
    for block in source.split("\n=== ")[1:]:
        head, _, body = block.partition("\n---\n")
        doc_id, *speaker_lines = head.strip().splitlines()
        text, quotes = strip_markers(body.strip("\n"), parse_speakers(speaker_lines))
        docs.append({"id": doc_id.strip(), "text": text, "quotes": quotes})
    return docs


def build(name: str) -> None:
    docs = documents((HERE / f"{name}.src.txt").read_text(encoding="utf-8"))
    with (HERE / f"{name}.jsonl").open("w", encoding="utf-8") as out:
        for doc in docs:
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    n = sum(len(d["quotes"]) for d in docs)
    print(f"{name}: {len(docs)} documents, {n} quotes", file=sys.stderr)


def main() -> None:
    for name in sys.argv[1:] or ["dev"]:
        build(name)


if __name__ == "__main__":
    main()
