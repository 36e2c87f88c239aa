"""Normalise an "other identifier" (a school, a workplace, a reference number) for comparison.

Examples it must handle:
    "St Mary's Primary School"   -> key "stmarysprimaryschool", tokens ("st", "marys", "primary", "school")
    "ST MARYS PRIMARY  SCHOOL"   -> the same
    "943 476 5919"               -> key "9434765919", tokens ("943", "476", "5919")
    "Acme-Widgets Ltd."          -> key "acmewidgetsltd", tokens ("acme", "widgets", "ltd")
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


@dataclass(frozen=True)
class IdentifierForm:
    key: str
    tokens: tuple[str, ...]


def normalise_identifier(text: str) -> IdentifierForm:
    folded = transliterate(text).replace("'", "")
    tokens = tuple(re.findall(r"[a-z0-9]+", folded))
    return IdentifierForm(key="".join(tokens), tokens=tokens)
