import pytest

from disclosure_guard.matching.normalise.transliterate import transliterate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zoë", "zoe"),
        ("Łukasz", "lukasz"),
        ("Søren", "soren"),
        ("Straße", "strasse"),
        ("Æthelred", "aethelred"),
        ("O’Brien", "o'brien"),
    ],
)
def test_folds_the_documented_examples(text: str, expected: str) -> None:
    assert transliterate(text) == expected
