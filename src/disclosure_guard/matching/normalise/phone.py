"""Normalise a telephone number to E.164, reading national numbers as British.

Examples it must handle:
    "07700 900123"          -> "+447700900123"
    "+44 7700 900123"       -> "+447700900123"
    "0044 7700 900123"      -> "+447700900123"
    "+44 (0)113 496 0000"   -> "+441134960000"
    "(0113) 496-0000"       -> "+441134960000"
    "tel: 0113 496 0000"    -> "+441134960000"
    "+33 1 23 45 67 89"     -> "+33123456789"
    "12345"                 -> None
"""

from __future__ import annotations

import phonenumbers

DEFAULT_REGION = "GB"


def normalise_phone(text: str, region: str = DEFAULT_REGION) -> str | None:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    # "Possible" rather than "valid": register entries may use ranges that the metadata
    # does not list (Ofcom's drama numbers 07700 900xxx among them), and we compare exactly.
    if phonenumbers.is_possible_number_with_reason(number) != phonenumbers.ValidationResult.IS_POSSIBLE:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
