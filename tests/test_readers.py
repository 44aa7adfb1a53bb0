"""Readers: every format on a small valid input, dispatch, paths, and bad input.

All fixtures are written here or generated in ``tmp_path``.
"""

from __future__ import annotations

import gzip
import io
import json
import random
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.readers import (
    RawArticle,
    ReaderOptions,
    ReadError,
    html_fragment_to_text,
    html_to_article,
    iter_files,
    parse_json_record,
    read_file,
    read_paths,
)
from marsad.readers.dates import normalize_date

PARAGRAPHS = [
    "أعلنت وزارة الصحة في العاصمة اليوم الأحد عن افتتاح مستشفى جديد في المدينة الشمالية "
    "بعد سنوات من العمل.",
    "وقال الوزير في مؤتمر صحفي إن المستشفى سيخدم أكثر من مئتي ألف نسمة من سكان المنطقة "
    "والقرى المحيطة بها.",
    "وأضاف أن الحكومة خصصت ميزانية إضافية لتدريب الكوادر الطبية خلال العام المقبل، "
    "وأن العمل سيبدأ فورا.",
]
ARTICLE = "\n".join(PARAGRAPHS)
TITLE = "افتتاح مستشفى جديد في الشمال"
NAV_TEXT = "الصفحة الرئيسية"
FOOTER_TEXT = "جميع الحقوق محفوظة لصحيفة المثال"


def page(paragraphs: list[str] = PARAGRAPHS, charset: str = "utf-8", extra_head: str = "") -> str:
    """A news page with navigation and footer around the article."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="{charset}">
<title>{TITLE} | صحيفة المثال</title>
<meta property="og:site_name" content="صحيفة المثال">
<meta name="author" content="سارة أحمد">{extra_head}
</head><body>
<nav><ul><li><a href="/">{NAV_TEXT}</a></li><li><a href="/sport">رياضة</a></li></ul></nav>
<article><h1>{TITLE}</h1>{body}</article>
<footer><p>{FOOTER_TEXT} 2024</p></footer>
</body></html>"""


def items_of(path: Path, options: ReaderOptions | None = None) -> list[RawArticle | ReadError]:
    return list(read_file(path, options or ReaderOptions()))


def only(items: list[RawArticle | ReadError]) -> RawArticle | ReadError:
    assert len(items) == 1, items
    return items[0]


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# text ------------------------------------------------------------------------------


