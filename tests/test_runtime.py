"""The runtime builds its parts once; a runtime copied with other settings builds its own."""

from __future__ import annotations

import dataclasses


def test_parts_are_built_once(runtime):
    assert runtime.check_engine is runtime.check_engine
    assert runtime.ingest_limits is runtime.ingest_limits
    assert runtime.thresholds is runtime.thresholds
    assert runtime.check_engine.thresholds is runtime.thresholds


def test_a_copy_with_other_settings_builds_its_parts_from_them(runtime):
    tuned = dataclasses.replace(runtime, settings=runtime.settings.model_copy(
        update={"check_timeout_seconds": 0.5, "max_attachments": 3, "match_strong": 0.95}))
    assert tuned.check_engine.timeout_seconds == 0.5
    assert tuned.ingest_limits.max_attachments == 3
    assert tuned.thresholds.strong == 0.95
    assert runtime.check_engine.timeout_seconds == runtime.settings.check_timeout_seconds
    assert tuned.extractor is runtime.extractor and tuned.workers is runtime.workers
