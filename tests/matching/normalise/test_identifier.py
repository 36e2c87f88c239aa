import pytest

from disclosure_guard.matching.normalise.identifier import normalise_identifier


@pytest.mark.parametrize(
    ("text", "key", "tokens"),
    [
        ("St Mary's Primary School", "stmarysprimaryschool", ("st", "marys", "primary", "school")),
        ("ST MARYS PRIMARY  SCHOOL", "stmarysprimaryschool", ("st", "marys", "primary", "school")),
        ("943 476 5919", "9434765919", ("943", "476", "5919")),
        ("Acme-Widgets Ltd.", "acmewidgetsltd", ("acme", "widgets", "ltd")),
    ],
)
def test_normalises_the_documented_examples(text: str, key: str, tokens: tuple[str, ...]) -> None:
    form = normalise_identifier(text)

    assert (form.key, form.tokens) == (key, tokens)
