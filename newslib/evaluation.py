"""Measure attribution detection against a gold JSONL file, as the reference scorer does.

:func:`evaluate` runs the pipeline over every article of a gold file and computes exactly the
figures of ``../shared/gold/score.py`` (content, end-to-end and exact F1, source and cue accuracy,
recall by kind) with the same algorithm, reimplemented here so nothing outside the package is
imported at run time. It adds what the scorer leaves out and a researcher needs to improve a
detector: the misses and false alarms of every kind, with offsets and short snippets.

Matching (from the reference): a prediction matches a gold attribution when their contents share
at least half of the larger one's ``\\w+`` tokens (gold attributions without content match on the
cue); pairs are taken greedily, best overlap first, each attribution used once. The source of a
matched pair is right when the spans overlap, both are absent, or the predicted speaker's name
shares a word (longer than two letters) with the gold source name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from .attribution.confidence import reliability
from .attribution.engines import DEFAULT_ENGINE
from .attribution.settings import AttributionSettings
from .reading import ReadError, json_line

_WORD = re.compile(r"\w+")

Pair = tuple[int, int]


def _span(x: Any) -> Pair | None:
    if x is None:
        return None
    if isinstance(x, Mapping):
        return (int(x["start"]), int(x["end"]))
    return (int(x[0]), int(x[1]))


def _tokens(text: str, span: Pair) -> set[Pair]:
    s, e = span
    return {(m.start() + s, m.end() + s) for m in _WORD.finditer(text[s:e])}


def overlap(text: str, a: Pair | None, b: Pair | None) -> float:
    """Word tokens shared divided by the larger span's token count (0..1), as the reference."""
    if a is None or b is None:
        return 0.0
    ta, tb = _tokens(text, a), _tokens(text, b)
    if not ta or not tb:
        return 1.0 if (a[0] < b[1] and b[0] < a[1]) else 0.0
    return len(ta & tb) / max(len(ta), len(tb))


def _names(s: str | None) -> set[str]:
    return {w.lower() for w in _WORD.findall(s or "") if len(w) > 2}


def _snippet(text: str, span: Pair | None, width: int = 70) -> str:
    if span is None:
        return ""
    s = text[span[0] : span[1]].replace("\n", " ")
    return s if len(s) <= width else s[: width - 20] + " … " + s[-15:]


