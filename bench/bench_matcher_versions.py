"""Two versions of the guard timed side by side on the same letters: the matcher alone (recipients
and spans, as `bench_matching.py` times it) at 100,000 and 1,000 cases, and the whole
`guard.check` (extraction, matching, decision) of one-page letters at 100,000 cases.

    .venv/bin/python bench/bench_matcher_versions.py                  # b63b971 against the working tree
    .venv/bin/python bench/bench_matcher_versions.py --against HEAD   # ... against the last commit
    .venv/bin/python bench/bench_matcher_versions.py --letters 300 --checks 0 --cases 20000   # quicker

Each version runs in a worker process of its own, its package and models/ taken from
`git archive <rev>` (or the working tree), so two versions of `disclosure_guard` never share an
interpreter. Both workers generate the same registers and letters from this checkout's bench
generators (seeded) and build their own indexes; the driver then asks them in turn, letter by
letter, version after version, so the machine's slow moments fall on both alike (two cores shared
with other work move every timing by a fifth from run to run; only rows of one run compare). A
letter's time is its fastest of `--runs` runs; p95 and median are over the letters. The last line
holds every figure, and `*_vs_base` is the second version's p95 over the first's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import time
from io import BytesIO
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORKTREE = "worktree"


def version_root(rev: str, cache: Path) -> Path:
    """A directory holding `src/` and `models/` of `rev` (the working tree for "worktree")."""
    if rev == WORKTREE:
        return REPO
    sha = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short=12", rev],
                         check=True, capture_output=True, text=True).stdout.strip()
    root = cache / sha
    if not (root / "src").is_dir():
        archive = subprocess.run(["git", "-C", str(REPO), "archive", sha, "src", "models"],
                                 check=True, capture_output=True).stdout
        root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(root, filter="data")
    return root


# ---------------------------------------------------------------- worker


def worker(args: argparse.Namespace) -> None:
    """Builds the registers and letters, then times what the driver asks for on stdin:
    `m <register> <letter>` (the matcher) or `c <letter>` (the whole check), one figure per line."""
    sys.path[:0] = [str(Path(args.root) / "src"), str(BENCH)]
    import gc
    import random

    from bench_matching import a_letter, build, match_letter, register_cases
    from synthetic_register import generate_register

    import disclosure_guard

    loaded_from = Path(disclosure_guard.__file__).resolve()
    assert loaded_from.is_relative_to(Path(args.root).resolve()), loaded_from
    from disclosure_guard.types import Channel, Item, MatchThresholds

    th = MatchThresholds()
    registers = []
    for size, seed in ((args.cases, args.seed), (args.small, args.seed + 2)):
        truth, geography, people = generate_register(size, seed)
        register = register_cases(truth)
        gc.unfreeze()
        index, _ = build(register)
        rng = random.Random(seed + 1)
        letters = [a_letter(register, truth, geography, people, rng) for _ in range(args.letters)]
        for letter in letters[:50]:  # warm caches as a running worker would have them
            match_letter(letter, index, th)
        registers.append((index, letters))
    check = None
    if args.checks:
        from disclosure_guard.extraction import Extractor
        from disclosure_guard.guard import check as guard_check

        extractor = Extractor()
        index, letters = registers[0]
        items = [Item(Channel.LETTER, recipients, (part,)) for part, _, recipients in letters[: args.checks]]
        for item in items[:10]:
            guard_check(item, index, extractor, th)

        def check(i: int) -> float:
            started = time.perf_counter()
            guard_check(items[i], index, extractor, th)
            return (time.perf_counter() - started) * 1000

    gc.collect()
    gc.freeze()
    print("ready", flush=True)
    for line in sys.stdin:
        what, *numbers = line.split()
        if what == "m":
            index, letters = registers[int(numbers[0])]
            elapsed, _ = match_letter(letters[int(numbers[1])], index, th)
        elif what == "c" and check is not None:
            elapsed = check(int(numbers[0]))
        else:
            break
        print(f"{elapsed:.6f}", flush=True)


# ---------------------------------------------------------------- driver


def start(rev: str, root: Path, args: argparse.Namespace) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DG_")}
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", "--root", str(root),
               "--cases", str(args.cases), "--small", str(args.small), "--seed", str(args.seed),
               "--letters", str(args.letters), "--checks", str(args.checks)]
    return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=root)


def ask(process: subprocess.Popen, request: str) -> float:
    process.stdin.write(request + "\n")
    process.stdin.flush()
    return float(process.stdout.readline())


def summary(times: list[list[float]]) -> tuple[float, float]:
    """(p95, median) over the letters of each letter's fastest run."""
    fastest = sorted(min(t) for t in times)
    return fastest[int(0.95 * len(fastest))], statistics.median(fastest)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="b63b971", help="the version compared against (a git revision)")
    parser.add_argument("--against", default=WORKTREE, help=f"a git revision, or '{WORKTREE}' for the files as they are")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=20240604)
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7, help="runs of every letter; its fastest counts")
    parser.add_argument("--checks", type=int, default=300,
                        help="letters put through the whole guard.check (0: none)")
    parser.add_argument("--check-runs", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/dg-versions"), help="where git archives are unpacked")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--root", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return

    started = time.perf_counter()
    versions = [args.base, args.against]
    workers = [start(rev, version_root(rev, args.cache), args) for rev in versions]
    for w in workers:
        if w.stdout.readline().strip() != "ready":
            sys.exit("a worker failed to start")
    print(f"workers ready in {time.perf_counter() - started:.0f} s")

    matched = [[[[] for _ in range(args.letters)] for _ in range(2)] for _ in workers]
    for _ in range(args.runs):
        for i in range(args.letters):
            for r in range(2):
                for v, w in enumerate(workers):
                    matched[v][r][i].append(ask(w, f"m {r} {i}"))
    checked = [[[] for _ in range(args.checks)] for _ in workers]
    for _ in range(args.check_runs if args.checks else 0):
        for i in range(args.checks):
            for v, w in enumerate(workers):
                checked[v][i].append(ask(w, f"c {i}"))
    for w in workers:
        w.stdin.close()
        w.wait()

    figures: dict[str, float] = {}
    print(f"p95 / median ms, each letter's fastest of {args.runs} (matcher) and {args.check_runs} (check)")
    print(f"{'version':12} | {args.cases:,} cases | {args.small:,} cases | ratio | guard.check at {args.cases:,}")
    for v, rev in enumerate(versions):
        big, small = summary(matched[v][0]), summary(matched[v][1])
        whole = summary(checked[v]) if args.checks else (float("nan"), float("nan"))
        print(f"{rev:12} | {big[0]:.2f} / {big[1]:.2f} | {small[0]:.2f} / {small[1]:.2f} | "
              f"{big[0] / small[0]:.2f} | {whole[0]:.2f} / {whole[1]:.2f}")
        side = "base" if v == 0 else "new"
        figures |= {f"{side}_p95_big": big[0], f"{side}_median_big": big[1], f"{side}_p95_small": small[0],
                    f"{side}_median_small": small[1], f"{side}_check_p95": whole[0], f"{side}_check_median": whole[1]}
    figures["p95_big_vs_base"] = figures["new_p95_big"] / figures["base_p95_big"]
    figures["median_big_vs_base"] = figures["new_median_big"] / figures["base_median_big"]
    figures["p95_small_vs_base"] = figures["new_p95_small"] / figures["base_p95_small"]
    figures["check_p95_vs_base"] = figures["new_check_p95"] / figures["base_check_p95"]
    print(f"base={args.base} new={args.against} cases={args.cases} small={args.small} letters={args.letters} "
          f"checks={args.checks}; total {time.perf_counter() - started:.0f} s; load {os.getloadavg()[0]:.1f}")
    print(" ".join(f"{k}={v:.3f}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
