"""Decoding the CRF without building feature strings: cached score tables and batched Viterbi.

python-crfsuite needs every token's features as strings and spends most of its time converting
and looking them up; at the project's speed target (50k words a second for the whole pipeline)
that alone would take the budget. The weights are linear, so every feature that depends only on a
token's text can be summed once per distinct token text into a score vector over labels, one per
window position (the token itself, as left neighbour, as right neighbour, …). Detecting is then
a few numpy gathers per article plus a Viterbi pass, batched over paragraphs (each paragraph is
decoded as its own chain; a content never starts in one paragraph and ends in the next except
for quotations, which :mod:`newslib.attribution.link` joins by their quotation region).

The weights come from the trained crfsuite model, exported by :mod:`.train` as
``<model>.weights.npz`` (attribute strings, a weight matrix, the transition matrix, label
names). :func:`features.featurize` remains the definition of the features; this module computes
the same sums (checked by the tests on the fixture articles).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..scheme import LABELS, Prepared
from .features import Vocabulary, cue_lexicon, rate_bucket, shape

_DYNAMIC = (
    "w-1=<s>",
    "w+1=</s>",
    "inq",
    "bos",
    "bop",
    "after_colon_par",
    "eos",
    "cueL",
    "cueR",
    "dL1",
    "dL2",
    "dL3",
    "dL5",
)


_MAX_TYPES = 500_000
_MAX_PAIRS = 2_000_000


class FastTagger:
    """Label sequences for prepared tokens from exported CRF weights (see the module docstring)."""

    def __init__(
        self,
        attrs: Sequence[str],
        weights: np.ndarray,
        transitions: np.ndarray,
        labels: Sequence[str],
        vocab: Vocabulary,
    ) -> None:
        self.labels = list(labels)
        self.n_labels = len(self.labels)
        self.index = {a: i for i, a in enumerate(attrs)}
        self.weights = weights.astype(np.float64)
        self.trans = transitions.astype(np.float64)
        self.vocab = vocab
        self.dyn = {name: self._vec((name,)) for name in _DYNAMIC}
        # per token-text tables: rows grow as new token texts are met
        self._ids: dict[tuple[str, str], int] = {}
        self._cap = 4096
        self._n = 0
        self._tables = np.zeros((7, self._cap, self.n_labels))
        self._cue_like = np.zeros(self._cap, dtype=bool)
        # feature set 3: each token text's lower-case word as a number, and word pairs' weight rows
        self._low_id = np.zeros(self._cap, dtype=np.int64)
        self._lows: dict[str, int] = {}
        self._low_words: list[str] = []
        self._pairs: dict[int, int] = {}

    @classmethod
    def load(cls, path: Path, vocab: Vocabulary) -> FastTagger:
        with np.load(path, allow_pickle=False) as z:
            return cls(
                [str(a) for a in z["attrs"]], z["weights"], z["transitions"], [str(x) for x in z["labels"]], vocab
            )

    def _vec(self, names: Sequence[str]) -> np.ndarray:
        v = np.zeros(self.n_labels)
        for a in names:
            i = self.index.get(a)
            if i is not None:
                v += self.weights[i]
        return v

    def _new_type(self, word: str, kind: str, pending: tuple[list[int], list[int], list[int]]) -> int:
        """Give a token text a row in the tables; its feature weights are summed later, in bulk."""
        voc = self.vocab
        low = word.lower()
        shp = shape(word, kind)
        cl = voc.clusters.get(low, "?")
        lex = cue_lexicon().get(low, "-")
        cue = rate_bucket(voc.cue_rates.get(low, 0.0))
        if self._n >= self._cap:
            self._cap *= 2
            t = np.zeros((7, self._cap, self.n_labels))
            t[:, : self._n] = self._tables[:, : self._n]
            self._tables = t
            c = np.zeros(self._cap, dtype=bool)
            c[: self._n] = self._cue_like[: self._n]
            self._cue_like = c
            li = np.zeros(self._cap, dtype=np.int64)
            li[: self._n] = self._low_id[: self._n]
            self._low_id = li
        tid = self._n
        self._n += 1
        self._ids[(word, kind)] = tid
        self._cue_like[tid] = lex != "-" or cue in "34"
        lid = self._lows.get(low)
        if lid is None:
            lid = self._lows[low] = len(self._low_words)
            self._low_words.append(low)
        self._low_id[tid] = lid
        groups = (
            (f"w={low}", f"s={shp}", f"x3={low[-3:]}", f"k={cl}", f"L={lex}", f"r={cue}"),
            (f"w-1={low}", f"s-1={shp}", f"k-1={cl}", f"L-1={lex}", f"r-1={cue}"),
            (f"w+1={low}", f"s+1={shp}", f"k+1={cl}", f"L+1={lex}", f"r+1={cue}"),
            (f"w-2={low}", f"k-2={cl}"),
            (f"w+2={low}", f"k+2={cl}"),
            (f"cL={low}",),
            (f"cR={low}",),
        )
        index = self.index
        gs, ts, ats = pending
        for g, names in enumerate(groups):
            for name in names:
                i = index.get(name)
                if i is not None:
                    gs.append(g)
                    ts.append(tid)
                    ats.append(i)
        return tid

    def _type_ids(self, text: str, prep: Prepared) -> np.ndarray:
        """Table rows of the prepared tokens, adding rows for token texts not seen before."""
        if self._n > _MAX_TYPES:  # a long-running process over a huge corpus: start afresh
            self._ids.clear()
            self._lows.clear()
            self._low_words.clear()
            self._pairs.clear()
            self._n = 0
            self._tables[:] = 0.0
        get = self._ids.get
        pending: tuple[list[int], list[int], list[int]] = ([], [], [])
        out = []
        for t in prep.tokens:
            w = text[t.start : t.end]
            tid = get((w, t.kind))
            if tid is None:
                tid = self._new_type(w, t.kind, pending)
            out.append(tid)
        if pending[0]:
            np.add.at(self._tables, (np.array(pending[0]), np.array(pending[1])), self.weights[pending[2]])
        return np.array(out, dtype=np.int64)

    def emissions(self, text: str, prep: Prepared) -> np.ndarray:
        """Per-token label scores: the sum of the weights of the token's features."""
        ids = self._type_ids(text, prep)
        e = self._window_sums(ids)
        new_sent, end_sent = self._add_context(e, text, prep)
        # nearest cue-like token before / after within the sentence
        if self.vocab.feature_set != 2:
            self._add_cue_presence(e, ids, new_sent, end_sent)
        else:
            self._add_nearest_cues(e, ids, new_sent, end_sent)
        if self.vocab.feature_set == 3 and len(prep.tokens) > 1:
            self._add_bigrams(e, ids)
        return e

    def _window_sums(self, ids: np.ndarray) -> np.ndarray:
        """The weights of the token texts at each window position, with the padding past the edges."""
        n = len(ids)
        tb = self._tables
        # row gathers with ``take`` (a copy, and cheaper than fancy indexing on the 3-d table)
        e = tb[0].take(ids, axis=0)
        if n > 1:
            e[1:] += tb[1].take(ids[:-1], axis=0)
            e[:-1] += tb[2].take(ids[1:], axis=0)
        if n > 2:
            e[2:] += tb[3].take(ids[:-2], axis=0)
            e[:-2] += tb[4].take(ids[2:], axis=0)
        d = self.dyn
        e[0] += d["w-1=<s>"]
        e[n - 1] += d["w+1=</s>"]
        return e

    def _add_context(self, e: np.ndarray, text: str, prep: Prepared) -> tuple[np.ndarray, np.ndarray]:
        """Add the context features (inside a quotation, sentence and paragraph edges, a paragraph
        after a colon) to ``e``; returns where sentences start and end."""
        toks = prep.tokens
        n = len(toks)
        d = self.dyn
        sent = np.asarray(prep.sentence)
        par = np.asarray(prep.paragraph)
        new_sent = np.ones(n, dtype=bool)
        new_sent[1:] = sent[1:] != sent[:-1]
        end_sent = np.ones(n, dtype=bool)
        end_sent[:-1] = new_sent[1:]
        new_par = np.ones(n, dtype=bool)
        new_par[1:] = par[1:] != par[:-1]
        bop = new_sent & new_par
        inq = np.asarray(prep.in_quote, dtype=bool)
        # ``add(..., where=mask)`` adds in place where the mask holds: the same sums as
        # ``e[mask] += v`` in one pass, without gathering and scattering the masked rows
        add = np.add
        add(e, d["inq"], out=e, where=inq[:, None])
        add(e, d["bos"], out=e, where=new_sent[:, None])
        add(e, d["bop"], out=e, where=bop[:, None])
        add(e, d["eos"], out=e, where=end_sent[:, None])
        colon = [i + 1 for i in np.flatnonzero(bop[1:]).tolist() if text[toks[i].start] == ":"]
        if colon:
            e[colon] += d["after_colon_par"]
        return new_sent, end_sent

    def _add_cue_presence(self, e: np.ndarray, ids: np.ndarray, new_sent: np.ndarray, end_sent: np.ndarray) -> None:
        """Add whether there is a cue-like token before / after each token within its sentence."""
        n = len(ids)
        d = self.dyn
        add = np.add
        cue_like = self._cue_like[ids]
        # only whether there is one: counts within the sentence from a cumulative sum
        pos = np.arange(n)
        first = np.maximum.accumulate(np.where(new_sent, pos, 0))
        last = np.minimum.accumulate(np.where(end_sent, pos, n)[::-1])[::-1]
        cl = cue_like.astype(np.int64)
        csum = np.cumsum(cl)
        upto_prev = csum - cl  # cue-like tokens before i in the article
        before_n = upto_prev - upto_prev[first]
        after_n = csum[last] - csum
        add(e, d["cueL"], out=e, where=(before_n > 0)[:, None])
        add(e, d["cueR"], out=e, where=(after_n > 0)[:, None])

    def _add_nearest_cues(self, e: np.ndarray, ids: np.ndarray, new_sent: np.ndarray, end_sent: np.ndarray) -> None:
        """Feature set 2: add the nearest cue-like token before / after each token within its
        sentence, and its distance before."""
        n = len(ids)
        d = self.dyn
        tb = self._tables
        cue_like = self._cue_like[ids]
        before = np.full(n, -1, dtype=np.int64)
        after = np.full(n, -1, dtype=np.int64)
        seen = -1
        cll = cue_like.tolist()
        ns = new_sent.tolist()
        for i in range(n):
            if ns[i]:
                seen = -1
            before[i] = seen
            if cll[i]:
                seen = i
        seen = -1
        es = end_sent.tolist()
        for i in range(n - 1, -1, -1):
            if es[i]:
                seen = -1
            after[i] = seen
            if cll[i]:
                seen = i
        hb = before >= 0
        e[hb] += d["cueL"]
        ha = after >= 0
        e[ha] += d["cueR"]
        e[hb] += tb[5, ids[before[hb]]]
        e[ha] += tb[6, ids[after[ha]]]
        dist = np.arange(n) - before
        e[hb & (dist == 1)] += d["dL1"]
        e[hb & (dist == 2)] += d["dL2"]
        e[hb & (dist >= 3) & (dist <= 4)] += d["dL3"]
        e[hb & (dist >= 5)] += d["dL5"]

    def _add_bigrams(self, e: np.ndarray, ids: np.ndarray) -> None:
        """Feature set 3: add the word bigram ending at each token (after the first). A pair of
        lower-case words is looked up once, by number, and remembered as its weight row (-1: no
        such feature)."""
        low = self._low_id[ids]
        keys = ((low[:-1] << 32) | low[1:]).tolist()
        pairs = self._pairs
        if len(pairs) > _MAX_PAIRS:
            pairs.clear()
        rows = [pairs.get(k, -2) for k in keys]
        if -2 in rows:
            words = self._low_words
            for j, k in enumerate(keys):
                if rows[j] == -2:
                    i = self.index.get(f"b={words[k >> 32]}|{words[k & 0xFFFFFFFF]}")
                    rows[j] = pairs[k] = -1 if i is None else i
        r = np.array(rows)
        hit = np.flatnonzero(r >= 0)
        e[hit + 1] += self.weights[r[hit]]

    def viterbi(self, e: np.ndarray, starts: Sequence[int]) -> list[str]:
        """Best label sequence of each segment (``starts``: first token of each), batched (see
        :func:`viterbi`); a segment after the first starts as if after an O (a paragraph's final
        period), as in training."""
        o = self.labels.index("O") if "O" in self.labels else 0
        return np.asarray(self.labels)[viterbi(e, self.trans, starts, o)].tolist()

    def marginals(self, e: np.ndarray, starts: Sequence[int]) -> np.ndarray:
        """Each token's probability of each label, columns in :data:`LABELS` order (labels the
        model lacks have probability 0), segments as in :meth:`viterbi`."""
        o = self.labels.index("O") if "O" in self.labels else 0
        post = marginals(e, self.trans, starts, o)
        out = np.zeros((len(post), len(LABELS)))
        for k, label in enumerate(self.labels):
            out[:, LABELS.index(label)] = post[:, k]
        return out

    def tag(self, text: str, prep: Prepared, by_paragraph: bool = True) -> list[str]:
        """Labels of the prepared tokens (decoded per paragraph, or as one chain)."""
        if not prep.tokens:
            return []
        e = self.emissions(text, prep)
        return self.viterbi(e, segments(prep) if by_paragraph else [0])


