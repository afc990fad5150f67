"""Shared test helpers: the seed article and the offset invariant every span must satisfy."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslib import Analysis

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_bf35a3d7ff0db5a3.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def assert_offsets(analysis: Analysis) -> None:
    """Every span lies inside the text, and paragraphs/sentences/tokens are ordered and disjoint."""
    text = analysis.text
    n = len(text)
    for label, span in analysis.all_spans():
        assert 0 <= span.start <= span.end <= n, (label, span)
    for seq in (analysis.article.paragraphs, analysis.sentences, analysis.tokens):
        for a, b in zip(seq, seq[1:], strict=False):
            assert a.end <= b.start, (a, b)
    for t in analysis.tokens:
        assert t.end > t.start and not text[t.start:t.end].isspace()
    paras = analysis.article.paragraphs
    for s in analysis.sentences:
        p = paras[s.paragraph]
        assert p.start <= s.start < s.end <= p.end, (s, p)
        assert text[s.start:s.end] == text[s.start:s.end].strip()
    for q in analysis.quotes:
        assert q.end > q.start


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
