"""The register, normalised once and blocked, so that a letter is compared with a few
candidate parties rather than the whole register.

Every value is normalised at build time with the same normaliser the submitted text goes
through, and filed under blocking keys (see postings.py; names in name_index.py). A lookup
returns candidates only; the scorers decide whether a candidate matches.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from disclosure_guard.matching.normalise.address import (
    AddressComponents,
    normalise_street_type,
    parse_address,
    street_name_of,
    street_type_of,
)
from disclosure_guard.matching.normalise.date import normalise_date
from disclosure_guard.matching.normalise.email import normalise_email
from disclosure_guard.matching.normalise.identifier import (
    COMMON_IDENTIFIER_WORDS,
    IdentifierForm,
    normalise_identifier,
    written_short,
)
from disclosure_guard.matching.normalise.name import PersonName, normalise_name
from disclosure_guard.matching.normalise.phone import normalise_phone
from disclosure_guard.matching.normalise.phonetic import soundex
from disclosure_guard.matching.normalise.postcode import outward_code
from disclosure_guard.matching.name_index import NameIndex
from disclosure_guard.matching.postings import Postings
from disclosure_guard.types import Gazetteer, PartyRef, RegisterCase


@dataclass(frozen=True)
class PartyEntry:
    ref: PartyRef
    names: tuple[PersonName, ...]
    addresses: tuple[AddressComponents, ...]
    # Tuples, not frozensets: a one-element frozenset costs 216 bytes, times 600,000 values.
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    dates_of_birth: tuple[str, ...]
    identifiers: tuple[IdentifierForm, ...]


@dataclass(frozen=True)
class TrustedEntry:
    case_reference: str
    name: PersonName | None
    email: str | None
    address: AddressComponents | None


class RegisterIndex:
    def __init__(
        self,
        version: int,
        case_count: int,
        parties: list[PartyEntry],
        trusted: list[TrustedEntry],
        gazetteer: Gazetteer,
    ) -> None:
        self.version = version
        self.case_count = case_count
        self._parties = parties
        self._trusted = trusted
        self._gazetteer = gazetteer
        self._party_keys = Postings()
        self._trusted_keys = Postings()
        self._names = NameIndex()
        self._case_parties: dict[str, list[int]] = defaultdict(list)
        # A register that files no school, workplace or surgery has none for a recipient to be.
        self.has_identifiers = any(party.identifiers for party in parties)
        for i, party in enumerate(parties):
            self._party_keys.add(set(_party_keys(party)), i)
            self._names.add(party.names, i)
            self._case_parties[party.ref.case_reference].append(i)
        self._names.finish()
        for i, entry in enumerate(trusted):
            self._trusted_keys.add(set(_trusted_keys(entry)), i)
        self._party_keys.freeze()
        self._trusted_keys.freeze()

    @classmethod
    def build(cls, cases: Iterable[RegisterCase], version: int) -> RegisterIndex:
        # Building makes millions of small objects and frees none: the cyclic collector would
        # walk them again and again (a third of the build time at 100,000 cases).
        collecting = gc.isenabled()
        gc.disable()
        try:
            return cls._build(cases, version)
        finally:
            if collecting:
                gc.enable()

    @classmethod
    def _build(cls, cases: Iterable[RegisterCase], version: int) -> RegisterIndex:
        parties: list[PartyEntry] = []
        trusted: list[TrustedEntry] = []
        names: dict[str, None] = {}
        identifiers: dict[str, None] = {}
        phones: dict[str, None] = {}
        # Equal register names become one object: memory, and scored once per letter (NameScorer).
        interned: dict[PersonName, PersonName] = {}
        case_count = 0
        for case in cases:
            case_count += 1
            for party_index, party in enumerate(case.parties):
                parties.append(
                    PartyEntry(
                        ref=PartyRef(case.reference, party_index, party.role, party.shares_household),
                        names=tuple(interned.setdefault(n, n) for n in map(normalise_name, party.names) if n.tokens),
                        addresses=tuple(map(parse_address, party.addresses)),
                        emails=tuple(dict.fromkeys(e for e in map(normalise_email, party.emails) if e)),
                        phones=tuple(dict.fromkeys(p for p in map(normalise_phone, party.phones) if p)),
                        dates_of_birth=tuple(dict.fromkeys(d for d in map(normalise_date, party.dates_of_birth) if d)),
                        identifiers=tuple(
                            form for o in party.other_identifiers if (form := normalise_identifier(o.value)).key
                        ),
                    )
                )
                names.update(dict.fromkeys(n.strip() for n in party.names if n.strip()))
                phones.update(dict.fromkeys(parties[-1].phones))  # the entry's, normalised once
                values = [v for o in party.other_identifiers if (v := o.value.strip())]
                identifiers.update(dict.fromkeys(values))
                # "Hillside Primary" for "Hillside Primary School": found in the text too.
                identifiers.update(dict.fromkeys(short for v in values if (short := written_short(v))))
            trusted.extend(
                TrustedEntry(
                    case_reference=case.reference,
                    name=normalise_name(t.name) if t.name else None,
                    email=normalise_email(t.email) if t.email else None,
                    address=parse_address(t.address) if t.address else None,
                )
                for t in case.trusted_recipients
            )
        gazetteer = Gazetteer(names=tuple(names), identifiers=tuple(identifiers), phones=tuple(phones))
        return cls(version, case_count, parties, trusted, gazetteer)

    def gazetteer(self) -> Gazetteer:
        return self._gazetteer

    def party(self, number: int) -> PartyEntry:
        return self._parties[number]

    def trusted(self, number: int) -> TrustedEntry:
        return self._trusted[number]

    def parties_for_name(self, name: PersonName, cap: int | None = None, cases: Iterable[str] = ()) -> set[int]:
        """The parties a name may be; when more than `cap` may be, only those of `cases`."""
        return self._names.candidates(name, cap, lambda: self.parties_of_cases(cases))

    def parties_with_surname(self, surname: str, among: set[int]) -> set[int]:
        """The parties of `among` with this surname, spelt as registered (or one barrel of it)."""
        return self._names.with_surname(surname, among)

    def parties_of_cases(self, case_references: Iterable[str]) -> set[int]:
        return {n for reference in case_references for n in self._case_parties.get(reference, ())}

    def parties_for_address(self, address: AddressComponents) -> set[int]:
        return self._party_keys.lookup(address_lookup_keys(address))

    def parties_for_postcode(self, postcode: str) -> set[int]:
        return self._party_keys.lookup([f"pc:{postcode}"])

    def parties_for_email(self, email: str) -> set[int]:
        return self._party_keys.lookup([f"em:{email}"])

    def parties_for_phone(self, phone: str) -> set[int]:
        return self._party_keys.lookup([f"tel:{phone}"])

    def parties_for_date_of_birth(self, iso_date: str) -> set[int]:
        return self._party_keys.lookup([f"dob:{iso_date}"])

    def parties_for_identifier(self, identifier: IdentifierForm) -> set[int]:
        return self._party_keys.lookup(identifier_keys(identifier))

    def trusted_for_email(self, email: str) -> set[int]:
        return self._trusted_keys.lookup([f"em:{email}"])

    def trusted_for_address(self, address: AddressComponents) -> set[int]:
        return self._trusted_keys.lookup(address_lookup_keys(address))


# ---------------------------------------------------------------- blocking keys
# The same function makes a key for the register and for the text wherever the two sides
# are normalised alike. Names have an index of their own (name_index.py).


def _party_keys(party: PartyEntry) -> Iterator[str]:
    for address in party.addresses:
        yield from registered_address_keys(address)
    yield from (f"em:{e}" for e in party.emails)
    yield from (f"tel:{p}" for p in party.phones)
    yield from (f"dob:{d}" for d in party.dates_of_birth)
    for identifier in party.identifiers:
        yield from identifier_keys(identifier)


def _trusted_keys(entry: TrustedEntry) -> Iterator[str]:
    if entry.email:
        yield f"em:{entry.email}"
    if entry.address:
        yield from registered_address_keys(entry.address)


def registered_address_keys(address: AddressComponents) -> list[str]:
    """Every key a mention of this address could be looked up by (see `address_lookup_keys`)."""
    keys = []
    if address.postcode:
        keys.append(f"pc:{address.postcode}")
        if not address.has_dwelling:
            keys.append(f"pcx:{address.postcode}")
    for dwelling in _dwellings(address, also_named=True):
        keys.extend(_dwelling_keys(address, dwelling, address.places, everywhere=True))
        keys.extend(_street_shape_keys(address, dwelling, address.places))
        keys.extend(_street_name_keys(street_name_of(address.street), dwelling, address.places))
    if address.street:
        keys.extend(f"stt:{address.street}|{place}" for place in address.places)
    if address.building_name:
        keys.extend(f"bld:{address.building_name}|{place}" for place in address.places)
        if not address.street:
            keys.extend(f"bldx:{address.building_name}|{place}" for place in address.places)
    keys.extend(_named_house_keys(address))
    keys.extend(_flat_in_block_keys(address))
    return keys


def _flat_in_block_keys(address: AddressComponents) -> list[str]:
    """Her flat in her named block, in no town: "Flat 53 Sidings, Station Rd, Andover" still
    finds Flat 53, The Sidings, Stockbridge, named with a nearby post town. A block name and a
    flat number are particular enough to look up everywhere (see scoring/address.py)."""
    if not (address.building_name and address.sub_building) or address.number:
        return []
    name = " ".join(w for w in address.building_name.split() if w != "the")
    return [f"bf:{name}|{address.sub_building}"]


def _named_house_keys(address: AddressComponents) -> list[str]:
    """A house with a name and a number, by both and the town: "Coach House, 73 School Lane,
    Hull" still finds The Coach House, 73 School Road, whose street it has mistyped."""
    if not (address.building_name and address.number):
        return []
    name = " ".join(w for w in address.building_name.split() if w != "the")
    return [f"hn:{name}|{address.number}|{place}" for place in address.places]


