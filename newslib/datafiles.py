"""The data files of ``newslib/data``: read once, in one place.

Every lexicon and pattern list the stages use is a documented text file (a header says what it
holds and who reads it), so it can be reviewed and extended without reading code. This module
is the only reader: :func:`read_lexicon` gives a file's lines without comments and blank lines,
read once per process, and the lists more than one stage shares are parsed here once (wire
services: :func:`agency_names`, read by attribution, sources and credits alike).

Named ``datafiles`` (it was ``newslib.lexicons``) so it is not confused with the two parsed
lexicons built from these files, :mod:`newslib.claims.lexicon` and :mod:`newslib.sources.lexicon`.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources


@cache
def _lines(name: str) -> tuple[str, ...]:
    raw = resources.files("newslib").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    out = []
    for line in raw.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)


def read_lexicon(name: str) -> list[str]:
    """Lines of a data file in ``newslib/data``, without comments and blank lines."""
    return list(_lines(name))


@lru_cache(maxsize=1)
def agency_names() -> tuple[str, ...]:
    """Wire services and their aliases (``data/agencies.txt``), longest first, so an alternation
    built from them prefers "Thomson Reuters" to "Reuters"."""
    return tuple(sorted(read_lexicon("agencies.txt"), key=len, reverse=True))
