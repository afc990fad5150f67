"""The highlighted article (newslib.display) and the tables and plots (newslib.plots).

Fast tests on hand-made attributions, so they hold whatever the detector finds: the view must
escape the text, draw every span of every attribution, set captions and credits apart, show the
article's text unchanged, and be byte-for-byte the same on every call.
"""

from __future__ import annotations

import math
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from newslib import display, plots
from newslib.inputs import read
from newslib.model import Analysis, Attribution, Source, Span
from newslib.reading import read_text

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_bf35a3d7ff0db5a3.txt"


def span_of(text: str, part: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return Span(start, start + len(part))


@pytest.fixture(scope="module")
def seed() -> Analysis:
    """The seed article with hand-made attributions of several kinds (no detector involved)."""
    article = read(SEED)
    t = article.text
    kjp = Source("Karin Jean-Pierre", "official", role="spokeswoman", mentions=(span_of(t, "Karin Jean-Pierre"),))
    attributions = (
        Attribution("direct", content=span_of(t, "“The Prime Minister’s Office has agreed to reschedule a special "
                                                 "meeting”"),
                    cue=span_of(t, "told reporters:"), source=span_of(t, "White House spokeswoman Karin Jean-Pierre"),
                    speaker=kjp, score=0.9, evidence=("quote-after-colon",)),
        Attribution("direct", content=span_of(t, "“So now we’re working with them to set up (a) convenient date,”"),
                    content_parts=(span_of(t, "“So now we’re working"), span_of(t, "convenient date,”")),
                    cue=span_of(t, "added"), source=span_of(t, "she"), speaker=kjp, score=0.8),
        Attribution("according_to", content=span_of(t, "Israel’s military response has killed more than 32,000 "
                                                       "Palestinians"),
                    cue=span_of(t, "according to"), source=span_of(t, "health officials in the Hamas-run enclave"),
                    speaker=Source("health officials", "anonymous_group", anonymous=True), score=0.7),
        Attribution("agency", content=span_of(t, "Israel has asked the White House"), cue=span_of(t, "reported"),
                    source=span_of(t, "Reuters"), speaker=Source("Reuters", "agency"), score=0.6),
        Attribution("no_comment", cue=span_of(t, "There was no comment from"), source=span_of(t, "Netanyahu’s office")),
    )
    return Analysis(article=article, attributions=attributions,
                    sources=(kjp, Source("health officials", "anonymous_group", anonymous=True),
                             Source("Reuters", "agency")), engine="handmade")


class _ArticleText(HTMLParser):
    """The visible article text of a rendering: the line divs, without role badges."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        cls = dict(attrs).get("class") or ""
        if tag == "div" and "nl-line" in cls.split():
            self.lines.append("")
        self._stack.append("skip" if "nl-role" in cls.split() or tag in ("style", "details") else tag)

    def handle_endtag(self, tag: str) -> None:
        if self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if self.lines and "skip" not in self._stack and len(self._stack) >= 1:
            self.lines[-1] += data


def visible_lines(html: str) -> list[str]:
    parser = _ArticleText()
    parser.feed(html)
    return [" ".join(line.split()) for line in parser.lines]


def spans_with(html: str, cls: str) -> list[str]:
    """The texts of the spans whose class list includes ``cls`` (one chunk a span)."""
    out: list[str] = []

    class P(HTMLParser):
        depth: list[bool] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.depth.append(cls in (dict(attrs).get("class") or "").split())
            if self.depth[-1]:
                out.append("")

        def handle_endtag(self, tag: str) -> None:
            self.depth.pop()

        def handle_data(self, data: str) -> None:
            if self.depth and self.depth[-1]:
                out[-1] += data

    P().feed(html)
    return out


# -- display --------------------------------------------------------------------------------


def test_text_is_escaped() -> None:
    text = "Headline <b>bold</b>\n\nThe mayor said <script>alert('x')</script> & left \"early\".\n"
    html = display.render_html(Analysis(article=read_text(text)))
    assert "<script>alert" not in html and "<b>bold" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; left &quot;early&quot;" in html
    assert "no attributions found" in html


def test_visible_text_is_the_article(seed: Analysis) -> None:
    lines = visible_lines(display.render_html(seed))
    expected = [" ".join(line.split()) for line in seed.text.splitlines() if line.strip()]
    assert lines == expected


def test_every_span_is_highlighted(seed: Analysis) -> None:
    html = display.render_html(seed)
    t = seed.text
    sources = "".join(spans_with(html, "nl-src"))
    cues = "".join(spans_with(html, "nl-cue"))
    contents = "".join(spans_with(html, "nl-cnt"))
    for a in seed.attributions:
        assert a.source is not None and a.source.text(t) in sources
        assert a.cue is not None and a.cue.text(t) in cues
        for part in a.content_parts or ((a.content,) if a.content else ()):
            assert part.text(t) in contents
    # the gap between two content parts is not content
    assert " with them to set up (a) " not in contents
    assert spans_with(html, "nl-part")[1:] == ["“So now we’re working", "convenient date,”"]  # [0]: legend
    # numbers badges, one per attribution, drawn by CSS (data-n), not as text
    for i in range(len(seed.attributions)):
        assert f'data-n="#{i}"' in html


def test_hover_names_kind_speaker_and_evidence(seed: Analysis) -> None:
    html = display.render_html(seed)
    assert 'title="[source] #0 direct (score 0.90)' in html
    assert "speaker: Karin Jean-Pierre (official, spokeswoman)" in html
    assert "evidence: quote-after-colon" in html
    assert "speaker: health officials (anonymous_group, anonymous)" in html
    assert "<details><summary>Evidence for the 5 attributions</summary>" in html


def test_captions_and_credits_set_apart(seed: Analysis) -> None:
    html = display.render_html(seed)
    assert '<div class="nl-line nl-line-caption nl-apart">' in html
    assert 'class="nl-p nl-r-caption"' in html and 'class="nl-p nl-r-credit"' in html
    assert '<span class="nl-role">credit</span>Photo: Miriam Alster / AP / Profimedia' in html
    assert 'class="nl-p nl-r-noise"' in html
    assert '<div class="nl-line nl-line-subheading">' in html


def test_deterministic(seed: Analysis) -> None:
    again = Analysis(article=read(SEED), attributions=seed.attributions, sources=seed.sources, engine="handmade")
    assert display.render_html(seed) == display.render_html(seed) == display.render_html(again)
    assert seed._repr_html_() == display.render_html(seed)


def test_overlapping_and_out_of_range_spans_do_not_break() -> None:
    article = read_text("Title\n\nShe said he said it was fine, officials said.\n")
    t = article.text
    outer = Attribution("indirect", content=span_of(t, "he said it was fine"), cue=span_of(t, "said", 2),
                        source=span_of(t, "officials"))
    inner = Attribution("indirect", content=span_of(t, "it was fine"), cue=span_of(t, "said", 1),
                        source=span_of(t, "he"))
    wild = Attribution("other", content=Span(len(t) - 3, len(t) + 50))
    html = display.render_html(Analysis(article=article, attributions=(outer, inner, wild)))
    assert "nl-multi" in html  # text inside two attributions is marked as such
    assert visible_lines(html)[1] == "She said he said it was fine, officials said."


def test_article_without_paragraphs() -> None:
    from newslib.model import Article

    html = display.render_html(Analysis(article=Article(id="x", text="One line.\nTwo <lines>.")))
    assert visible_lines(html) == ["One line.", "Two <lines>."]


def test_show_takes_text_and_paths(monkeypatch: pytest.MonkeyPatch, seed: Analysis) -> None:
    pytest.importorskip("IPython")
    calls: list[object] = []

    def fake_analyze(article: object, engine: str = "fast") -> Analysis:
        calls.append(article)
        return seed

    monkeypatch.setattr("newslib.pipeline.analyze", fake_analyze)
    assert display.show(seed).data == display.render_html(seed)
    display.show(str(SEED))
    display.show("Some text that is no file.")
    assert getattr(calls[0], "id", None) == SEED.stem
    assert calls[1] == "Some text that is no file."


def test_import_needs_no_jupyter() -> None:
    code = ("import sys, newslib, newslib.display, newslib.plots, newslib.report, newslib.model;"
            "bad = [m for m in ('IPython', 'papermill', 'nbconvert', 'matplotlib.pyplot') if m in sys.modules];"
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)


# -- tables and plots -----------------------------------------------------------------------


def test_tables_have_fixed_columns_without_attributions() -> None:
    empty = Analysis(article=read(SEED))
    assert list(plots.attributions_table(empty).columns)[:4] == ["kind", "source", "cue", "content"]
    assert plots.kind_counts(empty)["attributions"].sum() == 0
    assert plots.positions_frame(empty).empty
    assert plots.attributed_share(empty)["attributed_share"] == 0.0
    for fig in (plots.plot_kinds(empty), plots.plot_positions(empty), plots.plot_source_types(empty),
                plots.plot_share(empty)):
        assert fig._repr_png_().startswith(b"\x89PNG")


def test_article_tables(seed: Analysis) -> None:
    table = plots.attributions_table(seed)
    assert len(table) == 5 and table.loc[1, "content"] == "“So now we’re working … convenient date,”"
    kinds = plots.kind_counts(seed).set_index("kind")["attributions"]
    assert kinds["direct"] == 2 and kinds["other"] == 0
    types = plots.source_type_counts(seed).set_index("type")
    assert types.loc["agency", "sources"] == 1 and types.loc["anonymous_group", "anonymous"] == 1
    pos = plots.positions_frame(seed)
    assert list(pos["speaker"])[:2] == ["Karin Jean-Pierre", "Karin Jean-Pierre"]
    assert pos["position"].between(0, 1).all()
    share = plots.attributed_share(seed)
    assert 0 < share["quoted_share"] < share["attributed_share"] < 1
    assert share["quoted_chars"] + share["reported_chars"] == share["attributed_chars"]


def test_plots_are_deterministic_png(seed: Analysis) -> None:
    for make in (plots.plot_kinds, plots.plot_source_types, plots.plot_positions, plots.plot_share):
        first = make(seed)._repr_png_()
        assert first == make(seed)._repr_png_()
        assert b"Software" not in first and b"matplotlib" not in first.lower()


def test_group_figures(seed: Analysis) -> None:
    from dataclasses import replace

    a = replace(seed, article=replace(seed.article, id="a", metadata={"publisher": "North"}))
    b = replace(seed, article=replace(seed.article, id="b", metadata={"publisher": "South"}),
                attributions=seed.attributions[:2])
    c = Analysis(article=replace(seed.article, id="c", metadata={}))
    groups = plots.group_frame([a, b, c], "publisher")
    assert list(groups.index) == ["(none)", "North", "South"]
    assert groups.loc["North", "anonymous_rate"] == 0.25  # 1 of 4 resolved speakers
    assert groups.loc["North", "agency_share"] == 0.25
    assert groups.loc["South", "direct_share"] == 1.0
    assert math.isnan(groups.loc["(none)", "direct_share"])
    top = plots.top_sources([a, b], "publisher", n=1)
    assert list(top["source"]) == ["Karin Jean-Pierre", "Karin Jean-Pierre"]
    assert plots.plot_groups(groups)._repr_png_() == plots.plot_groups(groups)._repr_png_()


def test_profile_table_and_errors() -> None:
    from newslib.model import ArticleError

    table = plots.profile_table({"n": 3, "by_type": {"b": 1, "a": 2}, "names": ["x"]})
    assert table.loc["by_type", "value"] == '{"a": 2, "b": 1}'
    errors = plots.errors_frame([ArticleError("c.jsonl:4", "malformed JSON")])
    assert errors.loc[0, "origin"] == "c.jsonl:4"