def segments(prep: Prepared, unit: str = "paragraph") -> list[int]:
    """The first token of each chain the CRF decodes: paragraphs, or sentences (``unit``, the
    ``segment`` setting, which the engine passes)."""
    par = prep.sentence if unit == "sentence" else prep.paragraph
    return [0, *(np.flatnonzero(np.diff(par)) + 1).tolist()]  # where the segment changes


def viterbi(e: np.ndarray, trans: np.ndarray, starts: Sequence[int] = (0,), after: int | None = None) -> np.ndarray:
    """The best label indices of each segment (``starts``: first token of each; default one
    chain) under a linear-chain CRF, batched: ``e`` emissions (n, labels), ``trans[from, to]``, a
    segment after the first starting as if after label ``after``. Both engines decode with it.

    Segments are sorted longest first, so at step ``t`` the ones still running are a prefix of
    the batch and the shorter ones keep their final scores without masking. The emissions,
    back-pointers and path are packed time-major: step ``t`` holds only its running segments,
    from ``offset[t]`` on, so they take one row a token (padding every segment to the longest
    took the longest times the number of segments: 15 GB for a 640 KB article with one
    90,000-character paragraph). The loop runs once per token of the longest segment with a
    handful of numpy calls on tiny arrays, so its layout is chosen for the cost of each call:
    arrays are time-major (step ``t``'s rows are contiguous),
    candidates are ``[segment, to, from]`` so the argmax runs along the last axis (numpy copies
    for any other axis), and the best scores and back-pointers are gathered with flat indices
    (a ``max`` along an axis of 7 costs several times more than the argmax itself). The sums
    and comparisons are the textbook ones, so the result is the same path, ties included.
    """
    n, nl = e.shape
    kind = np.result_type(e, trans)  # the inputs' precision: float32 sums stay float32 sums
    order, running, offset, at = _pack(starts, n)
    p, lmax = len(order), len(running)
    pad = np.empty((n, nl), dtype=kind)
    pad[at] = e
    back = np.empty((n, nl), dtype=np.int64)
    score = np.zeros((p, nl), dtype=kind)
    score[: running[0]] = pad[: running[0]]
    if after is not None:
        score[order != 0] += trans[after]
    trans_t = np.ascontiguousarray(trans.T)  # [to, from]
    from_score = score[:, None, :]  # a view: score as [segment, 1, from]
    cand = np.empty((p, nl, nl), dtype=kind)
    first_of = np.arange(p * nl).reshape(p, nl) * nl  # flat index of cand[r, k, 0]
    add = np.add
    for t in range(1, lmax):
        m, lo = running[t], offset[t]
        c = cand[:m]
        bt = back[lo : lo + m]
        add(from_score[:m], trans_t, out=c)
        c.argmax(axis=2, out=bt)
        add(c.reshape(-1)[first_of[:m] + bt], pad[lo : lo + m], out=score[:m])
    cur = score.argmax(axis=1)
    out = np.empty(n, dtype=np.int64)  # packed as pad
    row_of = np.arange(p) * nl  # flat index of back[offset[t] + r, 0] within step t's rows
    for t in range(lmax - 1, 0, -1):
        m, lo = running[t], offset[t]
        cm = cur[:m]
        out[lo : lo + m] = cm
        cur[:m] = back[lo : lo + m].reshape(-1)[row_of[:m] + cm]
    out[: running[0]] = cur[: running[0]]
    return out[at]


