"""Normalise an "other identifier" (a school, a workplace, a reference number) for comparison.

Examples it must handle:
    "St Mary's Primary School"   -> key "stmarysprimary", tokens ("st", "marys", "primary")
    "ST MARYS PRIMARY  SCHOOL"   -> the same
    "St Mary's Primary", "St Mary's Primary Sch." -> the same: "school" after the kind of
                                    school is how it is named, not which one it is
    "Hillside School"            -> key "hillsideschool" (no kind before it: kept)
    "943 476 5919"               -> key "9434765919", tokens ("943", "476", "5919")
    "Acme-Widgets Ltd."          -> key "acmewidgetsltd", tokens ("acme", "widgets", "ltd")
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from disclosure_guard.matching.normalise.transliterate import transliterate

# Words so common in identifiers that blocking on them would fetch half the register.
COMMON_IDENTIFIER_WORDS = frozenset(
    {
        "the", "of", "and", "st", "saint", "school", "primary", "secondary", "academy", "college",
        "nursery", "infant", "infants", "junior", "high", "church", "ce", "rc", "c", "e", "ltd",
        "limited", "plc", "llp", "group", "centre", "center", "hospital", "surgery", "practice",
        "medical", "university", "services", "community", "council", "uk",
    }
)  # fmt: skip


# A school's kind, after which "School" goes without saying: "Hillside Primary (School)".
SCHOOL_KINDS = frozenset({
    "primary", "infant", "infants", "junior", "juniors", "secondary", "high", "grammar", "academy",
    "nursery", "prep", "preparatory",
})  # fmt: skip
_SCHOOL_WORDS = frozenset({"school", "sch"})


def without_implied_school(words: list[str]) -> list[str]:
    """`words` (folded) without a last "school" after the kind of school and a name before it;
    the kind may be misspelt by a letter ("Primery"), as the scorer forgives it."""
    if len(words) >= 3 and words[-1] in _SCHOOL_WORDS and _is_school_kind(words[-2]):
        return words[:-1]
    return words


def _is_school_kind(word: str) -> bool:
    return word in SCHOOL_KINDS or len(word) >= 5 and any(
        len(kind) >= 5 and OSA.distance(word, kind, score_cutoff=1) <= 1 for kind in SCHOOL_KINDS)


def written_short(value: str) -> str | None:
    """The identifier as people write it short ("Hillside Primary" for "Hillside Primary
    School"), or None when it has no short form: its last word left out, where that is the
    word `normalise_identifier` leaves out."""
    shorter = value.split()[:-1]
    if shorter and normalise_identifier(" ".join(shorter)).key == normalise_identifier(value).key:
        return " ".join(shorter)
    return None


@dataclass(frozen=True)
class IdentifierForm:
    key: str
    tokens: tuple[str, ...]


def normalise_identifier(text: str) -> IdentifierForm:
    folded = transliterate(text).replace("'", "")
    tokens = tuple(without_implied_school(re.findall(r"[a-z0-9]+", folded)))
    return IdentifierForm(key="".join(tokens), tokens=tokens)
