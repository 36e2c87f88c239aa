import pytest

from disclosure_guard.ingest.limits import IngestLimits
from disclosure_guard.ingest.outcome import Unreadable
from disclosure_guard.ingest.readers.text import decode_text
from disclosure_guard.ingest.sniff import Format
from disclosure_guard.types import TextPart, UnreadablePart
from tests.ingest.reading import read_as


@pytest.mark.parametrize(("data", "charset", "text"), [
    (b"Jane Doe,12 Elm Road,LS6 2AB", None, "Jane Doe,12 Elm Road,LS6 2AB"),
    (b"\xef\xbb\xbfZo\xc3\xab", None, "Zoë"),
    ("12 Elm Road".encode("utf-16"), None, "12 Elm Road"),
    ("12 Elm Road".encode("utf-32"), None, "12 Elm Road"),
    (b"Zo\xeb", "iso-8859-1", "Zoë"),
    ("Зоя".encode("koi8-r"), "koi8-r", "Зоя"),
    (b"Caf\xe9 \x80 12", None, "Café € 12"),
    (b"Caf\xe9", "utf-8", "Café"),  # mislabelled cp1252
])
def test_charsets(data, charset, text):
    assert decode_text(data, charset) == text


def test_an_unknown_charset_is_not_guessed_past():
    with pytest.raises(Unreadable, match="unknown charset 'x-unknown'"):
        decode_text(b"12 Elm Road", "x-unknown")
    with pytest.raises(Unreadable, match="unknown charset 'zlib'"):
        decode_text(b"12 Elm Road", "zlib")


def test_bytes_no_charset_decodes_are_unreadable():
    assert read_as(Format.TEXT, "attachment[0]", b"\x81\x8d") == [
        UnreadablePart("attachment[0]", "the text could not be decoded")
    ]


def test_a_20_mb_csv_is_over_the_text_limit_and_says_so():
    row = b"Jane Doe,Flat 3,12 Elm Road,Leeds,LS6 2AB\n"
    data = row * (20 * 1024 * 1024 // len(row))
    assert read_as(Format.TEXT, "attachment[0]", data) == [
        UnreadablePart("attachment[0]", "more than 10000000 characters of text")
    ]
    parts = read_as(Format.TEXT, "attachment[0]", data, IngestLimits(max_text_chars=30_000_000))
    assert isinstance(parts[0], TextPart) and parts[0].text.endswith("LS6 2AB\n")
