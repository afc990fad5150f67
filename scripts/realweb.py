"""Score newslib on real web pages annotated by reading (``../shared/realweb``).

The annotations (``tests/data/realweb_gold.jsonl``) are offsets into each page's *reference
text*: every visible text node of the saved HTML, one block element a line (``page_text``),
with a SHA-256 of that text. The text itself is never stored (the pages belong to their
publishers); it is rebuilt from the page and checked against the hash, so an annotation can
never silently drift onto other words.

The reference text is the whole page, not an extractor's guess, so one set of annotations
measures both stages:

- **extraction**: the annotator marked the article body (``body`` spans); newslib's extracted
  text is aligned to the page word by word, and each extractor is scored on body words kept
  (recall) and on the words it hands to attribution as body that are not body (precision);
- **attribution**: newslib analyses the page as a user would (``read_html``); its spans are
  mapped through the same alignment onto the reference text and scored with the reference
  scorer (``../shared/gold/score.py``), so an attribution lost by extraction counts as missed.

Usage::

    python scripts/realweb.py text NAME [-o FILE]     # the reference text, to annotate by reading
    python scripts/realweb.py compile DIR              # DIR/NAME.json (strings) -> gold offsets
    python scripts/realweb.py score [--engine accurate] [--by-kind] [--pages]
    python scripts/realweb.py extraction               # body precision/recall of the extractors
    python scripts/realweb.py training OUT.jsonl [--pages A,B]  # the pages as training gold

``training`` writes the annotated pages as a gold JSONL file for the engines' training commands
(outside the repository: it holds the pages' text), as detection reads them (see
:func:`training_record`).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import re
import sys
from collections.abc import Iterator
from difflib import SequenceMatcher
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PAGES = SHARED / "realweb" / "pages"
GOLD = ROOT / "tests" / "data" / "realweb_gold.jsonl"

_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "head",
    "iframe",
    "select",
    "button",
    "object",
    "canvas",
    "math",
}
_BLOCK = {
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
}
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_WORD = re.compile(r"\w+")


# ---- the reference text ------------------------------------------------------------------


def page_text(html: bytes) -> str:
    """Every visible text node of the page, one block a line, spaces collapsed.

    Deliberately dumb: no scoring of what is article and what is furniture, so it contains the
    whole article and everything around it, and does not change when newslib's extraction does.
    Read with the standard library's HTML tokenizer (no tree building that a new release of a
    parser could change), so the text, and the annotations' hash, hold from machine to machine.
    """
    reader = _Visible()
    reader.feed(_decode(html))
    reader.close()
    _flush(reader.lines, reader.current)
    return "\n".join(reader.lines) + "\n"


def _decode(html: bytes) -> str:
    """UTF-8 when the bytes are UTF-8 (whatever the page declares), else the declared charset,
    else Windows-1252 (what browsers assume)."""
    try:
        return html.decode("utf-8")
    except UnicodeDecodeError:
        m = re.search(rb"charset=[\"']?([\w-]+)", html[:4096], re.IGNORECASE)
        try:
            return html.decode(m.group(1).decode("ascii") if m else "cp1252", errors="replace")
        except LookupError:
            return html.decode("cp1252", errors="replace")


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


class _Visible(HTMLParser):
    """Text outside skipped or hidden elements; a line break at every block element's edges."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, hides its content)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        hides = tag in _SKIP or "hidden" in a or bool(_HIDDEN.search(a.get("style") or ""))
        if tag in _BLOCK:
            _flush(self.lines, self.current)
        if tag not in _VOID:
            self.stack.append((tag, hides))

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK:
            _flush(self.lines, self.current)
        if any(t == tag for t, _ in self.stack):  # close it and what was left open inside it
            while self.stack and self.stack.pop()[0] != tag:
                pass

    def handle_data(self, data: str) -> None:
        if not any(hides for _, hides in self.stack):
            self.current.append(data)


def _flush(lines: list[str], current: list[str]) -> None:
    line = " ".join("".join(current).split())
    current.clear()
    if line:
        lines.append(line)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def reference(name: str) -> str:
    return page_text((PAGES / f"{name}.html").read_bytes())


# ---- compiling annotations written as strings into offsets ----------------------------------


