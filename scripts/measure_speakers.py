"""Measure speaker identity: is each attribution credited to the right person, by a name that
names them the same way in every article?

Gold: ``tests/data/speakers_polnear_dev.jsonl`` (25 PolNeAR dev articles) and
``tests/data/speakers_realweb.jsonl`` (the real-web pages), written by reading: for each gold
attribution (index ``i`` into the gold file's ``attributions``) the canonical speaker ``name``
(a person's full name, spelt the same in every article; an organisation's usual name; an
unnamed source's head phrase; null when the text gives none), its ``type`` (``person``,
``organisation``, ``unnamed_individual``, ``unnamed_group``, ``document``, ``none``), a person's
``gender`` and ``by`` (how the source span names them: ``name``, ``pronoun``, ``role``,
``none``). No article text is stored in them.

newslib analyses each article (PolNeAR: the gold record read as ``newslib.evaluation`` reads
it; real web: the saved page read as a user would, its spans moved onto the reference text by
``scripts/realweb.py``); predictions are paired with gold attributions by content exactly as
the reference scorer (``../shared/gold/score.py``) pairs them, and for the pairs whose gold
speaker is a person we count:

- ``name_exact``: the normalised predicted name equals the normalised gold name (see
  :func:`norm_name`: diacritics, case, possessive, honorifics and titles, middle initials,
  suffixes and punctuation do not count);
- ``right_person``: the gold surname (its last word) is a word of the predicted name;
- ``wrong_person``: a predicted name without the gold surname; ``unresolved``: no speaker;
- identity across articles, B-cubed over the paired person attributions: gold clusters by gold
  name, predicted ones by ``speaker.person`` (else the referenced source's ``person``, else the
  normalised name), an unresolved prediction a cluster of its own;
- gender: the share of gold persons with a gender whose prediction gives one
  (``speaker.gender``, else the referenced source's), and the share of those right.

Also ``junk_names`` (over every predicted attribution with a speaker: a pronoun, a bare title
or honorific, or one lower-case word as the name) and, for the other gold types, the share of
pairs whose predicted speaker shares a word (three letters or more) with the gold name.

Usage::

    python scripts/measure_speakers.py [--engine fast|accurate] [--set polnear|realweb|all] [--errors]

``--errors`` lists the person mismatches (article, gold name, predicted name, the short gold
and predicted source texts) for error analysis in a terminal; never write that listing into
the repository (the articles are copyrighted).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
POLNEAR_GOLD = SHARED / "gold" / "polnear_dev.jsonl"
POLNEAR_SPEAKERS = ROOT / "tests" / "data" / "speakers_polnear_dev.jsonl"
REALWEB_SPEAKERS = ROOT / "tests" / "data" / "speakers_realweb.jsonl"

HONORIFICS = frozenset("mr mrs ms miss mx dr prof sir dame rev".split())
TITLES = (
    frozenset(
        """
    president vice prime minister ministers secretary sen senator senators rep reps representative
    congressman congresswoman gov governor lt gen general col colonel capt captain sgt adm admiral
    maj major judge justice chief lord lady mayor attorney chancellor ambassador commissioner
    director chairman chairwoman chair speaker leader former the a an then acting deputy assistant
    state press spokesman spokeswoman spokesperson officer detective inspector sheriff pope father
    king queen prince princess saint st fr rabbi imam bishop archbishop cardinal pastor
    """.split()
    )
    | HONORIFICS
)
SUFFIXES = frozenset("jr sr ii iii iv".split())
PRONOUNS = frozenset(
    """
    i me my mine he him his she her hers they them their theirs it its we us our ours you your yours
    who whom whose which that this these those one someone somebody himself herself themselves itself
    """.split()
)
WORD3 = re.compile(r"\w{3,}")
INITIAL = re.compile(r"^(?:[A-Z]\.?)+$")


SCORES = ROOT / "newslib" / "data" / "speaker_scores.tsv"


def reference_scorer() -> Any:
    """``../shared/gold/score.py``, loaded once by ``scripts/realweb.py`` (its ``_span`` and
    ``overlap`` pair contents)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import realweb

    return realweb._scorer()


# ---- names -------------------------------------------------------------------------------------


