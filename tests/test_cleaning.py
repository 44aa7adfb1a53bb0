"""Cleaning without loss: boilerplate, title, byline and dateline spans.

All fixtures are written for these tests in the style of Syrian/Levantine news
sites (no third-party text)."""

from __future__ import annotations

import pytest

from marsad.cleaning import clean
from marsad.cleaning.dates import find_date, month_numbers
from marsad.cleaning.patterns import BOILERPLATE_KINDS, cleaning_patterns
from marsad.doc import Doc, Metadata
from marsad.text.normalize import normalize_string

LEAD = (
    "قالت مصادر محلية في ريف دير الزور الشرقي، يوم الأربعاء، إن دورية مشتركة جالت في عدد من "
    "القرى الواقعة على ضفة نهر الفرات، وسط انتشار أمني مكثف على الطرق الرئيسية المؤدية إلى المدينة."
)
MIDDLE = (
    "وأضافت المصادر أن الأهالي طالبوا بتحسين الخدمات الأساسية، ولا سيما مياه الشرب والكهرباء، "
    "مشيرة إلى أن «الوضع المعيشي يزداد صعوبة مع اقتراب فصل الشتاء» بحسب تعبيرها."
)
LAST = (
    "ولم يصدر حتى الآن أي تعليق رسمي من الجهات المعنية حول نتائج الجولة أو الخطوات المقبلة "
    "التي ستتخذها السلطات المحلية في المنطقة."
)
TITLE = "دورية مشتركة تجول في قرى ريف دير الزور الشرقي"
SOCIAL_PARAGRAPH = (
    "وكتب المتحدث باسم المجلس المحلي في تغريدة على تويتر، نشرها مساء الثلاثاء، أن الاجتماع مع "
    "وجهاء العشائر تناول ملفات الأمن والخدمات، مضيفاً أن المجلس سيواصل نشر التفاصيل على صفحته "
    "في فيسبوك، وأن عبارة «تابعونا على تلغرام» التي انتشرت على الصفحات المزيفة لا تمثل المجلس "
    "ولا علاقة له بها، داعياً الأهالي إلى الحذر من الحسابات المنتحلة وعدم تداول ما تنشره."
)


def article(*paragraphs: str, sep: str = "\n\n") -> str:
    return sep.join(paragraphs) + "\n"


def cleaned(text: str, **meta: str) -> Doc:
    doc = Doc(text, meta=Metadata(**meta))
    clean(doc)
    return doc


def boilerplate_of(doc: Doc) -> dict[str, str]:
    """Marked text -> kind."""
    return {doc.text[s.start : s.end]: s.label for s in doc.boilerplate}


def texts(doc: Doc, layer: str) -> list[str]:
    return [doc.text[s.start : s.end] for s in doc.spans(layer)]


# --- boilerplate kinds ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("اشترك في نشرتنا البريدية ليصلك كل جديد", "newsletter"),
        ("سجّل بريدك الإلكتروني لتصلك آخر الأخبار", "newsletter"),
        ("هل أعجبك المقال؟ انضم إلى قائمتنا البريدية.", "newsletter"),
        ("التعليقات مغلقة.", "comments"),
        ("التعليقات مغلقة، ولكن التعقيبات مفتوحة.", "comments"),
        ("أضف تعليقاً", "comments"),
        ("لا توجد تعليقات", "comments"),
        ("Comments are closed.", "comments"),
        ("شارك هذا المقال", "share"),
        ("شارك الخبر", "share"),
        ("تابعونا على فيسبوك وتويتر", "share"),
        ("انضموا إلى قناتنا على تلغرام", "share"),
        ("فيسبوك | تويتر | واتساب", "share"),
        ("Facebook Twitter WhatsApp", "share"),
        ("اقرأ أيضاً: عودة مئات العائلات إلى قراها في ريف الحسكة", "related"),
        ("للمزيد: تقرير عن واقع المياه في المنطقة", "related"),
        ("© 2024 جميع الحقوق محفوظة", "copyright"),
        ("حقوق النشر محفوظة لشبكة المرصد الإخبارية", "copyright"),
        ("All rights reserved", "copyright"),
    ],
)
def test_boilerplate_line_at_the_end_is_marked_with_its_kind(line: str, kind: str) -> None:
    doc = cleaned(article(LEAD, MIDDLE, LAST, line))
    assert boilerplate_of(doc) == {line: kind}


