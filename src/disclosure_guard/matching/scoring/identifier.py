"""Score a submitted identifier (a school, a workplace, a reference number) against a register one.

    same letters and digits, ignoring case, spaces and punctuation      1.00  strong
    same words, one misspelt: the weakest word decides. A common word ("Primery") is
    forgiven by Jaro-Winkler (0.94, strong); a distinctive word by edit distance only
    ("Mark's" for "Mary's": 0.80, weak), because there the typo and the other school look alike.
    a word with digits differs ("943 476 5918")                         0.00  (another number)
    the register words all present among more words                     0.85  weak
    otherwise                                                           0.00
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import JaroWinkler

from rapidfuzz.distance import OSA

from disclosure_guard.matching.normalise.identifier import COMMON_IDENTIFIER_WORDS, IdentifierForm

CONTAINED_SCORE = 0.85


@dataclass(frozen=True)
class IdentifierScore:
    score: float
    components: dict[str, float]


def score_identifier(found: IdentifierForm, registered: IdentifierForm) -> IdentifierScore:
    if not found.key or not registered.key:
        return IdentifierScore(0.0, {})
    if found.key == registered.key:
        return IdentifierScore(1.0, {"identifier": 1.0})
    if len(found.tokens) == len(registered.tokens):
        weakest = min(_word_similarity(a, b) for a, b in zip(found.tokens, registered.tokens, strict=True))
        return IdentifierScore(round(weakest, 3), {"identifier": round(weakest, 3)})
    if set(registered.tokens) <= set(found.tokens):
        return IdentifierScore(CONTAINED_SCORE, {"identifier": CONTAINED_SCORE})
    return IdentifierScore(0.0, {"identifier": 0.0})


def _word_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    # Reference numbers have no typos worth forgiving: one digit out is another child.
    if any(ch.isdigit() for ch in a + b):
        return 0.0
    if a in COMMON_IDENTIFIER_WORDS or b in COMMON_IDENTIFIER_WORDS:
        return JaroWinkler.normalized_similarity(a, b)
    return OSA.normalized_similarity(a, b)
