"""The highlighted article: every attribution drawn on the text it was found in.

A researcher checks an analysis by reading it, so the view is the article itself, exactly as
read, with the source, cue and content of each attribution in their own colours, the kind,
speaker, score and evidence on hover, and the furniture around the prose (captions, credits,
bylines, datelines, noise) visibly set apart so that a wrongly read caption is easy to spot.

The output is one self-contained HTML fragment: a ``<style>`` block scoped to the
``newslib-article`` class, no script, no external resource, every piece of article text
HTML-escaped. It is a pure function of the analysis (no ids, no clock, no randomness), so a
rendered report is byte-identical from one run to the next and the visible text of the article
block is the article's text (attribution numbers are drawn by CSS, not inserted as text).

``import newslib.display`` needs no Jupyter (IPython is imported only by :func:`show`) and
imports nothing of the package at run time but the span helpers: the data model draws itself
with it (``Analysis._repr_html_``), so it reads an analysis by its attributes and never reaches
back into the model or the pipeline. Reading a file or raw text first is :func:`newslib.notebook.show`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from .spans import trim

if TYPE_CHECKING:  # IPython is optional: only show() needs it; the model is read, not imported
    from IPython.display import HTML

    from .model import Analysis, Attribution, Paragraph

ROLE_ORDER = ("content", "cue", "source")
"""Span roles of an attribution, in CSS order: a later one wins where two overlap."""

_ROLE_CLASS = {"content": "nl-cnt", "cue": "nl-cue", "source": "nl-src"}

SET_APART = ("caption", "credit", "byline", "dateline", "noise")
"""Paragraph roles that are not the article's prose and are drawn as such."""

_LINE_PRIORITY = ("headline", "subheading", "body", "caption", "credit", "byline", "dateline", "noise")

_CSS = """
.newslib-article{font-family:"DejaVu Sans",Verdana,"Helvetica Neue",Arial,sans-serif;font-size:15px;
 line-height:1.65;color:#1f2328;background:#ffffff;max-width:52em;padding:14px 18px;
 border:1px solid #d0d7de;border-radius:6px;box-sizing:border-box}
.newslib-article .nl-head{font-size:12px;color:#57606a;margin-bottom:6px}
.newslib-article .nl-legend{font-size:12px;line-height:2;color:#57606a;border-bottom:1px solid #d0d7de;
 padding-bottom:8px;margin-bottom:12px}
.newslib-article .nl-legend .nl-key{display:inline-block;margin-right:10px;white-space:nowrap}
.newslib-article .nl-legend .nl-src,.newslib-article .nl-legend .nl-cue,.newslib-article .nl-legend .nl-cnt
 {padding:0 4px;color:#1f2328}
.newslib-article .nl-line{margin:0 0 0.8em 0}
.newslib-article .nl-line-headline{font-size:1.3em;font-weight:bold;line-height:1.4}
.newslib-article .nl-line-subheading{font-weight:bold;margin-top:1.2em}
.newslib-article .nl-apart{font-size:13px;color:#57606a;background:#f6f8fa;border-left:3px solid #afb8c1;
 padding:2px 8px}
.newslib-article .nl-role{display:inline-block;font-size:10px;line-height:1.4;font-weight:normal;
 font-style:normal;text-transform:uppercase;letter-spacing:0.04em;color:#ffffff;background:#6e7781;
 border-radius:3px;padding:0 4px;margin:0 5px 0 2px;vertical-align:1px}
.newslib-article .nl-r-caption{font-style:italic}
.newslib-article .nl-r-noise{text-decoration:line-through;color:#8c959f}
.newslib-article .nl-cnt{background:#dcf5e1;border-bottom:2px solid #2da44e}
.newslib-article .nl-part{border-bottom:2px dashed #2da44e}
.newslib-article .nl-cue{background:#ffe3bf;border-bottom:2px solid #d1711c;font-weight:bold}
.newslib-article .nl-src{background:#d6e6ff;border-bottom:2px solid #2f6fd6}
.newslib-article .nl-multi{box-shadow:inset 0 -5px 0 rgba(130,80,223,0.35)}
.newslib-article .nl-n::before{content:attr(data-n);font-size:10px;font-weight:bold;color:#ffffff;
 background:#57606a;border-radius:7px;padding:0 4px;margin-right:2px;vertical-align:2px}
.newslib-article [title]{cursor:help}
.newslib-article details{margin-top:14px;font-size:12px;border-top:1px solid #d0d7de;padding-top:8px;overflow-x:auto}
.newslib-article summary{cursor:pointer;color:#0969da}
.newslib-article table.nl-ev{border-collapse:collapse;margin-top:6px;width:100%;table-layout:auto;font-size:11px}
.newslib-article table.nl-ev .nl-nw{white-space:nowrap}
.newslib-article table.nl-ev .nl-wide{min-width:16em}
.newslib-article table.nl-ev th,.newslib-article table.nl-ev td{border:1px solid #d0d7de;padding:2px 5px;
 text-align:left;vertical-align:top}
.newslib-article table.nl-ev th{background:#f6f8fa}
.newslib-article .nl-none{font-style:italic}
""".strip()


