from __future__ import annotations

import pytest

from disclosure_guard.extraction.recognizers import GazetteerRecognizer
from disclosure_guard.extraction.recognizers.register_phones import PATTERN, RegisterPhones
from disclosure_guard.types import Gazetteer, SpanKind

HERS = "+447700900412"
PHONES = RegisterPhones([HERS, "+441134960000"])


@pytest.mark.parametrize(("text", "written"), [
    ("ring 7700 900412 after six", "7700 900412"),
    ("tel 44 7700 900 412", "44 7700 900 412"),
    ("7700-900412.", "7700-900412"),
    ("(44) 7700 900412", "44) 7700 900412"),
    ("ring 01632 960311, 7700 900412", "7700 900412"),
])
def test_her_number_without_a_prefix_is_found(text, written):
    spans = PHONES.analyze(text)
    assert [(s.kind, s.text, s.as_read, s.pattern) for s in spans] == [(SpanKind.PHONE, written, HERS, PATTERN)]


@pytest.mark.parametrize("text", [
    "07700 900412", "+44 7700 900412", "0044 7700 900412", "+44 (0) 7700 900412", "0 7700 900412",
    "( +44 7700 900412 )",
])
def test_a_dialled_number_is_left_to_the_phone_recognizer(text):
    assert PHONES.analyze(text) == []


@pytest.mark.parametrize("text", ["7700 900413", "17700900412", "4477 0090 041", "7700\n900413"])
def test_other_digits_are_not_her_number(text):
    assert PHONES.analyze(text) == []


@pytest.mark.parametrize(("text", "written"), [
    ("ring her on 07700\n900412 after six", "07700\n900412"),
    ("> ring her on +44 7700\n> 900412", "44 7700\n> 900412"),
    ("her mobile: 7700\n900412", "7700\n900412"),
])
def test_her_number_wrapped_where_a_line_was_full_is_found(text, written):
    # A PDF's or a hard-wrapped email's line break inside the number: the phone recognizer reads
    # a number on one line only, so her number is read here, dialled or not.
    assert [(s.text, s.as_read) for s in PHONES.analyze(text)] == [(written, HERS)]


def test_a_landline_without_its_trunk_zero_is_found():
    assert [s.text for s in PHONES.analyze("call 113 496 0000")] == ["113 496 0000"]


def test_short_national_numbers_are_not_looked_for():
    # Eight digits or fewer would turn up inside references by chance.
    assert not RegisterPhones(["+3541234567"])


def test_the_gazetteer_finds_register_phones_alone():
    recognizer = GazetteerRecognizer(Gazetteer(phones=(HERS,)))
    assert [s.text for s in recognizer.analyze("ring Sandra on 7700 900412")] == ["7700 900412"]


@pytest.mark.parametrize(("text", "written"), [
    ("ring Sandra on O77OO 9OO412 about Saturday", "O77OO 9OO412"),
    ("tel: o7700 900412.", "o7700 900412"),
    ("mob O77OO\n9OO4l2", "O77OO\n9OO4l2"),
    ("ring 7700 9OO412", "7700 9OO412"),
])
def test_her_number_with_letters_for_digits_is_found(text, written):
    assert [(s.text, s.as_read) for s in PHONES.analyze(text)] == [(written, HERS)]


@pytest.mark.parametrize("text", ["Oil 07700 900412", "IOI", "O77OO 9OO413", "I 07700 900412", "lOO 7700 9OO4I3"])
def test_letters_read_as_digits_need_her_number_and_whole_words(text):
    assert all(s.as_read != HERS or s.text in ("07700 900412",) for s in PHONES.analyze(text))
