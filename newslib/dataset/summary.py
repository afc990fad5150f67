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
from .tables import COLUMNS, HAS_SPEAKER
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
        raise DatasetError(
            str(ds.path),
            f"no column {group_by!r} to group by (the dataset has: {', '.join(have) or 'no metadata columns'})",
        )
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
             s as (select grp, count(*) filter (where {HAS_SPEAKER}) as spoken,
                          count(*) filter (where {HAS_SPEAKER} and speaker_anonymous) as anonymous,
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
        select grp as "{group_by or "group"}", name as source, type, attributions, articles from (
            select {g} as grp, name, mode(type) as type, cast(sum(attributions) as bigint) as attributions,
                   count(distinct origin) as articles,
                   row_number() over (partition by {g} order by sum(attributions) desc, count(distinct origin) desc,
                                      name) as k
            from sources where type <> 'credit' group by grp, name)
        where k <= {int(n)} order by 1, attributions desc, articles desc, source""")


def not_analysed(ds: Dataset, limit: int = 50) -> tuple[pd.DataFrame, int]:
    """The articles not analysed, with their status and reason (the first ``limit``), and how many."""
    total = int(ds.sql("select count(*) as n from articles where status <> 'ok'")["n"].iloc[0])
    rows = ds.sql(
        f"select origin, id, status, reason from articles where status <> 'ok' "
        f"order by status, origin limit {int(limit)}"
    )
    return rows, total


def summary_text(ds: Dataset, group_by: str = "", n: int = 10, date_column: str = "") -> str:
    """The notebook's summary as plain text, for ``newslib corpus DIR``: the tables of the corpus
    notebook, who is quoted included (over time for the whole corpus, by month)."""
    import pandas as pd

    with pd.option_context("display.width", 200, "display.max_columns", 40, "display.max_colwidth", 60):
        rows, total = not_analysed(ds, 20)
        parts = [
            f"dataset {ds.path}",
            "",
            status_counts(ds).to_string(index=False),
            "",
            "By group:",
            group_table(ds, group_by).to_string(),
            "",
            "Attributions by kind:",
            kind_table(ds, group_by).to_string(),
            "",
            f"Top {n} sources:",
            top_sources(ds, group_by, n).to_string(index=False),
        ]
        if total:
            parts += ["", f"Not analysed: {total:,} (the first {len(rows)}):", rows.to_string(index=False)]
        parts += ["", *_who_is_quoted(ds, group_by, n, date_column)]
    return "\n".join(parts) + "\n"


def _rows(df: pd.DataFrame) -> str:
    return df.to_string(index=False) if len(df) else "(none)"


def _who_is_quoted(ds: Dataset, group_by: str, n: int, date_column: str) -> list[str]:
    """The text of the corpus notebook's who-is-quoted sections (a dataset of schema 1 gets a note)."""
    try:
        _check_speakers(ds)
    except DatasetError as exc:
        return [f"Who is quoted: not shown ({exc.message})."]
    date = find_date_column(ds, date_column)
    genders = gender_table(ds, group_by)
    people = [c for c in genders.columns if c == "articles" or not c.startswith("attributions")]
    attrs = [c for c in genders.columns if c.startswith("attributions")]
    over_time = gender_over_time(ds, date)
    cats = speaker_categories(ds, group_by)
    shares = [c for c in cats.columns if c.endswith("_share")]
    return [
        "Who is quoted: named people by gender (a person's gender decided across the corpus):",
        genders[people].to_string(),
        "",
        "Attributions to named people by gender:",
        genders[attrs].to_string(),
        "",
        f"Over time (by month of {date!r}):" if date else "Over time: no date column (all '(no date)'):",
        over_time[["period", *people]].to_string(index=False),
        "",
        f"Top {n} people:",
        _rows(top_people(ds, group_by, n)),
        "",
        f"Top {n} women:",
        _rows(top_people(ds, group_by, n, "female")),
        "",
        f"Top {n} men:",
        _rows(top_people(ds, group_by, n, "male")),
        "",
        "Attributions by speaker category:",
        cats.drop(columns=shares).to_string(),
        "",
        "Shares by speaker category (unnamed_share: unnamed, anonymous speakers):",
        cats[shares].rename(columns=lambda c: c.removesuffix("_share")).to_string(),
    ]


# -- who is quoted: people, gender, speaker categories ---------------------------------------------

GENDERS = ("female", "male", "unknown")
"""The genders of the corpus figures: a person's gender decided across the corpus (the ``people``
table), ``unknown`` when nothing decides it. Unknowns are counted and shown, never dropped."""

GENDER_COLUMNS = {
    "articles": "analysed articles",
    "people": "distinct named people quoted (person keys of category named_person)",
    **{f"people_{x}": f"of which {x}" for x in GENDERS},
    **{f"{x}_share": f"share of the people quoted whose gender is {x}" for x in GENDERS},
    "attributions": "attributions to named people",
    **{f"attributions_{x}": f"of which to a person whose gender is {x}" for x in GENDERS},
    **{f"attributions_{x}_share": f"share of the attributions to named people going to {x} people" for x in GENDERS},
}
"""The columns of :func:`gender_table` and :func:`gender_over_time`, with what each one means."""

NO_SPEAKER = "no_speaker"
CATEGORIES = (
    "named_person",
    "named_organisation",
    "unnamed_individual",
    "unnamed_group",
    "document",
    "unknown",
    NO_SPEAKER,
)
"""The columns of :func:`speaker_categories`: the speaker scheme's categories, then attributions
with no speaker at all."""

NO_DATE = "(no date)"
FREQS = {
    "day": ("1 day", "strftime({p}, '%Y-%m-%d')"),
    "week": ("7 days", "strftime({p}, '%Y-%m-%d')"),
    "month": ("1 month", "strftime({p}, '%Y-%m')"),
    "quarter": ("3 months", "strftime({p}, '%Y') || '-Q' || quarter({p})"),
    "year": ("1 year", "strftime({p}, '%Y')"),
}
"""The periods of :func:`gender_over_time`: the calendar step, and the label of a period starting at ``p``
(a week starts on Monday and is labelled by that day)."""

_DATE_FORMATS = (
    "%Y/%m/%d",
    "%Y%m%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%a, %d %b %Y %H:%M:%S GMT",
    "%a, %d %b %Y %H:%M:%S %z",
)
"""Date spellings read besides ISO dates and timestamps (``2026-03-02``, ``2026-03-02T10:00Z``):
RSS/HTTP dates and written-out ones. Anything else, or a date without a day, is no date."""


def _ident(col: str) -> str:
    return '"' + col.replace('"', '""') + '"'


def _check_speakers(ds: Dataset) -> None:
    """:class:`DatasetError` unless the attributions carry speaker categories and person keys (schema 2)."""
    if "speaker_category" not in ds.sql("select * from attributions limit 0").columns:
        raise DatasetError(
            str(ds.path),
            "no speaker categories or person keys (a dataset of schema 1): analyse the corpus again with this newslib",
        )


def _has_people(ds: Dataset) -> bool:
    return bool(ds.sql("select count(*) as n from duckdb_views() where view_name = 'people'")["n"].iloc[0])


def _persons(ds: Dataset) -> str:
    """SQL of one row a person key: ``person``, ``name``, ``gender`` (female, male or null) and
    ``gender_source``, as the ``people`` table decided them across the corpus. While a run is
    still writing (no ``people`` table yet), from the attributions: a gender only where every
    attribution that states one states the same."""
    if _has_people(ds):
        return "select person, name, gender, gender_source from people"
    return """select speaker_person as person, mode(speaker_name) as name,
                     case when count(distinct speaker_gender) = 1 then min(speaker_gender) end as gender,
                     case when count(distinct speaker_gender) = 1 then min(speaker_gender_source) end as gender_source
              from attributions where speaker_person is not null group by speaker_person"""


def _gendered(ds: Dataset, g: str, extra: str = "") -> str:
    """SQL of the attributions to named people: ``grp`` (and ``extra`` columns), ``person``, and
    ``gender`` (female, male or unknown): the person's, else, without a person key, the attribution's own."""
    return f"""
        select x.*, case when coalesce(p.gender, case when x.person is null then x.own end) in ('female', 'male')
                         then coalesce(p.gender, x.own) else 'unknown' end as gender
        from (select {g} as grp{extra}, speaker_person as person, speaker_gender as own
              from attributions where speaker_category = 'named_person') x
        left join ({_persons(ds)}) p on x.person = p.person"""


def _gender_counts() -> str:
    people = ", ".join(f"count(distinct person) filter (where gender = '{x}') as people_{x}" for x in GENDERS)
    attrs = ", ".join(f"count(*) filter (where gender = '{x}') as attributions_{x}" for x in GENDERS)
    return f"count(distinct person) as people, {people}, count(*) as attributions, {attrs}"


def _gender_select(counts: str) -> str:
    """The output columns of :data:`GENDER_COLUMNS` from ``r`` (articles) left-joined to ``{counts}``."""
    cols = ["coalesce(r.articles, 0) as articles", f"coalesce({counts}.people, 0) as people"]
    cols += [f"coalesce({counts}.people_{x}, 0) as people_{x}" for x in GENDERS]
    cols += [f"{counts}.people_{x} / nullif({counts}.people, 0) as {x}_share" for x in GENDERS]
    cols += [f"coalesce({counts}.attributions, 0) as attributions"]
    cols += [f"coalesce({counts}.attributions_{x}, 0) as attributions_{x}" for x in GENDERS]
    cols += [f"{counts}.attributions_{x} / nullif({counts}.attributions, 0) as attributions_{x}_share" for x in GENDERS]
    return ", ".join(cols)


def _tidy_gender(df: pd.DataFrame) -> pd.DataFrame:
    for col in GENDER_COLUMNS:
        if col.endswith("_share"):
            df[col] = df[col].astype(float).round(4)
        else:
            df[col] = df[col].astype("int64")
    return df


def gender_table(ds: Dataset, group_by: str = "") -> pd.DataFrame:
    """Per group (every group with an analysed article): the named people quoted and the
    attributions to them, by gender (:data:`GENDER_COLUMNS`). A person's gender is the one the
    ``people`` table decided across the corpus, the same in every group; people whose gender
    nothing decides are counted as ``unknown``, never dropped. Shares are NaN where a group
    quotes no named person."""
    col = check_group(ds, group_by)
    _check_speakers(ds)
    g = _group(col)
    df = ds.sql(f"""
        with n as ({_gendered(ds, g)}),
             s as (select grp, {_gender_counts()} from n group by grp),
             r as (select {g} as grp, count(*) as articles from articles where status = 'ok' group by grp)
        select r.grp as "group", {_gender_select("s")}
        from r left join s using (grp) order by r.grp""")
    return _tidy_gender(df).set_index("group").rename_axis(group_by or "group")


def find_date_column(ds: Dataset, date_column: str = "") -> str:
    """The column an article's date is read from: ``date_column`` if the dataset has it (else
    :class:`DatasetError` naming the columns it has); if empty, the first of
    ``newslib.dataset.people.DATE_COLUMNS`` present; "" when there is none."""
    from .people import DATE_COLUMNS

    if date_column:
        have = group_columns(ds)
        if date_column not in have:
            raise DatasetError(
                str(ds.path),
                f"no date column {date_column!r} (the dataset has: {', '.join(have) or 'no metadata columns'})",
            )
        return date_column
    columns = set(group_columns(ds))
    return next((c for c in DATE_COLUMNS if c in columns), "")


def _day(col: str) -> str:
    """SQL of the day a date column's text names, leniently: ISO dates and timestamps (the date as
    written, whatever the zone), then :data:`_DATE_FORMATS`; null when none reads."""
    if not col:
        return "null::DATE"
    s = f"trim(cast({_ident(col)} as varchar))"
    formats = ", ".join(f"'{f}'" for f in _DATE_FORMATS)
    return (
        rf"coalesce(try_cast(nullif(regexp_extract({s}, '^(\d{{4}}-\d{{1,2}}-\d{{1,2}})', 1), '') as date), "
        f"cast(try_strptime({s}, [{formats}]) as date))"
    )


def gender_over_time(ds: Dataset, date_column: str = "", freq: str = "month", group_by: str = "") -> pd.DataFrame:
    """:func:`gender_table` by period (``freq``: day, week, month, quarter or year) of the
    articles' date, read from ``date_column`` (if empty, see :func:`find_date_column`). Every
    group lists every period from the corpus's first dated article to its last, those without
    articles too (articles 0, shares NaN); articles whose date is missing or unreadable are
    counted in a last ``(no date)`` row.
    Columns: the group (when ``group_by``), ``period``, then :data:`GENDER_COLUMNS`."""
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    col = check_group(ds, group_by)
    _check_speakers(ds)
    g, day = _group(col), _day(find_date_column(ds, date_column))
    step, label = FREQS[freq]
    period = f"date_trunc('{freq}', {day})::DATE"
    df = ds.sql(f"""
        with n as ({_gendered(ds, g, f", {period} as period")}),
             s as (select grp, period, {_gender_counts()} from n group by grp, period),
             a as (select {g} as grp, {period} as period from articles where status = 'ok'),
             r as (select grp, period, count(*) as articles from a group by grp, period),
             span as (select unnest(generate_series(min(period)::TIMESTAMP, max(period)::TIMESTAMP,
                                                    interval '{step}'))::DATE as period from a),
             cal as (select grp, span.period from (select distinct grp from a) g, span where span.period is not null
                     union all select distinct grp, null::DATE as period from a where period is null)
        select cal.grp as "group", coalesce({label.format(p="cal.period")}, '{NO_DATE}') as period,
               {_gender_select("s")}
        from cal left join r on r.grp = cal.grp and r.period is not distinct from cal.period
                 left join s on s.grp = cal.grp and s.period is not distinct from cal.period
        order by cal.grp, cal.period nulls last""")
    df = _tidy_gender(df)
    return df.rename(columns={"group": group_by}) if group_by else df.drop(columns="group")


def top_people(ds: Dataset, group_by: str = "", n: int = 10, gender: str = "") -> pd.DataFrame:
    """The ``n`` named people most quoted in each group (by attributions, then articles, then key):
    their name (the ``people`` table's canonical one), person key, gender with its source, and
    the group's attributions to them and articles quoting them. ``gender`` (female, male or
    unknown) lists the top people of that gender only: the most quoted women, the most quoted men."""
    if gender and gender not in GENDERS:
        raise ValueError(f"gender must be one of {', '.join(GENDERS)} or empty, not {gender!r}")
    col = check_group(ds, group_by)
    _check_speakers(ds)
    g = _group(col)
    where = f"where gender = '{gender}'" if gender else ""
    df = ds.sql(f"""
        with x as (select {g} as grp, speaker_person as person, speaker_name, origin from attributions
                   where speaker_category = 'named_person' and speaker_person is not null),
             c as (select grp, person, count(*) as attributions, count(distinct origin) as articles,
                          mode(speaker_name) as seen from x group by grp, person),
             j as (select c.*, coalesce(p.name, c.seen) as name,
                          case when p.gender in ('female', 'male') then p.gender else 'unknown' end as gender,
                          p.gender_source
                   from c left join ({_persons(ds)}) p on p.person = c.person),
             k as (select *, row_number() over (partition by grp order by attributions desc, articles desc, person)
                             as rank from j {where})
        select grp as {_ident(group_by or "group")}, rank, name, person, gender, gender_source, attributions, articles
        from k where rank <= {int(n)} order by grp, rank""")
    for c in ("rank", "attributions", "articles"):
        df[c] = df[c].astype("int64")
    return df


def speaker_categories(ds: Dataset, group_by: str = "") -> pd.DataFrame:
    """Per group (every group with an analysed article): attributions by the speaker's category
    (:data:`CATEGORIES`: named person, named organisation, unnamed individual, unnamed group,
    document, unknown, and no speaker at all), as counts and as ``*_share`` of the group's
    attributions, and ``unnamed_share``: the share whose speaker is unnamed (an individual or
    a group), the anonymous ones. Shares are NaN where a group has no attributions."""
    col = check_group(ds, group_by)
    _check_speakers(ds)
    g = _group(col)
    known = ", ".join(f"'{c}'" for c in CATEGORIES if c != NO_SPEAKER)
    counts = ", ".join(f"count(*) filter (where cat = '{c}') as {c}" for c in CATEGORIES)
    df = ds.sql(f"""
        with a as (select {g} as grp,
                          case when speaker_category is null then '{NO_SPEAKER}'
                               when speaker_category in ({known}) then speaker_category else 'unknown' end as cat
                   from attributions),
             s as (select grp, count(*) as attributions, {counts} from a group by grp),
             r as (select {g} as grp, count(*) as articles from articles where status = 'ok' group by grp)
        select r.grp as "group", r.articles, coalesce(s.attributions, 0) as attributions,
               {", ".join(f"coalesce(s.{c}, 0) as {c}" for c in CATEGORIES)},
               {", ".join(f"s.{c} / nullif(s.attributions, 0) as {c}_share" for c in CATEGORIES)},
               (s.unnamed_individual + s.unnamed_group) / nullif(s.attributions, 0) as unnamed_share
        from r left join s using (grp) order by r.grp""")
    for c in df.columns[1:]:
        df[c] = df[c].astype(float).round(4) if c.endswith("_share") else df[c].astype("int64")
    return df.set_index("group").rename_axis(group_by or "group")
