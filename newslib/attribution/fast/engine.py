"""The fast engine: a linear-chain CRF (trained with python-crfsuite) over cached token features.

The model lives in ``newslib/models/`` as three files written by :mod:`.train`: the CRF weights
(``attribution-fast.weights.npz``, decoded by :mod:`.tagger` without building feature strings),
the vocabulary the features need (word classes and cue rates, ``attribution-fast.vocab.json``)
and a record of how it was trained (``attribution-fast.json``). It is loaded lazily, once per
process, offline. A crfsuite model file beside them (``.crfsuite``, kept only on request) is used
when the weights file is missing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pycrfsuite

from ...model import Analysis, Attribution
from ..engines import Tagging, detect, model_dir
from ..scheme import LABELS, Prepared
from ..settings import AttributionSettings
from .features import Vocabulary, featurize
from .tagger import FastTagger, segments

__all__ = ["MODEL_NAME", "FastEngine", "Model", "detect_crf", "load_engine", "load_from", "load_model", "model_dir"]

MODEL_NAME = "attribution-fast"


@dataclass
class Model:
    """A loaded tagger with its vocabulary and version string."""

    tagger: pycrfsuite.Tagger | None
    vocab: Vocabulary
    version: str
    fast: FastTagger | None = None


def load_from(base: Path) -> Model:
    """Load ``<base>.weights.npz`` (or ``<base>.crfsuite``) with ``<base>.vocab.json`` and the
    version recorded in ``<base>.json``."""
    voc = json.loads(base.with_suffix(".vocab.json").read_text(encoding="utf-8"))
    vocab = Vocabulary(voc["clusters"], voc["cue_rates"], voc.get("feature_set", 1))
    meta_path = base.with_suffix(".json")
    version = "dev"
    if meta_path.exists():
        version = json.loads(meta_path.read_text(encoding="utf-8")).get("version", "dev")
    weights = base.with_suffix(".weights.npz")
    if weights.exists():
        return Model(None, vocab, version, FastTagger.load(weights, vocab))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(base.with_suffix(".crfsuite")))
    return Model(tagger, vocab, version)


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The shipped model, loaded once per process."""
    base = model_dir() / MODEL_NAME
    if not (base.with_suffix(".weights.npz").exists() or base.with_suffix(".crfsuite").exists()):
        raise FileNotFoundError(
            f"no attribution model at {base}.crfsuite; train one with "
            "`python -m newslib.attribution.fast.train GOLD.jsonl newslib/models/attribution-fast.crfsuite`"
        )
    return load_from(base)


class FastEngine:
    """The fast engine (:class:`~newslib.attribution.engines.Engine`) over a loaded :class:`Model`."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.id = f"fast/crf-{model.version}"
        self.calibration = model_dir() / f"{MODEL_NAME}.calibration.json"

    def tag(self, text: str, prep: Prepared, settings: AttributionSettings) -> Tagging:
        """Labels and marginals, each paragraph (or sentence: the ``segment`` setting) decoded as
        its own chain; with only a crfsuite model file, by python-crfsuite over feature strings."""
        model = self.model
        if model.fast is not None:
            e = model.fast.emissions(text, prep)
            starts = segments(prep, settings.segment)
            return Tagging(model.fast.viterbi(e, starts), model.fast.marginals(e, starts))
        assert model.tagger is not None
        labels = model.tagger.tag(featurize(text, prep, model.vocab))
        marg = np.array(
            [
                [model.tagger.marginal(lab, t) if lab in model.tagger.labels() else 0.0 for lab in LABELS]
                for t in range(len(labels))
            ]
        )
        return Tagging(labels, marg)


@lru_cache(maxsize=1)
def load_engine() -> FastEngine:
    """The fast engine over the shipped model, loaded once per process (the registry's entry point)."""
    return FastEngine(load_model())


def detect_crf(
    analysis: Analysis, model: Model | None = None, settings: AttributionSettings | None = None
) -> tuple[list[Attribution], str]:
    """Attributions of one analysed article by the fast engine (over ``model``, default the
    shipped one), and the engine id: :func:`~newslib.attribution.engines.detect` with this engine."""
    return detect(analysis, load_engine() if model is None else FastEngine(model), settings)
