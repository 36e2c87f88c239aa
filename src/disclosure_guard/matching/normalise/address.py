"""Parse a UK postal address into components that can be compared one by one.

Examples it must handle (the tests use exactly these):
    "Flat 3, 12 Elm Road, Headingley, Leeds LS6 2AB"
    "3/12 Elm Road"                                  sub-building 3, number 12
    "Flat C, 12 Elm Road"                            sub-building "c"
    "Apt 3, 12 Elm Road"                             sub-building 3
    "Flat 03, 12 Elm Road"                           sub-building 3 (leading zero dropped)
    "Apartment 27, Beech Court, 4 Park Lane"         building "beech court", number 4, street "park lane"
    "Rose Cottage, Mill Lane, Ashby"                 building "rose cottage", no number, town "ashby"
    "Meadow View, Hill Grove, Bolton"                building "meadow view" (a type word opening a line
                                                     before another is a name), street "hill grove"
    "Meadow View, Orchard View, Bristol"             building "meadow view", street "orchard view"
    "Fern Bank, Windsor Street, Almondbury"          building "fern bank" (a line ending like a street
                                                     before a road), street "windsor street"
    "Fern Bank, Market Court, Heaton"                the same before a court or a square
    "Meadow View, Diana Laane, Barkerchester"       building "meadow view", street "diana lane"
                                                     (the next line ends in a misspelt type)
    "Elm Road, Hyde Park, Leeds"                     street "elm road", locality "hyde park"
    "12 Elm Road Headingley Leeds LS6 2AB"           commas missing
    "12 ELM RD\nHEADINGLEY\nLEEDS\nls62ab"           newlines, capitals, abbreviation, postcode unspaced
    "12-14 High St, Leeds"                           number range; St at the end is "street"
    "12a St John's Road, Leeds"                      suffix; St at the start is "saint"
    "12 Elm Raod, Leeds S014 2AB"                    misspelt street type; OCR 0 for O in the postcode
    "Ground Floor Flat, 12 Elm Road"                 sub-building "ground floor"
    "She now lives at 12 Elm Road, Leeds"            leading words land in building_name, which
                                                     the scorer ignores when both sides have a number
    "The Coach House, 73, Schoolroad, Hull"          words run together: street "school road"
    "108, Rowan Plaace, Didsbury, Liverpool L12\n5AH" misspelt type ("place"); a postcode wrapped
                                                     across two lines
    "number 14 on Holloway Gate in Wolverhampton"    as said in a sentence: number 14, street
                                                     "holloway gate", town "wolverhampton"
    "Flat 2/1, 14 Kelvin Street, Glasgow"            a Glasgow tenement flat (floor 2, door 1):
                                                     sub-building "2/1", number 14
    "2/1, 14 Kelvin Street"                          the same without "Flat": a slashed pair before
                                                     a house number is the flat
    "4/27-29 Marie Crescent"                         flat 4 in the range of numbers 27-29
    "flat 53 the sidings stockbridge"                building "the sidings", town "stockbridge"
    "flat15 10westfield ave llandaff nth"            spaces dropped: flat 15, number 10, street
                                                     "westfield avenue"
    "Flat 53, The Sidings SO20 2UH"                  a flat and its building with no street:
                                                     building "the sidings"
    "Flat 4, Kingsley Ct, Leeds"                     the same with a court: building "kingsley ct"
    "The Old Rectory BS13 2XG"                       a house by name and postcode: building
    "Top Floor Flat 12 Morgan Row"                   sub-building "top floor", number 12
    "43 Chapel Grove, Orchard House, Barkerburgh"    the house after its street: building
                                                     "orchard house", town "barkerburgh"
    "Westfield Avenue 10/15, Cardiff"                the number after the street (and the flat
                                                     after a slash), as much of Europe writes it:
                                                     sub-building 15, number 10
    "Flat fifteen, Ten Westfield Avenue"             numbers as words: sub-building 15, number 10
    "Flat 1, Fifteen, Woodland Way"                  number 15 (a number word alone before the street)
    "Hawthorne Mews 53 Port Emma"                    number 53, street "hawthorne mews", town "port emma"
    "Two Trees, Mill Lane"                           a number word naming a house: building "two trees"
    "Rose Cottage West Norman HP18 6TL"              a house by name, then places, no commas:
                                                     building "rose cottage", town "norman"
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from disclosure_guard.matching.normalise.postcode import normalise_postcode, read_postcode
from disclosure_guard.matching.normalise.transliterate import transliterate

STREET_TYPE_ABBREVIATIONS = {
    "rd": "road", "st": "street", "str": "street", "ave": "avenue", "av": "avenue",
    "cres": "crescent", "cresc": "crescent", "gdns": "gardens", "gdn": "gardens", "cl": "close",
    "dr": "drive", "drv": "drive", "ct": "court", "crt": "court", "pl": "place", "tce": "terrace",
    "terr": "terrace", "sq": "square", "ln": "lane", "gr": "grove", "gro": "grove", "gv": "grove",
    "pde": "parade", "wy": "way", "wk": "walk", "mws": "mews", "hts": "heights", "pk": "park",
    "grn": "green", "blvd": "boulevard", "app": "approach", "cswy": "causeway", "mt": "mount",
    "wlk": "walk", "prom": "promenade", "esp": "esplanade",
}  # fmt: skip
STREET_TYPES = frozenset(
    {
        "road", "street", "avenue", "crescent", "gardens", "close", "drive", "court", "place",
        "terrace", "square", "lane", "grove", "parade", "way", "walk", "row", "hill", "rise",
        "mews", "view", "green", "park", "heights", "vale", "gate", "wharf", "yard", "boulevard",
        "approach", "croft", "fold", "garth", "bank", "chase", "mount", "circus", "causeway",
        "wynd", "meadow", "meadows", "embankment", "quay", "passage", "crest", "dale", "glade",
    }
)  # fmt: skip
# Misspellings are corrected only towards these: shorter or rarer types ("hill", "vale") are
# one letter away from ordinary street names ("mill", "vane").
_CORRECTABLE_TYPES = (
    "road", "street", "avenue", "crescent", "gardens", "close", "drive", "terrace", "square",
    "grove", "parade", "lane", "place", "court",
)  # fmt: skip
# Shorter types, corrected only for letters swapped or added, which make no other word.
_SHORT_TYPES = ("way", "walk", "mews", "park", "rise", "view", "row", "green", "hill")
# A street type run into its name ("Schoolroad", "Churchlane") is split off when at least this
# many letters come before it; one-word streets ending in "way", "gate" or "side" ("Broadway",
# "Moorgate") are names of their own and are left whole.
_RUN_TOGETHER_MIN_NAME = 3
# Shorter types run into a name ("Moorsiderise", "Abbieway"). A one-word street that only
# looks so ("Kingsway", "Harrow") is split alike in the register and the text, so it still
# compares equal.
_RUN_TOGETHER_SHORT_TYPES = ("rise", "walk", "mews", "view", "green", "way", "row", "park", "hill")
# These name blocks of flats as often as streets: "Beech Court, 4 Park Lane".
_BUILDING_LIKE_TYPES = frozenset({"court", "heights", "mews", "view", "place"})
# Types of roads, squares and courts, which a district is not named with ("Hyde Park", "Brook
# Green" are): a line ending in one after a line that ends like a street is the street.
_THOROUGHFARE_TYPES = frozenset(
    {
        "road", "street", "avenue", "lane", "drive", "close", "crescent", "terrace", "grove", "way",
        "walk", "row", "place", "square", "court", "gardens", "mews", "parade",
    }
)  # fmt: skip
# What a building is ("Court", "House"), as against its name ("Kingsley").
BUILDING_KINDS = frozenset(
    {
        "house", "cottage", "cottages", "court", "lodge", "farm", "farmhouse", "mill", "barn", "barns",
        "hall", "manor", "villa", "villas", "mansions", "mansion", "buildings", "building", "tower",
        "towers", "heights", "chambers", "centre", "works", "grange", "rectory", "vicarage",
        "bungalow", "croft", "place", "point", "residence", "apartments", "flats", "block", "wharf",
        "quay", "gardens", "mews", "oast", "granary", "stables", "priory", "studios", "yard",
        "forge", "smithy", "bakery", "dairy", "maltings", "foundry", "brewery", "byre", "steading",
        "bothy", "boathouse", "gatehouse", "schoolhouse", "tollhouse", "almshouses", "parsonage",
        "manse", "presbytery", "school", "chapel", "church", "inn", "office", "station",
    }
)  # fmt: skip
_SUB_BUILDING_WORDS = frozenset(
    {"flat", "flt", "apartment", "apt", "unit", "suite", "room", "maisonette", "studio", "caravan", "chalet", "mooring", "berth"}
)
_FLOOR_WORDS = frozenset(
    {"ground", "first", "second", "third", "top", "basement", "lower", "upper", "floor", "1st", "2nd", "3rd"}
)
_STREET_PREFIXES = frozenset(
    {"saint", "st", "the", "old", "new", "great", "little", "upper", "lower", "north", "south", "east", "west"}
)
_LEADING_WORDS = frozenset({"at", "to", "in", "is", "lives", "living", "live", "moved", "address", "now", "on", "co"})
# Words that say nothing about which town: "Leeds, UK" and "London, UK" are different places.
_PLACE_NOISE = frozenset(
    {"uk", "gb", "united", "kingdom", "england", "scotland", "wales", "north", "south", "east", "west"}
)
_NUMBER = re.compile(r"^\d+[a-z]?(?:-\d+[a-z]?)?$")
_SUB_VALUE = re.compile(r"^(?:[a-z]|[a-z]?\d{1,4}[a-z]?|\d{1,2}/\d{1,2})$")
_SLASHED = re.compile(r"^([a-z]?\d{1,4}[a-z]?)/(\d+[a-z]?(?:-\d+[a-z]?)?)$")
_TOKEN = re.compile(r"[a-z0-9]+(?:[/\-][a-z0-9]+)*")
_SPOKEN_NUMBER = re.compile(r"\b(?:number|no)\.?\s*(?=\d)")
_NUMBER_ON = re.compile(r"\b(\d+[a-z]?)\s+(?:on|in|at)\s+(?=[a-z])")
_TYPE_THEN_IN = re.compile(
    r"\b(" + "|".join(sorted(STREET_TYPES | STREET_TYPE_ABBREVIATIONS.keys(), key=len, reverse=True))
    + r")\.?\s+in\s+(?=[a-z])"
)
_MAX_STREET_NAME_WORDS = 3
_SPACED_RANGE = re.compile(r"(\d)\s*([-/])\s*(\d)")
_LINE_BREAKS = re.compile(r"[,;\n\r|]+")
_FLAT_RUN_INTO_NUMBER = re.compile(r"\b(flat|flt|apartment|apt|unit|room|suite|studio|caravan|chalet)(?=\d)")
# Three letters or more ("12elm road"), so never a postcode's inward half ("ls6 2ab") nor an
# ordinal ("2nd"). A postcode written whole ("ls62ab") starts with letters: no word starts at
# its digits.
_NUMBER_RUN_INTO_NAME = re.compile(r"\b(\d{1,4})(?=[a-z]{3})")
_NUMBER_SLASH_FLAT = re.compile(r"^\d+[a-z]?/\d{1,4}[a-z]?$")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_NUMBER_WORDS = {word: n for n, word in enumerate(_UNITS, 1)} | {word: 10 * n for n, word in enumerate(_TENS, 2)}
_NUMBER_WORDS |= {f"{tens}-{unit}": _NUMBER_WORDS[tens] + n for tens in _TENS for n, unit in enumerate(_UNITS[:9], 1)}


@dataclass(frozen=True)
class AddressComponents:
    sub_building: str | None = None
    building_name: str | None = None
    number: str | None = None
    street: str | None = None
    locality: str | None = None
    town: str | None = None
    postcode: str | None = None

    @property
    def places(self) -> frozenset[str]:
        return frozenset(f"{self.locality or ''} {self.town or ''}".split()) - _PLACE_NOISE

    @property
    def has_dwelling(self) -> bool:
        """Whether the address says which house, not just which street or postcode."""
        return self.number is not None or self.building_name is not None


@dataclass(frozen=True)
class _Token:
    text: str
    segment: int


def parse_address(text: str) -> AddressComponents:
    tokens = _tokens(text)
    postcode, tokens = _take_postcode(tokens)
    sub_building, tokens = _take_sub_building(tokens)
    number_at = _find_number(tokens)
    if number_at is not None:
        return _with_number(tokens, number_at, sub_building, postcode)
    return _without_number(tokens, sub_building, postcode)


def normalise_street_type(word: str) -> str | None:
    """The full street type `word` stands for, or None when it is not one."""
    if word in STREET_TYPES:
        return word
    return STREET_TYPE_ABBREVIATIONS.get(word)


def street_type_of(street: str) -> str | None:
    """The type a normalised street ends in ("avenue" for "westfield avenue"); None for a
    street of one word, which is its name without a type."""
    name, _, last = street.rpartition(" ")
    return normalise_street_type(last) if name else None


def street_name_of(street: str | None) -> str | None:
    """A typed street's name without its type ("westfield" for "westfield avenue"); None for a
    street without a type."""
    if not street or street_type_of(street) is None:
        return None
    return street.rsplit(" ", 1)[0]


def _tokens(text: str) -> list[_Token]:
    folded = transliterate(text).replace("'", "")
    # Each substitution is tried only where it finds something: a substitution with a template
    # costs more than a search, and most addresses need none of these.
    if _SPACED_RANGE.search(folded):
        folded = _SPACED_RANGE.sub(r"\1\2\3", folded)
    # Spaces dropped in typing: "flat15 10westfield ave" is flat 15, 10 Westfield Avenue.
    if _FLAT_RUN_INTO_NUMBER.search(folded):
        folded = _FLAT_RUN_INTO_NUMBER.sub(r"\1 ", folded)
    if _NUMBER_RUN_INTO_NAME.search(folded):
        folded = _NUMBER_RUN_INTO_NAME.sub(r"\1 ", folded)
    # An address said in a sentence: "number 14 on Holloway Gate in Wolverhampton". Most
    # addresses are written, not said: the substitutions are skipped when they cannot apply.
    if "no" in folded or "number" in folded:
        folded = _SPOKEN_NUMBER.sub("", folded)
    if " on " in folded or " in " in folded or " at " in folded:
        if _NUMBER_ON.search(folded):
            folded = _NUMBER_ON.sub(r"\1 ", folded)
        if _TYPE_THEN_IN.search(folded):
            folded = _TYPE_THEN_IN.sub(r"\1, ", folded)
    segments = [words for segment in _LINE_BREAKS.split(folded) if (words := _TOKEN.findall(segment))]
    if not _NUMBER_WORDS.keys().isdisjoint(word for words in segments for word in words):
        segments = [_number_words_as_digits(words, following)
                    for words, following in zip(segments, [*segments[1:], []])]
    segments = [read for words in segments for read in _number_after_street(words)]
    return [_Token(word, i) for i, words in enumerate(segments) for word in words]


def _number_words_as_digits(words: list[str], following: list[str]) -> list[str]:
    """"Ten Westfield Avenue", "Flat fifteen": a house or flat number written as a word, at the
    start of its line before a name or after a flat's word, is that number; so is one standing
    alone before a street's line ("Flat 1, Fifteen, Woodland Way", a comma after the number)."""
    read = list(words)
    i = 0
    while i < len(read):
        value = _NUMBER_WORDS.get(read[i])
        opens = i == 0 or read[i - 1] in _SUB_BUILDING_WORDS
        if value is None or not opens:
            i += 1
            continue
        if value % 10 == 0 and i + 1 < len(read) and 0 < _NUMBER_WORDS.get(read[i + 1], 10) < 10:
            value += _NUMBER_WORDS[read[i + 1]]  # "twenty two"
            del read[i + 1]
        # At a line's start only before a street ("Two Trees, Mill Lane" is a house's name).
        before_street = read[i + 1:] or following
        if i > 0 or any(normalise_street_type(word) for word in before_street):
            read[i] = str(value)
        i += 1
    return read


