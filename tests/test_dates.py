"""The date normaliser: Arabic temporal expressions to TIMEX3 values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.dates import add_dates, find_dates
from marsad.doc import Doc, Metadata
from marsad.interfaces.cli import cli
from marsad.interfaces.contract import to_record
from marsad.pipeline import default_pipeline

TIMEML = Path(__file__).resolve().parents[2] / "shared" / "data" / "timeml" / "Corpus_test"
ADJUDICATION = Path(__file__).resolve().parents[1] / "eval" / "dates" / "timeml_adjudication.tsv"

#: a Wednesday
ANCHOR = "2019-10-30"


def found(text: str, anchor: str | None = ANCHOR) -> list[tuple[str, str, str | None, str | None]]:
    """(span text, type, value, mod) of every expression."""
    return [(text[t.start : t.end], t.type, t.value, t.mod) for t in find_dates(text, anchor)]


def one(text: str, anchor: str | None = ANCHOR) -> tuple[str, str, str | None, str | None]:
    result = found(text, anchor)
    assert len(result) == 1, result
    return result[0]


# Gregorian months -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("وصل في 27 أكتوبر 2019 إلى دمشق", "27 أكتوبر 2019", "2019-10-27"),
        ("وصل في 27 تشرين الأول 2019 إلى دمشق", "27 تشرين الأول 2019", "2019-10-27"),
        ("في 12 تشرين الأول/ أكتوبر 2019", "12 تشرين الأول/ أكتوبر 2019", "2019-10-12"),
        ("في 12 تشرين الأول /أكتوبر 2019", "12 تشرين الأول /أكتوبر 2019", "2019-10-12"),
        ("في 12 أكتوبر/تشرين الأول 2019", "12 أكتوبر/تشرين الأول 2019", "2019-10-12"),
        ("في 12 تشرين الأول (أكتوبر) 2019", "12 تشرين الأول (أكتوبر) 2019", "2019-10-12"),
        ("في شباط 2018 وقع", "شباط 2018", "2018-02"),
        ("في تشرين الأول/ أكتوبر 2019", "تشرين الأول/ أكتوبر 2019", "2019-10"),
        ("في ٢٧ أكتوبر ٢٠١٩", "٢٧ أكتوبر ٢٠١٩", "2019-10-27"),
        ("منذ 5 حزيران من العام 2016", "5 حزيران من العام 2016", "2016-06-05"),
        ("في الثامن من مايو 2017", "الثامن من مايو 2017", "2017-05-08"),
        ("حتى 3 من شهر كانون الثاني 2020", "3 من شهر كانون الثاني 2020", "2020-01-03"),
    ],
)
def test_gregorian_dates(text: str, span: str, value: str) -> None:
    assert one(text) == (span, "DATE", value, None)


def test_weekday_with_date_and_no_year() -> None:
    # 27 October 2019 was a Sunday; the anchor's year is the nearest.
    assert one("وصل الأحد 27 تشرين الأول إلى إدلب") == (
        "الأحد 27 تشرين الأول",
        "DATE",
        "2019-10-27",
        None,
    )


def test_day_and_month_take_the_nearest_year() -> None:
    # A January article mentioning "28 كانون الأول" means last December.
    assert one("في 28 كانون الأول", "2020-01-05")[2] == "2019-12-28"
    assert one("في 11 سبتمبر", ANCHOR)[2] == "2019-09-11"


def test_month_shifts() -> None:
    assert one("في آذار الماضي")[2] == "2019-03"
    assert one("في تشرين الأول الماضي")[2] == "2018-10"  # the anchor's own month is not "past"
    assert one("في يونيو المقبل")[2] == "2020-06"
    assert one("في 22 مارس الماضي")[2] == "2019-03-22"
    assert one("في 31 مارس من العام الماضي")[2] == "2018-03-31"
    assert one("في 12 من الشهر الجاري") == ("12 من الشهر الجاري", "DATE", "2019-10-12", None)


def test_ambiguous_month_names_need_context() -> None:
    assert found("قال أب الطفل إنه مارس الضغط") == []
    assert one("في شهر آب")[2] == "2019-08"
    assert one("في آب الماضي")[2] == "2019-08"
    assert one("في 3 آب 2014")[2] == "2014-08-03"


def test_period_modifiers() -> None:
    assert one("في نهاية تشرين الأول/ أكتوبر 2019") == (
        "نهاية تشرين الأول/ أكتوبر 2019",
        "DATE",
        "2019-10",
        "END",
    )
    assert one("مطلع الشهر")[1:] == ("DATE", "2019-10", "START")
    assert one("منتصف العام المقبل")[1:] == ("DATE", "2020", "MID")
    assert one("في أواخر شهر مايو الماضي")[1:] == ("DATE", "2019-05", "END")
    assert one("أوائل العام 2019")[1:] == ("DATE", "2019", "START")


def test_years() -> None:
    assert one("في عام 2019 وقع") == ("عام 2019", "DATE", "2019", None)
    assert one("في العام 2011") == ("العام 2011", "DATE", "2011", None)
    assert one("توفي في 1970.") == ("1970", "DATE", "1970", None)
    assert one("للعام 2003م") == ("للعام 2003م", "DATE", "2003", None)
    assert found("قتل 1500 شخص و4000 عام") == [("4000 عام", "DURATION", "P4000Y", None)]


# Hijri -----------------------------------------------------------------------


def test_hijri_date() -> None:
    assert one("صدر في 21 ربيع الأول 1439 هـ") == (
        "21 ربيع الأول 1439 هـ",
        "DATE",
        "2017-12-09",
        None,
    )
    assert one("في ١ رمضان ١٤٤٠هـ")[2] == "2019-05-06"


def test_hijri_month_and_year_is_approximate() -> None:
    assert one("في رمضان 1440 هـ")[1:] == ("DATE", "2019-05", "APPROX")


def test_hijri_month_alone_is_not_a_date() -> None:
    assert found("قال رمضان وشعبان") == []


# relative to the article date ---------------------------------------------------


def test_weekday_is_the_last_one_on_or_before_the_article_date() -> None:
    # 2019-10-30 is a Wednesday
    assert one("وقال الثلاثاء إن") == ("الثلاثاء", "DATE", "2019-10-29", None)
    assert one("وقال يوم الثلاثاء إن") == ("يوم الثلاثاء", "DATE", "2019-10-29", None)
    assert one("وقال الأربعاء إن")[2] == "2019-10-30"
    assert one("الثلاثاء المقبل")[2] == "2019-11-05"
    assert one("الأربعاء الماضي")[2] == "2019-10-23"
    assert one("صباح الثلاثاء") == ("صباح الثلاثاء", "TIME", "2019-10-29TMO", None)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("قال أمس إن", "أمس", "2019-10-29"),
        ("وقال بالأمس", "الأمس", "2019-10-29"),
        ("اليوم الأربعاء", "اليوم الأربعاء", "2019-10-30"),
        ("يصل غداً إلى", "غداً", "2019-10-31"),
        ("يصل غدا", "غدا", "2019-10-31"),
        ("وصل أمس الأول", "أمس الأول", "2019-10-28"),
        ("وصل أول أمس", "أول أمس", "2019-10-28"),
        ("يصل بعد غد", "بعد غد", "2019-11-01"),
        ("الأسبوع الماضي", "الأسبوع الماضي", "2019-W43"),
        ("الأسبوع المقبل", "الأسبوع المقبل", "2019-W45"),
        ("هذا الأسبوع", "هذا الأسبوع", "2019-W44"),
        ("الشهر الماضي", "الشهر الماضي", "2019-09"),
        ("الشهر الجاري", "الشهر الجاري", "2019-10"),
        ("العام الماضي", "العام الماضي", "2018"),
        ("وللعام المقبل", "للعام المقبل", "2020"),
        ("هذه السنة", "هذه السنة", "2019"),
        ("قبل يومين", "قبل يومين", "2019-10-28"),
        ("قبل عامين", "قبل عامين", "2017"),
        ("قبل خمسة وتسعين عاما", "قبل خمسة وتسعين عاما", "1924"),
    ],
)
def test_relative_expressions(text: str, span: str, value: str) -> None:
    assert one(text) == (span, "DATE", value, None)


@pytest.mark.parametrize(
    ("text", "span", "value", "begin"),
    [
        ("يعتصمون منذ ثلاثة أيام", "منذ ثلاثة أيام", "P3D", "2019-10-27"),
        ("المعتقل منذ 3 أعوام", "منذ 3 أعوام", "P3Y", "2016"),
        ("منذ ٣ أيام", "منذ ٣ أيام", "P3D", "2019-10-27"),
        ("مغلق منذ شهرين", "منذ شهرين", "P2M", "2019-08"),
    ],
)
def test_since_a_count_is_a_duration_up_to_the_article_date(
    text: str, span: str, value: str, begin: str
) -> None:
    (timex,) = find_dates(text, ANCHOR)
    assert (text[timex.start : timex.end], timex.type, timex.value) == (span, "DURATION", value)
    assert timex.begin == begin


def test_since_without_a_count_or_anchor_has_no_beginning() -> None:
    (weeks,) = find_dates("تتواصل الأزمة منذ أسابيع", ANCHOR)
    assert (weeks.type, weeks.value, weeks.begin) == ("DURATION", "PXW", None)
    (years,) = find_dates("منذ أكثر من قرن", None)
    assert (years.value, years.mod, years.begin) == ("P1CE", "MORE_THAN", None)


def test_relative_with_part_of_day() -> None:
    assert one("مساء أمس") == ("مساء أمس", "TIME", "2019-10-29TEV", None)
    assert one("الليلة الماضية") == ("الليلة الماضية", "TIME", "2019-10-29TNI", None)


def test_today_as_the_name_of_a_day_is_not_today() -> None:
    assert found("احتفل باليوم الوطني") == []
    assert found("في اليوم الأول من المؤتمر") == []


def test_weekend() -> None:
    assert one("نهاية الأسبوع الماضي")[1:] == ("DATE", "2019-W43-WE", None)


def test_vague_references() -> None:
    assert one("يقيم حاليا في") == ("حاليا", "DATE", "PRESENT_REF", None)
    assert one("وصل مؤخرا")[2] == "PAST_REF"
    assert one("يصل قريبا")[2] == "FUTURE_REF"
    assert one("قبل سنوات")[2] == "PAST_REF"


def test_centuries_decades_seasons_and_halves() -> None:
    assert one("في القرن التاسع عشر")[1:] == ("DATE", "18", None)
    assert one("القرن الحادي والعشرين")[2] == "20"
    assert one("أواخر القرن الماضي")[1:] == ("DATE", "19", "END")
    assert one("في الستينيات")[2] == "196"
    assert found("تسعينيات القرن الماضي")[0][2] == "199"
    assert one("في صيف 2019")[2] == "2019-SU"
    assert one("في الشتاء")[2] == "2019-WI"
    assert found("الربيع العربي") == []
    assert one("النصف الثاني من العام الماضي")[2] == "2018-H2"


# durations, sets, times -------------------------------------------------------------


def test_durations() -> None:
    assert one("استمر ثلاثة أيام") == ("ثلاثة أيام", "DURATION", "P3D", None)
    assert one("لمدة 24 ساعة")[1:] == ("DURATION", "PT24H", None)
    assert one("أكثر من 100 دقيقة")[1:] == ("DURATION", "PT100M", "MORE_THAN")
    assert one("استمرت الحرب عامين")[1:] == ("DURATION", "P2Y", None)
    assert one("خلال العامين الماضيين")[1:] == ("DURATION", "P2Y", None)
    assert one("منذ عدة أعوام")[1:] == ("DURATION", "PXY", None)
    assert one("بعد أسبوع من الهجوم") == ("أسبوع", "DURATION", "P1W", None)


def test_sets() -> None:
    assert one("كل يوم سبت")[1:] == ("SET", "XXXX-WXX-6", None)
    assert one("كل عامين")[1:] == ("SET", "P2Y", None)
    assert one("يصدر أسبوعيا")[1:] == ("SET", "P1W", None)


def test_clock_times() -> None:
    assert one("الساعة العاشرة صباحا")[1:] == ("TIME", "XXXX-XX-XXT10:00", None)
    assert one("الساعة الثامنة مساء")[2] == "XXXX-XX-XXT20:00"
    assert one("الساعة 10:30")[2] == "XXXX-XX-XXT10:30"


# anaphoric expressions, lists, ranges ------------------------------------------------


def test_anaphoric_expressions_follow_the_previous_date() -> None:
    assert found("سُجن في 3 آذار 2019 وخرج في اليوم التالي") == [
        ("3 آذار 2019", "DATE", "2019-03-03", None),
        ("اليوم التالي", "DATE", "2019-03-04", None),
    ]
    assert found("بنى المصنع عام 2005 ووسعه في العام التالي")[1][1:] == ("DATE", "2006", None)
    assert found("انتخب عام 1990 وفي ذلك العام سافر")[1][:3] == ("ذلك العام", "DATE", "1990")
    assert found("وصل في أيار 2012 وغادر في الشهر نفسه")[1][2] == "2012-05"
    # no earlier date precise enough: marked, not guessed
    assert one("خرج في اليوم التالي") == ("اليوم التالي", "DATE", None, None)
    assert found("في عام 1999 وفي اليوم التالي")[1][2] is None


def test_days_listed_before_one_month() -> None:
    assert found("تعقد القمة يومي 14 و15 تشرين الثاني") == [
        ("14", "DATE", "2019-11-14", None),
        ("15 تشرين الثاني", "DATE", "2019-11-15", None),
    ]
    assert [v for _, _, v, _ in found("من 3 إلى 5 أيار 2016")] == ["2016-05-03", "2016-05-05"]


def test_year_ranges() -> None:
    assert found("بين عامي 2011 و2014") == [
        ("عامي 2011", "DATE", "2011", None),
        ("2014", "DATE", "2014", None),
    ]


def test_day_of_the_current_month() -> None:
    assert one("يبدأ في الـ20 من الشهر الجاري") == (
        "20 من الشهر الجاري",
        "DATE",
        "2019-10-20",
        None,
    )
    assert one("في السابع من الشهر الماضي")[2] == "2019-09-07"
    assert one("حتى الـ٢ من نوفمبر")[2] == "2019-11-02"


def test_after_a_count_is_a_date_only_in_a_sentence_about_the_future() -> None:
    assert one("سيعلن النتائج بعد خمسة أيام") == ("بعد خمسة أيام", "DATE", "2019-11-04", None)
    assert one("من المقرر أن يتقاعد بعد 10 سنوات")[1:3] == ("DATE", "2029")
    # counted from the events of the story, or from a rule
    assert one("توفي بعد 40 عاما أمضاها في المنفى")[1:3] == ("DURATION", "P40Y")
    assert one("يسقط الحق بعد 50 سنة")[1:3] == ("DURATION", "P50Y")
    assert one("انسحبوا بعد شهرين من المعارك") == ("شهرين", "DURATION", "P2M", None)
    assert one("اعتقل قبل ثلاثة أيام من الاقتراع") == ("ثلاثة أيام", "DURATION", "P3D", None)
    assert one("يصل بعد ساعات")[2] == "FUTURE_REF"


def test_decades_and_centuries_after_min_are_separate_expressions() -> None:
    assert found("في الثمانينيات من القرن الماضي") == [
        ("الثمانينيات", "DATE", "198", None),
        ("القرن الماضي", "DATE", "19", None),
    ]
    # in construct, the century belongs to the decade's noun phrase
    assert found("في ثمانينيات القرن الماضي") == [("ثمانينيات القرن الماضي", "DATE", "198", None)]
    assert one("ستينيات القرن التاسع عشر")[2] == "186"
    assert found("العقد الثاني من القرن الحادي والعشرين")[0][:3] == ("العقد الثاني", "DATE", "201")
    assert one("قبل ثلاثة عقود")[2] == "198"


def test_long_durations_and_hedged_singulars() -> None:
    assert one("حكمت الأسرة ثلاثة قرون")[1:3] == ("DURATION", "P3CE")
    assert one("دام الخلاف عقدين")[1:3] == ("DURATION", "P2DE")
    assert one("تأسس قبل اثني عشر عاما")[2] == "2007"
    assert one("انتظر أكثر من ساعة") == ("أكثر من ساعة", "DURATION", "PT1H", "MORE_THAN")
    assert one("خلال السنوات الخمس الماضية") == ("السنوات الخمس الماضية", "DURATION", "P5Y", None)
    assert one("في الأيام الأربعة الأخيرة")[1:3] == ("DURATION", "P4D")


def test_hijri_month_with_a_shift() -> None:
    # Ramadan 1440 began on 6 May 2019, Ramadan 1441 on 24 April 2020
    assert one("في رمضان الماضي") == ("رمضان الماضي", "DATE", "2019-05", "APPROX")
    assert one("قبل رمضان المقبل")[2] == "2020-05"
    assert found("في شهر رمضان يكثر") == []


def test_seasons_of_a_relative_year() -> None:
    assert one("في ربيع العام المقبل")[2] == "2020-SP"
    assert one("خلال صيف هذا العام")[2] == "2019-SU"


def test_clock_times_with_their_day() -> None:
    assert one("العاشرة من صباح أمس") == ("العاشرة من صباح أمس", "TIME", "2019-10-29T10:00", None)
    assert one("الساعة التاسعة مساء الجمعة المقبل")[2] == "2019-11-01T21:00"
    assert one("الساعة الرابعة والنصف عصرا")[2] == "XXXX-XX-XXT16:30"
    assert one("الساعة الثالثة إلا ربعا")[2] == "XXXX-XX-XXT02:45"
    assert one("عند السادسة صباحا")[2] == "XXXX-XX-XXT06:00"
    assert found("جاء في المرتبة الثانية") == []


# without an article date ------------------------------------------------------------


def test_no_anchor_keeps_what_the_text_says() -> None:
    assert one("في 27 أكتوبر 2019", None)[2] == "2019-10-27"
    assert one("في 27 أكتوبر", None)[2] == "XXXX-10-27"
    assert one("الثلاثاء", None)[2] == "XXXX-WXX-2"
    assert one("أمس", None) == ("أمس", "DATE", None, None)
    assert one("الشهر الماضي", None)[2] is None


# pipeline, contract, offsets -----------------------------------------------------------


def test_spans_index_the_original_text() -> None:
    text = "قالَ الوزيرُ أمسِ إنّ الاجتماعَ في ٢٧ تِشرين الأوّل ٢٠١٩"
    doc = Doc(text, meta=Metadata(date=ANCHOR))
    add_dates(doc)
    spans = doc.spans("dates")
    assert [text[s.start : s.end] for s in spans] == ["أمسِ", "٢٧ تِشرين الأوّل ٢٠١٩"]
    assert [s.data for s in spans] == [{"value": "2019-10-29"}, {"value": "2019-10-27"}]


def test_pipeline_and_contract() -> None:
    text = "دمشق - قال مسؤول يوم الثلاثاء إن القصف بدأ في نهاية تشرين الأول/ أكتوبر 2019."
    doc = default_pipeline()(Doc(text, meta=Metadata(date="2019-11-06")))
    dates = to_record(doc)["dates"]
    assert [text[d["start"] : d["end"]] for d in dates] == [
        "يوم الثلاثاء",
        "نهاية تشرين الأول/ أكتوبر 2019",
    ]
    assert dates[0] == {"start": 17, "end": 29, "value": "2019-11-05", "type": "DATE"}
    assert dates[1]["value"] == "2019-10" and dates[1]["mod"] == "END"


def test_article_date_is_not_guessed_from_the_text() -> None:
    # A full date next to "اليوم" is a strong hint, but not the article date:
    # relative expressions stay unresolved rather than resolved wrongly.
    text = "قال المسؤول اليوم 27 تشرين الأول 2019 إن الوضع هادئ."
    doc = Doc(text)
    add_dates(doc)
    assert doc.meta.date is None
    assert [(text[s.start : s.end], s.data) for s in doc.spans("dates")] == [
        ("اليوم", {"value": None}),
        ("27 تشرين الأول 2019", {"value": "2019-10-27"}),
    ]


def test_a_long_text_gets_every_expression() -> None:
    # speed is reported by `marsad eval dates`, not asserted here
    text = "قال الوزير في بيان أمس إن الاجتماع المقبل سيعقد في 12 تشرين الأول 2019. " * 200
    values = [timex.value for timex in find_dates(text, ANCHOR)]
    assert values.count("2019-10-12") == 200


# the TimeML corpus --------------------------------------------------------------------


@pytest.mark.skipif(not TIMEML.is_dir(), reason=f"TimeML corpus not found at {TIMEML}")
def test_timeml_corpus() -> None:
    from marsad.evaluation.dates import evaluate_dir, read_corpus

    docs = read_corpus(TIMEML)
    first = docs[0]
    assert all(first.text[g.start : g.end] == g.text for g in first.gold)
    result = evaluate_dir(TIMEML)
    assert result.detection.gold == sum(len(d.gold) for d in docs)
    assert result.detection.f1 > 0.75
    # The gold as given is tool output: the adjudicated figure below is the measure.
    assert result.by_type["DATE"].value_accuracy > 0.70


@pytest.mark.skipif(not TIMEML.is_dir(), reason=f"TimeML corpus not found at {TIMEML}")
def test_timeml_adjudication_judges_every_gold_expression() -> None:
    from marsad.evaluation.dates import evaluate_dir, read_adjudication, read_corpus

    table = read_adjudication(ADJUDICATION)
    tids = {(d.name, g.tid) for d in read_corpus(TIMEML) for g in d.gold}
    assert tids == set(table)
    dropped = sum(v.verdict == "drop" for v in table.values())
    result = evaluate_dir(TIMEML, adjudication=ADJUDICATION)
    assert result.detection.gold == len(tids) - dropped
    assert result.by_type["DATE"].value_accuracy > 0.90


@pytest.mark.skipif(not TIMEML.is_dir(), reason=f"TimeML corpus not found at {TIMEML}")
def test_eval_dates_command() -> None:
    result = CliRunner().invoke(cli, ["eval", "dates", str(TIMEML), "--json", "--errors", "3"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["documents"] == 50
    assert len(report["value_errors"]) == 3


def test_eval_dates_on_a_small_timeml_file(tmp_path: Path) -> None:
    (tmp_path / "d1.tml").write_text(
        '<?xml version="1.0"?>\n<TimeML>\n<DCT><TIMEX3 tid="t0" type="DATE" value="2019-10-30" '
        'functionInDocument="CREATION_TIME">2019-10-30</TIMEX3></DCT>\n'
        'قال <TIMEX3 tid="t1" type="DATE" value="2019-10-29">أمس</TIMEX3> إن الاجتماع '
        '<TIMEX3 tid="t2" type="DATE" value="2019-11-05">الثلاثاء المقبل</TIMEX3>.\n</TimeML>',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["eval", "dates", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["exact_span"]["f1"] == 1.0
    assert report["values"]["value_accuracy"] == 1.0


def test_eval_dates_against_an_adjudicated_gold(tmp_path: Path) -> None:
    (tmp_path / "d1.tml").write_text(
        '<?xml version="1.0"?>\n<TimeML>\n<DCT><TIMEX3 tid="t0" type="DATE" value="2019-10-30" '
        'functionInDocument="CREATION_TIME">2019-10-30</TIMEX3></DCT>\n'
        'قال <TIMEX3 tid="t1" type="DATE" value="2019-10-28">أمس</TIMEX3> إن '
        '<TIMEX3 tid="t2" type="DATE" value="2019-08">آب</TIMEX3> وصل.\n</TimeML>',
        encoding="utf-8",
    )
    verdicts = tmp_path / "verdicts.tsv"
    verdicts.write_text(
        "# a comment\ndoc\ttid\tgold_type\tgold_value\tverdict\ttype\tvalue\treason\n"
        "d1.tml\tt1\tDATE\t2019-10-28\tfix\tDATE\t2019-10-29\tyesterday\n"
        "d1.tml\tt2\tDATE\t2019-08\tdrop\t\t\tfather, not August\n",
        encoding="utf-8",
    )
    raw = json.loads(CliRunner().invoke(cli, ["eval", "dates", str(tmp_path), "--json"]).output)
    assert raw["values"]["value_accuracy"] == 0.0
    args = ["eval", "dates", str(tmp_path), "--json", "--adjudication", str(verdicts)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["detection"]["gold"] == 1
    assert report["values"]["value_accuracy"] == 1.0
    verdicts.write_text("doc\ttid\n d1.tml\tt1\n", encoding="utf-8")
    broken = CliRunner().invoke(cli, args)
    assert broken.exit_code != 0 and "row 2" in broken.output


def test_frequency_adjectives_are_sets() -> None:
    text = "وعقد المؤتمر السنوي للاتحاد، وتصرف الحكومة رواتب شهرية ونشرة يومية."
    found = {text[t.start : t.end]: (t.type, t.value) for t in find_dates(text, ANCHOR)}
    assert found["السنوي"] == ("SET", "P1Y")
    assert found["شهرية"] == ("SET", "P1M")
    assert found["يومية"] == ("SET", "P1D")


# constructions from our own held-out set (eval/dates/own) ----------------------


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        # a combined month keeps what follows it (the span had stopped at a space)
        ("جرت في 6 أيار/ مايو الماضي، إذ", "6 أيار/ مايو الماضي", "2019-05-06"),
        ("منذ تشرين الأول/ أكتوبر الماضي.", "تشرين الأول/ أكتوبر الماضي", "2018-10"),
        (
            "في كانون الثاني/ يناير من العام الماضي",
            "كانون الثاني/ يناير من العام الماضي",
            "2018-01",
        ),
        # غد with a part of the day or a weekday; a part of the day before a date
        ("يوم غد الخميس", "يوم غد الخميس", "2019-10-31"),
    ],
)
def test_combined_months_and_tomorrow(text: str, span: str, value: str) -> None:
    assert one(text)[:3] == (span, "DATE", value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("صباح غد الخميس", "صباح غد الخميس", "2019-10-31TMO"),
        ("فجر السادس من شباط/ فبراير 2019", "فجر السادس من شباط/ فبراير 2019", "2019-02-06TMO"),
        ("مساء الثلاثاء 15 شوال 1440 هـ", "مساء الثلاثاء 15 شوال 1440 هـ", "2019-06-18TEV"),
    ],
)
def test_a_part_of_the_day_before_a_day(text: str, span: str, value: str) -> None:
    assert one(text)[:3] == (span, "TIME", value)


def test_bare_ghad_is_the_future_not_tomorrow() -> None:
    assert found("يعمل الشباب من أجل غد أفضل") == []


def test_a_clock_time_takes_the_day_named_before_it_and_its_part() -> None:
    assert found("وقع الزلزال مساء الاثنين عند الساعة الثامنة وأربع دقائق")[1][:3] == (
        "الساعة الثامنة وأربع دقائق",
        "TIME",
        "2019-10-28T20:04",
    )
    assert one("بلغت الحرارة ذروتها في الساعة الثالثة بعد الظهر")[2] == "XXXX-XX-XXT15:00"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the anchor is a Wednesday: a bare weekday is the last one, unless a
        # future verb stands before it in the sentence
        ("وصل الوفد الجمعة إلى دمشق", "2019-10-25"),
        ("ستستمر العاصفة حتى الجمعة", "2019-11-01"),
        ("من المقرر أن يصل الوزير الأحد", "2019-11-03"),
        ("قال إنه سيزور القاهرة. وكان قد التقى الأحد بالوزير", "2019-10-27"),
    ],
)
def test_a_future_verb_makes_a_bare_weekday_the_coming_one(text: str, value: str) -> None:
    assert one(text)[2] == value


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("في الربع الأخير من عام 2020", "الربع الأخير من عام 2020", "2020-Q4"),
        ("خلال النصف الأخير من العام الماضي", "النصف الأخير من العام الماضي", "2018-H2"),
        ("اعتبارا من أول أبريل المقبل", "أول أبريل المقبل", "2020-04-01"),
    ],
)
def test_last_quarter_and_the_first_of_a_month(text: str, span: str, value: str) -> None:
    assert one(text)[:3] == (span, "DATE", value)


@pytest.mark.parametrize("text", ["لليوم العشرين على التوالي", "في اليوم الحادي عشر للمعارك"])
def test_the_nth_day_of_something_is_not_today(text: str) -> None:
    assert found(text) == []


def test_a_count_in_digits_after_a_plural_unit() -> None:
    assert one("خلال الساعات الـ24 الماضية")[1:3] == ("DURATION", "PT24H")


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("تأخرت المباراة نصف ساعة", "نصف ساعة", "PT30M"),
        ("خلال ربع ساعة", "ربع ساعة", "PT15M"),
        ("استمرت المفاوضات ساعتان", "ساعتان", "PT2H"),
        ("خلال ساعة ونصف", "ساعة ونصف", "PT1H30M"),
        ("بعد عامين ونصف", "عامين ونصف", "P2Y6M"),
        ("في أسبوع واحد", "أسبوع واحد", "P1W"),
        ("استمرت يوما واحدا", "يوما واحدا", "P1D"),
    ],
)
def test_durations_that_carry_their_number(text: str, span: str, value: str) -> None:
    assert one(text) == (span, "DURATION", value, None)


def test_since_a_fraction_of_a_century() -> None:
    (timex,) = find_dates("على المعاهدة منذ ربع قرن", ANCHOR)
    assert (timex.value, timex.begin) == ("P25Y", "1994")


def test_year_word_before_a_year_is_no_count() -> None:
    assert one("اللقب الأول منذ عام 2011، والثالث")[:3] == ("عام 2011", "DATE", "2011")
    assert one("بدأ حوالي عام 2000")[:3] == ("عام 2000", "DATE", "2000")


def test_number_after_a_hedge_is_no_year() -> None:
    assert found("سجلت أكثر من ١٨٠٠ حالة") == []
    assert found("نحو 2000 شخص") == []
    assert one("نحو عام 2000")[2] == "2000"


def test_clock_time_with_a_point_between_hour_and_minutes() -> None:
    assert one("تبث الساعة 7.30 مساء")[1:3] == ("TIME", "XXXX-XX-XXT19:30")
    assert one("الساعة 11.15 صباحا.")[2] == "XXXX-XX-XXT11:15"


def test_clock_time_takes_the_day_named_earlier_in_its_sentence() -> None:
    text = "سجلت البصرة أمس أعلى حرارة هذا العام، إذ بلغت 51.2 درجة في الساعة الثالثة بعد الظهر."
    assert found(text)[-1][1:3] == ("TIME", "2019-10-29T15:00")
    other = "سجلت البصرة أمس أعلى حرارة. وفي الساعة الثالثة بعد الظهر هبت رياح."
    assert found(other)[-1][2] == "XXXX-XX-XXT15:00"


def test_clock_time_of_today_with_its_weekday() -> None:
    text = "انعقدت في العاشرة والنصف من صباح اليوم الأربعاء"
    assert one(text) == (text[10:], "TIME", "2019-10-30T10:30", None)


def test_quarter_without_a_year_is_the_last_one_begun() -> None:
    assert one("نما الاقتصاد في الربع الثالث", "2021-05-20")[2] == "2020-Q3"
    assert one("نما الاقتصاد في الربع الأول", "2021-05-20")[2] == "2021-Q1"
    assert one("سيعلن نتائج الربع الثالث", "2021-05-20")[2] == "2021-Q3"


def test_definite_yesterday_and_tomorrow_without_a_preposition_are_the_past_and_future() -> None:
    assert found("حلفاء اليوم أعداء الغد")[1][1:3] == ("DATE", "FUTURE_REF")
    assert one("لم يعد طالب الأمس كما كان")[1:3] == ("DATE", "PAST_REF")
    assert one("وصل الوفد بالأمس")[2] == "2019-10-29"
    assert one("تتواصل الاشتباكات منذ الأمس")[2] == "2019-10-29"
    assert one("يعقد في الغد")[2] == "2019-10-31"


def test_a_day_and_month_in_a_future_sentence_is_the_coming_one() -> None:
    assert one("أقيمت الدورة في 5 يونيو", "2015-12-24")[2] == "2015-06-05"
    assert one("ستقام الدورة في 5 يونيو", "2015-12-24")[2] == "2016-06-05"
    assert one("ستقام الدورة في 20 ديسمبر", "2015-12-24")[2] == "2015-12-20"


def test_a_date_the_text_gave_with_its_year_keeps_that_year() -> None:
    text = "تغير العالم منذ هجمات 11 سبتمبر 2001، وبعد 11 سبتمبر جاءت الحرب."
    assert [value for _, _, value, _ in found(text)] == ["2001-09-11", "2001-09-11"]
    # another day of that month is not the same date: nearest the article date
    assert found("وقع في 3 مارس 2010، ثم في 5 مارس")[1][2] == "2020-03-05"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("وتقام الصلاة على روحه يوم الاثنين", "2019-11-04"),
        ("يلتقي الفريقان الأحد", "2019-11-03"),
        ("على أن يقام العزاء مساء الثلاثاء", "2019-11-05TEV"),
        ("قال الوزير يوم الاثنين", "2019-10-28"),
        ("تتواصل الاشتباكات منذ الأحد", "2019-10-27"),
    ],
)
def test_a_scheduling_verb_in_the_present_makes_a_weekday_the_coming_one(
    text: str, value: str
) -> None:
    assert found(text)[0][2] == value


def test_clock_before_noon_of_a_coming_weekday() -> None:
    text = "تقام الصلاة يوم الاثنين عند الساعة الحادية عشرة قبل الظهر"
    assert [value for _, _, value, _ in found(text)] == ["2019-11-04", "2019-11-04T11:00"]
    assert one("تنطلق عند الساعة الثامنة من مساء الأحد")[2] == "2019-11-03T20:00"


@pytest.mark.parametrize(
    "text",
    ["شباب اليوم لا يقرؤون الصحف", "يختلف طلاب اليوم عن طلاب الأمس", "فرق كبير بين الأمس واليوم"],
)
def test_today_as_nowadays(text: str) -> None:
    today = next(t for t in found(text) if t[0].endswith("اليوم"))
    assert today[1:3] == ("DATE", "PRESENT_REF")


@pytest.mark.parametrize(
    "text",
    ["مباراة اليوم بين الفريقين", "أعلن الوزير اليوم أن الاجتماع سيعقد في الغد"],
)
def test_today_after_an_event_or_beside_a_governed_tomorrow_is_the_day(text: str) -> None:
    assert found(text)[0][2] == ANCHOR


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("مرّ ربع قرن على الاتفاق", "ربع قرن", "P25Y"),
        ("استمر الحكم قرناً ونصف", "قرناً ونصف", "P150Y"),
        ("دامت الحرب عقدين ونصف", "عقدين ونصف", "P25Y"),
    ],
)
def test_fractions_of_decades_and_centuries_are_whole_years(
    text: str, span: str, value: str
) -> None:
    # ISO 8601 allows a fraction only in the smallest unit written; years keep it whole
    assert one(text)[:3] == (span, "DURATION", value)


def test_ago_a_fraction_of_a_century_is_a_year() -> None:
    assert one("هاجر قبل نصف قرن")[1:3] == ("DATE", "1969")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("وفي 12 مارس تبث القناة الحلقة الأخيرة", "2020-03-12"),
        ("والجمعة تنطلق البطولة", "2019-11-01"),
        ("والجمعة انطلقت البطولة", "2019-10-25"),
    ],
)
def test_a_date_fronted_before_a_scheduling_verb_is_the_coming_one(text: str, value: str) -> None:
    assert found(text)[0][2] == value


def test_a_copula_does_not_make_a_sentence_future() -> None:
    assert one("ويكون التقادم بعد 30 سنة من الوفاة")[1:3] == ("DURATION", "P30Y")


def test_a_weekday_reported_on_a_past_day_counts_back_from_it() -> None:
    # the anchor is a Wednesday: "he died on Wednesday", said yesterday, is last week's
    dates = found("وأعلنت العائلة أمس أنه توفي الأربعاء عن 80 عاماً")
    assert [value for _, _, value, _ in dates][:2] == ["2019-10-29", "2019-10-23"]
    # what came after the day ("before the president announced") is no report
    assert found("اجتمع الوزراء أمس قبل أن يعلن الرئيس الأربعاء القرار")[1][2] == ANCHOR
    # nor is a second day in a list
    assert found("قتل اثنان أمس وثلاثة الأربعاء")[1][2] == ANCHOR


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("وصل قبل عدة أعوام", "DATE", "PAST_REF"),
        ("يعيش هنا منذ بضعة أشهر", "DURATION", "PXM"),
        ("ازدهرت المدينة خلال السنوات اللاحقة", "DURATION", "PXY"),
    ],
)
def test_some_units_ago_and_the_years_after_the_story(text: str, kind: str, value: str) -> None:
    assert one(text)[1:3] == (kind, value)


@pytest.mark.parametrize(
    "text",
    [
        "كان البلد يصدّر القمح. واليوم، بعد نصف قرن، يستورد نصف غذائه",
        "تغيّر كل شيء.\nاليوم لدينا جامعات في كل مدينة",
        "لم يعرف آباؤنا الهاتف، وأطفالنا اليوم يحملونه في جيوبهم",
        "نحن اليوم أمام مرحلة جديدة",
    ],
)
def test_today_opening_a_sentence_or_after_a_pronoun_is_nowadays(text: str) -> None:
    today = next(t for t in found(text) if t[0] == "اليوم")
    assert today[1:3] == ("DATE", "PRESENT_REF")


@pytest.mark.parametrize(
    "text",
    ["اليوم.. انطلاق معرض الكتاب", "وصل الوفد أمس. واليوم، الخامس من مايو، تبدأ المحادثات"],
)
def test_a_headline_today_or_one_naming_its_date_is_the_day(text: str) -> None:
    assert next(t for t in found(text) if t[0] == "اليوم")[2] == ANCHOR


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("تراجعت الصادرات خلال الأشهر الماضية", "DURATION", "PXM"),
        ("ستقر الموازنة خلال الأسابيع المقبلة", "DURATION", "PXW"),
        ("افتُتح في الأيام الماضية معرض للكتاب", "DATE", "PAST_REF"),
        ("ازداد الإقبال في السنوات الأخيرة", "DATE", "PAST_REF"),
    ],
)
def test_plural_units_before_and_after_the_article_date(text: str, kind: str, value: str) -> None:
    assert one(text)[1:3] == (kind, value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("التقيا الأحد قبل الماضي", "2019-10-20"),
        ("أُقر في مارس قبل الماضي", "2018-03"),
        ("تغير منذ العام قبل الماضي", "2017"),
        ("يصل الأسبوع بعد المقبل", "2019-W46"),
    ],
)
def test_the_one_before_the_last_and_after_the_next(text: str, value: str) -> None:
    assert one(text)[2] == value


def test_afternoon_and_a_rerun() -> None:
    assert one("يوقع روايته بعد ظهر الخميس المقبل") == (
        "بعد ظهر الخميس المقبل",
        "TIME",
        "2019-10-31TAF",
        None,
    )
    assert one("ويُعاد العرض مساء الأحد")[2] == "2019-11-03TEV"


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("يغلق المتحف أيام الاثنين", "أيام الاثنين", "XXXX-WXX-1"),
        ("ويقام المهرجان كل صيف", "كل صيف", "XXXX-SU"),
    ],
)
def test_weekdays_in_the_plural_and_every_season_are_sets(text: str, span: str, value: str) -> None:
    assert one(text) == (span, "SET", value, None)


def test_a_clock_time_in_what_a_report_says_does_not_take_the_report_day() -> None:
    text = "وأعلنت الوزارة اليوم الأربعاء أن الدوام سيكون من التاسعة صباحاً"
    assert [value for _, _, value, _ in found(text)] == [ANCHOR, "XXXX-XX-XXT09:00"]
    # the day of the sentence's own event stays
    assert found("وصل الوفد مساء الاثنين عند الساعة الثامنة")[1][2] == "2019-10-28T20:00"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ففي مثل هذا اليوم من عام 1962 خرج الناس", "1962-10-30"),
        ("سنسأل في مثل هذا اليوم من العام المقبل", "2020-10-30"),
        ("اندلعت الثورة في الفاتح من نوفمبر 1954", "1954-11-01"),
        ("يبدأ العمل به فاتح يناير 2020", "2020-01-01"),
    ],
)
def test_anniversaries_and_the_first_of_the_month(text: str, value: str) -> None:
    assert one(text)[2] == value
