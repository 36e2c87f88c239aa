from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from disclosure_guard.extraction.recognizers import AddressRecognizer, PostcodeRecognizer
from disclosure_guard.types import SpanKind
from tests.extraction.offsets import span_texts

FOUND = [
    # A house's name holding a word that ends a place elsewhere; a street type misspelt as a name.
    ("she is now at The Old School House, Station Terrance, Duffymouth.",
     "The Old School House, Station Terrance, Duffymouth"),
    ("he lives at Court Farm, Ashby.", "Court Farm, Ashby"),
    ("Ms Jane Doe\nFlat 3\n12 Elm Road\nHeadingley\nLeeds\nLS6 2AB",
     "Flat 3\n12 Elm Road\nHeadingley\nLeeds\nLS6 2AB"),
    ("she has moved to 12 Elm Rd, Headingley", "12 Elm Rd, Headingley"),
    ("at 45 Victoria Street, Bristol BS1 6AA.", "45 Victoria Street, Bristol BS1 6AA"),
    ("Address: Willowbank, Ashby", "Willowbank, Ashby"),
    ("Property: 7 Mill Court, York", "7 Mill Court, York"),
    ("Flat 3, 12 Elm Road", "Flat 3, 12 Elm Road"),
    ("she lives in Flat C, Ivy House, Leeds", "Flat C, Ivy House, Leeds"),
    ("3/12 Elm Road", "3/12 Elm Road"),
    ("Apartment 27, Beech Court, 4 Park Lane", "Apartment 27, Beech Court, 4 Park Lane"),
    ("Rose Cottage, Mill Lane, Ashby", "Rose Cottage, Mill Lane, Ashby"),
    ("12-14 High Street", "12-14 High Street"),
    ("12A Elm Road", "12A Elm Road"),
    ("12 ELM ROAD LEEDS LS6 2AB", "12 ELM ROAD LEEDS LS6 2AB"),
    ("12 Elm Road Leeds LS6 2AB", "12 Elm Road Leeds LS6 2AB"),
    ("12 elm road, leeds", "12 elm road"),
    ("Mrs A Khan\nWillowbank\nMill Lane\nAshby\nLE65 1AB", "Willowbank\nMill Lane\nAshby\nLE65 1AB"),
    ("12 Highfield, Leeds LS6 2AB", "12 Highfield, Leeds LS6 2AB"),
    ("12, Elm Road, Leeds, LS6 2AB", "12, Elm Road, Leeds, LS6 2AB"),
    ("Ground Floor Flat, 9 St Mary's Road, Cardiff", "Ground Floor Flat, 9 St Mary's Road, Cardiff"),
    ("she moved to Mill Lane last year", "Mill Lane"),
    ("she's now at 24 moorgate, erdington, birmingham, b10 8ra with the kids",
     "24 moorgate, erdington, birmingham, b10 8ra"),
    ("at the granary, highfields, leicester, le5 2lq.", "the granary, highfields, leicester, le5 2lq"),
    ("Ms A Khan\nTy Gwyn\nSwansea SA5 2ZU", "Ty Gwyn\nSwansea SA5 2ZU"),
    ("RUI FERREIRA\nWILLOWBANK\nKINGSWAY\nGORGIE\nEDINBURGH\nEH11 2AF",
     "WILLOWBANK\nKINGSWAY\nGORGIE\nEDINBURGH\nEH11 2AF"),
    ("MS A KHAN\n22, LOWER MILL ROW\nLUTON\nTYNE AND WEAR LU4 5SA",
     "22, LOWER MILL ROW\nLUTON\nTYNE AND WEAR LU4 5SA"),
    ("Apartment 6, Ivy House, 31 Prince of Wales View, Belfast, BT7 8AB",
     "Apartment 6, Ivy House, 31 Prince of Wales View, Belfast, BT7 8AB"),
    ("Home address: Apartment G, Victoria Mansions\n32 Shakespeare Street\nMiddlesbrough\nTS5 3WD",
     "Apartment G, Victoria Mansions\n32 Shakespeare Street\nMiddlesbrough\nTS5 3WD"),
    ("he lives at Willowbank, Heaton, Newcastle upon Tyne.", "Willowbank, Heaton, Newcastle upon Tyne"),
    ("We wrote to you at Church Barn, Hillside, St Pauls, Bristol but it was returned.",
     "Church Barn, Hillside, St Pauls, Bristol"),
    ("The keys for Ty Gwyn, Liverpool, L4 3DT are ready.", "Ty Gwyn, Liverpool, L4 3DT"),
    ("Summary: she fled The Granary, Partick, Glasgow on 20/12/25.", "The Granary, Partick, Glasgow"),
    ("the locks at flat 1b, 35 clarendon close, milton keynes have been changed",
     "flat 1b, 35 clarendon close"),
    ("I write about 12, Albert Squaare, Liverpool and the repairs.", "12, Albert Squaare, Liverpool"),
    ("The Coach House, 73, Schoolroad, Hull", "The Coach House, 73, Schoolroad, Hull"),
    ("Flat 53, The Sidings SO20 2UH", "Flat 53, The Sidings SO20 2UH"),
    ("First Floor Flat, 139, Cedar Ave, Wigan WN6 9YZ", "First Floor Flat, 139, Cedar Ave, Wigan WN6 9YZ"),
    ("Flat 4, Kingsley Ct, 20 Mill Lane", "Flat 4, Kingsley Ct, 20 Mill Lane"),
    ("Flat 4, Kingsley, 20 Mill Lane, Leeds", "Flat 4, Kingsley, 20 Mill Lane, Leeds"),
    ("The Stables, Highfield, Bristol BS29 2EF", "The Stables, Highfield, Bristol BS29 2EF"),
    ("Court bundle\n108, Rowan Plaace, Didsbury, Liverpool L12\n5AH\nfor the hearing",
     "108, Rowan Plaace, Didsbury, Liverpool L12\n5AH"),
    ("She rents flat 2/1, 14 Kelvin Street, Glasgow", "flat 2/1, 14 Kelvin Street, Glasgow"),
    ("She rents 2/1, 14 Kelvin Street, Glasgow", "2/1, 14 Kelvin Street, Glasgow"),
    ("Ioana is at 2/1 14 Garnett Street G3.", "2/1 14 Garnett Street"),
    ("Unit 5, Riverside Park, Hull HU1 2AB", "Unit 5, Riverside Park, Hull HU1 2AB"),
    ("She lives at number 14 on Holloway Gate in Wolverhampton.",
     "number 14 on Holloway Gate in Wolverhampton"),
    ("90 Cook Wakl, North Raymondton", "90 Cook Wakl, North Raymondton"),
    ("She now lives at 24 Cunningham Dirve East Jordanside.", "24 Cunningham Dirve"),
    ("We confirm she lives at 56 Ashgrove Crescent\nSharonburgh\nJaynetown. Please update your records.",
     "56 Ashgrove Crescent\nSharonburgh\nJaynetown"),
    ("The keys for Flat 7\n80 Janice Drive\nGrahamville\nCO13 4WF are ready.",
     "Flat 7\n80 Janice Drive\nGrahamville\nCO13 4WF"),
    ("She now lives at Flat C\n83 Ashgrove View\nGrahamside\nEX8 7AB. Please update your records.",
     "Flat C\n83 Ashgrove View\nGrahamside\nEX8 7AB"),
    ("The property at Flat 34 83 Holly Terrace Port Leonardburgh NE13 7WU has been inspected.",
     "Flat 34 83 Holly Terrace Port Leonardburgh NE13 7WU"),
    ("The property at The Beeches, 37 Booth Place, West Tonymouth SE14 6PX has been inspected.",
     "The Beeches, 37 Booth Place, West Tonymouth SE14 6PX"),
    ("22 Parkside Park, The Old Forge, East Jane, North Gavinshire",
     "22 Parkside Park, The Old Forge, East Jane, North Gavinshire"),
    ("She now lives at Flat 54, 138 Humphreys Cl, Smithmouth MLS 7PE. Please update",
     "Flat 54, 138 Humphreys Cl, Smithmouth MLS 7PE"),
    ("Mrs Bishakha Rana\nWoodside\n36 Moore Square\nCoatesshire\nAB5 9FA",
     "Woodside\n36 Moore Square\nCoatesshire\nAB5 9FA"),
    ("Home address: Tanglewood\n18 Leigh Walk\nLeeds\nLS6 2AB", "Tanglewood\n18 Leigh Walk\nLeeds\nLS6 2AB"),
    ("Your new address, Westwinds, 196 Fry Rd., Hannahside, M12 6LR, will be held",
     "Westwinds, 196 Fry Rd., Hannahside, M12 6LR"),
    ("she is at woodside, 225 kennedy cresc, brownchester, ls1 8nh and",
     "woodside, 225 kennedy cresc, brownchester, ls1 8nh"),
    ("Jane Doe\n18 Leigh Walk\nLeeds LS6 2AB", "18 Leigh Walk\nLeeds LS6 2AB"),
    ("Dear Sarah, 12 Elm Road is ready.", "12 Elm Road"),
    ("the locks at 14 Brian Club, New Justinhaven have been changed", "14 Brian Club, New Justinhaven"),
    ("She asked that it is not shared; he lives at 200 Elliot.", "200 Elliot"),
    ("Unit 28, Dean Mansions, 39 Norman, North Christopherside",
     "Unit 28, Dean Mansions, 39 Norman, North Christopherside"),
    ("Mr G Thornton\n4/27-29 Marie Crescent\nTomhaven\nNE19 3PB", "4/27-29 Marie Crescent\nTomhaven\nNE19 3PB"),
    ("Ms Kolade fled Yates Farmhouse New Nicola on 9 February.", "Yates Farmhouse New Nicola"),
    ("Condition 2: not to enter Westfield Avenue, Llandaff North, Cardiff.",
     "Westfield Avenue, Llandaff North, Cardiff"),
    ("Her mum lives on Wellington St, Burnley, about number 30.", "Wellington St, Burnley"),
    ("Lives at 22 Clive St Grangetown with his partner.", "22 Clive St Grangetown"),
    ("31 Mayfield Road (Flat B), Moseley, B13 9HS", "31 Mayfield Road (Flat B), Moseley, B13 9HS"),
    ("Caravan 14, Sandy Bay Holiday Park, Exmouth EX8 5BU", "Caravan 14, Sandy Bay Holiday Park, Exmouth EX8 5BU"),
    ("officers attended 27 st. margarets rd twickenham following a 999 call", "27 st. margarets rd twickenham"),
    ("the old house at 139 ceder avenue wigan", "139 ceder avenue wigan"),
    ("flat15 10westfield ave llandaff nth", "flat15 10westfield ave llandaff nth"),
    ("She has moved to 12Elm Road, Leeds with the children.", "12Elm Road, Leeds"),
    ("She has moved to Flat 3,12 Elm Road with the children.", "Flat 3,12 Elm Road"),
    ("The bill for Flat B,31 Mayfield Road, Moseley has moved.", "Flat B,31 Mayfield Road, Moseley"),
    ("flat 3 22 kingsway manchester m19 2lw", "flat 3 22 kingsway manchester m19 2lw"),
    ("the keys for apt 4b 18 moorgate are at the office", "apt 4b 18 moorgate"),
    ("Unit 12 5 Kingsway, Hull HU1 2AB", "Unit 12 5 Kingsway, Hull HU1 2AB"),
    ("the letters are going to flat 53 the sidings stockbridge now", "flat 53 the sidings stockbridge"),
    ("12 elm road yesterday.", "12 elm road"),
    ("she's now at 39 woodland, lorraineberg, jacksonton with the kids", "39 woodland, lorraineberg, jacksonton"),
    ("she's now at the old forge, hill terrace, west jacobmouth with the kids",
     "the old forge, hill terrace, west jacobmouth"),
    ("Prop address - 2 Ty Gwyn Cottages, Heol y Bont, Llandeilo SA19 6AA",
     "2 Ty Gwyn Cottages, Heol y Bont, Llandeilo SA19 6AA"),
    ("Mae hi'n byw yn 14 Heol y Bont, Llandeilo.", "14 Heol y Bont, Llandeilo"),
    ("Her address is Westfield Avenue 10, Cardiff", "Westfield Avenue 10, Cardiff"),
    ("Westfield Avenue 10/15, Cardiff", "Westfield Avenue 10/15, Cardiff"),
    # A named house and its places before a postcode, no commas: a copy list's flattened block.
    ("cc: Ms R Holloway, The Coach House Hull HU5, 4NE", "The Coach House Hull HU5, 4NE"),
    ("cc: Mr R Hale, Rose Cottage West Norman HP18 6TL", "Rose Cottage West Norman HP18 6TL"),
    ("discharged to Hudson Cottage Westfield East Henry UB1 3HP today", "Hudson Cottage Westfield East Henry UB1 3HP"),
    # A reply's wrapped line inside a street whose type is misspelt.
    ("> written to her at Tanglewood, 7, Payne\n> Cout, Lake Francescabury LA1 9RZ about it.",
     "Tanglewood, 7, Payne\n> Cout, Lake Francescabury LA1 9RZ"),
    ("the handover will be at Flat 15, 10 Westfield\n> Avnue, Cardiff on Saturday.",
     "Flat 15, 10 Westfield\n> Avnue, Cardiff"),
]
NOT_FOUND = [
    "See you at the O2 Arena on Friday.",
    "we met on 12 May",
    "a 5 minute walk",
    "walked 2 miles down the road",
    "Leeds City Council",
    "Leeds LS6 2AB",
    "In 2020, Elm Road was closed",
    "The bill came to 1,250 Elm Road residents",
    "a 3D Road model",
    "the hearing at Leeds Crown Court",
    "a 3 bedroom terrace",
    "Mrs Megan Green\nHealth Visitor",
    "there are 2 ways to pay",
    "Designated Safeguarding Lead\nPark View Community School",
    "see paragraph 12, Jane.",
    "Unit 3, Fractions",
    "The meeting is on 12 May, Leeds Crown Court.",
    "Discharged to the care of Ms Brenda Holt.",
    "The Designated Safeguarding Lead and the School Nursing Service have been informed.",
    "it was a 10am road closure",
    "the damp in flat 3 is worse",
    "flat 3 is 22 metres from the road",
    "born 4 11 92 in Hull",
]


