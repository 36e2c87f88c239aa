"""Score a submitted person name against a register name, whatever order the words come in.

    surname and forename agree (typos allowed)         0.94 - 1.00  strong
    forename is a nickname of hers ("Betty Smith" for Elizabeth Smith)  0.975  strong
        (nicknames from the `nicknames` dataset: see normalise/nickname.py)
    surname agrees, forename given as a matching initial ("J. Smith")   0.925  strong
        (chosen strong: an initial that fits and no forename that conflicts is how letters
        refer to people, and a miss here is a disclosure; a conflicting forename kills it)
    an extra middle name the register lacks             -0.03 each
    an extra middle initial the register lacks ("Mr J A Smith")  -0.01 each
    a lone surname or a lone name equal to a lone register name         0.78   weak
    surname agrees but no forename or initial agrees (a namesake)       0.00
    surname does not agree                                             0.00

A typo is one or two edits: Jaro-Winkler per token, and for words of five letters or more
one edit anywhere ("Dmith"), of eight or more two edits. A forename that is itself a known
forename and no nickname of hers is another person, however close the spelling: "Joan" is
not a typo of "John".
"""

from __future__ import annotations

from dataclasses import dataclass

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
TWO_EDIT_AGREEMENT = 0.9  # two edits in a word of eight letters or more


@dataclass(frozen=True)
class NameScore:
    score: float
    components: dict[str, float]


def score_name(found: PersonName, registered: PersonName) -> NameScore:
    words = found.tokens
    if not words or not registered.tokens:
        return NameScore(0.0, {})
    if not registered.surname:
        # A register entry of one word ("Zoe"): all we can say is that the word appears.
        best = max(_similarity(w, registered.forenames[0]) for w in words)
        return NameScore(LONE_NAME_SCORE if best >= LONE_NAME_EXACT else 0.0, {"name": round(best, 3)})

    surname, used = _best_surname(words, registered.surname)
    components = {"surname": round(surname, 3)}
    if surname < SURNAME_AGREES:
        return NameScore(0.0, components)
    rest = [w for i, w in enumerate(words) if i not in used]
    if not rest:
        return NameScore(LONE_NAME_SCORE if surname >= LONE_NAME_EXACT else 0.0, components)

    forename = 0.0
    penalty = 0.0
    for word in rest:
        agreement = _forename_agreement(word, registered.forenames)
        if agreement is None:
            penalty += EXTRA_INITIAL_PENALTY if len(word) == 1 else EXTRA_NAME_PENALTY
        else:
            forename = max(forename, agreement)
    components["forename_initial" if forename == INITIAL_AGREEMENT else "forename"] = round(forename, 3)
    if forename == 0.0:
        return NameScore(0.0, components)
    score = 0.5 * surname + 0.5 * forename - penalty
    return NameScore(round(max(score, 0.0), 3), components)


def _best_surname(words: tuple[str, ...], surname: str) -> tuple[float, set[int]]:
    target = surname.replace("-", "")
    parts = surname.split("-")
    best, used = 0.0, set()
    for i, word in enumerate(words):
        if len(word) < 2:
            continue
        candidates = [(_similarity(word.replace("-", ""), target), {i})]
        if i + 1 < len(words):
            # "Smith Jones" for "Smith-Jones".
            candidates.append((_similarity(word + words[i + 1], target), {i, i + 1}))
        if len(parts) > 1 or "-" in word:
            candidates.extend(
                (HYPHEN_PART_AGREEMENT * _similarity(a, b), {i})
                for a in word.split("-")
                for b in parts
            )
        for score, positions in candidates:
            if score > best:
                best, used = score, positions
    return best, used


def _forename_agreement(word: str, forenames: tuple[str, ...]) -> float | None:
    """How well one submitted word fits the register forenames; None when it fits none."""
    if len(word) == 1:
        return INITIAL_AGREEMENT if any(f.startswith(word) for f in forenames) else None
    full = [f for f in forenames if len(f) > 1]
    if not full:
        # The register holds only initials: a full forename with that initial fits.
        return INITIAL_AGREEMENT if any(word.startswith(f) for f in forenames) else None
    best = max(_forename_similarity(word, f) for f in full)
    return best if best >= FORENAME_AGREES else None


def _forename_similarity(word: str, forename: str) -> float:
    if word == forename:
        return 1.0
    if are_nicknames(word, forename):
        return NICKNAME_AGREEMENT
    if is_known_forename(word) and is_known_forename(forename):
        return 0.0
    return _similarity(word, forename)


def _similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    best = JaroWinkler.normalized_similarity(a, b)
    shorter = min(len(a), len(b))
    if shorter >= 5 and best < ONE_EDIT_AGREEMENT:
        edits = OSA.distance(a, b, score_cutoff=2)
        if edits <= 1:
            best = ONE_EDIT_AGREEMENT
        elif edits == 2 and shorter >= 8:
            best = max(best, TWO_EDIT_AGREEMENT)
    return best
