"""What the split-check tests hand the workers in place of a part's extraction: real functions
run in the real worker processes (they import this module by name)."""

from __future__ import annotations

import os
import time

from disclosure_guard.guard import PartShare
from disclosure_guard.review.checks import extract_in_worker
from disclosure_guard.review.worker_process import WorkerContext
from disclosure_guard.types import TextPart

# The page a part's worker fails on, as the tests below name it.
FATAL_PAGE = "attachment[0] page 33"


def crash_on_page_33(context: WorkerContext, parts: tuple[TextPart, ...]) -> object:
    if any(part.name == FATAL_PAGE for part in parts):
        os._exit(3)
    return extract_in_worker(context, parts)


def overrun_on_page_33(context: WorkerContext, parts: tuple[TextPart, ...]) -> object:
    if any(part.name == FATAL_PAGE for part in parts):
        time.sleep(30)
    return extract_in_worker(context, parts)


def drop_page_33(context: WorkerContext, parts: tuple[TextPart, ...]) -> object:
    """An extraction that answers for one part fewer than it was given."""
    spans = extract_in_worker(context, parts)
    return [s for part, s in zip(parts, spans) if part.name != FATAL_PAGE]


def crash_on_a_second_share(context: WorkerContext, parts: tuple[TextPart | PartShare, ...]) -> object:
    if any(isinstance(part, PartShare) and part.share == 1 for part in parts):
        os._exit(3)
    return extract_in_worker(context, parts)


def drop_a_second_share(context: WorkerContext, parts: tuple[TextPart | PartShare, ...]) -> object:
    """An extraction that answers for one share of a long part fewer than it was given."""
    spans = extract_in_worker(context, parts)
    return [s for part, s in zip(parts, spans) if not (isinstance(part, PartShare) and part.share == 1)]