def address_lookup_keys(address: AddressComponents) -> list[str]:
    """Keys for a mention: by postcode, and by the dwelling when it names one. A street alone
    fetches the street only within a town: "High Street" alone would fetch thousands."""
    keys = []
    if address.postcode:
        # A house number with its postcode: the house is found by its dwelling keys below, and
        # the other houses at the postcode are its neighbours, which cannot match; an entry at
        # that postcode that names no house can (a partial: her street and postcode).
        keys.append(f"pcx:{address.postcode}" if address.number else f"pc:{address.postcode}")
    # "12 Elm Road" is in many towns. With a postcode to find her by, the street and number
    # are looked up only in the places the text names; without one, everywhere, since the
    # place may be misspelt or missing and the street is then all there is.
    places = address.places if address.postcode else frozenset()
    for dwelling in _dwellings(address):
        keys.extend(_dwelling_keys(address, dwelling, places, everywhere=not places))
        if not address.postcode:
            # Without a postcode, a misspelt street and its town are all there is.
            keys.extend(_street_shape_keys(address, dwelling, address.places))
            if address.street and street_type_of(address.street) is None:
                keys.extend(_street_name_keys(address.street, dwelling, address.places))
    if not address.postcode:
        keys.extend(_named_house_keys(address))
        keys.extend(_flat_in_block_keys(address))
    if address.number:
        return keys
    named = address.building_name is not None
    if address.postcode and named and address.street:
        # A house named with its street and postcode is found by those (the dwelling keys), or
        # by the postcode; a house of that name filed with no street, by name and place. The
        # rest of its street or its town is other households (see scoring/address.py).
        keys.extend(f"bldx:{address.building_name}|{place}" for place in address.places)
        return keys
    # No house at all: the street is the disclosure, to every household on it. A house with
    # no postcode or no street: its street or its name within the town is all there is.
    if address.street:
        keys.extend(f"stt:{address.street}|{place}" for place in address.places)
    if named:
        keys.extend(f"bld:{address.building_name}|{place}" for place in address.places)
    return keys


