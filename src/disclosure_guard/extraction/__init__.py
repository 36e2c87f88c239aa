"""Extraction: text -> typed spans (names, addresses, postcodes, contact details, dates)."""

from disclosure_guard.extraction.extractor import Extractor

__all__ = ["Extractor"]
