"""What reading one piece of an item ends in: text parts, or the reason a piece cannot be read.

Readers stop by raising `Unreadable(why)`; `collect` turns that (and anything a third-party
parser raises on hostile input) into an `UnreadablePart` placed after the parts already read,
so a reviewer still sees pages 1-6 of a PDF whose page 7 stopped the reader.
"""

from __future__ import annotations

from collections.abc import Callable

from disclosure_guard.types import TextPart, UnreadablePart

Part = TextPart | UnreadablePart


class Unreadable(Exception):
    """This piece cannot be read; `why` is what a reviewer sees ("encrypted", "decompresses more than 100x")."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def collect(name: str, read: Callable[[list[Part]], None]) -> list[Part]:
    parts: list[Part] = []
    try:
        read(parts)
    except Unreadable as stopped:
        parts.append(UnreadablePart(name, stopped.why))
    except Exception as failure:  # noqa: BLE001 - hostile input drives parsers into any error; unread means held
        parts.append(UnreadablePart(name, f"could not be read ({type(failure).__name__})"))
    return parts


def split_parts(pieces: list[Part]) -> tuple[list[TextPart], list[UnreadablePart]]:
    texts = [piece for piece in pieces if isinstance(piece, TextPart)]
    unreadable = [piece for piece in pieces if isinstance(piece, UnreadablePart)]
    return texts, unreadable
