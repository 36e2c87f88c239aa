"""Read a date written the British way (day first) into ISO "YYYY-MM-DD".

Examples it must handle:
    "12/03/1985"          -> "1985-03-12"
    "12.3.1985"           -> "1985-03-12"
    "12-03-85"            -> "1985-03-12"
    "12 March 1985"       -> "1985-03-12"
    "12th Mar 1985"       -> "1985-03-12"
    "March 12, 1985"      -> "1985-03-12"
    "1985-03-12"          -> "1985-03-12"
    "12-Mar-1985"         -> "1985-03-12"
    "12-MAR-85"           -> "1985-03-12"
    "12 03 1985"          -> "1985-03-12"
    "31/02/1985"          -> None
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{2}|\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+([a-z]+)\.?,?\s+(\d{4})$")
# "12-Mar-1985", "12/MAR/85": the month's name between two of one separator.
_DAY_NAME_YEAR = re.compile(r"^(\d{1,2})([/.\-])([a-z]+)\2(\d{2}|\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_ISO_IN_PATTERN = re.compile(r"(?:^|[\s;,])iso=(\S+?)(?=$|[\s;,])")


def normalise_date(text: str, today: date | None = None) -> str | None:
    cleaned = " ".join(text.strip().lower().split())
    if found := _ISO.match(cleaned):
        return _iso(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    if found := _NUMERIC.match(cleaned):
        year = _full_year(found.group(3), today or date.today())
        return _iso(year, int(found.group(2)), int(found.group(1)))
    if found := _DAY_NAME_YEAR.match(cleaned):
        month = _MONTHS.get(found.group(3))
        year = _full_year(found.group(4), today or date.today())
        return _iso(year, month, int(found.group(1))) if month else None
    if found := _DAY_MONTH_YEAR.match(cleaned):
        month = _MONTHS.get(found.group(2))
        return _iso(int(found.group(3)), month, int(found.group(1))) if month else None
    if found := _MONTH_DAY_YEAR.match(cleaned):
        month = _MONTHS.get(found.group(1))
        return _iso(int(found.group(3)), month, int(found.group(2))) if month else None
    return None


def date_from_pattern(pattern: str) -> str | None:
    """Extraction writes "iso=YYYY-MM-DD" into a DATE span's pattern when it parsed the date."""
    found = _ISO_IN_PATTERN.search(pattern)
    # A date without a year ("iso=--05-12") cannot be a date of birth we compare exactly.
    return normalise_date(found.group(1)) if found else None


def _full_year(digits: str, today: date) -> int:
    if len(digits) == 4:
        return int(digits)
    # A two-digit year on a date of birth lies in the past: "85" is 1985, "09" is 2009.
    year = 2000 + int(digits)
    return year if year <= today.year else year - 100


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
