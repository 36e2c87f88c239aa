from disclosure_guard.matching import RegisterIndex, parse_address
from disclosure_guard.matching.normalise.identifier import normalise_identifier
from disclosure_guard.matching.normalise.name import normalise_name
from disclosure_guard.types import PartyRef, PartyRole

from .conftest import JANE, a_case, a_party, an_index


def test_build_counts_cases_and_keeps_the_version(smith_case) -> None:
    index = RegisterIndex.build([smith_case, a_case("DG-0002", protected=a_party(names=["Ann Lee"]))], version=7)

    assert (index.version, index.case_count) == (7, 2)


def test_gazetteer_holds_party_names_and_identifiers_once(smith_case) -> None:
    index = an_index(smith_case, a_case("DG-0002", protected=JANE))

    assert index.gazetteer().names == ("Jane Smith", "John Smith")
    # And as people write it short, to be found in the text too.
    assert index.gazetteer().identifiers == ("St Mary's Primary School", "St Mary's Primary")


def test_party_points_at_case_and_position(smith_case) -> None:
    index = an_index(smith_case)

    assert {index.party(n).ref for n in index.parties_for_email("john.smith@example.com")} == {
        PartyRef("DG-0001", 1, PartyRole.RESTRICTED)
    }


def test_name_candidates_come_from_surname_and_initial_including_misspellings(smith_case) -> None:
    index = an_index(smith_case, a_case("DG-0002", protected=a_party(names=["Ann Lee"])))

    refs = {index.party(n).ref.case_reference for n in index.parties_for_name(normalise_name("Jane Smiht"))}

    assert refs == {"DG-0001"}


def test_a_lone_surname_fetches_every_party_with_it(smith_case) -> None:
    index = an_index(smith_case)

    assert len(index.parties_for_name(normalise_name("Smith"))) == 2


def test_address_candidates_come_from_postcode_or_street_not_the_whole_register(smith_case) -> None:
    others = [a_case(f"DG-1{i:03}", protected=a_party(addresses=[f"{i} Birch Avenue, York YO1 7AB"])) for i in range(50)]
    index = an_index(smith_case, *others)

    by_postcode = index.parties_for_address(parse_address("LS6 2AB"))
    by_misspelt_street = index.parties_for_address(parse_address("12 Elmm Road, Leeds"))

    assert {index.party(n).ref.case_reference for n in by_postcode | by_misspelt_street} == {"DG-0001"}


def test_identifier_candidates_ignore_common_words(smith_case) -> None:
    index = an_index(smith_case, a_case("DG-0002", protected=a_party(identifiers=["Hillside Primary School"])))

    found = index.parties_for_identifier(normalise_identifier("St Mary's Primery School"))

    assert {index.party(n).ref.case_reference for n in found} == {"DG-0001"}


def test_unparseable_register_values_are_skipped_not_fatal() -> None:
    index = an_index(a_case(protected=a_party(names=["  "], emails=["none"], phones=["n/a"], dates_of_birth=["unknown"])))

    assert index.party(0).names == () and index.party(0).emails == ()
    assert index.party(0).phones == () and index.party(0).dates_of_birth == ()


def test_roles_come_from_the_case(smith_case) -> None:
    index = an_index(smith_case)

    assert [index.party(n).ref.role for n in (0, 1)] == [PartyRole.PROTECTED, PartyRole.RESTRICTED]


def test_two_words_run_together_as_a_surname_need_a_forename_besides() -> None:
    index = an_index(a_case(protected=a_party(names=["Jane Smith-Jones"])))

    assert index.parties_for_name(normalise_name("Smith Jones")) == set()
    assert index.parties_for_name(normalise_name("Jane Smith Jones")) == {0}


def _fetched(index: RegisterIndex, text: str) -> set[str]:
    return {index.party(n).ref.case_reference for n in index.parties_for_address(parse_address(text))}