def _pack(starts: Sequence[int], n: int) -> tuple[np.ndarray, list[int], list[int], np.ndarray]:
    """The time-major packing of segments (see :func:`viterbi`).

    Returns the segments' order (longest first), how many run at each step, where each step
    starts in the packing, and every token's row in it.
    """
    bounds = np.append(np.asarray(starts, dtype=np.int64), n)
    lens = np.diff(bounds)
    order = np.argsort(-lens, kind="stable")
    lens_s = lens[order]
    p, lmax = len(lens), int(lens_s[0])
    rank = np.empty(p, dtype=np.int64)
    rank[order] = np.arange(p)
    seg = np.repeat(np.arange(p), lens)
    row = rank[seg]
    col = np.arange(n) - bounds[seg]
    # how many segments are longer than t, for every t, and where step t starts in the packing
    running = np.searchsorted(-lens_s, -np.arange(lmax), side="left")
    offset = np.append(0, np.cumsum(running))
    return order, running.tolist(), offset.tolist(), offset[col] + row


def marginals(e: np.ndarray, trans: np.ndarray, starts: Sequence[int], after: int | None = None) -> np.ndarray:
    """Each token's probability of each label under a linear-chain CRF: (n, labels).

    ``e``: emissions (n, labels); ``trans[from, to]``; ``starts``: each segment's first token
    (each segment is its own chain, a segment after the first starting as if after label
    ``after``). Forward-backward in probability space, every step rescaled to sum to one (the
    scale cancels in the marginals, and no path underflows), packed as the Viterbi packs.

    One chain (the accurate engine decodes a whole article as one) goes to
    :func:`_chain_marginals`: stepping token by token costs a handful of numpy calls a token,
    which for a 1,000-token chain took a fifth of that engine's time. Many short chains (the fast
    engine's paragraphs) stay with the stepping, which batches them and is then the faster: 50
    chains of 60 tokens took 5.7 ms stepped and 18.5 ms by prefix products.
    """
    if len(starts) == 1:
        return _chain_marginals(e, trans)
    return _stepped_marginals(e, trans, starts, after)


