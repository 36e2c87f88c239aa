"""Person names on the register, indexed in two levels, so that a name in a letter fetches the
few parties it could be, however large the register.

Level one holds the distinct surname and forename *strings* of the register. A word of the text
looks up the strings it could be (itself; one letter deleted on either side, which reaches every
string one edit away; or sounding alike, by Soundex and double metaphone) and keeps those the
name scorer would accept. Those comparisons are between strings, so their number grows with the
variety of names on the register, not with the number of parties. Level two files each party
under (surname string, forename string) pairs: "Jane Smith" fetches the few Jane Smiths, not the
thousands of Smiths.

Examples it must handle (the tests use these), the register entry on the right:
    "Jane Smiht", "Jnae Smith", "Jane Smyth"   Jane Smith          one edit in a word
    "Betty Smith"                              Elizabeth Smith     a nickname (the nicknames dataset)
    "Smith Jane", "SMITH, Jane"                Jane Smith          surname first
    "Jane Smith Jones", "Jane Jones"           Jane Smith-Jones    barrels run together, or one dropped
    "Jane Smith"                               J Smith             the register has only an initial
    "J. Smith", "Mr J A Smith"                 every J. or A. Smith   a vague name: counted before fetched
    "Smith"                                    every Smith, and a register entry "Smith" alone
    "Anna Smith"                               not Jane Smith      the scorer would refuse the pair
    "Jacqueline Shew"                          Jacqueline Shaw     a short surname with a letter changed,
                                                                   her forename spelt as hers (weak)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from disclosure_guard.matching.normalise.name import PersonName
from disclosure_guard.matching.normalise.nickname import forename_group
from disclosure_guard.matching.normalise.phonetic import phonetic_keys
from disclosure_guard.matching.postings import Postings, gather, size
from disclosure_guard.matching.scoring.name import (
    FORENAME_AGREES,
    SHORT_SURNAME,
    SURNAME_AGREES,
    forename_similarity,
    word_similarity,
)

# Shorter words get no deletion forms: the one-edit neighbours of "Hall" are other surnames
# ("Hill", "Hull"); of a forename, three letters is already "Amy" and "Ann".
SURNAME_DELETION_MIN_LENGTH = 4
FORENAME_DELETION_MIN_LENGTH = 3
# The word-level lookups are cached per index; a bound keeps a long-lived worker's cache small.
WORD_CACHE_LIMIT = 50_000


# A lone word on the register ("Zoe") is filed under this surname: no real surname is empty.
_NO_SURNAME = ""

_Key = tuple[str, str]  # (surname string, forename key within it)
_NO_POSTINGS = Postings()


class NameIndex:
    def __init__(self) -> None:
        # Surname string -> forename key -> parties. Forename keys: "jane" (a full forename),
        # "i:j" (any forename with that initial), "o:j" (only the initial on the register), "*".
        self._by_surname: dict[str, Postings] = {}
        self._forenames: set[str] = set()
        # Surnames with a register entry that gives only an initial ("J Smith").
        self._initials_only: set[str] = set()
        # Surname strings that are a surname or a barrel of one, as opposed to barrels run
        # together ("smithjones"), which are only ever looked up as spelt (see `finish`).
        self._whole_surnames: set[str] = set()
        self._surname_forms: dict[str, list[str]] = {}
        self._forename_forms: dict[str, list[str]] = {}
        self._surname_cache: dict[str, frozenset[str]] = {}
        self._forename_cache: dict[str, frozenset[str]] = {}
        self._changed_cache: dict[str, frozenset[str]] = {}

    # ------------------------------------------------------------ building

    def add(self, names: Iterable[PersonName], number: int) -> None:
        keys: dict[str, set[str]] = {}
        for name in names:
            for surname, forename_key in registered_name_keys(name):
                keys.setdefault(surname, set()).add(forename_key)
                if forename_key.startswith("o:"):
                    self._initials_only.add(surname)
            self._forenames.update(f for f in name.forenames if len(f) > 1 and name.surname)
            if name.surname:
                barrels = surname_barrels(name.surname)
                self._whole_surnames.update(b for b in barrels if len(b) > 1 or len(barrels) == 1)
        for surname, forename_keys in keys.items():
            postings = self._by_surname.get(surname)
            if postings is None:
                postings = self._by_surname[surname] = Postings()
            postings.add(forename_keys, number)

    def finish(self) -> None:
        """Index the distinct strings; call once, after the last `add`."""
        for postings in self._by_surname.values():
            postings.freeze()
        surnames = (s for s in self._by_surname if s != _NO_SURNAME)
        # Barrels run together are filed by spelling only: they sound like their first barrel
        # (phonetic keys stop at four letters), so at a large register "Williams" would sound
        # like every "Williams-..." on it. A barrel alone is filed, and sounded, by itself.
        self._surname_forms = _forms_index(surnames, SURNAME_DELETION_MIN_LENGTH, self._whole_surnames)
        self._forename_forms = _forms_index(self._forenames, FORENAME_DELETION_MIN_LENGTH)
        self._whole_surnames = set()

    # ------------------------------------------------------------ looking up

    def candidates(
        self, name: PersonName, cap: int | None = None, among: Callable[[], set[int]] | None = None
    ) -> set[int]:
        """The parties this name may be. With `cap`: when more than `cap` may be (counted
        before fetched: "Smith" alone would fetch thousands), only those of `among()`."""
        helds = [self._by_surname[surname].held(forename_key) for surname, forename_key in self._lookup_keys(name)]
        within = among() if cap is not None and among is not None and sum(map(size, helds)) > cap else None
        found: set[int] = set()
        for held in helds:
            gather(held, found, within)
        return found

    def with_surname(self, surname: str, among: set[int]) -> set[int]:
        """The parties of `among` filed under this surname as spelt, whole or as one barrel."""
        found: set[int] = set()
        gather(self._by_surname.get("".join(surname_barrels(surname)), _NO_POSTINGS).held("*"), found, among)
        return found

    def _lookup_keys(self, name: PersonName) -> set[_Key]:
        words = name.tokens
        full = [(i, w) for i, w in enumerate(words) if len(w) > 1]
        if is_vague(name):
            return self._vague_keys(words, full[0][1] if full else None)
        keys: set[_Key] = set()
        # The text does not say for sure which word is the surname ("Smith Jane"): each full
        # word is tried, and two adjacent ones run together ("Smith Jones" for Smith-Jones).
        tries = [((i,), w) for i, w in full]
        tries += [((i, i + 1), w + words[i + 1]) for i, w in full[:-1] if len(words[i + 1]) > 1]
        last = len(words) - 1
        for used, word in tries:
            # Read the other way round, the surname must be spelt as registered (the scorer's
            # rule): only the text's own surname, its last word, is looked up with typos.
            surnames = self._agreeing_surnames(word) if last in used else self._exact_surnames(word)
            if not surnames:
                continue
            others = [w for j, w in full if j not in used]
            if not others:
                continue
            # Her first name as written may be a nickname or misspelt; a later one counts only
            # spelt exactly as hers (the scorer's rule: "Mary Jane Smith" for Jane Smith).
            forenames = {*self._agreeing_forenames(others[0]), *(w for w in others[1:] if w in self._forenames)}
            keys.update((s, f) for s in surnames for f in forenames)
            keys.update((s, f"o:{w[0]}") for s in surnames & self._initials_only for w in others)
        if len(full) > 1 and full[-1][0] == last and len(words[last]) <= SHORT_SURNAME:
            # "Jacqueline Shew" for Jacqueline Shaw: with her forename as spelt (the scorer's rule).
            lead = full[0][1]
            if lead in self._forenames:
                keys.update((s, lead) for s in self._changed_surnames(words[last]))
        return keys

    def _vague_keys(self, words: tuple[str, ...], word: str | None) -> set[_Key]:
        """A name with at most one full word: initials and a surname, or a lone word."""
        if word is None:
            return set()
        initials = {w for w in words if len(w) == 1}
        exact = self._exact_surnames(word)
        if not initials:
            keys = {(s, "*") for s in exact}
            return keys | {(_NO_SURNAME, word)} if _NO_SURNAME in self._by_surname else keys
        # Spelt as on the register, it fetches only those; misspellings only when none is.
        surnames = exact or self._agreeing_surnames(word)
        return {(s, f"i:{i}") for s in surnames for i in initials}

    def _exact_surnames(self, word: str) -> frozenset[str]:
        return frozenset(s for s in surname_strings(word) if s in self._by_surname and s != _NO_SURNAME)

    def _agreeing_surnames(self, word: str) -> frozenset[str]:
        found = self._surname_cache.get(word)
        if found is None:
            found = frozenset(
                surname
                for part in surname_strings(word)
                for surname in _similar(part, self._surname_forms, SURNAME_DELETION_MIN_LENGTH)
                if word_similarity(part, surname) >= SURNAME_AGREES
            )
            _remember(self._surname_cache, word, found)
        return found

    def _changed_surnames(self, word: str) -> frozenset[str]:
        """Surnames of the word's length with one letter changed or two swapped."""
        found = self._changed_cache.get(word)
        if found is None:
            found = frozenset(
                surname
                for surname in _similar(word, self._surname_forms, SURNAME_DELETION_MIN_LENGTH)
                if len(surname) == len(word) and 0.0 < word_similarity(word, surname) < SURNAME_AGREES
            )
            _remember(self._changed_cache, word, found)
        return found

    def _agreeing_forenames(self, word: str) -> frozenset[str]:
        found = self._forename_cache.get(word)
        if found is None:
            similar = _similar(word, self._forename_forms, FORENAME_DELETION_MIN_LENGTH)
            found = frozenset(
                {f for f in forename_group(word) if f in self._forenames}
                | {f for f in similar if forename_similarity(word, f) >= FORENAME_AGREES}
            )
            _remember(self._forename_cache, word, found)
        return found


