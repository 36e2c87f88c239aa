"""The service benchmark runs end to end at a tiny size (a few one-page letters over real HTTP to
a real `disclosure-guard serve`), so the script cannot rot. The figures are the benchmark's to
print, not the tests' to assert; only that nothing failed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAST_LINE = re.compile(
    r"^checks_per_s=[\d.]+ words_per_s=\d+ p95_ms_letter=\d+ cpu_share_clients=[\d.]+ cpu_share_api=[\d.]+ "
    r"cpu_share_workers=[\d.]+ api_cpu_ms_per_check=[\d.]+ workers_words_per_cpu_s=\d+ "
    r"single_core_words_per_s=\d+ ratio_to_single_core=[\d.]+ two_processes_over_one=[\d.]+ errors=(\d+)$"
)


def test_the_service_benchmark_runs_and_prints_its_figures_last() -> None:
    run = subprocess.run([sys.executable, "bench/bench_service.py", "--tiny", "--two-cores"], cwd=ROOT,
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    last = run.stdout.strip().splitlines()[-1]
    figures = LAST_LINE.match(last)
    assert figures, last
    assert figures.group(1) == "0", run.stdout
    assert "HTTP, 2 clients: 6 checks" in run.stdout and "resident memory: server" in run.stdout
    assert "in-process, two processes at once: " in run.stdout
