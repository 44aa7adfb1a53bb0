"""TIMEX3 values for the expressions :mod:`marsad.dates.patterns` finds.

Values keep the granularity of the text: ``2019`` for a year, ``2019-10`` for a
month, ``2019-10-27`` for a day, ``2019-W43`` for a week, ``2019-10-27TEV`` for
a part of a day, ``P3D`` for a duration, ``P1W`` for a set, ``PAST_REF`` and
friends for vague references. A part of a period keeps the period's value and
says which part in ``mod`` (TIMEX3 START, MID, END), as do hedges (APPROX,
MORE_THAN, LESS_THAN).

Relative expressions are resolved against the anchor, the article date, except
anaphoric ones ("اليوم التالي", "في ذلك العام"), which follow the last date the
text gave before them. With no
anchor they keep their type and get no value (``None``), except where TIMEX3
can say what is known: ``XXXX-10-27`` for a day and month without a year,
``XXXX-WXX-2`` for a Tuesday.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from hijridate import Gregorian, Hijri

from marsad.dates.lexicon import (
    ambiguous_months,
    as_noun_re,
    future_re,
    hijri_month_numbers,
    key,
    month_numbers,
    number_words,
    weekday_numbers,
    words,
)
from marsad.dates.patterns import CLITICS, date_re, followers, lead_index

#: the oldest and newest year a bare four-digit number may be ("في 1949");
#: outside it, a number needs a cue ("عام 1500") to be read as a year
BARE_YEARS = range(1800, 2100)


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression: ``[start, end)`` in the searched string, TIMEX3
    type (DATE, TIME, DURATION, SET), value (None when it cannot be resolved)
    and mod."""

    start: int
    end: int
    type: str
    value: str | None
    mod: str | None = None
    begin: str | None = None


class Reading(NamedTuple):
    """What a resolver makes of a match. ``begin`` is where a duration that
    lasts up to the article date started ("منذ ثلاثة أيام": P3D, begun three
    days before it), the TIMEX3 beginPoint."""

    type: str
    value: str | None
    mod: str | None = None
    begin: str | None = None


class DayNamed(NamedTuple):
    """The last day a sentence named so far: where it ends, and its value."""

    end: int
    value: str


Resolved = tuple[str, str | None, str | None] | Reading  # type, value, mod
Resolver = Callable[[re.Match[str], dt.date | None], Resolved | None]


def parse_anchor(value: str | None) -> dt.date | None:
    """The article date from ``Metadata.date`` (ISO, possibly with a time)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


# numbers and calendar arithmetic ---------------------------------------------


def number(text: str | None) -> int | None:
    """Digits or number words: "3", "ثلاثه", "خمسه وتسعين" (95), "التاسع عشر" (19)."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    tables = number_words()
    total = 0
    for token in key(text).split():
        if token == "و":
            continue
        for candidate in (token, token[1:] if token.startswith("و") else None):
            value = next((t[candidate] for t in tables.values() if candidate in t), None)
            if value is not None:
                total += value
                break
        else:
            return None
    return total or None


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = _month_index(year, month) + months
    return index // 12, index % 12 + 1


def year_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 31 شباط, year 0
        return None


def _year_for(
    anchor: dt.date,
    month: int,
    day: int | None,
    shift: int | None,
    weekday: int | None = None,
    ahead: bool = False,
) -> int:
    """The year of a day or month written without one.

    ``shift`` -1 ("مارس الماضي"): the last such day or month before the anchor;
    +1: the next one after it; 0 ("الجاري"): the anchor's year. No shift: the
    year that puts it nearest the anchor, so that "28 ديسمبر" in a January
    article is last December; in a sentence about the future (``ahead``) the
    first one from the anchor's month on. A weekday written with the date ("الأحد 27
    تشرين الأول") picks, among the year before, of and after the anchor, one
    where the date falls on that weekday."""
    here = (_month_index(anchor.year, anchor.month), anchor.day if day else 0)
    years = range(anchor.year - 1, anchor.year + 2)

    def position(year: int) -> tuple[int, int]:
        return _month_index(year, month), day or 0

    if shift == 0:
        return anchor.year
    if shift is not None and shift < 0:  # -2: "مارس قبل الماضي", the one before
        return max(y for y in years if position(y) < here) + shift + 1
    if shift is not None and shift > 0:
        return min(y for y in years if position(y) > here) + shift - 1
    if weekday is not None and day is not None:
        for year in sorted(years, key=lambda y: abs(y - anchor.year)):
            date = _date(year, month, day)
            if date is not None and date.isoweekday() == weekday:
                return year
    if ahead:  # in the article's own month a day already past is still this one
        return min(y for y in years if position(y)[0] >= here[0])
    # Ties (six months either way) go to the past: news reports what happened.
    return min(years, key=lambda y: (abs(position(y)[0] - here[0]), y > anchor.year))


def _ymd(year: int | None, month: int, day: int | None) -> str | None:
    """``2019-10-27``, ``2019-10``, ``XXXX-10-27``; None for an impossible day."""
    if year is not None and day is not None and _date(year, month, day) is None:
        return None
    if day is not None and not 1 <= day <= 31:
        return None
    text = year_month(year, month) if year is not None else f"XXXX-{month:02d}"
    return text + (f"-{day:02d}" if day is not None else "")


