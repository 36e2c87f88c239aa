"""HTML -> the text a browser lays out, of the same length, so that an offset into the text is
an offset into the submitted HTML.

Markup a browser draws nothing for becomes WORD JOINERs (`reading.INVISIBLE_FILLER`), which the
reading view drops: an inline tag inside a word (`Bra<span>mley</span>`, Word's
`<span lang=EN-GB style=…>` runs, `<b>`, `<font>`, `<wbr>`) leaves the word whole, as a mail
client shows it. Block tags and `<br>` start a new line. Entities become their character, padded
with joiners (`&#66;ramley` is "Bramley", `&shy;` a soft hyphen the reading view drops). Runs of
whitespace in the text collapse to one space, newlines too, as a browser lays them out (not in
`<pre>`). Script and style bodies are not shown. What a recipient can get at inside a tag is
read too. On a box of its own (an image's alt text, a form's values and labels, <meta> content)
it stays in place, set apart by spaces. On a tag that runs inside the text (a link's target, a
`title` on a <span> or <abbr>) it would split the words the tag sits between ("167 <a
href="#">Birch</a> Terrace" read "167 # Birch Terrace", "Bi<span title="x">rch</span>" read "Bi x
rch"), so there it is blanked like the tag and read apart, each value once and one a line,
as `HtmlText.in_tags` (a mailto: address is still a contact detail). Text an element's own
inline style or `hidden` attribute hides (display:none, visibility:hidden, a zero font size or
opacity, Outlook's mso-hide:all) is not on screen, and in place it would fuse the words around it
("Bi<span style="display:none">zzz</span>rch" reads "Bizzzrch"): it is blanked there and read
apart as `HtmlText.hidden`, so an address hidden in the markup is still found. Text hidden by a
class in a style sheet is kept in place, and so are the strings CSS itself puts on screen
(`content: "…"` in a style sheet). Outlook's
conditional comments (<!--[if mso]>…<![endif]-->) are rendered by Outlook, so their content is
read and only the markers are blanked. Other comments are not on screen but are in the message
anyone can open as source: their text, tags cut out, is read apart as hidden text, one a line.

Examples it must handle (read as the reading view reads the result):
  '<p>Flat 3<br>12 Elm Road</p>'                       -> lines "Flat 3" and "12 Elm Road"
  'Bra<span>mley</span> Way'                            -> "Bramley Way"
  '<span lang=EN-GB style="font-size:11pt">Bra</span><span lang=EN-GB>mley</span>' -> "Bramley"
  'Bra<wbr>m<b>l</b>e<font color=red>y</font>'         -> "Bramley"
  '&#66;ramley &#x57;ay Le&shy;eds'                     -> "Bramley Way Leeds"
  '12 Elm\n      Road'                                  -> "12 Elm Road"
  '<img alt="Jane Doe at 12 Elm Road">'                -> the alt text in place
  '<a href="mailto:jane@example.org">write</a>'        -> "write"; 'jane@example.org' in the tags' text
  '167 <a href="#">Birch</a> Terrace'                   -> "167 Birch Terrace"; "#" in the tags' text
  'Bi<span title="note">rch</span> Terrace'             -> "Birch Terrace"; "note" in the tags' text
  'Smith &amp; Sons&nbsp;Ltd'                           -> "Smith & Sons Ltd"
  '<input value="LS6 2AB">'                             -> 'LS6 2AB' in place
  '<style>.a::after{content:"12 Elm Road"}</style>'     -> '12 Elm Road' in place
  '<!--[if mso]><p>12 Elm Road</p><![endif]-->'         -> '12 Elm Road' in place
  'Bi<span style="display:none">zzz</span>rch Terrace'  -> "Birch Terrace"; "zzz" in the hidden text
  '<div hidden>LS6 2AB</div>'                           -> "LS6 2AB" in the hidden text
  '<!-- <p>new address:</p> LS6 2AB -->'                -> "new address: LS6 2AB" in the hidden text
  '<script>var a="<!--";</script><p>12 Elm Road</p>'    -> '12 Elm Road' (a script is not a comment)

One scan from left to right, each "<" looked at once: hostile markup ('<a' or '<!--' repeated
a million times, never closed) must cost no more than ordinary markup of its size, because a
regular expression cannot be stopped by the reading deadline once it has started.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from html.entities import html5 as _NAMED_ENTITIES

from disclosure_guard.ingest.limits import Budget
from disclosure_guard.ingest.outcome import Part
from disclosure_guard.reading import INVISIBLE_FILLER

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt footer form h1 h2 h3 h4 h5 h6 header hr li "
    "main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
# Elements a browser draws as a box of their own (or not at all, <meta>): what their attributes
# show is set apart from the words around them anyway, so it is read in place.
_BOXED_TAGS = frozenset(
    "img input option optgroup select textarea button meter progress iframe object embed video audio "
    "canvas svg meta link area map picture source track param col colgroup caption".split()
) | _BLOCK_TAGS
# Inside these a browser keeps the text's own spaces and line breaks.
_PREFORMATTED_TAGS = frozenset({"pre", "textarea", "listing", "plaintext", "xmp"})
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
    r"""\b(alt|title|href|aria-label|placeholder|value|label|summary|content)\s*=\s*("([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""",
    re.IGNORECASE,
)
# As a browser reads them: numeric references with or without the ";", named ones with it, and
# the legacy names (&nbsp, &shy, &amp…) that browsers still read without it. 32 characters is
# longer than any entity name, and keeps a hostile "&aaaa…" from being read as one.
_ENTITY = re.compile(r"&(#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[a-zA-Z][a-zA-Z0-9]{0,31};?)")
# Elements with no closing tag: a style on them hides nothing after them.
_VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_ATTRIBUTE = re.compile(r"""([^\s"'=<>/]+)(?:\s*=\s*("([^"]*)"|'([^']*)'|[^\s"'=<>`]+))?""")
# Inline declarations that take an element's text off the screen.
_HIDING_STYLE = re.compile(
    r"(?:^|[;\s])(?:display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all"
    r"|(?:font-size|opacity)\s*:\s*0*\.?0*(?:px|pt|em|rem|%)?\s*(?:!\s*important\s*)?(?:;|$))",
    re.IGNORECASE,
)
# A tag inside a comment: up to the next "<" or ">" at most, so that "<a<a<a…" costs one pass.
_COMMENT_MARKUP = re.compile(r"<[^<>]*>?|>")
# Whitespace a browser lays out differently from how it is written: a run, or a line break.
_TEXT_WHITESPACE = re.compile(r" [ \t\r\n\f]+|[\t\r\n\f][ \t\r\n\f]*")


