from disclosure_guard.matching.normalise.identifier import normalise_identifier
from disclosure_guard.matching.scoring.identifier import score_identifier

STRONG, WEAK = 0.90, 0.75


def scored(text: str, registered: str) -> float:
    return score_identifier(normalise_identifier(text), normalise_identifier(registered)).score


def test_case_spacing_and_punctuation_do_not_matter() -> None:
    assert scored("ST MARYS PRIMARY  SCHOOL", "St Mary's Primary School") == 1.0
    assert scored("9434765919", "943 476 5919") == 1.0


def test_a_typo_in_a_common_word_is_strong() -> None:
    assert scored("St Mary's Primery School", "St Mary's Primary School") >= STRONG


def test_a_different_distinctive_word_is_at_most_weak() -> None:
    assert scored("St Mark's Primary School", "St Mary's Primary School") < STRONG


def test_one_digit_out_is_another_reference() -> None:
    assert scored("943 476 5918", "943 476 5919") == 0.0


def test_the_register_words_inside_a_longer_phrase_are_weak() -> None:
    assert WEAK <= scored("St Mary's Primary School Leeds", "St Mary's Primary School") < STRONG
