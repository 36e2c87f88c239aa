"""HTML -> text of the same length, so that an offset into the text is an offset into the
submitted HTML.

Tags are blanked to spaces (block tags to a newline first, keeping address blocks as lines),
script and style bodies are blanked, and entities become their character padded with spaces.
What a recipient can get at inside a tag stays in place: alt and title text, link targets
(a mailto: address is a contact detail), form values and labels, <meta> content. Text hidden by
CSS is still text and is kept, and so are the strings CSS itself puts on screen
(`content: "…"` in a style sheet). Outlook's conditional comments (<!--[if mso]>…<![endif]-->)
are rendered by Outlook, so their content is read and only the markers are blanked.

Examples it must handle:
  '<p>Flat 3<br>12 Elm Road</p>'                       -> '   Flat 3    12 Elm Road    ' lines
  '<img alt="Jane Doe at 12 Elm Road">'                -> the alt text in place
  '<a href="mailto:jane@example.org">write</a>'        -> 'jane@example.org' in place
  'Smith &amp; Sons&nbsp;Ltd'                           -> 'Smith &     Sons      Ltd'
  '<input value="LS6 2AB">'                             -> 'LS6 2AB' in place
  '<style>.a::after{content:"12 Elm Road"}</style>'     -> '12 Elm Road' in place
  '<!--[if mso]><p>12 Elm Road</p><![endif]-->'         -> '12 Elm Road' in place
  '<script>var a="<!--";</script><p>12 Elm Road</p>'    -> '12 Elm Road' (a script is not a comment)

One scan from left to right, each "<" looked at once: hostile markup ('<a' or '<!--' repeated
a million times, never closed) must cost no more than ordinary markup of its size, because a
regular expression cannot be stopped by the reading deadline once it has started.
"""

from __future__ import annotations

import html
import re

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt footer form h1 h2 h3 h4 h5 h6 header hr li "
    "main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
_HIDDEN_CLOSE = {
    "script": re.compile(r"</script\s*>", re.IGNORECASE),
    "style": re.compile(r"</style\s*>", re.IGNORECASE),
}
_CSS_CONTENT = re.compile(r"""\bcontent\s*:\s*("([^"]*)"|'([^']*)')""", re.IGNORECASE)
# Bounded so that a million unclosed "<!--[if" cost a million short looks, not a million scans.
_CONDITIONAL_MARKER = re.compile(
    r"<!--\[if\b[^\]]{0,100}\]>|<!\[endif\]-->|<!\[if\b[^\]]{0,100}\]>|<!--<!\[endif\]-->", re.IGNORECASE
)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>|<![^>]*>|<\?[^>]*>", re.DOTALL)
_VISIBLE_ATTRIBUTE = re.compile(
    r"""\b(alt|title|href|aria-label|placeholder|value|label|summary|content)\s*=\s*("([^"]*)"|'([^']*)')""",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")


def html_to_text(markup: str) -> str:
    # Offsets are kept, so blanking the conditional markers first leaves the rest where it was.
    markup = _CONDITIONAL_MARKER.sub(lambda found: " " * len(found.group(0)), markup)
    chars = list(markup)
    position = 0
    tag_end = -1  # the first ">" at or after the "<" being looked at; found once, not once per "<"
    while (start := markup.find("<", position)) != -1:
        if markup.startswith("<!--", start):
            # From start + 2, so that "<!-->" is the empty comment it is to a browser; an
            # unclosed comment runs to the end, as it does in a browser.
            end = markup.find("-->", start + 2)
            position = len(markup) if end < 0 else end + 3
            _blank(chars, start, position)
            continue
        if tag_end < start:
            tag_end = markup.find(">", start)
        if tag_end < 0:
            break  # no tag can close after here: the rest is text
        end = tag_end
        found = _TAG.match(markup, start, end + 1)
        if found is None:
            position = start + 1  # a "<" in text, as in "a < b"
            continue
        tag = (found.group(2) or "").lower()
        _blank(chars, start, end + 1, newline=tag in _BLOCK_TAGS)
        _keep_visible_attributes(found, chars)
        position = end + 1
        if tag in _HIDDEN_CLOSE and not found.group(1):
            close = _HIDDEN_CLOSE[tag].search(markup, position)
            stop = len(markup) if close is None else close.end()
            _blank(chars, position, stop)
            if tag == "style":
                _keep_css_content(markup, position, stop, chars)
            position = stop
    return _ENTITY.sub(_entity_in_place, "".join(chars))


def _blank(chars: list[str], start: int, end: int, newline: bool = False) -> None:
    for position in range(start, end):
        if chars[position] != "\n":
            chars[position] = " "
    if newline and end > start:
        chars[start] = "\n"


def _keep_visible_attributes(tag: re.Match[str], chars: list[str]) -> None:
    for attribute in _VISIBLE_ATTRIBUTE.finditer(tag.group(3) or ""):
        value_group = 3 if attribute.group(3) is not None else 4
        start = tag.start(3) + attribute.start(value_group)
        value = attribute.group(value_group)
        visible = value[len("mailto:"):] if value.lower().startswith("mailto:") else value
        offset = len(value) - len(visible)
        # The blanked tag around the value keeps it from fusing with the text beside it.
        chars[start + offset : start + len(value)] = visible


def _keep_css_content(markup: str, start: int, end: int, chars: list[str]) -> None:
    """`content: "…"` is the one thing in a style sheet that a recipient sees as text."""
    for declared in _CSS_CONTENT.finditer(markup, start, end):
        value_group = 2 if declared.group(2) is not None else 3
        chars[declared.start(value_group) : declared.end(value_group)] = declared.group(value_group)


def _entity_in_place(found: re.Match[str]) -> str:
    decoded = html.unescape(found.group(0))
    # A non-breaking space, an unknown entity or a multi-character expansion reads as a space.
    if len(decoded) != 1 or decoded == "\xa0":
        decoded = " "
    return decoded + " " * (len(found.group(0)) - 1)
