"""Evasion benchmark (issue 11): every gold address, postcode, email, phone and school of the
extraction corpus rewritten with one family of tricks at a time, in plain text and in HTML; the
recall per family, and the precision and words per second on the untouched corpus.

    .venv/bin/python bench/bench_evasion.py                  # 100 documents, a few minutes
    .venv/bin/python bench/bench_evasion.py --docs 300 --seed 3 --show-misses 5

Seeded: the same arguments print the same quality figures. The last line holds every figure.

`recall` is over every value a family changed; `kept` over those that extraction finds when
they are written plainly, so it is the family's own loss, apart from the corpus's misses that
bench_extraction reports (an address form the recognizer does not know is missed either way).

A disguised value is found when one extracted span of its kind covers every required part of
it (as in bench_extraction) and reads as the value written plainly: the span as read
(`Span.as_read`) contains each required part as the corpus wrote it, or, for an e-mail or a
phone, normalises to the same address or number. Only values a family changed are counted in
its recall (the phone family leaves addresses alone). Extraction runs with the corpus's names
and schools as the gazetteer, as the guard runs with the register's.

The tricks are written here, independently of the guard's tables: what a careless or hostile
sender types, pastes from Word, or gets from a rich-text editor.
"""

from __future__ import annotations

import argparse
import html
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import Document, GoldSpan, generate_corpus  # noqa: E402

from disclosure_guard.extraction import Extractor  # noqa: E402
from disclosure_guard.ingest.html import html_to_text  # noqa: E402
from disclosure_guard.matching.normalise.email import normalise_email  # noqa: E402
from disclosure_guard.matching.normalise.phone import normalise_phone  # noqa: E402
from disclosure_guard.types import Gazetteer, Span, SpanKind  # noqa: E402

KIND_OF_GOLD = {
    "person": SpanKind.PERSON, "address": SpanKind.ADDRESS, "postcode": SpanKind.POSTCODE,
    "email": SpanKind.EMAIL, "phone": SpanKind.PHONE, "date": SpanKind.DATE,
    "identifier": SpanKind.IDENTIFIER, "register_term": SpanKind.IDENTIFIER,
}
DISGUISED = ("address", "postcode", "email", "phone", "register_term")
TARGET_RECALL = 0.99

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
BIDI = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u2066", "\u2067", "\u2069"]
SPACES = ["\u00a0", "\u2002", "\u2003", "\u2009", "\u202f", "\u3000", "\u2007", "\u205f"]
COMBINING = ["\u0300", "\u0301", "\u0302", "\u0303", "\u0308", "\u030a", "\u0327", "\u0328"]
LOOKALIKES = {  # Cyrillic and Greek letters a reader takes for Latin ones
    "a": "\u0430", "c": "\u0441", "e": "\u0435", "i": "\u0456", "j": "\u0458", "o": "\u043e",
    "p": "\u0440", "s": "\u0455", "x": "\u0445", "y": "\u0443", "A": "\u0410", "B": "\u0412",
    "C": "\u0421", "E": "\u0415", "H": "\u041d", "I": "\u0406", "K": "\u041a", "M": "\u041c",
    "N": "\u039d", "O": "\u041e", "P": "\u0420", "S": "\u0405", "T": "\u0422", "X": "\u0425",
    "Y": "\u03a5", "Z": "\u0396", "v": "\u03bd", "d": "\u0501", "h": "\u04bb", "w": "\u051d",
}
PHONE_SEPARATORS = ["\u00b7", "\u2022", "\u00a0", "\u2003", "\u2219", "\u2013", "_", "|"]
WORD_RUN = "<span lang=EN-GB style='font-size:11.0pt;font-family:\"Calibri\",sans-serif'>"
INLINE_TAGS = [("<span>", "</span>"), ("<b>", "</b>"), ("<i>", "</i>"), ("<u>", "</u>"),
               ('<font color="#1f497d">', "</font>"), ("</span>" + WORD_RUN, ""), ("<wbr>", ""),
               ("<span lang=EN-GB>", "</span>"), ("<strong>", "</strong>"), ("&shy;", "")]


@dataclass
class Rendering:
    """How one character of the corpus is written: what comes before it, the character's own
    form (itself, a fullwidth letter, an entity) and what comes after."""

    before: str = ""
    form: str = ""
    after: str = ""


# A family rewrites one gold value, character by character: (value, renderings, rng) -> None.
Rewrite = Callable[[str, list[Rendering], random.Random], None]