@pytest.fixture(scope="module")
def addresses(patterns_dir: Path, postcodes: PostcodeRecognizer) -> AddressRecognizer:
    return AddressRecognizer(patterns_dir, postcodes)


@pytest.mark.parametrize(("text", "address"), FOUND)
def test_finds_address(addresses: AddressRecognizer, nlp: Language, text: str,
                       address: str) -> None:
    spans = addresses.analyze(text, nlp(text))
    assert span_texts(spans, text, SpanKind.ADDRESS) == [address]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_ignores_non_address(addresses: AddressRecognizer, nlp: Language, text: str) -> None:
    assert addresses.analyze(text, nlp(text)) == []


@pytest.mark.parametrize(("text", "address", "read"), [
    ("she moved to 12 Elm Ro-ad last week", "12 Elm Ro-ad", "12 Elm Road"),
    ("she moved to 12 Elm Ro-\nad last week", "12 Elm Ro-\nad", "12 Elm Road"),
    ("Please write to Fl-at 3, 9 Ash Cres-cent, Leeds LS6 2AB.", "Fl-at 3, 9 Ash Cres-cent, Leeds LS6 2AB",
     "Flat 3, 9 Ash Crescent, Leeds LS6 2AB"),
    ("Please write to Leeds LS-6 2-AB now.", "Leeds LS-6 2-AB", "Leeds LS6 2AB"),
    ("Please write to 12 Elm Road, Leeds LS6-2AB now.", "12 Elm Road, Leeds LS6-2AB", "12 Elm Road, Leeds LS62AB"),
    ("at 12 Elm Road, Stoke-\non-Trent ST4 2AB", "12 Elm Road, Stoke-\non-Trent ST4 2AB",
     "12 Elm Road, Stoke-on-Trent ST4 2AB"),
])
def test_a_word_broken_by_a_hyphen_is_read_whole(addresses: AddressRecognizer, nlp: Language, text: str,
                                                  address: str, read: str) -> None:
    """A soft hyphen as a PDF prints it, or a word hyphenated at a line end: the span points into
    the text as written and reads as the words whole, which is what the matchers compare."""
    spans = addresses.analyze(text, nlp(text))
    assert [(text[s.start:s.end], s.text, s.as_read) for s in spans] == [(address, address, read)]


