"""The name index fetches every party a name may be, and no more, on exactly the examples its
docstring lists."""

import pytest

from disclosure_guard.matching.name_index import NameIndex
from disclosure_guard.matching.normalise.name import normalise_name

REGISTER = {
    0: ["Jane Smith"],
    1: ["Elizabeth Smith"],
    2: ["Jane Smith-Jones"],
    3: ["J Smith"],
    4: ["Anne Smith"],
    5: ["Smith"],
    6: ["Mark Brown"],
}


@pytest.fixture(scope="module")
def index() -> NameIndex:
    names = NameIndex()
    for number, written in REGISTER.items():
        names.add([normalise_name(n) for n in written], number)
    names.finish()
    return names


def fetched(index: NameIndex, text: str) -> set[int]:
    return index.candidates(normalise_name(text))


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("Jane Smiht", 0), ("Jnae Smith", 0), ("Jane Smyth", 0),
        ("Betty Smith", 1),
        ("Smith Jane", 0), ("SMITH, Jane", 0),
        ("Jane Smith Jones", 2), ("Jane Jones", 2), ("Jane Smithjones", 2), ("Jane Smithjnes", 2),
        ("Jane Smith", 3),
    ],
)
def test_a_name_fetches_the_parties_it_may_be(index: NameIndex, text: str, party: int) -> None:
    assert party in fetched(index, text)


def test_a_full_name_fetches_no_namesake_and_no_stranger(index: NameIndex) -> None:
    assert fetched(index, "Jane Smith") == {0, 2, 3}  # her, one barrel of hers, an initial of hers
    assert fetched(index, "Anna Smith").isdisjoint({0, 1, 6})


def test_a_vague_name_fetches_every_party_it_fits(index: NameIndex) -> None:
    assert fetched(index, "J. Smith") == {0, 2, 3}
    assert fetched(index, "Mr J A Smith") == {0, 2, 3, 4}
    assert fetched(index, "Smith") == {0, 1, 2, 3, 4, 5}


def test_a_vague_name_over_the_cap_fetches_only_among_the_parties_in_context(index: NameIndex) -> None:
    assert index.candidates(normalise_name("Smith"), cap=3, among=lambda: {1, 6}) == {1}
    assert index.candidates(normalise_name("Smith"), cap=10, among=lambda: {1, 6}) == {0, 1, 2, 3, 4, 5}


def test_parties_with_a_surname_are_picked_out_of_those_given(index: NameIndex) -> None:
    assert index.with_surname("smith", {0, 1, 6}) == {0, 1}
    assert index.with_surname("jones", {0, 2, 6}) == {2}  # one barrel of Smith-Jones
    assert index.with_surname("smith-jones", {2, 6}) == {2}
    assert index.with_surname("brown", {0, 1}) == set()
    assert index.with_surname("nobody", {0, 1, 6}) == set()
