"""The attribution engines: what an engine is, which ones there are, and the detection they share.

An engine is only a tagger: for one article's prepared tokens it gives a label a token (the tag
scheme of :mod:`.scheme`) and each token's probability of each label (:class:`Engine`,
:class:`Tagging`). Everything else is one code path for every engine, :func:`detect`: preparing
the tokens, linking the labels into attributions (:func:`.link.link`), the readable rules
(:func:`.rules.apply_rules`) and the calibrated scores (:func:`.confidence.keep_likely`), all steered by
the :class:`~.settings.AttributionSettings` the caller passes.

The engines are named here and only here (:data:`REGISTRY`, :data:`DEFAULT_ENGINE`,
:data:`AUTO`): the CLI, the evaluation, the dataset runs and the API ask this module for a name's
engine instead of branching on names. Adding an engine is one module that defines
``load_engine() -> Engine`` (the loaded model, cached once per process, raising
:class:`EngineUnavailable` when it is not installed) plus its line in :data:`REGISTRY`.
Engine modules are imported only when their engine is asked for, so ``import newslib`` stays
light.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple, Protocol

import numpy as np

from ..model import Analysis, Attribution
from . import confidence
from .link import link
from .rules import apply_rules
from .scheme import LABELS, Prepared, prepare
from .settings import AttributionSettings

REGISTRY: dict[str, str] = {
    "fast": ".fast.engine",
    "accurate": ".accurate.engine",
}
"""Each engine's module (relative to this package), which defines ``load_engine()``. ``fast``: a
CRF over cached token features (corpus runs, ~50k words/s); ``accurate``: a pretrained encoder
under a CRF (~6k words/s on two cores; an install extra, see README)."""

AUTO = ("accurate", "fast")
"""What ``"auto"`` means: the first of these engines that is installed. The article notebook's
default: one article wants the best answer, and the output's ``engine`` field says which ran."""

DEFAULT_ENGINE = "fast"
"""The engine of the library, the CLI and the dataset runs when none is named: corpora are large."""

ENGINES = (*REGISTRY, "auto")
"""Every name an engine can be asked for by (the registry's, and ``"auto"``)."""


class EngineUnavailable(RuntimeError):
    """An engine's extra or model is not installed (its message says how to install it, in one line)."""


class Tagging(NamedTuple):
    """What an engine gives for one article's prepared tokens."""

    labels: list[str]
    """One label of :data:`~.scheme.LABELS` a token."""
    marginals: np.ndarray
    """Each token's probability of each label, shape (tokens, len(LABELS)), columns in LABELS order:
    the scores' evidence (:mod:`.confidence`)."""


class Engine(Protocol):
    """A loaded tagger: the only part of detection that differs between engines."""

    id: str
    """The engine and its model version, recorded with every analysis (``"fast/crf-3"``)."""
    calibration: Path
    """Its score calibration (``<model>.calibration.json``, written by ``newslib calibrate``)."""

    def tag(self, text: str, prep: Prepared, settings: AttributionSettings) -> Tagging:
        """Labels and label marginals of ``prep``'s tokens (never empty)."""
        ...


@dataclass(frozen=True)
class Found:
    """An article's attributions before scoring, with the evidence the scores are computed from
    (what a calibration is fitted on, :func:`newslib.evaluation.calibration_data`)."""

    prep: Prepared
    marginals: np.ndarray
    attributions: list[Attribution]


def model_dir() -> Path:
    """Where the shipped model files are (``newslib/models/`` inside the installed package)."""
    return Path(str(resources.files("newslib").joinpath("models")))


def check_name(name: object) -> str:
    """``name`` if it names an engine (``"auto"`` included); else :class:`ValueError` naming the choices."""
    if not isinstance(name, str) or not (name in REGISTRY or name == "auto"):
        raise ValueError(f"unknown engine {name!r} (choose from {', '.join((*REGISTRY, 'auto'))})")
    return name


def resolve(name: str) -> str:
    """The registered engine ``name`` stands for: itself, or for ``"auto"`` the first installed of :data:`AUTO`."""
    if check_name(name) != "auto":
        return name
    return next((n for n in AUTO[:-1] if available(n)), AUTO[-1])


def load_engine(name: str = DEFAULT_ENGINE) -> Engine:
    """The engine ``name`` stands for, loaded (once per process: each module caches its model).
    Raises :class:`EngineUnavailable` when it is not installed."""
    loader: Callable[[], Engine] = importlib.import_module(REGISTRY[resolve(name)], __package__).load_engine
    return loader()


@cache
def available(name: str) -> bool:
    """Whether engine ``name``'s extra and model are installed (asked once per process)."""
    try:
        load_engine(name)
    except EngineUnavailable:
        return False
    return True


def check_settings(settings: object) -> AttributionSettings:
    """``settings``, or the defaults for None; anything else (a dict of them) is a :class:`TypeError`
    at once, not an attribute error in every article."""
    if settings is None:
        return AttributionSettings()
    if not isinstance(settings, AttributionSettings):
        raise TypeError(f"settings must be an AttributionSettings (or None), not {type(settings).__name__}")
    return settings


def find(analysis: Analysis, engine: Engine, settings: AttributionSettings) -> Found:
    """The attributions of ``analysis`` (its text layer filled in) before scoring: the engine's
    labels linked into attributions, completed by the rules."""
    prep = prepare(analysis)
    if not prep.tokens:
        return Found(prep, np.zeros((0, len(LABELS))), [])
    tagging = engine.tag(analysis.text, prep, settings)
    atts = apply_rules(analysis, link(analysis.text, prep, tagging.labels, settings), settings)
    return Found(prep, tagging.marginals, atts)


def detect(
    analysis: Analysis, engine: str | Engine = DEFAULT_ENGINE, settings: AttributionSettings | None = None
) -> tuple[list[Attribution], str]:
    """The attributions in ``analysis`` (its text layer filled in) by ``engine`` (a name, or a
    loaded :class:`Engine`) with ``settings`` (default: :class:`AttributionSettings()`), scored and
    filtered, and the id of the engine and model version that found them."""
    eng = load_engine(engine) if isinstance(engine, str) else engine
    settings = check_settings(settings)
    found = find(analysis, eng, settings)
    return confidence.keep_likely(found.attributions, found.marginals, found.prep, eng.calibration, settings), eng.id