def registered_name_keys(name: PersonName) -> Iterator[_Key]:
    """The (surname, forename key) pairs a register name is filed under."""
    if not name.surname:
        # One word on the register ("Zoe"): we cannot tell which name it is.
        yield _NO_SURNAME, name.forenames[0]
        return
    for surname in surname_strings(name.surname):
        yield surname, "*"
        for forename in name.forenames:
            yield surname, f"i:{forename[0]}"
            yield surname, f"o:{forename}" if len(forename) == 1 else forename


def is_vague(name: PersonName) -> bool:
    """A name with no full forename: a lone word, or initials and a surname ("J. Smith")."""
    return sum(len(word) > 1 for word in name.tokens) < 2


def surname_strings(surname: str) -> set[str]:
    """A surname as filed: whole without its hyphens or spaces, and each barrel alone."""
    parts = surname_barrels(surname)
    return {"".join(parts), *(p for p in parts if len(p) > 1)}


def surname_barrels(surname: str) -> list[str]:
    return surname.replace(" ", "-").split("-")


def _forms_index(strings: Iterable[str], min_length: int, sounded: set[str] | None = None) -> dict[str, list[str]]:
    """Form -> the strings that have it. Only strings in `sounded` (all, when None) are filed
    under their phonetic keys; the others by spelling alone."""
    index: dict[str, list[str]] = {}
    for string in strings:
        forms = _forms(string, min_length) if sounded is None or string in sounded else _spellings(string, min_length)
        for form in forms:
            index.setdefault(form, []).append(string)
    return index


def _similar(word: str, forms_index: dict[str, list[str]], min_length: int) -> set[str]:
    found: set[str] = set()
    for form in _forms(word, min_length):
        found.update(forms_index.get(form, ()))
    return found


@lru_cache(maxsize=131_072)
def _forms(word: str, min_length: int) -> frozenset[str]:
    """The word, its one-letter deletions (two words one edit apart share one), and its
    phonetic keys (upper case or prefixed, so they never collide with a word)."""
    return _spellings(word, min_length) | frozenset(phonetic_keys(word))


def _spellings(word: str, min_length: int) -> frozenset[str]:
    """The word and its one-letter deletions."""
    deletions = (word[:i] + word[i + 1 :] for i in range(len(word))) if len(word) >= min_length else ()
    return frozenset({word, *deletions})


def _remember(cache: dict[str, frozenset[str]], word: str, found: frozenset[str]) -> None:
    if len(cache) >= WORD_CACHE_LIMIT:
        cache.clear()
    cache[word] = found
