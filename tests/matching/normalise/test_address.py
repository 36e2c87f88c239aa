import pytest

from disclosure_guard.matching import AddressComponents, parse_address


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Flat 3, 12 Elm Road, Headingley, Leeds LS6 2AB",
            AddressComponents(
                sub_building="3", number="12", street="elm road", locality="headingley", town="leeds", postcode="LS6 2AB"
            ),
        ),
        ("3/12 Elm Road", AddressComponents(sub_building="3", number="12", street="elm road")),
        ("Flat C, 12 Elm Road", AddressComponents(sub_building="c", number="12", street="elm road")),
        ("Apt 3, 12 Elm Road", AddressComponents(sub_building="3", number="12", street="elm road")),
        ("Flat 03, 12 Elm Road", AddressComponents(sub_building="3", number="12", street="elm road")),
        (
            "Apartment 27, Beech Court, 4 Park Lane",
            AddressComponents(sub_building="27", building_name="beech court", number="4", street="park lane"),
        ),
        (
            "Rose Cottage, Mill Lane, Ashby",
            AddressComponents(building_name="rose cottage", street="mill lane", town="ashby"),
        ),
        (
            "12 Elm Road Headingley Leeds LS6 2AB",
            AddressComponents(number="12", street="elm road", locality="headingley", town="leeds", postcode="LS6 2AB"),
        ),
        (
            "12 ELM RD\nHEADINGLEY\nLEEDS\nls62ab",
            AddressComponents(number="12", street="elm road", locality="headingley", town="leeds", postcode="LS6 2AB"),
        ),
        ("12-14 High St, Leeds", AddressComponents(number="12-14", street="high street", town="leeds")),
        ("12a St John's Road, Leeds", AddressComponents(number="12a", street="saint johns road", town="leeds")),
        (
            "12 Elm Raod, Leeds S014 2AB",
            AddressComponents(number="12", street="elm road", town="leeds", postcode="SO14 2AB"),
        ),
        ("Ground Floor Flat, 12 Elm Road", AddressComponents(sub_building="ground floor", number="12", street="elm road")),
        (
            "Meadow View, Hill Grove, Bolton",
            AddressComponents(building_name="meadow view", street="hill grove", town="bolton"),
        ),
        (
            "Meadow View, Orchard View, Bristol",
            AddressComponents(building_name="meadow view", street="orchard view", town="bristol"),
        ),
        (
            "Fern Bank, Windsor Street, Almondbury",
            AddressComponents(building_name="fern bank", street="windsor street", town="almondbury"),
        ),
        (
            "Fern Bank, Market Court, Heaton",
            AddressComponents(building_name="fern bank", street="market court", town="heaton"),
        ),
        ("Elm Road, Hyde Park, Leeds", AddressComponents(street="elm road", locality="hyde park", town="leeds")),
        (
            "The Coach House, 73, Schoolroad, Hull",
            AddressComponents(building_name="the coach house", number="73", street="school road", town="hull"),
        ),
        (
            "108, Rowan Plaace, Didsbury, Liverpool L12\n5AH",
            AddressComponents(
                number="108", street="rowan place", locality="didsbury", town="liverpool", postcode="L12 5AH"
            ),
        ),
        (
            "number 14 on Holloway Gate in Wolverhampton",
            AddressComponents(number="14", street="holloway gate", town="wolverhampton"),
        ),
        (
            "Flat 2/1, 14 Kelvin Street, Glasgow",
            AddressComponents(sub_building="2/1", number="14", street="kelvin street", town="glasgow"),
        ),
        ("2/1, 14 Kelvin Street", AddressComponents(sub_building="2/1", number="14", street="kelvin street")),
        ("4/27-29 Marie Crescent", AddressComponents(sub_building="4", number="27-29", street="marie crescent")),
        (
            "Flat 53, The Sidings SO20 2UH",
            AddressComponents(sub_building="53", building_name="the sidings", postcode="SO20 2UH"),
        ),
        (
            "Flat 4, Kingsley Ct, Leeds",
            AddressComponents(sub_building="4", building_name="kingsley ct", town="leeds"),
        ),
        ("The Old Rectory BS13 2XG", AddressComponents(building_name="the old rectory", postcode="BS13 2XG")),
        ("Top Floor Flat 12 Morgan Row", AddressComponents(sub_building="top floor", number="12", street="morgan row")),
        (
            "43 Chapel Grove, Orchard House, Barkerburgh",
            AddressComponents(building_name="orchard house", number="43", street="chapel grove", town="barkerburgh"),
        ),
    ],
)
def test_parses_the_documented_examples(text: str, expected: AddressComponents) -> None:
    assert parse_address(text) == expected


