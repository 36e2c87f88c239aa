"""Keyboard and handwriting slips in one word: a letter dropped, doubled or two swapped.

    "Natasha" -> "Natsha" (dropped), "Nattasha" (doubled), "Natahsa" (swapped)
    "Square" -> "Squaare"        "Place" -> "Plaace"        "Birch" -> "Birh"

`one_slip_apart` says whether two words could be one such slip apart (a letter dropped, added,
swapped or changed: "Hilton"/"Hinton", "Moore"/"More"): such a pair is not two people to a
reader, who cannot tell a namesake from a slip of the pen.
"""

from __future__ import annotations

import random

SLIPS = ("dropped", "doubled", "swapped")


def typo(word: str, rng: random.Random, slip: str | None = None) -> str:
    """The first letter is kept: people rarely mistype it, and a reader keys on it."""
    if len(word) < 4:
        return word
    slip = slip or rng.choice(SLIPS)
    return slipped_at(word, rng.randrange(1, len(word) - 1), slip)


def slipped_at(word: str, i: int, slip: str) -> str:
    """`word` with the letter at `i` dropped or doubled, or swapped with the next one."""
    if slip == "dropped":
        return word[:i] + word[i + 1 :]
    if slip == "doubled":
        return word[: i + 1] + word[i] + word[i + 1 :]
    if word[i] == word[i + 1]:
        i = max(1, i - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def one_slip_apart(first: str, second: str) -> bool:
    a, b = first.lower(), second.lower()
    if a == b:
        return True
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
    if abs(len(a) - len(b)) != 1:
        return False
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
