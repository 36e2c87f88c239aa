from datetime import date

import pytest

from disclosure_guard.matching.normalise.date import date_from_pattern, normalise_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12/03/1985", "1985-03-12"),
        ("12.3.1985", "1985-03-12"),
        ("12-03-85", "1985-03-12"),
        ("12 March 1985", "1985-03-12"),
        ("12th Mar 1985", "1985-03-12"),
        ("March 12, 1985", "1985-03-12"),
        ("1985-03-12", "1985-03-12"),
        ("12-Mar-1985", "1985-03-12"),
        ("12-MAR-85", "1985-03-12"),
        ("12 03 1985", "1985-03-12"),
        ("31/02/1985", None),
    ],
)
def test_reads_the_documented_examples(text: str, expected: str | None) -> None:
    assert normalise_date(text, today=date(2026, 1, 1)) == expected


def test_a_two_digit_year_is_never_in_the_future() -> None:
    assert normalise_date("01/01/09", today=date(2026, 1, 1)) == "2009-01-01"
    assert normalise_date("01/01/30", today=date(2026, 1, 1)) == "1930-01-01"


def test_reads_the_iso_date_extraction_put_in_the_pattern() -> None:
    assert date_from_pattern("dmy-slash;iso=1985-03-12") == "1985-03-12"
    assert date_from_pattern("dmy-slash") is None
