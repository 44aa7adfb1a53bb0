"""The ``marsad`` command line: a thin layer over the library."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

import click
from tqdm import tqdm

from marsad import __version__
from marsad.entities.backends import NER_ENV, BackendError, set_ner_backend
from marsad.entities.kb import KB_ENV, KBFileError, set_user_kb_files
from marsad.ingest import DEFAULT_BATCH, IngestReport, default_jobs, ingest
from marsad.interfaces.analyze import analyze_lines
from marsad.interfaces.contract import to_record
from marsad.interfaces.render import render_article
from marsad.pipeline import default_pipeline
from marsad.readers import ReaderOptions
from marsad.store import DEFAULT_DB, SourceRow, Store, StoreError

_MB = 1_000_000

db_option = click.option(
    "--db",
    "db_path",
    envvar="MARSAD_DB",
    type=click.Path(dir_okay=False),
    help=f"SQLite store to use (default: $MARSAD_DB, else ./{DEFAULT_DB}).",
)


def _use_kb_files(ctx: click.Context, param: click.Parameter, value: tuple[Path, ...]) -> None:
    if not value:
        return
    try:
        set_user_kb_files(value)
    except KBFileError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from exc


kb_option = click.option(
    "--kb",
    "kb_files",
    multiple=True,
    envvar=KB_ENV,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    callback=_use_kb_files,
    expose_value=False,
    metavar="FILE",
    help=f"Extra knowledge-base TSV file (repeatable; default: ${KB_ENV}, "
    "paths separated by the OS path separator). See `marsad kb import-petrarch`.",
)


def _use_ner_backend(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if not value:
        return
    try:
        set_ner_backend(value)
    except (BackendError, ValueError) as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from exc


ner_option = click.option(
    "--ner",
    callback=_use_ner_backend,
    expose_value=False,
    metavar="kb|crf:MODEL|hf:DIR",
    help="Entity recogniser: kb (the knowledge base and context rules), or these plus a "
    "CRF model from `marsad train ner` (crf:MODEL, extra marsad[crf]) or a local Hugging "
    "Face token-classification model (hf:DIR, extra marsad[transformers]); KB mentions "
    f"win where they overlap. Default: ${NER_ENV}, else kb.",
)


def _parse_stages(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> list[str] | None:
    if not value:
        return None
    stages = [name.strip() for name in value.split(",") if name.strip()]
    try:
        default_pipeline(stages)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from exc
    return stages


stages_option = click.option(
    "--stages",
    callback=_parse_stages,
    metavar="A,B,...",
    help="Run only these analysis stages (default: all: "
    + ", ".join(default_pipeline().names)
    + ").",
)


def open_store(db_path: str | None, *, create: bool = False) -> Store:
    try:
        return Store(db_path, create=create)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


def _parse_fields(values: tuple[str, ...]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for value in values:
        name, sep, key = value.partition("=")
        if not sep or not name or not key:
            raise click.BadParameter(f"expected NAME=KEY, got {value!r}", param_hint="--field")
        fields[name.strip()] = key.strip()
    return fields


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="marsad")
def cli() -> None:
    """marsad — an observatory for Arabic news.

    Reads raw Arabic news reports (text, HTML, JSON Lines, RSS/Atom, WARC),
    cleans them without altering the original text and stores them with
    character-exact spans in an embedded SQLite store.
    """


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@kb_option
@ner_option
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="NAME=KEY",
    help="JSON Lines field mapping, e.g. --field text=content --field date=date_extracted "
    "(names: id, text, title, date, source, url, author).",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=20 * _MB,
    show_default=True,
    help="Largest item (file, JSON line, WARC record) to accept.",
)
@click.option("--encoding", default=None, help="Force a text encoding instead of detecting it.")
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH,
    show_default=True,
    help="Items written per transaction.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=default_jobs,
    show_default="number of cores, at most 4",
    help="Worker processes for analysis.",
)
@stages_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option(
    "--no-cluster", is_flag=True, help="Do not group the new articles into stories afterwards."
)
def ingest_command(
    paths: tuple[str, ...],
    db_path: str | None,
    fields: tuple[str, ...],
    max_bytes: int,
    encoding: str | None,
    batch_size: int,
    jobs: int,
    stages: list[str] | None,
    quiet: bool,
    no_cluster: bool,
) -> None:
    """Read PATHS (files, folders, globs; .txt, .html, .jsonl[.gz], .xml feeds,
    .warc[.gz]) into the store.

    Ingest is idempotent: an item already stored (same source, or same content)
    is not stored twice, so an interrupted run can simply be run again. Exits
    with status 1 when any item failed; the others are stored.
    """
    options = ReaderOptions(fields=_parse_fields(fields), max_bytes=max_bytes, encoding=encoding)
    with open_store(db_path, create=True) as store:
        with tqdm(unit=" items", disable=quiet or None, file=sys.stderr, dynamic_ncols=True) as bar:
            report = ingest(
                paths,
                store,
                options=options,
                batch_size=batch_size,
                jobs=jobs,
                stages=stages,
                on_item=lambda _: bar.update(),
            )
        _print_ingest_summary(report, store)
        if not no_cluster:
            _cluster_store(store, rebuild=False)
    if report.failed:
        sys.exit(1)


def _print_ingest_summary(report: IngestReport, store: Store) -> None:
    for error in report.errors[:20]:
        click.echo(click.style("error ", fg="red") + f"{error.key}: {error.message}", err=True)
    if len(report.errors) > 20:
        click.echo(f"… {len(report.errors) - 20} more errors (marsad errors)", err=True)
    counts = store.counts()
    click.echo(
        f"read {report.read} items: {report.added} added, {report.duplicates} duplicates, "
        f"{report.already} already in store, {report.skipped} skipped (not analysable), "
        f"{report.failed} failed",
        err=True,
    )
    click.echo(f"store {store.path}: {counts['articles']} articles", err=True)


@cli.command("list")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--outlet", help="Only articles whose outlet contains this text.")
@click.option("--status", type=click.Choice(["analysed", "skipped"]))
@click.option("--json", "as_json", is_flag=True, help="JSON Lines instead of a table.")
def list_command(
    db_path: str | None, limit: int, outlet: str | None, status: str | None, as_json: bool
) -> None:
    """List stored articles (date, outlet, title, sentence and boilerplate counts)."""
    with open_store(db_path) as store:
        rows = store.list_articles(limit=limit, outlet=outlet, status=status)
        counts = store.counts()
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    for row in rows:
        flag = "" if row["status"] == "analysed" else click.style(" [skipped]", fg="yellow")
        title = (row["title"] or "(no title)")[:70]
        click.echo(
            f"{click.style(row['id'], fg='green')}  {(row['published'] or '')[:10]:10}  "
            f"{(row['outlet'] or '-')[:24]:24}  {row['sentences']:>3} sent "
            f"{row['boilerplate']:>2} bp  {title}{flag}"
        )
    click.echo(
        f"{counts['articles']} articles ({counts['skipped']} skipped), "
        f"{counts['sources']} sources, {counts['errors']} errors recorded",
        err=True,
    )


@cli.command("show")
@click.argument("args", nargs=-1, required=True, metavar="[article|story] ID")
@db_option
@click.option("--json", "as_json", is_flag=True, help="The contract record instead of text.")
def show_command(args: tuple[str, ...], db_path: str | None, as_json: bool) -> None:
    """Show one article (id, unique id prefix, or source key) with its spans:
    boilerplate struck through, title in bold, dateline underlined, then the
    numbered sentences with their [start:end] offsets.

    `marsad show story ID` shows a story (story id, prefix, or the id of one of
    its articles): its outlets, entities with the articles that name them, and
    what each outlet adds."""
    kind, ident = _show_target(args)
    if kind == "story":
        _show_story(ident, db_path, as_json)
        return
    with open_store(db_path) as store:
        try:
            doc = store.get(ident)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from exc
        sources = store.sources_of(doc.id)
    if as_json:
        click.echo(json.dumps(to_record(doc), ensure_ascii=False, indent=2))
    else:
        click.echo(render_article(doc, sources))


def _show_target(args: tuple[str, ...]) -> tuple[str, str]:
    """(kind, id) from `show ID`, `show article ID` or `show story ID`."""
    if len(args) == 1:
        return "article", args[0]
    if len(args) == 2 and args[0] in ("article", "story"):
        return args[0], args[1]
    raise click.UsageError("expected ID, `article ID` or `story ID`")


# --- marsad entities: who is who (stored entity mentions) ----------------------------


@cli.command("entities")
@db_option
@click.option(
    "--type", "entity_type", type=click.Choice(["PER", "ORG", "GPE", "LOC", "FAC", "NORP"])
)
@click.option("--search", help="Only entities whose name or id contains this text.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines instead of a table.")
def entities_command(
    db_path: str | None, entity_type: str | None, search: str | None, limit: int, as_json: bool
) -> None:
    """List the entities found in stored articles, most widely reported first:
    id (KB id, or ~hash for entities outside the KB), type, name, mentions, articles."""
    with open_store(db_path) as store:
        rows = store.entity_counts(entity_type=entity_type, search=search, limit=limit)
    _echo_rows(rows, as_json, _entity_line)


def _entity_line(row: dict[str, Any]) -> str:
    return (
        f"{row['articles']:>5} art {row['mentions']:>5} men  {row['type']:<4} "
        f"{click.style(str(row['id']), fg='green'):<40} {row['name']}"
    )


# --- marsad quotes: who said what (stored quotes) ------------------------------------


@cli.command("quotes")
@db_option
@click.option("--speaker", help="Only quotes whose speaker name or id contains this text.")
@click.option("--search", help="Only quotes whose text contains this text.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines instead of text.")
def quotes_command(
    db_path: str | None, speaker: str | None, search: str | None, limit: int, as_json: bool
) -> None:
    """List who said what in stored articles: date, outlet, speaker and the quote."""
    with open_store(db_path) as store:
        rows = store.quotes(speaker=speaker, search=search, limit=limit)
    _echo_rows(rows, as_json, _quote_line)


def _quote_line(row: dict[str, Any]) -> str:
    who = click.style(row["speaker"] or "?", fg="green")
    return (
        f"{(row['published'] or '')[:10]:10}  {(row['outlet'] or '-')[:20]:20}  "
        f"{who} ({row['speaker_type']}, {row['kind']}): {row['text']}"
    )


@cli.command("errors")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
def errors_command(db_path: str | None, limit: int) -> None:
    """List the most recent per-item errors recorded by ingest runs."""
    with open_store(db_path) as store:
        for at, key, message in store.recent_errors(limit):
            click.echo(f"{at}  {key}: {message}")


@cli.command("export")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "acled-csv", "plover-json"]),
    default="jsonl",
    show_default=True,
    help="jsonl: contract records; acled-csv: one ACLED-like row per event; "
    "plover-json: one PLOVER event per line (see docs/events.md).",
)
@click.option(
    "-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Default: stdout."
)
def export_command(db_path: str | None, fmt: str, output: TextIO) -> None:
    """Export everything in the store: one contract record per article (the
    same shape as `marsad analyze`), plus its sources; or its events."""
    if fmt != "jsonl":
        _export_events(db_path, fmt, output)
        return
    with open_store(db_path) as store:
        for doc in store.iter_docs():
            record = to_record(doc)
            record["sources"] = store.sources_of(doc.id)
            output.write(json.dumps(record, ensure_ascii=False) + "\n")


def _export_events(db_path: str | None, fmt: str, output: TextIO) -> None:
    from marsad.events.export import write_acled_csv, write_plover_jsonl

    write = write_acled_csv if fmt == "acled-csv" else write_plover_jsonl
    with open_store(db_path) as store:
        count = write(store.iter_docs(status="analysed"), output)
    click.echo(f"{count} events", err=True)


@cli.command("events")
@db_option
@click.option("--type", "event_type", metavar="TYPE", help="PLOVER type, e.g. ASSAULT.")
@click.option("--actor", help="Only events whose actor text or id contains this.")
@click.option("--place", help="Only events whose place text or id contains this.")
@click.option("--since", metavar="DATE", help="Only events dated on or after DATE.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines instead of a table.")
def events_command(
    db_path: str | None,
    event_type: str | None,
    actor: str | None,
    place: str | None,
    since: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """List stored events, newest first: date, type/mode, actor → target, place,
    fatalities and the trigger's article and offsets (see docs/events.md)."""
    with open_store(db_path) as store:
        rows = store.events(
            event_type=event_type, actor=actor, place=place, since=since, limit=limit
        )
    _echo_rows(rows, as_json, _event_line)