def entry(category: str, text: str) -> str:
    """The ``words.tsv`` value of matched text; a leading ل is the article
    merged with the preposition ل (للعام -> العام)."""
    table = words()[category]
    name = key(text)
    return table[name] if name in table else table["ا" + name]


def _shift(word: str | None) -> int | None:
    return None if word is None else int(entry("shift", word))


def _mod(word: str | None) -> str | None:
    return None if word is None else entry("mod", word) or None


def _weekday(word: str | None) -> int | None:
    """ISO weekday of "الثلاثاء", "ثلاثاء", "للثلاثاء"."""
    if word is None:
        return None
    name = key(word)
    table = weekday_numbers()
    for strip in (0, 2, 1):  # as is, without ال, without the ل left of للثلاثاء
        if name[strip:] in table:
            return table[name[strip:]]
    return None


def _count_unit(word: str) -> tuple[str, int | None]:
    """ "يومين" -> ("D", 2); "أيام" -> ("D", None): the number is written before."""
    unit, _, count = words()["count"][key(word)].partition(":")
    return unit, int(count) if count else None


def _period(unit: str, count: int) -> str:
    """TIMEX3 duration: P3D, P2W, PT2H, PT30M."""
    if unit in ("H", "MIN"):
        return f"PT{count}{unit[0]}"
    return f"P{count}{unit}"


#: "ساعة ونصف": the count's unit and half of it, in the units below
_HALVES = {"H": "H30M", "MIN": "M30S", "D": "DT12H", "M": "M15D", "Y": "Y6M"}


def _and_a_half(unit: str, count: int) -> str:
    """TIMEX3 duration of "ساعة ونصف" (PT1H30M), "عامين ونصف" (P2Y6M)."""
    if unit in _HALVES:
        return ("PT" if unit in ("H", "MIN") else "P") + f"{count}{_HALVES[unit]}"
    if unit == "W":
        return f"P{7 * count + 3}DT12H"
    years = {"DE": 10, "CE": 100}[unit]
    return f"P{years * count + years // 2}Y"


def _before(anchor: dt.date, unit: str, count: int) -> str | None:
    """The date ``count`` units before the anchor (after it when negative), at
    the unit's granularity."""
    if unit == "D":
        return (anchor - dt.timedelta(days=count)).isoformat()
    if unit == "W":
        return iso_week(anchor - dt.timedelta(weeks=count))
    if unit == "M":
        return year_month(*shift_month(anchor.year, anchor.month, -count))
    if unit == "Y":
        return f"{anchor.year - count:04d}"
    if unit == "DE":  # قبل عقدين: the decade
        return f"{(anchor.year - 10 * count) // 10:03d}"
    if unit == "CE":
        return f"{(anchor.year - 100 * count - 1) // 100:02d}"
    return None  # hours and minutes: the day is not certain


def _with_part(value: str | None, part: str | None) -> Resolved:
    if part is None:
        return "DATE", value, None
    code = words()["part"][key(part)]
    return "TIME", f"{value}T{code}" if value else None, None


# resolvers, one per rule of the grammar ----------------------------------------


def _hijri(m: re.Match[str], anchor: dt.date | None) -> Resolved | None:
    month = hijri_month_numbers()[key(m["h_m"])]
    day = int(m["h_d"]) if m["h_d"] else None
    year = int(m["h_y"]) if m["h_y"] else None
    if day is None and year is None:
        # "رمضان", "رجب" are also names, and "شهر رمضان" is often any Ramadan:
        # without a day or year, only "رمضان الماضي" / "المقبل" is a date.
        if not m["h_sh"]:
            return None
        if anchor is None:
            return "DATE", None, None
        middle = _hijri_month_near(anchor, month, _shift(m["h_sh"]))
        return ("DATE", year_month(middle.year, middle.month), "APPROX") if middle else None
    if year is None and anchor is not None:
        year = Gregorian(anchor.year, anchor.month, anchor.day).to_hijri().year
    if year is None:
        return "DATE", None, None
    try:
        if day is not None:
            return _with_part(Hijri(year, month, day).to_gregorian().isoformat(), m["h_part"])
        # A Hijri month straddles two Gregorian ones: give the month of its middle.
        middle = Hijri(year, month, 15).to_gregorian()
    except (ValueError, OverflowError):  # outside the converter's range, or day 30 of 29
        return "DATE", None, None
    return "DATE", year_month(middle.year, middle.month), "APPROX"


def _hijri_month_near(anchor: dt.date, month: int, shift: int | None) -> dt.date | None:
    """The middle of the last Hijri month that ended before the anchor ("رمضان
    الماضي", shift -1), of the next one that starts after it (+1), or of the one
    of the anchor's Hijri year (0, "رمضان الجاري")."""
    here = Gregorian(anchor.year, anchor.month, anchor.day).to_hijri().year
    months: list[tuple[dt.date, dt.date, dt.date]] = []  # first day, middle, last day
    for year in (here - 1, here, here + 1):
        try:
            days = [Hijri(year, month, day).to_gregorian() for day in (1, 15, 29)]
        except (ValueError, OverflowError):
            continue
        months.append((days[0], days[1], days[2]))
    if not months:
        return None
    if shift is None:
        return None
    if shift < 0:
        past = [mid for first, mid, last in months if last < anchor]
        return past[-1] if past else None
    if shift > 0:
        future = [mid for first, mid, last in months if first > anchor]
        return future[0] if future else None
    return months[1][1] if len(months) == 3 else None


