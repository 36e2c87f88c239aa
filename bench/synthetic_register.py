"""A seeded synthetic register for the matching benchmark: people, dwellings and contact
details that look British, as plain data (the benchmark builds the register's cases from it).

Independent of the code it measures: nothing here imports from `src/`, reads `models/` or uses
the `nicknames` package. Names come from Faker's person providers in the languages of the
people UK services write to (en_GB mostly, then en_IE and ga_IE, en_IN and en_PK, pl_PL, ro_RO,
tr_TR, yo_NG, ig_NG, tw_GH, pt_PT, lt_LT), written with their own marks ("Łukasz", "Ştefan",
"Çağla", "Ailín"); streets, buildings and house names from Faker's `en_GB` providers and the
decision benchmark's hand-made UK tables (`bench/decisions/places.py`); towns and localities
are Faker's `en_GB` cities, so none of them is a place the recognizers or normalisers know.

The geography is dense on purpose: a town has 220 streets, a street 90 numbered houses, and
every run of 15 houses shares a postcode, so that at 100,000 cases the register holds many
neighbours (same street, same building, same postcode). That is what makes the near-miss half
of the benchmark hard.

    a house             "65 Parkside Grove, Thomasville, Begumfort CW5 5AP"
    a flat in a house   "Flat 8, 73 Hawthorne Crescent, Lake Ronald, Samfort BT13 1PP"
    a flat in a block   "Flat 60, Wilson Mansions, 65 Lowe Mews, South Deborah, West Terence N6 7XZ"
    a named house       "Woodside, 58 Carole Grove, Port Kathleenside, Georgechester LN7 9XS"
    people              "Leah Morton" (maiden name Marshall), "Przemysław Kuk", "Florența Stănescu",
                        "Morayo Moyosore Owolabi", "Varenya Bhanumati Oommen", "Simas Kaupas"
"""

from __future__ import annotations

import random
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from faker import Faker

sys.path.insert(0, str(Path(__file__).resolve().parent))

from decisions.places import (  # noqa: E402
    BLOCK_NAMES,
    BLOCK_SUFFIXES,
    COMPOUND_STEMS,
    HOUSE_NAMES,
    INWARD_LETTERS,
    PLAIN_STEMS,
    POSTAL_ZONES,
    STREET_TYPES,
    Dwelling,
    Street,
)

HOUSES_PER_POSTCODE = 15
STREETS_PER_TOWN = 220
HOUSES_PER_STREET = 90
TOWNS = 30
# (Faker locale, share of the register). Locales whose names Faker writes in another script
# (hi_IN, ar_AA, bn_BD) are left out: letters to UK services write them in Latin letters, and
# en_IN and en_PK give those.
ORIGINS = (
    ("en_GB", 52), ("en_IE", 4), ("ga_IE", 3), ("en_IN", 7), ("en_PK", 5), ("pl_PL", 7),
    ("ro_RO", 5), ("tr_TR", 4), ("yo_NG", 3), ("ig_NG", 2), ("tw_GH", 2), ("pt_PT", 3),
    ("lt_LT", 2), ("it_IT", 1),
)  # fmt: skip
POOL = 3000  # names drawn from each Faker provider up front, with Faker's own weights


@dataclass(frozen=True)
class Person:
    forenames: tuple[str, ...]  # first forename, then middle names
    surname: str
    female: bool
    origin: str
    maiden: str | None = None

    def written(self, surname: str | None = None, middle: bool = True) -> str:
        forenames = self.forenames if middle else self.forenames[:1]
        return " ".join((*forenames, surname or self.surname))


@dataclass(frozen=True)
class RegisteredParty:
    """What the register holds for one party, as plain strings."""

    role: str  # "protected" or "restricted"
    names: tuple[str, ...]
    address: str
    email: str
    phone: str
    date_of_birth: str  # ISO


@dataclass(frozen=True)
class TruthParty:
    """What the generator knows about a party: the register only gets `registered`."""

    person: Person
    dwelling: Dwelling
    role: str
    registered: RegisteredParty


class Geography:
    def __init__(self, faker: Faker, rng: random.Random) -> None:
        self.streets: list[Street] = []
        self._postcodes: dict[tuple[Street, int], str] = {}
        self.rng = rng
        towns = list(dict.fromkeys(faker.city() for _ in range(TOWNS * 3)))[:TOWNS]
        areas = rng.sample(POSTAL_ZONES, len(towns))
        for town, area in zip(towns, areas):
            localities = [name for name in dict.fromkeys(faker.city() for _ in range(4)) if name != town][:3]
            names: set[tuple[str, int]] = set()
            while len(names) < STREETS_PER_TOWN:
                names.add((self._stem(faker, rng), rng.randrange(len(STREET_TYPES))))
            for s, (stem, kind) in enumerate(sorted(names)):
                outward = f"{area}{1 + s % 18}"
                self.streets.append(Street(stem, kind, town, rng.choice(localities), outward))

    @staticmethod
    def _stem(faker: Faker, rng: random.Random) -> str:
        roll = rng.random()
        if roll < 0.15:
            return rng.choice(COMPOUND_STEMS)
        if roll < 0.3:
            return rng.choice(PLAIN_STEMS)
        return faker.last_name() if roll < 0.8 else faker.first_name()

    def postcode(self, street: Street, number: int | None) -> str:
        block = ((number or 1) - 1) // HOUSES_PER_POSTCODE
        if (street, block) not in self._postcodes:
            rng = random.Random(f"{street}:{block}")
            unit = rng.choice(INWARD_LETTERS) + rng.choice(INWARD_LETTERS)
            self._postcodes[street, block] = f"{street.outward} {rng.randrange(10)}{unit}"
        return self._postcodes[street, block]

    def at(self, street: Street, number: int | None, **rest: str | None) -> Dwelling:
        return Dwelling(street, number, self.postcode(street, number), **rest)

    def dwelling(self, rng: random.Random, faker_names: list[str]) -> Dwelling:
        street = rng.choice(self.streets)
        number = rng.randint(1, HOUSES_PER_STREET)
        roll = rng.random()
        if roll < 0.22:  # a flat in a house
            flat = str(rng.randint(1, 12)) if rng.random() < 0.8 else rng.choice("ABCDEF")
            return self.at(street, number, flat=flat)
        if roll < 0.30:  # a flat in a named block on a numbered plot
            building = rng.choice(BLOCK_NAMES) if rng.random() < 0.3 else f"{rng.choice(faker_names)} {rng.choice(BLOCK_SUFFIXES)}"
            return self.at(street, number, flat=str(rng.randint(1, 60)), building=building)
        if roll < 0.35:  # a named house, numbered or not
            return self.at(street, number if rng.random() < 0.5 else None, house_name=rng.choice(HOUSE_NAMES))
        return self.at(street, number)


