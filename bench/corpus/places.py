"""UK towns, streets and postcodes, and every way people write an address.

Postcodes follow the Royal Mail grammar for their town's area (LS6 2AB, M14 5TQ, SW1A 1AA,
EC1V 4PW); streets mix common names with abbreviated and one-word forms; dwellings are numbers
(12, 12A, 12-14), flats (Flat 3, Flat C, 3/12, Apartment 27, Ground Floor Flat), named buildings
(Beech Court, Rose Cottage) and bare house names (Willowbank).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from bench.corpus.document import Rendered

# town -> (outward codes, localities)
TOWNS: dict[str, tuple[str, str]] = {
    "Leeds": ("LS1 LS2 LS4 LS6 LS7 LS8 LS9 LS11 LS12 LS15 LS17 LS28",
              "Headingley|Chapeltown|Harehills|Armley|Beeston|Roundhay|Burley|Seacroft|Pudsey"),
    "Bradford": ("BD1 BD3 BD5 BD7 BD8 BD9 BD18",
                 "Manningham|Girlington|Little Horton|Shipley|Great Horton"),
    "Manchester": ("M1 M4 M8 M13 M14 M16 M19 M20 M40",
                   "Moss Side|Rusholme|Longsight|Cheetham Hill|Levenshulme|Didsbury"),
    "Birmingham": ("B1 B5 B10 B11 B12 B19 B21 B23 B33",
                   "Sparkbrook|Small Heath|Handsworth|Erdington|Balsall Heath|Aston"),
    "London": ("E1 E7 E17 N15 N17 SE15 SE18 SW9 SW1A W1D NW10 EC1V E1W W12",
               "Whitechapel|Forest Gate|Walthamstow|Tottenham|Peckham|Brixton|Harlesden"),
    "Bristol": ("BS1 BS2 BS5 BS6 BS13", "Easton|St Pauls|Bedminster|Redland|Hartcliffe"),
    "Cardiff": ("CF10 CF11 CF24 CF5", "Splott|Grangetown|Cathays|Ely|Canton"),
    "Glasgow": ("G1 G20 G31 G42 G51", "Govan|Govanhill|Dennistoun|Maryhill|Partick"),
    "Edinburgh": ("EH1 EH6 EH7 EH11", "Leith|Gorgie|Craigmillar|Abbeyhill"),
    "Belfast": ("BT1 BT7 BT9 BT12 BT15", "Ormeau|Falls|Stranmillis|Ardoyne"),
    "Sheffield": ("S1 S2 S4 S8 S10", "Darnall|Firth Park|Heeley|Crookes"),
    "Liverpool": ("L1 L4 L7 L8 L15", "Toxteth|Anfield|Kensington|Wavertree"),
    "Newcastle upon Tyne": ("NE1 NE4 NE6", "Byker|Elswick|Heaton|Benwell"),
    "Nottingham": ("NG1 NG3 NG7", "Sneinton|Hyson Green|Radford|Lenton"),
    "Leicester": ("LE1 LE2 LE4 LE5", "Belgrave|Highfields|Evington|Braunstone"),
    "Ashby-de-la-Zouch": ("LE65", "Blackfordby|Packington"),
    "Coventry": ("CV1 CV2 CV6", "Foleshill|Hillfields|Tile Hill"),
    "Kingston upon Hull": ("HU1 HU3 HU5 HU9", "Hessle Road|Newland|Bransholme"),
    "York": ("YO1 YO10 YO24 YO31", "Heworth|Acomb|Clifton|Tang Hall"),
    "Huddersfield": ("HD1 HD2 HD5", "Lockwood|Fartown|Dalton"),
    "Wakefield": ("WF1 WF2 WF10", "Eastmoor|Lupset|Castleford"),
    "Stoke-on-Trent": ("ST1 ST4 ST6", "Hanley|Burslem|Fenton"),
    "Oxford": ("OX1 OX2 OX4", "Cowley|Blackbird Leys|Jericho"),
    "Southampton": ("SO14 SO15 SO17", "Shirley|Portswood|Bevois Valley"),
    "Swansea": ("SA1 SA2 SA5", "Townhill|Sketty|Manselton"),
    "Aberdeen": ("AB10 AB11 AB24", "Torry|Tillydrone|Seaton"),
    "Blackburn": ("BB1 BB2", "Audley|Little Harwood|Mill Hill"),
    "Luton": ("LU1 LU2 LU4", "Bury Park|Marsh Farm|Dallow"),
    "Milton Keynes": ("MK6 MK9 MK13", "Netherfield|Bletchley|Wolverton"),
    "Sunderland": ("SR1 SR4 SR5", "Hendon|Pennywell|Southwick"),
    "Middlesbrough": ("TS1 TS3 TS5", "Linthorpe|North Ormesby|Berwick Hills"),
    "Norwich": ("NR1 NR2 NR3", "Lakenham|Mile Cross|Heartsease"),
    "Plymouth": ("PL1 PL2 PL4", "Stonehouse|Devonport|Stoke"),
}
# The county people add under the town, where the town has one they would write.
COUNTY_OF = {
    "Leeds": "West Yorkshire", "Bradford": "West Yorkshire", "Huddersfield": "West Yorkshire",
    "Wakefield": "West Yorkshire", "Manchester": "Greater Manchester",
    "Birmingham": "West Midlands", "Coventry": "West Midlands", "Blackburn": "Lancashire",
    "Leicester": "Leicestershire", "Ashby-de-la-Zouch": "Leicestershire",
    "Newcastle upon Tyne": "Tyne and Wear", "Sunderland": "Tyne and Wear",
    "Sheffield": "South Yorkshire", "Liverpool": "Merseyside", "York": "North Yorkshire",
    "Kingston upon Hull": "East Yorkshire", "Nottingham": "Nottinghamshire",
    "Stoke-on-Trent": "Staffordshire", "Oxford": "Oxfordshire", "Southampton": "Hampshire",
    "Luton": "Bedfordshire", "Milton Keynes": "Buckinghamshire", "Norwich": "Norfolk",
    "Plymouth": "Devon", "Middlesbrough": "North Yorkshire", "Swansea": "West Glamorgan",
    "Aberdeen": "Aberdeenshire", "Belfast": "County Antrim",
}
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

STREET_NAMES = (
    "Elm Oak Beech Ash Willow Chestnut Victoria Albert Church Station Mill High Park Manor "
    "Grange Springfield Westfield Chapel School Meadow Orchard Brook Cavendish Clarendon "
    "Belgrave Stanley Gladstone Cromwell Nelson Wellington Kirkstall Otley Hawthorn Sycamore "
    "Rowan Bridge Market Cross Moss Burley Cardigan Brudenell Thornhill Claremont Windsor "
    "Balmoral Heathfield Cecil Hartley Lister Shakespeare Milton Tennyson Cobden Regent "
    "Spencer Nightingale Carlton Harrow Beverley Alexandra Coronation Jubilee Princess "
    "Holly Laburnum Lime Poplar Cedar Fern Primrose Foxglove Lavender Heather Clover "
    "Raikes Sandhill Tinshill Ladybarn Wilmslow Stockport Coventry Warwick Derwent Tyne"
).split()
MULTIWORD_STREET_NAMES = (
    "St Mary's", "St John's", "Queen's", "King's", "Mount Pleasant", "Hyde Park", "New Cross",
    "Back Lane", "North Hill", "Upper Green", "Lower Mill", "Old Farm", "St Michael's",
    "Prince of Wales", "Lady Margaret", "Sir Thomas",
)
# type, its abbreviations (may be empty), weight
STREET_TYPES = (
    ("Road", ("Rd", "Rd."), 30), ("Street", ("St", "St."), 24), ("Avenue", ("Ave", "Av."), 10),
    ("Lane", ("Ln",), 10), ("Close", ("Cl",), 6), ("Drive", ("Dr",), 6),
    ("Crescent", ("Cres",), 5), ("Court", ("Ct",), 3), ("Place", ("Pl",), 3),
    ("Gardens", ("Gdns",), 4), ("Terrace", ("Terr", "Tce"), 5), ("Way", (), 4),
    ("Grove", ("Gr",), 5), ("Mews", (), 2), ("Walk", (), 2), ("Row", (), 2), ("Hill", (), 2),
    ("Green", (), 2), ("Square", ("Sq",), 2), ("Parade", ("Pde",), 2), ("Rise", (), 2),
    ("View", (), 2), ("Vale", (), 1), ("Mount", (), 2), ("Fold", (), 1), ("Croft", (), 1),
    ("Chase", (), 1), ("Brow", (), 1), ("Wynd", (), 1), ("Boulevard", ("Blvd",), 1),
)
ONE_WORD_STREETS = ("Kingsway", "Broadway", "Moorgate", "Hillside", "Parkside", "Southgate",
                    "Northway", "Eastgate", "Riverside", "Westway")
BUILDINGS = (
    "Beech Court", "Ivy House", "Kingfisher House", "Jubilee Court", "Victoria Mansions",
    "Albion Buildings", "Sovereign Heights", "Regent Court", "Crown Point", "Brunswick House",
    "Marlborough Towers", "Wharf Apartments", "Mill Lodge", "Cedar Lodge", "Oakwood Grange",
    "Millennium Point", "St Georges House", "Eagle Wharf", "Carlton Tower", "Bridgewater Place",
)
HOUSES_WITH_WORD = (
    "Rose Cottage", "The Old Rectory", "Holly Lodge", "Mill Farm", "Ivy Cottage",
    "The Coach House", "Brook Farmhouse", "The Old Vicarage", "Church Barn", "Orchard Cottage",
    "Yew Tree Farm", "The Granary",
)
BARE_HOUSE_NAMES = (
    "Willowbank", "Fairview", "Hillcrest", "Rosedene", "Brambles", "Treetops", "Sunnyside",
    "Greystones", "Ty Gwyn", "Woodlands", "The Laurels", "Meadowcroft", "Glenview", "Ashlea",
)
# Buildings senders put at the top of their letters.
OFFICE_BUILDINGS = ("Civic Centre", "Merrion House", "Crown House", "St James's House",
                    "Town Hall", "Riverside House", "Quarry House", "Apex Court",
                    "Kings Court", "Exchange Buildings")


@dataclass(frozen=True)
class Address:
    sub: str | None          # "Flat 3", "Apartment 27", "Ground Floor Flat"
    building: str | None     # "Beech Court", "Rose Cottage", "Willowbank"
    number: str | None       # "12", "12A", "12-14"
    street: str | None       # "Elm Road"
    locality: str | None
    town: str | None
    county: str | None
    postcode: str
    slash_flat: bool = False  # "3/12 Elm Road"


def a_postcode(rng: random.Random, town: str) -> str:
    outward = rng.choice(TOWNS[town][0].split())
    return f"{outward} {rng.randint(0, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"


def a_street(rng: random.Random, *, abbreviate: float = 0.2) -> str:
    if rng.random() < 0.05:
        return rng.choice(ONE_WORD_STREETS)
    name = rng.choice(MULTIWORD_STREET_NAMES) if rng.random() < 0.15 else rng.choice(STREET_NAMES)
    kind, abbreviations, _ = rng.choices(STREET_TYPES, weights=[t[2] for t in STREET_TYPES])[0]
    if abbreviations and rng.random() < abbreviate:
        kind = rng.choice(abbreviations)
    return f"{name} {kind}"


def a_number(rng: random.Random) -> str:
    number = str(rng.choice([rng.randint(1, 40), rng.randint(1, 40), rng.randint(1, 250)]))
    roll = rng.random()
    if roll < 0.08:
        return number + rng.choice("ABC")
    if roll < 0.13:
        return f"{number}-{int(number) + 2}"
    return number


def a_home(rng: random.Random, town: str | None = None) -> Address:
    town = town or rng.choice(list(TOWNS))
    roll = rng.random()
    sub = building = number = street = None
    slash = False
    if roll < 0.45:      # a numbered house
        number, street = a_number(rng), a_street(rng)
    elif roll < 0.62:    # a flat in a numbered house
        sub = rng.choice(["Flat {}", "Flat {}", "Apartment {}", "Flat {}"]).format(
            rng.choice([str(rng.randint(1, 30)), rng.choice("ABCDEF"), f"{rng.randint(1, 9)}B"]))
        if rng.random() < 0.1:
            sub = rng.choice(["Ground Floor Flat", "First Floor Flat", "Top Floor Flat"])
        number, street = a_number(rng), a_street(rng)
        if sub.startswith("Flat ") and sub[5:].isdigit() and rng.random() < 0.25:
            slash = True
    elif roll < 0.78:    # a flat in a named block
        sub = rng.choice(["Flat", "Apartment", "Flat", "Unit"]) + " " + rng.choice(
            [str(rng.randint(1, 120)), rng.choice("ABCDEFGH")])
        building = rng.choice(BUILDINGS)
        if rng.random() < 0.6:
            number = a_number(rng)
        street = a_street(rng)
    elif roll < 0.89:    # a named house with a building word
        building = rng.choice(HOUSES_WITH_WORD)
        street = a_street(rng) if rng.random() < 0.8 else None
    else:                # a bare house name
        building = rng.choice(BARE_HOUSE_NAMES)
        street = a_street(rng) if rng.random() < 0.6 else None
    locality = rng.choice(TOWNS[town][1].split("|")) if rng.random() < 0.45 else None
    county = COUNTY_OF.get(town) if rng.random() < 0.06 else None
    return Address(sub, building, number, street, locality, town, county, a_postcode(rng, town),
                   slash)


def an_office(rng: random.Random, town: str | None = None) -> Address:
    town = town or rng.choice(list(TOWNS))
    building = rng.choice(OFFICE_BUILDINGS) if rng.random() < 0.6 else None
    number = a_number(rng) if building is None or rng.random() < 0.5 else None
    street = a_street(rng, abbreviate=0.05)
    return Address(None, building, number, street, None, town, None, a_postcode(rng, town))


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
                sep = ", " if rng.random() < 0.05 else " "
                lines.append([(address.number, True), (sep, False), *street])
            else:
                lines.append(street)
        if fold_sub and len(lines) >= 2 and address.sub:
            first, second = lines[0], lines[1]
            lines[0:2] = [first + [(", ", False)] + second]
    if address.locality:
        lines.append([(address.locality, False)])
    if with_town and address.town:
        lines.append([(address.town, False)])
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
            postcode = (len(text), len(text) + len(piece))
        if form == "block_caps":
            piece = piece.upper()
        elif form == "inline_lower":
            piece = piece.lower()
        if needed:
            required.append((len(text), len(text) + len(piece)))
        text += piece
    return Rendered(text, required, form, postcode)