def _dwellings(address: AddressComponents, also_named: bool = False) -> list[str]:
    """What picks out the house on its street: each number of it, or its name when it has no
    number ("Rose Cottage"), kept apart from numbers by a prefix. `also_named`: the name as
    well as the number, for a register entry that gives both ("Beech Court, 4 Park Lane"),
    which a text may give either way."""
    numbers = _numbers(address.number)
    if address.building_name and (also_named or not numbers):
        return [*numbers, f"h:{address.building_name}"]
    return numbers


def _dwelling_keys(address: AddressComponents, dwelling: str, places: frozenset[str], everywhere: bool) -> list[str]:
    keys = []
    if address.postcode:
        # A mistyped inward code still lands on the right house in the right district: one
        # wrong character leaves either its sector digit or its two unit letters as they were
        # ("LS6 2AB" typed "LS6 2AD" or "LS6 3AB"), and each key is far narrower than the
        # whole district.
        outward, inward = outward_code(address.postcode), address.postcode[-3:]
        keys.append(f"outsec:{outward}{inward[0]}|{dwelling}")
        keys.append(f"outunit:{outward}|{inward[1:]}|{dwelling}")
    if address.street:
        # The street as written and as it sounds: a misspelt street still finds the house.
        phonetic = street_phonetic_key(address.street)
        if everywhere:
            keys.extend((f"stn:{address.street}|{dwelling}", f"stpn:{phonetic}|{dwelling}"))
        for place in places:
            keys.extend((f"stnp:{address.street}|{dwelling}|{place}", f"stpnp:{phonetic}|{dwelling}|{place}"))
    return keys


