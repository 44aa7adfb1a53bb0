"""The normalised view and its offset map back to the original text."""

from marsad.text.normalize import normalize, normalize_string


def test_folds_letters_digits_and_quotes():
    assert normalize_string("أحمد إلى آمال مسؤول شاطئ مدرسة") == "احمد الي امال مسوول شاطي مدرسه"
    assert normalize_string("عام ٢٠١٩ و۱۴۰۰") == "عام 2019 و1400"
    assert normalize_string("«أ» “ب” „ج″") == '"ا" "ب" "ج"'
    assert normalize_string("SDF") == "sdf"


def test_removes_diacritics_tatweel_and_invisible_controls():
    assert normalize_string("مُحَمَّدٌ") == "محمد"
    assert normalize_string("الحـــسكة") == "الحسكه"
    assert normalize_string("قوات\u200f سوريا\u200b") == "قوات سوريا"


def test_identity_map_when_lengths_do_not_change():
    view = normalize("قال الوزير إن")
    assert view.to_original(4, 10) == (4, 10)
    assert view.to_normalized(7) == 7


def test_span_found_in_normalised_text_points_at_original_characters():
    original = "قال الرئيسُ مُحَمَّدٌ: «نعم»"
    view = normalize(original)
    start = view.text.index("محمد")
    s, e = view.to_original(start, start + len("محمد"))
    # the span ends after the last letter's diacritics, which belong to it
    assert original[s:e] == "مُحَمَّدٌ"
    q = view.text.index('"نعم"')
    s, e = view.to_original(q + 1, q + 4)
    assert original[s:e] == "نعم"


def test_lam_alef_ligature_expands_and_maps_back_to_one_character():
    original = "ﻻ يوجد"
    view = normalize(original)
    assert view.text == "لا يوجد"
    assert view.to_original(0, 2) == (0, 1)
    assert view.to_original(3, 7) == (2, 6)


def test_to_normalized_inverts_to_original():
    original = "وأكّـد المتحدثُ أنّ"
    view = normalize(original)
    for i in range(len(view.text)):
        s, _ = view.to_original(i, i + 1)
        assert view.to_normalized(s) == i


def test_offset_map_is_consistent_on_random_mixtures():
    import random

    rng = random.Random(7)
    alphabet = "قال الوزيرُ إنّ «ﻻ» ـ٢٠١٩\u200f\u064b\u0651ﻷ" + "abc "
    for _ in range(300):
        original = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        view = normalize(original)
        assert view.text == normalize_string(original)
        for i in range(len(view.text)):
            s, e = view.to_original(i, i + 1)
            assert 0 <= s < e <= len(original)
            # the original characters fold to the normalised one(s)
            assert view.text[i] in normalize_string(original[s:e]) or view.text[i] == " "
            assert view.to_normalized(s) <= i
