"""The register, normalised once and blocked, so that a letter is compared with a few
candidate parties rather than the whole register.

Every value is normalised at build time with the same normaliser the submitted text goes
through, and filed under blocking keys (dicts of sets of party numbers). A lookup returns
candidates only; the scorers decide whether a candidate matches.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from disclosure_guard.matching.normalise.address import AddressComponents, normalise_street_type, parse_address
from disclosure_guard.matching.normalise.date import normalise_date
from disclosure_guard.matching.normalise.email import normalise_email
from disclosure_guard.matching.normalise.identifier import (
    COMMON_IDENTIFIER_WORDS,
    IdentifierForm,
    normalise_identifier,
)
from disclosure_guard.matching.normalise.name import PersonName, normalise_name
from disclosure_guard.matching.normalise.nickname import forename_group
from disclosure_guard.matching.normalise.phone import normalise_phone
from disclosure_guard.matching.normalise.phonetic import phonetic_keys, soundex
from disclosure_guard.matching.normalise.postcode import outward_code
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
        self._party_keys = _Postings()
        self._trusted_keys = _Postings()
        self._case_parties: dict[str, list[int]] = defaultdict(list)
        for i, party in enumerate(parties):
            self._party_keys.add(set(_party_keys(party)), i)
            self._case_parties[party.ref.case_reference].append(i)
        for i, entry in enumerate(trusted):
            self._trusted_keys.add(set(_trusted_keys(entry)), i)

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
        case_count = 0
        for case in cases:
            case_count += 1
            for party_index, party in enumerate(case.parties):
                parties.append(
                    PartyEntry(
                        ref=PartyRef(case.reference, party_index, party.role),
                        names=tuple(n for n in map(normalise_name, party.names) if n.tokens),
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

    def parties_for_exact_name(self, name: PersonName) -> set[int]:
        """Parties filed under the surname and initials exactly as written ("J. Smith")."""
        return self._lookup(self._party_keys, exact_name_lookup_keys(name))

    def lone_name_candidate_count(self, name: PersonName) -> int:
        """How many parties a one-word name would fetch, without fetching them."""
        return sum(self._party_keys.count(key) for key in name_lookup_keys(name))

    def parties_of_case(self, case_reference: str) -> list[int]:
        return self._case_parties.get(case_reference, [])

    def parties_for_address(self, address: AddressComponents) -> set[int]:
        return self._lookup(self._party_keys, address_lookup_keys(address))

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
        return self._lookup(self._trusted_keys, address_lookup_keys(address))

    @staticmethod
    def _lookup(keys: _Postings, wanted: Iterable[str]) -> set[int]:
        found: set[int] = set()
        for key in wanted:
            keys.collect(key, found)
        return found


class _Postings:
    """Blocking key -> party numbers, compact: at 100,000 cases there are millions of keys.

    Most keys (an email, a phone, a name pair) name one party, so a lone number is stored bare
    and a list only where a key is shared; a set per key would cost a gigabyte. Keys are held
    as their hashes, half the size of the strings: two keys with one hash would only add a
    candidate, which the scorers then reject."""

    def __init__(self) -> None:
        self._keys: dict[int, int | list[int]] = {}

    def add(self, keys: Iterable[str], number: int) -> None:
        postings = self._keys
        for key in map(hash, keys):
            held = postings.get(key)
            if held is None:
                postings[key] = number
            elif isinstance(held, int):
                postings[key] = [held, number]
            else:
                held.append(number)

    def collect(self, key: str, into: set[int]) -> None:
        held = self._keys.get(hash(key))
        if held is None:
            return
        if isinstance(held, int):
            into.add(held)
        else:
            into.update(held)

    def count(self, key: str) -> int:
        held = self._keys.get(hash(key))
        return 0 if held is None else 1 if isinstance(held, int) else len(held)


# ---------------------------------------------------------------- blocking keys
# The same function makes a key for the register and for the text wherever the two sides
# are normalised alike; names differ because the text does not say which word is the surname.


def _party_keys(party: PartyEntry) -> Iterator[str]:
    for name in party.names:
        yield from _registered_name_keys(name)
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


def _registered_name_keys(name: PersonName) -> Iterator[str]:
    if not name.surname:
        yield f"one:{name.forenames[0]}"
        return
    for surname in {name.surname.replace("-", ""), *name.surname.split("-")}:
        yield f"sn:{surname}"
        misspelt = _surname_forms(surname)
        for forename in name.forenames:
            yield from _pair_keys(surname, misspelt, forename[0])
            if len(forename) == 1:
                # Only an initial on the register: a full forename in the text fetches it.
                yield from (f"sio:{form}|{forename}" for form in misspelt)
                continue
            # The forename as written or as any of its nicknames ("Betty" for Elizabeth).
            for form in forename_group(forename) | {forename}:
                yield f"sf:{surname}|{form}"
            yield from _forename_pair_keys(surname, misspelt, forename)


def exact_name_lookup_keys(name: PersonName) -> list[str]:
    """Keys for a name written as surname and initials, spelt as on the register."""
    words = [w.replace("-", "") for w in name.tokens]
    initials = {w for w in words if len(w) == 1}
    return [f"si:{w}|{i}" for w in words if len(w) > 1 for i in initials]


def name_lookup_keys(name: PersonName) -> list[str]:
    words = [w.replace("-", "") for w in name.tokens]
    parts = [p for w in name.tokens for p in w.split("-")]
    keys = [f"one:{w}" for w in {*words, *parts}]
    if len(words) == 1:
        keys.extend(f"sn:{w}" for w in {*words, *parts})
        return keys
    # The text does not say for sure which word is the surname ("Smith Jane"): try the first
    # and the last, their barrels, and two words run together ("Smith Jones" for Smith-Jones).
    ends = {words[0], words[-1], words[0] + words[1], words[-2] + words[-1]}
    surnames = {*ends, *(p for w in (name.tokens[0], name.tokens[-1]) for p in w.split("-"))}
    for surname in surnames:
        if len(surname) < 2:
            continue
        misspelt = _surname_forms(surname)
        for word in {w for w in words if w and w != surname and not surname.startswith(w)}:
            if len(word) == 1:
                keys.extend(_pair_keys(surname, misspelt, word))
                continue
            keys.extend(f"sio:{form}|{word[0]}" for form in misspelt)
            keys.append(f"sf:{surname}|{word}")
            keys.extend(_forename_pair_keys(surname, misspelt, word, lookup=True))
    return keys


# Blocking for names pairs a surname form with a forename form, so that "Jane Smith" fetches the
# few Jane Smiths and not the thousands of Smiths:
#   si   surname  + initial            "J. Smith"
#   sti  misspelt + initial            "J. Smiht"
#   sio  surname or misspelt + initial, where the register holds only the initial ("Jane
#        Smith" for a register "J Smith"); a full forename in the text looks up only these
#   sf   surname  + forename/nickname  "Jane Smith", "Betty Smith" (register side expanded)
#   stf  surname or one edit off + forename start and length: "Jane Smiht", "Jnae Smith",
#        "Jnae Smiht" (one edit in each; see `one_deletions` and `_forename_starts`)
#   spf  phonetic + forename           "Jane Smyth", "Jane Schmidt" (sounds alike)
# "Misspelt" forms are a word's one-letter deletions and its phonetic keys (Soundex, double
# metaphone): two words one edit apart share a deletion form, and most misspellings keep the sound.


def _pair_keys(surname: str, misspelt: frozenset[str], initial: str) -> Iterator[str]:
    yield f"si:{surname}|{initial}"
    for form in misspelt:
        yield f"sti:{form}|{initial}"


def _forename_pair_keys(surname: str, misspelt: frozenset[str], forename: str, lookup: bool = False) -> Iterator[str]:
    # A typo changes a forename's length by at most one: the register files the length, the
    # text looks up its own and both neighbours.
    lengths = (len(forename) - 1, len(forename), len(forename) + 1) if lookup else (len(forename),)
    starts = _forename_starts(forename)
    for form in one_deletions(surname) or (surname,):
        for start in starts:
            for length in lengths:
                yield f"stf:{form}|{start}|{length}"
    for code in phonetic_keys(surname):
        yield f"spf:{code}|{forename}"


def _forename_starts(forename: str) -> tuple[str, ...]:
    """The first two letters, and the first and third: one of the two survives a typo in the
    second letter ("Jkaob", "Bianna"), and both survive one further on."""
    return (forename[:2], forename[0] + forename[2:3]) if len(forename) > 2 else (forename,)


@lru_cache(maxsize=131_072)
def _surname_forms(surname: str) -> frozenset[str]:
    return frozenset({surname, *one_deletions(surname), *phonetic_keys(surname)})


@lru_cache(maxsize=131_072)
def one_deletions(word: str) -> tuple[str, ...]:
    """The word and every form of it with one letter deleted; none for short words, whose
    one-edit neighbours are other names ("Hall", "Hill")."""
    if len(word) < 4:
        return ()
    return (word, *dict.fromkeys(word[:i] + word[i + 1 :] for i in range(len(word))))


def registered_address_keys(address: AddressComponents) -> list[str]:
    """Every key a mention of this address could be looked up by (see `address_lookup_keys`)."""
    keys = []
    if address.postcode:
        keys.append(f"pc:{address.postcode}")
    for number in _numbers(address.number):
        keys.extend(_numbered_keys(address, number))
    if address.street:
        keys.extend(f"stt:{address.street}|{place}" for place in address.places)
    if address.building_name:
        keys.extend(f"bld:{address.building_name}|{place}" for place in address.places)
    return keys


def address_lookup_keys(address: AddressComponents) -> list[str]:
    """Keys for a mention: by postcode, and by the dwelling when it names one. A street alone
    fetches the street only within a town: "High Street" alone would fetch thousands."""
    keys = [f"pc:{address.postcode}"] if address.postcode else []
    numbers = _numbers(address.number)
    for number in numbers:
        keys.extend(_numbered_keys(address, number))
    if not numbers and address.street:
        keys.extend(f"stt:{address.street}|{place}" for place in address.places)
    if not numbers and address.building_name:
        keys.extend(f"bld:{address.building_name}|{place}" for place in address.places)
    return keys


def _numbered_keys(address: AddressComponents, number: str) -> list[str]:
    keys = []
    if address.postcode:
        # A mistyped inward code still lands on the right house number in the right district.
        keys.append(f"outnum:{outward_code(address.postcode)}|{number}")
    if address.street:
        keys.append(f"stn:{address.street}|{number}")
        keys.append(f"stpn:{street_phonetic_key(address.street)}|{number}")
    return keys


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