def _number_after_street(words: list[str]) -> list[list[str]]:
    """"Westfield Avenue 10", "Westfield Avenue 10/15", "Westfield Avenue 10 flat 15": the house
    number after its street, as much of Europe writes it (the flat after a slash), is read in the
    British order. With the places after it on the same line and no comma ("Hawthorne Mews 53
    Port Emma"), the line is read as two: the numbered street, then its places."""
    if (mid := _number_inside(words)) is not None:
        return [[words[mid], *words[:mid]], words[mid + 1:]]
    flat: list[str] = []
    if len(words) >= 5 and words[-2] in _SUB_BUILDING_WORDS:
        flat, words = words[-2:], words[:-2]
    if len(words) < 3 or not _NUMBER.match(words[-1]) and not _NUMBER_SLASH_FLAT.match(words[-1]):
        return [words + flat]
    if normalise_street_type(words[-2]) is None or any(_NUMBER.match(w) or "/" in w for w in words[:-1]):
        return [words + flat]
    number, _, after_slash = words[-1].partition("/")
    return [[*flat, *(["flat", after_slash] if after_slash else []), number, *words[:-1]]]


def _number_inside(words: list[str]) -> int | None:
    """Where a house number sits after a named street's type and before places that hold no
    street ("hawthorne mews | 53 | port emma"); None when the line is not written so."""
    numbers = [i for i, word in enumerate(words) if _NUMBER.match(word) or "/" in word]
    if len(numbers) != 1 or not 2 <= (i := numbers[0]) < len(words) - 1:
        return None
    if normalise_street_type(words[i - 1]) is None or words[0] in _SUB_BUILDING_WORDS:
        return None
    if any(normalise_street_type(word) for word in words[i + 1:]) or not _NUMBER.fullmatch(words[i]):
        return None
    return i


