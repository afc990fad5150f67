"""Reading a dataset back: pandas tables for small ones, DuckDB for any size.

DuckDB, embedded, reads the parts where they lie and runs SQL over them without loading a
table whole: the tables are views named as the folders (``articles``, ``attributions``,
``sources``, ``claims``, ``numbers``, and ``people`` once a run has ended), so
``ds.sql("select type, count(*) from sources group by type")`` works on a corpus of millions of
articles. ``ds.table(name)`` is the pandas frame.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .tables import DERIVED, TABLES
from .writer import MANIFEST, RUN_FILE, DatasetError

if TYPE_CHECKING:
    import duckdb
    import pandas as pd


@dataclass
class Dataset:
    """A dataset directory; ``manifest`` is its ``manifest.json`` (empty while a run writes it)."""

    path: Path
    manifest: dict[str, Any] = field(default_factory=dict)
    _con: Any = None

    def glob(self, table: str) -> str:
        if table not in (*TABLES, *DERIVED):
            raise DatasetError(str(self.path), f"no table {table!r} (tables: {', '.join((*TABLES, *DERIVED))})")
        return str(self.path / table / "*.parquet")

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """An in-memory DuckDB connection with one view a table."""
        if self._con is None:
            import duckdb

            self._con = duckdb.connect()
            for t in (*TABLES, *(d for d in DERIVED if any((self.path / d).glob("*.parquet")))):
                glob = self.glob(t).replace("'", "''")
                self._con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{glob}', union_by_name=true)")
        return self._con

    def relation(self, table: str) -> duckdb.DuckDBPyRelation:
        """A table as a lazy DuckDB relation (filter, aggregate, then ``.df()``)."""
        self.glob(table)
        return self.connection.table(table)

    def sql(self, query: str) -> pd.DataFrame:
        """The result of a SQL query over the tables, as a DataFrame."""
        return self.connection.sql(query).df()

    def table(self, table: str, columns: list[str] | None = None) -> pd.DataFrame:
        """A whole table as a pandas DataFrame, integers nullable (for small datasets; else
        :meth:`relation` or :meth:`sql`)."""
        import pandas as pd

        self.glob(table)
        return pd.read_parquet(self.path / table, columns=columns, dtype_backend="numpy_nullable")


def open_dataset(path: str | Path) -> Dataset:
    """The dataset in ``path``; :class:`DatasetError` if it is not one."""
    p = Path(path)
    if (p / MANIFEST).is_file():
        return Dataset(p, json.loads((p / MANIFEST).read_text(encoding="utf-8")))
    if (p / RUN_FILE).is_file():
        return Dataset(p)
    raise DatasetError(
        str(p),
        "not a newslib dataset (no manifest.json): write one with newslib analyze INPUTS --format parquet -o DIR",
    )
