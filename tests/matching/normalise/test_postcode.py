import pytest

from disclosure_guard.matching.normalise.postcode import normalise_postcode


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ls6 2ab", "LS6 2AB"),
        ("LS62AB", "LS6 2AB"),
        ("SW1A 1AA", "SW1A 1AA"),
        ("S014 2AB", "SO14 2AB"),
        ("LS1O 1AA", "LS10 1AA"),
        ("M1 IAE", "M1 1AE"),
        ("N2O 4HY", "N20 4HY"),
        ("ZEB 5BJ", "ZE8 5BJ"),
        ("HA17 BQJ", "HA17 8QJ"),
        ("LEEDS", None),
    ],
)
def test_reads_the_documented_examples(text: str, expected: str | None) -> None:
    assert normalise_postcode(text) == expected
