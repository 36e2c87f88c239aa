"""The reading view: a text as a person reads it, with a map back to the submitted text.

What a screen shows is what a recipient reads, so what the guard reads is that too: characters
that draw nothing are dropped, every kind of space is a space, compatibility forms (fullwidth,
ligatures, mathematical letters, superscripts) are their plain letters, digits of any script
are ASCII digits, loose combining marks are dropped, and letters of another script that look
like Latin ones are Latin inside words that a person reads as English. Extraction and matching
run on the reading view; `ReadingView.source_span` takes a span of it back to the submitted text,
so findings still quote and point into what was submitted.

Examples it must handle (the tests use exactly these):
    "Bram\u200bley Way"            -> "Bramley Way"     zero-width space
    "Bram\u00adley"                -> "Bramley"         soft hyphen, as Word inserts it
    "LS6\u2060 2AB\ufeff"          -> "LS6 2AB"         word joiner, byte-order mark
    "\u200f12\u200e Elm Road"      -> "12 Elm Road"     right-to-left and left-to-right marks
    "12\u2003Elm\u2009Road\u3000Leeds" -> "12 Elm Road Leeds"  em, thin and ideographic spaces
    "\uff11\uff12 Elm Road \uff2c\uff33\uff16" -> "12 Elm Road LS6"  fullwidth digits and letters
    "Bra\u0301mley\u0308 Way"      -> "Bramley Way"     combining accents
    "Br\u0430mley W\u0430y"        -> "Bramley Way"     Cyrillic а inside Latin words
    "\u0412S1 6\u0410\u0410"       -> "BS1 6AA"         Cyrillic look-alikes in a postcode
    "Bramley \u051c\u0430\u0443"   -> "Bramley Way"     a whole look-alike word among Latin ones
    "jane@hotma\u0456l.\u0441\u043e.uk" -> "jane@hotmail.co.uk"  "со" beside a Latin word in disguise
    "Queen'\u0455 Ro\u0430d"         -> "Queen's Road"    an apostrophe inside a word
    "\u0406G6 2L\u0410"               -> "IG6 2LA"         a capital look-alike is a capital
and must leave alone:
    "Zoë Łukasz Ştefan Şahin Ağaoğlu"   genuine Polish, Romanian and Turkish letters
    "Анна Петрова"                      a name in Cyrillic (matching transliterates it)
    "12 Elm Road, Leeds"                 plain ASCII: the same string, no map at all

A link reads as its words: "maps.google.com/?q=10+Westfield+Ave%2C+Cardiff" as "maps.google.com/?q=10
Westfield Ave, Cardiff", "rightmove.co.uk/10-westfield-avenue-cardiff" with blanks for its hyphens
(in the path only: a query's hyphens may be an email's).

Only mixed-script words are folded to Latin, and a word wholly in another script only when every
letter has a Latin look-alike and neither word beside it is wholly in another script: "Анна Петрова" is
a Russian name to read as Russian, "Bramley Ԝау" is an English street in disguise.

The look-alikes are Unicode's TR39 confusables, from the `confusable-homoglyphs` package: only
those whose Latin twin is one ASCII letter or digit, so a fold never changes the length of a word.
"""

from __future__ import annotations

import json
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

# What html_to_text pads markup with: a browser draws nothing for a tag inside a word, so the
# padding must not break the word either. WORD JOINER is the character that means exactly that.
INVISIBLE_FILLER = "\u2060"

_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
# Default-ignorable code points outside category Cf (Unicode DerivedCoreProperties): Hangul
# fillers, the combining grapheme joiner and variation selectors (marks, dropped as marks),
# and the unassigned ranges kept for future invisible characters.
_IGNORABLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")
_IGNORABLE_UNASSIGNED = ((0x2065, 0x2065), (0xFFF0, 0xFFF8), (0xE0000, 0xE0FFF))
# Scripts whose letters are read as they are: Latin's own accented letters are genuine names.
_READ_AS_IS = frozenset({"LATIN", "COMMON", "INHERITED"})
# A fold cache the size of Unicode's assigned letters; past that (hostile text of every code
# point) characters are folded without being remembered.
_FOLD_CACHE_LIMIT = 200_000


