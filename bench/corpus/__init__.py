"""A seeded corpus of UK letters, e-mails and forms with gold spans, for the extraction
benchmark (and any test that wants realistic documents).

    from bench.corpus import generate_corpus
    docs = generate_corpus(600, seed=7)   # the same documents for the same arguments
"""

from __future__ import annotations

import random
from dataclasses import replace

from bench.corpus.cast import a_cast
from bench.corpus.document import KINDS, Document, DocBuilder, GoldSpan
from bench.corpus.templates import TEMPLATES

__all__ = ["KINDS", "Document", "GoldSpan", "TEMPLATES", "generate_corpus", "generate_document"]


def generate_document(seed: int, index: int) -> Document:
    rng = random.Random(f"{seed}:{index}")
    template = list(TEMPLATES)[index % len(TEMPLATES)]
    sector, write = TEMPLATES[template]
    builder = DocBuilder(template)
    cast = a_cast(rng, sector)
    write(rng, cast, builder)
    parties = (cast.client.full_name, cast.child.full_name, cast.other.full_name)
    return replace(builder.build(), register_names=tuple(dict.fromkeys(parties)))


def generate_corpus(count: int = 600, seed: int = 7) -> list[Document]:
    return [generate_document(seed, i) for i in range(count)]
