"""Precision gold for events on the example corpus (examples/): build and score.

The judgements are in ``examples_judged.tsv``: one line per event that marsad
output on examples/ when the gold was made, keyed ``article:start:end`` (the
trigger's offsets in the article text), then the type judgement (``=`` right,
``x`` not an event or the wrong type: an earthquake that "strikes", a noun in
another sense, detention *centres*) and the gold actor, target and place. A
role field is ``=`` (the output of that time was right, or rightly empty),
``-`` (the role should be empty) or the gold text, alternatives separated by
``|`` (coordinated actors, or a title and a name). The texts of examples/ were
written for marsad, so quoting them is fine.

Usage:
  python eval/events/examples.py build EVENTS.jsonl [LATER.jsonl ...]  # -> examples_judged.json
  python eval/events/examples.py score EVENTS.jsonl   # precision of a run

EVENTS.jsonl is ``marsad events --json --limit 100000`` over a store that
ingested examples/ (``marsad ingest --db X examples/``); ``build`` needs the
output the judgements were made on (the first file; later runs add the events
judged since, and a "=" refers to the first file that has the event), ``score``
takes any run.

Scoring: a role output is right when the event's type is right and the output
starts inside a gold span (a gold "آلاف السوريين" accepts "آلاف السوريين" and
"السوريين", not "يطال رأس العين" for "رأس العين"). Role precision is right
outputs over non-empty outputs; "filled" is right outputs over non-empty gold
roles. Events whose trigger is not in the gold are listed as unjudged.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
JUDGED_TSV = HERE / "examples_judged.tsv"
JUDGED_JSON = HERE / "examples_judged.json"
ROLES = ("actor", "target", "place")


def _read(path: str) -> list[dict]:
    return [
        json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line
    ]


def _key(event: dict) -> str:
    return f"{event['article_id']}:{event['start']}:{event['end']}"


def _locate(text: str, sentence: list[int], trigger: int, gold: str) -> list[int]:
    """The occurrence of ``gold`` in the sentence nearest the trigger."""
    s0, s1 = sentence
    found, at = [], text.find(gold, s0)
    while at >= 0 and at + len(gold) <= s1:
        found.append(at)
        at = text.find(gold, at + 1)
    if not found:
        raise ValueError(f"{gold!r} not in sentence {sentence}")
    best = min(found, key=lambda a: abs(a - trigger))
    return [best, best + len(gold)]


def build(*events_paths: str) -> None:
    events = {_key(e): e for path in reversed(events_paths) for e in _read(path)}
    items = []
    for line in JUDGED_TSV.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, type_mark, *fields = line.split("\t")
        event = events[key]
        s0, s1 = event["sentence"]
        text = " " * s0 + event["sentence_text"]  # offsets are the article's
        item = {
            "article_id": event["article_id"],
            "trigger": [event["start"], event["end"]],
            "sentence": [s0, s1],
            "type": event["type"],
            "mode": event["mode"],
            "type_ok": type_mark == "=",
        }
        for role, field in zip(ROLES, fields, strict=True):
            if field == "=":
                out = event[role]
                spans = [] if out is None else [[out["start"], out["end"]]]
            elif field == "-":
                spans = []
            else:
                spans = [_locate(text, [s0, s1], event["start"], g) for g in field.split("|")]
            item[role] = [{"start": a, "end": b, "text": text[a:b]} for a, b in spans]
        items.append(item)
    header = {
        "description": __doc__.split("\n\n")[0],
        "judged_on": "marsad events on examples/ (see eval/events/examples.py)",
        "events": len(items),
    }
    JUDGED_JSON.write_text(
        json.dumps({"meta": header, "events": items}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {JUDGED_JSON} ({len(items)} events)")


def _match(gold: dict[str, dict], event: dict) -> dict | None:
    item = gold.get(_key(event))
    if item is not None:
        return item
    for item in gold.values():  # a merged event may have moved its trigger within the sentence
        same = item["article_id"] == event["article_id"] and item["sentence"] == event["sentence"]
        if (
            same
            and item["type"] == event["type"]
            and item["trigger"][0] < event["end"]
            and event["start"] < item["trigger"][1]
        ):
            return item
    return None


def score(events_path: str, verbose: bool = False) -> dict:
    data = json.loads(JUDGED_JSON.read_text(encoding="utf-8"))
    gold = {f"{i['article_id']}:{i['trigger'][0]}:{i['trigger'][1]}": i for i in data["events"]}
    counts = {r: {"out": 0, "right": 0, "gold": 0} for r in ROLES}
    typed = right_type = 0
    unjudged, wrong = [], []
    for event in _read(events_path):
        item = _match(gold, event)
        if item is None:
            unjudged.append(event)
            continue
        typed += 1
        right_type += item["type_ok"]
        for role in ROLES:
            out, spans = event[role], item[role]
            c = counts[role]
            c["gold"] += bool(spans) and item["type_ok"]
            if out is None:
                continue
            c["out"] += 1
            ok = item["type_ok"] and any(g["start"] <= out["start"] < g["end"] for g in spans)
            c["right"] += ok
            if not ok:
                wrong.append(
                    (role, _key(event), event["type"], out["text"], [g["text"] for g in spans])
                )
    print(f"events {typed + len(unjudged)}  judged {typed}  unjudged {len(unjudged)}")
    print(f"type right {right_type}/{typed} = {100 * right_type / max(typed, 1):.1f}%")
    for role in ROLES:
        c = counts[role]
        p = 100 * c["right"] / max(c["out"], 1)
        f = 100 * c["right"] / max(c["gold"], 1)
        right, out, gold_roles = c["right"], c["out"], c["gold"]
        print(
            f"{role:7} precision {p:5.1f}% ({right}/{out})  filled {f:5.1f}% ({right}/{gold_roles})"
        )
    if verbose:
        for row in wrong:
            print("WRONG", *row, sep="\t")
        for event in unjudged:
            print("UNJUDGED", _key(event), event["type"], event["sentence_text"][:80], sep="\t")
    return counts


if __name__ == "__main__":
    command, path, *rest = sys.argv[1:]
    if command == "build":
        build(path, *rest)
    else:
        score(path, verbose="-v" in rest)
