"""Arabic dates as written in news datelines: "12 تشرين الأول/ أكتوبر 2019".

Month names come from ``data/months.tsv`` (Gregorian, Levantine and Maghrebi
sets). Matching runs on normalised text, where Arabic-Indic digits are already
ASCII.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import NamedTuple

from marsad.resources import read_tsv
from marsad.text.normalize import normalize_string


class DateMatch(NamedTuple):
    """A full date found in normalised text: ISO form and ``[start, end)``."""

    iso: str
    start: int
    end: int


@cache
def month_numbers() -> dict[str, int]:
    """Normalised month name (single spaces) -> month number, over every set."""
    numbers: dict[str, int] = {}
    for number, name, *_set in read_tsv("months.tsv"):
        key = " ".join(normalize_string(name).split())
        if numbers.setdefault(key, int(number)) != int(number):
            raise ValueError(f"months.tsv: {name!r} has two month numbers")
    return numbers


def _month_alternation() -> str:
    # Longest names first, so that "مايو" is not read as "ماي" + "و".
    names = sorted(month_numbers(), key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, name.split())) for name in names)


@cache
def _date_re() -> re.Pattern[str]:
    month = _month_alternation()
    # The Levantine and Gregorian names are often written together:
    # "تشرين الأول/ أكتوبر" or "تشرين الأول (أكتوبر)".
    return re.compile(
        rf"(?<!\d)(?P<day>\d{{1,2}})\s*(?P<month>{month})(?!\w)"
        rf"(?:\s*[/(]\s*(?P<month2>{month})(?!\w)\s*\)?)?"
        rf"\s*[،,]?\s*(?P<year>\d{{4}})(?!\d)"
    )


def _iso(day: str, month: int, year: str) -> str | None:
    try:
        return dt.date(int(year), month, int(day)).isoformat()
    except ValueError:  # 31 شباط, a day or year that is not one
        return None


def find_date(norm: str, start: int = 0, end: int | None = None) -> DateMatch | None:
    """The first day-month-year date in ``norm[start:end]`` (normalised text),
    or None. When two month names are given they must agree."""
    end = len(norm) if end is None else end
    numbers = month_numbers()
    for match in _date_re().finditer(norm, start, end):
        month = numbers[" ".join(match.group("month").split())]
        second = match.group("month2")
        if second is not None and numbers[" ".join(second.split())] != month:
            continue
        iso = _iso(match.group("day"), month, match.group("year"))
        if iso:
            return DateMatch(iso, match.start(), match.end())
    return None
