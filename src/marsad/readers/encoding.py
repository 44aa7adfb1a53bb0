"""Bytes to text for raw Arabic news, which still arrives in three encodings:
UTF-8, Windows-1256 (cp1256) and, from old archives, ISO-8859-6.

Order of attempts in :func:`decode`:

1. a byte-order mark (UTF-8, UTF-16 LE/BE) decides;
2. UTF-16 without a mark, when every other byte is the high byte of Arabic
   (0x06) or ASCII (0x00) and the text reads as Arabic;
3. binary data (NUL bytes, many control characters) is refused;
4. strict UTF-8;
5. a declared charset (HTML ``<meta>``, XML declaration, HTTP header), if the
   bytes decode cleanly with it;
6. Windows-1256 or ISO-8859-6, whichever reads as more plausible Arabic;
7. a declared Western charset (Latin-1, cp1252, ...), only as a last resort.

UTF-8 is tried before the declared charset because Arabic in cp1256 or ISO-8859-6
is practically never valid UTF-8 (its letters are bytes >= 0xC1 that would have to
be followed by continuation bytes 0x80-0xBF), whereas UTF-8 pages with a stale
``charset=windows-1256`` are common, and cp1256 "decodes cleanly" any bytes at all.

The only change made to the text is the one that every reader applies before
the text becomes the immutable original: the BOM is dropped and ``\\r\\n`` and
``\\r`` line endings become ``\\n``.
"""

from __future__ import annotations

import codecs
import math
import re
from dataclasses import dataclass

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control bytes that do not occur in text; tab, newlines, form feed and ESC-free
# text never contain them. C1 bytes (0x80-0x9f) are letters in cp1256, so they
# are not counted.
_TEXT_CONTROLS = {0x09, 0x0A, 0x0B, 0x0C, 0x0D}
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in _TEXT_CONTROLS) + b"\x7f"
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_CONTROL_CHARS = frozenset(_CONTROL_BYTES.decode("ascii"))
MAX_CONTROL_SHARE = 0.10

# Pages that declare Latin-1 or cp1252 are very often mislabelled Arabic or
# UTF-8 (these are editors' defaults, and Latin-1 decodes any byte sequence),
# so such a declaration is trusted only when nothing better fits.
_WESTERN_CHARSETS = {"latin_1", "cp1252", "iso8859_15", "ascii"}

_DECLARED_CHARSET_RES = (
    re.compile(rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I),
    re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I),
)
_SNIFF_BYTES = 4096

_ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
# Accented Latin letters that cp1256 maps some bytes to (à ç è é ê ë î ï ô ù û ü);
# in Arabic text decoded with the wrong table they appear inside Arabic words.
_LATIN_ACCENTED_RE = re.compile(r"[\u00c0-\u00ff]")
_ARABIC_WORD_RE = re.compile(r"[\u0621-\u064a]+")
# Tanween (-an, -un, -in) ends a word; followed by a letter it is the trace of a
# wrong table: cp1256 yeh, alef maksura and others are tanween in ISO-8859-6.
_MISPLACED_TANWEEN_RE = re.compile(r"[\u064b-\u064d][\u0621-\u064a]")
MIN_ARABIC_SHARE = 0.15  # news pages mix in Latin names, URLs and English captions
MIN_SCORE = 0.4