@dataclass(frozen=True)
class HtmlText:
    """`shown`: the laid-out text, as long as the markup; `in_tags`: the values of attributes on
    tags inside the text (link targets, titles), one a line, read apart from it; `hidden`: the
    text of elements their own style hides, one element a line."""

    shown: str
    in_tags: str
    hidden: str = ""


def html_to_text(markup: str) -> str:
    return read_html(markup).shown


def read_html_parts(name: str, markup: str, budget: Budget, out: list[Part]) -> None:
    """The laid-out text as part `name`, what the tags inside it hold as "`name` links", and
    what their styles hide as "`name` hidden"."""
    read = read_html(markup)
    out.append(budget.text_part(name, read.shown))
    if read.in_tags:
        out.append(budget.text_part(f"{name} links", read.in_tags))
    if read.hidden:
        out.append(budget.text_part(f"{name} hidden", read.hidden))


def read_html(markup: str) -> HtmlText:
    # Offsets are kept, so blanking the conditional markers first leaves the rest where it was.
    markup = _CONDITIONAL_MARKER.sub(lambda found: INVISIBLE_FILLER * len(found.group(0)), markup)
    in_tags: list[str] = []
    chars = list(markup)
    position = 0
    text_start = 0  # where the text not yet laid out begins
    preformatted = 0  # how many <pre>-like elements are open
    tag_end = -1  # the first ">" at or after the "<" being looked at; found once, not once per "<"
    hiding = _Hiding()
    while (start := markup.find("<", position)) != -1:
        if markup.startswith("<!--", start):
            _lay_out_text(markup, text_start, start, chars, preformatted)
            # From start + 2, so that "<!-->" is the empty comment it is to a browser; an
            # unclosed comment runs to the end, as it does in a browser.
            end = markup.find("-->", start + 2)
            position = text_start = len(markup) if end < 0 else end + 3
            _hide(chars, start, position)
            hiding.read_comment(markup[start + 4:max(start + 4, len(markup) if end < 0 else end)])
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
        _lay_out_text(markup, text_start, start, chars, preformatted)
        tag = (found.group(2) or "").lower()
        _hide(chars, start, end + 1, newline=tag in _BLOCK_TAGS)
        if tag in _BOXED_TAGS or not tag:
            _keep_visible_attributes(found, chars)
        else:
            in_tags.extend(_visible_attribute_values(found))
        if tag in _PREFORMATTED_TAGS:
            preformatted = max(0, preformatted + (-1 if found.group(1) else 1))
        hiding.tag(found, chars)
        position = text_start = end + 1
        if tag in _HIDDEN_CLOSE and not found.group(1):
            close = _HIDDEN_CLOSE[tag].search(markup, position)
            stop = len(markup) if close is None else close.end()
            _hide(chars, position, stop)
            if tag == "style":
                _keep_css_content(markup, position, stop, chars)
            position = text_start = stop
    _lay_out_text(markup, text_start, len(markup), chars, preformatted)
    hiding.close(len(markup), len(markup), chars)  # an element never closed hides to the end, as in a browser
    # Each value once: a value repeated discloses nothing more, and "<a href=x>" a hundred
    # thousand times would otherwise be a hundred thousand lines for the NER to read.
    return HtmlText(_ENTITY.sub(_entity_in_place, "".join(chars)), "\n".join(dict.fromkeys(in_tags)),
                    "\n".join(dict.fromkeys(hiding.texts)))