def test_text_file_is_one_article_with_the_whole_text(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", TITLE + "\r\n\r\n" + ARTICLE + "\n")
    item = only(items_of(path))
    assert isinstance(item, RawArticle)
    assert item.text == TITLE + "\n\n" + ARTICLE + "\n"
    assert item.key == str(path)
    assert item.meta.fmt == "text"
    assert item.meta.source == str(path)
    assert item.meta.title is None  # title detection belongs to the cleaning stage


@pytest.mark.parametrize("encoding", ["cp1256", "iso8859_6"])
def test_legacy_arabic_encodings_are_decoded_exactly(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path / f"{encoding}.txt", ARTICLE.encode(encoding))
    item = only(items_of(path))
    assert isinstance(item, RawArticle)
    assert item.text == ARTICLE


def test_forced_encoding_option(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", ARTICLE.encode("cp1256"))
    item = only(items_of(path, ReaderOptions(encoding="windows-1256")))
    assert isinstance(item, RawArticle) and item.text == ARTICLE


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n "])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    assert only(items_of(write(tmp_path / "empty.txt", content))) == ReadError(
        str(tmp_path / "empty.txt"), "empty file"
    )


def test_binary_file(tmp_path: Path) -> None:
    noise = bytes(random.Random(1).randrange(256) for _ in range(10_000)) + b"\x00\x00"
    item = only(items_of(write(tmp_path / "noise.txt", noise)))
    assert isinstance(item, ReadError)
    assert item.message.startswith("binary file, not text")


def test_undecodable_file_is_an_unknown_encoding(tmp_path: Path) -> None:
    french = "Le ministre a été reçu à l'Élysée; ça a été très apprécié à Noël."
    item = only(items_of(write(tmp_path / "fr.txt", french.encode("latin-1"))))
    assert isinstance(item, ReadError)
    assert item.message.startswith("unknown encoding: not UTF-8, Windows-1256 or ISO-8859-6")


def test_oversized_file_is_refused_from_its_size_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.write(("سطر طويل من النص العربي\n" * 1000).encode() * 1200)
        stream.truncate(52_400_000)

    def refuse(*_args: object) -> bytes:
        raise AssertionError("an oversized file must not be read")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    item = only(items_of(path))
    expected = "too large (52.4 MB > 20.0 MB limit; raise --max-bytes)"
    assert item == ReadError(str(path), expected)


# html ------------------------------------------------------------------------------


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    head = (
        '\n<meta property="article:published_time" content="2024-03-05T08:30:00+03:00">'
        '\n<link rel="canonical" href="https://example.com/news/hospital">'
    )
    path = write(tmp_path / "story.html", page(extra_head=head))
    item = only(items_of(path))
    assert isinstance(item, RawArticle)
    assert item.text.endswith(ARTICLE)  # paragraphs separated by "\n"
    assert NAV_TEXT not in item.text and FOOTER_TEXT not in item.text
    meta = item.meta
    assert (meta.title, meta.outlet, meta.author) == (TITLE, "صحيفة المثال", "سارة أحمد")
    assert (meta.url, meta.date) == ("https://example.com/news/hospital", "2024-03-05")
    assert (meta.fmt, meta.source, item.key) == ("html", str(path), str(path))


def test_html_in_windows_1256_declared_in_meta(tmp_path: Path) -> None:
    path = write(tmp_path / "old.htm", page(charset="windows-1256").encode("cp1256"))
    item = only(items_of(path))
    assert isinstance(item, RawArticle)
    assert PARAGRAPHS[1] in item.text


def test_malformed_html_is_extracted_without_crashing(tmp_path: Path) -> None:
    # unclosed <div>, <b>, <p>, <table>; stray closing tags; a tag cut off at the end
    broken = (
        "<html><body><div><p>{}<b>نص غير مغلق <p>{}<table><tr><td>{}</span></i></html><p".format(
            *PARAGRAPHS
        )
    )
    item = only(items_of(write(tmp_path / "broken.html", broken)))
    assert isinstance(item, RawArticle)
    for paragraph in PARAGRAPHS:
        assert paragraph in item.text


@pytest.mark.parametrize(
    "garbage", ["<html><head><title>", "<<<>>>", "<script>var x = 1;</script>"]
)
def test_html_without_main_text_is_a_read_error(garbage: str) -> None:
    item = html_to_article(garbage, "k", None, ReaderOptions())
    assert item == ReadError("k", "no main text found in HTML")


def test_html_fragment_to_text() -> None:
    fragment = (
        "<p>" + PARAGRAPHS[0] + "</p><div>سطر <b>ثان</b><br/>سطر   ثالث</div>"
        "<ul><li>بند أول</li><li>بند ثان</li></ul><script>alert(1)</script>"
        "<h2>عنوان فرعي</h2>نص أخير"
    )
    assert html_fragment_to_text(fragment) == "\n".join(
        [PARAGRAPHS[0], "سطر ثان", "سطر ثالث", "بند أول", "بند ثان", "عنوان فرعي", "نص أخير"]
    )
    assert html_fragment_to_text("   ") == ""


# jsonl -----------------------------------------------------------------------------


def jsonl(*records: object) -> str:
    return "".join(
        (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records
    )


def test_jsonl_records_and_metadata(tmp_path: Path) -> None:
    record = {
        "id": "n-1",
        "text": ARTICLE,
        "title": TITLE,
        "date": "2024-03-05",
        "source": "صحيفة المثال",
        "url": "https://example.com/1",
        "author": "سارة أحمد",
    }
    path = write(tmp_path / "news.jsonl", jsonl(record, "", {"content": PARAGRAPHS[0]}))
    first, second = items_of(path)
    assert isinstance(first, RawArticle) and isinstance(second, RawArticle)
    assert first.text == ARTICLE
    assert first.key == f"{path}#L1" and second.key == f"{path}#L3"  # blank line 2 skipped
    meta = first.meta
    assert (meta.title, meta.outlet, meta.url, meta.author, meta.date) == (
        TITLE,
        "صحيفة المثال",
        "https://example.com/1",
        "سارة أحمد",
        "2024-03-05",
    )
    assert (meta.fmt, meta.source, meta.extra) == ("jsonl", f"{path}#L1", {"id": "n-1"})
    assert second.text == PARAGRAPHS[0]


def test_saudinewsnet_like_fields_are_found_by_default(tmp_path: Path) -> None:
    record = {
        "id": "snn-7",
        "source": "aawsat",
        "url": "http://example.com/x",
        "date_extracted": "2015-07-21 02:51:32",
        "title": TITLE,
        "author": "الرياض: محرر",
        "content": ARTICLE,
    }
    item = only(items_of(write(tmp_path / "snn.jsonl", jsonl(record))))
    assert isinstance(item, RawArticle)
    assert item.text == ARTICLE
    assert (item.meta.outlet, item.meta.date) == ("aawsat", "2015-07-21T02:51:32")
    assert item.meta.extra == {"id": "snn-7"}


def test_field_overrides(tmp_path: Path) -> None:
    record = {"nass": ARTICLE, "tarikh": "21/07/2015", "text": "ليس هذا", "jarida": "الأخبار"}
    options = ReaderOptions(fields={"text": "nass", "date": "tarikh", "source": "jarida"})
    item = only(items_of(write(tmp_path / "o.jsonl", jsonl(record)), options))
    assert isinstance(item, RawArticle)
    assert item.text == ARTICLE
    assert (item.meta.date, item.meta.outlet) == ("2015-07-21", "الأخبار")


def test_bad_lines_do_not_stop_the_file(tmp_path: Path) -> None:
    path = write(
        tmp_path / "mixed.jsonl",
        jsonl(
            {"text": PARAGRAPHS[0]},
            '{"text": "نص" "title": 1}',
            ["ليس", "كائنا"],
            {"title": TITLE},
            {"text": "   "},
            {"text": ["فقرة"]},
            {"text": PARAGRAPHS[1]},
        ),
    )
    items = items_of(path)
    assert [type(i).__name__ for i in items] == ["RawArticle"] + ["ReadError"] * 5 + ["RawArticle"]
    assert [i.key for i in items] == [f"{path}#L{n}" for n in range(1, 8)]
    messages = [i.message for i in items if isinstance(i, ReadError)]
    assert messages == [
        "invalid JSON on line 2: Expecting ',' delimiter (column 15)",
        "line 3: not a JSON object (got array)",
        "line 4: no text field (looked for: text, content, body, article, maintext)",
        'line 5: empty text field "text"',
        'line 6: text field "text" is not a string (got array)',
    ]
    assert isinstance(items[-1], RawArticle) and items[-1].text == PARAGRAPHS[1]


def test_missing_overridden_text_field_names_it(tmp_path: Path) -> None:
    options = ReaderOptions(fields={"text": "nass"})
    item = only(items_of(write(tmp_path / "m.jsonl", jsonl({"text": ARTICLE})), options))
    assert item == ReadError(
        f"{tmp_path / 'm.jsonl'}#L1", "line 1: no text field (looked for: nass)"
    )


def test_line_over_the_limit(tmp_path: Path) -> None:
    long_line = {"text": "ن" * 3000}
    path = write(tmp_path / "l.jsonl", jsonl({"text": PARAGRAPHS[0]}, long_line, {"text": "نص"}))
    items = items_of(path, ReaderOptions(max_bytes=1000))
    assert [type(i).__name__ for i in items] == ["RawArticle", "ReadError", "RawArticle"]
    assert items[1].key == f"{path}#L2"
    assert items[1].message.startswith("line 2: too large (0.0 MB > 0.0 MB limit")


def test_gzip_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        stream.write(jsonl({"text": PARAGRAPHS[0]}, {"text": PARAGRAPHS[1]}))
    assert [i.text for i in items_of(path) if isinstance(i, RawArticle)] == PARAGRAPHS[:2]


def test_truncated_gzip_jsonl_keeps_earlier_lines(tmp_path: Path) -> None:
    rng = random.Random(3)
    lines = [{"id": n, "text": f"{PARAGRAPHS[n % 3]} {rng.getrandbits(256):x}"} for n in range(300)]
    data = gzip.compress(jsonl(*lines).encode())
    path = write(tmp_path / "cut.jsonl.gz", data[: len(data) // 2])
    items = items_of(path)
    articles, error = items[:-1], items[-1]
    assert 0 < len(articles) < 300
    assert all(isinstance(a, RawArticle) for a in articles)
    assert [a.key for a in articles] == [f"{path}#L{n}" for n in range(1, len(articles) + 1)]
    assert isinstance(error, ReadError) and error.key == str(path)
    assert error.message.startswith("truncated or corrupt gzip after line")


def test_parse_json_record_for_the_analyze_contract() -> None:
    obj = {"id": 5, "text": ARTICLE, "title": TITLE, "date": "2024-03-05", "source": "س"}
    item = parse_json_record(obj, "stdin#L1", ReaderOptions())
    assert isinstance(item, RawArticle)
    assert (item.text, item.key, item.meta.extra) == (ARTICLE, "stdin#L1", {"id": "5"})
    assert parse_json_record("نص", "k", ReaderOptions()) == ReadError(
        "k", "not a JSON object (got string)"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T08:30:00+03:00", "2024-03-05T08:30:00+03:00"),
        ("2015-07-21 10:30:00", "2015-07-21T10:30:00"),
        ("Tue, 21 Jul 2015 10:30:00 +0300", "2015-07-21T10:30:00+03:00"),
        ("21/07/2015", "2015-07-21"),
        (1437474600, "2015-07-21T10:30:00+00:00"),
        ("أمس", None),
        (None, None),
    ],
)
def test_normalize_date(raw: object, expected: str | None) -> None:
    assert normalize_date(raw) == expected


def test_unparseable_date_is_kept_raw(tmp_path: Path) -> None:
    item = only(items_of(write(tmp_path / "d.jsonl", jsonl({"text": ARTICLE, "date": "أمس"}))))
    assert isinstance(item, RawArticle)
    assert item.meta.date is None and item.meta.extra == {"date_raw": "أمس"}


# feeds -----------------------------------------------------------------------------

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>صحيفة المثال</title><link>https://example.com</link>
<item>
  <title>{TITLE}</title><link>https://example.com/news/1</link>
  <dc:creator>سارة أحمد</dc:creator>
  <pubDate>Tue, 05 Mar 2024 08:30:00 +0300</pubDate>
  <description>ملخص قصير</description>
  <content:encoded><![CDATA[{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}]]></content:encoded>
</item>
<item><title>خبر ثان</title><description>{PARAGRAPHS[1]}</description></item>
<item><title>بلا نص</title><link>https://example.com/news/3</link></item>
</channel></rss>"""


def test_rss_feed_entries(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.rss", RSS)
    first, second, third = items_of(path)
    assert isinstance(first, RawArticle)
    assert first.text == ARTICLE  # content:encoded wins over the summary
    assert first.key == f"{path}#https://example.com/news/1"
    meta = first.meta
    assert (meta.title, meta.outlet, meta.author, meta.url) == (
        TITLE,
        "صحيفة المثال",
        "سارة أحمد",
        "https://example.com/news/1",
    )
    assert (meta.date, meta.fmt) == ("2024-03-05T08:30:00+03:00", "feed")
    assert isinstance(second, RawArticle)
    assert (second.text, second.key) == (PARAGRAPHS[1], f"{path}#2")
    assert third == ReadError(
        f"{path}#https://example.com/news/3", "feed entry has no text (no content or summary)"
    )


def test_atom_feed(tmp_path: Path) -> None:
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>وكالة المثال</title>
<entry><title>{TITLE}</title><link href="https://example.com/a"/>
<updated>2024-03-05T08:30:00Z</updated>
<content type="html">&lt;p&gt;{PARAGRAPHS[0]}&lt;/p&gt;&lt;p&gt;{PARAGRAPHS[2]}&lt;/p&gt;</content>
</entry></feed>"""
    item = only(items_of(write(tmp_path / "a.atom", atom)))
    assert isinstance(item, RawArticle)
    assert item.text == PARAGRAPHS[0] + "\n" + PARAGRAPHS[2]
    assert (item.meta.outlet, item.meta.date) == ("وكالة المثال", "2024-03-05T08:30:00Z")


def test_feed_with_a_wrong_encoding_declaration(tmp_path: Path) -> None:
    rss = RSS.replace("<![CDATA[", "<![CDATA[<p>نص</p>").encode("cp1256")  # says utf-8
    item = items_of(write(tmp_path / "cp.rss", rss))[0]
    assert isinstance(item, RawArticle)
    assert item.text == "نص\n" + ARTICLE
    assert item.meta.outlet == "صحيفة المثال"


def test_feed_that_is_not_xml(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.xml", "هذا ليس ملف XML على الإطلاق {[")
    item = only(items_of(path))
    assert isinstance(item, ReadError) and item.key == str(path)
    assert item.message.startswith("not a valid feed: ")


# warc ------------------------------------------------------------------------------


def build_warc(pages: list[tuple[str, bytes, str]], compress: bool = True) -> bytes:
    """A WARC with a request record, an image and one response per (url, body, type)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    request = writer.create_warc_record(
        "https://example.com/", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
    )
    writer.write_record(request)
    for url, body, content_type in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
    return buffer.getvalue()


def three_pages() -> list[tuple[str, bytes, str]]:
    return [
        (f"https://example.com/news/{n}", page([PARAGRAPHS[n], *PARAGRAPHS]).encode(), "text/html")
        for n in range(3)
    ]


def test_warc_html_responses(tmp_path: Path) -> None:
    pages = [
        *three_pages()[:2],
        ("https://example.com/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (
            "https://example.com/old",
            page([PARAGRAPHS[2]], charset="").replace('<meta charset="">', "").encode("cp1256"),
            "text/html; charset=windows-1256",
        ),
    ]
    path = write(tmp_path / "crawl.warc.gz", build_warc(pages))
    items = items_of(path)
    assert [i.key for i in items] == [
        f"{path}#https://example.com/news/0",
        f"{path}#https://example.com/news/1",
        f"{path}#https://example.com/old",
    ]
    assert all(isinstance(i, RawArticle) for i in items)
    first = items[0]
    assert isinstance(first, RawArticle)
    assert first.text.endswith(ARTICLE)
    assert (first.meta.fmt, first.meta.url, first.meta.title) == (
        "warc",
        "https://example.com/news/0",
        TITLE,
    )
    crawl_date = first.meta.extra["crawl_date"]
    assert first.meta.date == crawl_date  # the page itself has no date
    assert PARAGRAPHS[2] in items[2].text  # decoded with the charset of the HTTP header


def test_truncated_warc_keeps_earlier_records(tmp_path: Path) -> None:
    data = build_warc(three_pages())
    path = write(tmp_path / "cut.warc.gz", data[: len(data) - 200])
    items = items_of(path)
    assert [type(i).__name__ for i in items] == ["RawArticle", "RawArticle", "ReadError"]
    error = items[-1]
    assert error.key == str(path)
    assert error.message.startswith("corrupt or truncated WARC after 3 records")


def test_truncated_uncompressed_warc(tmp_path: Path) -> None:
    data = build_warc(three_pages(), compress=False)
    path = write(tmp_path / "cut.warc", data[: len(data) - 300])
    items = items_of(path)
    assert [type(i).__name__ for i in items] == ["RawArticle", "RawArticle", "ReadError"]
    assert "corrupt or truncated WARC after 3 records" in items[-1].message


# dispatch --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "fmt"),
    [
        (page(), "html"),
        (RSS, "feed"),
        (jsonl({"text": ARTICLE}), "jsonl"),
        (ARTICLE, "text"),
    ],
)
def test_unknown_suffix_is_sniffed(tmp_path: Path, content: str, fmt: str) -> None:
    items = items_of(write(tmp_path / "item.dat", content))
    assert items and isinstance(items[0], RawArticle)
    assert items[0].meta.fmt == fmt


def test_sniffed_warc_and_gzip_contents(tmp_path: Path) -> None:
    warc = items_of(write(tmp_path / "crawl.bin", build_warc(three_pages(), compress=False)))
    assert [i.meta.fmt for i in warc if isinstance(i, RawArticle)] == ["warc"] * 3
    gz = items_of(write(tmp_path / "dump.gz", gzip.compress(jsonl({"text": ARTICLE}).encode())))
    assert [i.meta.fmt for i in gz if isinstance(i, RawArticle)] == ["jsonl"]
    warc_gz = items_of(write(tmp_path / "crawl.data", build_warc(three_pages())))
    assert len([i for i in warc_gz if isinstance(i, RawArticle)]) == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (bytes(range(256)) * 4, "unsupported file type (binary file, not text"),
        (b'[{"text": "x"}]', "unsupported file type: a JSON document"),
        (b'{\n  "text": "x"\n}\n', "unsupported file type: a JSON document"),
        (gzip.compress(b"plain words"), "unsupported file type: gzip file holding neither"),
    ],
)
def test_unsupported_files(tmp_path: Path, content: bytes, message: str) -> None:
    item = only(items_of(write(tmp_path / "thing.bin", content)))
    assert isinstance(item, ReadError) and item.message.startswith(message)


# paths -----------------------------------------------------------------------------


def test_folders_are_walked_sorted_without_non_articles(tmp_path: Path) -> None:
    names = ["b.txt", "a.txt", "sub/c.txt", "sub/d.html", ".hidden.txt", ".git/e.txt"]
    names += ["README.md", "sub/LICENSE.txt", "stories.json", "sub/f.jsonl"]
    for name in names:
        write(tmp_path / name, ARTICLE)
    assert list(iter_files([str(tmp_path)])) == [
        tmp_path / "a.txt",
        tmp_path / "b.txt",
        tmp_path / "sub" / "c.txt",
        tmp_path / "sub" / "d.html",
        tmp_path / "sub" / "f.jsonl",
    ]
    # named explicitly, a file is always read
    assert list(iter_files([str(tmp_path / "README.md")])) == [tmp_path / "README.md"]


def test_globs_missing_paths_and_duplicates(tmp_path: Path) -> None:
    for name in ["x/one.txt", "x/y/two.txt", "x/y/three.html"]:
        write(tmp_path / name, ARTICLE)
    entries = list(
        iter_files(
            [
                str(tmp_path / "x" / "**" / "*.txt"),
                str(tmp_path / "x" / "one.txt"),
                str(tmp_path / "nothing-here"),
                str(tmp_path / "*.none"),
            ]
        )
    )
    assert entries == [
        tmp_path / "x" / "one.txt",
        tmp_path / "x" / "y" / "two.txt",
        ReadError(str(tmp_path / "nothing-here"), "no such file or folder"),
        ReadError(str(tmp_path / "*.none"), "no files match this pattern"),
    ]


def test_read_paths_mixes_formats_and_errors(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", ARTICLE)
    write(tmp_path / "in" / "b.jsonl", jsonl({"text": PARAGRAPHS[0]}, "{oops"))
    write(tmp_path / "in" / "c.txt", b"")
    items = list(read_paths([str(tmp_path / "in"), str(tmp_path / "missing.txt")]))
    assert [(type(i).__name__, Path(i.key.split("#")[0]).name) for i in items] == [
        ("RawArticle", "a.txt"),
        ("RawArticle", "b.jsonl"),
        ("ReadError", "b.jsonl"),
        ("ReadError", "c.txt"),
        ("ReadError", "missing.txt"),
    ]


# shared sample pages (optional) ----------------------------------------------------

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "html_boilerplate"


def expected_texts() -> dict[str, str]:
    """Expected main text of each sample page, read from the files beside it."""
    expected: dict[str, str] = {}
    for path in SHARED.glob("*.expected_text.txt"):
        expected[path.name.replace(".expected_text.txt", ".html")] = path.read_text("utf-8")
    for path in SHARED.glob("*.expected.json"):
        cleaned = json.loads(path.read_text("utf-8")).get("expected", {}).get("cleaned_text")
        if cleaned:
            expected[path.name.replace(".expected.json", ".html")] = cleaned
    return expected


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared html_boilerplate samples not present")
def test_shared_sample_pages_start_with_the_expected_text() -> None:
    expected = expected_texts()
    assert expected, "no expected texts found beside the sample pages"
    for name, text in expected.items():
        item = only(items_of(SHARED / name))
        assert isinstance(item, RawArticle), item
        assert " ".join(text.split())[:30] in " ".join(item.text.split()), name