# Approximate letter frequencies (%) of Modern Standard Arabic news prose. A wrong
# single-byte table swaps common letters for rare ones (ISO-8859-6 ain, 0xD9, is
# zah in cp1256), so the mean log frequency separates the two tables even in a
# short headline.
# fmt: off
_LETTER_PERCENT = {
    "ا": 12.5, "ل": 11.0, "ي": 7.0, "م": 6.0, "و": 6.0, "ن": 6.0, "ر": 4.5, "ت": 4.0,
    "ه": 3.5, "ب": 3.8, "ع": 3.5, "ة": 3.0, "أ": 2.5, "ف": 2.5, "د": 2.5, "ق": 2.3,
    "س": 2.3, "ك": 2.0, "ح": 2.0, "ى": 1.5, "ج": 1.3, "إ": 1.0, "ش": 1.0, "ط": 1.0,
    "ص": 1.0, "خ": 0.8, "ض": 0.6, "ز": 0.6, "ث": 0.5, "ذ": 0.5, "غ": 0.4, "ئ": 0.4,
    "آ": 0.3, "ء": 0.3, "ظ": 0.2, "ؤ": 0.2,
}
# fmt: on
_LETTER_LOG_FREQ = {ch: math.log(pct / 100) for ch, pct in _LETTER_PERCENT.items()}
_UNLISTED_LOG_FREQ = math.log(0.0005)
_TYPICAL_LOG_FREQ = -3.2  # mean log frequency of real text, used to centre the fit


class DecodeError(ValueError):
    """Bytes that cannot be turned into text; the message says why."""


@dataclass(frozen=True, slots=True)
class _Reading:
    """One candidate decoding and how Arabic it looks."""

    encoding: str
    text: str
    score: float
    arabic_share: float
    letters: int

    @property
    def plausible(self) -> bool:
        return self.arabic_share >= MIN_ARABIC_SHARE and self.score >= MIN_SCORE


def decode(data: bytes, declared: str | None = None, *, forced: str | None = None) -> str:
    """Decode ``data`` as described in the module docstring.

    ``declared`` is a charset stated by the source (HTTP header, ``<meta>``); when
    None it is looked up in the first bytes. ``forced`` skips detection entirely.
    Raises DecodeError.
    """
    if forced:
        return _normalise_newlines(_decode_forced(data, forced))
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _normalise_newlines(
                _strict(data, encoding, f"{encoding} after its byte-order mark")
            )
    text = _utf16_without_bom(data)
    if text is not None:
        return _normalise_newlines(text)
    refuse_binary(data)
    text = _try(data, "utf-8")
    if text is None:
        declared_codec = _codec_name(declared or sniff_declared_charset(data))
        if declared_codec and declared_codec not in _WESTERN_CHARSETS:
            text = _try(data, declared_codec)
        if text is None:
            text = _guess_arabic_single_byte(data, declared_codec)
    return _normalise_newlines(text)


def sniff_declared_charset(data: bytes) -> str | None:
    """The charset named by an XML declaration or HTML ``<meta>`` near the start."""
    head = data[:_SNIFF_BYTES]
    for pattern in _DECLARED_CHARSET_RES:
        match = pattern.search(head)
        if match:
            return match.group(1).decode("ascii", "replace")
    return None


def charset_from_content_type(content_type: str | None) -> str | None:
    """``text/html; charset=windows-1256`` -> ``windows-1256``."""
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", content_type, re.I)
    return match.group(1) if match else None


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _codec_name(charset: str | None) -> str | None:
    """Python's canonical codec name, or None for a missing or unknown charset."""
    if not charset:
        return None
    try:
        return codecs.lookup(charset.strip()).name.replace("-", "_")
    except LookupError:
        return None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _strict(data: bytes, encoding: str, what: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"invalid {what}: byte 0x{data[exc.start]:02x} at offset {exc.start}"
        ) from None


def _decode_forced(data: bytes, forced: str) -> str:
    codec = _codec_name(forced)
    if codec is None:
        raise DecodeError(f"unknown encoding name {forced!r}")
    if not codec.startswith(("utf_16", "utf_32")):
        refuse_binary(data)
    text = _strict(data, codec, f"{forced} (forced encoding)")
    return text.removeprefix("\ufeff")