def _words(name: str | None) -> list[str]:
    """Lower-case ASCII-folded words of ``name``, possessive ``'s`` and punctuation dropped."""
    if not name:
        return []
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("’", "'").replace("‘", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"s'(?=\s|$)", "s", s)
    return re.sub(r"[^\w]+|_", " ", s).split()


def norm_name(name: str | None) -> str:
    """The name as compared: no diacritics, lower case, no possessive, no leading honorifics or
    titles ("Mr.", "Sen.", "the former president"), no middle initials or suffixes ("Jr."),
    punctuation and spaces collapsed. ``"Sen. Laurence H. Tribe's"`` -> ``"laurence tribe"``.
    A name made only of titles keeps its last word (``"the President"`` -> ``"president"``)."""
    raw = (name or "").split()
    while len(raw) > 1 and all(w in TITLES for w in _words(raw[0])):
        raw.pop(0)
    while len(raw) > 1 and all(w in SUFFIXES for w in _words(raw[-1])):
        raw.pop()
    if len(raw) > 2:  # middle initials ("H.", "J", "A.B."), not one-letter particles ("O'Dell")
        raw = raw[:1] + [w for w in raw[1:-1] if not INITIAL.match(w)] + raw[-1:]
    words = _words(" ".join(raw))
    return " ".join(words)


def surname(name: str | None) -> str:
    """The last word of the normalised name ("" for none)."""
    words = norm_name(name).split()
    return words[-1] if words else ""


def same_name(pred: str | None, gold: str | None) -> bool:
    return bool(pred) and norm_name(pred) == norm_name(gold)


def right_person(pred: str | None, gold: str | None) -> bool:
    """The gold surname is a word of the predicted name."""
    s = surname(gold)
    return bool(s) and s in _words(pred)


def is_junk(name: str | None) -> bool:
    """A pronoun, a bare title or honorific ("Mr", "the minister"), or one lower-case word."""
    if not name or not name.strip():
        return False
    raw = name.split()
    words = _words(name)
    if not words:
        return True
    if len(words) == 1 and words[0] in PRONOUNS:
        return True
    if all(w in TITLES for w in words):
        return True
    return len(raw) == 1 and raw[0].islower()


def shares_word(pred: str | None, gold: str | None) -> bool:
    return bool(set(WORD3.findall((pred or "").lower())) & set(WORD3.findall((gold or "").lower())))