@dataclass(frozen=True)
class ReadingView:
    """`text` as read; `source_offsets[i]` is where reading character i came from in the
    submitted text, or None when every character is where it was (the same text, or the same
    with look-alike letters made Latin, one for one)."""

    text: str
    # An array, not a list: a long attachment's map is 8 bytes a character, not 36.
    source_offsets: array[int] | None = None

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The stretch of the submitted text that reads as `text[start:end]`."""
        offsets = self.source_offsets
        if offsets is None:
            return start, end
        if end <= start:
            at = offsets[start] if start < len(offsets) else (offsets[-1] + 1 if offsets else 0)
            return at, at
        return offsets[start], offsets[end - 1] + 1

    def reading_span(self, start: int, end: int) -> tuple[int, int]:
        """The stretch of `text` read from `[start, end)` of the submitted text."""
        offsets = self.source_offsets
        if offsets is None:
            return start, end
        return bisect_left(offsets, start), bisect_left(offsets, end)

    def then(self, later: ReadingView) -> ReadingView:
        """`later`, a reading of this view's text, as a reading of the submitted text."""
        if later.source_offsets is None:
            return self if later.text == self.text else ReadingView(later.text, self.source_offsets)
        if self.source_offsets is None:
            return later
        mine = self.source_offsets
        return ReadingView(later.text, array("q", (mine[i] for i in later.source_offsets)))


def reading_view(text: str) -> ReadingView:
    view = _characters_read(text)
    if "/" in view.text or "www." in view.text:
        view = view.then(_links_read(view.text))
    return view


# A link's words as its reader makes them out: a map link's "10+Westfield+Ave,+Cardiff", an
# escaped blank ("%20") or comma, a listing's "10-westfield-avenue-cardiff" before its query.
_LINK = re.compile(r"(?i:https?://|www\.|(?<![\w@.\-])(?:[a-z\d\-]+\.)+[a-z]{2,6}/)[^\s<>\"'()\[\]]+")
_LINK_ESCAPE = re.compile(r"%(?:20|2[Cc]|27|40)|\+")
_PATH_SEPARATOR = re.compile(r"[-_]")
_ESCAPES_READ = {"%20": " ", "%2C": ",", "%2c": ",", "%27": "'", "%40": "@", "+": " "}


def _links_read(text: str) -> ReadingView:
    edits: list[tuple[int, int, str]] = []
    for link in _LINK.finditer(text):
        start, end = link.span()
        query = text.find("?", start, end)
        path_end = query if query != -1 else end
        found = [(m.start(), m.end(), _ESCAPES_READ[m.group()]) for m in _LINK_ESCAPE.finditer(text, start, end)]
        found += [(m.start(), m.end(), " ") for m in _PATH_SEPARATOR.finditer(text, start, path_end)]
        edits += sorted(found)
    return replaced(text, edits)


def _characters_read(text: str) -> ReadingView:
    if text.isascii():
        return ReadingView(text)
    # Most non-ASCII letters read as written ("£", "’", "Zoë", "Анна"): then nothing is dropped
    # or widened, a look-alike is one letter for one, and every offset stays where it was.
    if all(_folded(ch) == ch for ch in _non_ascii_chars(text)):
        return ReadingView(_fold_lookalike_words(text))
    pieces: list[str] = []
    offsets: array[int] = array("q")
    position = 0
    changed = False
    for run in _NON_ASCII_RUN.finditer(text):
        start, end = run.span()
        if start > position:
            pieces.append(text[position:start])
            offsets.extend(range(position, start))
        if not run.group().strip(INVISIBLE_FILLER):
            changed = True  # a tag of laid-out HTML: nothing to read, nothing to look at
            position = end
            continue
        for i in range(start, end):
            ch = text[i]
            folded = _folded(ch)
            if folded != ch:
                changed = True
            if folded:
                pieces.append(folded)
                offsets.extend((i,) * len(folded))
        position = end
    if position < len(text):
        pieces.append(text[position:])
        offsets.extend(range(position, len(text)))
    read = "".join(pieces)
    unconfused = _fold_lookalike_words(read)
    if not changed and unconfused is read:
        return ReadingView(text)
    return ReadingView(unconfused, offsets)


# A hyphen, with the line break after it if it ends a line, before a letter or digit (the one
# before it is looked at by the caller: a look-behind would be tried at every character).
_HYPHEN_BREAK = re.compile(r"-(?:[ \t]*\r?\n[ \t]*)?(?=[^\W_])")