def _stepped_marginals(e: np.ndarray, trans: np.ndarray, starts: Sequence[int], after: int | None) -> np.ndarray:
    """:func:`marginals` token by token, every segment's step ``t`` in one batch."""
    n, nl = e.shape
    order, running, offset, at = _pack(starts, n)
    p, t = _weights(e, trans)
    pad = np.empty((n, nl))
    pad[at] = p
    alpha = np.empty((n, nl))
    a0 = pad[: running[0]].copy()
    if after is not None:
        a0[order[: running[0]] != 0] *= t[after]
    alpha[: running[0]] = a0 / a0.sum(axis=1, keepdims=True)
    for k in range(1, len(running)):
        m, lo, prev = running[k], offset[k], offset[k - 1]
        a = (alpha[prev : prev + m, :, None] * t).sum(axis=1) * pad[lo : lo + m]
        alpha[lo : lo + m] = a / np.maximum(a.sum(axis=1, keepdims=True), 1e-300)
    beta = np.ones((n, nl))
    for k in range(len(running) - 2, -1, -1):
        m, lo, nxt = running[k + 1], offset[k], offset[k + 1]
        b = (t * (pad[nxt : nxt + m] * beta[nxt : nxt + m])[:, None, :]).sum(axis=2)
        beta[lo : lo + m] = b / np.maximum(b.sum(axis=1, keepdims=True), 1e-300)
    return _posterior(alpha, beta)[at]


