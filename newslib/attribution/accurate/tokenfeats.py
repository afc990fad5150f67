"""The few per-token context features the head adds to the encoder's vectors.

The encoder sees one window of whole sentences; these carry what lies outside it or what the
text layer already knows exactly: inside a quotation region (which may run over many sentences
and paragraphs), sentence and paragraph edges, a paragraph that follows a colon, and the fast
engine's cue lexicon.
"""

from __future__ import annotations

import numpy as np

from ..fast.features import cue_lexicon
from ..scheme import Prepared

FEATURES = ("in_quote", "bos", "eos", "bop", "after_colon_par", "cue_lexicon", "quote_mark")


def token_features(text: str, prep: Prepared) -> np.ndarray:
    """A (tokens, len(FEATURES)) float32 array of 0/1 features."""
    toks = prep.tokens
    n = len(toks)
    out = np.zeros((n, len(FEATURES)), dtype=np.float32)
    lex = cue_lexicon()
    sent = prep.sentence
    par = prep.paragraph
    for i, t in enumerate(toks):
        if prep.in_quote[i]:
            out[i, 0] = 1.0
        if i == 0 or sent[i] != sent[i - 1]:
            out[i, 1] = 1.0
            if i == 0 or par[i] != par[i - 1]:
                out[i, 3] = 1.0
                if i > 0 and text[toks[i - 1].start] == ":":
                    out[i, 4] = 1.0
        if i + 1 == n or sent[i] != sent[i + 1]:
            out[i, 2] = 1.0
        if text[t.start : t.end].lower() in lex:
            out[i, 5] = 1.0
        if t.kind == "quote":
            out[i, 6] = 1.0
    return out
