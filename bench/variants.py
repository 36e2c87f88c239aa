"""The variant generator: the ways a letter writes her address or name (must match), and the
near misses (must not match).

Address variants: abbreviations, case, punctuation and line breaks, a typo in the street,
a garbled or missing street (postcode and number kept), missing locality, missing town,
missing postcode (number, street and town kept), flat forms ("Flat 3", "3/12", "Apt 3",
"Flat 03", "Apartment 3"), postcode spacing and OCR confusions, components in another order,
and the partial disclosure "postcode + street without the number".
Address near misses: same street another number, same building another flat, same postcode
another number; never a dwelling that is itself in the register.

Name variants: case, "SURNAME, Forename", titles, initials ("J. Smith", "Mr J A Smith"),
nicknames from the `nicknames` dataset, middle names added or dropped, one or two typos,
diacritics dropped, double-barrelled surnames split or halved, aliases (a maiden name).
Name near misses: a namesake, same surname and another forename that is neither a nickname of,
nor within a typo of, any forename registered with that surname.
"""

from __future__ import annotations

import random
import string

from nicknames import NickNamer
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler, OSA
from synthetic_register import HOUSES_PER_POSTCODE, HOUSES_PER_STREET, Dwelling, Person, TruthParty

from disclosure_guard.matching.normalise.name import normalise_name
from disclosure_guard.matching.normalise.nickname import are_nicknames
from disclosure_guard.matching.normalise.transliterate import transliterate

_NICKNAMER = NickNamer()
ABBREVIATIONS = {
    "Road": "Rd", "Street": "St", "Avenue": "Ave", "Crescent": "Cres", "Gardens": "Gdns", "Close": "Cl",
    "Drive": "Dr", "Court": "Ct", "Place": "Pl", "Terrace": "Tce", "Square": "Sq", "Lane": "Ln", "Grove": "Gr",
}  # fmt: skip
TITLES = ("Mrs", "Ms", "Miss", "Mr", "Dr", "Mx")


# ---------------------------------------------------------------- addresses


def typo(word: str, rng: random.Random, edits: int = 1) -> str:
    """`edits` random edits (swap, drop, double, substitute), never on the first letter of a
    word shorter than five, since short words with another first letter are other words."""
    for _ in range(edits):
        if len(word) < 3:
            return word
        i = rng.randrange(1, len(word) - 1)
        op = rng.choice("sdix")
        if op == "s":
            word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        elif op == "d":
            word = word[:i] + word[i + 1 :]
        elif op == "i":
            word = word[:i] + word[i] + word[i:]
        else:
            word = word[:i] + rng.choice(string.ascii_lowercase) + word[i + 1 :]
    return word


def _street_text(d: Dwelling, rng: random.Random, abbreviate: bool) -> str:
    word, kind = d.street.name.rsplit(" ", 1)
    if abbreviate and kind in ABBREVIATIONS:
        kind = ABBREVIATIONS[kind] + rng.choice(("", "."))
    return f"{word} {kind}"


def _flat_text(flat: str, number: int | None, rng: random.Random) -> tuple[str, bool]:
    """The flat as written, and whether it already carries the house number ("3/12")."""
    form = rng.choice(("flat", "flat", "apt", "apartment", "zero", "slash"))
    if form == "slash" and flat.isdigit() and number is not None:
        return f"{flat}/{number}", True
    if form == "zero" and flat.isdigit():
        return f"Flat 0{flat}", False
    return {"apt": f"Apt {flat}", "apartment": f"Apartment {flat}"}.get(form, f"Flat {flat}"), False


