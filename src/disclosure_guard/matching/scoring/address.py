"""Score a submitted address against a register address, component by component.

The question is "does this text point at her dwelling?", so the rules separate the dwelling
from its neighbours rather than measure string distance:

    same dwelling (number or house name agrees, and postcode agrees)       0.92 - 1.00  strong
    same dwelling, postcode missing, street agrees and town agrees          0.94 - 0.95  strong
    same dwelling, postcode one character out, street agrees                0.94 - 0.95  strong
    house name + village, no street or postcode ("Rose Cottage, Ashby")     0.90         strong
    a number range containing the number ("12-14" for "12")                 0.05 less
    number + street with neither town nor postcode ("12 Elm Road")          0.80         weak
    number + street, postcode a little out (a third or less) in the same town  0.78      weak
    number + postcode agree but the street clearly differs                  0.80         weak
    postcode + street, no number (a partial disclosure)                     0.82         weak
    postcode alone                                                          0.80         weak
    street + town, no number and no postcode                                0.76         weak
    street + town with a postcode that is not hers (another stretch)         0.00
    a named house where she lives at a number with no house name, and a
        postcode that is not exactly hers ("The Laurels, Elm Road" for 12 Elm Road)  0.00
    the register has a flat and the text does not                            capped 0.82  weak
    the text adds a flat or floor to the whole house she is registered at
        ("First Floor Flat, 139 Cedar Ave" for 139 Cedar Avenue)             as without it
    a unit or flat on a street with no house numbers ("Unit 5, Riverside Park"),
        the unit agreeing, as a numbered house
    a flat and her building's name, shortened or without its "Court" or
        "The", with her postcode and no street ("Flat 53, The Sidings SO20 2UH")  0.92 - 1.00  strong
    the same with neither postcode, street nor town ("flat 53 the sidings")  0.78         weak
    number differs, or both name a flat and the flats differ, or both name
    a house and the names differ, with or without the same number (a
    neighbour: "The Beeches, 37 Booth Place" for Greystones, 37 Booth Place) 0.00  different dwelling
    the text gives a number where she lives in a named house without one
    ("1 Mill Lane" for "Rose Cottage, Mill Lane"), unless it names the house  0.00  different dwelling
    number + street agree but the town is another post town (one her postcode
        area does not have; a list of UK post towns)                        0.00
    number + street agree, no postcode, and a place that is no post town
        ("167 Birchterrace, Roath" for Cardiff: a district of hers)         as with no town: 0.80  weak
    a dwelling whose postcode is half or more different (another place)     0.00  different dwelling
    another street type ("Elm Way" for "Elm Walk"): the street does not agree
    names of the same type further apart than a slip ("Beech Terrace" for Birch Terrace): another street,
    but her house's name and number vouch for a slipped type ("Coach House, 73 School Lane, Hull"
    for The Coach House, 73 School Road, Hull)
    a number on another street, where her entry names no number or house    0.00  different dwelling
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, JaroWinkler

from disclosure_guard.matching.normalise.address import (
    BUILDING_KINDS,
    AddressComponents,
    street_name_of,
    street_type_of,
)
from disclosure_guard.matching.normalise.address_towns import names_another_post_town

STREET_AGREES = 0.85
STREET_NAME_AGREES = 0.75  # the street's name without its type
FLAT_IN_HER_BLOCK_ELSEWHERE = 0.78
POSTCODE_TYPO = 0.8  # one character wrong in a six- or seven-character postcode
ANOTHER_POSTCODE = 0.5  # three characters or more wrong in six: another postcode
HOUSE_NAME_AGREES = 0.85
OTHER_STREET_TYPE = 0.6  # same name, another type: below STREET_AGREES
TYPE_LEFT_OFF_SCORE = 0.8  # her number on her street's name, no type: weak, as another type may be meant
TYPE_LEFT_OFF_NAME_AGREES = 0.88  # "Westfeld" for Westfield: a slip; "Westfields" too
TOWN_AGREES = 0.9
# Her flat missing from the text: it names the building she lives in, perhaps not her door.
# The other way round (a flat in the text, none in her entry) the text is more exact than the
# register: her entry is the whole house, so any flat in it is behind her front door.
ONE_SIDED_FLAT_CAP = 0.82
# "Kingsley" and "Kingsley Ct" are her "Kingsley Court"; "Kingsley House" is another block.
BUILDING_KIND_ABBREVIATIONS = {
    "ct": "court", "crt": "court", "ho": "house", "hse": "house", "cott": "cottage", "bldgs": "buildings",
    "bldg": "buildings", "apts": "apartments", "mans": "mansions", "twr": "tower", "hts": "heights",
    "gdns": "gardens", "lo": "lodge", "fm": "farm",
}  # fmt: skip
ANOTHER_KIND_OF_BUILDING = 0.6
SHORTENED_HOUSE_NAME = 0.9


@dataclass(frozen=True)
class AddressScore:
    score: float
    components: dict[str, float]
    # True when a component proves another dwelling (a neighbour), not merely a weak likeness.
    different_dwelling: bool = False


def score_address(found: AddressComponents, registered: AddressComponents) -> AddressScore:
    if found.number != registered.number and _plain(found.number) and _plain(registered.number):
        # The commonest candidate at a large register's postcode: the house next door.
        return _NEIGHBOURING_NUMBER
    postcode = _postcode_similarity(found.postcode, registered.postcode)
    number = _number_similarity(found.number, registered.number)
    house_name = None
    if found.number is None and (registered.number is None or found.building_name and registered.building_name):
        # Her house or block by name ("Beech Court, Park Lane" for "Flat 3, Beech Court, 4 Park
        # Lane"): the name picks out the dwelling even where her entry also has a number.
        house_name = _house_name_similarity(found.building_name, registered.building_name)
    elif found.number is not None and registered.number is None and registered.building_name:
        # A numbered house on her lane is a neighbour of her named one, unless the text names
        # her house too ("Rose Cottage, 4 Mill Lane").
        house_name = _house_name_similarity(found.building_name, registered.building_name) or 0.0
        number = None
    # With her number on her street, another house name is still her house: the number is what
    # finds the door ("The Beeches, 37 Booth Place" where she is at "Greystones, 37 Booth
    # Place" tells whoever reads it to knock at 37). A wrong name is a slip, not a neighbour.
    flat = _flat_similarity(found.sub_building, registered.sub_building)
    dwelling_components = {"postcode": postcode, "number": number, "building_name": house_name, "sub_building": flat}
    # Neighbours are told apart first, before the dearer street and town comparisons: most
    # candidates at a large register's postcode or house number are neighbours.
    if (
        number == 0.0
        or house_name is not None and house_name < HOUSE_NAME_AGREES
        or flat == 0.0 and found.sub_building and registered.sub_building
    ):
        return AddressScore(0.0, _rounded(dwelling_components), different_dwelling=True)
    if postcode is not None and postcode <= ANOTHER_POSTCODE and found.has_dwelling:
        # Half the postcode or more is different: not a slip of the pen but another place,
        # whatever the street is called ("41 Poplar Mews, Clifton, York YO18" for Bristol BS8).
        return AddressScore(0.0, _rounded(dwelling_components), different_dwelling=True)
    if (
        found.number is None
        and house_name is None
        and postcode != 1.0
        and (found.building_name is not None or postcode is not None and postcode < POSTCODE_TYPO)
    ):
        # No house of hers named, and a postcode that is not hers: whatever the street, this is
        # about other households (the partial rules below would say 0 after comparing the
        # streets). A text that names a house we cannot compare with hers (she lives at a
        # number) speaks about that house: it discloses her street only with her postcode.
        return _OTHER_HOUSEHOLDS
    street = _street_similarity(found.street, registered.street)
    if (
        number == 1.0
        and street is not None
        and street < STREET_AGREES
        and (_house_name_similarity(found.building_name, registered.building_name) or 0.0) >= HOUSE_NAME_AGREES
    ):
        # "Coach House, 73 School Lane" for The Coach House, 73 School Road: her house's name
        # and number vouch for a street whose type was slipped.
        street = max(street, _street_name_similarity(found.street, registered.street))
    place = _place_similarity(found.places, registered.places)
    type_left_off = (
        number == 1.0 and street is not None and street < STREET_AGREES
        and _type_left_off(found.street, registered.street)
        and (postcode is not None and postcode >= POSTCODE_TYPO or place is not None and place >= TOWN_AGREES)
    )
    if place == 0.0 and postcode is None and not names_another_post_town(found, registered):
        # "167 Birchterrace, Roath" for 167 Birch Terrace, Cardiff CF24 3JU: a place that is no
        # other post town is a district of hers, which people write for the town. It neither
        # confirms nor contradicts: read as if no town were written.
        place = None
    components = _rounded({**dwelling_components, "street": street, "town": place})
    if found.number is not None and not registered.has_dwelling and street is not None and street < 0.5:
        # A numbered house on another street than the one her entry names: her entry was read
        # without a dwelling ("Fern Bank, Church Way" reads as a street called Fern Bank).
        return AddressScore(0.0, components, different_dwelling=True)

    dwelling = number if number is not None else house_name
    if dwelling is None and flat == 1.0 and not found.has_dwelling and not registered.has_dwelling:
        # "Unit 5, Riverside Park": on a street of units with no house numbers, the unit is
        # the dwelling.
        dwelling = 1.0
    if dwelling is None:
        score = _partial_score(postcode, street, place)
    else:
        flat_in_her_block = number is None and flat == 1.0 and house_name is not None and house_name >= HOUSE_NAME_AGREES
        score = _dwelling_score(postcode, street, place, by_house_name=number is None, flat_in_block=flat_in_her_block)
        # A number range or a misspelt house name is a little less certain than an exact one.
        score = max(0.0, score - (1.0 - dwelling) * 0.5) if score else 0.0
    if flat == 0.0 and registered.sub_building:
        score = min(score, ONE_SIDED_FLAT_CAP)
    if type_left_off and score < TYPE_LEFT_OFF_SCORE:
        # "10 Westfield, Cardiff" for 10 Westfield Avenue: her number on a street of her
        # street's name in her town. The town may have a Westfield Road too, so it is a partial
        # match (held for a reviewer, not blocked), never nothing.
        score = TYPE_LEFT_OFF_SCORE
    return AddressScore(round(score, 3), components)


_NEIGHBOURING_NUMBER = AddressScore(0.0, {"number": 0.0}, different_dwelling=True)
_OTHER_HOUSEHOLDS = AddressScore(0.0, {})


def _plain(number: str | None) -> bool:
    """A single house number, not a range ("12-14"), which may contain another."""
    return number is not None and "-" not in number


def _rounded(components: dict[str, float | None]) -> dict[str, float]:
    return {name: round(value, 3) for name, value in components.items() if value is not None}


def _dwelling_score(
    postcode: float | None, street: float | None, place: float | None, by_house_name: bool,
    flat_in_block: bool = False,
) -> float:
    if postcode == 1.0:
        if street is not None and street < 0.5:
            # One postcode can span two streets: "12" on another street is another house.
            return 0.8
        return 0.92 + 0.08 * (1.0 if street is None else street)
    if street is not None and street >= STREET_AGREES:
        if place == 0.0 and (postcode is None or postcode < POSTCODE_TYPO):
            # A street of her name in another town. With her postcode but for a slip, the
            # place is a locality her entry leaves out ("East Jamie" for Georgefort SR5 6WB).
            # Her flat in her named block on her street is too particular for that: the other
            # town is most likely a nearby post town ("Flat 53 Sidings, Station Rd, Andover"
            # for Stockbridge), a partial match that holds, and blocks to her abuser.
            return FLAT_IN_HER_BLOCK_ELSEWHERE if flat_in_block and postcode is None else 0.0
        if postcode is not None:
            return 0.88 + 0.07 * street if postcode >= POSTCODE_TYPO else 0.78
        if place == 1.0 or place is not None and place >= TOWN_AGREES:
            return 0.88 + 0.07 * street
        return 0.8
    if street is None and postcode is None and by_house_name and place is not None and place >= TOWN_AGREES:
        # Rural addresses are a house name and a village: "Rose Cottage, Ashby".
        return 0.9
    if street is None and postcode is None and flat_in_block and place is None:
        # Her flat in her named block and nothing else ("flat 53 the sidings"): too particular
        # to pass, too bare to be sure of (another town may have its Sidings): a partial match.
        return FLAT_IN_HER_BLOCK_ELSEWHERE
    if street is None and postcode is not None and postcode >= POSTCODE_TYPO:
        return 0.8
    return 0.0


def _partial_score(postcode: float | None, street: float | None, place: float | None) -> float:
    # A postcode covers about fifteen households and a street a few dozen: both narrow the
    # search for her, so they are reported, but weakly.
    street_agrees = street is not None and street >= STREET_AGREES
    if postcode == 1.0:
        return 0.82 if street_agrees else 0.8
    if postcode is not None and postcode < POSTCODE_TYPO:
        # Her street with another postcode than hers is another stretch of it: the text is
        # about other households ("Elm Road, LS6 4XY" where she is at LS6 2AB).
        return 0.0
    if street_agrees and place is not None and place >= TOWN_AGREES:
        return 0.76
    return 0.0


def _postcode_similarity(found: str | None, registered: str | None) -> float | None:
    if found is None or registered is None:
        return None
    if found == registered:
        return 1.0
    return OSA.normalized_similarity(found.replace(" ", ""), registered.replace(" ", ""))


def _number_similarity(found: str | None, registered: str | None) -> float | None:
    if found is None or registered is None:
        return None
    if found == registered:
        return 1.0
    # "12-14" covers 12, 13 and 14; "12a" is a separate house from "12".
    found_range, registered_range = _number_range(found), _number_range(registered)
    if found_range and registered_range:
        low = max(found_range[0], registered_range[0])
        high = min(found_range[1], registered_range[1])
        if low <= high and (found_range[0] != found_range[1] or registered_range[0] != registered_range[1]):
            return 0.9
    return 0.0


def _number_range(number: str) -> tuple[int, int] | None:
    low, _, high = number.partition("-")
    if not low.isdigit() or not (high or low).isdigit():
        return None
    return int(low), int(high or low)


def _street_similarity(found: str | None, registered: str | None) -> float | None:
    if found is None or registered is None:
        return None
    if found == registered:
        return 1.0
    found_type, registered_type = street_type_of(found), street_type_of(registered)
    if found_type and registered_type and found_type != registered_type:
        # "Wellington Way" and "Wellington Walk" are two streets, not a typo: the parser has
        # already corrected misspelt types ("Raod").
        return min(fuzz.ratio(found, registered) / 100, OTHER_STREET_TYPE)
    best = fuzz.ratio(found, registered) / 100
    found_words, registered_words = found.split(), registered.split()
    # A street read without its end ("elm road headingley leeds") still starts with the street.
    if len(found_words) > len(registered_words):
        best = max(best, fuzz.ratio(" ".join(found_words[: len(registered_words)]), registered) / 100)
    if found_type and found_type == registered_type and best >= STREET_AGREES:
        # The type agreeing makes any two names look alike ("Beech Terrace", "Birch Terrace"):
        # the names themselves must be a slip of the pen apart ("Birh", "Birch").
        names = fuzz.ratio(found.rsplit(" ", 1)[0], registered.rsplit(" ", 1)[0]) / 100
        if names < STREET_NAME_AGREES:
            return names
    return best


def _street_name_similarity(found: str | None, registered: str | None) -> float:
    """The streets' names without their types ("school" for "School Lane")."""
    if not found or not registered or " " not in found or " " not in registered:
        return 0.0
    return fuzz.ratio(found.rsplit(" ", 1)[0], registered.rsplit(" ", 1)[0]) / 100