def _positions(value: str, rng: random.Random, wanted: Callable[[int], bool], most: int = 3) -> list[int]:
    candidates = [i for i in range(len(value)) if wanted(i)]
    return rng.sample(candidates, min(len(candidates), rng.randint(1, most)))


def _inside_word(value: str) -> Callable[[int], bool]:
    return lambda i: 0 < i and value[i].isalnum() and value[i - 1].isalnum()


def zero_width(value: str, out: list[Rendering], rng: random.Random) -> None:
    for i in _positions(value, rng, _inside_word(value)):
        out[i].before += rng.choice(INVISIBLE)


def soft_hyphens(value: str, out: list[Rendering], rng: random.Random) -> None:
    for i in _positions(value, rng, _inside_word(value)):
        out[i].before += "\u00ad"


def bidi_marks(value: str, out: list[Rendering], rng: random.Random) -> None:
    for i in _positions(value, rng, lambda i: value[i].isalnum()):
        out[i].before += rng.choice(BIDI)


def odd_spaces(value: str, out: list[Rendering], rng: random.Random) -> None:
    for i, ch in enumerate(value):
        if ch == " ":
            out[i].form = rng.choice(SPACES)


def fullwidth(value: str, out: list[Rendering], rng: random.Random) -> None:
    for i, ch in enumerate(value):
        if ch.isascii() and ch.isalnum() and rng.random() < 0.6:
            out[i].form = chr(ord(ch) + 0xFEE0)


def combining_accents(value: str, out: list[Rendering], rng: random.Random) -> None:
    for i in _positions(value, rng, lambda i: value[i].isalpha()):
        out[i].after += rng.choice(COMBINING)


def lookalike_letters(value: str, out: list[Rendering], rng: random.Random) -> None:
    for i in _positions(value, rng, lambda i: value[i] in LOOKALIKES):
        out[i].form = LOOKALIKES[value[i]]


def obfuscated_email(value: str, out: list[Rendering], rng: random.Random) -> None:
    if "@" not in value:
        return
    at, dot = rng.choice([(" [at] ", " [dot] "), ("(at)", "(dot)"), (" at ", " dot "), (" AT ", " DOT "),
                          (" @ ", " . "), ("[at]", ".")])
    domain_start = value.index("@")
    for i, ch in enumerate(value):
        if ch == "@":
            out[i].form = at
        elif ch == "." and i > domain_start:
            out[i].form = dot


def phone_separators(value: str, out: list[Rendering], rng: random.Random) -> None:
    separator = rng.choice(PHONE_SEPARATORS)
    for i, ch in enumerate(value):
        if ch in " -":
            out[i].form = separator


def inline_tags(value: str, out: list[Rendering], rng: random.Random) -> None:
    for i in _positions(value, rng, _inside_word(value)):
        opening, closing = rng.choice(INLINE_TAGS)
        out[i].before += opening
        if closing:
            end = rng.randrange(i, len(value))
            out[end].after += closing


# Junk a mail-merge template or a tracking tool leaves inside a word, out of sight.
HIDING_STYLES = ["display:none", "display: none !important", "font-size:0", "font-size:0px;line-height:0",
                 "mso-hide:all;display:none", "visibility:hidden", "opacity:0"]


def hidden_junk(value: str, out: list[Rendering], rng: random.Random) -> None:
    for i in _positions(value, rng, _inside_word(value)):
        junk = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(rng.randint(1, 6)))
        tag = rng.choice(["span", "font", "div"] if rng.random() < 0.2 else ["span"])
        out[i].before += f'<{tag} style="{rng.choice(HIDING_STYLES)}">{junk}</{tag}>'


def entities(value: str, out: list[Rendering], rng: random.Random) -> None:
    for i in _positions(value, rng, lambda i: value[i].isalnum()):
        out[i].form = rng.choice(["&#{};", "&#x{:X};", "&#x{:x};"]).format(ord(value[i]))
    for i in _positions(value, rng, _inside_word(value), most=1):
        out[i].before += "&shy;"


BOTH = ("text", "html")


@dataclass(frozen=True)
class Family:
    rewrite: Rewrite
    forms: tuple[str, ...] = BOTH
    kinds: tuple[str, ...] = DISGUISED  # the gold kinds it rewrites