def test_a_named_house_is_fetched_by_its_name_not_by_its_whole_street() -> None:
    street = [a_case(f"DG-1{i:03}", protected=a_party(addresses=[f"{i} Mill Lane, Ashby LE65 2AB"])) for i in range(30)]
    cottage = a_case("DG-0001", protected=a_party(addresses=["Rose Cottage, Mill Lane, Ashby LE65 2AB"]))
    lone = a_case("DG-0002", protected=a_party(addresses=["Ivy Cottage, Ashby"]))
    block = a_case("DG-0003", protected=a_party(addresses=["Flat 3, Beech Court, 4 Park Lane, Leeds LS1 4AB"]))
    index = an_index(*street, cottage, lone, block)

    # A postcode one character out still finds the house by name; the neighbours stay out.
    assert _fetched(index, "Rose Cottage, Mill Lane, Ashby LE65 2AD") == {"DG-0001"}
    # Filed without a street, a house is found by its name and place.
    assert _fetched(index, "Ivy Cottage, Mill Lane, Ashby LE65 2AB") >= {"DG-0002"}
    # A block named without its number.
    assert "DG-0003" in _fetched(index, "Flat 3, Beech Court, Park Lane, Leeds LS1 4AD")
    # Without a postcode, a street is all there is to go on (the house name may be misspelt).
    assert "DG-0001" in _fetched(index, "Rose Cotage, Mill Lane, Ashby")


def test_a_numbered_address_fetches_no_neighbour_at_its_postcode() -> None:
    street = [a_case(f"DG-1{i:03}", protected=a_party(addresses=[f"{i} Elm Road, Leeds LS6 2AB"])) for i in range(1, 16)]
    no_house = a_case("DG-0001", protected=a_party(addresses=["Elm Road, Leeds LS6 2AB"]))
    index = an_index(*street, no_house)

    # Her house, and an entry at the postcode that names no house (her street and postcode
    # are a partial disclosure); the fourteen other houses are neighbours.
    assert _fetched(index, "12 Elm Road, Leeds LS6 2AB") == {"DG-1012", "DG-0001"}
    assert _fetched(index, "12 Elmm Raod, LS6 2AD") >= {"DG-1012"}  # street and postcode mistyped
    assert len(_fetched(index, "Elm Road, Leeds LS6 2AB")) == 16  # no house: everyone there


def test_a_street_that_lost_a_consonant_is_fetched_by_its_first_letter_type_house_and_town() -> None:
    hers = a_case("DG-0001", protected=a_party(addresses=["167 Birch Terrace, Cardiff CF5 1AB"]))
    elsewhere = a_case("DG-0002", protected=a_party(addresses=["167 Birch Terrace, Leeds LS6 1AB"]))
    other_street = a_case("DG-0003", protected=a_party(addresses=["167 Larch Terrace, Cardiff CF5 1AD"]))
    index = an_index(hers, elsewhere, other_street)

    # "Birh" no longer sounds like "Birch"; the town, misspelt or not, keeps the key narrow.
    assert _fetched(index, "167, Birh Tce, Cardiff") == {"DG-0001"}
    assert _fetched(index, "167, Birh Tce, Cardif") == {"DG-0001"}


def test_a_named_and_numbered_house_is_fetched_by_its_name_and_number_in_its_town() -> None:
    hers = a_case("DG-0001", protected=a_party(addresses=["The Coach House, 73 School Road, Hull HU5 4NE"]))
    index = an_index(hers)

    # The street type mistyped: her house's name and number still find her.
    assert _fetched(index, "Coach House, 73 School Lane, Hull") == {"DG-0001"}


def test_her_flat_in_her_named_block_is_found_in_another_town() -> None:
    case = a_case("DG-0031", protected=a_party(addresses=["Flat 53, The Sidings, Station Road, Stockbridge SO20 2UH"]))
    index = an_index(case)
    assert index.parties_for_address(parse_address("Flat 53 Sidings, Station Rd, Andover")) == {0}
    assert index.parties_for_address(parse_address("Flat 54 Sidings, Station Rd, Andover")) == set()


def test_her_street_written_without_its_type_is_fetched_by_its_name_house_and_town() -> None:
    hers = a_case("DG-0001", protected=a_party(addresses=["Flat 15, 10 Westfield Avenue, Cardiff CF14 2QE"]))
    elsewhere = a_case("DG-0002", protected=a_party(addresses=["10 Westfield Avenue, Leeds LS6 1AB"]))
    index = an_index(hers, elsewhere)

    assert _fetched(index, "10 Westfield, Cardiff") == {"DG-0001"}
    assert _fetched(index, "10 Westfeild, Cardiff") == {"DG-0001"}  # as it sounds
    assert _fetched(index, "10 Westfield") == set()  # no town: every Westfield in the country
