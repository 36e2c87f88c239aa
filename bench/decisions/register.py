"""A register that looks like a real one: households of a protected parent and her children,
the alleged abuser and sometimes an associate, and sometimes a trusted solicitor.

    victim      "Natasha Jane Lukas" (née Hart), Flat 3, Kingfisher Court, 12 Elm Road, ...,
                07912 345678, natasha.lukas84@hotmail.co.uk, born 1986-03-14
    children    0 to 3 at her address (60% of cases have some), each with a date of birth and a
                school ("Highfield Primary School"), mostly sharing the father's surname
    restricted  the alleged abuser ("Damian Lukas", often sharing her surname or the children's)
                at his own address; in a quarter of cases an associate (his mother or brother)
    trusted     in a third of cases her solicitor, by name and email

`Case.register_entry()` is the case as the register's import format (the JSON of
`POST /v1/register/import`), which the benchmark reads as the API does.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from faker import Faker

from decisions.contacts import Contacts
from decisions.diminutives import same_name_group
from decisions.people import People, Person
from decisions.places import Dwelling, Geography
from decisions.typos import typo

SCHOOL_KINDS = ("Primary School", "Primary Academy", "Academy", "High School", "Infant School", "C of E Primary School")


@dataclass(frozen=True)
class Child:
    person: Person
    born: date
    school: str


@dataclass
class Case:
    reference: str
    victim: Person
    home: Dwelling
    phone: str
    emails: list[str]
    born: date
    children: list[Child]
    abuser: Person
    abuser_home: Dwelling
    abuser_email: str
    abuser_phone: str
    associate: Person | None = None
    associate_home: Dwelling | None = None
    solicitor: Person | None = None
    solicitor_email: str | None = None
    locality: bool = True  # whether the register writes the locality in her address

    @property
    def protected(self) -> list[Person]:
        return [self.victim, *(c.person for c in self.children)]

    @property
    def surnames(self) -> set[str]:
        people = [*self.protected, self.abuser, *([self.associate] if self.associate else [])]
        return {p.surname.lower() for p in people} | {p.maiden.lower() for p in people if p.maiden}

    def register_entry(self) -> dict:
        address = self.home.written(self.locality)
        parties = [{
            "role": "protected", "label": "victim", "names": self.victim.register_names(),
            "addresses": [address], "emails": list(self.emails), "phones": [self.phone],
            "dates_of_birth": [self.born.isoformat()],
        }]  # fmt: skip
        for child in self.children:
            parties.append({
                "role": "protected", "label": "child", "names": child.person.register_names(),
                "addresses": [address], "dates_of_birth": [child.born.isoformat()],
                "other_identifiers": [{"kind": "school", "value": child.school}],
            })  # fmt: skip
        parties.append({
            "role": "restricted", "label": "alleged abuser", "names": self.abuser.register_names(),
            "addresses": [self.abuser_home.written()], "emails": [self.abuser_email], "phones": [self.abuser_phone],
        })  # fmt: skip
        if self.associate:
            parties.append({
                "role": "restricted", "label": "associate", "names": self.associate.register_names(),
                "addresses": [self.associate_home.written()],
            })  # fmt: skip
        entry = {"reference": self.reference, "parties": parties}
        if self.solicitor:
            entry["trusted_recipients"] = [{"name": self.solicitor.written(), "email": self.solicitor_email}]
        return entry


@dataclass
class World:
    """The generated register and the generators that made it, for the items to draw on."""

    cases: list[Case]
    faker: Faker
    rng: random.Random
    people: People
    geography: Geography
    contacts: Contacts
    dwellings: set[tuple]  # the keys of every registered dwelling
    full_names: set[tuple[str, str]]  # (any forename, surname) of every registered party, lower case

    def register(self) -> list[dict]:
        return [case.register_entry() for case in self.cases]


def school_name(faker: Faker, geography: Geography, rng: random.Random) -> str:
    stem = rng.choice((faker.last_name(), rng.choice(geography.towns).split()[-1], f"St {faker.first_name()}'s"))
    return f"{stem} {rng.choice(SCHOOL_KINDS)}"


def school_written(school: str, rng: random.Random) -> tuple[str, str]:
    """A school as a letter writes it, and how: whole ("Highfield Primary School"), without
    "School" after its kind ("Highfield Primary"), or with one word mistyped ("Highfeild
    Primary School", "Highfield Primray School")."""
    how = rng.choice(("as written", "short", "typo"))
    if how == "short" and school.endswith(" School") and len(school.split()) > 2:
        return school.removesuffix(" School"), how
    if how == "typo":
        words = school.split()
        candidates = [i for i, word in enumerate(words) if len(word) >= 4 and word.isalpha() and word != "School"]
        if candidates:
            i = rng.choice(candidates)
            words[i] = typo(words[i], rng)
            return " ".join(words), how
    return school, "as written"


def generate_world(cases: int, seed: int) -> World:
    faker = Faker("en_GB")
    faker.seed_instance(seed)
    rng = random.Random(seed)
    people, geography, contacts = People(faker, rng), Geography(faker, rng), Contacts(faker, rng)
    made: list[Case] = []
    dwellings: set[tuple] = set()

    def fresh_dwelling() -> Dwelling:
        while True:
            d = geography.dwelling()
            if d.key not in dwellings:
                dwellings.add(d.key)
                return d

    for c in range(cases):
        victim = people.adult(True, maiden=rng.random() < 0.35)
        abuser = people.adult(False, surname=victim.surname if rng.random() < 0.5 else None)
        children: list[Child] = []
        count = rng.choices((0, 1, 2, 3), (40, 25, 22, 13))[0]
        surname = abuser.surname if rng.random() < 0.7 else victim.surname
        school = school_name(faker, geography, rng)
        for k in range(count):
            person = people.child(surname, [victim.first, abuser.first, *(ch.person.first for ch in children)])
            born = date(rng.randint(2008, 2021), rng.randint(1, 12), rng.randint(1, 28))
            if k and rng.random() < 0.4:
                school = school_name(faker, geography, rng)
            children.append(Child(person, born, school))
        case = Case(
            reference=f"DA-{c:05d}",
            victim=victim,
            home=fresh_dwelling(),
            phone=contacts.mobile(),
            emails=[contacts.email(victim.first, victim.surname)] + ([contacts.email(victim.first, victim.maiden or victim.surname)] if rng.random() < 0.3 else []),
            born=date(rng.randint(1972, 2001), rng.randint(1, 12), rng.randint(1, 28)),
            children=children,
            abuser=abuser,
            abuser_home=fresh_dwelling(),
            abuser_email=contacts.email(abuser.first, abuser.surname),
            abuser_phone=contacts.mobile(),
            locality=rng.random() < 0.7,
        )
        if rng.random() < 0.25:
            female = rng.random() < 0.5
            surname = abuser.surname if rng.random() < 0.6 else None
            household = [f for p in case.protected + [abuser] for f in p.forenames]
            # His mother or brother goes by none of the household's forenames: "Joanne Bibi" at
            # his door must say which of two Joanne Bibis is meant, and the register cannot.
            while True:
                associate = people.adult(female, surname=surname)
                if not any(same_name_group(f, g) for f in associate.forenames for g in household):
                    break
            case.associate = associate
            case.associate_home = fresh_dwelling()
        if rng.random() < 0.33:
            case.solicitor = people.adult(rng.random() < 0.5)
            firm = faker.last_name().lower()
            case.solicitor_email = f"{case.solicitor.first[0].lower()}.{case.solicitor.surname.lower()}@{firm}-law.co.uk"
        made.append(case)
    # Every forename, middle names too: people go by their middle name ("Gabrielle Smith" may
    # well be Sally Gabrielle Smith), so a stranger or namesake is none of these.
    full_names = {
        (f.lower(), s.lower())
        for case in made
        for p in (*case.protected, case.abuser, *([case.associate] if case.associate else []))
        for f in p.forenames
        for s in (p.surname, p.maiden or p.surname)
    }
    return World(made, faker, rng, people, geography, contacts, dwellings, full_names)
