"""Plain text and CSV attachments, in whatever charset they came.

The charset is taken from, in order: a byte-order mark (it is in the bytes; a declared charset
is a label someone typed), the declared charset, UTF-8, and cp1252 as the last resort (what
Windows software writes when it says nothing). A declared charset Python does not know is not
guessed past: the recipient's software may read those bytes differently from us.

Examples it must handle:
  b"Jane Doe,12 Elm Road,LS6 2AB"                       -> as is
  b"\\xef\\xbb\\xbfZo\\xc3\\xab"  (UTF-8 with BOM)           -> "Zoë"
  "12 Elm Road".encode("utf-16")  (BOM, NUL bytes)      -> "12 Elm Road"
  b"Zo\\xeb" declared iso-8859-1                        -> "Zoë"
  b"Caf\\xe9 \\x80 12"  (no charset, not UTF-8)          -> cp1252: "Café € 12"
  declared charset "x-unknown"                          -> unreadable "unknown charset 'x-unknown'"
  b"\\x81\\x8d"  (undefined even in cp1252)              -> unreadable "the text could not be decoded"
"""

from __future__ import annotations

import codecs

from disclosure_guard.ingest.attachments import Attachment, fail_closed
from disclosure_guard.ingest.limits import Budget
from disclosure_guard.ingest.outcome import Part, Unreadable

_BOMS = (  # UTF-32 first: its little-endian BOM begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@fail_closed
def read_text(name: str, attachment: Attachment, budget: Budget, out: list[Part]) -> None:
    out.append(budget.text_part(name, decode_text(attachment.data, attachment.charset)))


def decode_text(data: bytes, charset: str | None = None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise Unreadable(f"the text could not be decoded as {encoding}") from None
    if charset:
        try:
            codecs.lookup(charset)
            return data.decode(charset)
        except LookupError:  # unknown, or not a text encoding (charset=zlib)
            raise Unreadable(f"unknown charset {charset!r}") from None
        except UnicodeDecodeError:
            pass  # mislabelled (cp1252 sent as utf-8 is common): fall back like a mail client does
    for fallback in ("utf-8", "cp1252"):
        try:
            return data.decode(fallback)
        except UnicodeDecodeError:
            continue
    raise Unreadable("the text could not be decoded")
