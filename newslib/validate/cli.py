"""``newslib validate``: sample for annotation, import annotations, report with intervals.

Kept here rather than in :mod:`newslib.cli` so the command group's options live beside the code
they drive; :mod:`newslib.cli` adds the parser and dispatches to :func:`run`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..reading import ReadError
from .measure import RESAMPLES

EXAMPLES = """\
examples:
  newslib validate sample dataset/ -n 100 --stratify outlet --seed 1 -o validation/
  newslib validate import export.json -o validation/gold.jsonl
  newslib validate report validation/gold.jsonl --dataset dataset/
"""


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """The ``validate`` command group, added to the top-level subparsers ``sub``."""
    v = sub.add_parser(
        "validate",
        help="validate on your own corpus: sample, annotate, measure with intervals",
        description="Validate newslib on your corpus: a sample to annotate in Label Studio, the "
        "annotations back as gold, and the figures with bootstrap intervals.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    v.set_defaults(validate_parser=v)
    vs = v.add_subparsers(dest="validate_command", metavar="STEP")
    s = vs.add_parser("sample", help="a reproducible stratified sample as Label Studio tasks")
    s.add_argument("dataset", metavar="DATASET")
    s.add_argument("-n", type=int, default=100, metavar="N", help="articles to sample (default 100)")
    s.add_argument("--stratify", default="", metavar="COLUMN", help="a metadata column (outlet, ...) or 'month'")
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("-o", "--output", required=True, metavar="DIR")
    s.add_argument("--inputs", nargs="+", metavar="PATH", help="where the corpus is now (default: the run's inputs)")
    i = vs.add_parser("import", help="Label Studio's JSON export as a gold JSONL file")
    i.add_argument("export", metavar="EXPORT.json")
    i.add_argument("-o", "--output", required=True, metavar="GOLD.jsonl")
    r = vs.add_parser("report", help="precision, recall, speakers and corpus figures with bootstrap intervals")
    r.add_argument("gold", metavar="GOLD.jsonl")
    r.add_argument("--dataset", required=True, metavar="DATASET")
    r.add_argument("--resamples", type=int, default=RESAMPLES, metavar="N")
    r.add_argument("--seed", type=int, default=0)
    r.add_argument("--json", action="store_true", help="the tables as JSON")
    return v


def _sample(args: argparse.Namespace) -> int:
    from .sample import write_sample

    if args.n < 1:
        args.validate_parser.error("-n must be at least 1")  # exits 2, as every usage error
    summary = write_sample(args.dataset, args.output, args.n, args.stratify, args.seed, args.inputs)
    strata = ", ".join(f"{k} {v}" for k, v in summary["strata"].items())
    print(
        f"wrote {args.output}: {summary['articles']} articles ({strata}), {summary['attributions']} "
        f"pre-annotated attributions, {summary['words']:,} words; files {', '.join(summary['files'])}"
    )
    return 0


def _import(args: argparse.Namespace) -> int:
    from ..files import atomic_write
    from .labelstudio import iter_gold_lines, read_export

    imported = read_export(args.export)
    for p in imported.problems:
        print(f"newslib: warning: {args.export}: {p}", file=sys.stderr)
    with atomic_write(args.output) as fh:
        fh.writelines(iter_gold_lines(imported.records))
    others = sum(len(r.get("other_annotations", [])) for r in imported.records)
    print(
        f"wrote {args.output}: {len(imported.records)} articles, "
        f"{sum(len(r['attributions']) for r in imported.records)} attributions"
        f"{f', {others} further annotations kept apart' if others else ''}; {len(imported.problems)} problems"
    )
    return 1 if imported.problems else 0


def _report(args: argparse.Namespace) -> int:
    from .report import format_validation, validate_files

    if not Path(args.gold).is_file():
        raise ReadError(args.gold, "no such file")
    v = validate_files(args.gold, args.dataset, args.resamples, args.seed)
    if args.json:
        out = {
            "settings": v.settings,
            "figures": v.figures.to_dict("records"),
            "correction": v.correction.reset_index().to_dict("records"),
            "agreement": v.agreement.to_dict("records"),
        }
        print(json.dumps(out, indent=1, default=str))
    else:
        sys.stdout.write(format_validation(v))
    return 0


STEPS = {"sample": _sample, "import": _import, "report": _report}


def run(args: argparse.Namespace) -> int:
    """Run the step named on the command line; a usage error (no step) exits 2."""
    if not args.validate_command:
        args.validate_parser.print_help(sys.stderr)
        return 2
    return STEPS[args.validate_command](args)
