"""People and the ways their names are written on envelopes and in letters.

Forenames are drawn from the hand-written diminutive table (so most have a short form people
use) and from Faker's `en_GB` first names; surnames from Faker's `en_GB` last names. The forms:

    full                "Natasha Jane Lukas"
    title_surname       "Mrs Lukas"
    title_full          "Mrs Natasha Lukas"
    initial_surname     "N. Lukas", "N J Lukas"
    diminutive_surname  "Tash Lukas", "Bex Hart"
    surname_comma       "LUKAS, Natasha", "Lukas, Natasha Jane"
    capitals            "NATASHA LUKAS"
    alias               "Natasha Hart" (her maiden name or another registered name)
    typo                "Natahsa Lukas", "Natasha Lukass" (one letter swapped, doubled or dropped)

A namesake is another person: another forename (none of her forms, see `same_name_group`,
and not one slip of the pen from hers) with her surname, or her forename with another surname
(not one slip from any surname of her household).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from faker import Faker

from decisions.diminutives import ALL_DIMINUTIVES, FEMALE_DIMINUTIVES, MALE_DIMINUTIVES, same_name_group
from decisions.typos import one_slip_apart, typo

NAME_FORMS = (
    "full", "title_full", "initial_surname", "diminutive_surname", "surname_comma", "capitals",
    "alias", "typo",
)  # fmt: skip
# "title_surname" ("Mrs Lukas") is left out of NAME_FORMS: a surname with a title names a family,
# not one of its members, so it is used only where the item says who else is meant.


@dataclass(frozen=True)
class Person:
    forenames: tuple[str, ...]
    surname: str
    title: str
    maiden: str | None = None

    @property
    def first(self) -> str:
        return self.forenames[0]

    def written(self, surname: str | None = None) -> str:
        return " ".join((*self.forenames, surname or self.surname))

    def register_names(self) -> list[str]:
        names = [self.written()]
        if self.maiden:
            names.append(self.written(self.maiden))
        return names

    def greeting(self) -> str:
        return f"Dear {self.title} {self.surname}"


class People:
    def __init__(self, faker: Faker, rng: random.Random) -> None:
        self.faker = faker
        self.rng = rng

    def _forename(self, female: bool) -> str:
        table = FEMALE_DIMINUTIVES if female else MALE_DIMINUTIVES
        if self.rng.random() < 0.7:
            return self.rng.choice(sorted(table))
        return self.faker.first_name_female() if female else self.faker.first_name_male()

    def surname(self) -> str:
        return self.faker.last_name()

    def adult(self, female: bool, surname: str | None = None, maiden: bool = False) -> Person:
        forenames = [self._forename(female)]
        if self.rng.random() < 0.35:
            middle = self._forename(female)
            if not same_name_group(middle, forenames[0]):
                forenames.append(middle)
        if female:
            title = self.rng.choice(("Ms", "Mrs", "Miss", "Ms", "Mrs"))
        else:
            title = "Mr"
        return Person(tuple(forenames), surname or self.surname(), title, self.surname() if maiden else None)

    def child(self, surname: str, taken: list[str]) -> Person:
        female = self.rng.random() < 0.5
        for _ in range(20):
            first = self._forename(female)
            if not any(same_name_group(first, other) for other in taken):
                break
        title = "Miss" if female else "Master"
        return Person((first,), surname, title)

    def stranger(self) -> Person:
        return self.adult(self.rng.random() < 0.5)


def name_form(person: Person, form: str, rng: random.Random) -> str:
    """One way of writing `person`'s name; see the module docstring."""
    if form == "full":
        return person.written()
    if form == "title_full":
        return f"{person.title} {person.first} {person.surname}"
    if form == "title_surname":
        return f"{person.title} {person.surname}"
    if form == "initial_surname":
        initials = [f[0] for f in person.forenames]
        return rng.choice((f"{initials[0]}. {person.surname}", f"{' '.join(initials)} {person.surname}"))
    if form == "diminutive_surname":
        short = ALL_DIMINUTIVES.get(person.first)
        return f"{rng.choice(short) if short else person.first} {person.surname}"
    if form == "surname_comma":
        return rng.choice((f"{person.surname.upper()}, {person.first}", f"{person.surname}, {' '.join(person.forenames)}"))
    if form == "capitals":
        return person.written().upper()
    if form == "alias":
        return person.written(person.maiden) if person.maiden else person.written()
    if form == "typo":
        if rng.random() < 0.5 and len(person.first) > 4:
            return f"{typo(person.first, rng)} {person.surname}"
        return f"{person.first} {typo(person.surname, rng)}"
    raise ValueError(form)


def namesake(person: Person, household: list[Person], people: People, rng: random.Random) -> str:
    """Another person: a forename outside every household member's name group with her
    surname, or her forename with another surname (not one the household is registered under)."""
    surnames = {p.surname for p in household} | {p.maiden for p in household if p.maiden}
    forenames = [f for p in household for f in p.forenames]
    if rng.random() < 0.6:
        female = person.title not in ("Mr", "Master")
        for _ in range(50):
            other = people.adult(female).first
            if not any(same_name_group(other, f) or one_slip_apart(other, f) for f in forenames):
                return f"{other} {person.surname}"
    for _ in range(50):
        other = people.surname()
        if not any(one_slip_apart(other, s) or other[:4].lower() == s[:4].lower() for s in surnames):
            return f"{person.first} {other}"
    return f"Alan {people.surname()}"
