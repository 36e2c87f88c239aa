"""The span benchmarks' generators: independent of the code they measure, seeded, and writing
what their docstrings say. The matching benchmark runs end to end at a tiny size so that the
script cannot rot; its figures are the benchmark's to print, not the tests' to assert."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench.generators import modules_measured_by

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from slips import keyboard_slip, misheard, without_marks  # noqa: E402

MATCHING_LAST_LINE = re.compile(
    r"^address_recall=[\d.]+ name_recall=[\d.]+ name_recall_alone=[\d.]+ near_miss_false=[\d.]+ "
    r"p95_ms_100k=[\d.]+ p95_ms_100k_first_run=[\d.]+ p95_ms_1k=[\d.]+ p95_ms_1k_first_run=[\d.]+ "
    r"ratio=[\d.]+ ratio_first_run=[\d.]+ build_s=[\d.]+ rss_mb=\d+$"
)


def test_the_generators_import_nothing_from_the_guard() -> None:
    assert modules_measured_by(
        "from synthetic_register import generate_register; from variants import *;"
        "from bench.corpus import generate_corpus;"
        "truth, geography, people = generate_register(50, 1); generate_corpus(14, 1)"
    ) == []


def test_the_matching_benchmark_runs_and_prints_its_figures_last() -> None:
    run = subprocess.run(
        [sys.executable, "bench/bench_matching.py", "--cases", "400", "--small", "100", "--variants", "120",
         "--near-misses", "90", "--letters", "30", "--show-misses", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.strip().splitlines()
    assert MATCHING_LAST_LINE.match(lines[-1]), lines[-1]
    assert "diminutive" in run.stdout and "other_town" in run.stdout and "postcode_wrapped" in run.stdout


def test_the_corpus_gazetteer_holds_the_register_parties_only() -> None:
    from bench.corpus import generate_corpus

    docs = generate_corpus(26, seed=5)
    assert all(1 <= len(doc.register_names) <= 3 for doc in docs)
    # The writers and the other professionals are named in the letters but not registered.
    assert [name for doc in docs for name in doc.names if name not in doc.register_names]


@pytest.mark.parametrize(
    ("written", "plain"),
    [("Zoë", "Zoe"), ("Łukasz", "Lukasz"), ("Siobhán", "Siobhan"), ("Ştefan", "Stefan"), ("Çağla", "Cagla")],
)
def test_diacritics_are_dropped_as_a_uk_keyboard_types_them(written: str, plain: str) -> None:
    assert without_marks(written) == plain


def test_a_german_umlaut_is_dropped_or_written_out() -> None:
    assert {without_marks("Müller", random.Random(seed)) for seed in range(40)} == {"Muller", "Mueller"}


@pytest.mark.parametrize(
    ("name", "heard"),
    [("Stephenson", "Stevenson"), ("Matthews", "Mathews"), ("Kelly", "Kellie"), ("Connor", "Conor"),
     ("Leigh", "Lee"), ("Neil", "Niel")],
)  # fmt: skip
def test_the_sound_alike_spellings_of_the_docstring(name: str, heard: str) -> None:
    assert heard in {misheard(name, random.Random(seed)) for seed in range(300)}


def test_a_keyboard_slip_keeps_the_first_letter_and_changes_one_thing() -> None:
    slipped = {keyboard_slip("Natasha", random.Random(seed)) for seed in range(400)}
    assert {"Natsha", "Nattasha", "Natahsa"} <= slipped
    assert all(s[0] == "N" and s != "Natasha" and abs(len(s) - 7) <= 1 for s in slipped)
