"""The extraction pipeline loaded once in the fork server that check workers are forked from.

Loading the model takes 0.6 s on an idle machine and 2 to 4 s on a busy one; a worker killed
at its deadline should be back at once, not after that. So the fork server, a clean
single-threaded process, loads the pipeline the settings name before it forks any worker, and
each worker starts with it already in memory (shared with its siblings until written to).

Imported only in the fork server (WorkerPool's preload list), never by the server itself. A
worker whose settings name another pipeline loads its own.
"""

from __future__ import annotations

import logging
from pathlib import Path

from disclosure_guard.extraction import Extractor
from disclosure_guard.settings import get_settings

log = logging.getLogger(__name__)

_loaded: tuple[tuple[str | None, Path], Extractor] | None = None
try:
    _settings = get_settings()
    _loaded = ((_settings.spacy_model, _settings.models_dir.resolve()),
               Extractor(_settings.spacy_model, _settings.models_dir))
except Exception as exc:  # noqa: BLE001  workers load their own; the fork server must not die
    log.warning("the fork server could not preload the pipeline (%s)", type(exc).__name__)


def preloaded_pipeline(spacy_model: str | None, models_dir: Path) -> Extractor | None:
    """The pipeline loaded here, if it is the one asked for."""
    if _loaded is not None and _loaded[0] == (spacy_model, models_dir.resolve()):
        return _loaded[1]
    return None
