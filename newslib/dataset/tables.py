"""The dataset's tables: their schemas, and the rows one article gives each of them.

Five tables, one row an article (``articles``), attribution, source, claim or number, each row
with its article's ``id`` and ``origin`` and the corpus's metadata columns, so that comparing
outlets or dates needs no join. Offsets are nullable integers (a quote with no source has no
source offsets); lists are ``"; "``-joined strings, one type a column. The schema is versioned
(:data:`SCHEMA_VERSION`) and documented in the README.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pyarrow as pa

from ..model import ATTRIBUTION_KINDS, Analysis, Attribution, Span

SCHEMA_VERSION = 2
"""2: ``duplicate_of``, ``copy_of``, ``copy_similarity`` on articles; speakers' ``category``, ``person`` key,
gender with its source and probability, and
``speaker_score`` on attributions and sources; the corpus-wide ``people`` table. 1: without them."""
TABLES = ("articles", "attributions", "sources", "claims", "numbers")
"""The tables written a partition at a time, one part each."""
DERIVED = ("people",)
"""Tables computed from the others when a run ends (:mod:`newslib.dataset.people`)."""

_S, _I, _F, _B = pa.string(), pa.int64(), pa.float64(), pa.bool_()
KEY = [("id", _S), ("origin", _S)]
"""Columns every table starts with: the article's id and where it was read from."""


def _span(name: str) -> list[tuple[str, pa.DataType]]:
    return [(f"{name}_start", _I), (f"{name}_end", _I), (f"{name}_text", _S)]


COLUMNS: dict[str, list[tuple[str, pa.DataType]]] = {
    "articles": [
        ("status", _S),
        ("reason", _S),
        ("words", _I),
        ("chars", _I),
        ("language", _S),
        ("language_score", _F),
        ("engine", _S),
        ("attributions", _I),
        ("sources", _I),
        ("claims", _I),
        ("unattributed_claims", _I),
        ("numbers", _I),
        ("duplicate_of", _S),
        ("copy_of", _S),
        ("copy_similarity", _F),
    ],
    "attributions": [
        ("n", _I),
        ("kind", _S),
        *_span("content"),
        *_span("cue"),
        *_span("source"),
        ("speaker", _S),
        ("speaker_name", _S),
        ("speaker_type", _S),
        ("speaker_anonymous", _B),
        ("speaker_category", _S),
        ("speaker_person", _S),
        ("speaker_gender", _S),
        ("speaker_gender_source", _S),
        ("score", _F),
        ("speaker_score", _F),
        ("evidence", _S),
    ],
    "sources": [
        ("source", _S),
        ("name", _S),
        ("type", _S),
        ("category", _S),
        ("person", _S),
        ("role", _S),
        ("affiliation", _S),
        ("anonymous", _B),
        ("anonymity", _S),
        ("gender", _S),
        ("gender_source", _S),
        ("gender_p", _F),
        ("link", _S),
        ("attributions", _I),
        *[(k, _I) for k in ATTRIBUTION_KINDS],
        ("words", _I),
        ("first", _I),
        ("mentions", _I),
        ("variants", _S),
        ("aliases", _S),
        ("evidence", _S),
    ],
    "claims": [
        ("n", _I),
        ("start", _I),
        ("end", _I),
        ("text", _S),
        ("status", _S),
        ("kind", _S),
        ("paragraph", _I),
        ("sentence", _I),
        ("attribution", _I),
        ("numbers", _I),
        ("hedge_words", _S),
        ("evaluative_words", _S),
        ("evidence", _S),
    ],
    "numbers": [
        ("n", _I),
        ("start", _I),
        ("end", _I),
        ("text", _S),
        ("value", _F),
        ("unit", _S),
        ("hedge", _S),
        ("status", _S),
        ("kind", _S),
        ("bound", _S),
        ("lower", _F),
        ("upper", _F),
        ("versus", _F),
        ("counted", _S),
        ("attribution", _I),
        ("evidence", _S),
    ],
}
"""Each table's own columns, between the key and the metadata columns."""


HAS_SPEAKER = "(speaker_name is not null and coalesce(speaker_type, '') <> 'credit')"
"""``Attribution.has_speaker`` over the ``attributions`` table (SQL): credited to a resolved
speaker, a photo credit being none. The one spelling every query uses for the attributions the
anonymous, official and agency shares are taken over."""


def meta_name(key: str) -> str:
    """The column of a metadata field: its own name, unless a table already uses it."""
    taken = {n for cols in COLUMNS.values() for n, _ in cols} | {"id", "origin", "meta_extra"}
    return f"meta_{key}" if key in taken else key


def schema(table: str, meta: Sequence[str]) -> pa.Schema:
    """The Arrow schema of ``table`` with the corpus's metadata columns (all strings)."""
    return pa.schema(KEY + COLUMNS[table] + [(meta_name(m), _S) for m in meta] + [("meta_extra", _S)])


