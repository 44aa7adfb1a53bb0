"""Sentence splitting and clitic-aware tokens."""

import pytest

from marsad.text.segment import clitic_spans, split_sentences, tokenize


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_splits_at_arabic_punctuation_and_line_breaks():
    text = "وصل الوفد إلى المدينة. هل انتهت الأزمة؟ لا أحد يعرف! ثم غادر؛ وعاد\nسطر جديد"
    assert sentences(text) == [
        "وصل الوفد إلى المدينة.",
        "هل انتهت الأزمة؟",
        "لا أحد يعرف!",
        "ثم غادر؛",
        "وعاد",
        "سطر جديد",
    ]


@pytest.mark.parametrize("brk", ["\n", "\r\n", "\r", "\u2028", "\u2029"])
def test_every_kind_of_line_break_ends_a_sentence(brk):
    assert sentences(f"عنوان الخبر{brk}وصل الوفد إلى المدينة") == [
        "عنوان الخبر",
        "وصل الوفد إلى المدينة",
    ]


def test_does_not_split_inside_quotations():
    text = "وقال الوزير: «انتهت المعارك. وبدأ الإعمار». وغادر القاعة."
    assert sentences(text) == ["وقال الوزير: «انتهت المعارك. وبدأ الإعمار».", "وغادر القاعة."]


def test_reversed_and_mixed_quotation_marks_still_protect_the_quote():
    text = "وأضاف ”الهدنة صامدة. والمعابر مفتوحة“ بحسب قوله. وانتهى اللقاء."
    assert sentences(text)[0] == "وأضاف ”الهدنة صامدة. والمعابر مفتوحة“ بحسب قوله."
    mixed = "وقال “الوضع مستقر. والناس عادوا» للصحفيين. ثم غادر."
    assert sentences(mixed)[0] == "وقال “الوضع مستقر. والناس عادوا» للصحفيين."


def test_quote_without_space_before_it_opens_correctly():
    text = "ولفت”سمير” إلى أن الطريق مفتوح. وأكد ذلك."
    assert sentences(text) == ["ولفت”سمير” إلى أن الطريق مفتوح.", "وأكد ذلك."]


def test_sentence_ending_inside_a_closing_quote_ends_after_the_mark():
    text = "وقال: «لن نتراجع.» ثم غادر المؤتمر."
    assert sentences(text) == ["وقال: «لن نتراجع.»", "ثم غادر المؤتمر."]


def test_unbalanced_quote_does_not_swallow_the_paragraph():
    text = "وقال «نحن هنا. وسنبقى. ثم انتهى اللقاء."
    assert sentences(text) == ["وقال «نحن هنا.", "وسنبقى.", "ثم انتهى اللقاء."]


def test_numbers_and_abbreviations_do_not_end_sentences():
    text = "ارتفع المؤشر 3.5 بالمئة. وقال د. أحمد إن م. سامي وصل. الموقع example.com يعمل."
    assert sentences(text) == [
        "ارتفع المؤشر 3.5 بالمئة.",
        "وقال د. أحمد إن م. سامي وصل.",
        "الموقع example.com يعمل.",
    ]


def test_sentence_spans_respect_a_subrange():
    text = "عنوان\nالجملة الأولى. الجملة الثانية.\nتذييل"
    start = text.index("الجملة")
    end = text.index("\nتذييل")
    assert [text[s:e] for s, e in split_sentences(text, start, end)] == [
        "الجملة الأولى.",
        "الجملة الثانية.",
    ]


def test_tokens_keep_spans_and_offer_clitic_readings():
    text = "للقوات والتركية قواتها"
    tokens = tokenize(text)
    assert [text[t.start : t.end] for t in tokens] == ["للقوات", "والتركية", "قواتها"]
    assert ("لل", "قوات", "") in tokens[0].splits()
    assert ("وال", "تركي", "ه") in tokens[1].splits()
    assert ("", "قوات", "ها") in tokens[2].splits()
    assert tokens[0].splits()[0] == ("", "للقوات", "")


def test_clitic_part_spans_point_into_the_original_with_diacritics():
    text = "لِلقُوّات"
    token = tokenize(text)[0]
    prefix, stem, suffix = clitic_spans(text, token, "لل", "")
    assert text[prefix[0] : prefix[1]] == "لِل"
    assert text[stem[0] : stem[1]] == "قُوّات"
    assert suffix == (len(text), len(text))


def test_tokenizer_separates_punctuation_and_numbers():
    text = "قتل ٣ أشخاص، و2.5 مليون."
    assert [text[t.start : t.end] for t in tokenize(text)] == [
        "قتل",
        "٣",
        "أشخاص",
        "،",
        "و",
        "2.5",
        "مليون",
        ".",
    ]