FAMILIES: dict[str, Family] = {
    "zero_width": Family(zero_width),
    "soft_hyphen": Family(soft_hyphens),
    "odd_spaces": Family(odd_spaces),
    "fullwidth": Family(fullwidth),
    "combining": Family(combining_accents),
    "bidi": Family(bidi_marks),
    "lookalike": Family(lookalike_letters),
    "email_obfuscated": Family(obfuscated_email, kinds=("email",)),
    "phone_separators": Family(phone_separators, kinds=("phone",)),
    "html_inline": Family(inline_tags, forms=("html",)),
    "html_entities": Family(entities, forms=("html",)),
    "html_hidden_junk": Family(hidden_junk, forms=("html",)),
}


@dataclass
class Disguised:
    text: str
    gold: list[GoldSpan]  # offsets into `text`; `text` of a gold is the value written plainly
    changed: set[int]  # indexes into `gold` of the values the family changed


def disguise(doc: Document, family: Family | None, form: str, rng: random.Random) -> Disguised:
    out = [Rendering(form=ch) for ch in doc.text]
    if family is not None:
        # Outer values first: a postcode inside an address gets its own tricks on top.
        for gold in sorted(doc.gold, key=lambda g: (g.start, -g.end)):
            if gold.kind in family.kinds:
                family.rewrite(doc.text[gold.start:gold.end], out[gold.start:gold.end], rng)
    # HTML: the text escaped, line breaks as <br>, in a page; the tricks' markup kept as markup.
    starts: list[int] = []
    written: list[str] = []
    length = len("<html><body><p>") if form == "html" else 0
    for ch, rendering in zip(doc.text, out):
        form_text = rendering.form
        if form == "html":
            form_text = "<br>\n" if ch == "\n" else (form_text if form_text.startswith("&#") or
                                                    form_text.startswith("&shy") else html.escape(form_text))
        piece = rendering.before + form_text + rendering.after
        starts.append(length + len(rendering.before))
        written.append(piece)
        length += len(piece)
    starts.append(length)
    text = "".join(written)
    if form == "html":
        text = f"<html><body><p>{text}</p></body></html>"

    gold, changed = [], set()
    for n, g in enumerate(doc.gold):
        start, end = starts[g.start], starts[g.end - 1] + 1
        required = tuple((starts[a], starts[b - 1] + 1) for a, b in g.required)
        gold.append(GoldSpan(g.kind, start, end, g.text, required, g.form))
        original = [Rendering(form=ch) for ch in g.text]
        if any(r.before or r.after or r.form != o.form for r, o in zip(out[g.start:g.end], original)):
            changed.add(n)
    return Disguised(text, gold, changed)


def read_right(gold: GoldSpan, original: Document, span: Span, index: int) -> bool:
    """The span reads as the value written plainly."""
    plain = original.gold[index]
    if gold.kind == "email":
        return normalise_email(span.as_read) == normalise_email(plain.text)
    if gold.kind == "phone":
        return normalise_phone(span.as_read) == normalise_phone(plain.text)
    read = " ".join(span.as_read.split())
    parts = [original.text[a:b] for a, b in plain.must_cover()]
    return all(" ".join(part.split()) in read for part in parts)


def found(gold: GoldSpan, spans: list[Span], original: Document, index: int) -> bool:
    kind = KIND_OF_GOLD[gold.kind]
    need = gold.must_cover()
    lo, hi = min(a for a, _ in need), max(b for _, b in need)
    return any(s.kind is kind and s.start <= lo and s.end >= hi and read_right(gold, original, s, index)
               for s in spans)


def correct(span: Span, golds: list[GoldSpan]) -> bool:
    return any(KIND_OF_GOLD[g.kind] is span.kind and g.start < span.end and span.start < g.end for g in golds)


@dataclass
class Score:
    gold: int = 0
    hit: int = 0
    predicted: int = 0
    right: int = 0
    seconds: float = 0.0
    plain: int = 0  # changed values found when written plainly
    kept: int = 0  # of those, found in disguise too

    @property
    def recall(self) -> float:
        return self.hit / self.gold if self.gold else 1.0

    @property
    def kept_share(self) -> float:
        """The family's own loss: what is found plainly and still found in disguise."""
        return self.kept / self.plain if self.plain else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0


Plain = dict[tuple[int, str], set[int]]  # (document, form) -> the golds found undisguised