def test_leading_words_land_in_building_name_and_never_in_the_street() -> None:
    parsed = parse_address("She now lives at 12 Elm Road, Leeds")

    assert (parsed.number, parsed.street, parsed.town) == ("12", "elm road", "leeds")


def test_leading_words_are_cut_from_a_house_name() -> None:
    parsed = parse_address("She lives at Rose Cottage, Mill Lane, Ashby")

    assert (parsed.building_name, parsed.street, parsed.town) == ("rose cottage", "mill lane", "ashby")


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("12 Park Road, Leeds", "park road"),
        ("12 Hill Top Lane, Leeds", "hill top lane"),
        ("12 St Johns St, Leeds", "saint johns street"),
        ("12 Acacia Ave", "acacia avenue"),
        ("12 Laurel Cres", "laurel crescent"),
        ("12 Kensington Gdns", "kensington gardens"),
        ("12 Beech Cl", "beech close"),
        ("12 Oak Dr", "oak drive"),
        ("12 Ash Ct", "ash court"),
        ("12 Vicarage Pl", "vicarage place"),
        ("12 Albion Tce", "albion terrace"),
        ("12 Market Sq", "market square"),
        ("12 Church Ln", "church lane"),
        ("12 Mill Gr", "mill grove"),
        ("12 Marine Pde", "marine parade"),
    ],
)
def test_expands_street_abbreviations(text: str, street: str) -> None:
    assert parse_address(text).street == street


def test_the_same_address_written_differently_parses_the_same() -> None:
    variants = [
        "Flat 3, 12 Elm Road, Headingley, Leeds LS6 2AB",
        "FLAT 3\n12 ELM RD\nHEADINGLEY\nLEEDS\nLS6 2AB",
        "flat 3 12 elm road headingley leeds ls62ab",
        "3/12 Elm Rd., Headingley, Leeds, LS6 2AB",
    ]

    assert len({parse_address(v) for v in variants}) == 1


def test_a_postcode_and_town_alone_name_no_house() -> None:
    parsed = parse_address("Leeds LS6 2AB")

    assert not parsed.has_dwelling
    assert (parsed.town, parsed.postcode) == ("leeds", "LS6 2AB")


def test_a_street_type_run_into_its_name_is_split_off_alike_on_both_sides() -> None:
    assert parse_address("18, Churchlane, Derby").street == "church lane"
    assert parse_address("106 Moorsiderise, Smithstad").street == "moorside rise"
    # A one-word street that only looks run together is split the same way wherever it is
    # written, so the register and the text still agree.
    assert parse_address("4 Kingsway, Leeds").street == parse_address("4 Kings Way, Leeds").street
    assert parse_address("12 Moorgate, Leeds").street == "moorgate"


def test_a_run_together_street_on_its_own_line_after_a_house_is_the_street() -> None:
    parsed = parse_address("The Old Bakery, Walkercrescent, Lake Carl")
    assert (parsed.building_name, parsed.street, parsed.places) == ("the old bakery", "walker crescent", {"lake", "carl"})


def test_a_slashed_pair_with_no_house_number_after_it_is_flat_and_number() -> None:
    assert (parse_address("3/12 Elm Road").sub_building, parse_address("3/12 Elm Road").number) == ("3", "12")


def test_a_caravan_on_its_park_is_a_sub_building() -> None:
    parsed = parse_address("Caravan 14, Sandy Bay Holiday Park, Exmouth EX8 5BU")
    assert parsed.sub_building == "14"
    assert parsed.postcode == "EX8 5BU"


def test_an_old_working_building_is_a_house_name() -> None:
    assert parse_address("The Old Forge, 10 Carter Terrace, Leeds").building_name == "the old forge"


def test_spaces_dropped_between_flat_number_and_street_are_read_back() -> None:
    parsed = parse_address("flat15 10westfield ave llandaff nth")
    assert (parsed.sub_building, parsed.number, parsed.street) == ("15", "10", "westfield avenue")
    assert parse_address("LS62AB").postcode == "LS6 2AB"
    # A short name after the number, as typed with the space dropped: "12Elm Road".
    parsed = parse_address("Flat 3,12Elm Road, Leeds LS62AB")
    assert (parsed.sub_building, parsed.number, parsed.street, parsed.postcode) == ("3", "12", "elm road", "LS6 2AB")
    assert parse_address("2nd Floor, 12 Elm Road").number == "12"


