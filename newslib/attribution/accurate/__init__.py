"""The accurate attribution engine: a pretrained text encoder under the tagger (issue 4).

Registered as ``"accurate"`` in :mod:`newslib.attribution.engines`; its module
:mod:`.engine` defines the :class:`~.engine.AccurateEngine` that ``load_engine()`` returns. Only
the tagger differs from the fast engine: :func:`newslib.attribution.engines.detect` prepares the
tokens, has this engine tag them with the shared tag scheme, and links, completes and scores
them as for every engine. ``detect_accurate(analysis)`` is that detection with this engine.

The tagger: all-MiniLM-L6-v2's first four transformer layers (int8 ONNX, run by onnxruntime)
over word pieces aligned to newslib's tokens, then a linear layer and a CRF decoded by Viterbi in
numpy (the Viterbi both engines share, :func:`newslib.attribution.fast.tagger.viterbi`).
Nothing here needs torch. The engine is an install extra; without it, asking for it
raises :class:`AccurateUnavailable` with a one-line message saying how to install it.
"""

from __future__ import annotations

from .encoder import INSTALL_HINT, AccurateUnavailable

__all__ = ["AccurateUnavailable", "INSTALL_HINT", "available", "check_available", "detect_accurate", "load_model"]


def check_available() -> None:
    """Raise :class:`AccurateUnavailable` (one line) unless the extra and its weights are installed."""
    from .engine import load_model

    load_model()


def available() -> bool:
    try:
        check_available()
    except AccurateUnavailable:
        return False
    return True


def load_model(*args, **kwargs):
    from .engine import load_model as _load

    return _load(*args, **kwargs)


def detect_accurate(analysis, model=None, settings=None):
    """Attributions of one analysed article by the accurate engine, and the engine id."""
    from .engine import detect_accurate as _detect

    return _detect(analysis, model, settings)
