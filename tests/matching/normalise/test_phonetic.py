import pytest

from disclosure_guard.matching.normalise.phonetic import soundex


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("smith", "S530"),
        ("smiht", "S530"),
        ("smyth", "S530"),
        ("robert", "R163"),
        ("rupert", "R163"),
        ("ashcraft", "A261"),
        ("elm", "E450"),
        ("elmm", "E450"),
    ],
)
def test_keys_the_documented_examples(word: str, key: str) -> None:
    assert soundex(word) == key
