"""A dataset summarised for a notebook or a terminal: every figure one DuckDB query.

The figures compare groups of articles (an outlet, a date, any metadata column) on how they
source their stories, with the definitions of ``newslib.sources.profile``: the anonymous and
agency rates count attributions with a resolved speaker (a photo credit is none), the direct and
quoted shares count all attributions. A group without attributions has NaN rates: nothing was
measured. Queries run where the parts lie, so a dataset of 100,000 articles summarises in
seconds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .query import Dataset
from .tables import COLUMNS
from .writer import DatasetError

if TYPE_CHECKING:
    import pandas as pd

GROUP_METRICS = {
    "anonymous_rate": "share of attributions with a resolved speaker whose speaker is anonymous",
    "agency_share": "share of attributions with a resolved speaker credited to a wire service",
    "direct_share": "share of attributions that are direct quotations",
    "quoted_share": "share of attributions quoted in whole or part (direct or partial), not reported",
    "sources_per_article": "distinct sources per analysed article (mean)",
    "unattributed_claim_share": "share of checkable claims the article asserts without a source",
}
"""The per-group figures of :func:`group_table`, with what each one means."""

NO_GROUP = "(none)"


def group_columns(ds: Dataset) -> list[str]:
    """The columns an article can be grouped by: the corpus's metadata and its own language."""
    own = {n for n, _ in COLUMNS["articles"]} - {"language"}
    cols = ds.sql("select * from articles limit 0").columns
    return [c for c in cols if c not in own and c not in ("id", "origin", "meta_extra")]


def check_group(ds: Dataset, group_by: str) -> str:
    """``group_by`` if the dataset has that column, else :class:`DatasetError` naming those it has."""
    if not group_by:
        return ""
    have = group_columns(ds)
    if group_by not in have:
        raise DatasetError(str(ds.path), f"no column {group_by!r} to group by (the dataset has: "
                                         f"{', '.join(have) or 'no metadata columns'})")
    return group_by


def _group(col: str) -> str:
    return f"coalesce(nullif(trim(cast(\"{col}\" as varchar)), ''), '{NO_GROUP}')" if col else f"'{NO_GROUP}'"


def status_counts(ds: Dataset) -> pd.DataFrame:
    """Articles by status (``ok``, ``error``, ``too_short``, ``language``, ``duplicate``)."""
    return ds.sql("select status, count(*) as articles from articles group by status order by status")


def group_table(ds: Dataset, group_by: str) -> pd.DataFrame:
    """Per group: analysed articles, attributions, and the rates of :data:`GROUP_METRICS`."""
    g = _group(check_group(ds, group_by))
    df = ds.sql(f"""
        with a as (select {g} as grp, * from attributions),
             s as (select grp, count(*) filter (where speaker is not null and speaker_type <> 'credit') as spoken,
                          count(*) filter (where speaker_anonymous and speaker_type <> 'credit') as anonymous,
                          count(*) filter (where speaker_type = 'agency') as agency,
                          count(*) filter (where kind = 'direct') as direct,
                          count(*) filter (where kind in ('direct', 'partial')) as quoted,
                          count(*) as n from a group by grp),
             r as (select {g} as grp, count(*) as articles, avg(sources) as sources_per_article,
                          sum(unattributed_claims) as unattributed, sum(claims) as claims
                   from articles where status = 'ok' group by grp)
        select r.grp as "group", r.articles, coalesce(s.n, 0) as attributions,
               s.anonymous / nullif(s.spoken, 0) as anonymous_rate, s.agency / nullif(s.spoken, 0) as agency_share,
               s.direct / nullif(s.n, 0) as direct_share, s.quoted / nullif(s.n, 0) as quoted_share,
               round(r.sources_per_article, 2) as sources_per_article,
               r.unattributed / nullif(r.claims, 0) as unattributed_claim_share
        from r left join s using (grp) order by r.grp""")
    for col in ("anonymous_rate", "agency_share", "direct_share", "quoted_share", "unattributed_claim_share"):
        df[col] = df[col].astype(float).round(4)
    return df.set_index("group").rename_axis(group_by or "group")


def kind_table(ds: Dataset, group_by: str = "") -> pd.DataFrame:
    """Attributions by kind (rows) and group (columns), every kind listed."""
    from ..model import ATTRIBUTION_KINDS

    g = _group(check_group(ds, group_by))
    df = ds.sql(f"select kind, {g} as grp, count(*) as n from attributions group by all")
    table = df.pivot_table(index="kind", columns="grp", values="n", aggfunc="sum", fill_value=0)
    kinds = [*ATTRIBUTION_KINDS, *sorted(k for k in table.index if k not in ATTRIBUTION_KINDS)]
    return table.reindex(kinds, fill_value=0).rename_axis(index="kind", columns=group_by or None)


def top_sources(ds: Dataset, group_by: str = "", n: int = 10) -> pd.DataFrame:
    """The most cited sources of each group: attributions credited, articles citing them, type."""
    g = _group(check_group(ds, group_by))
    return ds.sql(f"""
        select grp as "{group_by or 'group'}", name as source, type, attributions, articles from (
            select {g} as grp, name, mode(type) as type, cast(sum(attributions) as bigint) as attributions,
                   count(distinct origin) as articles,
                   row_number() over (partition by {g} order by sum(attributions) desc, count(distinct origin) desc,
                                      name) as k
            from sources where type <> 'credit' group by grp, name)
        where k <= {int(n)} order by 1, attributions desc, articles desc, source""")


def not_analysed(ds: Dataset, limit: int = 50) -> tuple[pd.DataFrame, int]:
    """The articles not analysed, with their status and reason (the first ``limit``), and how many."""
    total = int(ds.sql("select count(*) as n from articles where status <> 'ok'")["n"].iloc[0])
    rows = ds.sql(f"select origin, id, status, reason from articles where status <> 'ok' "
                  f"order by status, origin limit {int(limit)}")
    return rows, total


def summary_text(ds: Dataset, group_by: str = "", n: int = 10) -> str:
    """The notebook's summary as plain text, for ``newslib corpus DIR``."""
    import pandas as pd

    with pd.option_context("display.width", 200, "display.max_columns", 20, "display.max_colwidth", 60):
        rows, total = not_analysed(ds, 20)
        parts = [f"dataset {ds.path}", "", status_counts(ds).to_string(index=False), "",
                 "By group:", group_table(ds, group_by).to_string(), "",
                 "Attributions by kind:", kind_table(ds, group_by).to_string(), "",
                 f"Top {n} sources:", top_sources(ds, group_by, n).to_string(index=False)]
        if total:
            parts += ["", f"Not analysed: {total:,} (the first {len(rows)}):", rows.to_string(index=False)]
    return "\n".join(parts) + "\n"
