import pytest

from disclosure_guard.matching.normalise.name import normalise_name
from disclosure_guard.matching.scoring.name import score_name

STRONG, WEAK = 0.90, 0.75


def scored(text: str, registered: str = "Jane Smith") -> float:
    return score_name(normalise_name(text), normalise_name(registered)).score


@pytest.mark.parametrize(
    "text",
    ["Jane Smith", "SMITH, Jane", "Smith Jane", "Mrs Jane Smith", "Jane Smiht", "Jnae Smith", "jane smith", "J. Smith",
     "Mrs J Smith", "Jane Anne Smith"],
)
def test_variants_of_her_name_are_strong(text: str) -> None:
    assert scored(text) >= STRONG


def test_diacritics_do_not_matter() -> None:
    assert scored("Zoe Nowak", "Zoë Nowak") == 1.0
    assert scored("ZOË NOWAK", "Zoe Nowak") == 1.0


@pytest.mark.parametrize("text", ["John Smith", "Joan Smith", "Jane Brown", "A. Smith"])
def test_a_namesake_or_another_person_does_not_match(text: str) -> None:
    assert scored(text) < WEAK


@pytest.mark.parametrize(
    ("text", "registered"),
    [("Jane Williamson", "Jane Williams"), ("Jane Smith", "Jane Smithson"), ("Peter Johnson", "Peter John")],
)
def test_a_surname_that_only_begins_with_hers_is_another_surname(text: str, registered: str) -> None:
    assert scored(text, registered) < WEAK
    assert scored("Jane Willaims", "Jane Williams") >= STRONG  # a typo still agrees
    assert scored("Jane Smith", "Jane Smith-Jones") >= STRONG  # one barrel of hers


@pytest.mark.parametrize(
    ("text", "registered"),
    [("Judson Harrison", "Harrison Carol Hudson"), ("Garrett Ryan", "Ryan Barrett"), ("David Shelley", "Michelle Davis")],
)
def test_words_the_other_way_round_need_the_surname_spelt_as_registered(text: str, registered: str) -> None:
    assert scored(text, registered) < WEAK
    assert scored("Harrison Hudson", "Harrison Carol Hudson") >= STRONG


def test_an_initial_that_fits_is_strong_but_a_conflicting_forename_is_not() -> None:
    assert scored("J. Smith") == 0.925
    assert scored("J. Smith", "John Smith") == 0.925
    assert scored("John Smith") == 0.0


def test_a_lone_surname_is_at_most_weak() -> None:
    assert WEAK <= scored("Smith") < STRONG
    assert scored("Smiht") < WEAK


def test_a_lone_forename_is_not_reported_against_a_full_name() -> None:
    assert scored("Jane") < WEAK


def test_a_lone_register_name_matches_weakly() -> None:
    assert WEAK <= scored("Zoe Nowak", "Zoe") < STRONG


def test_a_double_barrelled_surname_matches_either_way_of_writing_it() -> None:
    assert scored("Jane Smith Jones", "Jane Smith-Jones") == 1.0
    assert scored("Jane Smith", "Jane Smith-Jones") >= STRONG


def test_an_initial_and_one_barrel_of_a_surname_is_weak() -> None:
    assert WEAK <= scored("J. Smith-Brown") < STRONG


def test_a_first_name_that_is_not_hers_leaves_at_most_a_weak_match_on_her_middle_name() -> None:
    assert WEAK <= scored("Mary Jane Smith") < STRONG
    assert scored("Wesley Tina Smith", "Christina Smith") == 0.0  # Tina only a nickname of hers
    assert scored("Jane Louise Smith") >= STRONG  # her first name, and a middle name she was not registered with


@pytest.mark.parametrize(
    ("text", "registered"),
    [("Lydia Mitchell", "Lynda Mitchell"), ("Kayleigh Pearson", "Kayleigh Parsons"),
     ("Pauline Joneston", "Pauline Johnston"), ("Sachi Wright", "Sahir Wright"), ("Jason Perry", "Jackson Perry"),
     ("Denise Sunder", "Denise Saunders")],
)
def test_a_name_two_letters_from_hers_is_a_namesake(text: str, registered: str) -> None:
    assert scored(text, registered) < WEAK


@pytest.mark.parametrize(
    ("text", "registered"),
    [("Jane Smiht", "Jane Smith"), ("Jane Smth", "Jane Smith"), ("Jane Smitth", "Jane Smith"),
     ("Jnae Smith", "Jane Smith"), ("Natahsa Morgan", "Natasha Morgan"), ("Natasha Morgna", "Natasha Morgan")],
)
def test_one_slip_of_the_pen_in_a_word_is_still_her(text: str, registered: str) -> None:
    assert scored(text, registered) >= STRONG


@pytest.mark.parametrize(
    ("text", "registered"),
    [("Mark Stevenson", "Mark Stephenson"), ("Lee Morgan", "Leigh Morgan"), ("Kellie Jones", "Kelly Jones"),
     ("Erika Kairys", "Erica Kairys"), ("Allison Richards", "Alison Richards"), ("Vanessa Roze", "Vanessa Rose"),
     ("Gemma Lieons", "Gemma Lyons")],
)
def test_a_spelling_that_sounds_like_hers_is_her(text: str, registered: str) -> None:
    assert scored(text, registered) >= STRONG


def test_only_the_forename_she_goes_by_is_read_loosely() -> None:
    assert scored("Ricky Stan", "Marcel Eric Stan") < WEAK  # a nickname of a middle name
    assert scored("Hannah Galach", "Apolonia Anna Maria Galach") < WEAK
    assert scored("Eric Stan", "Marcel Eric Stan") >= STRONG  # her middle name, spelt as hers
    assert scored("Ricky Stan", "Eric Stan") >= STRONG  # a nickname of her first name


def test_another_name_for_her_with_a_slip_in_her_surname_is_a_namesake() -> None:
    assert scored("Tori Clair", "Victoria Cleir") < WEAK  # a nickname and a slip
    assert scored("Chloe Dufie", "Marion Chloe Duffy") < WEAK  # her middle name and a sound-alike
    assert scored("Tori Cleir", "Victoria Cleir") >= STRONG  # a nickname alone
    assert scored("Tori Jones", "Victoria Smith-Jones") >= STRONG  # a nickname and one barrel of hers
    assert scored("Jnae Smiht", "Jane Smith") >= STRONG  # a slip in each word
