"""Attribution detection: who said what, found in an article's text layer.

``detect(analysis, engine)`` returns the attributions and the id of the engine and model version
that produced them. Engines share everything but the tagger (see the attribution issues).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Analysis, Attribution

ENGINES = ("fast",)


def detect(analysis: Analysis, engine: str = "fast") -> tuple[Sequence[Attribution], str]:
    """Attributions in ``analysis`` (whose text layer is filled in) by ``engine``."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    return (), "none"
