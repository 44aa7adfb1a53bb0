"""Arabic dates as written in news datelines: "12 تشرين الأول/ أكتوبر 2019".

Month names come from ``data/months.tsv`` (Gregorian, Levantine and Maghrebi
sets), loaded by :mod:`marsad.dates.lexicon`, which the date normaliser shares.
Matching runs on normalised text, where Arabic-Indic digits are already ASCII.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import NamedTuple

from marsad.dates.lexicon import alternation, month_numbers


class DateMatch(NamedTuple):
    """A full date found in normalised text: ISO form and ``[start, end)``."""

    iso: str
    start: int
    end: int


@cache
def _date_re() -> re.Pattern[str]:
    month = alternation(month_numbers())
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
