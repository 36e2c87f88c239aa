"""Phone numbers and email addresses, and the ways a letter writes a phone number.

    "07912 345678", "07912345678", "+44 7912 345678", "(07912) 345 678", "07912 345 678",
    "+44 (0)7912 345678", and as copied off a "+44" form: "7912 345678", "44 7912 345678"
    "natasha.lukas84@hotmail.co.uk"

Register numbers are mobiles outside Ofcom's drama range; the offices that write the letters
use numbers inside it (01632 960xxx, 0113 496 0xxx), so an office number is never a party's.
"""

from __future__ import annotations

import random

from faker import Faker


class Contacts:
    def __init__(self, faker: Faker, rng: random.Random) -> None:
        self.faker = faker
        self.rng = rng
        self._phones: set[str] = set()
        self._emails: set[str] = set()

    def mobile(self) -> str:
        while True:
            digits = f"07{self.rng.randint(400, 999)}{self.rng.randint(0, 999999):06d}"
            if digits not in self._phones and not digits.startswith("07700"):
                self._phones.add(digits)
                return f"{digits[:5]} {digits[5:]}"

    def email(self, forename: str, surname: str) -> str:
        clean = lambda s: "".join(ch for ch in s.lower() if ch.isalpha())  # noqa: E731
        while True:
            shape = self.rng.randrange(4)
            local = (
                f"{clean(forename)}.{clean(surname)}", f"{clean(forename)[0]}{clean(surname)}",
                f"{clean(forename)}{clean(surname)}", f"{clean(surname)}.{clean(forename)}",
            )[shape]  # fmt: skip
            local += str(self.rng.randint(1, 99)) if self.rng.random() < 0.6 else ""
            address = f"{local}@{self.faker.free_email_domain()}"
            if address not in self._emails:
                self._emails.add(address)
                return address

    def office_phone(self) -> str:
        return self.rng.choice((f"01632 960{self.rng.randint(0, 999):03d}", f"0113 496 0{self.rng.randint(0, 999):03d}"))


def phone_written(phone: str, rng: random.Random) -> str:
    digits = phone.replace(" ", "")
    return rng.choice((
        phone, digits, f"+44 {digits[1:5]} {digits[5:]}", f"({digits[:5]}) {digits[5:8]} {digits[8:]}",
        f"{digits[:5]} {digits[5:8]} {digits[8:]}", f"+44 (0){digits[1:5]} {digits[5:]}",
        # Copied off a "+44" form field: the trunk 0 left off, or the plus.
        f"{digits[1:5]} {digits[5:]}", f"44 {digits[1:5]} {digits[5:]}",
    ))  # fmt: skip
