"""Dwellings on streets in towns, as a register and a letter would hold them, and their
neighbours. Street names, towns, localities and postcodes come from Faker's `en_GB` providers;
the UK street types and the names of houses and blocks of flats are written by hand here.

    a house             "12 Cedar Avenue, Didsbury, North Holly L12 5AH"
    a flat in a block   "Flat 53, The Sidings, 4 Station Road, Stockton SO20 2UH"
    a flat in a house   "Flat 2, 139 Cedar Avenue, Wigan WN6 9YZ"
    a named house       "The Coach House, 73 School Road, Hull HU5 3RT", "Rose Cottage, Mill Lane, ..."

A neighbour is another dwelling: another number on the same street (often at the same
postcode), another flat in the same building, another house name on the same street.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from faker import Faker
from faker.providers.address.en_GB import Provider as FakerAddresses

# (written form, abbreviations people use, misspellings people make)
STREET_TYPES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("Road", ("Rd", "Rd."), ("Raod", "Rode")),
    ("Street", ("St", "St."), ("Steet", "Sreet", "Streeet")),
    ("Avenue", ("Ave", "Av", "Ave."), ("Avenu", "Aveune", "Avnue")),
    ("Crescent", ("Cres", "Cresc"), ("Cresent", "Crescant")),
    ("Close", ("Cl",), ("Colse",)),
    ("Drive", ("Dr", "Drv"), ("Dirve", "Drvie")),
    ("Lane", ("Ln",), ("Lnae",)),
    ("Terrace", ("Tce", "Terr"), ("Terace", "Terrance")),
    ("Gardens", ("Gdns", "Gdn"), ("Gardns", "Gardnes")),
    ("Grove", ("Gr", "Gro"), ("Grvoe",)),
    ("Place", ("Pl",), ("Plcae", "Plaace")),
    ("Square", ("Sq",), ("Sqaure", "Squaare")),
    ("Court", ("Ct",), ("Cout",)),
    ("Way", (), ("Wya",)),
    ("Walk", ("Wlk",), ("Wakl",)),
    ("Mews", (), ("Mewes",)),
    ("Park", ("Pk",), ("Prak",)),
    ("Rise", (), ("Rsie",)),
    ("View", (), ("Veiw",)),
    ("Row", (), ()),
)  # fmt: skip
# Street stems that are two words run together: the data-entry error of splitting them.
COMPOUND_STEMS = (
    "Highfield", "Westfield", "Springfield", "Woodland", "Moorside", "Brookside", "Oakwood",
    "Ashgrove", "Fairview", "Parkside", "Hillcrest", "Greenbank", "Southgate", "Northgate",
    "Kingsway", "Beechwood", "Elmwood", "Hawthorne", "Riverside", "Meadowbank",
)  # fmt: skip
PLAIN_STEMS = (
    "Cedar", "Birch", "Rowan", "Albert", "School", "Church", "Mill", "Station", "Victoria",
    "Chapel", "Market", "Queens", "Orchard", "Willow", "Holly", "Laburnum", "Sycamore", "Alder",
)  # fmt: skip
HOUSE_NAMES = (
    "The Coach House", "The Stables", "Rose Cottage", "Orchard House", "The Old Rectory",
    "Fern Bank", "Holly Lodge", "The Laurels", "Ivy Cottage", "The Old Forge", "Meadow View",
    "The Granary", "Willow Barn", "Hillside", "The Bungalow", "Tanglewood", "Brook House",
    "The Old School House", "Greystones", "Primrose Cottage", "The Beeches", "Woodside",
    "Lilac Cottage", "The Old Bakery", "Sunnyside", "Westwinds", "Pear Tree Cottage",
)  # fmt: skip
BLOCK_SUFFIXES = ("Court", "House", "Lodge", "Mansions", "Heights", "Point", "Place")
POSTAL_ZONES = tuple(FakerAddresses.POSTAL_ZONES)
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the letters Royal Mail uses at the end of a postcode
OCR_CONFUSIONS = {"O": "0", "0": "O", "I": "1", "1": "I", "S": "5", "5": "S", "B": "8", "8": "B"}
BLOCK_NAMES = ("The Sidings", "The Maltings", "The Wharf", "The Mill", "The Foundry", "The Granary")


@dataclass(frozen=True)
class Street:
    stem: str
    street_type: int  # index into STREET_TYPES
    town: str
    locality: str | None
    outward: str  # the postcode district

    @property
    def name(self) -> str:
        return f"{self.stem} {STREET_TYPES[self.street_type][0]}"


@dataclass(frozen=True)
class Dwelling:
    street: Street
    number: int | None
    postcode: str
    flat: str | None = None
    building: str | None = None  # the block's name ("Kingfisher Court", "The Sidings")
    house_name: str | None = None  # a named house ("The Coach House")

    @property
    def key(self) -> tuple:
        """What makes it this dwelling and no other."""
        s = self.street
        return (s.stem, s.street_type, s.town, self.number, self.flat, self.building, self.house_name)

    def lines(self, locality: bool = True) -> list[str]:
        out: list[str] = []
        if self.flat:
            out.append(f"Flat {self.flat}")
        if self.building:
            out.append(self.building)
        if self.house_name:
            out.append(self.house_name)
        out.append(f"{self.number} {self.street.name}" if self.number is not None else self.street.name)
        if locality and self.street.locality:
            out.append(self.street.locality)
        out.append(self.street.town)
        out.append(self.postcode)
        return out

    def written(self, locality: bool = True) -> str:
        """The register's form: "Flat 3, Kingfisher Court, 12 Elm Road, Didsbury, Leeds LS6 2AB"."""
        lines = self.lines(locality)
        return ", ".join(lines[:-2]) + f", {lines[-2]} {lines[-1]}"


