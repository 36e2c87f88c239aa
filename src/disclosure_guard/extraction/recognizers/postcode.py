"""UK postcodes, by the full Royal Mail grammar.

Examples it must handle (and the tests use exactly these):
    "LS6 2AB"          -> LS6 2AB
    "ls6 2ab"          -> LS6 2AB   (lower case)
    "LS62AB"           -> LS6 2AB   (no space)
    "SW1A 1AA"         -> SW1A 1AA  (AA9A outward code)
    "W1D 3QF"          -> W1D 3QF   (A9A outward code)
    "M1 1AE"           -> M1 1AE
    "B33 8TH"          -> B33 8TH
    "CR2 6XH"          -> CR2 6XH
    "DN55 1PT"         -> DN55 1PT
    "GIR 0AA"          -> GIR 0AA   (Girobank)
    "LS6 2A8" is not   (inward code must end in two letters)
    "0X1 1AA"          -> OX1 1AA   (OCR: zero for O where only a letter fits)
    "ZEB 5BJ"          -> ZE8 5BJ   (OCR: B for 8, S for 5 where only a digit fits)
    "MB 5EU"           -> M8 5EU    (the inward code's real digit vouches for the outward's)
    "NWI 6TY"          -> NW1 6TY   (I for 1 in an outward code of three characters)
    "HA17 BQJ"         -> HA17 8QJ
    "W15 3AB"          -> W15 3AB   (written as it reads, not W1S)
    "SI8 8AB"          -> S18 8AB   (not S1B: only London districts end in a letter)
    "LS6 35A"          -> LS6 3SA   (one character misread rather than two: not L56 3SA)
    "TN1B0DE"          -> TN18 0DE  (no space, but two real digits)
    "LS6 ZAB" is not   (only O/0 and I/1 confusions are read)
    "no 1ab", "BS 8th" are not (two letters before a digit: a word, or an ordinal)
    "SW1A IAA"         -> SW1A 1AA  (OCR: I for 1 where only a digit fits)
    "M1 1AA" in "ref M1 1AAB" is not (part of a longer token)
    "Liverpool L12\n5AH" -> L12 5AH   (a PDF wrapped the line inside the postcode)
    "Flat B12\n3rd floor" is not  (across a line only an exact postcode, and never an ordinal)
    "Tyne and Wear\nSR5 2ZN" -> SR5 2ZN (not "Wear" over "SR5")
    "West Norman HP18, 6TL" -> HP18 6TL (a wrapped block flattened with commas; exact only, as
                                          across a line: "Flat B12, 3rd floor" is not)

A postcode alone covers about 15 households, so it is a partial disclosure: it is always
emitted, also when it ends an address (the address recognizer emits the whole address too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product
from pathlib import Path

from spacy.tokens import Doc

from disclosure_guard.extraction.recognizers.base import PipelineStep, Recognizer, load_word_list
from disclosure_guard.types import Span, SpanKind

AREAS_FILE = "postcode_areas.txt"

# Letters allowed at each position of the outward/inward code (Royal Mail / BS 7666).
FIRST_LETTERS = set("ABCDEFGHIJKLMNOPRSTUWYZ")  # not Q, V, X
SECOND_LETTERS = set("ABCDEFGHKLMNOPQRSTUVWXY")  # not I, J, Z
THIRD_LETTERS_A9A = set("ABCDEFGHJKPSTUW")
FOURTH_LETTERS_AA9A = set("ABEHMNPRVWXY")
INWARD_LETTERS = set("ABDEFGHJLNPQRSTUWXYZ")  # not C, I, K, M, O, V
DIGITS = set("0123456789")

# Each outward shape as a sequence of position classes: "1" first letter, "2" second letter,
# "3" third letter of A9A, "4" fourth letter of AA9A, "9" digit.
OUTWARD_SHAPES = ("19", "199", "129", "1299", "193", "1294")
POSITION_CLASSES = {"1": FIRST_LETTERS, "2": SECOND_LETTERS, "3": THIRD_LETTERS_A9A,
                    "4": FOURTH_LETTERS_AA9A, "9": DIGITS, "i": INWARD_LETTERS}
INWARD_SHAPE = "9ii"

# What an OCR'd character may really have been (lower-case l is read as 1 only where a digit fits).
OCR_READINGS = {"0": "0O", "O": "O0", "1": "1I", "I": "I1", "l": "L1", "8": "8B", "B": "B8", "5": "5S", "S": "S5"}
# B/8 and S/5 are misread in both directions; a letter for a digit leaves an outward code with
# no digit ("ZEB 5BJ"), which the inward code's digit vouches for.
LONDON_AREAS = frozenset({"E", "EC", "N", "NW", "SE", "SW", "W", "WC"})
LETTER_DIGIT_CONFUSIONS = ({"B", "8"}, {"S", "5"})
# I for 1 and O for 0 in a longer outward code: "NWI 6TY" is NW1 6TY.
OUTWARD_DIGIT_CONFUSIONS = ({"I", "1"}, {"O", "0"})

# Loose shape: 2-4 outward chars, optional space, digit-like char, two letters; the grammar
# check below decides. `l` is read as 1 only in digit positions (and only lower-case l).
CANDIDATE = re.compile(
    r"(?<![A-Za-z0-9])"
    r"(?P<outward>[A-Za-z0-9]{2,4})"
    r"(?P<space>[ \t\u00a0]{0,2}|[ \t]*\r?\n[ \t]*|,[ \t]*)"
    r"(?P<inward>[0-9OoIilBS][A-Za-z58][A-Za-z])"
    r"(?![A-Za-z0-9])"
)
# "1st", "2nd", "3rd", "4th" opening the next line read like an inward code ("12\n3rd floor").
ORDINAL_INWARD = re.compile(r"(?i:1st|2nd|3rd|[04-9]th)")
GIROBANK = re.compile(r"(?<![A-Za-z0-9])GIR[ \t\u00a0]?[0O]AA(?![A-Za-z0-9])", re.IGNORECASE)


@dataclass(frozen=True)
class PostcodeMatch:
    start: int
    end: int
    postcode: str  # normalised: upper case, one space
    known_area: bool
    ocr: bool


def _misread(reading: str, raw_compact: str) -> int:
    return sum(a != b for a, b in zip(reading.replace(" ", ""), raw_compact))


def _readings(chars: str, classes: str) -> set[str]:
    options = []
    for char, cls in zip(chars, classes):
        allowed = POSITION_CLASSES[cls]
        key = char if char == "l" else char.upper()
        fits = [c for c in OCR_READINGS.get(key, key) if c in allowed]
        if not fits:
            return set()
        options.append(fits)
    return {"".join(choice) for choice in product(*options)}


class PostcodeRecognizer(Recognizer):
    name = "postcode"

    @classmethod
    def from_step(cls, step: PipelineStep) -> PostcodeRecognizer:
        return cls(step.patterns_dir)

    def __init__(self, patterns_dir: Path) -> None:
        self._areas = {area.upper() for area in load_word_list(patterns_dir / AREAS_FILE)}

    def find(self, text: str) -> list[PostcodeMatch]:
        found = [PostcodeMatch(m.start(), m.end(), "GIR 0AA", True, "O" in m.group().upper())
                 for m in GIROBANK.finditer(text)]
        pos = 0
        while (m := CANDIDATE.search(text, pos)) is not None:
            match = self._read(m)
            if match is not None:
                found.append(match)
                pos = m.end()
            else:
                # A rejected reading may have swallowed the start of a real postcode
                # ("Tyne and Wear\nSR5 2ZN" read as "Wear" over "SR5"): look again inside it.
                pos = m.start() + 1
        return found

    def analyze(self, text: str, doc: Doc | None = None) -> list[Span]:
        return [
            Span(SpanKind.POSTCODE, m.start, m.end, text[m.start:m.end], self.name,
                 score=(1.0 if m.known_area else 0.7) * (0.9 if m.ocr else 1.0),
                 pattern=f"postcode={m.postcode}" + (" ocr" if m.ocr else ""))
            for m in self.find(text)
        ]

    def _read(self, m: re.Match[str]) -> PostcodeMatch | None:
        outward, inward = m.group("outward"), m.group("inward")
        if sum(ch.isdigit() for ch in outward + inward) == 0:
            return None
        # Across a line, or split by a comma where an address block was flattened to one line
        # ("West Norman HP18\n6TL" joined with ", " is "West Norman HP18, 6TL").
        wrapped = "\n" in m.group("space") or "," in m.group("space")
        readings: set[str] = set()
        for shape in OUTWARD_SHAPES:
            if len(shape) != len(outward):
                continue
            for out in _readings(outward, shape):
                for inn in _readings(inward, INWARD_SHAPE):
                    readings.add(f"{out} {inn}")
        # A trailing letter in the outward code (A9A, AA9A) exists only in central London.
        readings = {r for r in readings if not r.split()[0][-1].isalpha() or self._area(r) in LONDON_AREAS}
        if not readings:
            return None
        raw_compact = (outward + inward).upper()
        fewest = min(_misread(r, raw_compact) for r in readings)
        # As written when it is a postcode, else with the fewest characters misread: "LS6 35A"
        # is LS6 3SA, not L56 3SA.
        readings = {r for r in readings if _misread(r, raw_compact) == fewest}
        known = {r for r in readings if self._area(r) in self._areas}
        # Only one reading may survive: an OCR confusion is corrected only where the grammar
        # (or, failing that, the list of real areas) leaves no choice.
        candidates = readings if len(readings) == 1 else known
        if len(candidates) != 1:
            return None
        postcode = next(iter(candidates))
        raw = (outward + " " + inward).upper()
        ocr = postcode.replace(" ", "") != raw.replace(" ", "")
        known_area = self._area(postcode) in self._areas
        if wrapped and (ocr or not known_area or ORDINAL_INWARD.fullmatch(inward)):
            # Across a line break only a postcode written exactly as one, in a real area: a
            # line ending "B12" over a line starting "3rd floor" is two other things.
            return None
        changed = [{a, b} for a, b in zip(postcode.replace(" ", ""), raw.replace(" ", "")) if a != b]
        # A letter read for the outward code's only digit is vouched for by the inward code's
        # real digit: "ZEB 5BJ", "NWI 6TY" (NW1), "MB 5EU" (M8). Two characters leave room for
        # words ("no 1ab", "SO 1AB"), so there only the letter-digit pairs OCR really swaps,
        # never before an ordinal ("BS 8th").
        vouched = any(ch.isdigit() for ch in outward) or (inward[0].isdigit() and len(changed) == 1 and (
            (len(outward) >= 3 and changed[0] in LETTER_DIGIT_CONFUSIONS + OUTWARD_DIGIT_CONFUSIONS)
            or (changed[0] in LETTER_DIGIT_CONFUSIONS and not ORDINAL_INWARD.fullmatch(inward))))
        # Without the space only a token with two real digits ("TN1B0DE"), not a word.
        spaced = bool(m.group("space")) or sum(ch.isdigit() for ch in raw) >= 2
        if ocr and (len(changed) > 2 or not spaced or not known_area or not vouched):
            # Corrected readings of words ("no 1ab", "TO 1AN") are more often prose than OCR
            # noise: correct only a real area with a real digit, written with the space.
            return None
        return PostcodeMatch(m.start(), m.end(), postcode, known_area, ocr)

    @staticmethod
    def _area(postcode: str) -> str:
        return re.match(r"[A-Z]+", postcode).group()  # type: ignore[union-attr]
