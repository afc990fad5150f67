"""Token features of the fast attribution tagger, shared by training and detection.

Speed is the design constraint (the whole pipeline must run at 50k words a second on one core),
so every feature that depends only on a token's text is computed once per distinct token text
and cached as ready-made feature strings for each window position (``w-1=said`` …). Per token,
detection then only concatenates cached tuples and adds a handful of constant strings for its
context (inside a quotation, sentence or paragraph edge, a cue word earlier or later in the
sentence). Word classes (distributional clusters) and cue rates come from the trained model's
vocabulary; the hand-written cue lexicon (``data/cues.tsv``) supplies classes for cue words the
training data never saw.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from ...datafiles import read_lexicon
from ..scheme import Prepared


@lru_cache(maxsize=1)
def cue_lexicon() -> dict[str, str]:
    """Lower-case cue word or phrase -> class, from ``data/cues.tsv`` (first class listed wins)."""
    out: dict[str, str] = {}
    for line in read_lexicon("cues.tsv"):
        parts = line.split("\t")
        if len(parts) >= 2:
            out.setdefault(parts[0].strip().lower(), parts[1].strip())
    return out


def shape(word: str, kind: str) -> str:
    """A coarse shape: quote mark, punctuation (itself), number, or the case pattern of a word."""
    if kind == "quote":
        return "Q"
    if kind == "punct":
        return word if word in ".,:;?!—–-()" else "P"
    if kind == "number":
        return "D"
    if word.isupper():
        return "X" if len(word) > 1 else "X1"
    if word[:1].isupper():
        return "Xx"
    if word.islower():
        return "x"
    return "xX"


def rate_bucket(rate: float) -> str:
    """Coarse bins of how often a word is part of a gold cue, so the CRF can weigh rare words."""
    if rate >= 0.5:
        return "4"
    if rate >= 0.2:
        return "3"
    if rate >= 0.05:
        return "2"
    if rate > 0.0:
        return "1"
    return "0"


_Feats = tuple[str, ...]
WordFeatures = tuple[_Feats, _Feats, _Feats, _Feats, _Feats, tuple[bool], tuple[str, str]]
"""A word's features by where they are used: at the token, one left, one right, two left, two
right; whether it is cue-like; its names as the nearest cue left and right."""


@dataclass
class Vocabulary:
    """What the features need from training: word classes and cue rates (stored in the model)."""

    clusters: Mapping[str, str] = field(default_factory=dict)
    cue_rates: Mapping[str, float] = field(default_factory=dict)
    feature_set: int = 1
    """1: window features only; 2: 1 and the nearest cue-like word left and right in the sentence
    with its distance; 3: 1 and the word bigram ending at the token ("according to", "told
    reporters"), the shipped model's (see ``train.SETTINGS``). Set 2 did not help on the
    development data."""
    _cache: dict[tuple[str, str], WordFeatures] = field(default_factory=dict, repr=False)

    def word_feats(self, word: str, kind: str) -> WordFeatures:
        """Feature strings of one token text for window positions 0, -1, +1, -2, +2 (cached)."""
        key = (word, kind)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        low = word.lower()
        shp = shape(word, kind)
        cl = self.clusters.get(low, "?")
        lex = cue_lexicon().get(low, "-")
        cue = rate_bucket(self.cue_rates.get(low, 0.0))
        f0 = (f"w={low}", f"s={shp}", f"x3={low[-3:]}", f"k={cl}", f"L={lex}", f"r={cue}")
        fm1 = (f"w-1={low}", f"s-1={shp}", f"k-1={cl}", f"L-1={lex}", f"r-1={cue}")
        fp1 = (f"w+1={low}", f"s+1={shp}", f"k+1={cl}", f"L+1={lex}", f"r+1={cue}")
        fm2 = (f"w-2={low}", f"k-2={cl}")
        fp2 = (f"w+2={low}", f"k+2={cl}")
        cue_like = lex != "-" or cue in "34"
        out: WordFeatures = (f0, fm1, fp1, fm2, fp2, (cue_like,), (f"cL={low}", f"cR={low}"))
        if len(self._cache) < 200_000:
            self._cache[key] = out
        return out


_BOS = ("<s>",)
_PAD_M1 = ("w-1=<s>",)
_PAD_P1 = ("w+1=</s>",)


def featurize(text: str, prep: Prepared, vocab: Vocabulary) -> list[list[str]]:
    """One list of feature strings per prepared token (the CRF's input sequence)."""
    toks = prep.tokens
    n = len(toks)
    wf = [vocab.word_feats(text[t.start : t.end], t.kind) for t in toks]
    sent = prep.sentence
    par = prep.paragraph
    inq = prep.in_quote
    # cue-like words before / after each token within its sentence
    cue_before: list[int] = [-1] * n  # index of the nearest cue-like token before, in the sentence
    cue_after: list[int] = [-1] * n
    seen = -1
    for i in range(n):
        if i and sent[i] != sent[i - 1]:
            seen = -1
        cue_before[i] = seen
        if wf[i][5][0]:
            seen = i
    seen = -1
    for i in range(n - 1, -1, -1):
        if i < n - 1 and sent[i] != sent[i + 1]:
            seen = -1
        cue_after[i] = seen
        if wf[i][5][0]:
            seen = i
    rich = vocab.feature_set == 2
    bigrams = vocab.feature_set == 3
    lows = [text[t.start : t.end].lower() for t in toks] if bigrams else []
    out: list[list[str]] = []
    for i in range(n):
        f = list(wf[i][0])
        if i > 0:
            f.extend(wf[i - 1][1])
            if i > 1:
                f.extend(wf[i - 2][3])
        else:
            f.extend(_PAD_M1)
        if i + 1 < n:
            f.extend(wf[i + 1][2])
            if i + 2 < n:
                f.extend(wf[i + 2][4])
        else:
            f.extend(_PAD_P1)
        if bigrams and i > 0:
            f.append(f"b={lows[i - 1]}|{lows[i]}")
        if inq[i]:
            f.append("inq")
        if i == 0 or sent[i] != sent[i - 1]:
            f.append("bos")
            if i == 0 or par[i] != par[i - 1]:
                f.append("bop")
                if i > 0 and text[toks[i - 1].start] == ":":
                    f.append("after_colon_par")
        if i + 1 == n or sent[i] != sent[i + 1]:
            f.append("eos")
        b = cue_before[i]
        if b >= 0:
            f.append("cueL")
            if rich:
                f.append(wf[b][6][0])
                d = i - b
                f.append("dL1" if d == 1 else "dL2" if d == 2 else "dL3" if d <= 4 else "dL5")
        a = cue_after[i]
        if a >= 0:
            f.append("cueR")
            if rich:
                f.append(wf[a][6][1])
        out.append(f)
    return out