#: share of the high bytes that must be 0x00 or 0x06 (ASCII or Arabic)
_UTF16_HIGH_SHARE = 0.9


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark (some Windows tools do),
    which would otherwise be refused as binary for its NUL bytes."""
    if len(data) < 2 or len(data) % 2 or b"\x00" not in data:
        return None
    for encoding, high in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
        if (high.count(0) + high.count(6)) / len(high) < _UTF16_HIGH_SHARE:
            continue
        text = _try(data, encoding)
        if text is not None and not _has_controls(text) and _score(encoding, text).plausible:
            return text
    return None


def _has_controls(text: str) -> bool:
    """``refuse_binary``'s test, on decoded text."""
    controls = sum(1 for ch in text if ch in _CONTROL_CHARS)
    return controls / len(text) > MAX_CONTROL_SHARE if text else False


def refuse_binary(data: bytes) -> None:
    if b"\x00" in data:
        raise DecodeError("binary file, not text (contains NUL bytes)")
    if not data:
        return
    controls = len(data.translate(None, _NOT_CONTROL))  # deletes all but controls
    if controls / len(data) > MAX_CONTROL_SHARE:
        raise DecodeError(f"binary file, not text ({controls / len(data):.0%} control bytes)")


def _guess_arabic_single_byte(data: bytes, declared_codec: str | None) -> str:
    """The more plausible of cp1256 and ISO-8859-6, or the declared Western charset,
    or DecodeError explaining why each candidate was rejected."""
    readings: list[_Reading] = []
    problems: list[str] = []
    for encoding, label in (("cp1256", "Windows-1256"), ("iso8859_6", "ISO-8859-6")):
        try:
            readings.append(_score(encoding, data.decode(encoding)))
        except UnicodeDecodeError as exc:
            problems.append(f"{label}: invalid byte 0x{data[exc.start]:02x}")
    if readings and all(r.letters == 0 for r in readings):
        # No letters at all (whitespace, digits, punctuation): the table barely
        # matters, and the caller reports such text as empty.
        return readings[0].text
    plausible = [r for r in readings if r.plausible]
    if plausible:
        return max(plausible, key=lambda r: r.score).text
    if declared_codec:
        text = _try(data, declared_codec)
        if text is not None:
            return text
    for reading in readings:
        label = "Windows-1256" if reading.encoding == "cp1256" else "ISO-8859-6"
        problems.append(f"{label}: only {reading.arabic_share:.0%} Arabic letters")
    raise DecodeError(
        "unknown encoding: not UTF-8, Windows-1256 or ISO-8859-6 (" + "; ".join(problems) + ")"
    )


def _score(encoding: str, text: str) -> _Reading:
    """How much ``text`` looks like Arabic: the share of Arabic among all letters,
    a bonus for words starting with the article "ال" (present in roughly a third
    of the words of any Arabic prose), how well the letter frequencies fit Arabic,
    and heavy penalties for what a wrong
    single-byte table produces inside Arabic words: accented Latin letters and
    tanween in the middle of a word."""
    letters = sum(1 for ch in text if ch.isalpha())
    if not letters:
        return _Reading(encoding, text, 0.0, 0.0, 0)
    arabic = len(_ARABIC_LETTER_RE.findall(text))
    implausible = len(_LATIN_ACCENTED_RE.findall(text)) + len(_MISPLACED_TANWEEN_RE.findall(text))
    words = _ARABIC_WORD_RE.findall(text)
    article_rate = sum(1 for w in words if w.startswith("ال")) / len(words) if words else 0.0
    arabic_share = arabic / letters
    score = (
        arabic_share - 5 * implausible / letters + min(article_rate, 0.3) + _letter_fit(text) / 4
    )
    return _Reading(encoding, text, score, arabic_share, letters)


def _letter_fit(text: str) -> float:
    """Mean log frequency of the Arabic letters, relative to typical prose (about 0
    for real Arabic, clearly negative for text read with the wrong table)."""
    logs = [_LETTER_LOG_FREQ.get(ch, _UNLISTED_LOG_FREQ) for ch in _ARABIC_LETTER_RE.findall(text)]
    return sum(logs) / len(logs) - _TYPICAL_LOG_FREQ if logs else 0.0
