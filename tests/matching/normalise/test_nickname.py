"""Nicknames from the `nicknames` dataset, less the curated pairs it links that are two names
(models/names/not_nicknames.txt): the module docstring's examples."""

from pathlib import Path

import pytest

from disclosure_guard.matching.normalise.name import normalise_name
from disclosure_guard.matching.normalise.nickname import (
    NOT_NICKNAMES_FILE,
    are_nicknames,
    is_known_forename,
    read_not_nicknames,
)
from disclosure_guard.matching.scoring.name import score_name


@pytest.mark.parametrize(
    ("a", "b"),
    [("elizabeth", "liz"), ("elizabeth", "beth"), ("elizabeth", "betty"), ("betty", "elizabeth"), ("william", "bill"),
     ("patrick", "pat"), ("patrick", "paddy"), ("peter", "pete"), ("james", "jamie"),
     # A pet form spelt with another ending than the dataset's ("hattie", "debbie").
     ("hatty", "harriet"), ("hatti", "harriet"), ("debbi", "deborah")],
)
def test_nicknames_are_related(a: str, b: str) -> None:
    assert are_nicknames(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("liz", "beth"), ("jane", "joan"), ("patrick", "peter"), ("peter", "patrick"), ("benjamin", "jamie"),
     ("jamie", "benjamin"), ("hannah", "susan"), ("emily", "emma"),
     # A known forename is read as itself, not respelt: Kitty is not Katie.
     ("kitty", "katie"), ("hy", "hi")],
)
def test_two_names_are_not_related(a: str, b: str) -> None:
    assert not are_nicknames(a, b)


def test_a_misspelling_is_not_a_known_forename() -> None:
    assert not is_known_forename("jnae")
    assert is_known_forename("jane")


def test_peter_is_a_namesake_of_patrick_not_him() -> None:
    assert score_name(normalise_name("Peter Doyle"), normalise_name("Patrick Doyle")).score == 0.0
    assert score_name(normalise_name("Paddy Doyle"), normalise_name("Patrick Doyle")).score >= 0.9


def test_every_denied_pair_is_one_the_dataset_links() -> None:
    """A pair the dataset does not link would deny nothing: a typo in the list, found here."""
    from disclosure_guard.matching.normalise.nickname import _NICKNAMER

    denied = read_not_nicknames(NOT_NICKNAMES_FILE)
    assert denied["patrick"] == {"peter"}
    for a, others in denied.items():
        for b in others:
            linked = _NICKNAMER.nicknames_of(a) | _NICKNAMER.canonicals_of(a)
            assert b in linked, (a, b)


def test_a_malformed_line_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "not_nicknames.txt"
    path.write_text("# comment\npatrick peter  # reason\npatrick\n", encoding="utf-8")
    with pytest.raises(ValueError, match="two forenames"):
        read_not_nicknames(path)