def _day_list(m: re.Match[str], anchor: dt.date | None) -> Resolved | None:
    """The first day of "10 و11 نيسان": the month and year of the date after it."""
    following = _NEXT_DAY.match(m.string, m.end())
    then = date_re().match(m.string, following.end()) if following else None
    if then is None or then.start("cal") < 0:
        return None
    resolved = _calendar(then, anchor)
    if resolved is None or resolved[1] is None or resolved[2] is not None:
        return None
    value = resolved[1]
    day = int(m["dl_d"])
    if value.count("-") == 2:  # 2019-04-11 -> 2019-04-10
        year, month = value[:4], int(value[5:7])
        value = _ymd(None if year == "XXXX" else int(year), month, day)
        return ("DATE", value, None) if value else None
    return None


_NEXT_DAY = re.compile(r"\D*?(?=\d)")


def _numeric(m: re.Match[str], anchor: dt.date | None) -> Resolved | None:
    if m["n_d"]:
        day, month, year = int(m["n_d"]), int(m["n_m"]), int(m["n_y"])
    else:
        day, month, year = int(m["n_d2"]), int(m["n_m2"]), int(m["n_y2"])
    date = _date(year, month, day)
    return ("DATE", date.isoformat(), None) if date else None


def _calendar(m: re.Match[str], anchor: dt.date | None) -> Resolved | None:
    month = month_numbers()[key(m["g_m1"])]
    day = int(m["g_d"]) if m["g_d"] else number(m["g_ord"])
    modifier = m["g_mod"]
    if day is None and modifier and key(modifier) == key("أول"):
        day, modifier = 1, None  # "أول أبريل" is April 1st; "أول الشهر" its start
    context = (day, m["g_y"], m["g_sh"], m["g_ysh"], m["g_mod"], m["g_kw"], m["g_m2"])
    if not any(c is not None for c in context) and key(m["g_m1"]) in ambiguous_months():
        return None  # "آب" alone is "father"
    year: int | None = None
    if m["g_y"]:
        year = int(m["g_y"])
    elif anchor is not None and m["g_ysh"]:
        year = anchor.year + _shift(m["g_ysh"])  # type: ignore[operator]
    elif anchor is not None:
        shift = _shift(m["g_sh"])
        ahead = shift is None and _future(m)
        year = _year_for(anchor, month, day, shift, _weekday(m["g_wd"]), ahead)
    value = _ymd(year, month, day)
    if value and m["g_part"] and day is not None:
        return _with_part(value, m["g_part"])
    return ("DATE", value, _mod(modifier)) if value else None


def _day_of_month(m: re.Match[str], anchor: dt.date | None) -> Resolved | None:
    if anchor is None:
        return "DATE", None, None
    year, month = shift_month(anchor.year, anchor.month, _shift(m["dm_sh"]) or 0)
    day = int(m["dm_d"]) if m["dm_d"] else number(m["dm_ord"])
    value = _ymd(year, month, day) if day else None
    return ("DATE", value, None) if value else None


def _year(m: re.Match[str], anchor: dt.date | None) -> Resolved | None:
    year = int(m["y_y"])
    mod = _mod(m["y_mod"])
    if m["y_h"]:  # a Hijri year: the Gregorian year of its middle
        try:
            return "DATE", f"{Hijri(year, 6, 15).to_gregorian().year:04d}", "APPROX"
        except (ValueError, OverflowError):
            return "DATE", None, None
    if not m["y_cue"] and not mod and (year not in BARE_YEARS or _after_hedge(m)):
        return None
    return "DATE", f"{year:04d}", mod


def _after_hedge(m: re.Match[str]) -> bool:
    """ "أكثر من 1800 حالة", "نحو 2000 شخص": a number after a hedge counts
    something; years are not hedged without a cue ("نحو عام 2000")."""
    before = _text_before(m, 12).rstrip()
    return any(before.endswith(word) for word in words()["approx"])


def _season(m: re.Match[str], anchor: dt.date | None) -> Resolved | None:
    code = _season_code(m["se_w"])
    if m["se_y"]:
        return "DATE", f"{m['se_y']}-{code}", None
    if anchor is None:
        return "DATE", None, None
    shift = _shift(m["se_sh"] or m["se_ysh"]) or 0
    return "DATE", f"{anchor.year + shift:04d}-{code}", None


def _season_code(word: str) -> str:
    """TIMEX3 code of "الصيف", "صيف", "للصيف": SU."""
    return words()["season"]["ال" + key(word).removeprefix("ال").removeprefix("ل")]


def _anchor_century(anchor: dt.date | None, shift: str | None) -> int | None:
    if anchor is None:
        return None
    return (anchor.year - 1) // 100 + 1 + int(words()["century"][key(shift)]) if shift else None


