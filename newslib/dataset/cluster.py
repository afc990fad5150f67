"""The same dataset on a Dask cluster: for corpora that outgrow one machine.

Two ways in, one dataset out:

* ``analyze_corpus(..., scheduler="tcp://host:8786")`` (``newslib analyze ... --scheduler``)
  runs the single-machine plan on a cluster: each partition (a byte range of a JSONL file,
  Parquet rows, a range of WARC records, a batch of files) is one task, and the worker that runs
  it reads its own input and writes its own parts, named by partition and written atomically;
  only counts come back. When a worker dies, the scheduler reruns its tasks elsewhere, and a
  rerun part replaces the same file: nothing is lost or doubled. ``scheduler="local"`` starts a
  ``LocalCluster`` of ``jobs`` single-threaded worker processes.
* :func:`analyze_bag` and :func:`analyze_frame` turn a ``dask.bag`` of articles or a
  ``dask.dataframe`` with text and id columns into Dask dataframes of the dataset's tables (with
  declared meta), and :func:`write_dataset` writes them as the dataset.

Each worker process loads the models once (a per-process cache, :func:`functools.lru_cache`),
not once per task. CSV and compressed JSONL files cannot be cut without reading them, so their
records travel from the client to the workers: convert a large one to Parquet or plain JSONL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..attribution import DEFAULT_ENGINE, AttributionSettings
from ..errors import NewslibError
from ..inputs import InputOptions, Partition, row_article
from ..model import Article, ArticleFailure
from ..reading import ReadError, check_text, read_text
from ..triage import TriageSettings
from ..workers import WorkerSettings, limits
from .tables import SCHEMA_VERSION, TABLES, schema
from .writer import Job, PartResult, article_rows, finish, write_manifest

if TYPE_CHECKING:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

IN_FLIGHT = 4
"""Tasks queued per worker thread: keeps the cluster busy, the client's memory bounded."""


class ClusterError(NewslibError):
    """The cluster cannot be reached or used (one-line message)."""


class Tables(dict[str, Any]):
    """The tables of :func:`analyze_bag` or :func:`analyze_frame` (a dict of Dask dataframes by
    table name) with ``run``: how they were made (engine, options, triage, the detection's and the
    workers' settings), which :func:`write_dataset` records in the manifest."""

    run: dict[str, Any]


def _tables(frames: dict[str, Any], job: Job) -> Tables:
    from dataclasses import asdict

    out = Tables(frames)
    out.run = {
        "schema": SCHEMA_VERSION,
        "engine": job.engine,
        "triage": asdict(job.triage),
        "meta": list(job.meta),
        "attribution": job.attribution.record(),
        "worker": asdict(job.worker),
    }
    return out


def require_dask() -> None:
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise ClusterError("--scheduler", "Dask is not installed: pip install 'newslib[dask]'") from None


