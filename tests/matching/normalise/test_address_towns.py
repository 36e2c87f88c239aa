"""The docstring's examples of `address_towns`: a district is no other town, a post town her
postcode area does not have is."""

from __future__ import annotations

import pytest

from disclosure_guard.matching import parse_address
from disclosure_guard.matching.normalise.address_towns import names_another_post_town, post_towns


@pytest.mark.parametrize(("found", "registered", "another"), [
    ("167 Birchterrace, Roath", "167 Birch Terrace, Cardiff CF24 3JU", False),
    ("12 Elm Road, Didsbury", "12 Elm Road, Manchester M20 2AB", False),
    ("12 Elm Road, Leeds", "12 Elm Road, Headingley, LS6 2AB", False),
    ("167 Birch Terrace, Bristol", "167 Birch Terrace, Cardiff CF24 3JU", True),
    ("167 Birch Terrace, Newport", "167 Birch Terrace, Cardiff CF24 3JU", True),
    ("12 Elm Road, Bristol", "12 Elm Road, Cardiff", True),
    ("12 Elm Road, Cardiff", "12 Elm Road, Cardiff", False),
    ("12 Elm Road, Stoke on Trent", "12 Elm Road, Stoke-on-Trent", False),
    ("12 Elm Road, Saint Albans", "12 Elm Road, Hatfield AL10 9AB", False),
    # her own entry names the town: hers, even where the hand-made list files it elsewhere
    ("12 Elm Road, Newport", "12 Elm Road, Newport CF10 1AB", False),
])
def test_another_post_town(found: str, registered: str, another: bool) -> None:
    assert names_another_post_town(parse_address(found), parse_address(registered)) is another


def test_the_list_knows_each_area_of_a_town_in_several() -> None:
    towns = post_towns()
    assert {"NP", "PO", "TF"} <= towns["newport"]
    assert "roath" not in towns and "didsbury" not in towns
