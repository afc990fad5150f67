"""The real-web development set: annotations stored as offsets plus a hash of each page's
reference text (never the text), rebuilt from ``../shared/realweb`` and scored end to end."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from conftest import assert_floors

from newslib.attribution.accurate import available

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("realweb", ROOT / "scripts" / "realweb.py")
realweb = importlib.util.module_from_spec(spec)
spec.loader.exec_module(realweb)

needs_pages = pytest.mark.skipif(not realweb.PAGES.is_dir(), reason="../shared/realweb is not beside the repository")

PAGE = b"""<html><head><title>T</title><script>var x = "said";</script></head><body>
<nav><a href="/">Home</a> <a href="/w">World</a></nav>
<article><h1>Mayor closes bridge</h1>
<p>The bridge will close for a month, the mayor said on Monday.</p>
<p style="display:none">hidden text</p>
<p>&ldquo;It is not safe,&rdquo; she said. &ldquo;We have no choice.&rdquo;</p></article>
<footer>&copy; 2024 The Daily Planet</footer></body></html>"""


ANN = {
    "body": [["The bridge will", "no choice.”"]],
    "attributions": [
        {"source": "the mayor", "cue": "said", "content": "The bridge will close for a month"},
        {"source": "she", "cue": "said", "content": ["“It is not safe,”", "“We have no choice.”"]},
    ],
}
"""The fixture page's annotation, written as its annotator writes it (exact strings)."""


def test_reference_text_is_every_visible_block_a_line():
    assert realweb.page_text(PAGE) == (
        "Home World\nMayor closes bridge\nThe bridge will close for a month, the mayor said on Monday.\n"
        "“It is not safe,” she said. “We have no choice.”\n© 2024 The Daily Planet\n"
    )


def test_annotation_strings_compile_to_offsets(tmp_path, monkeypatch):
    (tmp_path / "p.html").write_bytes(PAGE)
    monkeypatch.setattr(realweb, "PAGES", tmp_path)
    page = realweb.compile_page("p", ANN)
    text = realweb.page_text(PAGE)
    assert page["sha256"] == realweb.digest(text) and "text" not in page
    first, second = page["attributions"]
    assert text[first["source"][0] : first["source"][1]] == "the mayor" and first["kind"] == "indirect"
    # the cue nearest the content, never inside it: the "said" between the two quotations
    assert text[second["cue"][0] : second["cue"][1]] == "said" and second["cue"][0] > second["content_parts"][0][1]
    assert second["kind"] == "partial" and len(second["content_parts"]) == 2


def test_alignment_maps_spans_of_another_extraction():
    ref = "Home\nThe mayor said the bridge will close.\nFooter"
    other = "The mayor said\n\nthe bridge will close."
    mapping = realweb.align(ref, other)
    s, e = realweb.map_span(mapping, other.index("bridge"), other.index(" will"))
    assert ref[s:e] == "bridge"


@needs_pages
def test_every_annotated_page_still_has_its_annotated_text():
    pages = list(realweb.gold_pages())  # raises when a page's reference text changed
    assert len(pages) >= 20 and sum(len(p["attributions"]) for p in pages) >= 300
    for p in pages:
        for a in p["attributions"]:
            for span in (a["content"], a["cue"], a["source"]):
                assert span is None or 0 <= span[0] < span[1] <= len(p["text"])
    stored = (ROOT / "tests" / "data" / "realweb_gold.jsonl").read_text(encoding="utf-8")
    assert all("text" not in json.loads(line) for line in stored.splitlines())


REAL_WEB_FLOORS = {
    "fast": {"content_f1": 0.745, "content_p": 0.73, "e2e_f1": 0.69},
    "accurate": {"content_f1": 0.785, "content_p": 0.755, "e2e_f1": 0.715},
}
"""Measured (2026-12-04, ``min_score`` 0.5) on 20 pages, 328 attributions: fast content P/R/F1
0.742/0.771/0.756, e2e 0.703; accurate 0.766/0.829/0.796, e2e 0.726."""


@needs_pages
@pytest.mark.slow
@pytest.mark.parametrize("engine", sorted(REAL_WEB_FLOORS))
def test_real_web_accuracy_floor(engine):
    if engine == "accurate" and not available():
        pytest.skip("the accurate engine's extra is not installed")
    assert_floors(realweb.score(engine), REAL_WEB_FLOORS[engine], engine)


def test_training_record_moves_annotations_onto_the_text_detection_reads(tmp_path, monkeypatch):
    (tmp_path / "p.html").write_bytes(PAGE)
    monkeypatch.setattr(realweb, "PAGES", tmp_path)
    page = realweb.compile_page("p", ANN)
    rec = realweb.training_record({**page, "text": realweb.reference("p")})
    text = rec["text"]
    assert "Mayor closes bridge" not in text and "Home" not in text and "2024" not in text  # headline, furniture
    show = lambda span: text[span[0] : span[1]]  # noqa: E731
    first, second = rec["attributions"]
    assert (show(first["source"]), show(first["cue"]), show(first["content"])) == (
        "the mayor",
        "said",
        "The bridge will close for a month",
    )
    # quotation marks are not words: the alignment leaves them, the move widens over them
    assert [show(p) for p in second["content_parts"]] == ["“It is not safe,”", "“We have no choice.”"]
    assert show(second["content"]).startswith("“It is") and second["kind"] == "partial"