def _event_line(row: dict[str, Any]) -> str:
    def name(role: dict[str, Any] | None) -> str:
        return role["text"] if role else "-"

    flags = "".join(f" [{flag}]" for flag in ("negated", "intended") if row.get(flag))
    dead = f" ({row['fatalities']} killed)" if row.get("fatalities") else ""
    return (
        f"{(row['date'] or row['published'] or '')[:10]:10}  "
        f"{click.style(row['type'], fg='green')}/{row['mode']}{flags}  "
        f"{name(row['actor'])} → {name(row['target'])}  @ {name(row['place'])}{dead}  "
        f"[{row['article_id']}:{row['start']}:{row['end']}]"
    )


@cli.command("analyze")
@click.option(
    "--store", "save", is_flag=True, help="Also save the analysed documents in the store."
)
@db_option
@kb_option
@ner_option
@stages_option
def analyze_command(save: bool, db_path: str | None, stages: list[str] | None) -> None:
    """Analyse JSON Lines from stdin, write JSON Lines to stdout (the machine contract).

    Input: {"id", "text", optional "title", "date" (YYYY-MM-DD), "source", "url"} per
    line. Output: one line per input line, {"id", "text", "lang", "sentences",
    "boilerplate", "entities", "quotes", "events", "dates", ...} with every offset
    into "text", or {"id", "error"} for a bad line. The store is not touched
    unless --store is given. See docs/contract.md.
    """
    out = sys.stdout
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    save_doc = _store_saver(db_path) if save else None
    failed = 0
    for record, doc in analyze_lines(stdin, default_pipeline(stages)):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        failed += "error" in record
        if save_doc and doc is not None:
            save_doc(doc)
    out.flush()
    if failed:
        click.echo(f"{failed} input lines failed", err=True)