def join_broken_words(text: str, is_whole_word: Callable[[str], bool]) -> ReadingView:
    """`text` with its words broken by a hyphen read whole, and a map back.

    A word (of letters and digits) hyphenated at a line end reads as one ("Stoke-\non-Trent" ->
    "Stoke-on-Trent"), and a word whose pieces joined make a word `is_whole_word` knows (given it
    lower-cased) reads joined ("Ro-ad" -> "Road", "RO-\nAD" -> "ROAD", "LS-6" -> "LS6"). That is
    how a soft hyphen comes out of a PDF printed from Word (PDFium reads WinAnsi's 0xAD as the
    hyphen it draws), and how justified text breaks a word over two lines; a reader reads
    "12 Elm Ro-ad" as Elm Road, so must the guard. A genuine compound keeps its hyphens: only a
    known word is joined."""
    if "-" not in text:
        return ReadingView(text)
    dropped: list[tuple[int, int]] = []
    breaks = [m for m in _HYPHEN_BREAK.finditer(text) if m.start() and text[m.start() - 1].isalnum()]
    i = 0
    while i < len(breaks):
        # The run of pieces one word is broken into: "Cres-c-\nent" is one word of three.
        run = [breaks[i]]
        while i + 1 < len(breaks) and _word_end(text, run[-1].end()) == breaks[i + 1].start():
            i += 1
            run.append(breaks[i])
        i += 1
        start = _word_start(text, run[0].start())
        end = _word_end(text, run[-1].end())
        pieces = [text[start:run[0].start()]] + [text[a.end():b.start()] for a, b in zip(run, run[1:])] + [
            text[run[-1].end():end]]
        if is_whole_word("".join(pieces).lower()):
            dropped += [m.span() for m in run]
        else:
            dropped += [(m.start() + 1, m.end()) for m in run if m.end() > m.start() + 1]
    return replaced(text, [(start, end, "") for start, end in dropped])


def replaced(text: str, edits: list[tuple[int, int, str]]) -> ReadingView:
    """`text` with each stretch `(start, end, reading)` of `edits` (in order, apart) read as its
    `reading`, and a map back: what is read in place of a stretch comes from its first character."""
    if not edits:
        return ReadingView(text)
    pieces_read: list[str] = []
    offsets: array[int] = array("q")
    position = 0
    for start, end, reading in edits:
        pieces_read.append(text[position:start])
        offsets.extend(range(position, start))
        pieces_read.append(reading)
        offsets.extend((start,) * len(reading))
        position = end
    pieces_read.append(text[position:])
    offsets.extend(range(position, len(text)))
    return ReadingView("".join(pieces_read), offsets)


def _word_start(text: str, i: int) -> int:
    while i > 0 and text[i - 1].isalnum():
        i -= 1
    return i


def _word_end(text: str, i: int) -> int:
    while i < len(text) and text[i].isalnum():
        i += 1
    return i


def lookalike_count() -> int:
    """How many letters of other scripts read as Latin. Loads the table: call it at start-up,
    so that a missing table stops the service instead of the first check."""
    return len(_latin_lookalikes())


def read_text(text: str) -> str:
    """Just the reading, for a value read whole (a recipient's name, email or address)."""
    return reading_view(text).text


# ---------------------------------------------------------------- one character


_FOLDED: dict[str, str] = {}


def _folded(ch: str) -> str:
    folded = _FOLDED.get(ch)
    if folded is None:
        folded = _fold_char(ch)
        if len(_FOLDED) < _FOLD_CACHE_LIMIT:
            _FOLDED[ch] = folded
    return folded


def _fold_char(ch: str) -> str:
    category = unicodedata.category(ch)
    if category in ("Cf", "Mn", "Me") or ch in _IGNORABLE_LETTERS or _unassigned_ignorable(ch):
        return ""
    if category == "Zs":
        return " "
    if category in ("Zl", "Zp") or ch == "\x85":
        return "\n"
    if category == "Cc":
        return ""
    if category == "Nd":
        return str(unicodedata.decimal(ch))
    folded = unicodedata.normalize("NFKC", ch)
    if folded == ch:
        return ch
    # "¨" is a space and a mark to NFKC; "ℌ" just an H. Marks go, as loose ones do.
    return "".join(c for c in folded if not unicodedata.combining(c)
                   and unicodedata.category(c) not in ("Mn", "Me", "Cf"))


def _unassigned_ignorable(ch: str) -> bool:
    point = ord(ch)
    return any(low <= point <= high for low, high in _IGNORABLE_UNASSIGNED)


# ---------------------------------------------------------------- look-alike words