def compile_page(name: str, ann: dict[str, Any]) -> dict[str, Any]:
    """Offsets for one page's annotation, written by its annotator as exact strings.

    ``body``: a list of ``[first words, last words]`` pairs, each a run of article lines.
    Each attribution gives ``content`` (a string, or a list of strings when a quote is
    interrupted), ``cue`` and ``source`` (strings or null), and ``near`` when the content string
    occurs more than once: a string that occurs once and that the content follows. The cue and
    the source are found closest to the content.
    """
    text = reference(name)
    body = [_body_span(text, first, last) for first, last in ann["body"]]
    atts = [_attribution(text, a, body) for a in ann["attributions"]]
    return {"id": name, "sha256": digest(text), "body": body, "attributions": sorted(atts, key=lambda a: _anchor(a))}


def _anchor(a: dict[str, Any]) -> tuple[int, int]:
    span = a["content"] or a["cue"]
    return (span[0], span[1])


def _find_all(text: str, s: str, lo: int = 0, hi: int | None = None) -> list[int]:
    hi = len(text) if hi is None else hi
    out, k = [], text.find(s, lo, hi)
    while k != -1 and k + len(s) <= hi:
        out.append(k)
        k = text.find(s, k + 1, hi)
    return out


def _unique(text: str, s: str, lo: int = 0, where: str = "") -> int:
    hits = _find_all(text, s, lo)
    if not hits:
        raise SystemExit(f"{where}: not found: {s!r}")
    if len(hits) > 1 and lo == 0:
        raise SystemExit(f"{where}: {len(hits)} matches (add 'near'): {s!r}")
    return hits[0]


def _body_span(text: str, first: str, last: str) -> list[int]:
    s = _unique(text, first, where="body start")
    e = _unique(text, last, s, where="body end") + len(last)
    return [s, e]


def _attribution(text: str, a: dict[str, Any], body: list[list[int]]) -> dict[str, Any]:
    where = json.dumps(a, ensure_ascii=False)[:120]
    lo = _unique(text, a["near"], where=where) if a.get("near") else 0
    parts: list[list[int]] = []
    contents = a.get("content")
    contents = [contents] if isinstance(contents, str) else (contents or [])
    for i, c in enumerate(contents):
        if i == 0:
            hits = _find_all(text, c, lo)
            if not hits or (len(hits) > 1 and not a.get("near")):
                raise SystemExit(f"{where}: content {'not found' if not hits else 'ambiguous'}")
            k = hits[0]
        else:
            k = _unique(text, c, parts[-1][1], where=where)
        parts.append([k, k + len(c)])
    around = parts or [[lo, lo]]
    out: dict[str, Any] = {
        "content": [parts[0][0], parts[-1][1]] if parts else None,
        "cue": _nearest(text, a.get("cue"), around, where),
        "source": _nearest(text, a.get("source"), around, where),
    }
    if len(parts) > 1:
        out["content_parts"] = parts
    out["kind"] = kind(text, out, a.get("agency", False), a.get("no_comment", False))
    return out


def _nearest(text: str, s: str | list[str] | None, parts: list[list[int]], where: str) -> list[int] | None:
    """The occurrence of ``s`` closest to the content, never inside one of its parts.

    ``s`` may be ``[string, context]``: the context occurrence closest to the content is found
    first, and the string inside it (where several occurrences would be equally close).
    """
    if not s:
        return None
    lo, hi = parts[0][0], parts[-1][1]
    word, context = (s[0], s[1]) if isinstance(s, list) else (s, s)

    def gap(h: int) -> int:
        return max(lo - (h + len(context)), h - hi, 0)

    hits = [h for h in _find_all(text, context, max(0, lo - 600), hi + 600)]
    spans = [(h + context.find(word), h + context.find(word) + len(word)) for h in hits]
    ok = [
        h
        for h, (ws, we) in zip(hits, spans, strict=True)
        if word in context and _whole(text, ws, we) and not any(ws < pe and we > ps for ps, pe in parts)
    ]
    if not ok:
        raise SystemExit(
            f"{where}: not found near the content (outside it): {s!r}; to pick an "
            "occurrence give [string, longer context containing it], see GUIDE.md"
        )
    k = min(ok, key=gap) + context.find(word)
    return [k, k + len(word)]


def _whole(text: str, s: int, e: int) -> bool:
    """``text[s:e]`` does not start or end inside a word ("he" in "There")."""
    inside_left = s > 0 and text[s - 1].isalnum() and text[s].isalnum()
    inside_right = e < len(text) and text[e].isalnum() and text[e - 1].isalnum()
    return not (inside_left or inside_right)


