import pytest

from disclosure_guard.matching.normalise.phone import normalise_phone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07700 900123", "+447700900123"),
        ("+44 7700 900123", "+447700900123"),
        ("0044 7700 900123", "+447700900123"),
        ("+44 (0)113 496 0000", "+441134960000"),
        ("(0113) 496-0000", "+441134960000"),
        ("tel: 0113 496 0000", "+441134960000"),
        ("+33 1 23 45 67 89", "+33123456789"),
        ("12345", None),
    ],
)
def test_normalises_the_documented_examples(text: str, expected: str | None) -> None:
    assert normalise_phone(text) == expected