def _take_postcode(tokens: list[_Token]) -> tuple[str | None, list[_Token]]:
    # The postcode closes an address, so read from the end and take the last one found.
    for i in range(len(tokens) - 1, -1, -1):
        if i > 0 and 2 <= len(tokens[i - 1].text) <= 4 and len(tokens[i].text) == 3:
            outward, inward = tokens[i - 1].text, tokens[i].text
            # Without a real digit, O/I repair would read words ("unit ion") as postcodes.
            found = read_postcode(outward, inward) if any(c.isdigit() for c in outward + inward) else None
            if found:
                return found, tokens[: i - 1] + tokens[i + 1 :]
        if 5 <= len(tokens[i].text) <= 7 and (found := normalise_postcode(tokens[i].text)):
            return found, tokens[:i] + tokens[i + 1 :]
    return None, tokens


def _take_sub_building(tokens: list[_Token]) -> tuple[str | None, list[_Token]]:
    for i, token in enumerate(tokens):
        if token.text in _SUB_BUILDING_WORDS:
            floor_start = i
            while floor_start > 0 and tokens[floor_start - 1].text in _FLOOR_WORDS:
                floor_start -= 1
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            # "Top Floor Flat 12 Morgan Row": after a floor, a number with no other after it
            # is the house's.
            house_number_follows = floor_start < i and not any(_NUMBER.match(t.text) for t in tokens[i + 2 :])
            if (
                following
                and following.segment == token.segment
                and _SUB_VALUE.match(following.text)
                and not house_number_follows
            ):
                return _strip_zeros(following.text), tokens[:i] + tokens[i + 2 :]
            if floor_start < i:
                floor = " ".join(t.text for t in tokens[floor_start:i])
                return floor, tokens[:floor_start] + tokens[i + 1 :]
        if slashed := _SLASHED.match(token.text):
            if any(_NUMBER.match(t.text) for t in tokens[i + 1 :]):
                # "2/1, 14 Kelvin Street": a house number follows, so the pair is a Glasgow
                # tenement flat (floor 2, door 1), not flat 2 of number 1.
                return token.text, tokens[:i] + tokens[i + 1 :]
            number = _Token(slashed.group(2), token.segment)
            return _strip_zeros(slashed.group(1)), [*tokens[:i], number, *tokens[i + 1 :]]
    return None, tokens