@cache
def _latin_lookalikes() -> dict[str, str]:
    """Letters of other scripts -> the one ASCII letter or digit TR39 says they are confused with."""
    table = json.loads(files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8"))
    lookalikes: dict[str, str] = {}
    for ch, homoglyphs in table.items():
        if len(ch) != 1 or ch.isascii() or _script(ch) in _READ_AS_IS or not ch.isalpha():
            continue
        for homoglyph in homoglyphs:
            twin = homoglyph["c"]
            if len(twin) == 1 and twin.isascii() and twin.isalnum():
                lookalikes[ch] = twin
                break
    # TR39 files every capital I look-alike under "l", its prototype: Cyrillic "І" in a postcode
    # would read "lG6 2LA". A capital whose small letter has its own twin is that twin's capital.
    for ch, twin in list(lookalikes.items()):
        small = lookalikes.get(ch.lower())
        if ch.isupper() and twin.islower() and small is not None and small != twin:
            lookalikes[ch] = small.upper()
    return lookalikes


def _fold_lookalike_words(text: str) -> str:
    """`text` with look-alike letters made Latin in the words a person reads as Latin; the same
    object when nothing is folded. Regular expressions over the few look-alikes the text has
    find the words: a long letter in Russian costs two scans, not a look at every word."""
    if text.isascii():
        return text
    lookalikes = _latin_lookalikes()
    present = _non_ascii_chars(text) & lookalikes.keys()
    if not present:
        return text
    mixed, whole = _word_patterns(frozenset(present))
    words = [found.span() for found in mixed.finditer(text)]
    words += [(start, end) for start, end in (found.span() for found in whole.finditer(text))
              if not _is_foreign(_word_before(text, start)) and not _is_foreign(_word_after(text, end))]
    if not words:
        return text
    chars = list(text)
    for start, end in words:
        for i in range(start, end):
            if text[i] in lookalikes:
                chars[i] = lookalikes[text[i]]
    return "".join(chars)


_LATIN = r"A-Za-z0-9\u00c0-\u024f\u1e00-\u1eff"
_WORD_END = re.compile(r"\w*(?:['\u2019]\w+)*")


@lru_cache(maxsize=64)
def _word_patterns(letters: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Words with a look-alike and a Latin letter or digit ("Brаmley", "ВS1"), and words of
    look-alikes only ("Ԝау"), over the few look-alikes a text has: a class of all thousand of
    them, astral letters among them, is tried one by one at every character."""
    looks = "".join(re.escape(ch) for ch in sorted(letters))
    word = r"\w+(?:['\u2019]\w+)*"
    mixed = re.compile(rf"(?<![\w'\u2019])(?=[\w'\u2019]*?[{_LATIN}])(?=[\w'\u2019]*?[{looks}]){word}")
    only = rf"[{looks}]+"
    whole = re.compile(rf"(?<![\w'\u2019]){only}(?:['\u2019]{only})*(?![\w'\u2019])")
    return mixed, whole


def _in_word(text: str, i: int) -> bool:
    ch = text[i]
    if ch.isalnum() or ch == "_":
        return True
    # "Queen's" is one word.
    return ch in "'\u2019" and 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()


def _word_around(text: str, i: int) -> tuple[int, int]:
    start = i
    while start > 0 and _in_word(text, start - 1):
        start -= 1
    return start, max(_WORD_END.match(text, i).end(), i + 1)


def _word_before(text: str, start: int) -> str:
    i = start - 1
    while i >= 0 and not _in_word(text, i):
        i -= 1
    return "" if i < 0 else text[slice(*_word_around(text, i))]


def _word_after(text: str, end: int) -> str:
    i = end
    while i < len(text) and not _in_word(text, i):
        i += 1
    return "" if i == len(text) else text[slice(*_word_around(text, i))]


def _non_ascii_chars(text: str) -> set[str]:
    return {ch for run in _NON_ASCII_RUN.findall(text) for ch in run}


def _is_foreign(word: str) -> bool:
    """A word wholly of another script: a neighbour that makes a look-alike word genuine. A word
    of Latin and other letters is Latin in disguise, and no evidence of anything."""
    foreign = False
    for ch in word:
        if ch.isalpha():
            if ch.isascii() or _script(ch) == "LATIN":
                return False
            foreign = foreign or _script(ch) not in _READ_AS_IS
    return foreign


def _script(ch: str) -> str:
    """The script a character belongs to, near enough for letters: the first word of its name
    ("CYRILLIC SMALL LETTER A"); characters named after no script count as common."""
    name = unicodedata.name(ch, "")
    first = name.split(" ", 1)[0]
    if first in ("LATIN", "FULLWIDTH", "MODIFIER"):
        return "LATIN" if first != "MODIFIER" else "COMMON"
    if first in ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC", "GEORGIAN", "HEBREW",
                 "ARABIC", "LISU", "VAI", "TIFINAGH", "OLD", "GOTHIC", "DESERET"):
        return first
    return "OTHER" if ch.isalpha() else "COMMON"
