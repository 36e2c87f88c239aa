"""Where a long address rule can match: runs of words around the words it cannot match without.

Python's `re` tries a rule at every position of a text, and the street rule (a house number,
up to four words of a name in either case, then a street type) fails at almost every word of
a letter's prose only after reading four words ahead: the recognizer spent most of its time
there. Every match of such a rule holds one of a few words (a street type, a flat word, a
house number) and reaches at most so many blank-separated words either side of it, so the rule
need only be tried on the runs of words around those words.

This gives exactly the matches of a scan of the whole text, not an approximation, provided a
rule's `before` and `after` bound its matches (each rule's bound is written beside its rule in
`address_grammar.REACH`, with how it was counted) and its look-aheads read a blank and the end
of the text alike (a look-ahead for a letter or a digit does; the rules have no other kind):
- a match lies inside the window of the anchor word it holds, so inside one run, and no match
  crosses from one run into another: scanning from a run's first word finds what the whole scan
  finds there, because the whole scan is between matches at that point;
- a run ends at the end of a word, after which the whole text holds a blank or nothing, and the
  rule's look-aheads treat both alike; look-behinds read the real text before the run (`re`
  searches from `pos` without slicing).
`tests/extraction/test_word_windows.py` checks the equality on a letter, the hand-written
sentences, each rule's longest match and random runs of address words, in upper and lower case
and with odd blanks. On a letter the address recognizer takes about half the time it took.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

_WORD = re.compile(r"\S+")
_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Reach:
    """How many words before and after its anchor word a rule's match can hold."""

    before: int
    after: int


class Words:
    """A text's blank-separated words (where each starts and ends) and its runs of letters in
    lower case, the keys anchor words are looked up by. A word may hold several runs, and an
    anchor may stand in any of them: "Address:Flat 3" holds "address" and "flat"."""

    def __init__(self, text: str) -> None:
        found = list(_WORD.finditer(text))
        self.starts = [m.start() for m in found]
        self.ends = [m.end() for m in found]
        self._letters = [(m.start(), m.group().lower()) for m in _LETTERS.finditer(text)]

    def anchored(self, is_anchor: Callable[[str], bool]) -> list[int]:
        """The indexes of the words holding a run of letters that `is_anchor` accepts."""
        return self.holding(start for start, key in self._letters if is_anchor(key))

    def holding(self, offsets: Iterable[int]) -> list[int]:
        """The indexes of the words that hold these character offsets, in text order."""
        return sorted({bisect_right(self.starts, offset) - 1 for offset in offsets})

    def runs(self, anchors: list[int], reach: Reach) -> list[tuple[int, int]]:
        """Character ranges (start, end) of the runs of words within `reach` of an anchor word,
        overlapping or touching windows joined, in text order."""
        runs: list[list[int]] = []
        last = len(self.starts) - 1
        for i in anchors:
            lo, hi = max(0, i - reach.before), min(last, i + reach.after)
            if runs and lo <= runs[-1][1] + 1:
                runs[-1][1] = max(runs[-1][1], hi)
            else:
                runs.append([lo, hi])
        return [(self.starts[lo], self.ends[hi]) for lo, hi in runs]


def finditer_in_runs(pattern: re.Pattern[str], text: str, runs: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, tried only inside `runs` (see the module's docstring for when
    that finds the same matches)."""
    for start, end in runs:
        yield from pattern.finditer(text, start, end)
