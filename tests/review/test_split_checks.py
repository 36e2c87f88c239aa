"""A long item's parts extracted in several workers at once (issue 13): exactly the spans and the
verdict of one run in one process; a small letter stays in one worker; one part's worker dying,
overrunning or answering short holds the whole item (guard_error), never a decision on the
parts that were read."""

from __future__ import annotations

import dataclasses
import time

import pytest

from disclosure_guard.guard import PartShare, check, extract_parts
from disclosure_guard.register.index_holder import IndexHolder
from disclosure_guard.review.checks import extract_in_worker, part_groups, run_guard, units_per_part, work_units
from disclosure_guard.types import Channel, Decision, Item, ReasonCode, Recipient, RecipientType, TextPart
from tests.builders import a_case
from tests.review.split_tasks import (
    FATAL_PAGE, crash_on_a_second_share, crash_on_page_33, drop_a_second_share, drop_page_33, overrun_on_page_33)
from tests.worker_tasks import wait_until_whole

PAGES = 40
PAGE = (
    "Page {n}. The local authority's chronology, continued. On {n} March the social worker met "
    "Ms Priya Shah at the family centre on Granby Street, Leicester LE1 6FB, to go through the "
    "contact notes with the children's guardian, Mr Tom O'Neill.\n\n"
    "The school reported that attendance was steady. The parenting assessment by Dr Helen Carter "
    "is at tab {n} of the bundle; her telephone number is 0116 496 0{n:03d}.\n"
) * 6
# Her address, deep in the bundle: what a bundle sent to him must not carry.
DISCLOSING = "\nShe has since moved to Flat 3, 12 Elm Road, Leeds LS6 2AB with the children.\n"


def a_bundle(disclosing_page: int | None = 33) -> Item:
    parts = tuple(TextPart(f"attachment[0] page {n}", PAGE.format(n=n) + (DISCLOSING if n == disclosing_page else ""))
                  for n in range(1, PAGES + 1))
    return Item(Channel.DOCUMENT, (Recipient(RecipientType.TO, name="Mark Doe"),), parts)


@pytest.fixture
def registered(runtime, register_case):
    """The register with Jane's case, and this process's own index of it (the single-process run)."""
    register_case(a_case())
    return IndexHolder(runtime.session_factory, runtime.vault).current()


def test_the_parts_extracted_in_several_workers_are_exactly_the_spans_of_one_run(runtime, registered, extractor):
    item = a_bundle()
    runs = part_groups(item.parts, runtime.workers.size)
    assert len(runs) == runtime.workers.size > 1
    answers = runtime.workers.run_many(
        [(extract_in_worker, (tuple(item.parts[i] for i in run),), 0) for run in runs],
        register_version=registered.version, timeout_seconds=60)
    in_workers = [spans for answer in answers for spans in answer]
    assert in_workers == extract_parts(item.parts, extractor, registered.gazetteer())
    assert sum(len(spans) for spans in in_workers) > PAGES * 6


def test_a_long_bundle_split_over_the_workers_is_decided_as_one_run_decides_it(runtime, registered, extractor):
    for item in (a_bundle(), a_bundle(disclosing_page=None)):
        split, version = run_guard(item, registered.version, runtime.thresholds, runtime.workers, 60,
                                   parallel_above_chars=1)
        whole = check(item, registered, extractor, runtime.thresholds)
        assert version >= registered.version
        assert (split.decision, split.reasons, split.findings) == (whole.decision, whole.reasons, whole.findings)
    assert split.decision is Decision.ALLOW
    disclosed, _ = run_guard(a_bundle(), registered.version, runtime.thresholds, runtime.workers, 60,
                             parallel_above_chars=1)
    assert disclosed.decision is Decision.BLOCK
    assert any(f.part == FATAL_PAGE for f in disclosed.findings)


def one_long_part(item: Item) -> Item:
    """The bundle as one text part: a 1 MB body, a bundle in one DOCX."""
    return dataclasses.replace(item, parts=(TextPart("body", "".join(part.text for part in item.parts)),))


def test_one_long_part_is_cut_into_shares_over_the_workers_and_decided_as_one_run_decides_it(runtime, registered,
                                                                                               extractor):
    assert len(work_units(one_long_part(a_bundle()).parts, runtime.workers.size)) == runtime.workers.size > 1
    for item in (one_long_part(a_bundle()), one_long_part(a_bundle(disclosing_page=None))):
        split, version = run_guard(item, registered.version, runtime.thresholds, runtime.workers, 60,
                                   parallel_above_chars=1)
        whole = check(item, registered, extractor, runtime.thresholds)
        assert version >= registered.version
        assert (split.decision, split.reasons, split.findings) == (whole.decision, whole.reasons, whole.findings)
    assert (split.decision, whole.decision) == (Decision.ALLOW, Decision.ALLOW)
    disclosed, _ = run_guard(one_long_part(a_bundle()), registered.version, runtime.thresholds, runtime.workers, 60,
                             parallel_above_chars=1)
    assert disclosed.decision is Decision.BLOCK


