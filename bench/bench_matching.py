"""Matching benchmark: recall on variants, false matches on near misses, time per letter, index
build time and memory, at 100,000 cases (and at 1,000 for the time ratio).

    .venv/bin/python bench/bench_matching.py                 # 100,000 cases, about 3 minutes
    .venv/bin/python bench/bench_matching.py --cases 20000   # quicker

Seeded: the same arguments print the same quality figures. The last line holds every figure.
A match is a finding (or recipient match) for the target party at or above the weak threshold;
a false match is any finding at all on a near miss.
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_register import Geography, People, TruthParty, format_address, generate_register  # noqa: E402
from variants import (  # noqa: E402
    ADDRESS_FORMS,
    NAME_FORMS,
    NEAR_MISS_ADDRESS_FORMS,
    address_near_miss,
    Namesakes,
    address_variant,
    name_variant,
)

from disclosure_guard.matching import RegisterIndex, match_recipients, match_spans  # noqa: E402
from disclosure_guard.types import (  # noqa: E402
    MatchStrength,
    MatchThresholds,
    PartyRef,
    Recipient,
    RecipientType,
    RegisterCase,
    Span,
    SpanKind,
    TextPart,
)

TARGETS = {"address_recall": 0.99, "name_recall": 0.97, "near_miss_false": 0.005, "p95_ms_100k": 5.0, "ratio": 2.0}
FILLER = (
    "we write further to our meeting regarding the arrangements for the children and the "
    "hearing listed next month please find enclosed the report and the contact schedule "
).split()


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident set size in MB."""
    status = Path("/proc/self/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    current = int(fields["VmRSS"].split()[0]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return current, peak


def build(cases: list[RegisterCase]) -> tuple[RegisterIndex, float]:
    gc.collect()
    started = time.perf_counter()
    index = RegisterIndex.build(cases, version=1)
    elapsed = time.perf_counter() - started
    # The index lives as long as the worker: keep the collector from walking it on every check.
    gc.collect()
    gc.freeze()
    return index, elapsed


def a_part(texts: list[tuple[SpanKind, str]], rng: random.Random) -> tuple[TextPart, list[Span]]:
    pieces, spans, position = [], [], 0
    for kind, text in texts:
        filler = " ".join(rng.choices(FILLER, k=rng.randint(20, 45))) + " "
        pieces.append(filler)
        position += len(filler)
        spans.append(Span(kind, position, position + len(text), text, "bench"))
        pieces.append(text + ". ")
        position += len(text) + 2
    return TextPart("body", "".join(pieces)), spans


def found_for(target: PartyRef, part: TextPart, spans: list[Span], index: RegisterIndex, th: MatchThresholds):
    findings = match_spans(part, spans, index, th)
    return [f for f in findings if f.party == target], findings


# ---------------------------------------------------------------- quality


def address_recall(register, truth, index, th, rng, samples):
    per_form: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    misses = []
    for i in range(samples):
        c = rng.randrange(len(truth))
        p = rng.randrange(2)
        party = truth[c][p]
        form = ADDRESS_FORMS[i % len(ADDRESS_FORMS)]
        text = address_variant(party.dwelling, rng, form)
        part, spans = a_part([(SpanKind.ADDRESS, text)], rng)
        mine, _ = found_for(PartyRef(register[c].reference, p, party.role), part, spans, index, th)
        tally = per_form[form]
        tally[0] += 1
        tally[1] += bool(mine)
        tally[2] += any(f.strength is MatchStrength.STRONG for f in mine)
        if not mine:
            misses.append((form, register[c].parties[p].addresses[0], text))
    return per_form, misses


def name_recall(register, truth, index, th, rng, samples):
    per_form: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    misses = []
    for i in range(samples):
        c = rng.randrange(len(truth))
        p = rng.randrange(2)
        party = truth[c][p]
        form = NAME_FORMS[i % len(NAME_FORMS)]
        if form == "alias" and not party.person.maiden or form == "hyphen" and "-" not in party.person.surname:
            form = "exact"
        text = name_variant(party.person, rng, form)
        part, spans = a_part([(SpanKind.PERSON, text)], rng)
        mine, _ = found_for(PartyRef(register[c].reference, p, party.role), part, spans, index, th)
        tally = per_form[form]
        tally[0] += 1
        tally[1] += bool(mine)
        tally[2] += any(f.strength is MatchStrength.STRONG for f in mine)
        if not mine:
            misses.append((form, register[c].parties[p].names, text))
    return per_form, misses


def near_misses(register, truth, index, th, rng, samples, people: People):
    registered = {party.dwelling.key for parties in truth for party in parties}
    houses = {k[:3] for k in registered}
    namesakes = Namesakes(truth)
    per_form: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    falses = []
    done = 0
    while done < samples:
        c = rng.randrange(len(truth))
        party = truth[c][rng.randrange(2)]
        form = (*NEAR_MISS_ADDRESS_FORMS, "namesake")[done % 4]
        if form == "namesake":
            text = namesakes.namesake(party.person, rng, people.forenames)
            kind = SpanKind.PERSON
        else:
            neighbour = address_near_miss(party.dwelling, rng, form, registered, houses)
            text = neighbour and address_variant(neighbour, rng, rng.choice(("exact", "abbreviated", "no_locality")))
            kind = SpanKind.ADDRESS
        if text is None:
            continue
        done += 1
        part, spans = a_part([(kind, text)], rng)
        findings = match_spans(part, spans, index, th)
        per_form[form][0] += 1
        per_form[form][1] += bool(findings)
        if findings:
            falses.append((form, text, [(f.party.case_reference, f.score, f.components) for f in findings[:2]]))
    return per_form, falses


# ---------------------------------------------------------------- timing


def a_letter(register, truth, geography: Geography, people: People, rng: random.Random):
    """The spans extraction would produce from a one-page letter about case `c`, and its
    recipients: a few names (one a lone surname), two addresses, a postcode, a phone, an
    email and a date."""
    c = rng.randrange(len(truth))
    victim, abuser = truth[c]
    registered = register[c].parties[0]
    stranger = people.person(rng)
    texts = [
        (SpanKind.PERSON, name_variant(victim.person, rng, rng.choice(NAME_FORMS[:8]))),
        (SpanKind.PERSON, name_variant(abuser.person, rng, "exact")),
        (SpanKind.PERSON, f"{rng.choice(('Ms', 'Mr', 'Mrs'))} {people.surname(rng).title()}"),
        (SpanKind.PERSON, stranger.written()),
        (SpanKind.ADDRESS, address_variant(victim.dwelling, rng, rng.choice(ADDRESS_FORMS))),
        (SpanKind.ADDRESS, format_address(geography.dwelling(rng))),
        (SpanKind.POSTCODE, geography.dwelling(rng).postcode),
        (SpanKind.PHONE, registered.phones[0]),
        (SpanKind.EMAIL, registered.emails[0]),
        (SpanKind.DATE, rng.choice(registered.dates_of_birth)),
    ]
    rng.shuffle(texts)
    part, spans = a_part(texts, rng)
    recipients = (
        Recipient(RecipientType.TO, name=abuser.person.written(), address=format_address(abuser.dwelling)),
        Recipient(RecipientType.CC, name=stranger.written(), email="office@example.net"),
    )
    return part, spans, recipients


def time_letters(register, truth, geography, people, index, th, rng, letters: int) -> tuple[float, float, float]:
    made = [a_letter(register, truth, geography, people, rng) for _ in range(letters)]
    for part, spans, recipients in made[:50]:  # warm caches as a running worker would have them
        match_spans(part, spans, index, th)
        match_recipients(recipients, index, th)
    times, counts = [], []
    for part, spans, recipients in made:
        started = time.perf_counter()
        findings = match_spans(part, spans, index, th)
        match_recipients(recipients, index, th)
        times.append((time.perf_counter() - started) * 1000)
        counts.append(len(findings))
    times.sort()
    return times[int(0.95 * len(times))], statistics.median(times), max(counts)


# ---------------------------------------------------------------- main


def report_forms(title: str, per_form: dict[str, list[int]]) -> None:
    print(title)
    for form, tally in sorted(per_form.items()):
        extra = f"  strong {tally[2] / tally[0]:.3f}" if len(tally) > 2 else ""
        rate = tally[1] / tally[0]
        print(f"  {form:28} n={tally[0]:5}  {'false' if len(tally) == 2 else 'recall'} {rate:.3f}{extra}")


def totals(per_form: dict[str, list[int]]) -> float:
    return sum(t[1] for t in per_form.values()) / max(1, sum(t[0] for t in per_form.values()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=1_000, help="register size for the time ratio")
    parser.add_argument("--seed", type=int, default=20240604)
    parser.add_argument("--variants", type=int, default=4000, help="address and name variants each")
    parser.add_argument("--near-misses", type=int, default=4000)
    parser.add_argument("--letters", type=int, default=2000)
    parser.add_argument("--strong", type=float, default=MatchThresholds().strong)
    parser.add_argument("--weak", type=float, default=MatchThresholds().weak)
    parser.add_argument("--show-misses", type=int, default=0, help="print this many misses and false matches")
    args = parser.parse_args()
    th = MatchThresholds(strong=args.strong, weak=args.weak)

    started = time.perf_counter()
    register, truth, geography, people = generate_register(args.cases, args.seed)
    print(f"generated {args.cases} cases in {time.perf_counter() - started:.1f} s")
    rss_before, _ = rss_mb()
    index, build_s = build(register)
    rss_after, rss_peak = rss_mb()
    print(f"index build {build_s:.1f} s; RSS {rss_after:.0f} MB (index {rss_after - rss_before:.0f} MB), peak {rss_peak:.0f} MB")

    rng = random.Random(args.seed + 1)
    by_address, address_misses = address_recall(register, truth, index, th, rng, args.variants)
    by_name, name_misses = name_recall(register, truth, index, th, rng, args.variants)
    by_near, falses = near_misses(register, truth, index, th, rng, args.near_misses, people)
    report_forms("address variants", by_address)
    report_forms("name variants", by_name)
    report_forms("near misses", by_near)
    for label, rows in (("address miss", address_misses), ("name miss", name_misses), ("false match", falses)):
        for row in rows[: args.show_misses]:
            print(f"  {label}: {row!r}")

    p95_big, median_big, most = time_letters(register, truth, geography, people, index, th, rng, args.letters)
    print(f"letters at {args.cases}: median {median_big:.2f} ms, p95 {p95_big:.2f} ms, most findings {most}")

    small_register, small_truth, small_geo, small_people = generate_register(args.small, args.seed + 2)
    small_index, _ = build(small_register)
    p95_small, median_small, _ = time_letters(
        small_register, small_truth, small_geo, small_people, small_index, th, random.Random(args.seed + 3), args.letters
    )
    print(f"letters at {args.small}: median {median_small:.2f} ms, p95 {p95_small:.2f} ms")

    figures = {
        "address_recall": round(totals(by_address), 4),
        "name_recall": round(totals(by_name), 4),
        "near_miss_false": round(totals(by_near), 4),
        "p95_ms_100k": round(p95_big, 2),
        "p95_ms_1k": round(p95_small, 2),
        "ratio": round(p95_big / p95_small, 2),
        "build_s": round(build_s, 1),
        "rss_mb": round(rss_peak),
    }
    print(f"cases={args.cases} thresholds strong={th.strong} weak={th.weak}; total {time.perf_counter() - started:.0f} s")
    print(" ".join(f"{k}={v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
