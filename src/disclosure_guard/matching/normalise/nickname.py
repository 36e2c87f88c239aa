"""Forenames that name the same person, from the maintained `nicknames` dataset (Carlton
Northern's names.csv), never from a hand-written list.

Examples it must handle:
    "elizabeth" and "liz", "beth", "betty"     related (a nickname of the register forename)
    "betty" and "elizabeth"                    related (the register holds the nickname)
    "liz" and "beth"                           not related: two nicknames of one forename are
                                               only cousins, and the dataset's cousins are many
                                               ("jane" and "diane" through "virginia")
    "william" and "bill"                       related
    "jane" and "joan"                          not related, and both are known forenames
    "jnae"                                     not a known forename (so it may be a typo)
    "patrick" and "peter"                      not related: the dataset links them ("Pate" is a
                                               pet form of both), models/names/not_nicknames.txt
                                               denies it
    "benjamin" and "jamie"                     not related (Jamie is from James): denied too
    "hatty" and "harriet"                      related: the dataset spells her pet form "hattie"
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from nicknames import NickNamer

# The repository's models/ folder (src/disclosure_guard/matching/normalise/ is four below it).
NOT_NICKNAMES_FILE = Path(__file__).resolve().parents[4] / "models" / "names" / "not_nicknames.txt"

_NICKNAMER = NickNamer()
_KNOWN = frozenset(_NICKNAMER.nickname_lookup) | frozenset(_NICKNAMER.canonical_lookup)


def read_not_nicknames(path: Path) -> dict[str, frozenset[str]]:
    """Name -> the names the dataset links it to that are not nicknames of it (both orders).
    A missing file is an error, not an empty list: the list is part of the matcher."""
    denied: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        words = line.partition("#")[0].split()
        if not words:
            continue
        if len(words) != 2:
            raise ValueError(f"{path.name}: a line holds two forenames, not {line!r}")
        a, b = words
        denied.setdefault(a, set()).add(b)
        denied.setdefault(b, set()).add(a)
    return {name: frozenset(others) for name, others in denied.items()}


_NOT_NICKNAMES = read_not_nicknames(NOT_NICKNAMES_FILE)


@lru_cache(maxsize=65_536)
def forename_group(forename: str) -> frozenset[str]:
    """The forename, its nicknames, and the forenames it is a nickname of, less the pairs the
    deny-list says are two names. A pet form the dataset spells otherwise is read as its
    spelling there: "hatty" as "hattie" (Harriet), "debbi" as "debbie"."""
    group = {forename} | _related(forename)
    if forename not in _KNOWN:
        for spelt in _pet_spellings(forename):
            if spelt in _KNOWN:
                group |= {spelt} | _related(spelt)
    return frozenset(group - _NOT_NICKNAMES.get(forename, frozenset()))


def _related(forename: str) -> set[str]:
    return _NICKNAMER.nicknames_of(forename) | _NICKNAMER.canonicals_of(forename)


# A pet form's ending is spelt as the family likes: Katy, Katie, Kati; Debby, Debbie, Debbi.
_PET_ENDINGS = ("ie", "ey", "y", "i")
MIN_PET_STEM = 2


def _pet_spellings(word: str) -> list[str]:
    for ending in _PET_ENDINGS:
        if word.endswith(ending) and len(stem := word[:-len(ending)]) >= MIN_PET_STEM:
            return [stem + other for other in _PET_ENDINGS if other != ending]
    return []


def are_nicknames(a: str, b: str) -> bool:
    return a == b or b in forename_group(a)


def is_known_forename(word: str) -> bool:
    return word in _KNOWN