def _street_shape_keys(address: AddressComponents, dwelling: str, places: frozenset[str]) -> list[str]:
    """A street whose spelling lost or gained a consonant ("Birh Tce" for Birch Terrace) no
    longer sounds the same; its first letter and its type seldom change. With the house and
    how the town sounds (itself perhaps misspelt: "Sheffeild"), that is still a narrow key."""
    if not address.street:
        return []
    shape = street_shape(address.street)
    return [f"stsh:{shape}|{dwelling}|{_place_sound(place)}" for place in places]


def _street_name_keys(name: str | None, dwelling: str, places: frozenset[str]) -> list[str]:
    """A street written without its type ("10 Westfield, Cardiff" for 10 Westfield Avenue):
    the name as it sounds, the house and the town (scoring/address.py makes it a partial)."""
    if not name:
        return []
    phonetic = street_phonetic_key(name)
    return [f"stnt:{phonetic}|{dwelling}|{place}" for place in places]


@lru_cache(maxsize=4096)
def _place_sound(place: str) -> str:
    """How a town sounds, once per town rather than once per key: a letter's towns repeat."""
    return soundex(place) or place


def street_shape(street: str) -> str:
    return f"{street[0]}|{street_type_of(street) or ''}"


def _numbers(number: str | None) -> list[str]:
    """The number, and each house of a short range ("12-14": 12, 13, 14)."""
    if not number:
        return []
    low, _, high = number.partition("-")
    if low.isdigit() and high.isdigit() and 0 < int(high) - int(low) <= 10:
        return [number, *(str(n) for n in range(int(low), int(high) + 1))]
    return [number]


def street_phonetic_key(street: str) -> str:
    words = street.split()
    return " ".join(w if normalise_street_type(w) else soundex(w) or w for w in words)


def identifier_keys(identifier: IdentifierForm) -> list[str]:
    keys = [f"id:{identifier.key}"]
    for word in identifier.tokens:
        if len(word) >= 3 and word not in COMMON_IDENTIFIER_WORDS:
            keys.append(f"idw:{word}")
            if word.isalpha():
                keys.append(f"idp:{soundex(word)}")
    return keys