def _century(m: re.Match[str], anchor: dt.date | None) -> Resolved | None:
    century = int(m["c_d"]) if m["c_d"] else number(m["c_ord"])
    if century is None:
        century = _anchor_century(anchor, m["c_sh"])
    # TIMEX3 writes a century as its first two digits: the 20th century is "19".
    value = f"{century - 1:02d}" if century else None
    return "DATE", value, _mod(m["c_mod"])


def _decade(m: re.Match[str], anchor: dt.date | None) -> Resolved | None:
    ordinal_century = m["dc_ord"] or m["dc_ord2"]
    shift = m["dc_sh"] or m["dc_sh2"]
    century = number(ordinal_century) if ordinal_century else _anchor_century(anchor, shift)
    if m["dc_n"]:  # العقد الأول من القرن العشرين = 190
        ordinal = number(m["dc_n"])
        if not century or not ordinal or ordinal > 10:
            return "DATE", None, _mod(m["dc_mod"])
        return "DATE", f"{century - 1:02d}{ordinal - 1}", _mod(m["dc_mod"])
    name = "ال" + key(m["dc_w"] or m["dc_c"]).removeprefix("ال").removeprefix("ل")
    decade = words()["decade"][name]
    # Without a century, "الستينيات" is the 1960s.
    return "DATE", f"{(century or 20) - 1:02d}{decade}", _mod(m["dc_mod"])


def _relative_day(m: re.Match[str], anchor: dt.date | None) -> Resolved | None:
    name = key(m["d_w"])
    if name == "غد" and not (m["d_part"] or m["d_wd"]):
        return None  # "إلى غد أفضل": bare غد is "the future"; صباح غد, غد الأحد are days
    if not (m["d_part"] or m["d_wd"] or _governed(m)):
        reference = _day_as_an_age(m, name)
        if reference:
            return "DATE", reference, None
    night = name in words()["night"] or "ا" + name in words()["night"]
    offset = int(entry("night" if night else "day", name))
    # "أمس الجمعة": the weekday repeats the day; when they disagree the relative
    # word, which the article date anchors, is kept.
    value = (anchor + dt.timedelta(days=offset)).isoformat() if anchor else None
    if night:
        return "TIME", f"{value}TNI" if value else None, None
    return _with_part(value, m["d_part"])


def _day_as_an_age(m: re.Match[str], name: str) -> str | None:
    """ "طالب الأمس", "حلفاء اليوم أعداء الغد": the past, the present, the future
    (TIMEX3 PAST_REF...), not a day; None when it is a day."""
    if name in words()["as_noun"]:
        return words()["as_noun"][name]
    if name == "اليوم" and (
        _after_a_people_noun(m) or _set_against_past_or_future(m) or _opens_a_sentence(m)
    ):
        return "PRESENT_REF"
    return None


#: prepositions written apart that make a definite day an adverb ("منذ الأمس")
_PREPOSITIONS = frozenset({"في", "منذ", "حتي", "الي", "من", "قبل", "بعد", "خلال", "يوم"})


def _governed(m: re.Match[str]) -> bool:
    """A preposition written on the expression ("بالأمس"; و and ف alone are
    conjunctions) or as the word before it ("في الغد")."""
    return _governed_at(m.string, m.start())


def _governed_at(text: str, start: int) -> bool:
    before = text[max(0, start - 20) : start]
    attached = _ATTACHED.search(before)
    clitics = attached.group(0) if attached else ""
    if clitics:
        return bool(clitics.strip("وف"))
    words_before = before.split()
    return bool(words_before) and words_before[-1] in _PREPOSITIONS


_ATTACHED = re.compile(r"\w+$")
_LAST_WORD = re.compile(r"(\w+)\s*$")
#: "طلاب اليوم ليسوا طلاب الأمس", "حلفاء اليوم أعداء الغد", "بين الأمس واليوم"
_CONTRAST_REACH = 30


#: possessive endings of a people noun: "أطفالنا اليوم", "مجتمعهم اليوم"
_POSSESSIVES = ("نا", "هم", "كم", "ها", "ه")


def _after_a_people_noun(m: re.Match[str]) -> bool:
    """ "طلبة اليوم", "أطفالنا اليوم", "هم اليوم": the people of nowadays
    (words.tsv of_today)."""
    heads = words()["of_today"]
    return any(
        word in heads
        or any(word.endswith(ending) and word[: -len(ending)] in heads for ending in _POSSESSIVES)
        for word in _word_before(m)
    )


#: what comes before a sentence that opens on اليوم: its end, and the clitic و/ف
_OPENING = re.compile(r"(?:[.!?؟]|\n)\s*[وف]?$")
#: a headline's "اليوم.. انطلاق المهرجان", "اليوم: آخر موعد"
_HEADLINE_AFTER = re.compile(r"\s*(?:\.\.|:|-)")
_COMMA = re.compile(r"[\s،,]*")