def _postcode_text(postcode: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.2:
        return postcode.replace(" ", "")
    if roll < 0.3:
        return postcode.lower()
    if roll < 0.4:
        # OCR: a 0 read as O or a 1 as I, wherever the postcode has one.
        swaps = [(i, {"0": "O", "1": "I", "O": "0"}[ch]) for i, ch in enumerate(postcode) if ch in "01O"]
        if swaps:
            i, ch = rng.choice(swaps)
            return postcode[:i] + ch + postcode[i + 1 :]
    return postcode


ADDRESS_FORMS = (
    "exact", "abbreviated", "typo_street", "garbled_street", "missing_street", "no_locality", "no_town",
    "no_postcode", "other_order", "newlines_caps", "postcode_street_no_number",
)  # fmt: skip


def address_variant(d: Dwelling, rng: random.Random, form: str) -> str:
    street = _street_text(d, rng, abbreviate=form == "abbreviated" or rng.random() < 0.3)
    if form == "typo_street":
        word, kind = street.rsplit(" ", 1)
        street = f"{typo(word, rng) if len(word) >= 4 else word} {kind}"
    if form == "garbled_street":
        street = typo(typo(street, rng, 2), rng, 1)
    lines: list[str] = []
    number_done = False
    if d.flat:
        flat, number_done = _flat_text(d.flat, d.number, rng)
        lines.append(flat)
    if d.house_name:
        lines.append(d.house_name)
    if form == "postcode_street_no_number":
        lines = [street]
    elif form == "missing_street":
        lines.append(str(d.number) if d.number is not None and not number_done else "")
    elif d.number is not None and not number_done:
        lines.append(f"{d.number} {street}")
    else:
        lines.append(street)
    if form not in ("no_locality", "no_town", "missing_street") and rng.random() < 0.5:
        lines.append(d.street.locality)
    postcode = _postcode_text(d.postcode, rng)
    town = d.street.town
    if form == "no_town":
        lines.append(postcode)
    elif form == "no_postcode":
        lines.append(town)
    else:
        lines.append(f"{town} {postcode}")
    lines = [line for line in lines if line]
    if form == "other_order":
        lines = [lines[-1], *lines[:-1]]
    if form == "missing_street" and d.flat and not number_done:
        lines = [f"{lines[0]}, {lines[1]}", *lines[2:]]
    # Reordered components keep their commas: "Leeds LS6 2AB 12 Elm Road" is not how anyone writes.
    separator = "\n" if form == "newlines_caps" else ", " if form == "other_order" else rng.choice((", ", ", ", " "))
    text = separator.join(lines)
    if form == "newlines_caps" or rng.random() < 0.1:
        text = text.upper()
    elif rng.random() < 0.1:
        text = text.lower()
    return text


NEAR_MISS_ADDRESS_FORMS = ("other_number", "other_flat", "same_postcode_other_number")


def address_near_miss(
    d: Dwelling, rng: random.Random, form: str, registered: set[tuple], houses: set[tuple]
) -> Dwelling | None:
    """A neighbour of `d` that is not itself registered: another flat that is not registered
    and whose house is not registered whole; another number with nothing registered in it.
    `registered` holds dwelling keys, `houses` (town, street, number) of every registered one."""
    for _ in range(30):
        if form == "other_flat":
            if not d.flat:
                return None
            flat = str(rng.randint(1, 12)) if d.flat.isdigit() else rng.choice("ABCDEFGH")
            candidate = Dwelling(d.street, d.number, flat=flat)
        elif d.number is None:
            return None
        elif form == "same_postcode_other_number":
            block = (d.number - 1) // HOUSES_PER_POSTCODE
            number = block * HOUSES_PER_POSTCODE + rng.randint(1, HOUSES_PER_POSTCODE)
            candidate = Dwelling(d.street, number, flat=d.flat)
        else:
            candidate = Dwelling(d.street, rng.randint(1, HOUSES_PER_STREET), flat=d.flat)
        town, street, number = candidate.street.town, candidate.street.name, candidate.number
        if candidate.key == d.key or candidate.key in registered or (town, street, number, None, None) in registered:
            continue
        if form == "other_flat" or (town, street, number) not in houses:
            return candidate
    return None


# ---------------------------------------------------------------- names


NAME_FORMS = (
    "exact", "case", "surname_first", "title", "initial", "title_initials", "nickname", "middle",
    "typo", "two_typos", "diacritics", "hyphen", "alias",
)  # fmt: skip


def name_variant(person: Person, rng: random.Random, form: str) -> str:
    forenames = [transliterate(f) if form == "diacritics" else f for f in person.forenames]
    surname = person.surname
    if form == "alias" and person.maiden:
        surname = person.maiden
    if form == "diacritics":
        surname = transliterate(surname)
    if "-" in surname and form == "hyphen":
        surname = rng.choice((surname.replace("-", " "), surname.split("-")[0], surname.split("-")[1]))
    first = forenames[0]
    middle = forenames[1:] if rng.random() < 0.5 else []
    if form == "middle":
        middle = [] if len(forenames) > 1 else [rng.choice(("Anne", "Louise", "Marie", "James", "Lee"))]
    if form == "nickname":
        nicknames = sorted(_NICKNAMER.nicknames_of(first))
        first = rng.choice(nicknames) if nicknames else first
    if form == "typo":
        if rng.random() < 0.5 and len(surname) >= 5:
            surname = typo(surname, rng)
        else:
            first = typo(first, rng) if len(first) >= 5 else first
    if form == "two_typos":
        surname = typo(surname, rng) if len(surname) >= 5 else surname
        first = typo(first, rng) if len(first) >= 5 else first
    first, surname = _cap(first), _cap(surname)
    middle = [_cap(m) for m in middle]
    if form == "initial":
        return f"{first[0]}{rng.choice(('.', ''))} {surname}"
    if form == "title_initials":
        initials = " ".join(n[0] for n in [first, *forenames[1:]])
        return f"{rng.choice(TITLES)} {initials} {surname}"
    if form == "surname_first":
        return rng.choice((f"{surname.upper()}, {first}", f"{surname}, {first}", f"{surname.upper()} {first}"))
    text = " ".join([first, *middle, surname])
    if form == "title":
        text = f"{rng.choice(TITLES)} {text}"
    if form == "case":
        text = rng.choice((text.upper(), text.lower()))
    return text


class Namesakes:
    """Same surname, a forename that no registered party with that surname, or with a surname
    a typo away from it, could be written as (not a nickname, not within two edits)."""

    def __init__(self, truth: list[list[TruthParty]]) -> None:
        self.by_surname: dict[str, set[str]] = {}
        for parties in truth:
            for party in parties:
                forenames = {_folded(f) for f in party.person.forenames}
                for surname in filter(None, (party.person.surname, party.person.maiden)):
                    folded = _folded(surname)
                    for barrel in {folded, *folded.split("-")}:
                        self.by_surname.setdefault(barrel, set()).update(forenames)
        self.surnames = list(self.by_surname)

    def namesake(self, person: Person, rng: random.Random, forenames: list[str]) -> str | None:
        surname = _folded(person.surname)
        taken: set[str] = set()
        for barrel in {surname, *surname.split("-"), surname.replace("-", "")}:
            for other in self._similar(barrel):
                taken |= self.by_surname[other]
        for _ in range(50):
            other = rng.choice(forenames)
            # "Anderson Ryan" may be Ryan Anderson: a forename that is also a surname is no namesake.
            if other in self.by_surname:
                continue
            if not _could_be_any(other, taken):
                return f"{_cap(other)} {_cap(person.surname)}"
        return None


    def longer_surname(self, person: Person, rng: random.Random) -> str | None:
        """Her forename and a longer surname that begins with hers ("Jane Williamson" for Jane
        Williams): another family, unless the register holds someone who could be written so."""
        first = _folded(person.forenames[0])
        # "Jackson Allenson" may be Allenson Jackson: a forename that is also a surname is out.
        if "-" in person.surname or first in self.by_surname:
            return None
        longer = _folded(person.surname) + rng.choice(("son", "ton", "ley"))
        # Her own surname is one of the similar ones by edit distance: the very rule on trial.
        similar = {s for s in self._similar(longer) if not (longer.startswith(s) and len(longer) - len(s) >= 2)}
        if any(_could_be_any(first, self.by_surname[s]) for s in similar):
            return None
        return f"{_cap(person.forenames[0])} {_cap(longer)}"

    def _similar(self, surname: str) -> set[str]:
        """The register surnames the matcher could forgive as this one: Jaro-Winkler, one
        edit, two in long ones."""
        similar = {s for s, _, _ in process.extract(
            surname, self.surnames, scorer=JaroWinkler.normalized_similarity, score_cutoff=0.85, limit=None
        )}
        similar |= {s for s, _, _ in process.extract(surname, self.surnames, scorer=OSA.distance, score_cutoff=2, limit=None)}
        return similar


def _folded(word: str) -> str:
    """A name word as the matcher reads it ("Ó Briain" -> "obriain", "Zoë" -> "zoe")."""
    return "".join(normalise_name(word).tokens)


def _could_be_any(forename: str, registered: set[str]) -> bool:
    for known in registered:
        if are_nicknames(forename, known):
            return True
        if OSA.distance(forename, known) <= 2 or JaroWinkler.similarity(forename, known) >= 0.85:
            return True
    return False


def _cap(word: str) -> str:
    return word if not word.islower() else "-".join(p.capitalize() for p in word.split("-"))