def _store_saver(db_path: str | None) -> Callable[[Any], None]:
    store = open_store(db_path, create=True)

    def save(doc: Any) -> None:
        # The input id names the line; the store names articles by content.
        key = f"analyze:{doc.id}"
        if not store.known_hashes([doc.content_hash]):
            doc.id = doc.content_hash[:16]
            store.write_batch([doc], [SourceRow(key, doc.id, "jsonl")], [])

    return save


# stories ---------------------------------------------------------------------
# Which reports tell the same story (marsad.stories, imported inside the
# commands so that other commands do not load numpy and datasketch).


def _cluster_store(store: Store, *, rebuild: bool) -> None:
    from marsad.stories.live import cluster_store

    report = cluster_store(store, rebuild=rebuild)
    click.echo(
        f"clustered {report.articles} articles: {report.stories} new stories, "
        f"{report.duplicates} duplicates",
        err=True,
    )


@cli.command("cluster")
@click.option(
    "--store", "use_store", is_flag=True, help="Re-cluster every article in the store (backfill)."
)
@db_option
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=default_jobs,
    show_default="number of cores, at most 4",
    help="Worker processes computing features (stdin mode; not started for "
    "fewer than 256 lines). The output does not depend on it.",
)  # fmt: skip
@click.option("--evidence", is_flag=True, help="Add each decision's evidence to the output.")
def cluster_command(use_store: bool, db_path: str | None, jobs: int, evidence: bool) -> None:
    """Group reports into stories and threads.

    Reads JSON Lines from stdin, {"id", "text", optional "title", "date",
    "source"}, and writes one line per input line, in input order: {"id",
    "story", "thread", "duplicate_of"} (or {"id", "error"}). With --store,
    clusters everything in the store again instead. See docs/stories.md.
    """
    if use_store:
        with open_store(db_path) as store:
            _cluster_store(store, rebuild=True)
        return
    from marsad.stories.stream import cluster_lines

    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    failed = 0
    for record in cluster_lines(stdin, jobs=jobs, evidence=evidence):
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        failed += "error" in record
    sys.stdout.flush()
    if failed:
        click.echo(f"{failed} input lines failed", err=True)


