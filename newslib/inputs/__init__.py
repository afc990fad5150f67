"""Every input a corpus comes in, read as a stream of articles, cut into partitions.

A corpus is files and folders of plain text, HTML pages, JSONL, CSV/TSV, Parquet or WARC (web
archive) records, any of them but Parquet possibly compressed (gzip, bz2, xz, zstd), or stdin.
Nothing is loaded whole: :func:`plan` cuts the inputs into :class:`Partition` s of about
``InputOptions.part_articles`` articles, and :func:`read_partition` reads one of them. Most
partitions only say where to read (a batch of files, a byte range of a JSONL file at line
boundaries, a range of Parquet rows, a byte range of WARC records), so that worker processes
read their own input; only streams that cannot be cut (stdin, compressed JSONL, CSV) carry their
raw records with them, read by the planner.

Each format is one class in a registry (:mod:`~newslib.inputs.formats`): its endings, how it is
sniffed, cut, read, and which fields it gives. The modules:

- :mod:`~newslib.inputs.base`: options, partitions, names in ids, opening compressed files;
- :mod:`~newslib.inputs.formats`: the :class:`Format` class and the registry;
- :mod:`~newslib.inputs.pages` (text, HTML, sniffed), :mod:`~newslib.inputs.jsonl`,
  :mod:`~newslib.inputs.tabular` (CSV, TSV, Parquet), :mod:`~newslib.inputs.warc`: the formats;
- :mod:`~newslib.inputs.corpus`: walking folders, planning, reading a partition.

Plans are deterministic: the same inputs and options give the same partitions, which is what lets
an interrupted run resume. Bad input never raises: each problem becomes an
:class:`~newslib.model.ArticleFailure` naming the file (and line, row or offset) in the article's
place, and the rest goes on.
"""

from __future__ import annotations

# isort: off
# The format modules register their formats as they are imported: in this order, which is the
# order they are sniffed in and their endings are listed in.
from .pages import HTML_FIELDS, PageFormat, read_file
from .jsonl import SAMPLE_LINES
from .tabular import DELIMITERS, ID_COLUMNS, TEXT_COLUMNS, csv_delimiter, row_article
from .warc import WARC_PART
# isort: on

from .base import (
    COMPRESSIONS,
    CORRUPT,
    InputOptions,
    Partition,
    Planner,
    derived_id,
    file_name,
    open_binary,
    printable,
    skipped,
)
from .corpus import (
    MAX_META_FIELDS,
    input_files,
    iter_articles,
    metadata_fields,
    plan,
    read,
    read_partition,
    streams,
)
from .formats import (
    FORMATS,
    REGISTRY,
    SUFFIXES,
    Format,
    format_for,
    format_of,
    input_format,
    register,
    unregister,
)

__all__ = [
    "COMPRESSIONS",
    "CORRUPT",
    "DELIMITERS",
    "FORMATS",
    "HTML_FIELDS",
    "ID_COLUMNS",
    "MAX_META_FIELDS",
    "REGISTRY",
    "SAMPLE_LINES",
    "SUFFIXES",
    "TEXT_COLUMNS",
    "WARC_PART",
    "Format",
    "InputOptions",
    "PageFormat",
    "Partition",
    "Planner",
    "csv_delimiter",
    "derived_id",
    "file_name",
    "format_for",
    "format_of",
    "input_files",
    "input_format",
    "iter_articles",
    "metadata_fields",
    "open_binary",
    "plan",
    "printable",
    "read",
    "read_file",
    "read_partition",
    "register",
    "row_article",
    "skipped",
    "streams",
    "unregister",
]
