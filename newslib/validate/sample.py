"""A reproducible, stratified sample of a dataset's articles, written for annotation.

Why stratified: a validation must cover every outlet (or month) the published figures compare,
not only the largest. Allocation is proportional (largest remainders), so the sample stays
self-weighting and its figures estimate the corpus's without weights; a stratum too small for
its share gets what it has. Within a stratum, articles are drawn without replacement by a
``random.Random(seed)`` over ids in sorted order: the same dataset and seed give the same sample,
whatever order the parts were written in.

The dataset holds findings and metadata, not texts: the sampled articles' texts are read again
from the run's inputs (``manifest.json``, or paths given), and every predicted span is checked
against them, so an input that changed since the run is refused rather than annotated wrongly.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..reading import ReadError

if TYPE_CHECKING:
    import pandas as pd

    from ..dataset import Dataset

MONTH = "month"
"""A stratum name that needs no column of its own: the month (``YYYY-MM``) of the date column."""


@dataclass(frozen=True)
class Drawn:
    """A sampled article: its id and stratum, and how many analysed articles the stratum holds."""

    id: str
    stratum: str
    stratum_size: int


def _stratum_sql(ds: Dataset, column: str) -> str:
    from ..dataset.people import date_column
    from ..dataset.summary import NO_GROUP, check_group, group_columns

    if column == MONTH and MONTH not in group_columns(ds):
        date = date_column(group_columns(ds))
        if date is None:
            raise ReadError(
                str(ds.path), "--stratify month needs a date column (one of date, published, publication_date, ...)"
            )
        return f"coalesce(nullif(substr(trim(\"{date}\"), 1, 7), ''), '{NO_GROUP}')"
    if not column:
        return f"'{NO_GROUP}'"
    check_group(ds, column)
    return f"coalesce(nullif(trim(cast(\"{column}\" as varchar)), ''), '{NO_GROUP}')"


def allocate(sizes: Mapping[str, int], n: int) -> dict[str, int]:
    """Proportional allocation of ``n`` draws over strata of ``sizes`` by largest remainders
    (ties to the stratum named first), never more than a stratum holds."""
    total = sum(sizes.values())
    n = min(n, total)
    if not total:
        return {k: 0 for k in sizes}
    quota = {k: n * v / total for k, v in sizes.items()}
    got = {k: min(int(q), sizes[k]) for k, q in quota.items()}
    order = sorted(sizes, key=lambda k: (-(quota[k] - int(quota[k])), k))
    while sum(got.values()) < n:
        for k in order:
            if sum(got.values()) < n and got[k] < sizes[k]:
                got[k] += 1
    return got


def draw(ds: Dataset, n: int, stratify: str = "", seed: int = 0) -> list[Drawn]:
    """``n`` analysed articles (status ``ok``) of ``ds``, stratified by the metadata column
    ``stratify`` (or ``month``), in stratum then id order."""
    rows = ds.sql(
        f"select distinct id, {_stratum_sql(ds, stratify)} as stratum from articles "
        "where status = 'ok' and id is not null order by stratum, id"
    )
    by: dict[str, list[str]] = {}
    for art, stratum in zip(rows["id"], rows["stratum"], strict=True):
        by.setdefault(str(stratum), []).append(str(art))
    rng = random.Random(seed)
    out = []
    for stratum, k in allocate({s: len(ids) for s, ids in sorted(by.items())}, n).items():
        out += [Drawn(i, stratum, len(by[stratum])) for i in sorted(rng.sample(by[stratum], k))]
    return out


def predictions(ds: Dataset, ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """The dataset's attributions of ``ids`` as prediction records' ``attributions`` (the shape
    ``newslib eval`` and the reference scorer read), in the dataset's order."""
    if not ids:
        return {}
    ds.connection.execute("create or replace temp table _validate_ids (id varchar)")
    ds.connection.executemany("insert into _validate_ids values (?)", [[i] for i in ids])
    df = ds.sql("select a.* from attributions a join _validate_ids using (id) order by a.id, a.n")
    out: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    for row in df.to_dict("records"):
        out[row["id"]].append(prediction(row))
    return out


