"""Phonetic keys, used only for blocking: they find candidates whose spelling differs
("Smiht", "Smyth" -> S530 like "Smith"); the scorers then decide.

Examples it must handle:
    "smith" -> "S530"     "smiht" -> "S530"     "smyth" -> "S530"
    "robert" -> "R163"    "rupert" -> "R163"    "ashcraft" -> "A261"
    "elm" -> "E450"       "elmm" -> "E450"
    phonetic_keys("smith")  -> Soundex and both double metaphone codes:
                               {"S530", "m:SM0", "m:XMT"}
    phonetic_keys("schmidt") shares "m:XMT" with "smith"; Soundex alone would not find it
"""

from __future__ import annotations

from functools import lru_cache

from metaphone import doublemetaphone

_CODES = {
    **dict.fromkeys("bfpv", "1"),
    **dict.fromkeys("cgjkqsxz", "2"),
    **dict.fromkeys("dt", "3"),
    "l": "4",
    **dict.fromkeys("mn", "5"),
    "r": "6",
}


def soundex(word: str) -> str:
    """American Soundex of an ASCII word; "" when it has no letters."""
    letters = [ch for ch in word.lower() if "a" <= ch <= "z"]
    if not letters:
        return ""
    key = [letters[0].upper()]
    previous = _CODES.get(letters[0], "")
    for ch in letters[1:]:
        code = _CODES.get(ch, "")
        if code and code != previous:
            key.append(code)
            if len(key) == 4:
                break
        # "h" and "w" do not separate equal codes; vowels do.
        if ch not in "hw":
            previous = code
    return "".join(key).ljust(4, "0")


@lru_cache(maxsize=131_072)
def phonetic_keys(word: str) -> frozenset[str]:
    """Soundex and the double metaphone codes (primary and alternate) of one word."""
    metaphones = {f"m:{code}" for code in doublemetaphone(word) if code}
    return frozenset({soundex(word), *metaphones} - {""})
