"""UK-shaped towns, streets and postcodes, and every way people write an address.

Independent of the code it measures: nothing here imports from `src/` or reads `models/`. Towns,
localities and counties are Faker's `en_GB` ones ("Port Janetchester", "North Holly",
"Pembrokeshire"); street names are Faker surnames and first names, the decision benchmark's UK
stems ("Highfield", "Station") and saints, with the UK street types, abbreviations and
misspellings of `bench/decisions/places.py` and, now and then, one of Faker's own street suffixes
("Ferry", "Crest"); flats are Faker's secondary addresses ("Flat 77", "Studio 35", "Flat 06J"),
apartments, units, floors and Glasgow's "2/1"; blocks are a Faker surname with a block word
("Pearce Court") or a converted building ("The Maltings"); houses carry the decision benchmark's
house names ("The Coach House", "Tanglewood") or a Faker name with a house word
("Hartley Cottage"). Postcodes follow the Royal Mail grammar over Faker's real postcode areas.

A quarter of addresses carry one data-entry error from the decision benchmark's taxonomy
(`bench/decisions/address_errors.py`): a street or town mistyped, the street type shortened,
misspelt or dropped, a street run together or split, a postcode with an OCR confusion or one
character wrong, a comma after the number, a postcode wrapped by a PDF.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from faker import Faker
from faker.providers.address.en_GB import Provider as FakerAddresses

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus.document import Rendered  # noqa: E402
from decisions.address_errors import FLOORS  # noqa: E402
from decisions.places import (  # noqa: E402
    BLOCK_NAMES,
    BLOCK_SUFFIXES,
    COMPOUND_STEMS,
    HOUSE_NAMES,
    INWARD_LETTERS,
    OCR_CONFUSIONS,
    PLAIN_STEMS,
    POSTAL_ZONES,
    STREET_TYPES,
)
from decisions.typos import typo  # noqa: E402

_FAKER = Faker("en_GB")
_FAKER.seed_instance(20240604)


def _towns(count: int) -> dict[str, tuple[str, str]]:
    """town -> (outward codes, localities), as Faker's en_GB provider names them."""
    towns: dict[str, tuple[str, str]] = {}
    rng = random.Random(20240604)
    areas = rng.sample(POSTAL_ZONES, count)
    while len(towns) < count:
        town = _FAKER.city()
        if town in towns:
            continue
        area = areas[len(towns)]
        districts = sorted(rng.sample(range(1, 21 if len(area) == 2 else 31), rng.randint(3, 6)))
        localities = [name for name in dict.fromkeys(_FAKER.city() for _ in range(rng.randint(3, 5))) if name != town]
        towns[town] = (" ".join(f"{area}{d}" for d in districts), "|".join(localities))
    return towns


TOWNS: dict[str, tuple[str, str]] = _towns(40)
COUNTY_OF = {town: _FAKER.county() for town in TOWNS}
_SURNAMES = [_FAKER.last_name() for _ in range(600)]
_FORENAMES = [_FAKER.first_name() for _ in range(300)]
_MALE_FORENAMES = [_FAKER.first_name_male() for _ in range(150)]
_FAKER_SUFFIXES = sorted(set(FakerAddresses.street_suffixes))
# Drawn up front: a document is a function of its own seed, not of what was generated before it.
_FAKER_FLATS = [_FAKER.secondary_address() for _ in range(400)]
HOUSE_WORDS = ("House", "Cottage", "Lodge", "Farm", "Barn", "Farmhouse")
OFFICE_WORDS = ("House", "Court", "Centre", "Buildings", "Chambers", "Point")
# The errors of the taxonomy a sender makes in an address written in a letter, and a share.
ERROR_SHARE = 0.25
ERRORS = (
    "street_typo", "town_typo", "type_abbreviated", "type_misspelt", "type_dropped", "run_together",
    "split_word", "postcode_ocr", "postcode_one_char", "comma_after_number", "postcode_wrapped",
)  # fmt: skip