def _opens_a_sentence(m: re.Match[str]) -> bool:
    """ "واليوم، بعد نصف قرن، يحق لنا أن نسأل", "اليوم لدينا هيئة": a sentence
    that opens on a bare اليوم sets the present against the past; the
    article's day comes after its verb ("قالت الوزارة اليوم"). Not a headline,
    nor اليوم before the date it names ("اليوم، التاسع من شوال")."""
    if not _OPENING.search(_text_before(m, 5)) or _HEADLINE_AFTER.match(m.string, m.end()):
        return False
    following = _COMMA.match(m.string, m.end())
    then = date_re().match(m.string, following.end() if following else m.end())
    return then is None or not any(then.start(rule) >= 0 for rule in _CALENDAR_RULES)


#: rules of a date that names its day: "اليوم، الخامس من مايو"
_CALENDAR_RULES = ("cal", "hijri", "num", "dom")


def _set_against_past_or_future(m: re.Match[str]) -> bool:
    """اليوم near an ungoverned الأمس or الغد of its sentence, which are the past
    and the future (words.tsv as_noun): then اليوم is the present."""
    text = m.string
    start, end = max(0, m.start() - _CONTRAST_REACH), min(len(text), m.end() + _CONTRAST_REACH)
    for found in as_noun_re().finditer(text, start, end):
        between = text[min(found.end(), m.end()) : max(found.start(), m.start())]
        if not _SENTENCE_END.search(between) and not _governed_at(text, found.start()):
            return True
    return False


def _weekday_date(anchor: dt.date, weekday: int, shift: int | None) -> dt.date:
    """ "الثلاثاء": the last Tuesday on or before the anchor; "الثلاثاء الماضي":
    strictly before; "الثلاثاء المقبل": strictly after; "قبل الماضي" (-2) and
    "بعد المقبل" (+2) a week further."""
    back = (anchor.isoweekday() - weekday) % 7
    if shift is not None and shift > 0:
        ahead = (weekday - anchor.isoweekday() - 1) % 7 + 1
        return anchor + dt.timedelta(days=ahead + 7 * (shift - 1))
    if shift is not None and shift < 0:
        back = (back or 7) + 7 * (-shift - 1)
    return anchor - dt.timedelta(days=back)


def _weekday_rule(
    m: re.Match[str], anchor: dt.date | None, day_named: DayNamed | None = None
) -> Resolved | None:
    weekday = _weekday(m["w_wd"])
    if weekday is None:
        return None
    if anchor is None:
        return _with_part(f"XXXX-WXX-{weekday}", m["w_part"])
    shift = _shift(m["w_sh"])
    if shift is None and _future(m) and not _since_a_day(m):
        shift = 1  # "ستستمر العاصفة حتى الجمعة": the coming Friday
    elif shift is None and day_named:
        anchor = _report_day(m, anchor, day_named)
    return _with_part(_weekday_date(anchor, weekday, shift).isoformat(), m["w_part"])


#: "أن", "إن", "بأنه"… normalised: what a report says follows them; not "قبل أن"
_THAT = re.compile(r"(?<!\w)(?<!قبل\s)(?<!بعد\s)(?<!منذ\s)(?<!الي\s)ب?ان(?:ه|ها|هم)?(?!\w)")


def _report_day(m: re.Match[str], anchor: dt.date, day_named: DayNamed) -> dt.date:
    """ "أعلنت أمس أنه توفي الخميس": what a report of a past day tells
    happened on or before that day, so the weekday counts back from it."""
    reported = dt.date.fromisoformat(day_named.value[:10])
    return reported if reported < anchor and _told_on(m, day_named) else anchor


def _told_on(m: re.Match[str], day_named: DayNamed) -> bool:
    """Whether the match is in what a report made on ``day_named`` says
    ("أعلنت اليوم أن الدوام سيكون من التاسعة صباحا"), not on that day itself."""
    return _THAT.search(m.string, day_named.end, m.start()) is not None


def _relative_unit(m: re.Match[str], anchor: dt.date | None) -> Resolved | None:
    shift = 0 if m["u_this"] else _shift(m["u_sh"])
    mod = _mod(m["u_mod"])
    if shift is None and mod is None:  # "العام" alone: "الرأي العام"
        return None
    if anchor is None:
        return "DATE", None, mod
    unit = entry("unit", m["u_unit"])
    shift = shift or 0
    if unit == "Y":
        return "DATE", f"{anchor.year + shift:04d}", mod
    if unit == "M":
        return "DATE", year_month(*shift_month(anchor.year, anchor.month, shift)), mod
    week = iso_week(anchor + dt.timedelta(weeks=shift))
    if mod == "END":  # نهاية الأسبوع: the weekend
        return "DATE", f"{week}-WE", None
    return "DATE", week, mod


def _approx(word: str | None) -> str | None:
    return None if word is None else words()["approx"][key(word)]


