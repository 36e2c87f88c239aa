"""The decision benchmark runs end to end at a tiny size (so the script cannot rot), and its
generators stay independent of the code they measure. The figures are the benchmark's to
print, not the tests' to assert."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

from tests.bench.generators import modules_measured_by

ROOT = Path(__file__).resolve().parents[2]
LAST_LINE = re.compile(
    r"^block_allowed=\d+ caught=[01]\.\d{4} false_hold=[01]\.\d{4} worst_allow_category=[a-z_]+:[01]\.\d{3} items=\d+$"
)


def test_the_benchmark_runs_and_prints_its_figures_last() -> None:
    run = subprocess.run(
        [sys.executable, "bench/bench_decisions.py", "--items", "60", "--cases", "80", "--show-misses", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.strip().splitlines()
    assert LAST_LINE.match(lines[-1]), lines[-1]
    assert "restricted_gets_contact" in run.stdout and "redacted" in run.stdout


def test_the_generators_import_nothing_from_the_guard() -> None:
    assert modules_measured_by(
        "from decisions.categories import generate_items; from decisions.register import generate_world;"
        "generate_items(generate_world(20, 1), 30, 2)",
        timeout=120,
    ) == []



def test_every_mistyped_address_keeps_a_house_and_a_place() -> None:
    """The generator's own promise (bench/decisions/address_errors.py), over many dwellings: a
    number, house name or block stays, and so does a street or a postcode."""
    sys.path.insert(0, str(ROOT / "bench"))
    from decisions.address_errors import NUMBER_WORDS, mistyped
    from decisions.places import Geography
    from decisions.typos import one_slip_apart
    from faker import Faker

    faker = Faker("en_GB")
    faker.seed_instance(4)
    rng = random.Random(4)
    geography = Geography(faker, rng)
    unreadable = []
    for _ in range(4000):
        dwelling = geography.dwelling()
        text, errors = mistyped(dwelling, rng)
        named = (dwelling.house_name or dwelling.building or "").split()
        number = str(dwelling.number)
        spelt = NUMBER_WORDS[dwelling.number] if "number_in_words" in errors else number
        # A number OCR misread ("2O" for 20) is still the number to whoever reads it.
        read = text.translate(str.maketrans("OlI", "011")) if "number_ocr" in errors else text
        house = spelt in read or any(word in text for word in named if word != "The")
        words = re.findall(r"[A-Za-z'’]+", text.replace(dwelling.street.stem, " " + dwelling.street.stem + " "))
        stem = dwelling.street.stem.replace(" ", "")
        street = any(one_slip_apart(word, stem) for word in words) or stem.lower() in text.lower().replace(" ", "")
        place = street or dwelling.postcode.split()[0] in text
        if not (house and place and errors):
            unreadable.append((dwelling.written(), text, errors))
    assert unreadable == []
