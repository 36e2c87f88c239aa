"""A seeded synthetic register: people, dwellings and contact details that look British.

The geography is dense on purpose: towns have streets, streets have numbered houses and flats,
and every run of about fifteen houses shares a postcode, so that at 100,000 cases the register
holds many neighbours (same street, same building, same postcode). That is what makes the
near-miss half of the benchmark hard.

Forenames come from the `nicknames` dataset (so that a nickname variant exists for most of
them); surnames follow a long-tailed distribution in which "Smith" is common, as in life.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from nicknames import NickNamer

from disclosure_guard.types import Party, PartyRole, RegisterCase

SURNAMES = (
    "smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson "
    "thompson wright walker white edwards hughes green hall lewis harris clarke patel jackson "
    "wood turner martin cooper hill ward morris moore clark lee king baker harrison morgan allen "
    "james scott phillips watson davis parker price bennett young griffiths mitchell kelly cook "
    "carter richardson bailey collins bell shaw murphy miller cox richards khan marshall anderson "
    "simpson ellis adams singh begum wilkinson foster chapman powell webb rogers gray mason ali "
    "hunt hussain campbell matthews owen palmer holmes mills barnes knight lloyd butler russell "
    "barker fisher stevens jenkins murray dixon harvey graham pearson ahmed fletcher walsh kaur "
    "gibson howard andrews stewart elliott reynolds saunders payne fox ford pearce day brooks "
    "west lawrence cole atkinson bradley spencer gill dawson ball burton obrien watts rose booth "
    "perry ryan grant wells armstrong francis rees hayes hart hudson newman barrett webster "
    "hunter gregory carr lowe page marsh riley dunn woods parsons berry stone reid holland "
    "hawkins harding porter robertson newton oconnor kennedy nowak kowalski okafor mensah "
    "fitzgerald macdonald mackenzie ashworth pemberton whitfield crossley thornton"
).split()
# Written with their marks in the register; letters often drop them.
DIACRITIC_SURNAMES = ("Núñez", "Müller", "Kowalczyk", "Lindqvist", "Ó Briain", "Søndergaard", "Dvořák")
DIACRITIC_FORENAMES = ("Zoë", "Renée", "Siobhán", "Łukasz", "José", "Chloë", "Agnieszka", "Björn", "Aoife")

STREET_WORDS = (
    "elm oak ash beech birch cedar maple willow holly hazel church mill station victoria albert "
    "queens kings park manor grange priory abbey castle bridge market chapel school orchard "
    "meadow brook river forest heath moor hill valley spring well fountain cross windmill "
    "wellington nelson cromwell stanley clarence cambridge oxford york lancaster chester "
    "richmond warwick salisbury windsor gloucester devonshire portland grosvenor belgrave "
    "highfield westfield northfield southfield fairfield greenfield broadway harrow chestnut "
    "sycamore laburnum acacia poplar rowan alder juniper larch linden hawthorn primrose "
    "bluebell lavender heather clover ivy laurel myrtle woodland hillside riverside lakeside "
    "shaftesbury kensington hampton ashby burley headingley roundhay moortown kirkstall "
    "armley beeston hunslet chapeltown harehills gipton seacroft halton"
).split()
STREET_TYPES = (
    "Road", "Street", "Avenue", "Crescent", "Gardens", "Close", "Drive", "Court", "Place",
    "Terrace", "Square", "Lane", "Grove", "Way", "Walk", "Mews", "Rise", "View",
)  # fmt: skip
# (town, postcode area, localities)
TOWNS = (
    ("Leeds", "LS", ("Headingley", "Chapel Allerton", "Armley", "Roundhay")),
    ("Bradford", "BD", ("Manningham", "Shipley", "Idle")),
    ("Manchester", "M", ("Didsbury", "Chorlton", "Levenshulme", "Ancoats")),
    ("Sheffield", "S", ("Crookes", "Hillsborough", "Sharrow")),
    ("Birmingham", "B", ("Edgbaston", "Moseley", "Erdington", "Aston")),
    ("Bristol", "BS", ("Clifton", "Bedminster", "Easton")),
    ("Liverpool", "L", ("Anfield", "Everton", "Wavertree")),
    ("Newcastle upon Tyne", "NE", ("Jesmond", "Heaton", "Byker")),
    ("Nottingham", "NG", ("Sneinton", "Lenton", "Beeston")),
    ("Leicester", "LE", ("Aylestone", "Belgrave", "Evington")),
    ("Cardiff", "CF", ("Canton", "Roath", "Splott")),
    ("Glasgow", "G", ("Partick", "Govan", "Shawlands")),
    ("Edinburgh", "EH", ("Leith", "Morningside", "Portobello")),
    ("York", "YO", ("Acomb", "Heworth", "Clifton")),
    ("Southampton", "SO", ("Shirley", "Portswood", "Bitterne")),
    ("Norwich", "NR", ("Eaton", "Lakenham", "Thorpe")),
    ("Exeter", "EX", ("Heavitree", "Pennsylvania", "St Thomas")),
    ("Oxford", "OX", ("Headington", "Cowley", "Jericho")),
    ("Cambridge", "CB", ("Chesterton", "Romsey", "Trumpington")),
    ("Hull", "HU", ("Hessle", "Anlaby", "Sutton")),
    ("Plymouth", "PL", ("Stoke", "Mutley", "Plympton")),
    ("Derby", "DE", ("Allestree", "Littleover", "Chaddesden")),
    ("Preston", "PR", ("Fulwood", "Ashton", "Ribbleton")),
    ("Wakefield", "WF", ("Outwood", "Sandal", "Ossett")),
    ("Huddersfield", "HD", ("Lindley", "Marsh", "Almondbury")),
    ("Stockport", "SK", ("Heaton Moor", "Cheadle", "Bramhall")),
    ("Bolton", "BL", ("Farnworth", "Horwich", "Halliwell")),
    ("Reading", "RG", ("Caversham", "Earley", "Tilehurst")),
    ("Brighton", "BN", ("Hove", "Kemptown", "Preston Park")),
    ("Coventry", "CV", ("Earlsdon", "Tile Hill", "Foleshill")),
)  # fmt: skip
# Rarer surnames are made from these halves ("Ashworth", "Kingsley"): most people do not share
# their surname with hundreds of others on the register.
SURNAME_HEADS = (
    "ash", "black", "brad", "brook", "chad", "craw", "dal", "east", "fair", "gold", "green", "hal",
    "hather", "king", "lang", "mar", "north", "oak", "pen", "rad", "red", "shel", "south", "stan",
    "thorn", "wake", "west", "whit", "wood", "brom", "cal", "dun", "elm", "hart", "holl", "kirk",
)
SURNAME_TAILS = (
    "worth", "ley", "ton", "field", "ford", "by", "well", "wood", "ham", "combe", "shaw", "more",
    "den", "hurst", "stone", "bridge", "wick", "thwaite",
)
HOUSE_NAMES = (
    "Rose Cottage", "Ivy Cottage", "The Old Rectory", "Orchard House", "Mill House", "The Barn",
    "Holly Lodge", "Meadow View", "The Laurels", "Brook Farm", "Willow Cottage", "The Coach House",
    "Fern Bank", "Hillcrest", "Stable Cottage", "The Granary",
)  # fmt: skip
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
HOUSES_PER_POSTCODE = 15
STREETS_PER_TOWN = 220
HOUSES_PER_STREET = 90

_NICKNAMER = NickNamer()


@dataclass(frozen=True)
class Street:
    town: str
    locality: str
    name: str  # "Elm Road"
    outward: str  # "LS6"
    sector: int
    seed: int

    def postcode(self, number: int) -> str:
        block = (number - 1) // HOUSES_PER_POSTCODE
        rng = random.Random(self.seed * 1009 + block)
        unit = rng.choice(INWARD_LETTERS) + rng.choice(INWARD_LETTERS)
        return f"{self.outward} {(self.sector + block) % 10}{unit}"


@dataclass(frozen=True)
class Dwelling:
    street: Street
    number: int | None
    flat: str | None = None  # "3" or "C"
    house_name: str | None = None

    @property
    def key(self) -> tuple:
        return (self.street.town, self.street.name, self.number, self.flat, self.house_name)

    @property
    def postcode(self) -> str:
        return self.street.postcode(self.number or 1)


@dataclass(frozen=True)
class Person:
    forenames: tuple[str, ...]  # first forename, then middle names
    surname: str
    maiden: str | None = None

    def written(self, surname: str | None = None, middle: bool = True) -> str:
        forenames = self.forenames if middle else self.forenames[:1]
        return " ".join((*(f.title() if f.islower() else f for f in forenames), _title(surname or self.surname)))


@dataclass(frozen=True)
class TruthParty:
    """What the generator knows about a party: the register only gets formatted strings."""

    person: Person
    dwelling: Dwelling
    role: PartyRole


class Geography:
    def __init__(self, rng: random.Random) -> None:
        self.streets: list[Street] = []
        for t, (town, area, localities) in enumerate(TOWNS):
            names = rng.sample([(w, k) for w in STREET_WORDS for k in STREET_TYPES], STREETS_PER_TOWN)
            for s, (word, kind) in enumerate(names):
                district = 1 + s % 18
                self.streets.append(
                    Street(
                        town=town,
                        locality=rng.choice(localities),
                        name=f"{word.title()} {kind}",
                        outward=f"{area}{district}",
                        sector=rng.randrange(10),
                        seed=t * 10_000 + s,
                    )
                )

    def dwelling(self, rng: random.Random) -> Dwelling:
        street = rng.choice(self.streets)
        roll = rng.random()
        number = rng.randint(1, HOUSES_PER_STREET)
        if roll < 0.25:
            flat = str(rng.randint(1, 12)) if rng.random() < 0.8 else rng.choice("ABCDEF")
            return Dwelling(street, number, flat=flat)
        if roll < 0.30:
            return Dwelling(street, None, house_name=rng.choice(HOUSE_NAMES))
        return Dwelling(street, number)


def format_address(d: Dwelling, locality: bool = True) -> str:
    parts = []
    if d.flat:
        parts.append(f"Flat {d.flat}")
    if d.house_name:
        parts.append(d.house_name)
    parts.append(f"{d.number} {d.street.name}" if d.number is not None else d.street.name)
    if locality:
        parts.append(d.street.locality)
    parts.append(f"{d.street.town} {d.postcode}")
    return ", ".join(parts)


class People:
    def __init__(self, rng: random.Random) -> None:
        forenames = sorted(
            n for n in _NICKNAMER.nickname_lookup if n.isalpha() and len(n) >= 3 and _NICKNAMER.nicknames_of(n)
        )
        self.forenames = forenames
        # Long-tailed: the k-th common surname is about k^-0.6 as common as "Smith", which
        # ends up near 2% of the register (1.3% of the UK), the worst case for a lone surname.
        self.surname_weights = [1 / (k + 1) ** 0.6 for k in range(len(SURNAMES))]

    def forename(self, rng: random.Random) -> str:
        return rng.choice(DIACRITIC_FORENAMES) if rng.random() < 0.02 else rng.choice(self.forenames)

    def surname(self, rng: random.Random) -> str:
        if rng.random() < 0.02:
            return rng.choice(DIACRITIC_SURNAMES)
        if rng.random() < 0.55:
            first = rng.choice(SURNAME_HEADS) + rng.choice(SURNAME_TAILS)
        else:
            first = rng.choices(SURNAMES, self.surname_weights)[0]
        if rng.random() < 0.04:
            return f"{first}-{rng.choice(SURNAMES)}"
        return first

    def person(self, rng: random.Random, surname: str | None = None) -> Person:
        forenames = [self.forename(rng)]
        if rng.random() < 0.3:
            forenames.append(self.forename(rng))
        maiden = self.surname(rng) if rng.random() < 0.3 else None
        return Person(tuple(forenames), surname or self.surname(rng), maiden)


def _title(surname: str) -> str:
    if not surname.islower():
        return surname
    fixed = {"obrien": "O'Brien", "oconnor": "O'Connor", "macdonald": "MacDonald", "mackenzie": "MacKenzie"}
    return "-".join(fixed.get(p, p.title()) for p in surname.split("-"))


def phone_for(n: int) -> str:
    """One number per party, as in life: a mobile for odd n, a Leeds landline for even n."""
    if n % 2:
        mobile = f"{700000000 + n // 2:09d}"
        return f"07{mobile[:3]} {mobile[3:]}"
    landline = f"{2000000 + n // 2:07d}"
    return f"0113 {landline[:3]} {landline[3:]}"


def generate_register(cases: int, seed: int) -> tuple[list[RegisterCase], list[list[TruthParty]], Geography, People]:
    rng = random.Random(seed)
    geography, people = Geography(rng), People(rng)
    register: list[RegisterCase] = []
    truth: list[list[TruthParty]] = []
    for c in range(cases):
        victim = people.person(rng)
        abuser = people.person(rng, surname=victim.surname if rng.random() < 0.5 else None)
        parties, truths = [], []
        for p, (person, role) in enumerate(((victim, PartyRole.PROTECTED), (abuser, PartyRole.RESTRICTED))):
            dwelling = geography.dwelling(rng)
            names = [person.written()]
            if person.maiden:
                names.append(person.written(surname=person.maiden))
            handle = f"{person.forenames[0][:1]}{_ascii(person.surname)}{c}{p}".lower()
            parties.append(
                Party(
                    role=role,
                    names=tuple(names),
                    addresses=(format_address(dwelling, locality=rng.random() < 0.7),),
                    emails=(f"{handle}@example.org",),
                    phones=(phone_for(c * 2 + p),),
                    dates_of_birth=(f"{rng.randint(1950, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",),
                )
            )
            truths.append(TruthParty(person, dwelling, role))
        register.append(RegisterCase(reference=f"DG-{c:06d}", parties=tuple(parties)))
        truth.append(truths)
    return register, truth, geography, people


def _ascii(text: str) -> str:
    from disclosure_guard.matching.normalise.transliterate import transliterate

    return "".join(ch for ch in transliterate(text) if ch.isalpha())