def meta_values(metadata: dict[str, Any], meta: Sequence[str]) -> dict[str, Any]:
    """An article's metadata as cells: the known fields as strings, the rest as JSON in ``meta_extra``."""
    import json

    def cell(v: Any) -> str | None:
        return None if v is None else v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str)

    known = set(meta)
    row = {meta_name(k): cell(metadata.get(k)) for k in meta}
    extra = {k: v for k, v in metadata.items() if k not in known}
    row["meta_extra"] = json.dumps(extra, ensure_ascii=False, sort_keys=True, default=str) if extra else None
    return row


def _text(span: Span | None, text: str) -> tuple[int | None, int | None, str | None]:
    return (None, None, None) if span is None else (span.start, span.end, text[span.start : span.end])


def attribution_row(n: int, a: Attribution, text: str) -> dict[str, Any]:
    row: dict[str, Any] = {"n": n, "kind": a.kind}
    for name in ("content", "cue", "source"):
        row[f"{name}_start"], row[f"{name}_end"], row[f"{name}_text"] = _text(getattr(a, name), text)
    sp = a.speaker
    row.update(
        speaker=sp.id or None if sp else None,
        speaker_name=sp.name if sp else None,
        speaker_type=sp.type if sp else None,
        speaker_anonymous=sp.anonymous if sp else None,
        speaker_category=sp.category if sp else None,
        speaker_person=sp.person if sp else None,
        speaker_gender=sp.gender if sp else None,
        speaker_gender_source=sp.gender_source if sp else None,
        score=a.score,
        speaker_score=a.speaker_score,
        evidence="; ".join(a.evidence),
    )
    return row


def source_row(s: Any) -> dict[str, Any]:
    kinds = dict(s.kinds)
    return {
        "source": s.id,
        "name": s.name,
        "type": s.type,
        "category": s.category,
        "person": s.person,
        "role": s.role,
        "affiliation": s.affiliation,
        "anonymous": s.anonymous,
        "anonymity": s.anonymity,
        "gender": s.gender,
        "gender_source": s.gender_source,
        "gender_p": s.gender_p,
        "link": s.link,
        "attributions": s.attributions,
        **{k: kinds.get(k, 0) for k in ATTRIBUTION_KINDS},
        "words": s.words,
        "first": s.first,
        "mentions": len(s.mentions),
        "variants": "; ".join(s.variants),
        "aliases": "; ".join(s.aliases),
        "evidence": "; ".join(s.evidence),
    }


def claim_row(n: int, c: Any, text: str) -> dict[str, Any]:
    return {
        "n": n,
        "start": c.start,
        "end": c.end,
        "text": text[c.start : c.end],
        "status": c.status,
        "kind": c.kind,
        "paragraph": c.paragraph,
        "sentence": c.sentence,
        "attribution": c.attribution,
        "numbers": len(c.numbers),
        "hedge_words": "; ".join(text[h.start : h.end].lower() for h in c.hedges),
        "evaluative_words": "; ".join(text[h.start : h.end].lower() for h in c.evaluative),
        "evidence": "; ".join(c.evidence),
    }


def number_row(n: int, x: Any, text: str) -> dict[str, Any]:
    return {
        "n": n,
        "start": x.start,
        "end": x.end,
        "text": text[x.start : x.end],
        "value": x.value,
        "unit": x.unit,
        "hedge": x.hedge,
        "status": x.status,
        "kind": x.kind,
        "bound": x.bound,
        "lower": x.lower,
        "upper": x.upper,
        "versus": x.versus,
        "counted": x.counted.text(text) if x.counted else None,
        "attribution": x.attribution,
        "evidence": "; ".join(x.evidence),
    }


def analysis_rows(analysis: Analysis) -> dict[str, list[dict[str, Any]]]:
    """The rows one analysed article gives the four detail tables (key and metadata not yet added)."""
    t = analysis.text
    return {
        "attributions": [attribution_row(i, a, t) for i, a in enumerate(analysis.attributions)],
        "sources": [source_row(s) for s in analysis.sources],
        "claims": [claim_row(i, c, t) for i, c in enumerate(analysis.claims)],
        "numbers": [number_row(i, x, t) for i, x in enumerate(analysis.numbers)],
    }


def article_counts(analysis: Analysis) -> dict[str, int]:
    """The per-article counts of the ``articles`` table."""
    return {
        "attributions": len(analysis.attributions),
        "sources": len(analysis.sources),
        "claims": len(analysis.claims),
        "unattributed_claims": sum(c.status == "unattributed" for c in analysis.claims),
        "numbers": len(analysis.numbers),
    }


def to_table(table: str, rows: Iterable[dict[str, Any]], meta: Sequence[str], sch: pa.Schema | None = None) -> pa.Table:
    """The rows as an Arrow table of ``table``'s schema (or ``sch``, for the writer's own parts).
    A key the schema lacks is refused: Arrow would drop it silently and write its column as
    nulls (a misspelled key in a row builder)."""
    sch = schema(table, meta) if sch is None else sch
    rows = list(rows)
    names = set(sch.names)
    for row in rows:
        unknown = row.keys() - names
        if unknown:
            raise ValueError(f"{table} row has columns the schema lacks: {', '.join(sorted(unknown))}")
    return pa.Table.from_pylist(rows, schema=sch)