def score(
    gold_docs: Sequence[Mapping[str, Any]], pred_docs: Mapping[str, Mapping[str, Any]], errors: bool = True
) -> dict[str, Any]:
    """The reference scorer's figures (with ``recall_by_kind``), plus per-kind error listings."""
    tot = dict(gold=0, pred=0, match=0, exact=0, source=0, cue=0, e2e=0)
    kinds: dict[str, list[int]] = {}
    scored: list[tuple[float, bool]] = []
    misses: dict[str, list[dict[str, Any]]] = {}
    false_alarms: dict[str, list[dict[str, Any]]] = {}
    for doc in gold_docs:
        text = doc["text"]
        preds = pred_docs.get(doc["id"], {}).get("attributions", [])
        golds = doc["attributions"]
        tot["gold"] += len(golds)
        tot["pred"] += len(preds)
        pairs = match(text, golds, preds)
        used_g = {gi for _, gi, _ in pairs}
        used_p = {pi for _, _, pi in pairs}
        scored.extend(
            (float(p.get("score", 0.0)), pi in used_p) for pi, p in enumerate(preds) if p.get("score") is not None
        )
        for ov, gi, pi in pairs:
            g, p = golds[gi], preds[pi]
            tot["match"] += 1
            if ov >= 0.999:
                tot["exact"] += 1
            gs, ps = _span(g.get("source")), _span(p.get("source"))
            name = (p.get("speaker") or {}).get("name")
            src_ok = (
                (gs is None and ps is None)
                or overlap(text, gs, ps) > 0
                or bool(g.get("source_name") and _names(g["source_name"]) & _names(name))
            )
            cue_ok = overlap(text, _span(g.get("cue")), _span(p.get("cue"))) > 0
            tot["source"] += src_ok
            tot["cue"] += cue_ok
            tot["e2e"] += src_ok
            k = kinds.setdefault(g.get("kind", "?"), [0, 0, 0])
            k[1] += 1
            k[2] += src_ok
        for g in golds:
            kinds.setdefault(g.get("kind", "?"), [0, 0, 0])[0] += 1
        if errors:
            for gi, g in enumerate(golds):
                if gi not in used_g:
                    misses.setdefault(g.get("kind", "?"), []).append(_error(doc, g))
            for pi, p in enumerate(preds):
                if pi not in used_p:
                    false_alarms.setdefault(p.get("kind", "?"), []).append(_error(doc, p))

    def f1(tp: int, gold: int, pred: int) -> tuple[float, float, float]:
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    out: dict[str, Any] = {}
    out["content_p"], out["content_r"], out["content_f1"] = f1(tot["match"], tot["gold"], tot["pred"])
    out["e2e_p"], out["e2e_r"], out["e2e_f1"] = f1(tot["e2e"], tot["gold"], tot["pred"])
    out["exact_f1"] = f1(tot["exact"], tot["gold"], tot["pred"])[2]
    out["source_acc"] = tot["source"] / tot["match"] if tot["match"] else 0.0
    out["cue_acc"] = tot["cue"] / tot["match"] if tot["match"] else 0.0
    out.update({k: tot[k] for k in ("gold", "pred", "match")})
    out["recall_by_kind"] = {k: f"{v[1]}/{v[0]} matched, {v[2]} with source" for k, v in kinds.items()}
    if scored:
        out["reliability"], out["ece"] = reliability(scored)
    if errors:
        out["errors"] = {"misses": misses, "false_alarms": false_alarms}
    return out


