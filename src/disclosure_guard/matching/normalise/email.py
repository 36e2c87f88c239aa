"""Normalise an email address for exact comparison.

Examples it must handle:
    "Jane.Smith@Example.org"             -> "jane.smith@example.org"
    "  mailto:jane.smith@example.org "   -> "jane.smith@example.org"
    "Jane Smith <jane.smith@example.org>" -> "jane.smith@example.org"
    "jane.smith@example.org."            -> "jane.smith@example.org"
    "not an email"                       -> None
"""

from __future__ import annotations

import re

_ADDRESS = re.compile(r"[^\s<>()\"',;:]+@[^\s<>()\"',;:]+")


def normalise_email(text: str) -> str | None:
    cleaned = text.strip()
    if cleaned.lower().startswith("mailto:"):
        cleaned = cleaned[len("mailto:") :]
    found = _ADDRESS.search(cleaned)
    if found is None:
        return None
    # A sentence may end straight after the address.
    return found.group(0).rstrip(".").lower() or None
