import pytest

from disclosure_guard.matching.normalise.name import normalise_name


@pytest.mark.parametrize(
    ("text", "forenames", "surname", "initials"),
    [
        ("Jane Smith", ("jane",), "smith", "j"),
        ("Mrs Jane Smith", ("jane",), "smith", "j"),
        ("SMITH, Jane", ("jane",), "smith", "j"),
        ("Smith, Mrs Jane", ("jane",), "smith", "j"),
        ("SMITH Jane", ("jane",), "smith", "j"),
        ("J. Smith", ("j",), "smith", "j"),
        ("Dr. Jane A. Smith-Jones", ("jane", "a"), "smith-jones", "ja"),
        ("Zoë O’Brien", ("zoe",), "obrien", "z"),
        ("Łukasz Nowak", ("lukasz",), "nowak", "l"),
        ("Pani Anna Kowalczyk", ("anna",), "kowalczyk", "a"),
        ("Delia Wendy de Cléir", ("delia", "wendy"), "cleir", "dw"),
        ("Conor Mac Sléibhín", ("conor",), "sleibhin", "c"),
        ("DE CLÉIR, Delia", ("delia",), "cleir", "d"),
        ("Aoife Ó Briain", ("aoife",), "obriain", "a"),
        ("Justin Mac an Bhreitheamhain", ("justin",), "bhreitheamhain", "j"),
        ("Toby Ó Maoil Eoin", ("toby",), "omaoileoin", "t"),
        ("Pádraig Mac Giolla Bhríde", ("padraig",), "giollabhride", "p"),
        ("Zoe", ("zoe",), "", "z"),
    ],
)
def test_normalises_the_documented_examples(text: str, forenames: tuple[str, ...], surname: str, initials: str) -> None:
    name = normalise_name(text)

    assert (name.forenames, name.surname, name.initials) == (forenames, surname, initials)


def test_all_capitals_is_not_mistaken_for_a_surname_first() -> None:
    assert normalise_name("JANE SMITH").surname == "smith"