def _value(x: Any) -> Any:
    """A cell as plain Python: pandas' missing values as None."""
    try:
        import pandas as pd

        return None if x is None or (not isinstance(x, list | dict) and pd.isna(x)) else x
    except (TypeError, ValueError):
        return x


def prediction(row: Mapping[str, Any]) -> dict[str, Any]:
    """One ``attributions`` row as a predicted attribution: kind, spans with their text, speaker, scores."""
    r = {k: _value(v) for k, v in row.items()}
    out: dict[str, Any] = {"kind": r["kind"]}
    for role in ("content", "cue", "source"):
        s = r.get(f"{role}_start")
        out[role] = None if s is None else {"start": int(s), "end": int(r[f"{role}_end"]), "text": r[f"{role}_text"]}
    if r.get("speaker_name"):
        out["speaker"] = {
            k: r[c]
            for k, c in (
                ("name", "speaker_name"),
                ("type", "speaker_type"),
                ("category", "speaker_category"),
                ("person", "speaker_person"),
                ("gender", "speaker_gender"),
                ("ref", "speaker"),
            )
            if r.get(c)
        }
    else:
        out["speaker"] = None
    out["score"] = r.get("score")
    if r.get("speaker_score") is not None:
        out["speaker_score"] = r["speaker_score"]
    return out


def read_texts(ds: Dataset, ids: Iterable[str], inputs: Sequence[str] | None = None) -> dict[str, Any]:
    """The articles of ``ids`` read again from the run's inputs (or ``inputs``): id to Article."""
    from ..inputs import InputOptions, iter_articles
    from ..model import Article

    paths = list(inputs or [i["path"] for i in ds.manifest.get("inputs", [])])
    if not paths:
        raise ReadError(str(ds.path), "the dataset names no inputs (manifest.json): give them with --inputs")
    options = InputOptions(
        **{k: v for k, v in (ds.manifest.get("options") or {}).items() if k in InputOptions.__dataclass_fields__}
    )
    wanted, found = set(ids), {}
    for art in iter_articles(paths, options):
        if isinstance(art, Article) and art.id in wanted and art.id not in found:
            found[art.id] = art
            if len(found) == len(wanted):
                break
    missing = sorted(wanted - set(found))
    if missing:
        raise ReadError(
            ", ".join(paths),
            f"{len(missing)} sampled articles not found in the inputs "
            f"(first: {missing[0]!r}); give the corpus with --inputs",
        )
    return found


def check_spans(art_id: str, text: str, attributions: Iterable[Mapping[str, Any]]) -> None:
    """Every predicted span's text equals the article's at its offsets; else ReadError."""
    for n, a in enumerate(attributions):
        for role in ("content", "cue", "source"):
            sp = a.get(role)
            if sp and text[sp["start"] : sp["end"]] != sp["text"]:
                raise ReadError(
                    art_id,
                    f"attribution {n}: the {role} at {sp['start']}-{sp['end']} is not the "
                    "dataset's text: the input changed since the dataset was written",
                )