@cli.command("stories")
@db_option
@click.option("--since", metavar="DATE", help="Only stories first seen on or after DATE.")
@click.option(
    "--min-sources", type=click.IntRange(min=1), default=1, show_default=True,
    help="Only stories reported by at least N outlets.",
)  # fmt: skip
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines instead of a table.")
def stories_command(
    db_path: str | None, since: str | None, min_sources: int, limit: int, as_json: bool
) -> None:
    """List stories, newest first: first seen, article count, outlets, title."""
    with open_store(db_path) as store:
        rows = store.list_stories(since=since, min_sources=min_sources, limit=limit)
    _echo_rows(rows, as_json, _story_line)


def _story_line(row: dict[str, Any]) -> str:
    outlets = ", ".join(row["outlets"]) or "-"
    return (
        f"{click.style(row['id'], fg='green')}  {(row['first_seen'] or '')[:10]:10}  "
        f"{row['articles']:>3} art  {(row['title'] or '')[:60]}  [{outlets[:60]}]"
    )


def _show_story(ident: str, db_path: str | None, as_json: bool) -> None:
    from marsad.stories.view import render_story, story_view

    with open_store(db_path) as store:
        try:
            view = story_view(store, ident)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(view, ensure_ascii=False, indent=2))
    else:
        click.echo(render_story(view))


