"""Property-based tests of the normalisers: each is idempotent, and the ways people format one
address, name, postcode, phone number or email normalise alike."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from disclosure_guard.matching import AddressComponents, parse_address
from disclosure_guard.matching.normalise.address import STREET_TYPE_ABBREVIATIONS, STREET_TYPES
from disclosure_guard.matching.normalise.email import normalise_email
from disclosure_guard.matching.normalise.name import (
    BOUND_SURNAME_WORDS,
    SUFFIXES,
    SURNAME_PARTICLES,
    TITLES,
    PersonName,
    normalise_name,
)
from disclosure_guard.matching.normalise.phone import normalise_phone
from disclosure_guard.matching.normalise.postcode import normalise_postcode

# ---------------------------------------------------------------- strategies

_LETTERS = "abcdefghijklmnoprstuvwy"
_DIACRITICS = {"e": "é", "o": "ö", "a": "á", "u": "ü", "c": "ç", "n": "ñ"}
_ABBREVIATED = {full: short for short, full in STREET_TYPE_ABBREVIATIONS.items()}
_STREET_WORDS = ("elm", "oak", "church", "station", "victoria", "mill", "highfield", "kirkstall")
# Types that also name a building or a place are left out: "Elm View, Leeds" is a street only
# by convention, and the parser rightly hesitates.
_PLAIN_TYPES = sorted(t for t in STREET_TYPES if t in _ABBREVIATED and t not in {"court", "place", "park", "mount"})
_TOWNS = ("leeds", "bradford", "york", "sheffield", "norwich", "bristol")
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

name_words = st.text(_LETTERS, min_size=2, max_size=9).filter(lambda w: w not in TITLES and w not in SUFFIXES)


@st.composite
def person_names(draw: st.DrawFn) -> PersonName:
    """Names in normal form: a particle before the surname ("de", "al") belongs to it, so a
    normalised name never has one as its last forename; and a bound surname word ("Maoil" of
    "Ó Maoil Eoin") is joined to the word after it, so no word before another is one."""
    forenames = draw(st.lists(name_words.filter(lambda w: w.removeprefix("o") not in BOUND_SURNAME_WORDS),
                              min_size=1, max_size=3).filter(
        lambda words: len(words) == 1 or words[-1] not in SURNAME_PARTICLES))
    return PersonName(forenames=tuple(forenames), surname=draw(name_words))


@st.composite
def postcodes(draw: st.DrawFn) -> str:
    area = draw(st.sampled_from(("LS", "BD", "YO", "M", "S", "NR", "BS", "EH")))
    district = draw(st.integers(1, 29))
    sector = draw(st.integers(0, 9))
    unit = draw(st.text(_INWARD_LETTERS, min_size=2, max_size=2))
    return f"{area}{district} {sector}{unit}"


@st.composite
def addresses(draw: st.DrawFn) -> AddressComponents:
    return AddressComponents(
        sub_building=draw(st.none() | st.integers(1, 40).map(str)),
        number=str(draw(st.integers(1, 300))),
        street=f"{draw(st.sampled_from(_STREET_WORDS))} {draw(st.sampled_from(_PLAIN_TYPES))}",
        town=draw(st.sampled_from(_TOWNS)),
        postcode=draw(st.none() | postcodes()),
    )


def written(address: AddressComponents, *, abbreviate: bool, separator: str, capitals: bool, spaced: bool) -> str:
    """An address as a letter might write it."""
    word, kind = address.street.rsplit(" ", 1)
    street = f"{address.number} {word} {_ABBREVIATED[kind] if abbreviate else kind}"
    town = address.town
    if address.postcode:
        town += " " + (address.postcode if spaced else address.postcode.replace(" ", "").lower())
    lines = ([f"Flat {address.sub_building}"] if address.sub_building else []) + [street, town]
    text = separator.join(lines)
    return text.upper() if capitals else text.title()


# ---------------------------------------------------------------- names


@given(person_names())
def test_a_normalised_name_normalises_to_itself(name: PersonName) -> None:
    assert normalise_name(" ".join(name.tokens)) == name


@given(person_names(), st.sampled_from(("Mrs", "Mr", "Dr", "Ms")), st.booleans())
def test_ways_of_writing_one_name_normalise_alike(name: PersonName, title: str, accented: bool) -> None:
    # Written surname first ("MAOL Aa"), a bound surname word is joined to the forename after it,
    # as "Ó Maoil Eoin" should be: such a surname has no one reading there.
    assume(name.surname.removeprefix("o") not in BOUND_SURNAME_WORDS)
    forenames = " ".join(w.title() for w in name.forenames)
    surname = name.surname.title()
    if accented:
        surname = "".join(_DIACRITICS.get(ch, ch) for ch in surname)
    variants = [
        f"{forenames} {surname}",
        f"{title} {forenames} {surname}",
        f"{forenames.upper()}   {surname.upper()}",
        f"{surname.upper()}, {forenames}",
        f"{surname}, {forenames}",
        f"{surname.upper()} {forenames}",
    ]
    assert {normalise_name(v) for v in variants} == {name}


# ---------------------------------------------------------------- addresses


@given(addresses())
def test_a_parsed_address_parses_to_itself(address: AddressComponents) -> None:
    text = written(address, abbreviate=False, separator=", ", capitals=False, spaced=True)

    assert parse_address(text) == address


@given(addresses(), st.booleans(), st.sampled_from((", ", "\n", " ")), st.booleans(), st.booleans())
def test_ways_of_writing_one_address_parse_alike(
    address: AddressComponents, abbreviate: bool, separator: str, capitals: bool, spaced: bool
) -> None:
    text = written(address, abbreviate=abbreviate, separator=separator, capitals=capitals, spaced=spaced)

    assert parse_address(text) == address


# ---------------------------------------------------------------- postcodes, phones, emails


@given(postcodes(), st.sampled_from(("{}", "{} ", " {}", "{}.")), st.booleans(), st.booleans())
def test_postcodes_normalise_alike_and_to_themselves(postcode: str, frame: str, lower: bool, squashed: bool) -> None:
    text = postcode.replace(" ", "") if squashed else postcode
    text = frame.format(text.lower() if lower else text)

    assert normalise_postcode(text) == postcode
    assert normalise_postcode(postcode) == postcode


@given(st.integers(0, 999_999), st.sampled_from(("07700 {a}{b}", "+44 7700 {a}{b}", "0044 7700 {a} {b}", "(07700) {a}-{b}", "+44 (0)7700 {a}{b}")))
def test_phones_normalise_alike_and_to_themselves(digits: int, form: str) -> None:
    six = f"{digits:06d}"
    expected = f"+447700{six}"

    assert normalise_phone(form.format(a=six[:3], b=six[3:])) == expected
    assert normalise_phone(expected) == expected


@given(st.text(_LETTERS, min_size=1, max_size=10), st.text(_LETTERS, min_size=1, max_size=10), st.booleans())
def test_emails_normalise_alike_and_to_themselves(user: str, domain: str, upper: bool) -> None:
    address = f"{user}.x@{domain}.org"
    text = f"Someone <{address.upper() if upper else address}>"

    assert normalise_email(text) == address
    assert normalise_email(address) == address