def _find_number(tokens: list[_Token]) -> int | None:
    """The house number: the first number followed by a word, else the first number."""
    candidates = [i for i, t in enumerate(tokens) if _NUMBER.match(t.text)]
    for i in candidates:
        if i + 1 < len(tokens) and tokens[i + 1].text.isalpha():
            return i
    return candidates[0] if candidates else None


def _with_number(
    tokens: list[_Token], at: int, sub_building: str | None, postcode: str | None
) -> AddressComponents:
    street_start = at + 1
    street_end = _street_end(tokens, street_start) if street_start < len(tokens) else street_start
    building = _building(tokens[:at])
    after = tokens[street_end:]
    first_place = [t for t in after if t.segment == after[0].segment] if after else []
    if building is None and len(first_place) < len(after) and _is_house_name(first_place):
        # "43 Chapel Grove, Orchard House, Barkerburgh": the house written after its street.
        building, after = _joined(first_place), after[len(first_place) :]
    return AddressComponents(
        sub_building=sub_building,
        building_name=building,
        number=_strip_zeros(tokens[at].text),
        street=_street(tokens[street_start:street_end]),
        **_places(after),
        postcode=postcode,
    )


def _without_number(
    tokens: list[_Token], sub_building: str | None, postcode: str | None
) -> AddressComponents:
    type_at = _street_type_position(tokens)
    if type_at is None:
        first_segment = [t for t in tokens if t.segment == tokens[0].segment] if tokens else []
        named = _house_name_end(first_segment)
        if len(first_segment) == len(tokens) and sub_building is None and named:
            # "Rose Cottage West Norman HP18 6TL": a house by name and its places on one line
            # with no commas; the house's last word says where its name ends.
            return AddressComponents(building_name=_building(tokens[:named]), **_places(tokens[named:]),
                                     postcode=postcode)
        if len(first_segment) == len(tokens) and sub_building is None and not _is_house_name(tokens):
            # One line with neither number nor street ("Leeds LS6 2AB"): a place, not a house.
            # After a flat it is the flat's building ("Flat 53, The Sidings SO20 2UH").
            return AddressComponents(sub_building=sub_building, **_places(tokens), postcode=postcode)
        if (
            sub_building is not None
            and len(first_segment) == len(tokens) == 3
            and tokens[0].text == "the"
            and tokens[-1].text not in BUILDING_KINDS
        ):
            # "flat 53 the sidings stockbridge": a block named with "the" and its town, with no
            # comma between ("the old forge" is one name: its last word says it is a house).
            return AddressComponents(
                sub_building=sub_building, building_name=_joined(tokens[:2]), town=tokens[2].text, postcode=postcode
            )
        return AddressComponents(
            sub_building=sub_building,
            building_name=_building(first_segment),
            **_places(tokens[len(first_segment) :]),
            postcode=postcode,
        )
    start = _street_name_start(tokens, type_at)
    end = _after_type_run(tokens, type_at)
    after = tokens[end:]
    first_place = [t for t in after if t.segment == after[0].segment] if after else []
    if start == 0 and len(first_place) < len(after) and _is_house_name(first_place):
        # "Carter Lane, Primrose Cottage, West Oliver": the house written after its street.
        return AddressComponents(
            sub_building=sub_building,
            building_name=_joined(first_place),
            street=_street(tokens[start:end]),
            **_places(after[len(first_place) :]),
            postcode=postcode,
        )
    if (
        sub_building is not None
        and start == 0
        and tokens[type_at].segment == tokens[0].segment
        and normalise_street_type(tokens[type_at].text) in _BUILDING_LIKE_TYPES
    ):
        # "Flat 4, Kingsley Ct, Leeds": a flat in a court with no street named is in a block.
        return AddressComponents(
            sub_building=sub_building, building_name=_joined(tokens[:end]), **_places(tokens[end:]), postcode=postcode
        )
    return AddressComponents(
        sub_building=sub_building,
        building_name=_building(tokens[:start]),
        street=_street(tokens[start:end]),
        **_places(tokens[end:]),
        postcode=postcode,
    )