# evaluation ------------------------------------------------------------------
# `marsad eval TASK FILE`: one subcommand per task (ner; later quotes, events,
# stories), each a thin wrapper over marsad.evaluation.<task>. The evaluation
# modules are imported inside the commands so that other commands do not load them.


@cli.group("eval")
def eval_group() -> None:
    """Score marsad's analysis against annotated gold files (see docs/evaluation.md)."""


def _echo_rows(
    rows: Iterable[dict[str, Any]], as_json: bool, line: Callable[[dict[str, Any]], str]
) -> None:
    """Listing commands: one JSON object per row (``--json``), else a text line."""
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False) if as_json else line(row))


def _echo_result(result: dict[str, Any] | str) -> None:
    """An evaluation's report: the text table, or its JSON (``--json``)."""
    if isinstance(result, dict):
        result = json.dumps(result, ensure_ascii=False, indent=2)
    click.echo(result)


@eval_group.command("ner", short_help="Score named entities against a CoNLL BIO file.")
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@ner_option
@click.option(
    "--type-map",
    "type_map",
    multiple=True,
    metavar="FROM=TO",
    help="Map a gold or marsad type to a scored type, on top of the defaults "
    "(PERS/PER→PER, ORG→ORG, LOC/GPE/FAC→LOC, MIS/MISC/NORP→MISC); FROM= drops FROM. "
    "Repeatable, or comma-separated.",
)
@click.option("--types", metavar="T1,T2", help="Score only these (mapped) types, e.g. PER,ORG,LOC.")
@click.option(
    "--tag-column",
    type=click.IntRange(min=2),
    default=None,
    help="Column holding the tag (the token is column 1). Default: the last column when "
    "every line has the same number of columns, else 2 (the outermost tag of a nested file).",
)
@click.option(
    "--doc-size",
    type=click.IntRange(min=1),
    default=20,  # ner.DEFAULT_DOC_SIZE, not imported at module level (see above)
    show_default=True,
    help="Consecutive sentences analysed as one document (1 = each sentence alone).",
)
@click.option("--limit", type=click.IntRange(min=1), help="Evaluate the first N sentences only.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def eval_ner_command(
    path: str,
    type_map: tuple[str, ...],
    types: str | None,
    tag_column: int | None,
    doc_size: int,
    limit: int | None,
    as_json: bool,
) -> None:
    """Named entities: run the `marsad analyze` pipeline on the sentences of FILE and
    score its entities by exact token span and type (precision, recall, F1 per type,
    micro and macro), with an error breakdown and the pipeline's throughput.

    \b
    FILE is CoNLL-style BIO, one token per line, a blank line between sentences:
        token  B-PER
        token  I-PER
        token  O
    I- opening an entity (IOB1) is accepted. Nested files (Wojood) list one tag
    per level, outermost first: `token I-OCC B-ORG`. Types missing from the type
    map (DATE, OCC, ...) are left out of gold and predictions alike.
    """
    from marsad.evaluation import ner

    try:
        mapping = ner.parse_type_map(type_map)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--type-map") from exc
    try:
        result = ner.evaluate_file(
            path,
            tag_column=tag_column,
            limit=limit,
            type_map=mapping,
            types=ner.parse_types(types),
            doc_size=doc_size,
        )
    except ner.ConllError as exc:
        raise click.ClickException(str(exc)) from exc
    _echo_result(result.to_dict() if as_json else ner.format_report(result))


