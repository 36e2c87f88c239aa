"""The variant generator: the ways a letter writes her address or name (must match), and the
near misses (must not match), defined by the world rather than by the matcher.

Independent of the code it measures: nothing here imports from `src/`, reads `models/`, or uses
the `nicknames` package. Address errors come from the decision benchmark's taxonomy of
data-entry errors (`bench/decisions/address_errors.py`), diminutives from its hand-made table
(`bench/decisions/diminutives.py`), slips of the keyboard and the ear and dropped diacritics
from `slips.py`.

Address variants (one form each): the address as written on an envelope ("exact"), in
capitals, the street and postcode without the house ("Elm Road, Leeds LS6 2AB": a partial
disclosure), each error of the taxonomy on its own ("12, Albert Squaare, Liverpool",
"Flat 53, The Sidings SO20 2UH", "108 Rowan Place, Liverpool L12\\n5AH"...), and two errors at
once.
Address near misses, another dwelling: another number on her street, another number at her
postcode, another flat in her building, another house name and number on her street, and her
number and street name in another town (another postcode); never a dwelling that is itself
registered, nor a house with anything registered in it. Another name alone on the street of an
unnumbered named house is printed apart ("house_name_only"), outside the near-miss figure.

Name variants: case, "SURNAME, Forename", titles, initials ("J. Smith", "Mr J A Smith"),
diminutives ("Bex Hart" for Rebecca Hart), a middle name added or dropped, one or two keyboard
slips, a sound-alike spelling ("Stevenson"), diacritics dropped ("Lukasz Wojcik"),
double-barrelled surnames split or halved, aliases (a maiden name).
Name near misses, another person: her surname with another forename, her forename with another
surname, and her forename with a longer surname that begins with hers ("Jane Williamson" for
Jane Williams). "Another" means: not one of hers, not a diminutive of hers by the independent
table, not one slip of the pen from hers (a reader could not tell that from a typo), and not a
name the register holds for anyone else who could be written so.
"""

from __future__ import annotations

import random
from dataclasses import replace

from decisions.address_errors import ERRORS, READ_THROUGH, applicable, apply, as_written, mistyped, written
from decisions.diminutives import ALL_DIMINUTIVES, same_name_group
from decisions.places import HOUSE_NAMES, Dwelling
from decisions.typos import one_slip_apart
from slips import has_marks, keyboard_slip, misheard, without_marks
from synthetic_register import HOUSES_PER_POSTCODE, HOUSES_PER_STREET, Geography, People, Person, TruthParty

FEMALE_TITLES = ("Mrs", "Ms", "Miss", "Dr", "Mx")
MALE_TITLES = ("Mr", "Dr", "Mx")

# ---------------------------------------------------------------- addresses

# A sentence wrapped inside the street, a house number OCR misread: the address recognizer reads
# them through before any matcher sees the span (it reads "139 Cedar Avenue"): bench_decisions
# judges those, whole items; here neither the forms nor "two_errors" have them.
ADDRESS_FORMS = ("exact", "capitals", "street_and_postcode", *(e for e in ERRORS if e not in READ_THROUGH),
                 "two_errors")


def address_variant(d: Dwelling, rng: random.Random, form: str) -> str | None:
    """`d` written in `form`, or None when the form does not apply to it (no flat to drop)."""
    if form == "exact":
        return as_written(d, rng)
    if form == "capitals":
        return as_written(d, rng).upper()
    if form == "street_and_postcode":
        return f"{d.street.name}, {d.street.town} {d.postcode}"
    if form == "two_errors":
        return mistyped(d, rng, errors=2, read_through=False)[0]
    w = written(d, locality=rng.random() < 0.5)
    if not applicable(form, w, d):
        return None
    apply(form, w, d, rng)
    return w.render()


def written_plainly(d: Dwelling, rng: random.Random) -> str:
    """A near miss as a careful writer puts it: whole, or with the street type shortened."""
    w = written(d, locality=rng.random() < 0.5)
    if rng.random() < 0.3 and applicable("type_abbreviated", w, d):
        apply("type_abbreviated", w, d, rng)
    return w.render()


NEAR_MISS_ADDRESS_FORMS = ("other_number", "same_postcode_other_number", "other_flat", "other_house_name", "other_town")
# Printed beside the near misses but not counted in their figure: a house of another name on the
# street and postcode of an unnumbered named house. Another dwelling to a reader, but the issue
# defines a named house's neighbour as another name *and* another number, so it is shown as a
# finding rather than scored.
HOUSE_NAME_ONLY = "house_name_only"


