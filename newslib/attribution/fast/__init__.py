"""The fast attribution engine: a linear-chain CRF over cached token features (~50k words/s).

Only the tagger is the fast engine's own; it shares the tag scheme (:mod:`newslib.attribution.scheme`), the
linking (:mod:`newslib.attribution.link`), the rules and the scores with the accurate engine.
Its pieces: the token features (:mod:`.features`), the tagger that sums their weights from
cached tables and decodes them without feature strings (:mod:`.tagger`, whose Viterbi and
forward-backward the accurate engine shares), the engine that loads the shipped model and tags
one article (:mod:`.engine`, registered as ``"fast"`` in :mod:`newslib.attribution.engines`) and
the trainer (:mod:`.train`, a command, not imported here: ``python -m newslib.attribution.fast.train``).
"""

from __future__ import annotations

from .engine import MODEL_NAME, FastEngine, Model, detect_crf, load_engine, load_from, load_model, model_dir
from .features import Vocabulary, cue_lexicon, featurize, rate_bucket, shape
from .tagger import FastTagger, export_weights, marginals, segments, viterbi

__all__ = [
    "MODEL_NAME",
    "FastEngine",
    "FastTagger",
    "Model",
    "Vocabulary",
    "cue_lexicon",
    "detect_crf",
    "export_weights",
    "featurize",
    "load_engine",
    "load_from",
    "load_model",
    "marginals",
    "model_dir",
    "rate_bucket",
    "segments",
    "shape",
    "viterbi",
]
