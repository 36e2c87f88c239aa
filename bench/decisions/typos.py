"""Keyboard and handwriting slips in one word: a letter dropped, doubled or two swapped.

    "Natasha" -> "Natsha" (dropped), "Nattasha" (doubled), "Natahsa" (swapped)
    "Square" -> "Squaare"        "Place" -> "Plaace"        "Birch" -> "Birh"
"""

from __future__ import annotations

import random

SLIPS = ("dropped", "doubled", "swapped")


def typo(word: str, rng: random.Random, slip: str | None = None) -> str:
    """The first letter is kept: people rarely mistype it, and a reader keys on it."""
    if len(word) < 4:
        return word
    slip = slip or rng.choice(SLIPS)
    i = rng.randrange(1, len(word) - 1)
    if slip == "dropped":
        return word[:i] + word[i + 1 :]
    if slip == "doubled":
        return word[: i + 1] + word[i] + word[i + 1 :]
    if word[i] == word[i + 1]:
        i = max(1, i - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
