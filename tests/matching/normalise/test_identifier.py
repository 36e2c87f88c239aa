import pytest

from disclosure_guard.matching.normalise.identifier import normalise_identifier, written_short


@pytest.mark.parametrize(
    ("text", "key", "tokens"),
    [
        ("St Mary's Primary School", "stmarysprimary", ("st", "marys", "primary")),
        ("ST MARYS PRIMARY  SCHOOL", "stmarysprimary", ("st", "marys", "primary")),
        ("St Mary's Primary", "stmarysprimary", ("st", "marys", "primary")),
        ("St Mary's Primary Sch.", "stmarysprimary", ("st", "marys", "primary")),
        ("Hillside School", "hillsideschool", ("hillside", "school")),
        ("943 476 5919", "9434765919", ("943", "476", "5919")),
        ("Acme-Widgets Ltd.", "acmewidgetsltd", ("acme", "widgets", "ltd")),
    ],
)
def test_normalises_the_documented_examples(text: str, key: str, tokens: tuple[str, ...]) -> None:
    form = normalise_identifier(text)

    assert (form.key, form.tokens) == (key, tokens)


@pytest.mark.parametrize(("value", "short"), [
    ("Hillside Primary School", "Hillside Primary"), ("Leeds Grammar School", "Leeds Grammar"),
    ("ST JUDE'S CATHOLIC PRIMARY SCHOOL", "ST JUDE'S CATHOLIC PRIMARY"),
    ("Hillside School", None), ("Primary School", None), ("Little Acorns Day Nursery", None),
    ("Westbourne Academy", None),
])
def test_a_school_named_by_its_kind_is_written_short_without_school(value: str, short: str | None) -> None:
    assert written_short(value) == short