def sample_records(
    ds: Dataset, n: int, stratify: str = "", seed: int = 0, inputs: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """The sampled articles as records: ``id``, ``text``, ``meta``, ``stratum``, ``stratum_size``,
    ``engine`` and the dataset's ``attributions`` (checked against the text)."""
    drawn = draw(ds, n, stratify, seed)
    ids = [d.id for d in drawn]
    texts, preds = read_texts(ds, ids, inputs), predictions(ds, ids)
    engine = ",".join(ds.manifest.get("models") or []) or ds.manifest.get("engine", "")
    out = []
    for d in drawn:
        art = texts[d.id]
        check_spans(d.id, art.text, preds[d.id])
        out.append(
            {
                "id": d.id,
                "text": art.text,
                "meta": dict(art.metadata),
                "stratum": d.stratum,
                "stratum_size": d.stratum_size,
                "engine": engine,
                "attributions": preds[d.id],
            }
        )
    return out


def gold_template(record: Mapping[str, Any]) -> dict[str, Any]:
    """A gold line to fill by other means: the article, newslib's attributions in the gold format
    (``[start, end]`` spans, ``source_name``, ``speaker_type``, ``speaker_gender``) to correct."""
    from .labelstudio import speaker_type

    atts = []
    for a in record["attributions"]:
        g: dict[str, Any] = {"kind": a["kind"]}
        for role in ("source", "cue", "content"):
            sp = a.get(role)
            g[role] = [sp["start"], sp["end"]] if sp else None
        sp = a.get("speaker") or {}
        g["source_name"] = sp.get("name") or ((a.get("source") or {}).get("text") or "")
        if sp:
            g["speaker_type"] = speaker_type(sp)
            g["speaker_category"] = "named_organisation" if g["speaker_type"] == "agency" else g["speaker_type"]
        if sp.get("gender"):
            g["speaker_gender"] = sp["gender"]
        atts.append(g)
    return {"id": record["id"], "text": record["text"], "meta": record.get("meta") or {}, "attributions": atts}


GUIDELINES = "guidelines.md"


def guidelines() -> str:
    """The annotation guidelines shipped with the package (PolNeAR-style, short)."""
    from importlib.resources import files

    return files(__package__).joinpath(GUIDELINES).read_text(encoding="utf-8")


def write_sample(
    dataset: str | Path,
    out: str | Path,
    n: int = 100,
    stratify: str = "",
    seed: int = 0,
    inputs: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Write the sample for annotation into ``out``: ``tasks.json`` (Label Studio tasks with
    pre-annotations), ``config.xml`` (the labelling configuration), ``guidelines.md``,
    ``gold_template.jsonl`` (the same in the gold format) and ``sample.csv`` (ids and strata).
    Byte-identical for the same dataset, ``n``, ``stratify`` and ``seed``. Returns a summary."""
    from ..dataset import open_dataset
    from ..files import atomic_write
    from .labelstudio import label_config, to_task

    ds = open_dataset(dataset)
    records = sample_records(ds, n, stratify, seed, inputs)
    outdir = Path(out)
    outdir.mkdir(parents=True, exist_ok=True)
    files = {
        "tasks.json": json.dumps([to_task(r) for r in records], ensure_ascii=False, indent=1) + "\n",
        "config.xml": label_config(),
        "guidelines.md": guidelines(),
        "gold_template.jsonl": "".join(json.dumps(gold_template(r), ensure_ascii=False) + "\n" for r in records),
        "sample.csv": _sample_csv(records, stratify),
    }
    for name, content in files.items():
        with atomic_write(outdir / name) as fh:
            fh.write(content)
    return {
        "articles": len(records),
        "strata": _strata(records),
        "files": sorted(files),
        "attributions": sum(len(r["attributions"]) for r in records),
        "words": sum(len(r["text"].split()) for r in records),
    }


def _strata(records: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in records:
        out[r["stratum"]] = out.get(r["stratum"], 0) + 1
    return out


def _sample_csv(records: Sequence[Mapping[str, Any]], stratify: str) -> str:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", stratify or "stratum", "stratum_articles", "sampled", "words", "attributions"])
    counts = _strata(records)
    for r in records:
        w.writerow(
            [
                r["id"],
                r["stratum"],
                r["stratum_size"],
                counts[r["stratum"]],
                len(r["text"].split()),
                len(r["attributions"]),
            ]
        )
    return buf.getvalue()


def sample_frame(records: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """The sample as a table: id, stratum, words, predicted attributions."""
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "id": r["id"],
                "stratum": r["stratum"],
                "words": len(r["text"].split()),
                "attributions": len(r["attributions"]),
            }
            for r in records
        ]
    )