@pytest.mark.parametrize(("text", "address", "read"), [
    ("Her new address is 139 Cedar\nAvenue, Wigan and she moved in May.", "139 Cedar\nAvenue, Wigan",
     "139 Cedar Avenue, Wigan"),
    ("Her new address is 139\nCedar Avenue, Wigan and she moved in May.", "139\nCedar Avenue, Wigan",
     "139 Cedar Avenue, Wigan"),
    ("> Her new address is 12 Albert\n> Square, Liverpool now.", "12 Albert\n> Square, Liverpool",
     "12 Albert Square, Liverpool"),
    (">> she is at The Coach House, 73\n>> School Road, Hull", "The Coach House, 73\n>> School Road, Hull",
     "The Coach House, 73 School Road, Hull"),
    ("Please write to her at Fl-\nat 15, 10 Westfield\nAvenue, Cardiff.",
     "Fl-\nat 15, 10 Westfield\nAvenue, Cardiff", "Flat 15, 10 Westfield Avenue, Cardiff"),
])
def test_a_sentence_wrapped_inside_a_street_reads_as_one_line(addresses: AddressRecognizer, nlp: Language,
                                                              text: str, address: str, read: str) -> None:
    """A PDF's lines, or a hard-wrapped email's (a reply's quote marks too), break a sentence
    wherever the line is full: inside a street the break reads as a blank."""
    spans = addresses.analyze(text, nlp(text))
    assert [(text[s.start:s.end], s.text, s.as_read) for s in spans] == [(address, address, read)]


