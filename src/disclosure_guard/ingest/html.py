"""HTML -> text of the same length, so that an offset into the text is an offset into the
submitted HTML.

Tags are blanked to spaces (block tags to a newline first, keeping address blocks as lines),
script and style bodies are blanked, and entities become their character padded with spaces.
What a recipient can get at inside a tag stays in place: alt and title text and link targets
(a mailto: address is a contact detail). Text hidden by CSS is still text and is kept.

Examples it must handle:
  '<p>Flat 3<br>12 Elm Road</p>'                       -> '   Flat 3    12 Elm Road    ' lines
  '<img alt="Jane Doe at 12 Elm Road">'                -> the alt text in place
  '<a href="mailto:jane@example.org">write</a>'        -> 'jane@example.org' in place
  'Smith &amp; Sons&nbsp;Ltd'                           -> 'Smith &     Sons      Ltd'
"""

from __future__ import annotations

import html
import re

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt footer form h1 h2 h3 h4 h5 h6 header hr li "
    "main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
_HIDDEN_BODIES = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>|<![^>]*>|<\?[^>]*>", re.DOTALL)
_VISIBLE_ATTRIBUTE = re.compile(
    r"""\b(alt|title|href|aria-label|placeholder|value)\s*=\s*("([^"]*)"|'([^']*)')""", re.IGNORECASE
)
_ENTITY = re.compile(r"&(#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")


def html_to_text(markup: str) -> str:
    chars = list(markup)

    def blank(start: int, end: int, newline: bool = False) -> None:
        for position in range(start, end):
            if chars[position] != "\n":
                chars[position] = " "
        if newline and end > start:
            chars[start] = "\n"

    for found in _COMMENT.finditer(markup):
        blank(found.start(), found.end())
    for found in _HIDDEN_BODIES.finditer(markup):
        blank(found.start(), found.end())
    for found in _TAG.finditer(markup):
        if chars[found.start()] != "<":
            continue  # inside a comment or script already blanked
        tag = (found.group(2) or "").lower()
        blank(found.start(), found.end(), newline=tag in _BLOCK_TAGS)
        for attribute in _VISIBLE_ATTRIBUTE.finditer(found.group(3) or ""):
            value_group = 3 if attribute.group(3) is not None else 4
            start = found.start(3) + attribute.start(value_group)
            value = attribute.group(value_group)
            visible = value[len("mailto:"):] if value.lower().startswith("mailto:") else value
            offset = len(value) - len(visible)
            # The blanked tag around the value keeps it from fusing with the text beside it.
            for i, char in enumerate(visible):
                chars[start + offset + i] = char
    text = "".join(chars)
    return _ENTITY.sub(_entity_in_place, text)


def _entity_in_place(found: re.Match[str]) -> str:
    decoded = html.unescape(found.group(0))
    # A non-breaking space, an unknown entity or a multi-character expansion reads as a space.
    if len(decoded) != 1 or decoded == "\xa0":
        decoded = " "
    return decoded + " " * (len(found.group(0)) - 1)