def _ago(m: re.Match[str], anchor: dt.date | None) -> Resolved | None:
    unit, count = _count_unit(m["a_u"])
    count = number(m["a_n"]) if m["a_n"] else count
    sign = int(entry("ago", m["a_w"]))
    if key(m["a_w"]) in words()["since"]:
        return _since(unit, count, anchor, _approx(m["a_apx"]))
    if sign > 0 and count is not None and not _future(m):
        # "توفي بعد 40 عاما أمضاها", "يسقط الحق بعد 50 سنة": counted from an
        # event or a rule, not from the article date, which only a sentence
        # about the future counts from ("سيعود بعد أسبوع")
        return "DURATION", _period(unit, count), _approx(m["a_apx"])
    vague = "PAST_REF" if sign < 0 else "FUTURE_REF"
    if count is None:  # "قبل أيام": some days ago
        return "DATE", vague, None
    if anchor is None:
        return "DATE", None, _approx(m["a_apx"])
    value = _before(anchor, unit, -sign * count)
    return "DATE", value or vague, _approx(m["a_apx"])


def _since(unit: str, count: int | None, anchor: dt.date | None, mod: str | None) -> Reading:
    """ "منذ ثلاثة أعوام": mostly a state that has lasted that long up to the
    article date ("المعتقل منذ ثلاثة أعوام"), so a duration, which keeps when it
    began for whoever reads it as "three years ago"."""
    if count is None:  # "منذ أسابيع": for some weeks
        return Reading("DURATION", _period(unit, 0).replace("0", "X"), mod)
    begin = _before(anchor, unit, count) if anchor else None
    return Reading("DURATION", _period(unit, count), mod, begin)


def _set(m: re.Match[str], anchor: dt.date | None) -> Resolved | None:
    if m["s_wd"]:
        return "SET", f"XXXX-WXX-{_weekday(m['s_wd'])}", None
    if m["s_adv"]:
        return "SET", words()["every"][key(m["s_adv"])], None
    if m["s_se"]:
        return "SET", f"XXXX-{_season_code(m['s_se'])}", None
    unit, count = _count_unit(m["s_u"])
    count = number(m["s_n"]) if m["s_n"] else count or 1
    return ("SET", _period(unit, count), None) if count else None


def _duration(m: re.Match[str], anchor: dt.date | None) -> Resolved | None:
    word = m["du_u"] or m["du_own"] or m["du_pl"] or m["du_one"] or m["du_one1"] or m["du_pl2"]
    word = word or m["du_one2"]
    unit, count = _count_unit(word)
    if m["du_some"]:  # عدة أعوام: TIMEX3 writes the unknown number as X
        return "DURATION", _period(unit, 0).replace("0", "X"), None
    if m["du_n"]:
        count = number(m["du_n"])
    elif m["du_n2"]:  # السنوات الخمس
        count = number(m["du_n2"].removeprefix("ال"))
    if not count:
        return None
    value = _and_a_half(unit, count) if m["du_half"] else _period(unit, count)
    return "DURATION", value, _approx(m["du_apx"])


def _half(m: re.Match[str], anchor: dt.date | None) -> Resolved | None:
    code = entry("part_of", m["hf_w"])
    last = 2 if code == "H" else 4
    ordinal = last if m["hf_last"] else number(m["hf_ord"])  # الربع الأخير: the fourth
    if not ordinal or ordinal > last:
        return None
    if m["hf_y"]:
        year: int | None = int(m["hf_y"])
    elif anchor is None:
        year = None
    elif m["hf_sh"]:
        year = anchor.year + (_shift(m["hf_sh"]) or 0)
    else:
        year = anchor.year
        first_month = (ordinal - 1) * (6 if code == "H" else 3) + 1
        if first_month > anchor.month and not _future(m):
            year -= 1  # "الربع الثالث" in a report of May: the last one that has begun
    return "DATE", f"{year:04d}-{code}{ordinal}" if year else None, None


def _anniversary(m: re.Match[str], anchor: dt.date | None) -> Resolved | None:
    if anchor is None:
        return "DATE", None, None
    year = int(m["av_y"]) if m["av_y"] else anchor.year + int(entry("shift", m["av_sh"]))
    try:
        return "DATE", anchor.replace(year=year).isoformat(), None
    except ValueError:  # 29 February in a common year
        return "DATE", f"{year:04d}-02", None


def _reference(m: re.Match[str], anchor: dt.date | None) -> Resolved | None:
    value = entry("ref", m["ref"])
    if value.endswith("_REF"):
        return "DATE", value, None
    shift = words()["shift"].get(key(m["ref"]).split()[-1])
    if shift and "في" in _word_before(m):  # "في الأيام الماضية": when, not how long
        return "DATE", "PAST_REF" if int(shift) < 0 else "FUTURE_REF", None
    return "DURATION", value, None


def _word_before(m: re.Match[str]) -> tuple[str, ...]:
    """The word before the match, as written and without a conjunction و/ف on
    it ("وفي" -> "وفي", "في"); empty at the start of the text."""
    last = _LAST_WORD.search(_text_before(m, 20))
    if last is None:
        return ()
    word = last.group(1)
    return (word, word[1:]) if word[0] in "وف" and len(word) > 2 else (word,)


_AFTERNOON = {"مساء": 12, "مساءا": 12, "عصرا": 12, "ليلا": 12, "ظهرا": 12}
#: the day parts after which an hour is in the afternoon or evening
_LATE_PARTS = ("AF", "EV", "NI")
_MINUTES = {"والنصف": 30, "والربع": 15, "والثلث": 20}


