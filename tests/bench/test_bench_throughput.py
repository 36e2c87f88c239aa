"""The throughput benchmark runs end to end at a tiny size (so the script cannot rot) and prints
its figures last. The figures are the benchmark's to print, not the tests' to assert."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAST_LINE = re.compile(r"^spacy=\S+ words=\d+ check_words_per_s=\d+ ner_words_per_s=\d+ ratio=\d+\.\d\d$")


def test_the_benchmark_runs_and_prints_its_figures_last() -> None:
    run = subprocess.run(
        [sys.executable, "bench/bench_throughput.py", "--letters", "6", "--bundle-letters", "4",
         "--cases", "40", "--rounds", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.strip().splitlines()
    assert LAST_LINE.match(lines[-1]), lines[-1]
    assert "whole check in-process on one core" in run.stdout
