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
"""

from __future__ import annotations

from functools import lru_cache

from nicknames import NickNamer

_NICKNAMER = NickNamer()
_KNOWN = frozenset(_NICKNAMER.nickname_lookup) | frozenset(_NICKNAMER.canonical_lookup)


@lru_cache(maxsize=65_536)
def forename_group(forename: str) -> frozenset[str]:
    """The forename, its nicknames, and the forenames it is a nickname of."""
    return frozenset({forename} | _NICKNAMER.nicknames_of(forename) | _NICKNAMER.canonicals_of(forename))


def are_nicknames(a: str, b: str) -> bool:
    return a == b or b in forename_group(a)


def is_known_forename(word: str) -> bool:
    return word in _KNOWN
