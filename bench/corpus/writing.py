"""Writing marked values into a document: the small vocabulary every template uses."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from datetime import date

from bench.corpus.details import a_phone, write_date
from bench.corpus.document import DocBuilder, Rendered
from bench.corpus.people import Person, render_name
from bench.corpus.places import Address, render_address

Slot = str | Callable[[DocBuilder], object]
SLOT = re.compile(r"\{(\w+)\}")


def say(b: DocBuilder, template: str, **slots: Slot) -> None:
    """Write `template`, filling each {slot} with plain text or by calling its writer."""
    pos = 0
    for m in SLOT.finditer(template):
        b.write(template[pos:m.start()])
        value = slots[m.group(1)]
        if callable(value):
            value(b)
        else:
            b.write(value)
        pos = m.end()
    b.write(template[pos:])


def person(rng: random.Random, who: Person, *forms: str) -> Callable[[DocBuilder], object]:
    def write(b: DocBuilder) -> None:
        b.names.append(who.full_name)
        b.mark("person", render_name(rng, who, rng.choice(forms)))
    return write


def address(rng: random.Random, where: Address, *forms: str) -> Callable[[DocBuilder], object]:
    def write(b: DocBuilder) -> None:
        b.mark("address", render_address(rng, where, rng.choice(forms)))
    return write


def phone(rng: random.Random, number: str | None = None) -> Callable[[DocBuilder], object]:
    return lambda b: b.mark("phone", number or a_phone(rng))


def email(value: str) -> Callable[[DocBuilder], object]:
    return lambda b: b.mark("email", value)


def when(rng: random.Random, value: date, numeric_bias: float = 0.6) -> Callable[[DocBuilder], object]:
    return lambda b: b.mark("date", write_date(rng, value, numeric_bias=numeric_bias))


def marked(kind: str, value: str) -> Callable[[DocBuilder], object]:
    return lambda b: b.mark(kind, value)


def register_term(value: str) -> Callable[[DocBuilder], object]:
    def write(b: DocBuilder) -> None:
        b.register_terms.append(value)
        b.mark("register_term", Rendered(value))
    return write
