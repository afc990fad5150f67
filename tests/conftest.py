"""Shared test helpers: the seed article and the offset invariant every span must satisfy."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslib import Analysis
from newslib.inputs import read
from newslib.model import Attribution, Source, Span

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_bf35a3d7ff0db5a3.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def assert_floors(res: dict, floors: dict[str, float], engine: str) -> None:
    """Every figure of an evaluation ``res`` at or above its floor (the accuracy gates)."""
    for key, floor in floors.items():
        assert res[key] >= floor, f"{engine}: {key} fell to {res[key]:.3f} (floor {floor})"


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
        assert t.end > t.start and not text[t.start : t.end].isspace()
    paras = analysis.article.paragraphs
    for s in analysis.sentences:
        p = paras[s.paragraph]
        assert p.start <= s.start < s.end <= p.end, (s, p)
        assert text[s.start : s.end] == text[s.start : s.end].strip()
    for q in analysis.quotes:
        assert q.end > q.start


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def span_of(text: str, part: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return Span(start, start + len(part))


@pytest.fixture(scope="session")
def handmade() -> Analysis:
    """The seed article with hand-made attributions of several kinds (no detector involved)."""
    article = read(SEED)
    t = article.text
    kjp = Source("Karin Jean-Pierre", "official", role="spokeswoman", mentions=(span_of(t, "Karin Jean-Pierre"),))
    attributions = (
        Attribution(
            "direct",
            content=span_of(t, "“The Prime Minister’s Office has agreed to reschedule a special meeting”"),
            cue=span_of(t, "told reporters:"),
            source=span_of(t, "White House spokeswoman Karin Jean-Pierre"),
            speaker=kjp,
            score=0.9,
            evidence=("quote-after-colon",),
        ),
        Attribution(
            "direct",
            content=span_of(t, "“So now we’re working with them to set up (a) convenient date,”"),
            content_parts=(span_of(t, "“So now we’re working"), span_of(t, "convenient date,”")),
            cue=span_of(t, "added"),
            source=span_of(t, "she"),
            speaker=kjp,
            score=0.8,
        ),
        Attribution(
            "according_to",
            content=span_of(t, "Israel’s military response has killed more than 32,000 Palestinians"),
            cue=span_of(t, "according to"),
            source=span_of(t, "health officials in the Hamas-run enclave"),
            speaker=Source("health officials", "anonymous_group", anonymous=True),
            score=0.7,
        ),
        Attribution(
            "agency",
            content=span_of(t, "Israel has asked the White House"),
            cue=span_of(t, "reported"),
            source=span_of(t, "Reuters"),
            speaker=Source("Reuters", "agency"),
            score=0.6,
        ),
        Attribution("no_comment", cue=span_of(t, "There was no comment from"), source=span_of(t, "Netanyahu’s office")),
    )
    return Analysis(
        article=article,
        attributions=attributions,
        sources=(kjp, Source("health officials", "anonymous_group", anonymous=True), Source("Reuters", "agency")),
        engine="handmade",
    )


@pytest.fixture(scope="session")
def quoted_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dataset of :func:`corpora.quoted`: women and men quoted, two outlets, three months of dates."""
    from corpora import quoted, write_jsonl

    from newslib.dataset import analyze_corpus

    tmp = tmp_path_factory.mktemp("quoted")
    out = tmp / "ds"
    analyze_corpus([write_jsonl(tmp / "quoted.jsonl", quoted())], out, jobs=1)
    return out