def _minutes(words_: str | None) -> tuple[int, int]:
    """(hour change, minute) of "والنصف" (0, 30), "إلا ربعا" (-1, 45)."""
    if not words_:
        return 0, 0
    name = key(words_)
    if name in _MINUTES:
        return 0, _MINUTES[name]
    return -1, 40 if "ثلث" in name else 45


def _clock(
    m: re.Match[str], anchor: dt.date | None, day_named: DayNamed | None = None
) -> Resolved | None:
    hour = int(m["k_h"]) if m["k_h"] else number(m["k_w"] or m["k_w2"])
    change, minute = _minutes(m["k_q"] or m["k_q2"])
    minute = int(m["k_m"]) if m["k_m"] else minute
    if m["k_mn"]:
        minute = number(m["k_mn"]) or 0
    if hour is None or hour > 24 or minute > 59:
        return None
    hour = (hour + change - 1) % 12 + 1 if change else hour
    # "الثامنة مساء" is 20:00, but "الثانية عشرة ظهرا" and "الواحدة ليلا" stay.
    part = " ".join(m["k_p"].split()) if m["k_p"] else None
    if part and hour < 12 and not (part == "ليلا" and hour < 6):
        hour += 12 if part.startswith("بعد") else _AFTERNOON.get(part, 0)
    day = "XXXX-XX-XX"
    if day_named and not _told_on(m, day_named):
        # the day the sentence has just named: "مساء الاثنين عند الساعة الثامنة"
        day = day_named.value[:10]
        late = day_named.value[11:] in _LATE_PARTS
        if late and not part and not m["k_dp"] and 1 <= hour < 12:
            hour += 12
    if m["k_dp"]:  # العاشرة من مساء أمس: the day is given
        code = words()["part"][key(m["k_dp"])]
        if code in _LATE_PARTS and 1 <= hour < 12 and not (code == "NI" and hour < 6):
            hour += 12
        if anchor is not None and m["k_day"]:
            name = key(m["k_day"])
            table = words()["night"] if name in words()["night"] else words()["day"]
            offset = int(table.get(name, table.get("ا" + name, "0")))
            day = (anchor + dt.timedelta(days=offset)).isoformat()
        elif anchor is not None and m["k_wd"]:
            weekday = _weekday(m["k_wd"])
            shift = _shift(m["k_sh"])
            if shift is None and _future(m):
                shift = 1  # "تنطلق عند الساعة الثامنة من مساء الأحد"
            if weekday is not None:
                day = _weekday_date(anchor, weekday, shift).isoformat()
    # With no day of its own and none named just before, the day is the one the
    # sentence is about, which may not be the article's: left unknown.
    return "TIME", f"{day}T{hour:02d}:{minute:02d}", None


_PREVIOUS_UNITS = {"D": 10, "W": 10, "M": 7, "Y": 4}  # the part of a value a unit needs


def _anaphoric(m: re.Match[str], previous: str | None) -> Resolved | None:
    """ "اليوم التالي", "في ذلك العام": relative to the date the text mentioned
    last (``previous``, a TIMEX3 value), not to the article date. Unresolved
    (None) when no earlier date has the granularity the unit needs."""
    name = key(m["an_u1"] or m["an_u2"])
    unit = "D" if name.removeprefix("ل") in ("اليوم", "ليوم") else entry("unit", name)
    shift = int(entry("anaphor", m["an_w"])) if m["an_w"] else 0
    if previous is None or len(previous) < _PREVIOUS_UNITS[unit] or not _FULL.match(previous):
        return "DATE", None, None
    if unit == "Y":
        return "DATE", f"{int(previous[:4]) + shift:04d}", None
    if unit == "M":
        return "DATE", year_month(*shift_month(int(previous[:4]), int(previous[5:7]), shift)), None
    day = dt.date.fromisoformat(previous[:10])
    if unit == "W":
        return "DATE", iso_week(day + dt.timedelta(weeks=shift)), None
    return "DATE", (day + dt.timedelta(days=shift)).isoformat(), None


#: a day, maybe with a part of it: 2019-10-27, 2019-10-27TEV
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T[A-Z]{2})?$")
#: a value that names a calendar period from its year down: 2019, 2019-10, 2019-10-27
_FULL = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?(?:T|$)")


RESOLVERS: dict[str, Resolver] = {
    "hijri": _hijri,
    "num": _numeric,
    "dlist": _day_list,
    "cal": _calendar,
    "dom": _day_of_month,
    "year": _year,
    "season": _season,
    "cent": _century,
    "dec": _decade,
    "anniv": _anniversary,
    "ana": _anaphoric,  # type: ignore[dict-item]  # called with the previous date
    "rday": _relative_day,
    "wday": _weekday_rule,  # type: ignore[dict-item]  # called with the day named before
    "rel": _relative_unit,
    "ago": _ago,
    "set": _set,
    "dur": _duration,
    "half": _half,
    "ref": _reference,
    "clock": _clock,  # type: ignore[dict-item]  # called with the day named before
}


