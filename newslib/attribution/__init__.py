"""Attribution detection: who said what, found in an article's text layer.

``detect(analysis, engine, settings)`` returns the attributions and the id of the engine and
model version that produced them. Engines share everything but the tagger (see
:mod:`.engines`, which names them, holds the default and runs the detection they share): the
``fast`` engine (:mod:`.fast`) is a CRF over cached token features (:mod:`.fast.features`,
decoded without feature strings by :mod:`.fast.tagger`), the ``accurate`` one (:mod:`.accurate`)
a pretrained encoder under a CRF. Both tag the same tokens with the same labels (:mod:`.scheme`),
which :mod:`.link` turns into linked attributions, completed by the readable rules of
:mod:`.rules` (agency, no_comment, according_to, trailing "…, officials said", split statements)
and the wire credits of :mod:`.credits`, and scored by :mod:`.confidence`; their switches and
thresholds are the :class:`AttributionSettings` of :mod:`.settings`, passed as an argument.
Train with :mod:`.fast.train` or :mod:`.accurate.train` (sharing :mod:`.training`).

This package re-exports the main names of the modules both engines share. Each engine's own
names are in its subpackage, imported only when it runs (so ``import newslib`` stays light), and
the trainers' are not imported here (they read gold files through :mod:`newslib.evaluation`).
The function :func:`.link.link` stays in its module: its name here would hide the module.
"""

from __future__ import annotations

from .confidence import fit, reliability
from .credits import CREDIT_SCORE, wire_credits
from .engines import DEFAULT_ENGINE, ENGINES, Engine, EngineUnavailable, Tagging, available, detect, load_engine
from .link import kind_of
from .rules import apply_rules, plausible, speech_sentences
from .scheme import LABELS, Prepared, Run, gold_spans, prepare, runs, spans_to_labels
from .settings import AttributionSettings

__all__ = [
    "CREDIT_SCORE",
    "DEFAULT_ENGINE",
    "ENGINES",
    "LABELS",
    "AttributionSettings",
    "Engine",
    "EngineUnavailable",
    "Prepared",
    "Run",
    "Tagging",
    "accurate_installed",
    "apply_rules",
    "available",
    "detect",
    "fit",
    "gold_spans",
    "kind_of",
    "load_engine",
    "plausible",
    "prepare",
    "reliability",
    "runs",
    "spans_to_labels",
    "speech_sentences",
    "wire_credits",
]


def accurate_installed() -> bool:
    """Whether the accurate engine's extra and its model are installed (asked once per process)."""
    return available("accurate")