@contextmanager
def connect(scheduler: str, jobs: int = 1) -> Iterator[Any]:
    """A client of the cluster at ``scheduler`` (``tcp://host:port``), or of a new ``LocalCluster``
    of ``jobs`` single-threaded worker processes (``"local"``), closed on exit."""
    require_dask()
    import logging

    from distributed import Client, LocalCluster

    logging.getLogger("distributed").setLevel(logging.ERROR)  # its start and stop chatter is not ours to show
    if scheduler == "local":
        with (
            LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = Client(scheduler, timeout="20s")
    except OSError as exc:
        raise ClusterError(scheduler, f"cannot reach the Dask scheduler: {' '.join(str(exc).split())}") from None
    with client:
        yield client


def cluster_map(
    work: Callable[[Partition], PartResult], parts: Iterable[Partition], client: Any
) -> Iterator[PartResult | tuple[Partition, BaseException]]:
    """``work`` on every partition as a cluster task, results as they complete; a partition whose
    tasks failed everywhere (its workers killed again and again) comes back with the error."""
    from distributed import as_completed

    threads = max(1, sum(client.nthreads().values()))
    source = iter(parts)
    running: dict[Any, Partition] = {}

    def submit(n: int) -> list[Any]:
        futures = []
        for part in (p for _, p in zip(range(n), source, strict=False)):
            f = client.submit(work, part, key=f"newslib-part-{part.index:06d}", pure=False, retries=1)
            running[f] = part
            futures.append(f)
        return futures

    queue = as_completed(submit(threads * IN_FLIGHT), with_results=False)
    for future in queue:
        part = running.pop(future)
        try:
            yield future.result()
        except Exception as exc:  # noqa: BLE001 - KilledWorker and the like: the partition's failure
            yield part, exc
        for f in submit(1):
            queue.add(f)


# -- the Python API: bags and dataframes -------------------------------------------------------


def frames_meta(meta: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    """The empty pandas frame of each table: the declared meta of the Dask dataframes."""
    return {t: _to_pandas(schema(t, meta).empty_table()) for t in TABLES}


def _to_pandas(table: Any) -> pd.DataFrame:
    import pandas as pd
    import pyarrow as pa

    types = {
        pa.int64(): pd.Int64Dtype(),
        pa.float64(): pd.Float64Dtype(),
        pa.bool_(): pd.BooleanDtype(),
        pa.string(): pd.StringDtype(),
    }
    return table.to_pandas(types_mapper=types.get)


def analyze_records(records: Iterable[Article | ArticleFailure | dict[str, Any]], job: Job) -> dict[str, pd.DataFrame]:
    """One partition of a bag or dataframe: the rows it gives each table, as pandas frames."""
    from .tables import to_table

    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    with limits(job.worker):
        for k, rec in enumerate(records):
            row, found, _ = article_rows(_as_article(rec, k), job)
            rows["articles"].append(row)
            for table, found_rows in found.items():
                rows[table].extend(found_rows)
    return {t: _to_pandas(to_table(t, rows[t], job.meta)) for t in TABLES}


def _as_article(rec: Article | ArticleFailure | dict[str, Any], k: int) -> Article | ArticleFailure:
    if isinstance(rec, Article | ArticleFailure):
        return rec
    origin = str(rec.get("origin") or rec.get("id") or f"record {k}")
    try:
        text, ident = check_text(rec.get("text"), origin), rec.get("id")
        meta = {key: v for key, v in rec.items() if key not in ("id", "text", "origin")}
        return read_text(text, id=str(ident if ident is not None else origin), metadata=meta, origin=origin)
    except ReadError as exc:
        return ArticleFailure(exc.origin, exc.message, id=None if rec.get("id") is None else str(rec.get("id")))


def analyze_bag(
    bag: db.Bag,
    engine: str = DEFAULT_ENGINE,
    meta: Iterable[str] = (),
    triage: TriageSettings | None = None,
    settings: AttributionSettings | None = None,
    worker: WorkerSettings | None = None,
) -> Tables:
    """A bag of articles (:class:`~newslib.model.Article`, or dicts with ``id``, ``text`` and
    metadata, ``origin`` optional) as one Dask dataframe a table, one partition a bag partition.
    ``meta`` names the metadata columns (others go to ``meta_extra``); ``settings``, the
    detection's, and ``worker``, one article's limits, go to the workers with each partition's
    task (and to the manifest :func:`write_dataset` writes)."""
    import dask
    import dask.dataframe as dd

    job = Job(
        "",
        engine,
        InputOptions(),
        triage or TriageSettings(),
        tuple(meta),
        attribution=settings or AttributionSettings(),
        worker=worker or WorkerSettings(),
    )
    parts = [dask.delayed(analyze_records)(p, job) for p in bag.to_delayed()]
    empty = frames_meta(job.meta)
    frames = {
        t: dd.from_delayed([dask.delayed(_pick)(p, t) for p in parts], meta=empty[t], verify_meta=False) for t in TABLES
    }
    return _tables(frames, job)


def analyze_frame(
    frame: dd.DataFrame,
    text_column: str = "text",
    id_column: str | None = "id",
    engine: str = DEFAULT_ENGINE,
    triage: TriageSettings | None = None,
    settings: AttributionSettings | None = None,
    worker: WorkerSettings | None = None,
) -> Tables:
    """A Dask dataframe of articles (a text column, an id column, every other column metadata) as
    one Dask dataframe a table. Each worker analyses the rows of its own partitions (with the
    detection ``settings`` and ``worker`` limits, sent with each task and recorded as in
    :func:`analyze_bag`)."""
    import dask
    import dask.dataframe as dd

    columns = (text_column, id_column or "")
    meta = tuple(c for c in frame.columns if c not in columns)
    job = Job(
        "",
        engine,
        InputOptions(),
        triage or TriageSettings(),
        meta,
        attribution=settings or AttributionSettings(),
        worker=worker or WorkerSettings(),
    )
    parts = [dask.delayed(_analyze_rows)(p, columns, job) for p in frame.to_delayed()]
    empty = frames_meta(meta)
    frames = {
        t: dd.from_delayed([dask.delayed(_pick)(p, t) for p in parts], meta=empty[t], verify_meta=False) for t in TABLES
    }
    return _tables(frames, job)


def _analyze_rows(df: pd.DataFrame, columns: tuple[str, str], job: Job) -> dict[str, pd.DataFrame]:
    def articles() -> Iterator[Article | ArticleFailure]:
        for k, row in enumerate(df.to_dict("records")):
            origin = f"row {df.index[k]}"
            try:
                yield row_article(row, columns, origin, origin)
            except ReadError as exc:
                yield ArticleFailure(exc.origin, exc.message)

    return analyze_records(articles(), job)


def _pick(frames: dict[str, pd.DataFrame], table: str) -> pd.DataFrame:
    return frames[table]


def write_dataset(frames: dict[str, dd.DataFrame], out: str, run: dict[str, Any] | None = None) -> dict[str, Any]:
    """Write the tables of :func:`analyze_bag` or :func:`analyze_frame` as a dataset (parts
    named by partition, then duplicates marked and the manifest written); returns the manifest.
    The manifest records ``run`` or else how the tables were made (:attr:`Tables.run`: engine,
    triage, detection and worker settings), so a dataset written here says how it was made too."""
    import dask

    own = set(schema("articles", ()).names)
    meta = tuple(c for c in frames["articles"].columns if c not in own)
    writes = [
        frames[t].to_parquet(
            Path(out) / t,
            write_index=False,
            compute=False,
            schema=schema(t, meta),
            name_function=lambda i: f"part-{i:06d}.parquet",
            write_metadata_file=False,
        )
        for t in (*TABLES[1:], TABLES[0])
    ]
    dask.compute(*writes)
    finish(out, meta)
    made = getattr(frames, "run", None) or {"schema": SCHEMA_VERSION}
    return write_manifest(out, run or {**made, "meta": list(meta)})
