import pytest

from disclosure_guard.ingest.limits import Budget, IngestLimits
from disclosure_guard.ingest.outcome import Unreadable


def test_defaults():
    limits = IngestLimits()
    assert (limits.max_item_bytes, limits.max_attachments, limits.max_archive_depth, limits.max_mime_depth) == (
        25 * 1024 * 1024, 100, 3, 20)
    assert (limits.max_decompression_ratio, limits.max_decompressed_bytes, limits.max_pages) == (
        100, 100 * 1024 * 1024, 500)
    assert (limits.max_seconds, limits.max_text_chars) == (20.0, 10_000_000)


def test_the_deadline_is_per_budget():
    now = [100.0]
    budget = Budget(IngestLimits(max_seconds=5), clock=lambda: now[0])
    budget.check_time()
    now[0] = 105.5
    with pytest.raises(Unreadable, match="reading took longer than 5 seconds"):
        budget.check_time()


def test_text_and_bytes_are_totals_for_the_item():
    budget = Budget(IngestLimits(max_text_chars=10, max_decompressed_bytes=100))
    budget.text_part("a", "12345")
    with pytest.raises(Unreadable, match="more than 10 characters of text"):
        budget.text_part("b", "123456")
    budget.take_decompressed(60)
    with pytest.raises(Unreadable, match="decompresses to more than 100 bytes in total"):
        budget.take_decompressed(60)
    budget.take_decompressed(40)  # what failed was not charged


def test_archive_levels_unwind():
    budget = Budget(IngestLimits(max_archive_depth=1))
    with budget.archive_level():
        with pytest.raises(Unreadable, match="archive nested deeper than 1 levels"):
            with budget.archive_level():
                pass
    with budget.archive_level():
        pass
