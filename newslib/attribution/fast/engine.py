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
from importlib import resources
from pathlib import Path

import numpy as np
import pycrfsuite

from ...model import Analysis, Attribution
from .. import confidence
from ..link import link
from ..rules import apply_rules
from ..scheme import LABELS, Prepared, prepare
from .features import Vocabulary, featurize
from .tagger import FastTagger, segments

MODEL_NAME = "attribution-fast"


def model_dir() -> Path:
    """Where the shipped model files are (inside the installed package)."""
    return Path(str(resources.files("newslib").joinpath("models")))


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


def detect_crf(analysis: Analysis, model: Model | None = None) -> tuple[list[Attribution], str]:
    """Attributions of one analysed article by the CRF engine, and the engine id."""
    model = model or load_model()
    prep, marg, atts = raw_crf(analysis, model)
    calibration = model_dir() / f"{MODEL_NAME}.calibration.json"
    return confidence.score(atts, marg, prep, calibration), f"fast/crf-{model.version}"


def raw_crf(analysis: Analysis, model: Model) -> tuple[Prepared, np.ndarray, list[Attribution]]:
    """The prepared tokens, their label marginals and the attributions, before scoring."""
    text = analysis.text
    prep = prepare(analysis)
    if not prep.tokens:
        return prep, np.zeros((0, len(LABELS))), []
    if model.fast is not None:
        e = model.fast.emissions(text, prep)
        starts = segments(prep)
        labels = model.fast.viterbi(e, starts)
        marg = model.fast.marginals(e, starts)
    else:
        assert model.tagger is not None
        labels = model.tagger.tag(featurize(text, prep, model.vocab))
        marg = np.array([[model.tagger.marginal(lab, t) if lab in model.tagger.labels() else 0.0
                          for lab in LABELS] for t in range(len(labels))])
    return prep, marg, apply_rules(analysis, link(text, prep, labels))