def _street_end(tokens: list[_Token], start: int) -> int:
    """Index just past the street that begins at `start`."""
    segment = tokens[start].segment
    end_of_segment = start
    while end_of_segment < len(tokens) and tokens[end_of_segment].segment == segment:
        end_of_segment += 1
    types = [j for j in range(start, end_of_segment) if _is_type(tokens, j, start)]
    # "Park Lane", "Hill Top Lane": a type word that opens the street is its name.
    if types and types[0] == start and any(start < j <= start + 3 for j in types[1:]):
        types = types[1:]
    if types:
        return _after_type_run(tokens, types[0])
    for j in range(start + 1, end_of_segment):
        if _corrected_type(tokens[j].text):
            return j + 1
    if tokens[-1].segment != tokens[0].segment:
        return end_of_segment
    # One unpunctuated line and a street with no type word ("12 Briggate Leeds"): one word,
    # with a prefix ("The Headrow") if it has one.
    return start + (2 if tokens[start].text in _STREET_PREFIXES and start + 1 < end_of_segment else 1)


def _street_type_position(tokens: list[_Token]) -> int | None:
    types = [j for j in range(len(tokens)) if _is_type(tokens, j, _segment_start(tokens, j))]
    # A type word that opens its line before another type word is a name: "Meadow View",
    # "Park Lane".
    types = [
        j for j in types
        if not (j == _segment_start(tokens, j) and j + 1 in types and tokens[j + 1].segment == tokens[j].segment)
    ]
    if not types:
        # "The Old Bakery, Walkercrescent, Lake Carl": a type run into its name, on its own line.
        types = [
            j for j in range(1, len(tokens))
            if _split_run_together(tokens[j].text) and j == _segment_start(tokens, j)
            and (j + 1 == len(tokens) or tokens[j + 1].segment != tokens[j].segment)
        ]
    if not types:
        types = [j for j in range(1, len(tokens)) if _corrected_type(tokens[j].text)]
    if not types:
        return None
    first = types[0]
    following = [j for j in types if tokens[j].segment == tokens[first].segment + 1]
    if following and normalise_street_type(tokens[following[0]].text) in _THOROUGHFARE_TYPES:
        # "Fern Bank, Windsor Street": a line that ends like a street, then a road on the next
        # line, is a house and its road. A place after a street ("Elm Road, Hyde Park") is not.
        return following[0]
    if tokens[first].text in _BUILDING_LIKE_TYPES:
        later = [j for j in types if tokens[j].segment > tokens[first].segment]
        if not later:
            # "Meadow View, Diana Laane, Barkerchester": her house, then a street whose type is
            # misspelt at the end of the next line.
            nxt = [j for j in range(first + 1, len(tokens)) if tokens[j].segment == tokens[first].segment + 1]
            if len(nxt) >= 2 and _corrected_type(tokens[nxt[-1]].text):
                return nxt[-1]
        # "Beech Court, Park Lane": a building, then its street. On the very next line even a
        # building-like type is the street: "Meadow View, Orchard View" is a house on a street.
        if later and (
            normalise_street_type(tokens[later[0]].text) not in _BUILDING_LIKE_TYPES
            or tokens[later[0]].segment == tokens[first].segment + 1
        ):
            return later[0]
    return first