@pytest.mark.parametrize("text", ["12 Elm Rod, Leeds", "12 Elm Roa", "12 Elm Rad", "14 Mill Lan, Leeds"])
def test_a_four_letter_street_type_with_a_letter_dropped_is_read_as_that_type(text: str) -> None:
    assert parse_address(text).street in {"elm road", "mill lane"}


@pytest.mark.parametrize("text", ["12 Elm Rid", "14 Mill Lax", "14 Mill Ane"])
def test_a_letter_changed_or_the_first_dropped_makes_no_street_type(text: str) -> None:
    assert parse_address(text).street in {"elm", "mill"}


def test_a_block_named_with_the_and_its_town_without_a_comma() -> None:
    parsed = parse_address("flat 53 the sidings stockbridge")
    assert (parsed.sub_building, parsed.building_name, parsed.town) == ("53", "the sidings", "stockbridge")
    assert parse_address("flat 2 the old forge").building_name == "the old forge"


def test_a_house_then_a_street_with_a_misspelt_type() -> None:
    parsed = parse_address("Meadow View, Diana Laane, Barkerchester SP17 1TD")
    assert (parsed.building_name, parsed.street, parsed.town) == ("meadow view", "diana lane", "barkerchester")


@pytest.mark.parametrize(("text", "sub_building", "number"), [
    ("Westfield Avenue 10, Cardiff", None, "10"),
    ("Westfield Avenue 10/15, Cardiff CF14 2QE", "15", "10"),
    ("Westfield Avenue 10 flat 15, Cardiff", "15", "10"),
    ("Westfield Avenue 10 Cardiff CF14 2QE", None, "10"),  # the town after it, no comma
])
def test_a_house_number_after_its_street_is_the_house_number(text: str, sub_building: str | None, number: str) -> None:
    parsed = parse_address(text)
    assert (parsed.sub_building, parsed.number, parsed.street) == (sub_building, number, "westfield avenue")
    assert parsed.town == "cardiff"


@pytest.mark.parametrize(("text", "sub_building", "number", "street"), [
    ("Ten Westfield Avenue, Cardiff", None, "10", "westfield avenue"),
    ("Flat fifteen, 10 Westfield Avenue", "15", "10", "westfield avenue"),
    ("Twenty-Two Clive Street", None, "22", "clive street"),
    ("twenty two clive street", None, "22", "clive street"),
    ("Flat 1, Fifteen, Woodland Way, Reeceburgh", "1", "15", "woodland way"),  # a comma after the number
])
def test_a_number_written_as_a_word_is_that_number(text: str, sub_building: str | None, number: str,
                                                   street: str) -> None:
    parsed = parse_address(text)
    assert (parsed.sub_building, parsed.number, parsed.street) == (sub_building, number, street)


def test_a_number_word_naming_a_house_stays_its_name() -> None:
    parsed = parse_address("Two Trees, Mill Lane, Ashby")
    assert (parsed.building_name, parsed.number, parsed.street) == ("two trees", None, "mill lane")


@pytest.mark.parametrize(("text", "building", "town"), [
    ("Rose Cottage West Norman HP18 6TL", "rose cottage", "norman"),
    ("The Coach House Hull HU5 4NE", "the coach house", "hull"),
    ("Mill House Farm Leeds", "mill house farm", "leeds"),
])
def test_a_named_house_then_its_places_on_one_line_splits_after_the_house_word(text: str, building: str,
                                                                                town: str) -> None:
    parsed = parse_address(text)
    assert (parsed.building_name, parsed.street, parsed.town) == (building, None, town)


@pytest.mark.parametrize(("written", "street"), [("28 Ashgrove Wlk", "ashgrove walk"), ("3 Marine Prom", "marine promenade"),
                                                 ("9 Royal Esp", "royal esplanade")])
def test_abbreviations_the_recognizer_knows_are_expanded(written: str, street: str) -> None:
    # Else "Ashgrove Wlk" and her "Ashgrove Walk" file under different keys and never meet.
    assert parse_address(written).street == street