class _Hiding:
    """The element its own style hides that the scan is inside, if any: its name, how many
    elements of that name are open inside it, where it and its content start. At its closing
    tag its content (laid out by then) is kept as one line of text, and the element with its
    tags taken off the screen: a hidden <div> breaks no line either."""

    def __init__(self) -> None:
        self.name = ""
        self.depth = 0
        self.start = self.content_start = 0
        self.texts: list[str] = []

    def tag(self, found: re.Match[str], chars: list[str]) -> None:
        name, closing = (found.group(2) or "").lower(), bool(found.group(1))
        if not name or name in _VOID_TAGS or (found.group(3) or "").rstrip().endswith("/"):
            return
        if self.depth:
            if name == self.name:
                self.depth += -1 if closing else 1
                if not self.depth:
                    self.close(found.start(), found.end(), chars)
        elif not closing and _hides(found.group(3) or ""):
            self.name, self.depth, self.start, self.content_start = name, 1, found.start(), found.end()

    def read_comment(self, body: str) -> None:
        # A comment is not on screen but travels with the message: "view source", or a reply
        # that quotes the HTML, shows it (a draft's "<!-- new address: ... -->"). Its markup
        # (commented-out paragraphs) is cut at every "<" and ">", which costs one pass.
        if text := " ".join(html.unescape(_COMMENT_MARKUP.sub(" ", body)).split()):
            self.texts.append(text)

    def close(self, content_end: int, end: int, chars: list[str]) -> None:
        if self.name:
            text = "".join(chars[self.content_start : content_end]).replace(INVISIBLE_FILLER, "")
            if text := " ".join(html.unescape(text).split()):
                self.texts.append(text)
            _hide(chars, self.start, end)
        self.name, self.depth = "", 0


