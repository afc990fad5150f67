"""The fast tagger (newslib.attribution.fast.tagger): label marginals by forward-backward, and the
cached score tables against the feature strings they stand for."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from conftest import SEED

from newslib.attribution.fast.engine import load_model
from newslib.attribution.fast.tagger import marginals
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


def test_marginals_survive_extreme_scores():
    """Scaled forward-backward: emissions of ±800 would overflow ``exp`` unscaled."""
    e = np.array([[800.0, -800.0], [-800.0, 800.0], [0.0, 0.0]] * 50)
    got = marginals(e, np.zeros((2, 2)), [0, 30, 90])
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
