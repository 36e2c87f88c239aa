"""The real extraction pipeline, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from disclosure_guard.extraction import Extractor  # the session fixture lives in tests/conftest.py
from disclosure_guard.extraction.recognizers import PostcodeRecognizer


@pytest.fixture(scope="session")
def nlp(extractor: Extractor) -> Language:
    return extractor.nlp


@pytest.fixture(scope="session")
def patterns_dir(extractor: Extractor) -> Path:
    return extractor.models_dir / "patterns"


@pytest.fixture(scope="session")
def postcodes(patterns_dir: Path) -> PostcodeRecognizer:
    return PostcodeRecognizer(patterns_dir)