def _street_name_start(tokens: list[_Token], type_at: int) -> int:
    segment_start = _segment_start(tokens, type_at)
    single_line = tokens[0].segment == tokens[-1].segment
    limit = 1 if single_line else _MAX_STREET_NAME_WORDS
    start = max(segment_start, type_at - limit)
    while start > segment_start and tokens[start - 1].text in _STREET_PREFIXES:
        start -= 1
    for j in range(type_at - 1, start - 1, -1):
        if tokens[j].text in _LEADING_WORDS:
            return j + 1
    return start


def _after_type_run(tokens: list[_Token], type_at: int) -> int:
    end = type_at + 1
    segment = tokens[type_at].segment
    while end < len(tokens) and tokens[end].segment == segment and normalise_street_type(tokens[end].text):
        end += 1
    return end


def _is_type(tokens: list[_Token], j: int, street_start: int) -> bool:
    # "St" opening a street is a saint: "St John's Road".
    if tokens[j].text == "st" and (j == street_start or tokens[j - 1].segment != tokens[j].segment):
        return False
    return normalise_street_type(tokens[j].text) is not None


def _corrected_type(word: str) -> str | None:
    if len(word) < 3 or not word.isalpha():
        return None
    if len(word) >= 4:
        for street_type in _CORRECTABLE_TYPES:
            if OSA.distance(word, street_type, score_cutoff=1) <= 1:
                return street_type
    for street_type in _SHORT_TYPES:
        if _slipped(word, street_type):
            return street_type
    if len(word) == 3:
        # "Rod", "Roa", "Lan": a letter after the first dropped from a type of four. Dropped
        # only, never changed: "lax" is no "lane".
        for street_type in _CORRECTABLE_TYPES:
            if len(street_type) == 4 and any(street_type[:i] + street_type[i + 1:] == word for i in range(1, 4)):
                return street_type
    return None