def test_related_link_inside_the_article_is_marked() -> None:
    link = "اقرأ أيضاً: الأهالي يشكون انقطاع المياه منذ أسبوع"
    doc = cleaned(article(LEAD, link, MIDDLE, LAST))
    assert boilerplate_of(doc) == {link: "related"}


def test_paragraphs_mentioning_social_networks_are_not_boilerplate() -> None:
    short = "ونشر المجلس بياناً على حسابه في تويتر."
    doc = cleaned(article(LEAD, SOCIAL_PARAGRAPH, MIDDLE, short, LAST))
    assert doc.boilerplate == []


def test_related_header_and_the_link_titles_below_it() -> None:
    links = [
        "عودة مئات العائلات إلى قراها في ريف الحسكة",
        "افتتاح مدرسة جديدة في بلدة الشدادي...",
        "ارتفاع أسعار الخبز في أسواق القامشلي",
    ]
    doc = cleaned(article(LEAD, MIDDLE, "مواضيع ذات صلة:", *links, LAST))
    expected = {"مواضيع ذات صلة:": "related"} | dict.fromkeys(links, "related")
    assert boilerplate_of(doc) == expected


def test_link_list_stops_at_a_normal_paragraph() -> None:
    short_paragraph = "وانتهت الجولة دون حوادث."
    doc = cleaned(article(LEAD, "اقرأ أيضاً", "عودة الأهالي إلى قراهم", short_paragraph, LAST))
    assert boilerplate_of(doc) == {"اقرأ أيضاً": "related", "عودة الأهالي إلى قراهم": "related"}


def test_diacritics_and_tatweel_in_boilerplate_still_match() -> None:
    line = "اشْـــتَرِكْ فِي نَشْرَتِنَا البَرِيدِيَّةِ"
    doc = cleaned(article(LEAD, MIDDLE, line))
    (span,) = doc.boilerplate
    assert span.label == "newsletter"
    # the span ends after the final kasra: diacritics stay with their letter
    assert doc.text[span.start : span.end] == line
    assert doc.text[span.end] == "\n"


# --- title and repeated title ---------------------------------------------------------


def test_repeated_title_is_collapsed() -> None:
    doc = cleaned(article(TITLE, TITLE, LEAD, MIDDLE))
    first = doc.text.index(TITLE)
    second = doc.text.index(TITLE, first + 1)
    assert [s.pair() for s in doc.spans("title")] == [[first, first + len(TITLE)]]
    assert [(s.pair(), s.label) for s in doc.boilerplate] == [
        ([second, second + len(TITLE)], "repeated_title")
    ]
    assert doc.meta.title == TITLE


def test_title_followed_by_the_article() -> None:
    doc = cleaned(article(TITLE, LEAD, MIDDLE))
    assert texts(doc, "title") == [TITLE]
    assert doc.boilerplate == []
    assert doc.meta.title == TITLE


def test_given_title_repeated_as_first_line_is_boilerplate() -> None:
    # same title with diacritics, a final full stop and extra spaces
    first_line = "دوريةٌ مشتركة  تجول في قرى ريف دير الزور الشرقي."
    doc = cleaned(article(first_line, LEAD, MIDDLE), title=TITLE)
    assert boilerplate_of(doc) == {first_line: "repeated_title"}
    assert doc.meta.title == TITLE


def test_given_title_line_is_marked_as_the_title_too() -> None:
    doc = cleaned(article("شبكة الفرات", LEAD, MIDDLE, sep="\n"), title="شبكة الفرات")
    # equal to the known title: a repeated title, not a byline
    assert boilerplate_of(doc) == {"شبكة الفرات": "repeated_title"}
    assert texts(doc, "title") == ["شبكة الفرات"]
    assert doc.meta.outlet is None


