from disclosure_guard.ingest.sniff import Format
from disclosure_guard.types import TextPart, UnreadablePart
from tests.ingest.reading import read_as


def test_paragraphs_and_escapes():
    parts = read_as(Format.RTF, "attachment[0]", rb"{\rtf1\ansi Flat 3\par 12 Elm Road\par Zo\'eb\par}")
    assert isinstance(parts[0], TextPart)
    assert "Flat 3\n12 Elm Road" in parts[0].text and "Zoë" in parts[0].text


def test_hidden_text_is_read():
    parts = read_as(Format.RTF, "attachment[0]", rb"{\rtf1\ansi Dear Sir,\par {\v 12 Elm Road}\par}")
    assert "12 Elm Road" in parts[0].text


def test_an_embedded_object_is_reported():
    parts = read_as(Format.RTF, "attachment[0]", rb"{\rtf1\ansi See {\object\objemb{\*\objdata 01050000}}\par}")
    assert parts[-1] == UnreadablePart("attachment[0] object", "embedded object in RTF not read")
