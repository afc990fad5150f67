"""Attribution detection: who said what, found in an article's text layer.

``detect(analysis, engine)`` returns the attributions and the id of the engine and model version
that produced them. Engines share everything but the tagger (see the attribution issues): the
``fast`` engine is a CRF over cached token features (:mod:`.crf`, :mod:`.features`, decoded
without feature strings by :mod:`.fasttag`), whose labels :mod:`.decode` turns into linked
attributions, completed by the readable rules of :mod:`.rules` (agency, no_comment,
according_to, trailing "…, officials said", split statements). Train with :mod:`.train`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ..model import Analysis, Attribution

ENGINES = ("fast", "accurate", "auto")
"""``fast`` (default for the library and CLI: corpus runs, ~50k words/s), ``accurate`` (encoder +
CRF, ~6k words/s on two cores; an install extra, see README) and ``auto``: accurate where its extra is
installed, else fast (the article notebook's default: one article wants the best answer, and the
output's ``engine`` field says which ran)."""


@lru_cache(maxsize=1)
def _accurate_installed() -> bool:
    from .accurate import available

    return available()


def detect(analysis: Analysis, engine: str = "fast") -> tuple[Sequence[Attribution], str]:
    """Attributions in ``analysis`` (whose text layer is filled in) by ``engine``."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    if engine == "auto":
        engine = "accurate" if _accurate_installed() else "fast"
    if engine == "accurate":
        from .accurate import detect_accurate

        return detect_accurate(analysis)
    from .fast.engine import detect_crf  # imported here so `import newslib` stays light

    return detect_crf(analysis)
