"""Datasets: a corpus analysed into Parquet tables, written in parts, resumable, queryable.

``analyze_corpus(inputs, DIR)`` writes the dataset (see :mod:`.writer` for the layout and
:mod:`.tables` for the schema); ``open_dataset(DIR)`` reads it back as pandas tables or DuckDB
relations.
"""

from .query import Dataset, open_dataset
from .run import analyze_corpus
from .tables import SCHEMA_VERSION, TABLES
from .writer import DatasetError

__all__ = ["SCHEMA_VERSION", "TABLES", "Dataset", "DatasetError", "analyze_corpus", "open_dataset"]