def _hides(attributes: str) -> bool:
    """Whether a tag's own attributes take its content off the screen."""
    for attribute in _ATTRIBUTE.finditer(attributes):
        name = attribute.group(1).lower()
        if name == "hidden":
            return True
        if name == "style" and attribute.group(2) is not None:
            value = next((v for v in attribute.group(3, 4) if v is not None), attribute.group(2))
            if _HIDING_STYLE.search(value):
                return True
    return False


def _hide(chars: list[str], start: int, end: int, newline: bool = False) -> None:
    """Markup draws nothing; a block element starts a new line."""
    chars[start:end] = INVISIBLE_FILLER * (end - start)
    if newline and end > start:
        chars[start] = "\n"


def _lay_out_text(markup: str, start: int, end: int, chars: list[str], preformatted: int) -> None:
    """A run of spaces and line breaks in the text is one space on screen."""
    if preformatted or start >= end:
        return
    for run in _TEXT_WHITESPACE.finditer(markup, start, end):
        chars[run.start()] = " "
        chars[run.start() + 1 : run.end()] = INVISIBLE_FILLER * (run.end() - run.start() - 1)


def _keep_visible_attributes(tag: re.Match[str], chars: list[str]) -> None:
    for attribute in _VISIBLE_ATTRIBUTE.finditer(tag.group(3) or ""):
        value_group = next(g for g in (3, 4, 5) if attribute.group(g) is not None)
        start = tag.start(3) + attribute.start(value_group)
        value = attribute.group(value_group)
        visible = value[len("mailto:"):] if value.lower().startswith("mailto:") else value
        offset = len(value) - len(visible)
        _show_apart(chars, start + offset, visible)


def _visible_attribute_values(tag: re.Match[str]) -> list[str]:
    """The values a recipient can get at on a tag inside the text, entities decoded."""
    values = []
    for attribute in _VISIBLE_ATTRIBUTE.finditer(tag.group(3) or ""):
        value = next(v for v in attribute.group(3, 4, 5) if v is not None)
        visible = value[len("mailto:"):] if value.lower().startswith("mailto:") else value
        visible = html.unescape(visible).replace("\n", " ").strip()
        if visible:
            values.append(visible)
    return values


def _keep_css_content(markup: str, start: int, end: int, chars: list[str]) -> None:
    """`content: "…"` is the one thing in a style sheet that a recipient sees as text."""
    for declared in _CSS_CONTENT.finditer(markup, start, end):
        value_group = 2 if declared.group(2) is not None else 3
        _show_apart(chars, declared.start(value_group), declared.group(value_group))


def _show_apart(chars: list[str], start: int, value: str) -> None:
    """Text shown from inside markup, with the quotes around it as spaces: an alt text or a
    link target is read beside the words around the tag, never fused with them."""
    if not value:
        return
    chars[start : start + len(value)] = value
    chars[start - 1] = " "
    if start + len(value) < len(chars):
        chars[start + len(value)] = " "


def _entity_in_place(found: re.Match[str]) -> str:
    return _decoded_in_place(found.group(0))


# A letter repeats the same few entities (&nbsp; in every line); so does hostile markup.
@lru_cache(maxsize=4096)
def _decoded_in_place(written: str) -> str:
    name = written[1:]
    if name.startswith("#") or name.endswith(";"):
        decoded, length = html.unescape(written), len(written)
    else:
        decoded, length = _legacy_entity(name)
    # Unknown names are text to a browser, and so is an expansion longer than the entity.
    if length == 0 or decoded == written[:length] or len(decoded) > length:
        return written
    return decoded + INVISIBLE_FILLER * (length - len(decoded)) + written[length:]


def _legacy_entity(name: str) -> tuple[str, int]:
    """"&nbspLtd" is a no-break space and "Ltd" to a browser: the longest legacy name that
    begins the word (the html5 table lists those without their ";"). The length is the
    entity's, with its "&"; 0 when no name fits."""
    for size in range(len(name), 1, -1):
        if (decoded := _NAMED_ENTITIES.get(name[:size])) is not None:
            return decoded, size + 1
    return "", 0
