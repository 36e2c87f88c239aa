"""Dates, numeric and written, read day-first as UK writers do.

Examples it must handle (and the tests use exactly these); `pattern` carries the ISO date so
matching can compare dates of birth however they were written:
    "01/04/1990"          -> iso=1990-04-01
    "1.4.1990"            -> iso=1990-04-01
    "1990-04-01"          -> iso=1990-04-01
    "1 April 1990"        -> iso=1990-04-01
    "1st April 1990"      -> iso=1990-04-01
    "April 1, 1990"       -> iso=1990-04-01
    "1st of Apr. 1990"    -> iso=1990-04-01
    "Sept 21 2001"        -> iso=2001-09-21
    "01/04/90"            -> iso=1990-04-01
    "12 May"              -> iso=--05-12 (no year: ISO 8601 month-day)
    "11-May-2015"         -> iso=2015-05-11 (month name between hyphens, as systems print it)
    "11/MAY/15"           -> iso=2015-05-11
    "19 07 1986"          -> iso=1986-07-19 (spaces for separators)
    "DOB 19 07 86"        -> iso=1986-07-19 (spaces and a two-digit year: only after a birth label)
and must not fire on:
    "31/02/1990" (no such day); "07700 900123"; "1/2" (a fraction); "Ref 19 07 86" (spaced
    pairs with no birth label); "0161 12 10 2020" (inside a longer run of numbers)
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc

from disclosure_guard.extraction.recognizers.base import Recognizer
from disclosure_guard.types import Span, SpanKind

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
# Capitalised or upper case only: "2 may be late" is not a date. Only abbreviations take a
# dot, so "on 12 May." leaves the full stop to the sentence.
MONTH = "(?:" + "|".join(
    form + (r"\.?" if len(name) <= 4 and name not in ("may", "june", "july") else "")
    for name in sorted(MONTHS, key=len, reverse=True) for form in (name.title(), name.upper())
) + ")"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|ST|ND|RD|TH)?"
YEAR = r"(?:1[89]\d\d|20\d\d)"
# Two-digit years: at or below this, 20yy; above it, 19yy (dates of birth reach back further
# than letters reach forward).
TWO_DIGIT_YEAR_PIVOT = 30

NUMERIC_DMY = re.compile(
    r"(?<![\w./-])(?P<d>0?[1-9]|[12]\d|3[01])(?P<sep>[/.\-])(?P<m>0?[1-9]|1[0-2])(?P=sep)"
    r"(?P<y>\d{4}|\d{2})(?![\w/]|[.\-]\d)"
)
NUMERIC_ISO = re.compile(
    r"(?<![\w./-])(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\w-])"
)
WRITTEN_DMY = re.compile(
    rf"(?<![\w])(?P<d>{DAY})[ \t]+(?:(?:of|OF)[ \t]+)?(?P<m>{MONTH})"
    rf"(?:,?[ \t]+(?P<y>{YEAR}))?(?![\w])"
)
WRITTEN_MDY = re.compile(
    rf"(?<![\w])(?P<m>{MONTH})[ \t]+(?P<d>{DAY}),?[ \t]+(?P<y>{YEAR})(?![\w])"
)
WRITTEN_JOINED = re.compile(
    r"(?<![\w./-])(?P<d>0?[1-9]|[12]\d|3[01])(?P<sep>[/.\-])(?P<m>" + "|".join(
        form for name in sorted(MONTHS, key=len, reverse=True) for form in (name.title(), name.upper())
    ) + r")(?P=sep)(?P<y>\d{4}|\d{2})(?![\w/]|[.\-]\d)"
)
# Day, month and year apart by single spaces. Runs of digit pairs are common (phone numbers,
# references), so a two-digit year needs a birth label just before: "DOB 19 07 86".
NUMERIC_SPACED = re.compile(
    r"(?<![\w./-])(?<!\d[ \t])(?P<d>0?[1-9]|[12]\d|3[01])[ \t](?P<m>0?[1-9]|1[0-2])[ \t]"
    r"(?P<y>(?:19|20)\d\d|\d\d)(?![\w/.\-]|[ \t]\d)"
)
BIRTH_LABEL = re.compile(
    r"(?i:\bd\.?o\.?b\.?|\bdate[ \t]+of[ \t]+birth|\bborn(?:[ \t]+on)?|\bbirth[ \t]*date|\bb\.)[ \t]*[:\-]?[ \t]*\Z"
)
DAY_NUMBER = re.compile(r"\d+")


def _year(raw: str) -> int:
    year = int(raw)
    if len(raw) == 2:
        year += 2000 if year <= TWO_DIGIT_YEAR_PIVOT else 1900
    return year


class DateRecognizer(Recognizer):
    name = "date"

    def analyze(self, text: str, doc: Doc | None = None) -> list[Span]:
        spans = []
        for pattern_name, pattern in (("numeric_dmy", NUMERIC_DMY), ("iso", NUMERIC_ISO),
                                      ("written_dmy", WRITTEN_DMY), ("written_mdy", WRITTEN_MDY),
                                      ("written_joined", WRITTEN_JOINED), ("numeric_spaced", NUMERIC_SPACED)):
            for m in pattern.finditer(text):
                if (pattern is NUMERIC_SPACED and len(m.group("y")) == 2
                        and not BIRTH_LABEL.search(text[max(0, m.start() - 20):m.start()])):
                    continue
                day = int(DAY_NUMBER.match(m.group("d")).group())  # type: ignore[union-attr]
                month_raw = m.group("m").rstrip(".").lower()
                month = MONTHS[month_raw] if month_raw in MONTHS else int(month_raw)
                year_raw = m.group("y")
                try:
                    # A leap year stands in for a missing one, so "29 February" still reads.
                    value = date(_year(year_raw) if year_raw else 2000, month, day)
                except ValueError:
                    continue
                iso = value.isoformat() if year_raw else f"--{month:02d}-{day:02d}"
                spans.append(Span(SpanKind.DATE, m.start(), m.end(), m.group(), self.name,
                                  score=1.0 if year_raw else 0.6,
                                  pattern=f"iso={iso}"))
        return spans