class Neighbours:
    """Dwellings near a registered one that are not themselves registered."""

    def __init__(self, truth: list[list[TruthParty]], geography: Geography) -> None:
        self.geography = geography
        self.registered = {party.dwelling.key for parties in truth for party in parties}
        # (street, number) of every registered dwelling, and of those registered whole: a letter
        # to "12 Elm Road" is to everyone registered in it, "Flat 4, 12 Elm Road" is to a house
        # registered whole.
        self.houses = {k[:4] for k in self.registered}
        self.whole_houses = {k[:4] for k in self.registered if k[4] is None}
        self.names = {(k[:3], k[6]) for k in self.registered if k[6]}

    def near(self, d: Dwelling, rng: random.Random, form: str) -> Dwelling | None:
        street, at = d.street, self.geography.at
        house = (street.stem, street.street_type, street.town)
        for _ in range(30):
            if form == "other_flat":
                if not d.flat:
                    return None
                flats = [str(n) for n in range(1, 13 if not d.building else 61)] if d.flat.isdigit() else list("ABCDEFGH")
                candidate = replace(d, flat=rng.choice(flats))
                if candidate.key == d.key or candidate.key in self.registered or (*house, d.number) in self.whole_houses:
                    continue
                return candidate
            if form in ("other_house_name", HOUSE_NAME_ONLY):
                if not d.house_name or (d.number is None) != (form == HOUSE_NAME_ONLY):
                    return None
                name = rng.choice([h for h in HOUSE_NAMES if h != d.house_name])
                number = None if d.number is None else rng.randint(1, HOUSES_PER_STREET)
                candidate = at(street, number, house_name=name)
                if (house, name) in self.names or (number is not None and (*house, number) in self.houses):
                    continue
                return candidate
            if form == "other_town":
                elsewhere = rng.choice(self.geography.streets)
                if elsewhere.town == street.town:
                    continue
                twin = replace(elsewhere, stem=street.stem, street_type=street.street_type)
                candidate = replace(d, street=twin, postcode=self.geography.postcode(twin, d.number))
                if candidate.key in self.registered or (candidate.key[:4]) in self.houses:
                    continue
                return candidate
            if d.number is None:
                return None
            if form == "same_postcode_other_number":
                block = (d.number - 1) // HOUSES_PER_POSTCODE
                number = block * HOUSES_PER_POSTCODE + rng.randint(1, HOUSES_PER_POSTCODE)
            else:
                number = rng.randint(1, HOUSES_PER_STREET)
            # Another number is another house: a flat number stays only in a house of flats.
            candidate = at(street, number, flat=d.flat if d.flat and not d.building else None)
            if number == d.number or (*house, number) in self.houses:
                continue
            return candidate
        return None


# ---------------------------------------------------------------- names


NAME_FORMS = (
    "exact", "case", "surname_first", "title", "initial", "title_initials", "diminutive", "middle",
    "typo", "two_typos", "misheard", "diacritics", "hyphen", "alias",
)  # fmt: skip


def name_variant(person: Person, rng: random.Random, form: str, people: People) -> str | None:
    """`person`'s name written in `form`, or None when the form does not apply to her (no
    diminutive in the table, no diacritics, no hyphen, no maiden name)."""
    forenames, surname = list(person.forenames), person.surname
    first = forenames[0]
    middle = forenames[1:] if rng.random() < 0.5 else []
    if form == "diminutive":
        short = ALL_DIMINUTIVES.get(first)
        if not short:
            return None
        first, middle = rng.choice(short), []
    elif form == "middle":
        if len(forenames) > 1:
            middle = []
        else:
            extra = people.forename(rng, person.origin, person.female)
            if same_name_group(extra, first):
                return None
            middle = [extra]
    elif form == "typo":
        if len(surname) >= 5 and (rng.random() < 0.5 or len(first) < 5):
            surname = keyboard_slip(surname, rng)
        elif len(first) >= 5:
            first = keyboard_slip(first, rng)
        else:
            return None
    elif form == "two_typos":
        if len(surname) < 5 or len(first) < 5:
            return None
        surname, first = keyboard_slip(surname, rng), keyboard_slip(first, rng)
    elif form == "misheard":
        words = [("surname", surname), ("first", first)]
        rng.shuffle(words)
        for which, word in words:
            heard = misheard(word, rng)
            if heard:
                surname, first = (heard, first) if which == "surname" else (surname, heard)
                break
        else:
            return None
    elif form == "diacritics":
        if not has_marks(" ".join([*forenames, surname])):
            return None
        first, surname = without_marks(first, rng), without_marks(surname, rng)
        middle = [without_marks(m, rng) for m in middle]
    elif form == "hyphen":
        if "-" not in surname:
            return None
        halves = surname.split("-")
        surname = rng.choice((" ".join(halves), halves[0], halves[1]))
    elif form == "alias":
        if not person.maiden:
            return None
        surname = person.maiden
    if form == "initial":
        return f"{first[0]}{rng.choice(('.', ''))} {surname}"
    if form == "title_initials":
        initials = " ".join(n[0] for n in forenames)
        return f"{_title(person, rng)} {initials} {surname}"
    if form == "surname_first":
        return rng.choice((f"{surname.upper()}, {first}", f"{surname}, {first}", f"{surname.upper()} {first}"))
    text = " ".join([first, *middle, surname])
    if form == "title":
        text = f"{_title(person, rng)} {text}"
    if form == "case":
        text = rng.choice((text.upper(), text.lower()))
    return text


