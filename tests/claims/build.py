"""Articles and attributions built by hand for the claims tests: attributions from substrings
(``text.index``), so that the tests do not depend on the attribution detector."""

from __future__ import annotations

from dataclasses import replace

from newslib import claims
from newslib.model import Analysis, Attribution, Number, Span
from newslib.reading import read_text
from newslib.text import text_layer


def span_of(text: str, sub: str, nth: int = 0) -> Span:
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return Span(i, i + len(sub))


def near(text: str, sub: str, anchor: Span) -> Span:
    """The occurrence of ``sub`` closest to ``anchor`` (a source is named next to its cue)."""
    spans, i = [], text.find(sub)
    while i >= 0:
        spans.append(Span(i, i + len(sub)))
        i = text.find(sub, i + 1)
    return min(spans, key=lambda s: max(anchor.start - s.end, s.start - anchor.end, 0))


def att(text: str, source: str, cue: str, content: str | None, kind: str = "indirect") -> Attribution:
    body = span_of(text, content) if content else None
    cue_span = near(text, cue, body) if body else span_of(text, cue)
    return Attribution(kind=kind, source=near(text, source, cue_span), cue=cue_span, content=body)


def analysis_of(text: str, attributions: tuple[Attribution, ...] = ()) -> Analysis:
    return replace(text_layer(read_text(text)), attributions=attributions)


def numbers_of(text: str) -> dict[str, Number]:
    out = claims.annotate(analysis_of(text))
    return {text[n.start : n.end]: n for n in out.numbers}