class People:
    """Names drawn from Faker's providers, origin by origin, in pools drawn up front (Faker's
    weights kept, its speed not paid 200,000 times)."""

    def __init__(self, seed: int) -> None:
        self.pools: dict[str, dict[str, list[str]]] = {}
        for locale, _ in ORIGINS:
            faker = Faker(locale)
            faker.seed_instance(seed)
            self.pools[locale] = {
                "female": [faker.first_name_female() for _ in range(POOL)],
                "male": [faker.first_name_male() for _ in range(POOL)],
                "surname_female": [faker.last_name_female() for _ in range(POOL)],
                "surname_male": [faker.last_name_male() for _ in range(POOL)],
            }
        self.origins = [locale for locale, _ in ORIGINS]
        self.weights = [weight for _, weight in ORIGINS]
        self.forenames = sorted({n for pools in self.pools.values() for k in ("female", "male") for n in pools[k]})
        self.surnames = sorted({n for pools in self.pools.values() for k in ("surname_female", "surname_male") for n in pools[k]})

    def origin(self, rng: random.Random) -> str:
        return rng.choices(self.origins, self.weights)[0]

    def forename(self, rng: random.Random, origin: str, female: bool) -> str:
        return rng.choice(self.pools[origin]["female" if female else "male"])

    def surname(self, rng: random.Random, origin: str | None = None, female: bool = True) -> str:
        origin = origin or self.origin(rng)
        name = rng.choice(self.pools[origin]["surname_female" if female else "surname_male"])
        if rng.random() < 0.03:  # a double-barrelled surname, its second half from anywhere
            name = f"{name}-{rng.choice(self.pools[self.origin(rng)]['surname_male'])}"
        return name

    def person(self, rng: random.Random, female: bool, surname: str | None = None) -> Person:
        origin = self.origin(rng)
        forenames = [self.forename(rng, origin, female)]
        if rng.random() < 0.3:
            middle = self.forename(rng, origin, female)
            if middle != forenames[0]:
                forenames.append(middle)
        maiden = self.surname(rng, origin, female) if female and rng.random() < 0.35 else None
        return Person(tuple(forenames), surname or self.surname(rng, origin, female), female, origin, maiden)


def phone_for(n: int) -> str:
    """One number per party, as in life: a mobile for odd n, a landline for even n."""
    if n % 2:
        mobile = f"{700000000 + n // 2:09d}"
        return f"07{mobile[:3]} {mobile[3:]}"
    landline = f"{2000000 + n // 2:07d}"
    return f"0113 {landline[:3]} {landline[3:]}"


def ascii_letters(text: str) -> str:
    """Letters of a name as an e-mail address holds them ("Łukasz" -> "lukasz")."""
    text = text.translate(str.maketrans({"ł": "l", "Ł": "L", "ı": "i", "ø": "o", "ß": "ss", "đ": "d"}))
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if ch.isascii() and ch.isalpha())


def generate_register(cases: int, seed: int) -> tuple[list[list[TruthParty]], Geography, People]:
    """`cases` cases of two parties each (the protected victim, then the restricted abuser)."""
    rng = random.Random(seed)
    faker = Faker("en_GB")
    faker.seed_instance(seed)
    people = People(seed)
    geography = Geography(faker, rng)
    block_names = people.pools["en_GB"]["surname_male"]
    truth: list[list[TruthParty]] = []
    for c in range(cases):
        victim = people.person(rng, female=rng.random() < 0.85)
        abuser = people.person(rng, female=not victim.female if rng.random() < 0.9 else victim.female,
                               surname=victim.surname if rng.random() < 0.5 else None)
        parties = []
        for p, (person, role) in enumerate(((victim, "protected"), (abuser, "restricted"))):
            dwelling = geography.dwelling(rng, block_names)
            names = [person.written()]
            if person.maiden:
                names.append(person.written(surname=person.maiden))
            handle = f"{ascii_letters(person.forenames[0])[:1]}{ascii_letters(person.surname)}{c}{p}".lower()
            registered = RegisteredParty(
                role=role, names=tuple(names), address=dwelling.written(locality=rng.random() < 0.7),
                email=f"{handle}@example.org", phone=phone_for(c * 2 + p),
                date_of_birth=f"{rng.randint(1950, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            )  # fmt: skip
            parties.append(TruthParty(person, dwelling, role, registered))
        truth.append(parties)
    return truth, geography, people