_QUOTES = '"“”«»'


def kind(text: str, a: dict[str, Any], agency: bool, no_comment: bool) -> str:
    """The kind, derived from the spans as the PolNeAR files derive it."""
    content = text[a["content"][0] : a["content"][1]] if a["content"] else ""
    cue = text[a["cue"][0] : a["cue"][1]].lower() if a["cue"] else ""
    if agency:
        return "agency"
    if no_comment:
        return "no_comment"
    if "according to" in cue:
        return "according_to"
    if (
        content
        and content[0] in _QUOTES
        and content.rstrip(".,")[-1:] in _QUOTES
        and not any(q in content[1:-1].replace("’", "") for q in '"“”')
    ):
        return "direct"
    if any(q in content for q in _QUOTES):
        return "partial"
    return "indirect" if content else "other"


# ---- aligning newslib's text to the reference text -----------------------------------------


def align(ref: str, other: str) -> list[int | None]:
    """For each character of ``other``, its offset in ``ref`` (None where it has none).

    Words are matched in order (difflib on the word sequences); characters inside a matched
    word map one to one, and a span's ends snap to the nearest mapped character.
    """
    rw = [(m.start(), m.group()) for m in _WORD.finditer(ref)]
    ow = [(m.start(), m.group()) for m in _WORD.finditer(other)]
    out: list[int | None] = [None] * (len(other) + 1)
    sm = SequenceMatcher(None, [w for _, w in rw], [w for _, w in ow], autojunk=False)
    for i, j, n in sm.get_matching_blocks():
        for k in range(n):
            (rs, word), (os_, _) = rw[i + k], ow[j + k]
            for c in range(len(word)):
                out[os_ + c] = rs + c
    return out


def map_span(mapping: list[int | None], start: int, end: int) -> tuple[int, int] | None:
    s = next((mapping[i] for i in range(start, end) if mapping[i] is not None), None)
    e = next((mapping[i] for i in range(end - 1, start - 1, -1) if mapping[i] is not None), None)
    if s is None or e is None or e < s:
        return None
    return (s, e + 1)


# ---- scoring ---------------------------------------------------------------------------------


