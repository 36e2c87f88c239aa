"""Score a submitted person name against a register name, whatever order the words come in.

    surname and forename agree (typos allowed)         0.94 - 1.00  strong
    forename is a nickname of hers ("Betty Smith" for Elizabeth Smith)  0.975  strong
        (nicknames from the `nicknames` dataset: see normalise/nickname.py)
    surname agrees, forename given as a matching initial ("J. Smith")   0.925  strong
        (chosen strong: an initial that fits and no forename that conflicts is how letters
        refer to people, and a miss here is a disclosure; a conflicting forename kills it)
    an extra middle name the register lacks             -0.03 each
    a first name that is none of hers, and a later name spelt exactly as
        one of hers ("Mary Jane Smith" for Jane Smith: her middle name?)  0.78   weak
    an extra middle initial the register lacks ("Mr J A Smith")  -0.01 each
    a lone surname or a lone name equal to a lone register name         0.78   weak
    surname agrees but no forename or initial agrees (a namesake)       0.00
    words read the other way round ("Smith Jane") with a typo in the surname  0.00
    a short surname with one letter changed or two swapped, her first forename spelt as
        hers ("Jacqueline Shew" for Jacqueline Shaw)                    0.78   weak
    surname does not agree                                             0.00
        (nor does a longer surname that begins with hers: "Williamson" for Williams)

A typo is one slip of the pen: a letter dropped, added, changed or two swapped ("Smiht",
"Jnae", "Dmith"), scored by Jaro-Winkler, or for words of five letters or more at least 0.92.
A spelling that sounds the same is one too ("Stevenson" for Stephenson, "Lee" for Leigh,
"Lyons" as "Lieons"). Anything further apart is another name, however alike the two look to
Jaro-Winkler: namesakes differ by two letters or more ("Lydia" and "Lynda", "Kayleigh Pearson"
and Kayleigh Parsons, "Pauline Joneston" and Pauline Johnston), which one slip never makes.
A forename that is itself a known forename and no nickname of hers is another person, however
close the spelling: "Joan" is not a typo of "John".
Her first name as written is compared with her first registered forename; a later one of hers
(a middle name) counts only spelt exactly ("Louise Smith" for Jane Louise Smith), never by a
nickname or a slip: "Hannah Galach" is not Apolonia Anna Maria Galach, nor "Ricky Stan" Marcel
Eric Stan.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA, JaroWinkler

from disclosure_guard.matching.normalise.name import PersonName
from disclosure_guard.matching.normalise.nickname import are_nicknames, is_known_forename

SURNAME_AGREES = 0.88
FORENAME_AGREES = 0.88
INITIAL_AGREEMENT = 0.85
HYPHEN_PART_AGREEMENT = 0.92  # "Smith" for "Smith-Jones": the same person, one barrel dropped
LONE_NAME_SCORE = 0.78
LONE_NAME_EXACT = 0.97
EXTRA_NAME_PENALTY = 0.03
EXTRA_INITIAL_PENALTY = 0.01
NICKNAME_AGREEMENT = 0.95
ONE_EDIT_AGREEMENT = 0.92  # one edit in a word of five letters or more
MIN_NAME_EXTENSION = 2  # letters added to the end of a name that make it another name
# A surname of this many letters or fewer with one letter changed ("Shew" for Shaw) is too far
# for Jaro-Winkler (0.87) yet is most often a slip; with her forename spelt as hers it is a weak
# match: held for a reviewer, never blocked, since "Shah" is a surname of its own.
SHORT_SURNAME = 4
CHANGED_SHORT_SURNAME_SCORE = 0.78


@dataclass(frozen=True)
class NameScore:
    """Scores are cached and shared between callers: read `components`, never change it (a
    finding takes a copy)."""

    score: float
    components: dict[str, float]


NO_MATCH = NameScore(0.0, {})


class NameScorer:
    """One submitted name scored against many register names. The index interns equal register
    names, so a common one ("Louise Smith", twenty times on a large register) is scored once,
    and the reading of the surname is worked out once per register surname."""

    def __init__(self, found: PersonName) -> None:
        self.found = found
        self._words = found.tokens
        self._scored: dict[int, NameScore] = {}
        self._surnames: dict[str, tuple[float, tuple[int, ...]]] = {}

    def best(self, registered: Iterable[PersonName]) -> NameScore:
        best = NO_MATCH
        for name in registered:
            scored = self._scored.get(id(name))
            if scored is None:
                scored = self._scored[id(name)] = self._score(name)
            if scored.score > best.score:
                best = scored
        return best

    def _score(self, registered: PersonName) -> NameScore:
        surname = registered.surname
        if not surname:
            return _score_name(self._words, registered, None)
        reading = self._surnames.get(surname)
        if reading is None:
            reading = self._surnames[surname] = _best_surname(self._words, surname)
        return _score_name(self._words, registered, reading)


class NameScorers:
    """One `NameScorer` per distinct name in one item: the name on the envelope is most often
    in the letter too ("Dear Mr Smith"), and a common one fits dozens of parties."""

    def __init__(self) -> None:
        self._by_words: dict[tuple[str, ...], NameScorer] = {}

    def __call__(self, found: PersonName) -> NameScorer:
        scorer = self._by_words.get(found.tokens)
        if scorer is None:
            scorer = self._by_words[found.tokens] = NameScorer(found)
        return scorer


def score_name(found: PersonName, registered: PersonName) -> NameScore:
    reading = _best_surname(found.tokens, registered.surname) if registered.surname else None
    return _score_name(found.tokens, registered, reading)


def _score_name(
    words: tuple[str, ...], registered: PersonName, reading: tuple[float, tuple[int, ...]] | None
) -> NameScore:
    if not words or not (registered.forenames or registered.surname):
        return NameScore(0.0, {})
    if reading is None:
        # A register entry of one word ("Zoe"): all we can say is that the word appears.
        best = max(word_similarity(w, registered.forenames[0]) for w in words)
        return NameScore(LONE_NAME_SCORE if best >= LONE_NAME_EXACT else 0.0, {"name": round(best, 3)})

    surname, used = reading
    if surname < SURNAME_AGREES:
        return _changed_short_surname(words, used, registered, surname)
    if len(words) - 1 not in used and surname < 1.0:
        # The text's own surname is its last word (normalise_name has already moved "SMITH,
        # Jane" and "SMITH Jane" into that order). Reading it the other way round is allowed
        # only with the surname spelt as registered: a swap and a typo together make a namesake
        # into her ("Judson Harrison" for Harrison Hudson, "Garrett Ryan" for Ryan Barrett).
        return NameScore(0.0, {"surname": round(surname, 3)})
    rest = tuple(w for i, w in enumerate(words) if i not in used)
    return _score_forenames(surname, _spelt_as_hers(words, used, registered.surname), rest, registered.forenames)


def _changed_short_surname(
    words: tuple[str, ...], used: tuple[int, ...], registered: PersonName, surname: float
) -> NameScore:
    """"Jacqueline Shew" for Jacqueline Shaw: the text's own surname (its last word) of her
    short surname's length, one letter changed or two swapped, after her first forename as
    spelt. Anything less (an initial, a nickname, a slip in the forename too) is a namesake."""
    components = {"surname": round(surname, 3)}
    last = len(words) - 1
    if surname == 0.0 or used != (last,) or len(registered.surname) > SHORT_SURNAME:
        return NameScore(0.0, components)
    if len(words[last]) != len(registered.surname):
        return NameScore(0.0, components)
    lead = lead_forename(words[:last])
    if lead is None or lead != lead_forename(registered.forenames):
        return NameScore(0.0, components)
    components["forename"] = 1.0
    return NameScore(CHANGED_SHORT_SURNAME_SCORE, components)


def _spelt_as_hers(words: tuple[str, ...], used: tuple[int, ...], surname: str) -> bool:
    """Whether the words read as her surname spell it, whole or one barrel of it."""
    written = words[used[0]] if len(used) == 1 else "".join(words[i] for i in used)
    if "-" not in written and "-" not in surname:
        return written == surname
    parts = set(surname.split("-"))
    return written.replace("-", "") == surname.replace("-", "") or bool(parts.intersection(written.split("-")))


@lru_cache(maxsize=262_144)
def _score_forenames(surname: float, spelt: bool, rest: tuple[str, ...], forenames: tuple[str, ...]) -> NameScore:
    """The score, once the surname agrees, of the text's other words against her forenames.
    `spelt`: the surname is written as hers, not with a slip. Cached, and so shared between
    calls: a NameScore is never changed. The same few forenames meet again and again across a
    register's candidates."""
    components = {"surname": round(surname, 3)}
    if not rest:
        return NameScore(LONE_NAME_SCORE if surname >= LONE_NAME_EXACT else 0.0, components)
    forename, penalty, lead_agrees, loose = _forenames_agreement(rest, forenames)
    components["forename_initial" if forename == INITIAL_AGREEMENT else "forename"] = round(forename, 3)
    if forename == 0.0:
        return NameScore(0.0, components)
    if loose and not spelt:
        # Another name for her (a nickname, her middle name) and a surname one slip or sound
        # from hers: each reading alone fits her, both together fit a crowd of strangers
        # ("Tori Clair" for Victoria de Cleir, "Chloe Dufie" for Marion Chloe Duffy). Two slips
        # of the pen, one in each word, are still her: a slip changes no name.
        return NameScore(0.0, components)
    if not lead_agrees:
        # The text calls its person by a first name that is none of hers ("Wesley Tina Smith"
        # for Tina Smith). She may go by her middle name, so a later name spelt exactly as hers
        # still counts, weakly; one that is only a nickname or typo of hers does not.
        exact = any(len(w) > 1 and w in forenames for w in rest)
        return NameScore(LONE_NAME_SCORE if exact else 0.0, components)
    score = 0.5 * surname + 0.5 * forename - penalty
    return NameScore(round(max(score, 0.0), 3), components)


