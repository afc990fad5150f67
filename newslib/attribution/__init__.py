"""Attribution detection: who said what, found in an article's text layer.

``detect(analysis, engine)`` returns the attributions and the id of the engine and model version
that produced them. Engines share everything but the tagger (see the attribution issues): the
``fast`` engine (:mod:`.fast`) is a CRF over cached token features (:mod:`.fast.features`, decoded
without feature strings by :mod:`.fast.tagger`), the ``accurate`` one (:mod:`.accurate`) a
pretrained encoder under a CRF. Both tag the same tokens with the same labels (:mod:`.scheme`),
which :mod:`.link` turns into linked attributions, completed by the readable rules of
:mod:`.rules` (agency, no_comment, according_to, trailing "…, officials said", split statements)
and the wire credits of :mod:`.credits`, and scored by :mod:`.confidence`; their switches and
thresholds are in :mod:`.settings`. Train with :mod:`.fast.train` or :mod:`.accurate.train`
(sharing :mod:`.training`).

This package re-exports the main names of the modules both engines share. Each engine's own
names are in its subpackage, imported only when it runs (so ``import newslib`` stays light), and
the trainers' are not imported here (they read gold files through :mod:`newslib.evaluation`).
Two names stay in their modules: ``SETTINGS`` is read from :mod:`.settings` itself, so replacing
it there takes effect, and the function :func:`.link.link`, whose name here would hide the module.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ..model import Analysis, Attribution
from .confidence import fit, reliability
from .credits import CREDIT_SCORE, wire_credits
from .link import kind_of
from .rules import apply_rules, plausible, speech_sentences
from .scheme import LABELS, Prepared, Run, gold_spans, prepare, runs, spans_to_labels
from .settings import AttributionSettings

__all__ = [
    "CREDIT_SCORE",
    "ENGINES",
    "LABELS",
    "AttributionSettings",
    "Prepared",
    "Run",
    "accurate_installed",
    "apply_rules",
    "detect",
    "fit",
    "gold_spans",
    "kind_of",
    "plausible",
    "prepare",
    "reliability",
    "runs",
    "spans_to_labels",
    "speech_sentences",
    "wire_credits",
]

ENGINES = ("fast", "accurate", "auto")
"""``fast`` (default for the library and CLI: corpus runs, ~50k words/s), ``accurate`` (encoder +
CRF, ~6k words/s on two cores; an install extra, see README) and ``auto``: accurate where its extra is
installed, else fast (the article notebook's default: one article wants the best answer, and the
output's ``engine`` field says which ran)."""


@lru_cache(maxsize=1)
def accurate_installed() -> bool:
    """Whether the accurate engine's extra and its model are installed (asked once per process)."""
    from .accurate import available

    return available()


def detect(analysis: Analysis, engine: str = "fast") -> tuple[Sequence[Attribution], str]:
    """Attributions in ``analysis`` (whose text layer is filled in) by ``engine``."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    if engine == "auto":
        engine = "accurate" if accurate_installed() else "fast"
    if engine == "accurate":
        from .accurate import detect_accurate

        return detect_accurate(analysis)
    from .fast.engine import detect_crf  # imported here so `import newslib` stays light

    return detect_crf(analysis)