def test_given_title_not_at_the_start_gives_no_title_span() -> None:
    doc = cleaned(article("عنوان آخر لا يطابق العنوان المعروف", LEAD, MIDDLE), title=TITLE)
    assert doc.spans("title") == []
    assert doc.boilerplate == []
    assert doc.meta.title == TITLE


def test_first_paragraph_ending_with_a_period_is_not_a_title() -> None:
    doc = cleaned(article(LEAD, MIDDLE))
    assert doc.spans("title") == []
    assert doc.meta.title is None


# --- byline ---------------------------------------------------------------------------


def test_a_leading_pager_line_is_boilerplate() -> None:
    doc = cleaned(article("Next Previous الفرات اليوم – واس", LEAD, MIDDLE))
    assert "Next Previous الفرات اليوم – واس" in boilerplate_of(doc)


def test_a_contact_line_for_the_writer_is_boilerplate() -> None:
    doc = cleaned(article(LEAD, MIDDLE, "للتواصل مع الكاتب أرسل رسالة قصيرة"))
    assert "للتواصل مع الكاتب أرسل رسالة قصيرة" in boilerplate_of(doc)


def test_two_places_with_a_dash_are_no_byline() -> None:
    doc = cleaned(article("السعودية - الإمارات", LEAD, MIDDLE))
    assert "byline" not in boilerplate_of(doc).values()


def test_short_outlet_line_above_the_article_is_a_byline() -> None:
    doc = cleaned(article("شبكة الفرات", LEAD, MIDDLE, LAST, sep="\n"))
    assert boilerplate_of(doc) == {"شبكة الفرات": "byline"}
    assert doc.meta.outlet == "شبكة الفرات"
    assert doc.spans("title") == []


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("(سانا)", "سانا"),
        ("وكالة الفرات للأنباء", "وكالة الفرات للأنباء"),
        ("المرصد – خاص", "المرصد"),
        ("الجزيرة", "الجزيرة"),  # a known outlet, even set apart by a blank line
        # a place, a dash, then an outlet that is quoted or known
        ("الموصل – «صحيفة النهرين»", "صحيفة النهرين"),
        ("عمّان - (الفرات)", "الفرات"),
        ("الخرطوم - أ ف ب", "أ ف ب"),
    ],
)
def test_agency_and_outlet_lines_are_bylines(line: str, outlet: str) -> None:
    doc = cleaned(article(line, LEAD, MIDDLE))
    assert boilerplate_of(doc) == {line: "byline"}
    assert doc.meta.outlet == outlet


def test_outlet_line_above_the_title() -> None:
    doc = cleaned(article("صحيفة الفرات | الثلاثاء، 3 آذار/ مارس 2020\n" + TITLE, LEAD, MIDDLE))
    assert boilerplate_of(doc) == {"صحيفة الفرات | الثلاثاء، 3 آذار/ مارس 2020": "byline"}
    assert texts(doc, "title") == [TITLE]
    assert doc.meta.outlet == "صحيفة الفرات"
    assert doc.meta.date == "2020-03-03"


def test_outlet_named_in_the_copyright_notice_is_a_byline() -> None:
    doc = cleaned(article("الفرات اليوم\n" + TITLE, LEAD, MIDDLE, "© 2020 الفرات اليوم"))
    assert boilerplate_of(doc) == {"الفرات اليوم": "byline", "© 2020 الفرات اليوم": "copyright"}
    assert texts(doc, "title") == [TITLE]


def test_given_outlet_is_kept() -> None:
    doc = cleaned(article("(سانا)", LEAD, MIDDLE), outlet="الوكالة العربية السورية للأنباء")
    assert boilerplate_of(doc) == {"(سانا)": "byline"}
    assert doc.meta.outlet == "الوكالة العربية السورية للأنباء"