@pytest.mark.parametrize(("text", "address", "read"), [
    ("She now lives at 1O Westfield Avenue, Cardiff.", "1O Westfield Avenue, Cardiff", "10 Westfield Avenue, Cardiff"),
    ("Flat 3, l2 Elm Road, Leeds", "Flat 3, l2 Elm Road, Leeds", "Flat 3, 12 Elm Road, Leeds"),
    ("cc: Mr X, 5O Mill\nGrove, Elliechester", "5O Mill\nGrove, Elliechester", "50 Mill Grove, Elliechester"),
    # Before a street run together, misspelt or without its type; after a street.
    ("cc: Mr G, l38 Orchardterrace, Mellorfurt, Taylormouth", "l38 Orchardterrace, Mellorfurt, Taylormouth",
     "138 Orchardterrace, Mellorfurt, Taylormouth"),
    ("visit at 4O Meadowbank, Norh Grace W2 4TY next week", "4O Meadowbank, Norh Grace W2 4TY",
     "40 Meadowbank, Norh Grace W2 4TY"),
    ("cc: Mr W, I11 School Terace, Lake Wayne", "I11 School Terace, Lake Wayne", "111 School Terace, Lake Wayne"),
    ("she is at Meadowbank Terrace 16O, West Jakestad DE11 2DS now", "Meadowbank Terrace 16O, West Jakestad DE11 2DS",
     "Meadowbank Terrace 160, West Jakestad DE11 2DS"),
])
def test_a_house_number_ocr_misread_reads_as_its_digits(addresses: AddressRecognizer, nlp: Language, text: str,
                                                        address: str, read: str) -> None:
    """A scanned letter's text layer: a letter O for a zero, an l or I for a one, before a street."""
    spans = addresses.analyze(text, nlp(text))
    assert [(s.text, s.as_read) for s in spans] == [(address, read)]


