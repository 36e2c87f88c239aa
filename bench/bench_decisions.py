"""Whole-item decision benchmark: outgoing items of every shape, labelled by what should
happen to them in the world, through `guard.check` (the path the API takes) against a
generated register of households.

    .venv/bin/python bench/bench_decisions.py                       # 2,550 items, 1,500 cases
    .venv/bin/python bench/bench_decisions.py --items 300 --show-misses 5

The generators (bench/decisions/) import nothing from src/ and read nothing from models/: see
that package's docstring. Items are read as the API reads them: raw MIME by
`item_from_rfc822`, the check API's fields (PDF and DOCX attachments as bytes) by
`item_from_fields`. An error in the guard counts as a hold, as the API answers it.

Per category the table gives the decisions and the error rate: for a block category the share
not blocked, for a hold category the share allowed (a block there is caught too), for an allow
category the share not allowed. The last line holds the figures:
caught is the share of block and hold items not allowed, false_hold the share of allow items
not allowed.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from decisions.categories import CATEGORIES, generate_items  # noqa: E402
from decisions.register import generate_world  # noqa: E402
from decisions.shapes import Submission  # noqa: E402

from disclosure_guard.extraction import Extractor  # noqa: E402
from disclosure_guard.guard import check  # noqa: E402
from disclosure_guard.ingest.attachments import Attachment  # noqa: E402
from disclosure_guard.ingest.email import item_from_rfc822  # noqa: E402
from disclosure_guard.ingest.fields import item_from_fields  # noqa: E402
from disclosure_guard.matching import RegisterIndex  # noqa: E402
from disclosure_guard.register.schema import CaseIn  # noqa: E402
from disclosure_guard.types import Channel, Decision, Item, MatchThresholds, Recipient, RecipientType, Verdict  # noqa: E402

DECISIONS = ("allow", "hold", "block")


def as_item(submission: Submission) -> Item:
    if submission.raw is not None:
        return item_from_rfc822(submission.raw)
    recipients = [
        Recipient(RecipientType(r.type), name=r.name, email=r.email, address=r.address) for r in submission.recipients
    ]
    attachments = [Attachment(filename, kind, data) for filename, kind, data in submission.attachments]
    return item_from_fields(
        Channel(submission.channel), recipients, subject=submission.subject, body=submission.body,
        body_html=submission.body_html, attachments=attachments,
    )  # fmt: skip


def is_error(expected: str, decision: str) -> bool:
    if expected == "block":
        return decision != "block"
    if expected == "hold":
        return decision == "allow"
    return decision != "allow"


def factors(cause: str) -> list[str]:
    """The separate facts of how an item was made: "pdf to=email at=body
    victim.address[street_typo,postcode_dropped]" -> pdf, to=email, at=body, victim.address,
    address:street_typo, address:postcode_dropped."""
    out = []
    for token in cause.split():
        base, _, errors = token.partition("[")
        out.append(base)
        out += [f"address:{e}" for e in errors.rstrip("]").split(",") if e]
    return out


def why(verdict: Verdict | None, failure: str | None) -> str:
    if verdict is None:
        return f"guard error: {failure}"
    return ",".join(sorted({r.code.value for r in verdict.reasons})) or "no reason"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=1500)
    parser.add_argument("--items", type=int, default=2550, help="about this many items over the categories by weight")
    parser.add_argument("--seed", type=int, default=20261130)
    parser.add_argument("--show-misses", type=int, default=0, help="print this many misclassified items per category")
    args = parser.parse_args()

    started = time.perf_counter()
    world = generate_world(args.cases, args.seed)
    register = [CaseIn.model_validate(entry).to_core() for entry in world.register()]
    index = RegisterIndex.build(register, version=1)
    extractor = Extractor()
    items = generate_items(world, args.items, args.seed + 1)
    with_children = sum(bool(c.children) for c in world.cases)
    print(f"register: {len(register)} cases ({with_children} with children), "
          f"{sum(len(c.parties) for c in register)} parties; {len(items)} items; "
          f"set up in {time.perf_counter() - started:.1f} s")  # fmt: skip

    thresholds = MatchThresholds()
    by_category: dict[str, Counter] = defaultdict(Counter)
    by_shape: dict[str, Counter] = defaultdict(Counter)
    misses: dict[str, list[tuple[Submission, str, str]]] = defaultdict(list)
    causes: dict[str, Counter] = defaultdict(Counter)
    risky_factors: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # factor -> [items, allowed]
    errors = 0
    checking = time.perf_counter()
    shape_seconds: Counter = Counter()
    for submission in items:
        verdict, failure = None, None
        one = time.perf_counter()
        try:
            verdict = check(as_item(submission), index, extractor, thresholds)
            decision = verdict.decision.value
        except Exception as exc:  # noqa: BLE001 - the API answers a guard error with a hold
            decision, failure = Decision.HOLD.value, f"{type(exc).__name__}: {exc}"
            errors += 1
        shape_seconds[submission.shape] += time.perf_counter() - one
        by_category[submission.category][decision] += 1
        by_shape[submission.shape][submission.expected + ":" + decision] += 1
        if submission.expected != "allow":
            for factor in set(factors(submission.cause)):
                risky_factors[factor][0] += 1
                risky_factors[factor][1] += decision == "allow"
        if is_error(submission.expected, decision):
            reason = why(verdict, failure)
            misses[submission.category].append((submission, decision, reason))
            key = submission.cause if submission.expected != "allow" else f"{reason} | {submission.cause}"
            causes[submission.category][key] += 1
    elapsed = time.perf_counter() - checking

    print(f"\n{'category':26} {'expected':8} {'n':>5} {'allow':>6} {'hold':>6} {'block':>6} {'error':>7}")
    expected_of = {name: expected for name, expected, _ in CATEGORIES}
    rates: dict[str, float] = {}
    for name, expected, _ in CATEGORIES:
        tally = by_category[name]
        n = sum(tally.values())
        wrong = sum(count for decision, count in tally.items() if is_error(expected, decision))
        rates[name] = wrong / n if n else 0.0
        print(f"{name:26} {expected:8} {n:5} {tally['allow']:6} {tally['hold']:6} {tally['block']:6} {rates[name]:7.3f}")

    print(f"\n{'shape':10} {'n':>5} {'block/hold items allowed':>25} {'allow items not allowed':>24} {'ms/item':>8}")
    for shape, tally in sorted(by_shape.items()):
        n = sum(tally.values())
        risky = sum(c for k, c in tally.items() if not k.startswith("allow:"))
        leaked = sum(c for k, c in tally.items() if not k.startswith("allow:") and k.endswith(":allow"))
        benign = sum(c for k, c in tally.items() if k.startswith("allow:"))
        held = sum(c for k, c in tally.items() if k.startswith("allow:") and not k.endswith(":allow"))
        print(f"{shape:10} {n:5} {leaked:>14}/{risky:<10} {held:>13}/{benign:<10} {1000 * shape_seconds[shape] / n:8.0f}")

    print("\nblock and hold items allowed, by how they were made (factor, allowed/items)")
    for factor, (n, allowed) in sorted(risky_factors.items(), key=lambda kv: (-kv[1][1], kv[0])):
        if allowed:
            print(f"  {factor:40} {allowed:4}/{n}")
    print("\nmisses by cause (count, cause; for allow categories: reasons | how the item was made)")
    for name, _, _ in CATEGORIES:
        for key, count in causes[name].most_common(8):
            print(f"  {name:26} {count:4}  {key}")
    if args.show_misses:
        print("\nmisclassified items")
        for name, _, _ in CATEGORIES:
            for submission, decision, reason in misses[name][: args.show_misses]:
                to = "; ".join(f"{r.type}: {r.name or ''} <{r.email or ''}> [{(r.address or '').replace(chr(10), ', ')}]" for r in submission.recipients)
                print(f"  {name} -> {decision} ({reason}) {submission.cause}\n      to {to}\n      planted {submission.planted!r}")

    block_items = by_category["restricted_gets_contact"]
    risky = [n for n, e, _ in CATEGORIES if e != "allow"]
    benign = [n for n, e, _ in CATEGORIES if e == "allow"]
    risky_n = sum(sum(by_category[n].values()) for n in risky)
    benign_n = sum(sum(by_category[n].values()) for n in benign)
    caught = sum(sum(by_category[n].values()) - by_category[n]["allow"] for n in risky) / max(1, risky_n)
    false_hold = sum(sum(by_category[n].values()) - by_category[n]["allow"] for n in benign) / max(1, benign_n)
    worst = max(benign, key=lambda n: rates[n])
    print(f"\nchecked {len(items)} items in {elapsed:.0f} s ({len(items) / elapsed:.1f} items/s); guard errors {errors}; "
          f"total {time.perf_counter() - started:.0f} s")  # fmt: skip
    assert expected_of  # every category is in the table above
    print(f"block_allowed={block_items['allow']} caught={caught:.4f} false_hold={false_hold:.4f} "
          f"worst_allow_category={worst}:{rates[worst]:.3f} items={len(items)}")  # fmt: skip


if __name__ == "__main__":
    main()