@pytest.mark.parametrize(
    ("title", "sep"),
    [
        ("انفجار في دمشق", "\n\n"),
        ("احتجاجات واسعة بالسويداء", "\n\n"),  # set apart by a blank line
        (TITLE, "\n\n"),
        ("انفجار في دمشق", "\n"),  # right above the paragraph, but not a name
        (TITLE, "\n"),
    ],
)
def test_real_title_is_not_a_byline(title: str, sep: str) -> None:
    doc = cleaned(article(title, LEAD, MIDDLE, sep=sep))
    assert doc.boilerplate == []
    assert texts(doc, "title") == [title]
    assert doc.meta.outlet is None


def test_byline_then_title() -> None:
    doc = cleaned(article("(سانا)", TITLE, LEAD, MIDDLE))
    assert boilerplate_of(doc) == {"(سانا)": "byline"}
    assert texts(doc, "title") == [TITLE]


# --- dateline -------------------------------------------------------------------------


def dateline_of(first_paragraph: str, **meta: str) -> tuple[list[tuple[str, str]], Doc]:
    doc = cleaned(article(TITLE, first_paragraph, MIDDLE), **meta)
    return [(doc.text[s.start : s.end], s.label) for s in doc.spans("dateline")], doc


@pytest.mark.parametrize(
    ("paragraph", "prefix", "place"),
    [
        ("دمشق - " + LEAD, "دمشق -", "دمشق"),
        ("دير الزور – " + LEAD, "دير الزور –", "دير الزور"),
        ("القامشلي – مراسلنا: " + LEAD, "القامشلي – مراسلنا:", "القامشلي"),
        ("بيروت (رويترز) - " + LEAD, "بيروت (رويترز) -", "بيروت"),
    ],
)
def test_dateline_prefix_and_place(paragraph: str, prefix: str, place: str) -> None:
    datelines, doc = dateline_of(paragraph)
    assert datelines == [(prefix, place)]
    assert doc.meta.date is None
    assert doc.boilerplate == []  # the dateline is part of the body


@pytest.mark.parametrize(
    ("prefix", "outlet"),
    [
        ("بيروت (رويترز) -", "رويترز"),  # a known agency
        ("حلب (وكالة الشهباء للأنباء) -", "وكالة الشهباء للأنباء"),  # reads as an agency
        ("سروج (الحدود التركية) -", None),  # a region in brackets, not an outlet
    ],
)
def test_agency_in_dateline_is_the_outlet(prefix: str, outlet: str | None) -> None:
    _, doc = dateline_of(prefix + " " + LEAD)
    assert texts(doc, "dateline") == [prefix]
    assert doc.meta.outlet == outlet


def test_agency_first_dateline_and_slashed_place() -> None:
    datelines, doc = dateline_of("(سانا) - دمشق: " + LEAD)
    assert datelines == [("(سانا) - دمشق:", "دمشق")]
    assert doc.meta.outlet == "سانا"
    datelines, _ = dateline_of("كوباني/ عين العرب - " + LEAD)
    assert datelines == [("كوباني/ عين العرب -", "كوباني/ عين العرب")]


def test_dateline_with_levantine_and_gregorian_date_sets_meta_date() -> None:
    prefix = "الحسكة، ١٢ تشرين الأول/ أكتوبر ٢٠١٩ (وكالة الفرات) –"
    datelines, doc = dateline_of(prefix + " " + LEAD)
    assert datelines == [(prefix, "الحسكة")]
    assert doc.meta.date == "2019-10-12"


def test_dateline_does_not_replace_a_given_date() -> None:
    _, doc = dateline_of("حلب، 3 آذار 2021 - " + LEAD, date="2021-03-04")
    assert doc.meta.date == "2021-03-04"


def test_dateline_on_the_first_line_when_there_is_no_title() -> None:
    doc = cleaned(article("درعا - " + LEAD, MIDDLE))
    assert texts(doc, "dateline") == ["درعا -"]
    assert doc.spans("title") == []


