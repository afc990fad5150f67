"""The fast tagger (newslib.attribution.fast.tagger): label marginals by forward-backward, the
batched Viterbi both engines decode with, and the cached score tables against the feature strings
they stand for."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from conftest import SEED

from newslib.attribution.fast.engine import load_model
from newslib.attribution.fast.tagger import _chain_marginals, _stepped_marginals, marginals, segments, viterbi
from newslib.reading import read_text


def _brute_force(e, trans, starts, after):
    """Label marginals by enumerating every path of every segment."""
    n, nl = e.shape
    out = np.zeros((n, nl))
    bounds = [*starts, n]
    for si in range(len(starts)):
        lo, hi = bounds[si], bounds[si + 1]
        total, acc = 0.0, np.zeros((hi - lo, nl))
        for path in itertools.product(range(nl), repeat=hi - lo):
            s = sum(e[lo + i, y] for i, y in enumerate(path))
            s += sum(trans[a, b] for a, b in itertools.pairwise(path))
            if si and after is not None:
                s += trans[after, path[0]]
            w = np.exp(s)
            total += w
            for i, y in enumerate(path):
                acc[i, y] += w
        out[lo:hi] = acc / total
    return out


@pytest.mark.parametrize("starts,after", [([0], None), ([0, 4, 6], 0), ([0, 1, 2], 2), ([0, 2], None)])
def test_marginals_equal_enumerating_every_path(starts, after):
    rng = np.random.default_rng(7)
    e = rng.normal(size=(7, 3)) * 3
    trans = rng.normal(size=(3, 3)) * 2
    got = marginals(e, trans, starts, after)
    assert np.allclose(got, _brute_force(e, trans, starts, after), atol=1e-12)
    assert np.allclose(got.sum(axis=1), 1.0)


@pytest.mark.parametrize("n", [1, 2, 5, 64, 1000])
def test_one_chain_by_prefix_products_equals_stepping(n):
    """The accurate engine's one-chain marginals (prefix products) against the token-by-token
    forward-backward, on chains of every length the doubling meets (powers of two and not)."""
    rng = np.random.default_rng(n)
    e = (rng.normal(size=(n, 7)) * 5).astype(np.float32)
    trans = (rng.normal(size=(7, 7)) * 3).astype(np.float32)
    got = _chain_marginals(e, trans)
    assert np.allclose(got, _stepped_marginals(e, trans, [0], None), rtol=0, atol=1e-12)
    assert np.allclose(got.sum(axis=1), 1.0)


@pytest.mark.parametrize("starts,after", [([0], None), ([0, 4, 6], 0), ([0, 1, 2], 2), ([0, 3], None)])
def test_batched_viterbi_is_the_best_path_of_every_segment(starts, after):
    rng = np.random.default_rng(11)
    e = rng.normal(size=(7, 3)) * 3
    trans = rng.normal(size=(3, 3)) * 2
    bounds = [*starts, len(e)]
    want: list[int] = []
    for si in range(len(starts)):
        lo, hi = bounds[si], bounds[si + 1]

        def total(path: tuple[int, ...], lo: int = lo, first: bool = si == 0) -> float:
            s = sum(e[lo + i, y] for i, y in enumerate(path)) + sum(trans[a, b] for a, b in itertools.pairwise(path))
            return s + (trans[after, path[0]] if not first and after is not None else 0.0)

        want.extend(max(itertools.product(range(3), repeat=hi - lo), key=total))
    assert viterbi(e, trans, starts, after).tolist() == want


def test_segments_are_paragraphs_or_sentences_as_the_setting_says():
    from newslib.attribution.scheme import prepare
    from newslib.text import text_layer

    prep = prepare(text_layer(read_text("Title\n\nOne. Two said.\n\nThree.\n")))
    by_par, by_sent = segments(prep, "paragraph"), segments(prep, "sentence")
    assert len(by_par) == 3 and len(by_sent) == 4 and set(by_par) < set(by_sent)


@pytest.mark.parametrize("starts", [[0, 30, 90], [0]])
def test_marginals_survive_extreme_scores(starts):
    """Scaled forward-backward: emissions of ±800 would overflow ``exp`` unscaled (stepped
    segments and one chain by prefix products alike)."""
    e = np.array([[800.0, -800.0], [-800.0, 800.0], [0.0, 0.0]] * 50)
    got = marginals(e, np.zeros((2, 2)), starts)
    assert np.isfinite(got).all() and np.allclose(got.sum(axis=1), 1.0)
    assert got[0, 0] == pytest.approx(1.0) and got[1, 1] == pytest.approx(1.0)


def test_fast_tables_equal_feature_strings():
    """The cached score tables sum exactly the weights of the features ``featurize`` defines."""
    import numpy as np

    from newslib.attribution.fast.features import featurize
    from newslib.attribution.scheme import prepare
    from newslib.text import text_layer

    model = load_model()
    fast = model.fast
    assert fast is not None
    text = SEED.read_text(encoding="utf-8")
    an = text_layer(read_text(text))
    prep = prepare(an)
    got = fast.emissions(text, prep)
    for i, feats in enumerate(featurize(text, prep, model.vocab)):
        want = np.zeros(fast.n_labels)
        for f in feats:
            k = fast.index.get(f)
            if k is not None:
                want += fast.weights[k]
        assert np.allclose(got[i], want), (i, feats)


def test_fast_tables_give_the_same_scores_from_cache_and_after_a_reset():
    """Token texts and word pairs are remembered between articles, and forgotten all at once
    when a long run has met too many: neither changes a score."""
    import numpy as np

    from newslib.attribution.fast import tagger
    from newslib.attribution.scheme import prepare
    from newslib.text import text_layer

    fast = load_model().fast
    assert fast is not None
    text = SEED.read_text(encoding="utf-8")
    prep = prepare(text_layer(read_text(text)))
    first = fast.emissions(text, prep)
    assert np.array_equal(fast.emissions(text, prep), first)
    fast._n = tagger._MAX_TYPES + 1  # as if a corpus had filled the tables
    assert np.array_equal(fast.emissions(text, prep), first)
    assert fast._n < 10_000 and len(fast._pairs) < 10_000