def bcubed(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of clustering ``pred`` against ``gold``: item ``k``
    belongs to cluster ``gold[k]`` and to cluster ``pred[k]``. Empty input: all zero."""
    n = len(gold)
    if n == 0:
        return 0.0, 0.0, 0.0
    both = Counter(zip(gold, pred, strict=True))
    g_size, p_size = Counter(gold), Counter(pred)
    p = sum(both[(g, q)] / p_size[q] for g, q in zip(gold, pred, strict=True)) / n
    r = sum(both[(g, q)] / g_size[g] for g, q in zip(gold, pred, strict=True)) / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# ---- predictions -------------------------------------------------------------------------------


def _speaker(rec: dict[str, Any], sources: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """name / person / gender of one predicted attribution (``{}`` when it has no speaker)."""
    sp = rec.get("speaker") or {}
    if not sp:
        return {}
    src = sources.get(sp.get("ref", ""), {})
    return {
        "name": sp.get("name") or src.get("name"),
        "person": sp.get("person") or src.get("person"),
        "gender": sp.get("gender") or src.get("gender"),
        "category": src.get("category", "unknown"),
        "rule": rec.get("speaker_rule"),
        "score": rec.get("speaker_score"),
    }


def polnear_docs(ids: set[str], engine: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(gold record, predicted record) for the annotated PolNeAR articles, in file order."""
    import newslib
    from newslib.evaluation import read_gold
    from newslib.inputs import iter_articles
    from newslib.model import ArticleFailure

    gold = {d["id"]: d for d in read_gold(POLNEAR_GOLD) if d["id"] in ids}
    out = []
    for art in iter_articles([str(POLNEAR_GOLD)]):
        if isinstance(art, ArticleFailure) or art.id not in gold:
            continue
        out.append((gold[art.id], newslib.analyze(art, engine=engine).to_dict()))
    return out


def realweb_docs(ids: set[str], engine: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(page, predicted record with spans on the reference text) for the annotated pages, read
    and aligned with ``scripts/realweb.py``'s functions as its scorer does."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import realweb

    import newslib
    from newslib.reading import read_html

    out = []
    for page in realweb.gold_pages():
        if page["id"] not in ids:
            continue
        article = read_html((realweb.PAGES / f"{page['id']}.html").read_bytes(), id=page["id"])
        d = newslib.analyze(article, engine=engine).to_dict()
        mapping = realweb.align(page["text"], article.text)
        headlines = [(p.start, p.end) for p in article.paragraphs if p.role == "headline"]
        atts = []
        for rec in d["attributions"]:
            anchor = rec.get("content") or rec.get("cue")
            if anchor and any(s <= anchor["start"] < e for s, e in headlines):
                continue  # as realweb.predict: headlines were not annotated on these pages
            moved = dict(rec)
            for field in ("content", "cue", "source"):
                span = rec.get(field)
                m = realweb.map_span(mapping, span["start"], span["end"]) if span else None
                moved[field] = {"start": m[0], "end": m[1], "text": page["text"][m[0] : m[1]]} if m else None
            atts.append(moved)
        out.append((page, {"id": page["id"], "attributions": atts, "sources": d.get("sources", [])}))
    return out


def pair(text: str, golds: Sequence[dict[str, Any]], preds: Sequence[dict[str, Any]]) -> dict[int, int]:
    """gold index -> predicted index, paired as the reference scorer pairs them: contents (the
    cue where the gold has none) sharing at least half of the larger one's tokens, greedily by
    best overlap, each used once."""
    sc = reference_scorer()
    pairs = []
    for gi, g in enumerate(golds):
        gc, gq = sc._span(g.get("content")), sc._span(g.get("cue"))
        for pi, p in enumerate(preds):
            pc, pq = sc._span(p.get("content")), sc._span(p.get("cue"))
            ov = sc.overlap(text, gc, pc) if gc else sc.overlap(text, gq, pq)
            if ov >= 0.5:
                pairs.append((ov, gi, pi))
    used_p: set[int] = set()
    out: dict[int, int] = {}
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi not in out and pi not in used_p:
            out[gi] = pi
            used_p.add(pi)
    return out


# ---- measuring -----------------------------------------------------------------------------------


def rows(
    docs: Iterable[tuple[dict[str, Any], dict[str, Any]]], speakers: dict[str, list[dict[str, Any]]], label: str
) -> tuple[list[dict[str, Any]], list[str | None]]:
    """One row a gold attribution (its gold speaker, the paired prediction's speaker or None),
    and every predicted speaker name (for ``junk_names``)."""
    out, names = [], []
    for gold, pred in docs:
        text = gold["text"]
        sources = {s["id"]: s for s in pred.get("sources", [])}
        preds = pred["attributions"]
        for rec in preds:
            sp = _speaker(rec, sources)
            if sp:
                names.append(sp.get("name"))
        paired = pair(text, gold["attributions"], preds)
        if len(speakers[gold["id"]]) != len(gold["attributions"]):
            raise SystemExit(
                f"{gold['id']}: {len(speakers[gold['id']])} gold speakers for {len(gold['attributions'])} attributions"
            )
        for g in speakers[gold["id"]]:
            ga = gold["attributions"][g["i"]]
            pi = paired.get(g["i"])
            prec = preds[pi] if pi is not None else None
            gsrc, psrc = ga.get("source"), (prec or {}).get("source")
            out.append(
                {
                    "set": label,
                    "id": gold["id"],
                    "i": g["i"],
                    "gold": g,
                    "matched": prec is not None,
                    "pred": _speaker(prec, sources) if prec else {},
                    "gold_source": text[gsrc[0] : gsrc[1]] if gsrc else None,
                    "pred_source": psrc.get("text") if psrc else None,
                }
            )
    return out, names


def measure(rs: Sequence[dict[str, Any]], names: Sequence[str | None]) -> dict[str, Any]:
    m: dict[str, Any] = {"gold": len(rs), "matched": sum(r["matched"] for r in rs)}
    person = [r for r in rs if r["matched"] and r["gold"]["type"] == "person"]
    m["person_gold"] = sum(r["gold"]["type"] == "person" for r in rs)
    m["person"] = n = len(person)
    c = Counter()
    for r in person:
        pn, gn = r["pred"].get("name"), r["gold"]["name"]
        c["name_exact"] += same_name(pn, gn)
        if not pn:
            c["unresolved"] += 1
        elif right_person(pn, gn):
            c["right_person"] += 1
        else:
            c["wrong_person"] += 1
    for k in ("name_exact", "right_person", "wrong_person", "unresolved"):
        m[k] = c[k] / n if n else 0.0
    m["junk_names"] = sum(map(is_junk, names)) / len(names) if names else 0.0
    m["speakers"] = len(names)
    gold_keys = [norm_name(r["gold"]["name"]) for r in person]
    pred_keys: list[Hashable] = []
    for k, r in enumerate(person):
        p = r["pred"]
        key = p.get("person") or (norm_name(p.get("name")) if p.get("name") else None)
        pred_keys.append(key if key else ("unresolved", k))
    m["b3_p"], m["b3_r"], m["b3_f1"] = bcubed(gold_keys, pred_keys)
    gendered = [r for r in person if r["gold"].get("gender")]
    given = [r for r in gendered if r["pred"].get("gender")]
    m["gender_gold"] = len(gendered)
    m["gender_given"] = len(given) / len(gendered) if gendered else 0.0
    m["gender_right"] = sum(r["pred"]["gender"] == r["gold"]["gender"] for r in given) / len(given) if given else 0.0
    m["by_type"] = {}
    for t in ("organisation", "unnamed_individual", "unnamed_group", "document", "none"):
        of = [r for r in rs if r["gold"]["type"] == t]
        hit = [r for r in of if r["matched"]]
        ok = (
            sum(shares_word(r["pred"].get("name"), r["gold"]["name"]) for r in hit)
            if t != "none"
            else sum(not r["pred"].get("name") for r in hit)
        )
        m["by_type"][t] = (len(of), len(hit), ok / len(hit) if hit else 0.0)
    return m


def speaker_right(r: dict[str, Any]) -> bool:
    """Whether a paired prediction's speaker is right: the gold person's surname in its name, or
    for an institution, group or document a word of the gold name."""
    pn, gold = r["pred"].get("name"), r["gold"]
    return right_person(pn, gold["name"]) if gold["type"] == "person" else shares_word(pn, gold["name"])


def _scored(rs: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Paired attributions with a predicted speaker and a gold one (type not ``none``)."""
    return [r for r in rs if r["matched"] and r["pred"].get("name") and r["gold"]["type"] != "none"]


def fit(rs: Sequence[dict[str, Any]]) -> str:
    """The rows of ``newslib/data/speaker_scores.tsv``: right and total by rule and category."""
    counts: Counter[tuple[str, str]] = Counter()
    right: Counter[tuple[str, str]] = Counter()
    for r in _scored(rs):
        key = (r["pred"].get("rule") or "named", r["pred"].get("category") or "unknown")
        counts[key] += 1
        right[key] += speaker_right(r)
    return "".join(f"{rule}\t{cat}\t{right[(rule, cat)]}\t{n}\n" for (rule, cat), n in sorted(counts.items()))


def reliability(rs: Sequence[dict[str, Any]]) -> str:
    """The speaker score's reliability: per score bin, speakers, mean score and share right."""
    bins: dict[int, list[tuple[float, bool]]] = {}
    for r in _scored(rs):
        score = r["pred"].get("score") or 0.0
        bins.setdefault(min(int(score * 10), 9), []).append((score, speaker_right(r)))
    lines, err, n = [], 0.0, sum(map(len, bins.values()))
    for b in sorted(bins):
        xs = bins[b]
        mean, share = sum(x for x, _ in xs) / len(xs), sum(ok for _, ok in xs) / len(xs)
        err += len(xs) / n * abs(mean - share)
        lines.append(f"  {b / 10:.1f}-{(b + 1) / 10:.1f}: {len(xs):4d}  {mean:.3f}  {share:.3f}")
    return f"speaker score reliability (ECE {err:.3f}; bin: speakers, mean score, share right)\n" + "\n".join(lines)


def format_table(label: str, m: dict[str, Any]) -> str:
    lines = [
        f"== {label}: {m['gold']} gold attributions, {m['matched']} paired; persons "
        f"{m['person']}/{m['person_gold']} paired; {m['speakers']} predicted speakers",
        f"  person  name_exact {m['name_exact']:.3f}  right_person {m['right_person']:.3f}  "
        f"wrong_person {m['wrong_person']:.3f}  unresolved {m['unresolved']:.3f}",
        f"  identity B3  P {m['b3_p']:.3f}  R {m['b3_r']:.3f}  F1 {m['b3_f1']:.3f}   junk_names {m['junk_names']:.3f}",
        f"  gender  given {m['gender_given']:.3f}  right {m['gender_right']:.3f}  (of {m['gender_gold']})",
    ]
    types = "  ".join(f"{t} {ok:.2f} ({hit}/{n})" for t, (n, hit, ok) in m["by_type"].items() if n)
    lines.append(f"  other types, predicted speaker shares a word (paired/gold): {types}")
    lines[-1] = lines[-1].replace("none ", "none[no speaker] ")
    return "\n".join(lines)


def format_errors(rs: Sequence[dict[str, Any]]) -> str:
    out = []
    for r in rs:
        if not (r["matched"] and r["gold"]["type"] == "person"):
            continue
        pn, gn = r["pred"].get("name"), r["gold"]["name"]
        if same_name(pn, gn):
            continue
        tag = "UNRESOLVED" if not pn else ("right" if right_person(pn, gn) else "WRONG")
        out.append(
            f"{tag:10} {r['id'][:40]:40} #{r['i']:<3} gold={gn!r} pred={pn!r} by={r['gold']['by']} "
            f"src={_short(r['gold_source'])!r} pred_src={_short(r['pred_source'])!r}"
        )
    return "\n".join(out)


def _short(s: str | None, n: int = 40) -> str | None:
    if s is None:
        return None
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def load_speakers(path: Path) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    """Gold speakers by article id, and the page hashes the real-web ones were written against."""
    out, hashes = {}, {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out[d["id"]] = d["speakers"]
            if d.get("sha256"):
                hashes[d["id"]] = d["sha256"]
    return out, hashes


def main(argv: list[str] | None = None) -> int:
    from newslib.attribution.engines import DEFAULT_ENGINE, REGISTRY  # the engine names and default live there

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--engine", default=DEFAULT_ENGINE, choices=tuple(REGISTRY))
    ap.add_argument("--set", default="all", choices=("polnear", "realweb", "all"))
    ap.add_argument("--errors", action="store_true", help="list person mismatches (terminal only)")
    ap.add_argument("--fit", action="store_true", help=f"write {SCORES.relative_to(ROOT)} from these sets")
    args = ap.parse_args(argv)
    wanted = ("polnear", "realweb") if args.set == "all" else (args.set,)
    all_rows: list[dict[str, Any]] = []
    all_names: list[str | None] = []
    for label in wanted:
        path = POLNEAR_SPEAKERS if label == "polnear" else REALWEB_SPEAKERS
        if not path.exists():
            print(f"== {label}: no {path.relative_to(ROOT)} yet, skipped")
            continue
        speakers, hashes = load_speakers(path)
        docs = (polnear_docs if label == "polnear" else realweb_docs)(set(speakers), args.engine)
        for gold, _ in docs:
            if gold["id"] in hashes and gold.get("sha256") != hashes[gold["id"]]:
                raise SystemExit(f"{gold['id']}: speakers written for another version of the page")
        rs, names = rows(docs, speakers, label)
        print(format_table(f"{label} ({args.engine})", measure(rs, names)))
        if args.errors:
            print(format_errors(rs))
        all_rows += rs
        all_names += names
    if len(wanted) > 1 and all_rows:
        m = measure(all_rows, all_names)
        print(
            f"== combined ({args.engine}): persons {m['person']}  name_exact {m['name_exact']:.3f}  "
            f"right {m['right_person']:.3f}  wrong {m['wrong_person']:.3f}  unresolved "
            f"{m['unresolved']:.3f}  B3 F1 {m['b3_f1']:.3f}  junk {m['junk_names']:.3f}  gender given "
            f"{m['gender_given']:.3f} right {m['gender_right']:.3f}"
        )
    print(reliability(all_rows))
    if args.fit:
        header = "".join(line for line in SCORES.read_text(encoding="utf-8").splitlines(True) if line.startswith("#"))
        SCORES.write_text(header + fit(all_rows), encoding="utf-8")
        print(f"wrote {SCORES.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
