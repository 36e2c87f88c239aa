"""The register's own phone numbers, found where they are written without a way to dial them.

The phone recognizer reads a number only when it starts the way a number is dialled (+, 00 or a
trunk 0): without that, every reference and account number would be a phone. But people copy a
number off a "+44" form and leave the 0 off ("7700 900412"), or write the country code with the
plus missing ("44 7700 900412"). The register knows the numbers that matter, so its numbers are
looked for by their digits: the national number, or the country code and the national number.

Examples it must handle, with the register number "+447700900412" (the tests use these):
    "ring 7700 900412"      -> PHONE "7700 900412"      reading "+447700900412"
    "44 7700 900 412"       -> PHONE "44 7700 900 412"
    "7700-900412."          -> PHONE "7700-900412"
    "07700\n900412"         -> PHONE "07700\n900412" (a sentence wrapped inside it: dialled or not)
    "O77OO 9OO412"          -> PHONE "O77OO 9OO412"     (OCR or a typist: O for 0, l or I for 1)
and must leave to the phone recognizer (which reads them, once):
    "07700 900412", "+44 7700 900412", "0044 7700 900412"
and must not fire on:
    "7700 900413"; "17700900412" (a longer number that holds hers); "4477 0090 041";
    "Oil 07700"; "IOI" (letters that read as digits need real digits about them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import phonenumbers

from disclosure_guard.types import Span, SpanKind

# Groups of digits with one or two marks between them: "7700 900412", "44-7700-900-412", "(44)
# 7700 900412", or a line break where a sentence wrapped ("07700\n900412", a reply's "> " after
# it). A letter ends a number.
DIGIT_RUN = re.compile(r"\d+(?:(?:[^\w\n]{1,2}|[ \t]*\r?\n[ \t>]*)\d+)*")
DIGIT_GROUP = re.compile(r"\d+")
# The same with the letters OCR and typists put for digits (O for 0, l and I for 1), as whole
# words only: "Oil" is no number.
_MISREAD_DIGITS = str.maketrans("OolI", "0011")
MISREAD_RUN = re.compile(r"(?<!\w)[\dOolI]+(?:(?:[^\w\n]{1,2}|[ \t]*\r?\n[ \t>]*)[\dOolI]+)*(?!\w)")
# Most of a misread number is still digits.
MIN_REAL_DIGITS = 5
# Shorter national numbers (some countries' landlines) would be found inside references by chance.
MIN_NATIONAL_DIGITS = 8
PATTERN = "gazetteer:register_phone"
# "0", "00", "0044", "00353": a trunk or international prefix as its own group.
MAX_PREFIX_DIGITS = 5


class RegisterPhones:
    """The register's numbers keyed by the digits a sender writes without a dialling prefix."""

    def __init__(self, phones: Iterable[str]) -> None:
        self._e164_by_digits: dict[str, str] = {}
        self._dialled_digits: set[str] = set()
        for e164 in phones:
            try:
                number = phonenumbers.parse(e164)
            except phonenumbers.NumberParseException:
                continue
            national = phonenumbers.national_significant_number(number)
            if len(national) >= MIN_NATIONAL_DIGITS:
                self._e164_by_digits[national] = e164
                self._e164_by_digits[f"{number.country_code}{national}"] = e164
                # As dialled at home ("07700 900412"): the phone recognizer reads it on one line,
                # this only where a line break is inside it.
                dialled = re.sub(r"\D", "", phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))
                self._dialled_digits.add(dialled)
                self._e164_by_digits[dialled] = e164
        self._longest = max(map(len, self._e164_by_digits), default=0)

    def __bool__(self) -> bool:
        return bool(self._e164_by_digits)

    def analyze(self, text: str) -> list[Span]:
        if not self._e164_by_digits:
            return []
        spans = []
        for run in DIGIT_RUN.finditer(text):
            if len(run.group()) >= MIN_NATIONAL_DIGITS:
                spans.extend(self._numbers_in(text, run.start(), run.group()))
        if any(letter in text for letter in "OolI"):
            misread = [span for run in MISREAD_RUN.finditer(text)
                       if any(c in "OolI" for c in run.group()) and sum(c.isdigit() for c in run.group()) >= MIN_REAL_DIGITS
                       for span in self._numbers_in(text, run.start(), run.group().translate(_MISREAD_DIGITS),
                                                    misread=True)]
            # "o7700 900412": the digits alone were read too; the number is the whole of it.
            spans = [s for s in spans if not any(m.start <= s.start and s.end <= m.end for m in misread)] + misread
        return spans

    def _numbers_in(self, text: str, run_start: int, run: str, misread: bool = False) -> list[Span]:
        """Whole groups of the run whose digits are a register number: "7700 900412, 7700 900413"
        holds one; a number inside a longer group ("17700900412") is not hers. `run` is the
        run as read (a misread one with its letters read as digits), as long as written."""
        groups = [(m.start() + run_start, m.end() + run_start, m.group()) for m in DIGIT_GROUP.finditer(run)]
        spans = []
        i = 0
        while i < len(groups):
            found = None
            digits = ""
            for j in range(i, len(groups)):
                digits += groups[j][2]
                if len(digits) > self._longest:
                    break
                if digits in self._e164_by_digits:
                    found = j, self._e164_by_digits[digits]
            if found is None:
                i += 1
                continue
            j, e164 = found
            start, end = groups[i][0], groups[j][1]
            # The phone recognizer reads a dialled number on one line; a wrapped one is read here.
            wrapped = "\n" in text[start:end]
            dialled = _dialled(text, run_start, groups[:i]) or "".join(g[2] for g in groups[i:j + 1]) in self._dialled_digits
            # Nor one with a letter read as a digit.
            if wrapped or not dialled or (misread and _has_letter(text[start:end])):
                spans.append(Span(SpanKind.PHONE, start, end, text[start:end], "gazetteer", score=0.9,
                                  pattern=PATTERN, reading=e164))
            i = j + 1
        return spans


def _dialled(text: str, run_start: int, before: list[tuple[int, int, str]]) -> bool:
    """The number is written the way the phone recognizer reads one, which finds it there once:
    after a "+" ("+44 7700 900412", "+44 (0) 7700 900412") or a trunk or international prefix
    ("0 7700 900412", "0044 7700 900412")."""
    plus = text[max(0, run_start - 2):run_start].rstrip(" (").endswith("+")
    if not before:
        return plus
    prefix = before[-1][2]
    return (prefix.startswith("0") and len(prefix) <= MAX_PREFIX_DIGITS) or (plus and len(before) <= 2)


def _has_letter(written: str) -> bool:
    return any(ch.isalpha() for ch in written)