def _forenames_agreement(rest: tuple[str, ...], forenames: tuple[str, ...]) -> tuple[float, float, bool, bool]:
    """How the text's words other than the surname fit her forenames: the best agreement, the
    penalty for words that fit none, whether the text's first name is one of hers, and whether
    it is hers only loosely (a nickname of hers, or her middle name)."""
    forename = 0.0
    penalty = 0.0
    lead, lead_agrees, loose = lead_forename(rest), True, False
    for word in rest:
        agreement = _forename_agreement(word, forenames)
        if agreement is None:
            penalty += EXTRA_INITIAL_PENALTY if len(word) == 1 else EXTRA_NAME_PENALTY
            lead_agrees = lead_agrees and word != lead
        else:
            forename = max(forename, agreement[0])
            loose = loose or (word == lead and agreement[1])
    return forename, penalty, lead_agrees, loose


def lead_forename(forenames: list[str] | tuple[str, ...]) -> str | None:
    """The first full forename of a name as written: the name its bearer is called by."""
    return next((w for w in forenames if len(w) > 1), None)


def _best_surname(words: tuple[str, ...], surname: str) -> tuple[float, tuple[int, ...]]:
    """The best reading of the words as her surname: its agreement and the positions it uses.
    The first best reading wins; none can beat 1.0, so the search stops there (this runs for
    every candidate of every name)."""
    target = surname.replace("-", "")
    parts = surname.split("-")
    best, used = 0.0, ()
    for i, word in enumerate(words):
        if len(word) < 2:
            continue
        score = word_similarity(word.replace("-", ""), target)
        if score > best:
            best, used = score, (i,)
        if i + 1 < len(words):
            # "Smith Jones" for "Smith-Jones".
            score = word_similarity(word + words[i + 1], target)
            if score > best:
                best, used = score, (i, i + 1)
        if best == 1.0:
            break
        if len(parts) > 1 or "-" in word:
            for a in word.split("-"):
                for b in parts:
                    score = HYPHEN_PART_AGREEMENT * word_similarity(a, b)
                    if score > best:
                        best, used = score, (i,)
    return best, used


