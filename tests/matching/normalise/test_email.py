import pytest

from disclosure_guard.matching.normalise.email import normalise_email


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane.Smith@Example.org", "jane.smith@example.org"),
        ("  mailto:jane.smith@example.org ", "jane.smith@example.org"),
        ("Jane Smith <jane.smith@example.org>", "jane.smith@example.org"),
        ("jane.smith@example.org.", "jane.smith@example.org"),
        ("not an email", None),
    ],
)
def test_normalises_the_documented_examples(text: str, expected: str | None) -> None:
    assert normalise_email(text) == expected
