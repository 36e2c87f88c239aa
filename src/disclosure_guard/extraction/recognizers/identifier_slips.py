"""Register identifiers of several words written with a slip: a school or workplace as people
mistype it.

The gazetteer finds a registered identifier on its letters and digits, so "Heol Wen Primary"
and "HEOL-WEN PRIMARY SCHOOL" are found, but a letter dropped, added, changed or two swapped in
one word ("Heol Wen Primery School", "St Hilda's Primray") made it nothing, and the children's
school went to their father. Here every word of a registered name of two words or more is
compared with the text's words in turn: each the same, or one slip away in a word of three
letters or more (never a number), one slipped word in a name of up to three words, two in a
longer one; the first word must be capitalised as a name is. The span reads as the registered
name it slipped from.

Examples it must handle, with the register's "Heol Wen Primary School" (and its short form
"Heol Wen Primary") and "St Hilda's Primary School" (the tests use these):
    "at Heol Wen Primery School this term"   -> IDENTIFIER "Heol Wen Primery School"
    "at Heol Wenn Primary"                   -> IDENTIFIER "Heol Wenn Primary"
    "St Hilda's Primray"                     -> IDENTIFIER "St Hilda's Primray"
and must not fire on:
    "Heol Wen Primary School" (found whole by the gazetteer); "heol wen primery" (not
    capitalised); "Heol Fawr Primary" (a word changed past a slip); "Hen Wen Primery" (two
    slips in three words).

Only words of four letters or more open a comparison, through their one-letter deletions (the
gazetteer's trick for slipped surnames), and only capitalised ones: the cost is a few
dictionary look-ups per capitalised word of the text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz.distance import OSA

from disclosure_guard.types import Span, SpanKind

MIN_ANCHOR_CHARS = 4
MIN_SLIP_CHARS = 3
# One slipped word in a name of up to three words, two in a longer one.
SHORT_NAME_WORDS = 3
MAX_GAP = 3
PATTERN = "gazetteer:identifier_slip"
SCORE = 0.8

Token = tuple[int, int, str]  # start, end, folded word


def deletions(word: str) -> set[str]:
    """The word and every word it makes with one letter dropped: two words one slip apart
    (dropped, added, changed or two swapped) share one."""
    return {word, *(word[:i] + word[i + 1:] for i in range(len(word)))}


class SlippedIdentifiers:
    def __init__(self, identifiers: Iterable[tuple[tuple[str, ...], str]]) -> None:
        """`identifiers`: each registered identifier as its folded words, and as registered."""
        # A deletion of an anchor word -> (the identifier's words, where the anchor stands).
        self._anchors: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
        self._registered: dict[tuple[str, ...], str] = {}
        for words, registered in identifiers:
            if len(words) < 2 or words in self._registered:
                continue
            self._registered[words] = registered
            for position, word in enumerate(words):
                if len(word) >= MIN_ANCHOR_CHARS and word.isalpha():
                    for deleted in deletions(word):
                        self._anchors[deleted].append((words, position))

    def analyze(self, text: str, tokens: list[Token]) -> list[Span]:
        if not self._anchors:
            return []
        spans: list[Span] = []
        for i, (start, _end, word) in enumerate(tokens):
            if (spans and start < spans[-1].end) or len(word) < MIN_ANCHOR_CHARS - 1 or not text[start].isupper():
                continue
            readings = {(words, position) for deleted in deletions(word)
                        for words, position in self._anchors.get(deleted, ())}
            found = [span for words, position in readings
                     if (span := self._aligned(text, tokens, i - position, words, self._registered[words])) is not None
                     and not (spans and span.start < spans[-1].end)]
            if found:
                # The fullest reading: "Heol Wen Primery School", not its short form without "School".
                spans.append(max(found, key=lambda s: (s.end - s.start, -s.start)))
        return spans

    @staticmethod
    def _aligned(text: str, tokens: list[Token], first: int, words: tuple[str, ...], registered_as: str) -> Span | None:
        """The registered words read at tokens[first:], each the same or one slip away; None
        unless some word slipped (an exact reading is the gazetteer's) within the allowance."""
        last = first + len(words) - 1
        if first < 0 or last >= len(tokens) or not text[tokens[first][0]].isupper():
            return None
        slips = 0
        for offset, registered in enumerate(words):
            start, _end, written = tokens[first + offset]
            if offset and start - tokens[first + offset - 1][1] > MAX_GAP:
                return None
            if written == registered:
                continue
            # A reference's digits have no slips worth forgiving: one out is another child's.
            if (min(len(written), len(registered)) < MIN_SLIP_CHARS or not registered.isalpha()
                    or OSA.distance(written, registered, score_cutoff=1) > 1):
                return None
            slips += 1
        if slips == 0 or slips > (1 if len(words) <= SHORT_NAME_WORDS else 2):
            return None
        start, end = tokens[first][0], tokens[last][1]
        # Read as the name it slipped from, as the reading view reads "Ro-ad" as Road: matching
        # compares it whole (its blocking keys would miss a slipped word). Never shown: only
        # the text as written is quoted.
        return Span(SpanKind.IDENTIFIER, start, end, text[start:end], "gazetteer", score=SCORE, pattern=PATTERN,
                    reading=registered_as)