def gold_pages(path: Path = GOLD) -> Iterator[dict[str, Any]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            page = json.loads(line)
            text = reference(page["id"])
            if digest(text) != page["sha256"]:
                raise SystemExit(f"{page['id']}: the page's reference text changed (hash differs)")
            yield {**page, "text": text, "attributions": [_named(text, a) for a in page["attributions"]]}


def _named(text: str, a: dict[str, Any]) -> dict[str, Any]:
    """The annotated source's words as its name, as PolNeAR gives a canonical ``source_name``:
    the scorer then counts a speaker resolved to the same name ("Werner" for "Jamie Werner") as
    right where newslib's source span lies elsewhere."""
    src = a.get("source")
    return {**a, "source_name": text[src[0] : src[1]]} if src else a


def predict(page: dict[str, Any], engine: str) -> dict[str, Any]:
    """newslib on the page as a user runs it, its spans moved onto the reference text."""
    import newslib
    from newslib.reading import read_html

    article = read_html((PAGES / f"{page['id']}.html").read_bytes(), id=page["id"])
    analysis = newslib.analyze(article, engine=engine)
    mapping = align(page["text"], article.text)
    headlines = [(p.start, p.end) for p in article.paragraphs if p.role == "headline"]
    out = []
    for rec in analysis.to_dict()["attributions"]:
        anchor = rec.get("content") or rec.get("cue")
        if anchor and any(s <= anchor["start"] < e for s, e in headlines):
            continue  # headlines were not annotated here (PolNeAR annotates them): left out, not wrong
        moved = {"kind": rec.get("kind"), "speaker": rec.get("speaker"), "score": rec.get("score")}
        for field in ("content", "cue", "source"):
            span = rec.get(field)
            m = map_span(mapping, span["start"], span["end"]) if span else None
            moved[field] = {"start": m[0], "end": m[1]} if m else None
        out.append(moved)
    return {"id": page["id"], "attributions": out}


@lru_cache(maxsize=1)
def _scorer() -> Any:
    """The reference scorer (``../shared/gold/score.py``), loaded once."""
    spec = importlib.util.spec_from_file_location("gold_score", SHARED / "gold" / "score.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def score(engine: str, by_kind: bool = False) -> dict[str, Any]:
    """The reference scorer's figures, with the calibration of the scores on these pages."""
    from newslib.evaluation import score as newslib_score

    pages = list(gold_pages())
    preds = {p["id"]: predict(p, engine) for p in pages}
    out = _scorer().score(pages, preds, by_kind=by_kind)
    mine = newslib_score(pages, preds, errors=False)
    out["ece"], out["reliability"] = mine.get("ece"), mine.get("reliability")
    return out


# ---- the pages as training data ----------------------------------------------------------------


def training_record(page: dict[str, Any]) -> dict[str, Any]:
    """One annotated page as a gold record of the training format (``../shared/gold``).

    The text is what detection reads: newslib's extraction of the page, its body and subheading
    paragraphs only (headlines were not annotated here; PolNeAR annotates them, so leaving them
    in as unmarked text would teach the opposite). The annotations are moved onto it through the
    word alignment; one that extraction lost is left out.
    """
    from newslib.reading import read_html

    article = read_html((PAGES / f"{page['id']}.html").read_bytes(), id=page["id"])
    kept = [article.text[p.start : p.end] for p in article.paragraphs if p.role in ("body", "subheading")]
    text = "\n\n".join(kept)
    back: dict[int, int] = {}
    for i, r in enumerate(align(page["text"], text)[: len(text)]):
        if r is not None:
            back.setdefault(r, i)
    atts = [a for a in (_moved(page["text"], text, back, a) for a in page["attributions"]) if a]
    return {"id": page["id"], "text": text, "attributions": atts}


def _moved(ref: str, text: str, back: dict[int, int], a: dict[str, Any]) -> dict[str, Any] | None:
    """Attribution ``a`` (offsets into ``ref``) with its spans in ``text``; None if its content
    (or, with none, its cue) did not survive extraction."""
    out: dict[str, Any] = {"kind": a["kind"]}
    for field in ("source", "cue", "content"):
        out[field] = _moved_span(ref, text, back, a.get(field))
    if a.get("content_parts"):
        parts = [_moved_span(ref, text, back, x) for x in a["content_parts"]]
        if all(parts):
            out["content_parts"] = parts
    if (a.get("content") and not out["content"]) or (a.get("cue") and not out["cue"] and not out["content"]):
        return None
    return out


def _moved_span(ref: str, text: str, back: dict[int, int], span: list[int] | None) -> list[int] | None:
    """``span`` of ``ref`` in ``text``: its first and last aligned characters, widened over the
    same punctuation either side (quotation marks are not words, and belong to a content)."""
    if not span:
        return None
    hits = [back[k] for k in range(span[0], span[1]) if k in back]
    if not hits:
        return None
    s, e = hits[0], hits[-1] + 1
    lead = next(k for k in range(span[0], span[1]) if k in back) - span[0]
    trail = span[1] - 1 - next(k for k in range(span[1] - 1, span[0] - 1, -1) if k in back)
    while lead and s and text[s - 1] == ref[span[0] + lead - 1]:
        s, lead = s - 1, lead - 1
    while trail and e < len(text) and text[e] == ref[span[1] - trail]:
        e, trail = e + 1, trail - 1
    return [s, e]


def _write_training(out: Path, names: str | None) -> None:
    chosen = set(names.split(",")) if names else None
    pages = [p for p in gold_pages() if chosen is None or p["id"] in chosen]
    records = [training_record(p) for p in pages]
    out.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records), encoding="utf-8")
    n = sum(len(r["attributions"]) for r in records)
    print(f"{out}: {len(records)} pages, {n} attributions (of {sum(len(p['attributions']) for p in pages)})")


# ---- extraction --------------------------------------------------------------------------------


def extractors() -> dict[str, Any]:
    import trafilatura

    from newslib.reading import read_html

    def newslib_body(html: bytes) -> str:
        article = read_html(html)
        return "\n".join(article.text[p.start : p.end] for p in article.paragraphs if p.role == "body")

    return {
        "newslib (body paragraphs)": newslib_body,
        "newslib (all extracted text)": lambda html: read_html(html).text,
        "trafilatura defaults": lambda html: trafilatura.extract(html) or "",
        "trafilatura precision": lambda html: (
            trafilatura.extract(html, include_comments=False, favor_precision=True) or ""
        ),
    }


