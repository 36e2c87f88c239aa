"""The register, normalised once and blocked, so that a letter is compared with a few
candidate parties rather than the whole register.

Every value is normalised at build time with the same normaliser the submitted text goes
through, and filed under blocking keys (dicts of sets of party numbers). A lookup returns
candidates only; the scorers decide whether a candidate matches.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from disclosure_guard.matching.normalise.address import AddressComponents, normalise_street_type, parse_address
from disclosure_guard.matching.normalise.date import normalise_date
from disclosure_guard.matching.normalise.email import normalise_email
from disclosure_guard.matching.normalise.identifier import (
    COMMON_IDENTIFIER_WORDS,
    IdentifierForm,
    normalise_identifier,
)
from disclosure_guard.matching.normalise.name import PersonName, normalise_name
from disclosure_guard.matching.normalise.phone import normalise_phone
from disclosure_guard.matching.normalise.phonetic import soundex
from disclosure_guard.matching.normalise.postcode import outward_code
from disclosure_guard.types import Gazetteer, PartyRef, RegisterCase


@dataclass(frozen=True)
class PartyEntry:
    ref: PartyRef
    names: tuple[PersonName, ...]
    addresses: tuple[AddressComponents, ...]
    emails: frozenset[str]
    phones: frozenset[str]
    dates_of_birth: frozenset[str]
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
        self._party_keys: dict[str, set[int]] = defaultdict(set)
        self._trusted_keys: dict[str, set[int]] = defaultdict(set)
        for i, party in enumerate(parties):
            for key in _party_keys(party):
                self._party_keys[key].add(i)
        for i, entry in enumerate(trusted):
            for key in _trusted_keys(entry):
                self._trusted_keys[key].add(i)

    @classmethod
    def build(cls, cases: Iterable[RegisterCase], version: int) -> RegisterIndex:
        parties: list[PartyEntry] = []
        trusted: list[TrustedEntry] = []
        names: dict[str, None] = {}
        identifiers: dict[str, None] = {}
        case_count = 0
        for case in cases:
            case_count += 1
            for party_index, party in enumerate(case.parties):
                parties.append(
                    PartyEntry(
                        ref=PartyRef(case.reference, party_index, party.role),
                        names=tuple(n for n in map(normalise_name, party.names) if n.tokens),
                        addresses=tuple(map(parse_address, party.addresses)),
                        emails=frozenset(e for e in map(normalise_email, party.emails) if e),
                        phones=frozenset(p for p in map(normalise_phone, party.phones) if p),
                        dates_of_birth=frozenset(d for d in map(normalise_date, party.dates_of_birth) if d),
                        identifiers=tuple(
                            form for o in party.other_identifiers if (form := normalise_identifier(o.value)).key
                        ),
                    )
                )
                names.update(dict.fromkeys(n.strip() for n in party.names if n.strip()))
                values = (o.value.strip() for o in party.other_identifiers)
                identifiers.update(dict.fromkeys(v for v in values if v))
            trusted.extend(
                TrustedEntry(
                    case_reference=case.reference,
                    name=normalise_name(t.name) if t.name else None,
                    email=normalise_email(t.email) if t.email else None,
                    address=parse_address(t.address) if t.address else None,
                )
                for t in case.trusted_recipients
            )
        gazetteer = Gazetteer(names=tuple(names), identifiers=tuple(identifiers))
        return cls(version, case_count, parties, trusted, gazetteer)

    def gazetteer(self) -> Gazetteer:
        return self._gazetteer

    def party(self, number: int) -> PartyEntry:
        return self._parties[number]

    def trusted(self, number: int) -> TrustedEntry:
        return self._trusted[number]

    def parties_for_name(self, name: PersonName) -> set[int]:
        return self._lookup(self._party_keys, name_lookup_keys(name))

    def parties_for_address(self, address: AddressComponents) -> set[int]:
        return self._lookup(self._party_keys, address_keys(address))

    def parties_for_postcode(self, postcode: str) -> set[int]:
        return self._lookup(self._party_keys, [f"pc:{postcode}"])

    def parties_for_email(self, email: str) -> set[int]:
        return self._lookup(self._party_keys, [f"em:{email}"])

    def parties_for_phone(self, phone: str) -> set[int]:
        return self._lookup(self._party_keys, [f"tel:{phone}"])

    def parties_for_date_of_birth(self, iso_date: str) -> set[int]:
        return self._lookup(self._party_keys, [f"dob:{iso_date}"])

    def parties_for_identifier(self, identifier: IdentifierForm) -> set[int]:
        return self._lookup(self._party_keys, identifier_keys(identifier))

    def trusted_for_email(self, email: str) -> set[int]:
        return self._lookup(self._trusted_keys, [f"em:{email}"])

    def trusted_for_address(self, address: AddressComponents) -> set[int]:
        return self._lookup(self._trusted_keys, address_keys(address))

    @staticmethod
    def _lookup(keys: dict[str, set[int]], wanted: Iterable[str]) -> set[int]:
        found: set[int] = set()
        for key in wanted:
            found |= keys.get(key, set())
        return found


# ---------------------------------------------------------------- blocking keys
# The same function makes a key for the register and for the text wherever the two sides
# are normalised alike; names differ because the text does not say which word is the surname.


def _party_keys(party: PartyEntry) -> Iterator[str]:
    for name in party.names:
        yield from _registered_name_keys(name)
    for address in party.addresses:
        yield from address_keys(address)
    yield from (f"em:{e}" for e in party.emails)
    yield from (f"tel:{p}" for p in party.phones)
    yield from (f"dob:{d}" for d in party.dates_of_birth)
    for identifier in party.identifiers:
        yield from identifier_keys(identifier)


def _trusted_keys(entry: TrustedEntry) -> Iterator[str]:
    if entry.email:
        yield f"em:{entry.email}"
    if entry.address:
        yield from address_keys(entry.address)


def _registered_name_keys(name: PersonName) -> Iterator[str]:
    if not name.surname:
        yield f"one:{name.forenames[0]}"
        return
    surnames = {name.surname.replace("-", ""), *name.surname.split("-")}
    for surname in surnames:
        yield f"sn:{surname}"
        # Surname with a forename initial keeps "Smith" from fetching every Smith.
        for initial in set(name.initials):
            yield f"sni:{surname}|{initial}"
            yield f"snp:{soundex(surname)}|{initial}"


def name_lookup_keys(name: PersonName) -> list[str]:
    words = [w.replace("-", "") for w in name.tokens]
    parts = [p for w in name.tokens for p in w.split("-")]
    keys = [f"one:{w}" for w in {*words, *parts}]
    if len(words) == 1:
        keys.extend(f"sn:{w}" for w in {*words, *parts})
        return keys
    surnames = {*words, *parts, *(a + b for a, b in zip(words, words[1:]))}
    for surname in surnames:
        if len(surname) < 2:
            continue
        for initial in {w[0] for w in words if w and w != surname and not surname.startswith(w + "-")}:
            keys.append(f"sni:{surname}|{initial}")
            keys.append(f"snp:{soundex(surname)}|{initial}")
    return keys


def address_keys(address: AddressComponents) -> list[str]:
    keys = []
    if address.postcode:
        keys.append(f"pc:{address.postcode}")
        if address.number:
            # A mistyped inward code still lands on the right house number in the right district.
            keys.append(f"outnum:{outward_code(address.postcode)}|{address.number}")
    if address.street:
        keys.append(f"st:{address.street}")
        keys.append(f"stp:{street_phonetic_key(address.street)}")
    if address.building_name and not address.number:
        keys.append(f"bld:{address.building_name}")
    return keys


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