def _type_left_off(found: str | None, registered: str | None) -> bool:
    """The found street is the registered one's name, or a slip from it, without a type."""
    name = street_name_of(registered)
    if not found or name is None or street_type_of(found) is not None:
        return False
    return fuzz.ratio(found, name) / 100 >= TYPE_LEFT_OFF_NAME_AGREES


def _place_similarity(found: frozenset[str], registered: frozenset[str]) -> float | None:
    if not found or not registered:
        return None
    if found & registered:
        return 1.0
    best = max(JaroWinkler.normalized_similarity(a, b) for a in found for b in registered)
    return best if best >= TOWN_AGREES else 0.0


def _house_name_similarity(found: str | None, registered: str | None) -> float | None:
    if found is None or registered is None:
        return None
    if set(registered.split()) <= set(found.split()):
        return 1.0
    found_words, registered_words = _building_words(found), _building_words(registered)
    if found_words == registered_words:
        return 1.0
    if found_words and registered_words[: len(found_words)] == found_words and found_words[0] not in BUILDING_KINDS:
        # "Meadow" for "Meadow View", "Pear Tree" for "Pear Tree Cottage": her name, cut short.
        return SHORTENED_HOUSE_NAME
    found_name = [w for w in found_words if w not in BUILDING_KINDS]
    registered_name = [w for w in registered_words if w not in BUILDING_KINDS]
    if not (found_name and registered_name):
        return fuzz.ratio(" ".join(found_words), " ".join(registered_words)) / 100
    similarity = fuzz.ratio(" ".join(found_name), " ".join(registered_name)) / 100
    found_kind = set(found_words) - set(found_name)
    registered_kind = set(registered_words) - set(registered_name)
    if found_kind and registered_kind and found_kind != registered_kind:
        # "Kingsley House" beside "Kingsley Court": two blocks, often on one street.
        return min(similarity, ANOTHER_KIND_OF_BUILDING)
    # "Kingsley" or "Kingsley Ct" for "Kingsley Court": the name, shortened.
    return similarity




def _building_words(name: str) -> list[str]:
    return [BUILDING_KIND_ABBREVIATIONS.get(w, w) for w in name.split() if w != "the"]


def _flat_similarity(found: str | None, registered: str | None) -> float | None:
    """1.0 same flat; 0.0 different flats or a flat on one side only; None when neither names one."""
    if found is None and registered is None:
        return None
    return 1.0 if found == registered else 0.0