@dataclass(frozen=True, slots=True)
class _Mark:
    """One span of one attribution, clipped to the text."""

    start: int
    end: int
    index: int
    role: str  # content, cue or source
    part: bool = False


def _esc(s: object) -> str:
    return html.escape(str(s), quote=True)


def _marks(attributions: Sequence[Attribution], n: int) -> list[_Mark]:
    out: list[_Mark] = []
    for i, a in enumerate(attributions):
        spans: list[tuple[str, Any, bool]] = []
        if a.content_parts:
            spans += [("content", p, True) for p in a.content_parts]
        elif a.content is not None:
            spans.append(("content", a.content, False))
        spans += [("cue", a.cue, False), ("source", a.source, False)]
        for role, span, part in spans:
            if span is None:
                continue
            s, e = min(span.start, n), min(span.end, n)
            if s < e:
                out.append(_Mark(s, e, i, role, part))
    return out


def _speaker(a: Attribution) -> str:
    if a.speaker is None:
        return ""
    sp = a.speaker
    bits = [sp.type] + ([sp.role] if sp.role else []) + (["anonymous"] if sp.anonymous else [])
    return f"{sp.name} ({', '.join(bits)})"


def _person(a: Attribution) -> str:
    """The resolved person of the hover: key (the same in every article), category, gender with
    where it came from, and the probability that the speaker is right."""
    sp = a.speaker
    gender = getattr(sp, "gender", None) or "unknown"
    source = getattr(sp, "gender_source", None)
    p = getattr(sp, "gender_p", None) if source == "name" else None
    gender += f" ({source}{f', p={p:.2f}' if p is not None else ''})" if source else ""
    score = getattr(a, "speaker_score", None)
    return (
        f"person: {getattr(sp, 'person', None) or '(no key)'}, {getattr(sp, 'category', 'unknown')}, "
        f"gender {gender}" + (f", speaker score {score:.2f}" if score is not None else "")
    )


def _span_text(text: str, span: Any, limit: int = 0) -> str:
    if span is None:
        return ""
    s = text[span.start : span.end]
    return s if not limit or len(s) <= limit else s[: limit - 1] + "…"


def _describe(a: Attribution, i: int, text: str) -> str:
    """The hover text of one attribution: enough to judge it without leaving the article."""
    lines = [f"#{i} {a.kind} (score {a.score:.2f})"]
    if a.source is not None:
        lines.append(f"source: {_span_text(text, a.source, 80)}")
    if a.speaker is not None:
        lines.append(f"speaker: {_speaker(a)}")
        lines.append(_person(a))
    if a.cue is not None:
        lines.append(f"cue: {_span_text(text, a.cue, 80)}")
    if a.evidence:
        lines.append("evidence: " + ", ".join(a.evidence))
    return "\n".join(lines)


class _Piece(NamedTuple):
    """A drawn stretch of text with its paragraph role (a paragraph, or text outside them all)."""

    start: int
    end: int
    role: str
    evidence: str


def _lines(text: str, paragraphs: Sequence[Paragraph]) -> list[list[_Piece]]:
    """Paragraphs grouped by the line of text they sit on (a caption and its credit share one)."""
    pieces: list[_Piece] = []
    pos = 0
    for par in sorted(paragraphs, key=lambda p: (p.start, p.end)):
        p = _Piece(par.start, par.end, par.role, par.evidence)
        if p.start < pos:  # overlapping paragraphs: draw the text once
            if p.end <= pos:
                continue
            p = _Piece(pos, p.end, p.role, p.evidence)
        if text[pos : p.start].strip():  # text no paragraph holds is still shown
            pieces.extend(_gap(text, pos, p.start))
        pieces.append(p)
        pos = p.end
    if text[pos:].strip():
        pieces.extend(_gap(text, pos, len(text)))
    lines: list[list[_Piece]] = []
    prev_end = None
    for p in pieces:
        if prev_end is None or "\n" in text[prev_end : p.start] or "\r" in text[prev_end : p.start]:
            lines.append([p])
        else:
            lines[-1].append(p)
        prev_end = p.end
    return lines