def run(extractor: Extractor, docs: list[Document], family: str | None, form: str, seed: int,
        gazetteer: Gazetteer, misses: list[str], by_kind: Counter[str], plain: Plain) -> Score:
    """`plain`: what extraction finds in each document undisguised (with the gazetteer),
    filled on first need, so that a family's loss can be told from the corpus's own misses."""
    tricks = FAMILIES[family] if family else None
    score = Score()
    for n, doc in enumerate(docs):
        rng = random.Random(f"{seed}:{family}:{form}:{n}")
        disguised = disguise(doc, tricks, form, rng)
        started = time.perf_counter()
        read = html_to_text(disguised.text) if form == "html" else disguised.text
        spans = extractor.extract(read, gazetteer if family else None)
        score.seconds += time.perf_counter() - started
        if family is not None and (n, form) not in plain:
            undisguised = disguise(doc, None, form, rng)
            text = html_to_text(undisguised.text) if form == "html" else undisguised.text
            plain_spans = extractor.extract(text, gazetteer)
            plain[(n, form)] = {i for i, g in enumerate(undisguised.gold) if found(g, plain_spans, doc, i)}
        for index, gold in enumerate(disguised.gold):
            if family is None or (index in disguised.changed and gold.kind in DISGUISED):
                if family is None and gold.kind == "register_term":
                    continue  # without a gazetteer a school is nobody's business
                ok = found(gold, spans, doc, index)
                score.gold += 1
                score.hit += ok
                if family is not None and index in plain[(n, form)]:
                    score.plain += 1
                    score.kept += ok
                by_kind[f"{gold.kind}:{'hit' if ok else 'miss'}"] += 1
                if not ok:
                    near = [(s.kind.value, s.text) for s in spans if s.start < gold.end and gold.start < s.end]
                    misses.append(f"[{family}/{form}/{gold.kind}] {disguised.text[gold.start:gold.end]!r} near {near}")
        for span in spans:
            score.predicted += 1
            score.right += correct(span, disguised.gold)
    return score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--families", default=",".join(FAMILIES), help="comma-separated")
    parser.add_argument("--show-misses", type=int, default=0, help="print this many misses per family")
    args = parser.parse_args()

    started = time.perf_counter()
    docs = generate_corpus(args.docs, args.seed)
    words = sum(len(d.text.split()) for d in docs)
    gazetteer = Gazetteer(names=tuple(dict.fromkeys(n for d in docs for n in d.names)),
                          identifiers=tuple(dict.fromkeys(t for d in docs for t in d.register_terms)))
    extractor = Extractor()
    for doc in docs[:10]:
        extractor.extract(doc.text)
    print(f"corpus: {len(docs)} documents, {words} words; pipeline {extractor.pipeline_name} "
          f"{extractor.pipeline_version}")

    figures: dict[str, float] = {}
    print(f"\n{'family':18} {'form':5} {'changed':>8} {'recall':>8} {'kept':>6} {'precision':>10}   misses by kind")
    plain: Plain = {}
    for form in ("text", "html"):
        by_kind: Counter[str] = Counter()
        untouched = run(extractor, docs, None, form, args.seed, gazetteer, [], by_kind, plain)
        print(f"{'untouched':18} {form:5} {untouched.gold:8} {untouched.recall:8.3f} {'':>6} {untouched.precision:10.3f}"
              f"   {words / untouched.seconds:,.0f} words/s")
        figures[f"untouched_{form}_recall"] = untouched.recall
        figures[f"untouched_{form}_precision"] = untouched.precision
        figures[f"untouched_{form}_words_per_s"] = round(words / untouched.seconds)
    failing: list[str] = []
    losing: list[str] = []
    for family in args.families.split(","):
        for form in FAMILIES[family].forms:
            misses: list[str] = []
            by_kind = Counter()
            score = run(extractor, docs, family, form, args.seed, gazetteer, misses, by_kind, plain)
            missed = {k.split(":")[0]: v for k, v in by_kind.items() if k.endswith(":miss")}
            print(f"{family:18} {form:5} {score.gold:8} {score.recall:8.3f} {score.kept_share:6.3f}"
                  f" {score.precision:10.3f}   {missed or ''}")
            for line in misses[:args.show_misses]:
                print(f"    {line}")
            figures[f"{family}_{form}_recall"] = score.recall
            figures[f"{family}_{form}_kept"] = score.kept_share
            if score.recall < TARGET_RECALL:
                failing.append(f"{family}/{form}")
            if score.kept_share < TARGET_RECALL:
                losing.append(f"{family}/{form}")

    print(f"\ntargets: recall >= {TARGET_RECALL} in every family: "
          f"{'all met' if not failing else 'missed by ' + ', '.join(failing)}; "
          f"kept >= {TARGET_RECALL}: {'all met' if not losing else 'missed by ' + ', '.join(losing)}; "
          f"total {time.perf_counter() - started:.0f} s")
    print(" ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