def _chain_marginals(e: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """:func:`marginals` of one chain by prefix products of its step matrices, in log2(n) batched
    matrix products instead of n steps.

    With ``M[i] = t * p[i]`` (the transition weights scaled by token ``i``'s emission weights),
    the forward weights are ``p[0] @ M[1] @ … @ M[i]`` and the backward ones ``M[i+1] @ … @
    M[n-1] @ 1``. Every partial product is rescaled to a maximum of one; a token's forward and
    backward weights each carry one scale factor, which its normalised marginals cancel.
    """
    nl = e.shape[1]
    p, t = _weights(e, trans)
    steps = t[None, :, :] * p[:, None, :]  # steps[i] = M[i]; steps[0] is never used
    fwd = steps.copy()
    fwd[0] = np.diag(p[0])
    _prefix_products(fwd)
    alpha = fwd.sum(axis=1)  # row vector p[0] @ … = ones @ diag(p[0]) @ …
    bwd = np.empty_like(steps)  # reversed and transposed: bwd[k] = M[n-k].T, bwd[0] = I
    bwd[0] = np.eye(nl)
    bwd[1:] = steps[:0:-1].transpose(0, 2, 1)
    _prefix_products(bwd)
    beta = bwd[::-1].sum(axis=1)  # (M[i+1] @ … @ 1).T = ones @ M[n-1].T @ … @ M[i+1].T
    return _posterior(alpha, beta)


def _weights(e: np.ndarray, trans: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Emission and transition weights (``exp`` of the scores, each token's row and the
    transitions scaled to a maximum of one, so nothing overflows), in float64 for the sums."""
    p = np.exp(e - e.max(axis=1, keepdims=True)).astype(np.float64)
    return p, np.exp(trans - trans.max()).astype(np.float64)


def _posterior(alpha: np.ndarray, beta: np.ndarray) -> np.ndarray:
    """Each token's label probabilities from its forward and backward weights (any per-token
    scale cancels here)."""
    post = alpha * beta
    post /= np.maximum(post.sum(axis=1, keepdims=True), 1e-300)
    return post


def _prefix_products(m: np.ndarray) -> None:
    """In place, ``m[i]`` becomes ``m[0] @ m[1] @ … @ m[i]`` (Hillis–Steele doubling), each
    product rescaled to a maximum of one."""
    d = 1
    while d < len(m):
        prod = np.matmul(m[:-d], m[d:])
        prod /= np.maximum(prod.max(axis=(1, 2), keepdims=True), 1e-300)
        m[d:] = prod
        d *= 2


def export_weights(model_file: Path, out: Path, min_weight: float = 1e-4) -> int:
    """Write the weights of a crfsuite model as ``.npz`` (attributes with a weight over
    ``min_weight`` in absolute value); returns the number of attributes kept."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_file))
    info = tagger.info()
    labels = sorted(info.labels, key=lambda x: info.labels[x])
    li = {lab: i for i, lab in enumerate(labels)}
    rows: dict[str, np.ndarray] = {}
    for (attr, lab), w in info.state_features.items():
        if abs(w) < min_weight:
            continue
        v = rows.get(attr)
        if v is None:
            v = rows[attr] = np.zeros(len(labels), dtype=np.float32)
        v[li[lab]] = w
    attrs = sorted(rows)
    weights = np.stack([rows[a] for a in attrs]) if attrs else np.zeros((0, len(labels)), dtype=np.float32)
    trans = np.zeros((len(labels), len(labels)), dtype=np.float32)
    for (a, b), w in info.transitions.items():
        trans[li[a], li[b]] = w
    _write_npz(out, {"attrs": np.array(attrs), "weights": weights, "transitions": trans, "labels": np.array(labels)})
    return len(attrs)


def _write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """``np.savez_compressed`` with fixed entry dates, so the same model gives the same bytes."""
    import io
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, arr in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.asanyarray(arr), allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue())
