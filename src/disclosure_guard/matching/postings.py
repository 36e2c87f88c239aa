"""Blocking key -> party numbers, compact: at 100,000 cases the register files millions of keys.

Most keys (an email, a phone, a name pair) name one party, so a lone number is stored bare and
a list only where a key is shared; a set per key would cost a gigabyte. Keys are held as their
hashes, half the size of the strings: two keys with one hash would only add a candidate, which
the scorers then reject. Once built, the few long lists ("Smith", a busy postcode) become sets,
so that picking out the parties of a handful of cases costs what the handful costs.
"""

from __future__ import annotations

from collections.abc import Iterable


LONG_POSTING = 32


class Postings:
    def __init__(self) -> None:
        self._keys: dict[int, int | list[int] | frozenset[int]] = {}

    def add(self, keys: Iterable[str], number: int) -> None:
        """File `number` under each key once (pass a set: a key given twice files it twice)."""
        postings = self._keys
        for key in map(hash, keys):
            held = postings.get(key)
            if held is None:
                postings[key] = number
            elif isinstance(held, int):
                postings[key] = [held, number]
            else:
                held.append(number)

    def freeze(self) -> None:
        """Call once, after the last `add`."""
        for key, held in self._keys.items():
            if isinstance(held, list) and len(held) > LONG_POSTING:
                self._keys[key] = frozenset(held)

    def held(self, key: str) -> int | list[int] | frozenset[int] | None:
        """What `key` files, as stored: read it with `size` and `gather`."""
        return self._keys.get(hash(key))

    def collect(self, key: str, into: set[int]) -> None:
        gather(self._keys.get(hash(key)), into)

    def lookup(self, keys: Iterable[str]) -> set[int]:
        found: set[int] = set()
        for key in keys:
            self.collect(key, found)
        return found


def size(held: int | list[int] | frozenset[int] | None) -> int:
    return 0 if held is None else 1 if isinstance(held, int) else len(held)


def gather(held: int | list[int] | frozenset[int] | None, into: set[int], among: set[int] | None = None) -> None:
    """Add what a posting holds to `into`; with `among`, only those also in it."""
    if held is None:
        return
    if isinstance(held, int):
        if among is None or held in among:
            into.add(held)
    elif among is None:
        into.update(held)
    elif isinstance(held, frozenset):
        into.update(held & among)
    else:
        into.update(number for number in held if number in among)