def test_a_part_longer_than_a_workers_even_share_is_cut_the_others_are_not():
    pages = a_bundle().parts
    assert work_units(pages, 2) == list(pages)
    long = TextPart("attachment[1]", "".join(page.text for page in pages))
    units = work_units((TextPart("subject", "Bundle"), long, pages[0]), 3)
    assert units[0] == TextPart("subject", "Bundle") and units[-1] == pages[0]
    assert units[1:-1] == [PartShare("attachment[1]", long.text, share, 3) for share in range(3)]
    assert part_groups(units, 3) == [range(0, 2), range(2, 3), range(3, 5)]
    assert units_per_part(units) == (1, 3, 1) and units_per_part(pages) == (1,) * len(pages)


def test_the_parts_go_in_runs_of_neighbours_with_about_as_much_text_each():
    item = a_bundle()
    runs = part_groups(item.parts, 4)
    assert [i for run in runs for i in run] == list(range(PAGES))
    sizes = [sum(len(item.parts[i].text) for i in run) for run in runs]
    assert len(runs) == 4 and max(sizes) - min(sizes) <= 2 * max(len(p.text) for p in item.parts)
    assert part_groups(item.parts[:3], 8) == [range(0, 1), range(1, 2), range(2, 3)]
    assert part_groups(item.parts[:1], 8) == [range(0, 1)]
    assert part_groups((), 8) == [range(0, 0)]


def test_a_small_letter_stays_in_one_worker(runtime, registered):
    letter = Item(Channel.LETTER, (Recipient(RecipientType.TO, name="Mark Doe"),),
                  (TextPart("body", "Dear Mr Doe, the hearing is on Monday."), TextPart("subject", "Hearing")))
    # Were it split, this extraction would fail it; in one worker it is never called.
    verdict, _ = run_guard(letter, registered.version, runtime.thresholds, runtime.workers, 30,
                           parallel_above_chars=100_000, extract_task=crash_on_page_33)
    assert verdict.decision is Decision.ALLOW


@pytest.mark.parametrize("failing", [crash_on_page_33, drop_page_33])
def test_a_part_whose_worker_dies_or_answers_short_holds_the_whole_item(runtime, registered, failing):
    before = runtime.workers.state()
    verdict, _ = run_guard(a_bundle(disclosing_page=None), registered.version, runtime.thresholds,
                           runtime.workers, 60, parallel_above_chars=1, extract_task=failing)
    assert verdict.decision is Decision.HOLD
    assert [r.code for r in verdict.reasons] == [ReasonCode.GUARD_ERROR]
    if failing is crash_on_page_33:
        wait_until_whole(runtime.workers, before.replaced)


@pytest.mark.parametrize("failing", [crash_on_a_second_share, drop_a_second_share])
def test_a_share_whose_worker_dies_or_answers_short_holds_the_whole_item(runtime, registered, failing):
    before = runtime.workers.state()
    verdict, _ = run_guard(one_long_part(a_bundle(disclosing_page=None)), registered.version, runtime.thresholds,
                           runtime.workers, 60, parallel_above_chars=1, extract_task=failing)
    assert verdict.decision is Decision.HOLD
    assert [r.code for r in verdict.reasons] == [ReasonCode.GUARD_ERROR]
    if failing is crash_on_a_second_share:
        wait_until_whole(runtime.workers, before.replaced)


def test_a_part_whose_worker_overruns_holds_the_whole_item_at_the_deadline(runtime, registered):
    before = runtime.workers.state()
    started = time.monotonic()
    verdict, _ = run_guard(a_bundle(disclosing_page=None), registered.version, runtime.thresholds,
                           runtime.workers, 3.0, parallel_above_chars=1, extract_task=overrun_on_page_33)
    assert time.monotonic() - started < 6
    assert verdict.decision is Decision.HOLD and [r.code for r in verdict.reasons] == [ReasonCode.GUARD_ERROR]
    wait_until_whole(runtime.workers, before.replaced)


def test_the_engine_splits_items_above_its_setting(runtime, registered):
    engine = dataclasses.replace(runtime.check_engine, parallel_above_chars=1, extract_task=crash_on_page_33)
    before = runtime.workers.state()
    verdict, _ = engine.decide(a_bundle(disclosing_page=None))
    assert verdict.decision is Decision.HOLD and [r.code for r in verdict.reasons] == [ReasonCode.GUARD_ERROR]
    wait_until_whole(runtime.workers, before.replaced)
    assert runtime.check_engine.parallel_above_chars == runtime.settings.parallel_above_chars