def _gap(text: str, start: int, end: int) -> Iterable[_Piece]:
    """Lines of text outside every paragraph (or of an article without paragraphs), as body."""
    pos = start
    for line in text[start:end].splitlines(keepends=True):
        s, e = trim(text, pos, pos + len(line))
        pos += len(line)
        if s < e:
            yield _Piece(s, e, "body", "not in any paragraph")


LONG_MARK = 2000
"""Characters from which a mark is kept out of the span index (few are that long)."""


class _MarkIndex:
    """The marks overlapping a paragraph, and the attributions starting in it, found without a
    scan of every mark (the view was quadratic in attributions: 5,218 took 6.8 s)."""

    def __init__(self, marks: list[_Mark], starts: dict[int, list[int]]) -> None:
        from .spans import SpanIndex

        self.marks = marks
        # a few marks span the whole body (a wire credit): kept apart, so the index stays narrow
        self.long = [k for k, m in enumerate(marks) if m.end - m.start > LONG_MARK]
        self.spans = SpanIndex.build((m.start, m.end, k) for k, m in enumerate(marks) if m.end - m.start <= LONG_MARK)
        self.starts = sorted(starts)

    def inside(self, s: int, e: int) -> list[_Mark]:
        found = [item[2] for item in self.spans.overlapping(s, e)]
        found += [k for k in self.long if self.marks[k].start < e and s < self.marks[k].end]
        return [self.marks[k] for k in sorted(found)]

    def starting(self, s: int, e: int) -> list[int]:
        import bisect

        return self.starts[bisect.bisect_left(self.starts, s) : bisect.bisect_left(self.starts, e)]


def _render_paragraph(text: str, p: _Piece, index: _MarkIndex, starts: dict[int, list[int]], titles: list[str]) -> str:
    inside = index.inside(p.start, p.end)
    cuts = {p.start, p.end}
    for m in inside:
        cuts.add(max(m.start, p.start))
        cuts.add(min(m.end, p.end))
    cuts.update(index.starting(p.start, p.end))
    points = sorted(cuts)
    out: list[str] = []
    for s, e in zip(points, points[1:], strict=False):
        out.extend(f'<span class="nl-n" data-n="#{i}"></span>' for i in starts.get(s, ()))
        chunk = _esc(text[s:e])
        cover = [m for m in inside if m.start <= s and e <= m.end]
        if not cover:
            out.append(chunk)
            continue
        roles = {m.role for m in cover}
        classes = [_ROLE_CLASS[r] for r in ROLE_ORDER if r in roles]
        if any(m.part for m in cover):
            classes.append("nl-part")
        indices = sorted({m.index for m in cover})
        if len(indices) > 1:
            classes.append("nl-multi")
        blocks = []
        for i in indices:
            here = "/".join(r for r in ROLE_ORDER if any(m.index == i and m.role == r for m in cover))
            blocks.append(f"[{here}] {titles[i]}")
        title = "\n\n".join(blocks)
        out.append(f'<span class="{" ".join(classes)}" title="{_esc(title)}">{chunk}</span>')
    body = "".join(out)
    if p.role in SET_APART or p.role not in ("headline", "body", "subheading"):
        tip = f"{p.role}: {p.evidence}" if p.evidence else p.role
        return (
            f'<span class="nl-p nl-r-{_esc(p.role)}" title="{_esc(tip)}">'
            f'<span class="nl-role">{_esc(p.role)}</span>{body}</span>'
        )
    return f'<span class="nl-p nl-r-{_esc(p.role)}">{body}</span>'


def _line_role(line: Sequence[_Piece]) -> str:
    roles = [p.role for p in line]
    return min(roles, key=lambda r: _LINE_PRIORITY.index(r) if r in _LINE_PRIORITY else len(_LINE_PRIORITY))


