"""How a name is mistyped, misheard or stripped of its marks by whoever writes the letter: a
keyboard model, a phonetic model and diacritics dropped, written for the benchmark and
independent of the matcher's own normalisers.

    keyboard    "Natasha" -> "Natasja" (a neighbouring key), "Natsha" (dropped),
                "Nattasha" (doubled), "Natahsa" (two swapped)
    phonetic    "Stephenson" -> "Stevenson", "Matthews" -> "Mathews", "Kelly" -> "Kellie",
                "Connor" -> "Conor", "Leigh" -> "Lee", "Neil" -> "Niel"
    plain       "Zoë" -> "Zoe", "Łukasz" -> "Lukasz", "Siobhán" -> "Siobhan",
                "Ştefan" -> "Stefan", "Çağla" -> "Cagla", "Müller" -> "Muller" or "Mueller"

The first letter of a word is kept by every slip: people rarely mistype it, and a reader keys
on it.
"""

from __future__ import annotations

import random
import unicodedata

from decisions.typos import slipped_at

# QWERTY neighbours of each letter (same row and the rows above and below).
KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
KEY_NEIGHBOURS: dict[str, str] = {}
for _r, _row in enumerate(KEYBOARD_ROWS):
    for _c, _key in enumerate(_row):
        near = [_row[i] for i in (_c - 1, _c + 1) if 0 <= i < len(_row)]
        for _other in (_r - 1, _r + 1):
            if 0 <= _other < len(KEYBOARD_ROWS):
                near += [KEYBOARD_ROWS[_other][i] for i in (_c - 1, _c, _c + 1) if 0 <= i < len(KEYBOARD_ROWS[_other])]
        KEY_NEIGHBOURS[_key] = "".join(near)

KEYBOARD_SLIPS = ("neighbour", "dropped", "doubled", "swapped")
# (written, misheard as): spellings a listener cannot tell apart, anywhere after the first letter.
SOUNDS_ALIKE = (
    ("ph", "v"), ("ph", "f"), ("v", "ph"), ("tth", "th"), ("th", "tth"), ("ck", "k"), ("nn", "n"),
    ("ll", "l"), ("l", "ll"), ("tt", "t"), ("t", "tt"), ("rr", "r"), ("ss", "s"), ("mm", "m"),
    ("ie", "ei"), ("ei", "ie"), ("eigh", "ee"), ("ey", "y"), ("y", "ie"), ("ie", "y"), ("ee", "ea"),
    ("ae", "a"), ("ou", "ow"), ("ine", "ene"), ("ah", "a"), ("an", "en"), ("son", "sen"),
    ("z", "s"), ("s", "z"), ("c", "k"), ("k", "c"), ("i", "y"), ("y", "i"),
)  # fmt: skip
# Letters NFKD leaves whole: written as people without the key write them.
PLAIN_LETTERS = str.maketrans({
    "ł": "l", "Ł": "L", "ı": "i", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "æ": "ae", "Æ": "Ae",
    "œ": "oe", "þ": "th", "ð": "d", "ħ": "h",
})  # fmt: skip
GERMAN_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def keyboard_slip(word: str, rng: random.Random, slip: str | None = None) -> str:
    """One keyboard slip after the first letter; a word of three letters or fewer is left alone."""
    if len(word) < 4:
        return word
    slip = slip or rng.choice(KEYBOARD_SLIPS)
    i = rng.randrange(1, len(word) - 1)
    if slip == "neighbour":
        ch = word[i]
        near = KEY_NEIGHBOURS.get(ch.lower())
        if not near:
            return word[:i] + word[i + 1 :]
        new = rng.choice(near)
        return word[:i] + (new.upper() if ch.isupper() else new) + word[i + 1 :]
    return slipped_at(word, i, slip)


def misheard(word: str, rng: random.Random) -> str | None:
    """The word as a listener might spell it, or None when no sound-alike spelling applies."""
    lowered = word.lower()
    options = [
        (i, written, heard)
        for written, heard in SOUNDS_ALIKE
        for i in range(1, len(lowered) - len(written) + 1)
        if lowered.startswith(written, i)
    ]
    if not options:
        return None
    i, written, heard = rng.choice(options)
    if word.isupper():
        heard = heard.upper()
    return word[:i] + heard + word[i + len(written) :]


def without_marks(text: str, rng: random.Random | None = None) -> str:
    """The text with its diacritics dropped, as typed on a UK keyboard; a German umlaut is
    sometimes written out ("Müller" -> "Mueller") instead."""
    if rng is not None and rng.random() < 0.3:
        text = text.translate(GERMAN_UMLAUTS)
    decomposed = unicodedata.normalize("NFKD", text.translate(PLAIN_LETTERS))
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def has_marks(text: str) -> bool:
    return without_marks(text) != text
