"""A document under construction, and the gold spans it carries.

Templates write text piece by piece; a piece that is a name, an address or a contact detail is
written with `mark`, which records its exact offsets. An address also records the offsets of the
components a found span must cover (sub-building, number or house name, street, postcode), so
recall is scored on what a matcher needs, not on where a span happens to stop.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Gold kinds. "register_term" is a school or workplace: only the register (the gazetteer) can
# say it is sensitive, so it is scored only when extraction runs with a gazetteer.
KINDS = ("person", "address", "postcode", "email", "phone", "date", "identifier", "register_term")


@dataclass(frozen=True)
class GoldSpan:
    kind: str
    start: int
    end: int
    text: str
    # Offsets a found span must cover; the whole span when empty.
    required: tuple[tuple[int, int], ...] = ()
    form: str = ""  # how it was written ("block", "inline_lower", "title_initial"...)

    def must_cover(self) -> tuple[tuple[int, int], ...]:
        return self.required or ((self.start, self.end),)


@dataclass(frozen=True)
class Document:
    template: str
    text: str
    gold: tuple[GoldSpan, ...]
    names: tuple[str, ...] = ()  # every person's full name written in it, bystanders too
    register_terms: tuple[str, ...] = ()
    # The people a register would hold for this case: the client, her child and the other
    # party (never the writer or another professional), whether or not the text names them.
    register_names: tuple[str, ...] = ()


@dataclass
class Rendered:
    """A value as written, with the offsets (relative to `text`) of its required components."""

    text: str
    required: list[tuple[int, int]] = field(default_factory=list)
    form: str = ""
    postcode: tuple[int, int] | None = None  # an address's postcode, itself gold


class DocBuilder:
    def __init__(self, template: str) -> None:
        self.template = template
        self._pieces: list[str] = []
        self._length = 0
        self._words = 0
        self._gold: list[GoldSpan] = []
        self.names: list[str] = []
        self.register_terms: list[str] = []

    def write(self, text: str) -> DocBuilder:
        self._pieces.append(text)
        self._length += len(text)
        self._words += len(text.split())
        return self

    def mark(self, kind: str, value: str | Rendered, form: str = "") -> DocBuilder:
        rendered = value if isinstance(value, Rendered) else Rendered(value)
        start = self._length
        self.write(rendered.text)
        required = tuple((start + a, start + b) for a, b in rendered.required)
        self._gold.append(GoldSpan(kind, start, self._length, rendered.text, required,
                                   form or rendered.form))
        if rendered.postcode is not None:
            a, b = rendered.postcode
            self._gold.append(GoldSpan("postcode", start + a, start + b, rendered.text[a:b], (),
                                       form or rendered.form))
        return self

    @property
    def length(self) -> int:
        return self._length

    def ends_with(self, suffix: str) -> bool:
        return "".join(self._pieces[-len(suffix):]).endswith(suffix)

    @property
    def words(self) -> int:
        """Whitespace-separated words written so far (a word cut between two pieces counts twice)."""
        return self._words

    def build(self) -> Document:
        text = "".join(self._pieces)
        for gold in self._gold:
            assert text[gold.start:gold.end] == gold.text, gold
        return Document(self.template, text, tuple(sorted(self._gold, key=lambda g: g.start)),
                        tuple(dict.fromkeys(self.names)), tuple(dict.fromkeys(self.register_terms)))