def _slipped(word: str, street_type: str) -> bool:
    """Two letters swapped or one doubled or added ("Wakl", "Rsie", "Mewes"), never changed:
    one letter changed would read "mill" as "hill" and "vane" as "vale"."""
    if len(word) == len(street_type):
        return sorted(word) == sorted(street_type) and OSA.distance(word, street_type) == 1
    return len(word) == len(street_type) + 1 and any(word[:i] + word[i + 1 :] == street_type for i in range(len(word)))


def _split_run_together(word: str) -> str | None:
    """"schoolroad" -> "school road": a full street type run into the name before it."""
    for street_type in _CORRECTABLE_TYPES + _RUN_TOGETHER_SHORT_TYPES:
        if word.endswith(street_type) and len(word) - len(street_type) >= _RUN_TOGETHER_MIN_NAME:
            return f"{word[: -len(street_type)]} {street_type}"
    return None


def _street(tokens: list[_Token]) -> str | None:
    words = [t.text for t in tokens]
    if not words:
        return None
    normalised = []
    for i, word in enumerate(words):
        last = i == len(words) - 1
        if word == "st" and not last:
            normalised.append("saint")
        elif last:
            normalised.append(normalise_street_type(word) or _corrected_type(word) or _split_run_together(word) or word)
        else:
            normalised.append(STREET_TYPE_ABBREVIATIONS.get(word, word) if i > 0 else word)
    return " ".join(normalised)


