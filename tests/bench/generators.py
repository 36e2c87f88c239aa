"""What a benchmark's generators load: a generator that imports the code it measures measures
nothing, so each generator runs in a fresh interpreter and reports the modules it brought in."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The guard, and the data and models it is built from.
MEASURED = ("disclosure_guard", "nicknames", "spacy", "metaphone")


def modules_measured_by(generate: str, timeout: int = 300) -> list[str]:
    """The measured modules loaded by running `generate` (Python, with bench/ and the root on
    the path) in a fresh interpreter."""
    probe = (
        "import json, sys; sys.path[:0] = ['bench', '.'];"
        f"{generate};"
        f"print(json.dumps(sorted(m for m in sys.modules if m.startswith({MEASURED!r}))))"
    )
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1])
