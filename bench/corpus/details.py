"""Contact details and identifiers as people type them: phones, e-mails, dates, NHS and
National Insurance numbers.

UK phone numbers come mostly from Ofcom's drama ranges (07700 900xxx, 0113 496 0xxx), as test
letters use, and partly from ordinary mobile ranges; NHS numbers carry a valid modulus-11 check
digit and National Insurance numbers follow HMRC's prefix rules.
"""

from __future__ import annotations

import random
import unicodedata
from datetime import date

from bench.corpus.people import Person

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
# (national prefix, subscriber drama range start, digits of the subscriber part, spacing)
GEOGRAPHIC = (("0113", "496 0", 3), ("0114", "496 0", 3), ("0115", "496 0", 3),
              ("0116", "496 0", 3), ("0117", "496 0", 3), ("0118", "496 0", 3),
              ("0121", "496 0", 3), ("0131", "496 0", 3), ("0141", "496 0", 3),
              ("0151", "496 0", 3), ("0161", "496 0", 3), ("020", "7946 0", 3),
              ("029", "2018 0", 3), ("028", "9018 0", 3), ("01632", "960", 3))
# Written as each country writes its own numbers; "#" is any digit.
INTERNATIONAL = ("+48 601 ### ###", "+48 512-###-###", "+40 721 ### ###", "+40 (0)744 ### ###",
                 "+234 803 ### ####", "+234 (0)805 ### ####", "+90 532 ### ## ##",
                 "+353 87 ### ####", "+92 300 #######", "+1 202 555 ####", "+370 612 #####",
                 "0048 601 ### ###")
EMAIL_DOMAINS = ("gmail.com", "outlook.com", "hotmail.co.uk", "yahoo.co.uk", "icloud.com",
                 "btinternet.com", "live.co.uk", "protonmail.com")
NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ"
NINO_BAD_PREFIXES = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


def a_mobile(rng: random.Random) -> str:
    if rng.random() < 0.6:
        digits = f"07700900{rng.randint(0, 999):03d}"
    else:
        digits = f"07{rng.choice('4589')}{rng.randint(0, 99):02d}{rng.randint(0, 999999):06d}"
    return _write_uk(rng, digits, split=5)


def a_landline(rng: random.Random) -> str:
    prefix, start, tail = rng.choice(GEOGRAPHIC)
    digits = (prefix + start + "".join(str(rng.randint(0, 9)) for _ in range(tail))).replace(" ", "")
    return _write_uk(rng, digits, split=len(prefix))


def _write_uk(rng: random.Random, digits: str, split: int) -> str:
    national, rest = digits[:split], digits[split:]
    if len(rest) == 7 and split == 4:
        rest_spaced = f"{rest[:3]} {rest[3:]}"
    elif len(rest) == 8:
        rest_spaced = f"{rest[:4]} {rest[4:]}"
    elif len(rest) == 6:
        rest_spaced = f"{rest[:3]} {rest[3:]}" if rng.random() < 0.5 else rest
    else:
        rest_spaced = rest
    roll = rng.random()
    if roll < 0.45:
        return f"{national} {rest_spaced}"
    if roll < 0.55:
        return national + rest
    if roll < 0.63:
        return f"{national}-{rest_spaced.replace(' ', '-')}"
    if roll < 0.73:
        return f"({national}) {rest_spaced}"
    if roll < 0.88:
        return f"+44 {national[1:]} {rest_spaced}"
    if roll < 0.95:
        return f"+44 (0){national[1:]} {rest_spaced}"
    return f"+44{national[1:]}{rest}"


def an_international_phone(rng: random.Random) -> str:
    return "".join(str(rng.randint(0, 9)) if ch == "#" else ch for ch in rng.choice(INTERNATIONAL))


def a_phone(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.55:
        return a_mobile(rng)
    if roll < 0.92:
        return a_landline(rng)
    return an_international_phone(rng)


def ascii_fold(text: str) -> str:
    text = text.replace("ł", "l").replace("Ł", "L").replace("ı", "i")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isascii() and (ch.isalnum() or ch in ".-_"))


def a_personal_email(rng: random.Random, person: Person) -> str:
    first = ascii_fold(person.forename).lower()
    last = ascii_fold(person.surname.replace(" ", "").replace("'", "")).lower()
    local = rng.choice([f"{first}.{last}", f"{first}{last}{rng.randint(1, 99)}",
                        f"{first[0]}{last}", f"{first}_{last}", f"{last}.{first}{rng.randint(70, 99)}"])
    return f"{local}@{rng.choice(EMAIL_DOMAINS)}"


def a_work_email(person: Person, domain: str) -> str:
    first = ascii_fold(person.forename).lower()
    last = ascii_fold(person.surname.replace(" ", "").replace("'", "")).lower()
    return f"{first}.{last}@{domain}"


def a_birth_date(rng: random.Random, *, child: bool = False) -> date:
    year = rng.randint(2008, 2021) if child else rng.randint(1955, 2003)
    return date(year, rng.randint(1, 12), rng.randint(1, 28))


def a_letter_date(rng: random.Random) -> date:
    return date(rng.choice([2023, 2024, 2025]), rng.randint(1, 12), rng.randint(1, 28))


def write_date(rng: random.Random, value: date, *, numeric_bias: float = 0.6) -> str:
    d, m, y = value.day, value.month, value.year
    month = MONTHS[m - 1]
    if rng.random() < numeric_bias:
        return rng.choice([f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y}", f"{d:02d}.{m:02d}.{y}",
                           f"{d:02d}-{m:02d}-{y}", f"{y}-{m:02d}-{d:02d}", f"{d:02d}/{m:02d}/{y % 100:02d}"])
    suffix = "th" if 11 <= d <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    return rng.choice([f"{d} {month} {y}", f"{d}{suffix} {month} {y}", f"{d} {month[:3]} {y}",
                       f"{month} {d}, {y}", f"{d}{suffix} of {month} {y}"])


def an_nhs_number(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        digits[0] = rng.randint(4, 9)
        check = 11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11
        if check == 11:
            check = 0
        if check != 10:
            break
    number = "".join(map(str, digits)) + str(check)
    roll = rng.random()
    if roll < 0.6:
        return f"{number[:3]} {number[3:6]} {number[6:]}"
    if roll < 0.85:
        return number
    return f"{number[:3]}-{number[3:6]}-{number[6:]}"


def a_nino(rng: random.Random) -> str:
    while True:
        prefix = rng.choice(NINO_FIRST) + rng.choice(NINO_SECOND)
        if prefix not in NINO_BAD_PREFIXES:
            break
    digits = f"{rng.randint(0, 999999):06d}"
    suffix = rng.choice("ABCD")
    if rng.random() < 0.6:
        return f"{prefix} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}"
    return f"{prefix}{digits}{suffix}"
