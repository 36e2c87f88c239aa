"""Variants of her address must score at or above strong (0.90); neighbours must not match at
all; partial disclosures land between weak (0.75) and strong."""

import pytest

from disclosure_guard.matching import parse_address
from disclosure_guard.matching.scoring.address import score_address

HERS = "Flat 3, 12 Elm Road, Headingley, Leeds LS6 2AB"
STRONG, WEAK = 0.90, 0.75


def scored(text: str, registered: str = HERS):
    return score_address(parse_address(text), parse_address(registered))


@pytest.mark.parametrize(
    "text",
    [
        "Flat 3, 12 Elm Road, Headingley, Leeds LS6 2AB",
        "flat 3 12 elm rd leeds ls62ab",  # missing commas, abbreviation, no locality
        "3/12 Elm Road, Leeds LS6 2AB",
        "Flat 03, 12 Elm Road, LS6 2AB",  # town missing
        "Flat 3, 12 Elmm Road, Leeds",  # typo, postcode missing, town present
        "Flat 3, 12 Elm Raod, Headingley, Leeds",
        "Flat 3, 12 E1m Rcad, LS6 2AB",  # garbled street, postcode and number present
        "LS6 2AB, Leeds, Flat 3, 12 Elm Road",  # different order
        "Flat 3, 12 Elm Road, Leeds LS6 2AD",  # postcode one character out
        "She now lives at Flat 3, 12 Elm Road, Leeds LS6 2AB",
    ],
)
def test_the_same_dwelling_written_differently_is_strong(text: str) -> None:
    assert scored(text).score >= STRONG


@pytest.mark.parametrize(
    "text",
    [
        "Flat 3, 14 Elm Road, Headingley, Leeds LS6 2AB",  # same street, other number
        "Flat 4, 12 Elm Road, Headingley, Leeds LS6 2AB",  # same building, other flat
        "Flat 3, 16 Oak Street, Leeds LS6 2AB",  # same postcode, other number
        "Flat 3, 12 Elm Road, Headingley, York YO18 8FX",  # another postcode altogether
    ],
)
def test_a_neighbour_is_a_different_dwelling(text: str) -> None:
    result = scored(text)

    assert result.score == 0.0
    assert result.different_dwelling


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("12 Elm Road, Leeds LS6 2AB", "her flat is missing"),
        ("Elm Road, Leeds LS6 2AB", "postcode and street without the number"),
        ("Leeds LS6 2AB", "postcode alone"),
        ("Flat 3, 12 Elm Road", "number and street with neither town nor postcode"),
        ("Elm Road, Leeds", "street and town"),
    ],
)
def test_a_partial_disclosure_is_weak(text: str, why: str) -> None:
    assert WEAK <= scored(text).score < STRONG, why


def test_a_flat_in_the_text_that_the_register_lacks_is_weak() -> None:
    assert WEAK <= scored("Flat 3, 12 Elm Road, Leeds LS6 2AB", "12 Elm Road, Leeds LS6 2AB").score < STRONG


def test_the_same_street_name_in_another_town_does_not_match() -> None:
    assert scored("Flat 3, 12 Elm Road, York").score < WEAK


def test_components_explain_the_score_without_values() -> None:
    result = scored("Flat 3, 12 Elmm Road, Leeds LS6 2AB")

    assert result.components == {"postcode": 1.0, "number": 1.0, "street": 0.941, "town": 1.0, "sub_building": 1.0}


@pytest.mark.parametrize(
    ("text", "registered"),
    [
        ("Rose Cottage, Mill Lane, Ashby", "Rose Cottage, Mill Lane, Ashby"),
        ("ROSE COTTAGE\nMILL LN\nASHBY", "Rose Cottage, Mill Lane, Ashby"),
        ("Rose Cottage, Ashby", "Rose Cottage, Mill Lane, Ashby"),
        ("Apartment 27, Beech Court, 4 Park Lane, Leeds", "Apt 27, Beech Ct, 4 Park Ln, Leeds"),
        ("12 High Street, Leeds", "12-14 High St, Leeds"),
    ],
)
def test_house_names_and_ranges_match(text: str, registered: str) -> None:
    assert scored(text, registered).score >= STRONG


def test_another_cottage_on_the_same_lane_is_a_different_dwelling() -> None:
    result = scored("Ivy Cottage, Mill Lane, Ashby", "Rose Cottage, Mill Lane, Ashby")

    assert result.different_dwelling


def test_a_number_with_a_suffix_is_another_house() -> None:
    assert scored("12a Elm Road, Leeds LS6 2AB", "12 Elm Road, Leeds LS6 2AB").different_dwelling


def test_a_house_named_like_a_street_is_not_her_street() -> None:
    result = scored("8 Orchard View, Bristol BS1 6WH", "Meadow View, Orchard View, Clifton, Bristol BS1 6WH")

    assert result.different_dwelling


def test_her_street_with_another_postcode_is_another_stretch_of_it() -> None:
    assert scored("Elm Road, Headingley, Leeds LS6 4XY").score == 0.0
    assert WEAK <= scored("Elm Road, Headingley, Leeds").score < STRONG


def test_a_named_house_on_her_street_is_about_that_house() -> None:
    registered = "12 Elm Road, Headingley, Leeds LS6 2AB"
    assert scored("The Laurels, Elm Road, Headingley, Leeds", registered).score == 0.0
    assert scored("The Laurels, Elm Road, Headingley, Leeds LS6 2AD", registered).score == 0.0
    # With her very postcode it still discloses her street and postcode, weakly.
    assert WEAK <= scored("The Laurels, Elm Road, Headingley, Leeds LS6 2AB", registered).score < STRONG


def test_her_block_named_without_its_number_is_her_building() -> None:
    registered = "Flat 3, Beech Court, 4 Park Lane, Leeds LS1 4AB"
    assert scored("Flat 3, Beech Court, Park Lane, Leeds", registered).score >= STRONG
    assert scored("Flat 3, Oak Court, Park Lane, Leeds", registered).different_dwelling
