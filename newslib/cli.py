"""The ``newslib`` command: analyse articles, evaluate against gold data, train, render reports.

Every failure a user can cause (a missing file, bad bytes, a malformed line, a failing notebook
cell) ends in one line on stderr naming the file and the problem, never a traceback. Exit codes:
0 all well, 1 some article (or report) failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

from .attribution.engines import DEFAULT_ENGINE, ENGINES, REGISTRY
from .errors import NewslibError
from .inputs import FORMATS, InputOptions
from .model import Analysis, ArticleFailure
from .triage import TriageSettings
from .version import __version__

EXAMPLES = """\
examples:
  newslib analyze seeds/000_bf35a3d7ff0db5a3.txt
  newslib analyze corpus/ --format jsonl -o out.jsonl --jobs 2
  newslib analyze ../shared/gold/polnear_dev.jsonl --format jsonl > pred.jsonl
  cat article.html | newslib analyze - --format csv
  newslib analyze archive.csv.gz crawl.warc.gz --format parquet -o dataset/ --jobs 2
  newslib corpus dataset/ --group-by outlet
  newslib eval ../shared/gold/polnear_dev.jsonl
  newslib report notebooks/article.ipynb -p path seeds/000_bf35a3d7ff0db5a3.txt -o reports/article
"""


class UsageError(Exception):
    """Wrong arguments: exit 2."""


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, so that it unwinds as on Ctrl-C: temporary files
    are removed, workers are stopped, and one line is printed."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def _analyze_parser(sub: argparse._SubParsersAction) -> None:
    """The ``analyze`` subcommand: inputs, formats, engines, corpora and datasets."""
    a = sub.add_parser(
        "analyze",
        help="find attributions in articles",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Analyse articles: plain text, HTML, JSONL (one article a line, "
        "with 'id' and 'text'), directories (recursively) or '-' for stdin.",
    )
    a.add_argument("paths", nargs="+", metavar="PATH")
    a.add_argument(
        "--format",
        choices=("table", "jsonl", "csv", "parquet"),
        default="table",
        help="table (for reading), jsonl (one record an article: the scorer's shape), "
        "csv (one row an attribution), parquet (a dataset directory: -o DIR)",
    )
    a.add_argument("-o", "--output", metavar="OUT", help="write here (atomically) instead of stdout")
    a.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (default 1)")
    a.add_argument(
        "--engine",
        default=DEFAULT_ENGINE,
        help=f"attribution engine: {', '.join(ENGINES)} (default {DEFAULT_ENGINE}; auto: the best installed)",
    )
    _settings_argument(a)
    a.add_argument(
        "--text-column",
        metavar="NAME",
        help="CSV/TSV/Parquet column holding the text (default: found among text, body, content, …)",
    )
    a.add_argument(
        "--id-column",
        metavar="NAME",
        help="column holding the article id (default: found among id, guid, url, …; else the row)",
    )
    a.add_argument(
        "--input-format",
        choices=FORMATS,
        help="format of stdin and of files whose ending names none (default: sniffed)",
    )
    a.add_argument(
        "--partition-size",
        type=int,
        default=InputOptions.part_articles,
        metavar="N",
        help=f"articles a partition (the unit of parallel work, of parts and of resume; "
        f"default {InputOptions.part_articles})",
    )
    a.add_argument("--resume", action="store_true", help="continue an interrupted --format parquet run in -o DIR")
    a.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="--format parquet on a Dask cluster: tcp://host:8786, or "
        "'local' for a LocalCluster of --jobs workers (needs the dask extra)",
    )
    a.add_argument(
        "--min-words",
        type=int,
        default=TriageSettings.min_words,
        metavar="N",
        help=f"datasets: fewer words after extraction is status too_short (default {TriageSettings.min_words})",
    )
    a.add_argument(
        "--time-limit",
        type=float,
        default=None,
        metavar="SECONDS",
        help="seconds one article may take to extract or analyse before it becomes an error "
        "record (default 60; 0: no limit)",
    )
    a.add_argument("-q", "--quiet", action="store_true", help="no progress bar")


def _settings_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        dest="settings",
        help="an attribution setting (newslib.attribution.AttributionSettings; a JSON value or a "
        "word), e.g. --set min_score=0.5 --set segment=sentence (repeatable; a dataset "
        "records them in its manifest)",
    )


def _attribution_settings(args: argparse.Namespace) -> Any:
    """The detection settings of ``--set KEY=VALUE`` (the defaults where none is given)."""
    import json

    from .attribution import AttributionSettings

    overrides: dict[str, Any] = {}
    for item in args.settings:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"--set takes KEY=VALUE, not {item!r}")
        try:
            overrides[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            overrides[key.strip()] = value  # a bare word: segment=sentence
    try:
        return AttributionSettings().with_overrides(overrides)
    except (TypeError, ValueError) as exc:
        raise UsageError(str(exc)) from None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="newslib",
        description="Who said it, and how do we know? Attribution analysis of news articles.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"newslib {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    _analyze_parser(sub)

    e = sub.add_parser(
        "eval",
        help="score the engine against a gold JSONL file",
        description="Prints the reference scorer's figures and a per-kind error listing.",
    )
    e.add_argument("gold", metavar="GOLD.jsonl")
    e.add_argument("--engine", default=DEFAULT_ENGINE, help=f"{', '.join(ENGINES)} (default {DEFAULT_ENGINE})")
    _settings_argument(e)
    e.add_argument("--jobs", type=int, default=1, metavar="N")
    e.add_argument("--json", action="store_true", help="print the figures as JSON")

    t = sub.add_parser("train", help="train the fast engine's model from a gold JSONL file")
    t.add_argument("gold", metavar="GOLD.jsonl")
    t.add_argument("-o", "--output", required=True, metavar="MODEL", help="model file to write")
    t.add_argument("--seed", type=int, default=0)
    t.add_argument(
        "--extra",
        action="append",
        default=[],
        metavar="GOLD.jsonl",
        help="another gold file, each article learned from `extra_repeat` times (e.g. annotated web pages)",
    )

    k = sub.add_parser(
        "calibrate",
        help="fit an engine's score calibration on a gold JSONL file",
        description="Writes <model>.calibration.json beside the engine's model: a score "
        "becomes the probability that the attribution is right.",
    )
    k.add_argument("gold", metavar="GOLD.jsonl")
    k.add_argument("--engine", default=DEFAULT_ENGINE, choices=tuple(REGISTRY))
    k.add_argument("-o", "--output", metavar="FILE", help="default: beside the engine's model")

    c = sub.add_parser(
        "corpus",
        help="summarise a dataset: statuses, groups compared, kinds, top sources, "
        "who is quoted (gender, over time, top people, speaker categories)",
        description="The corpus notebook's summary of a dataset (written with --format parquet), in the terminal.",
    )
    c.add_argument("dataset", metavar="DIR")
    c.add_argument("--group-by", default="", metavar="COLUMN", help="a metadata column (default: none)")
    c.add_argument("--top", type=int, default=10, metavar="N", help="sources and people listed per group (default 10)")
    c.add_argument(
        "--date-column",
        default="",
        metavar="COLUMN",
        help="the articles' date column for the view over time (default: the first of date, published, "
        "publication_date, ... the dataset has)",
    )

    r = sub.add_parser("report", help="render a notebook into a reproducible report (ipynb + html)")
    r.add_argument("notebook", metavar="NOTEBOOK")
    r.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="notebook parameter (repeatable)",
    )
    r.add_argument("-o", "--output", metavar="DIR", help="output directory (default: reports/NAME)")

    from .validate.cli import add_parser as add_validate_parser

    add_validate_parser(sub)
    return p


def _error(msg: str) -> None:
    """One line on stderr, whatever the message holds (a file name with a newline is escaped)."""
    from .inputs import printable

    print(f"newslib: error: {printable(msg)}", file=sys.stderr)


def _progress(items: Iterator, enabled: bool) -> Iterator:
    """A progress bar on a terminal, only if the run takes more than a moment; silent when piped."""
    if not enabled or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return iter(tqdm(items, unit="article", delay=1.0, file=sys.stderr, leave=False))


def _reported(
    items: Iterator[Analysis | ArticleFailure], failures: list[ArticleFailure], echo: bool = True
) -> Iterator:
    for item in items:
        if isinstance(item, ArticleFailure):
            failures.append(item)
            if echo:
                _error(str(item))
        yield item


def cmd_analyze(args: argparse.Namespace) -> int:
    from functools import partial

    from .dataset.writer import meta_columns
    from .files import open_output
    from .inputs import iter_articles, metadata_fields
    from .output import csv_header, csv_text, jsonl_line, table_text, write_lines
    from .pipeline import analyze_many

    _check_analyze_args(args)
    settings = _attribution_settings(args)
    worker = _worker_settings(args)
    options = InputOptions(
        text_column=args.text_column,
        id_column=args.id_column,
        input_format=args.input_format,
        part_articles=args.partition_size,
    )
    if args.format == "parquet":
        return _analyze_to_dataset(args, options, settings, worker)
    keys = tuple(metadata_fields(args.paths, options)) if args.format == "csv" else ()
    meta = meta_columns(keys)
    render = {"jsonl": jsonl_line, "table": table_text}.get(args.format) or partial(csv_text, meta=meta, keys=keys)
    failures: list[ArticleFailure] = []
    # a table on the terminal shows each error in its place: a second line on stderr only repeated it
    shown = args.format == "table" and not args.output and sys.stdout.isatty() and sys.stderr.isatty()
    results = _reported(
        _progress(
            analyze_many(iter_articles(args.paths, options), args.engine, args.jobs, render, settings, worker),
            not args.quiet,
        ),
        failures,
        echo=not shown,
    )
    with open_output(args.output) if args.output else contextlib.nullcontext(sys.stdout) as fh:
        if args.format == "csv":
            fh.write(csv_header(meta))
        write_lines(results, fh, render)
    sys.stdout.flush()
    return 1 if failures else 0


def _worker_settings(args: argparse.Namespace) -> Any:
    """One article's limits of ``--time-limit`` (passed to the run, which sends them to every
    worker and records them: nothing global is changed)."""
    from .workers import WorkerSettings

    default = WorkerSettings()
    return default if args.time_limit is None else WorkerSettings(args.time_limit, default.hard_factor)


def _analyze_to_dataset(args: argparse.Namespace, options: Any, settings: Any, worker: Any) -> int:
    from dataclasses import replace

    from .dataset import analyze_corpus

    def report(line: str) -> None:
        from tqdm import tqdm

        tqdm.write(f"newslib: error: {line}", file=sys.stderr)

    manifest = analyze_corpus(
        args.paths,
        args.output,
        engine=args.engine,
        jobs=args.jobs,
        resume=args.resume,
        options=options,
        triage=replace(TriageSettings(), min_words=args.min_words),
        progress=not args.quiet and sys.stderr.isatty(),
        report=report,
        scheduler=args.scheduler,
        settings=settings,
        worker=worker,
    )
    counts = ", ".join(f"{n:,} {s}" for s, n in manifest["statuses"].items())
    print(
        f"wrote {args.output}: {sum(manifest['statuses'].values()):,} articles ({counts}), "
        f"{manifest['rows']['attributions']:,} attributions",
        file=sys.stderr,
    )
    return 1 if manifest["statuses"].get("error") else 0


def _check_engine(name: str) -> None:
    """A usage error for an unknown engine, or one named (not ``auto``) but not installed; the
    engine is loaded here, before any worker forks, so the workers share its model."""
    from .attribution.engines import EngineUnavailable, check_name, load_engine

    try:
        if check_name(name) != "auto":
            load_engine(name)
    except (ValueError, EngineUnavailable) as exc:
        raise UsageError(str(exc)) from None


def _check_analyze_args(args: argparse.Namespace) -> None:
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    _check_engine(args.engine)
    if args.format == "parquet" and not args.output:
        raise UsageError("--format parquet writes a dataset directory: give -o DIR")
    if args.scheduler and args.format != "parquet":
        raise UsageError("--scheduler writes a dataset: use it with --format parquet -o DIR")
    if args.resume and args.format != "parquet":
        raise UsageError("--resume continues a dataset: use it with --format parquet -o DIR")
    if args.partition_size < 1:
        raise UsageError("--partition-size must be at least 1")
    if args.min_words < 0:
        raise UsageError("--min-words must be 0 or more")
    if args.time_limit is not None and args.time_limit < 0:
        raise UsageError("--time-limit must be 0 (none) or more")


def cmd_eval(args: argparse.Namespace) -> int:
    import json

    from .evaluation import evaluate, format_report

    if not Path(args.gold).is_file():
        _error(f"{args.gold}: no such file")
        return 1
    _check_engine(args.engine)
    result = evaluate(args.gold, engine=args.engine, jobs=args.jobs, settings=_attribution_settings(args))
    print(json.dumps(result, indent=1, default=str) if args.json else format_report(result))
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    import json

    from .attribution.fast.train import train

    missing = [g for g in (args.gold, *args.extra) if not Path(g).is_file()]
    if missing:
        _error(f"{missing[0]}: no such file")
        return 1
    summary = train(args.gold, args.output, seed=args.seed, extra=args.extra)
    print(json.dumps(summary, indent=1, default=str))
    return 0


def cmd_calibrate(args: argparse.Namespace) -> int:
    import json

    from .evaluation import fit_calibration

    if not Path(args.gold).is_file():
        _error(f"{args.gold}: no such file")
        return 1
    if args.output:
        out = Path(args.output)
    else:
        from .attribution.engines import load_engine

        out = load_engine(args.engine).calibration
    record = fit_calibration(args.gold, args.engine, out)
    print(json.dumps({k: v for k, v in record.items() if k not in ("features", "weights")}, indent=1))
    print(f"wrote {out}")
    return 0


def cmd_corpus(args: argparse.Namespace) -> int:
    from .dataset import open_dataset
    from .dataset.summary import summary_text

    sys.stdout.write(summary_text(open_dataset(args.dataset), args.group_by, args.top, args.date_column))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    try:
        from .report import ReportError, parse_param, render
    except ImportError as exc:
        _error(f"the notebook stack is not installed ({exc.name}): pip install 'newslib[notebooks]'")
        return 1
    nb = Path(args.notebook)
    if not nb.is_file():
        _error(f"{nb}: no such notebook")
        return 1
    out = Path(args.output) if args.output else Path("reports") / nb.stem
    params = {name: parse_param(value) for name, value in args.parameter}
    try:
        ipynb, html = render(nb, out, params)
    except ReportError as exc:
        _error(str(exc))
        return 1
    print(f"wrote {ipynb}\nwrote {html}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """``newslib validate sample|import|report`` (newslib.validate.cli)."""
    from .validate.cli import run

    return run(args)


def _exit_now(why: str, code: int) -> NoReturn:
    """One line, then exit at once. Temporary files were removed as the stack unwound and the
    workers were terminated; a normal exit would then wait on the process pool's manager thread,
    which can hang on a pipe a killed worker left half-written."""
    _error(why)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


COMMANDS = {
    "analyze": cmd_analyze,
    "eval": cmd_eval,
    "train": cmd_train,
    "calibrate": cmd_calibrate,
    "corpus": cmd_corpus,
    "report": cmd_report,
    "validate": cmd_validate,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    logging.basicConfig(level=logging.WARNING, format="newslib: warning: %(message)s")
    previous = signal.signal(signal.SIGTERM, _terminate)
    # Ctrl-C always interrupts, even when the shell started the run with SIGINT ignored (a
    # background job of a script): temporary files are removed and a dataset can be resumed
    interrupt = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        parser.error(str(exc))  # exits 2 with the usage line
    except Terminated:
        _exit_now("terminated", 128 + signal.SIGTERM)
    except KeyboardInterrupt:
        _exit_now("interrupted", 130)
    except NewslibError as exc:  # names the file (and line), the dataset or the cluster itself
        _error(str(exc))
        return 1
    except BrokenPipeError:  # `newslib analyze ... | head`
        sys.stderr.close()
        return 0
    except Exception as exc:  # noqa: BLE001 - the CLI shows one line, never a traceback
        _error(" ".join(f"{type(exc).__name__}: {exc}".split()))
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGINT, interrupt)
    return 0


if __name__ == "__main__":
    sys.exit(main())