def extraction_scores(page: dict[str, Any], text: str) -> tuple[int, int, int]:
    """(body words kept, words given that are not body, body words) for one extractor's text."""
    ref = page["text"]
    body = {m.start() for s, e in page["body"] for m in _WORD.finditer(ref, s, e)}
    mapping = align(ref, text)
    given = {mapping[m.start()] for m in _WORD.finditer(text)}
    unmatched = sum(1 for m in _WORD.finditer(text) if mapping[m.start()] is None)
    kept = len(body & given)
    return kept, len(given - body - {None}) + unmatched, len(body)


def main(argv: list[str] | None = None) -> int:
    from newslib.attribution.engines import DEFAULT_ENGINE, ENGINES  # the engine names and default live there

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("text")
    t.add_argument("name")
    t.add_argument("-o", "--output")
    c = sub.add_parser("compile")
    c.add_argument("folder")
    k = sub.add_parser("check", help="compile one annotation file and print what it marks")
    k.add_argument("file")
    s = sub.add_parser("score")
    s.add_argument("--engine", default=DEFAULT_ENGINE, choices=ENGINES)
    s.add_argument("--by-kind", action="store_true")
    s.add_argument("--pages", action="store_true", help="one line of figures a page")
    sub.add_parser("extraction")
    tr = sub.add_parser("training", help="the annotated pages as a gold JSONL file for training")
    tr.add_argument("out")
    tr.add_argument("--pages", help="comma-separated page names (default: every annotated page)")
    args = ap.parse_args(argv)
    if args.cmd == "text":
        text = reference(args.name)
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    elif args.cmd == "compile":
        _compile(Path(args.folder))
    elif args.cmd == "check":
        _check(Path(args.file))
    elif args.cmd == "score":
        _print_score(args.engine, args.by_kind, args.pages)
    elif args.cmd == "training":
        _write_training(Path(args.out), args.pages)
    else:
        _print_extraction()
    return 0


def _compile(folder: Path) -> None:
    lines = []
    for path in sorted(folder.glob("*.json")):
        page = compile_page(path.stem, json.loads(path.read_text(encoding="utf-8")))
        lines.append(json.dumps(page, sort_keys=True))
        print(f"{path.stem}: {len(page['attributions'])} attributions, {len(page['body'])} body runs")
    GOLD.parent.mkdir(parents=True, exist_ok=True)
    GOLD.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _check(path: Path) -> None:
    page = compile_page(path.stem, json.loads(path.read_text(encoding="utf-8")))
    text = reference(path.stem)
    show = lambda span: text[span[0] : span[1]] if span else None  # noqa: E731
    for s, e in page["body"]:
        print(f"BODY {s}-{e}: {text[s : s + 50]!r} ... {text[e - 50 : e]!r}")
    for a in page["attributions"]:
        print(
            f"{a['kind']:12} source={show(a['source'])!r} cue={show(a['cue'])!r} "
            f"content={(show(a['content']) or '')[:70]!r}"
        )
    print(f"{len(page['attributions'])} attributions")


def _print_score(engine: str, by_kind: bool, per_page: bool) -> None:
    if per_page:
        for page in gold_pages():
            r = _scorer().score([page], {page["id"]: predict(page, engine)})
            print(
                f"{page['id']:16} gold {r['gold']:3} pred {r['pred']:3} "
                f"P {r['content_p']:.2f} R {r['content_r']:.2f} F1 {r['content_f1']:.2f}"
            )
    print(json.dumps(score(engine, by_kind), indent=1, sort_keys=True))


def _print_extraction() -> None:
    pages = list(gold_pages())
    print(f"{'extractor':30} {'precision':>9} {'recall':>7} {'F1':>5}   (body words, {len(pages)} pages)")
    for label, fn in extractors().items():
        kept = wrong = total = 0
        for page in pages:
            k, w, n = extraction_scores(page, fn((PAGES / f"{page['id']}.html").read_bytes()))
            kept, wrong, total = kept + k, wrong + w, total + n
        p, r = kept / max(1, kept + wrong), kept / max(1, total)
        print(f"{label:30} {p:9.3f} {r:7.3f} {2 * p * r / max(1e-9, p + r):5.3f}")


if __name__ == "__main__":
    raise SystemExit(main())