def match(
    text: str, golds: Sequence[Mapping[str, Any]], preds: Sequence[Mapping[str, Any]]
) -> list[tuple[float, int, int]]:
    """The reference scorer's pairing: (overlap, gold index, predicted index), each used once,
    greedily by best content overlap (the cue where the gold has no content), at least half."""
    pairs = []
    for gi, g in enumerate(golds):
        gc, gq = _span(g.get("content")), _span(g.get("cue"))
        for pi, p in enumerate(preds):
            pc, pq = _span(p.get("content")), _span(p.get("cue"))
            ov = overlap(text, gc, pc) if gc else overlap(text, gq, pq)
            if ov >= 0.5:
                pairs.append((ov, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for ov, gi, pi in sorted(pairs, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((ov, gi, pi))
    return out


def _error(doc: Mapping[str, Any], a: Mapping[str, Any]) -> dict[str, Any]:
    text = doc["text"]
    c, q, s = _span(a.get("content")), _span(a.get("cue")), _span(a.get("source"))
    return {
        "id": doc["id"],
        "kind": a.get("kind", "?"),
        "content": c,
        "cue": q,
        "source": s,
        "text": _snippet(text, c),
        "cue_text": _snippet(text, q, 30),
        "source_text": _snippet(text, s, 30),
    }


SPAN_FIELDS = ("source", "cue", "content")
"""Fields of a gold attribution holding one span, ``[start, end]`` or ``null``."""
PARTS_FIELDS = ("content_parts", "source_parts")
"""Fields of a gold attribution holding a list of spans (a discontinuous content or source)."""


def _span_problem(x: Any, n: int) -> str | None:
    """Why ``x`` is not a ``[start, end]`` pair of ints with ``0 <= start <= end <= n`` (else None)."""
    if not (isinstance(x, list) and len(x) == 2 and all(type(v) is int for v in x)):
        return f"must be a [start, end] pair of integers, got {json.dumps(x)[:60]}"
    s, e = x
    if not 0 <= s <= e <= n:
        return f"{x} is not a span of the text (0 <= start <= end <= {n})"
    return None


def _check_gold(obj: Any, where: str) -> dict[str, Any]:
    """``obj`` if it is a well-formed gold record; else :class:`~newslib.reading.ReadError` at ``where``."""
    if not isinstance(obj, dict):
        raise ReadError(where, f"expected a JSON object, got {type(obj).__name__}")
    for field in ("id", "text", "attributions"):
        if field not in obj:
            raise ReadError(where, f"no {field!r} field")
    if not isinstance(obj["id"], str):
        raise ReadError(where, f"'id' must be a string, got {type(obj['id']).__name__}")
    if not isinstance(obj["text"], str):
        raise ReadError(where, f"'text' must be a string, got {type(obj['text']).__name__}")
    atts = obj["attributions"]
    if not isinstance(atts, list):
        raise ReadError(where, f"'attributions' must be a list, got {type(atts).__name__}")
    n = len(obj["text"])
    for i, a in enumerate(atts):
        at = f"attribution {i}"
        if not isinstance(a, dict):
            raise ReadError(where, f"{at}: expected a JSON object, got {type(a).__name__}")
        for field in ("kind", "source_name"):
            if a.get(field) is not None and not isinstance(a[field], str):
                raise ReadError(where, f"{at}: {field!r} must be a string, got {type(a[field]).__name__}")
        for field in SPAN_FIELDS:
            if a.get(field) is not None and (why := _span_problem(a[field], n)):
                raise ReadError(where, f"{at}: {field!r} {why}")
        for field in PARTS_FIELDS:
            parts = a.get(field)
            if parts is None:
                continue
            if not isinstance(parts, list):
                raise ReadError(where, f"{at}: {field!r} must be a list of spans, got {type(parts).__name__}")
            for j, x in enumerate(parts):
                if why := _span_problem(x, n):
                    raise ReadError(where, f"{at}: {field}[{j}] {why}")
    return obj


def iter_gold(gold_path: str | Path) -> Iterator[dict[str, Any]]:
    """The records of a gold JSONL file (the format of ``../shared/gold/README.md``), validated
    as they are read, streaming.

    Raises :class:`~newslib.reading.ReadError` with origin ``path:line`` for undecodable bytes
    (the file must be UTF-8, a byte-order mark allowed), malformed JSON, a line that is not an
    object, a record without ``id`` (a string), ``text`` (a string) or ``attributions`` (a list
    of objects), a span that is not ``[start, end]`` with ``0 <= start <= end <= len(text)`` or a
    repeated ``id``; with origin ``path`` for an unreadable file or one with no records. Blank
    lines are skipped; line numbers count every line, as :func:`newslib.reading.iter_jsonl` does.
    """
    origin = str(gold_path)
    seen: dict[str, int] = {}
    try:
        fh = open(gold_path, "rb")
    except OSError as exc:
        raise ReadError(origin, f"cannot read: {exc.strerror or exc}") from None
    with fh:
        for n, raw in enumerate(fh, 1):
            where = f"{origin}:{n}"
            parsed = json_line(raw, where, n)
            if parsed is None:
                continue
            rec = _check_gold(parsed[0], where)
            if rec["id"] in seen:
                raise ReadError(where, f"duplicate id {rec['id']!r} (first on line {seen[rec['id']]})")
            seen[rec["id"]] = n
            yield rec
    if not seen:
        raise ReadError(origin, "empty gold file (no articles)")


def read_gold(gold_path: str | Path) -> list[dict[str, Any]]:
    """The validated records (``id``, ``text``, ``attributions``, ...) of a gold JSONL file; see
    :func:`iter_gold` for the checks and the :class:`~newslib.reading.ReadError` they raise."""
    return list(iter_gold(gold_path))


def _predict(path: str, engine: str, settings: AttributionSettings | None = None) -> list[dict[str, Any]]:
    from .inputs import iter_articles
    from .model import ArticleFailure
    from .pipeline import analyze

    out = []
    for art in iter_articles([path]):
        if isinstance(art, ArticleFailure):
            continue
        out.append(analyze(art, engine, settings).to_dict())
    return out


def predict(
    gold_path: str | Path, engine: str = DEFAULT_ENGINE, jobs: int = 1, settings: AttributionSettings | None = None
) -> list[dict[str, Any]]:
    """Prediction records (``Analysis.to_dict``) for every article of ``gold_path``, detected with
    ``settings`` (default :class:`AttributionSettings()`) in every worker."""
    path = str(gold_path)
    if jobs <= 1:
        return _predict(path, engine, settings)
    # split the file into chunks of lines and analyse them in worker processes
    import tempfile
    from concurrent.futures import ProcessPoolExecutor

    # bytes split at b"\n" and b"\r" only: str.splitlines would also split at U+2028, U+0085 and
    # others that JSON strings may hold raw, cutting a record in two
    lines = Path(path).read_bytes().splitlines(keepends=True)
    size = max(1, -(-len(lines) // jobs))
    with tempfile.TemporaryDirectory() as tmp:
        chunks = []
        for n in range(0, len(lines), size):
            p = Path(tmp) / f"chunk{n}.jsonl"
            p.write_bytes(b"".join(lines[n : n + size]))
            chunks.append(str(p))
        with ProcessPoolExecutor(max_workers=jobs) as ex:
            parts = list(ex.map(_predict, chunks, [engine] * len(chunks), [settings] * len(chunks)))
    return [d for part in parts for d in part]


def evaluate(
    gold_path: str | Path, engine: str = DEFAULT_ENGINE, jobs: int = 1, settings: AttributionSettings | None = None
) -> dict[str, Any]:
    """Run ``engine`` (with ``settings``) over ``gold_path`` and score it as ``score.py --by-kind``
    does, with errors: how an experiment measures one setting's contribution."""
    gold = read_gold(gold_path)
    preds = predict(gold_path, engine, jobs, settings)
    res = score(gold, {d["id"]: d for d in preds})
    res["engine"] = preds[0]["engine"] if preds else engine
    return res


def evaluate_predictions(gold_path: str | Path, pred_docs: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Score already computed predictions (e.g. a ``newslib analyze --format jsonl`` file)."""
    return score(read_gold(gold_path), {d["id"]: d for d in pred_docs})


def format_report(result: Mapping[str, Any], examples: int = 5) -> str:
    """The evaluation as a terminal report: headline figures, recall by kind, a few errors per kind."""
    r = result
    lines = [
        f"engine {r.get('engine', '?')}: gold {r['gold']}, predicted {r['pred']}, matched {r['match']}",
        f"content  P {r['content_p']:.3f}  R {r['content_r']:.3f}  F1 {r['content_f1']:.3f}",
        f"e2e      P {r['e2e_p']:.3f}  R {r['e2e_r']:.3f}  F1 {r['e2e_f1']:.3f}",
        f"exact F1 {r['exact_f1']:.3f}   source acc {r['source_acc']:.3f}   cue acc {r['cue_acc']:.3f}",
        "recall by kind:",
    ]
    for k, v in sorted(r.get("recall_by_kind", {}).items()):
        m = re.match(r"(\d+)/(\d+)", v)
        pct = f" ({int(m.group(1)) / int(m.group(2)):.2f})" if m and int(m.group(2)) else ""
        lines.append(f"  {k:13s} {v}{pct}")
    if r.get("reliability"):
        lines.append(
            f"calibration: expected calibration error {r['ece']:.3f} (score bin: attributions, mean score, share right)"
        )
        lines.extend(
            f"  {b['low']:.1f}-{b['high']:.1f}: {b['count']:5d}  {b['mean_score']:.3f}  {b['right']:.3f}"
            for b in r["reliability"]
        )
    errs = r.get("errors")
    if errs:
        for what in ("misses", "false_alarms"):
            by = errs.get(what, {})
            lines.append(
                f"{what.replace('_', ' ')} by kind: " + ", ".join(f"{k} {len(v)}" for k, v in sorted(by.items()))
            )
            for k, v in sorted(by.items()):
                for e in v[:examples]:
                    where = f"{e['id']}@{e['content'][0]}" if e.get("content") else f"{e['id']}"
                    lines.append(f"  [{k}] {where}: {e['source_text']!r} / {e['cue_text']!r} / {e['text']!r}")
    return "\n".join(lines)


def calibration_data(
    gold_path: str | Path, engine: str, settings: AttributionSettings | None = None
) -> tuple[Any, Any, list[int]]:
    """Every attribution the engine finds in the gold file (before scoring, with ``settings``):
    its confidence features, whether the reference scorer matches it to a gold attribution, and
    the index of its article. ``engine`` is a registered engine: a calibration belongs to one model."""
    import numpy as np

    from .attribution.confidence import feature_rows
    from .attribution.engines import REGISTRY, find, load_engine
    from .inputs import iter_articles
    from .model import ArticleFailure, Maker
    from .text import text_layer

    if engine not in REGISTRY:
        raise ValueError(f"calibration is fitted for one engine ({', '.join(REGISTRY)}), not {engine!r}")
    eng = load_engine(engine)
    settings = AttributionSettings() if settings is None else settings
    gold = {d["id"]: d for d in iter_gold(gold_path)}
    xs: list[np.ndarray] = []
    ys: list[bool] = []
    groups: list[int] = []
    for k, art in enumerate(iter_articles([str(gold_path)])):
        if isinstance(art, ArticleFailure):
            continue
        found = find(text_layer(art), eng, settings)
        prep, marg, atts = found.prep, found.marginals, found.attributions
        atts = [a for a in atts if not a.made_by(Maker.CREDIT)]  # wire credits keep their own score
        preds = [
            {f: (getattr(a, f).start, getattr(a, f).end) if getattr(a, f) else None for f in ("content", "cue")}
            for a in atts
        ]
        right = {pi for _, _, pi in match(art.text, gold[art.id]["attributions"], preds)}
        xs.append(feature_rows(atts, marg, prep))
        ys.extend(pi in right for pi in range(len(atts)))
        groups.extend([k] * len(atts))
    return np.concatenate(xs), np.array(ys, dtype=np.float64), groups


def fit_calibration(gold_path: str | Path, engine: str, out: Path) -> dict[str, Any]:
    """Fit the engine's score calibration on a gold file and write it to ``out`` (JSON).

    Also fitted twice on half the articles each, every attribution scored by the half that did
    not see it: that cross-fitted error is the honest one to quote, the in-sample one is lower.
    """
    import hashlib

    import numpy as np

    from .attribution.confidence import FEATURES, fit, sigmoid
    from .files import atomic_write

    x, y, groups = calibration_data(gold_path, engine)
    w = fit(x, y)
    odd = np.array(groups) % 2 == 1
    cross = np.empty(len(y))
    for half in (odd, ~odd):
        cross[half] = sigmoid(x[half] @ fit(x[~half], y[~half]))
    inside = sigmoid(x @ w)
    record = {
        "engine": engine,
        "fitted_on": Path(gold_path).name,
        "sha256": hashlib.sha256(Path(gold_path).read_bytes()).hexdigest(),
        "attributions": int(len(y)),
        "share_right": round(float(y.mean()), 4),
        "ece_in_sample": round(reliability(list(zip(inside, y > 0, strict=True)))[1], 4),
        "ece_cross_fitted": round(reliability(list(zip(cross, y > 0, strict=True)))[1], 4),
        "features": list(FEATURES),
        "weights": [round(float(v), 6) for v in w],
    }
    with atomic_write(out) as fh:
        fh.write(json.dumps(record, indent=1) + "\n")
    return record
