"""The highlighted article (newslib.display).

Fast tests on hand-made attributions, so they hold whatever the detector finds: the view must
escape the text, draw every span of every attribution, set captions and credits apart, show the
article's text unchanged, and be byte-for-byte the same on every call.
"""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser

from conftest import SEED, span_of

from newslib import display
from newslib.inputs import read
from newslib.model import Analysis, Attribution, Span
from newslib.reading import read_text


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


def test_visible_text_is_the_article(handmade: Analysis) -> None:
    lines = visible_lines(display.render_html(handmade))
    expected = [" ".join(line.split()) for line in handmade.text.splitlines() if line.strip()]
    assert lines == expected


def test_every_span_is_highlighted(handmade: Analysis) -> None:
    html = display.render_html(handmade)
    t = handmade.text
    sources = "".join(spans_with(html, "nl-src"))
    cues = "".join(spans_with(html, "nl-cue"))
    contents = "".join(spans_with(html, "nl-cnt"))
    for a in handmade.attributions:
        assert a.source is not None and a.source.text(t) in sources
        assert a.cue is not None and a.cue.text(t) in cues
        for part in a.content_parts or ((a.content,) if a.content else ()):
            assert part.text(t) in contents
    # the gap between two content parts is not content
    assert " with them to set up (a) " not in contents
    assert spans_with(html, "nl-part")[1:] == ["“So now we’re working", "convenient date,”"]  # [0]: legend
    # numbers badges, one per attribution, drawn by CSS (data-n), not as text
    for i in range(len(handmade.attributions)):
        assert f'data-n="#{i}"' in html


def test_hover_names_kind_speaker_and_evidence(handmade: Analysis) -> None:
    html = display.render_html(handmade)
    assert 'title="[source] #0 direct (score 0.90)' in html
    assert "speaker: Karin Jean-Pierre (official, spokeswoman)" in html
    assert "evidence: quote-after-colon" in html
    assert "speaker: health officials (anonymous_group, anonymous)" in html
    assert "<details><summary>Evidence for the 5 attributions</summary>" in html


def test_captions_and_credits_set_apart(handmade: Analysis) -> None:
    html = display.render_html(handmade)
    assert '<div class="nl-line nl-line-caption nl-apart">' in html
    assert 'class="nl-p nl-r-caption"' in html and 'class="nl-p nl-r-credit"' in html
    assert '<span class="nl-role">credit</span>Photo: Miriam Alster / AP / Profimedia' in html
    assert 'class="nl-p nl-r-noise"' in html
    assert '<div class="nl-line nl-line-subheading">' in html


def test_deterministic(handmade: Analysis) -> None:
    again = Analysis(
        article=read(SEED), attributions=handmade.attributions, sources=handmade.sources, engine="handmade"
    )
    assert display.render_html(handmade) == display.render_html(handmade) == display.render_html(again)
    assert handmade._repr_html_() == display.render_html(handmade)


def test_overlapping_and_out_of_range_spans_do_not_break() -> None:
    article = read_text("Title\n\nShe said he said it was fine, officials said.\n")
    t = article.text
    outer = Attribution(
        "indirect", content=span_of(t, "he said it was fine"), cue=span_of(t, "said", 2), source=span_of(t, "officials")
    )
    inner = Attribution(
        "indirect", content=span_of(t, "it was fine"), cue=span_of(t, "said", 1), source=span_of(t, "he")
    )
    wild = Attribution("other", content=Span(len(t) - 3, len(t) + 50))
    html = display.render_html(Analysis(article=article, attributions=(outer, inner, wild)))
    assert "nl-multi" in html  # text inside two attributions is marked as such
    assert visible_lines(html)[1] == "She said he said it was fine, officials said."


def test_article_without_paragraphs() -> None:
    from newslib.model import Article

    html = display.render_html(Analysis(article=Article(id="x", text="One line.\nTwo <lines>.")))
    assert visible_lines(html) == ["One line.", "Two <lines>."]


def test_import_needs_no_jupyter() -> None:
    code = (
        "import sys, newslib, newslib.display, newslib.plots, newslib.report, newslib.model;"
        "bad = [m for m in ('IPython', 'papermill', 'nbconvert', 'matplotlib.pyplot') if m in sys.modules];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_hover_shows_the_resolved_person() -> None:
    from newslib.model import Article, Source

    text = "“We will build it,” said Anna Berg. “No,” said a senior official."
    anna = Source(
        "Anna Berg",
        "named_person",
        category="named_person",
        person="anna berg",
        gender="female",
        gender_source="name",
        gender_p=0.98,
    )
    official = Source("a senior official", "anonymous_individual", anonymous=True, category="unnamed_individual")
    analysis = Analysis(
        article=Article("x", text),
        engine="handmade",
        sources=(anna, official),
        attributions=(
            Attribution(
                "direct",
                content=span_of(text, "“We will build it,”"),
                source=span_of(text, "Anna Berg"),
                speaker=anna,
                speaker_score=0.93,
            ),
            Attribution(
                "direct",
                content=span_of(text, "“No,”"),
                source=span_of(text, "a senior official"),
                speaker=official,
                speaker_score=0.5,
            ),
        ),
    )
    html = display.render_html(analysis)
    assert "person: anna berg, named_person, gender female (name, p=0.98), speaker score 0.93" in html
    assert "person: (no key), unnamed_individual, gender unknown, speaker score 0.50" in html
