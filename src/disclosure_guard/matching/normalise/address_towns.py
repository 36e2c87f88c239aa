"""Whether the places written after a street name another post town than hers.

A place after her number and street that does not agree with her register entry is either
another town (her street's namesake there is another house) or a district inside her own post
town, which people write instead of the town ("167 Birchterrace, Roath" for 167 Birch Terrace,
Cardiff CF24 3JU). Only the first is a neighbour. The list of UK post towns, each with the
postcode areas it serves (`models/patterns/post_towns.txt`), tells them apart:

    "Roath", "Didsbury", "Headingley" (no post town)                      not another town
    "Leeds" where her entry is "12 Elm Road, Headingley, LS6 2AB"         not another town (LS)
    "Bristol" where she is at Cardiff CF24 3JU                            another town
    "Newport" where she is at Cardiff CF24 (Newport is NP, PO and TF)     another town
    "Bristol" where her entry has no postcode and no Bristol               another town

A place missing from the list reads as a district: a gap in the list errs towards holding.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from disclosure_guard.matching.normalise.address import AddressComponents

POST_TOWNS_FILE = Path(__file__).resolve().parents[4] / "models" / "patterns" / "post_towns.txt"
# The longest post town in words: "Appleby in Westmorland", "Lytham St Annes", "Isle of South Uist".
MAX_TOWN_WORDS = 4
_AREA = re.compile(r"[A-Z]{1,2}")


def _key(place: str) -> str:
    """"Stoke-on-Trent", "stoke on trent" and "St. Albans", "Saint Albans" each one way."""
    words = re.sub(r"[-.,'’]", " ", place.casefold()).split()
    return " ".join("st" if w == "saint" else w for w in words)


@cache
def post_towns(path: Path = POST_TOWNS_FILE) -> dict[str, frozenset[str]]:
    """Each post town's key and the postcode areas it serves."""
    areas: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        area, town = line.split(None, 1)
        areas.setdefault(_key(town), set()).add(area.upper())
    return {town: frozenset(served) for town, served in areas.items()}


def names_another_post_town(found: AddressComponents, registered: AddressComponents) -> bool:
    """Whether `found` names a post town that is not hers: one her entry does not name and,
    when she has a postcode, one her postcode's area does not have."""
    towns = post_towns()
    area = _AREA.match(registered.postcode) if registered.postcode else None
    her_places = {_key(p) for p in (registered.locality, registered.town) if p}
    for place in (found.locality, found.town):
        if not place:
            continue
        words = _key(place).split()
        for size in range(min(MAX_TOWN_WORDS, len(words)), 0, -1):
            for i in range(len(words) - size + 1):
                town = " ".join(words[i:i + size])
                served = towns.get(town)
                if served is None:
                    continue
                # A town her own entry names is hers, whatever the list says of its areas: a
                # slip in the hand-made list must not turn her own town into another.
                if any(f" {town} " in f" {mine} " for mine in her_places):
                    continue
                if area is None or area.group() not in served:
                    return True
    return False