@dataclass(frozen=True)
class Address:
    sub: str | None          # "Flat 3", "Apartment 27", "Ground Floor Flat"
    building: str | None     # "Pearce Court", "The Coach House", "Tanglewood"
    number: str | None       # "12", "12A", "12-14"
    street: str | None       # "Elm Road"
    locality: str | None
    town: str | None
    county: str | None
    postcode: str
    slash_flat: bool = False  # "3/12 Elm Road"
    stem: str | None = None   # "Elm", the street without its type
    street_type: int | None = None  # index into STREET_TYPES; None for Faker's suffixes and one-word streets
    comma_after_number: bool = False
    wrap_postcode: bool = False
    error: str | None = None
    town_as_written: str | None = None  # the town mistyped here, and only here


def a_postcode(rng: random.Random, town: str) -> str:
    outward = rng.choice(TOWNS[town][0].split())
    return f"{outward} {rng.randint(0, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"


def a_street(rng: random.Random, *, abbreviate: float = 0.2) -> tuple[str, str, int | None]:
    """(street as written, its stem, its type's index in STREET_TYPES or None)."""
    roll = rng.random()
    if roll < 0.04:
        stem = rng.choice(COMPOUND_STEMS)
        return stem, stem, None
    if roll < 0.09:
        stem = f"St {rng.choice(_MALE_FORENAMES)}'s"
    elif roll < 0.25:
        stem = rng.choice(COMPOUND_STEMS + PLAIN_STEMS)
    else:
        stem = rng.choice(_SURNAMES) if rng.random() < 0.7 else rng.choice(_FORENAMES)
    if rng.random() < 0.1:
        return f"{stem} {rng.choice(_FAKER_SUFFIXES)}", stem, None
    kind = rng.randrange(len(STREET_TYPES))
    written, abbreviations, _ = STREET_TYPES[kind]
    if abbreviations and rng.random() < abbreviate:
        written = rng.choice(abbreviations)
    return f"{stem} {written}", stem, kind


def a_number(rng: random.Random) -> str:
    number = str(rng.choice([rng.randint(1, 40), rng.randint(1, 40), rng.randint(1, 250)]))
    roll = rng.random()
    if roll < 0.08:
        return number + rng.choice("ABC")
    if roll < 0.13:
        return f"{number}-{int(number) + 2}"
    return number


