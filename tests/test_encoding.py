"""Decoding raw bytes: BOMs, declared charsets, UTF-8, cp1256 vs ISO-8859-6, refusals."""

from __future__ import annotations

import codecs
import random

import pytest

from marsad.readers.encoding import (
    DecodeError,
    charset_from_content_type,
    decode,
    sniff_declared_charset,
)

ARABIC = (
    "أعلنت وزارة الصحة في العاصمة اليوم عن افتتاح مستشفى جديد في المدينة الشمالية.\n"
    "وقال الوزير في مؤتمر صحفي إن المستشفى سيخدم أكثر من مئتي ألف نسمة من سكان المنطقة.\n"
    "وأضاف أن الحكومة خصصت ميزانية إضافية لتدريب الكوادر الطبية خلال العام المقبل."
)
HEADLINES = [
    "اجتماع وزراء الخارجية العرب في القاهرة لبحث الأزمة",
    "ارتفاع أسعار النفط بعد قرار خفض الإنتاج",
    "الأمم المتحدة تدعو إلى وقف إطلاق النار في المدينة",
    "افتتاح معرض الكتاب الدولي بمشاركة مئات الناشرين",
]
FRENCH = (
    "Le président de la République a été reçu à l'Élysée. "
    "Ça a été très apprécié, même à Noël, où l'on a fêté la réussite."
)


def test_utf8_is_returned_unchanged() -> None:
    assert decode(ARABIC.encode("utf-8")) == ARABIC


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_byte_order_mark_decides_and_is_dropped(encoding: str) -> None:
    data = ARABIC.encode(encoding)
    if encoding == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    elif encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert decode(data) == ARABIC


def test_line_endings_become_newlines_and_nothing_else_changes() -> None:
    text = "سطر أول\r\nسطر ثان\rسطر ثالث  \n\n  سطر رابع\t"
    assert decode(text.encode("utf-8")) == "سطر أول\nسطر ثان\nسطر ثالث  \n\n  سطر رابع\t"


@pytest.mark.parametrize("encoding", ["cp1256", "iso8859_6"])
def test_single_byte_arabic_article_is_decoded_exactly(encoding: str) -> None:
    assert decode(ARABIC.encode(encoding)) == ARABIC


@pytest.mark.parametrize("encoding", ["cp1256", "iso8859_6"])
@pytest.mark.parametrize("headline", HEADLINES)
def test_single_byte_arabic_headline_is_decoded_exactly(encoding: str, headline: str) -> None:
    assert decode(headline.encode(encoding)) == headline


def test_declared_charset_in_html_meta_is_used() -> None:
    page = f'<html><head><meta charset="iso-8859-6"></head><body>{ARABIC}</body></html>'
    assert decode(page.encode("iso8859_6")) == page


def test_declared_charset_argument_is_used() -> None:
    assert decode(ARABIC.encode("cp1256"), "windows-1256") == ARABIC


def test_stale_single_byte_declaration_does_not_garble_utf8() -> None:
    # A UTF-8 page still carrying the charset of its cp1256 past.
    page = f'<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">{ARABIC}'
    assert decode(page.encode("utf-8")) == page


def test_latin1_french_is_an_unknown_encoding() -> None:
    with pytest.raises(DecodeError, match=r"^unknown encoding: not UTF-8, Windows-1256"):
        decode(FRENCH.encode("latin-1"))


def test_declared_latin1_is_trusted_as_a_last_resort() -> None:
    assert decode(FRENCH.encode("latin-1"), "iso-8859-1") == FRENCH


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_recognised(encoding: str) -> None:
    text = ARABIC + "\r\n" + ARABIC
    assert decode(text.encode(encoding)) == ARABIC + "\n" + ARABIC


def test_nul_padded_bytes_that_are_not_arabic_stay_binary() -> None:
    # every other byte NUL, but the others spell no Arabic in either order
    data = bytes(b for ch in b"\x01\x02\x03\x04" * 64 for b in (ch, 0))
    with pytest.raises(DecodeError, match="binary file, not text"):
        decode(data)


def test_nul_bytes_mean_binary() -> None:
    data = bytes(random.Random(7).randrange(256) for _ in range(4096)) + b"\x00"
    with pytest.raises(DecodeError, match="binary file, not text"):
        decode(data)


def test_many_control_characters_mean_binary() -> None:
    with pytest.raises(DecodeError, match=r"binary file, not text \(50% control bytes\)"):
        decode(b"\x01\x02ab\x03\x1bcd")


def test_forced_encoding_skips_detection() -> None:
    assert decode(ARABIC.encode("cp1256"), forced="cp1256") == ARABIC
    assert decode(codecs.BOM_UTF8 + b"abc", forced="utf-8") == "abc"


def test_forced_encoding_that_does_not_fit_is_reported() -> None:
    with pytest.raises(
        DecodeError, match=r"invalid utf-8 \(forced encoding\): byte 0xc3 at offset 0"
    ):
        decode(ARABIC.encode("cp1256"), forced="utf-8")
    with pytest.raises(DecodeError, match="unknown encoding name 'klingon'"):
        decode(b"abc", forced="klingon")


def test_text_without_letters_is_decoded_for_the_empty_check() -> None:
    assert decode(b"\xa0 \xa0\n").strip() == ""


def test_sniff_declared_charset() -> None:
    assert sniff_declared_charset(b'<?xml version="1.0" encoding="windows-1256"?><rss/>') == (
        "windows-1256"
    )
    assert sniff_declared_charset(b"<html><head><meta charset=ISO-8859-6>") == "ISO-8859-6"
    assert sniff_declared_charset(b"<html><body>no declaration</body></html>") is None


def test_charset_from_content_type() -> None:
    assert charset_from_content_type("text/html; charset=windows-1256") == "windows-1256"
    assert charset_from_content_type('text/html; charset="UTF-8"') == "UTF-8"
    assert charset_from_content_type("text/html") is None
    assert charset_from_content_type(None) is None
