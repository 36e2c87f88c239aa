"""Read a UK postcode, repairing the OCR confusions O/0, I/1, B/8 and S/5 where the postcode grammar
allows only one reading.

Examples it must handle:
    "ls6 2ab"    -> "LS6 2AB"
    "LS62AB"     -> "LS6 2AB"
    "SW1A 1AA"   -> "SW1A 1AA"
    "S014 2AB"   -> "SO14 2AB"   (an area is letters, so the 0 must be an O)
    "LS1O 1AA"   -> "LS10 1AA"   (only London districts end in a letter, so the O must be a 0)
    "N2O 4HY"    -> "N20 4HY"    (no London district ends in O)
    "M1 IAE"     -> "M1 1AE"     (the inward code starts with a digit)
    "ZEB 5BJ"    -> "ZE8 5BJ"    (B for 8, S for 5, read the same way)
    "HA17 BQJ"   -> "HA17 8QJ"
    "LEEDS"      -> None
"""

from __future__ import annotations

import re

# A trailing letter in the outward code (A9A, AA9A) exists only in these central London areas.
_LONDON_AREAS = frozenset({"E", "EC", "N", "NW", "SE", "SW", "W", "WC"})
_OUTWARD_SHAPES = ("A9", "A99", "AA9", "AA99", "A9A", "AA9A")
_INWARD_SHAPE = "9AA"
_AS_DIGIT = {"O": "0", "I": "1", "B": "8", "S": "5"}
_AS_LETTER = {"0": "O", "1": "I", "8": "B", "5": "S"}
_INWARD_LETTERS = frozenset("ABDEFGHJLNPQRSTUWXYZ")
_SHAPE_OF = str.maketrans("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", "9" * 10 + "A" * 26)
_COMPACT = re.compile(r"^[A-Z0-9]{5,7}$")


def normalise_postcode(text: str) -> str | None:
    compact = re.sub(r"[\s.\-]", "", text.upper())
    if not _COMPACT.match(compact) or not any(ch.isdigit() for ch in compact):
        return None
    return read_postcode(compact[:-3], compact[-3:])


def read_postcode(outward: str, inward: str) -> str | None:
    """The postcode these two parts spell, or None when they spell none or several."""
    outward, inward = outward.upper(), inward.upper()
    inward_reading = _read(inward, _INWARD_SHAPE)
    if inward_reading is None or not set(inward_reading[1:]) <= _INWARD_LETTERS:
        return None
    if outward.isascii() and outward.isalnum():
        # Most postcodes are written right: an outward code that is a valid one as it stands is
        # its own reading, without trying every shape.
        shape = outward.translate(_SHAPE_OF)
        if shape in _OUTWARD_SHAPES and _plausible_outward(outward, shape):
            return _unless_misread_throughout(outward, inward, outward, inward_reading)
    readings = {r for shape in _OUTWARD_SHAPES if (r := _read(outward, shape)) and _plausible_outward(r, shape)}
    if outward in readings:
        return _unless_misread_throughout(outward, inward, outward, inward_reading)
    if len(readings) != 1:
        return None
    return _unless_misread_throughout(outward, inward, readings.pop(), inward_reading)


def _unless_misread_throughout(outward: str, inward: str, read_outward: str, read_inward: str) -> str | None:
    """A postcode with one or two characters misread, or None for one that had to be read
    into being ("10 255" is no "I0 2SS"): B/8 and S/5 are read at most once."""
    if outward == read_outward and inward == read_inward:
        return f"{read_outward} {read_inward}"
    changed = [(a, b) for a, b in zip(outward + inward, read_outward + read_inward) if a != b]
    if len(changed) > 2 or sum(a in "B8S5" for a, _ in changed) > 1:
        return None
    return f"{read_outward} {read_inward}"


def _read(raw: str, shape: str) -> str | None:
    if len(raw) != len(shape):
        return None
    chars = []
    for ch, kind in zip(raw, shape, strict=True):
        if kind == "A":
            ch = _AS_LETTER.get(ch, ch)
            if not ch.isalpha():
                return None
        else:
            ch = _AS_DIGIT.get(ch, ch)
            if not ch.isdigit():
                return None
        chars.append(ch)
    return "".join(chars)


def _plausible_outward(reading: str, shape: str) -> bool:
    area = reading[: 2 if shape.startswith("AA") else 1]
    if reading[0] in "QVX" or (len(area) == 2 and area[1] in "IJZ"):
        return False
    if shape == "A9A" and reading[2] not in "ABCDEFGHJKPSTUW":
        return False
    if shape == "AA9A" and reading[3] not in "ABEHMNPRVWXY":
        return False
    return not shape.endswith("A") or area in _LONDON_AREAS


def outward_code(postcode: str) -> str:
    return postcode.split(" ", 1)[0]