@pytest.mark.parametrize(("text", "address"), [
    ("Flat 15\nWestfield Avenue\nCardiff", "Flat 15\nWestfield Avenue\nCardiff"),
    ("PO Box 12\nMill Lane\nAshby", "Mill Lane\nAshby"),
    ("Rose Cottage\nPark Road\nAshby", "Rose Cottage\nPark Road\nAshby"),
    ("Willowbank\nAvenue House\n12 Mill Lane\nAshby", "Willowbank\nAvenue House\n12 Mill Lane\nAshby"),
])
def test_the_lines_of_an_address_block_stay_lines(addresses: AddressRecognizer, nlp: Language, text: str,
                                                  address: str) -> None:
    """A flat's or a box's number ends its line, and a street of two types or a building named
    for a type begins one: those line breaks are the block's, not a wrapped sentence's."""
    spans = addresses.analyze(text, nlp(text))
    assert [(s.text, s.as_read) for s in spans if s.kind is SpanKind.ADDRESS] == [(address, address)]


def test_works_without_a_doc(addresses: AddressRecognizer) -> None:
    text = "at 45 Victoria Street, Bristol BS1 6AA."
    assert span_texts(addresses.analyze(text), text) == ["45 Victoria Street, Bristol BS1 6AA"]


def test_two_addresses_in_one_letter_stay_apart(addresses: AddressRecognizer) -> None:
    text = "She left 12 Elm Road, Leeds LS6 2AB and now lives at Flat 3, 12 Elm Road."
    assert span_texts(addresses.analyze(text), text) == [
        "12 Elm Road, Leeds LS6 2AB", "Flat 3, 12 Elm Road"]


