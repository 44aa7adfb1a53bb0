"""Countries: ``data/kb/countries.tsv`` (written for marsad) plus pycountry's ISO
codes and Arabic names, so that every ISO country exists even without our file."""

from __future__ import annotations

import gettext
import re

import pycountry

from marsad.entities.kb import Entry, KnowledgeBase, load_tsv
from marsad.resources import data_path

_ARABIC_ONLY_RE = re.compile(r"^[\u0600-\u06FF\s]+$")


def _arabic_translations() -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    except OSError:
        return gettext.NullTranslations()


def _pycountry_arabic_names(country: object, translate: gettext.NullTranslations) -> list[str]:
    """Arabic forms of a country's ISO names; "كوريا، جمهورية كوريا" style names
    give both parts. Untranslated (Latin) names are dropped."""
    names: list[str] = []
    for attr in ("name", "official_name", "common_name"):
        english = getattr(country, attr, None)
        if not english:
            continue
        arabic = translate.gettext(english)
        for part in [arabic, *arabic.split("،")]:
            part = part.strip()
            if part and _ARABIC_ONLY_RE.match(part) and part not in names:
                names.append(part)
    return names


def add_countries(kb: KnowledgeBase) -> None:
    path = data_path("kb/countries.tsv")
    if path.exists():
        load_tsv(kb, path, "GPE")
    translate = _arabic_translations()
    for country in pycountry.countries:
        names = _pycountry_arabic_names(country, translate)
        english = getattr(country, "common_name", None) or country.name
        entry = Entry(
            id=f"gpe:{country.alpha_2}",
            type="GPE",
            name_ar=names[0] if names else "",
            name_en=english,
            aliases_ar=names[1:],
            aliases_en=[country.name] if country.name != english else [],
            country=country.alpha_2,
            kind="country",
            source="pycountry",
        )
        if entry.id in kb:
            kb.add(entry)  # merges the ISO names into our entry
        elif entry.name_ar:
            kb.add(entry)
