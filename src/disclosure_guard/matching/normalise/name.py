"""Normalise a person's name into forenames, surname and initials.

Examples it must handle:
    "Jane Smith"             -> forenames ("jane",), surname "smith", initials "j"
    "Mrs Jane Smith"         -> the same (titles dropped)
    "SMITH, Jane"            -> the same ("SURNAME, Forename" reordered)
    "Smith, Mrs Jane"        -> the same
    "SMITH Jane"             -> the same (a capitalised surname written first)
    "J. Smith"               -> forenames ("j",), surname "smith", initials "j"
    "Dr. Jane A. Smith-Jones" -> forenames ("jane", "a"), surname "smith-jones", initials "ja"
    "Zoë O’Brien"            -> forenames ("zoe",), surname "obrien"
    "Aoife Ó Briain"         -> forenames ("aoife",), surname "obriain" (Irish Ó joins its surname)
    "Łukasz Nowak"           -> forenames ("lukasz",), surname "nowak"
    "Pani Anna Kowalczyk"    -> forenames ("anna",), surname "kowalczyk" (a Polish title)
    "Delia Wendy de Cléir"   -> forenames ("delia", "wendy"), surname "cleir" (a particle is no forename)
    "Conor Mac Sléibhín"     -> forenames ("conor",), surname "sleibhin"
    "Justin Mac an Bhreitheamhain" -> forenames ("justin",), surname "bhreitheamhain"
    "Toby Ó Maoil Eoin"      -> forenames ("toby",), surname "omaoileoin" (Maoil binds the next word)
    "Pádraig Mac Giolla Bhríde" -> forenames ("padraig",), surname "giollabhride"
    "DE CLÉIR, Delia"        -> forenames ("delia",), surname "cleir"
    "Zoe"                    -> forenames ("zoe",), surname "" (a lone name: we cannot tell which it is)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from disclosure_guard.matching.normalise.transliterate import transliterate

TITLES = frozenset(
    {
        "mr", "mrs", "ms", "miss", "mx", "master", "dr", "doctor", "prof", "professor", "sir",
        "dame", "lady", "lord", "rev", "revd", "reverend", "fr", "father", "sr", "sister",
        "cllr", "councillor", "hon", "capt", "captain", "sgt", "pc", "dc",
        # Titles of the languages letters to UK households are written in too.
        "pani", "pan", "frau", "herr", "madame", "mme", "monsieur", "senora", "sra", "senor",
        "signora", "signor", "doamna", "domnul", "bayan", "bay",
    }
)  # fmt: skip
# Words that belong to the surname after them ("de Cléir", "Mac Crosáin", "van der Berg"). As a
# forename they would make "Victoria de Cléir" agree with Delia de Cléir on the forename "de".
SURNAME_PARTICLES = frozenset(
    {
        "mac", "mc", "ni", "nic", "mhic", "ui", "ua", "de", "da", "di", "do", "dos", "das", "del",
        "della", "van", "von", "der", "den", "ter", "le", "la", "du", "des", "al", "el", "bin", "ap",
        "an",
    }
)  # fmt: skip
# Irish surname words that are half of a two-word surname ("Ó Maoil Eoin", "Mac Giolla Bhríde":
# devotee, servant of Eoin, of Bríd): read apart, "Eoin" would be her surname and "Maoil" a
# forename, which every Ó Maoil Eoin shares with her.
BOUND_SURNAME_WORDS = frozenset({"maoil", "mhaoil", "maol", "mhaol", "giolla", "ghiolla"})
_BOUND_WORD = re.compile("|".join(sorted(BOUND_SURNAME_WORDS)))
SUFFIXES = frozenset({"jr", "jnr", "snr", "ii", "iii", "iv", "obe", "mbe", "cbe", "kc", "qc", "esq", "phd"})
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_IRISH_O = re.compile(r"\b[ÓóÒò]\s+(?=\w)")


@dataclass(frozen=True)
class PersonName:
    forenames: tuple[str, ...]
    surname: str

    @property
    def initials(self) -> str:
        return "".join(name[0] for name in self.forenames)

    @property
    def tokens(self) -> tuple[str, ...]:
        return (*self.forenames, self.surname) if self.surname else self.forenames


# Within one item a name is read more than once: the recipient's on the envelope, for the
# own-name check, and again in the letter ("Dear Mr Smith"). A few recent names are kept; the
# result is immutable, so sharing it is safe.
RECENT_NAMES = 256


@lru_cache(maxsize=RECENT_NAMES)
def normalise_name(text: str) -> PersonName:
    if "," in text:
        surname_part, _, forename_part = text.partition(",")
        surname_words = _words(surname_part)
        forename_words = _words(forename_part)
        while len(surname_words) > 1 and surname_words[0] in SURNAME_PARTICLES:
            surname_words = surname_words[1:]
        if surname_words and forename_words:
            return PersonName(forenames=tuple(forename_words), surname=" ".join(surname_words))
    words = _words(text)
    if _surname_written_first(text, len(words)):
        words = words[1:] + words[:1]
    if len(words) < 2:
        return PersonName(forenames=tuple(words), surname="")
    forenames = words[:-1]
    while len(forenames) > 1 and forenames[-1] in SURNAME_PARTICLES:
        forenames = forenames[:-1]
    return PersonName(forenames=tuple(forenames), surname=words[-1])


def _words(text: str) -> list[str]:
    # "Ó Briain" is O'Briain; a plain "O" stays a word, since "J O Smith" has a middle initial.
    folded = transliterate(_IRISH_O.sub("O'", text)).replace("'", "")
    words = _WORD.findall(folded)
    if _BOUND_WORD.search(folded):
        words = _bind(words)
    while words and words[0] in TITLES:
        words = words[1:]
    while words and words[-1] in SUFFIXES:
        words = words[:-1]
    return words


def _bind(words: list[str]) -> list[str]:
    """Join a bound surname word to the word after it ("omaoil", "eoin" -> "omaoileoin")."""
    bound: list[str] = []
    for word in words:
        if bound and bound[-1].removeprefix("o") in BOUND_SURNAME_WORDS:
            bound[-1] += word
        else:
            bound.append(word)
    return bound


def _surname_written_first(text: str, word_count: int) -> bool:
    """Registers and court papers write "SMITH Jane": an all-capital first word among mixed case."""
    raw = [w for w in re.split(r"[\s.]+", text.strip()) if any(ch.isalpha() for ch in w)]
    raw = [w for w in raw if transliterate(w).strip(".'") not in TITLES]
    if word_count < 2 or len(raw) < 2:
        return False
    first, rest = raw[0], raw[1:]
    return len(first) > 1 and first.isupper() and not all(w.isupper() for w in rest)
