"""The grammar of Arabic temporal expressions as one compiled regex.

The pattern runs on the normalised text (hamza and yaa folded, taa marbuta as
ه, Arabic-Indic digits as ASCII, diacritics and tatweel removed), so every
alternative is written in normalised spelling and the lexicons are normalised
when loaded. Each rule is a named group (``cal``, ``rday``, ``dur``, ...) whose
sub-groups carry the parts :mod:`marsad.dates.normalize` needs; the rules are
tried in order at each position, so more specific rules come first ("الأحد 27
تشرين الأول" is one date, not a weekday followed by a date).

Expressions start after an optional conjunction and preposition written on the
word (و, ف, ب, ل, ك: "وبالأمس", "للعام"), which the span leaves out; the search
(:func:`lead_index`) matches the pattern only where an expression can start.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from marsad.dates.lexicon import (
    alternation,
    hijri_month_numbers,
    month_numbers,
    number_words,
    weekday_numbers,
    words,
)

END = r"(?!\w)"
DEF = r"(?:ال|(?<=ل)ل)"  # the article, also when merged with the preposition ل
#: "عام", "السنة", and the duals of "بين عامي 2010 و2015"
YEAR_WORD = rf"(?:{DEF}?(?:عام|سنه)|عامي|سنتي)"
YEAR_CUE = rf"(?:{YEAR_WORD}\s+)"
HIJRI_MARK = r"(?:\s*(?:ه|هجري|هجريه|للهجره)(?!\w))"
PART_ADVERB = (
    r"(?:صباحا|مساء|مساءا|ظهرا|عصرا|ليلا|فجرا|بعد\s+الظهر|بعد\s+الظهيره|بعد\s+الزوال"
    r"|قبل\s+الظهر|قبل\s+الظهيره|قبل\s+الزوال)"
)
#: minutes after a clock hour: "العاشرة والنصف", "والربع", "إلا ربعا"
MINUTES = r"(?:\s+(?P<{0}>والنصف|والربع|والثلث|الا\s+ربعا|الا\s+الربع|الا\s+ثلثا|الا\s+الثلث))"
#: "منذ عام 2011", "حوالي عام 2000": عام there is the year's cue, not a count
NO_YEAR = r"(?!\s*\d{4}(?!\d))"
#: what joins two days of one month: "يومي 10 و11 نيسان", "من 3 إلى 5 أيار"
DAY_JOIN = r"\s*(?:و|-|–|الي|حتي)\s*(?:ال)?"


def _words(category: str) -> str:
    return alternation(words()[category])


def _numbers(kind: str, low: int = 0, high: int = 10**6) -> str:
    return alternation(w for w, v in number_words()[kind].items() if low <= v <= high)


def _compound(units: str, tens: str, teen: str) -> str:
    """Number words up to 99: 13 = UNIT + عشر, 95 = UNIT + و + TENS, or one word."""
    return rf"(?:{units}(?:\s+{teen}|\s+و\s*{tens})?|{tens})"


def _optional_article(category: str) -> str:
    """Words listed with the article that are also written without it
    (الستينيات / ستينيات القرن الماضي, الصيف / صيف 2019)."""
    stems = [w[2:] if w.startswith("ال") else w for w in words()[category]]
    return rf"{DEF}?" + alternation(stems)


def _numbered_count(value: str) -> bool:
    """A ``count`` value whose word carries a number other than one (D:2, MIN:30)."""
    return value.partition(":")[2] not in ("", "1")


@cache
def pieces() -> dict[str, str]:
    """The named sub-patterns the rules are built from (also used by tests)."""
    cardinal = _compound(_numbers("cardinal", 1, 10), _numbers("cardinal", 20, 100), r"عشر(?:ه)?")
    ordinal = _compound(_numbers("ordinal", 1, 10), _numbers("ordinal", 20), r"عشر")
    count = words()["count"]
    return {
        "MONTH": alternation(month_numbers()),
        "HMONTH": alternation(hijri_month_numbers()),
        "WD_BARE": alternation(weekday_numbers()),
        "WD": DEF + alternation(weekday_numbers()),
        "ORD": ordinal,
        "HOUR": rf"{_numbers('hour')}(?:\s+عشره)?",
        "NUM": rf"(?:\d{{1,4}}(?!\d)|{cardinal})",
        "COUNT": alternation(count),
        # counts that carry a number other than one: يومين, نصف ساعة, ربع قرن
        "NUMBERED": alternation(w for w, v in count.items() if _numbered_count(v)),
        "DAY": alternation([*words()["day"], *words()["night"]]),
        "SOME": _words("some"),
        "DUAL_SHIFT": _words("dual_shift"),
        "PART_OF": _words("part_of"),
        "NOT_DAY": _words("not_day"),
        "REF": _words("ref"),
        "SHIFT": _words("shift"),
        "THIS": _words("this"),
        "UNIT": _words("unit"),
        "ANAPHOR": _words("anaphor"),
        "THAT": _words("that"),
        "PLURAL": alternation(w for w, v in count.items() if ":" not in v),
        # السنوات الخمس, الساعات الـ24 (the tatweel is gone once normalised)
        "CARD_DEF": rf"ال(?:{_numbers('cardinal', 3, 100)}|\d{{1,3}}(?!\d))",
        "AGO": _words("ago"),
        "MOD": _words("mod"),
        "PART": _words("part"),
        "EVERY": _words("every"),
        "APPROX": _words("approx"),
        "CENTURY_SHIFT": _words("century"),
        "DECADE": _optional_article("decade"),
        "DECADE_STEM": alternation(w.removeprefix("ال") for w in words()["decade"]),
        "SEASON": _optional_article("season"),
    }


def _rules(p: dict[str, str]) -> list[str]:
    mod = rf"(?:(?P<{{0}}>{p['MOD']})\s+)?"
    weekday_prefix = rf"(?:(?:يوم\s+)?(?P<{{0}}>{p['WD']})\s*[،,]?\s*(?:الموافق\s+)?)?"
    #: "فجر السادس من شباط", "مساء الجمعة 15 شوال": a time of a dated day
    part_prefix = rf"(?:(?P<{{0}}>{p['PART']})\s+)?"
    months = (
        rf"(?P<g_m1>{p['MONTH']}){END}"
        # "تشرين الأول/ أكتوبر", "أكتوبر (تشرين الأول)", either order, any spacing
        # (the closing bracket takes its spaces, not the month: what follows
        # may be "الماضي", which needs the space before it)
        rf"(?:\s*[/(]\s*(?P<g_m2>{p['MONTH']}){END}(?:\s*\))?)?"
    )
    year_tail = (
        rf"\s*[،,]?\s*(?:من\s+)?{YEAR_CUE}?(?P<g_y>\d{{4}})(?!\d)(?:\s*م{END})?"
        rf"|\s+(?P<g_sh>{p['SHIFT']}){END}"
        rf"|\s+من\s+{YEAR_WORD}\s+(?P<g_ysh>{p['SHIFT']}){END}"
    )
    return [
        # 21 ربيع الأول 1439 هـ; رمضان 1440 هـ
        rf"(?P<hijri>{part_prefix.format('h_part')}{weekday_prefix.format('h_wd')}"
        rf"(?:(?P<h_d>\d{{1,2}})(?!\d)\s*(?:من\s+)?|(?P<h_kw>شهر\s+))?(?P<h_m>{p['HMONTH']}){END}"
        rf"(?:\s*[،,]?\s*(?:من\s+)?{YEAR_CUE}?(?P<h_y>\d{{3,4}})(?!\d)|\s+(?P<h_sh>{p['SHIFT']}){END})?"
        rf"{HIJRI_MARK}?)",
        # 27/10/2019, 2019-10-27
        r"(?P<num>(?<![\d/.-])(?:(?P<n_d>\d{1,2})(?P<n_s>[/.-])(?P<n_m>\d{1,2})(?P=n_s)"
        r"(?P<n_y>\d{4})|(?P<n_y2>\d{4})(?P<n_s2>[/-])(?P<n_m2>\d{1,2})(?P=n_s2)"
        r"(?P<n_d2>\d{1,2}))(?![\d/]|[.-]\d))",
        # the 10 of "يومي 10 و11 نيسان", "من 3 إلى 5 أيار": the month comes later
        rf"(?P<dlist>(?P<dl_d>\d{{1,2}})(?!\d)(?={DAY_JOIN}\d{{1,2}}(?!\d)\s*(?:من\s+)?"
        rf"(?:شهر\s+)?{p['MONTH']}{END}))",
        # [نهاية] [يوم] [الأحد] [27 | الثامن من] [شهر] تشرين الأول/ أكتوبر [2019 | الماضي]
        rf"(?P<cal>{mod.format('g_mod')}{part_prefix.format('g_part')}{weekday_prefix.format('g_wd')}"
        rf"(?:(?:(?P<g_d>\d{{1,2}})(?!\d)|(?P<g_ord>{p['ORD']}))\s*(?:من\s+)?)?"
        rf"(?P<g_kw>شهر\s+)?{months}(?:{year_tail})?)",
        # 12 من الشهر الجاري, الثامن من الشهر الماضي
        rf"(?P<dom>(?:(?P<dm_d>\d{{1,2}})(?!\d)|(?P<dm_ord>{p['ORD']}))\s+(?:من\s+)?الشهر\s+"
        rf"(?P<dm_sh>{p['SHIFT']}){END})",
        # [مطلع] [العام] 2019 [م | هـ]
        rf"(?P<year>{mod.format('y_mod')}(?P<y_cue>{YEAR_CUE})?"
        rf"(?<![\d.,])(?P<y_y>\d{{4}})(?![\d%]|[.,]\d|\s*(?:{p['COUNT']}){END})"
        rf"(?:\s*م{END})?(?P<y_h>{HIJRI_MARK})?)",
        # [فصل] الصيف [2019 | الماضي]
        rf"(?P<season>(?:فصل\s+)?(?P<se_w>{p['SEASON']}){END}(?!\s+العربي)"
        rf"(?:\s+(?:من\s+)?{YEAR_CUE}?(?P<se_y>\d{{4}})(?!\d)|\s+(?P<se_sh>{p['SHIFT']}){END}"
        rf"|\s+(?:من\s+)?(?:(?P<se_this>{p['THIS']})\s+{YEAR_WORD}|{YEAR_WORD}\s+(?P<se_ysh>{p['SHIFT']})){END})?)",
        # [أواخر] القرن التاسع عشر | القرن الماضي
        rf"(?P<cent>{mod.format('c_mod')}{DEF}قرن\s+(?:(?P<c_d>\d{{1,2}})(?!\d)"
        rf"|(?P<c_ord>{p['ORD']})|(?P<c_sh>{p['CENTURY_SHIFT']})){END})",
        # [نهاية] الستينيات | العقد الأول [من القرن الماضي]: the century after من,
        # which dates the decade, is an expression of its own (TimeML keeps them
        # apart); a decade in construct takes its century into the span
        rf"(?P<dec>{mod.format('dc_mod')}(?:"
        # "خمسينيات القرن الماضي": a decade in construct with its century is one
        rf"(?P<dc_c>{p['DECADE_STEM']})\s+القرن\s+(?:(?P<dc_ord2>{p['ORD']})"
        rf"|(?P<dc_sh2>{p['CENTURY_SHIFT']})){END}"
        rf"|(?:عقد\s+)?(?P<dc_w>{p['DECADE']})"
        rf"|{DEF}عقد\s+(?P<dc_n>{p['ORD']})(?=\s+(?:من\s+)?القرن\s)){END}"
        rf"(?:(?=\s+(?:من\s+)?القرن\s+(?:(?P<dc_ord>{p['ORD']})|(?P<dc_sh>{p['CENTURY_SHIFT']})){END}))?)",
        # "في مثل هذا اليوم من عام 1962": the article's day and month, that year
        rf"(?P<anniv>مثل\s+هذا\s+اليوم\s+من\s+(?:{YEAR_CUE}?(?P<av_y>\d{{4}})(?!\d)"
        rf"|{YEAR_WORD}\s+(?P<av_sh>{p['SHIFT']}){END}))",
        # اليوم التالي, في العام نفسه, ذلك الشهر: the date mentioned before
        rf"(?P<ana>(?:(?P<an_that>{p['THAT']})\s+(?P<an_u1>اليوم|{p['UNIT']}){END}"
        rf"|(?P<an_u2>اليوم|{p['UNIT']})\s+(?P<an_w>{p['ANAPHOR']}){END}))",
        # [مساء] أمس [الجمعة]; not "اليوم الوطني"
        rf"(?P<rday>(?:(?P<d_part>{p['PART']})\s+)?(?P<d_w>{p['DAY']}){END}"
        # "اليوم الوطني", "لليوم العشرين على التوالي": a day of something, not today
        rf"(?!\s+(?:{p['NOT_DAY']}|{p['ORD']}){END})(?:\s+(?P<d_wd>{p['WD']}){END})?)",
        # [صباح] [يوم] الثلاثاء [المقبل]
        rf"(?P<wday>(?:(?P<w_part>{p['PART']})\s+)?(?:يوم\s+)?(?P<w_wd>{p['WD']}){END}"
        rf"(?:\s+(?P<w_sh>{p['SHIFT']}){END})?)",
        # [نهاية] الشهر الماضي | هذا العام | مطلع الشهر
        rf"(?P<rel>{mod.format('u_mod')}(?:(?P<u_this>{p['THIS']})\s+)?(?P<u_unit>{p['UNIT']}){END}"
        rf"(?:\s+(?P<u_sh>{p['SHIFT']}){END})?)",
        # منذ ثلاثة أيام, قبل يومين, قبل أكثر من عام, بعد 50 سنة, قبل عدة أعوام;
        # but "بعد عامين من الحرب" counts from an event: the duration rule takes the count
        rf"(?P<ago>(?P<a_w>{p['AGO']})\s+(?:(?P<a_apx>{p['APPROX']})\s+)?"
        rf"(?:(?:(?P<a_n>{p['NUM']})|{p['SOME']})\s+)?(?P<a_u>{p['COUNT']}){END}(?!\s+(?:من|علي)\s|\s+ونصف{END}){NO_YEAR})",
        # كل يوم سبت, أيام الجمعة, كل عامين, كل صيف, يوميا
        rf"(?P<set>(?:كل\s+(?:يوم\s+)?|ايام\s+)(?:ال)?(?P<s_wd>{p['WD_BARE']}){END}"
        rf"|كل\s+(?P<s_se>{p['SEASON']}){END}"
        rf"|كل\s+(?:(?P<s_n>{p['NUM']})\s+)?(?P<s_u>{p['COUNT']}){END}"
        rf"|(?P<s_adv>{p['EVERY']}){END})",
        # ثلاثة أيام, 24 ساعة, عامين, ساعة ونصف, أسبوع واحد, العامين الماضيين,
        # أكثر من 100 دقيقة, عدة أعوام, السنوات الخمس الماضية; a lone singular
        # only after a hedge ("أكثر من قرن") or بعد ("بعد أسبوع من الهجوم"),
        # which stays out of the span
        rf"(?P<dur>(?:(?P<du_apx>{p['APPROX']})\s+)?(?:(?P<du_n>{p['NUM']})\s+(?P<du_u>{p['COUNT']})"
        rf"|{DEF}?(?P<du_own>{p['NUMBERED']})|(?P<du_some>{p['SOME']})\s+(?P<du_pl>{p['COUNT']})"
        rf"|(?P<du_one2>{p['COUNT']})(?:\s+واحد(?:ا|ه)?|(?=\s+ونصف{END}))"
        rf"|(?<=بعد )(?P<du_one>{p['COUNT']})|(?(du_apx)(?P<du_one1>{p['COUNT']})|(?!))"
        rf"|{DEF}(?P<du_pl2>{p['PLURAL']})\s+(?P<du_n2>{p['CARD_DEF']})){END}{NO_YEAR}"
        rf"(?P<du_half>\s+ونصف{END})?(?:\s+(?:{p['SHIFT']}|{p['DUAL_SHIFT']}){END})?)",
        # النصف الثاني [من العام الماضي | من عام 2019]; not "النصف الأول من القرن"
        rf"(?P<half>(?P<hf_w>{p['PART_OF']})\s+(?:(?P<hf_ord>{p['ORD']})|(?P<hf_last>الاخير)){END}"
        rf"(?:\s+من\s+(?:{YEAR_CUE}?(?P<hf_y>\d{{4}})(?!\d)|{YEAR_WORD}\s+(?P<hf_sh>{p['SHIFT']}){END}"
        rf"|{YEAR_WORD}{END}))?(?!\s+من\s))",
        rf"(?P<ref>{p['REF']}){END}",
        # الساعة العاشرة [والنصف] صباحا, الساعة 10:30 (7.30), العاشرة من صباح اليوم
        rf"(?P<clock>(?:الساعه\s+(?:(?P<k_h>\d{{1,2}})(?:[:.](?P<k_m>\d{{2}}))?(?!\d|[:.]\d)"
        rf"|(?P<k_w>{p['HOUR']}){END}{MINUTES.format('k_q')}?)"
        # "الساعة الثامنة وأربع دقائق"
        rf"(?:\s+و\s*(?P<k_mn>{p['NUM']})\s+(?:دقايق|دقيقه){END})?"
        rf"|(?P<k_w2>{p['HOUR']}){END}{MINUTES.format('k_q2')}?"
        rf"(?=\s+(?:{PART_ADVERB}{END}|(?:من\s+)?{p['PART']}\s)))"
        rf"{END}(?:\s+(?:من\s+)?(?P<k_dp>{p['PART']})\s+(?:يوم\s+)?(?:(?P<k_day>{p['DAY']})(?:\s+{p['WD']}(?={END}))?"
        rf"|(?P<k_wd>{p['WD']})(?:\s+(?P<k_sh>{p['SHIFT']}))?){END}|\s+(?P<k_p>{PART_ADVERB}){END})?)",
    ]


#: words that start a rule without coming from a lexicon
LEAD_WORDS = ("يوم", "شهر", "كل", "فصل", "عقد", "العقد", "القرن", "الساعه", "عام", "العام", "سنه")
LEAD_WORDS += ("السنه", "عامي", "سنتي", "ايام", "مثل")
#: what may be written on the first word of an expression: a conjunction, then
#: a preposition ("وبالأمس", "للعام", "ولعام")
CLITICS = tuple(c + p for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك"))


def _lexicons() -> list[Iterable[str]]:
    """Every lexicon whose words can start an expression."""
    table = words()
    lexicons: list[Iterable[str]] = [month_numbers(), hijri_month_numbers()]
    lexicons += [number_words()[kind] for kind in ("cardinal", "ordinal", "hour")]
    categories = ("day", "night", "ref", "this", "that", "unit", "ago", "mod", "part", "every")
    categories += ("approx",)
    lexicons += [table[category] for category in (*categories, "some", "part_of", "count")]
    lexicons.append(["ال" + name for name in table["count"]])  # العامين الماضيين
    for category in ("decade", "season"):  # with and without the article
        lexicons.append([w for name in table[category] for w in (name, name[2:])])
    lexicons.append(["ال" + name for name in weekday_numbers()])
    return lexicons


def _complete_words() -> set[str]:
    """Words that are an expression on their own ("أمس", "الثلاثاء", "يومين");
    the other lead words ("في", "قبل", "ثلاثه") need more after them."""
    table = words()
    singles: set[str] = {"ال" + name for name in weekday_numbers()}
    for category in ("day", "night", "ref", "every", "count"):
        singles |= set(table[category])
    for category in ("decade", "season"):
        singles |= {w for name in table[category] for w in (name, name[2:])}
    duals = {n for n, v in table["count"].items() if v.endswith(":2")}
    return singles | {"ال" + n for n in duals} | set(month_numbers())


@cache
def lead_index() -> dict[str, tuple[tuple[int, bool, bool], ...]]:
    """Written word -> (length of the clitics, article merged?, complete?) for
    each way it may start an expression, shortest clitics first.

    The search tries the pattern only at these words (and at numbers), after the
    clitics: a dictionary lookup per word instead of every rule at every word
    start, and no backtracking over clitics. A preposition ل merges with the
    article (ل + العام = للعام): the pattern then starts at the article's ل.
    A word that is not complete is tried only when the next word may continue
    an expression (:func:`followers`): "في" is a lead word, for "في السابق"."""
    complete = _complete_words()
    leads = {name.split()[0] for lexicon in _lexicons() for name in lexicon} | set(LEAD_WORDS)
    index: dict[str, set[tuple[int, bool, bool]]] = {}
    for lead in leads:
        whole = lead in complete
        for clitic in CLITICS:
            index.setdefault(clitic + lead, set()).add((len(clitic), False, whole))
            if clitic.endswith("ل") and lead.startswith("ال"):
                index.setdefault(clitic + lead[1:], set()).add((len(clitic), True, whole))
    return {word: tuple(sorted(cuts)) for word, cuts in index.items()}


@cache
def followers() -> frozenset[str]:
    """Words that may follow an incomplete lead word: lead words themselves,
    and the later words of the lexicons' phrases ("السابق" of "في السابق")."""
    later = {w for lexicon in _lexicons() for name in lexicon for w in name.split()[1:]}
    shifts = {*words()["shift"], *words()["dual_shift"], *words()["anaphor"]}
    cardinals = {"ال" + w for w in number_words()["cardinal"]}  # السنوات الخمس
    clock = set(re.findall(r"\w+", PART_ADVERB + MINUTES))  # العاشرة صباحا, والنصف
    return frozenset(lead_index()) | later | shifts | cardinals | clock | {"من"}


@cache
def date_re() -> re.Pattern[str]:
    """The combined pattern, compiled once; matched at a word start after its
    clitics (see :func:`lead_index`)."""
    return re.compile("|".join(_rules(pieces())))
