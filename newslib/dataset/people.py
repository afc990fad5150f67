"""The ``people`` table: one row a speaker across the corpus, by person key.

Each article resolves its speakers on its own (``newslib.sources``) and gives each named one a
key (``newslib.sources.identity.person_key``) that is the same in every article. This table
gathers the ``sources`` rows by that key when a run ends: the name most often written, every
spelling seen, one type (a person is ``named_person`` whatever office an article gives them;
their roles are listed), gender decided across the corpus, and how much they are quoted.

Gender across articles: the text's evidence (titles, pronouns) outvotes a first name; articles
whose text states one gender are counted, and the majority wins (a tie gives none). Without any
text evidence the first name's lexicon gender stands, with its probability. ``gender_evidence``
gives the counts, so a researcher can audit every figure.

It is one DuckDB query over the parts, written atomically as ``people/part-000000.parquet``;
it is computed again, from scratch, by every run that ends (resume included), so it always
matches the other tables.

**Manual fixes.** A researcher who knows that two keys are one person ("gordon brown" and
"chancellor gordon brown", or a maiden and a married name) writes them in
``DIR/people_aliases.tsv``, one ``variant<TAB>canonical`` a line (keys or names; ``#`` comments),
and ends a run again (``newslib analyze … --resume`` on the same inputs, or
:func:`write_people`): the people table merges them, the other tables keep what each article
said.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..model import ATTRIBUTION_KINDS
from ..sources.identity import person_key

DATE_COLUMNS = ("date", "published", "publication_date", "pub_date", "published_at", "datetime", "warc_date")
"""Metadata columns taken as an article's date for ``first_date``/``last_date``, in this order."""

_KIND_SUMS = ", ".join(f'sum("{k}")::BIGINT as "{k}"' for k in ATTRIBUTION_KINDS)


def date_column(columns: list[str]) -> str | None:
    """The first column of :data:`DATE_COLUMNS` the sources table has, else None."""
    return next((c for c in DATE_COLUMNS if c in columns), None)


ALIASES = "people_aliases.tsv"


def read_aliases(path: Path) -> dict[str, str]:
    """``variant -> canonical`` person keys from an aliases file (names are turned into keys)."""

    def key(x: str) -> str:
        x = x.strip()
        return x if x.startswith("org:") else (person_key(x, "named_person") or x)

    out: dict[str, str] = {}
    if path.is_file():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = line.split("#", 1)[0]
            if not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) != 2:
                raise ValueError(f"{path}:{n}: expected 'variant<TAB>canonical'")
            out[key(parts[0])] = key(parts[1])
    return out


def people_query(sources: str, date: str | None, aliases: dict[str, str] | None = None) -> str:
    """The SQL over the ``sources`` parts (a ``read_parquet`` glob) giving the people table,
    with ``aliases`` (variant key -> canonical key) merged."""
    pairs = ", ".join(
        f"('{v.replace(chr(39), chr(39) * 2)}', '{c.replace(chr(39), chr(39) * 2)}')"
        for v, c in sorted((aliases or {}).items())
    )
    alias_cte = (
        f"al(variant, canonical) as (values {pairs})"
        if pairs
        else "al(variant, canonical) as (select null::varchar, null::varchar where false)"
    )
    dates = (
        f"min(nullif(trim(\"{date}\"), '')) as first_date, max(nullif(trim(\"{date}\"), '')) as last_date"
        if date
        else "null::VARCHAR as first_date, null::VARCHAR as last_date"
    )
    return f"""
    with {alias_cte},
    s as (select * replace (coalesce(al.canonical, r.person) as person)
          from read_parquet('{sources}', union_by_name=true) r left join al on al.variant = r.person
          where r.person is not null),
    names as (select person, name, count(*) as n from s group by person, name),
    votes as (select person, count(distinct id) filter (where gender_source = 'text' and gender = 'female') as tf,
                     count(distinct id) filter (where gender_source = 'text' and gender = 'male') as tm,
                     max(gender_p) filter (where gender_source = 'name' and gender = 'female') as nf,
                     max(gender_p) filter (where gender_source = 'name' and gender = 'male') as nm
              from s group by person),
    agg as (select person, any_value(category) as category,
                   case when any_value(category) = 'named_person' then 'named_person' else mode(type) end as type,
                   string_agg(distinct role, '; ' order by role) as roles,
                   count(distinct id)::BIGINT as articles, sum(attributions)::BIGINT as attributions, {_KIND_SUMS},
                   sum(words)::BIGINT as words, {dates}
            from s group by person)
    select a.person,
           (select name from names x where x.person = a.person order by n desc, length(name) desc, name limit 1)
               as name,
           (select string_agg(name, '; ' order by name) from names x where x.person = a.person) as variants,
           a.category, a.type, a.roles,
           case when tf > tm then 'female' when tm > tf then 'male'
                when tf + tm = 0 and nf is not null then 'female' when tf + tm = 0 and nm is not null then 'male'
           end as gender,
           case when tf + tm > 0 and tf <> tm then 'text' when tf + tm = 0 and coalesce(nf, nm) is not null
                then 'name' end as gender_source,
           case when tf + tm > 0 and tf <> tm then round(greatest(tf, tm) / (tf + tm), 3)
                when tf + tm = 0 then coalesce(nf, nm) end as gender_p,
           'text: female ' || tf || ', male ' || tm
               || coalesce('; name: ' || case when nf is not null then 'female p=' || nf else 'male p=' || nm end, '')
               as gender_evidence,
           a.articles, a.attributions, {", ".join(f'a."{k}"' for k in ATTRIBUTION_KINDS)}, a.words,
           a.first_date, a.last_date
    from agg a join votes v using (person)
    order by a.attributions desc, a.person
    """


def write_people(out: str | Path) -> int:
    """Compute the ``people`` table of the dataset in ``out`` and write it atomically; returns
    its rows. A dataset with no sources part gets an empty table of the same columns."""
    import duckdb
    import pyarrow.parquet as pq

    out = Path(out)
    folder = out / "people"
    folder.mkdir(exist_ok=True)
    glob = str(out / "sources" / "*.parquet").replace("'", "''")
    con = duckdb.connect()
    columns = (
        [r[0] for r in con.execute(f"describe select * from read_parquet('{glob}', union_by_name=true)").fetchall()]
        if any((out / "sources").glob("*.parquet"))
        else []
    )
    if not columns:
        return 0
    table = con.sql(people_query(glob, date_column(columns), read_aliases(out / ALIASES))).to_arrow_table()
    target = folder / "part-000000.parquet"
    tmp = folder / f".part-000000.{os.getpid()}.tmp"
    pq.write_table(table, tmp)
    os.replace(tmp, target)
    return table.num_rows
