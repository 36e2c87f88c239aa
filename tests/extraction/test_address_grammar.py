from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from disclosure_guard.extraction.recognizers import AddressRecognizer, PostcodeRecognizer
from disclosure_guard.extraction.recognizers.address_grammar import RULES, AddressGrammar, AddressWords, expand
from tests.extraction.offsets import span_texts


def test_every_rule_expands_and_compiles(patterns_dir: Path) -> None:
    grammar = AddressGrammar(AddressWords.load(patterns_dir))
    for name, _template in RULES:
        assert grammar.pattern(name).pattern == grammar.source(name)


def test_a_rule_names_only_earlier_rules() -> None:
    with pytest.raises(ValueError, match="before it is defined"):
        expand([("street", "{number} {street_type}"), ("number", r"\d+")], {})
    with pytest.raises(ValueError, match="defined twice"):
        expand([("number", r"\d+"), ("number", r"\d+")], {})


def test_quantifiers_are_not_references() -> None:
    assert expand([("word", r"[a-z]{1,3}"), ("two", "{word} {word}")], {})["two"] == "[a-z]{1,3} [a-z]{1,3}"


def test_a_new_street_type_is_a_line_of_its_word_list(patterns_dir: Path, postcodes: PostcodeRecognizer,
                                                       tmp_path: Path) -> None:
    # "Twitten" is a Sussex alley; the shipped list does not have it.
    text = "She now lives at 4 Coach Twitten, Lewes."
    before = AddressRecognizer(patterns_dir, postcodes).analyze(text)
    assert "4 Coach Twitten, Lewes" not in span_texts(before, text)
    shutil.copytree(patterns_dir, tmp_path / "patterns")
    with (tmp_path / "patterns" / "street_types.txt").open("a", encoding="utf-8") as f:
        f.write("\ntwitten\n")
    after = AddressRecognizer(tmp_path / "patterns", postcodes).analyze(text)
    assert span_texts(after, text) == ["4 Coach Twitten, Lewes"]