@pytest.mark.parametrize(
    "paragraph",
    [
        LEAD.replace("، وسط", " - وسط"),  # a dash far into the sentence
        "وقال المتحدث: «الوضع تحت السيطرة»، مؤكداً استمرار العمليات في المنطقة.",
        "وزير الخارجية: المفاوضات مستمرة وستعقد جولة جديدة قريباً.",
        "دمشق-القديمة تستقبل زوارها مجدداً بعد سنوات من الإغلاق.",
        "أكد الوزير - في تصريح مقتضب - أن المفاوضات مستمرة.",
        "عقد اجتماع في دمشق - بحسب مصادر - لبحث الأوضاع.",
    ],
)
def test_ordinary_first_sentence_is_not_a_dateline(paragraph: str) -> None:
    datelines, _ = dateline_of(paragraph)
    assert datelines == []


# --- invariants -----------------------------------------------------------------------

MESSY = (
    "\ufeff (سانا)\r\n"
    + TITLE
    + "\r\n\r\n"
    + TITLE
    + "\r\n\u00a0\r\nدمشق – "
    + LEAD
    + "\r\nاقرأ أيضاً:\r\nعودة الأهالي إلى قراهم\r\n"
    + MIDDLE
    + "\r\n"
    + LAST
    + "\r\n\r\nتابعونا على تلغرام\r\n© جميع الحقوق محفوظة\r\n"
)


def test_text_is_unchanged_and_spans_map_into_it() -> None:
    text = MESSY
    doc = cleaned(text)
    assert doc.text is text and doc.text == MESSY
    assert {"boilerplate", "title", "dateline"} <= set(doc.layers)
    for spans in doc.layers.values():
        for span in spans:
            assert 0 <= span.start < span.end <= len(doc.text)
            marked = doc.text[span.start : span.end]
            assert marked == marked.strip()
    assert sorted(boilerplate_of(doc).values()) == [
        "byline",
        "copyright",
        "related",
        "related",
        "repeated_title",
        "share",
    ]


def test_body_ranges_exclude_boilerplate() -> None:
    doc = cleaned(MESSY)
    ranges = doc.body_ranges()
    for span in doc.boilerplate:
        assert all(end <= span.start or span.end <= start for start, end in ranges)
    body = "".join(doc.text[s:e] for s, e in ranges)
    assert LEAD in body and MIDDLE in body and LAST in body
    assert body.count(TITLE) == 1  # the title stays, its copy goes
    assert "تلغرام" not in body and "سانا" not in body


def test_empty_and_blank_documents() -> None:
    for text in ("", "\n\n  \n\u00a0"):
        doc = cleaned(text)
        assert doc.layers == {}


# --- dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("12 تشرين الأول/ أكتوبر 2019", "2019-10-12"),
        ("١ كانون الثاني (يناير) ٢٠٢٢", "2022-01-01"),
        ("5 مايو، 2021", "2021-05-05"),
        ("7 جويلية 2020", "2020-07-07"),
        ("12 شباط/ مارس 2020", None),  # the two month names disagree
        ("31 شباط 2020", None),
        ("12 آب", None),  # no year: no ISO date
    ],
)
def test_find_date(text: str, iso: str | None) -> None:
    found = find_date(normalize_string(text))
    assert (found.iso if found else None) == iso


def test_month_table_covers_both_sets() -> None:
    months = month_numbers()
    assert months[normalize_string("تشرين الأول")] == months[normalize_string("أكتوبر")] == 10
    assert len(set(months.values())) == 12


# --- data -----------------------------------------------------------------------------


def test_shipped_patterns_load_with_rows_for_every_kind() -> None:
    patterns = cleaning_patterns()
    for kind in BOILERPLATE_KINDS:
        assert kind in patterns.boilerplate.anchored.groupindex
    assert patterns.bylines
    assert normalize_string("سانا") in patterns.outlets


@pytest.mark.parametrize("brk", ["\n", "\r\n", "\r", "\u2028"])
def test_lines_and_blank_lines_with_any_line_break(brk: str) -> None:
    from marsad.cleaning.lines import split_lines

    text = brk.join(["عنوان الخبر", "سطر أول من المتن", "", "  ", "سطر بعد فراغ"])
    lines = split_lines(Doc(text))
    assert [text[line.nstart : line.nend] for line in lines] == [
        "عنوان الخبر",
        "سطر أول من المتن",
        "سطر بعد فراغ",
    ]
    assert [line.gap_before for line in lines] == [False, False, True]