def find_timexes(
    norm: str, anchor: dt.date | None = None, start: int = 0, end: int | None = None
) -> Iterator[Timex]:
    """Temporal expressions in ``norm[start:end]`` (normalised text), with
    values resolved against ``anchor``. Offsets index ``norm``."""
    end = len(norm) if end is None else end
    resume = start
    index = lead_index()
    previous: str | None = None  # the last date found, for "اليوم التالي"
    last_day: DayNamed | None = None
    years: dict[str, str] = {}  # "-09-11" / "-09" -> the year the text gave it
    found = _WORD.findall(norm, start, end)
    words = _WORD.finditer(norm, start, end)
    # Most words start nothing: test the strings (cheap) before asking the
    # match object for its position.
    for i, text in enumerate(found):
        word = next(words)
        if (text not in index and text.isalpha()) or word.start() < resume:
            continue
        following = found[i + 1] if i + 1 < len(found) else ""
        for cut, merged in _clitic_cuts(text, following):
            match = date_re().match(norm, word.start() + cut, end)
            if match is None:
                continue
            day = _same_sentence(norm, last_day, match.start())
            resolved = _resolve(match, anchor, previous, day)
            if resolved:
                reading = _with_year_given_before(match, Reading(*resolved), years)
                value = reading.value
                if reading.type in ("DATE", "TIME") and value and _FULL.match(value):
                    previous = value
                    if _DAY_VALUE.match(value):
                        last_day = DayNamed(match.end(), value)
                # "للعام" keeps the ل that took the place of the article's alef.
                yield Timex(match.start() - merged, match.end(), *reading)
                resume = match.end()
                break


def _with_year_given_before(
    match: re.Match[str], reading: Reading, years: dict[str, str]
) -> Reading:
    """A day or month written without a year ("بعد 11 سبتمبر") that the text
    gave earlier with one ("هجمات 11 سبتمبر 2001") is in that year, not the one
    nearest the article date. Dates with a year are remembered in ``years``."""
    value = reading.value
    if match.start("cal") < 0 or not value or not _FULL.match(value) or len(value) < 7:
        return reading
    if match["g_y"]:
        years.setdefault(value[4:10], value[:4])
        years.setdefault(value[4:7], value[:4])
    elif not (match["g_sh"] or match["g_ysh"]) and value[4:10] in years:
        return reading._replace(value=years[value[4:10]] + value[4:])
    return reading


_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")


def _clitic_cuts(word: str, following: str) -> list[tuple[int, bool]]:
    """Where an expression may start in ``word``: after each possible clitic
    for a lead word, at the first digit for a number ("و2019"). A lead word
    that needs more after it is skipped when the next word cannot continue."""
    cuts = lead_index().get(word)
    if cuts is not None:
        go_on = following in followers() or not following.isalpha()
        return [(cut, merged) for cut, merged, whole in cuts if whole or go_on]
    if not word.isalpha():
        digit = _DIGIT.search(word)
        # "و2019", and "الـ15 من الشهر" (the tatweel is gone once normalised)
        if digit and word[: digit.start()].removesuffix("ال") in CLITICS:
            return [(digit.start(), False)]
    return []


def _resolve(
    match: re.Match[str],
    anchor: dt.date | None,
    previous: str | None = None,
    day: DayNamed | None = None,
) -> Resolved | None:
    """The reading of a match; ``previous`` is the last date found before it,
    ``day`` the last day named before it in its sentence."""
    rule = next(name for name in RESOLVERS if match.start(name) >= 0)
    if rule == "ana":
        return _anaphoric(match, previous)
    if rule == "clock":
        return _clock(match, anchor, day)
    if rule == "wday":
        return _weekday_rule(match, anchor, day)
    return RESOLVERS[rule](match, anchor)


def _same_sentence(norm: str, last: DayNamed | None, start: int) -> DayNamed | None:
    """``last`` if no sentence ends between it and ``start``."""
    if last is None or _SENTENCE_END.search(norm, last.end, start):
        return None
    return last


#: how far back a future marker may stand from a weekday
_FUTURE_REACH = 60
#: a sentence end; not the point of "51.2" or "7.30"
_SENTENCE_END = re.compile(r"[.!?؟](?!\d)|\n")


def _text_before(match: re.Match[str], chars: int) -> str:
    """Up to ``chars`` characters of the searched text before the match."""
    return match.string[max(0, match.start() - chars) : match.start()]


def _since_a_day(match: re.Match[str]) -> bool:
    """ "منذ الأحد": since a day, which has passed."""
    return _text_before(match, 5).rstrip().endswith("منذ")


def _future(match: re.Match[str]) -> bool:
    """A future marker before the expression, in its sentence ("ستستمر
    العاصفة حتى الجمعة"): a bare weekday there is the coming one."""
    before = _text_before(match, _FUTURE_REACH)
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end() :]
    return future_re().search(before) is not None or _future_verb_next(match)


def _future_verb_next(match: re.Match[str]) -> bool:
    """A fronted date before its verb: "وفي 12 مارس تبث القناة الحلقة", "الأحد
    ستنطلق البطولة"."""
    following = _SPACES.match(match.string, match.end())
    verb_at = following.end() if following else match.end()
    return future_re().match(match.string, verb_at) is not None


_SPACES = re.compile(r"\s+")