class Geography:
    """Streets made on demand; every 12 numbers of a street share a postcode, as in life."""

    def __init__(self, faker: Faker, rng: random.Random) -> None:
        self.faker = faker
        self.rng = rng
        self.towns = [faker.city() for _ in range(60)]
        self._postcodes: dict[tuple, str] = {}

    def street(self) -> Street:
        roll = self.rng.random()
        if roll < 0.2:
            stem = self.rng.choice(COMPOUND_STEMS)
        elif roll < 0.4:
            stem = self.rng.choice(PLAIN_STEMS)
        else:
            stem = self.faker.last_name() if self.rng.random() < 0.7 else self.faker.first_name()
        town = self.rng.choice(self.towns)
        locality = self.faker.city() if self.rng.random() < 0.5 else None
        outward = self.outward()
        return Street(stem, self.rng.randrange(len(STREET_TYPES)), town, locality, outward)

    def outward(self) -> str:
        """A district in one of Faker's real postcode areas ("LS6", "SO20", "L12"); Faker's own
        postcodes are shaped like postcodes but many name no area ("S0K", "HS64")."""
        area = self.rng.choice(POSTAL_ZONES)
        return f"{area}{self.rng.randint(1, 20 if len(area) == 2 else 30)}"

    def postcode(self, street: Street, number: int | None) -> str:
        block = (street, (number or 0) // 12)
        if block not in self._postcodes:
            inward = f"{self.rng.randint(1, 9)}{''.join(self.rng.choices(INWARD_LETTERS, k=2))}"
            self._postcodes[block] = f"{street.outward} {inward}"
        return self._postcodes[block]

    def dwelling(self, street: Street | None = None) -> Dwelling:
        street = street or self.street()
        rng = self.rng
        roll = rng.random()
        number = rng.randint(1, 180)
        if roll < 0.55:
            return Dwelling(street, number, self.postcode(street, number))
        if roll < 0.70:  # a flat in a house
            return Dwelling(street, number, self.postcode(street, number), flat=rng.choice(("1", "2", "3", "A", "B", "C")))
        if roll < 0.85:  # a flat in a named block
            building = rng.choice(BLOCK_NAMES) if rng.random() < 0.3 else f"{self.faker.last_name()} {rng.choice(BLOCK_SUFFIXES)}"
            return Dwelling(street, number, self.postcode(street, number), flat=str(rng.randint(1, 60)), building=building)
        house = rng.choice(HOUSE_NAMES)
        if rng.random() < 0.5:
            return Dwelling(street, number, self.postcode(street, number), house_name=house)
        return Dwelling(street, None, self.postcode(street, None), house_name=house)

    def neighbour(self, home: Dwelling, taken: set[tuple]) -> Dwelling | None:
        """Another dwelling near `home`: another flat in her building, another number on her
        street, or another house name there. None when every try is a registered dwelling."""
        rng = self.rng
        for _ in range(20):
            if home.flat:
                flats = [str(n) for n in range(1, 61)] if home.flat.isdigit() else list("ABCDEF")
                other = replace(home, flat=rng.choice([f for f in flats if f != home.flat]))
            elif home.house_name and home.number is None:
                name = rng.choice([h for h in HOUSE_NAMES if h != home.house_name])
                other = replace(home, house_name=name)
            elif home.house_name:
                # A named house with a number is that number: the house next door has another
                # number, and another name or none.
                number = max(1, home.number + rng.choice((-4, -2, -1, 1, 2, 4)))
                name = rng.choice([None, *(h for h in HOUSE_NAMES if h != home.house_name)])
                other = replace(home, number=number, house_name=name, postcode=self.postcode(home.street, number))
            else:
                number = max(1, home.number + rng.choice((-4, -2, -1, 1, 2, 4, 6, 10)))
                other = replace(home, number=number, postcode=self.postcode(home.street, number))
            if other.key != home.key and other.key not in taken:
                return other
        return None