def _forename_agreement(word: str, forenames: tuple[str, ...]) -> tuple[float, bool] | None:
    """How well one submitted word fits the register forenames, and whether only loosely (a
    nickname of hers, or a later forename of hers); None when it fits none."""
    if len(word) == 1:
        return (INITIAL_AGREEMENT, False) if any(f.startswith(word) for f in forenames) else None
    full = [f for f in forenames if len(f) > 1]
    if not full:
        # The register holds only initials: a full forename with that initial fits.
        return (INITIAL_AGREEMENT, False) if any(word.startswith(f) for f in forenames) else None
    if word in full:
        return 1.0, word != full[0]
    # Only the name she is called by is read loosely: a nickname or slip of a middle name
    # joins a namesake to her through a name nobody calls her ("Ricky" through Marcel Eric).
    best = forename_similarity(word, full[0])
    return (best, best == NICKNAME_AGREEMENT and are_nicknames(word, full[0])) if best >= FORENAME_AGREES else None


def forename_similarity(word: str, forename: str) -> float:
    """How alike a submitted forename and a register forename are, both full words."""
    if word == forename:
        return 1.0
    if are_nicknames(word, forename):
        return NICKNAME_AGREEMENT
    if is_known_forename(word) and is_known_forename(forename) and spoken(word) != spoken(forename):
        return 0.0
    return word_similarity(word, forename)