def _title(person: Person, rng: random.Random) -> str:
    return rng.choice(FEMALE_TITLES if person.female else MALE_TITLES)


NEAR_MISS_NAME_FORMS = ("namesake", "namesake_surname", "longer_surname")


class Namesakes:
    """Other people: names nobody on the register could be written as."""

    def __init__(self, truth: list[list[TruthParty]], people: People) -> None:
        self.people = people
        # Every registered surname (and each barrel of a double one) to the forenames
        # registered with it.
        self.by_surname: dict[str, set[str]] = {}
        for parties in truth:
            for party in parties:
                forenames = {folded(f) for f in party.person.forenames}
                for surname in filter(None, (party.person.surname, party.person.maiden)):
                    whole = folded(surname)
                    for barrel in {whole, *whole.split("-"), whole.replace("-", "")}:
                        self.by_surname.setdefault(barrel, set()).update(forenames)
        self.by_length: dict[int, list[str]] = {}
        for surname in self.by_surname:
            self.by_length.setdefault(len(surname), []).append(surname)

    def namesake(self, person: Person, rng: random.Random) -> str | None:
        """Her surname with a forename that no one registered under it, or under a surname one
        slip from it, could be written as."""
        taken = self._forenames_near(person.surname)
        for _ in range(50):
            other = self.people.forename(rng, self.people.origin(rng), person.female)
            # "Anderson Ryan" may be Ryan Anderson: a forename that is also a surname is no namesake.
            if folded(other) in self.by_surname or _could_be_any(other, taken):
                continue
            return f"{other} {person.surname}"
        return None

    def other_surname(self, person: Person, rng: random.Random) -> str | None:
        """Her forename with a surname under which no one with a form of her forename is
        registered (nor under one a slip from it)."""
        first = person.forenames[0]
        if folded(first) in self.by_surname:
            return None
        for _ in range(50):
            other = self.people.surname(rng, self.people.origin(rng), person.female)
            if folded(other) == folded(person.surname) or _could_be_any(first, self._forenames_near(other)):
                continue
            return f"{first} {other}"
        return None

    def longer_surname(self, person: Person, rng: random.Random) -> str | None:
        """Her forename and a longer surname that begins with hers ("Jane Williamson" for Jane
        Williams): another family, unless the register holds someone who could be written so."""
        first = person.forenames[0]
        if "-" in person.surname or " " in person.surname or folded(first) in self.by_surname:
            return None
        longer = person.surname + rng.choice(("son", "ton", "ley"))
        if _could_be_any(first, self._forenames_near(longer)):
            return None
        return f"{first} {longer}"

    def _forenames_near(self, surname: str) -> set[str]:
        """The forenames registered with this surname or one a slip from it, barrel by barrel."""
        whole = folded(surname)
        taken: set[str] = set()
        for barrel in {whole, *whole.split("-"), whole.replace("-", "")}:
            for length in (len(barrel) - 1, len(barrel), len(barrel) + 1):
                for other in self.by_length.get(length, ()):
                    if one_slip_apart(barrel, other):
                        taken |= self.by_surname[other]
        return taken


def folded(word: str) -> str:
    """A name word as a reader compares it: without case, marks, spaces or apostrophes."""
    return "".join(ch for ch in without_marks(word).lower() if ch.isalpha() or ch == "-")


def _could_be_any(forename: str, registered: set[str]) -> bool:
    mine = folded(forename)
    return any(same_name_group(mine, known) or one_slip_apart(mine, known) for known in registered)