def _legend(analysis: Analysis) -> str:
    n = len(analysis.attributions)
    if n:
        found = f"{n} attribution{'s' if n != 1 else ''}"
    else:
        found = '<span class="nl-none">no attributions found</span>'
    nsrc = len(analysis.sources)
    keys = [
        f'<span class="nl-key">{found} · {nsrc} source{"s" if nsrc != 1 else ""} · '
        f"engine <code>{_esc(analysis.engine)}</code></span>",
        '<span class="nl-key"><span class="nl-src">source</span></span>',
        '<span class="nl-key"><span class="nl-cue">cue</span></span>',
        '<span class="nl-key"><span class="nl-cnt">content</span></span>',
        '<span class="nl-key"><span class="nl-cnt nl-part">content part</span></span>',
        '<span class="nl-key"><span class="nl-n" data-n="#0"></span>row of attributions_frame; '
        "hover for kind, speaker, evidence</span>",
        '<span class="nl-key">set apart: '
        + "".join(f'<span class="nl-role">{r}</span>' for r in SET_APART)
        + "</span>",
    ]
    return '<div class="nl-legend">' + " ".join(keys) + "</div>"


def _evidence_table(analysis: Analysis) -> str:
    if not analysis.attributions:
        return ""
    text = analysis.text
    rows = []
    for i, a in enumerate(analysis.attributions):
        content = a.content_parts or ((a.content,) if a.content else ())
        cells = (
            ("nl-nw", f"#{i}"),
            ("nl-nw", a.kind),
            ("", _span_text(text, a.source, 60)),
            ("", _span_text(text, a.cue, 40)),
            ("nl-wide", " … ".join(_span_text(text, p, 120) for p in content)),
            ("", _speaker(a)),
            ("nl-nw", f"{a.score:.2f}"),
            ("nl-wide", ", ".join(a.evidence)),
        )
        rows.append(
            "<tr>"
            + "".join(f'<td class="{c}">{_esc(v)}</td>' if c else f"<td>{_esc(v)}</td>" for c, v in cells)
            + "</tr>"
        )
    head = "".join(f"<th>{h}</th>" for h in ("#", "kind", "source", "cue", "content", "speaker", "score", "evidence"))
    return (
        f"<details><summary>Evidence for the {len(rows)} attribution"
        f"{'s' if len(rows) != 1 else ''}</summary>"
        f'<table class="nl-ev"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        "</details>"
    )


def render_html(analysis: Analysis) -> str:
    """The article of ``analysis`` as one HTML fragment with every attribution highlighted.

    Deterministic and self-contained (scoped CSS, no script), so it can sit in a notebook output,
    an exported report or a test's expected string alike.
    """
    text = analysis.text
    marks = _marks(analysis.attributions, len(text))
    firsts: dict[int, int] = {}
    for m in marks:  # one pass: a scan of every mark per attribution was quadratic
        firsts[m.index] = min(m.start, firsts.get(m.index, m.start))
    starts: dict[int, list[int]] = {}
    for i in sorted(firsts):
        starts.setdefault(firsts[i], []).append(i)
    index = _MarkIndex(marks, starts)
    titles = [_describe(a, i, text) for i, a in enumerate(analysis.attributions)]
    head_bits = [f"article <code>{_esc(analysis.id)}</code>"]
    title = analysis.article.metadata.get("title")
    if title:
        head_bits.append(_esc(title))
    if analysis.article.origin and analysis.article.origin != analysis.id:
        head_bits.append(f"from <code>{_esc(analysis.article.origin)}</code>")
    parts = [
        f"<style>{_CSS}</style>",
        '<div class="newslib-article">',
        f'<div class="nl-head">{" · ".join(head_bits)}</div>',
        _legend(analysis),
    ]
    for line in _lines(text, analysis.article.paragraphs):
        role = _line_role(line)
        cls = f"nl-line nl-line-{_esc(role)}" + (" nl-apart" if role in SET_APART else "")
        # the text between two segments of a line is kept as it is (often nothing at all:
        # "NetanyahuPhoto:"), so the view never adds or drops a character of the article
        inner = "".join(
            (_esc(text[line[k - 1].end : p.start]) if k else "") + _render_paragraph(text, p, index, starts, titles)
            for k, p in enumerate(line)
        )
        parts.append(f'<div class="{cls}">{inner}</div>')
    parts.append(_evidence_table(analysis))
    parts.append("</div>")
    return "\n".join(p for p in parts if p)


def show(analysis: Analysis) -> HTML:
    """The highlighted article as an IPython ``HTML`` object."""
    from IPython.display import HTML

    return HTML(render_html(analysis))