def test_label_with_the_address_on_the_lines_below(addresses: AddressRecognizer) -> None:
    text = "Address:\nFlat 3\n12 Elm Road\nLeeds\n\nDear Sir"
    assert span_texts(addresses.analyze(text), text) == ["Flat 3\n12 Elm Road\nLeeds"]


def test_a_postcode_ending_a_block_is_part_of_it(addresses: AddressRecognizer) -> None:
    text = "Jane Doe\n12 Elm Road\nLeeds\nLS6 2AB\n\n1 April 2024\n\nDear Jane,"
    (span,) = addresses.analyze(text)
    assert span.text == "12 Elm Road\nLeeds\nLS6 2AB"
    assert "postcode" in span.pattern


def test_a_label_block_ends_at_the_next_label(addresses: AddressRecognizer) -> None:
    text = "Address:\nFlat 3\n12 Elm Road\nLeeds\nTel: 0113 496 0000\nNext of kin: Jane Doe"
    assert span_texts(addresses.analyze(text), text) == ["Flat 3\n12 Elm Road\nLeeds"]


def test_lower_case_places_stop_at_prose(addresses: AddressRecognizer) -> None:
    text = "Your new address, Hillcrest, Coventry, will be held on a restricted record."
    assert span_texts(addresses.analyze(text), text) == ["Hillcrest, Coventry"]