def a_flat(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.5:
        return rng.choice(_FAKER_FLATS) if rng.random() < 0.5 else f"Flat {rng.randint(1, 40)}"
    if roll < 0.65:
        return f"Apartment {rng.randint(1, 120)}"
    if roll < 0.75:
        return f"Unit {rng.randint(1, 30)}"
    if roll < 0.85:
        return rng.choice(FLOORS)
    return f"Flat {rng.choice('ABCDEFGH')}"


def a_block(rng: random.Random) -> str:
    return rng.choice(BLOCK_NAMES) if rng.random() < 0.25 else f"{rng.choice(_SURNAMES)} {rng.choice(BLOCK_SUFFIXES)}"


def a_house_name(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return rng.choice(HOUSE_NAMES)
    return f"{rng.choice(_SURNAMES + _FORENAMES)} {rng.choice(HOUSE_WORDS)}"


def a_home(rng: random.Random, town: str | None = None) -> Address:
    town = town or rng.choice(list(TOWNS))
    roll = rng.random()
    sub = building = number = street = stem = kind = None
    slash = False
    if roll < 0.45:      # a numbered house
        number = a_number(rng)
        street, stem, kind = a_street(rng)
    elif roll < 0.62:    # a flat in a numbered house
        sub = a_flat(rng)
        number = a_number(rng)
        street, stem, kind = a_street(rng)
        if sub.startswith("Flat ") and sub[5:].isdigit() and rng.random() < 0.25:
            slash = True  # "2/1 Elm Road", as Glasgow writes a flat
    elif roll < 0.78:    # a flat in a named block
        sub = a_flat(rng)
        building = a_block(rng)
        if rng.random() < 0.6:
            number = a_number(rng)
        street, stem, kind = a_street(rng)
    else:                # a named house, with or without its street
        building = a_house_name(rng)
        if rng.random() < 0.3:
            number = a_number(rng)
        if number or rng.random() < 0.7:
            street, stem, kind = a_street(rng)
    locality = rng.choice(TOWNS[town][1].split("|")) if rng.random() < 0.45 else None
    county = COUNTY_OF.get(town) if rng.random() < 0.06 else None
    home = Address(sub, building, number, street, locality, town, county, a_postcode(rng, town),
                   slash, stem, kind)
    return mistyped(home, rng) if rng.random() < ERROR_SHARE else home


def an_office(rng: random.Random, town: str | None = None) -> Address:
    town = town or rng.choice(list(TOWNS))
    building = f"{rng.choice(_SURNAMES)} {rng.choice(OFFICE_WORDS)}" if rng.random() < 0.6 else None
    number = a_number(rng) if building is None or rng.random() < 0.5 else None
    street, stem, kind = a_street(rng, abbreviate=0.05)
    return Address(None, building, number, street, None, town, None, a_postcode(rng, town), False, stem, kind)


def mistyped(address: Address, rng: random.Random) -> Address:
    """The address with one data-entry error of the taxonomy that applies to it."""
    entry = STREET_TYPES[address.street_type] if address.street_type is not None else None
    applies = {
        "street_typo": bool(address.stem) and len(address.stem) >= 4 and "'" not in address.stem,
        "town_typo": bool(address.town) and max(len(w) for w in address.town.split()) >= 4,
        "type_abbreviated": bool(entry and entry[1]),
        "type_misspelt": bool(entry and entry[2]),
        "type_dropped": bool(entry) and bool(address.number or address.building),
        "run_together": bool(entry) and len(address.stem or "") <= 8 and " " not in (address.stem or " "),
        "split_word": address.stem in COMPOUND_STEMS and entry is not None,
        "postcode_ocr": any(ch in OCR_CONFUSIONS for ch in address.postcode),
        "postcode_one_char": True,
        "comma_after_number": bool(address.number and address.street and not address.slash_flat),
        "postcode_wrapped": True,
    }
    error = rng.choice([e for e in ERRORS if applies[e]])
    # The street's type as written: one of STREET_TYPES, Faker's own suffix, or none at all.
    stem, kind_text = address.stem, entry[0] if entry else (address.street or "")[len(address.stem or ""):].strip() or None
    if error == "street_typo":
        stem = typo(stem, rng)
    elif error == "town_typo":
        words = address.town.split()
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        words[longest] = typo(words[longest], rng)
        return replace(address, town_as_written=" ".join(words), error=error)
    elif error == "type_abbreviated":
        kind_text = rng.choice(entry[1])
    elif error == "type_misspelt":
        kind_text = rng.choice(entry[2])
    elif error == "type_dropped":
        kind_text = None
    elif error == "run_together":
        return replace(address, street=f"{stem}{kind_text.lower()}", error=error)
    elif error == "split_word":
        for cut in range(3, len(stem) - 3):
            if stem[cut:].lower() in ("field", "land", "side", "wood", "grove", "view", "crest", "bank", "gate", "way", "thorne"):
                stem = f"{stem[:cut]} {stem[cut:].lower()}"
                break
    elif error == "postcode_ocr":
        chars = list(address.postcode)
        i = rng.choice([i for i, ch in enumerate(chars) if ch in OCR_CONFUSIONS])
        chars[i] = OCR_CONFUSIONS[chars[i]]
        return replace(address, postcode="".join(chars), error=error)
    elif error == "postcode_one_char":
        outward, inward = address.postcode.split()
        letters = INWARD_LETTERS.replace(inward[2], "")
        return replace(address, postcode=f"{outward} {inward[:2]}{rng.choice(letters)}", error=error)
    elif error == "comma_after_number":
        return replace(address, comma_after_number=True, error=error)
    elif error == "postcode_wrapped":
        return replace(address, wrap_postcode=True, error=error)
    street = f"{stem} {kind_text}" if kind_text else stem
    return replace(address, street=street, error=error)


# ------------------------------------------------------------------ writing an address


def _lines(address: Address, rng: random.Random, *, with_postcode: bool, with_town: bool,
           fold_sub: bool) -> list[list[tuple[str, bool]]]:
    """The address as lines of (piece, required) pieces."""
    lines: list[list[tuple[str, bool]]] = []
    street_line: list[tuple[str, bool]] = []
    if address.slash_flat and address.sub and address.number and address.street:
        flat = address.sub.split()[-1]
        street_line = [(f"{flat}/{address.number}", True), (" ", False),
                       (address.street.rstrip("."), True)] + (
            [(".", False)] if address.street.endswith(".") else [])
        lines.append(street_line)
    else:
        if address.sub:
            lines.append([(address.sub, True)])
        if address.building:
            lines.append([(address.building, True)])
        if address.street:
            # "Cecil Rd." : the abbreviation's full stop is punctuation, not part of the street.
            street = [(address.street.rstrip("."), True)] + (
                [(".", False)] if address.street.endswith(".") else [])
            if address.number:
                sep = ", " if address.comma_after_number or rng.random() < 0.05 else " "
                lines.append([(address.number, True), (sep, False), *street])
            else:
                lines.append(street)
        if fold_sub and len(lines) >= 2 and address.sub:
            first, second = lines[0], lines[1]
            lines[0:2] = [first + [(", ", False)] + second]
    if address.locality:
        lines.append([(address.locality, False)])
    if with_town and address.town:
        lines.append([(address.town_as_written or address.town, False)])
    if address.county:
        lines.append([(address.county, False)])
    if with_postcode:
        lines.append([(address.postcode, True)])
    return lines


def _postcode_as_written(rng: random.Random, postcode: str, lower: bool, noisy: bool) -> str:
    if rng.random() < 0.08:
        postcode = postcode.replace(" ", "")
    if noisy and rng.random() < 0.3:
        # A scanned form: O read as 0 in a letter-only position, or 1 as I in a digit one.
        outward, inward = postcode.split(" ") if " " in postcode else (postcode[:-3], postcode[-3:])
        if outward[0] == "O":
            outward = "0" + outward[1:]
        elif inward[0] == "1":
            inward = "I" + inward[1:]
        postcode = f"{outward} {inward}"
    return postcode.lower() if lower else postcode


def render_address(rng: random.Random, address: Address, form: str) -> Rendered:
    """Forms: "block" (one line each), "block_caps", "block_commas" (lines ending in commas),
    "inline" (commas), "inline_nocomma", "inline_lower", "inline_short" (no town or postcode),
    "scanned" (block with OCR noise in the postcode)."""
    with_postcode = form not in ("inline_short",) and not (
        form.startswith("inline") and rng.random() < 0.3)
    with_town = form != "inline_short" or rng.random() < 0.5
    lines = _lines(address, rng, with_postcode=with_postcode, with_town=with_town,
                   fold_sub=form.startswith("inline") or rng.random() < 0.3)
    postcode_lower = form == "inline_lower"
    pieces: list[tuple[str, bool]] = []
    if form.startswith("block") or form == "scanned":
        if with_postcode and len(lines) >= 3 and rng.random() < 0.3:
            # "Leeds LS6 2AB" on one line.
            pc = lines.pop()
            lines[-1] = lines[-1] + [(" ", False)] + pc
        line_end = ",\n" if form == "block_commas" else "\n"
        for i, line in enumerate(lines):
            if i:
                pieces.append((line_end, False))
            pieces.extend(line)
    else:
        joiner = " " if form == "inline_nocomma" else ", "
        for i, line in enumerate(lines):
            if i:
                pieces.append((joiner, False))
            pieces.extend(line)
    text = ""
    required = []
    postcode = None
    for piece, needed in pieces:
        if piece == address.postcode:
            piece = _postcode_as_written(rng, piece, postcode_lower, form == "scanned")
            if address.wrap_postcode:
                piece = piece.replace(" ", "\n", 1)  # "L12\n5AH": a PDF wrapped the line
            postcode = (len(text), len(text) + len(piece))
        if form == "block_caps":
            piece = piece.upper()
        elif form == "inline_lower":
            piece = piece.lower()
        if needed:
            required.append((len(text), len(text) + len(piece)))
        text += piece
    return Rendered(text, required, f"{form}+{address.error}" if address.error else form, postcode)