def _places(tokens: list[_Token]) -> dict[str, str | None]:
    groups: dict[int, list[str]] = {}
    for token in tokens:
        groups.setdefault(token.segment, []).append(token.text)
    names = [" ".join(words) for words in groups.values()]
    if len(names) == 1 and len(groups[tokens[0].segment]) > 1:
        # No commas: the last word is most often the town ("Headingley Leeds").
        *locality, town = names[0].split()
        return {"locality": " ".join(locality), "town": town}
    if not names:
        return {"locality": None, "town": None}
    return {"locality": " ".join(names[:-1]) or None, "town": names[-1]}


def _segment_start(tokens: list[_Token], j: int) -> int:
    while j > 0 and tokens[j - 1].segment == tokens[j].segment:
        j -= 1
    return j


def _is_house_name(tokens: list[_Token]) -> bool:
    """"The Old Rectory", "Rose Cottage": a name that says it is a house, not a place."""
    return bool(tokens) and (tokens[0].text == "the" or tokens[-1].text in BUILDING_KINDS)


def _house_name_end(tokens: list[_Token]) -> int:
    """Where a house's name ends in a line that goes on to its places ("rose cottage | west
    norman", "mill house farm | leeds"): after its last house word that has a word before it
    and one after it; 0 when there is none."""
    return max((i + 1 for i in range(1, len(tokens) - 1) if tokens[i].text in BUILDING_KINDS), default=0)


def _building(tokens: list[_Token]) -> str | None:
    # Prose before an address ("she now lives at Rose Cottage") is not part of the house name.
    cut = max((i + 1 for i, t in enumerate(tokens) if t.text in _LEADING_WORDS), default=0)
    return _joined(tokens[cut:])


def _joined(tokens: list[_Token]) -> str | None:
    return " ".join(t.text for t in tokens) or None


def _strip_zeros(value: str) -> str:
    return re.sub(r"(?<![0-9])0+(?=[0-9])", "", value)