@lru_cache(maxsize=262_144)
def word_similarity(a: str, b: str) -> float:
    """Jaro-Winkler for two words one slip or one sound apart, raised to ONE_EDIT_AGREEMENT
    for one slip in a word of five letters or more; 0.0 for words further apart. Cached: the
    same few thousand name words meet again and again."""
    if a == b:
        return 1.0
    shorter_word, longer_word = (a, b) if len(a) <= len(b) else (b, a)
    if len(longer_word) - len(shorter_word) >= MIN_NAME_EXTENSION and longer_word.startswith(shorter_word):
        # "Williams" and "Williamson", "John" and "Johnson": another name that begins with
        # this one. A slip of the pen does not add a syllable, but Jaro-Winkler rewards the
        # shared beginning with 0.9 or more.
        return 0.0
    if spoken(a) == spoken(b):
        return max(JaroWinkler.normalized_similarity(a, b), ONE_EDIT_AGREEMENT)
    if OSA.distance(a, b, score_cutoff=2) > 1:
        # Two slips in one word are rare; two letters apart is most often another name, and
        # Jaro-Winkler gives such pairs 0.88 to 0.93 ("Parsons" and "Pearson": 0.91).
        return 0.0
    best = JaroWinkler.normalized_similarity(a, b)
    if len(shorter_word) >= 5 and best < ONE_EDIT_AGREEMENT:
        best = ONE_EDIT_AGREEMENT
    return best


# Spellings of one sound, folded to one: a listener writes a name as it sounds ("Stevenson"
# for Stephenson, "Lee" for Leigh, "Kellie" for Kelly, "Erika" for Erica, "Roze" for Rose,
# "Allison" for Alison), often two letters from hers, and a short word one letter off is
# otherwise too far for Jaro-Winkler. A "c" before e, i or y is an "s" and stays apart.
_HARD_C = re.compile(r"ck|c(?![eiy])|q")
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=131_072)
def spoken(word: str) -> str:
    """The word as it sounds, roughly: sound-alike spellings folded to one ("eigh" -> "ee",
    "ph" and "v" -> "f", "ie" -> "y", a hard "c", "ck" and "q" -> "k", "z" -> "s", a doubled
    letter single). Each step runs only when its letters are in the word: most names need none
    of them, and a regular expression's substitution costs more than looking."""
    word = word.replace("eigh", "ee").replace("ph", "f").replace("v", "f").replace("ie", "y")
    if "c" in word or "q" in word:
        word = _HARD_C.sub("k", word)
    word = word.replace("z", "s")
    if _DOUBLED.search(word):
        word = _DOUBLED.sub(lambda m: m.group(1), word)
    return word
