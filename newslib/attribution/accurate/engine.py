"""Loading the accurate engine's model and running it on one article (numpy + onnxruntime).

Model files (written by :mod:`.train`) in ``newslib/models/``:

- ``accurate-minilm-encoder.onnx``: MiniLM layers, fine-tuned, int8;
- ``accurate-minilm.npz``: output layer (``out_w``, ``out_b``) and CRF transitions (``trans``);
- ``accurate-minilm.json``: how it was trained, with the sha256 of both files (checked at load).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ...model import Analysis, Attribution
from ..engines import Tagging, detect, model_dir
from ..fast.tagger import marginals, viterbi
from ..scheme import LABELS, Prepared
from ..settings import AttributionSettings
from .encoder import INSTALL_HINT, AccurateUnavailable, Embeddings, Pieces, batch, verify_weights, weights_path, windows
from .tokenfeats import FEATURES, token_features

MODEL_NAME = "accurate-minilm"
BATCH_WINDOWS = 32


@dataclass
class Model:
    session: Any
    pieces: Pieces
    embeddings: Embeddings
    out_w: np.ndarray
    out_b: np.ndarray
    trans: np.ndarray
    max_pieces: int
    version: str
    engine_id: str
    o_bias: float = 0.0
    """Subtracted from the O label's score before Viterbi (>0 finds more spans: recall for precision)."""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_from(base: Path, threads: int = 2) -> Model:
    """Load ``<base>-encoder.onnx``, ``<base>.npz`` and ``<base>.json``, checking hashes."""
    try:
        import onnxruntime as ort
        import safetensors  # noqa: F401
        import tokenizers  # noqa: F401
    except ImportError as exc:
        raise AccurateUnavailable(INSTALL_HINT) from exc
    wdir = weights_path()
    verify_weights(wdir)
    meta_path = base.parent / (base.name + ".json")
    onnx_path = base.parent / (base.name + "-encoder.onnx")
    npz_path = base.parent / (base.name + ".npz")
    for p in (meta_path, onnx_path, npz_path):
        if not p.exists():
            raise AccurateUnavailable(
                f"missing model file {p}; train it with "
                "`python -m newslib.attribution.accurate.train GOLD.jsonl "
                "newslib/models/accurate-minilm`"
            )
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    for p in (onnx_path, npz_path):
        want = meta.get("files", {}).get(p.name, {}).get("sha256")
        if want and _sha256(p) != want:
            raise AccurateUnavailable(f"model file {p} does not match the sha256 in {meta_path.name}")
    if list(meta.get("labels", LABELS)) != list(LABELS) or list(meta.get("features", FEATURES)) != list(FEATURES):
        raise AccurateUnavailable(f"model {base.name} was trained for other labels or features; retrain it")
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    so.log_severity_level = 3
    session = ort.InferenceSession(str(onnx_path), so, providers=["CPUExecutionProvider"])
    head = np.load(npz_path)
    version = meta.get("version", "dev")
    layers = meta.get("encoder", {}).get("layers_used", "?")
    return Model(
        session=session,
        pieces=Pieces(wdir / "tokenizer.json"),
        embeddings=Embeddings(wdir / "model.safetensors"),
        out_w=head["out_w"],
        out_b=head["out_b"],
        trans=head["trans"],
        max_pieces=int(meta.get("settings", {}).get("max_pieces", 126)),
        version=version,
        engine_id=f"accurate/minilm{layers}-crf-{version}",
        o_bias=float(meta.get("decode", {}).get("o_bias", 0.0)),
    )


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The shipped model, loaded once per process."""
    return load_from(model_dir() / MODEL_NAME)


def emissions(model: Model, text: str, prep) -> np.ndarray:
    """Per prepared token label scores (n, len(LABELS)).

    Each batch's token vectors are projected to label scores at once, so memory holds n x labels
    numbers, not n x 384 (a 10 MB article would otherwise need gigabytes). The projection is an
    einsum, not ``@``: a BLAS call wakes OpenBLAS's own threads, which then spin on the two cores
    onnxruntime needs for the next batch (measured: the engine ran 30% slower); einsum's loop is
    single-threaded and its sums do not depend on the machine's thread count.
    """
    d = model.out_w.shape[0] - len(FEATURES)
    w_hid, w_feat = model.out_w[:d], model.out_w[d:]
    em = np.einsum("nf,fl->nl", token_features(text, prep), w_feat) + model.out_b
    wins = windows(text, prep, model.pieces, model.max_pieces)
    order = sorted(range(len(wins)), key=lambda i: len(wins[i].ids))
    for k in range(0, len(order), BATCH_WINDOWS):
        ws = [wins[i] for i in order[k : k + BATCH_WINDOWS]]
        ids, mask = batch(ws)
        hid = model.session.run(None, {"embeddings": model.embeddings(ids), "mask": mask})[0]
        rows = np.concatenate([hid[r, w.first] for r, w in enumerate(ws)])
        at = np.concatenate([np.arange(w.lo, w.hi) for w in ws])
        em[at] += np.einsum("nf,fl->nl", rows, w_hid)
    return em


class AccurateEngine:
    """The accurate engine (:class:`~newslib.attribution.engines.Engine`) over a loaded :class:`Model`."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.id = model.engine_id
        self.calibration = model_dir() / f"{MODEL_NAME}.calibration.json"

    def tag(self, text: str, prep: Prepared, settings: AttributionSettings) -> Tagging:
        """Labels and marginals of the whole article decoded as one chain, as this engine always
        decoded (the ``segment`` setting chooses the fast tagger's chains only)."""
        model = self.model
        em = emissions(model, text, prep)
        if model.o_bias:
            em[:, 0] -= model.o_bias
        labels = [LABELS[k] for k in viterbi(em, model.trans, [0])]
        return Tagging(labels, marginals(em, model.trans, [0]))


@lru_cache(maxsize=1)
def load_engine() -> AccurateEngine:
    """The accurate engine over the shipped model, loaded once per process (the registry's entry
    point); :class:`AccurateUnavailable` when its extra or weights are not installed."""
    return AccurateEngine(load_model())


def detect_accurate(
    analysis: Analysis, model: Model | None = None, settings: AttributionSettings | None = None
) -> tuple[list[Attribution], str]:
    """Attributions of one analysed article by the accurate engine (over ``model``, default the
    shipped one), and the engine id: :func:`~newslib.attribution.engines.detect` with this engine."""
    return detect(analysis, load_engine() if model is None else AccurateEngine(model), settings)
