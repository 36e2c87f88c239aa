"""Character classes for names written in the Latin alphabets of the people the service protects.

Python's `re` has no \\p{Lu}; these classes cover Latin-1 and Latin Extended-A/B, so
"Zoë Brontë", "Łukasz Wiśniewski" and "Ştefan Popescu" read as capitalised words.
"""

from __future__ import annotations

import re


def _char_class(predicate) -> str:
    chars = [chr(code) for code in range(0x41, 0x250) if predicate(chr(code))]
    return "[" + "".join(re.escape(char) for char in chars) + "]"


UPPER = _char_class(lambda char: char.isalpha() and char.isupper())
LOWER = _char_class(lambda char: char.isalpha() and char.islower())
LETTER = r"[^\W\d_]"
