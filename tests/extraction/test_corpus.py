"""The benchmark's corpus generator: seeded, and its gold offsets exact."""

from __future__ import annotations

from bench.corpus import KINDS, TEMPLATES, generate_corpus


def test_the_corpus_is_seeded_and_its_gold_is_exact() -> None:
    docs = generate_corpus(40, seed=3)
    assert docs == generate_corpus(40, seed=3)
    assert {d.template for d in docs} == set(TEMPLATES)
    for doc in docs:
        for gold in doc.gold:
            assert gold.kind in KINDS
            assert doc.text[gold.start:gold.end] == gold.text
            assert all(gold.start <= a < b <= gold.end for a, b in gold.must_cover())


def test_the_corpus_holds_every_kind_and_address_form() -> None:
    docs = generate_corpus(130, seed=7)
    kinds = {g.kind for d in docs for g in d.gold}
    forms = {g.form for d in docs for g in d.gold if g.kind == "address"}
    assert kinds == set(KINDS)
    assert {"block", "block_caps", "block_commas", "inline", "inline_lower", "inline_nocomma",
            "inline_short", "scanned"} <= forms
