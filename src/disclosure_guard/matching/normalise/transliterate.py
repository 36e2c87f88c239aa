"""Fold text to lower-case ASCII so that "Zoë", "ZOE" and "Zoe" compare equal.

Examples it must handle:
    "Zoë"       -> "zoe"
    "Łukasz"    -> "lukasz"
    "Søren"     -> "soren"
    "Straße"    -> "strasse"
    "Æthelred"  -> "aethelred"
    "O’Brien"   -> "o'brien"
"""

from __future__ import annotations

import unicodedata

# NFKD leaves these letters intact because they are not a base letter plus a combining mark.
_SPECIAL_LETTERS = str.maketrans(
    {
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
        # Typographic quotes and dashes arrive from word processors and PDF text layers.
        "’": "'",
        "‘": "'",
        "`": "'",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
    }
)


def transliterate(text: str) -> str:
    """Lower-case ASCII approximation of `text`; characters with no ASCII reading are dropped."""
    if text.isascii():
        # Most text is ASCII already: NFKD and the marks leave it as it is, and of the special
        # letters only the backtick is ASCII.
        return text.lower().replace("`", "'")
    folded = unicodedata.normalize("NFKD", text.translate(_SPECIAL_LETTERS))
    ascii_only = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return ascii_only.encode("ascii", "ignore").decode("ascii").lower()