@eval_group.command("quotes", short_help="Score quotes and speakers against a JSON Lines gold.")
@click.argument("path", metavar="GOLD.jsonl", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=click.IntRange(min=1), help="Evaluate the first N documents only.")
@click.option("--errors", "show_errors", is_flag=True, help="List misses and wrong speakers.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@kb_option
def eval_quotes_command(path: str, limit: int | None, show_errors: bool, as_json: bool) -> None:
    """Quotes: run the `marsad analyze` pipeline on each gold document and score
    quote detection (precision, recall, F1 by kind; a match overlaps a gold
    quote of its kind by at least half of the shorter span), speaker accuracy
    on matched quotes, and the cost per article.

    \b
    GOLD.jsonl, one document per line:
        {"id": "d1", "text": "…", "quotes": [{"kind": "indirect",
         "content": [12, 40], "speaker": {"name": "…", "id": "per:…"}}]}
    """
    from marsad.evaluation import quotes

    try:
        result = quotes.evaluate_file(path, limit=limit)
    except quotes.GoldError as exc:
        raise click.ClickException(str(exc)) from exc
    _echo_result(
        result.to_dict() if as_json else quotes.format_report(result, show_errors=show_errors)
    )


@eval_group.command("dates", short_help="Score temporal expressions against TimeML files.")
@click.argument("directory", metavar="[DIR]", required=False, type=click.Path(file_okay=False))
@click.option(
    "--anchor",
    metavar="YYYY-MM-DD",
    default=None,
    help="Article date for files without a DCT (default: 2015-12-24, the date the "
    "Arabic TimeML test corpus was resolved against).",
)
@click.option(
    "--errors",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="List the N most frequent value errors, misses and spurious expressions.",
)
@click.option(
    "--adjudication",
    type=click.Path(dir_okay=False, exists=True),
    default=None,
    help="Score against the gold as corrected by this TSV of verdicts (ok, fix, drop) "
    "per document and tid, e.g. eval/dates/timeml_adjudication.tsv.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def eval_dates_command(
    directory: str | None, anchor: str | None, errors: int, adjudication: str | None, as_json: bool
) -> None:
    """Dates: run the date normaliser on every TimeML file (*.tml) of DIR
    (default: ../shared/data/timeml/Corpus_test next to the repository) and
    score it against the gold TIMEX3: detection and exact-span precision/recall/F1,
    and value accuracy on the overlapping pairs, overall and by type.
    """
    from marsad.evaluation import dates

    path = Path(directory) if directory else dates.default_corpus()
    if not path.is_dir():
        raise click.ClickException(f"no TimeML directory at {path}")
    try:
        result = dates.evaluate_dir(
            path, adjudication=adjudication, anchor=anchor or dates.DEFAULT_ANCHOR
        )
    except (OSError, ValueError, dates.ET.ParseError) as exc:
        raise click.ClickException(str(exc)) from exc
    _echo_result(result.to_dict(errors) if as_json else dates.format_report(result, errors))


@eval_group.command(
    "events", short_help="Score events against a UniversalPetrarch validation file."
)
@click.argument("path", metavar="FILE.xml", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=click.IntRange(min=1), help="Evaluate the first N sentences only.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@kb_option
def eval_events_command(path: str, limit: int | None, as_json: bool) -> None:
    """Events: run the `marsad analyze` pipeline on every <Sentence> of FILE.xml
    (UniversalPetrarch validation format: one ASSAULT or PROTEST event per
    sentence, with its source and target text) and report how often the gold
    type is found, confusions with other types, actor and target agreement, and
    the cost per sentence. See docs/evaluation.md.
    """
    from marsad.evaluation import events

    try:
        result = events.evaluate_file(path, limit=limit)
    except (events.GoldError, events.ET.ParseError) as exc:
        raise click.ClickException(str(exc)) from exc
    _echo_result(result.to_dict() if as_json else events.format_report(result))


@eval_group.command("stories", short_help="Score story clustering against a gold grouping.")
@click.argument("path", metavar="GOLD.json", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def eval_stories_command(path: str, as_json: bool) -> None:
    """Stories: cluster the articles of GOLD.json (read, analysed and clustered
    as `marsad ingest` does) and report B-cubed and pairwise precision, recall
    and F1. The file format is described in marsad.evaluation.stories and
    docs/stories.md; eval/stories/ holds two gold files."""
    from marsad.evaluation import stories

    try:
        result = stories.evaluate_file(path)
    except stories.GoldError as exc:
        raise click.ClickException(str(exc)) from exc
    _echo_result(result.to_dict() if as_json else stories.format_report(result))


# --- marsad train: optional statistical models ---------------------------------------


@cli.group("train")
def train_group() -> None:
    """Train optional statistical models on your own annotated data."""


@train_group.command("ner", short_help="Train a CRF entity tagger on a CoNLL BIO file.")
@click.argument("path", metavar="CONLL", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "-o",
    "--output",
    "model",
    type=click.Path(dir_okay=False, path_type=Path),
    default="ner.crfsuite",
    show_default=True,
    help="Model file to write.",
)
@click.option(
    "--tag-column",
    type=click.IntRange(min=2),
    default=None,
    help="Column holding the tag (as in `marsad eval ner`).",
)
@click.option(
    "--type-map",
    "type_map",
    multiple=True,
    metavar="FROM=TO",
    help="Map a corpus type to the type the model predicts, on top of the defaults "
    "(PER/PERS→PER, ORG, GPE, LOC, FAC, NORP); FROM= drops FROM; unmapped types "
    "(MISC, DATE, ...) are not learnt. Repeatable, or comma-separated.",
)
@click.option("--iterations", type=click.IntRange(min=1), default=150, show_default=True)
@click.option(
    "--c1", type=click.FloatRange(min=0), default=0.05, show_default=True, help="L1 regularisation."
)
@click.option(
    "--c2", type=click.FloatRange(min=0), default=0.05, show_default=True, help="L2 regularisation."
)
@kb_option
def train_ner_command(
    path: str,
    model: Path,
    tag_column: int | None,
    type_map: tuple[str, ...],
    iterations: int,
    c1: float,
    c2: float,
) -> None:
    """Train a CRF tagger (extra marsad[crf]) on CONLL, BIO tags one token per
    line (the format of `marsad eval ner`), and write it to MODEL. Use it with
    `--ner crf:MODEL` on analyze, ingest and eval ner: its entities are added
    where the knowledge base found none, and linked like every mention. Features
    use the knowledge base: train and tag with the same --kb files."""
    from marsad.entities.backends import BACKEND_TYPE_MAP
    from marsad.evaluation import ner

    try:
        mapping = ner.parse_type_map(type_map, base=BACKEND_TYPE_MAP)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--type-map") from exc
    try:
        from marsad.entities.backends import crf

        report = crf.train(
            ner.read_conll(path, tag_column),
            model,
            type_map=mapping,
            c1=c1,
            c2=c2,
            iterations=iterations,
        )
    except (BackendError, ValueError) as exc:  # ConllError is a ValueError
        raise click.ClickException(str(exc)) from exc
    entities = ", ".join(f"{t} {n:,}" for t, n in report.entities.most_common())
    click.echo(
        f"trained on {report.sentences:,} sentences, {report.tokens:,} tokens "
        f"({entities}) in {report.seconds:.1f} s; model: {report.model}",
        err=True,
    )


# --- marsad kb: the knowledge base ---------------------------------------------------


@cli.group("kb")
def kb_group() -> None:
    """The knowledge base: statistics, look-ups, and PETRARCH dictionaries
    converted into user KB files (used with --kb FILE)."""


gazetteer_option = click.option(
    "--gazetteer/--no-gazetteer",
    default=True,
    show_default=True,
    help="Include GeoNames places (built and cached on first use).",
)


def _load_kb(gazetteer: bool) -> Any:
    from marsad.entities.kb import build_kb, user_files

    try:
        return build_kb(user_files(), gazetteer=gazetteer)
    except KBFileError as exc:
        raise click.ClickException(str(exc)) from exc


@kb_group.command("import-petrarch")
@click.argument("dictionary", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Default: stdout."
)
@click.option(
    "--problems",
    "max_problems",
    type=click.IntRange(min=0),
    default=20,
    show_default=True,
    help="How many problem lines to print.",
)
def import_petrarch_command(dictionary: Path, output: TextIO, max_problems: int) -> None:
    """Convert a PETRARCH / UniversalPetrarch actor DICTIONARY into a KB TSV file.

    Lines that cannot be used are reported with their numbers on stderr; the
    rest is converted. Use the result with `--kb FILE` (see data/kb/README.md).
    """
    from marsad.entities.petrarch import import_file, write_tsv

    result = import_file(dictionary)
    if not result.actors:
        raise click.ClickException(
            f"{dictionary}: no actor entries in {result.lines} lines "
            f"({len(result.problems)} problems): is it a PETRARCH actor dictionary?"
        )
    write_tsv(result.actors, output, source=dictionary.name)
    for problem in result.problems[:max_problems]:
        click.echo(click.style("problem ", fg="yellow") + str(problem), err=True)
    if len(result.problems) > max_problems:
        click.echo(f"… {len(result.problems) - max_problems} more problems", err=True)
    per_type = ", ".join(f"{t} {n}" for t, n in result.counts_by_type().most_common())
    click.echo(
        f"{len(result.actors)} entries ({per_type}) from {result.lines} lines; "
        f"{len(result.problems)} problem lines",
        err=True,
    )


@kb_group.command("stats")
@kb_option
@gazetteer_option
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
def kb_stats_command(gazetteer: bool, as_json: bool) -> None:
    """Entries per type and per source (shipped files, pycountry, GeoNames, --kb files)."""
    from collections import Counter

    kb = _load_kb(gazetteer)
    stats = {
        "entries": len(kb),
        "aliases": len(kb.aliases),
        "types": dict(Counter(e.type for e in kb.entries.values()).most_common()),
        "sources": dict(Counter(e.source for e in kb.entries.values()).most_common()),
    }
    if as_json:
        click.echo(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    click.echo(f"{stats['entries']} entries, {stats['aliases']} aliases")
    for title in ("types", "sources"):
        click.echo(f"{title}:")
        for name, count in stats[title].items():
            click.echo(f"  {name or '-':24} {count:>7}")


@kb_group.command("lookup")
@click.argument("name")
@kb_option
@gazetteer_option
@click.option("--json", "as_json", is_flag=True, help="JSON Lines instead of text.")
def kb_lookup_command(name: str, gazetteer: bool, as_json: bool) -> None:
    """The entries NAME may refer to (any alias, normalised as in matching)."""
    from dataclasses import asdict

    entries = _load_kb(gazetteer).lookup(name)
    if not entries:
        click.echo(f"no entry for {name!r}", err=True)
        sys.exit(1)
    for entry in entries:
        if as_json:
            click.echo(json.dumps(asdict(entry), ensure_ascii=False))
            continue
        click.echo(
            f"{click.style(entry.id, fg='green')}  {entry.type}  {entry.name_ar}"
            + (f" / {entry.name_en}" if entry.name_en else "")
        )
        details = {k: getattr(entry, k) for k in ("country", "kind", "parent", "qid", "source")}
        click.echo("  " + "  ".join(f"{k}={v}" for k, v in details.items() if v))
        for role in entry.roles:
            dates = f"{role.start or '?'}..{role.end or ''}"
            click.echo(f"  role: {role.title_ar} ({role.title_en or '-'}) {role.org_id} {dates}")


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
